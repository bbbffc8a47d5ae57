"""Row versions (migration 0009): an edit based on a code, case, attribute, memo or matrix summary that someone
changed since the editor read it is refused with who and when, and nothing is overwritten — on an SQLite file and
on a PostgreSQL database (``project_location`` runs each test on both).

Two editors open the same project (two ``Project`` objects; on a server two connections). The second one read a
row, the first one changed it, the second one's edit carrying the version it read is refused.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from coding import cases, codebook, memos, versions
from coding.analysis.matrix import cell_summaries, set_cell_summary
from coding.codebook import CodeTree, find_code
from coding.edits import EditMemoEdit, RenameEdit, SetAttributeValueEdit, SetCellSummaryEdit, UpdateCodeEdit
from coding.errors import StaleEditError
from coding.memos import MemoState
from coding.project import Project
from models import Attribute, Case, Code, Memo
from models.store import SCHEMA_REVISIONS, downgrade, make_engine, sqlite_url

CODE_PATH = "Decision rights"


@dataclass
class Editors:
    """Lin (the first editor) and Morgan (the second, whose view is older) on one project."""

    lin: Project
    morgan: Project
    code_uuid: str
    case_uuid: str
    attribute_uuid: str
    memo_uuid: str


@pytest.fixture
def editors(project_location: str) -> Iterator[Editors]:
    lin = Project.create(project_location)
    lin.actor = "Lin"
    with lin.session() as session:
        code_uuid = find_code(session, CODE_PATH).uuid
        case_uuid = cases.add_case(session, "P01", actor="Lin").uuid
        cases.set_attribute_value(session, "P01", "Role", "doctor", actor="Lin")
        attribute_uuid = cases.find_attribute(session, "Role").uuid
        memo_uuid = memos.add_memo(session, "project", title="Aims", text="first", actor="Lin").uuid
    morgan = Project.open(project_location)
    morgan.actor = "Morgan"
    try:
        yield Editors(lin, morgan, code_uuid, case_uuid, attribute_uuid, memo_uuid)
    finally:
        morgan.close()
        lin.close()


def seen_code(project: Project, code_uuid: str) -> int:
    """The code's version as an editor's view reads it (the codebook's read model)."""
    with project.session() as session:
        return next(info.version for info in CodeTree.load(session).codes.values() if info.uuid == code_uuid)


def definition_of(project: Project, code_uuid: str) -> str:
    with project.session() as session:
        return str(session.scalar(select(Code.definition).where(Code.uuid == code_uuid)))


def assert_refused_by_lin(refusal: pytest.ExceptionInfo[StaleEditError], what: str) -> None:
    message = str(refusal.value)
    assert message.startswith(f"{what} was changed by Lin at "), message
    assert message.endswith("— reloaded; your edit was not applied"), message
    assert refusal.value.actor == "Lin" and refusal.value.at is not None


# -- a stale edit is refused and the first edit survives -------------------------------------------------------
@pytest.mark.parametrize("field", ["name", "definition"])
def test_a_stale_code_edit_is_refused_and_the_first_edit_survives(editors: Editors, field: str) -> None:
    seen = seen_code(editors.morgan, editors.code_uuid)
    versions.write(editors.lin, UpdateCodeEdit(editors.code_uuid, expected_version=seen, **{field: "Lin's"}).do)

    stale = UpdateCodeEdit(editors.code_uuid, expected_version=seen, **{field: "Morgan's"})
    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, stale.do)

    assert_refused_by_lin(refusal, 'Code "' + ("Lin's" if field == "name" else CODE_PATH) + '"')
    with editors.morgan.session() as session:
        code = session.scalar(select(Code).where(Code.uuid == editors.code_uuid))
        assert code is not None and getattr(code, field) == "Lin's" and code.version == seen + 1


def test_a_stale_case_rename_is_refused(editors: Editors) -> None:
    with editors.morgan.session() as session:
        seen = versions.version_of(session, "case", editors.case_uuid)
    versions.write(editors.lin, RenameEdit("case", editors.case_uuid, "P01", "P01 nurse", expected_version=seen).do)

    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, RenameEdit("case", editors.case_uuid, "P01", "P01 doctor",
                                                  expected_version=seen).do)

    assert_refused_by_lin(refusal, 'Case "P01 nurse"')
    with editors.morgan.session() as session:
        assert session.scalar(select(Case.name).where(Case.uuid == editors.case_uuid)) == "P01 nurse"


