"""The open transcript updates from an edit's change record: only the codings the record names are read again,
and only their stretch is repainted, yet the view ends exactly as a fresh load of the document shows it.

Each check compares the transcript after apply / undo / redo (or another coder's edit, announced as team sync
announces it, through JSON) with a new ``TranscriptView`` loaded from the file, cell by cell of the painted
backgrounds; SQL statements are counted with SQLAlchemy's ``before_cursor_execute`` event to prove the open
document's codings were not re-read.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QTextCharFormat

from app.main import MainWindow
from app.transcript_view import TranscriptView
from coding import codings
from coding.changes import Changes, CodingCount, TouchedCoding
from coding.documents import load_document
from coding.readers import load_codings
from tests.app.conftest import EN_TEXT, Sample
from tests.app.helpers import code_id, rows
from tests.app.test_change_routing import statements

OWNER = "Owner functions"


def painted(view: TranscriptView) -> list[tuple[int, int, str]]:
    """The painted backgrounds as (start, end, colour) runs in Qt positions, neighbours of one colour merged."""
    runs: list[tuple[int, int, str]] = []
    block = view.edit.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt: QTextCharFormat = fragment.charFormat()
            brush = fmt.background()
            colour = brush.color().name() if brush.style().value != 0 else ""
            start, end = fragment.position(), fragment.position() + fragment.length()
            if colour:
                if runs and runs[-1][1] == start and runs[-1][2] == colour:
                    runs[-1] = (runs[-1][0], end, colour)
                else:
                    runs.append((start, end, colour))
            iterator += 1
        block = block.next()
    return runs


def assert_as_fresh_load(window: MainWindow) -> None:
    """The window's transcript shows what a newly loaded view of the same document shows."""
    bench, shown = window.bench, window.transcript
    assert bench is not None and shown.document is not None
    with bench.project.session() as session:
        document = load_document(session, shown.document.id)
        fresh_codings = load_codings(session, document.id, bench.visible_coder_ids())
    fresh = TranscriptView()
    try:
        fresh.show_document(document, fresh_codings, shown.codes, shown.coders)
        assert sorted(shown.codings) == sorted(fresh.codings)
        assert shown.intervals == fresh.intervals
        assert shown.lanes == fresh.lanes
        assert shown.several_coders == fresh.several_coders
        assert painted(shown) == painted(fresh)
    finally:
        fresh.deleteLater()


def codings_reads(seen: list[str]) -> list[str]:
    """Statements reading a document's codings whole: selecting codings by document, not by uuid."""
    return [s for s in seen if s.lstrip().upper().startswith("SELECT") and "FROM codings" in s
            and "codings.document_id = " in s.split("WHERE", 1)[-1] and "codings.uuid" not in s.split("WHERE", 1)[-1]]


def owner_uuid(sample: Sample) -> str:
    return str(rows(sample.path, "SELECT uuid FROM codes WHERE name = ?", OWNER)[0][0])


def test_apply_undo_redo_repaint_only_what_changed(window: MainWindow, sample: Sample) -> None:
    window.set_blind(False)
    words = "independent legal person"
    start = EN_TEXT.index(words)
    window.transcript.select(start, start + len(words))
    assert_as_fresh_load(window)
    before = sorted(window.transcript.codings)

    with statements(window) as seen:
        assert window.apply_code(owner_uuid(sample))
    assert codings_reads(seen) == []
    assert any("codings.uuid IN" in s for s in seen)  # the new coding, read by its uuid
    assert len(window.transcript.codings) == len(before) + 1
    assert_as_fresh_load(window)
    segments = {window.segments_model.rows[n].uuid for n in range(window.segments_model.rowCount())}
    assert segments == {c.uuid for c in window.transcript.codings}

    with statements(window) as seen:
        window.undo()
    assert codings_reads(seen) == []
    assert sorted(window.transcript.codings) == before
    assert_as_fresh_load(window)
    assert window.segments_model.rowCount() == len(before)

    with statements(window) as seen:
        window.redo()
    assert codings_reads(seen) == []
    assert len(window.transcript.codings) == len(before) + 1
    assert_as_fresh_load(window)


def test_resize_and_memo_update_from_the_record(window: MainWindow, sample: Sample) -> None:
    window.set_blind(False)
    start = EN_TEXT.index("independent legal person")
    assert window.apply_code(owner_uuid(sample), (start, start + 11))
    mine = next(c for c in window.transcript.codings if c.coder_id == sample.alice_id)
    with statements(window) as seen:
        assert window.resize_coding(mine.uuid, start, start + len("independent legal person"))
        assert window.set_coding_memo(mine.uuid, "widened")
    assert codings_reads(seen) == []
    now = next(c for c in window.transcript.codings if c.uuid == mine.uuid)
    assert (now.end, now.memo) == (start + len("independent legal person"), "widened")
    assert_as_fresh_load(window)


