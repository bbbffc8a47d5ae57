"""The codebook in REFI-QDA: ``<Code>`` trees for .qdpx and .qdc, and the .qdc file on its own.

A REFI code carries a GUID, a name, ``isCodable``, a colour and a description. Concord codes hold
more (Chinese name and definition, include/exclude rules, an example); those travel inside the
description as labelled sections after the definition, so other programs show them to their users
and a later import into Concord splits them back out (only from files Concord wrote). Keyboard
shortcuts are local to one installation and are not exported.

Importing a codebook merges it through :func:`coding.codebook.import_codebook`: codes are matched
by GUID, then by name under their matched parent; matched codes take the file's name, description,
colour and codability; new codes are added with the file's GUIDs.
"""

from __future__ import annotations

import io
import os
import re
import uuid
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.changes import NOTHING, Changes
from coding.codebook import CODEBOOK_FORMAT, CODEBOOK_VERSION, CodeNode, codebook_tree, import_codebook
from coding.errors import ConcordError, DuplicateError, ImportFileError, ValidationError
from coding.refi.common import (
    CODEBOOK_NS,
    CONCORD_ORIGIN,
    PROJECT_NS,
    Flavour,
    concord_origin,
    format_colour,
    format_guid,
    localname,
    parse_colour,
    parse_guid,
    truthy,
    xml_safe,
)
from coding.refi.exchange import PROJECT_KEY, load_extras, of_kind
from coding.refi.report import RefiReport
from coding.refi.safety import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    SafeArchive,
    check_prolog,
    find_project_xml,
    parse_xml,
    read_xml_file,
)
from coding.refi.schema import check_tree, codebook_schema, project_schema
from models import Code
from coding.i18n import translate

MAX_NAME = 255
UNNAMED_CODE = "(unnamed code)"
# Concord fields that ride in the REFI description, in the order they are written.
DESCRIPTION_SECTIONS = (
    ("include_rule", "Include when"),
    ("exclude_rule", "Exclude when"),
    ("example", "Example"),
    ("name_zh", "Name (Chinese)"),
    ("definition_zh", "Definition (Chinese)"),
)
CODE_TEXT_FIELDS = ("definition", *(key for key, _label in DESCRIPTION_SECTIONS))
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")


# -- descriptions ----------------------------------------------------------------------------------
def pack_description(fields: Mapping[str, str]) -> str:
    """A code's definition followed by ``[Include when]``-style sections for the other texts."""
    parts = [fields.get("definition", "")] if fields.get("definition") else []
    for key, label in DESCRIPTION_SECTIONS:
        value = fields.get(key, "")
        if value:
            parts.append(f"[{label}]\n{value}")
    return "\n\n".join(parts)


def unpack_description(text: str) -> dict[str, str]:
    """Split a description written by :func:`pack_description` back into Concord fields."""
    values: dict[str, str] = {}
    rest = text
    for key, label in reversed(DESCRIPTION_SECTIONS):
        marker = f"[{label}]\n"
        if rest.startswith(marker):
            values[key], rest = rest[len(marker) :], ""
            continue
        index = rest.rfind("\n\n" + marker)
        if index >= 0:
            values[key] = rest[index + len(marker) + 2 :]
            rest = rest[:index]
    values["definition"] = rest
    return values


def has_sections(text: str) -> bool:
    """Whether a description carries Concord's labelled sections (it went out from Concord, perhaps through
    another program that kept the description as it was)."""
    return any(text.startswith(f"[{label}]\n") or f"\n\n[{label}]\n" in text for _key, label in DESCRIPTION_SECTIONS)


def description_fields(text: str, concord_extras: bool) -> dict[str, str]:
    """The Concord fields a REFI description holds.

    A description with Concord's sections is split back into its fields whoever wrote the file — a
    codebook that went through QualCoder comes back with the description as Concord packed it — and the
    sections it lacks are emptied, so a merge never keeps a rule the description no longer carries and the
    next export never repeats one. Any other description is the definition.
    """
    if not (concord_extras or has_sections(text)):
        return {"definition": text}
    fields = {key: "" for key in CODE_TEXT_FIELDS}
    fields.update(unpack_description(text))
    return fields


