"""Open original, from the Documents panel's context menu: the file a document was imported from is written to a
temporary file whose URL the system's viewer is handed (the viewer itself is not launched here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel

from app.document_actions import OPEN_ORIGINAL, original_url
from app.main import MainWindow
from coding.importing import import_paths
from tests.app.conftest import Sample
from tests.core import pdf_samples


def _select(window: MainWindow, *document_ids: int) -> None:
    panel = window.documents_panel
    selection = panel.tree.selectionModel()
    selection.clearSelection()
    for document_id in document_ids:
        index = panel.proxy.mapFromSource(window.documents_model.index_of_document(document_id))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def _import_pdf(window: MainWindow, tmp_path: Path) -> tuple[int, Path]:
    path = pdf_samples.write(tmp_path / "p09 original.pdf",
                             pdf_samples.one_column_pdf(pdf_samples.transcript_turns(6)))
    bench = window.bench
    assert bench is not None
    report = import_paths(bench.project, [path])
    assert report.imported, report.summary
    bench.announce(report.changes, None)
    document_id = report.items[0].document_id
    assert document_id is not None
    return document_id, path


def _action(window: MainWindow):  # type: ignore[no-untyped-def]
    menu = window.documents_menu()
    assert menu is not None
    return next(action for action in menu.actions() if action.text() == OPEN_ORIGINAL)


def test_open_original_writes_the_imported_bytes_to_the_url_it_opens(window: MainWindow, tmp_path: Path) -> None:
    document_id, path = _import_pdf(window, tmp_path)
    _select(window, document_id)
    assert _action(window).isEnabled()
    bench = window.bench
    assert bench is not None
    url = original_url(bench.project, document_id)
    assert url.isLocalFile()
    written = Path(url.toLocalFile())
    assert written.name == "p09 original.pdf" and written.read_bytes() == path.read_bytes()
    assert written.parent.stat().st_mode & 0o077 == 0  # a private folder: others cannot read the interview


def test_open_original_is_for_one_document_at_a_time(window: MainWindow, sample: Sample) -> None:
    _select(window, sample.en_id, sample.zh_id)
    assert not _action(window).isEnabled()


def test_a_document_without_an_original_says_so(window: MainWindow, sample: Sample, messages: list[str]) -> None:
    """The sample's documents were stored from text, not imported from files."""
    assert window.document_actions.open_original(sample.en_id) is False
    assert messages == ["document 'P01 bureau' has no original file kept (it was imported before Concord kept "
                        "originals, or came from a REFI-QDA project or from text)"]


def test_the_import_dialog_names_every_kind_it_imports() -> None:
    from app.import_dialog import KIND_WORDS
    from coding.importing.options import SUPPORTED_SUFFIXES

    assert set(SUPPORTED_SUFFIXES.values()) <= set(KIND_WORDS)
