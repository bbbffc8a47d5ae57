"""The codebook: the built-in Preker-Harding tree, lookups, edits, merges, JSON exchange.

Refusals are checked the strict way: the error is caught inside a session that then commits, and
every table must be exactly as before.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.changes import NOTHING
from coding.codebook import (
    CodeNode,
    add_code,
    builtin_codebook_data,
    code_levels,
    code_path,
    code_paths,
    codebook_tree,
    delete_code,
    descendant_ids,
    export_codebook,
    export_codebook_file,
    find_code,
    import_codebook,
    import_codebook_file,
    load_builtin_codebook,
    merge_codes,
    move_code,
    rename_code,
    update_code,
)
from coding.errors import ConcordError, DuplicateError, NotFoundError, ValidationError
from coding.project import Project
from models import AuditEvent, Code, Coder, Coding, ConsensusDecision, Document, Memo
from tests.core.refusals import assert_refused, snapshot

ROOT = "Macro framework of the Preker-Harding model"
LEVEL2 = ["Decision rights", "Market competition", "Residual claims", "Accountability", "Social functions"]
LEVEL3 = {
    "Decision rights": ["Organizational changes", "Owner functions"],
    "Market competition": ["Investment decision-making rights", "Personnel management rights"],
    "Residual claims": ["Financial management rights"],
    "Accountability": ["Social functions", "Government regulations"],
    "Social functions": ["Institutional environments"],
}
CJK = re.compile(r"[\u4e00-\u9fff]")
BUILTIN_JSON = Path(__file__).resolve().parents[2] / "resources" / "codebook" / "preker_harding.json"


# -- fixtures and helpers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project made by Project.create per module; each test gets a fresh copy (creating is slow)."""
    path = tmp_path_factory.mktemp("template") / "p.concord"
    Project.create(path).close()
    return path


def cid(session: Session, path: str) -> int:
    return find_code(session, path).id


def audit_actions(project: Project) -> list[tuple[str, str]]:
    with project.session() as session:
        return [tuple(r) for r in session.execute(select(AuditEvent.action, AuditEvent.entity).order_by(AuditEvent.id))]


def sibling_positions(session: Session) -> dict[int | None, list[int]]:
    positions: dict[int | None, list[int]] = {}
    for parent_id, position in session.execute(select(Code.parent_id, Code.position).order_by(Code.position)):
        positions.setdefault(parent_id, []).append(position)
    return positions


def assert_contiguous(session: Session) -> None:
    for parent_id, positions in sibling_positions(session).items():
        assert positions == list(range(len(positions))), f"positions under {parent_id}: {positions}"


def add_document(session: Session, name: str = "interview-01") -> Document:
    document = Document(
        name=name, source_name=f"{name}.txt", format="txt", language="en", text="…",
        sha256=hashlib.sha256(name.encode()).hexdigest(),
    )
    session.add(document)
    session.flush()
    return document


def add_codings(session: Session, code_id: int, count: int, coder_name: str = "Lin") -> list[Coding]:
    document = session.scalar(select(Document)) or add_document(session)
    coder = session.scalar(select(Coder).where(Coder.name == coder_name))
    if coder is None:
        coder = Coder(name=coder_name)
        session.add(coder)
        session.flush()
    codings = [
        Coding(document_id=document.id, coder_id=coder.id, code_id=code_id, start=0, end=1) for _ in range(count)
    ]
    session.add_all(codings)
    session.flush()
    return codings


def tree_shape(nodes: list[CodeNode] | tuple[CodeNode, ...]) -> list[tuple]:
    """The tree as nested (uuid, name, fields …) tuples: what a round trip must preserve."""
    return [
        (n.uuid, n.name, n.name_zh, n.definition, n.definition_zh, n.include_rule, n.exclude_rule, n.example,
         n.colour, n.shortcut, n.is_codable, n.position, tree_shape(n.children))
        for n in nodes
    ]


# -- the built-in codebook ------------------------------------------------------------------------


def test_builtin_codebook_has_the_three_levels_of_table_2(project: Project) -> None:
    with project.session() as session:
        levels = code_levels(session)
        tree = codebook_tree(session)
    assert len(levels) == 14
    assert sorted(levels.values()).count(1) == 1
    assert list(levels.values()).count(2) == 5
    assert list(levels.values()).count(3) == 8
    assert [n.name for n in tree] == [ROOT]
    assert [n.name for n in tree[0].children] == LEVEL2
    for node in tree[0].children:
        assert [c.name for c in node.children] == LEVEL3[node.name]
        assert all(c.level == 3 and not c.children for c in node.children)


