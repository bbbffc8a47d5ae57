"""Fuzzing the .qdpx importer: mutated real archives give a clear error or a valid project, nothing else.

The seeds are real exports (both flavours) of a small project with English and Chinese text, emoji,
several coders, a consensus coder, cases with attributes, a group and memos on everything. Each
example applies a few random edits — attribute values (positions of 10**30, dates beyond the
calendar, broken GUIDs and paths), removed, repeated, moved and renamed elements, repeated GUIDs,
text, the bytes of source files and of the XML, member names — and imports the result.

Property: ``import_qdpx`` either raises a :class:`ConcordError` and leaves only the archive in its
folder, or returns a report and leaves exactly the new project, which opens and is sound (integrity
and foreign keys, texts normalised and hashed as an import makes them, codings inside their texts,
as many codings as reported).

CI runs ``FUZZ_EXAMPLES`` examples (about 20 s here). A longer run:
``CONCORD_FUZZ_EXAMPLES=2000 CONCORD_FUZZ_STATS=/tmp/fuzz.json python -m pytest tests/core/test_refi_fuzz.py
-p no:cacheprovider --hypothesis-seed=1`` (the stats file counts outcomes and error kinds).
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from sqlalchemy import func, select, text

from coding.errors import ConcordError
from coding.importing import add_document_text
from coding.importing.store import text_sha256
from coding.project import Project
from coding.refi import Flavour, export_qdpx, import_qdpx
from models import (
    Attribute,
    AttributeValue,
    Case,
    Code,
    Coder,
    Coding,
    Document,
    DocumentGroup,
    DocumentGroupMember,
    Memo,
)

FUZZ_EXAMPLES = int(os.environ.get("CONCORD_FUZZ_EXAMPLES", "40"))
STATS_FILE = os.environ.get("CONCORD_FUZZ_STATS")
OUTCOMES: Counter[str] = Counter()
REFUSALS: Counter[str] = Counter()  # the problems named, with names, numbers and GUIDs blanked (for the stats)

P = "urn:QDA-XML:project:1.0"
TEXT_EN = (
    "Interviewer: Who decides on equipment?\n\nDirector: The bureau decides 😀, we only propose.\n"
    "Interviewer: And the budget?\nDirector: Separate, as before — 🧑‍⚕️ staff are shared."
)
TEXT_ZH = "访谈者：医联体的决策权在哪里？\n受访者：主要在卫生行政部门 🏥，医院自己很难决定。"

ATTRIBUTES = [
    "guid", "name", "startPosition", "endPosition", "position", "creationDateTime", "modifiedDateTime",
    "targetGUID", "plainTextPath", "richTextPath", "color", "isCodable", "typeOfVariable", "origin",
    "creatingUser", "creatingUserGUID", "originGUID", "fromSyncPoint", "toSyncPoint", "id",
]  # fmt: skip
TAGS = [
    "TextSource", "PlainTextSelection", "Coding", "CodeRef", "Code", "Note", "NoteRef", "Case", "SourceRef",
    "Variable", "VariableValue", "Set", "MemberSource", "Link", "User", "PDFSource", "Representation",
    "AudioSource", "Transcript", "SyncPoint", "TranscriptSelection", "PlainTextContent", "Description",
]  # fmt: skip
NUMERIC_ATTRIBUTES = ("startPosition", "endPosition", "position", "creationDateTime", "modifiedDateTime")
EDITS = ["number", "number", "set", "set", "unset", "remove", "repeat", "move", "text", "rename", "same guid"]
ODD_VALUES = [
    "", " ", "0", "-1", "3", "1e30", "-1e30", str(10**30), str(-(10**30)), "nan", "inf", "1.5", "9" * 5000,
    "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "2024-02-30T00:00:00Z", "2024-01-01",
    "00000000-0000-4000-8000-000000000001", "{C0DE0000-0000-4000-8000-00000000000A}", "not-a-guid",
    "internal://../../etc/passwd", "internal://missing.txt", "/etc/hostname", "C:\\x.txt", "relative://sources/x.txt",
    "#GGGGGG", "rgb(1e999,0,0)", "rgb(nan,1,2)", "#1234", "true", "false", "Float", "Date", "Boolean",
    "\u202e", "😀", "访谈者", "a\tb\nc",
]  # fmt: skip
MEMBER_NAMES = [
    "../evil.txt", "/abs.txt", "C:/x.txt", "sources\\..\\..\\x.txt", "sources/UPPER.TXT", "project.qde",
    "other.qde", "sources/", "sources/a b%20c.txt", "Sources/x.txt", "x" * 300,
]  # fmt: skip
SOURCE_TEXTS = [
    b"", b"   \r\n\r\n", b"\xef\xbb\xbf\x00\x01 NUL \r\n\r\r\n", "中文 😀".encode("utf-16"), b"\xff\xfe\x00",
    b"\x80\x81 not utf-8", "e\u0301\u1100\u1161 \u0f73\u2028\u0085 done".encode(), b"PK\x03\x04 not a text",
]  # fmt: skip
_XML_TEXT = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    "\t\n"
)


# -- the seeds -----------------------------------------------------------------------------------------
class _Seeds(list):
    def __repr__(self) -> str:  # a falsifying example names the seed it drew, not every archive's bytes
        return f"<{len(self)} exported archives>"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, import_pipelines: dict[str, object]) -> list[bytes]:
    folder = tmp_path_factory.mktemp("refi-fuzz")
    project = Project.create(folder / "seed.concord")
    try:
        with project.session() as session:
            _fill(session)
        archives = _Seeds()
        for flavour in Flavour:
            out = folder / f"seed-{flavour.value}.qdpx"
            with project.session() as session:
                export_qdpx(session, out, flavour=flavour)
            archives.append(out.read_bytes())
    finally:
        project.close()
    return archives


def _fill(session) -> None:  # type: ignore[no-untyped-def]
    english = add_document_text(session, name="Director", text=TEXT_EN, source_name="a.txt", format="txt")
    chinese = add_document_text(session, name="访谈 B", text=TEXT_ZH, source_name="b.docx", format="docx")
    coders = [Coder(name="Lin"), Coder(name="Morgan"), Coder(name="Agreed", is_consensus=True)]
    session.add_all(coders)
    session.flush()
    codes = session.scalars(select(Code).where(Code.parent_id.is_not(None)).order_by(Code.id)).all()
    spans = [(english, "The bureau decides 😀"), (english, "Separate"), (chinese, "决策权"), (chinese, "🏥")]
    codings = []
    for index, (document, quote) in enumerate(spans):
        start = document.text.index(quote)
        for coder in coders[: 1 + index % 3]:
            codings.append(
                Coding(
                    document_id=document.id,
                    coder_id=coder.id,
                    code_id=codes[index % len(codes)].id,
                    start=start,
                    end=start + len(quote),
                    memo="why & <how>" if index == 0 else "",
                )
            )
    session.add_all(codings)
    case = Case(name="P01", description="Director")
    mode = Attribute(name="mode", value_type="text", position=0)
    age = Attribute(name="age", value_type="number", position=1)
    group = DocumentGroup(name="Directors")
    session.add_all([case, mode, age, group])
    session.flush()
    english.case_id = case.id
    session.add_all(
        [
            AttributeValue(case_id=case.id, attribute_id=mode.id, value="urban"),
            AttributeValue(case_id=case.id, attribute_id=age.id, value="54"),
            DocumentGroupMember(group_id=group.id, document_id=chinese.id),
            Memo(target_kind="project", title="Plan", text="Code twice."),
            Memo(target_kind="document", target_uuid=english.uuid, title="Where", text="Office."),
            Memo(target_kind="code", target_uuid=codes[0].uuid, title="", text="Watch."),
            Memo(target_kind="case", target_uuid=case.uuid, title="About", text="Long-serving."),
            Memo(target_kind="coding", target_uuid=codings[0].uuid, title="Why", text="Owner power."),
        ]
    )


# -- mutations -----------------------------------------------------------------------------------------
def _elements(root: etree._Element) -> list[etree._Element]:
    return [element for element in root.iter() if isinstance(element.tag, str)]


def _mutate_xml(data: st.DataObject, root: etree._Element) -> None:
    elements = _elements(root)
    kind = data.draw(st.sampled_from(EDITS), label="edit")
    numeric = [e for e in elements if any(name in e.attrib for name in NUMERIC_ATTRIBUTES)]
    if kind == "number" and numeric:  # a position or a date, often absurd (10**30, year 9999 at -23:59)
        element = data.draw(st.sampled_from(numeric), label="element")
        name = data.draw(st.sampled_from([n for n in NUMERIC_ATTRIBUTES if n in element.attrib]), label="attribute")
        element.set(name, data.draw(_values_for(name, elements), label="value"))
        return
    element = data.draw(st.sampled_from(elements), label="element")
    if kind == "set":
        own = sorted(element.attrib)
        name = data.draw(st.sampled_from(own) if own else st.sampled_from(ATTRIBUTES), label="attribute")
        if data.draw(st.integers(0, 4), label="any attribute") == 0:
            name = data.draw(st.sampled_from(ATTRIBUTES), label="attribute")
        element.set(name, data.draw(_values_for(name, elements), label="value"))
    elif kind == "unset" and element.attrib:
        del element.attrib[data.draw(st.sampled_from(sorted(element.attrib)), label="attribute")]
    elif kind in ("remove", "repeat", "move") and element.getparent() is not None:
        parent = element.getparent()
        if kind == "repeat":
            parent.insert(parent.index(element) + 1, copy.deepcopy(element))
            return
        parent.remove(element)
        if kind == "move":
            others = [other for other in _elements(root) if other is not element]
            data.draw(st.sampled_from(others), label="new parent").append(element)
    elif kind == "text":
        element.text = data.draw(st.text(_XML_TEXT, max_size=30) | st.sampled_from(ODD_VALUES), label="text")
    elif kind == "rename":
        element.tag = f"{{{P}}}{data.draw(st.sampled_from(TAGS), label='tag')}"
    elif kind == "same guid":
        guids = sorted({e.get("guid") for e in elements if e.get("guid")})
        if guids:
            attribute = data.draw(st.sampled_from(["guid", "targetGUID", "creatingUser"]), label="attribute")
            element.set(attribute, data.draw(st.sampled_from(guids), label="guid"))


POSITION_VALUES = st.one_of(
    st.integers(-3, 400).map(str),
    st.integers(2**62, 10**40).map(str),
    st.integers(-(10**40), -(2**62)).map(str),
    st.sampled_from(["1e30", "-1e30", "1e400", "nan", "3.0", "3.5", "-0", "", " 7 ", "9" * 5000, "0x10"]),
)
DATE_VALUES = st.one_of(
    st.builds(
        "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}".format,
        st.sampled_from([1, 2, 1970, 2024, 9998, 9999]),
        st.integers(0, 13),
        st.integers(0, 32),
        st.integers(0, 24),
        st.integers(0, 60),
        st.integers(0, 60),
        st.sampled_from(["", "Z", "+23:59", "-23:59", "+14:00", "-00:01", ".999999Z", "+99:00"]),
    ),
    st.sampled_from(["", "yesterday", "2024-01-01", "99999-01-01T00:00:00", "-0001-01-01T00:00:00"]),
)


def _values_for(name: str, elements: list[etree._Element]) -> st.SearchStrategy[str]:
    """Values of the attribute's own kind most of the time (positions, dates, GUIDs, paths), odd ones else."""
    odd = st.sampled_from(ODD_VALUES) | st.text(_XML_TEXT, max_size=12)
    guids = sorted({e.get("guid") for e in elements if e.get("guid")}) or ["x"]
    same_kind = {
        "startPosition": POSITION_VALUES,
        "endPosition": POSITION_VALUES,
        "position": POSITION_VALUES,
        "creationDateTime": DATE_VALUES,
        "modifiedDateTime": DATE_VALUES,
        "plainTextPath": st.sampled_from(MEMBER_NAMES + ["internal://" + n for n in MEMBER_NAMES]),
        "richTextPath": st.sampled_from(MEMBER_NAMES),
        "origin": st.sampled_from(["NVivo 14", "ATLAS.ti 23", "MAXQDA", "", "Concord 0.1; flavour=crlf-utf16"]),
    }.get(name)
    if same_kind is None and ("GUID" in name or name in ("guid", "creatingUser", "fromSyncPoint", "toSyncPoint")):
        same_kind = st.sampled_from(guids) | st.sampled_from(guids).map(lambda g: "{" + g.upper() + "}")
    return odd if same_kind is None else st.one_of(same_kind, same_kind, same_kind, odd)


