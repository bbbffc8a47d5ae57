"""What a figure rests on — whose codings, and how several coders' codings are counted together — and
the coder an analysis uses when the user chose none. Kept free of numpy so the window's analysis views can name a
figure's basis without loading the array code (see :mod:`coding.analysis.pooling` for the counting itself)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.analysis.filters import SegmentFilter, coder_ids_of
from coding.i18n import QT_TRANSLATE_NOOP, translate
from models import Coder, Coding, ConsensusDecision

POOLED = "pooled"
PER_CODER = "per coder"
SINGLE = "single coder"
POOLED_NOTE = QT_TRANSLATE_NOOP("basis", "pooled, a passage counted once")  # English; shown through translate
PER_CODER_NOTE = QT_TRANSLATE_NOOP("basis", "per coder, a passage counted once for each coder who coded it")


# -- what a figure rests on ---------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """The coders behind a figure and how their codings were counted."""

    coders: tuple[str, ...]
    consensus: bool  # only the consensus coder('s codings)
    settled_by: tuple[str, ...]  # who settled the consensus decisions
    pooling: str  # POOLED, PER_CODER or SINGLE

    def text(self) -> str:
        return basis_text(self.coders, consensus=self.consensus, settled_by=self.settled_by, pooling=self.pooling)

    def to_dict(self) -> dict[str, object]:
        return {"coders": list(self.coders), "consensus": self.consensus, "settled_by": list(self.settled_by),
                "pooling": self.pooling, "basis": self.text()}


def basis_text(coders: Sequence[str], *, consensus: bool = False, settled_by: Sequence[str] = (),
               pooling: str = POOLED) -> str:
    """"Codings of: consensus (Lin, Wang settled)" / "Codings of: Lin" / "Codings of: Lin, Wang — pooled, …"."""
    if consensus:
        if settled_by:
            return translate("basis", "Codings of: consensus ({people} settled)").format(people=", ".join(settled_by))
        return translate("basis", "Codings of: consensus")
    if not coders:
        return translate("basis", "Codings of: no coder (nothing coded yet)")
    names = ", ".join(coders)
    if len(coders) == 1 or pooling == SINGLE:
        return translate("basis", "Codings of: {coders}").format(coders=names)
    note = translate("basis", PER_CODER_NOTE if pooling == PER_CODER else POOLED_NOTE)
    return translate("basis", "Codings of: {coders} — {note}").format(coders=names, note=note)


def settled_by(session: Session) -> tuple[str, ...]:
    """The people who settled consensus decisions, by name."""
    names = session.scalars(select(ConsensusDecision.decided_by).distinct()).all()
    return tuple(sorted(n for n in names if n))


def coders_with_codings(session: Session) -> list[tuple[int, str, bool]]:
    """(id, name, is consensus) of every coder who has codings, people first, then by name."""
    coded = select(Coding.coder_id).distinct().scalar_subquery()
    rows = session.execute(
        select(Coder.id, Coder.name, Coder.is_consensus).where(Coder.id.in_(coded))
        .order_by(Coder.is_consensus, Coder.name)
    ).all()
    return [(r.id, r.name, bool(r.is_consensus)) for r in rows]


def describe_basis(session: Session, flt: SegmentFilter) -> Basis:
    """The coders ``flt`` takes codings of (those who coded anything) and how they are counted."""
    chosen = coder_ids_of(session, flt)
    coders = [c for c in coders_with_codings(session) if chosen is None or c[0] in chosen]
    consensus = bool(coders) and all(c[2] for c in coders)
    pooling = SINGLE if len(coders) <= 1 else (POOLED if flt.pooled else PER_CODER)
    return Basis(tuple(c[1] for c in coders), consensus, settled_by(session) if consensus else (), pooling)


# -- the default choice -------------------------------------------------------------------------


@dataclass(frozen=True)
class DefaultChoice:
    """The filter an analysis runs on when the user chose no coder, and why."""

    flt: SegmentFilter
    chosen: bool  # False: the user's filter was used as given
    reason: str


def default_coder(session: Session, signed_in: str | None = None) -> tuple[int, str, str] | None:
    """(coder id, name, why) of the default: the consensus when it has codings, else the signed-in
    coder when they coded, else the coder with the most codings. None when nobody coded anything. ``why`` is
    English (--json's "default_coder"); shown, it goes through translate("basis", why)."""
    coders = coders_with_codings(session)
    if not coders:
        return None
    consensus = [c for c in coders if c[2]]
    if consensus:
        return consensus[0][0], consensus[0][1], QT_TRANSLATE_NOOP("basis", "the consensus, which has codings")
    mine = [c for c in coders if signed_in and c[1].casefold() == signed_in.casefold()]
    if mine:
        return mine[0][0], mine[0][1], QT_TRANSLATE_NOOP("basis", "the signed-in coder")
    counts = dict(session.execute(select(Coding.coder_id, func.count()).group_by(Coding.coder_id)).all())
    most = min(coders, key=lambda c: (-counts.get(c[0], 0), c[1]))
    return most[0], most[1], QT_TRANSLATE_NOOP("basis", "the coder with the most codings (no consensus yet)")


def default_filter(session: Session, flt: SegmentFilter, signed_in: str | None = None) -> DefaultChoice:
    """``flt`` as given when it names coders or the consensus or all coders on purpose, or when at most
    one coder has codings; otherwise ``flt`` narrowed to :func:`default_coder` — never a silent pool."""
    if flt.coder_ids is not None or flt.consensus is not None or flt.all_coders:
        return DefaultChoice(flt, False, "")
    coders = coders_with_codings(session)
    if len(coders) <= 1:
        return DefaultChoice(flt, False, "")
    found = default_coder(session, signed_in)
    assert found is not None
    return DefaultChoice(replace(flt, coder_ids=(found[0],)), True, found[2])