def test_the_two_social_functions_are_distinct_codes(project: Project) -> None:
    with project.session() as session:
        paths = code_paths(session)
        levels = code_levels(session)
        social = [i for i, p in paths.items() if p.endswith("/Social functions")]
        assert sorted(paths[i] for i in social) == [
            f"{ROOT}/Accountability/Social functions",
            f"{ROOT}/Social functions",
        ]
        assert sorted(levels[i] for i in social) == [2, 3]
        uuids = set(session.scalars(select(Code.uuid).where(Code.id.in_(social))))
    assert len(uuids) == 2


def test_builtin_codes_are_fully_described_in_english_and_chinese(project: Project) -> None:
    with project.session() as session:
        codes = session.scalars(select(Code)).all()
    for code in codes:
        assert CJK.search(code.name_zh), code.name
        assert CJK.search(code.definition_zh), code.name
        for text in (code.definition, code.include_rule, code.exclude_rule, code.example):
            assert len(text) > 20, code.name
        assert re.fullmatch(r"#[0-9a-f]{6}", code.colour)
        assert code.shortcut == ""
        assert code.is_codable
    assert len({c.colour for c in codes}) == 14


def test_builtin_uuids_are_fixed_by_the_shipped_file(tmp_path: Path, project: Project) -> None:
    shipped = json.loads(BUILTIN_JSON.read_text(encoding="utf-8"))
    assert shipped["format"] == "concord-codebook" and shipped["version"] == 1
    assert builtin_codebook_data() == shipped
    with Project.create(tmp_path / "second.concord") as other, other.session() as session:
        second = {c.uuid: code_path(session, c.id) for c in session.scalars(select(Code))}
    with project.session() as session:
        first = {c.uuid: code_path(session, c.id) for c in session.scalars(select(Code))}
    assert first == second


def test_loading_the_builtin_codebook_again_changes_nothing(project: Project) -> None:
    before = snapshot(project)
    with project.session() as session:
        assert load_builtin_codebook(session, actor="tester") == NOTHING
    assert snapshot(project) == before


def test_creating_a_project_audits_each_builtin_code(project: Project) -> None:
    assert audit_actions(project) == [("import-add", "code")] * 14


# -- reading the tree -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"{ROOT}/Decision rights/Owner functions", f"{ROOT}/Decision rights/Owner functions"),
        ("Decision rights/Owner functions", f"{ROOT}/Decision rights/Owner functions"),
        ("Owner functions", f"{ROOT}/Decision rights/Owner functions"),
        ("owner FUNCTIONS", f"{ROOT}/Decision rights/Owner functions"),
        ("  Accountability / Social functions ", f"{ROOT}/Accountability/Social functions"),
        (f"{ROOT}/Social functions", f"{ROOT}/Social functions"),
        (f"/{ROOT}/Social functions", f"{ROOT}/Social functions"),
        (ROOT, ROOT),
        ("Institutional environments", f"{ROOT}/Social functions/Institutional environments"),
    ],
)
def test_find_code_resolves_paths_suffixes_and_unique_names(project: Project, query: str, expected: str) -> None:
    with project.session() as session:
        assert code_path(session, find_code(session, query).id) == expected


def test_find_code_accepts_a_uuid(project: Project) -> None:
    with project.session() as session:
        code = find_code(session, "Residual claims")
        assert find_code(session, code.uuid).id == code.id


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ("Social functions", rf"ambiguous.*'{ROOT}/Accountability/Social functions'.*'{ROOT}/Social functions'"),
        ("Ownr functions", r"no code 'Ownr functions'.*did you mean 'Owner functions'"),
        ("Market competition/Owner functions", r"no code"),
        ("/Social functions", r"no code"),
        ("   ", r"no code given"),
    ],
)
def test_find_code_refuses_unknown_and_ambiguous_paths(project: Project, query: str, match: str) -> None:
    with project.session() as session, pytest.raises(NotFoundError, match=match):
        find_code(session, query)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (ROOT, 13),
        ("Decision rights", 2),
        ("Residual claims", 1),
        ("Owner functions", 0),
    ],
)
def test_descendant_ids_excludes_the_code_itself(project: Project, path: str, expected: int) -> None:
    with project.session() as session:
        code_id = cid(session, path)
        found = descendant_ids(session, code_id)
        assert len(found) == expected
        assert code_id not in found
        levels = code_levels(session)
        assert all(levels[i] > levels[code_id] for i in found)


