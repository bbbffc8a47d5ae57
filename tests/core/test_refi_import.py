"""Import of REFI-QDA archives written the way real programs write them, and of codebooks (.qdc)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from lxml.builder import ElementMaker
from sqlalchemy import select

from coding.importing.normalise import normalise_text
from coding.project import Project
from coding.refi import import_qdc, import_qdpx
from coding.refi.codebook_qdc import pack_description
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

P = "urn:QDA-XML:project:1.0"
C = "urn:QDA-XML:codebook:1.0"
Q = ElementMaker(namespace=P, nsmap={None: P})
QC = ElementMaker(namespace=C, nsmap={None: C})

# GUIDs as other programs write them: upper case, in braces, or plain.
U_ANN = "{A1B2C3D4-0000-4000-8000-000000000001}"
U_BEN = "a1b2c3d4-0000-4000-8000-000000000002"
C_ROOT = "{C0DE0000-0000-4000-8000-000000000001}"
C_CHILD = "C0DE0000-0000-4000-8000-000000000002"
C_LEAF = "c0de0000-0000-4000-8000-000000000003"
C_OTHER = "c0de0000-0000-4000-8000-000000000004"
S_ONE = "{50000000-0000-4000-8000-000000000001}"
S_TWO = "50000000-0000-4000-8000-000000000002"
TEXT = "Q: 医联体怎么管理？\nA: The bureau decides 😀 everything.\nQ: 钱呢？\nA: Separate budgets 🏥 still."


def guid(value: str) -> str:
    return value.strip("{}").lower()


def n(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012d}"


def write_qdpx(path: Path, project: etree._Element, files: dict[str, bytes], xml_name: str = "project.qde") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(xml_name, etree.tostring(project, xml_declaration=True, encoding="utf-8"))
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def codebook() -> etree._Element:
    return Q.CodeBook(
        Q.Codes(
            Q.Code(
                Q.Description("Governance as a whole"),
                Q.Code(
                    Q.Code(guid=C_LEAF, name="Owner functions", isCodable="true", color="#abc"),
                    guid=C_CHILD,
                    name="Decision rights",
                    isCodable="true",
                    color="#FF0000",
                ),
                guid=C_ROOT,
                name="Macro framework",
                isCodable="false",
            ),
            Q.Code(guid=C_OTHER, name="Finance", isCodable="true"),
        )
    )


def selection(text: str, word: str, codings: list[tuple[str, str]], units=lambda t, i: i, **attrs) -> etree._Element:
    start = text.index(word)
    element = Q.PlainTextSelection(
        guid=attrs.pop("guid", n(hash((word, len(codings))) % 10**12)),
        startPosition=str(units(text, start)),
        endPosition=str(units(text, start + len(word))),
        **attrs,
    )
    for number, (code, user) in enumerate(codings):
        coding = Q.Coding(Q.CodeRef(targetGUID=code), guid=n(abs(hash((word, number, code))) % 10**12))
        if user:
            coding.set("creatingUser", user)
        element.append(coding)
    return element


def open_project(path: Path) -> Project:
    return Project.open(path)


def codings_of(project: Project) -> list[tuple[str, str, str, str]]:
    with project.session() as session:
        rows = session.execute(
            select(Document.text, Coding.start, Coding.end, Coder.name, Code.name)
            .join(Document, Document.id == Coding.document_id)
            .join(Coder, Coder.id == Coding.coder_id)
            .join(Code, Code.id == Coding.code_id)
        ).all()
    return sorted((text[start:end], coder, code, str(start)) for text, start, end, coder, code in rows)


# -- a standard file with nested codes, categories and several users ----------------------------------
def test_standard_file_with_nested_codes_and_several_users(tmp_path: Path) -> None:
    text_file = "Sources/" + guid(S_ONE).upper() + ".txt"
    source = Q.TextSource(
        selection(TEXT, "The bureau decides 😀", [(C_LEAF, U_ANN), (C_LEAF, U_BEN)], name="The bureau decides"),
        selection(TEXT, "医联体怎么管理", [(C_OTHER, None)], creatingUser=U_BEN),
        guid=S_ONE,
        name="Interview 1",
        plainTextPath=f"internal://{guid(S_ONE).upper()}.txt",
        creatingUser=U_ANN,
    )
    project = Q.Project(
        Q.Users(Q.User(guid=U_ANN, name="Ann"), Q.User(guid=U_BEN, name="Ben")),
        codebook(),
        Q.Sources(source),
        name="MAXQDA study",
        origin="MAXQDA 2022",
    )
    qdpx = write_qdpx(tmp_path / "study.qdpx", project, {text_file: TEXT.encode("utf-8")})
    report = import_qdpx(qdpx, tmp_path / "study")
    assert report.project == tmp_path / "study.concord"
    assert report.schema_valid is True and report.schema_errors == []
    assert report.counts["sources"] == 1 and report.counts["codings"] == 3 and report.counts["users"] == 2
    assert report.skipped_total == 0
    imported = open_project(tmp_path / "study.concord")
    try:
        assert imported.name == "MAXQDA study"
        with imported.session() as session:
            codes = {c.name: c for c in session.scalars(select(Code))}
            coders = {c.name: c.uuid for c in session.scalars(select(Coder))}
            document = session.scalar(select(Document))
        assert codes["Macro framework"].is_codable is False and codes["Macro framework"].parent_id is None
        assert codes["Decision rights"].parent_id == codes["Macro framework"].id
        assert codes["Owner functions"].parent_id == codes["Decision rights"].id
        assert codes["Owner functions"].uuid == guid(C_LEAF)
        assert (codes["Decision rights"].colour, codes["Owner functions"].colour) == ("#ff0000", "#aabbcc")
        assert codes["Macro framework"].definition == "Governance as a whole"
        assert coders == {"Ann": guid(U_ANN), "Ben": guid(U_BEN)}
        assert document.uuid == guid(S_ONE) and document.text == TEXT and document.name == "Interview 1"
        found = [(quote, coder, code) for quote, coder, code, _ in codings_of(imported)]
        assert sorted(found) == sorted(
            [
                ("The bureau decides 😀", "Ann", "Owner functions"),
                ("The bureau decides 😀", "Ben", "Owner functions"),
                ("医联体怎么管理", "Ben", "Finance"),  # no user on the coding: the selection's user
            ]
        )
    finally:
        imported.close()


# -- NVivo: UTF-16 code units over CRLF text with a BOM ------------------------------------------------
def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_nvivo_positions_in_utf16_units_of_crlf_text(tmp_path: Path) -> None:
    crlf = TEXT.replace("\n", "\r\n")
    words = ["The bureau decides 😀", "钱呢", "Separate budgets 🏥 still", "everything"]
    source = Q.TextSource(
        *[selection(crlf, word, [(C_LEAF, U_ANN)], units=utf16) for word in words],
        guid=S_ONE,
        name="NVivo interview",
        plainTextPath="internal://nvivo.txt",
    )
    project = Q.Project(
        Q.Users(Q.User(guid=U_ANN, name="Ann")), codebook(), Q.Sources(source), name="n", origin="NVivo 14 (Windows)"
    )
    qdpx = write_qdpx(tmp_path / "nvivo.qdpx", project, {"sources/nvivo.txt": b"\xef\xbb\xbf" + crlf.encode("utf-8")})
    report = import_qdpx(qdpx, tmp_path / "nvivo.concord")
    assert dict(report.position_units) == {"utf16": 1}
    imported = open_project(tmp_path / "nvivo.concord")
    try:
        with imported.session() as session:
            assert session.scalar(select(Document.text)) == TEXT  # LF, no BOM
        assert sorted(quote for quote, *_ in codings_of(imported)) == sorted(words)
    finally:
        imported.close()


def test_atlas_ti_counts_a_line_break_once_and_names_quotations(tmp_path: Path) -> None:
    crlf = TEXT.replace("\n", "\r\n")

    def atlas(text: str, index: int) -> int:
        return index - text[:index].count("\r\n")

    words = ["Separate budgets", "钱呢", "everything"]
    source = Q.TextSource(
        *[selection(crlf, word, [(C_OTHER, U_ANN)], units=atlas, name=word) for word in words],
        guid=S_ONE,
        name="Atlas doc",
        plainTextPath="internal://atlas.txt",
    )
    project = Q.Project(Q.Users(Q.User(guid=U_ANN)), codebook(), Q.Sources(source), name="a", origin="ATLAS.ti 23")
    qdpx = write_qdpx(tmp_path / "atlas.qdpx", project, {"sources/atlas.txt": crlf.encode("utf-8")})
    report = import_qdpx(qdpx, tmp_path / "atlas.concord")
    assert dict(report.position_units) == {"codepoints-lf": 1}
    assert not [w for w in report.warnings if "positions" in w]
    imported = open_project(tmp_path / "atlas.concord")
    try:
        assert sorted(quote for quote, *_ in codings_of(imported)) == sorted(words)
        with imported.session() as session:
            assert session.scalar(select(Coder.name)) == "User a1b2c3d4"  # a user without a name
    finally:
        imported.close()


def test_wrong_units_are_noticed_on_the_data(tmp_path: Path) -> None:
    """A producer that claims the standard but counts UTF-16 units: selection names give it away."""
    words = ["The bureau decides 😀 everything", "Separate budgets 🏥 still"]
    source = Q.TextSource(
        *[selection(TEXT, word, [(C_OTHER, U_ANN)], units=utf16, name=word) for word in words],
        guid=S_ONE,
        name="x",
        plainTextPath="internal://x.txt",
    )
    project = Q.Project(
        Q.Users(Q.User(guid=U_ANN, name="Ann")), codebook(), Q.Sources(source), name="w", origin="SomeTool 1.0"
    )
    qdpx = write_qdpx(tmp_path / "w.qdpx", project, {"sources/x.txt": TEXT.encode("utf-8")})
    report = import_qdpx(qdpx, tmp_path / "w.concord")
    assert dict(report.position_units) == {"utf16": 1}
    assert any("UTF-16" in warning for warning in report.warnings)
    imported = open_project(tmp_path / "w.concord")
    try:
        assert sorted(quote for quote, *_ in codings_of(imported)) == sorted(words)
    finally:
        imported.close()


# -- cases, variables, notes ---------------------------------------------------------------------------
def test_cases_variables_notes_and_sets(tmp_path: Path) -> None:
    v_mode, v_age, v_date, v_ok, v_odd = (n(900 + i) for i in range(5))
    notes = {
        name: n(800 + i)
        for i, name in enumerate(["project", "code", "source", "coding", "case", "loose", "onsel", "twice"])
    }
    coded = selection(TEXT, "The bureau decides", [(C_LEAF, U_ANN)], guid=n(701))
    coded[0].append(Q.NoteRef(targetGUID=notes["coding"]))
    uncoded = Q.PlainTextSelection(
        Q.Description("Striking phrase"),
        Q.NoteRef(targetGUID=notes["onsel"]),
        guid=n(702),
        name="remark",
        startPosition=str(TEXT.index("Separate")),
        endPosition=str(TEXT.index(" 🏥")),
    )
    empty = Q.PlainTextSelection(guid=n(703), startPosition="0", endPosition="2")
    source = Q.TextSource(
        Q.PlainTextContent(TEXT),
        coded,
        uncoded,
        empty,
        Q.NoteRef(targetGUID=notes["source"]),
        Q.NoteRef(targetGUID=notes["twice"]),
        Q.VariableValue(Q.VariableRef(targetGUID=v_mode), Q.TextValue("x")),
        guid=S_ONE,
        name="Inline text",
    )
    book = codebook()
    book[0][0].insert(1, Q.NoteRef(targetGUID=notes["code"]))
    project = Q.Project(
        Q.Users(Q.User(guid=U_ANN, name="Ann")),
        book,
        Q.Variables(
            Q.Variable(guid=v_mode, name="Alliance mode", typeOfVariable="Text"),
            Q.Variable(guid=v_age, name="Age", typeOfVariable="Integer"),
            Q.Variable(guid=v_date, name="Interviewed", typeOfVariable="Date"),
            Q.Variable(guid=v_ok, name="Consent", typeOfVariable="Boolean"),
            Q.Variable(guid=v_odd, name="Score", typeOfVariable="Float"),
        ),
        Q.Cases(
            Q.Case(
                Q.Description("Hospital director"),
                Q.CodeRef(targetGUID=C_LEAF),
                Q.VariableValue(Q.VariableRef(targetGUID=v_mode), Q.TextValue("Urban group")),
                Q.VariableValue(Q.VariableRef(targetGUID=v_age), Q.IntegerValue("54")),
                Q.VariableValue(Q.VariableRef(targetGUID=v_date), Q.DateValue("2024-05-01")),
                Q.VariableValue(Q.VariableRef(targetGUID=v_ok), Q.BooleanValue("1")),
                Q.VariableValue(Q.VariableRef(targetGUID=v_odd), Q.TextValue("n/a")),
                Q.SourceRef(targetGUID=S_ONE),
                guid=n(600),
                name="Director 1",
            ),
            Q.Case(guid=n(601)),
        ),
        Q.Sources(source),
        Q.Notes(
            *[
                Q.Note(Q.PlainTextContent(f"{name} note"), guid=g, name=name.title(), creatingUser=U_ANN)
                for name, g in notes.items()
            ]
        ),
        Q.Links(
            Q.Link(guid=n(500), name="memo", originGUID=notes["case"], targetGUID=n(600)),
            Q.Link(guid=n(501), originGUID=C_LEAF, targetGUID=C_OTHER),
        ),
        Q.Sets(
            Q.Set(
                Q.Description("Directors"),
                Q.MemberSource(targetGUID=S_ONE),
                Q.MemberNote(targetGUID=notes["loose"]),
                guid=n(400),
                name="Group A",
            ),
            Q.Set(Q.MemberCode(targetGUID=C_LEAF), guid=n(401), name="Code set"),
        ),
        Q.NoteRef(targetGUID=notes["project"]),
        Q.NoteRef(targetGUID=notes["twice"]),
        name="cases",
        origin="QualCoder 3.5",
    )
    qdpx = write_qdpx(tmp_path / "cases.qdpx", project, {})
    report = import_qdpx(qdpx, tmp_path / "cases.concord")
    assert report.counts["cases"] == 2 and report.counts["variables"] == 5 and report.counts["sets"] == 1
    assert report.skipped["case code references"] == 1
    assert report.skipped["source variable values"] == 1
    assert report.skipped["links"] == 1
    assert report.skipped["code set members"] == 1 and report.skipped["sets without documents"] == 1
    assert report.skipped["note set members"] == 1
    assert report.skipped["extra note references"] == 1
    assert report.skipped["empty selections without codings"] == 1
    imported = open_project(tmp_path / "cases.concord")
    try:
        with imported.session() as session:
            case = session.scalar(select(Case).where(Case.name == "Director 1"))
            assert case.description == "Hospital director" and case.uuid == n(600)
            assert session.scalar(select(Case.name).where(Case.uuid == n(601))) == "Case 2"
            attributes = {a.name: a for a in session.scalars(select(Attribute))}
            assert {k: a.value_type for k, a in attributes.items()} == {
                "Alliance mode": "text",
                "Age": "number",
                "Interviewed": "date",
                "Consent": "boolean",
                "Score": "text",
            }
            values = {
                name: value
                for name, value in session.execute(
                    select(Attribute.name, AttributeValue.value).join(
                        AttributeValue, AttributeValue.attribute_id == Attribute.id
                    )
                )
            }
            assert values == {
                "Alliance mode": "Urban group",
                "Age": "54",
                "Interviewed": "2024-05-01",
                "Consent": "true",
                "Score": "n/a",
            }
            document = session.scalar(select(Document))
            assert document.case_id == case.id and document.text == TEXT
            memos = {m.title: m for m in session.scalars(select(Memo))}
            coding = session.scalar(select(Coding))
            code = session.scalar(select(Code).where(Code.uuid == guid(C_ROOT)))
            group = session.scalar(select(DocumentGroup))
            assert group.name == "Group A" and group.description == "Directors"
            assert session.scalar(select(DocumentGroupMember.document_id)) == document.id
        assert (memos["Project"].target_kind, memos["Project"].target_uuid) == ("project", None)
        assert (memos["Code"].target_kind, memos["Code"].target_uuid) == ("code", code.uuid)
        assert (memos["Source"].target_kind, memos["Source"].target_uuid) == ("document", document.uuid)
        assert (memos["Coding"].target_kind, memos["Coding"].target_uuid) == ("coding", coding.uuid)
        assert (memos["Case"].target_kind, memos["Case"].target_uuid) == ("case", case.uuid)
        assert memos["Twice"].target_kind == "document"  # the first reference wins
        assert memos["Loose"].target_kind == "project"
        assert memos["Onsel"].target_kind == "document" and "“Separate budgets”" in memos["Onsel"].text
        assert memos["remark"].text.startswith("Striking phrase") and memos["remark"].target_uuid == document.uuid
        assert memos["Case"].author_id is not None
    finally:
        imported.close()


# -- what Concord cannot hold is counted ---------------------------------------------------------------
def test_media_and_graphs_are_counted_and_transcripts_kept(tmp_path: Path) -> None:
    transcript_text = "Interviewer: hello there.\nDoctor: 你好，我们开始吧。"
    sync_a, sync_b = n(301), n(302)
    project = Q.Project(
        Q.Users(Q.User(guid=U_ANN, name="Ann")),
        codebook(),
        Q.Sources(
            Q.PictureSource(
                Q.PictureSelection(
                    Q.Coding(Q.CodeRef(targetGUID=C_LEAF), guid=n(201)),
                    guid=n(202),
                    firstX="1",
                    firstY="1",
                    secondX="5",
                    secondY="5",
                ),
                guid=n(203),
                name="Photo",
                path="internal://photo.jpg",
            ),
            Q.PDFSource(
                Q.PDFSelection(
                    Q.Coding(Q.CodeRef(targetGUID=C_LEAF), guid=n(204)),
                    guid=n(205),
                    page="1",
                    firstX="1",
                    firstY="1",
                    secondX="2",
                    secondY="2",
                ),
                Q.Representation(Q.PlainTextContent("PDF text about budgets."), guid=n(206), name="Report text"),
                guid=n(207),
                name="Report",
                path="internal://report.pdf",
            ),
            Q.AudioSource(
                Q.Transcript(
                    Q.PlainTextContent(transcript_text),
                    Q.SyncPoint(guid=sync_a, timeStamp="0", position=str(transcript_text.index("你好"))),
                    Q.SyncPoint(guid=sync_b, timeStamp="900", position=str(transcript_text.index("，"))),
                    Q.TranscriptSelection(
                        Q.Coding(Q.CodeRef(targetGUID=C_OTHER), guid=n(208), creatingUser=U_ANN),
                        guid=n(209),
                        fromSyncPoint=sync_a,
                        toSyncPoint=sync_b,
                    ),
                    Q.TranscriptSelection(guid=n(210), fromSyncPoint=n(999)),
                    guid=n(211),
                    name="Recording transcript",
                ),
                Q.AudioSelection(guid=n(212), begin="0", end="10"),
                guid=n(213),
                name="Recording",
                path="internal://rec.mp3",
            ),
            Q.VideoSource(guid=n(214), name="Video", path="internal://v.mp4"),
        ),
        Q.Graphs(Q.Graph(guid=n(215))),
        name="media",
    )
    qdpx = write_qdpx(tmp_path / "media.qdpx", project, {})
    report = import_qdpx(qdpx, tmp_path / "media.concord")
    assert report.skipped["picture sources"] == 1 and report.skipped["picture selections"] == 1
    assert report.skipped["codings on picture sources"] == 1
    assert report.skipped["PDF sources"] == 1 and report.skipped["PDF regions"] == 1
    assert report.skipped["codings on PDF sources"] == 1
    assert report.skipped["audio sources"] == 1 and report.skipped["audio selections"] == 1
    assert report.skipped["video sources"] == 1
    assert report.skipped["transcript selections without text positions"] == 1
    assert report.skipped["graphs"] == 1
    assert report.counts["sources"] == 2 and report.counts["codings"] == 1
    imported = open_project(tmp_path / "media.concord")
    try:
        assert [quote for quote, *_ in codings_of(imported)] == ["你好"]
        with imported.session() as session:
            assert sorted(session.scalars(select(Document.name))) == ["Recording transcript", "Report"]
    finally:
        imported.close()


# -- lenient about form: not schema-valid, odd attributes, other names ----------------------------------
def test_schema_invalid_file_is_imported_and_its_problems_reported(tmp_path: Path) -> None:
    root = etree.fromstring(
        f"""<Project xmlns="{P}" origin="Hand made">
          <Sources><TextSource guid="{S_ONE}" plainTextPath="internal:/x.txt">
            <PlainTextSelection guid="{n(1)}" startPosition="4" endPosition="10">
              <Coding guid="{n(2)}"><CodeRef targetGUID="{C_LEAF}"/></Coding></PlainTextSelection>
            <PlainTextSelection guid="{n(3)}" startPosition="x" endPosition="10">
              <Coding guid="{n(4)}"><CodeRef targetGUID="{C_LEAF}"/></Coding></PlainTextSelection>
          </TextSource></Sources>
          <CodeBook><Codes>
            <Code guid="{C_LEAF}" name="Odd colour" color="rgb(0, 128, 255)"/>
            <Code guid="not-a-guid" name="Bad guid" isCodable="false" color="blue"/>
          </Codes></CodeBook>
        </Project>""".encode()
    )
    qdpx = write_qdpx(
        tmp_path / "odd.qdpx", root, {"Sources/x.txt": b"Hello odd world of text"}, xml_name="Odd Study.qde"
    )
    report = import_qdpx(qdpx, tmp_path / "odd.concord")
    assert report.schema_valid is False and len(report.schema_errors) >= 3
    assert report.skipped["selections without readable positions"] == 1
    assert any("Odd Study.qde" in w for w in report.warnings)
    assert any("'blue'" in w for w in report.warnings)
    imported = open_project(tmp_path / "odd.concord")
    try:
        assert [(quote, coder, code) for quote, coder, code, _ in codings_of(imported)] == [
            ("o odd ", "Unknown coder", "Odd colour")
        ]
        with imported.session() as session:
            codes = {c.name: c for c in session.scalars(select(Code))}
        assert codes["Odd colour"].colour == "#0080ff" and codes["Odd colour"].is_codable is True
        assert codes["Bad guid"].is_codable is False and len(codes["Bad guid"].uuid) == 36
    finally:
        imported.close()


def test_docx_original_stands_in_for_a_missing_plain_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("First paragraph about the bureau.")
    document.add_paragraph("第二段。")
    buffer = io.BytesIO()
    document.save(buffer)
    source = Q.TextSource(guid=S_TWO, name="Word only", richTextPath="internal://word.docx")
    project = Q.Project(codebook(), Q.Sources(source), name="docx")
    qdpx = write_qdpx(tmp_path / "docx.qdpx", project, {"sources/word.docx": buffer.getvalue()})
    report = import_qdpx(qdpx, tmp_path / "docx.concord")
    assert report.counts["sources"] == 1 and any("original" in w for w in report.warnings)
    imported = open_project(tmp_path / "docx.concord")
    try:
        with imported.session() as session:
            stored = session.scalar(select(Document))
        assert "First paragraph about the bureau." in stored.text and "第二段。" in stored.text
        assert stored.format == "docx"
    finally:
        imported.close()


def test_twin_sources_are_merged_with_their_codings_and_empty_ones_kept(tmp_path: Path) -> None:
    """Two sources whose texts differ only in line ends, a trailing space and a NUL are one text: the
    second one's codings (positions in its own CRLF file text), note and case go to the document kept."""
    lf = "Q: Who decides?\nA: The bureau decides budgets."
    crlf = "Q: Who decides?  \r\nA: The bureau\x00 decides budgets.\r\n"
    project = Q.Project(
        codebook(),
        Q.Cases(Q.Case(Q.SourceRef(targetGUID=n(2)), guid=n(30), name="P01")),
        Q.Sources(
            Q.TextSource(
                selection(lf, "bureau", [(C_LEAF, None)]), guid=n(1), name="A", plainTextPath="internal://a.txt"
            ),
            Q.TextSource(
                selection(crlf, "budgets", [(C_OTHER, None)]),
                Q.NoteRef(targetGUID=n(40)),
                guid=n(2),
                name="B",
                plainTextPath="internal://b.txt",
            ),
            Q.TextSource(Q.PlainTextContent("   "), guid=n(3), name="Blank"),
        ),
        Q.Notes(Q.Note(Q.PlainTextContent("About B"), guid=n(40), name="B note")),
        name="dups",
    )
    files = {"sources/a.txt": lf.encode(), "sources/b.txt": crlf.encode()}
    report = import_qdpx(write_qdpx(tmp_path / "d.qdpx", project, files), tmp_path / "d.concord")
    assert report.counts["sources"] == 2 and report.counts["merged sources"] == 1
    assert report.counts["codings"] == 2 and "codings on duplicate sources" not in report.skipped
    assert any("source 'B': same text as source 'A'" in warning for warning in report.warnings)
    # issue 18 item 9: a source without text is kept as an empty document, not skipped
    assert report.counts["empty sources"] == 1 and "empty text sources" not in report.skipped
    imported = open_project(tmp_path / "d.concord")
    try:
        assert [quote for quote, *_rest in codings_of(imported)] == ["budgets", "bureau"]
        with imported.session() as session:
            assert session.scalar(select(Document.text).where(Document.name == "Blank")) == ""
            document = session.scalar(select(Document).where(Document.uuid == n(1)))
            assert document.text == lf and document.uuid == n(1)
            assert session.scalar(select(Case.name).where(Case.id == document.case_id)) == "P01"
            memo = session.scalar(select(Memo))
            assert (memo.target_kind, memo.target_uuid) == ("document", n(1))
    finally:
        imported.close()