def clean_label(value: str | None, fallback: str, max_len: int = MAX_NAME) -> str:
    """A one-line name Concord accepts: line breaks and other control characters become one space."""
    text = _CONTROL_RE.sub(" ", value or "").strip()
    return text[:max_len].strip() or fallback


def unique_label(wanted: str, taken: set[str], max_len: int = MAX_NAME) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)`` … — whichever is free ignoring case; marks it taken."""
    name, number = wanted, 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = wanted[: max_len - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


# -- writing ---------------------------------------------------------------------------------------
def write_codes(
    xf: Any,
    nodes: Sequence[CodeNode],
    qname: Callable[[str], str],
    report: RefiReport,
    note_refs: Mapping[str, list[str]] | None = None,
    colourless: Mapping[str, str] | None = None,
    guid_style: Callable[[str], str] = str,
) -> int:
    """Write ``<Code>`` elements for ``nodes`` and their children; returns how many were written.

    ``colourless`` maps the uuids of codes that came without a colour to the colour Concord gave them: such a
    code is written without one while it still has that colour. ``guid_style`` writes GUIDs in the case the
    project's file used.
    """
    written = 0
    for node in nodes:
        name, bad_name = xml_safe(node.name)
        attrib = {
            "guid": guid_style(format_guid(node.uuid)),
            "name": name,
            "isCodable": "true" if node.is_codable else "false",
        }
        colour = format_colour(node.colour)
        if colourless and colourless.get(node.uuid) == node.colour:
            pass  # it came without a colour and nobody gave it one since
        elif colour:
            attrib["color"] = colour
        elif node.colour:
            report.warn(f"code '{node.path}': colour {node.colour!r} is not #rrggbb; left out")
        description, bad_text = xml_safe(pack_description({key: getattr(node, key) for key in CODE_TEXT_FIELDS}))
        if bad_name or bad_text:
            report.warn(f"code '{node.path}': {bad_name + bad_text} character(s) XML cannot hold replaced by U+FFFD")
        with xf.element(qname("Code"), attrib):
            if description:
                with xf.element(qname("Description")):
                    xf.write(description)
            for target in (note_refs or {}).get(node.uuid, []):
                with xf.element(qname("NoteRef"), {"targetGUID": target}):
                    pass
            written += 1 + write_codes(xf, node.children, qname, report, note_refs, colourless, guid_style)
    return written


def _atomic_write(out: Path, data: bytes) -> None:
    temporary = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def check_output_path(out: Path, overwrite: bool) -> Path:
    out = Path(out)
    if out.exists() and (out.is_dir() or not overwrite):
        raise ValidationError(
            f"{out}: already exists; choose another name" + ("" if out.is_dir() else " or allow overwriting (--force)")
        )
    if not out.parent.exists():
        raise ValidationError(translate(
            "errors", "{out}: folder {parent} does not exist").format(out=out, parent=out.parent))
    return out


def export_qdc(session: Session, out: str | Path, *, overwrite: bool = False, validate: bool = True) -> RefiReport:
    """Write the project's codebook as a REFI-QDA ``.qdc`` file (validated against Codebook.xsd)."""
    out = check_output_path(Path(out), overwrite)
    report = RefiReport("export-codebook", out, origin=concord_origin(Flavour.STANDARD))
    nodes = codebook_tree(session)
    if not nodes:
        raise ValidationError(translate("errors", "the codebook is empty; a .qdc file needs at least one code"))
    buffer = io.BytesIO()

    def qname(tag: str) -> str:
        return f"{{{CODEBOOK_NS}}}{tag}"

    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        xf.write_declaration(standalone=True)
        with (
            xf.element(qname("CodeBook"), {"origin": report.origin}, nsmap={None: CODEBOOK_NS}),
            xf.element(qname("Codes")),
        ):
            report.counts["codes"] = write_codes(xf, nodes, qname, report, None, *_kept_style(session))
    data = buffer.getvalue()
    if validate:
        problems = check_tree(etree.ElementTree(etree.fromstring(data)), codebook_schema())
        if problems:
            raise ValidationError(
                translate(
                    "errors", "{out}: Concord wrote a codebook that fails Codebook.xsd ({value}); please report this").format(
                    out=out, value=problems[0])
            )
        report.schema_valid = True
    _atomic_write(out, data)
    report.bytes_written = len(data)
    return report


