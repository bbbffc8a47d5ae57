"""The interface language: Qt's own translation machinery (``QCoreApplication.translate``, ``.ts`` catalogues kept
with ``pyside6-lupdate``, compiled ``.qm`` files shipped in ``resources/translations``) plus Qt's catalogue for its
standard dialogs and buttons (``qtbase_zh_CN``).

The language comes from ``concord gui --lang``, else the user's choice in Edit › Settings… or View › Language
(QSettings), else the system locale. Switching at run time installs the other catalogue and builds the main window
again on the same project, coder and document: Concord's windows set their texts once, when built, so building them
again is what turns every label, menu and tooltip. Number formats follow the language (``QLocale.setDefault``), and
so does the Qt-free core (``coding.i18n.set_language``): exports and texts from ``coding/`` read the same catalogue.

Plurals: a source text holding ``%n`` (or ``%Ln``) is a plural message. Chinese has one form; English has two, so English is a
catalogue too (``concord_en``), holding only the plural messages, with forms derived from the source by rule
("%n file(s)" → "%n file" / "%n files"; also "(es)", "y(ies)", "is (are)", "was (were)", "has (have)",
"refers (refer)"). A form edited by hand in ``concord_en.ts`` stays.

Translators testing a catalogue: ``CONCORD_TRANSLATIONS=DIR`` makes Concord load ``concord_<language>.qm`` from DIR
first (the shipped one when DIR has none), e.g. ``CONCORD_TRANSLATIONS=/tmp/mine concord gui --lang zh_CN``.

Maintainers: ``python -m app.i18n update`` refreshes the ``.ts`` catalogues from the sources of ``app/`` and
``coding/`` (new strings come in unfinished, vanished ones go, plural messages are marked numerus),
``python -m app.i18n release`` compiles them to ``.qm``; ``tests/app/test_i18n.py`` fails when a shipped ``.qm`` is
not the compilation of its ``.ts`` or a ``.ts`` is not current.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup

from coding.i18n import CHINESE, ENGLISH, LANGUAGES, TRANSLATIONS_ENV, normalised, set_language, use_loaded_catalogue

if TYPE_CHECKING:
    from app.main import MainWindow

SETTING = "interface/language"
CATALOGUE = "concord"  # resources/translations/concord_<language>.ts/.qm
CATALOGUE_LANGUAGES = (CHINESE, ENGLISH)  # English: the plural forms only
QT_CATALOGUES = ("qtbase",)


def translations_dir() -> Path:
    return Path(str(resources.files("resources") / "translations"))


def catalogue_folders() -> list[str]:
    """Where Concord's .qm catalogues are looked for, in order: the translator's folder, then the shipped one."""
    override = os.environ.get(TRANSLATIONS_ENV, "").strip()
    return [*([override] if override else []), str(translations_dir())]


def interface_language(settings: QSettings | None = None, requested: str | None = None) -> str:
    """``requested`` (the command line), else the user's saved choice, else the system locale, else English."""
    for candidate in (requested, settings.value(SETTING) if settings is not None else None, QLocale.system().name()):
        chosen = normalised(str(candidate) if candidate else None)
        if chosen is not None:
            return chosen
    return ENGLISH


class Translators:
    """The catalogues installed in the application now; installing a language removes the previous ones."""

    def __init__(self) -> None:
        self.installed: list[QTranslator] = []
        self.language = ENGLISH

    def install(self, language: str) -> list[str]:
        """Install ``language``'s catalogues (for English only its plural forms); returns the files that loaded."""
        app = QCoreApplication.instance()
        assert app is not None, "translators need a QApplication"
        for translator in self.installed:
            app.removeTranslator(translator)
        self.installed = []
        self.language = language
        QLocale.setDefault(QLocale(language))
        set_language(language)
        loaded: list[str] = []
        ours = False
        for name, folders in self._catalogues(language):
            translator = QTranslator(app)
            for folder in folders:
                if translator.load(name, folder):
                    app.installTranslator(translator)
                    self.installed.append(translator)
                    loaded.append(str(Path(folder) / name))
                    ours = ours or name.startswith(CATALOGUE)
                    break
        # The core's texts from the same compiled catalogue, so the GUI does not parse the 3,000-entry .ts again
        # (English: the core's small plural-only .ts, as without a GUI).
        use_loaded_catalogue(language if ours and language != ENGLISH else None, QCoreApplication.translate)
        return loaded

    @staticmethod
    def _catalogues(language: str) -> list[tuple[str, list[str]]]:
        """(catalogue name, folders to try in order); Qt's own first, so Concord's win where both translate."""
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = [] if language == ENGLISH else [(f"{name}_{language}", [qt_folder]) for name in QT_CATALOGUES]
        return [*qt, (f"{CATALOGUE}_{language}", catalogue_folders())]


TRANSLATORS = Translators()


def number(value: int) -> str:
    """A count shown alone, digits grouped as the interface language writes them ("12,345"); also under the C
    locale, which omits grouping by default. Counts in sentences use ``%Ln`` in their translated text instead."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return locale.toString(value)


def install_language(settings: QSettings | None = None, requested: str | None = None) -> str:
    """At start: install the interface language's catalogues; returns the language."""
    language = interface_language(settings, requested)
    TRANSLATORS.install(language)
    return language


