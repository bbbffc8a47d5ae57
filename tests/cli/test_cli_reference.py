"""Every command and option has help, and docs/cli.md is what ``python -m coding.cli.reference`` generates now."""

from __future__ import annotations

import difflib
from pathlib import Path

import click
import pytest

from coding.cli import reference
from coding.cli.reference import REGENERATE, missing_help, render, root_context, unsectioned, walk


def _sections_by_heading(text: str) -> dict[str, str]:
    """docs/cli.md split at its command headings: command path -> the text up to the next heading."""
    sections: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("#") and "`" in line:
            current = line.split("`")[1]
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return sections


def test_every_command_has_help() -> None:
    root, ctx = root_context()
    assert missing_help(root, ctx) == []
    for entry in walk(root, ctx, hidden=True):
        if not isinstance(entry.command, click.Group):
            options = {opt for param in entry.command.params for opt in getattr(param, "opts", [])}
            assert "--json" in options, f"{entry.ctx.command_path} has no --json"


def test_missing_help_names_each_command_and_option_without_help() -> None:
    @click.group(help="A group.")
    def group() -> None: ...

    @group.command("bare")
    @click.option("--quiet", is_flag=True)
    @click.option("--loud", is_flag=True, help="Shout.")
    @click.option("--secret", hidden=True)
    def bare(quiet: bool, loud: bool, secret: str | None) -> None: ...

    @group.command("internal", hidden=True)
    @click.option("--json", "as_json", is_flag=True, help="JSON.")
    def internal(as_json: bool) -> None: ...

    @group.command("helped")
    @click.option("--depth", type=int)
    def helped(depth: int | None) -> None:
        """Has help; its option does not."""

    assert missing_help(group, click.Context(group, info_name="tool")) == [
        "tool bare has no help",
        "tool bare --quiet has no help",
        "tool helped --depth has no help",
        "tool internal has no help",
    ]


def test_every_top_level_command_has_one_section() -> None:
    root, ctx = root_context()
    assert unsectioned(root, ctx) == []


def test_unsectioned_names_new_missing_and_doubled_commands() -> None:
    group = click.Group("tool", commands=[click.Command("kept", help="."), click.Command("new", help=".")])
    sections = (("One", ("kept", "gone")), ("Two", ("kept",)))
    assert unsectioned(group, click.Context(group, info_name="tool"), sections) == [
        "`concord new` is in no section of SECTIONS",
        "SECTIONS lists `gone`, which is no command",
        "SECTIONS lists `kept` twice",
    ]


def test_the_reference_documents_every_command_and_option() -> None:
    root, ctx = root_context()
    sections = _sections_by_heading(render())
    for entry in walk(root, ctx):
        path = entry.ctx.command_path
        if entry.command is root:
            continue
        assert path in sections, f"{path} is missing from the reference"
        for param in entry.command.params:
            if isinstance(param, click.Option) and "--help" not in param.opts:
                for opt in [*param.opts, *param.secondary_opts]:
                    assert opt in sections[path], f"{path} {opt} is missing from the reference"


def test_docs_cli_md_is_current() -> None:
    expected = render()
    current = reference.DOCS_PATH.read_text(encoding="utf-8") if reference.DOCS_PATH.exists() else ""
    if current != expected:
        diff = "".join(list(difflib.unified_diff(current.splitlines(True), expected.splitlines(True),
                                                 "docs/cli.md", "generated"))[:40])
        pytest.fail(f"docs/cli.md is out of date; run `{REGENERATE}` to update it.\n{diff}")


def test_check_reports_a_stale_file_and_writing_makes_it_current(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cli.md"
    target.write_text("# Command reference\n\nstale\n", encoding="utf-8")
    monkeypatch.setattr(reference, "DOCS_PATH", target)
    assert reference.main(["--check"]) == 1
    assert target.read_text(encoding="utf-8").endswith("stale\n")  # --check writes nothing
    assert reference.main([]) == 0
    assert target.read_text(encoding="utf-8") == render()
    assert reference.main(["--check"]) == 0


def test_missing_help_walks_nested_groups_and_hidden_commands() -> None:
    @click.group(help="Outer.")
    def outer() -> None: ...

    @outer.group("inner", help="Inner.")
    def inner() -> None: ...

    @inner.command("deep")
    @click.option("--flag", is_flag=True)
    def deep(flag: bool) -> None: ...

    @inner.command("old-form", hidden=True)
    def old_form() -> None: ...

    assert missing_help(outer, click.Context(outer, info_name="tool")) == [
        "tool inner deep has no help",
        "tool inner deep --flag has no help",
        "tool inner old-form has no help",
    ]


def test_every_subcommand_of_every_group_has_its_own_heading_one_level_down() -> None:
    root, ctx = root_context()
    text = render()
    headings = {line.split("`")[1]: len(line) - len(line.lstrip("#")) for line in text.splitlines()
                if line.startswith("#") and "`" in line}
    groups = [entry for entry in walk(root, ctx) if isinstance(entry.command, click.Group) and entry.command is not root]
    assert {"concord agreement", "concord cases", "concord backup", "concord export", "concord chart"} <= {
        entry.ctx.command_path for entry in groups}
    for entry in groups:
        group = entry.command
        assert isinstance(group, click.Group)
        for name in group.list_commands(entry.ctx):
            path = f"{entry.ctx.command_path} {name}"
            if group.commands[name].hidden:  # an old spelling: it works, but the reference shows the new one
                assert path not in headings
            else:
                assert headings.get(path) == headings[entry.ctx.command_path] + 1, path
