"""Training in a child process (what the desktop app does) gives what training here gives, refuses the same way,
and stops when cancelled."""

from __future__ import annotations

import pytest

from coding.autocode.machine import TrainingData, UnitRef, train
from coding.autocode.machine_process import train_in_process
from coding.errors import CancelledError, ValidationError

BUDGET = "budget-uuid"
STAFF = "staff-uuid"
SENTENCES = [
    ("The budget was cut again this year.", {BUDGET}),
    ("Our budget comes from one set of accounts.", {BUDGET}),
    ("The finance office controls every budget line.", {BUDGET}),
    ("We argued about how the budget surplus is shared.", {BUDGET}),
    ("Spending above the budget needs approval.", {BUDGET}),
    ("The accounts were merged into the group budget.", {BUDGET}),
    ("The group hires the doctors now.", {STAFF}),
    ("Staff rotate to the township clinics.", {STAFF}),
    ("Nurses were moved between hospitals.", {STAFF}),
    ("Recruitment of doctors is decided centrally.", {STAFF}),
    ("The director can no longer appoint department heads.", {STAFF}),
    ("Senior physicians train the village doctors.", {STAFF}),
    ("The weather was cold that day.", set()),
    ("I have worked here for twenty years.", set()),
    ("Patients come by bus from the villages.", set()),
    ("The new building opened in spring.", set()),
]


def _data() -> TrainingData:
    texts = [text for text, _labels in SENTENCES]
    labels = [frozenset(found) for _text, found in SENTENCES]
    refs = [UnitRef(1, "doc-uuid", i * 100, i * 100 + len(text)) for i, text in enumerate(texts)]
    return TrainingData(unit="sentence", language="en", texts=texts, labels=labels,
                        code_paths={BUDGET: "Residual claims/Budget", STAFF: "Market competition/Staff"},
                        from_coder="Lin", data_hash="x", skipped={}, refs=refs, languages=["en"] * len(texts),
                        n_examples={BUDGET: 6, STAFF: 6})


def test_the_child_trains_what_this_process_trains() -> None:
    steps: list[tuple[int, int, str]] = []
    here = train(_data(), folds=2)
    there = train_in_process(_data(), folds=2, progress=lambda done, total, what: steps.append((done, total, what)))
    assert there.per_code == here.per_code  # seeded: the same figures, wherever it runs
    assert there.out_of_fold == here.out_of_fold
    assert steps and steps[-1][0] == steps[-1][1]  # progress came through, up to done


def test_a_refusal_in_the_child_is_the_same_refusal() -> None:
    with pytest.raises(ValidationError, match="folds must be a whole number"):
        train_in_process(_data(), folds=1)


def test_a_cancelled_child_stops_and_says_so() -> None:
    with pytest.raises(CancelledError):
        train_in_process(_data(), folds=2, cancelled=lambda: True)
