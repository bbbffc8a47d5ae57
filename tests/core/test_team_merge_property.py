"""Merging is order-free, idempotent and loses nothing (hypothesis over random work in three coders' copies).

Each example starts from the same project and blind copies for Lin, Morgan and Ann (made once), lets each coder
add, resize, re-memo, recode and delete codings (and add codes, possibly the same name in several copies) at
random, then merges the copies into two copies of the project in different orders. Bounded to stay well under
40 s on the 2-core machine.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from coding.codebook import add_code, find_code
from coding.codings import apply_code, change_coding_code, remove_coding, resize_coding, set_coding_memo
from coding.project import Project
from coding.team.copies import make_copies
from coding.team.merge import merge_copies
from models import Code, Coding, Document, Memo
from models.store import copy_project
from tests.core.team_helpers import TEXTS, build_team_project, code_tree, coder_id, codings_by, document, opened

CODERS = ("Lin", "Morgan", "Ann")
CODES = ("Owner functions", "Government regulations", "Financial management rights")
NEW_CODES = ("Trust", "Voice")
WORDS = {name: [m.span() for m in re.finditer(r"\w+", text)] for name, text in TEXTS.items()}


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project and one blind copy per coder, made once for every example."""
    folder = tmp_path_factory.mktemp("property")
    path = build_team_project(folder / "study.concord")
    with opened(path) as project:
        copies = {r.coder: r.path for r in make_copies(project, CODERS, folder)}
    return {"project": path, **copies}


def _span(draw: Any, document_name: str) -> tuple[int, int]:
    words = WORDS[document_name]
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, min(first + 6, len(words) - 1)))
    return words[first][0], words[last][1]


@st.composite
def operation(draw: Any) -> tuple[Any, ...]:
    kind = draw(st.sampled_from(["add", "add", "resize", "memo", "recode", "remove", "new code"]))
    document_name = draw(st.sampled_from(["P01 bureau", "P02 hospital"]))
    return (kind, document_name, _span(draw, document_name), draw(st.integers(0, 10)),
            draw(st.sampled_from(CODES)), draw(st.sampled_from(NEW_CODES)), draw(st.text(max_size=8)))


def _apply(project: Project, coder: str, op: tuple[Any, ...]) -> None:
    kind, document_name, (start, end), pick, code, new_code, memo = op
    with project.session() as session:
        mine = session.scalars(select(Coding.uuid).where(Coding.coder_id == coder_id(session, coder))
                               .order_by(Coding.uuid)).all()
        target = mine[pick % len(mine)] if mine else None
        if kind == "add" or target is None:
            apply_code(session, document_id=document(session, document_name).id, coder_id=coder_id(session, coder),
                       code_id=find_code(session, code).id, start=start, end=end, memo=memo, actor=coder)
        elif kind == "resize":
            coding = session.scalar(select(Coding).where(Coding.uuid == target))
            assert coding is not None
            length = len(TEXTS[document(session, document_name).name])
            if coding.document_id == document(session, document_name).id and end <= length:
                resize_coding(session, target, start, end, actor=coder)
        elif kind == "memo":
            set_coding_memo(session, target, memo, actor=coder)
        elif kind == "recode":
            change_coding_code(session, target, find_code(session, code).id, actor=coder)
        elif kind == "remove":
            remove_coding(session, target, actor=coder)
        else:
            parent = find_code(session, "Decision rights")
            made = session.scalar(select(Code).where(Code.name == new_code)) or add_code(
                session, new_code, parent.id, actor=coder)
            apply_code(session, document_id=document(session, document_name).id, coder_id=coder_id(session, coder),
                       code_id=made.id, start=start, end=end, actor=coder)


def _state(project: Project) -> tuple[Any, ...]:
    """The project's content in order-free terms: codes by path, codings and memos by uuid."""
    with project.session() as session:
        memos = frozenset(session.execute(select(Memo.uuid, Memo.title, Memo.text)).all())
    return (frozenset(code_tree(project)), {coder: frozenset(codings_by(project, coder)) for coder in CODERS}, memos)


# No shrinking: a failing example is reported as found, so a failure stays within the time bound too.
@settings(max_examples=14, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(work=st.fixed_dictionaries({coder: st.lists(operation(), max_size=5) for coder in CODERS}),
       order=st.permutations(CODERS))
def test_merges_in_any_order_give_the_same_project_and_lose_nothing(
    start: dict[str, Path], work: dict[str, list[tuple[Any, ...]]], order: list[str]
) -> None:
    with tempfile.TemporaryDirectory(prefix="merge-property-") as folder:
        here = Path(folder)
        copies = {}
        for coder in CODERS:
            copies[coder] = here / f"study-{coder}.concord"
            copy_project(start[coder], copies[coder])
            with opened(copies[coder]) as copy:
                for op in work[coder]:
                    _apply(copy, coder, op)
        states = []
        for name, sequence in (("a", list(CODERS)), ("b", order)):
            copy_project(start["project"], here / f"{name}.concord")
            with opened(here / f"{name}.concord") as project:
                result = merge_copies(project, [copies[coder] for coder in sequence])
                assert not result.refused
                states.append(_state(project))
                if name == "a":
                    again = merge_copies(project, [copies[coder] for coder in reversed(sequence)])
                    assert _state(project) == states[0]  # merging twice is a no-op
                    assert all(r.codings.added == r.codings.changed == r.codings.deleted == 0 for r in again.reports)
                    _nothing_lost(project, copies, start["project"])
        assert states[0] == states[1]


def _nothing_lost(project: Project, copies: dict[str, Path], original: Path) -> None:
    """Every coding a coder has in their copy is in the project as they left it; their codings on documents
    the copy did not hold are as they were."""
    with opened(original) as before_merge:
        for coder, path in copies.items():
            with opened(path) as copy:
                with copy.session() as session:
                    held = set(session.scalars(select(Document.name)))
                expected = codings_by(copy, coder) | {
                    row for row in codings_by(before_merge, coder) if row[1] not in held}
            assert codings_by(project, coder) == expected, coder

