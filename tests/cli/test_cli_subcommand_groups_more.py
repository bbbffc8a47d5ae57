"""The last flag modes are subcommand groups now: `concord audit list|export|verify`, `concord assign list|add|remove`,
`concord done mark|undo`, `concord journal list|add`. Each old spelling (`audit PROJECT --verify`, `assign PROJECT
--list`, `done PROJECT … --undo`, `journal PROJECT --add TEXT`) still works and prints exactly what the new one
prints, text and JSON, with nothing extra on stderr; the state they leave in the project is the same."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from coding.audit import verify_chain
from coding.cli import cli
from coding.memos import journal
from coding.project import Project
from coding.team.assignments import list_assignments

DOCUMENTS = ("li.txt", "wang.txt", "zhao.txt")
TEXT = "医联体的设备由谁决定？ The group board decides."


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def quiet(*args: object, code: int = 0) -> str:
    """The command's stdout; it says nothing on stderr (an old spelling adds no note: its output is as before)."""
    result = run(*args, code=code)
    assert result.stderr == "", result.stderr
    return result.stdout


def as_json(*args: object) -> Any:
    return json.loads(quiet(*args, "--json"))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three documents, coders Lin and 王芳; no spaCy needed."""
    from coding.coders import get_or_create_coder
    from models import Document

    path = tmp_path_factory.mktemp("groups_more") / "study.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        get_or_create_coder(session, "Lin", actor="fixture")
        get_or_create_coder(session, "王芳", actor="fixture")
        for name in DOCUMENTS:
            session.add(Document(name=name, source_name=name, format="txt", language="zh", text=TEXT,
                                 char_count=len(TEXT), sha256=hashlib.sha256(name.encode()).hexdigest()))
    return path


@pytest.fixture()
def pair(template: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two identical projects: the new spelling runs on the first, the old one on the second."""
    (tmp_path / "new").mkdir()
    (tmp_path / "old").mkdir()
    return (Path(shutil.copy(template, tmp_path / "new" / "study.concord")),
            Path(shutil.copy(template, tmp_path / "old" / "study.concord")))


def statuses(path: Path) -> dict[tuple[str, str], str]:
    with Project.open(path) as opened, opened.session() as session:
        return {(row["coder"], row["document"]): row["status"] for row in list_assignments(session)}


# -- assign and done ----------------------------------------------------------------------------------------------


def test_assign_add_remove_and_list_print_what_the_old_spelling_prints(pair: tuple[Path, Path]) -> None:
    new, old = pair
    assert (quiet("assign", "add", new, "li", "WANG.TXT", "--coder", "Lin")
            == quiet("assign", old, "--coder", "Lin", "li", "WANG.TXT")
            == "Assigned 2 document(s) to Lin\n")
    added = as_json("assign", "add", new, "li", "zhao", "--coder", "王芳")
    assert added == as_json("assign", old, "--coder", "王芳", "li", "zhao")
    assert (added["coder"], added["action"], added["changed"]) == ("王芳", "assign", 2)
    assert (quiet("assign", "add", new, "li", "--coder", "Lin")
            == quiet("assign", old, "li", "--coder", "Lin")
            == "Assigned 0 document(s) to Lin (1 already assigned)\n")
    assert (quiet("assign", "remove", new, "wang", "zhao", "--coder", "Lin")
            == quiet("assign", old, "--coder", "Lin", "--remove", "wang", "zhao")
            == "Took 1 document(s) away from Lin (1 not assigned)\n")
    removed = as_json("assign", "remove", new, "zhao", "--coder", "王芳")
    assert removed == as_json("assign", old, "--remove", "--coder", "王芳", "zhao") and removed["changed"] == 1

    assert statuses(new) == statuses(old) == {("Lin", "li.txt"): "assigned", ("王芳", "li.txt"): "assigned"}
    listing = quiet("assign", "list", new)
    assert listing == quiet("assign", old, "--list") == quiet("assign", "list", old)
    assert listing.startswith("Lin: 0/1 done, 0 in progress, 1 not started (3 documents in the project)\n"
                              "  li.txt: assigned\n")
    listed = as_json("assign", "list", new)
    assert listed == as_json("assign", new, "--list") and len(listed["assignments"]) == 2
    assert without_times(listed) == without_times(as_json("assign", old, "--list"))


def without_times(listed: dict[str, Any]) -> dict[str, Any]:
    """An assignment listing without what is new in each project: the assignment's uuid and its moments."""
    return {**listed, "assignments": [{k: v for k, v in row.items() if k != "uuid" and not k.endswith("_at")}
                                      for row in listed["assignments"]]}