def _kept_style(session: Session) -> tuple[dict[str, str], Callable[[str], str]]:
    """Codes that came without a colour, and the GUID case of the file the project came from."""
    extras = load_extras(session)
    colourless = {key: data["no_colour"] for key, data in of_kind(extras, "code").items() if "no_colour" in data}
    upper = bool(extras.get(PROJECT_KEY, {}).get("upper_case_guids"))
    return colourless, (str.upper if upper else str)


# -- reading ---------------------------------------------------------------------------------------
@dataclass
class ParsedCode:
    """One ``<Code>`` as read leniently: GUID normalised (or made up), name as written."""

    guid: str
    name: str
    is_codable: bool | None
    colour: str | None
    description: str | None
    children: list[ParsedCode] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    original_guid: str = ""
    colour_given: bool = True  # False: the file gave the code no colour


def child_elements(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if localname(child.tag) == name]


def first_child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if localname(child.tag) == name:
            return child
    return None


def element_text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return "".join(element.itertext())


def parse_codes(parent: etree._Element, report: RefiReport, seen: dict[str, str], where: str = "") -> list[ParsedCode]:
    """The ``<Code>`` children of ``parent`` (a ``<Codes>`` or ``<Code>``), recursively.

    ``seen`` maps each GUID as written (normalised) to the GUID the code got, so that later
    references find it; a repeated or unreadable GUID gets a new one, with a warning.
    """
    parsed: list[ParsedCode] = []
    for element in child_elements(parent, "Code"):
        raw_guid = element.get("guid")
        name = element.get("name")
        label = f"{where}/{name}" if where else (name or "?")
        guid = parse_guid(raw_guid)
        if guid is None:
            report.warn(f"code '{label}': GUID {raw_guid!r} is not a GUID; given a new one")
            guid = str(uuid.uuid4())
        elif guid in seen:
            report.warn(f"code '{label}': GUID {guid} is used twice; the second code gets a new one")
            guid = str(uuid.uuid4())  # references to the repeated GUID keep finding the first code
        else:
            seen[guid] = guid
        colour_text = element.get("color")
        colour = parse_colour(colour_text)
        if colour_text and colour is None:
            report.warn(f"code '{label}': colour {colour_text!r} is not readable; the default colour is used")
        codable_text = element.get("isCodable")
        is_codable = truthy(codable_text, True) if codable_text is not None else None
        code = ParsedCode(
            guid=guid,
            name=name or "",
            is_codable=is_codable,
            colour=colour,
            description=element_text(first_child(element, "Description")),
            note_refs=[
                ref for ref in (parse_guid(r.get("targetGUID")) for r in child_elements(element, "NoteRef")) if ref
            ],
            original_guid=parse_guid(raw_guid) or "",
            colour_given=colour_text is not None,
        )
        code.children = parse_codes(element, report, seen, label)
        parsed.append(code)
    return parsed


def walk_codes(codes: Sequence[ParsedCode]) -> list[ParsedCode]:
    found: list[ParsedCode] = []
    for code in codes:
        found.append(code)
        found.extend(walk_codes(code.children))
    return found


def codebook_data(codes: Sequence[ParsedCode], report: RefiReport, *, concord_extras: bool) -> dict[str, Any]:
    """The parsed codes as the dict :func:`coding.codebook.import_codebook` merges.

    Names are made acceptable (one line, at most 255 characters, unique among siblings) and each
    change is reported; descriptions from Concord are split back into their fields.
    """

    def convert(nodes: Sequence[ParsedCode], path: str) -> list[dict[str, Any]]:
        taken: set[str] = set()
        entries = []
        for node in nodes:
            name = unique_label(clean_label(node.name, UNNAMED_CODE), taken)
            full = f"{path}/{name}" if path else name
            if name != node.name:
                report.warn(f"code {node.name!r} renamed '{full}' (names must be one line and unique among siblings)")
            entry: dict[str, Any] = {"uuid": node.guid, "name": name}
            if node.is_codable is not None:
                entry["is_codable"] = node.is_codable
            if node.colour:
                entry["colour"] = node.colour
            if node.description is not None:
                fields = description_fields(node.description, concord_extras)
                if "name_zh" in fields:
                    fields["name_zh"] = clean_label(fields["name_zh"], "")
                entry.update(fields)
            entry["children"] = convert(node.children, full)
            entries.append(entry)
        return entries

    return {"format": CODEBOOK_FORMAT, "version": CODEBOOK_VERSION, "codes": convert(codes, "")}


