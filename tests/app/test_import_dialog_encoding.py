"""The import dialog's Text encoding choice: Detect refuses an unclear file, naming the readings; a chosen
encoding imports it, and the report shows the encoding used."""

from __future__ import annotations

from pathlib import Path

from app.import_dialog import ENCODINGS, ImportDialog
from tests.app.conftest import Sample
from tests.app.helpers import rows
from tests.core.import_samples import ENGLISH_WINDOWS, TRADITIONAL_CHINESE


def run_import(qtbot, sample: Sample, paths: list[Path],  # type: ignore[no-untyped-def]
               encoding: str | None) -> dict[str, tuple[str, str]]:
    dialog = ImportDialog(sample.path, "Alice", str(paths[0].parent))
    qtbot.addWidget(dialog)
    dialog.add_paths(paths)
    dialog.encoding.setCurrentIndex(dialog.encoding.findData(encoding))
    assert dialog.encoding.currentData() == encoding
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60000)
    return {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
            for r in range(dialog.table.rowCount())}


def test_detect_refuses_an_unclear_file_and_a_chosen_encoding_imports_it(qtbot, sample: Sample, tmp_path: Path) -> None:
    windows = tmp_path / "windows.txt"
    windows.write_bytes(ENGLISH_WINDOWS.encode("cp1252"))
    big5 = tmp_path / "big5.txt"
    big5.write_bytes((TRADITIONAL_CHINESE * 2).encode("big5"))
    detected = run_import(qtbot, sample, [windows, big5], None)
    assert detected["windows.txt"][0] == "Failed"
    assert detected["windows.txt"][1].startswith("cannot tell the text encoding (best guesses: cp1252 “naïve”")
    assert detected["big5.txt"][0] == "Imported" and detected["big5.txt"][1].endswith(" · big5")
    assert rows(sample.path, "SELECT encoding FROM documents WHERE name = 'windows'") == []

    chosen = run_import(qtbot, sample, [windows], "cp1252")
    assert chosen["windows.txt"][0] == "Imported" and chosen["windows.txt"][1].endswith(" · cp1252")
    assert rows(sample.path, "SELECT encoding, text FROM documents WHERE name = 'windows'") == [
        ("cp1252", ENGLISH_WINDOWS.strip())
    ]


def test_every_offered_encoding_is_one_python_knows() -> None:
    import codecs

    assert ENCODINGS[0][1] is None  # Detect comes first and is the default
    for _label, codec in ENCODINGS[1:]:
        codecs.lookup(codec)
