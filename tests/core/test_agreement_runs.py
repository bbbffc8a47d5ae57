"""Stored runs (reopen, list, delete, series over time), snapshots for intra-coder agreement, the report, the demo."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.agreement.compare import ComparisonParams, run_comparison
from coding.agreement.runs import (
    delete_run,
    delete_snapshot,
    find_run,
    list_runs,
    list_snapshots,
    load_run,
    measure_series,
    series_trend,
    store_run,
    take_snapshot,
)
from coding.codebook import export_codebook, find_code
from coding.codings import remove_coding
from coding.errors import DuplicateError, NotFoundError, ValidationError
from coding.export.agreement_report import CSV_COLUMNS, export_agreement_report
from coding.project import Project
from models import AgreementResult, AgreementRun, Document
from tests.core.test_agreement_units import CHILD_1, CHILD_2, TEXT, Builder, add_document, sentence

ACTOR = "test"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "runs.concord")
    with created.session() as session:
        add_document(session, "doc1")
        add_document(session, "doc2", text=TEXT.replace("This", "That"))
    yield created
    created.close()


@pytest.fixture
def build(project: Project) -> Builder:
    builder = Builder(project)
    for document in ("doc1", "doc2"):
        for i in (0, 2, 4):
            builder.code("A", document, CHILD_1, *sentence(i))
        for i in (0, 2, 5):
            builder.code("B", document, CHILD_1, *sentence(i))
        builder.code("A", document, CHILD_2, *sentence(7))
        builder.code("B", document, CHILD_2, *sentence(7))
    return builder


def run_and_store(project: Project, label: str = "", **params) -> tuple[int, object]:
    with project.session() as session:
        result = run_comparison(session, ComparisonParams(**params))
        run_id = store_run(session, result, label=label, actor=ACTOR)
    return run_id, result


def test_stored_run_reopens_equal_to_what_was_computed(project: Project, build: Builder) -> None:
    run_id, result = run_and_store(project, "first", coders=("A", "B"), unit="sentence",
                                   measures=("percent", "alpha", "kappa", "ac1", "bp", "fleiss"), n_resamples=200)
    with project.session() as session:
        stored = load_run(session, run_id)
        by_uuid = load_run(session, find_run(session, run_id).uuid)
        codebook = export_codebook(session)["codes"]
    assert stored.figures == result.figures
    assert by_uuid.figures == result.figures
    assert stored.parameters == result.parameters_json()
    assert stored.codebook_snapshot == codebook
    assert stored.label == "first"
    for key in ("coders", "codes", "level", "unit", "rule", "tolerance", "documents", "measures", "seed",
                "n_resamples"):
        assert key in stored.parameters
    assert stored.parameters["coders"] == ["A", "B"]
    assert stored.parameters["documents"] == ["doc1", "doc2"]
    assert any(f.ci_low is not None for f in stored.figures)
    assert any(f.value is None and f.note for f in stored.figures)


def test_a_stored_run_can_be_run_again_from_its_parameters(project: Project, build: Builder) -> None:
    run_id, result = run_and_store(project, coders=("A", "B"), unit="segment", level=3, tolerance=80,
                                   measures=("percent", "bp"), n_resamples=50, seed=9)
    with project.session() as session:
        params = ComparisonParams.from_json(load_run(session, run_id).parameters)
        again = run_comparison(session, params)
    assert params.documents == tuple(d.uuid for d in result.documents)  # the same documents, named exactly
    assert replace(params, documents=None) == result.params
    assert again.figures == result.figures


def test_runs_are_listed_and_deletion_cascades(project: Project, build: Builder) -> None:
    first, _ = run_and_store(project, "one", coders=("A", "B"))
    second, result = run_and_store(project, "two", coders=("A", "B"), unit="character")
    with project.session() as session:
        runs = list_runs(session)
        assert [(r.id, r.label, r.unit) for r in runs] == [(first, "one", "sentence"), (second, "two", "character")]
        assert runs[1].figures == len(result.figures)
        assert runs[1].coders == ("A", "B")
        delete_run(session, first, actor=ACTOR)
    with project.session() as session:
        assert session.scalar(select(func.count()).select_from(AgreementResult).where(
            AgreementResult.run_id == first)) == 0
        assert [r.id for r in list_runs(session)] == [second]
        assert session.scalar(select(func.count()).select_from(AgreementRun)) == 1
        with pytest.raises(NotFoundError):
            load_run(session, first)
        with pytest.raises(NotFoundError):
            delete_run(session, "no-such-run", actor=ACTOR)


def test_a_measure_followed_over_training_rounds(project: Project, build: Builder) -> None:
    run_and_store(project, "round 1", coders=("A", "B"), measures=("alpha", "percent"))
    with project.session() as session:
        document_id = session.scalar(select(Document.id).where(Document.name == "doc1"))
        from models import Coding
        uuid = session.scalar(select(Coding.uuid).where(Coding.document_id == document_id, Coding.start == 21 * 5))
        remove_coding(session, uuid, actor=ACTOR)
    build.code("B", "doc1", CHILD_1, *sentence(4))
    run_and_store(project, "round 2", coders=("A", "B"), measures=("alpha", "percent"))
    run_and_store(project, "characters", coders=("A", "B"), unit="character", measures=("alpha",))
    with project.session() as session:
        code_uuid = find_code(session, CHILD_1).uuid
        series = measure_series(session, "alpha", code_uuid=code_uuid, unit="sentence")
        pooled = measure_series(session, "percent")
        pair = measure_series(session, "alpha", coders=("B", "A"), unit="sentence")
        with pytest.raises(ValidationError):
            measure_series(session, "alpha", coders=("A",))
    assert [p.label for p in series] == ["round 1", "round 2"]
    assert series[1].value > series[0].value
    assert series_trend(series) > 0
    assert [p.label for p in pooled] == ["round 1", "round 2"]  # the character run has no percent
    # A two-coder run is that pair; pooled over the 2 leaves used (issue 17 item 4: the 6 unused leaves
    # no longer join the pool)
    assert len(pair) == 2 and pair[0].n_units == 20 * 2
    assert series_trend(series[:1]) is None


def test_intra_coder_agreement_from_a_snapshot(project: Project, build: Builder) -> None:
    with project.session() as session:
        taken = take_snapshot(session, "A", "round 1", actor=ACTOR)
        assert taken.codings == 8 and taken.rater == "snapshot:A@round 1"
        with pytest.raises(DuplicateError):
            take_snapshot(session, "A", "round 1", actor=ACTOR)
        with pytest.raises(ValidationError):
            take_snapshot(session, "A", "  ", actor=ACTOR)
    same = run_and_store(project, coders=("A", "snapshot:round 1"), measures=("percent",))[1]
    assert same.raters == ("A", "A@round 1")
    defined = [f for f in same.select(measure="percent", units="all") if f.value is not None]
    assert defined and all(f.value == 1.0 for f in defined)  # unused codes are undefined (issue 17 item 4)
    build.code("A", "doc1", CHILD_1, *sentence(9))
    changed = run_and_store(project, coders=("A", "snapshot:A@round 1"), measures=("percent",))[1]
    code_row = [f for f in changed.select(measure="percent", units="all", document_uuid=None)
                if f.code_name.endswith(CHILD_1)][0]
    assert code_row.value == pytest.approx(19 / 20)
    with project.session() as session:
        assert [s.label for s in list_snapshots(session)] == ["round 1"]
        delete_snapshot(session, "A@round 1", actor=ACTOR)
        assert list_snapshots(session) == []
        with pytest.raises(NotFoundError):
            run_comparison(session, ComparisonParams(coders=("A", "snapshot:round 1")))


def test_snapshot_of_a_coder_without_codings_is_refused(project: Project) -> None:
    from coding.coders import get_or_create_coder

    with project.session() as session:
        get_or_create_coder(session, "Idle", actor=ACTOR)
        with pytest.raises(ValidationError, match="no codings"):
            take_snapshot(session, "Idle", "round 1", actor=ACTOR)


def test_report_as_docx_and_csv(project: Project, build: Builder, tmp_path: Path) -> None:
    import docx

    run_id, result = run_and_store(project, "report", coders=("A", "B"), measures=("percent", "alpha", "kappa"),
                                   n_resamples=100)
    with project.session() as session:
        written = export_agreement_report(session, run_id, tmp_path / "report.docx")
        table = export_agreement_report(session, run_id, tmp_path / "report.csv")
        with pytest.raises(ValidationError):
            export_agreement_report(session, run_id, tmp_path / "report.pdf")
    document = docx.Document(str(written))
    text = "\n".join(p.text for p in document.paragraphs)
    assert ".667" in text and ".800" in text and "Landis" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Parameters", "Level 1", "Level 2", "Level 3", "Disagreements"} <= set(headings)
    cells = {cell.text for t in document.tables for row in t.rows for cell in row.cells}
    assert "Units with disagreement" in cells and any(CHILD_1.rsplit("/", 1)[-1] in c for c in cells)
    with table.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(result.figures)
    assert not list(tmp_path.glob(".*partial"))


# ------------------------------------------------------------------------------------------------
# The demo project (two coders, Lin and Morgan)
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coding.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.concord")


def test_demo_agreement_at_sentence_level(demo: Path) -> None:
    with Project.open(demo) as project:
        run_id, result = run_and_store(project, "demo", coders=("Lin", "Morgan"), unit="sentence",
                                       measures=("alpha", "percent"), n_resamples=200)
        with project.session() as session:
            assert [r.id for r in list_runs(session)] == [run_id]
    overall = [f for f in result.select(measure="alpha", units="all", document_uuid=None, code_uuid=None)
               if f.level is None]
    assert len(overall) == 1
    assert 0.3 < overall[0].value < 0.95
    assert overall[0].ci_low < overall[0].value < overall[0].ci_high
