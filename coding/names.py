"""The one rule for names users give things (codes, cases, coders, attributes)."""

from __future__ import annotations

import re

from coding.errors import ValidationError
from coding.i18n import translate

MAX_NAME = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_name(name: object, what: str) -> str:
    """``name`` stripped; refused when not text, empty, too long or holding a line break/control character."""
    if not isinstance(name, str):
        raise ValidationError(translate(
            "errors", "{what} must be text, not {name__}").format(what=what, name__=type(name).__name__))
    cleaned = name.strip()
    if not cleaned:
        raise ValidationError(translate("errors", "{what} is empty").format(what=what))
    if len(cleaned) > MAX_NAME:
        raise ValidationError(translate(
            "errors", "{what} '{value}…' is longer than {MAX_NAME} characters").format(
            what=what, value=cleaned[:40], MAX_NAME=MAX_NAME))
    if _CONTROL.search(cleaned):
        raise ValidationError(translate(
            "errors", "{what} '{cleaned}' contains a line break or control character").format(
            what=what, cleaned=cleaned))
    return cleaned


def known_names(names: list[str], limit: int = 10) -> str:
    """A short list of the names there are, for "unknown …" messages."""
    if not names:
        return translate("names", "none yet")
    shown = ", ".join(names[:limit])
    more = translate("names", " … ({count} in all)").format(count=len(names)) if len(names) > limit else ""
    return shown + more


def display_name(key: str) -> str:
    """How a stored key reads in a table or a paper: "alliance_mode" -> "Alliance mode".

    Only keys written as identifiers change (underscores, all lower case); a name the user typed with
    capitals or spaces ("Alliance mode", "HbA1c", "访谈方式") is shown as typed.
    """
    if key != key.lower() or not key.replace("_", "").isalnum():
        return key
    words = " ".join(part for part in key.split("_") if part)
    return words[:1].upper() + words[1:] if words else key