def test_done_mark_and_undo_print_what_the_old_spelling_prints(pair: tuple[Path, Path]) -> None:
    new, old = pair
    for project in pair:
        run("assign", "add", project, "li", "wang", "--coder", "Lin")
    assert (quiet("done", "mark", new, "li", "--coder", "Lin")
            == quiet("done", old, "--coder", "Lin", "li")
            == "Marked 1 document(s) done for Lin\n")
    marked = as_json("done", "mark", new, "zhao", "wang", "--coder", "王芳")  # never assigned: assigned as done
    assert marked == as_json("done", old, "zhao", "wang", "--coder", "王芳") and marked["action"] == "done"
    assert [row["after"] for row in marked["documents"]] == ["done", "done"]
    assert (quiet("done", "undo", new, "li", "wang", "--coder", "Lin")
            == quiet("done", old, "--coder", "Lin", "li", "wang", "--undo")
            == "Marked 1 document(s) not done for Lin (1 not done)\n")
    undone = as_json("done", "undo", new, "zhao", "--coder", "王芳")
    assert undone == as_json("done", old, "--undo", "zhao", "--coder", "王芳") and undone["action"] == "undo"
    assert statuses(new) == statuses(old)
    assert statuses(new)[("王芳", "zhao.txt")] == "assigned" and statuses(new)[("王芳", "wang.txt")] == "done"


@pytest.mark.parametrize("args", [
    ("assign", "add", "{p}", "li"),  # no --coder
    ("assign", "add", "{p}", "--coder", "Lin"),  # no document
    ("assign", "remove", "{p}", "li"),
    ("done", "mark", "{p}", "--coder", "Lin"),
    ("done", "undo", "{p}", "li"),
    ("assign", "list", "{p}", "--coder", "Lin"),  # list takes no coder
    ("assign", "add", "{p}", "li", "--coder", "Lin", "--remove"),  # the mode is the subcommand now
    ("done", "mark", "{p}", "li", "--coder", "Lin", "--undo"),
])
def test_a_missing_coder_or_document_or_an_old_flag_is_a_usage_error(pair: tuple[Path, Path],
                                                                       args: tuple[str, ...]) -> None:
    new, _ = pair
    before = statuses(new)
    result = run(*(str(new) if a == "{p}" else a for a in args), code=2)
    assert result.output.startswith(f"Usage: cli {args[0]} {args[1]} [OPTIONS] PROJECT")  # CliRunner's name
    assert result.output.splitlines()[-1].startswith(("Error: Missing", "Error: No such option"))
    assert statuses(new) == before


def test_an_unknown_coder_is_one_error_line_in_both_spellings(pair: tuple[Path, Path]) -> None:
    new, old = pair
    assert run("assign", "add", new, "li", "--coder", "Nobody", code=1).output == \
        run("assign", old, "--coder", "Nobody", "li", code=1).output
    assert run("done", "mark", new, "li", "--coder", "Lin ", code=0).stdout == \
        run("done", old, "--coder", "Lin ", "li").stdout  # names are trimmed alike
    assert run("assign", "add", new, "li", "--coder", " ", code=2).output.endswith("--coder NAME is required\n")
    assert statuses(new) == statuses(old)


# -- journal ------------------------------------------------------------------------------------------------------


def _entry(data: dict[str, Any]) -> dict[str, Any]:
    """A journal entry without what differs between two projects written a moment apart."""
    return {key: value for key, value in data.items() if key not in {"uuid", "created_at", "updated_at"}}


def test_journal_add_and_list_print_what_the_old_spelling_prints(pair: tuple[Path, Path]) -> None:
    new, old = pair
    assert (quiet("journal", "list", new) == quiet("journal", old) == "The journal is empty.\n")
    assert as_json("journal", "list", new) == as_json("journal", old) == []
    first_new = as_json("journal", "add", new, "开始编码。 Started coding.", "--author", "王芳")
    first_old = as_json("journal", old, "--add", "开始编码。 Started coding.", "--author", "王芳")
    assert _entry(first_new) == _entry(first_old)
    assert (first_new["text"], first_new["author"], first_new["kind"]) == ("开始编码。 Started coding.", "王芳", "journal")
    added = quiet("journal", "add", new, "Merged two codes.", "--title", "Codebook")
    assert added == f"Added journal entry {entries(new)[0].uuid[:8]}\n"
    assert quiet("journal", old, "--title", "Codebook", "--add", "Merged two codes.") == \
        f"Added journal entry {entries(old)[0].uuid[:8]}\n"

    assert [e.text for e in entries(new)] == [e.text for e in entries(old)] == [
        "Merged two codes.", "开始编码。 Started coding."]
    listed = as_json("journal", "list", new)
    assert listed == as_json("journal", new) and [_entry(e) for e in listed] == [_entry(e) for e in
                                                                                  as_json("journal", old)]
    text = quiet("journal", "list", new)
    assert text == quiet("journal", new) and "Codebook" in text and "王芳" in text


def entries(path: Path) -> list[Any]:
    with Project.open(path) as opened, opened.session() as session:
        return journal(session)


