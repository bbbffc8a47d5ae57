"""``concord consensus``: how complete a comparison's consensus is, and accept the passages the coders agree on.

    concord consensus PROJECT --coders Lin,Morgan --status [--json]
    concord consensus PROJECT --coders Lin,Morgan --accept-agreed [--by "Dr Chen"] [--consensus NAME] [--json]

Disagreements are settled in the review (Coders › Review disagreements); ``--accept-agreed`` copies every passage
the coders agree on into the consensus coder, so the consensus is complete once the disagreements are settled.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from coding.agreement.compare import DEFAULT_TOLERANCE
from coding.agreement.consensus import DEFAULT_CONSENSUS
from coding.cli.agreement import _split, _tolerance
from coding.cli.common import CONTEXT_SETTINGS, emit, json_option, open_project, project_argument
from coding.errors import ValidationError

if TYPE_CHECKING:
    from coding.agreement.completion import ConsensusState

UNITS = ("passage", "sentence", "turn", "character")


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--coders", multiple=True, required=True, help="The compared coders, comma-separated (A,B …).")
@click.option("--status", is_flag=True, help="Say whether the consensus is complete (the default).")
@click.option("--accept-agreed", is_flag=True, help="Copy every passage the coders agree on into the consensus.")
@click.option("--by", "decided_by", default=None, help="The adjudicator logged with the decisions "
              "(default: your user name).")
@click.option("--consensus", default=DEFAULT_CONSENSUS, show_default=True, help="The consensus coder.")
@click.option("--unit", type=click.Choice(UNITS), default="passage", show_default=True,
              help="The unit the review lists (as in the review window).")
@click.option("--tolerance", default=f"{DEFAULT_TOLERANCE:g}", show_default=True,
              help="Passages: percent overlap at which coders agree.")
@json_option
def consensus(project: Path, coders: tuple[str, ...], status: bool, accept_agreed: bool, decided_by: str | None,
              consensus: str, unit: str, tolerance: str, as_json: bool) -> None:
    """The consensus of a comparison: --status (complete, or how many disagreements are left) or
    --accept-agreed (copy the passages the coders agree on into the consensus coder; twice adds nothing)."""
    from coding.agreement.completion import accept_agreed as accept
    from coding.agreement.completion import consensus_state

    if status and accept_agreed:
        raise click.UsageError("choose one of --status and --accept-agreed")
    names = _split(coders)
    overlap = _tolerance(tolerance)
    with open_project(project, writes=accept_agreed) as opened, opened.session() as session:
        if not accept_agreed:
            state = consensus_state(session, names, unit=unit, tolerance=overlap)
            emit(as_json, state.to_dict(), lambda: _state_text(state))
            return
        adjudicator = (decided_by if decided_by is not None else opened.actor).strip()
        if not adjudicator:
            raise ValidationError("--by needs the adjudicator's name")
        outcome = accept(session, names, decided_by=adjudicator, actor=opened.actor,
                         consensus=consensus.strip() or DEFAULT_CONSENSUS, unit=unit, tolerance=overlap)
    text = (f"Accepted {outcome.passages} agreed passage(s) into '{consensus}' "
            f"({len(outcome.codings)} consensus coding(s)), by {adjudicator}.\n{_state_text(outcome.state)}")
    emit(as_json, outcome.to_dict(), text)


def _state_text(state: ConsensusState) -> str:
    return (f"Consensus of {', '.join(state.coders)}: {state.summary()} "
            f"({state.settled} of {state.disagreements} disagreements settled, "
            f"{state.accepted} of {state.agreed} agreed passages accepted).")


__all__ = ["consensus"]
