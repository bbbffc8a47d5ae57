"""Texts kept in English that are also shown in the interface language.

A merge's conflicts and notes, for one, go into ``--json`` output and audit records in English, and onto the
screen in the user's language. A :class:`Said` is the English text itself (a ``str``, so JSON, comparisons and
joins see the English) carrying its shown wording; :func:`shown` picks that wording where a text is displayed.
"""

from __future__ import annotations

from coding.i18n import translate


class Said(str):
    """English text with ``shown``, the same said in the interface language when it was made."""

    shown: str

    def __new__(cls, english: str, shown: str) -> Said:
        said = super().__new__(cls, english)
        said.shown = shown
        return said

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]  # pickling passes both wordings
        return str(self), self.shown


def said(context: str, template: str, **values: object) -> Said:
    """``template`` filled in English and, from the catalogue's ``context``, in the interface language. Mark the
    template where it is written with ``QT_TRANSLATE_NOOP(context, "…")`` so the catalogue gets it."""
    return Said(template.format(**values), translate(context, template).format(**values))


def shown(text: str) -> str:
    """The wording to display: a :class:`Said`'s ``shown``, any other text as it is."""
    return text.shown if isinstance(text, Said) else text


__all__ = ["Said", "said", "shown"]