def _mutate_members(data: st.DataObject, members: list[tuple[str, bytes]]) -> None:
    index = data.draw(st.integers(0, len(members) - 1), label="member")
    name, payload = members[index]
    kind = data.draw(st.sampled_from(["bytes", "drop", "rename", "repeat", "corrupt"]), label="member edit")
    if kind == "bytes":
        members[index] = (name, data.draw(st.sampled_from(SOURCE_TEXTS) | st.binary(max_size=40), label="payload"))
    elif kind == "drop":
        del members[index]
    elif kind == "rename":
        members[index] = (data.draw(st.sampled_from(MEMBER_NAMES), label="name"), payload)
    elif kind == "repeat":
        members.append((name, payload[: len(payload) // 2]))
    elif kind == "corrupt" and payload:
        at = data.draw(st.integers(0, len(payload) - 1), label="offset")
        cut = data.draw(st.booleans(), label="truncate")
        members[index] = (name, payload[:at] if cut else payload[:at] + bytes([payload[at] ^ 0x5A]) + payload[at + 1 :])


def _mutated_archive(data: st.DataObject, seed: bytes, path: Path) -> None:
    with zipfile.ZipFile(_bytes_file(path, seed)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    xml_index = next(i for i, (name, _) in enumerate(members) if name == "project.qde")
    root = etree.fromstring(members[xml_index][1])
    for _ in range(data.draw(st.integers(1, 4), label="xml edits")):
        _mutate_xml(data, root)
    members[xml_index] = ("project.qde", etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    for _ in range(data.draw(st.integers(0, 2), label="member edits")):
        if members:
            _mutate_members(data, members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": a repeated member is one of the edits
        for name, payload in members:
            archive.writestr(zipfile.ZipInfo(name), payload)


def _bytes_file(path: Path, payload: bytes) -> Path:
    path.write_bytes(payload)
    return path


# -- the property --------------------------------------------------------------------------------------
def _assert_sound(project_path: Path, report_codings: int) -> None:
    project = Project.open(project_path)
    try:
        with project.session() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            texts = dict(session.execute(select(Document.id, Document.text)).all())
            for document in session.scalars(select(Document)):
                assert document.char_count == len(document.text)  # an empty source is an empty document
                assert document.sha256 == text_sha256(document.text)
            for document_id, start, end in session.execute(select(Coding.document_id, Coding.start, Coding.end)):
                assert 0 <= start < end <= len(texts[document_id])
            assert session.scalar(select(func.count(Coding.id))) == report_codings
    finally:
        project.close()


def _outcome(qdpx: Path, out: Path, skip_broken: bool) -> str:
    folder = qdpx.parent
    try:
        report = import_qdpx(qdpx, out, skip_broken=skip_broken)
    except ConcordError as exc:
        assert str(exc) and "\n" not in str(exc).strip(), "one line"
        assert sorted(p.name for p in folder.iterdir()) == [qdpx.name], "a refusal leaves nothing behind"
        REFUSALS[re.sub(r"'[^']*'|\S*\d\S*", "…", getattr(exc, "problem", str(exc)))[:90]] += 1
        return f"refused: {type(exc).__name__}"
    assert sorted(p.name for p in folder.iterdir()) == sorted([qdpx.name, out.name])
    _assert_sound(out, report.counts["codings"])
    return "imported"


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_archives_give_a_clear_error_or_a_sound_project(seeds: list[bytes], data: st.DataObject) -> None:
    seed_index = data.draw(st.integers(0, len(seeds) - 1), label="seed (0: standard, 1: crlf-utf16)")
    seed = seeds[seed_index]
    skip_broken = data.draw(st.booleans(), label="skip_broken")
    with tempfile.TemporaryDirectory() as folder:
        qdpx = Path(folder) / "fuzz.qdpx"
        _mutated_archive(data, seed, qdpx)
        OUTCOMES[_outcome(qdpx, Path(folder) / "out.concord", skip_broken)] += 1
    if STATS_FILE:  # after every example, so a run stopped by a time limit still says what it did
        stats = {"examples": sum(OUTCOMES.values()), **OUTCOMES, "refusals": dict(REFUSALS.most_common())}
        Path(STATS_FILE).write_text(json.dumps(stats, indent=1, ensure_ascii=False))
