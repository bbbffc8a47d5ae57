"""Export to REFI-QDA: what lands where, both flavours, schema validity, atomic writing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from coding.errors import CancelledError, ValidationError
from coding.importing import add_document_text
from coding.project import Project
from coding.refi import Flavour, export_qdc, export_qdpx
from coding.refi.export import CONSENSUS_USER_ID, selection_guid
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
from models.store import make_engine, sqlite_url

NS = {"q": "urn:QDA-XML:project:1.0"}
SCHEMAS = Path(__file__).resolve().parents[2] / "resources" / "refi"
TEXT_EN = (
    "Q: How is the alliance run?\nA: The bureau decides 😀 most things.\n\nQ: And money?\nA: Still separate budgets."
)
TEXT_ZH = "问：医联体的决策权在哪里？\n答：主要在卫生行政部门 🏥，医院自己很难决定。"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    path = tmp_path_factory.mktemp("refi-export") / "study.concord"
    created = Project.create(path)
    with created.session() as session:
        english = add_document_text(session, name="Interview A", text=TEXT_EN, source_name="a.txt", format="txt")
        chinese = add_document_text(session, name="访谈 B", text=TEXT_ZH, source_name="b.docx", format="docx")
        alice, bob, agreed = Coder(name="Alice"), Coder(name="Bob"), Coder(name="Consensus", is_consensus=True)
        session.add_all([alice, bob, agreed])
        session.flush()
        owner = session.scalar(select(Code).where(Code.name == "Owner functions"))
        decision = session.scalar(select(Code).where(Code.name == "Decision rights"))
        decision.is_codable = False
        decision.colour = "#12ab34"
        bureau = TEXT_EN.index("The bureau decides 😀")
        codings = [
            Coding(
                document_id=english.id,
                coder_id=alice.id,
                code_id=owner.id,
                start=bureau,
                end=bureau + 20,
                memo="bureau & <power>\x0b",
            ),
            Coding(document_id=english.id, coder_id=bob.id, code_id=owner.id, start=bureau + 4, end=bureau + 21),
            Coding(document_id=english.id, coder_id=agreed.id, code_id=owner.id, start=bureau, end=len(TEXT_EN)),
            Coding(document_id=chinese.id, coder_id=alice.id, code_id=decision.id, start=3, end=TEXT_ZH.index("？")),
            Coding(
                document_id=chinese.id,
                coder_id=bob.id,
                code_id=owner.id,
                start=TEXT_ZH.index("卫生"),
                end=TEXT_ZH.index("🏥") + 1,
            ),
        ]
        session.add_all(codings)
        case = Case(name="Director 1", description="Hospital director")
        session.add(case)
        session.flush()
        english.case_id = chinese.case_id = case.id
        attributes = {
            "mode": ("text", "urban group"),
            "age": ("number", "54"),
            "score": ("number", "3.5"),
            "interviewed": ("date", "2024-05-01"),
            "consented": ("boolean", "true"),
        }
        for position, (name, (value_type, value)) in enumerate(attributes.items()):
            attribute = Attribute(name=name, value_type=value_type, position=position)
            session.add(attribute)
            session.flush()
            session.add(AttributeValue(case_id=case.id, attribute_id=attribute.id, value=value))
        group = DocumentGroup(name="Directors", description="All director interviews")
        session.add(group)
        session.flush()
        session.add(DocumentGroupMember(group_id=group.id, document_id=english.id))
        session.flush()
        session.add_all(
            [
                Memo(target_kind="project", title="Plan", text="Code every transcript twice."),
                Memo(
                    target_kind="document", target_uuid=english.uuid, title="Setting", text="In the director's office."
                ),
                Memo(target_kind="code", target_uuid=owner.uuid, title="", text="Watch for the bureau."),
                Memo(
                    target_kind="case",
                    target_uuid=case.uuid,
                    title="About",
                    text="Long-serving director.",
                    author_id=alice.id,
                ),
                Memo(target_kind="coding", target_uuid=codings[0].uuid, title="Why", text="Clear case of owner power."),
            ]
        )
    yield created
    created.close()


def export(project: Project, out: Path, **kwargs) -> tuple[object, etree._Element, zipfile.ZipFile]:
    with project.session() as session:
        report = export_qdpx(session, out, **kwargs)
    archive = zipfile.ZipFile(out)
    root = etree.fromstring(archive.read("project.qde"))
    return report, root, archive


def test_export_is_valid_for_two_independent_validators(project: Project, tmp_path: Path) -> None:
    report, root, archive = export(project, tmp_path / "study.qdpx")
    assert report.schema_valid is True
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "Project-mrt2019.xsd")))
    assert schema.validate(root), schema.error_log
    xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(archive.read("project.qde").decode("utf-8"))
    assert report.counts["sources"] == 2
    assert report.counts["codings"] == 5
    assert report.counts["users"] == 3


def test_users_codes_and_texts(project: Project, tmp_path: Path) -> None:
    _, root, archive = export(project, tmp_path / "study.qdpx")
    with project.session() as session:
        coders = {c.uuid: c for c in session.scalars(select(Coder))}
        codes = {c.uuid: c for c in session.scalars(select(Code))}
        documents = {d.uuid: d for d in session.scalars(select(Document))}
    users = root.findall("q:Users/q:User", NS)
    assert {u.get("guid"): u.get("name") for u in users} == {k: c.name for k, c in coders.items()}
    assert [u.get("id") for u in users if u.get("name") == "Consensus"] == [CONSENSUS_USER_ID]
    written = root.findall(".//q:CodeBook//q:Code", NS)
    assert {c.get("guid") for c in written} == set(codes)
    decision = next(c for c in written if c.get("name") == "Decision rights")
    assert decision.get("isCodable") == "false" and decision.get("color") == "#12ab34"
    assert [child.get("name") for child in decision.findall("q:Code", NS)] == [
        "Organizational changes",
        "Owner functions",
    ]
    description = decision.findtext("q:Description", namespaces=NS)
    assert description.startswith(codes[decision.get("guid")].definition)
    assert "[Name (Chinese)]\n决策权" in description
    for source in root.findall("q:Sources/q:TextSource", NS):
        guid = source.get("guid")
        assert source.get("plainTextPath") == f"internal://{guid}.txt"
        data = archive.read(f"sources/{guid}.txt")
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
        assert data.decode("utf-8") == documents[guid].text


def test_each_coding_is_a_selection_by_its_coder(project: Project, tmp_path: Path) -> None:
    _, root, _ = export(project, tmp_path / "study.qdpx")
    with project.session() as session:
        rows = session.execute(
            select(
                Coding.uuid, Coding.start, Coding.end, Coding.memo, Coder.uuid, Code.uuid, Document.uuid, Document.text
            )
            .join(Coder, Coder.id == Coding.coder_id)
            .join(Code, Code.id == Coding.code_id)
            .join(Document, Document.id == Coding.document_id)
        ).all()
    selections = {s.find("q:Coding", NS).get("guid"): s for s in root.iterfind(".//q:PlainTextSelection", NS)}
    assert len(selections) == len(rows)
    for coding_uuid, start, end, memo, coder_uuid, code_uuid, document_uuid, text in rows:
        selection = selections[coding_uuid]
        assert selection.getparent().get("guid") == document_uuid
        assert selection.get("guid") == selection_guid(coding_uuid)
        assert (int(selection.get("startPosition")), int(selection.get("endPosition"))) == (start, end)
        assert selection.get("creatingUser") == coder_uuid
        coding = selection.find("q:Coding", NS)
        assert coding.get("creatingUser") == coder_uuid
        assert coding.find("q:CodeRef", NS).get("targetGUID") == code_uuid
        assert " ".join(text[start:end].split()).startswith(selection.get("name"))
        if memo:
            assert selection.findtext("q:Description", namespaces=NS) == memo.replace("\x0b", "\ufffd")


def test_crlf_utf16_flavour_counts_utf16_units_of_crlf_text(project: Project, tmp_path: Path) -> None:
    report, root, archive = export(project, tmp_path / "nvivo.qdpx", flavour=Flavour.CRLF_UTF16)
    assert report.schema_valid is True
    assert "crlf-utf16" in root.get("origin")
    for source in root.findall("q:Sources/q:TextSource", NS):
        data = archive.read(f"sources/{source.get('guid')}.txt")
        assert data.startswith(b"\xef\xbb\xbf")
        file_text = data[3:].decode("utf-8")
        assert "\r\n" in file_text and "\n" not in file_text.replace("\r\n", "")
        units = file_text.encode("utf-16-le")
        for selection in source.findall("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            quote = units[2 * start : 2 * end].decode("utf-16-le")
            assert " ".join(quote.split()).startswith(selection.get("name"))


def test_cases_variables_sets_and_notes(project: Project, tmp_path: Path) -> None:
    _, root, _ = export(project, tmp_path / "study.qdpx")
    variables = {v.get("guid"): v for v in root.findall("q:Variables/q:Variable", NS)}
    types = {v.get("name"): v.get("typeOfVariable") for v in variables.values()}
    assert types == {"mode": "Text", "age": "Integer", "score": "Float", "interviewed": "Date", "consented": "Boolean"}
    case = root.find("q:Cases/q:Case", NS)
    assert case.get("name") == "Director 1"
    assert case.findtext("q:Description", namespaces=NS) == "Hospital director"
    values = {}
    for value in case.findall("q:VariableValue", NS):
        variable = variables[value.find("q:VariableRef", NS).get("targetGUID")].get("name")
        element = value[1]
        values[variable] = (etree.QName(element).localname, element.text)
    assert values == {
        "mode": ("TextValue", "urban group"),
        "age": ("IntegerValue", "54"),
        "score": ("FloatValue", "3.5"),
        "interviewed": ("DateValue", "2024-05-01"),
        "consented": ("BooleanValue", "true"),
    }
    assert len(case.findall("q:SourceRef", NS)) == 2
    group = root.find("q:Sets/q:Set", NS)
    assert group.get("name") == "Directors" and len(group.findall("q:MemberSource", NS)) == 1
    notes = {n.get("guid"): n for n in root.findall("q:Notes/q:Note", NS)}
    assert len(notes) == 5
    project_refs = [r.get("targetGUID") for r in root.findall("q:NoteRef", NS)]
    assert [notes[g].get("name") for g in project_refs] == ["Plan"]
    link = root.find("q:Links/q:Link", NS)
    assert notes[link.get("originGUID")].findtext("q:PlainTextContent", namespaces=NS) == "Long-serving director."
    assert link.get("targetGUID") == case.get("guid")
    coding_refs = root.findall(".//q:Coding/q:NoteRef", NS)
    assert [notes[r.get("targetGUID")].get("name") for r in coding_refs] == ["Why"]


def test_codebook_alone_as_qdc(project: Project, tmp_path: Path) -> None:
    with project.session() as session:
        report = export_qdc(session, tmp_path / "codes.qdc")
        code_count = len(session.scalars(select(Code.id)).all())
    assert report.schema_valid is True and report.counts["codes"] == code_count
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "Codebook.xsd")))
    document = etree.parse(str(tmp_path / "codes.qdc"))
    assert schema.validate(document), schema.error_log
    xmlschema.XMLSchema(str(SCHEMAS / "Codebook.xsd")).validate(str(tmp_path / "codes.qdc"))
    assert len(document.getroot().findall(".//{urn:QDA-XML:codebook:1.0}Code")) == code_count


def test_refuses_to_overwrite_and_leaves_no_temporary_files(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    out.write_bytes(b"keep me")
    with project.session() as session, pytest.raises(ValidationError, match="already exists"):
        export_qdpx(session, out)
    assert out.read_bytes() == b"keep me"
    with project.session() as session:
        export_qdpx(session, out, overwrite=True)
    assert zipfile.is_zipfile(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.qdpx"]


def test_cancelled_export_writes_nothing(project: Project, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    with project.session() as session, pytest.raises(CancelledError):
        export_qdpx(
            session,
            tmp_path / "x.qdpx",
            progress=lambda done, total: seen.append((done, total)),
            cancel=lambda: len(seen) >= 1,
        )
    assert seen and list(tmp_path.iterdir()) == []


def test_characters_xml_cannot_hold_are_replaced_not_fatal(project: Project, tmp_path: Path) -> None:
    with project.session() as session:
        memo = Memo(target_kind="project", title="bad\x01title", text="bell\x07")
        session.add(memo)
    try:
        report, root, _ = export(project, tmp_path / "study.qdpx")
        assert report.schema_valid is True
        assert any("U+FFFD" in warning for warning in report.warnings)
        note = next(n for n in root.iterfind("q:Notes/q:Note", NS) if n.get("name") == "bad\ufffdtitle")
        assert note.findtext("q:PlainTextContent", namespaces=NS) == "bell\ufffd"
    finally:
        with project.session() as session:
            session.delete(session.get(Memo, memo.id))


@pytest.fixture()
def small(tmp_path: Path) -> Project:
    created = Project.create(tmp_path / "small.concord")
    with created.session() as session:
        document = add_document_text(session, name="Short", text="Just a few words.", source_name="s.txt", format="txt")
        coder = Coder(name="Ann")
        session.add(coder)
        session.flush()
        code_id = session.scalar(select(Code.id).where(Code.name == "Owner functions"))
        session.add_all(
            [
                Coding(document_id=document.id, coder_id=coder.id, code_id=code_id, start=0, end=4),
                Coding(document_id=document.id, coder_id=coder.id, code_id=code_id, start=5, end=500),  # damaged row
            ]
        )
    yield created
    created.close()


def test_codings_outside_their_text_are_left_out_and_counted(small: Project, tmp_path: Path) -> None:
    report, root, _ = export(small, tmp_path / "s.qdpx")
    assert report.schema_valid is True
    assert report.counts["codings"] == 1 and report.skipped["codings outside their text"] == 1
    assert len(root.findall(".//q:PlainTextSelection", NS)) == 1


def test_large_exports_skip_the_schema_check_unless_asked(
    small: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coding.refi.export as export_module

    monkeypatch.setattr(export_module, "VALIDATE_AUTO_BYTES", 10)
    report, _, _ = export(small, tmp_path / "auto.qdpx")
    assert report.schema_valid is None and any("not re-read against the schema" in w for w in report.warnings)
    forced, _, _ = export(small, tmp_path / "forced.qdpx", validate=True)
    assert forced.schema_valid is True and not [w for w in forced.warnings if "schema" in w]


def test_a_failing_write_leaves_no_file(small: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    out = tmp_path / "out" / "s.qdpx"
    out.parent.mkdir()
    with small.session() as session, pytest.raises(OSError, match="No space"):
        export_qdpx(session, out)
    assert list(out.parent.iterdir()) == []


def test_export_reads_one_snapshot_while_another_connection_adds_codes(small: Project, tmp_path: Path) -> None:
    """Another writer adds a code and codes with it between the export's reads of the codebook and of the
    codings: the export shows the project as it was when it began (it used to fail with KeyError), and
    the next export holds both."""
    writer = make_engine(sqlite_url(small.path))
    added: list[str] = []

    def add_code_meanwhile(_conn, _cursor, statement: str, *_args: object) -> None:
        if added or "codings.document_id =" not in statement:
            return
        with Session(writer) as other, other.begin():  # a second connection, committing on its own
            code = Code(name="Added meanwhile", position=99)
            other.add(code)
            other.flush()
            other.add(
                Coding(
                    document_id=other.scalar(select(Document.id)),
                    coder_id=other.scalar(select(Coder.id)),
                    code_id=code.id,
                    start=0,
                    end=4,
                )
            )
            added.append(code.uuid)

    event.listen(small.store.engine, "before_cursor_execute", add_code_meanwhile)
    try:
        report, root, _ = export(small, tmp_path / "during.qdpx")
    finally:
        event.remove(small.store.engine, "before_cursor_execute", add_code_meanwhile)
        writer.dispose()
    assert added, "the second connection wrote during the export"
    assert report.counts["codings"] == 1 and report.schema_valid is True
    assert added[0] not in {code.get("guid") for code in root.iterfind(".//q:Code", NS)}
    later, root, _ = export(small, tmp_path / "after.qdpx")
    assert later.counts["codings"] == 2
    assert added[0] in {code.get("guid") for code in root.iterfind(".//q:Code", NS)}


def test_journal_entries_are_project_notes_without_a_warning(small: Project, tmp_path: Path) -> None:
    from coding.memos import add_journal_entry

    with small.session() as session:
        add_journal_entry(session, "Day one: coded the short interview.", author_id=None, actor="Ann")
    report, root, _ = export(small, tmp_path / "journal.qdpx")
    notes = {n.get("guid"): n for n in root.findall("q:Notes/q:Note", NS)}
    [ref] = [r.get("targetGUID") for r in root.findall("q:NoteRef", NS)]
    assert notes[ref].findtext("q:PlainTextContent", namespaces=NS) == "Day one: coded the short interview."
    assert not any("no longer exists" in warning for warning in report.warnings)