def test_a_stale_attribute_rename_is_refused(editors: Editors) -> None:
    with editors.morgan.session() as session:
        seen = versions.version_of(session, "attribute", editors.attribute_uuid)
    versions.write(editors.lin, RenameEdit("attribute", editors.attribute_uuid, "Role", "Position",
                                           expected_version=seen).do)

    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, RenameEdit("attribute", editors.attribute_uuid, "Role", "Job",
                                                  expected_version=seen).do)

    assert_refused_by_lin(refusal, 'Attribute "Position"')
    with editors.morgan.session() as session:
        assert session.scalar(select(Attribute.name).where(Attribute.uuid == editors.attribute_uuid)) == "Position"


def test_a_stale_attribute_value_is_refused(editors: Editors) -> None:
    """An attribute value has no row version: the editor passes the value it showed."""
    with editors.morgan.session() as session:
        seen = cases.attribute_value(session, "P01", "Role")
    versions.write(editors.lin, SetAttributeValueEdit("P01", "Role", "nurse", seen=seen).do)

    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, SetAttributeValueEdit("P01", "Role", "manager", seen=seen).do)

    assert_refused_by_lin(refusal, 'The Role of case "P01"')
    with editors.morgan.session() as session:
        assert cases.attribute_value(session, "P01", "Role") == "nurse"
    fresh = SetAttributeValueEdit("P01", "Role", "manager", seen="nurse")  # what the reloaded view shows
    versions.write(editors.morgan, fresh.do)
    versions.write(editors.morgan, fresh.undo)
    with editors.morgan.session() as session:
        assert cases.attribute_value(session, "P01", "Role") == "nurse"


def test_a_stale_memo_edit_is_refused(editors: Editors) -> None:
    loaded = MemoState("Aims", "first")
    with editors.morgan.session() as session:
        seen = versions.version_of(session, "memo", editors.memo_uuid)
    versions.write(editors.lin, EditMemoEdit(editors.memo_uuid, loaded, MemoState("Aims", "Lin's"),
                                             expected_version=seen).do)

    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, EditMemoEdit(editors.memo_uuid, loaded, MemoState("Aims", "Morgan's"),
                                                    expected_version=seen).do)

    assert_refused_by_lin(refusal, 'Memo "Aims"')
    with editors.morgan.session() as session:
        assert session.scalar(select(Memo.text).where(Memo.uuid == editors.memo_uuid)) == "Lin's"


def test_a_memo_editor_that_showed_older_text_is_refused_with_who_and_when(editors: Editors) -> None:
    """The memo panel passes the title and text it showed (no version): a change since is a stale edit too."""
    versions.write(editors.lin, EditMemoEdit(editors.memo_uuid, MemoState("Aims", "first"),
                                             MemoState("Aims", "Lin's")).do)
    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, EditMemoEdit(editors.memo_uuid, MemoState("Aims", "first"),
                                                    MemoState("Aims", "Morgan's")).do)
    assert_refused_by_lin(refusal, 'Memo "Aims"')
    with editors.morgan.session() as session:
        assert session.scalar(select(Memo.text).where(Memo.uuid == editors.memo_uuid)) == "Lin's"


@pytest.mark.parametrize("already_written", [False, True], ids=["empty cell", "written cell"])
def test_a_stale_matrix_summary_is_refused(editors: Editors, already_written: bool) -> None:
    column = f"case:{editors.case_uuid}"
    if already_written:
        versions.write(editors.lin, SetCellSummaryEdit(editors.code_uuid, column, "draft").do)
    with editors.morgan.session() as session:
        seen = versions.cell_version(session, editors.code_uuid, column)
    assert (seen == versions.NO_ROW) is not already_written
    versions.write(editors.lin, SetCellSummaryEdit(editors.code_uuid, column, "Lin's", expected_version=seen).do)

    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, SetCellSummaryEdit(editors.code_uuid, column, "Morgan's",
                                                          expected_version=seen).do)

    assert_refused_by_lin(refusal, f'The summary of "{CODE_PATH} × P01"')
    with editors.morgan.session() as session:
        assert cell_summaries(session)[(editors.code_uuid, column)] == "Lin's"


