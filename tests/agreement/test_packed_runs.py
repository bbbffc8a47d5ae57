"""Stored runs keep their per-document figures packed (migration 0008): they reopen exactly, in order, list with
their full count, stream as JSON, and a downgrade unpacks them back into rows without losing one."""

from __future__ import annotations

import io
import json
import math
import sqlite3
from pathlib import Path

import numpy as np
from sqlalchemy import func, select

from coding.agreement.compare import ComparisonParams, Figure, run_comparison
from coding.agreement.figure_table import FigureTable, write_json
from coding.agreement.runs import delete_run, list_runs, load_run, measure_series, store_run
from coding.project import Project
from models import AgreementResult, AgreementRun
from models.store import downgrade, make_engine, migrate, sqlite_url

PARAMS = ComparisonParams(coders=("A", "B", "C"), measures=("percent", "alpha", "kappa", "ac1"), n_resamples=50,
                          pairs_per_document=True)


def store(path: Path, params: ComparisonParams = PARAMS) -> tuple[int, list[Figure]]:
    with Project.open(path) as project, project.session() as session:
        result = run_comparison(session, params)
        return store_run(session, result, label="packed", actor="test"), list(result.figures)


def test_a_run_reopens_equal_in_order_with_few_rows(project_copy: Path) -> None:
    run_id, figures = store(project_copy)
    per_document = sum(f.document_uuid is not None for f in figures)
    assert per_document > 1000
    with Project.open(project_copy) as project, project.session() as session:
        stored = load_run(session, run_id)
        assert list(stored.figures) == figures
        assert session.scalar(select(func.count()).select_from(AgreementResult)) == len(figures) - per_document
        assert session.scalar(select(AgreementRun.document_figure_count)) == per_document
        assert [r.figures for r in list_runs(session)] == [len(figures)]
        document = figures[-1].document_uuid
        assert stored.select(document_uuid=document, measure="alpha") == [
            f for f in figures if f.document_uuid == document and f.measure == "alpha"]
        assert measure_series(session, "alpha")[0].value == next(
            f.value for f in figures if f.measure == "alpha" and f.code_uuid is None and f.level is None
            and f.document_uuid is None and f.coder_a is None and f.units == "all")
        delete_run(session, run_id, actor="test")
    with Project.open(project_copy) as project, project.session() as session:
        assert list_runs(session) == []
        assert session.scalar(select(func.count()).select_from(AgreementResult)) == 0


def test_the_table_keeps_none_nan_levels_and_text(tmp_path: Path) -> None:
    figures = [Figure("u1", "Pool · 池", None, None, None, None, "alpha", "all", None, 0, note="无 units"),
               Figure("u2", "Code", 3, "d1", "A", "B", "kappa", "coded", -0.0, 12, 0.1, 0.9),
               Figure(None, "", 1, "d2", "甲", None, "prevalence", "all", 1e-300, 2**40, None, None, "")]
    table, extra = FigureTable.from_bytes(FigureTable.from_figures(figures).to_bytes({"position": np.arange(3)}))
    assert list(table) == figures and table[1] == figures[1] and table[-1] == figures[-1]
    assert [hash(f) for f in table] == [hash(f) for f in figures] and repr(table[0]) == repr(figures[0])
    assert table[2].to_dict() == figures[2].to_dict() and isinstance(table[0], Figure)
    value = table[1].value
    assert value is not None and math.copysign(1.0, value) == -1.0  # -0.0 survives
    assert extra["position"].tolist() == [0, 1, 2]
    assert table.select(level=None) == figures[:1] and table.select(coder_a="甲") == figures[2:]
    assert table.select(coder_a="nobody") == []


def test_json_streams_what_a_dict_gives(project_copy: Path) -> None:
    with Project.open(project_copy) as project, project.session() as session:
        result = run_comparison(session, PARAMS)
    head = {"run_id": 0, "parameters": result.parameters_json()}
    tail = {"methods": {"english": "…"}}
    for indent in (2, None):
        stream = io.StringIO()
        write_json(stream, head, result.figures, tail, indent=indent)
        assert json.loads(stream.getvalue()) == json.loads(json.dumps(
            {**head, "figures": [f.to_dict() for f in result.figures], **tail}))
    empty = io.StringIO()
    write_json(empty, {}, [])
    assert json.loads(empty.getvalue()) == {"figures": []}


def test_migration_0008_down_unpacks_rows_and_up_again(project_copy: Path) -> None:
    run_id, figures = store(project_copy)
    engine = make_engine(sqlite_url(project_copy))
    try:
        downgrade(engine, "0007")
        with sqlite3.connect(project_copy) as raw:
            columns = {row[1] for row in raw.execute("PRAGMA table_info(agreement_runs)")}
            assert "document_figures" not in columns
            stored = raw.execute("SELECT code_uuid, code_name, level, document_uuid, coder_a, coder_b, measure, units, "
                                 "value, n_units, ci_low, ci_high, note FROM agreement_results WHERE run_id = ? "
                                 "ORDER BY id", (run_id,)).fetchall()
        assert [Figure(*row) for row in stored] == figures  # every figure a row again, in the run's order
        migrate(engine)
    finally:
        engine.dispose()
    with Project.open(project_copy) as project, project.session() as session:
        assert list(load_run(session, run_id).figures) == figures  # an unpacked run reads as rows
    run_2, figures_2 = store(project_copy)
    with Project.open(project_copy) as project, project.session() as session:
        assert list(load_run(session, run_2).figures) == figures_2


def test_the_figures_over_all_documents_say_all_the_text_needs(project_copy: Path) -> None:
    """The CLI's text table and the methods paragraph read only figures over all documents, so they can be given
    ``overall_figures`` instead of a million per-document figures and print the same."""
    from coding.agreement.figure_table import overall_figures
    from coding.agreement.methods import methods_text
    from coding.cli.agreement import format_table

    with Project.open(project_copy) as project, project.session() as session:
        result = run_comparison(session, PARAMS)
    overall = overall_figures(result.figures)
    assert overall == [f for f in result.figures if f.document_uuid is None]
    assert overall_figures(list(result.figures)) == overall
    assert len(overall) < len(result.figures)
    parameters = result.parameters_json()
    assert methods_text(parameters, overall).to_dict() == methods_text(parameters, result.figures).to_dict()
    assert format_table(overall, PARAMS.measures) == format_table(result.figures, PARAMS.measures)


def test_each_figure_is_written_as_json_dumps_writes_it() -> None:
    from coding.agreement.figure_table import json_objects

    figures = [Figure("u1", 'Pool "quoted" \\ 池', None, None, None, None, "alpha", "all", None, 0, note="无\nunits"),
               Figure("u2", "Code", 3, "d1", "A", "B", "kappa", "coded", -0.0, 12, 0.1, 1e-300),
               Figure(None, "", 1, "d2", "甲", None, "prevalence", "all", 2 / 3, 2**40, None, None, "")]
    written = [text for chunk in json_objects(FigureTable.from_figures(figures)) for text in chunk]
    assert written == [json.dumps(f.to_dict(), ensure_ascii=False) for f in figures]
