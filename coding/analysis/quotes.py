"""Quotes as the text says them: every view and export shows ``document.text[start:end]`` character for
character. A display may mark where a quote begins and ends or where a line breaks, and may cut a very long
passage at a visible "…", but never drops or joins characters (collapsing whitespace turned
"sounds | great" into "soundsgreat" when the space sat at the edge of the highlight).
"""

from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"
LINE_BREAK_MARK = "⏎"  # shown in place of a line break where a display has only one line
_LINE_BREAKS = ("\r\n", "\r", "\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")


@dataclass(frozen=True)
class PassageParts:
    """A passage split around its coded words; ``cut_*`` say where a long part was shortened."""

    before: str
    coded: str
    after: str
    cut_before: bool = False
    cut_coded: bool = False
    cut_after: bool = False


def passage_parts(
    context: str, start: int, end: int, *, before_chars: int | None = None, coded_chars: int | None = None,
    after_chars: int | None = None,
) -> PassageParts:
    """``context`` split at ``[start, end)`` with every character kept; parts longer than a limit are cut
    (the context before keeps its end, the coded words and the context after keep their beginning)."""
    if not 0 <= start <= end <= len(context):
        raise ValueError(f"passage bounds {start}–{end} outside a context of {len(context)} characters")
    before, coded, after = context[:start], context[start:end], context[end:]
    cut_before = before_chars is not None and len(before) > before_chars
    cut_coded = coded_chars is not None and len(coded) > coded_chars
    cut_after = after_chars is not None and len(after) > after_chars
    return PassageParts(
        before[len(before) - before_chars:] if cut_before and before_chars else ("" if cut_before else before),
        coded[:coded_chars] if cut_coded else coded,
        after[:after_chars] if cut_after else after,
        cut_before, cut_coded, cut_after,
    )


def one_line(text: str) -> str:
    """``text`` for a one-line display: each line break shown as ⏎, every other character as it is."""
    for line_break in _LINE_BREAKS:
        text = text.replace(line_break, LINE_BREAK_MARK)
    return text


def indented(text: str, prefix: str = "  ") -> str:
    """``text`` exactly, each of its lines after ``prefix`` (for a terminal listing)."""
    return prefix + text.replace("\n", "\n" + prefix)


__all__ = ["ELLIPSIS", "LINE_BREAK_MARK", "PassageParts", "indented", "one_line", "passage_parts"]