def test_codebook_tree_nodes_are_frozen_and_ordered(project: Project) -> None:
    with project.session() as session:
        tree = codebook_tree(session)
    root = tree[0]
    assert [c.position for c in root.children] == [0, 1, 2, 3, 4]
    assert root.children[3].children[0].path == f"{ROOT}/Accountability/Social functions"
    with pytest.raises(AttributeError):
        root.name = "changed"  # type: ignore[misc]


def test_code_path_of_an_unknown_id_is_refused(project: Project) -> None:
    with project.session() as session, pytest.raises(NotFoundError, match="no code with id 9999"):
        code_path(session, 9999)


# -- adding, renaming, updating -------------------------------------------------------------------


def test_add_code_appends_under_its_parent_with_parent_colour_and_audit(project: Project) -> None:
    with project.session() as session:
        parent = find_code(session, "Residual claims")
        code = add_code(
            session, "  Surplus retention  ", parent.id, actor="tester",
            name_zh="结余留用", definition="Keeping savings.", shortcut="Ctrl+1",
        )
        assert code.name == "Surplus retention"
        assert code.position == 1
        assert code.colour == parent.colour
        assert code_path(session, code.id) == f"{ROOT}/Residual claims/Surplus retention"
        assert_contiguous(session)
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.entity, event.actor, event.entity_uuid) == ("add", "code", "tester", code.uuid)
    assert event.before is None and event.after["name"] == "Surplus retention"
    assert event.after["parent_uuid"] == parent.uuid


def test_add_code_at_a_position_shifts_the_siblings(project: Project) -> None:
    with project.session() as session:
        parent_id = cid(session, "Decision rights")
        code = add_code(session, "Autonomy", parent_id, actor="tester", position=0)
        names = [c.name for c in codebook_tree(session)[0].children[0].children]
        assert code.position == 0
        assert_contiguous(session)
    assert names == ["Autonomy", "Organizational changes", "Owner functions"]


def test_add_code_allows_a_name_used_elsewhere_and_a_new_top_level_code(project: Project) -> None:
    with project.session() as session:
        copy = add_code(session, "Owner functions", cid(session, "Market competition"), actor="tester")
        top = add_code(session, "Emerging themes", actor="tester")
        assert copy.id != cid(session, "Decision rights/Owner functions")
        assert top.parent_id is None and top.position == 1
        assert code_levels(session)[top.id] == 1


@pytest.mark.parametrize(
    ("name", "parent", "fields", "error", "match"),
    [
        ("", "Residual claims", {}, ValidationError, "code name is empty"),
        ("   ", "Residual claims", {}, ValidationError, "code name is empty"),
        ("x" * 256, "Residual claims", {}, ValidationError, "longer than 255"),
        ("two\nlines", "Residual claims", {}, ValidationError, "line break"),
        ("financial MANAGEMENT rights", "Residual claims", {}, DuplicateError, "already exists under"),
        ("decision rights", ROOT, {}, DuplicateError, "already exists"),
        (ROOT.upper(), None, {}, DuplicateError, "at the top level"),
        ("New", "Residual claims", {"colour": "red"}, ValidationError, "#rrggbb"),
        ("New", "Residual claims", {"colour": "#12345"}, ValidationError, "#rrggbb"),
        ("New", "Residual claims", {"nickname": "x"}, ValidationError, "unknown code field.*nickname"),
        ("New", "Residual claims", {"is_codable": "yes"}, ValidationError, "true or false"),
        ("New", "Residual claims", {"definition": 3}, ValidationError, "must be text"),
        ("New", "Residual claims", {"position": -1}, ValidationError, "position"),
        ("New", "Residual claims", {"uuid": "not-a-uuid"}, ValidationError, "not a valid uuid"),
        ("New", 9999, {}, NotFoundError, "no code with id 9999"),
    ],
)
def test_add_code_refusals_change_nothing(
    project: Project, name: str, parent: str | int | None, fields: dict, error: type, match: str
) -> None:
    def operation(session: Session) -> None:
        parent_id = cid(session, parent) if isinstance(parent, str) else parent
        add_code(session, name, parent_id, actor="tester", **fields)

    assert_refused(project, operation, error, match)


