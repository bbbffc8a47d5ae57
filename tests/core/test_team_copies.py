"""Coder copies (coding.team.copies): what a copy holds, who it belongs to, and what it refuses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from coding.audit import verify_chain
from coding.codings import apply_code, remove_coding, resize_coding
from coding.errors import ReadOnlyProjectError, ValidationError
from coding.project import Project
from coding.team.copies import CopyError, copy_coder_name, copy_facts, make_copies, project_uuid, read_base
from models import AttributeValue, AuditEvent, Case, Code, Coder, Coding, Document, Memo
from tests.core.refusals import snapshot
from tests.core.team_helpers import SECRET, build_team_project, code_id, coder_id, document, opened, span


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_team_project(tmp_path_factory.mktemp("team") / "study.concord")


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Iterator[Project]:
    """The team project as ``study.concord`` (copies are named after the project file)."""
    from models.store import copy_project

    copy_project(template, tmp_path / "study.concord")
    project = Project.open(tmp_path / "study.concord")
    yield project
    project.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "copies"
    folder.mkdir()
    return folder


def _uuids(session, model) -> set[str]:  # type: ignore[no-untyped-def]
    return set(session.scalars(select(model.uuid)))


def test_blind_copy_holds_the_coders_documents_and_nothing_of_the_others(study: Project, out: Path) -> None:
    results = make_copies(study, ["Lin"], out)

    assert [r.path for r in results] == [out / "study-Lin.concord"]
    with study.session() as session:
        project_docs = {d.uuid: d.name for d in session.scalars(select(Document))}
        project_codes = _uuids(session, Code)
        lin_codings = set(session.scalars(select(Coding.uuid).where(Coding.coder_id == coder_id(session, "Lin"))))
        cases = {c.name: c.uuid for c in session.scalars(select(Case))}
        uuid = project_uuid(session)
    with opened(results[0].path) as copy, copy.session() as session:
        # Lin's assigned documents only, with the same uuids, their cases and attribute values
        assert {d.uuid: d.name for d in session.scalars(select(Document))} == {
            u: n for u, n in project_docs.items() if n in ("P01 bureau", "P02 hospital")}
        assert {c.name: c.uuid for c in session.scalars(select(Case))} == {
            n: u for n, u in cases.items() if n in ("Case 1", "Case 2")}
        assert session.scalar(select(func.count()).select_from(AttributeValue)) == 2
        assert _uuids(session, Code) == project_codes  # the whole codebook
        assert set(session.scalars(select(Coding.uuid))) == lin_codings  # no codings of Morgan
        assert [m.title for m in session.scalars(select(Memo))] == ["Lin's note"]
        facts = copy_facts(session)
        assert facts is not None and facts.project_uuid == uuid and facts.coder_name == "Lin" and facts.blind
        assert copy_coder_name(session) == "Lin"
        assert set(read_base(session)["codings"]) == lin_codings
        events = session.execute(select(AuditEvent.action, AuditEvent.actor)).all()
        assert events == [("make_copy", "Lin")]  # a fresh trail: the project's tells every coder's codings
        assert verify_chain(session).ok
    assert SECRET.encode() not in results[0].path.read_bytes()  # not even in free pages


def test_a_coder_with_nothing_assigned_gets_every_document(study: Project, out: Path) -> None:
    (result,) = make_copies(study, ["Morgan"], out)

    with opened(result.path) as copy, copy.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 3
        assert session.scalar(select(func.count()).select_from(Case)) == 3
        assert {c.memo for c in session.scalars(select(Coding))} == {"", SECRET}
        assert session.scalar(select(func.count()).select_from(Memo)) == 1  # Morgan's own note


def test_copies_add_new_coders_and_record_the_project_uuid(study: Project, out: Path) -> None:
    with study.session() as session:
        assert project_uuid(session) is None

    results = make_copies(study, ["Lin", "Ann"], out)

    with study.session() as session:
        assert session.scalar(select(Coder.id).where(Coder.name == "Ann")) is not None
        uuid = project_uuid(session)
        made = session.execute(select(AuditEvent.after).where(AuditEvent.action == "make_copy")).scalars().all()
    assert uuid is not None
    assert sorted(event["coder"] for event in made) == ["Ann", "Lin"]
    assert [r.path.name for r in results] == ["study-Lin.concord", "study-Ann.concord"]
    for result in results:
        with opened(result.path) as copy, copy.session() as session:
            facts = copy_facts(session)
            assert facts is not None and facts.project_uuid == uuid


def test_not_blind_keeps_the_others_codings_read_only(study: Project, out: Path) -> None:
    (result,) = make_copies(study, ["Lin"], out, blind=False)

    with opened(result.path) as copy:
        with copy.session() as session:
            morgan = coder_id(session, "Morgan")
            theirs = session.scalar(select(Coding.uuid).where(Coding.coder_id == morgan))
            assert theirs is not None
            lin = coder_id(session, "Lin")
            doc = document(session, "P01 bureau")
        before = snapshot(copy)
        for change in (
            lambda s: remove_coding(s, theirs, actor="Lin"),
            lambda s: resize_coding(s, theirs, 0, 5, actor="Lin"),
            lambda s: apply_code(s, document_id=doc.id, coder_id=morgan, code_id=code_id(s, "Owner functions"),
                                 start=0, end=11, actor="Lin"),
        ):
            with pytest.raises(ReadOnlyProjectError, match="read-only in this coder copy"), copy.session() as session:
                change(session)
            assert snapshot(copy) == before
        with copy.session() as session:  # the copy's own coder codes as usual
            apply_code(session, document_id=doc.id, coder_id=lin, code_id=code_id(session, "Owner functions"),
                       start=0, end=11, actor="Lin")


def test_a_blind_copy_refuses_codings_as_another_coder(study: Project, out: Path) -> None:
    """A coder who switched identity in their copy would make codings no merge takes back: refused."""
    (result,) = make_copies(study, ["Lin"], out)
    with opened(result.path) as copy:
        with copy.session() as session:
            morgan, doc = coder_id(session, "Morgan"), document(session, "P02 hospital").id
        start, end = span("P02 hospital", "one set of books")
        with pytest.raises(ReadOnlyProjectError, match="only Lin's codings"), copy.session() as session:
            apply_code(session, document_id=doc, coder_id=morgan, code_id=code_id(session, "Owner functions"),
                       start=start, end=end, actor="Morgan")


@pytest.mark.parametrize(
    ("coders", "setup", "error", "match"),
    [
        (["Lin"], "target exists", CopyError, "already exists"),
        (["Lin", "lin"], None, ValidationError, "named twice"),
        ([" "], None, ValidationError, "at least one coder"),
        (["Lin"], "no folder", CopyError, "no such folder"),
        (["Consensus"], "consensus coder", ValidationError, "consensus coder"),
    ],
)
def test_refusals_write_nothing(study: Project, out: Path, coders: list[str], setup: str | None,
                                error: type, match: str) -> None:
    target = out
    if setup == "target exists":
        (out / "study-Lin.concord").write_bytes(b"mine")
    elif setup == "no folder":
        target = out / "missing" / "deeper"
    elif setup == "consensus coder":
        from coding.coders import get_or_create_coder

        with study.session() as session:
            get_or_create_coder(session, "Consensus", actor="lead", is_consensus=True)
    files_before = sorted(p.name for p in out.iterdir())
    before = snapshot(study)

    with pytest.raises(error, match=match):
        make_copies(study, coders, target)

    assert snapshot(study) == before
    assert sorted(p.name for p in out.iterdir()) == files_before


def test_a_copy_of_a_copy_is_refused(study: Project, out: Path, tmp_path: Path) -> None:
    (result,) = make_copies(study, ["Lin"], out)
    again = tmp_path / "again"
    again.mkdir()
    with opened(result.path) as copy:
        before = snapshot(copy)
        with pytest.raises(CopyError, match="is a coder copy"):
            make_copies(copy, ["Lin"], again)
        assert snapshot(copy) == before
    assert list(again.iterdir()) == []


def test_a_failed_copy_removes_the_ones_already_written(study: Project, out: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from coding.team import copies

    real = copies._cut_down
    calls = []

    def failing_second(connection, coder, blind):  # type: ignore[no-untyped-def]
        calls.append(coder)
        if len(calls) == 2:
            connection.exec_driver_sql("SELECT * FROM no_such_table")
        return real(connection, coder, blind)

    monkeypatch.setattr(copies, "_cut_down", failing_second)
    with pytest.raises(Exception, match="no_such_table"):
        make_copies(study, ["Lin", "Morgan"], out)
    assert list(out.iterdir()) == []
    with study.session() as session:  # nor an audit event for a copy that is not there
        assert session.scalar(select(func.count()).where(AuditEvent.action == "make_copy")) == 0


def test_the_copy_is_a_consistent_snapshot_of_the_live_project(study: Project, out: Path) -> None:
    """Copied through the project's own connection while it is open, with the WAL's latest commits."""
    with study.session() as session:
        lin, doc = coder_id(session, "Lin"), document(session, "P02 hospital").id
        start, end = span("P02 hospital", "Money follows the patients now.")
        fresh = apply_code(session, document_id=doc, coder_id=lin, code_id=code_id(session, "Owner functions"),
                           start=start, end=end, actor="Lin").uuid
    (result,) = make_copies(study, ["Lin"], out)
    with opened(result.path) as copy, copy.session() as session:
        assert session.scalar(select(Coding.id).where(Coding.uuid == fresh)) is not None
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