def is_concord_origin(origin: str | None) -> bool:
    return (origin or "").strip().lower().startswith(CONCORD_ORIGIN.lower())


def _read_codebook_root(path: Path, limits: ArchiveLimits) -> tuple[etree._ElementTree, str]:
    """The XML tree holding the codebook and which schema applies (``codebook`` or ``project``)."""
    if zipfile.is_zipfile(path):
        with SafeArchive(path, limits) as archive:
            member = find_project_xml(archive)
            check_prolog(path, archive.read_prefix(member), member)
            with archive.open(member) as stream:
                return parse_xml(path, stream, member), "project"
    return read_xml_file(path, limits), "codebook"


def import_qdc(session: Session, path: str | Path, *, actor: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> RefiReport:
    """Merge the codebook of a ``.qdc`` file (or of a ``.qdpx`` project) into the project's codebook.

    Nothing changes when the file cannot be read or the merge would clash (the caller's session
    scope rolls back); schema problems are reported, not fatal.
    """
    path = Path(path)
    report = RefiReport("import-codebook", path)
    tree, kind = _read_codebook_root(path, limits)
    root = tree.getroot()
    report.origin = root.get("origin", "")
    expected = "CodeBook" if kind == "codebook" else "Project"
    if localname(root.tag) != expected:
        raise ImportFileError(
            path,
            translate(
                "errors", "not a REFI-QDA {kind} (its root element is <{value}>)").format(
                kind=kind, value=localname(root.tag)),
        )
    namespace = CODEBOOK_NS if kind == "codebook" else PROJECT_NS
    schema = codebook_schema() if kind == "codebook" else project_schema()
    if etree.QName(root).namespace == namespace:
        report.schema_valid = True
        for problem in check_tree(tree, schema):
            report.schema_error(problem)
    else:
        report.schema_error(f"root element is not in the namespace {namespace}; schema check skipped")
    book = root if kind == "codebook" else first_child(root, "CodeBook")
    codes_element = first_child(book, "Codes") if book is not None else None
    if codes_element is None:
        raise ImportFileError(path, translate("errors", "holds no codebook (no <Codes> element)"))
    codes = parse_codes(codes_element, report, {})
    if not codes:
        raise ImportFileError(path, translate("errors", "the codebook holds no codes"))
    sets = first_child(root, "Sets")
    if kind == "codebook" and sets is not None:
        count = len(child_elements(sets, "Set"))
        report.skip("code sets", count, f"{count} code set(s) not imported: Concord has no sets of codes")
    report.counts["codes"] = len(walk_codes(codes))
    data = codebook_data(codes, report, concord_extras=is_concord_origin(report.origin))
    before = {row.uuid: tuple(row) for row in session.execute(_snapshot_query())}
    try:
        changes = import_codebook(session, data, actor=actor)
    except (ValidationError, DuplicateError) as exc:
        raise ImportFileError(path, str(exc)) from None
    except ConcordError:
        raise
    after = {row.uuid: tuple(row) for row in session.execute(_snapshot_query())}
    report.counts["codes added"] = len(set(after) - set(before))
    report.counts["codes updated"] = sum(1 for key in set(after) & set(before) if after[key] != before[key])
    touched = changes.any() or report.counts["codes added"] or report.counts["codes updated"]
    report.changes = Changes(codes=True) if touched else NOTHING
    return report


def _snapshot_query() -> Any:
    return select(
        Code.uuid,
        Code.name,
        Code.parent_id,
        Code.position,
        Code.definition,
        Code.colour,
        Code.is_codable,
        Code.name_zh,
        Code.definition_zh,
        Code.include_rule,
        Code.exclude_rule,
        Code.example,
    )


__all__ = [
    "DESCRIPTION_SECTIONS",
    "ParsedCode",
    "check_output_path",
    "child_elements",
    "clean_label",
    "description_fields",
    "codebook_data",
    "element_text",
    "export_qdc",
    "first_child",
    "import_qdc",
    "is_concord_origin",
    "pack_description",
    "parse_codes",
    "unique_label",
    "unpack_description",
    "walk_codes",
    "write_codes",
]
