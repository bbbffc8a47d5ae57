"""`concord agreement`: the methods paragraph in every run's output (item 12) and `--export --paper` (item 13)."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from coding.agreement.methods import methods_for_run
from coding.agreement.runs import load_run
from coding.export.agreement_report import PAPER_SIZES_CM
from coding.project import Project
from tests.cli.test_cli_agreement import project, run  # noqa: F401  (the fixture)


def stored(path: Path, run_id: int):
    with Project.open(path) as opened, opened.session() as session:
        return load_run(session, run_id)


def test_methods_paragraph_in_json_and_plain_output(project: Path) -> None:  # noqa: F811
    data = json.loads(run("agreement", project, "--coders", "Lin,Morgan", "--unit", "sentence",
                          "--measures", "percent,alpha", "--bootstrap", "50", "--json").output)
    methods = methods_for_run(stored(project, data["run_id"]))
    assert data["methods"] == methods.to_dict()
    assert "Lin and Morgan" in data["methods"]["en"] and "Lin" in data["methods"]["zh"]
    shown = json.loads(run("agreement", project, "--show", data["run_id"], "--json").output)
    assert shown["methods"] == data["methods"]
    plain = run("agreement", project, "--show", data["run_id"]).output
    assert methods.english in plain and methods.chinese in plain


def test_export_on_letter_or_a4(project: Path, tmp_path: Path) -> None:  # noqa: F811
    run("agreement", project, "--coders", "Lin,Morgan")
    for paper in ("letter", "a4"):
        out = tmp_path / f"{paper}.docx"
        run("agreement", project, "--export", "1", "--out", out, "--paper", paper.upper())
        section = docx.Document(str(out)).sections[0]
        assert abs(section.page_width.cm - PAPER_SIZES_CM[paper][0]) < 0.01
    refused = run("agreement", project, "--export", "1", "--out", tmp_path / "x.docx", "--paper", "a5", ok=False)
    assert refused.exit_code == 2 and not (tmp_path / "x.docx").exists()
