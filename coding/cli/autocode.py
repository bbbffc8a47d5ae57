"""``concord autocode``: code many passages at once by a rule — a speaker's turns, the interviewer's questions or
the answers, whole documents of a case or attribute value, or a dictionary's hits — as one coder, in one
transaction. ``--preview`` lists what would be coded and writes nothing. A thin shell over ``coding.autocode``
(see docs/autocode.md)."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.orm import Session

from coding.autocode.apply import AutocodeEdit, Passage
from coding.autocode.structure import ROLES, AutocodePreview, StructureRule, preview, propose, scoped_documents
from coding.cli.common import (
    CONTEXT_SETTINGS,
    coder_option,
    emit,
    json_option,
    open_project,
    project_argument,
    where_option,
)
from coding.errors import ConcordError, NotFoundError
from coding.i18n import translate

SCOPES = ("word", "sentence", "turn")
DICTIONARY_MODULE = "coding.autocode.dictionaries"


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--speaker", metavar="LABEL", help="Code every turn of this speaker label (ignoring case), e.g. Interviewer, R, 访谈者.")
@click.option("--role", type=click.Choice(ROLES),
              help="Code every interviewer question (Interviewer, I, Q, 访谈者 …) or every answer (any other label).")
@click.option("--case", "cases", multiple=True, metavar="NAME",
              help="Only this case's documents (repeatable); alone, code its documents whole.")
@where_option("Only documents of cases with this attribute value: role=Doctor, role!=Patient, or years_in_post>5 "
              "(>, <, >=, <= for number and date attributes); repeat for several (all must hold; = on one "
              "attribute: any of the values). Without --speaker/--role/--dictionary, code those documents whole.")
@click.option("--dictionary", metavar="NAME", help="Code the hits of this dictionary; each category's linked code is applied.")
@click.option("--scope", type=click.Choice(SCOPES),
              help="With --dictionary: code the hit word, its sentence or its speaker turn (default: sentence).")
@click.option("--code", "code_path", metavar="PATH", help='The code to apply, e.g. "Decision rights/Owner functions".')
@coder_option("The coder the codings are made as.", required=True)
@click.option("--preview", "preview_only", is_flag=True, help="List the passages that would be coded; write nothing.")
@json_option
def autocode(project: Path, speaker: str | None, role: str | None, cases: tuple[str, ...], where: tuple[str, ...],
             dictionary: str | None, scope: str | None, code_path: str | None, coder: str, preview_only: bool,
             as_json: bool) -> None:
    """Code passages by structure (speaker turns, questions, answers, whole documents) or by a dictionary, as one
    coder; passages the coder already coded so are skipped. One transaction: all or nothing."""
    _check_options(speaker, role, cases, where, dictionary, scope, code_path)
    rule = StructureRule(speaker=speaker or "", role=role or "", cases=cases, where=where)
    with open_project(project, writes=not preview_only) as opened, opened.session() as session:
        from coding.coders import find_coder

        found_coder = find_coder(session, coder)
        if dictionary is not None:
            passages = _dictionary_passages(session, dictionary, scope or "sentence", rule)
            what = f"dictionary '{dictionary}' ({scope or 'sentence'})"
        else:
            from coding.codebook import find_code

            passages = propose(session, rule, find_code(session, code_path or "").id)
            what = rule.describe()
        shown = preview(session, passages, found_coder)
        coded: list[str] = []
        if not preview_only:
            edit = AutocodeEdit(passages, found_coder.id, f"Autocode {what}")
            edit.do(session, found_coder.name)
            coded = edit.created
    _report(as_json, what, shown, preview_only, coded)


def _check_options(speaker: str | None, role: str | None, cases: tuple[str, ...], where: tuple[str, ...],
                   dictionary: str | None, scope: str | None, code_path: str | None) -> None:
    """Which rule: a dictionary (its categories name the codes), or a structure rule with --code."""
    if dictionary is not None:
        if speaker or role or code_path:
            raise click.UsageError("--dictionary applies its categories' codes: leave out --speaker, --role and --code")
        return
    if scope is not None:
        raise click.UsageError("--scope goes with --dictionary")
    if speaker and role:
        raise click.UsageError("choose --speaker or --role, not both")
    if not (speaker or role or cases or where):
        raise click.UsageError("choose what to code: --speaker, --role, --case, --where or --dictionary")
    if not code_path:
        raise click.UsageError("--code PATH is needed: the code to apply")


def _dictionary_passages(session: Session, dictionary: str, scope: str, rule: StructureRule) -> list[Passage]:
    """The dictionary's hits as passages (``coding.autocode.dictionaries``), kept to the chosen documents."""
    import importlib

    try:
        module = importlib.import_module(DICTIONARY_MODULE)
        find_hits = module.autocode_passages
    except (ModuleNotFoundError, AttributeError) as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name != DICTIONARY_MODULE:
            raise  # something the module needs is missing: a bug, keep the traceback
        raise ConcordError(translate("errors", "dictionary autocoding is not available in this installation")) from None
    passages: list[Passage] = list(find_hits(session, dictionary, scope))
    if rule.cases or rule.where:
        chosen = set(scoped_documents(session, rule.cases, rule.where))
        passages = [p for p in passages if p.document_id in chosen]
    if not passages:
        raise NotFoundError(translate(
            "errors", "nothing to code: dictionary '{dictionary}' has no hits in the chosen documents").format(
            dictionary=dictionary))
    return passages


def _report(as_json: bool, what: str, shown: AutocodePreview, preview_only: bool, coded: list[str]) -> None:
    data = {"rule": what, "preview": preview_only, **shown.to_dict(), "coded": coded}

    def text() -> str:
        lines = [f"{what}: {shown.summary()}", ""]
        lines += ["  " + translate("CLI", "{document}: {passages} passage(s), {already} already coded").format(
            document=d.document, passages=d.passages, already=d.already) for d in shown.documents]
        if preview_only:
            lines.append("")
            lines += [f"{'=' if r.already else '+'} {r.document[:28]:<28} {r.speaker[:12]:<12} {r.first_words}"
                      for r in shown.rows]
            lines.append("\n" + translate(
                "CLI", "(+ to code, = already coded; nothing written: run without --preview to apply)"))
        else:
            codes = sorted({r.code for r in shown.rows})
            code = codes[0] if len(codes) == 1 else translate("CLI", "{count} codes").format(count=len(codes))
            lines.append("\n" + translate("CLI", "Coded {count} passage(s) with {code} as {coder} ({already} already "
                                          "coded, skipped)").format(count=len(coded), code=code, coder=shown.coder,
                                                                     already=shown.already))
        return "\n".join(lines)

    emit(as_json, data, text)
