"""The machine coder in the window, driven as a user would: train in the dialog's worker and read the evaluation,
review suggestions in the queue (accept, undo, redo; reject; the threshold; Suggest… in a worker), read where an
accepted coding came from in the transcript's tooltip, and find the machine coder in the agreement window.

The project is real and small: five interviews where Lin coded the sentences about budgets and about staff (the
signal is learnable), and one interview nobody coded, for suggestions. Training it takes a few seconds.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.app.helpers import rows

BUDGET = ("The budget for the district hospital was cut again this year.",
          "Our budget now comes from the group's one set of accounts.",
          "The finance office controls every budget line of the member hospitals.",
          "We argued for months about how the budget surplus is shared.",
          "The accounts of the township clinics were merged into the group budget.",
          "Any spending above the budget limit needs the council's approval.")
STAFF = ("The group now hires the doctors and sets their salaries.",
         "Staff rotate from the county hospital to the township clinics every year.",
         "Nurses were moved between hospitals without asking the director.",
         "Recruitment of young doctors is decided by the group's personnel office.",
         "The hospital director can no longer appoint his own department heads.",
         "Senior physicians are sent to train the village doctors.")
OTHER = ("The weather was cold on the day of the visit.",
         "I have worked in this county for twenty years.",
         "Patients often come by bus from the mountain villages.",
         "The new building opened in the spring.",
         "We met in the small meeting room on the third floor.",
         "The interview was recorded with everyone's consent.")
BUDGET_CODE, STAFF_CODE = "Financial management rights", "Personnel management rights"
MACHINE = "Machine (Lin)"


@dataclass(frozen=True)
class Corpus:
    path: Path
    uncoded_id: int  # the interview nobody coded: where the suggestions go


def _interview(rng: random.Random) -> str:
    sentences = [*rng.sample(BUDGET, 4), *rng.sample(STAFF, 4), *rng.sample(OTHER, 4)]
    rng.shuffle(sentences)
    turns = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return "".join(f"Interviewer: Could you say more?\n\nR: {turn}\n\n" for turn in turns)


def _build(path: Path) -> Corpus:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from coding.project import Project

    rng = random.Random(7)
    project = Project.create(path)
    with project.session() as session:
        lin = get_or_create_coder(session, "Lin", actor="fixture")
        get_or_create_coder(session, "Morgan", actor="fixture")
        codes = {BUDGET_CODE: find_code(session, BUDGET_CODE).id, STAFF_CODE: find_code(session, STAFF_CODE).id}
        for number in range(1, 6):
            text = _interview(rng)
            document = add_document_text(session, name=f"P0{number}", text=text, source_name=f"p0{number}.txt",
                                         format="txt")
            for pool, code in ((BUDGET, BUDGET_CODE), (STAFF, STAFF_CODE)):
                for sentence in pool:
                    start = text.find(sentence)
                    if start >= 0:
                        apply_code(session, document_id=document.id, coder_id=lin.id, code_id=codes[code],
                                   start=start, end=start + len(sentence), actor="fixture")
        uncoded = add_document_text(session, name="P09 uncoded", text=_interview(rng), source_name="p09.txt",
                                    format="txt")
        corpus = Corpus(path, uncoded.id)
    project.close()
    return corpus


def _train(path: Path, *, with_suggestions: bool) -> None:
    from coding.autocode.machine import suggest, train_machine_coder
    from coding.project import Project

    project = Project.open(path)
    try:
        with project.session() as session:
            train_machine_coder(session, from_coder="Lin", folds=3, actor="fixture")
        if with_suggestions:
            with project.session() as session:
                suggest(session, model=MACHINE, min_confidence=0.3, actor="fixture")
    finally:
        project.close()


@pytest.fixture(scope="module")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return _build(tmp_path_factory.mktemp("machine") / "corpus.concord")


@pytest.fixture(scope="module")
def trained_template(corpus_template: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    path = tmp_path_factory.mktemp("machine_trained") / "trained.concord"
    shutil.copy(corpus_template.path, path)
    _train(path, with_suggestions=True)
    return Corpus(path, corpus_template.uncoded_id)


@pytest.fixture
def trained_only(corpus_template: Corpus, tmp_path: Path) -> Corpus:
    """Trained, nothing suggested yet."""
    corpus = _copy(corpus_template, tmp_path)
    _train(corpus.path, with_suggestions=False)
    return corpus


def _copy(template: Corpus, tmp_path: Path) -> Corpus:
    target = tmp_path / template.path.name
    shutil.copy(template.path, target)
    return Corpus(target, template.uncoded_id)


def _window(qtbot, path: Path, settings):  # type: ignore[no-untyped-def]
    from app import machine_coder
    from app.main import MainWindow

    main = MainWindow(path, settings, coder="Morgan")
    qtbot.addWidget(main)
    machine_coder.install(main)
    main.set_blind(False)  # Morgan reviews Lin's model's suggestions openly (blind: see the blind-mode test)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def corpus_window(qtbot, corpus_template: Corpus, tmp_path: Path, settings, messages) -> Iterator:  # type: ignore[no-untyped-def]
    main = _window(qtbot, _copy(corpus_template, tmp_path).path, settings)
    yield main
    main.close()


@pytest.fixture
def trained(trained_template: Corpus, tmp_path: Path) -> Corpus:
    return _copy(trained_template, tmp_path)


@pytest.fixture
def trained_window(qtbot, trained: Corpus, settings, messages) -> Iterator:  # type: ignore[no-untyped-def]
    main = _window(qtbot, trained.path, settings)
    yield main
    main.close()


def _tools(window):  # type: ignore[no-untyped-def]
    from app.machine_coder import tools_of

    tools = tools_of(window)
    assert tools is not None
    return tools


def _models(path: Path) -> list[tuple[str, str]]:
    return rows(path, "SELECT name, trained_from FROM machine_models ORDER BY name")


def _status(path: Path, uuid: str) -> tuple[str, str, str | None]:
    found = rows(path, "SELECT status, decided_by, coding_uuid FROM machine_suggestions WHERE uuid = ?", uuid)
    assert len(found) == 1
    return found[0]


# -- training ---------------------------------------------------------------------------------------------------
def test_menu_items_are_in_tools(corpus_window) -> None:  # type: ignore[no-untyped-def]
    menu = corpus_window.tool_menu("Tools")
    texts = [action.text().replace("&", "") for action in menu.actions()]
    assert "Train machine coder…" in texts and "Suggestions…" in texts


def test_training_runs_in_the_worker_and_the_table_shows_the_report(qtbot, corpus_window) -> None:  # type: ignore[no-untyped-def]
    from coding.autocode.machine import list_models

    dialog = _tools(corpus_window).show_training()
    dialog.coder.setCurrentIndex(dialog.coder.findData("Lin"))
    dialog.folds.setValue(3)
    assert dialog.table.isHidden()
    operation = dialog.start_training()
    assert operation is not None and not dialog.train_button.isEnabled()  # the GUI thread is free meanwhile
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=120_000)

    report = dialog.report
    assert report.machine_coder == MACHINE and report.trained_from == "Lin" and report.folds == 3
    assert {e.code_path.rsplit("/", 1)[-1] for e in report.per_code} == {BUDGET_CODE, STAFF_CODE}
    expected = [[e.code_path.replace("/", " › "), *(f"{v:.2f}" if v is not None else "—"
                                                    for v in (e.precision, e.recall, e.f1)),
                 str(e.n_examples), str(e.support)] for e in report.per_code]
    assert dialog.result_rows() == expected
    assert dialog.table.isVisible()
    summary = dialog.summary.text()
    assert report.data_hash in summary and f"{report.n_units} sentences" in summary
    assert dialog.skipped.text() == "No code was left out."
    # what the dialog shows is what the project keeps
    with corpus_window.bench.project.session() as session:
        stored = {row.name: row for row in list_models(session)}
    assert stored[MACHINE].data_hash == report.data_hash
    assert [row["f1"] for row in stored[MACHINE].per_code] == [e.f1 for e in report.per_code]


def test_training_is_one_undo_step(qtbot, corpus_window) -> None:  # type: ignore[no-untyped-def]
    path = corpus_window.project_path
    dialog = _tools(corpus_window).show_training()
    dialog.coder.setCurrentIndex(dialog.coder.findData("Lin"))
    dialog.folds.setValue(2)
    dialog.start_training()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=120_000)
    machine_codings = "SELECT count(*) FROM codings JOIN coders ON coders.id = codings.coder_id WHERE coders.name = ?"
    made = rows(path, machine_codings, MACHINE)[0][0]
    assert _models(path) == [(MACHINE, "Lin")] and made == dialog.report.codings

    corpus_window.bench.undo_stack.undo()
    assert _models(path) == [] and rows(path, machine_codings, MACHINE)[0][0] == 0
    corpus_window.bench.undo_stack.redo()
    assert _models(path) == [(MACHINE, "Lin")] and rows(path, machine_codings, MACHINE)[0][0] == made


def test_cancelled_training_keeps_nothing(qtbot, corpus_window) -> None:  # type: ignore[no-untyped-def]
    dialog = _tools(corpus_window).show_training()
    dialog.coder.setCurrentIndex(dialog.coder.findData("Lin"))
    operation = dialog.start_training()
    dialog.cancel_training()
    qtbot.waitUntil(lambda: not operation.is_running() and dialog.operation is None, timeout=120_000)
    assert "cancelled" in dialog.status.text().lower()
    assert dialog.report is None and _models(corpus_window.project_path) == []
    assert dialog.train_button.isEnabled()


def test_the_dialog_shows_a_stored_models_evaluation(trained_window, trained: Corpus) -> None:  # type: ignore[no-untyped-def]
    dialog = _tools(trained_window).show_training()
    dialog.coder.setCurrentIndex(dialog.coder.findData("Lin"))
    stored_hash = rows(trained.path, "SELECT data_hash FROM machine_models")[0][0]
    assert not dialog.table.isHidden() and stored_hash in dialog.summary.text()
    assert {row[0].rsplit(" › ", 1)[-1] for row in dialog.result_rows()} == {BUDGET_CODE, STAFF_CODE}
    dialog.coder.setCurrentIndex(dialog.coder.findData("Morgan"))  # no model learnt from Morgan
    assert dialog.table.isHidden() and dialog.summary.text() == ""


def test_replacing_a_model_asks_first(trained_window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from app import dialogs

    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question, title="", ok_text="": asked.append(question)
                        or False)
    dialog = _tools(trained_window).show_training()
    assert dialog.coder.findData(MACHINE) == -1  # a machine coder is no teacher
    dialog.coder.setCurrentIndex(dialog.coder.findData("Lin"))
    assert dialog.start_training() is None
    assert len(asked) == 1 and MACHINE in asked[0] and dialog.operation is None


def test_replacing_with_consent_keeps_the_old_model_aside_and_undo_restores_it(  # type: ignore[no-untyped-def]
        qtbot, trained_window, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import dialogs

    monkeypatch.setattr(dialogs, "confirm", lambda *_args, **_kwargs: True)
    path = trained_window.project_path
    dialog = _tools(trained_window).show_training()
    dialog.coder.setCurrentIndex(dialog.coder.findData("Lin"))
    dialog.folds.setValue(2)
    dialog.report = None
    dialog.start_training()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=120_000)
    names = [name for name, _from in _models(path)]
    assert names[0] == MACHINE and names[1].startswith(f"{MACHINE} (replaced ") and len(names) == 2
    assert dialog.report.folds == 2
    trained_window.bench.undo_stack.undo()
    assert _models(path) == [(MACHINE, "Lin")]
    assert rows(path, "SELECT json_extract(evaluation, '$.folds') FROM machine_models")[0][0] == 3


def test_a_coder_with_too_few_examples_gets_one_message(qtbot, corpus_window, messages) -> None:  # type: ignore[no-untyped-def]
    dialog = _tools(corpus_window).show_training()
    dialog.coder.clear()
    dialog.coder.addItem("Morgan", "Morgan")  # Morgan coded nothing
    operation = dialog.start_training()
    qtbot.waitUntil(lambda: not operation.is_running() and dialog.operation is None, timeout=60_000)
    assert len(messages) == 1 and "Morgan" in messages[0]
    assert _models(corpus_window.project_path) == []


# -- the review queue ---------------------------------------------------------------------------------------------
def test_queue_lists_pending_suggestions_and_shows_the_passage(trained_window, trained: Corpus) -> None:  # type: ignore[no-untyped-def]
    review = _tools(trained_window).show_suggestions()
    queue = review.queue
    pending = rows(trained.path, "SELECT count(*) FROM machine_suggestions WHERE status = 'pending' "
                                 "AND confidence >= 0.5")[0][0]
    assert pending > 0 and queue.items.rowCount() == pending
    assert queue.model_choice.currentText() == MACHINE
    first = review.current()
    assert first is not None and first.document == "P09 uncoded"
    assert trained_window.document_id == trained.uncoded_id
    assert trained_window.transcript.selection() == (first.start, first.end)
    assert queue.items.data(queue.items.index(0, 3)) == " ".join(first.text.split())


def test_coding_blind_a_coder_sees_no_suggestions_learnt_from_another_coder(trained_window) -> None:  # type: ignore[no-untyped-def]
    """Morgan coding blind: a model trained on Lin's codings would show what Lin coded, so its queue is empty."""
    trained_window.set_blind(True)
    review = _tools(trained_window).show_suggestions()
    assert review.queue.model_choice.count() == 0 and review.queue.items.rowCount() == 0
    trained_window.set_blind(False)
    review.refresh()
    assert review.queue.model_choice.currentText() == MACHINE and review.queue.items.rowCount() > 0


