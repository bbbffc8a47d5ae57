"""The window's process freezes what it holds for long out of the collector's full passes (issue 13: one pass
over the 100× project's objects froze the window 115-200 ms); young garbage is collected first, and a closed
project's cycles go back to the collector, not kept frozen."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from app import heap


class Node:
    """A reference cycle: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # later tests run with the collector as usual


def test_settle_freezes_what_lives_and_collects_young_cycles_first() -> None:
    kept = Node()
    dropped = weakref.ref(Node())  # garbage already: a cycle no name holds
    heap.settle()
    assert dropped() is None, "a garbage cycle frozen would never be collected"
    assert gc.get_freeze_count() > 0
    assert not any(item is kept for item in gc.get_objects()), "the living object is out of the collector's passes"


def test_loosen_hands_cycles_that_became_garbage_while_frozen_back_to_the_collector() -> None:
    node = Node()
    gone = weakref.ref(node)
    heap.settle()
    del node
    gc.collect()
    assert gone() is not None, "frozen: a full pass does not walk it"
    heap.loosen()
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None


def test_no_collection_turns_the_collector_off_and_only_its_owner_turns_it_back_on() -> None:
    assert gc.isenabled()
    with heap.no_collection():
        assert not gc.isenabled()
        with heap.no_collection():  # another load inside (or in another thread) meanwhile
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), heap.no_collection():
        raise RuntimeError("a failed load")
    assert gc.isenabled()


def test_opening_a_project_freezes_its_panels_and_closing_it_collects_them(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert gc.get_freeze_count() > 0
    items = window.documents_refresh.model.root.children
    assert items and not {id(item) for item in items} & {id(item) for item in gc.get_objects()}
    cycle = Node()
    window.bench.left_behind = cycle  # something the project holds, in a cycle
    gone = weakref.ref(cycle)
    del cycle
    heap.settle()  # frozen with the rest, as if it had been there since the project opened
    window.close_project()
    assert gc.get_freeze_count() == 0
    qtbot.wait(10)  # the workbench is deleted (deleteLater): its wrapper lets go of the cycle
    gc.collect()  # the collector's next full pass
    assert gone() is None
