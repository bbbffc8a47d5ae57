"""Merging coder copies back (coding.team.merge): the rules, every refusal, undo and redo, and .qdpx files."""

from __future__ import annotations

import re
import uuid as uuid_module
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from coding.codebook import add_code, delete_code, find_code, move_code, update_code
from coding.codings import apply_code, remove_coding, resize_coding, set_coding_memo
from coding.errors import ConflictError
from coding.project import Project
from coding.team.assignments import document_status, mark_done
from coding.team.copies import make_copies
from coding.team.merge import MergeResult, merge_copies, redo_merge, undo_merge
from models import AuditEvent, Coding, Memo
from models.store import copy_project
from tests.core.refusals import snapshot
from tests.core.team_helpers import (
    build_team_project,
    code_id,
    code_tree,
    code_uuid,
    coder_id,
    codes_named,
    codings_by,
    content,
    document,
    opened,
    span,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_team_project(tmp_path_factory.mktemp("team") / "study.concord")


class Team:
    """The lead's project (open) and blind copies for Lin and Morgan."""

    def __init__(self, project: Project, folder: Path) -> None:
        self.project, self.folder = project, folder
        self.lin, self.morgan = (r.path for r in make_copies(project, ["Lin", "Morgan"], folder))

    def edit(self, copy: Path, change: Callable[[Session], Any]) -> Any:
        with opened(copy) as project, project.session() as session:
            return change(session)

    def merge(self, *paths: Path, **options: Any) -> MergeResult:
        return merge_copies(self.project, list(paths), **options)


@pytest.fixture
def team(template: Path, tmp_path: Path) -> Iterator[Team]:
    copy_project(template, tmp_path / "study.concord")
    project = Project.open(tmp_path / "study.concord")
    folder = tmp_path / "copies"
    folder.mkdir()
    yield Team(project, folder)
    project.close()


def _coding(session: Session, coder: str, document_name: str, phrase: str, code: str, memo: str = "") -> str:
    start, end = span(document_name, phrase)
    return apply_code(session, document_id=document(session, document_name).id, coder_id=coder_id(session, coder),
                      code_id=code_id(session, code), start=start, end=end, memo=memo, actor=coder).uuid


def _coding_at(session: Session, coder: str, phrase_document: str, phrase: str) -> str:
    start, _end = span(phrase_document, phrase)
    found = session.scalar(select(Coding.uuid).where(Coding.coder_id == coder_id(session, coder),
                                                     Coding.start == start))
    assert found is not None
    return found


# -- codings -----------------------------------------------------------------------------------------------
def test_added_changed_and_deleted_codings_come_back(team: Team) -> None:
    morgan_before = codings_by(team.project, "Morgan")

    def work(session: Session) -> None:
        _coding(session, "Lin", "P02 hospital", "The council appoints the president.", "Owner functions")
        books = _coding_at(session, "Lin", "P02 hospital", "one set of books")
        resize_coding(session, books, *span("P02 hospital", "one legal entity with one set of books"), actor="Lin")
        set_coding_memo(session, _coding_at(session, "Lin", "P01 bureau", "we set the targets"), "changed", actor="Lin")
        remove_coding(session, _coding_at(session, "Lin", "P01 bureau", "I head the district health bureau."),
                      actor="Lin")

    team.edit(team.lin, work)
    result = team.merge(team.lin)

    (report,) = result.reports
    assert (report.codings.added, report.codings.changed, report.codings.deleted) == (1, 2, 1)
    with opened(team.lin) as copy:
        assert codings_by(team.project, "Lin") == codings_by(copy, "Lin")
    assert codings_by(team.project, "Morgan") == morgan_before


def test_merging_the_same_copy_twice_adds_nothing(team: Team) -> None:
    team.edit(team.lin, lambda s: _coding(s, "Lin", "P02 hospital", "Money follows the patients now.",
                                          "Owner functions"))
    team.merge(team.lin)
    after_first = content(team.project)

    (report,) = team.merge(team.lin).reports

    assert content(team.project) == after_first
    assert (report.codings.added, report.codings.changed, report.codings.deleted) == (0, 0, 0)
    assert report.codings.unchanged == 4  # three from the project and the new one


def test_only_codings_that_were_in_the_copy_can_be_deleted_by_it(team: Team) -> None:
    """Codings of the coder the copy never held (another document, or made in the project after the copy
    was made) are left alone, though the copy lacks them."""
    with team.project.session() as session:
        elsewhere = _coding(session, "Lin", "P03 clinic", "twice a week", "Owner functions")
        later = _coding(session, "Lin", "P01 bureau", "my job has changed", "Owner functions")
    team.edit(team.lin, lambda s: remove_coding(s, _coding_at(s, "Lin", "P02 hospital", "one set of books"),
                                                actor="Lin"))

    (report,) = team.merge(team.lin).reports

    uuids = {row[0] for row in codings_by(team.project, "Lin")}
    assert {elsewhere, later} <= uuids
    assert report.codings.deleted == 1 and len(uuids) == 4  # 3 + 2 in the project - 1 deleted in the copy


def test_the_copy_wins_for_its_coders_codings_only_where_it_changed_them(team: Team) -> None:
    with team.project.session() as session:  # the lead fixes two of Lin's codings in the project meanwhile
        targets = _coding_at(session, "Lin", "P01 bureau", "we set the targets")
        books = _coding_at(session, "Lin", "P02 hospital", "one set of books")
        set_coding_memo(session, targets, "lead's fix", actor="lead")
        set_coding_memo(session, books, "lead's fix", actor="lead")
    team.edit(team.lin, lambda s: set_coding_memo(s, books, "Lin's own", actor="Lin"))

    team.merge(team.lin)

    with team.project.session() as session:
        memos = dict(session.execute(select(Coding.uuid, Coding.memo).where(Coding.uuid.in_([targets, books]))).all())
    assert memos == {targets: "lead's fix", books: "Lin's own"}


def test_a_coding_deleted_in_the_project_stays_deleted_unless_the_coder_changed_it(team: Team) -> None:
    with team.project.session() as session:
        targets = _coding_at(session, "Lin", "P01 bureau", "we set the targets")
        books = _coding_at(session, "Lin", "P02 hospital", "one set of books")
        remove_coding(session, targets, actor="lead")
        remove_coding(session, books, actor="lead")
    team.edit(team.lin, lambda s: set_coding_memo(s, books, "still mine", actor="Lin"))

    team.merge(team.lin)

    uuids = {row[0] for row in codings_by(team.project, "Lin")}
    assert books in uuids and targets not in uuids


# -- codes ---------------------------------------------------------------------------------------------------
def test_a_code_added_in_a_copy_is_added_under_the_same_parent_with_its_codings(team: Team) -> None:
    def work(session: Session) -> str:
        trust = add_code(session, "Trust", code_id(session, "Decision rights"), actor="Lin", definition="Faith in")
        start, end = span("P01 bureau", "we set the targets")
        apply_code(session, document_id=document(session, "P01 bureau").id, coder_id=coder_id(session, "Lin"),
                   code_id=trust.id, start=start, end=end, actor="Lin")
        return trust.uuid

    trust = team.edit(team.lin, work)
    (report,) = team.merge(team.lin).reports

    assert report.codes.added == 1
    assert code_uuid(team.project, "Decision rights/Trust") == trust
    assert any(row[2].endswith("Decision rights/Trust") for row in codings_by(team.project, "Lin"))


def test_the_same_new_code_in_two_copies_becomes_one_code(team: Team) -> None:
    for copy, coder, phrase in ((team.lin, "Lin", "we set the targets"), (team.morgan, "Morgan", "my job has changed")):
        def work(session: Session, coder: str = coder, phrase: str = phrase) -> None:
            trust = add_code(session, "Trust", code_id(session, "Decision rights"), actor=coder)
            start, end = span("P01 bureau", phrase)
            apply_code(session, document_id=document(session, "P01 bureau").id, coder_id=coder_id(session, coder),
                       code_id=trust.id, start=start, end=end, actor=coder)
        team.edit(copy, work)

    team.merge(team.lin, team.morgan)

    with team.project.session() as session:
        (trust,) = codes_named(session, "Trust")
        coders = set(session.scalars(select(Coding.coder_id).where(Coding.code_id == trust.id)))
        assert coders == {coder_id(session, "Lin"), coder_id(session, "Morgan")}


def test_a_code_changed_only_in_the_copy_is_taken(team: Team) -> None:
    def work(session: Session) -> None:
        update_code(session, code_id(session, "Owner functions"), actor="Lin", name="Ownership",
                    definition="Who owns the hospitals")
        move_code(session, code_id(session, "Market competition"), code_id(session, "Decision rights"), actor="Lin")

    team.edit(team.lin, work)
    (report,) = team.merge(team.lin).reports

    tree = code_tree(team.project)
    assert "Decision rights/Ownership" in " ".join(tree)
    assert any(path.endswith("Decision rights/Market competition") for path in tree)
    assert report.codes.changed == 2 and not report.conflicts


@pytest.mark.parametrize("theirs", [False, True])
def test_a_code_changed_differently_in_both_places_is_a_conflict(team: Team, theirs: bool) -> None:
    with team.project.session() as session:
        update_code(session, code_id(session, "Owner functions"), actor="lead", name="Owners")
    team.edit(team.lin, lambda s: update_code(s, code_id(s, "Owner functions"), actor="Lin", name="Ownership"))

    (report,) = team.merge(team.lin, theirs=theirs).reports

    (conflict,) = report.conflicts
    assert "renamed" in conflict.message and ("took the copy's" if theirs else "kept the project's") in conflict.message
    with team.project.session() as session:
        assert codes_named(session, "Ownership" if theirs else "Owners")


def test_a_code_deleted_in_the_copy_stays_and_is_reported(team: Team) -> None:
    team.edit(team.lin, lambda s: delete_code(s, code_id(s, "Institutional environments"), actor="Lin"))

    (report,) = team.merge(team.lin).reports

    assert any("Institutional environments" in path for path in code_tree(team.project))
    assert [c.message for c in report.conflicts] == ["deleted in the copy; kept in the project"]


def test_a_code_deleted_in_the_project_comes_back_when_the_copy_uses_it(team: Team) -> None:
    uuid = code_uuid(team.project, "Institutional environments")
    with team.project.session() as session:
        delete_code(session, code_id(session, "Institutional environments"), actor="lead")
    team.edit(team.lin, lambda s: _coding(s, "Lin", "P01 bureau", "my job has changed", "Institutional environments"))

    (report,) = team.merge(team.lin).reports

    assert code_uuid(team.project, "Institutional environments") == uuid
    assert "put back" in report.conflicts[0].message


# -- memos and statuses --------------------------------------------------------------------------------------
def test_memos_and_document_statuses_come_back(team: Team) -> None:
    def work(session: Session) -> None:
        note = session.scalar(select(Memo).where(Memo.title == "Lin's note"))
        assert note is not None
        note.text = "second reading"
        session.add(Memo(target_kind="document", target_uuid=document(session, "P02 hospital").uuid,
                         author_id=coder_id(session, "Lin"), title="new", text="a new note"))
        mark_done(session, "Lin", ["P01 bureau"], actor="Lin")

    team.edit(team.lin, work)
    (report,) = team.merge(team.lin).reports

    assert (report.memos.added, report.memos.changed, report.statuses.changed) == (1, 1, 1)
    with team.project.session() as session:
        texts = set(session.scalars(select(Memo.text).where(Memo.author_id == coder_id(session, "Lin"))))
        status = document_status(session, coder_id(session, "Lin"), document(session, "P01 bureau").id)
    assert texts == {"second reading", "a new note"} and status == "done"


# -- refusals ----------------------------------------------------------------------------------------------
def _another_projects_copy(team: Team, tmp_path: Path) -> Path:
    copy_project(team.project.path, tmp_path / "other.concord")  # type: ignore[arg-type]
    folder = tmp_path / "other-copies"
    folder.mkdir()
    with opened(tmp_path / "other.concord") as other:
        with other.session() as session:  # a "Save a copy" made before any copies: its own uuid when it makes some
            session.execute(text("DELETE FROM project_meta WHERE key = 'project_uuid'"))
        return make_copies(other, ["Lin"], folder)[0].path


def _changed_text(team: Team, _tmp: Path) -> Path:
    with opened(team.lin) as copy, copy.session() as session:
        session.execute(text("UPDATE documents SET text = text || ' Extra.', sha256 = 'f00d' WHERE name = 'P01 bureau'"))
    return team.lin


def _document_gone(team: Team, _tmp: Path) -> Path:
    with team.project.session() as session:
        session.execute(text("DELETE FROM documents WHERE name = 'P02 hospital'"))
    return team.lin


def _older_copy(team: Team, tmp_path: Path) -> Path:
    newer_folder = tmp_path / "newer"
    newer_folder.mkdir()
    (newer,) = make_copies(team.project, ["Lin"], newer_folder)
    team.edit(newer.path, lambda s: _coding(s, "Lin", "P01 bureau", "my job has changed", "Owner functions"))
    team.edit(team.lin, lambda s: _coding(s, "Lin", "P01 bureau", "We sit on the council", "Owner functions"))
    assert not team.merge(newer.path).refused
    return team.lin


def _not_a_copy(team: Team, tmp_path: Path) -> Path:
    return team.project.save_copy(tmp_path / "saved.concord")


@pytest.mark.parametrize(
    ("prepare", "match"),
    [
        (_not_a_copy, "not a coder copy"),
        (_another_projects_copy, "a copy of another project"),
        (_changed_text, "document 'P01 bureau' differs from the project's"),
        (_document_gone, "document 'P02 hospital' is not in the project"),
        (_older_copy, "Lin already has codings merged from a newer copy"),
        (lambda team, _tmp: team.project.path, "is the project itself"),
        (lambda _team, tmp: tmp / "missing.concord", "no such file"),
    ],
)
def test_refused_copies_leave_the_project_unchanged(team: Team, tmp_path: Path, prepare: Any, match: str) -> None:
    team.edit(team.lin, lambda s: _coding(s, "Lin", "P01 bureau", "Before the reform", "Owner functions"))
    path = prepare(team, tmp_path)
    before = snapshot(team.project)

    result = team.merge(path)

    (refused,) = result.refused
    assert refused.refused is not None and match in refused.refused and "nothing merged" in refused.refused
    assert "\n" not in refused.refused
    assert snapshot(team.project) == before
    assert not result.records


def test_an_older_copy_that_changes_nothing_is_not_refused(team: Team, tmp_path: Path) -> None:
    newer_folder = tmp_path / "newer"
    newer_folder.mkdir()
    (newer,) = make_copies(team.project, ["Lin"], newer_folder)
    team.edit(newer.path, lambda s: _coding(s, "Lin", "P01 bureau", "my job has changed", "Owner functions"))
    team.merge(newer.path)

    (report,) = team.merge(team.lin).reports

    assert report.merged and report.codings.added == report.codings.changed == report.codings.deleted == 0


def test_one_refused_copy_does_not_stop_the_others(team: Team, tmp_path: Path) -> None:
    team.edit(team.morgan, lambda s: _coding(s, "Morgan", "P02 hospital", "one set of books", "Owner functions"))
    result = team.merge(_not_a_copy(team, tmp_path), team.morgan)

    assert [r.merged for r in result.reports] == [False, True]
    assert result.reports[1].codings.added == 1


# -- the audit trail, undo and redo ----------------------------------------------------------------------------
def test_each_merge_is_one_audited_event_naming_what_it_touched(team: Team) -> None:
    added = team.edit(team.lin, lambda s: _coding(s, "Lin", "P01 bureau", "Before the reform", "Owner functions"))

    team.merge(team.lin, team.morgan)

    with team.project.session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "merge")).all()
    assert [event.after["coder"] for event in events] == ["Lin", "Morgan"]
    assert events[0].after["codings"]["added"] == [added]


