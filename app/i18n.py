"""The interface language: Qt's own translation machinery (``tr()``, ``.ts`` catalogues kept with
``pyside6-lupdate``, compiled ``.qm`` files shipped in ``resources/translations``) plus Qt's catalogue for its
standard dialogs and buttons (``qtbase_zh_CN``).

The language comes from ``concord gui --lang``, else the user's choice in View › Language (QSettings), else the
system locale. Switching at run time installs the other catalogue and builds the main window again on the same
project, coder and document: Concord's windows set their texts once, when built, so building them again is what
turns every label, menu and tooltip. Number formats follow the language (``QLocale.setDefault``).

Maintainers: ``python -m app.i18n update`` refreshes the ``.ts`` catalogue from the sources (new strings come in
unfinished, vanished ones go), ``python -m app.i18n release`` compiles it to ``.qm``;
``tests/app/test_i18n.py`` fails when the shipped ``.qm`` is not the compilation of the ``.ts``.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup

if TYPE_CHECKING:
    from app.main import MainWindow

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = {ENGLISH: "English", CHINESE: "简体中文"}  # each in its own language: found by those who read it
SETTING = "interface/language"
CATALOGUE = "concord"  # resources/translations/concord_<language>.ts/.qm
QT_CATALOGUES = ("qtbase",)


def translations_dir() -> Path:
    return Path(str(resources.files("resources") / "translations"))


def normalised(language: str | None) -> str | None:
    """A supported language for what a user or locale says ("zh", "zh-CN", "zh_Hans_CN", "en_GB"), or None."""
    if not language:
        return None
    tag = language.replace("-", "_").lower()
    if tag.startswith("zh"):
        return CHINESE
    if tag.startswith("en") or tag in ("c", "posix"):
        return ENGLISH
    return None


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
        """Install ``language``'s catalogues (none for English); returns the names of those that loaded."""
        app = QCoreApplication.instance()
        assert app is not None, "translators need a QApplication"
        for translator in self.installed:
            app.removeTranslator(translator)
        self.installed = []
        self.language = language
        QLocale.setDefault(QLocale(language))
        loaded: list[str] = []
        if language == ENGLISH:
            return loaded
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in [*((f"{qt}_{language}", qt_folder) for qt in QT_CATALOGUES),
                             (f"{CATALOGUE}_{language}", str(translations_dir()))]:
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                self.installed.append(translator)
                loaded.append(name)
        return loaded


TRANSLATORS = Translators()


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
def sources(root: Path) -> list[Path]:
    return sorted(path for path in (root / "app").rglob("*.py"))


def ts_path(language: str = CHINESE) -> Path:
    return translations_dir() / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str = CHINESE) -> Path:
    return translations_dir() / f"{CATALOGUE}_{language}.qm"


def update_catalogue(root: Path, language: str = CHINESE, target: Path | None = None) -> Path:
    """Refresh the .ts catalogue (or ``target``, a copy of it) from every string the sources pass to
    ``translate()``: new strings come in unfinished, vanished ones go. Without source locations, so the file
    changes only when a string does."""
    out = target or ts_path(language)
    subprocess.run(["pyside6-lupdate", *map(str, sources(root)), "-locations", "none", "-no-obsolete", "-ts",
                    str(out)], check=True, capture_output=True)
    return out


def release_catalogue(language: str = CHINESE, target: Path | None = None) -> Path:
    """Compile the .ts catalogue to .qm (to ``target``, by default the shipped file)."""
    out = target or qm_path(language)
    subprocess.run(["pyside6-lrelease", str(ts_path(language)), "-qm", str(out)], check=True,
                   capture_output=True)
    return out


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    command = argv[0] if argv else "help"
    if command == "update":
        print(update_catalogue(root))
    elif command == "release":
        print(release_catalogue())
    else:
        print("python -m app.i18n update | release", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