def switch_language(window: MainWindow, language: str) -> MainWindow:
    """Remember ``language``, install it and build the main window again on the same project, coder and
    document; returns the new window (the old one closes, its project's lock released first)."""
    from app.main import MainWindow, install_features

    window.settings.qsettings.setValue(SETTING, language)
    if language == TRANSLATORS.language:
        return window
    bench = window.bench
    reopen = None
    if bench is not None:
        from app.operations import location_of

        reopen = (location_of(bench.project), bench.coder_name, window.document_id)
    geometry = window.saveGeometry()
    window.close()
    TRANSLATORS.install(language)
    fresh = MainWindow(None, window.settings.qsettings)
    install_features(fresh)
    fresh.restoreGeometry(geometry)
    if reopen is not None:
        location, coder, document_id = reopen
        if fresh.open_project(str(location), coder=coder) and document_id is not None:
            fresh.open_document(document_id)
    fresh.show()
    return fresh


def install(window: MainWindow) -> None:
    """View › Language: English or 简体中文, switched at once."""
    window.view_menu.addSeparator()
    menu = window.view_menu.addMenu(QCoreApplication.translate("i18n", "&Language"))
    group = QActionGroup(window)
    for language, name in LANGUAGES.items():
        action = QAction(name, window, checkable=True)
        action.setChecked(language == TRANSLATORS.language)
        action.setData(language)
        action.triggered.connect(lambda _checked=False, chosen=language: switch_language(window, chosen))
        group.addAction(action)
        menu.addAction(action)
    window.language_menu = menu  # found by tests and the guide's screenshots


# == maintaining the catalogues ===============================================================================
# (subprocess, tempfile and the XML modules are imported in the functions below: not with the window)
Key = tuple[str, str, str]  # context, source, comment
Forms = tuple[str, ...]
_ENTITIES = {"'": "&apos;", '"': "&quot;"}  # lupdate's escaping, on top of & < >
_UNENTITIES = {value: key for key, value in _ENTITIES.items()}
_CONTEXT = re.compile(r"(<context>\s*<name>(?P<name>.*?)</name>)(?P<body>.*?)(</context>)", re.S)
_MESSAGE = re.compile(r"<message(?P<attrs>[^>]*)>(?P<body>.*?)</message>", re.S)
_TRANSLATION = re.compile(r"<translation(?P<attrs>[^>]*?)(?:/>|>(?P<inner>.*?)</translation>)", re.S)
_FORM = re.compile(r"<numerusform>(.*?)</numerusform>", re.S)
_UNFINISHED = re.compile(r'type="(unfinished|vanished|obsolete)"')


def sources(root: Path) -> list[Path]:
    """Every file whose strings reach the screen: the Qt layer and the Qt-free core (``coding.i18n.translate``)."""
    return sorted(path for folder in ("app", "coding") for path in (root / folder).rglob("*.py"))


def ts_path(language: str = CHINESE) -> Path:
    return translations_dir() / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str = CHINESE) -> Path:
    return translations_dir() / f"{CATALOGUE}_{language}.qm"


def is_plural(source: str) -> bool:
    """Whether a source text is counted: ``%n``, or ``%Ln`` (the count in the locale's digits grouping)."""
    return "%n" in source or "%Ln" in source


def _xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text, _ENTITIES)


def _text(xml: str) -> str:
    from xml.sax.saxutils import unescape

    return unescape(xml, _UNENTITIES)


def _finished_plurals(path: Path) -> dict[Key, Forms]:
    """The finished plural translations of a catalogue (lupdate turns them back into plain, unfinished ones: the
    Python parser never marks a message numerus, so ``update`` restores them)."""
    from xml.etree import ElementTree

    if not path.is_file():
        return {}
    kept: dict[Key, Forms] = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if message.get("numerus") != "yes" or translation is None or translation.get("type"):
                continue
            key = (context.findtext("name") or "", message.findtext("source") or "", message.findtext("comment") or "")
            kept[key] = tuple(form.text or "" for form in translation.iter("numerusform"))
    return kept


def _numerus_translation(attrs: str, inner: str, kept: Forms | None) -> str:
    """A plural message's <translation>: the forms kept from before, else what lupdate left, as numerus forms."""
    if kept is not None:
        forms, unfinished = kept, False
    else:
        forms = tuple(_text(form) for form in _FORM.findall(inner)) or (_text(inner.strip()),)
        unfinished = bool(_UNFINISHED.search(attrs))
    lines = "".join(f"\n            <numerusform>{_xml(form)}</numerusform>" for form in forms)
    state = ' type="unfinished"' if unfinished else ""
    return f"<translation{state}>{lines}\n        </translation>"


