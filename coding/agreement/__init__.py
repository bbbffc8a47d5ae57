"""Inter-coder agreement.

The measures (``measures``, ``unitizing``, ``bootstrap``) are pure numpy over reliability matrices and
touch no database; ``units``, ``compare``, ``runs``, ``disagreements`` and ``consensus`` build units from a
project, run comparisons, store them and settle disagreements into a consensus coder.
"""

from coding.agreement.bootstrap import bootstrap_ci
from coding.agreement.measures import (
    LEVELS,
    AgreementInputError,
    Level,
    Undefined,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    pairable_units,
    percent_agreement,
    scott_pi,
)
from coding.agreement.unitizing import (
    Cu_alpha,
    binary_u_alpha,
    cu_alpha,
    krippendorff_u_alpha,
    nominal_u_alpha,
    u_alpha_per_code,
)

__all__ = [
    "LEVELS",
    "AgreementInputError",
    "Cu_alpha",
    "Level",
    "Undefined",
    "binary_u_alpha",
    "bootstrap_ci",
    "brennan_prediger",
    "cohen_kappa",
    "cu_alpha",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "krippendorff_u_alpha",
    "nominal_u_alpha",
    "pairable_units",
    "percent_agreement",
    "scott_pi",
    "u_alpha_per_code",
]

# Units, the run engine, stored runs, disagreements and consensus (they read the project; the measures above don't).
from coding.agreement.bands import band  # noqa: E402
from coding.agreement.compare import (  # noqa: E402
    AVAILABLE_MEASURES,
    DEFAULT_MEASURES,
    ComparisonParams,
    ComparisonResult,
    Figure,
    run_comparison,
)
from coding.agreement.consensus import (  # noqa: E402
    accept_agreements,
    consensus_coder,
    consensus_progress,
    decide,
    decision_log,
    edit,
    export_decision_log,
    take,
    take_both,
    take_neither,
    undo_decision,
)
from coding.agreement.disagreements import Disagreement, list_disagreements, side_by_side  # noqa: E402
from coding.agreement.runs import (  # noqa: E402
    delete_run,
    list_runs,
    list_snapshots,
    load_run,
    measure_series,
    series_trend,
    store_run,
    take_snapshot,
)
from coding.agreement.units import UNIT_KINDS, PresenceRule  # noqa: E402

__all__ += [
    "AVAILABLE_MEASURES",
    "ComparisonParams",
    "ComparisonResult",
    "DEFAULT_MEASURES",
    "Disagreement",
    "Figure",
    "PresenceRule",
    "UNIT_KINDS",
    "accept_agreements",
    "band",
    "consensus_coder",
    "consensus_progress",
    "decide",
    "decision_log",
    "delete_run",
    "edit",
    "export_decision_log",
    "list_disagreements",
    "list_runs",
    "list_snapshots",
    "load_run",
    "measure_series",
    "run_comparison",
    "series_trend",
    "side_by_side",
    "store_run",
    "take",
    "take_both",
    "take_neither",
    "take_snapshot",
    "undo_decision",
]