def test_add_code_refuses_a_taken_shortcut_and_a_taken_uuid(project: Project) -> None:
    with project.session() as session:
        update_code(session, cid(session, "Owner functions"), actor="tester", shortcut="Ctrl+2")
        taken_uuid = find_code(session, "Accountability").uuid
    assert_refused(project, lambda s: add_code(s, "New", actor="t", shortcut="ctrl+2"), DuplicateError,
                   "shortcut 'ctrl\\+2' is already used by .*Owner functions")
    assert_refused(project, lambda s: add_code(s, "New", actor="t", uuid=taken_uuid), DuplicateError, "uuid")


def test_rename_code_and_its_audit(project: Project) -> None:
    with project.session() as session:
        code = rename_code(session, cid(session, "Owner functions"), "Funder functions", actor="tester")
        assert code_path(session, code.id) == f"{ROOT}/Decision rights/Funder functions"
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.before, event.after) == (
        "rename", {"name": "Owner functions"}, {"name": "Funder functions"}
    )


def test_renaming_to_a_different_case_of_the_same_name_is_allowed(project: Project) -> None:
    with project.session() as session:
        code = rename_code(session, cid(session, "Owner functions"), "Owner Functions", actor="tester")
        assert code.name == "Owner Functions"


@pytest.mark.parametrize(
    ("path", "new_name", "error", "match"),
    [
        ("Owner functions", "organizational changes", DuplicateError, "already exists"),
        ("Owner functions", " ", ValidationError, "empty"),
        ("Accountability", "Social functions", DuplicateError, "'Social functions' already exists"),
    ],
)
def test_rename_refusals_change_nothing(project: Project, path: str, new_name: str, error: type, match: str) -> None:
    assert_refused(project, lambda s: rename_code(s, cid(s, path), new_name, actor="t"), error, match)


def test_update_code_sets_known_fields_and_audits_only_changes(project: Project) -> None:
    with project.session() as session:
        unchanged_example = find_code(session, "Owner functions").example
        code = update_code(
            session, cid(session, "Owner functions"), actor="tester",
            colour="#ABCDEF", definition="Changed.", is_codable=False, example=unchanged_example,
        )
        assert (code.colour, code.definition, code.is_codable) == ("#abcdef", "Changed.", False)
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "update"
    assert set(event.after) == {"colour", "definition", "is_codable"}


def test_update_code_without_a_change_writes_no_audit_event(project: Project) -> None:
    before = snapshot(project)
    with project.session() as session:
        code = find_code(session, "Owner functions")
        update_code(session, code.id, actor="tester", definition=code.definition)
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("fields", "error", "match"),
    [
        ({"colour": "#xyzxyz"}, ValidationError, "#rrggbb"),
        ({"parent_id": 1}, ValidationError, "unknown code field.*parent_id"),
        ({"uuid": "x"}, ValidationError, "unknown code field.*uuid"),
        ({"definition": "fine", "colour": "blue"}, ValidationError, "#rrggbb"),
        ({"shortcut": "x" * 33}, ValidationError, "longer than 32"),
        ({"name": "Organizational changes"}, DuplicateError, "already exists"),
    ],
)
def test_update_code_refusals_change_nothing(project: Project, fields: dict, error: type, match: str) -> None:
    assert_refused(project, lambda s: update_code(s, cid(s, "Owner functions"), actor="t", **fields), error, match)


def test_operations_on_an_unknown_code_id_are_refused(project: Project) -> None:
    for operation in (
        lambda s: rename_code(s, 9999, "x", actor="t"),
        lambda s: update_code(s, 9999, actor="t", definition="x"),
        lambda s: move_code(s, 9999, None, actor="t"),
        lambda s: delete_code(s, 9999, actor="t"),
        lambda s: merge_codes(s, 9999, cid(s, "Accountability"), actor="t"),
        lambda s: merge_codes(s, cid(s, "Accountability"), 9999, actor="t"),
    ):
        assert_refused(project, operation, NotFoundError, "no code with id 9999")


# -- moving ---------------------------------------------------------------------------------------


