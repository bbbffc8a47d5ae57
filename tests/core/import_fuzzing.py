"""What the importer fuzzing generates and checks; shared by tests/core/test_import_fuzz.py (bounded, in CI)
and benchmarks/fuzz_importers.py (as long as asked).

The property, for any file: importing it either raises a ConcordError whose message starts with the file's
path and leaves the project as it was, or stores one document whose text is normalised and whose speaker
turns and sentences lie inside the text, in order, without overlapping, covering every non-blank line
(turns) and every non-space character of what was said (sentences). Any other exception is a bug.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import strategies as st
from sqlalchemy import func, select

from coding.errors import ConcordError, DuplicateError, ImportFileError
from coding.importing import import_file
from coding.importing.normalise import normalise_text
from coding.project import Project
from models import AuditEvent, Case, Document, DocumentMetadata, Sentence, SpeakerTurn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# -- text -------------------------------------------------------------------------------------------
TRICKY_PIECES = [
    "\r\n", "\r", "\n\n\n", "\t", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x00", "\x1b", "\x7f", "\x9f",
    "\ufeff", "\u200b", "\u200d", "👩‍👩‍👧", "👍🏽", "🇨🇳", "𠀀", "𪚥", "e\u0301", "\u0301", "a\u0308\u0304",
    "访谈者：", "受访者：", "Interviewer: ", "Q: ", "A: ", "R1: ", "Dr Li: ", "**Q:** ", ":", "：", "。", "！", "？",
    ". ", "? ", "... ", "\u3000", "\xa0", "\ud7ff", "\ue000", "\U0010fffd", "﷽", "ﬁ", "Å",
]
unicode_text = st.lists(
    st.one_of(st.sampled_from(TRICKY_PIECES), st.text(st.characters(exclude_categories=("Cs",)), max_size=12)),
    max_size=60,
).map("".join)
#: Characters XML 1.0 allows (a .docx cannot hold the others).
xml_text = unicode_text.map(lambda text: "".join(c for c in text if _xml_char(c)))


def _xml_char(char: str) -> bool:
    code = ord(char)
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "gb18030", "big5", "shift_jis", "cp1252"]


@st.composite
def text_files(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """A .txt file's bytes and, when it is valid UTF-8 of a known text, the text it must import as."""
    kind = draw(st.sampled_from(["utf-8", "encoded", "bytes", "mutated"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2048)), None
    text = draw(unicode_text)
    if kind == "utf-8":
        return text.encode("utf-8"), text
    if kind == "encoded":
        return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace"), None
    data = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data), None


