"""The Analysis window in another language (issue 16): every menu, label, button, tooltip, table header, tab and
status line of every view goes through the catalogue, and the charts draw Chinese with CJK fonts.

The catalogue here is made by the test: lupdate over the sources, every entry "translated" as
【English】 (numerus forms too), compiled with lrelease — so a text on screen that is not marked was never
looked up, whatever the shipped Chinese catalogue holds today. The same entries feed ``coding.i18n`` (the Qt-free
twin), as the interface language does for the texts the core hands to the views.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QMenu, QTabWidget, QTableView, QWidget

from app import i18n as app_i18n
from app.analysis import controller_of, install
from app.analysis.controller import AnalysisController
from app.analysis.exports import CrosstabOptionsDialog, MatrixOptionsDialog, OptionsDialog
from app.analysis.kwic import KwicView
from app.analysis.window import VIEWS
from app.main import MainWindow
from coding import i18n as coding_i18n
from tests.app.test_analysis_gui import Study, open_view, study, study_template  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*(ROOT / "app").rglob("*.py"), *(ROOT / "coding").rglob("*.py")])  # the dialogs use shared parts
OPEN, CLOSE = "【", "】"
INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")  # a marked text with none inside it
# What may stay unmarked: symbols, measure and test names, file formats, key names (the shared conventions).
ALLOWED = {"Concord", "KWIC", "DOCX", "XLSX", "CSV", "JSON", "PNG", "SVG", "Ctrl", "Shift", "Return", "df", "p",
           "n", "N", "χ²", "Fisher", "Pearson", "Yates", "English"}  # a language is named in its own language
QT_OWN = {"Close Tab", "&OK", "OK", "&Cancel", "Cancel"}  # Qt's own (tab close button, dialog buttons): its catalogue


def pseudo_catalogue(folder: Path) -> Path:
    """A .ts of the analysis strings, each translated as 【source】, and its .qm; returns the .ts."""
    ts = folder / "concord_zh_CN.ts"
    subprocess.run(["pyside6-lupdate", *map(str, SOURCES), "-locations", "none", "-no-obsolete", "-ts", str(ts)],
                   check=True, capture_output=True)
    tree = ElementTree.parse(ts)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        forms = list(translation.iter("numerusform"))
        for form in forms:
            form.text = OPEN + source + CLOSE
        if not forms:
            translation.text = OPEN + source + CLOSE
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(folder / "concord_zh_CN.qm")], check=True,
                   capture_output=True)
    return ts


@pytest.fixture
def marked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The pseudo catalogue installed for Qt and for coding.i18n, as a non-English interface language."""
    ts = pseudo_catalogue(tmp_path)
    app = QCoreApplication.instance()
    assert app is not None
    translator = QTranslator(app)
    assert translator.load(str(tmp_path / "concord_zh_CN.qm"))
    app.installTranslator(translator)
    monkeypatch.setattr(app_i18n.TRANSLATORS, "language", app_i18n.CHINESE)
    monkeypatch.setattr(coding_i18n, "catalogue_path", lambda _language: ts)
    coding_i18n.catalogue.cache_clear()
    coding_i18n.set_language(coding_i18n.CHINESE)
    try:
        yield
    finally:
        coding_i18n.set_language(coding_i18n.ENGLISH)
        coding_i18n.catalogue.cache_clear()
        app.removeTranslator(translator)


@pytest.fixture
def marked_main(qtbot, marked: None, study: Study, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]  # noqa: F811
    window = MainWindow(study.path, settings, coder="Alice")
    qtbot.addWidget(window)
    window.set_blind(False)
    window.show()
    install(window)  # the Analysis menu is made with the catalogue in place
    yield window
    window.close()


def user_data(analysis: AnalysisController) -> list[str]:
    """Names the project holds (codes, coders, cases, attribute names and values, groups, documents): shown as
    they are, longest first so that a name inside another is not cut out of it."""
    choices = analysis.choices()
    names = [info.name for info in choices.tree.codes.values()] + [info.path for info in choices.tree.codes.values()]
    names += [info.name_zh for info in choices.tree.codes.values()]  # a Chinese interface shows these (issue 16)
    names += [name for _, name, _ in choices.coders] + [name for _, name in choices.cases]
    names += [name for name, _ in choices.attributes] + [v for _, values in choices.attributes for v in values]
    names += [name for _, name in choices.groups]
    assert analysis.bench is not None
    from models import Document

    with analysis.bench.project.session() as session:
        names += [d.name for d in session.query(Document)]
    return sorted({n for n in names if n}, key=len, reverse=True)


def texts_of(widget: QWidget) -> list[str]:
    """Every text a user can see or hover in ``widget``: labels, buttons, tooltips, placeholders, combo box
    entries, tab titles, table headers, menus and their actions."""
    texts: list[str] = [widget.windowTitle()]
    for label in widget.findChildren(QLabel):
        texts.append(label.text())
    for button in widget.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip()]
    for edit in widget.findChildren(QLineEdit):
        texts.append(edit.placeholderText())
    for box in widget.findChildren(QComboBox):
        texts += [box.itemText(i) for i in range(box.count())] + [box.toolTip()]
    for tabs in widget.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for table in widget.findChildren(QTableView):
        model = table.model()
        for section in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                texts.append(str(model.headerData(section, Qt.Orientation.Horizontal, role) or ""))
    for menu in widget.findChildren(QMenu):
        texts.append(menu.title())
        for action in menu.actions():
            texts += [action.text(), action.toolTip(), action.statusTip()]
    return texts


