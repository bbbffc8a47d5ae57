"""Issue 16: what the Qt-free core hands to the screen comes in the interface language, while what it stores or
writes as data (``--json`` output, audit records) stays English.

Each test loads a small Chinese catalogue of its own through ``CONCORD_TRANSLATIONS`` (the shipped one is the
lead's to merge), so a text the core forgets to translate shows up here as English where Chinese was expected.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import select

from coding import documents, i18n
from coding.check import Problem
from coding.edits import MetadataToAttributesEdit, merge_label
from coding.i18n import CHINESE, use_language
from coding.importing.file_list import choose_paths, folder_files
from coding.importing.pipeline import import_paths
from coding.media import LinkRecordingEdit, Recording
from coding.memos import add_memo, list_memos
from coding.project import Project
from coding.refi.positions import Units
from coding.refi.report import SKIPPED_KINDS, skipped_label
from coding.said import said, shown
from coding.team.merge import MergeRecord
from models import AuditEvent
from tests.core.team_helpers import code_id
from models.store import copy_project
from tests.core.test_team_merge import Team, template  # noqa: F401  (the fixture)

CATALOGUE = {
    "importing": {
        "README or licence file, not a transcript": "README 或许可证文件，不是转录稿",
        "hidden file": "隐藏文件",
        "excluded by --exclude {pattern}": "被 --exclude {pattern} 排除",
        "{path}: imported as {name} ({language}, {turns} turns, {sentences} sentences, {words} words, text in "
        "{encoding})": "{path}：已导入为 {name}（{language}，{turns} 个话轮，{sentences} 个句子，{words} 个词，文本编码 {encoding}）",
        "Imported {imported}, skipped {skipped}, failed {failed}": "已导入 {imported} 个，跳过 {skipped} 个，失败 {failed} 个",
        ".": "。",
    },
    "removal": {
        "%Ln document(s)": "%Ln 个文档",
        "%Ln memo(s)": "%Ln 条备忘录",
        "{documents} with {parts}": "{documents}，连同 {parts}",
    },
    "edits": {
        "Copy metadata of every document to case attributes": "将所有文档的元数据复制到个案属性",
        "Link recording {file}": "关联录音 {file}",
        "Merge {file}": "合并 {file}",
    },
    "memo_targets": {"Project": "项目"},
    "refi": {"UTF-16 code units of the file text (as NVivo writes)": "文件文本的 UTF-16 码元（NVivo 的写法）",
             "code sets": "代码集"},
    "team.merge": {
        "code '{name}': {message}": "代码“{name}”：{message}",
        "deleted in the copy; kept in the project": "已在副本中删除；在项目中保留",
    },
    "check": {"[{start}, {end}) is out of range": "[{start}, {end}) 超出范围"},
}
PLURALS = ("%n", "%Ln")  # a count Qt fills in


def _message(source: str, translation: str) -> str:
    if any(marker in source for marker in PLURALS):
        return (f'<message numerus="yes"><source>{escape(source)}</source><translation>'
                f"<numerusform>{escape(translation)}</numerusform></translation></message>")
    return f"<message><source>{escape(source)}</source><translation>{escape(translation)}</translation></message>"


def write_catalogue(folder: Path) -> None:
    contexts = "".join(
        f"<context><name>{escape(context)}</name>{''.join(_message(s, t) for s, t in entries.items())}</context>"
        for context, entries in CATALOGUE.items())
    (folder / f"{i18n.CATALOGUE}_{CHINESE}.ts").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="{CHINESE}">{contexts}</TS>',
        encoding="utf-8")


@pytest.fixture
def chinese(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The interface in Chinese (this thread), from the catalogue above."""
    folder = tmp_path_factory.mktemp("catalogue")
    write_catalogue(folder)
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(folder))
    i18n.catalogue.cache_clear()
    with use_language(CHINESE):
        yield
    i18n.catalogue.cache_clear()


def zh(context: str, text: str) -> str:
    return CATALOGUE[context][text]


@pytest.fixture
def transcripts(tmp_path: Path) -> Path:
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "P01.txt").write_text("Interviewer: How did it start?\nP01: We met at the bureau.\n", encoding="utf-8")
    (folder / "README.txt").write_text("About these interviews.\n", encoding="utf-8")
    (folder / ".draft.txt").write_text("not yet\n", encoding="utf-8")
    return folder


# -- importing --------------------------------------------------------------------------------------------------
def test_left_out_files_say_why_in_chinese_and_keep_english_reasons_for_json(chinese: None, transcripts: Path) -> None:
    by_name = {choice.name: choice for choice in folder_files(transcripts)}

    readme = by_name["README.txt"]
    assert readme.why == zh("importing", "README or licence file, not a transcript")
    assert readme.to_dict()["reason"] == "README or licence file, not a transcript"
    assert by_name[".draft.txt"].why == zh("importing", "hidden file")
    assert by_name["P01.txt"].chosen and by_name["P01.txt"].why == ""

    _chosen, left_out = choose_paths([transcripts / "P01.txt"], exclude=["P0*"])
    assert [(c.reason, c.why) for c in left_out] == [
        ("excluded by --exclude P0*", zh("importing", "excluded by --exclude {pattern}").format(pattern="P0*"))]


def test_left_out_files_read_as_before_in_english(transcripts: Path) -> None:
    readme = next(choice for choice in folder_files(transcripts) if choice.name == "README.txt")
    assert readme.why == readme.reason == "README or licence file, not a transcript"


