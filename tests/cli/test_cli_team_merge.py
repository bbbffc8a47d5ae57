"""`concord copies` and `concord merge` through click's CliRunner, checked through the library — and the issue's
"done when": a lead and two coders working in copies get the same agreement figures as in one shared file."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.project import Project
from coding.team.copies import copy_facts
from models.store import copy_project
from tests.core.team_helpers import TEXTS, build_team_project, codings_by, span


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_team_project(tmp_path_factory.mktemp("team-cli") / "study.concord")


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    copy_project(template, target)
    return target


def code_args(copy: Path, coder: str, document: str, phrase: str, code: str) -> list[object]:
    start, end = span(document, phrase)
    return ["code", copy, "--document", document, "--coder", coder, "--code", code, "--start", start, "--end", end]


def test_copies_writes_one_file_per_coder_and_says_so(study: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies"
    out.mkdir()

    result = run("copies", study, "--coders", "Lin,Ann", "--out", out, "--json")

    rows = json.loads(result.output)["copies"]
    assert [Path(row["file"]).name for row in rows] == ["study-Lin.concord", "study-Ann.concord"]
    assert [(row["coder"], row["documents"], row["codings"], row["blind"]) for row in rows] == [
        ("Lin", 2, 3, True), ("Ann", 3, 0, True)]
    with Project.open(out / "study-Ann.concord") as copy, copy.session() as session:
        facts = copy_facts(session)
        assert facts is not None and facts.coder_name == "Ann"
    text = run("copies", study, "--coders", "Morgan", "--out", out, "--not-blind").output
    assert "study-Morgan.concord for Morgan" in text and "of other coders' (read-only)" in text


def test_copies_refuses_with_one_line_and_writes_nothing(study: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies"
    out.mkdir()
    (out / "study-Morgan.concord").write_text("taken")

    result = run("copies", study, "--coders", "Lin,Morgan", "--out", out, code=1)

    expected = f"Error: {out / 'study-Morgan.concord'}: already exists; move it away or choose another folder"
    assert result.output.strip().splitlines() == [expected]
    assert sorted(p.name for p in out.iterdir()) == ["study-Morgan.concord"]


def test_merge_reports_each_copy_and_refuses_with_one_line_each(study: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies"
    out.mkdir()
    run("copies", study, "--coders", "Lin,Morgan", "--out", out)
    lin, morgan = out / "study-Lin.concord", out / "study-Morgan.concord"
    run(*code_args(lin, "Lin", "P01 bureau", "Before the reform", "Owner functions"))
    saved = tmp_path / "saved.concord"
    copy_project(study, saved)

    result = run("merge", study, lin, saved, morgan, tmp_path / "gone.concord", "--json", code=1)

    data = json.loads(result.stdout)
    assert [(c["file"], c["merged"]) for c in data["copies"]] == [
        ("study-Lin.concord", True), ("saved.concord", False), ("study-Morgan.concord", True),
        ("gone.concord", False)]
    assert data["copies"][0]["codings"]["added"] == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all(line.startswith("Error: ") for line in errors)
    assert "not a coder copy" in errors[0] and "no such file" in errors[1]

    again = run("merge", study, lin, morgan).output
    assert "study-Lin.concord — Lin" in again and "codings: 0 added, 0 changed, 0 deleted, 4 unchanged" in again


def test_merge_theirs_takes_the_copys_version_of_a_conflicting_code(study: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies"
    out.mkdir()
    run("copies", study, "--coders", "Lin", "--out", out)
    copy = out / "study-Lin.concord"
    from coding.codebook import find_code, update_code

    for path, name in ((study, "Owners"), (copy, "Ownership")):
        with Project.open(path) as opened, opened.session() as session:
            update_code(session, find_code(session, "Owner functions").id, actor="x", name=name)

    kept = json.loads(run("merge", study, copy, "--json").stdout)["copies"][0]["conflicts"]
    assert "kept the project's version" in kept[0]["message"]
    taken = run("merge", study, copy, "--theirs").output
    assert "took the copy's version (--theirs)" in taken
    with Project.open(study) as opened, opened.session() as session:
        assert find_code(session, "Ownership").name == "Ownership"


def test_merge_a_qdpx_needs_to_know_whose_work_it_is(study: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies"
    out.mkdir()
    run("copies", study, "--coders", "Lin", "--out", out)
    copy = out / "study-Lin.concord"
    run(*code_args(copy, "Lin", "P01 bureau", "Before the reform", "Owner functions"))
    run("refi", "export", copy, "--out", tmp_path / "lin.qdpx")

    result = run("merge", study, tmp_path / "lin.qdpx", "--coder", "Lin", "--json")

    assert json.loads(result.stdout)["copies"][0]["codings"]["added"] == 1
    refused = run("merge", study, copy, "--coder", "Lin", code=1)
    assert "--coder is for .qdpx files only" in refused.stderr


def test_copy_refuses_coding_as_another_coder(study: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies"
    out.mkdir()
    run("copies", study, "--coders", "Lin", "--out", out)

    result = run(*code_args(out / "study-Lin.concord", "Morgan", "P01 bureau", "Before the reform",
                            "Owner functions"), code=1)

    assert result.output.count("\n") == 1 and "read-only in this coder copy" in result.output


# -- the "done when" --------------------------------------------------------------------------------
CODINGS = {  # what each coder codes: (document, phrase, code)
    "Lin": [("P01 bureau", "I head the district health bureau.", "Owner functions"),
            ("P01 bureau", "We sit on the council and we set the targets.", "Government regulations"),
            ("P02 hospital", "They became one legal entity with one set of books.", "Financial management rights"),
            ("P02 hospital", "The council appoints the president.", "Owner functions")],
    "Morgan": [("P01 bureau", "I head the district health bureau.", "Owner functions"),
               ("P01 bureau", "Since the group was set up, my job has changed.", "Organizational changes"),
               ("P02 hospital", "They became one legal entity with one set of books.", "Financial management rights"),
               ("P02 hospital", "Money follows the patients now.", "Financial management rights")],
}


def test_two_coders_in_copies_give_the_same_agreement_as_one_shared_file(tmp_path: Path) -> None:
    transcripts = tmp_path / "transcripts"
    transcripts.mkdir()
    for name in ("P01 bureau", "P02 hospital"):
        (transcripts / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
    study, shared = tmp_path / "study.concord", tmp_path / "shared.concord"
    run("new", study)
    run("import", study, transcripts)
    copy_project(study, shared)  # the same project as one shared file, where both code in turn
    for coder in CODINGS:
        run("coders", shared, "add", coder)

    out = tmp_path / "copies"
    out.mkdir()
    run("copies", study, "--coders", "Lin,Morgan", "--out", out)
    for coder, rows in CODINGS.items():
        for document, phrase, code in rows:
            run(*code_args(out / f"study-{coder}.concord", coder, document, phrase, code))
            run(*code_args(shared, coder, document, phrase, code))
    merged = json.loads(run("merge", study, out / "study-Lin.concord", out / "study-Morgan.concord",
                            "--json").stdout)
    assert [c["codings"]["added"] for c in merged["copies"]] == [4, 4]

    figures = {}
    for path in (study, shared):
        result = run("agreement", path, "--coders", "Lin,Morgan", "--unit", "sentence", "--level", "all",
                     "--no-store", "--json")
        figures[path.name] = json.loads(result.stdout)["figures"]
    assert figures["study.concord"] == figures["shared.concord"]
    assert any(f["value"] is not None for f in figures["study.concord"])
    with Project.open(study) as merged_project, Project.open(shared) as one_file:
        for coder in CODINGS:
            assert {row[1:] for row in codings_by(merged_project, coder)} == {
                row[1:] for row in codings_by(one_file, coder)}
