"""Inter-coder agreement: measures over reliability matrices, unitizing alphas, bootstrap intervals.

Pure numpy; nothing here touches the database (unit building and stored runs live in sibling modules).
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
