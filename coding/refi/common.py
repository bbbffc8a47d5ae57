"""Small shared pieces of REFI-QDA exchange: names, GUIDs, colours, dates, XML-safe text.

Lenient in, strict out: the ``parse_*`` helpers accept what other programs write (GUIDs in any
case, with or without braces; ``#RGB``, ``#RRGGBBAA`` and ``rgb(...)`` colours; dates with or
without a zone) and return ``None`` when a value cannot be read, so the caller can report it.
The ``format_*`` helpers produce only what the schemas accept.
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import UTC, datetime
from enum import Enum

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_XML_NAME = "project.qde"
SOURCES_DIR = "sources"
CONCORD_ORIGIN = "Concord"


class Flavour(str, Enum):
    """How positions and plain text files are written on export."""

    #: The standard: UTF-8 without BOM, LF line ends, positions in code points.
    STANDARD = "standard"
    #: What NVivo for Windows (and tools that expect CRLF) read best: UTF-8 with BOM, CRLF line
    #: ends, positions in UTF-16 code units of that CRLF text.
    CRLF_UTF16 = "crlf-utf16"


def concord_origin(flavour: Flavour) -> str:
    """``Project@origin`` for what Concord writes; the flavour is named so a re-import knows the units."""
    from coding.project import __version__

    origin = f"{CONCORD_ORIGIN} {__version__}"
    if flavour is Flavour.CRLF_UTF16:
        origin += f"; flavour={Flavour.CRLF_UTF16.value}"
    return origin


# -- GUIDs -----------------------------------------------------------------------------------------
_GUID_RE = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")


def parse_guid(value: str | None) -> str | None:
    """A REFI GUID as Concord stores it: lower case, no braces. ``None`` if it is not a GUID."""
    if value is None:
        return None
    match = _GUID_RE.match(value.strip())
    return match.group(1).lower() if match else None


def format_guid(value: str) -> str:
    """A Concord uuid as a schema-valid GUID; anything else gets a stable GUID derived from it."""
    parsed = parse_guid(value)
    if parsed is not None:
        return parsed
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"concord:{value}"))


def derived_guid(*parts: str) -> str:
    """A stable GUID for things Concord has no uuid for (links, the codebook set of a group …)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "concord:" + "/".join(parts)))


# -- colours ---------------------------------------------------------------------------------------
_HEX_RE = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_RGB_RE = re.compile(r"^rgba?\(\s*([^)]*)\)$", re.IGNORECASE)


def parse_colour(value: str | None) -> str | None:
    """``#rrggbb`` from ``#RGB``, ``#RGBA``, ``#RRGGBB``, ``#RRGGBBAA`` or ``rgb(r, g, b[, a])``.

    The alpha channel is dropped: Concord colours are opaque. ``None`` if unreadable.
    """
    if not value:
        return None
    text = value.strip()
    match = _HEX_RE.match(text)
    if match:
        digits = match.group(1)
        if len(digits) in (3, 4):
            digits = "".join(ch * 2 for ch in digits[:3])
        return "#" + digits[:6].lower()
    match = _RGB_RE.match(text)
    if match:
        parts = [part.strip() for part in match.group(1).replace("/", ",").split(",") if part.strip()]
        if len(parts) < 3:
            return None
        channels = []
        for part in parts[:3]:
            try:
                number = float(part[:-1]) * 2.55 if part.endswith("%") else float(part)
            except ValueError:
                return None
            if not math.isfinite(number):  # rgb(1e999, …)
                return None
            channels.append(max(0, min(255, round(number))))
        return "#" + "".join(f"{channel:02x}" for channel in channels)
    return None


def format_colour(value: str | None) -> str | None:
    """A stored colour as the schema's ``#RRGGBB``; ``None`` when there is nothing valid to write."""
    return parse_colour(value)


# -- dates -----------------------------------------------------------------------------------------
def parse_datetime(value: str | None) -> datetime | None:
    """An ``xsd:dateTime`` (or a bare date) as a naive UTC datetime, as Concord stores them."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # OverflowError: year 9999 at -05:00 is past the last UTC day
        return None
    return parsed


def format_datetime(value: datetime | None) -> str | None:
    """``xsd:dateTime`` in UTC with a ``Z``; naive values are taken as UTC (how Concord stores them)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


_SQLITE_STAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$")


def sqlite_stamp_to_xsd(value: str | datetime | None) -> str | None:
    """A timestamp string as SQLAlchemy stores it in SQLite, turned into ``xsd:dateTime`` cheaply.

    The bulk coding export reads raw column strings so that a million codings need no datetime
    objects; anything in another shape goes through the full parser. PostgreSQL's driver hands back
    datetimes, which are formatted as they are.
    """
    if isinstance(value, datetime):
        return format_datetime(value)
    if not value:
        return None
    if _SQLITE_STAMP_RE.match(value):
        return value.replace(" ", "T", 1) + "Z"
    return format_datetime(parse_datetime(value))


# -- text that must survive XML --------------------------------------------------------------------
# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; Word text can carry \x0b, \x0c.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> tuple[str, int]:
    """``text`` with characters XML cannot carry replaced by U+FFFD, and how many were replaced."""
    if not text:
        return "", 0
    cleaned, count = _XML_INVALID_RE.subn("\ufffd", text)
    return cleaned, count


def localname(tag: object) -> str:
    """An element's name without its namespace (``''`` for comments and processing instructions)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def truthy(value: str | None, default: bool) -> bool:
    """An ``xsd:boolean`` read leniently (``True``/``yes`` too); ``default`` when missing or odd."""
    if value is None:
        return default
    text = value.strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    return default


__all__ = [
    "CODEBOOK_NS",
    "PROJECT_NS",
    "PROJECT_XML_NAME",
    "SOURCES_DIR",
    "Flavour",
    "concord_origin",
    "derived_guid",
    "format_colour",
    "format_datetime",
    "format_guid",
    "localname",
    "parse_colour",
    "parse_datetime",
    "parse_guid",
    "sqlite_stamp_to_xsd",
    "truthy",
    "xml_safe",
]
