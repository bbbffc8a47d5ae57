"""One plain-text form for every transcript, so offsets mean the same whatever the source."""

from __future__ import annotations

import re
import unicodedata

_BOM = "\ufeff"
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# C0/C1 control characters except tab; line breaks are already "\n" when this runs.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """LF line ends, NFC, no BOM or stray control characters, no trailing spaces, at most one blank line."""
    # splitlines() also ends lines at CR, CRLF, VT, FF, NEL and U+2028/2029.
    text = "\n".join(text.replace(_BOM, "").splitlines())
    # Controls go before NFC: "e", NUL, U+0301 must end as "é", as a second pass would make it.
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


__all__ = ["normalise_text"]