def test_undo_takes_back_exactly_what_the_merge_did_and_redo_does_it_again(team: Team) -> None:
    def work(session: Session) -> None:
        trust = add_code(session, "Trust", code_id(session, "Decision rights"), actor="Lin")
        start, end = span("P01 bureau", "Before the reform")
        apply_code(session, document_id=document(session, "P01 bureau").id, coder_id=coder_id(session, "Lin"),
                   code_id=trust.id, start=start, end=end, actor="Lin")
        remove_coding(session, _coding_at(session, "Lin", "P02 hospital", "one set of books"), actor="Lin")
        update_code(session, code_id(session, "Owner functions"), actor="Lin", definition="new definition")
        mark_done(session, "Lin", ["P02 hospital"], actor="Lin")

    team.edit(team.lin, work)
    team.edit(team.morgan, lambda s: _coding(s, "Morgan", "P03 clinic", "every spring", "Owner functions"))
    before = content(team.project, skip=("audit_events",))
    result = team.merge(team.lin, team.morgan)
    merged = content(team.project, skip=("audit_events",))
    assert merged != before

    with team.project.session() as session:
        undo_merge(session, result.records, actor="lead")
    assert content(team.project, skip=("audit_events",)) == before

    with team.project.session() as session:
        redo_merge(session, result.records, actor="lead")
    assert content(team.project, skip=("audit_events",)) == merged


