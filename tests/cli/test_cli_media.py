"""`concord media PROJECT link|unlink|list`, `document-info`'s recording and `concord import --link-media` through
CliRunner, asserting through the library."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.media import recording_links
from coding.project import Project
from tests.core.media_samples import write_interview, write_tone


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def links(path: Path) -> dict[str, dict[str, object]]:
    project = Project.open_for_reading(path)
    try:
        with project.session() as session:
            return {link.document: link.to_dict() for link in recording_links(session)}
    finally:
        project.close()


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "study.concord"
    run("new", path, "--empty-codebook")
    transcript, wav = write_interview(tmp_path / "in", "interview-07")
    run("import", path, transcript)
    return path, wav


def test_link_list_unlink(project: tuple[Path, Path]) -> None:
    path, wav = project
    linked = json.loads(run("media", path, "link", "interview-07", wav, "--offset-ms", "1500", "--json").output)
    assert linked == {"document": "interview-07", "path": str(wav.absolute()), "media_type": "audio/wav",
                      "duration_ms": 4000, "offset_ms": 1500, "exists": True}
    assert links(path)["interview-07"]["offset_ms"] == 1500
    listed = run("media", "list", path).output  # the project may come after the subcommand too
    assert listed.strip() == f"interview-07: {wav.absolute()} (audio/wav, 00:00:04, offset +1,500 ms)"
    assert json.loads(run("media", path, "list", "--json").output) == [linked]
    assert "Unlinked" in run("media", path, "unlink", "interview-07").output
    assert links(path) == {}
    assert run("media", path, "list").output.strip() == "No linked recordings."


def test_a_moved_recording_is_listed_as_missing(project: tuple[Path, Path]) -> None:
    path, wav = project
    run("media", path, "link", "interview-07", wav)
    wav.rename(wav.with_name("elsewhere.wav"))
    assert "FILE MISSING" in run("media", path, "list").output
    assert json.loads(run("media", path, "list", "--json").output)[0]["exists"] is False


@pytest.mark.parametrize(("file", "words"), [
    ("missing.wav", "no such recording"),
    ("interview-07.txt", "not a recording Concord plays"),
])
def test_a_bad_recording_is_one_error_line_naming_it_and_changes_nothing(
    project: tuple[Path, Path], file: str, words: str
) -> None:
    path, wav = project
    bad = wav.parent / file
    result = run("media", path, "link", "interview-07", bad, ok=False)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert str(bad.absolute()) in result.output and words in result.output
    assert links(path) == {}


def test_unlinking_a_document_without_a_recording_is_an_error(project: tuple[Path, Path]) -> None:
    result = run("media", project[0], "unlink", "interview-07", ok=False)
    assert result.exit_code == 1 and "has no linked recording" in result.output


def test_document_info_shows_the_recording(project: tuple[Path, Path]) -> None:
    path, wav = project
    assert "Recording: none linked." in run("document-info", path, "interview-07").output
    run("media", path, "link", "interview-07", wav)
    assert f"Recording: {wav.absolute()} (audio/wav, 00:00:04)." in run("document-info", path, "interview-07").output
    data = json.loads(run("document-info", path, "interview-07", "--json").output)
    assert data["recording"]["path"] == str(wav.absolute()) and data["recording"]["duration_ms"] == 4000


def test_import_with_link_media_links_the_recordings_beside(tmp_path: Path) -> None:
    path = tmp_path / "study.concord"
    run("new", path, "--empty-codebook")
    transcript, wav = write_interview(tmp_path / "in", "interview-07")
    (tmp_path / "in" / "interview-08.txt").write_text("[00:00:00] Doctor: Yes.\n", encoding="utf-8")
    result = json.loads(run("import", path, transcript, tmp_path / "in" / "interview-08.txt",
                            "--link-media", "--json").output)
    assert result["media"] == [{"document": "interview-07", "recording": str(wav.absolute()), "linked": True,
                                "reason": ""}]
    assert list(links(path)) == ["interview-07"]


def test_import_without_link_media_links_nothing(tmp_path: Path) -> None:
    path = tmp_path / "study.concord"
    run("new", path, "--empty-codebook")
    transcript, _ = write_interview(tmp_path / "in", "interview-07")
    write_tone(tmp_path / "in" / "interview-07.mp3", seconds=1.0)
    assert "media" not in json.loads(run("import", path, transcript, "--json").output)
    assert links(path) == {}
