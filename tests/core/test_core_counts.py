"""Issue 16, one way to write counts in the Qt-free core: a count in a sentence is one ``%Ln`` plural message
(``translate(ctx, "%Ln document(s)", None, count)``), English from the English catalogue ("1 document",
"1,234 documents"), Chinese from the Chinese one ("1,234 个文档").

The English catalogue is derived from the current sources as ``python -m app.i18n update`` does; the Chinese one is
a small one of this module's own (the shipped one is the lead's to merge), so a count the core still writes by hand
shows up here in English where Chinese was expected.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding import cases, i18n
from coding.agreement.completion import ConsensusState
from coding.analysis.matrix import set_cell_summary
from coding.codebook import delete_refusal, find_code
from coding.documents import DeletionImpact
from coding.edits import AddAttributeEdit, AddCaseEdit
from coding.errors import ConflictError
from coding.export.summary import export_summary_docx
from coding.i18n import CHINESE, ENGLISH, use_language
from coding.project import Project
from models import Coder, Coding, ConsensusDecision, Document

ROOT = Path(__file__).resolve().parents[2]
CHINESE_COUNTS = {  # context -> source -> the one Chinese form
    "removal": {"%Ln document(s)": "%Ln 个文档", "%Ln coding(s)": "%Ln 个编码片段", "%Ln coder(s)": "%Ln 名编码员",
                "%Ln memo(s)": "%Ln 条备忘录", "%Ln consensus decision(s)": "%Ln 项共识决定"},
    "AgreementConsensus": {"%Ln disagreement(s) left": "剩余 %Ln 处分歧",
                           "%Ln agreed passage(s) not accepted": "%Ln 个一致片段未接受", ", ": "，"},
    "errors": {"cannot delete '{path}': %Ln consensus decision(s) refers (refer) to it":
               "无法删除“{path}”：有 %Ln 项共识决定引用了它"},
}


def _message(source: str, translation: str) -> str:
    numerus = ' numerus="yes"' if "%Ln" in source else ""
    text = f"<numerusform>{escape(translation)}</numerusform>" if numerus else escape(translation)
    return f"<message{numerus}><source>{escape(source)}</source><translation>{text}</translation></message>"


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.i18n import update_catalogue  # Qt-side maintenance code; only the catalogue it writes is used

    folder = tmp_path_factory.mktemp("catalogues")
    update_catalogue(ROOT, ENGLISH, target=folder / f"{i18n.CATALOGUE}_{ENGLISH}.ts")
    contexts = "".join(
        f"<context><name>{escape(name)}</name>{''.join(_message(s, t) for s, t in entries.items())}</context>"
        for name, entries in CHINESE_COUNTS.items())
    (folder / f"{i18n.CATALOGUE}_{CHINESE}.ts").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="{CHINESE}">{contexts}</TS>',
        encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project with the default codebook per module; the ``project`` fixture gives each test a copy."""
    path = tmp_path_factory.mktemp("template") / "p.concord"
    Project.create(path).close()
    return path


@pytest.fixture
def english(catalogues: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(catalogues))
    i18n.catalogue.cache_clear()
    with use_language(ENGLISH):
        yield
    i18n.catalogue.cache_clear()


@pytest.fixture
def chinese(english: None) -> Iterator[None]:
    with use_language(CHINESE):
        yield


# -- helpers ----------------------------------------------------------------------------------------------------


def _document(session: Session, name: str) -> Document:
    document = Document(name=name, source_name=f"{name}.txt", format="txt", language="en", text="We met there.",
                        sha256=hashlib.sha256(name.encode()).hexdigest())
    session.add(document)
    session.flush()
    return document


def _decisions(session: Session, code_id: int, count: int) -> None:
    document = session.scalar(select(Document)) or _document(session, "interview-01")
    session.add_all(ConsensusDecision(document_id=document.id, code_id=code_id, start=i, end=i + 1, decision="both")
                    for i in range(count))
    session.flush()


# -- texts built from counts ------------------------------------------------------------------------------------


def test_a_deletion_impact_reads_one_and_many_with_grouped_digits(english: None) -> None:
    impact = DeletionImpact(("P01",), 1234, ("Lin", "Morgan"), 1, 2)
    assert impact.describe() == (
        "1 document with 1,234 codings by 2 coders (Lin, Morgan), 1 memo and 2 consensus decisions")
    assert DeletionImpact(("P01", "P02"), 1, ("Lin",), 0, 0).describe() == (
        "2 documents with 1 coding by 1 coder (Lin)")