def test_a_refresh_leaves_the_transcript_where_the_user_is(trained_window, trained: Corpus) -> None:  # type: ignore[no-untyped-def]
    from coding.changes import Changes

    review = _tools(trained_window).show_suggestions()
    assert trained_window.document_id == trained.uncoded_id
    other = next(i for i in range(1, 10) if i != trained.uncoded_id)
    trained_window.open_document(other)  # the user reads another interview, the queue still open
    trained_window.bench.announce(Changes(codings=True))  # someone codes: the queue re-reads itself
    assert review.queue.items.rowCount() > 0
    assert trained_window.document_id == other


def test_threshold_filters_the_queue(trained_window, trained: Corpus) -> None:  # type: ignore[no-untyped-def]
    queue = _tools(trained_window).show_suggestions().queue
    queue.slider.setValue(30)
    at_30 = queue.items.rowCount()
    assert at_30 == rows(trained.path, "SELECT count(*) FROM machine_suggestions WHERE status = 'pending'")[0][0]
    confidences = [row.confidence for row in queue.items.all_rows]
    # a threshold that leaves some suggestions out and keeps others
    cut = next(v for v in range(100, 30, -1) if 0 < sum(c >= v / 100 for c in confidences) < len(confidences))
    queue.slider.setValue(cut)
    assert queue.items.rowCount() == sum(c >= cut / 100 for c in confidences) < at_30
    assert all(row.confidence >= cut / 100 for row in queue.items.rows)
    assert "below the threshold" in queue.status.text()