def test_move_code_to_another_parent_keeps_positions_contiguous(project: Project) -> None:
    with project.session() as session:
        code = move_code(
            session, cid(session, "Organizational changes"), cid(session, "Market competition"), 1, actor="tester"
        )
        root = codebook_tree(session)[0]
        assert_contiguous(session)
        assert code_levels(session)[code.id] == 3
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert [c.name for c in root.children[0].children] == ["Owner functions"]
    assert [c.name for c in root.children[1].children] == [
        "Investment decision-making rights", "Organizational changes", "Personnel management rights"
    ]
    assert event.action == "move"
    assert event.before["path"].endswith("Decision rights/Organizational changes")
    assert event.after["path"].endswith("Market competition/Organizational changes")


def test_move_code_within_its_parent_reorders(project: Project) -> None:
    with project.session() as session:
        move_code(session, cid(session, "Social functions/Institutional environments"), None, actor="t")
        move_code(session, cid(session, "Accountability"), cid(session, ROOT), 0, actor="tester")
        root = codebook_tree(session)
        assert_contiguous(session)
    assert [c.name for c in root[0].children] == [
        "Accountability", "Decision rights", "Market competition", "Residual claims", "Social functions"
    ]
    assert [c.name for c in root] == [ROOT, "Institutional environments"]


def test_moving_a_subtree_moves_its_children_along(project: Project) -> None:
    with project.session() as session:
        move_code(session, cid(session, "Decision rights"), None, actor="tester")
        levels = code_levels(session)
        assert levels[cid(session, "Owner functions")] == 2
        assert code_path(session, cid(session, "Owner functions")) == "Decision rights/Owner functions"


@pytest.mark.parametrize(
    ("path", "new_parent", "error", "match"),
    [
        ("Decision rights", "Decision rights", ValidationError, "under itself"),
        (ROOT, "Owner functions", ValidationError, "under itself or one of its own subcodes"),
        ("Accountability/Social functions", ROOT, DuplicateError, "'Social functions' already exists"),
        ("Owner functions", 9999, NotFoundError, "no code with id 9999"),
    ],
)
def test_move_refusals_change_nothing(
    project: Project, path: str, new_parent: str | int, error: type, match: str
) -> None:
    def operation(session: Session) -> None:
        parent_id = cid(session, new_parent) if isinstance(new_parent, str) else new_parent
        move_code(session, cid(session, path), parent_id, actor="t")

    assert_refused(project, operation, error, match)


# -- merging --------------------------------------------------------------------------------------


def test_merge_moves_codings_and_deletes_the_source(project: Project) -> None:
    with project.session() as session:
        source, target = cid(session, "Organizational changes"), cid(session, "Owner functions")
        moved_uuids = {c.uuid for c in add_codings(session, source, 3)}
        add_codings(session, target, 1)
        source_uuid = find_code(session, "Organizational changes").uuid
    with project.session() as session:
        changes = merge_codes(session, source, target, actor="tester")
        assert changes.codes and changes.codings
        assert session.get(Code, source) is None
        on_target = set(session.scalars(select(Coding.uuid).where(Coding.code_id == target)))
        assert moved_uuids < on_target and len(on_target) == 4
        assert_contiguous(session)
        assert find_code(session, "Owner functions").position == 0
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "merge")).one()
    assert event.entity_uuid == source_uuid
    assert event.after["codings_moved"] == 3


def test_merge_moves_children_and_merges_namesakes(project: Project) -> None:
    with project.session() as session:
        social = cid(session, f"{ROOT}/Social functions")
        accountability = cid(session, "Accountability")
        namesake = add_code(session, "Government regulations", social, actor="tester").id
        regulations = cid(session, "Accountability/Government regulations")
        add_codings(session, regulations, 2)
        add_codings(session, accountability, 1)
        session.add(Memo(target_kind="code", target_uuid=find_code(session, "Accountability").uuid, text="note"))
        session.add(ConsensusDecision(
            document_id=session.scalar(select(Document.id)), code_id=regulations, start=0, end=1, decision="both"
        ))
    with project.session() as session:
        merge_codes(session, accountability, social, actor="tester")
        target = find_code(session, f"/{ROOT}/Social functions")
        names = [c.name for c in next(n for n in codebook_tree(session)[0].children if n.id == social).children]
        assert names == ["Institutional environments", "Government regulations", "Social functions"]
        assert session.get(Code, regulations) is None
        assert session.scalar(select(func.count()).select_from(Coding).where(Coding.code_id == namesake)) == 2
        assert session.scalar(select(func.count()).select_from(Coding).where(Coding.code_id == social)) == 1
        assert session.scalar(select(Memo.target_uuid)) == target.uuid
        assert session.scalar(select(ConsensusDecision.code_id)) == namesake
        assert code_path(session, cid(session, "Social functions/Social functions")) == (
            f"{ROOT}/Social functions/Social functions"
        )
        assert len(code_levels(session)) == 14 + 1 - 2
        assert_contiguous(session)
    assert audit_actions(project).count(("merge", "code")) == 2