def test_control_characters_are_removed_like_a_txt_import_and_positions_follow(tmp_path: Path) -> None:
    raw = "Q: NUL\x00 here?\x07 \ufeff  \r\n\r\n\r\n\r\nA: The bureau decides.\x0c\r\n"
    project = Q.Project(
        codebook(),
        Q.Sources(
            Q.TextSource(
                selection(raw, "bureau", [(C_LEAF, None)]),
                selection(raw, "NUL\x00 here?\x07 \ufeff  ", [(C_OTHER, None)]),
                guid=n(1),
                name="A",
                plainTextPath="internal://a.txt",
            )
        ),
        name="controls",
    )
    qdpx = write_qdpx(tmp_path / "c.qdpx", project, {"sources/a.txt": raw.encode()})
    report = import_qdpx(qdpx, tmp_path / "c.concord")
    assert report.skipped_total == 0, report.skipped
    imported = open_project(tmp_path / "c.concord")
    try:
        with imported.session() as session:
            assert (
                session.scalar(select(Document.text)) == normalise_text(raw) == "Q: NUL here?\n\nA: The bureau decides."
            )
        assert sorted(quote for quote, *_rest in codings_of(imported)) == ["NUL here?", "bureau"]
    finally:
        imported.close()


# -- codebooks (.qdc) into an existing project -----------------------------------------------------------
@pytest.fixture()
def existing(tmp_path: Path) -> Project:
    created = Project.create(tmp_path / "existing.concord")
    yield created
    created.close()


