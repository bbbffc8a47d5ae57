"""Quick-slot keys belong to codes, stored in the project: adding a code never moves another code's key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from coding import codebook, quick_slots
from coding.errors import ConflictError, ValidationError
from coding.project import Project
from models import AuditEvent, Code, ProjectMeta


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    made = Project.create(tmp_path / "slots.concord")
    yield made
    made.close()


def _keys_by_path(project: Project) -> dict[str, int]:
    with project.session() as session:
        paths = {c.uuid: codebook.code_path(session, c.id) for c in session.scalars(select(Code))}
        return {paths[uuid]: slot for slot, uuid in quick_slots.slots_in_force(session).items()}


SOCIAL = "Macro framework of the Preker-Harding model/Accountability/Social functions"


def _add_before_social_functions(project: Project, name: str) -> Code:
    """A code placed before 'Social functions' in tree order: in the old scheme every later key moved."""
    with project.session() as session:
        accountability = codebook.find_code(session, "Macro framework of the Preker-Harding model/Accountability")
        code = codebook.add_code(session, name, accountability.id, actor="t", position=0)
        return code


def test_a_new_project_stores_keys_on_its_first_leaf_codes(project: Project) -> None:
    keys = _keys_by_path(project)
    assert sorted(keys.values()) == list(range(1, 9))
    assert keys[SOCIAL] == 6
    with project.session() as session:
        assert quick_slots.stored_slots(session) == quick_slots.slots_in_force(session)


def test_adding_a_code_keeps_every_key_and_takes_the_next_free_one(project: Project) -> None:
    before = _keys_by_path(project)
    _add_before_social_functions(project, "Contracts")
    after = _keys_by_path(project)
    assert {path: key for path, key in after.items() if path in before} == before
    assert after["Macro framework of the Preker-Harding model/Accountability/Contracts"] == 9
    _add_before_social_functions(project, "Audits")  # all nine keys taken: no key, nothing moves
    assert _keys_by_path(project) == after


def test_deleting_or_merging_a_code_frees_its_key_for_the_next_code(project: Project) -> None:
    keys = _keys_by_path(project)
    with project.session() as session:
        social = codebook.find_code(session, SOCIAL)
        codebook.delete_code(session, social.id, actor="t")
        owner = codebook.find_code(session, "Owner functions")
        organisational = codebook.find_code(session, "Organizational changes")
        codebook.merge_codes(session, owner.id, organisational.id, actor="t")
    left = _keys_by_path(project)
    assert 6 not in left.values() and 2 not in left.values()
    assert {p: k for p, k in keys.items() if p in left} == left
    _add_before_social_functions(project, "Contracts")
    _add_before_social_functions(project, "Audits")
    now = _keys_by_path(project)
    assert now["Macro framework of the Preker-Harding model/Accountability/Contracts"] == 2
    assert now["Macro framework of the Preker-Harding model/Accountability/Audits"] == 6


def test_an_older_project_freezes_the_keys_it_showed_then_nothing_moves(project: Project) -> None:
    with project.session() as session:
        session.delete(session.get(ProjectMeta, quick_slots.META_KEY))  # as a project from before stored keys
    with project.session() as session:
        third = codebook.find_code(session, "Investment decision-making rights").uuid
        shown = quick_slots.default_slots(session, {1: third})  # what a window showed: its choice + filler
        assert quick_slots.freeze_slots(session, {1: third}) == shown
    assert shown[1] == third and len(shown) == 8
    before = _keys_by_path(project)
    _add_before_social_functions(project, "Contracts")
    after = _keys_by_path(project)
    assert {p: k for p, k in after.items() if p in before} == before


def test_setting_a_key_moves_only_that_key_and_is_audited(project: Project) -> None:
    with project.session() as session:
        slots = quick_slots.slots_in_force(session)
        social = codebook.find_code(session, SOCIAL).uuid
        after = quick_slots.set_slot(session, social, 1, actor="Alice")
    assert after[1] == social and 6 not in after
    assert {s: u for s, u in slots.items() if s not in (1, 6)} == {s: u for s, u in after.items() if s != 1}
    with project.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "set_slot")).one()
        assert event.actor == "Alice" and event.entity_uuid == social
        quick_slots.restore_slots(session, slots, actor="Alice", expected=after)
        assert quick_slots.slots_in_force(session) == slots


def test_a_bad_key_or_a_changed_map_is_refused_and_changes_nothing(project: Project) -> None:
    with project.session() as session:
        slots = quick_slots.slots_in_force(session)
        social = codebook.find_code(session, SOCIAL).uuid
        with pytest.raises(ValidationError, match="quick slot 10"):
            quick_slots.set_slot(session, social, 10, actor="t")
        with pytest.raises(ConflictError):
            quick_slots.set_slot(session, social, 1, actor="t", expected={})
        with pytest.raises(ConflictError):
            quick_slots.restore_slots(session, {}, actor="t", expected={1: social})
        assert quick_slots.slots_in_force(session) == slots
