"""Coding operations: validation, snapping, audit, and that refusals change nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.codings import (
    apply_code,
    remove_coding,
    resize_coding,
    restore_coding,
    set_coding_memo,
    snap_to_sentences,
    snap_to_words,
)
from coding.errors import NotFoundError, ValidationError
from coding.readers import load_codings
from coding.project import Project
from models import AuditEvent, Code, Coder, Coding, Document, Sentence

TEXT = "Interviewer: How is the budget set?\nR: The county sets it. We only follow it, honestly."


@pytest.fixture()
def world(tmp_path: Path):
    project = Project.create(tmp_path / "c.concord", with_codebook=False)
    with project.session() as session:
        document = Document(
            name="doc", source_name="doc.txt", format="txt", sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
            language="en", text=TEXT, char_count=len(TEXT),
        )
        parent = Code(name="Residual claims")
        session.add_all([document, parent, Coder(name="Lin")])
        session.flush()
        session.add(Code(name="Financial management rights", parent_id=parent.id))
        category = Code(name="Category", is_codable=False)
        session.add(category)
        r_start = TEXT.index("The county")
        session.add_all([
            Sentence(document_id=document.id, position=0, start=13, end=35),
            Sentence(document_id=document.id, position=1, start=r_start, end=r_start + 21),
            Sentence(document_id=document.id, position=2, start=r_start + 22, end=len(TEXT)),
        ])
    with project.session() as session:
        ids = {
            "doc": session.scalar(select(Document.id)),
            "code": session.scalar(select(Code.id).where(Code.name == "Financial management rights")),
            "category": session.scalar(select(Code.id).where(Code.name == "Category")),
            "coder": session.scalar(select(Coder.id)),
        }
    yield project, ids
    project.close()


def _count(project: Project, model: type) -> int:
    with project.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _apply(project: Project, ids: dict, start: int, end: int, **kwargs):
    with project.session() as session:
        coding = apply_code(
            session, document_id=kwargs.pop("document_id", ids["doc"]), coder_id=kwargs.pop("coder_id", ids["coder"]),
            code_id=kwargs.pop("code_id", ids["code"]), start=start, end=end, actor="tester", **kwargs,
        )
        return coding.uuid, coding.start, coding.end


def test_apply_code_writes_the_coding_and_an_audit_event(world) -> None:
    project, ids = world
    start = TEXT.index("county")
    uuid, s, e = _apply(project, ids, start, start + 6, memo="who decides")
    assert (s, e) == (start, start + 6)
    with project.session() as session:
        coding = session.scalar(select(Coding))
        event = session.scalar(select(AuditEvent).where(AuditEvent.entity_uuid == uuid))
    assert coding.memo == "who decides"
    assert event.action == "apply_code" and event.actor == "tester"
    assert event.after["start"] == start and event.before is None


def test_applying_a_code_reads_only_the_coded_span_of_the_text(world) -> None:
    """A transcript's text can be hundreds of kB: one coding reads its span, never the whole text (on a server
    every coder's every coding would carry the transcript over the network)."""
    from sqlalchemy import event

    project, ids = world
    statements: list[str] = []
    engine = project.store.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731  (conn, cursor, statement, ...)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        start = TEXT.index("county")
        _apply(project, ids, start, start + 6)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    reading_text = [s for s in statements if "documents.text" in s]
    assert reading_text and all("substr(documents.text" in s for s in reading_text), reading_text


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "error", "message"),
    [
        (-1, 5, {}, ValidationError, "outside document 'doc'"),
        (5, 5, {}, ValidationError, "outside"),
        (10, 5, {}, ValidationError, "outside"),
        (0, len(TEXT) + 1, {}, ValidationError, f"end <= {len(TEXT)}"),
        (0, 5, {"code_id": 999}, NotFoundError, "unknown code id 999"),
        (0, 5, {"coder_id": 999}, NotFoundError, "unknown coder id 999"),
        (0, 5, {"document_id": 999}, NotFoundError, "unknown document id 999"),
        (35, 36, {}, ValidationError, "nothing to code"),
        (0, 5, {"snap": "paragraph"}, ValidationError, "unknown snapping mode"),
    ],
)
def test_bad_codings_are_refused_and_change_nothing(world, start, end, kwargs, error, message) -> None:
    project, ids = world
    with pytest.raises(error, match=message):
        _apply(project, ids, start, end, **kwargs)
    assert _count(project, Coding) == 0
    assert _count(project, AuditEvent) == 0