def test_qdc_merges_by_guid_then_by_name(existing: Project, tmp_path: Path) -> None:
    with existing.session() as session:
        owner = session.scalar(select(Code).where(Code.name == "Owner functions"))
        decision = session.scalar(select(Code).where(Code.name == "Decision rights"))
        macro = session.scalar(select(Code).where(Code.parent_id.is_(None)))
        before = len(session.scalars(select(Code.id)).all())
    book = QC.CodeBook(
        QC.Codes(
            QC.Code(
                QC.Code(
                    QC.Code(
                        QC.Description("Who owns the alliance, from MAXQDA"),
                        guid=owner.uuid.upper(),
                        name="Owner role",
                        isCodable="true",
                    ),
                    QC.Code(guid=n(77), name="New indicator", isCodable="true", color="#00FF00"),
                    guid=n(78),
                    name="decision rights",
                    isCodable="true",  # matched by name under its parent
                ),
                guid="{" + macro.uuid + "}",
                name=macro.name,
                isCodable="false",
            )
        ),
        QC.Sets(QC.Set(QC.MemberCode(guid=n(77)), guid=n(79), name="A set")),
        origin="MAXQDA 2022",
    )
    path = tmp_path / "book.qdc"
    path.write_bytes(etree.tostring(book, xml_declaration=True, encoding="utf-8"))
    with existing.session() as session:
        report = import_qdc(session, path, actor="tester")
    assert report.schema_valid is True
    assert report.counts["codes"] == 4 and report.counts["codes added"] == 1
    assert report.skipped["code sets"] == 1
    with existing.session() as session:
        renamed = session.get(Code, owner.id)
        assert renamed.name == "Owner role" and renamed.definition == "Who owns the alliance, from MAXQDA"
        assert session.get(Code, macro.id).is_codable is False
        added = session.scalar(select(Code).where(Code.uuid == n(77)))
        assert added.parent_id == decision.id and added.colour == "#00ff00"
        assert len(session.scalars(select(Code.id)).all()) == before + 1