# -- Word ------------------------------------------------------------------------------------------
@cache
def real_docx() -> bytes:
    """A real .docx made by python-docx: headings, paragraphs, a table, the template's parts."""
    import docx

    document = docx.Document()
    document.add_heading("Interview P07", level=1)
    document.add_paragraph("Interviewer: How did the alliance change referrals?")
    document.add_paragraph("Dr Li: The county keeps a share of the quota for us. It is faster now!")
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate([["Mode", "Urban"], ["Role", "Director"]]):
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
    document.add_paragraph("访谈者：医联体成立以后有什么变化？\n受访者：转诊快多了。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(real_docx())) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def _package(document_xml: bytes) -> bytes:
    members = _members() | {"word/document.xml": document_xml}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _run(text: str, kind: str) -> str:
    body = f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    if kind == "deleted":
        return f'<w:del w:id="1" w:author="A"><w:r><w:delText>{escape(text)}</w:delText></w:r></w:del>'
    if kind == "breaks":
        return f"<w:r>{body}<w:br/><w:tab/><w:cr/><w:noBreakHyphen/>{body}</w:r>"
    if kind == "link":
        return f"<w:hyperlink><w:r>{body}</w:r></w:hyperlink>"
    return f"<w:r><w:rPr><w:b/></w:rPr>{body}</w:r>"


@st.composite
def _block(draw: st.DrawFn, depth: int = 0) -> tuple[str, list[str]]:
    """A paragraph, a content control or a table: its XML and the texts that must appear in the document."""
    kind = draw(st.sampled_from(["p", "p", "p", "sdt", "table"] if depth < 2 else ["p"]))
    if kind == "table":
        rows = draw(st.lists(st.lists(_block(depth + 1), min_size=1, max_size=3), min_size=1, max_size=3))
        xml = "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell, _ in row) + "</w:tr>" for row in rows)
        return f"<w:tbl>{xml}</w:tbl>", []
    runs = draw(st.lists(st.tuples(xml_text, st.sampled_from(["plain", "deleted", "breaks", "link"])), max_size=4))
    xml = "<w:p>" + "".join(_run(text, kind) for text, kind in runs) + "</w:p>"
    said = [text for text, kind in runs if kind == "plain"]
    return (f"<w:sdt><w:sdtContent>{xml}</w:sdtContent></w:sdt>" if kind == "sdt" else xml), said


@st.composite
def docx_files(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """A .docx's bytes and texts its import must contain (when it imports)."""
    kind = draw(st.sampled_from(["built", "built", "flipped", "truncated", "bytes", "xml-noise"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2048)), []
    blocks = draw(st.lists(_block(), min_size=1, max_size=8))
    document_xml = (f'<w:document xmlns:w="{W_NS}"><w:body>' + "".join(xml for xml, _ in blocks)
                    + "</w:body></w:document>").encode()
    if kind == "xml-noise":
        cut = draw(st.integers(0, len(document_xml)))
        noise = draw(st.sampled_from([b"<", b"&", b"]]>", b"<!DOCTYPE x>", b"&e;", b"\x00", b"<w:p>", b"</w:t>"]))
        document_xml = document_xml[:cut] + noise + document_xml[cut:]
    data = _package(document_xml)
    if kind == "flipped":
        mutable = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            mutable[draw(st.integers(0, len(mutable) - 1))] ^= draw(st.integers(1, 255))
        data = bytes(mutable)
    elif kind == "truncated":
        data = data[: draw(st.integers(0, len(data) - 1))]
    said = [text for _, texts in blocks for text in texts] if kind == "built" else []
    return data, said


# -- the property -----------------------------------------------------------------------------------
@dataclass
class Tally:
    """What a fuzzing run did."""

    cases: int = 0
    refused: int = 0
    duplicates: int = 0
    imported: int = 0
    failures: list[str] = field(default_factory=list)


def row_counts(project: Project) -> dict[str, int]:
    with project.session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Document, SpeakerTurn, Sentence, Case, AuditEvent)
        }


def check_import(project: Project, path: Path, tally: Tally, expected_text: str | None = None,
                 said: list[str] | None = None) -> str:
    """Import ``path`` and check the property; returns "refused", "duplicate" or "imported"."""
    tally.cases += 1
    before = row_counts(project)
    try:
        document = import_file(project, path)
    except ImportFileError as refused:
        assert str(refused).startswith(f"{path}: "), str(refused)
        assert row_counts(project) == before, "a refused file changed the project"
        tally.refused += 1
        return "refused"
    except DuplicateError as duplicate:
        assert str(duplicate).startswith(f"{path}: ") and row_counts(project) == before
        tally.duplicates += 1
        return "duplicate"
    except ConcordError as other:  # pragma: no cover - a failure to report
        raise AssertionError(f"{path}: a ConcordError that is not an ImportFileError: {other!r}") from other
    text = check_units(project, document.id)
    if expected_text is not None:
        assert text == normalise_text(expected_text), "UTF-8 text imported differently from its normal form"
    for piece in said or []:
        assert _skeleton(normalise_text(piece.strip())) in _skeleton(text), f"{piece!r} lost"
    tally.imported += 1
    return "imported"


def _skeleton(text: str) -> str:
    """Text without combining marks, decomposed: a run may start with an accent that NFC joins to the letter
    ending the run before it, so a run's text is compared in this form."""
    return "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))


def check_units(project: Project, document_id: int) -> str:
    """The stored document's units against its text; returns the text."""
    with project.session() as session:
        document = session.get(Document, document_id)
        text = document.text
        turns = session.execute(
            select(SpeakerTurn.id, SpeakerTurn.start, SpeakerTurn.content_start, SpeakerTurn.end)
            .where(SpeakerTurn.document_id == document_id).order_by(SpeakerTurn.position)
        ).all()
        sentences = session.execute(
            select(Sentence.turn_id, Sentence.start, Sentence.end)
            .where(Sentence.document_id == document_id).order_by(Sentence.position)
        ).all()
        header = session.execute(  # the leading metadata block: its lines belong to no turn, by design
            select(DocumentMetadata.start, DocumentMetadata.end)
            .where(DocumentMetadata.document_id == document_id).order_by(DocumentMetadata.position)
        ).all()
        assert (document.char_count, document.turn_count, document.sentence_count) == (
            len(text), len(turns), len(sentences)
        )
    assert text and text == normalise_text(text), "stored text is not in normal form"
    in_turn = bytearray(len(text))
    previous_end = header[-1].end if header else 0
    for start, end in header:
        in_turn[start:end] = b"\x01" * (end - start)
    assert not header or any(text[previous_end:].split()), "a header with no transcript after it"
    for _, start, content_start, end in turns:
        assert previous_end <= start <= content_start <= end <= len(text) and start < end
        in_turn[start:end] = b"\x01" * (end - start)
        previous_end = end
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            assert in_turn[line_start : line_start + len(line.rstrip())].count(0) == 0, f"line {line!r} in no turn"
        line_start += len(line) + 1
    turn_of = {turn_id: (content_start, end) for turn_id, _, content_start, end in turns}
    in_sentence = bytearray(len(text))
    previous_end = 0
    for turn_id, start, end in sentences:
        content_start, turn_end = turn_of[turn_id]
        assert content_start <= start < end <= turn_end and previous_end <= start, "sentence outside its turn"
        assert not text[start].isspace() and not text[end - 1].isspace(), "sentence not trimmed"
        in_sentence[start:end] = b"\x01" * (end - start)
        previous_end = end
    for _, _, content_start, end in turns:
        for offset in range(content_start, end):
            assert in_sentence[offset] or text[offset].isspace(), f"{text[offset]!r} at {offset} in no sentence"
    return text


def checker(project: Project, folder: Path, tally: Tally) -> tuple[Callable, Callable]:
    """Two callables that write a generated file into ``folder`` and check its import."""
    counter = iter(range(10**9))

    def check_text(case: tuple[bytes, str | None]) -> None:
        data, expected = case
        path = folder / f"case{next(counter)}.txt"
        path.write_bytes(data)
        check_import(project, path, tally, expected_text=expected)

    def check_docx(case: tuple[bytes, list[str]]) -> None:
        data, said = case
        path = folder / f"case{next(counter)}.docx"
        path.write_bytes(data)
        check_import(project, path, tally, said=said)

    return check_text, check_docx