def test_a_deletion_impact_counts_in_chinese(chinese: None) -> None:
    text = DeletionImpact(("P01",), 1234, ("Lin", "Morgan"), 1, 2).describe()
    for counted in ("1 个文档", "1,234 个编码片段", "2 名编码员", "1 条备忘录", "2 项共识决定"):
        assert counted in text
    assert "(s)" not in text and "codings" not in text


def test_what_a_consensus_still_lacks_is_counted(english: None) -> None:
    assert ConsensusState(("A", "B"), 1, 0, 1234, 0).summary() == (
        "1 disagreement left, 1,234 agreed passages not accepted")
    assert ConsensusState(("A", "B"), 5, 3, 1, 0).summary() == "2 disagreements left, 1 agreed passage not accepted"
    assert ConsensusState(("A", "B"), 2, 2, 3, 3).summary() == "complete"


def test_what_a_consensus_still_lacks_is_counted_in_chinese(chinese: None) -> None:
    assert ConsensusState(("A", "B"), 1, 0, 1234, 0).summary() == "剩余 1 处分歧，1,234 个一致片段未接受"


@pytest.mark.parametrize(("decisions", "verb"), [(1, "1 consensus decision refers"), (2, "2 consensus decisions refer")])
def test_a_code_with_consensus_decisions_is_refused_in_good_english(
    english: None, project: Project, decisions: int, verb: str,
) -> None:
    with project.session() as session:
        code = find_code(session, "Owner functions")
        _decisions(session, code.id, decisions)
        path = code.name
        refusal = delete_refusal(session, code.id)
    assert refusal is not None and refusal.endswith(f"': {verb} to it") and path in refusal


def test_a_code_with_consensus_decisions_is_refused_in_chinese(chinese: None, project: Project) -> None:
    with project.session() as session:
        code = find_code(session, "Owner functions")
        _decisions(session, code.id, 2)
        refusal = delete_refusal(session, code.id)
    assert refusal is not None and refusal.endswith("”：有 2 项共识决定引用了它")


def test_undoing_a_case_that_gained_documents_and_summaries_names_their_counts(
    english: None, project: Project,
) -> None:
    edit = AddCaseEdit("P02")
    with project.session() as session:
        edit.do(session, "me")
    with project.session() as session:
        case_uuid = cases.find_case(session, "P02").uuid
        for name in ("doc1", "doc2"):
            _document(session, name)
            cases.attach_document(session, "P02", name, actor="them")
        for code in ("Accountability", "Owner functions"):
            set_cell_summary(session, find_code(session, code).uuid, f"case:{case_uuid}", "theirs", actor="them")
    with project.session() as session, pytest.raises(ConflictError) as refused:
        edit.undo(session, "me")
    message = str(refused.value)
    assert message.startswith("case 'P02' has ") and message.endswith(" since it was added: delete it instead")
    assert "2 documents" in message and "2 matrix summaries" in message


def test_undoing_an_attribute_that_gained_values_counts_them(english: None, project: Project) -> None:
    edit = AddAttributeEdit("gender")
    with project.session() as session:
        edit.do(session, "me")
    with project.session() as session:
        for case in ("P01", "P02"):
            cases.add_case(session, case, actor="them")
            cases.set_attribute_value(session, case, "gender", "f", actor="them")
    with project.session() as session, pytest.raises(ConflictError,
                                                     match="attribute 'gender' has 2 values since it was added"):
        edit.undo(session, "me")


def test_the_summary_export_counts_passages_and_documents(english: None, project: Project, tmp_path: Path) -> None:
    with project.session() as session:
        document = _document(session, "interview-01")
        coder = Coder(name="Lin")
        session.add(coder)
        session.flush()
        code_id = find_code(session, "Owner functions").id
        session.add(Coding(document_id=document.id, coder_id=coder.id, code_id=code_id, start=0, end=6))
    with project.session() as session:
        export_summary_docx(session, tmp_path / "summary.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "summary.docx")).paragraphs]
    assert any(text.startswith("1 coded passage from 1 document") for text in paragraphs), paragraphs