def test_qdc_from_concord_restores_every_field(existing: Project, tmp_path: Path) -> None:
    fields = {
        "definition": "Def.",
        "include_rule": "In.",
        "exclude_rule": "Out.",
        "example": "Ex.",
        "name_zh": "新",
        "definition_zh": "定义。",
    }
    book = QC.CodeBook(
        QC.Codes(
            QC.Code(
                QC.Description(pack_description(fields)), guid=n(90), name="Fresh", isCodable="true", color="#123456"
            )
        ),
        origin="Concord 0.1.0",
    )
    path = tmp_path / "concord.qdc"
    path.write_bytes(etree.tostring(book, xml_declaration=True, encoding="utf-8"))
    with existing.session() as session:
        import_qdc(session, path, actor="tester")
        code = session.scalar(select(Code).where(Code.uuid == n(90)))
        assert {key: getattr(code, key) for key in fields} == fields


def test_qdc_that_breaks_the_schema_still_merges(existing: Project, tmp_path: Path) -> None:
    path = tmp_path / "loose.qdc"
    path.write_text(
        f'<CodeBook xmlns="{C}"><Codes><Code guid="{n(91)}" name="Loose\nname"/></Codes></CodeBook>', encoding="utf-8"
    )
    with existing.session() as session:
        report = import_qdc(session, path, actor="tester")
        assert report.schema_valid is False and report.schema_errors
        assert session.scalar(select(Code.name).where(Code.uuid == n(91))) == "Loose name"


def test_codebook_of_a_qdpx_can_be_merged(existing: Project, tmp_path: Path) -> None:
    qdpx = write_qdpx(tmp_path / "p.qdpx", Q.Project(codebook(), name="p"), {})
    with existing.session() as session:
        report = import_qdc(session, qdpx, actor="tester")
        assert report.counts["codes"] == 4
        assert session.scalar(select(Code.name).where(Code.uuid == guid(C_OTHER))) == "Finance"