def test_undo_is_refused_when_merged_work_was_changed_since(team: Team) -> None:
    added = team.edit(team.lin, lambda s: _coding(s, "Lin", "P01 bureau", "Before the reform", "Owner functions"))
    result = team.merge(team.lin)
    with team.project.session() as session:
        resize_coding(session, added, *span("P01 bureau", "Before the reform, every hospital"), actor="lead")
    before = snapshot(team.project)

    with pytest.raises(ConflictError, match="changed since"), team.project.session() as session:
        undo_merge(session, result.records, actor="lead")

    assert snapshot(team.project) == before


# -- .qdpx files coded in another program --------------------------------------------------------------------
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _as_another_tool_writes_it(qdpx: Path, user_name: str = "default") -> None:
    """Every GUID new (sources, codes, codings, users) and the coder's user renamed, as a tool that keeps no ids."""
    with zipfile.ZipFile(qdpx) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    fresh: dict[str, str] = {}

    def renew(match: re.Match[str]) -> str:
        return fresh.setdefault(match.group(0), str(uuid_module.uuid4()))

    xml = _GUID.sub(renew, members.pop("project.qde").decode("utf-8"))
    xml = re.sub(r'(<User guid="[^"]+" name=")Lin(")', rf"\g<1>{user_name}\g<2>", xml)
    with zipfile.ZipFile(qdpx, "w") as archive:
        archive.writestr("project.qde", xml)
        for name, data in members.items():
            archive.writestr(_GUID.sub(renew, name), data)