def unmarked(text: str, names: list[str]) -> list[str]:
    """The words of ``text`` no catalogue lookup made: what is left after the marked parts, markup, the
    project's own names, numbers and the allowed symbols."""
    if text in QT_OWN:
        return []
    rest = re.sub(r"<[^>]+>", " ", text)
    while INNERMOST.search(rest):  # a marked template filled with marked parts: from the inside out
        rest = INNERMOST.sub(" ", rest)
    for name in names:
        rest = rest.replace(name, " ")
    words = re.findall(r"[A-Za-z][A-Za-z'’]+", rest)
    return [w for w in words if w not in ALLOWED and not w.startswith("Analysis") and w != "Undo" and w != "Redo"]


def test_every_text_of_every_analysis_view_goes_through_the_catalogue(qtbot, marked_main: MainWindow) -> None:  # type: ignore[no-untyped-def]
    analysis = controller_of(marked_main)
    assert analysis is not None
    for kind in VIEWS:
        open_view(qtbot, analysis, kind)
    window = analysis.analysis_window
    assert window is not None
    kwic = window.views["kwic"]
    assert isinstance(kwic, KwicView)
    with qtbot.waitSignal(kwic.loaded, timeout=30_000):
        kwic.search("council")  # a status line with hits, and the KWIC rows' headers
    names = user_data(analysis)
    leaks = {text: words for text in texts_of(window) + texts_of(marked_main.tool_menu("Analysis") or QWidget())
             if (words := unmarked(text, names))}
    assert not leaks, "texts shown without a catalogue lookup:\n" + "\n".join(f"{t!r}: {w}" for t, w in leaks.items())
    dialogs = [OptionsDialog(analysis, "【Export】", "【intro】", codes=True, paper=True), MatrixOptionsDialog(analysis),
               CrosstabOptionsDialog(analysis)]  # the export dialogs' own labels (titles come from Exports)
    leaks = {text: words for dialog in dialogs for text in texts_of(dialog) if (words := unmarked(text, names))}
    assert not leaks, "export dialog texts without a catalogue lookup:\n" + "\n".join(leaks)
    # The menu, window title and each view's tab came from the catalogue too.
    assert all(OPEN in window.tabs.tabText(i) for i in range(window.tabs.count()))
    assert window.windowTitle().startswith(OPEN)
    assert all(a.text().startswith(OPEN) for a in analysis.actions.values())


def test_english_is_unchanged_without_a_catalogue(qtbot, study: Study, settings, messages) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    window = MainWindow(study.path, settings, coder="Alice")
    qtbot.addWidget(window)
    window.show()
    install(window)
    analysis = controller_of(window)
    assert analysis is not None
    assert analysis.actions["kwic"].text() == "&Text search (KWIC)…"
    view = open_view(qtbot, analysis, "retrieve")
    assert analysis.analysis_window is not None
    assert analysis.analysis_window.tabs.tabText(0) == "Retrieve segments"
    assert view.status.text().endswith(" — double-click one to read it in the transcript")
    assert view.filters.basis().startswith("Codings of: ")
    window.close()


def test_chart_texts_draw_in_the_cjk_fonts(marked: None) -> None:
    """Title, axis and colour-bar labels, legend and the basis line use the families with CJK glyphs (matplotlib
    draws a Chinese character missing from DejaVu Sans as a box)."""
    import numpy as np

    from app.analysis.words import word_chart
    from coding.analysis.basis import Basis
    from coding.analysis.charts import crosstab_heatmap
    from coding.analysis.crosstab import Crosstab
    from coding.analysis.words import WordFrequencies
    from coding.fonts import font_families
    from matplotlib.text import Text

    table = Crosstab(code_id=1, code="Governance/决策权", attribute="联盟模式", rollup=True, columns=["紧密型", "松散型"],
                     rows=("Code present", "Code absent"), counts=np.array([[3, 1], [1, 3]]), excluded_cases=0,
                     expected=None, chi2=None, yates_correction=False, chi2_valid=False, fisher=None,
                     basis=Basis(("王", "林"), False, (), "pooled"))
    words = WordFrequencies(by="all", columns=[], words=["医院", "决策"], counts=np.zeros((2, 0), dtype=np.int64),
                            totals=np.array([5, 3]), unit_words=np.array([8]))
    for figure in (crosstab_heatmap(table), word_chart(words)):
        texts = [t for t in figure.findobj(Text) if t.get_text() and t.get_visible()]
        assert any(OPEN in t.get_text() for t in texts), "the chart's own words come from the catalogue"
        assert all(t.get_fontfamily() == font_families() for t in texts), [
            (t.get_text(), t.get_fontfamily()) for t in texts if t.get_fontfamily() != font_families()]