def mark_plurals(text: str, kept: dict[Key, Forms]) -> str:
    """lupdate's catalogue with every ``%n`` message made numerus, keeping ``kept`` translations as finished."""

    def context(match: re.Match[str]) -> str:
        name = _text(match["name"])
        return match.group(1) + _MESSAGE.sub(lambda m: message(name, m), match["body"]) + match.group(4)

    def message(name: str, match: re.Match[str]) -> str:
        body = match["body"]
        found = re.search(r"<source>(.*?)</source>", body, re.S)
        source = _text(found[1]) if found else ""
        if not is_plural(source):
            return match.group(0)
        comment = re.search(r"<comment>(.*?)</comment>", body, re.S)
        key = (name, source, _text(comment[1]) if comment else "")
        body = _TRANSLATION.sub(lambda t: _numerus_translation(t["attrs"], t["inner"] or "", kept.get(key)), body,
                                count=1)
        return f'<message numerus="yes">{body}</message>'

    return _CONTEXT.sub(context, text)


def _lupdate(root: Path, out: Path, language: str) -> None:
    import subprocess

    subprocess.run(["pyside6-lupdate", *map(str, sources(root)), "-locations", "none", "-no-obsolete",
                    "-target-language", language, "-ts", str(out)], check=True, capture_output=True)


def update_catalogue(root: Path, language: str = CHINESE, target: Path | None = None) -> Path:
    """Refresh ``language``'s .ts catalogue (or ``target``, a copy of it) from every string the sources pass to
    ``translate()``: new strings come in unfinished, vanished ones go, ``%n`` ones are plural. Without source
    locations, so the file changes only when a string does. English holds the plural messages only."""
    out = target or ts_path(language)
    if language == ENGLISH:
        return _update_english(root, out)
    kept = _finished_plurals(out)
    _lupdate(root, out, language)
    out.write_text(mark_plurals(out.read_text(encoding="utf-8"), kept), encoding="utf-8")
    return out


# "%n file(s)" → file / files; "match(es)"; "entry(ies)"; "is (are)": the patterns Concord's sources use.
_PLURAL_PATTERNS = (
    (re.compile(r"(\w*?)y\(ies\)"), r"\1y", r"\1ies"),
    (re.compile(r"(\w+)\((e?s)\)"), r"\1", r"\1\2"),
    (re.compile(r"\b(is|was|has) \((are|were|have)\)"), r"\1", r"\2"),
    (re.compile(r"\b(\w+)s \(\1\)"), r"\1s", r"\1"),  # a verb: "refers (refer)"
)


def english_forms(source: str) -> Forms:
    """The singular and plural English of a ``%n`` source text, by rule."""
    singular = plural = source
    for pattern, one, many in _PLURAL_PATTERNS:
        singular, plural = pattern.sub(one, singular), pattern.sub(many, plural)
    return singular, plural


def _plural_messages(root: Path) -> Iterator[Key]:
    import tempfile
    from xml.etree import ElementTree

    with tempfile.TemporaryDirectory() as folder:
        extracted = Path(folder) / "extracted.ts"
        _lupdate(root, extracted, ENGLISH)
        for context in ElementTree.parse(extracted).getroot().iter("context"):
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                if is_plural(source):
                    yield context.findtext("name") or "", source, message.findtext("comment") or ""


def _update_english(root: Path, out: Path) -> Path:
    """The English catalogue: every plural message with its two forms (a form edited by hand stays)."""
    kept = _finished_plurals(out)
    contexts: dict[str, list[str]] = {}
    for key in _plural_messages(root):
        name, source, comment = key
        forms = kept.get(key) or english_forms(source)
        contexts.setdefault(name, []).append(
            f'    <message numerus="yes">\n        <source>{_xml(source)}</source>\n'
            + (f"        <comment>{_xml(comment)}</comment>\n" if comment else "")
            + "        <translation>"
            + "".join(f"\n            <numerusform>{_xml(form)}</numerusform>" for form in forms)
            + "\n        </translation>\n    </message>\n")
    body = "".join(f"<context>\n    <name>{_xml(name)}</name>\n{''.join(messages)}</context>\n"
                   for name, messages in sorted(contexts.items()))
    out.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                   f'<TS version="2.1" language="{ENGLISH}" sourcelanguage="{ENGLISH}">\n{body}</TS>\n',
                   encoding="utf-8")
    return out


def release_catalogue(language: str = CHINESE, target: Path | None = None, source: Path | None = None) -> Path:
    """Compile the .ts catalogue (or ``source``) to .qm (to ``target``, by default the shipped file)."""
    import subprocess

    out = target or qm_path(language)
    subprocess.run(["pyside6-lrelease", str(source or ts_path(language)), "-qm", str(out)], check=True,
                   capture_output=True)
    return out


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    command = argv[0] if argv else "help"
    if command == "update":
        for language in CATALOGUE_LANGUAGES:
            print(update_catalogue(root, language))
    elif command == "release":
        for language in CATALOGUE_LANGUAGES:
            print(release_catalogue(language))
    else:
        print("python -m app.i18n update | release", file=sys.stderr)
        return 2
    return 0


__all__ = ["CATALOGUE", "CHINESE", "ENGLISH", "LANGUAGES", "SETTING", "TRANSLATORS", "Translators",
           "catalogue_folders", "english_forms", "install", "install_language", "interface_language", "normalised",
           "number", "qm_path", "release_catalogue", "switch_language", "ts_path", "update_catalogue"]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
