"""REFI-QDA exchange: projects (``.qdpx``) and codebooks (``.qdc``) to and from other QDA programs.

Qt-free. ``export_qdpx``/``export_qdc`` write files that validate against the official schemas
(shipped in ``resources/refi``); ``import_qdpx`` builds a new project from an archive and
``import_qdc`` merges a codebook into an open one. Every call returns a :class:`RefiReport` with
counts, what was skipped and why, warnings and schema findings. See ``docs/refi.md``.
"""

from coding.refi.codebook_qdc import export_qdc, import_qdc
from coding.refi.common import Flavour
from coding.refi.export import export_qdpx
from coding.refi.importer import import_qdpx
from coding.refi.positions import PlainText, Units, choose_units, producer_units
from coding.refi.report import RefiReport
from coding.refi.safety import DEFAULT_LIMITS, ArchiveLimits

__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveLimits",
    "Flavour",
    "PlainText",
    "RefiReport",
    "Units",
    "choose_units",
    "export_qdc",
    "export_qdpx",
    "import_qdc",
    "import_qdpx",
    "producer_units",
]
