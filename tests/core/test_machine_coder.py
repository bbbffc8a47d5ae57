"""The local machine coder on a real project: training data, cross-validated evaluation, out-of-fold codings,
refusals, the store edit's undo/redo, suggestions and their review, and provenance. Training runs for real
(spaCy, a small corpus: seconds)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coding.autocode import machine
from coding.autocode.review import (
    AcceptSuggestionsEdit,
    RejectSuggestionsEdit,
    provenance,
    resolve_suggestions,
)
from coding.errors import CancelledError, ConflictError, DuplicateError, NotFoundError, ValidationError
from coding.project import Project
from models import Code, Coder, Coding, MachineModel, MachineSuggestion
from tests.core.machine_world import build_machine_project


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_machine_project(tmp_path_factory.mktemp("machine") / "template.concord")


@pytest.fixture(scope="module")
def trained(template: Path) -> machine.TrainedModel:
    """Trained once for the module: copies of the template keep its ids and uuids, so any copy can store it."""
    with Project.open(template) as project, project.session() as session:
        data = machine.training_data(session, from_coder="Lin")
    return machine.train(data, folds=4)


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Iterator[Project]:
    from models.store import copy_project

    copy_project(template, tmp_path / "p.concord")
    opened = Project.open(tmp_path / "p.concord")
    yield opened
    opened.close()


def _codings(project: Project, coder: str) -> set[tuple[Any, ...]]:
    with project.session() as session:
        rows = session.execute(select(Coding.uuid, Coding.document_id, Coding.code_id, Coding.start, Coding.end,
                                      Coding.created_at).join(Coder, Coder.id == Coding.coder_id)
                               .where(Coder.name == coder))
        return {tuple(row) for row in rows}


def _suggestions(project: Project) -> list[tuple[Any, ...]]:
    with project.session() as session:
        return [(s.uuid, s.status, s.decided_by, s.decided_at, s.coding_uuid)
                for s in session.scalars(select(MachineSuggestion).order_by(MachineSuggestion.id))]


# -- training data ----------------------------------------------------------------------------------------
def test_training_data_labels_each_sentence_with_the_codes_overlapping_it(project: Project) -> None:
    with project.session() as session:
        data = machine.training_data(session, from_coder="Lin")
        lin_codings = session.scalar(select(Coding.id).join(Coder).where(Coder.name == "Lin").limit(1))
    assert lin_codings is not None
    assert data.unit == "sentence" and data.language == "en" and data.from_coder == "Lin"
    assert len(data.texts) == len(data.labels) == len(data.refs) == len(data.languages)
    assert sorted(data.code_paths.values()) == ["Access", "Finance"]
    assert data.skipped == {"Rare": 3}  # too few examples: left out and named with its count
    by_path = {data.code_paths[uuid]: n for uuid, n in data.n_examples.items()}
    assert by_path == {"Access": 27, "Finance": 21}
    access = next(uuid for uuid, path in data.code_paths.items() if path == "Access")
    access_texts = [text for text, labels in zip(data.texts, data.labels, strict=True) if access in labels]
    assert all(any(word in text for word in ("wait", "queue", "appointment", "referral")) for text in access_texts)
    assert len(data.data_hash) == 64
    with project.session() as session:  # the same data hashes the same
        assert machine.training_data(session, from_coder="Lin").data_hash == data.data_hash
        turns = machine.training_data(session, from_coder="Lin", unit="turn")
    assert turns.unit == "turn" and len(turns.texts) < len(data.texts) and turns.data_hash != data.data_hash


def test_the_data_hash_follows_the_codings(project: Project) -> None:
    with project.session() as session:
        before = machine.training_data(session, from_coder="Lin").data_hash
        coding = session.scalar(select(Coding).join(Coder).where(Coder.name == "Lin").order_by(Coding.id).limit(1))
        assert coding is not None
        session.delete(coding)
    with project.session() as session:
        assert machine.training_data(session, from_coder="Lin").data_hash != before


@pytest.mark.parametrize(("coder", "unit", "error", "words"), [
    ("Nobody", "sentence", NotFoundError, "no coder 'Nobody'"),
    ("Lin", "paragraph", ValidationError, "unknown unit 'paragraph'"),
    ("Rarely", "sentence", ValidationError, "Rare: 3"),
    ("Idle", "sentence", ValidationError, "Idle has no codings"),
])
def test_training_data_refuses_with_one_clear_message(project: Project, coder: str, unit: str,
                                                      error: type[Exception], words: str) -> None:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code

    with project.session() as session:  # Rarely coded Rare three times, Idle nothing
        rarely = get_or_create_coder(session, "Rarely", actor="tester")
        get_or_create_coder(session, "Idle", actor="tester")
        for lin_coding in session.scalars(select(Coding).where(Coding.code_id == find_code(session, "Rare").id)):
            apply_code(session, document_id=lin_coding.document_id, coder_id=rarely.id, code_id=lin_coding.code_id,
                       start=lin_coding.start, end=lin_coding.end, actor="tester")
    with project.session() as session, pytest.raises(error, match=words):
        machine.training_data(session, from_coder=coder, unit=unit)


# -- training -----------------------------------------------------------------------------------------------
def test_training_gives_cross_validated_figures_per_code(trained: machine.TrainedModel) -> None:
    data = trained.data
    assert trained.folds == 4 and len(trained.out_of_fold) == len(data.texts)
    assert [row.code_path for row in trained.per_code] == ["Access", "Finance"]
    for row in trained.per_code:
        truth = sum(row.code_uuid in labels for labels in data.labels)
        assert row.support == truth == row.n_examples
        assert row.predicted == sum(p[row.code_uuid] >= 0.5 for p in trained.out_of_fold)
        assert row.precision is not None and row.recall is not None and row.f1 is not None
        assert row.f1 == pytest.approx(2 * row.precision * row.recall / (row.precision + row.recall))
        assert row.f1 > 0.8  # waiting lists and budgets are learnable
        assert set(row.to_dict()) >= {"code_uuid", "code_path", "precision", "recall", "f1", "n_examples", "support"}
    assert trained.model_bytes and trained.parameters["architecture"] == "spacy.TextCatBOW.v3"
    assert len(trained.parameters["epochs"]) == 5  # four folds and the final model


def test_training_is_reproducible(trained: machine.TrainedModel) -> None:
    again = machine.train(trained.data, folds=4)
    assert again.out_of_fold == trained.out_of_fold
    assert [r.to_dict() for r in again.per_code] == [r.to_dict() for r in trained.per_code]


def test_folds_spread_every_code(trained: machine.TrainedModel) -> None:
    folds = machine.assign_folds(trained.data.labels, 4)
    for code in trained.data.codes:
        per_fold = [sum(code in labels for labels, f in zip(trained.data.labels, folds, strict=True) if f == fold)
                    for fold in range(4)]
        assert max(per_fold) - min(per_fold) <= 1


def test_training_reports_progress_and_can_be_cancelled(trained: machine.TrainedModel) -> None:
    seen: list[tuple[int, int, str]] = []

    def cancelled() -> bool:
        return len(seen) >= 3

    with pytest.raises(CancelledError):
        machine.train(trained.data, folds=2, progress=lambda *step: seen.append(step), cancelled=cancelled)
    assert len(seen) == 3 and all(done <= total for done, total, _what in seen)


@pytest.mark.parametrize("folds", [1, 11, 0])
def test_bad_folds_are_refused(trained: machine.TrainedModel, folds: int) -> None:
    with pytest.raises(ValidationError, match="folds"):
        machine.train(trained.data, folds=folds)


def test_chinese_units_are_cut_by_jieba() -> None:
    import jieba

    text = "医联体的预算由县政府拨付。"
    nlp = machine.new_pipeline(["a"])
    doc = machine.to_docs(nlp, [text], ["zh"])[0]
    assert [t.text for t in doc] == [word for word in jieba.lcut(text) if word.strip()]
    assert "预算" in [t.text for t in doc] and len(doc) < len(text)  # words, not characters


# -- storing: the machine coder ---------------------------------------------------------------------------
def test_the_machine_coders_codings_are_its_out_of_fold_predictions(project: Project,
                                                                    trained: machine.TrainedModel) -> None:
    with project.session() as session:
        report = machine.store_model(session, trained, actor="tester")
    assert report.machine_coder == "Machine (Lin)" and report.trained_from == "Lin" and report.folds == 4
    assert report.data_hash == trained.data.data_hash and report.n_units == len(trained.data.texts)
    with project.session() as session:
        code_ids = dict(session.execute(select(Code.uuid, Code.id)).all())
    expected = {(ref.document_id, code_ids[code], ref.start, ref.end)
                for ref, probabilities in zip(trained.data.refs, trained.out_of_fold, strict=True)
                for code, p in probabilities.items() if p >= 0.5}
    stored = {(d, c, s, e) for _u, d, c, s, e, _t in _codings(project, "Machine (Lin)")}
    assert stored == expected and report.codings == len(expected)
    with project.session() as session:
        model = session.scalar(select(MachineModel))
        assert model is not None and model.engine == "spacy-textcat" and model.unit == "sentence"
        assert model.data_hash == trained.data.data_hash and model.model_data == trained.model_bytes
        assert [row["code_path"] for row in model.evaluation["per_code"]] == ["Access", "Finance"]
        [info] = machine.list_models(session)
    assert info.name == info.coder == "Machine (Lin)" and info.n_units == len(trained.data.texts)


def test_the_machine_coder_is_compared_like_a_person(project: Project, trained: machine.TrainedModel) -> None:
    from coding.agreement.compare import ComparisonParams, run_comparison

    with project.session() as session:
        machine.store_model(session, trained, actor="tester")
    with project.session() as session:
        result = run_comparison(session, ComparisonParams(coders=("Machine (Lin)", "Morgan"), unit="sentence"))
    alphas = {f.code_name: f.value for f in result.figures
              if f.measure == "alpha" and f.document_uuid is None and f.code_uuid is not None}
    assert alphas["Access"] is not None and alphas["Access"] > 0.6
    # every training document counts as coded by the machine (marked done), none as missing
    assert len({f.document_uuid for f in result.figures if f.document_uuid}) == 8


def test_storing_is_one_undo_step_and_redo_puts_back_the_very_rows(project: Project,
                                                                   trained: machine.TrainedModel) -> None:
    edit = machine.StoreModelEdit(trained)
    with project.session() as session:
        edit.do(session, "tester")
    made = _codings(project, "Machine (Lin)")
    with project.session() as session:
        model_uuid = session.scalar(select(MachineModel.uuid))
        edit.undo(session, "tester")
    assert _codings(project, "Machine (Lin)") == set()
    with project.session() as session:
        assert session.scalar(select(MachineModel.id)) is None
        edit.redo(session, "tester")
    assert _codings(project, "Machine (Lin)") == made
    with project.session() as session:
        assert session.scalar(select(MachineModel.uuid)) == model_uuid


def test_a_second_model_of_that_name_needs_replace(project: Project, trained: machine.TrainedModel) -> None:
    with project.session() as session:
        machine.store_model(session, trained, actor="tester")
    first = _codings(project, "Machine (Lin)")
    with project.session() as session, pytest.raises(DuplicateError, match="--replace"):
        machine.train_machine_coder(session, from_coder="Lin", folds=2, actor="tester")
    assert _codings(project, "Machine (Lin)") == first
    edit = machine.StoreModelEdit(trained, replace=True)
    with project.session() as session:
        edit.do(session, "tester")
    made = _codings(project, "Machine (Lin)")
    with project.session() as session:
        names = sorted(session.scalars(select(MachineModel.name)))
    assert names[0] == "Machine (Lin)" and names[1].startswith("Machine (Lin) (replaced ")
    assert {row[1:5] for row in _codings(project, "Machine (Lin)")} == {row[1:5] for row in first}
    with project.session() as session:
        edit.undo(session, "tester")
    assert _codings(project, "Machine (Lin)") == first  # the old model's very codings are back
    with project.session() as session:
        assert list(session.scalars(select(MachineModel.name))) == ["Machine (Lin)"]
    with project.session() as session:
        edit.redo(session, "tester")
    with project.session() as session:
        assert len(list(session.scalars(select(MachineModel.name)))) == 2
    assert _codings(project, "Machine (Lin)") == made  # the very codings of the new model again


def test_a_person_named_like_the_machine_is_not_taken_over(project: Project, trained: machine.TrainedModel) -> None:
    from coding.codings import apply_code
    from coding.coders import get_or_create_coder

    with project.session() as session:
        person = get_or_create_coder(session, "Machine (Lin)", actor="tester")
        lin = session.scalar(select(Coding).order_by(Coding.id).limit(1))
        assert lin is not None
        apply_code(session, document_id=lin.document_id, coder_id=person.id, code_id=lin.code_id, start=lin.start,
                   end=lin.end, actor="tester")
    with project.session() as session, pytest.raises(DuplicateError, match="not this machine coder"):
        machine.store_model(session, trained, actor="tester")


# -- suggestions and their review ------------------------------------------------------------------------------
def test_suggestions_go_to_units_no_person_coded(project: Project, trained: machine.TrainedModel) -> None:
    with project.session() as session:
        machine.store_model(session, trained, actor="tester")
        rows = machine.suggest(session, model="Machine (Lin)", min_confidence=0.5, actor="tester")
    assert rows and {row.document for row in rows} <= {"New 01", "New 02"}  # the coded ones are covered by Lin
    assert all(row.confidence >= 0.5 and row.status == "pending" for row in rows)
    for row in rows:
        expected = "Access" if any(w in row.text for w in ("wait", "queue", "appointment", "referral")) else "Finance"
        assert row.code_path == expected
    with project.session() as session:  # asking again suggests nothing new
        assert machine.suggest(session, model="Machine (Lin)", actor="tester") == []
        assert [r.uuid for r in machine.list_suggestions(session)] == [r.uuid for r in rows]
        with pytest.raises(ValidationError, match="minimum confidence"):
            machine.suggest(session, model="Machine (Lin)", min_confidence=1.5, actor="tester")
        with pytest.raises(NotFoundError, match="no machine coder 'Machine \\(Ann\\)'"):
            machine.suggest(session, model="Machine (Ann)", actor="tester")


def test_accept_codes_as_the_reviewer_with_provenance_and_undoes_exactly(project: Project,
                                                                        trained: machine.TrainedModel) -> None:
    with project.session() as session:
        machine.store_model(session, trained, actor="tester")
        rows = machine.suggest(session, model="Machine (Lin)", min_confidence=0.6, actor="tester")
        morgan = session.scalar(select(Coder.id).where(Coder.name == "Morgan"))
    assert morgan is not None
    picked = [rows[0].uuid, rows[1].uuid]
    before_codings, before_suggestions = _codings(project, "Morgan"), _suggestions(project)
    edit = AcceptSuggestionsEdit(picked, morgan)
    with project.session() as session:
        edit.do(session, "Morgan")
    after_codings, after_suggestions = _codings(project, "Morgan"), _suggestions(project)
    new = after_codings - before_codings
    assert {(d, s, e) for _u, d, _c, s, e, _t in new} == {(r.document_id, r.start, r.end) for r in rows[:2]}
    with project.session() as session:
        found = provenance(session, [row[0] for row in new])
        accepted = machine.list_suggestions(session, status="accepted")
    assert [r.decided_by for r in accepted] == ["Morgan", "Morgan"]
    text = next(iter(found.values())).describe()
    assert text.startswith("suggested by Machine (Lin), trained ") and "≥ 0.60; accepted by Morgan" in text
    with project.session() as session:
        edit.undo(session, "Morgan")
    assert _codings(project, "Morgan") == before_codings and _suggestions(project) == before_suggestions
    with project.session() as session:
        edit.redo(session, "Morgan")
    assert _codings(project, "Morgan") == after_codings and _suggestions(project) == after_suggestions
    with project.session() as session, pytest.raises(ConflictError, match="accepted by Morgan"):
        AcceptSuggestionsEdit(picked, morgan).do(session, "Morgan")


def test_reject_undoes_exactly_and_the_machine_cannot_review(project: Project, trained: machine.TrainedModel) -> None:
    with project.session() as session:
        machine.store_model(session, trained, actor="tester")
        rows = machine.suggest(session, model="Machine (Lin)", actor="tester")
        machine_id = session.scalar(select(Coder.id).where(Coder.name == "Machine (Lin)"))
    assert machine_id is not None
    before = _suggestions(project)
    edit = RejectSuggestionsEdit([rows[0].uuid])
    with project.session() as session:
        edit.do(session, "Morgan")
        [rejected] = machine.list_suggestions(session, status="rejected")
    assert rejected.decided_by == "Morgan"
    after = _suggestions(project)
    with project.session() as session:
        edit.undo(session, "Morgan")
    assert _suggestions(project) == before
    with project.session() as session:
        edit.redo(session, "Morgan")
    assert _suggestions(project) == after
    with project.session() as session, pytest.raises(ValidationError, match="is a machine coder"):
        AcceptSuggestionsEdit([rows[1].uuid], machine_id).do(session, "tester")


def test_suggestions_are_named_by_id_uuid_or_prefix(project: Project, trained: machine.TrainedModel) -> None:
    with project.session() as session:
        machine.store_model(session, trained, actor="tester")
        rows = machine.suggest(session, model="Machine (Lin)", actor="tester")
        assert resolve_suggestions(session, [str(rows[0].id), rows[1].uuid, rows[2].uuid[:8]]) == [
            rows[0].uuid, rows[1].uuid, rows[2].uuid]
        with pytest.raises(NotFoundError, match="'99999' is no suggestion"):
            resolve_suggestions(session, ["99999"])


def test_a_uuid_prefix_of_digits_names_its_suggestion(project: Project, trained: machine.TrainedModel) -> None:
    """One uuid in about 43 starts with eight decimal digits: read as an id number first, then as the prefix."""
    with project.session() as session:
        machine.store_model(session, trained, actor="tester")
        suggestion = machine.suggest(session, model="Machine (Lin)", actor="tester")[0]
        stored = session.get(MachineSuggestion, suggestion.id)
        assert stored is not None
        stored.uuid = "33086598" + suggestion.uuid[8:]
        session.commit()
        assert resolve_suggestions(session, ["33086598"]) == ["33086598" + suggestion.uuid[8:]]


def test_exports_name_the_provenance_of_accepted_suggestions(project: Project, trained: machine.TrainedModel,
                                                             tmp_path: Path) -> None:
    import csv

    import docx

    from coding.analysis.filters import SegmentFilter
    from coding.export.segments import export_segments
    from coding.export.summary import export_summary_docx

    with project.session() as session:
        machine.store_model(session, trained, actor="tester")
        rows = machine.suggest(session, model="Machine (Lin)", min_confidence=0.5, actor="tester")
        morgan = session.scalar(select(Coder.id).where(Coder.name == "Morgan"))
    assert morgan is not None
    edit = AcceptSuggestionsEdit([rows[0].uuid], morgan)
    with project.session() as session:
        edit.do(session, "Morgan")
        flt = SegmentFilter(coder_ids=(morgan,))
        export_segments(session, tmp_path / "segments.csv", flt=flt)
        export_summary_docx(session, tmp_path / "summary.docx", flt=flt)
    [accepted] = edit.coding_uuids
    with (tmp_path / "segments.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.DictReader(handle))
    origins = {row["coding uuid"]: row["provenance"] for row in table}
    assert origins[accepted].startswith("suggested by Machine (Lin), trained ")
    assert origins[accepted].endswith("≥ 0.50; accepted by Morgan")
    assert sum(bool(text) for text in origins.values()) == 1  # Morgan's own codings have none
    notes = [p.text for p in docx.Document(str(tmp_path / "summary.docx")).paragraphs if p.text.startswith("Prov")]
    assert notes == [f"Provenance: {origins[accepted]}"]