def _export(copy: Path, out: Path) -> Path:
    from coding.refi import export_qdpx

    with opened(copy) as project, project.session() as session:
        export_qdpx(session, out)
    return out


def test_a_qdpx_coded_in_another_program_merges_by_text_and_names(team: Team, tmp_path: Path) -> None:
    def work(session: Session) -> None:
        _coding(session, "Lin", "P01 bureau", "Before the reform", "Owner functions")
        trust = add_code(session, "Trust", code_id(session, "Decision rights"), actor="Lin")
        start, end = span("P02 hospital", "Money follows the patients now.")
        apply_code(session, document_id=document(session, "P02 hospital").id, coder_id=coder_id(session, "Lin"),
                   code_id=trust.id, start=start, end=end, actor="Lin")

    team.edit(team.lin, work)
    qdpx = _export(team.lin, tmp_path / "lin.qdpx")
    _as_another_tool_writes_it(qdpx)

    refused = team.merge(qdpx).refused
    assert refused and "name the project's coder with --coder" in (refused[0].refused or "")

    (report,) = team.merge(qdpx, coder="Lin").reports
    assert (report.codings.added, report.codings.unchanged, report.codes.added) == (2, 3, 1)
    texts = {(doc, path.split("/")[-1], start, end) for _u, doc, path, start, end, _m in codings_by(team.project, "Lin")}
    assert ("P01 bureau", "Owner functions", *span("P01 bureau", "Before the reform")) in texts
    assert ("P02 hospital", "Trust", *span("P02 hospital", "Money follows the patients now.")) in texts

    after = content(team.project)
    (again,) = team.merge(qdpx, coder="Lin").reports
    assert content(team.project) == after and again.codings.added == 0


