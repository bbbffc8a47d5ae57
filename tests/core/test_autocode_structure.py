"""Autocode by structure (coding.autocode.structure) on a real project: which passages each rule proposes (turn
contents without labels, whole documents without their metadata block), the preview, applying as one undoable
edit, and one clear refusal for each kind of bad input with nothing written — on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.autocode.apply import AutocodeEdit
from coding.autocode.structure import (
    ANSWERS,
    QUESTIONS,
    StructureRule,
    first_words,
    label_role,
    preview,
    propose,
    speaker_labels,
)
from coding.codebook import find_code
from coding.codebook.operations import update_code
from coding.coders import ConsensusCoderError, find_coder
from coding.errors import NotFoundError, ValidationError
from coding.project import Project
from models import AuditEvent, Coding, Document
from tests.core import autocode_world as world

CODE = "Owner functions"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return world.build_world(tmp_path_factory.mktemp("autocode"))


@pytest.fixture
def project(project_on_engine: Project) -> Iterator[Project]:
    """The template as an SQLite file and as a PostgreSQL database (tests/pg.py): every test runs on both."""
    yield project_on_engine


def _texts(project: Project, rule: StructureRule) -> dict[str, list[str]]:
    """What each proposed passage says, by document name."""
    with project.session() as session:
        passages = propose(session, rule, find_code(session, CODE).id)
        texts = dict(session.execute(select(Document.id, Document.text)).all())
        names = dict(session.execute(select(Document.id, Document.name)).all())
    found: dict[str, list[str]] = {}
    for p in passages:
        found.setdefault(names[p.document_id], []).append(texts[p.document_id][p.start:p.end])
    return found


def _written(project: Project) -> tuple[int, int]:
    with project.session() as session:
        return (session.scalar(select(func.count()).select_from(Coding)) or 0,
                session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


# -- which passages --------------------------------------------------------------------------------------


def test_interviewer_questions_are_the_question_turns_without_their_labels_in_every_language(
        project: Project) -> None:
    assert _texts(project, StructureRule(role=QUESTIONS)) == world.QUESTIONS


def test_answers_are_every_other_labelled_turn_and_an_unlabelled_opening_is_neither(project: Project) -> None:
    found = _texts(project, StructureRule(role=ANSWERS))
    assert found == world.ANSWERS
    assert all("Notes taken" not in text for texts in found.values() for text in texts)


def test_a_speaker_label_matches_ignoring_case_and_a_case_limits_it_to_that_case(project: Project) -> None:
    assert _texts(project, StructureRule(speaker="INTERVIEWER")) == {"A07": world.QUESTIONS["A07"]}
    assert _texts(project, StructureRule(speaker="dr li", cases=("p11",))) == {"C11": world.ANSWERS["C11"]}


def test_the_project_labels_merge_spellings_and_say_their_role(project: Project) -> None:
    with project.session() as session:
        labels = {label.label: (label.turns, label.documents, label.role) for label in speaker_labels(session)}
    assert labels == {"Interviewer": (2, 1, QUESTIONS), "Doctor": (2, 1, ANSWERS), "访谈者": (2, 1, QUESTIONS),
                      "受访者": (2, 1, ANSWERS), "Q": (2, 1, QUESTIONS), "Dr Li": (2, 1, ANSWERS)}


def test_a_case_codes_its_documents_whole_without_the_metadata_block(project: Project) -> None:
    found = _texts(project, StructureRule(cases=("P07",)))
    assert found == {"A07": [world.HEADED_EN[world.HEADED_EN.index("Interviewer:"):].rstrip()]}


@pytest.mark.parametrize(("where", "documents"), [
    (("role=doctor",), ["A07", "C11"]),
    (("role!=Doctor",), ["B03"]),
    (("role=Doctor", "role=Director"), ["A07", "B03", "C11"]),  # one attribute: either value
    (("role=Doctor", "years>5"), ["A07"]),  # two attributes: both; P11 has no years, so is not above 5
    (("years<=4",), ["B03"]),
    (("interviewed>=2021-05-12",), ["A07", "C11"]),
    (("interviewed<2021-05-12",), ["B03"]),
])
def test_attribute_conditions_choose_the_cases_documents(project: Project, where: tuple[str, ...],
                                                          documents: list[str]) -> None:
    assert sorted(_texts(project, StructureRule(where=where))) == documents


@pytest.mark.parametrize(("label", "role"), [
    ("Interviewer", QUESTIONS), ("interviewer 2", QUESTIONS), ("I", QUESTIONS), ("Q", QUESTIONS),
    ("访谈者", QUESTIONS), ("主持人", QUESTIONS), ("R", ANSWERS), ("受访者", ANSWERS), ("Dr Ma", ANSWERS),
    ("Interviewee", ANSWERS), ("", ""),
])
def test_label_roles(label: str, role: str) -> None:
    assert label_role(label) == role


def test_first_words_cut_at_a_word_or_a_chinese_character() -> None:
    assert first_words("short  one\nline") == "short one line"
    cut = first_words("word " * 30)
    assert cut.endswith("…") and len(cut) <= 71 and not cut[:-1].endswith(" ")
    assert first_words("字" * 100) == "字" * 70 + "…"


# -- preview and apply -------------------------------------------------------------------------------------


def test_preview_writes_nothing_and_counts_what_the_coder_already_has(project: Project) -> None:
    before = _written(project)
    with project.session() as session:
        code_id = find_code(session, CODE).id
        lin = find_coder(session, "Lin")
        AutocodeEdit(propose(session, StructureRule(speaker="Q"), code_id), lin.id).do(session, "Lin")
    after_apply = _written(project)
    with project.session() as session:
        shown = preview(session, propose(session, StructureRule(role=QUESTIONS), code_id), find_coder(session, "Lin"))
        for_morgan = preview(session, propose(session, StructureRule(role=QUESTIONS), code_id),
                             find_coder(session, "Morgan"))
    assert after_apply[0] == before[0] + 2
    assert _written(project) == after_apply  # previews wrote nothing
    assert (shown.total, shown.already, shown.new) == (6, 2, 4)
    assert [(d.document, d.passages, d.already) for d in shown.documents] == [("A07", 2, 0), ("B03", 2, 0),
                                                                                ("C11", 2, 2)]
    assert (for_morgan.total, for_morgan.already) == (6, 0)
    row = shown.rows[-1]
    assert (row.document, row.case, row.speaker, row.first_words, row.already) == (
        "C11", "P11", "Q", "And on staff?", True)
    assert row.code.endswith("Decision rights/Owner functions")


def test_apply_is_one_edit_that_undo_removes_and_redo_puts_back_exactly(project: Project) -> None:
    with project.session() as session:
        passages = propose(session, StructureRule(role=ANSWERS), find_code(session, CODE).id)
        edit = AutocodeEdit(passages, find_coder(session, "Morgan").id)
        edit.do(session, "Morgan")
    with project.session() as session:
        made = session.execute(select(Coding.uuid, Coding.document_id, Coding.start, Coding.end, Coding.created_at)
                               .order_by(Coding.id)).all()
    assert [(d, s, e) for _, d, s, e, _ in made] == [(p.document_id, p.start, p.end) for p in passages]
    with project.session() as session:
        edit.undo(session, "Morgan")
    assert _written(project)[0] == 0
    with project.session() as session:
        edit.redo(session, "Morgan")
    with project.session() as session:
        again = session.execute(select(Coding.uuid, Coding.document_id, Coding.start, Coding.end, Coding.created_at)
                                .order_by(Coding.id)).all()
    assert sorted(again) == sorted(made)


# -- bad input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "error", "words"), [
    (StructureRule(speaker="Nurse"), NotFoundError, "no speaker 'Nurse'"),
    (StructureRule(cases=("P99",)), NotFoundError, "no case 'P99'"),
    (StructureRule(where=("rank=1",)), NotFoundError, "no attribute 'rank'"),
    (StructureRule(where=("role=Nurse",)), NotFoundError, "no case has role=Nurse"),
    (StructureRule(where=("role>3",)), ValidationError, "use = or !="),
    (StructureRule(where=("years>many",)), ValidationError, "'many' is not a number"),
    (StructureRule(where=("interviewed<May",)), ValidationError, "yyyy-mm-dd"),
    (StructureRule(where=("role",)), ValidationError, "expected ATTRIBUTE=VALUE"),
    (StructureRule(speaker="Doctor", cases=("P03",)), NotFoundError, "nothing to code"),
    (StructureRule(role="observers"), ValidationError, "role 'observers'"),
    (StructureRule(speaker="Q", role=QUESTIONS), ValidationError, "not both"),
    (StructureRule(), ValidationError, "choose what to code"),
])
def test_bad_rules_are_refused_with_one_message_naming_the_problem(project: Project, rule: StructureRule,
                                                                   error: type[Exception], words: str) -> None:
    before = _written(project)
    with project.session() as session, pytest.raises(error, match=words):
        propose(session, rule, find_code(session, CODE).id)
    assert _written(project) == before


def test_a_category_code_and_the_consensus_coder_are_refused(project: Project) -> None:
    with project.session() as session:
        category = find_code(session, "Decision rights")
        update_code(session, category.id, actor="test", is_codable=False)
        category_id = category.id
    before = _written(project)
    with project.session() as session, pytest.raises(ValidationError, match="is a category"):
        propose(session, StructureRule(role=QUESTIONS), category_id)
    with project.session() as session, pytest.raises(ConsensusCoderError, match="consensus coder"):
        preview(session, propose(session, StructureRule(role=QUESTIONS), find_code(session, CODE).id),
                find_coder(session, "Consensus"))
    assert _written(project) == before


def test_a_role_no_label_reads_as_is_refused_naming_the_labels_there_are(tmp_path: Path) -> None:
    from coding.importing import add_document_text

    with Project.create(tmp_path / "names.concord") as project, project.session() as session:
        add_document_text(session, name="named", text="Li Wei: Who decides?\nZhang Min: The bureau does.\n",
                          source_name="named.txt", format="txt")
        code_id = find_code(session, CODE).id
        with pytest.raises(NotFoundError, match=r"reads as an interviewer's \(speakers: Li Wei, Zhang Min\)"):
            propose(session, StructureRule(role=QUESTIONS), code_id)
        assert len(propose(session, StructureRule(role=ANSWERS), code_id)) == 2