def test_a_category_cannot_be_applied(world) -> None:
    project, ids = world
    with pytest.raises(ValidationError, match="is a category"):
        _apply(project, ids, 0, 5, code_id=ids["category"])


def test_snap_to_words_widens_partial_words_and_trims_spaces() -> None:
    text = "The county sets it."
    assert snap_to_words(text, 5, 8) == (4, 10)  # "oun" -> "county"
    assert snap_to_words(text, 3, 11) == (4, 10)  # " county " -> "county"
    assert snap_to_words("审计监督很重要", 2, 3) == (0, 7)  # no spaces in Chinese: \w runs join
    assert snap_to_words(text, 0, 3) == (0, 3)


def test_snap_to_sentences_covers_touched_sentences() -> None:
    bounds = [(0, 10), (11, 20), (21, 30)]
    assert snap_to_sentences(bounds, 12, 14) == (11, 20)
    assert snap_to_sentences(bounds, 5, 25) == (0, 30)
    assert snap_to_sentences([], 3, 4) == (3, 4)


def test_apply_with_snapping(world) -> None:
    project, ids = world
    start = TEXT.index("ounty")
    assert _apply(project, ids, start, start + 3, snap="word")[1:] == (start - 1, start + 5)
    assert _apply(project, ids, start, start + 3, snap="sentence")[1:] == (
        TEXT.index("The county"), TEXT.index("The county") + 21)


def test_resize_memo_remove_and_restore(world) -> None:
    project, ids = world
    uuid, _, _ = _apply(project, ids, 0, 11)
    with project.session() as session:
        resize_coding(session, uuid, 13, 35, actor="tester")
        set_coding_memo(session, uuid, "question", actor="tester")
    with project.session() as session:
        rows = load_codings(session, ids["doc"], None)
    assert [(r.start, r.end, r.memo) for r in rows] == [(13, 35, "question")]

    with pytest.raises(ValidationError, match="outside"):
        with project.session() as session:
            resize_coding(session, uuid, 30, 20, actor="tester")
    with project.session() as session:
        saved = remove_coding(session, uuid, actor="tester")
    assert _count(project, Coding) == 0
    with project.session() as session:
        restore_coding(session, saved, actor="tester")
    with project.session() as session:
        back = session.scalar(select(Coding))
    assert (back.uuid, back.start, back.end, back.memo) == (uuid, 13, 35, "question")
    with project.session() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["apply_code", "resize_coding", "set_coding_memo", "remove_coding", "restore_coding"]


def test_unknown_coding_uuid(world) -> None:
    project, _ = world
    with pytest.raises(NotFoundError, match="unknown coding"):
        with project.session() as session:
            remove_coding(session, "nope", actor="tester")


def test_chinese_word_snapping_uses_the_segmenter(tmp_path: Path) -> None:
    from coding.importing import add_document_text

    text = "受访者：我们医院的财务管理权在集团手里。"
    project = Project.create(tmp_path / "zh.concord", with_codebook=False)
    with project.session() as session:
        document = add_document_text(session, name="zh", text=text, source_name="zh.txt", format="txt")
        code = Code(name="Financial management rights")
        coder = Coder(name="Lin")
        session.add_all([code, coder])
        session.flush()
        inside = text.index("管理") + 1  # starts inside the word 管理 / 财务
        coding = apply_code(session, document_id=document.id, coder_id=coder.id, code_id=code.id,
                            start=inside, end=inside + 2, snap="word", actor="t")
        snapped = text[coding.start:coding.end]
    project.close()
    assert snapped.startswith("管理") and len(snapped) >= 3
    assert "：" not in snapped


def test_a_coding_cannot_be_moved_onto_a_category(world) -> None:
    from coding.codings import change_coding_code

    project, ids = world
    uuid, _, _ = _apply(project, ids, 0, 11)
    with pytest.raises(ValidationError, match="is a category"):
        with project.session() as session:
            change_coding_code(session, uuid, ids["category"], actor="tester")
    with project.session() as session:
        assert session.scalar(select(Coding.code_id)) == ids["code"]