def test_a_qdpx_of_a_concord_copy_merges_by_uuid(team: Team, tmp_path: Path) -> None:
    added = team.edit(team.lin, lambda s: _coding(s, "Lin", "P01 bureau", "Before the reform", "Owner functions"))
    qdpx = _export(team.lin, tmp_path / "lin.qdpx")

    (report,) = team.merge(qdpx).reports  # the user is Lin, by uuid: no --coder needed

    assert report.codings.added == 1 and added in {row[0] for row in codings_by(team.project, "Lin")}


def test_a_qdpx_of_another_project_is_refused(team: Team, tmp_path: Path) -> None:
    from coding.coders import get_or_create_coder
    from coding.importing import add_document_text
    from coding.refi import export_qdpx

    with Project.create(tmp_path / "elsewhere.concord") as other, other.session() as session:
        doc = add_document_text(session, name="x", text="R: Something else entirely.\n", source_name="x.txt",
                                format="txt")
        coder = get_or_create_coder(session, "Lin", actor="x")
        apply_code(session, document_id=doc.id, coder_id=coder.id, code_id=code_id(session, "Owner functions"),
                   start=3, end=12, actor="x")
        export_qdpx(session, tmp_path / "elsewhere.qdpx")
    before = snapshot(team.project)

    (report,) = team.merge(tmp_path / "elsewhere.qdpx", coder="Lin").reports

    assert report.refused and "none of its documents is in this project" in report.refused
    assert snapshot(team.project) == before


def test_find_code_still_resolves_after_merge(team: Team) -> None:
    """Merged codes keep the codebook's invariants (positions, unique sibling names)."""
    team.edit(team.lin, lambda s: add_code(s, "Trust", code_id(s, "Decision rights"), actor="Lin"))
    team.merge(team.lin)
    with team.project.session() as session:
        siblings = session.execute(text(
            "SELECT position FROM codes WHERE parent_id = (SELECT id FROM codes WHERE name = 'Decision rights') "
            "ORDER BY position")).scalars().all()
        assert siblings == list(range(len(siblings)))
        assert find_code(session, "Decision rights/Trust").name == "Trust"
