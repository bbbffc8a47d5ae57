"""The import as stages over one file's data, the caller's ImportPolicy, and the ImportStatus enum."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from coding.errors import DuplicateError, ImportFileError
from coding.importing import (
    ImportOptions,
    ImportPolicy,
    ImportStatus,
    OnChangedText,
    OnDuplicate,
    import_file,
    import_paths,
)
from coding.importing.pipeline import (
    STAGES,
    FileImport,
    analyse_stage,
    check_stage,
    normalise_stage,
    read_stage,
    run_stages,
)
from coding.importing.read import SourceText
from coding.importing.store import text_sha256
from coding.project import Project

EN = "Interviewer: How long have you worked here?\n\nDr Li: About ten years. It was hard at first!\n"
OTHER = "Interviewer: And before that?\n\nDr Li: A village clinic.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _work(target: Project, path: Path, policy: ImportPolicy | None = None) -> FileImport:
    return FileImport(target, path, ImportOptions(), policy or ImportPolicy())


# -- ImportStatus --------------------------------------------------------------------------------------------
def test_statuses_are_enum_members_reported_as_the_same_strings(import_project: Project, tmp_path: Path) -> None:
    first = _write(tmp_path / "P01.txt", EN)
    again = _write(tmp_path / "copy" / "P01 again.txt", EN)
    report = import_paths(import_project, [first, again, tmp_path / "missing.txt"])
    assert [task.status for task in report.items] == [
        ImportStatus.IMPORTED, ImportStatus.SKIPPED, ImportStatus.FAILED,
    ]
    assert all(type(task.status) is ImportStatus for task in report.items)
    items = report.to_dict()["items"]
    assert [type(item["status"]) for item in items] == [str, str, str]  # plain strings in the dict, not members
    assert [item["status"] for item in json.loads(json.dumps(report.to_dict()))["items"]] == [
        "imported", "skipped", "failed",
    ]
    assert [len(report.imported), len(report.skipped), len(report.failed)] == [1, 1, 1]


# -- ImportPolicy ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("duplicate", "status"), [(OnDuplicate.SKIP, ImportStatus.SKIPPED), (OnDuplicate.REFUSE, ImportStatus.FAILED)]
)
def test_duplicate_policy_says_whether_known_text_is_skipped_or_failed(
    import_project: Project, tmp_path: Path, import_counts: Callable[[], dict[str, int]],
    duplicate: OnDuplicate, status: ImportStatus,
) -> None:
    import_paths(import_project, [_write(tmp_path / "P01.txt", EN)])
    before = import_counts()
    again = _write(tmp_path / "P01 copy.txt", EN.replace("\n", "\r\n"))  # the same text once normalised
    [task] = import_paths(import_project, [again], policy=ImportPolicy(duplicate=duplicate)).items
    assert (task.status, task.message) == (status, f"{again}: already imported as P01")
    assert import_counts() == before
    with pytest.raises(DuplicateError):  # a single file raises whatever the policy; the batch reports it
        import_file(import_project, again, policy=ImportPolicy(duplicate=duplicate))


def test_default_policy_is_skip_duplicates_and_add_changed_text() -> None:
    assert ImportPolicy() == ImportPolicy(duplicate=OnDuplicate.SKIP, changed_text=OnChangedText.ADD)


def test_changed_text_under_a_known_name_is_added_by_default(import_project: Project, tmp_path: Path) -> None:
    import_paths(import_project, [_write(tmp_path / "P01.txt", EN)])
    changed = _write(tmp_path / "v2" / "P01.txt", OTHER)
    [task] = import_paths(import_project, [changed]).items
    assert (task.status, task.document_name) == (ImportStatus.IMPORTED, "P01 (2)")


def test_changed_text_under_a_known_name_is_refused_when_the_policy_says_so(
    import_project: Project, tmp_path: Path, import_counts: Callable[[], dict[str, int]]
) -> None:
    import_paths(import_project, [_write(tmp_path / "P01.txt", EN)])
    before = import_counts()
    refuse = ImportPolicy(changed_text=OnChangedText.REFUSE)
    changed = _write(tmp_path / "v2" / "P01.txt", OTHER)
    [task] = import_paths(import_project, [changed], policy=refuse).items
    assert task.status == ImportStatus.FAILED
    assert task.message == f"{changed}: imported before as P01, with other text (the import policy refuses it)"
    with pytest.raises(ImportFileError, match="imported before as P01"):
        import_file(import_project, changed, policy=refuse)
    assert import_counts() == before
    # Another name with that text, or the same text again, is not a changed re-import.
    renamed = _write(tmp_path / "v2" / "P02.txt", OTHER)
    same = _write(tmp_path / "v3" / "P01.txt", EN)
    report = import_paths(import_project, [renamed, same], policy=refuse)
    assert [task.status for task in report.items] == [ImportStatus.IMPORTED, ImportStatus.SKIPPED]


# -- stages ---------------------------------------------------------------------------------------------------
def test_normalise_stage_alone(import_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "P01.txt"  # never written: the stage works on the text it is given
    work = _work(import_project, path)
    work.source = SourceText(path, "txt", "\ufeffDr Li: Hello.  \r\n\r\n\r\n\r\nInterviewer: Hi\r\n", "utf-8", "", 0)
    normalise_stage(work)
    assert work.text == "Dr Li: Hello.\n\nInterviewer: Hi"
    assert work.digest == text_sha256(work.text)
    work.source = SourceText(path, "txt", " \r\n\t\r\n", "utf-8", "", 0)
    with pytest.raises(ImportFileError, match="no text to import"):
        normalise_stage(work)


def test_stages_before_store_write_nothing(
    import_project: Project, tmp_path: Path, import_counts: Callable[[], dict[str, int]]
) -> None:
    before = import_counts()
    work = _work(import_project, _write(tmp_path / "P01.txt", EN))
    for stage in (read_stage, normalise_stage, check_stage, analyse_stage):
        stage(work)
    assert work.analysis is not None and work.document is None
    assert [turn.speaker for turn in work.analysis.turns] == ["Interviewer", "Dr Li"]
    assert import_counts() == before


def test_check_stage_refuses_too_many_turns_before_analysis(tmp_path: Path, import_project: Project) -> None:
    work = FileImport(import_project, tmp_path / "P01.txt", ImportOptions(max_turns=1), ImportPolicy())
    work.text = EN
    with pytest.raises(ImportFileError, match="2 speaker turns, over the limit of 1"):
        check_stage(work)


def test_run_stages_times_each_stage_in_order(import_project: Project, tmp_path: Path) -> None:
    work = _work(import_project, _write(tmp_path / "P01.txt", EN))
    run_stages(work)
    assert list(work.seconds) == [stage.name for stage in STAGES] == ["read", "normalise", "check", "analyse", "store"]
    assert all(seconds >= 0 for seconds in work.seconds.values())
    assert work.document is not None and work.document.name == "P01"
    failing = _work(import_project, _write(tmp_path / "blank.txt", "\n \n"))
    with pytest.raises(ImportFileError):
        run_stages(failing)
    assert list(failing.seconds) == ["read", "normalise"]  # the stage that refused is timed; none after it
