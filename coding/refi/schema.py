"""The official REFI-QDA schemas, shipped in ``resources/refi`` and loaded with importlib.resources."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import IO

from lxml import etree

from coding.refi.safety import safe_parser

PROJECT_SCHEMA_FILE = "Project-mrt2019.xsd"
CODEBOOK_SCHEMA_FILE = "Codebook.xsd"
MAX_PROBLEMS = 200


def _load(name: str) -> etree.XMLSchema:
    data = resources.files("resources.refi").joinpath(name).read_bytes()
    return etree.XMLSchema(etree.fromstring(data, safe_parser()))


@lru_cache(maxsize=1)
def project_schema() -> etree.XMLSchema:
    """QDA-XML project schema 1.0 (``urn:QDA-XML:project:1.0``) for ``project.qde``."""
    return _load(PROJECT_SCHEMA_FILE)


@lru_cache(maxsize=1)
def codebook_schema() -> etree.XMLSchema:
    """QDA-XML codebook schema 1.0 (``urn:QDA-XML:codebook:1.0``) for ``.qdc`` files."""
    return _load(CODEBOOK_SCHEMA_FILE)


def check_tree(tree: etree._ElementTree, schema: etree.XMLSchema, limit: int = MAX_PROBLEMS) -> list[str]:
    """Schema problems of a parsed document as "line N: message" (at most ``limit``; [] if valid)."""
    if schema.validate(tree):
        return []
    problems = []
    for entry in schema.error_log:
        problems.append(f"line {entry.line}: {entry.message}")
        if len(problems) >= limit:
            problems.append("… (further problems not listed)")
            break
    return problems


def check_stream(stream: IO[bytes], schema: etree.XMLSchema) -> str | None:
    """Validate a (possibly very large) document while streaming it; the first problem, or None.

    Elements are dropped as soon as they end, so memory stays flat whatever the file's size.
    """
    try:
        for _event, element in etree.iterparse(
            stream, events=("end",), schema=schema, resolve_entities=False, no_network=True, huge_tree=False
        ):
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        return str(exc)
    return None


__all__ = [
    "CODEBOOK_SCHEMA_FILE",
    "PROJECT_SCHEMA_FILE",
    "check_stream",
    "check_tree",
    "codebook_schema",
    "project_schema",
]
