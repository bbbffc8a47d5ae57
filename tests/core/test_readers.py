"""One typed read model per entity in coding/: the codebook's CodeTree and the list rows of coding/readers.py,
read on the demo project and on small projects, and the same rows for the CLI as for the GUI."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from coding.analysis.filters import SegmentFilter
from coding.analysis.retrieval import retrieve_segments
from coding.cases import add_case, attach_document, ensure_attribute, set_attribute_value
from coding.cli import cli
from coding.codebook import CodeInfo, CodeNode, CodeTree, add_code, codebook_tree, find_code, parse_rows_spec
from coding.coders import get_or_create_coder
from coding.codings import apply_code
from coding.documents import load_document
from coding.errors import NotFoundError, ValidationError
from coding.groups import add_group, add_to_group
from coding.project import Project
from coding.readers import (
    EXCERPT_CHARS,
    DocumentRow,
    coder_names,
    coding_counts,
    document_counts,
    document_rows,
    load_codings,
    person_coder_count,
    segments_of_codes,
)
from models import Case, Code, Coding, Document

ROOT = Path(__file__).resolve().parents[2]
CODE_FIELDS = ("uuid", "parent_id", "position", "name", "name_zh", "definition", "definition_zh", "include_rule",
               "exclude_rule", "example", "colour", "shortcut", "is_codable")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coding.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.concord")


@pytest.fixture
def demo_session(demo: Path) -> Iterator[Session]:
    with Project.open_for_reading(demo) as project, project.session() as session:
        yield session


def cli_json(*args: str | Path) -> object:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# -- the codebook -----------------------------------------------------------------------------------


def test_the_code_tree_is_read_in_one_query(demo_session: Session) -> None:
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *rest: object) -> None:
        statements.append(statement)

    engine = demo_session.get_bind()
    demo_session.connection()  # the session's own connection first: only the tree's queries are counted
    event.listen(engine, "before_cursor_execute", seen)
    try:
        tree = CodeTree.load(demo_session)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(statements) == 1 and statements[0].lstrip().upper().startswith("SELECT")
    assert len(tree.codes) == 14


def test_every_code_carries_every_field_of_the_store(demo_session: Session) -> None:
    tree = CodeTree.load(demo_session)
    stored = {code.id: code for code in demo_session.scalars(select(Code))}
    assert set(tree.codes) == set(stored) and len(stored) == 14
    for code_id, info in tree.codes.items():
        assert isinstance(info, CodeInfo) and type(info) is CodeInfo
        assert {f: getattr(info, f) for f in CODE_FIELDS} == {f: getattr(stored[code_id], f) for f in CODE_FIELDS}
    with pytest.raises(FrozenInstanceError):
        tree.codes[next(iter(tree.codes))].name = "changed"  # type: ignore[misc]


def test_levels_paths_and_order_follow_the_built_in_codebook(demo_session: Session) -> None:
    tree = CodeTree.load(demo_session)
    [root] = tree.roots
    assert tree.codes[root].level == 1 and tree.codes[root].path == tree.codes[root].name
    assert [tree.label(i) for i in tree.at_level(2)] == [
        "Decision rights", "Market competition", "Residual claims", "Accountability", "Social functions",
    ]
    social = [i for i in tree.preorder() if tree.label(i) == "Social functions"]
    assert [tree.codes[i].level for i in social] == [3, 2]  # names are not identities
    for code_id, info in tree.codes.items():
        chain = tree.ancestry(code_id)
        assert info.level == len(chain) and info.path == "/".join(tree.label(i) for i in chain)
        assert tree.ancestor_at_level(code_id, 1) == root
    assert tree.levels() == {i: c.level for i, c in tree.codes.items()}
    assert parse_rows_spec(tree, "leaves") == [i for i in tree.preorder() if tree.codes[i].level == 3]
    decision = tree.at_level(2)[0]
    assert tree.roll_up([decision]) == {i: decision for i in tree.subtree(decision)}
    assert tree.subtree(decision) == [decision, *tree.children[decision]]


def test_the_node_view_is_the_same_codes_shaped_as_a_tree(demo_session: Session) -> None:
    tree = CodeTree.load(demo_session)
    nodes = codebook_tree(demo_session)

    def walk(found: list[CodeNode] | tuple[CodeNode, ...]) -> Iterator[CodeNode]:
        for node in found:
            yield node
            yield from walk(node.children)

    walked = list(walk(nodes))
    assert [n.id for n in walked] == tree.preorder()
    for node in walked:
        assert isinstance(node, CodeInfo)
        assert CodeInfo(**{k: v for k, v in vars(node).items() if k != "children"}) == tree.codes[node.id]
        assert [child.id for child in node.children] == tree.children.get(node.id, [])


def test_a_new_code_takes_its_place_in_the_tree(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.concord") as project, project.session() as session:
        parent = find_code(session, "Decision rights")
        code = add_code(session, "Board seats", parent_id=parent.id, position=0, actor="t")
        tree = CodeTree.load(session)
    info = tree.codes[code.id]
    assert info.level == 3 and info.path.endswith("Decision rights/Board seats")
    assert tree.children[parent.id][0] == code.id
    assert tree.descendants(parent.id)[0] == code.id


def test_a_cycle_in_a_damaged_file_is_refused_not_walked(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.concord") as project, project.session() as session:
        top = find_code(session, "Decision rights").parent_id
        child = find_code(session, "Decision rights").id
        session.execute(update(Code).where(Code.id == top).values(parent_id=child))
        with pytest.raises(ValidationError, match="cycle"):
            CodeTree.load(session)
        session.rollback()


def test_an_empty_codebook_is_an_empty_tree(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.concord", with_codebook=False) as project, project.session() as session:
        tree = CodeTree.load(session)
        assert tree.codes == {} and tree.roots == [] and tree.nodes() == []
        with pytest.raises(NotFoundError):
            tree.at_level(1)


def test_the_cli_lists_the_codebook_from_the_same_tree(demo: Path, demo_session: Session) -> None:
    result = CliRunner().invoke(cli, ["codebook", str(demo)], catch_exceptions=False)
    tree = CodeTree.load(demo_session)
    expected = []
    for info in tree.infos():
        zh = f"  ({info.name_zh})" if info.name_zh else ""
        expected.append(f"{'  ' * (info.level - 1)}{info.name}{zh}")
    assert result.output.splitlines() == expected


# -- documents, codings, segments, coders -----------------------------------------------------------


def test_the_cli_lists_the_documents_the_gui_lists(demo: Path, demo_session: Session) -> None:
    listed = cli_json("documents", demo, "--json")
    rows = document_rows(demo_session)
    assert isinstance(listed, list) and len(listed) == len(rows) == 8
    assert [{k: v for k, v in r.items() if k != "metadata"} for r in listed] == [row.to_dict() for row in rows]
    stored = {d.id: d for d in demo_session.scalars(select(Document))}
    case_names = dict(demo_session.execute(select(Case.id, Case.name)).all())
    for row in rows:
        document = stored[row.id]
        assert (row.uuid, row.name, row.words, row.turns, row.sentences, row.format) == (
            document.uuid, document.name, document.word_count, document.turn_count, document.sentence_count,
            document.format,
        )
        assert row.case_name == case_names.get(document.case_id) and row.case_name is not None
        assert "alliance_mode" in row.attributes  # the case's attributes, by name


def test_document_rows_count_one_coders_codings_and_everyones(demo_session: Session) -> None:
    coders = {name: i for i, name in coder_names(demo_session).items()}
    assert person_coder_count(demo_session) == len(coders) >= 2
    first = min(coders.values())
    rows = document_rows(demo_session, first)
    plain = demo_session.execute(select(Coding.document_id, Coding.coder_id)).all()
    for row in rows:
        assert row.all_codings == sum(1 for d, _ in plain if d == row.id)
        assert row.my_codings == sum(1 for d, c in plain if d == row.id and c == first)
    mine, everyone = document_counts(demo_session, first)
    assert mine == {r.id: r.my_codings for r in rows if r.my_codings}
    assert everyone == {r.id: r.all_codings for r in rows if r.all_codings}
    assert document_counts(demo_session, None)[0] == {} and all(r.my_codings == 0 for r in document_rows(demo_session))
    per_code = coding_counts(demo_session)
    assert sum(per_code.values()) == len(plain) and sum(coding_counts(demo_session, first).values()) == sum(mine.values())


def test_a_documents_codings_and_text_are_read_as_they_are_stored(demo_session: Session) -> None:
    row = document_rows(demo_session)[0]
    document = load_document(demo_session, row.id)
    assert (document.name, document.word_count, document.case_name) == (row.name, row.words, row.case_name)
    assert len(document.turns) == row.turns and len(document.sentences) == row.sentences
    assert all(a.start <= a.content_start <= a.end for a in document.turns)
    codings = load_codings(demo_session, row.id, None)
    assert len(codings) == row.all_codings
    assert [(c.start, c.end) for c in codings] == sorted((c.start, c.end) for c in codings)
    one = codings[0].coder_id
    assert load_codings(demo_session, row.id, [one]) == [c for c in codings if c.coder_id == one]
    with pytest.raises(NotFoundError):
        load_document(demo_session, 10**6)


def test_the_gui_segment_rows_are_the_cli_segments_of_a_code(demo: Path, demo_session: Session) -> None:
    tree = CodeTree.load(demo_session)
    code_id, _ = max(coding_counts(demo_session).items(), key=lambda item: item[1])
    coder_id = min(coder_names(demo_session))
    rows = segments_of_codes(demo_session, [code_id], [coder_id])
    found = retrieve_segments(demo_session, SegmentFilter(code_ids=(code_id,), coder_ids=(coder_id,)), tree=tree)
    assert len(rows) == len(found) > 0
    by_uuid = {s.uuid: s for s in found}
    for row in rows:
        segment = by_uuid[row.uuid]
        assert (row.document_name, row.start, row.end, row.memo) == (segment.document, segment.start, segment.end,
                                                                     segment.memo)
        assert row.excerpt == segment.text[:EXCERPT_CHARS]
    assert [r.document_name for r in rows] == sorted(r.document_name for r in rows)
    texts = {r.document_id: load_document(demo_session, r.document_id).text for r in rows}
    assert segments_of_codes(demo_session, [code_id], [coder_id], texts) == rows  # known texts: the same rows


# -- small projects ---------------------------------------------------------------------------------


def test_document_rows_show_case_attributes_and_groups(tmp_path: Path) -> None:
    """Moved from tests/app/test_data_readers.py with the reader (app/data.py -> coding/readers.py)."""
    with Project.create(tmp_path / "p.concord", with_codebook=False) as project, project.session() as session:
        for name in ("a.txt", "b.txt"):
            session.add(Document(name=name, source_name=name, format="txt", language="en", text="Hi.", char_count=3,
                                 sha256=hashlib.sha256(name.encode()).hexdigest()))
        session.flush()
        coder = get_or_create_coder(session, "Lin", actor="t")
        add_case(session, "P01", actor="t")
        attach_document(session, "P01", "a.txt", actor="t")
        ensure_attribute(session, "访谈方式", actor="t")
        set_attribute_value(session, "P01", "访谈方式", "面对面", actor="t")
        for group in ("wave", "Pilot", "b-sites"):
            add_group(session, group, actor="t")
            add_to_group(session, group, ["a.txt"], actor="t")
        rows = {row.name: row for row in document_rows(session, coder.id)}
    assert all(isinstance(row, DocumentRow) for row in rows.values())
    assert rows["a.txt"].case_name == "P01" and rows["a.txt"].attributes == {"访谈方式": "面对面"}
    assert rows["a.txt"].groups == ("Pilot", "b-sites", "wave")  # plain name order, as the panel always showed
    assert rows["b.txt"].attributes == {} and rows["b.txt"].groups == ()
    assert rows["a.txt"].to_dict()["case"] == "P01" and rows["b.txt"].to_dict()["case"] is None


def test_a_coding_shows_in_every_reader_at_once(tmp_path: Path) -> None:
    text = "Interviewer: Who decides?\nDr Li: The board decides on equipment."
    with Project.create(tmp_path / "p.concord") as project, project.session() as session:
        session.add(Document(name="a.txt", source_name="a.txt", format="txt", language="en", text=text,
                             char_count=len(text), sha256=hashlib.sha256(b"a").hexdigest()))
        session.flush()
        document_id = session.scalar(select(Document.id))
        assert document_id is not None
        coder = get_or_create_coder(session, "Lin", actor="t")
        owner = find_code(session, "Owner functions")
        start = text.index("The board")
        apply_code(session, document_id=document_id, coder_id=coder.id, code_id=owner.id, start=start,
                   end=len(text), memo="board", actor="Lin")
        [row] = document_rows(session, coder.id)
        [segment] = segments_of_codes(session, [owner.id], None)
        [coding] = load_codings(session, document_id, [coder.id])
        counts = coding_counts(session, coder.id)
        names = coder_names(session)
    assert (row.my_codings, row.all_codings) == (1, 1) and counts == {owner.id: 1}
    assert (segment.excerpt, segment.memo, segment.uuid) == (text[start:], "board", coding.uuid)
    assert names == {coder.id: "Lin"}


def test_the_readers_have_no_second_reader_of_cases_attributes_or_groups() -> None:
    """Moved from tests/app/test_data_readers.py: the list rows take these from coding/'s one reader of each."""
    source = (ROOT / "coding" / "readers.py").read_text(encoding="utf-8")
    assert not re.search(r"\b(Attribute|AttributeValue|DocumentGroup|DocumentGroupMember)\b", source)
    assert not re.search(r"^(def|class) (case_rows|attribute_infos|CaseRow|AttributeInfo)\b", source, re.MULTILINE)
    assert not (ROOT / "app" / "data.py").exists()
    assert not (ROOT / "coding" / "analysis" / "codetree.py").exists()
