"""A small coded project shared by the analysis, export and CLI tests, and checks of the world itself.

Five transcripts (four English, one Chinese), four cases with role and alliance mode (one document
has no case), three coders (Lin, Wang and a consensus coder) and hand-placed codings whose expected
counts the tests spell out. The project is built once per session through the public operations
(import, cases, coders, apply_code) and copied for each test that changes it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.project import Project
from models import Document

TEXTS = {
    "D1": (
        "Interviewer: How are decisions made in the alliance?\n"
        "Dr Wang: The board decides on large investments. We decided to buy a scanner last year. "
        "The county still controls the budget.\n"
        "Interviewer: And staff?\n"
        "Dr Wang: Hiring is slow. The bureau decides every appointment.\n"
    ),
    "D2": (
        "Interviewer: Who appoints the president?\n"
        "Official Li: The district government appoints the president. The council approves the budget each year.\n"
    ),
    "D3": (
        "Interviewer: What changed after the reform?\n"
        "Dr Chen: Doctors now rotate to the township clinics. Salaries are decided by the group.\n"
    ),
    "Z1": "访谈者：医联体的决策权在谁手里？\n受访者：在政府手里，我们只能执行。医院的预算由县里定。\n",
    "D5": "Interviewer: Anything else?\nNurse Ma: The hospital decides nothing alone.\n",
}
CASES = {  # case: (document, role, alliance_mode)
    "P1": ("D1", "Doctor", "Luohu"),
    "P2": ("D2", "Official", "Luohu"),
    "P3": ("D3", "Doctor", "Tianchang"),
    "P4": ("Z1", "Official", "Tianchang"),
}
CODES = {
    "OC": "Decision rights/Organizational changes",
    "OF": "Decision rights/Owner functions",
    "IDM": "Market competition/Investment decision-making rights",
    "PM": "Market competition/Personnel management rights",
    "FM": "Residual claims/Financial management rights",
    "GR": "Accountability/Government regulations",
}
CODINGS = [  # (document, coder, code, quote)
    ("D1", "Lin", "IDM", "The board decides on large investments."),
    ("D1", "Lin", "OF", "large investments. We decided"),
    ("D1", "Lin", "FM", "The county still controls the budget."),
    ("D1", "Lin", "GR", "The county still controls the budget."),
    ("D1", "Wang", "IDM", "The board decides on large investments. We decided to buy a scanner last year."),
    ("D1", "Wang", "PM", "The bureau decides every appointment."),
    ("D1", "Consensus", "IDM", "The board decides on large investments."),
    ("D2", "Lin", "OF", "The district government appoints the president."),
    ("D2", "Lin", "OC", "The council approves the budget each year."),
    ("D2", "Wang", "OF", "The district government appoints the president."),
    ("D2", "Consensus", "OF", "The district government appoints the president."),
    ("D3", "Lin", "PM", "Doctors now rotate to the township clinics."),
    ("D3", "Wang", "FM", "Salaries are decided by the group."),
    ("Z1", "Lin", "GR", "在政府手里，我们只能执行。"),
    ("Z1", "Lin", "FM", "医院的预算由县里定。"),
    ("D5", "Lin", "OF", "The hospital decides nothing alone."),
]
GROUP = ("Luohu transcripts", ("D1", "D2"))
ACTOR = "tester"


@dataclass
class World:
    """An open copy of the world project with ids looked up once."""

    project: Project
    path: Path
    documents: dict[str, int]
    codes: dict[str, int]
    coders: dict[str, int]

    def session(self):
        return self.project.session()


def _build(path: Path) -> Path:
    from coding.cases import add_case, attach_document, set_attribute_value
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from models import DocumentGroup, DocumentGroupMember

    project = Project.create(path)
    try:
        with project.session() as session:
            documents = {
                name: add_document_text(session, name=name, text=text, source_name=f"{name}.txt", format="txt",
                                        language="zh" if name.startswith("Z") else "en")
                for name, text in TEXTS.items()
            }
            for case, (document, role, mode) in CASES.items():
                add_case(session, case, actor=ACTOR)
                attach_document(session, case, document, actor=ACTOR)
                set_attribute_value(session, case, "role", role, actor=ACTOR)
                set_attribute_value(session, case, "alliance_mode", mode, actor=ACTOR)
            coders = {name: get_or_create_coder(session, name, actor=ACTOR, is_consensus=name == "Consensus")
                      for name in ("Lin", "Wang", "Consensus")}
            codes = {key: find_code(session, path).id for key, path in CODES.items()}
            for document, coder, code, quote in CODINGS:
                text = TEXTS[document]
                start = text.index(quote)
                apply_code(session, document_id=documents[document].id, coder_id=coders[coder].id,
                           code_id=codes[code], start=start, end=start + len(quote), actor=ACTOR,
                           adjudicator="Lin" if coder == "Consensus" else None)  # a settled world, as seeded
            group = DocumentGroup(name=GROUP[0])
            session.add(group)
            session.flush()
            session.add_all(DocumentGroupMember(group_id=group.id, document_id=documents[d].id) for d in GROUP[1])
    finally:
        project.close()
    return path


_TEMPLATE: dict[str, Path] = {}


def template_path(factory: pytest.TempPathFactory) -> Path:
    """The world built once per test session (spaCy runs once for all its documents)."""
    if "path" not in _TEMPLATE:
        _TEMPLATE["path"] = _build(factory.mktemp("world") / "world.concord")
    return _TEMPLATE["path"]


def open_world(template: Path, folder: Path) -> World:
    """A copy of the world in ``folder``, opened (tests may change it)."""
    path = folder / "world.concord"
    shutil.copyfile(template, path)
    project = Project.open(path)
    project.actor = ACTOR
    from coding.codebook import find_code
    from coding.coders import find_coder

    with project.session() as session:
        documents = dict(session.execute(select(Document.name, Document.id)).all())
        codes = {key: find_code(session, p).id for key, p in CODES.items()}
        codes["DR"] = find_code(session, "Decision rights").id
        codes["MC"] = find_code(session, "Market competition").id
        coders = {name: find_coder(session, name).id for name in ("Lin", "Wang", "Consensus")}
    return World(project, path, documents, codes, coders)


def world_copy(factory: pytest.TempPathFactory, folder: Path) -> Iterator[World]:
    """Body of each test module's ``world`` fixture: ``yield from world_copy(tmp_path_factory, tmp_path)``."""
    opened = open_world(template_path(factory), folder)
    yield opened
    opened.project.close()


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)


