"""The places where typing app/ strictly (tests/core/test_types.py) changed how the code is written: each still
does what it did, and a few do what their Qt base class promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSettings, Qt, QUrl
from PySide6.QtWidgets import QDialog

from app.backups import DEFAULT_KEEP_DAYS, DEFAULT_KEEP_LAST, BackupPreferences
from app.help import without_fragment
from app.import_dialog import _size_text
from app.itemmodels.tree import TreeModel
from app.palette import ARROW_STEPS
from app.team import MergeReportDialog
from coding.team.merge import MergeResult


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 bytes"),
    (1023, "1,023 bytes"),
    (1024, "1.0 KB"),
    (1536, "1.5 KB"),
    (1024 * 1024 - 1, "1,024.0 KB"),
    (1024 * 1024, "1.0 MB"),
    (5 * 1024 * 1024 * 1024, "5,120.0 MB"),
])
def test_file_sizes_read_as_before(size: int, text: str) -> None:
    assert _size_text(size) == text


@pytest.mark.parametrize(("url", "bare"), [
    ("file:///docs/guide.md#exchange-refi-qda", "file:///docs/guide.md"),
    ("file:///docs/guide.md", "file:///docs/guide.md"),
    ("file:///docs/a%20b.md?x=1#top", "file:///docs/a b.md?x=1"),
])
def test_a_url_loses_only_its_fragment(url: str, bare: str) -> None:
    stripped = without_fragment(QUrl(url))
    assert not stripped.hasFragment()
    assert stripped == QUrl(bare)


class _Tree(TreeModel):
    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return self.item(index).payload if role == Qt.ItemDataRole.DisplayRole else None


def test_tree_model_parent_is_the_owner_without_an_index_and_the_parent_index_with_one(qapp: object) -> None:
    owner = QObject()
    model = _Tree(owner)
    top = model.root.add("Decision rights")
    top.add("Organizational changes")
    top_index = model.index(0, 0)
    child_index = model.index(0, 0, top_index)
    assert child_index.data() == "Organizational changes"
    assert model.parent() is owner  # QObject's parent(), as the base class promises
    assert model.parent(child_index) == top_index
    assert not model.parent(top_index).isValid()
    assert not model.parent(QModelIndex()).isValid()
    assert model.parent(QPersistentModelIndex(child_index)) == top_index


def test_backup_settings_from_an_ini_file_fall_back_on_what_is_not_a_number(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "concord.ini"), QSettings.Format.IniFormat)
    settings.setValue("backups/interval_minutes", "7")  # an .ini file gives strings back
    settings.setValue("backups/keep_last", ["1", "2"])  # neither a number nor a string
    settings.setValue("backups/keep_days", "a week")
    settings.sync()
    assert BackupPreferences.load(settings) == BackupPreferences(7, DEFAULT_KEEP_LAST, DEFAULT_KEEP_DAYS)
    settings.setValue("backups/keep_days", "-3")  # below the lowest: the lowest
    assert BackupPreferences.load(settings).keep_days == 0


def test_arrow_steps_answer_the_int_a_key_event_gives() -> None:
    assert ARROW_STEPS.get(int(Qt.Key.Key_Down.value)) == 1
    assert ARROW_STEPS.get(int(Qt.Key.Key_PageUp.value)) == -8
    assert ARROW_STEPS.get(int(Qt.Key.Key_Return.value)) is None


def test_the_merge_report_keeps_qdialogs_result(qapp: object) -> None:
    result = MergeResult()
    dialog = MergeReportDialog(result)
    try:
        assert dialog.merge_result is result
        dialog.reject()
        assert dialog.result() == QDialog.DialogCode.Rejected.value  # a method again, not the merge
    finally:
        dialog.deleteLater()
