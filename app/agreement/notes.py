"""The notes of an agreement run in the interface language.

A run stores its notes (what the figures rest on) and each figure's note in English, as the CLI and the reports
read them. The windows show them translated: a whole note from the catalogue ("AgreementNotes"), else the first of
coding.agreement.compare.NOTE_TEMPLATES it matches, translated and filled with its values (each translated in
turn where the catalogue has it, as a bootstrap method inside "Intervals of …"). A note that matches nothing
stays as stored.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QCoreApplication

from app.code_labels import CodeLabels
from coding.agreement.compare import NOTE_TEMPLATES, OWN_CODINGS_SUFFIX
from coding.agreement.units import PRESENCE_AT_LEAST
from coding.i18n import QT_TRANSLATE_NOOP

CONTEXT = "AgreementNotes"
SENTENCE = QT_TRANSLATE_NOOP("AgreementNotes", "{sentence}.")  # a note stored as a phrase and a full stop
TEMPLATES = (*NOTE_TEMPLATES, PRESENCE_AT_LEAST)


NUMBERS = ("count", "minimum", "pairs", "percent", "resamples", "seed", "tolerance")  # one word, never spaces


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """``template`` as a regular expression, each {name} a named group (a number: one word, so a text value
    holding brackets, as a bootstrap method does, is not cut short)."""
    pieces = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(piece) if i % 2 == 0 else
                              f"(?P<{piece}>\\S+?)" if piece in NUMBERS else f"(?P<{piece}>.+?)"
                              for i, piece in enumerate(pieces)), re.DOTALL)


def _code_paths(listed: str, labels: CodeLabels) -> str:
    """A note's ", "-separated stored code paths ("A/B (own codings)") by the codebook's shown names."""
    shown = []
    for stored in listed.split(", "):
        own = stored.endswith(OWN_CODINGS_SUFFIX)
        path = stored[:-len(OWN_CODINGS_SUFFIX)] if own else stored
        found = labels.path(path)
        shown.append(found + QCoreApplication.translate("AgreementPools", OWN_CODINGS_SUFFIX) if own else found)
    return QCoreApplication.translate("AgreementNotes", ", ").join(shown)


def _translated(text: str, labels: CodeLabels | None = None) -> str | None:
    """``text`` from the catalogue, whole or through a template; None when neither knows it."""
    whole = QCoreApplication.translate(CONTEXT, text)
    if whole != text:
        return whole
    for template in TEMPLATES:
        match = _pattern(template).fullmatch(text)
        if match is not None:
            values = {name: _code_paths(value, labels) if name == "codes" and labels is not None
                      else _translated(value) or value for name, value in match.groupdict().items()}
            return QCoreApplication.translate(CONTEXT, template).format(**values)
    return None


def shown_note(note: str, labels: CodeLabels | None = None) -> str:
    """``note`` in the interface language, as far as the catalogue knows it (English stays English); the code
    paths it lists by ``labels``' names (the codebook's Chinese ones in a Chinese interface) when given."""
    found = _translated(note, labels)
    if found is None and note.endswith("."):
        phrase = _translated(note[:-1], labels)
        if phrase is not None:
            found = QCoreApplication.translate(CONTEXT, SENTENCE).format(sentence=phrase)
    return note if found is None else found


__all__ = ["shown_note"]
