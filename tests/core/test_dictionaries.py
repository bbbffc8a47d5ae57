"""Dictionaries (coding.autocode.dictionaries, patterns, dictionary_text): each pattern kind in English and
Chinese, exclusions, proximity, the text format and its errors, undoable edits with audit events, hits,
autocode passages at each scope, and counts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.autocode import dictionaries as d
from coding.autocode.dictionary_text import DictionaryFormatError, read_text, write_text
from coding.autocode.patterns import CategoryPatterns, Matcher, PatternError, Tokens, parse_pattern
from coding.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from coding.project import Project
from models import AuditEvent, Code, Document, Sentence, SpeakerTurn
from models.entities import Dictionary, DictionaryCategory, DictionaryEntry
from tests.core.dictionary_world import DICTIONARY, EN_ONE, EN_TWO, ZH, build_dictionary_world

ACTOR = "tester"


def matches(text: str, language: str, entries: list[str], exclusions: tuple[str, ...] = ()) -> list[str]:
    """What the entries find in ``text``, as the matched strings in text order."""
    matcher = Matcher([CategoryPatterns(1, entries, exclusions)])
    return [text[start:end] for start, end, _, _ in matcher.hits(Tokens.of(text, language), language)]


# -- patterns, English and Chinese ---------------------------------------------------------------------------
@pytest.mark.parametrize(("language", "text", "entry", "found"), [
    ("en", "The Hospital and the hospitals.", "hospital", ["Hospital"]),
    ("en", "Referrals, a referral, one referred case; no reference.", "referr*", ["Referrals", "referral", "referred"]),
    ("en", "Primary care, home care and daycare.", "*care", ["care", "care", "daycare"]),
    ("en", "He walked, she walks, they are walking to walk; a walker.", "@walk",
     ["walked", "walks", "walking", "walk"]),
    ("en", "In primary care. Primary, care is not a phrase here.", '"primary care"', ["primary care"]),
    ("en", "The waiting list grows; the list of waiting patients.", "waiting list", ["waiting list"]),
    ("en", "Primary carers, primary care and primary school.", '"primary car*"', ["Primary carers", "primary care"]),
    ("en", "She walked home; they walk home; we walk there.", '"@walk home"', ["walked home", "walk home"]),
    ("en", "The budget for the new county hospital. Later, talk of money and no budget.",
     "budget NEAR/5 hospital", ["budget for the new county hospital"]),
    ("en", "The hospital needs a budget.", "budget NEAR/5 hospital", ["hospital needs a budget"]),
    ("en", "Budget one two three four five six hospital.", "budget NEAR/5 hospital", []),
    ("en", "We don't know.", "don't", ["don't"]),
    ("zh", "医联体的基层医疗很重要。", "医联体", ["医联体"]),  # jieba cuts it 医 + 联体
    ("zh", "医联 体不是一个词。", "医联体", []),  # a space between the pieces: not the word
    ("zh", "双向转诊已经开始。", '"双向 转诊"', ["双向转诊"]),
    ("zh", "双向转诊已经开始。", "转*", ["转诊"]),
    ("zh", "牵头医院和医院。", "@医院", ["医院", "医院"]),
    ("zh", "由医联体统一管理。", "医联体", ["医联体"]),  # jieba cuts 由医 + 联体: the characters still match
    ("zh", "医联体的经费，由医联体统一管理经费。", "医联体 NEAR/2 经费", ["医联体的经费", "经费，由医联体"]),
    ("zh", "医联体的经费，由医联体统一管理经费。", "医联体 NEAR/3 管理", ["医联体统一管理"]),
])
def test_each_pattern_kind(language: str, text: str, entry: str, found: list[str]) -> None:
    assert matches(text, language, [entry]) == found


def test_an_exclusion_drops_the_hits_inside_it_only() -> None:
    text = "Primary care matters. The care home is apart. Care homes too."
    assert matches(text, "en", ["care"], ('"care home"',)) == ["care", "Care"]
    assert matches(text, "en", ["care"]) == ["care", "care", "Care"]
    assert matches("医联体和医联体办公室", "zh", ["医联体"], ('"医联体 办公室"',)) == ["医联体"]


def test_a_span_two_entries_find_is_one_hit() -> None:
    assert matches("Referrals rise.", "en", ["referr*", "referrals", "@referral"]) == ["Referrals"]


@pytest.mark.parametrize(("entry", "problem"), [
    ('"primary care', "unbalanced quote"),
    ('""', "empty quotes"),
    ("*", "every word"),
    ("@", "a lemma is @"),
    ("@walk*", "a lemma is @"),
    ("budget NEAR/0 hospital", "distance must be"),
    ("NEAR/5 hospital", "a pattern on each side"),
    ("budget NEAR hospital", "NEAR/<words>"),
    ("a NEAR/2 b NEAR/3 c", "only one NEAR/"),
    ("NOT", "NOT needs a pattern"),
])
def test_a_malformed_pattern_says_what_is_wrong(entry: str, problem: str) -> None:
    with pytest.raises(PatternError, match=problem):
        parse_pattern(entry)


# -- the text format ----------------------------------------------------------------------------------------
def test_the_text_format_reads_the_tree_and_writes_it_back() -> None:
    parsed = read_text(DICTIONARY)
    assert parsed.description == "Access and money in the alliance."
    access, money, empty = parsed.categories
    assert (access.name, access.code_path) == ("ACCESS", "Decision rights/Owner functions")
    assert access.entries == ["waiting list", "referr*", '"primary care"', "care", 'NOT "care home"']
    assert [(c.name, c.entries) for c in access.children] == [("MOBILITY", ["@walk"])]
    assert money.entries == ["budget NEAR/5 hospital", "医联体", '"双向 转诊"']
    assert (empty.name, empty.entries, empty.children) == ("EMPTY", [], [])
    assert write_text(parsed) == DICTIONARY
    assert write_text(read_text(write_text(parsed))) == DICTIONARY


@pytest.mark.parametrize(("text", "problem"), [
    ("A\n    referr*\n    \"primary care\n", "line 3: unbalanced quote"),
    ("A\n    care\nA\n", "line 3: category 'A' is already at line 1"),
    ("A\n    B\n        x\n    b\n        y\n", "line 4: category 'b' is already at line 2"),
    ("A\n    care\n    care\n", "line 3: 'care' is already an entry"),
    ("    care\n", "line 1: indented, but there is no category"),
    ("A\n    care\n  cure\n", "line 3: indented 2 spaces"),
    ("A =\n    care\n", "line 1: 'A =' names no code path"),
    ("A\n    NEAR/3 x\n", "line 2: NEAR/3 needs a pattern"),
])
def test_a_bad_text_names_its_line(text: str, problem: str) -> None:
    with pytest.raises(DictionaryFormatError, match=problem):
        read_text(text)


# -- stored dictionaries -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dictionary_world(tmp_path_factory.mktemp("world"))


@pytest.fixture
def project(world_file: Path, tmp_path: Path) -> Iterator[Project]:
    copy = tmp_path / "copy.concord"
    copy.write_bytes(world_file.read_bytes())
    opened = Project.open(copy)
    yield opened
    opened.close()


def run(project: Project, edit: d.DictionaryEdit, step: str = "do") -> None:
    with project.session() as session:
        getattr(edit, step)(session, ACTOR)


def stored_rows(session: Session) -> tuple[int, int, int]:
    return tuple(session.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                 for model in (Dictionary, DictionaryCategory, DictionaryEntry))


def test_import_export_round_trip_undo_and_redo(project: Project) -> None:
    edit = d.import_dictionary_edit(DICTIONARY, "Access")
    run(project, edit)
    with project.session() as session:
        exported = d.export_text(session, "access")
        assert stored_rows(session) == (1, 4, 9)
    assert "ACCESS = Macro framework of the Preker-Harding model/Decision rights/Owner functions" in exported
    assert read_text(exported).categories[0].entries == read_text(DICTIONARY).categories[0].entries
    run(project, d.import_dictionary_edit(exported, "Again"))
    with project.session() as session:
        assert d.export_text(session, "Again") == exported
    run(project, edit, "undo")
    with project.session() as session:
        assert [s.name for s in d.list_dictionaries(session)] == ["Again"]
    run(project, edit, "redo")
    with project.session() as session:
        assert d.export_text(session, "Access") == exported
        actions = list(session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "dictionary")
                                       .order_by(AuditEvent.id)))
    assert actions == ["import", "import", "undo import", "redo import"]


def test_a_bad_file_stores_nothing(project: Project) -> None:
    with pytest.raises(DictionaryFormatError, match="line 4"):
        d.import_dictionary_edit("A\n    care\n    referr*\n    @\n", "Bad")
    with pytest.raises(DictionaryFormatError, match="line 1: .*no code"):
        run(project, d.import_dictionary_edit("A = No such code\n    care\n", "Bad"))
    with project.session() as session:
        assert stored_rows(session) == (0, 0, 0)


def test_edits_of_categories_and_entries_undo_in_turn(project: Project) -> None:
    run(project, d.create_dictionary_edit("Mine"))
    add = d.add_category_edit("Mine", "ACCESS")
    run(project, add)
    access = add.category_uuid
    child = d.add_category_edit("Mine", "WAITING", parent_uuid=access)
    run(project, child)
    entry = d.add_entry_edit("Mine", child.category_uuid, "waiting  list")
    run(project, entry)
    exclusion = d.add_entry_edit("Mine", access, 'NOT   "care home"')
    run(project, exclusion)
    rename = d.edit_category_edit("Mine", access, name="Access")
    run(project, rename)
    with project.session() as session:
        assert d.export_text(session, "Mine") == ('Access\n    NOT "care home"\n    WAITING\n        waiting  list\n')
    run(project, rename, "undo")
    run(project, exclusion, "undo")
    run(project, entry, "undo")
    with project.session() as session:
        assert d.export_text(session, "Mine") == 'ACCESS\n    WAITING:\n'
    run(project, entry, "redo")
    with project.session() as session:
        state = d.read_state(session, d.find_dictionary(session, "Mine").uuid)
    assert state is not None and state.find(child.category_uuid).entries == ("waiting  list",)


def test_a_move_into_its_own_subcategory_is_a_cycle(project: Project) -> None:
    run(project, d.create_dictionary_edit("Tree"))
    top = d.add_category_edit("Tree", "TOP")
    run(project, top)
    below = d.add_category_edit("Tree", "BELOW", parent_uuid=top.category_uuid)
    run(project, below)
    with pytest.raises(ValidationError, match="cycle"):
        run(project, d.edit_category_edit("Tree", top.category_uuid,
                                          parent_uuid=below.category_uuid))
    with pytest.raises(DuplicateError, match="already has a category named 'top'"):
        run(project, d.add_category_edit("Tree", "top"))
    run(project, d.edit_category_edit("Tree", below.category_uuid, parent_uuid=None))
    with project.session() as session:
        assert d.export_text(session, "Tree") == "TOP:\nBELOW:\n"


def test_undo_refuses_when_the_dictionary_changed_since(project: Project) -> None:
    run(project, d.create_dictionary_edit("Shared"))
    first = d.add_category_edit("Shared", "ONE")
    run(project, first)
    run(project, d.add_category_edit("Shared", "TWO"))
    with pytest.raises(ConflictError):
        run(project, first, "undo")
    with project.session() as session:
        assert d.export_text(session, "Shared") == "ONE:\nTWO:\n"


def test_from_codebook_mirrors_the_code_tree(project: Project) -> None:
    run(project, d.create_dictionary_edit("Codes", from_codebook=True))
    with project.session() as session:
        state = d.read_state(session, d.find_dictionary(session, "Codes").uuid)
        from coding.codebook import code_paths

        paths = sorted(code_paths(session).values())
    assert state is not None
    assert sorted(path for path, _ in state.walk()) == paths
    assert all(category.code_uuid for _, category in state.walk())


def test_names_are_checked(project: Project) -> None:
    run(project, d.create_dictionary_edit("Taken"))
    with pytest.raises(DuplicateError):
        run(project, d.create_dictionary_edit("taken"))
    with pytest.raises(NotFoundError, match="no dictionary named 'Nope'.*Taken"):
        run(project, d.rename_dictionary_edit("Nope", "x"))
    with pytest.raises(ValidationError, match="may not hold '='"):
        run(project, d.add_category_edit("Taken", "A = B"))


# -- hits, passages and counts -------------------------------------------------------------------------------
@pytest.fixture
def imported(project: Project) -> Project:
    run(project, d.import_dictionary_edit(DICTIONARY, "Access"))
    return project


def test_find_hits_has_offsets_into_the_text(imported: Project) -> None:
    with imported.session() as session:
        hits = d.find_hits(session, "Access")
        texts = {key: value for key, value in session.execute(select(Document.id, Document.text))}
        names = {key: value for key, value in session.execute(select(Document.name, Document.id))}
        only_zh = d.find_hits(session, "Access", document_ids=[names["Z1"]])
    found = {(hit.category_path, texts[hit.document_id][hit.start:hit.end]) for hit in hits}
    assert ("ACCESS", "waiting list") in found
    assert ("ACCESS/MOBILITY", "walked") in found and ("ACCESS/MOBILITY", "walking") in found
    assert ("MONEY", "budget for the new county hospital") in found
    assert ("MONEY", "医联体") in found and ("MONEY", "双向转诊") in found
    care = [hit for hit in hits if hit.pattern == "care" and hit.document_id == names["E1"]]
    assert [texts[h.document_id][h.start - 8:h.end] for h in care] == ["primary care"]  # not "the care home"
    assert {hit.document_id for hit in only_zh} == {names["Z1"]}
    assert {texts[h.document_id][h.start:h.end] for h in only_zh} == {"医联体", "双向转诊"}


def test_autocode_refuses_unlinked_categories_by_name(imported: Project) -> None:
    with imported.session() as session, pytest.raises(ValidationError, match="ACCESS/MOBILITY"):
        d.autocode_passages(session, "Access", "sentence")


@pytest.mark.parametrize("scope", ["word", "sentence", "turn"])
def test_autocode_passages_at_each_scope(imported: Project, scope: str) -> None:
    with imported.session() as session:
        state = d.read_state(session, d.find_dictionary(session, "Access").uuid)
        assert state is not None
        mobility = next(c for path, c in state.walk() if path == "ACCESS/MOBILITY")
        from coding.codebook import find_code

        code = find_code(session, "Organizational changes")
    run(imported, d.edit_category_edit("Access", mobility.uuid, code_uuid=code.uuid))
    with imported.session() as session:
        passages = d.autocode_passages(session, "Access", scope)
        hits = d.find_hits(session, "Access")
        names = {key: value for key, value in session.execute(select(Document.name, Document.id))}
        sentences = select(Sentence.document_id, Sentence.start, Sentence.end)
        turns = select(SpeakerTurn.document_id, SpeakerTurn.content_start, SpeakerTurn.end)
        units = {"sentence": {tuple(row) for row in session.execute(sentences)},
                 "turn": {tuple(row) for row in session.execute(turns)}}
    spans = [(p.document_id, p.start, p.end, p.code_id) for p in passages]
    assert len(spans) == len(set(spans))  # one passage per unit and code
    if scope == "word":
        assert len(passages) == len({(h.document_id, h.start, h.end, h.category_id) for h in hits})
    else:
        assert {(p.document_id, p.start, p.end) for p in passages} <= units[scope]
        assert len(passages) < len(hits)
    e2 = sorted((p.start, p.end) for p in passages if p.document_id == names["E2"] and p.code_id == code.id)
    assert len(e2) == 1 and EN_TWO[e2[0][0]:e2[0][1]].count("walking") == 1
    assert all(p.reason.startswith("dictionary Access: ") for p in passages)


def test_hit_counts_by_attribute_case_and_document(imported: Project) -> None:
    with imported.session() as session:
        by_mode = d.hit_counts(session, "Access", "attribute:mode")
        by_case = d.hit_counts(session, "Access", "case")
        by_document = d.hit_counts(session, "Access", "document")
        given = d.hit_counts(session, "Access", "case", hits=d.find_hits(session, "Access"))
        with pytest.raises(NotFoundError, match="no attribute named 'colour'"):
            d.hit_counts(session, "Access", "attribute:colour")
        with pytest.raises(ValidationError, match="attribute:NAME"):
            d.hit_counts(session, "Access", "colour")
    assert by_mode.categories == ["ACCESS", "ACCESS/MOBILITY", "MONEY", "EMPTY"]
    assert by_mode.groups == ["County community", "Urban group"]
    assert by_mode.count("ACCESS/MOBILITY", "Urban group") == EN_ONE.count("walk")
    assert by_mode.count("MONEY", "County community") == 1 + ZH.count("医联体") + 1
    assert by_case.total("MONEY") == by_document.total("MONEY") == by_mode.total("MONEY")
    assert by_document.count("EMPTY", "E1") == 0
    assert given.counts == by_case.counts and given.groups == by_case.groups


def test_kwic_lines_show_the_match_in_context(imported: Project) -> None:
    with imported.session() as session:
        lines = d.kwic_lines(session, d.find_hits(session, "Access"), width=12)
    waiting = next(line for line in lines if line.match == "waiting list")
    assert (waiting.document, waiting.category) == ("E1", "ACCESS")
    assert waiting.left == "uickly. The " and waiting.right == " is shorter "


def test_find_hits_reports_progress_and_can_be_cancelled(imported: Project) -> None:
    from coding.errors import CancelledError

    seen: list[tuple[int, int]] = []
    with imported.session() as session:
        d.find_hits(session, "Access", progress=lambda done, total, _what: seen.append((done, total)))
        assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
        with pytest.raises(CancelledError):
            d.find_hits(session, "Access", cancelled=lambda: True)


def test_the_shipped_preker_harding_dictionary_links_every_dimension(project: Project) -> None:
    shipped = Path(__file__).resolve().parents[2] / "resources" / "dictionaries" / "preker_harding_dimensions.txt"
    run(project, d.import_dictionary_edit(d.read_dictionary_file(shipped), "Preker-Harding dimensions"))
    with project.session() as session:
        (summary,) = d.list_dictionaries(session)
        state = d.read_state(session, summary.uuid)
        from coding.codebook import code_paths

        by_id = code_paths(session)
        paths = {uuid: by_id[code_id] for code_id, uuid in session.execute(select(Code.id, Code.uuid))}
    assert state is not None and summary.unlinked == ()
    assert [c.name for c in state.categories] == ["DECISION RIGHTS", "MARKET COMPETITION", "RESIDUAL CLAIMS",
                                                 "ACCOUNTABILITY", "SOCIAL FUNCTIONS"]
    for category in state.categories:  # each linked to its second-level code (two codes are "Social functions")
        assert category.code_uuid is not None
        assert paths[category.code_uuid] == f"Macro framework of the Preker-Harding model/{category.name.capitalize()}"
    assert all(any(ord(ch) > 0x3000 for entry in c.entries for ch in entry) for c in state.categories)  # zh too