def test_accept_then_undo_then_redo(qtbot, trained_window, trained: Corpus) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    review = _tools(trained_window).show_suggestions()
    queue = review.queue
    before = queue.items.rowCount()
    chosen = review.current()
    second = queue.items.rows[1] if before > 1 else None
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_A)  # Accept (A)

    status, decided_by, coding_uuid = _status(trained.path, chosen.uuid)
    assert (status, decided_by) == ("accepted", "Morgan") and coding_uuid
    assert rows(trained.path, "SELECT coders.name, codings.start, codings.end FROM codings JOIN coders "
                              "ON coders.id = codings.coder_id WHERE codings.uuid = ?", coding_uuid) \
        == [("Morgan", chosen.start, chosen.end)]
    assert queue.items.rowCount() == before - 1
    if second is not None:  # the queue moves on to the next suggestion
        assert review.current().uuid == second.uuid

    trained_window.bench.undo_stack.undo()
    assert _status(trained.path, chosen.uuid)[0] == "pending"
    assert rows(trained.path, "SELECT count(*) FROM codings WHERE uuid = ?", coding_uuid)[0][0] == 0
    assert queue.items.rowCount() == before

    trained_window.bench.undo_stack.redo()
    status, _by, again = _status(trained.path, chosen.uuid)
    assert status == "accepted" and again == coding_uuid
    assert queue.items.rowCount() == before - 1


