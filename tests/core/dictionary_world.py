"""A small real project for dictionary tests: two English transcripts and one Chinese, cases with an alliance
mode, coder Lin, the built-in codebook. Shared by the core, CLI and GUI tests of dictionaries."""

from __future__ import annotations

from pathlib import Path

from coding import cases
from coding.coders import get_or_create_coder
from coding.importing import add_document_text
from coding.project import Project

ACTOR = "test"
EN_ONE = (
    "Interviewer: How do referrals work now?\n"
    "Doctor: Referrals go up quickly. The waiting list is shorter in primary care. "
    "The budget for the new county hospital came late.\n"
    "Interviewer: And the care home?\n"
    "Doctor: The care home is separate. I walked there; we walk a lot.\n"
)
EN_TWO = (
    "Interviewer: Who decides?\n"
    "Director: The hospital board decides on the budget. Patients walking in are referred to primary care.\n"
)
ZH = (
    "访谈者：医联体怎么运作？\n"
    "受访者：医联体的基层医疗很重要。双向转诊已经开始。\n"
)
DOCUMENTS = (("E1", EN_ONE, "P1", "Urban group"), ("E2", EN_TWO, "P2", "County community"),
             ("Z1", ZH, "P3", "County community"))
DICTIONARY = """\
# Access and money in the alliance.

ACCESS = Decision rights/Owner functions
    waiting list
    referr*
    "primary care"
    care
    NOT "care home"
    MOBILITY
        @walk
MONEY = Residual claims/Financial management rights
    budget NEAR/5 hospital
    医联体
    "双向 转诊"
EMPTY:
"""


def build_dictionary_world(folder: Path) -> Path:
    """Build ``folder/dict.concord`` with the documents segmented as an import does; return its path."""
    path = folder / "dict.concord"
    project = Project.create(path)
    try:
        with project.session() as session:
            cases.ensure_attribute(session, "mode", actor=ACTOR)
            for name, text, case, mode in DOCUMENTS:
                add_document_text(session, name=name, text=text, source_name=f"{name}.txt", format="txt")
                cases.add_case(session, case, actor=ACTOR)
                cases.attach_document(session, case, name, actor=ACTOR)
                cases.set_attribute_value(session, case, "mode", mode, actor=ACTOR)
            get_or_create_coder(session, "Lin", actor=ACTOR)
    finally:
        project.close()
    return path