def test_another_coders_edit_announced_through_json(window: MainWindow, sample: Sample) -> None:
    window.set_blind(False)
    assert window.bench is not None
    owner = code_id(sample.path, OWNER)
    words = "independent legal person"
    start = EN_TEXT.index(words)
    with window.bench.project.session() as session:
        made = codings.apply_code(session, document_id=sample.en_id, coder_id=sample.bob_id, code_id=owner,
                                  start=start, end=start + len(words), actor="Bob")
        uuid = made.uuid
    record = Changes(codings=True, coding_counts=(CodingCount(sample.en_id, owner, sample.bob_id, +1),),
                     touched_codings=(TouchedCoding(sample.en_id, uuid),))
    received = Changes.from_json(record.to_json())
    assert received.touched_codings == record.touched_codings
    with statements(window) as seen:
        window.bench.announce(received)
    assert codings_reads(seen) == []
    assert uuid in {c.uuid for c in window.transcript.codings}
    assert_as_fresh_load(window)

    with window.bench.project.session() as session:  # Bob removes it; a record without detail reloads
        codings.remove_coding(session, uuid, actor="Bob")
    with statements(window) as seen:
        window.bench.announce(replace(record, coding_counts=None, touched_codings=None))
    assert codings_reads(seen) != []
    assert uuid not in {c.uuid for c in window.transcript.codings}
    assert_as_fresh_load(window)


def test_an_edit_in_another_document_leaves_the_transcript_alone(window: MainWindow, sample: Sample) -> None:
    assert window.bench is not None
    window.set_blind(False)
    shown = list(window.transcript.codings)
    owner = code_id(sample.path, OWNER)
    with window.bench.project.session() as session:
        made = codings.apply_code(session, document_id=sample.zh_id, coder_id=sample.bob_id, code_id=owner,
                                  start=0, end=4, actor="Bob")
        record = Changes(codings=True, touched_codings=(TouchedCoding(sample.zh_id, made.uuid),))
    with statements(window) as seen:
        window.bench.announce(record)
    assert not [s for s in seen if "FROM codings" in s and "GROUP BY" not in s.upper()]
    assert window.transcript.codings == shown


def test_segments_of_a_code_update_from_the_record(window: MainWindow, sample: Sample) -> None:
    """In the 'Selected code, all documents' scope, an edit reads back only its coding, and the rows end as a
    fresh read of the code's segments gives them."""
    from coding.readers import segments_of_codes

    assert window.bench is not None
    window.set_blind(False)
    window.segments_dock.show()
    panel = window.segments_panel
    window.codebook_panel.select_code(code_id(sample.path, OWNER))
    with statements(window) as seen:
        panel.scope.setCurrentIndex(panel.scope.findData("code"))
    assert window.segments_dock.isVisible()
    assert [s for s in seen if "codings.code_id IN" in s]  # choosing the scope reads the code's codings

    def shown() -> list[tuple[str, int, int]]:
        return sorted((row.uuid, row.start, row.end) for row in window.segments_model.rows)

    def fresh() -> list[tuple[str, int, int]]:
        assert window.bench is not None
        with window.bench.project.session() as session:
            found = segments_of_codes(session, [code_id(sample.path, OWNER)], window.bench.visible_coder_ids())
        return sorted((row.uuid, row.start, row.end) for row in found)

    def by_code(seen: list[str]) -> list[str]:
        return [s for s in seen if "codings.code_id IN" in s and "codings.uuid IN" not in s]

    before = shown()
    start = EN_TEXT.index("independent legal person")
    window.transcript.select(start, start + len("independent legal person"))
    with statements(window) as seen:
        assert window.apply_code(owner_uuid(sample))
    assert by_code(seen) == []
    assert len(shown()) == len(before) + 1 and shown() == fresh()
    with statements(window) as seen:
        window.undo()
    assert by_code(seen) == []
    assert shown() == before == fresh()
    with statements(window) as seen:
        window.redo()
    assert by_code(seen) == []
    assert shown() == fresh()
    assert panel.count.text().startswith(f"{len(shown())} passage")


def test_removing_several_codings_and_undoing(window: MainWindow, sample: Sample) -> None:
    window.set_blind(False)
    owner = owner_uuid(sample)
    for words in ("independent legal person", "Since the group"):
        start = EN_TEXT.index(words)
        assert window.apply_code(owner, (start, start + len(words)))
    before = sorted(window.transcript.codings)
    mine = [c.uuid for c in window.transcript.codings if c.coder_id == sample.alice_id]
    assert len(mine) == 2
    with statements(window) as seen:
        assert window.remove_codings(mine)
    assert codings_reads(seen) == []
    assert not {c.uuid for c in window.transcript.codings} & set(mine)
    assert_as_fresh_load(window)
    with statements(window) as seen:
        window.undo()
    assert codings_reads(seen) == []
    assert sorted(window.transcript.codings) == before
    assert_as_fresh_load(window)