def test_reject_and_next(qtbot, trained_window, trained: Corpus) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    review = _tools(trained_window).show_suggestions()
    queue = review.queue
    assert queue.items.rowCount() >= 2
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_N)  # Next (N)
    assert queue.current_row() == 1
    chosen = review.current()
    qtbot.keyClick(queue.table, Qt.Key.Key_R)  # Reject (R)
    assert _status(trained.path, chosen.uuid)[0] == "rejected"
    assert chosen.uuid not in {row.uuid for row in queue.items.rows}
    trained_window.bench.undo_stack.undo()
    assert _status(trained.path, chosen.uuid)[0] == "pending"
    assert chosen.uuid in {row.uuid for row in queue.items.rows}


def test_suggest_runs_in_a_worker(qtbot, trained_only: Corpus, settings, messages) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, trained_only.path, settings)
    review = _tools(window).show_suggestions()
    assert review.queue.items.rowCount() == 0 and review.queue.suggest_button.isEnabled()
    operation = review.run_suggest()
    assert operation is not None and not review.queue.suggest_button.isEnabled()
    qtbot.waitUntil(lambda: not operation.is_running() and review.operation is None, timeout=60_000)
    made = rows(trained_only.path, "SELECT count(*) FROM machine_suggestions WHERE status = 'pending'")[0][0]
    assert made > 0 and review.queue.items.rowCount() == made
    assert review.queue.status.text().startswith(f"{made} new suggestion")
    assert messages == []
    window.close()