def test_journal_add_needs_its_text_and_list_takes_no_title(pair: tuple[Path, Path]) -> None:
    new, _ = pair
    assert "Missing argument 'TEXT'" in run("journal", "add", new, "--title", "x", code=2).output
    assert "No such option '--title'" in run("journal", "list", new, "--title", "x", code=2).output
    assert "--title and --author go with --add" in run("journal", new, "--title", "x", code=2).output
    assert entries(new) == []


# -- audit --------------------------------------------------------------------------------------------------------


@pytest.fixture()
def audited(pair: tuple[Path, Path]) -> Path:
    project, _ = pair
    run("assign", "add", project, "li", "wang", "--coder", "Lin")
    run("done", "mark", project, "li", "--coder", "王芳")
    return project


@pytest.mark.parametrize("filters", [
    (),
    ("--limit", "2"),
    ("--actor", "王芳"),
    ("--entity", "coder", "--text", "王芳"),
    ("--action", "assign", "--since", "2000-01-01", "--until", "2999-12-31"),
    ("--since", "2999-01-01"),
])
def test_audit_list_prints_what_the_old_spelling_prints(audited: Path, filters: tuple[str, ...]) -> None:
    text = quiet("audit", "list", audited, *filters)
    assert text == quiet("audit", audited, *filters)
    listed = as_json("audit", "list", audited, *filters)
    assert listed == as_json("audit", audited, *filters)
    assert len(text.splitlines()) == max(len(listed), 1)
    if filters == ("--since", "2999-01-01"):
        assert text == "No audit events match.\n"


def test_audit_export_writes_the_file_the_old_csv_flag_writes(audited: Path, tmp_path: Path) -> None:
    new_csv, old_csv = tmp_path / "new.csv", tmp_path / "old.csv"
    exported = as_json("audit", "export", audited, new_csv, "--actor", "Lin")
    assert exported == {**as_json("audit", audited, "--actor", "Lin", "--csv", old_csv), "path": str(new_csv)}
    assert exported["items"] == 1 and new_csv.read_bytes() == old_csv.read_bytes()
    assert new_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    text = quiet("audit", "export", audited, new_csv, "--limit", "1")
    assert text == quiet("audit", audited, "--csv", old_csv, "--limit", "1").replace(str(old_csv), str(new_csv))
    assert text == f"Wrote 1 audit events to {new_csv}\n" and new_csv.read_bytes() == old_csv.read_bytes()
    assert "audit trail is written as .csv" in run("audit", "export", audited, tmp_path / "a.xlsx", code=1).output


def test_audit_verify_intact_then_broken_in_both_spellings(audited: Path) -> None:
    with Project.open(audited) as opened, opened.session() as session:
        expected = verify_chain(session)
    assert expected.ok
    assert quiet("audit", "verify", audited) == quiet("audit", audited, "--verify") == expected.message + "\n"
    assert as_json("audit", "verify", audited) == as_json("audit", audited, "--verify")

    with sqlite3.connect(audited) as raw:
        event_id = raw.execute("select id from audit_events where action = 'assign' order by id").fetchone()[0]
        raw.execute("update audit_events set actor = 'Mallory' where id = ?", (event_id,))
    broken = run("audit", "verify", audited, code=1)
    assert broken.output == run("audit", audited, "--verify", code=1).output
    assert broken.output.strip().splitlines()[-1].startswith(f"Error: audit chain broken at event {event_id}")
    data = run("audit", "verify", audited, "--json", code=1)
    assert data.output == run("audit", audited, "--verify", "--json", code=1).output
    assert (json.loads(data.output)["ok"], json.loads(data.output)["broken_at"]) == (False, event_id)


def test_audit_verify_takes_no_filters(audited: Path) -> None:
    assert "No such option '--actor'" in run("audit", "verify", audited, "--actor", "Lin", code=2).output
    assert "--verify checks the whole chain" in run("audit", audited, "--verify", "--actor", "Lin", code=2).output


# -- help and order -----------------------------------------------------------------------------------------------


def test_the_groups_list_their_subcommands_and_name_the_old_spelling() -> None:
    expected = {"audit": ["list", "export", "verify"], "assign": ["list", "add", "remove"],
                "done": ["mark", "undo"], "journal": ["list", "add"]}
    old = {"audit": "`audit PROJECT [filters] [--csv FILE | --verify]`",
           "assign": "`assign PROJECT --coder NAME DOC... [--remove]`", "done": "`done PROJECT --coder NAME DOC...",
           "journal": "`journal PROJECT [--add TEXT]`"}
    for name, subcommands in expected.items():
        group = cli.get_command(click.Context(cli), name)
        assert isinstance(group, click.Group)
        shown = [sub for sub in group.list_commands(click.Context(group)) if not group.commands[sub].hidden]
        assert shown == subcommands, name
        helped = " ".join(quiet(name, "--help").split())
        assert all(word in helped for word in subcommands) and old[name] in helped, helped
        for sub in subcommands:
            assert "--json" in quiet(name, sub, "--help"), (name, sub)