@pytest.mark.parametrize(
    ("source", "target", "match"),
    [
        ("Owner functions", "Owner functions", "into itself"),
        ("Decision rights", "Owner functions", "into its own subcode"),
        (ROOT, "Institutional environments", "into its own subcode"),
    ],
)
def test_merge_refusals_change_nothing(project: Project, source: str, target: str, match: str) -> None:
    with project.session() as session:
        add_codings(session, cid(session, source), 2)
    assert_refused(project, lambda s: merge_codes(s, cid(s, source), cid(s, target), actor="t"), ValidationError, match)


def test_merge_refuses_to_put_codings_on_a_code_that_is_not_codable(project: Project) -> None:
    with project.session() as session:
        heading = add_code(session, "Heading", actor="t", is_codable=False)
        add_code(session, "Owner functions", heading.id, actor="t", is_codable=False)
        add_codings(session, cid(session, "Decision rights/Owner functions"), 1)
    assert_refused(
        project, lambda s: merge_codes(s, cid(s, "Decision rights"), cid(s, "Heading"), actor="t"), ValidationError,
        "cannot merge '.*Decision rights/Owner functions' into 'Heading/Owner functions': 1 coding",
    )
    with project.session() as session:  # without codings on the way, the same merge is fine
        session.execute(Coding.__table__.delete())
        merge_codes(session, cid(session, "Decision rights"), cid(session, "Heading"), actor="t")
        assert [c.name for c in codebook_tree(session)[1].children] == ["Owner functions", "Organizational changes"]


# -- deleting -------------------------------------------------------------------------------------


def test_delete_a_leaf_code(project: Project) -> None:
    with project.session() as session:
        code = find_code(session, "Organizational changes")
        session.add(Memo(target_kind="code", target_uuid=code.uuid, text="a thought"))
    with project.session() as session:
        changes = delete_code(session, code.id, actor="tester")
        assert changes.codes and changes.memos
        assert session.get(Code, code.id) is None
        assert session.scalar(select(func.count(Memo.id))) == 0
        assert find_code(session, "Owner functions").position == 0
        assert_contiguous(session)
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.entity_uuid, event.after) == ("delete", code.uuid, None)
    assert event.before["memos"][0]["text"] == "a thought"


def test_delete_refusals_change_nothing(project: Project) -> None:
    with project.session() as session:
        add_codings(session, cid(session, "Owner functions"), 2)
    assert_refused(project, lambda s: delete_code(s, cid(s, "Owner functions"), actor="t"), ValidationError,
                   "it has 2 codings;")
    assert_refused(project, lambda s: delete_code(s, cid(s, "Decision rights"), actor="t"), ValidationError,
                   "it has 2 subcodes;")


# -- export and import ----------------------------------------------------------------------------


def test_export_import_round_trip_into_a_fresh_project(project: Project, tmp_path: Path) -> None:
    with project.session() as session:
        add_code(
            session, "Surplus retention", cid(session, "Residual claims"), actor="t", shortcut="F2", colour="#123456"
        )
        rename_code(session, cid(session, "Owner functions"), "Funder functions", actor="t")
        move_code(session, cid(session, "Accountability"), cid(session, ROOT), 0, actor="t")
        exported = export_codebook(session)
        original = tree_shape(codebook_tree(session))
    assert exported["format"] == "concord-codebook" and exported["version"] == 1
    with Project.create(tmp_path / "fresh.concord", with_codebook=False) as fresh:
        with fresh.session() as session:
            assert import_codebook(session, json.loads(json.dumps(exported)), actor="t").codes
        with fresh.session() as session:
            assert tree_shape(codebook_tree(session)) == original
            assert export_codebook(session) == exported