def test_a_matrix_view_that_showed_older_text_is_refused(editors: Editors) -> None:
    """The matrix view passes the summary it showed (no version): a change since is a stale edit too."""
    column = f"case:{editors.case_uuid}"
    versions.write(editors.lin, SetCellSummaryEdit(editors.code_uuid, column, "Lin's").do)
    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, SetCellSummaryEdit(editors.code_uuid, column, "Morgan's", seen="").do)
    assert_refused_by_lin(refusal, f'The summary of "{CODE_PATH} × P01"')
    edit = SetCellSummaryEdit(editors.code_uuid, column, "Morgan's", seen="Lin's")  # what the reloaded view shows
    versions.write(editors.morgan, edit.do)
    versions.write(editors.morgan, edit.undo)
    with editors.morgan.session() as session:
        assert cell_summaries(session)[(editors.code_uuid, column)] == "Lin's"


# -- edits on what the editor saw go through; undo and redo still work -------------------------------------------
def test_an_edit_of_the_current_version_is_applied_and_bumps_it(editors: Editors) -> None:
    seen = seen_code(editors.morgan, editors.code_uuid)
    versions.write(editors.lin, UpdateCodeEdit(editors.code_uuid, expected_version=seen, colour="#112233").do)
    fresh = seen_code(editors.morgan, editors.code_uuid)  # Morgan's view reloaded

    versions.write(editors.morgan, UpdateCodeEdit(editors.code_uuid, expected_version=fresh, definition="d").do)

    with editors.lin.session() as session:
        code = session.scalar(select(Code).where(Code.uuid == editors.code_uuid))
        assert code is not None and (code.colour, code.definition, code.version) == ("#112233", "d", seen + 2)
    column = f"case:{editors.case_uuid}"
    versions.write(editors.morgan, SetCellSummaryEdit(editors.code_uuid, column, "first",
                                                      expected_version=versions.NO_ROW).do)
    with editors.morgan.session() as session:
        assert versions.cell_version(session, editors.code_uuid, column) == 1


def test_undo_and_redo_of_a_versioned_code_edit(editors: Editors) -> None:
    seen = seen_code(editors.lin, editors.code_uuid)
    original = definition_of(editors.lin, editors.code_uuid)
    edit = UpdateCodeEdit(editors.code_uuid, expected_version=seen, name="Rights to decide", definition="new")
    versions.write(editors.lin, edit.do)
    versions.write(editors.lin, edit.undo)
    with editors.lin.session() as session:
        code = session.scalar(select(Code).where(Code.uuid == editors.code_uuid))
        assert code is not None and (code.name, code.definition, code.version) == (CODE_PATH, original, seen + 2)
    versions.write(editors.lin, edit.redo)  # the version moved on: redo compares values, not the version read
    with editors.lin.session() as session:
        code = session.scalar(select(Code).where(Code.uuid == editors.code_uuid))
        assert code is not None and (code.name, code.version) == ("Rights to decide", seen + 3)


def test_a_refused_first_run_leaves_the_edit_reusable(editors: Editors) -> None:
    """Refused (nothing written), the same edit with a fresh version runs as a first run, not as a redo."""
    seen = seen_code(editors.morgan, editors.code_uuid)
    original = definition_of(editors.morgan, editors.code_uuid)
    versions.write(editors.lin, UpdateCodeEdit(editors.code_uuid, name="Lin's").do)
    edit = UpdateCodeEdit(editors.code_uuid, expected_version=seen, definition="Morgan's")
    with pytest.raises(StaleEditError):
        versions.write(editors.morgan, edit.do)
    assert definition_of(editors.morgan, editors.code_uuid) == original
    edit.expected_version = seen_code(editors.morgan, editors.code_uuid)
    versions.write(editors.morgan, edit.do)
    assert definition_of(editors.morgan, editors.code_uuid) == "Morgan's"
    versions.write(editors.morgan, edit.undo)
    assert definition_of(editors.morgan, editors.code_uuid) == original


