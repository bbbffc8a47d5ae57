"""A REFI-QDA project read leniently into plain values (no database), with what was left aside.

The reader walks elements by local name, so a file with a missing or different namespace still
reads; GUIDs are normalised (lower case, no braces) and a missing or repeated GUID gets a new
one with a warning. Whatever Concord cannot hold — pictures, audio and video, PDF regions, graphs,
links, code sets, source variables — is counted in ``RefiReport.skipped`` here, never dropped
silently. Text that Concord can hold is kept wherever it sits: text sources, the text
representation of a PDF, and transcripts of audio and video (their selections placed through
sync points that carry text positions).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from coding.refi.codebook_qdc import ParsedCode, child_elements, element_text, first_child, parse_codes
from coding.refi.common import localname, parse_datetime, parse_guid
from coding.refi.report import RefiReport


@dataclass
class RefiUser:
    guid: str
    name: str | None
    user_id: str | None


@dataclass
class RefiCoding:
    guid: str | None
    code_guid: str | None
    raw_code_ref: str | None
    user: str | None
    created: datetime | None
    note_refs: list[str] = field(default_factory=list)
    raw_created: str | None = None


@dataclass
class RefiSelection:
    guid: str
    name: str | None
    start: int | None
    end: int | None
    user: str | None
    created: datetime | None
    modified: datetime | None
    description: str | None
    codings: list[RefiCoding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    raw_created: str | None = None


@dataclass
class RefiTextSource:
    guid: str
    name: str
    label: str  # how messages name it
    plain_path: str | None
    rich_path: str | None
    inline_text: str | None
    user: str | None
    created: datetime | None
    selections: list[RefiSelection] = field(default_factory=list)
    whole_codings: list[RefiCoding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass
class RefiNote:
    guid: str
    name: str | None
    plain_path: str | None
    inline_text: str | None
    user: str | None
    created: datetime | None
    modified: datetime | None
    description: str | None = None
    selection: tuple[int, int] | None = None  # the passage an annotation is about (QualCoder's shape)


@dataclass
class RefiVariable:
    guid: str
    name: str
    type: str
    description: str | None = None


@dataclass
class RefiCase:
    guid: str
    name: str | None
    description: str | None
    values: list[tuple[str | None, str, str]] = field(default_factory=list)  # (variable guid, element, text)
    source_refs: list[str] = field(default_factory=list)


@dataclass
class RefiSet:
    guid: str
    name: str | None
    description: str | None
    sources: list[str] = field(default_factory=list)
    codes: int = 0
    notes: int = 0


@dataclass
class RefiLink:
    guid: str
    name: str | None
    origin: str | None
    target: str | None


@dataclass
class RefiProject:
    name: str
    origin: str
    creating_user: str | None
    users: list[RefiUser] = field(default_factory=list)
    codes: list[ParsedCode] = field(default_factory=list)
    code_guids: dict[str, str] = field(default_factory=dict)  # GUID as written -> GUID the code got
    variables: list[RefiVariable] = field(default_factory=list)
    cases: list[RefiCase] = field(default_factory=list)
    sources: list[RefiTextSource] = field(default_factory=list)
    media_guids: set[str] = field(default_factory=set)  # sources Concord cannot hold
    notes: list[RefiNote] = field(default_factory=list)
    links: list[RefiLink] = field(default_factory=list)
    sets: list[RefiSet] = field(default_factory=list)
    project_note_refs: list[str] = field(default_factory=list)
    description: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)  # the <Project> element's, as written
    upper_case_guids: bool = False  # the file wrote its GUIDs in upper case


PROJECT_ATTRIBUTES = ("creatingUserGUID", "creationDateTime", "modifyingUserGUID", "modifiedDateTime", "basePath")


class _Guids:
    """Hands out each element's GUID once; unreadable or repeated ones are replaced (and reported)."""

    def __init__(self, report: RefiReport) -> None:
        self.report = report
        self.used: set[str] = set()
        self.upper = 0  # GUIDs written in upper case, against lower: the case the export writes back
        self.lower = 0

    def take(self, raw: str | None, what: str) -> str:
        if raw:
            letters = [ch for ch in raw if ch.isalpha()]
            self.upper += any(ch.isupper() for ch in letters)
            self.lower += any(ch.islower() for ch in letters)
        guid = parse_guid(raw)
        if guid is None:
            self.report.warn(f"{what}: GUID {raw!r} is not a GUID; given a new one")
            guid = str(uuid.uuid4())
        elif guid in self.used:
            self.report.warn(f"{what}: GUID {guid} is used twice; this one gets a new GUID")
            guid = str(uuid.uuid4())
        self.used.add(guid)
        return guid


