"""The import pipeline's text normalisation, redone step by step with a map back to the raw text.

A REFI-QDA source's selections count positions in the producer's file text; Concord stores the
text that :func:`coding.importing.normalise.normalise_text` makes of it (the same as a .txt import:
LF line ends, NFC, no BOM or control characters, no trailing spaces, at most one blank line). To
place a selection, every character of the stored text must know which raw characters it stands
for. :func:`normalise_mapped` performs the same steps in the same order on arrays of code points,
carrying each character's raw origin ``[start, end)`` along:

* a deleted character (BOM, control character, trailing space, extra blank line, leading or
  trailing line break) leaves no trace: positions around it fall on the next kept character;
* a CR+LF pair becomes one LF standing for both raw characters;
* a run that NFC rewrites (a base letter and its accents, Hangul jamo) becomes characters that
  all stand for the whole run: a position inside the run widens to the run.

The result is checked against ``normalise_text`` itself, so the two cannot drift apart silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from coding.importing.normalise import normalise_text

Offsets = NDArray[np.int64]  # positions in a text, or per character the raw position it comes from
CodePoints = NDArray[np.uint32]  # a text as its code points (UTF-32)
Mask = NDArray[np.bool_]  # per character: kept or not, a line break or not

# What str.splitlines() ends a line at (CR+LF is handled first, as one break).
_LINE_BREAKS = np.array([0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029], dtype=np.uint32)
_BOM = 0xFEFF
_LF, _CR = 0x0A, 0x0D
# Trailing whitespace of a line (re's \s is exactly str.isspace(), which str.rstrip() strips).
_TRAILING_SPACE_RE = re.compile(r"[^\S\n]+(?=\n|\Z)")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


class TextMapError(ValueError):
    """The stepwise normalisation disagrees with ``normalise_text`` (a bug: the two must change together)."""


@dataclass(frozen=True)
class MappedText:
    """Normalised text with, per character, the raw characters ``[origin_start, origin_end)`` it stands for."""

    text: str
    origin_start: Offsets
    origin_end: Offsets

    def boundary_maps(self, raw_length: int) -> tuple[Offsets, Offsets]:
        """For each raw boundary ``0..raw_length``: the text offset a selection starting there begins at,
        and the one a selection ending there ends at. They differ only inside a character that stands
        for several raw ones (between CR and LF, inside a rewritten NFC run)."""
        boundaries = np.arange(raw_length + 1, dtype=np.int64)
        finished = np.searchsorted(self.origin_end, boundaries, side="right")  # characters wholly before
        begun = np.searchsorted(self.origin_start, boundaries, side="left")  # characters begun before
        return finished.astype(np.int64), begun.astype(np.int64)


class _Steps:
    """Code points with their raw origins, edited in place by each normalisation step."""

    def __init__(self, raw: str) -> None:
        self.points = _code_points(raw)
        self.start = np.arange(len(self.points), dtype=np.int64)
        self.end = self.start + 1

    def text(self) -> str:
        return _text_of(self.points)

    def keep(self, mask: Mask) -> None:
        self.points, self.start, self.end = self.points[mask], self.start[mask], self.end[mask]

    def delete_spans(self, spans: list[tuple[int, int]]) -> None:
        if not spans:
            return
        mask = np.ones(len(self.points), dtype=bool)
        for begin, finish in spans:
            mask[begin:finish] = False
        self.keep(mask)

    # -- the steps of normalise_text, in its order -------------------------------------------------
    def drop_bom(self) -> None:
        bom = self.points == _BOM
        if bom.any():
            self.keep(~bom)

    def join_lines(self) -> None:
        """``"\\n".join(text.splitlines())``: every line break becomes LF, a CR+LF pair one LF, the last one goes."""
        points = self.points
        pair_cr = np.zeros(len(points), dtype=bool)
        pair_cr[:-1] = (points[:-1] == _CR) & (points[1:] == _LF)
        if pair_cr.any():
            lf_after = np.flatnonzero(pair_cr) + 1
            self.start[lf_after] = self.start[lf_after - 1]  # the LF now stands for the pair
            self.keep(~pair_cr)
        breaks = np.isin(self.points, _LINE_BREAKS)
        if breaks.any():
            self.points = np.where(breaks, np.uint32(_LF), self.points).astype(np.uint32)
            if breaks[-1]:  # splitlines() leaves no empty line after a final break
                self.keep(np.arange(len(self.points)) < len(self.points) - 1)

    def drop_controls(self) -> None:
        points = self.points
        control = (points <= 0x08) | ((points >= 0x0B) & (points <= 0x1F)) | ((points >= 0x7F) & (points <= 0x9F))
        if control.any():
            self.keep(~control)

    def compose(self) -> None:
        text = self.text()
        if unicodedata.is_normalized("NFC", text):
            return
        points: list[CodePoints] = []
        starts: list[Offsets] = []
        ends: list[Offsets] = []
        for begin, finish in _nfc_runs(text):
            piece = text[begin:finish]
            composed = unicodedata.normalize("NFC", piece)
            if composed == piece:
                points.append(self.points[begin:finish])
                starts.append(self.start[begin:finish])
                ends.append(self.end[begin:finish])
            else:  # rewritten: every new character stands for the whole run
                size = len(composed)
                points.append(_code_points(composed))
                starts.append(np.full(size, self.start[begin], dtype=np.int64))
                ends.append(np.full(size, self.end[finish - 1], dtype=np.int64))
        self.points = np.concatenate(points) if points else self.points[:0]
        self.start = np.concatenate(starts) if starts else self.start[:0]
        self.end = np.concatenate(ends) if ends else self.end[:0]

    def strip_line_ends(self) -> None:
        self.delete_spans([match.span() for match in _TRAILING_SPACE_RE.finditer(self.text())])

    def collapse_blank_lines(self) -> None:
        self.delete_spans([(match.start() + 2, match.end()) for match in _BLANK_LINES_RE.finditer(self.text())])

    def strip_outer_line_breaks(self) -> None:
        text = self.text()
        lead = len(text) - len(text.lstrip("\n"))
        tail = len(text) - len(text.rstrip("\n")) if text.strip("\n") else 0
        self.delete_spans([(0, lead), (len(text) - tail, len(text))])


def normalise_mapped(raw: str) -> MappedText:
    """``normalise_text(raw)`` with each character's raw origin; raises :class:`TextMapError` if they differ."""
    steps = _Steps(raw)
    steps.drop_bom()
    steps.join_lines()
    steps.drop_controls()
    steps.compose()
    steps.strip_line_ends()
    steps.collapse_blank_lines()
    steps.strip_outer_line_breaks()
    text = steps.text()
    if text != normalise_text(raw):
        raise TextMapError("the text could not be normalised with its positions kept")
    return MappedText(text, steps.start, steps.end)


def _code_points(text: str) -> CodePoints:
    return np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32).copy()


def _text_of(points: CodePoints) -> str:
    return points.tobytes().decode("utf-32-le", errors="surrogatepass") if len(points) else ""


def _nfc_runs(text: str) -> list[tuple[int, int]]:
    """``text`` cut into runs that NFC can normalise one by one.

    A cut goes before a character whose decomposition starts with a starter that does not compose
    with what precedes it since the last cut: nothing after such a starter can reach back across it
    (canonical ordering stops at starters, composition is blocked by them).
    """
    runs: list[tuple[int, int]] = []
    begin = 0
    for index in range(1, len(text)):
        char = text[index]
        if unicodedata.combining(char) or unicodedata.combining(unicodedata.normalize("NFD", char)[0]):
            continue
        head = text[begin:index]
        if unicodedata.normalize("NFC", head + char) == unicodedata.normalize("NFC", head) + unicodedata.normalize(
            "NFC", char
        ):
            runs.append((begin, index))
            begin = index
    if text:
        runs.append((begin, len(text)))
    return runs


__all__ = ["MappedText", "TextMapError", "normalise_mapped"]