# -- a change between this transaction's read and its write ----------------------------------------------------
def test_a_change_landing_between_read_and_write_is_refused_not_overwritten(editors: Editors) -> None:
    """Morgan's transaction has read the code; Lin's commit lands before Morgan's UPDATE, which then matches no
    row of the version read (version_id_col): refused with who and when, Lin's edit kept."""

    def lin_renames() -> None:  # another thread: its own transaction, committed while Morgan's is open
        with editors.lin.session() as session:
            codebook.update_code(session, codebook_id(session, editors.code_uuid), actor="Lin", name="Lin's")

    def step(session: Session, actor: str) -> None:
        code = session.scalar(select(Code).where(Code.uuid == editors.code_uuid))  # read: version N in memory
        assert code is not None
        writer = threading.Thread(target=lin_renames)
        writer.start()
        writer.join()
        codebook.update_code(session, code.id, actor=actor, definition="Morgan's")

    original = definition_of(editors.morgan, editors.code_uuid)
    with pytest.raises(StaleEditError) as refusal:
        versions.write(editors.morgan, step)

    assert_refused_by_lin(refusal, f'Code "{CODE_PATH}"')
    with editors.morgan.session() as session:
        code = session.scalar(select(Code).where(Code.uuid == editors.code_uuid))
        assert code is not None and (code.name, code.definition) == ("Lin's", original)


def codebook_id(session: Session, code_uuid: str) -> int:
    code_id = session.scalar(select(Code.id).where(Code.uuid == code_uuid))
    assert code_id is not None
    return code_id


# -- the message -------------------------------------------------------------------------------------------------
def test_the_time_is_a_clock_today_and_a_date_before() -> None:
    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    today = now.astimezone().replace(hour=10, minute=42)
    assert versions.when(today, now) == "at 10:42"
    earlier = today - timedelta(days=3)
    assert versions.when(earlier, now) == f"on {earlier.date().isoformat()} at 10:42"


def test_set_cell_summary_refuses_a_stale_version_directly(editors: Editors) -> None:
    """The core operation itself (as the CLI calls it) checks ``expected_version``, before writing anything."""
    column = f"case:{editors.case_uuid}"
    with editors.lin.session() as session:
        set_cell_summary(session, editors.code_uuid, column, "Lin's", actor="Lin")
    with pytest.raises(StaleEditError), editors.morgan.session() as session:
        set_cell_summary(session, editors.code_uuid, column, "Morgan's", actor="Morgan",
                         expected_version=versions.NO_ROW)
    with editors.morgan.session() as session:
        assert cell_summaries(session)[(editors.code_uuid, column)] == "Lin's"


# -- the migration (SQLite; PostgreSQL in tests/server/test_versions_pg.py) -----------------------------------
def test_an_older_project_is_upgraded_with_version_one_on_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.concord"
    project = Project.create(path)
    with project.session() as session:
        cases.add_case(session, "P01", actor="Lin")
        memos.add_memo(session, "project", text="note", actor="Lin")
    project.close()
    engine = make_engine(sqlite_url(path))
    downgrade(engine, "0008")
    with engine.connect() as connection:
        for table in ("codes", "cases", "attributes", "memos", "matrix_cell_summaries"):
            assert "version" not in {c["name"] for c in inspect(connection).get_columns(table)}
    engine.dispose()

    reopened = Project.open(path)
    try:
        assert reopened.upgraded_from == "0008" and reopened.backup_path is not None
        assert reopened.backup_path.exists()  # the backup before a migration still works
        with reopened.session() as session:
            for table in ("codes", "cases", "memos"):
                assert set(session.execute(text(f"SELECT DISTINCT version FROM {table}")).scalars()) == {1}
    finally:
        reopened.close()
    assert "0009" in SCHEMA_REVISIONS


def test_any_versioned_row_changed_under_a_transaction_is_refused(editors: Editors) -> None:
    """A write no guard names (deleting a memo another editor changed after this transaction read it) is refused
    all the same: the project's session turns SQLAlchemy's StaleDataError into StaleEditError, nothing written."""

    def lin_edits() -> None:
        with editors.lin.session() as session:
            memos.edit_memo(session, editors.memo_uuid, text="Lin's", actor="Lin")

    def step(session: Session, actor: str) -> None:
        memo = memos.find_memo(session, editors.memo_uuid)  # read: version N in memory
        writer = threading.Thread(target=lin_edits)
        writer.start()
        writer.join()
        session.delete(memo)

    with pytest.raises(StaleEditError, match="changed by someone else meanwhile — reloaded; your edit was not"):
        versions.write(editors.morgan, step)
    with editors.morgan.session() as session:
        assert session.scalar(select(Memo.text).where(Memo.uuid == editors.memo_uuid)) == "Lin's"
