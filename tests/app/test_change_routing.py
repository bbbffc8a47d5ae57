"""One signal, ``changes_applied(changes, initiator)``, and each panel refreshing itself from it.

Driven on the real window over a real project file: an edit's announcement reaches every panel, in one read
transaction; a record carrying ``coding_counts`` moves the count columns without a GROUP BY over the codings
(SQL counted with SQLAlchemy's ``before_cursor_execute`` event), and lands on the same numbers a recount gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from app.itemmodels.codebook_model import CodebookModel
from app.main import MainWindow
from coding import codings
from coding.changes import Changes, CodingCount
from coding.readers import DocumentRow
from tests.app.conftest import EN_TEXT, Sample
from tests.app.helpers import code_id, rows

OWNER = "Owner functions"


@contextmanager
def statements(window: MainWindow) -> Iterator[list[str]]:
    """Every SQL statement the project's engine runs inside the block."""
    assert window.bench is not None
    engine = window.bench.project.store.engine
    seen: list[str] = []

    def record(conn: object, cursor: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def group_bys(seen: list[str]) -> list[str]:
    return [statement for statement in seen if "GROUP BY" in statement.upper()]


def true_counts(sample: Sample, coder_id: int | None = None) -> dict[int, int]:
    """Codings per code, read from the file by another connection."""
    where, params = ("WHERE coder_id = ?", (coder_id,)) if coder_id is not None else ("", ())
    return dict(rows(sample.path, f"SELECT code_id, count(*) FROM codings {where} GROUP BY code_id", *params))


def document_row(window: MainWindow, document_id: int) -> DocumentRow:
    return next(row for row in window.documents_model.rows if row.id == document_id)


def write_coding_as_bob(window: MainWindow, sample: Sample, words: str) -> Changes:
    """Bob's coding written as another process would, and the record it would announce (as team sync does)."""
    assert window.bench is not None
    owner = code_id(sample.path, OWNER)
    start = EN_TEXT.index(words)
    with window.bench.project.session() as session:
        codings.apply_code(session, document_id=sample.en_id, coder_id=sample.bob_id, code_id=owner, start=start,
                           end=start + len(words), actor="Bob")
    return Changes(codings=True, coding_counts=(CodingCount(sample.en_id, owner, sample.bob_id, +1),))


def test_an_edit_reaches_every_panel(window: MainWindow, sample: Sample) -> None:
    assert window.bench is not None
    owner = window._info_by_uuid(rows(sample.path, "SELECT uuid FROM codes WHERE name = ?", OWNER)[0][0])
    assert owner is not None
    heard: list[tuple[Changes, object]] = []
    window.bench.changes_applied.connect(lambda changes, initiator: heard.append((changes, initiator)))
    mine_before = window.codebook_model.mine.get(owner.id, 0)
    segments_before = window.segments_model.rowCount()
    start = EN_TEXT.index("independent legal person")
    window.transcript.select(start, start + len("independent legal person"))

    assert window.apply_code(owner.uuid)

    assert len(heard) == 1 and heard[0][0].codings and heard[0][1] is None
    assert window.codebook_model.mine.get(owner.id, 0) == mine_before + 1  # Codebook
    assert document_row(window, sample.en_id).my_codings == 1  # Documents
    assert [c.code_id for c in window.transcript.codings] == [owner.id]  # Transcript
    assert window.segments_model.rowCount() == segments_before + 1  # Coded segments
    assert "1 coded passage in this document" in window.segments_panel.count.text()
    window.bench.snap_mode = "sentence"
    window.bench.announce(Changes())  # the status bar refreshes on every announcement
    assert "snap to sentences" in window.coder_label.toolTip()


def test_one_announcement_reads_in_one_transaction(window: MainWindow, sample: Sample) -> None:
    assert window.bench is not None
    engine = window.bench.project.store.engine
    began: list[object] = []
    listener = lambda connection: began.append(connection)  # noqa: E731
    event.listen(engine, "begin", listener)
    try:
        # A recount, a codebook rebuild and a documents reload: every panel reads something.
        window.bench.announce(Changes(codes=True, codings=True, documents=True, coders=True))
    finally:
        event.remove(engine, "begin", listener)
    assert len(began) == 1


def test_the_initiator_travels_with_the_record(window: MainWindow, sample: Sample) -> None:
    assert window.bench is not None
    heard: list[object] = []
    window.bench.changes_applied.connect(lambda _changes, initiator: heard.append(initiator))
    window.bench.announce(Changes(memos=True), initiator=window.codebook_panel)
    window.bench.notify(Changes())  # nothing changed: nothing announced
    assert heard == [window.codebook_panel]


def test_another_coders_coding_moves_the_counts_without_a_group_by(window: MainWindow, sample: Sample) -> None:
    window.set_blind(False)
    assert window.bench is not None and not window.codebook_panel.tree.isColumnHidden(CodebookModel.ALL)
    owner = code_id(sample.path, OWNER)
    mine_before = dict(window.codebook_model.mine)
    row_before = document_row(window, sample.en_id)
    record = write_coding_as_bob(window, sample, "We sit on the council")

    with statements(window) as seen:
        window.bench.announce(record, initiator="team sync")

    assert seen and group_bys(seen) == []
    assert window.codebook_model.everyone == true_counts(sample)
    assert window.codebook_model.mine == mine_before  # Bob's coding is not Alice's
    row = document_row(window, sample.en_id)
    assert (row.my_codings, row.all_codings) == (row_before.my_codings, row_before.all_codings + 1)
    assert owner in {c.code_id for c in window.transcript.codings if c.coder_id == sample.bob_id}
    # Without counts in the record the panels recount, and find the same numbers.
    moved = (dict(window.codebook_model.mine), dict(window.codebook_model.everyone))
    with statements(window) as seen:
        window.bench.announce(Changes(codings=True))
    assert group_bys(seen)
    assert (window.codebook_model.mine, window.codebook_model.everyone) == moved


def test_own_coding_moves_mine_without_a_group_by_in_blind_mode(window: MainWindow, sample: Sample) -> None:
    assert window.bench is not None and window.bench.blind
    owner = code_id(sample.path, OWNER)
    start = EN_TEXT.index("council")
    with window.bench.project.session() as session:
        codings.apply_code(session, document_id=sample.en_id, coder_id=sample.alice_id, code_id=owner,
                           start=start, end=start + 7, actor="Alice")
    record = Changes(codings=True, coding_counts=(CodingCount(sample.en_id, owner, sample.alice_id, +1),))

    with statements(window) as seen:
        window.bench.announce(record)

    assert group_bys(seen) == []
    assert window.codebook_model.mine == true_counts(sample, sample.alice_id)
    assert document_row(window, sample.en_id).my_codings == 1


def test_the_hidden_all_column_is_recounted_when_it_shows_again(window: MainWindow, sample: Sample) -> None:
    assert window.bench is not None and window.bench.blind  # "All" hidden: deltas leave it alone meanwhile
    assert window.codebook_panel.tree.isColumnHidden(CodebookModel.ALL)
    everyone_before = dict(window.codebook_model.everyone)
    record = write_coding_as_bob(window, sample, "We sit on the council")
    with statements(window) as seen:
        window.bench.announce(record)
    assert group_bys(seen) == []
    assert window.codebook_model.everyone == everyone_before
    window.set_blind(False)
    assert window.codebook_model.everyone == true_counts(sample)
    assert window.codebook_model.mine == true_counts(sample, sample.alice_id)


def test_a_closed_project_leaves_no_subscriber_behind(window: MainWindow, sample: Sample) -> None:
    bench = window.bench
    assert bench is not None
    window.close_project()
    assert all(subscriber.bench is None for subscriber in window.subscribers)
    assert window.codebook_model.rowCount() == 0 and window.documents_model.rows == []
    assert window.open_project(sample.path, coder="Alice")
    assert all(subscriber.bench is window.bench for subscriber in window.subscribers)
