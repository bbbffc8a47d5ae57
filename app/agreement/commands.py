"""Undo steps of adjudication: one QUndoCommand per decision, a thin wrapper around the edits in
``coding.edits.team`` (a decision is kept by its disagreement item, not by ids: see there)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.agreement.consensus import DEFAULT_CONSENSUS
from coding.agreement.disagreements import Disagreement
from coding.i18n import QT_TRANSLATE_NOOP  # returns str (PySide's is typed object); lupdate reads the name

translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls
DECISION_TITLES = {"both": QT_TRANSLATE_NOOP("AgreementDecisions", "Both"),
                   "neither": QT_TRANSLATE_NOOP("AgreementDecisions", "Neither"),
                   "edit": QT_TRANSLATE_NOOP("AgreementDecisions", "Edited bounds"),
                   "agreed": QT_TRANSLATE_NOOP("AgreementDecisions", "Agreed")}
# the same decisions, said for 3+ coders
MANY_CODER_TITLES = {"both": QT_TRANSLATE_NOOP("AgreementDecisions", "All (union)"),
                     "neither": QT_TRANSLATE_NOOP("AgreementDecisions", "None")}


def decision_title(decision: str, coders: Sequence[str]) -> str:
    """"Take Lin" for take_a when Lin is the first compared coder; "Both", "Neither", "Edited bounds" … (with
    three or more coders "All (union)" and "None")."""
    if decision.startswith("take_"):
        letter = decision[len("take_"):]
        index = ord(letter) - ord("a") if len(letter) == 1 else -1
        who = coders[index] if 0 <= index < len(coders) else letter.upper()
        return translate("AgreementDecisions", "Take {coder}").format(coder=who)
    if len(coders) > 2 and decision in MANY_CODER_TITLES:
        return translate("AgreementDecisions", MANY_CODER_TITLES[decision])
    if decision in DECISION_TITLES:
        return translate("AgreementDecisions", DECISION_TITLES[decision])
    return decision


def _where(item: Disagreement, code: str | None = None) -> str:
    """The passage named for an undo step and the status line (``code``: the code's shown name; None: English)."""
    return translate("AgreementDecisions", "'{code}' in {document} {start}–{end}").format(
        code=code or item.code_path.rsplit("/", 1)[-1], document=item.document_name, start=item.start, end=item.end)


class DecideCommand(BenchCommand):
    """Settle one disagreement into the consensus coder (take one coder's version, both / all, neither / none or
    edited bounds), logged with the adjudicator (the workbench's coder)."""

    edit: edits.DecideEdit

    def __init__(
        self, bench: Workbench, item: Disagreement, decision: str, *, spans: Sequence[tuple[int, int]] | None = None,
        rationale: str = "", consensus: str = DEFAULT_CONSENSUS, code: str | None = None,
    ) -> None:
        edit = edits.DecideEdit(item, decision, spans=spans, rationale=rationale, consensus=consensus,
                                decided_by=bench.coder_name)
        text = translate("AgreementDecisions", "{decision}: {passage}").format(
            decision=decision_title(decision, item.coders), passage=_where(item, code))
        super().__init__(bench, text, edit)

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
        super().__init__(bench, translate("AgreementDecisions", "Reopen {passage}").format(passage=_where(item)), edit)


__all__ = ["DecideCommand", "ReopenDecisionCommand", "decision_title"]