def _refs(element: etree._Element, name: str) -> list[str]:
    found = []
    for child in child_elements(element, name):
        guid = parse_guid(child.get("targetGUID") or child.get("guid"))
        if guid:
            found.append(guid)
    return found


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return int(number) if number.is_integer() else None


class ProjectReader:
    """Turns a parsed ``<Project>`` into a :class:`RefiProject`, counting what it leaves aside."""

    def __init__(self, report: RefiReport) -> None:
        self.report = report
        self.guids = _Guids(report)
        self.skipped: Counter[str] = report.skipped

    def read(self, root: etree._Element) -> RefiProject:
        project = RefiProject(
            name=(root.get("name") or "").strip(),
            origin=(root.get("origin") or "").strip(),
            creating_user=parse_guid(root.get("creatingUserGUID")),
            attributes={key: value for key in PROJECT_ATTRIBUTES if (value := (root.get(key) or "").strip())},
        )
        users = first_child(root, "Users")
        if users is not None:
            for element in child_elements(users, "User"):
                guid = self.guids.take(element.get("guid"), f"user '{element.get('name') or '?'}'")
                project.users.append(RefiUser(guid, element.get("name"), element.get("id")))
        book = first_child(root, "CodeBook")
        codes = first_child(book, "Codes") if book is not None else None
        if codes is not None:
            project.codes = parse_codes(codes, self.report, project.code_guids)
        variables = first_child(root, "Variables")
        if variables is not None:
            for element in child_elements(variables, "Variable"):
                name = element.get("name") or ""
                guid = self.guids.take(element.get("guid"), f"variable '{name}'")
                project.variables.append(
                    RefiVariable(
                        guid,
                        name,
                        (element.get("typeOfVariable") or "Text").strip(),
                        element_text(first_child(element, "Description")),
                    )
                )
        cases = first_child(root, "Cases")
        if cases is not None:
            project.cases = [self._case(element) for element in child_elements(cases, "Case")]
        sources = first_child(root, "Sources")
        if sources is not None:
            for element in sources:
                self._source(element, project)
        notes = first_child(root, "Notes")
        if notes is not None:
            project.notes = [self._note(element) for element in child_elements(notes, "Note")]
        links = first_child(root, "Links")
        if links is not None:
            for element in child_elements(links, "Link"):
                guid = self.guids.take(element.get("guid"), "link")
                project.links.append(
                    RefiLink(
                        guid,
                        element.get("name"),
                        parse_guid(element.get("originGUID")),
                        parse_guid(element.get("targetGUID")),
                    )
                )
        sets = first_child(root, "Sets")
        if sets is not None:
            for element in child_elements(sets, "Set"):
                set_name = element.get("name")
                project.sets.append(
                    RefiSet(
                        guid=self.guids.take(element.get("guid"), f"set '{set_name or '?'}'"),
                        name=set_name,
                        description=element_text(first_child(element, "Description")),
                        sources=_refs(element, "MemberSource"),
                        codes=len(child_elements(element, "MemberCode")),
                        notes=len(child_elements(element, "MemberNote")),
                    )
                )
        graphs = first_child(root, "Graphs")
        if graphs is not None:
            count = len(child_elements(graphs, "Graph"))
            self.report.skip("graphs", count, f"{count} graph(s) not imported: Concord has no graphs")
        project.description = element_text(first_child(root, "Description"))
        project.project_note_refs = _refs(root, "NoteRef")
        project.upper_case_guids = self.guids.upper > self.guids.lower
        return project

    # -- pieces --------------------------------------------------------------------------------
    def _date(self, element: etree._Element, attribute: str) -> datetime | None:
        """A date attribute; one that cannot be read (or lies beyond the calendar in UTC) is warned about."""
        value = element.get(attribute)
        parsed = parse_datetime(value)
        if parsed is None and value and value.strip():
            where = element.get("name") or element.get("guid") or "?"
            self.report.warn(
                f"<{localname(element.tag)}> '{where}': {attribute} {value[:60]!r} is not a date Concord can read; "
                "ignored"
            )
        return parsed

    def _case(self, element: etree._Element) -> RefiCase:
        name = element.get("name")
        case = RefiCase(
            guid=self.guids.take(element.get("guid"), f"case '{name or '?'}'"),
            name=name,
            description=element_text(first_child(element, "Description")),
            source_refs=_refs(element, "SourceRef"),
        )
        for value in child_elements(element, "VariableValue"):
            case.values.append(self._variable_value(value))
        code_refs = len(child_elements(element, "CodeRef"))
        selection_refs = len(child_elements(element, "SelectionRef"))
        label = name or case.guid
        self.report.skip(
            "case code references",
            code_refs,
            f"case '{label}': {code_refs} code reference(s) not imported (Concord cases hold documents)"
            if code_refs
            else None,
        )
        self.report.skip(
            "case selection references",
            selection_refs,
            f"case '{label}': {selection_refs} selection reference(s) not imported (Concord cases hold whole documents)"
            if selection_refs
            else None,
        )
        return case

    @staticmethod
    def _variable_value(element: etree._Element) -> tuple[str | None, str, str]:
        ref = first_child(element, "VariableRef")
        variable = parse_guid(ref.get("targetGUID")) if ref is not None else None
        for child in element:
            kind = localname(child.tag)
            if kind.endswith("Value"):
                return variable, kind, "".join(child.itertext())
        return variable, "TextValue", ""

    def _coding(self, element: etree._Element) -> RefiCoding:
        ref = first_child(element, "CodeRef")
        raw = ref.get("targetGUID") if ref is not None else None
        return RefiCoding(
            guid=parse_guid(element.get("guid")),
            code_guid=parse_guid(raw),
            raw_code_ref=raw,
            user=parse_guid(element.get("creatingUser")),
            created=self._date(element, "creationDateTime"),
            note_refs=_refs(element, "NoteRef"),
            raw_created=element.get("creationDateTime"),
        )

    def _selection(self, element: etree._Element, where: str, start: int | None, end: int | None) -> RefiSelection:
        return RefiSelection(
            guid=self.guids.take(element.get("guid"), f"selection in {where}"),
            name=element.get("name"),
            start=start,
            end=end,
            user=parse_guid(element.get("creatingUser")),
            created=self._date(element, "creationDateTime"),
            modified=self._date(element, "modifiedDateTime"),
            description=element_text(first_child(element, "Description")),
            codings=[self._coding(coding) for coding in child_elements(element, "Coding")],
            note_refs=_refs(element, "NoteRef"),
            raw_created=element.get("creationDateTime"),
        )

    def _text_source(self, element: etree._Element, name: str, label: str, guid: str | None = None) -> RefiTextSource:
        source = RefiTextSource(
            guid=guid or self.guids.take(element.get("guid"), label),
            name=name,
            label=label,
            plain_path=element.get("plainTextPath"),
            rich_path=element.get("richTextPath"),
            inline_text=element_text(first_child(element, "PlainTextContent")),
            user=parse_guid(element.get("creatingUser")),
            created=self._date(element, "creationDateTime"),
            note_refs=_refs(element, "NoteRef"),
            description=element_text(first_child(element, "Description")),
        )
        for selection in child_elements(element, "PlainTextSelection"):
            source.selections.append(
                self._selection(
                    selection, label, _int(selection.get("startPosition")), _int(selection.get("endPosition"))
                )
            )
        source.whole_codings = [self._coding(coding) for coding in child_elements(element, "Coding")]
        values = len(child_elements(element, "VariableValue"))
        self.report.skip(
            "source variable values",
            values,
            f"{label}: {values} variable value(s) of the source not imported (Concord attributes belong to cases)"
            if values
            else None,
        )
        return source

    def _source(self, element: etree._Element, project: RefiProject) -> None:
        kind = localname(element.tag)
        name = element.get("name") or ""
        if kind == "TextSource":
            project.sources.append(self._text_source(element, name, f"source '{name or element.get('guid')}'"))
            return
        guid = self.guids.take(element.get("guid"), f"{kind} '{name}'")
        project.media_guids.add(guid)
        label = f"{kind} '{name or guid}'"
        if kind == "PictureSource":
            self._skip_media(element, "picture", label, "PictureSelection")
        elif kind == "PDFSource":
            self._skip_media(element, "PDF", label, "PDFSelection", regions="PDF regions")
            representation = first_child(element, "Representation")
            if representation is not None:
                project.sources.append(self._text_source(representation, name, f"text of PDF '{name or guid}'"))
                self.report.warn(f"{label}: its text representation is imported as a document; the PDF itself is not")
        elif kind in ("AudioSource", "VideoSource"):
            medium = "audio" if kind == "AudioSource" else "video"
            self._skip_media(element, medium, label, f"{kind[:5]}Selection")
            for transcript in child_elements(element, "Transcript"):
                project.sources.append(self._transcript(transcript, name or guid))
        elif kind:
            self.report.skip("unknown sources", 1, f"{label}: unknown kind of source, not imported")

    def _skip_media(
        self, element: etree._Element, medium: str, label: str, selection_tag: str, regions: str | None = None
    ) -> None:
        selections = child_elements(element, selection_tag)
        codings = len(child_elements(element, "Coding")) + sum(len(child_elements(s, "Coding")) for s in selections)
        self.report.skip(f"{medium} sources", 1, f"{label} not imported: Concord holds text only")
        self.report.skip(regions or f"{medium} selections", len(selections))
        self.report.skip(f"codings on {medium} sources", codings)

    def _transcript(self, element: etree._Element, media_name: str) -> RefiTextSource:
        name = element.get("name") or f"{media_name} (transcript)"
        label = f"transcript '{name}'"
        source = self._text_source(element, name, label)
        sync = {
            parse_guid(point.get("guid")): _int(point.get("position")) for point in child_elements(element, "SyncPoint")
        }
        unplaced = 0
        for selection in child_elements(element, "TranscriptSelection"):
            start = sync.get(parse_guid(selection.get("fromSyncPoint")))
            end = sync.get(parse_guid(selection.get("toSyncPoint")))
            if start is None or end is None:
                unplaced += 1
                continue
            source.selections.append(self._selection(selection, label, start, end))
        self.report.skip(
            "transcript selections without text positions",
            unplaced,
            f"{label}: {unplaced} selection(s) whose sync points carry no text position not imported"
            if unplaced
            else None,
        )
        return source

    def _note(self, element: etree._Element) -> RefiNote:
        name = element.get("name")
        note = RefiNote(
            guid=self.guids.take(element.get("guid"), f"note '{name or '?'}'"),
            name=name,
            plain_path=element.get("plainTextPath"),
            inline_text=element_text(first_child(element, "PlainTextContent")),
            user=parse_guid(element.get("creatingUser")),
            created=self._date(element, "creationDateTime"),
            modified=self._date(element, "modifiedDateTime"),
            description=element_text(first_child(element, "Description")),
        )
        selections = child_elements(element, "PlainTextSelection")
        if selections:  # an annotation: the note is about this passage of the source that refers to it
            start, end = _int(selections[0].get("startPosition")), _int(selections[0].get("endPosition"))
            if start is not None and end is not None:
                note.selection = (min(start, end), max(start, end))
        codings = len(child_elements(element, "Coding")) + sum(len(child_elements(s, "Coding")) for s in selections)
        self.report.skip(
            "codings inside notes",
            codings,
            f"note '{name or note.guid}': {codings} coding(s) of the note's own text not imported (memos are not coded)"
            if codings
            else None,
        )
        return note


__all__ = [
    "ProjectReader",
    "RefiCase",
    "RefiCoding",
    "RefiLink",
    "RefiNote",
    "RefiProject",
    "RefiSelection",
    "RefiSet",
    "RefiTextSource",
    "RefiUser",
    "RefiVariable",
]