def quote_span(document: str, quote: str) -> tuple[int, int]:
    start = TEXTS[document].index(quote)
    return start, start + len(quote)


# -- the world is what the tests assume -------------------------------------------------------------


def test_world_has_turns_sentences_and_languages(world: World) -> None:
    from models import Sentence, SpeakerTurn

    with world.session() as session:
        languages = dict(session.execute(select(Document.name, Document.language)).all())
        turns = session.scalars(select(SpeakerTurn.speaker).where(SpeakerTurn.document_id == world.documents["D1"])).all()
        sentences = session.scalars(select(Sentence.id).where(Sentence.document_id == world.documents["D1"])).all()
    assert languages == {"D1": "en", "D2": "en", "D3": "en", "Z1": "zh", "D5": "en"}
    assert list(turns) == ["Interviewer", "Dr Wang", "Interviewer", "Dr Wang"]
    assert len(sentences) == 7


def test_world_word_positions_match_the_importers_word_count(world: World) -> None:
    """Share of words coded divides by the same words the importer counted."""
    from coding.analysis.words import speaker_labels, word_starts

    with world.session() as session:
        rows = session.execute(select(Document.id, Document.uuid, Document.language, Document.text,
                                      Document.word_count)).all()
        labels = speaker_labels(session)
    for document_id, uuid, language, text, word_count in rows:
        assert word_starts(uuid, text, language, labels.get(document_id, ([], []))).size == word_count
