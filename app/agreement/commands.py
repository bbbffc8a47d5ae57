"""Undo steps of adjudication: one QUndoCommand per decision, a thin wrapper around the edits in
``coding.edits.team`` (a decision is kept by its disagreement item, not by ids: see there)."""

from __future__ import annotations

from collections.abc import Sequence

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.agreement.consensus import DEFAULT_CONSENSUS
from coding.agreement.disagreements import Disagreement

DECISION_TITLES = {"both": "Both", "neither": "Neither", "edit": "Edited bounds", "agreed": "Agreed"}
MANY_CODER_TITLES = {"both": "All (union)", "neither": "None"}  # the same decisions, said for 3+ coders


def decision_title(decision: str, coders: Sequence[str]) -> str:
    """"Take Lin" for take_a when Lin is the first compared coder; "Both", "Neither", "Edited bounds" … (with
    three or more coders "All (union)" and "None")."""
    if decision.startswith("take_"):
        letter = decision[len("take_"):]
        index = ord(letter) - ord("a") if len(letter) == 1 else -1
        who = coders[index] if 0 <= index < len(coders) else letter.upper()
        return f"Take {who}"
    if len(coders) > 2 and decision in MANY_CODER_TITLES:
        return MANY_CODER_TITLES[decision]
    return DECISION_TITLES.get(decision, decision)


def _where(item: Disagreement) -> str:
    return f"'{item.code_path.rsplit('/', 1)[-1]}' in {item.document_name} {item.start}–{item.end}"


class DecideCommand(BenchCommand):
    """Settle one disagreement into the consensus coder (take one coder's version, both / all, neither / none or
    edited bounds), logged with the adjudicator (the workbench's coder)."""

    edit: edits.DecideEdit

    def __init__(
        self, bench: Workbench, item: Disagreement, decision: str, *, spans: Sequence[tuple[int, int]] | None = None,
        rationale: str = "", consensus: str = DEFAULT_CONSENSUS,
    ) -> None:
        edit = edits.DecideEdit(item, decision, spans=spans, rationale=rationale, consensus=consensus,
                                decided_by=bench.coder_name)
        super().__init__(bench, f"{decision_title(decision, item.coders)}: {_where(item)}", edit)

    @property
    def decision_uuid(self) -> str | None:
        return self.edit.decision_uuid

    @property
    def created(self) -> tuple[str, ...]:
        return self.edit.created


class ReopenDecisionCommand(BenchCommand):
    """Take back a decision made earlier (not only the last one); undo settles the passage the same way again."""

    def __init__(self, bench: Workbench, item: Disagreement, consensus: str = DEFAULT_CONSENSUS) -> None:
        edit = edits.ReopenDecisionEdit(item, consensus)  # refuses a passage that was never settled
        super().__init__(bench, f"Reopen {_where(item)}", edit)


__all__ = ["DecideCommand", "ReopenDecisionCommand", "decision_title"]
