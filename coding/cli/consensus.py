"""``concord consensus``: how complete a comparison's consensus is, and accept the passages the coders agree on.

    concord consensus status PROJECT --coders Lin,Morgan [--json]
    concord consensus accept-agreed PROJECT --coders Lin,Morgan [--by "Dr Chen"] [--consensus NAME] [--json]

Disagreements are settled in the review (Coders › Review disagreements); ``accept-agreed`` copies every passage
the coders agree on into the consensus coder, so the consensus is complete once the disagreements are settled.
The old spelling ``concord consensus PROJECT --coders A,B [--status | --accept-agreed]`` still works.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coding.agreement.compare import DEFAULT_TOLERANCE
from coding.agreement.consensus import DEFAULT_CONSENSUS
from coding.cli.common import (
    CONTEXT_SETTINGS,
    SubcommandGroup,
    coders_option,
    emit,
    json_option,
    note_new_spelling,
    old_form,
    open_project,
    option_group,
    parse_tolerance,
    project_argument,
    split_names,
)
from coding.errors import ValidationError
from coding.i18n import translate
from coding.project import Project

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coding.agreement.completion import ConsensusState

UNITS = ("passage", "sentence", "turn", "character")


# The comparison whose consensus it is: the coders, and the unit and tolerance of the review.
_comparison_options = option_group(
    coders_option("The compared coders, comma-separated (A,B …).", required=True),
    click.option("--unit", type=click.Choice(UNITS), default="passage", show_default=True,
                 help="The unit the review lists (as in the review window)."),
    click.option("--tolerance", default=f"{DEFAULT_TOLERANCE:g}", show_default=True,
                 help="Passages: percent overlap at which coders agree."),
)
# Who accepts, and into which consensus coder.
_acceptance_options = option_group(
    click.option("--by", "decided_by", default=None, help="The adjudicator logged with the decisions "
                 "(default: your user name)."),
    click.option("--consensus", default=DEFAULT_CONSENSUS, show_default=True, help="The consensus coder."),
)


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def consensus() -> None:
    """The consensus of a comparison: status (complete, or how many disagreements are left) and accept-agreed
    (copy the passages the coders agree on into the consensus coder; twice adds nothing).

    Every subcommand takes --json. The old spelling `consensus PROJECT --coders A,B --status|--accept-agreed`
    still works and says its new form on stderr.
    """


@consensus.command("status", context_settings=CONTEXT_SETTINGS)
@project_argument
@_comparison_options
@json_option
def status_command(project: Path, coders: tuple[str, ...], unit: str, tolerance: str, as_json: bool) -> None:
    """Is the consensus complete? Else how many disagreements are unsettled and agreed passages unaccepted."""
    names, overlap = split_names(coders), parse_tolerance(tolerance)
    with open_project(project, writes=False) as opened, opened.session() as session:
        _status(session, names, unit, overlap, as_json)


@consensus.command("accept-agreed", context_settings=CONTEXT_SETTINGS)
@project_argument
@_comparison_options
@_acceptance_options
@json_option
def accept_agreed_command(project: Path, coders: tuple[str, ...], unit: str, tolerance: str, decided_by: str | None,
                          consensus: str, as_json: bool) -> None:
    """Copy every passage the coders agree on into the consensus coder, each decision logged."""
    names, overlap = split_names(coders), parse_tolerance(tolerance)
    with open_project(project) as opened, opened.session() as session:
        data, text = _accept(opened, session, names, unit, overlap, decided_by, consensus)
    emit(as_json, data, text)  # once committed


@old_form(consensus, "The old spelling: concord consensus PROJECT --coders A,B [--status | --accept-agreed].")
@project_argument
@_comparison_options
@click.option("--status", is_flag=True, help="Say whether the consensus is complete (the default).")
@click.option("--accept-agreed", is_flag=True, help="Copy every passage the coders agree on into the consensus.")
@_acceptance_options
@json_option
def old_consensus(project: Path, coders: tuple[str, ...], unit: str, tolerance: str, status: bool,
                  accept_agreed: bool, decided_by: str | None, consensus: str, as_json: bool) -> None:
    if status and accept_agreed:
        raise click.UsageError("choose one of --status and --accept-agreed")
    names, overlap = split_names(coders), parse_tolerance(tolerance)
    with open_project(project, writes=accept_agreed) as opened, opened.session() as session:
        if not accept_agreed:
            _status(session, names, unit, overlap, as_json)
        else:
            data, text = _accept(opened, session, names, unit, overlap, decided_by, consensus)
    if accept_agreed:
        emit(as_json, data, text)  # once committed
    flag, new = ("--accept-agreed", "accept-agreed") if accept_agreed else ("--status", "status")
    note_new_spelling(f"consensus PROJECT {flag}", f"consensus {new} PROJECT")


def _status(session: Session, names: tuple[str, ...], unit: str, overlap: float, as_json: bool) -> None:
    from coding.agreement.completion import consensus_state

    state = consensus_state(session, names, unit=unit, tolerance=overlap)
    emit(as_json, state.to_dict(), lambda: _state_text(state))


def _accept(opened: Project, session: Session, names: tuple[str, ...], unit: str, overlap: float,
            decided_by: str | None, consensus: str) -> tuple[dict[str, Any], str]:
    from coding.agreement.completion import accept_agreed

    adjudicator = (decided_by if decided_by is not None else opened.actor).strip()
    if not adjudicator:
        raise ValidationError(translate("errors", "--by needs the adjudicator's name"))
    outcome = accept_agreed(session, names, decided_by=adjudicator, actor=opened.actor,
                            consensus=consensus.strip() or DEFAULT_CONSENSUS, unit=unit, tolerance=overlap)
    text = translate("CLI", "Accepted {passages} agreed passage(s) into '{consensus}' ({codings} consensus coding(s)), "
                     "by {adjudicator}.").format(passages=outcome.passages, consensus=consensus,
                                                  codings=len(outcome.codings), adjudicator=adjudicator)
    text += f"\n{_state_text(outcome.state)}"
    return outcome.to_dict(), text


def _state_text(state: ConsensusState) -> str:
    return translate("CLI", "Consensus of {coders}: {summary} ({settled} of {disagreements} disagreements settled, "
                     "{accepted} of {agreed} agreed passages accepted).").format(
        coders=", ".join(state.coders), summary=state.summary(), settled=state.settled,
        disagreements=state.disagreements, accepted=state.accepted, agreed=state.agreed)


__all__ = ["consensus"]
