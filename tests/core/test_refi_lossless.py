"""REFI-QDA round trips that drop nothing (issue 18, items 6-10): descriptions, annotations, notes other
programs read, who and when, originals and names, and a codebook that comes back through QualCoder unchanged.

Each fixture is built here in the shape its producer writes (NVivo: upper-case GUIDs, User ids, selections made
by another user than the coding; QualCoder: source memos as descriptions, annotations as notes holding a
selection; qc: sources without names, a one-byte placeholder for an empty text)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from lxml.builder import ElementMaker
from sqlalchemy import select

from coding.importing import ImportOptions, import_paths
from coding.originals import original_data
from coding.project import Project
from coding.refi import export_qdc, export_qdpx, import_qdc, import_qdpx
from coding.refi.export import SOURCE_DESCRIPTION_TITLE
from models import Attribute, Code, Coder, Coding, Document, Memo

P = "urn:QDA-XML:project:1.0"
NS = {"q": P}
Q = ElementMaker(namespace=P, nsmap={None: P})
SCHEMAS = Path(__file__).resolve().parents[2] / "resources" / "refi"
TEXT = "Q: Who decides the budget?\nA: The bureau decides, and the hospitals follow.\n"


def write_qdpx(path: Path, project: etree._Element, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", etree.tostring(project, xml_declaration=True, encoding="utf-8"))
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def export(project_path: Path, out: Path) -> tuple[etree._Element, zipfile.ZipFile]:
    """Export the project and check the XML against the official schema with two validators."""
    with Project.open(project_path) as project, project.session() as session:
        report = export_qdpx(session, out)
    assert report.schema_valid is True
    archive = zipfile.ZipFile(out)
    xml = archive.read("project.qde")
    root = etree.fromstring(xml)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "Project-mrt2019.xsd")))
    assert schema.validate(root), schema.error_log
    xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(xml.decode("utf-8"))
    return root, archive


def codebook(*codes: etree._Element) -> etree._Element:
    return Q.CodeBook(Q.Codes(*codes))


# -- item 6: descriptions and annotations (QualCoder's shapes) -----------------------------------------
QC_USER = "5c94bc9e-db8c-4f1d-9cd6-e900c7440860"
QC_CODE = "c0de0000-0000-4000-8000-000000000001"
QC_SOURCE = "50000000-0000-4000-8000-000000000001"
QC_NOTE = "0f758eeb-d61d-4e91-b250-79861c3869a6"
QC_JOURNAL = "4691a8a0-d67c-4dcc-91d6-e9075dc230cc"
QC_VARIABLE = "7a000000-0000-4000-8000-000000000001"


def qualcoder_file(tmp_path: Path) -> Path:
    start = TEXT.index("The bureau decides")
    project = Q.Project(
        Q.Users(Q.User(guid=QC_USER, name="colin")),
        codebook(Q.Code(guid=QC_CODE, name="Owner functions", isCodable="true", color="#F781F3")),
        Q.Variables(
            Q.Variable(Q.Description("Urban or county alliance"), guid=QC_VARIABLE, name="mode", typeOfVariable="Text")
        ),
        Q.Sources(
            Q.TextSource(
                Q.Description("Interview in the director's office, 40 minutes"),
                Q.PlainTextSelection(
                    Q.Coding(Q.CodeRef(targetGUID=QC_CODE), guid=str(_n(3)), creatingUser=QC_USER),
                    guid=str(_n(2)),
                    startPosition=str(start),
                    endPosition=str(start + 18),
                    creatingUser=QC_USER,
                ),
                Q.NoteRef(targetGUID=QC_NOTE),
                guid=QC_SOURCE,
                name="director_1",
                plainTextPath=f"internal://{QC_SOURCE}.txt",
                creatingUser=QC_USER,
                creationDateTime="2024-05-01T09:00:00Z",
            )
        ),
        Q.Notes(
            Q.Note(
                Q.PlainTextContent("The bureau again: check the other directors"),
                Q.PlainTextSelection(guid=str(_n(9)), startPosition=str(start), endPosition=str(start + 10)),
                guid=QC_NOTE,
                creatingUser=QC_USER,
                creationDateTime="2024-05-02T10:00:00Z",
            ),
            Q.Note(
                Q.Description("Steps towards completing the assignment"),
                guid=QC_JOURNAL,
                name="Progress",
                plainTextPath=f"internal://{QC_JOURNAL}.txt",
                creatingUser=QC_USER,
                creationDateTime="2024-05-03T10:00:00Z",
            ),
        ),
        Q.NoteRef(targetGUID=QC_JOURNAL),
        name="qualcoder study",
        origin="QualCoder 3.6",
    )
    files = {f"Sources/{QC_SOURCE}.txt": TEXT.encode(), f"Sources/{QC_JOURNAL}.txt": b"Coded 3 of 8 interviews."}
    return write_qdpx(tmp_path / "qualcoder.qdpx", project, files)


def _n(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012d}"


def test_source_note_and_variable_descriptions_are_kept_and_written_back(tmp_path: Path) -> None:
    import_qdpx(qualcoder_file(tmp_path), tmp_path / "q.concord")
    with Project.open(tmp_path / "q.concord") as project, project.session() as session:
        memo = session.scalar(select(Memo).where(Memo.title == SOURCE_DESCRIPTION_TITLE))
        assert memo is not None and memo.target_kind == "document"
        assert memo.text == "Interview in the director's office, 40 minutes"
    root, _archive = export(tmp_path / "q.concord", tmp_path / "out.qdpx")
    source = root.find(".//q:TextSource", NS)
    assert source.findtext("q:Description", namespaces=NS) == "Interview in the director's office, 40 minutes"
    variable = root.find(".//q:Variable", NS)
    assert variable.findtext("q:Description", namespaces=NS) == "Urban or county alliance"
    journal = root.find(f".//q:Note[@guid='{QC_JOURNAL}']", NS)
    assert journal.findtext("q:Description", namespaces=NS) == "Steps towards completing the assignment"
    assert journal.findtext("q:PlainTextContent", namespaces=NS) == "Coded 3 of 8 interviews."
    # the description went back where it came from, not also as a note
    notes = [note.findtext("q:PlainTextContent", namespaces=NS) for note in root.iterfind(".//q:Note", NS)]
    assert "Interview in the director's office, 40 minutes" not in notes


def test_qualcoder_annotation_keeps_its_passage(tmp_path: Path) -> None:
    start = TEXT.index("The bureau decides")
    import_qdpx(qualcoder_file(tmp_path), tmp_path / "q.concord")
    with Project.open(tmp_path / "q.concord") as project, project.session() as session:
        memo = session.scalar(select(Memo).where(Memo.uuid == QC_NOTE))
        document = session.scalar(select(Document))
        assert (memo.target_kind, memo.target_uuid) == ("document", document.uuid)
        assert memo.text.startswith("The bureau again: check the other directors")
        assert f"on characters {start}–{start + 10}: “The bureau”" in memo.text
    root, _archive = export(tmp_path / "q.concord", tmp_path / "out.qdpx")
    note = root.find(f".//q:Note[@guid='{QC_NOTE}']", NS)
    assert note.findtext("q:PlainTextContent", namespaces=NS) == "The bureau again: check the other directors"
    passage = note.find("q:PlainTextSelection", NS)
    assert (passage.get("startPosition"), passage.get("endPosition")) == (str(start), str(start + 10))
    assert root.find(f".//q:TextSource/q:NoteRef[@targetGUID='{QC_NOTE}']", NS) is not None
    # and Concord reads its own file back to the same memo
    import_qdpx(tmp_path / "out.qdpx", tmp_path / "again.concord")
    with Project.open(tmp_path / "again.concord") as project, project.session() as session:
        assert session.scalar(select(Memo.text).where(Memo.uuid == QC_NOTE)) == memo.text


# -- item 7: notes other programs read ------------------------------------------------------------------
def test_every_memo_is_a_named_note_with_a_text_file(tmp_path: Path) -> None:
    """QualCoder takes a note as a memo when it has a name and a ``plainTextPath`` file under sources/."""
    path = tmp_path / "m.concord"
    with Project.create(path) as project, project.session() as session:
        from coding.importing import add_document_text

        document = add_document_text(session, name="A", text=TEXT, source_name="a.txt", format="txt")
        coder = Coder(name="Ann")
        session.add(coder)
        session.flush()
        code = session.scalar(select(Code).where(Code.name == "Owner functions"))
        coding = Coding(document_id=document.id, coder_id=coder.id, code_id=code.id, start=3, end=6)
        session.add(coding)
        session.flush()
        texts = {
            "project": ("Plan", "Code every transcript twice."),
            "document": ("", "In the director's office.\nSecond line."),
            "code": ("", "Watch for the bureau."),
            "coding": ("Why", "Clear case of owner power."),
            "journal": ("", "Monday: coded two interviews."),
        }
        targets = {
            "project": None,
            "journal": None,
            "document": document.uuid,
            "code": code.uuid,
            "coding": coding.uuid,
        }
        for kind, (title, text) in texts.items():
            session.add(Memo(target_kind=kind, target_uuid=targets[kind], title=title, text=text))
    root, archive = export(path, tmp_path / "m.qdpx")
    read = {}
    for note in root.iterfind(".//q:Note", NS):
        name, text_path = note.get("name"), note.get("plainTextPath")
        assert name and text_path and text_path.startswith("internal://")
        read[name] = archive.read("sources" + text_path.split("internal:/")[1]).decode("utf-8")
    assert sorted(read.values()) == sorted(text for _title, text in texts.values())
    assert read["In the director's office."] == "In the director's office.\nSecond line."
    # an untitled memo comes back untitled
    import_qdpx(tmp_path / "m.qdpx", tmp_path / "back.concord")
    with Project.open(tmp_path / "back.concord") as project, project.session() as session:
        titles = dict(session.execute(select(Memo.text, Memo.title)).all())
    assert titles["Watch for the bureau."] == "" and titles["Code every transcript twice."] == "Plan"


# -- item 8: who and when (NVivo's shape) ----------------------------------------------------------------
NV_LEAD = "A1B2C3D4-0000-4000-8000-0000000000AA"
NV_CODER = "A1B2C3D4-0000-4000-8000-0000000000BB"
NV_CODE = "C0DE0000-0000-4000-8000-0000000000CC"
NV_PLAIN = "C0DE0000-0000-4000-8000-0000000000DD"
NV_SOURCE = "50000000-0000-4000-8000-0000000000EE"
NV_SELECTION = "5E1EC000-0000-4000-8000-0000000000FF"
NV_CODING = "C0D10000-0000-4000-8000-0000000000AB"
NV_PROJECT = {
    "creatingUserGUID": NV_LEAD,
    "creationDateTime": "2019-03-01T08:30:00+08:00",
    "modifyingUserGUID": NV_CODER,
    "modifiedDateTime": "2020-11-05T17:45:12Z",
}


def nvivo_file(tmp_path: Path) -> Path:
    start = TEXT.index("bureau")
    project = Q.Project(
        Q.Users(Q.User(guid=NV_LEAD, name="Lead", id="LEAD"), Q.User(guid=NV_CODER, name="Coder", id="CW")),
        codebook(
            Q.Code(guid=NV_CODE, name="Owner functions", isCodable="true", color="#FF0000"),
            Q.Code(guid=NV_PLAIN, name="Finance", isCodable="true"),
        ),
        Q.Sources(
            Q.TextSource(
                Q.PlainTextSelection(
                    Q.Coding(
                        Q.CodeRef(targetGUID=NV_CODE),
                        guid=NV_CODING,
                        creatingUser=NV_CODER,
                        creationDateTime="2020-01-02T03:04:05Z",
                    ),
                    guid=NV_SELECTION,
                    name="bureau",
                    startPosition=str(start),
                    endPosition=str(start + 6),
                    creatingUser=NV_LEAD,
                    creationDateTime="2019-12-31T23:00:00Z",
                ),
                guid=NV_SOURCE,
                name="Director 1",
                plainTextPath=f"internal://{NV_SOURCE}.txt",
            )
        ),
        name="nvivo study",
        origin="NVivo 14",
        **NV_PROJECT,
    )
    return write_qdpx(tmp_path / "nvivo.qdpx", project, {f"sources/{NV_SOURCE}.txt": TEXT.encode()})


def test_selection_creators_times_user_ids_guid_case_and_project_dates_kept(tmp_path: Path) -> None:
    import_qdpx(nvivo_file(tmp_path), tmp_path / "n.concord")
    root, archive = export(tmp_path / "n.concord", tmp_path / "out.qdpx")
    assert {key: root.get(key) for key in NV_PROJECT} == NV_PROJECT
    users = {user.get("guid"): user.get("id") for user in root.iterfind(".//q:User", NS)}
    assert users == {NV_LEAD: "LEAD", NV_CODER: "CW"}
    selection = root.find(".//q:PlainTextSelection", NS)
    assert selection.get("guid") == NV_SELECTION
    assert (selection.get("creatingUser"), selection.get("creationDateTime")) == (NV_LEAD, "2019-12-31T23:00:00Z")
    coding = selection.find("q:Coding", NS)
    assert (coding.get("guid"), coding.get("creatingUser")) == (NV_CODING, NV_CODER)
    assert coding.get("creationDateTime") == "2020-01-02T03:04:05Z"
    assert coding.find("q:CodeRef", NS).get("targetGUID") == NV_CODE
    source = root.find(".//q:TextSource", NS)
    assert source.get("guid") == NV_SOURCE and f"sources/{NV_SOURCE}.txt" in archive.namelist()


def test_a_project_changed_in_concord_is_modified_now(tmp_path: Path) -> None:
    import_qdpx(nvivo_file(tmp_path), tmp_path / "n.concord")
    with Project.open(tmp_path / "n.concord") as project, project.session() as session:
        from coding.audit import record

        record(session, "me", "rename", "document", None, None, {"name": "x"})
    root, _archive = export(tmp_path / "n.concord", tmp_path / "out.qdpx")
    assert root.get("creatingUserGUID") == NV_LEAD and root.get("creationDateTime") == NV_PROJECT["creationDateTime"]
    assert root.get("modifyingUserGUID") is None and root.get("modifiedDateTime") != NV_PROJECT["modifiedDateTime"]


def test_codes_without_a_colour_stay_without_one(tmp_path: Path) -> None:
    import_qdpx(nvivo_file(tmp_path), tmp_path / "n.concord")
    root, _archive = export(tmp_path / "n.concord", tmp_path / "out.qdpx")
    colours = {code.get("name"): code.get("color") for code in root.iterfind(".//q:Code", NS)}
    assert colours == {"Owner functions": "#ff0000", "Finance": None}
    with Project.open(tmp_path / "n.concord") as project, project.session() as session:
        export_qdc(session, tmp_path / "codes.qdc")
        session.scalar(select(Code).where(Code.name == "Finance")).colour = "#123456"
    book = etree.parse(str(tmp_path / "codes.qdc"))
    assert [c.get("color") for c in book.iter("{urn:QDA-XML:codebook:1.0}Code")] == ["#ff0000", None]
    root, _archive = export(tmp_path / "n.concord", tmp_path / "recoloured.qdpx")
    assert root.find(".//q:Code[@name='Finance']", NS).get("color") == "#123456"  # a colour given later goes out


# -- item 9: originals, empty sources, names (qc's shape) --------------------------------------------------
def test_docx_original_goes_out_as_rich_text_and_comes_back(
    tmp_path: Path, import_make_docx, import_pipelines: dict[str, object]
) -> None:
    transcript = import_make_docx(tmp_path / "director.docx", [("p", "Q: Who decides?"), ("p", "A: The bureau.")])
    with Project.create(tmp_path / "d.concord", with_codebook=False) as project:
        import_paths(project, [transcript], options=ImportOptions())
    root, archive = export(tmp_path / "d.concord", tmp_path / "d.qdpx")
    source = root.find(".//q:TextSource", NS)
    rich = source.get("richTextPath")
    assert rich == f"internal://{source.get('guid')}.docx"
    assert archive.read(f"sources/{source.get('guid')}.docx") == transcript.read_bytes()
    import_qdpx(tmp_path / "d.qdpx", tmp_path / "back.concord")
    with Project.open(tmp_path / "back.concord") as project, project.session() as session:
        info, data = original_data(session, session.scalar(select(Document)))
    assert data == transcript.read_bytes() and info.filename.endswith(".docx")


def test_qc_sources_take_their_file_names_and_empty_ones_are_kept(tmp_path: Path) -> None:
    project = Q.Project(
        codebook(Q.Code(guid=QC_CODE, name="Owner functions", isCodable="true")),
        Q.Sources(
            Q.TextSource(guid=_n(1), plainTextPath="internal://admin-1.txt"),
            Q.TextSource(guid=_n(2), plainTextPath="internal://board_2017.txt"),
            Q.TextSource(guid=_n(3), plainTextPath="internal://blank.txt"),
        ),
        name="qc study",
        origin="qc 0.1",
    )
    files = {
        "sources/admin-1.txt": TEXT.encode(),
        "sources/board_2017.txt": b"Board minutes.",
        "sources/blank.txt": b" ",
    }
    report = import_qdpx(write_qdpx(tmp_path / "qc.qdpx", project, files), tmp_path / "qc.concord")
    assert report.counts["sources"] == 3 and "empty text sources" not in report.skipped
    with Project.open(tmp_path / "qc.concord") as opened, opened.session() as session:
        names = dict(session.execute(select(Document.name, Document.text)).all())
    assert names == {"admin-1": TEXT.rstrip("\n"), "board_2017": "Board minutes.", "blank": ""}
    root, archive = export(tmp_path / "qc.concord", tmp_path / "out.qdpx")
    blank = root.find(f".//q:TextSource[@guid='{_n(3)}']", NS)
    assert blank.get("name") == "blank" and archive.read(f"sources/{_n(3)}.txt") == b""


# -- item 10: a codebook through QualCoder and back is a fixed point ---------------------------------------
def qualcoder_rewrite(qdc: Path, out: Path) -> Path:
    """The codebook as QualCoder writes it back: its own origin, the descriptions kept as they were."""
    tree = etree.parse(str(qdc))
    root = tree.getroot()
    root.set("origin", "QualCoder 3.6")
    out.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="utf-8", standalone=True))
    return out


@pytest.fixture()
def full_codebook(tmp_path: Path) -> Path:
    path = tmp_path / "c.concord"
    with Project.create(path) as project, project.session() as session:
        code = session.scalar(select(Code).where(Code.name == "Owner functions"))
        code.definition = "Who owns the hospitals and acts as owner."
        code.include_rule = "The owner's rights are named."
        code.exclude_rule = "Mere management."
        code.example = "The bureau appoints the director."
        code.name_zh = "所有者职能"
        code.definition_zh = "谁拥有医院。"
    return path


def test_codebook_through_qualcoder_and_back_is_a_fixed_point(full_codebook: Path, tmp_path: Path) -> None:
    with Project.open(full_codebook) as project:
        with project.session() as session:
            export_qdc(session, tmp_path / "first.qdc")
        for round_trip in range(2):
            rewritten = qualcoder_rewrite(tmp_path / "first.qdc", tmp_path / f"qualcoder{round_trip}.qdc")
            with project.session() as session:
                import_qdc(session, rewritten, actor=project.actor)
            with project.session() as session:
                export_qdc(session, tmp_path / f"again{round_trip}.qdc", overwrite=True)
            assert _codes_text(tmp_path / f"again{round_trip}.qdc") == _codes_text(tmp_path / "first.qdc")
        with project.session() as session:
            code = session.scalar(select(Code).where(Code.name == "Owner functions"))
            assert code.definition == "Who owns the hospitals and acts as owner."
            assert (code.include_rule, code.name_zh) == ("The owner's rights are named.", "所有者职能")
            assert session.scalar(select(Attribute.id)) is None  # nothing but the codebook changed


def _codes_text(path: Path) -> bytes:
    root = etree.parse(str(path)).getroot()
    return etree.tostring(root.find("{urn:QDA-XML:codebook:1.0}Codes"), encoding="utf-8")


def test_annotations_and_kept_selections_survive_the_crlf_utf16_flavour(tmp_path: Path) -> None:
    for name, file in (("q", qualcoder_file(tmp_path)), ("n", nvivo_file(tmp_path))):
        import_qdpx(file, tmp_path / f"{name}.concord")
        with Project.open(tmp_path / f"{name}.concord") as project, project.session() as session:
            before = dict(session.execute(select(Memo.uuid, Memo.text)).all())
            report = export_qdpx(session, tmp_path / f"{name}.qdpx", flavour="crlf-utf16")
        assert report.schema_valid is True
        import_qdpx(tmp_path / f"{name}.qdpx", tmp_path / f"{name}-back.concord")
        with Project.open(tmp_path / f"{name}-back.concord") as project, project.session() as session:
            assert dict(session.execute(select(Memo.uuid, Memo.text)).all()) == before
            assert session.scalar(select(Coding.start)) == TEXT.index("The bureau" if name == "q" else "bureau")