def test_export_file_and_import_file(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "codebook.json"
    with project.session() as session:
        export_codebook_file(session, target)
        original = tree_shape(codebook_tree(session))
    assert "剩余索取权" in target.read_text(encoding="utf-8")  # Chinese kept readable, not \u-escaped
    with Project.create(tmp_path / "fresh.concord", with_codebook=False) as fresh, fresh.session() as session:
        import_codebook_file(session, target, actor="t")
        assert tree_shape(codebook_tree(session)) == original


def test_importing_the_projects_own_export_changes_nothing(project: Project) -> None:
    with project.session() as session:
        exported = export_codebook(session)
    before = snapshot(project)
    with project.session() as session:
        assert import_codebook(session, exported, actor="t") == NOTHING
    assert snapshot(project) == before


def test_import_merges_by_uuid_then_by_path(project: Project) -> None:
    with project.session() as session:
        add_code(session, "Local extra", actor="t")
        decision = find_code(session, "Decision rights")
        data = {
            "format": "concord-codebook",
            "version": 1,
            "codes": [
                {
                    "name": ROOT,  # matched by path (no uuid)
                    "definition": "Updated overall views.",
                    "children": [
                        {"uuid": decision.uuid, "name": "Decision powers", "children": [
                            {"name": "Owner functions", "example": "New example."},  # by path under a renamed parent
                            {"name": "Procurement", "colour": "#00ff00"},  # new
                        ]},
                        {"name": "Digital health", "uuid": "0f0e0d0c-0b0a-4908-8706-050403020100",
                         "children": [{"name": "Telemedicine"}]},
                    ],
                }
            ],
        }
        changes = import_codebook(session, data, actor="tester")
        assert changes.codes
    with project.session() as session:
        assert find_code(session, ROOT).definition == "Updated overall views."
        assert find_code(session, decision.uuid).name == "Decision powers"
        owner = find_code(session, "Decision powers/Owner functions")
        assert owner.example == "New example."
        assert owner.definition.startswith("How the owner")  # fields absent from the file are kept
        assert find_code(session, "Decision powers/Procurement").colour == "#00ff00"
        assert code_path(session, cid(session, "Telemedicine")) == f"{ROOT}/Digital health/Telemedicine"
        assert find_code(session, "Digital health").uuid == "0f0e0d0c-0b0a-4908-8706-050403020100"
        root = codebook_tree(session)
        assert [n.name for n in root] == [ROOT, "Local extra"]
        # file order first, then the project's other codes
        assert [c.name for c in root[0].children] == [
            "Decision powers", "Digital health", "Market competition", "Residual claims", "Accountability",
            "Social functions",
        ]
        assert [c.name for c in root[0].children[0].children] == [
            "Owner functions", "Procurement", "Organizational changes"
        ]
        assert len(code_levels(session)) == 14 + 1 + 3
        assert_contiguous(session)
    actions = audit_actions(project)
    assert actions.count(("import-add", "code")) == 14 + 3
    assert actions.count(("import-update", "code")) == 3
    assert ("import-reorder", "code") in actions


def _file(codes: list[Any], **header: Any) -> dict[str, Any]:
    return {"format": "concord-codebook", "version": 1, **header, "codes": codes}


SOCIAL_L3 = "99a338a6-6078-43af-97f6-4ec6c6692b56"  # the built-in Accountability/Social functions


@pytest.mark.parametrize(
    ("data", "error", "match"),
    [
        ([], ValidationError, "JSON object"),
        ({"format": "refi-qda", "version": 1, "codes": []}, ValidationError, "not a Concord codebook"),
        (_file([], version=2), ValidationError, "newer Concord"),
        (_file([], version="1"), ValidationError, "version '1'"),
        ({"format": "concord-codebook", "version": 1}, ValidationError, "no \"codes\" list"),
        (_file(["Decision rights"]), ValidationError, "top-level code 1 is not a JSON object"),
        (_file([{"name": "A", "children": [{"name": ""}]}]), ValidationError, "code 1 under 'A': code name is empty"),
        (_file([{"name": "A"}, {"name": "a"}]), ValidationError, "'a' appears twice"),
        (_file([{"name": "A", "colour": "green"}]), ValidationError, "top-level code 1: colour"),
        (_file([{"name": "A", "uuid": "nope"}]), ValidationError, "'A': 'nope' is not a valid uuid"),
        (_file([{"name": "A", "uuid": SOCIAL_L3}, {"name": "B", "uuid": SOCIAL_L3}]), ValidationError, "same uuid"),
        (_file([{"name": "A", "children": "B"}]), ValidationError, "must be a list"),
        (_file([{"name": "A", "shortcut": "F1"}, {"name": "B", "shortcut": "f1"}]), ValidationError,
         "share the shortcut"),
        (_file([{"name": "A", "is_codable": "no"}]), ValidationError, "true or false"),
        (_file([{"name": "A", "nickname": "ok", "children": [{"name": "B", "definition": ["x"]}]}]),
         ValidationError, "'definition' must be text"),
        # a valid file whose result would clash with codes it does not mention
        (_file([{"name": ROOT, "children": [{"name": "Accountability", "children": [
            {"uuid": SOCIAL_L3, "name": "Government regulations"}]}]}]),
         DuplicateError, "the file's '.*/Accountability/Government regulations' next to the project's .*same name"),
        (_file([{"name": "Fresh", "children": [{"name": "New", "shortcut": "Ctrl+9"}]}]), DuplicateError,
         "shortcut 'Ctrl\\+9'"),
    ],
)
def test_import_refusals_change_nothing(project: Project, data: Any, error: type, match: str) -> None:
    with project.session() as session:
        update_code(session, cid(session, "Owner functions"), actor="t", shortcut="ctrl+9")
    assert_refused(project, lambda s: import_codebook(s, data, actor="t"), error, match)


def test_import_into_the_place_of_a_moved_code(project: Project) -> None:
    """A file code matched by uuid is moved; an existing code of the same name elsewhere is not touched."""
    data = _file([{"name": ROOT, "children": [{"name": "Accountability", "children": [
        {"uuid": SOCIAL_L3, "name": "Public welfare goals"},
    ]}]}])
    with project.session() as session:
        import_codebook(session, data, actor="t")
        assert code_path(session, cid(session, SOCIAL_L3)) == f"{ROOT}/Accountability/Public welfare goals"
        assert code_path(session, cid(session, "Social functions")) == f"{ROOT}/Social functions"


@pytest.mark.parametrize(
    ("content", "error", "match"),
    [
        ("{not json", ValidationError, r"book\.json: not valid JSON"),
        ('{"format": "concord-codebook", "version": 1, "codes": [{"name": ""}]}', ValidationError,
         r"book\.json: top-level code 1: code name is empty"),
        (None, NotFoundError, r"book\.json: no such file"),
        (b"\xff\xfe\x00bad", ValidationError, r"book\.json: not a UTF-8"),
    ],
)
def test_import_file_refusals_name_the_file(
    project: Project, tmp_path: Path, content: str | bytes | None, error: type, match: str
) -> None:
    path = tmp_path / "book.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    assert_refused(project, lambda s: import_codebook_file(s, path, actor="t"), error, match)


def test_export_to_an_unwritable_place_is_a_user_error(project: Project, tmp_path: Path) -> None:
    with project.session() as session, pytest.raises(ConcordError, match="cannot write"):
        export_codebook_file(session, tmp_path / "missing-folder" / "book.json")


def test_project_created_without_codebook_is_empty(tmp_path: Path) -> None:
    with Project.create(tmp_path / "empty.concord", with_codebook=False) as empty, empty.session() as session:
        assert codebook_tree(session) == []
        assert code_levels(session) == {}
        with pytest.raises(NotFoundError, match="codebook is empty"):
            find_code(session, "Owner functions")


def test_merge_into_the_parent_when_a_subcode_shares_the_source_name(project: Project) -> None:
    """A > B > B, merge the middle B into A: the inner B moves up, both codings survive."""
    with project.session() as session:
        top = add_code(session, "A", None, actor="tester").id
        middle = add_code(session, "B", top, actor="tester").id
        inner = add_code(session, "B", middle, actor="tester").id
        add_codings(session, middle, 1)
        add_codings(session, inner, 1)
    with project.session() as session:
        merge_codes(session, middle, top, actor="tester")
        assert session.get(Code, middle) is None
        assert session.get(Code, inner).parent_id == top
        assert session.scalar(select(func.count()).select_from(Coding).where(Coding.code_id.in_([top, inner]))) == 2
