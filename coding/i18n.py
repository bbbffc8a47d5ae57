"""The interface language outside Qt: exports, the CLI and the texts the Qt-free core hands to the screen read the
same catalogue as the windows (``resources/translations/concord_<language>.ts``, kept with ``pyside6-lupdate``).

``translate(context, text)`` has the signature of ``QCoreApplication.translate`` and is literally named
``translate`` so that lupdate extracts its calls from ``coding/`` too. The language is process-wide: the GUI sets
it when it installs a catalogue, ``concord --lang zh_CN`` at start, and ``use_language`` for one export in a
language chosen in its dialog. English is the source language: no catalogue needed, except for plural forms.
In the GUI the core reads the window's compiled .qm through Qt (``use_loaded_catalogue``) instead of parsing the
.ts a second time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = {ENGLISH: "English", CHINESE: "简体中文"}
CATALOGUE = "concord"

_state = threading.local()
_process_language = ENGLISH


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


def set_language(language: str) -> None:
    """The language of every later ``translate`` in this process (the GUI's and the CLI's choice)."""
    global _process_language
    _process_language = normalised(language) or ENGLISH


def current_language() -> str:
    override: str | None = getattr(_state, "language", None)
    return override or _process_language


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Translate into ``language`` within the block, on this thread only (an export in the language chosen in its
    dialog, written while the interface stays in another); None keeps the current language."""
    previous: str | None = getattr(_state, "language", None)
    chosen = normalised(language) or current_language()
    _state.language = chosen
    try:
        yield chosen
    finally:
        _state.language = previous


TRANSLATIONS_ENV = "CONCORD_TRANSLATIONS"  # a folder of catalogues to use instead of the shipped ones


def catalogue_path(language: str) -> Path:
    """The shipped catalogue, or the one in the folder ``$CONCORD_TRANSLATIONS`` names (a translator's preview)."""
    folder, name = os.environ.get(TRANSLATIONS_ENV), f"{CATALOGUE}_{language}.ts"
    if folder and (Path(folder) / name).is_file():  # else the shipped one, as the Qt catalogues do (app.i18n)
        return Path(folder) / name
    return Path(str(resources.files("resources") / "translations")) / name


Entry = tuple[str, ...]  # the translation, or its plural forms


@cache
def catalogue(language: str) -> dict[tuple[str, str, str], Entry]:
    """(context, source, comment) → finished translation(s) of ``language``'s .ts; empty when there is none.
    The .ts is our own shipped file, not user input."""
    from xml.etree import ElementTree  # only where a catalogue is read: not on the GUI's way to its window

    path = catalogue_path(language)
    if not path.is_file():
        return {}
    entries: dict[tuple[str, str, str], Entry] = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            text = forms or ((translation.text or ""),)
            if any(text):
                key = (name, message.findtext("source") or "", message.findtext("comment") or "")
                entries[key] = text
    return entries


def plural_form(language: str, n: int) -> int:
    """Which of a numerus entry's forms fits ``n``: Chinese has one form, English two (1 / other)."""
    return 0 if language == CHINESE or n == 1 else 1


Translator = Callable[[str, str, str | None, int], str]  # QCoreApplication.translate's signature
_loaded: tuple[str, Translator] | None = None  # a language's catalogue the process already holds, compiled


def use_loaded_catalogue(language: str | None, translator: Translator | None = None) -> None:
    """Let ``translator`` answer ``translate`` for ``language`` instead of this module parsing that language's
    .ts (3,000 entries, ~15 ms): the GUI hands over ``QCoreApplication.translate`` once it has installed the
    compiled .qm of the same catalogue. ``None`` (or another language) makes the .ts the source again."""
    global _loaded
    _loaded = (language, translator) if language is not None and translator is not None else None


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language (itself when the catalogue lacks it); ``%n`` becomes ``n`` as Qt does, and
    ``%Ln`` becomes ``n`` with its digits grouped ("1,234": English and Chinese group alike)."""
    language = current_language()
    loaded = _loaded
    if loaded is not None and loaded[0] == language:
        return loaded[1](context, text, disambiguation, n)
    entry = catalogue(language).get((context, text, disambiguation or "")) if language != ENGLISH or n >= 0 else None
    if entry:
        result = entry[min(plural_form(language, n), len(entry) - 1)] if n >= 0 else entry[0]
    else:
        result = text
    return result.replace("%Ln", f"{n:,}").replace("%n", str(n)) if n >= 0 else result


def is_chinese() -> bool:
    """Whether texts are now written in Chinese (exports choose word order and number style by it)."""
    return current_language() == CHINESE


def code_label(name: str, name_zh: str | None) -> str:
    """A code's name as an export shows it: in Chinese the Chinese name with the English in brackets (the English
    alone when the code has no Chinese name); in English the English name."""
    if is_chinese() and name_zh:
        return f"{name_zh}（{name}）"
    return name


def translate_noop(context: str, text: str) -> str:
    """Marks a module-level label for the catalogue (lupdate reads ``QT_TRANSLATE_NOOP``); returns it unchanged,
    to be passed through ``translate(context, label)`` where it is shown."""
    return text


QT_TRANSLATE_NOOP = translate_noop  # the name lupdate recognises