def test_the_import_report_is_chinese_on_screen_and_english_in_json(
    chinese: None, transcripts: Path, tmp_path: Path,
) -> None:
    project = Project.create(tmp_path / "study.concord", with_codebook=False)
    try:
        report = import_paths(project, [transcripts / "P01.txt"])
    finally:
        project.close()

    (task,) = report.items
    assert task.message.startswith(f"{task.path}: imported as P01 (")  # the JSON report's words
    assert json.loads(json.dumps(report.to_dict()))["items"][0]["message"] == task.message
    assert task.shown_message == zh(
        "importing", "{path}: imported as {name} ({language}, {turns} turns, {sentences} sentences, {words} words, "
        "text in {encoding})").format(path=task.path, name="P01", language=task.language, turns=task.turns,
                                      sentences=task.sentences, words=task.words, encoding="utf-8")
    assert report.summary.splitlines()[-1] == zh(
        "importing", "Imported {imported}, skipped {skipped}, failed {failed}").format(
        imported=1, skipped=0, failed=0) + "。"


# -- housekeeping, memos, edits ------------------------------------------------------------------------------------
def _project_with_a_memo(tmp_path: Path, transcripts: Path) -> Project:
    project = Project.create(tmp_path / "study.concord", with_codebook=False)
    import_paths(project, [transcripts / "P01.txt"])
    with project.session() as session:
        document_uuid = documents.find_document(session, "P01").uuid
        add_memo(session, "document", target_uuid=document_uuid, text="first impressions", actor="lead")
        add_memo(session, "project", text="the study's aims", actor="lead")
        session.commit()
    return project


def test_deletion_impact_and_memo_targets_in_chinese(chinese: None, transcripts: Path, tmp_path: Path) -> None:
    project = _project_with_a_memo(tmp_path, transcripts)
    try:
        with project.session() as session:
            impact = documents.document_deletion_impact(session, ["P01"])
            records = list_memos(session, ["project"])
    finally:
        project.close()

    assert impact.describe() == "1 个文档，连同 1 条备忘录"
    (record,) = records
    assert record.shown_target == zh("memo_targets", "Project")
    assert record.target_name == record.to_dict()["target"] == "Project"


def test_deletion_impact_and_memo_targets_read_as_before_in_english(transcripts: Path, tmp_path: Path) -> None:
    project = _project_with_a_memo(tmp_path, transcripts)
    try:
        with project.session() as session:
            impact = documents.document_deletion_impact(session, ["P01"])
            (record,) = list_memos(session, ["project"])
    finally:
        project.close()

    assert impact.describe() == "1 document with 1 memo"
    assert record.shown_target == record.target_name == "Project"


def test_undo_texts_of_core_edits_in_chinese(chinese: None) -> None:
    assert MetadataToAttributesEdit(None).label == zh("edits", "Copy metadata of every document to case attributes")
    recording = Recording(path="/media/P01.wav", media_type="audio/wav", duration_ms=1000, offset_ms=0)
    assert LinkRecordingEdit("uuid", recording).label == "关联录音 P01.wav"
    assert merge_label([MergeRecord("P01-Lin.concord", "coder-uuid", "copy")]) == "合并 P01-Lin.concord"


def test_undo_texts_of_core_edits_in_english() -> None:
    assert MetadataToAttributesEdit(["a", "b"]).label == "Copy metadata of 2 document(s) to case attributes"
    assert merge_label([MergeRecord("P01-Lin.concord", "coder-uuid", "copy")]) == "Merge P01-Lin.concord"


def test_position_units_are_named_in_chinese_and_warned_about_in_english(chinese: None) -> None:
    assert Units.UTF16.label == zh("refi", "UTF-16 code units of the file text (as NVivo writes)")
    assert Units.UTF16.english_label == "UTF-16 code units of the file text (as NVivo writes)"


def test_skipped_kinds_head_the_exchange_report_in_chinese(chinese: None) -> None:
    assert "code sets" in SKIPPED_KINDS
    assert skipped_label("code sets") == zh("refi", "code sets")


def test_skipped_kinds_read_as_before_in_english() -> None:
    assert skipped_label("code sets") == "Code sets"


# -- team merge: the report on screen in Chinese, the audit record and JSON in English -----------------------------
@pytest.fixture
def merge_team(template: Path, tmp_path: Path) -> Iterator[Team]:  # noqa: F811  (the imported fixture)
    copy_project(template, tmp_path / "study.concord")
    project = Project.open(tmp_path / "study.concord")
    folder = tmp_path / "copies"
    folder.mkdir()
    yield Team(project, folder)
    project.close()


def test_merge_conflicts_are_chinese_on_screen_english_in_the_audit_trail(chinese: None, merge_team: Team) -> None:
    team = merge_team
    from coding.codebook import delete_code

    team.edit(team.lin, lambda s: delete_code(s, code_id(s, "Institutional environments"), actor="Lin"))

    (report,) = team.merge(team.lin).reports

    (conflict,) = report.conflicts
    english = "deleted in the copy; kept in the project"
    assert conflict.message == english and report.to_dict()["conflicts"][0]["message"] == english
    assert conflict.text() == zh("team.merge", "code '{name}': {message}").format(
        name="Institutional environments", message=zh("team.merge", english))
    with team.project.session() as session:
        stored = session.scalars(select(AuditEvent).where(AuditEvent.action == "merge")).one()
    assert stored.after is not None and stored.after["conflicts"] == [f"code 'Institutional environments': {english}"]


# -- check ---------------------------------------------------------------------------------------------------------
def test_check_problems_are_described_in_chinese_and_listed_in_english(chinese: None) -> None:
    problem = Problem("offsets", "codings", 7, None,
                      said("check", "[{start}, {end}) is out of range", start=3, end=9))

    assert problem.describe() == "codings row 7: [3, 9) 超出范围"
    assert problem.to_dict()["problem"] == "[3, 9) is out of range"
    assert json.dumps(problem.to_dict()["problem"]) == '"[3, 9) is out of range"'
    assert shown("plain text") == "plain text"
