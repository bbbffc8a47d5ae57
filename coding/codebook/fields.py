"""The editable fields of a code and their validation (shared by the edits and the file import)."""

from __future__ import annotations

import re
import uuid as uuid_module
from collections.abc import Mapping
from typing import Any

from coding.errors import ValidationError
from coding.names import MAX_NAME
from coding.i18n import translate

MAX_SHORTCUT = 32

TEXT_FIELDS = ("name_zh", "definition", "definition_zh", "include_rule", "exclude_rule", "example")
# Everything a user may edit besides the name and the place in the tree.
EDITABLE_FIELDS = (*TEXT_FIELDS, "colour", "shortcut", "is_codable")
# What one code looks like in an exported file, in this order.
EXPORT_FIELDS = ("uuid", "name", *EDITABLE_FIELDS)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _clean_colour(colour: object) -> str:
    if not isinstance(colour, str) or not _COLOUR.match(colour.strip()):
        raise ValidationError(translate(
            "errors", "colour {colour!r} is not of the form '#rrggbb'").format(colour=colour))
    return colour.strip().lower()


def _clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validate editable fields and return them normalised; unknown names are refused."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError(translate(
            "errors", "unknown code field(s): {value} (known: {value2})").format(
            value=', '.join(unknown), value2=', '.join(EDITABLE_FIELDS)))
    cleaned: dict[str, Any] = {}
    for key, value in fields.items():
        if key in TEXT_FIELDS:
            if not isinstance(value, str):
                raise ValidationError(translate(
                    "errors", "code field '{key}' must be text, not {name__}").format(
                    key=key, name__=type(value).__name__))
            cleaned[key] = value.strip() if key == "name_zh" else value
            if key == "name_zh" and len(cleaned[key]) > MAX_NAME:
                raise ValidationError(translate(
                    "errors", "Chinese name is longer than {MAX_NAME} characters").format(MAX_NAME=MAX_NAME))
        elif key == "colour":
            cleaned[key] = _clean_colour(value)
        elif key == "shortcut":
            if not isinstance(value, str):
                raise ValidationError(translate(
                    "errors", "shortcut must be text, not {name__}").format(name__=type(value).__name__))
            cleaned[key] = value.strip()
            if len(cleaned[key]) > MAX_SHORTCUT:
                raise ValidationError(translate(
                    "errors", "shortcut '{value}' is longer than {MAX_SHORTCUT} characters").format(
                    value=cleaned[key], MAX_SHORTCUT=MAX_SHORTCUT))
        elif key == "is_codable":
            if not isinstance(value, bool):
                raise ValidationError(translate(
                    "errors", "is_codable must be true or false, not {value!r}").format(value=value))
            cleaned[key] = value
    return cleaned


def _clean_uuid(value: object) -> str:
    try:
        return str(uuid_module.UUID(str(value)))
    except ValueError:
        raise ValidationError(translate("errors", "{value!r} is not a valid uuid").format(value=value)) from None