# -- provenance and agreement ---------------------------------------------------------------------------------------
def test_an_accepted_suggestion_says_where_it_came_from(trained_window, trained: Corpus) -> None:  # type: ignore[no-untyped-def]
    review = _tools(trained_window).show_suggestions()
    chosen = review.current()
    assert review.accept_current()
    coding_uuid = _status(trained.path, chosen.uuid)[2]
    transcript = trained_window.transcript
    coding = next(c for c in transcript.codings if c.uuid == coding_uuid)
    tooltip = transcript.tooltip_html([coding])
    assert f"suggested by {MACHINE}" in tooltip and "accepted by Morgan" in tooltip
    assert f"confidence {chosen.confidence:.2f}" in tooltip
    other = next(c for c in transcript.codings if c.uuid != coding_uuid) if len(transcript.codings) > 1 else None
    if other is not None:  # a coding made by hand says nothing of the sort
        assert "suggested by" not in transcript.tooltip_html([other])


def test_the_agreement_window_offers_the_machine_coder(trained_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from app import agreement

    agreement.install(trained_window)
    agreement_window = getattr(trained_window, agreement.ATTRIBUTE).show_compare()
    coders = agreement_window.form.coders
    names = [coders.item(i).data(Qt.ItemDataRole.UserRole) for i in range(coders.count())]
    assert MACHINE in names and "Lin" in names
    agreement_window.close()
