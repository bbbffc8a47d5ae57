"""A small real project for autocoding by structure: three transcripts (English with a metadata header, Chinese,
English with Q:/Dr Li: labels and an unlabelled opening), cases with a text, a number and a date attribute, coders
Lin and Morgan, a consensus coder, and the built-in codebook. Shared by the core, CLI and GUI tests."""

from __future__ import annotations

from pathlib import Path

from coding import cases
from coding.coders import get_or_create_coder
from coding.importing import add_document_text
from coding.project import Project

ACTOR = "test"
HEADED_EN = (
    "Interview ID: P07\n"
    "Date: 2021-05-12\n"
    "\n"
    "Interviewer: Thank you for joining by video. Could you describe your role?\n"
    "Doctor: I coordinate the telemedicine office. We schedule the consultations.\n"
    "interviewer: How is the network governed?\n"
    "Doctor: It is a cooperative network, not a group.\n"
)
CHINESE = (
    "访谈者：院长您好，请介绍一下医共体。\n"
    "\n"
    "受访者：好的。我们是牵头医院，下面有十四个乡镇卫生院。\n"
    "\n"
    "访谈者：经费怎么管理？\n"
    "\n"
    "受访者：结余留用，由医共体统一管理。\n"
)
LABELLED_Q = (
    "Notes taken after the visit.\n"
    "\n"
    "Q: Who decides on investment?\n"
    "Dr Li: The county health commission still decides on large equipment.\n"
    "Q: And on staff?\n"
    "Dr Li: We recruit ourselves now.\n"
)
# What each interviewer turn and each answer says (turn content, without the label), in document order.
QUESTIONS = {
    "A07": ["Thank you for joining by video. Could you describe your role?", "How is the network governed?"],
    "B03": ["院长您好，请介绍一下医共体。", "经费怎么管理？"],
    "C11": ["Who decides on investment?", "And on staff?"],
}
ANSWERS = {
    "A07": ["I coordinate the telemedicine office. We schedule the consultations.",
            "It is a cooperative network, not a group."],
    "B03": ["好的。我们是牵头医院，下面有十四个乡镇卫生院。", "结余留用，由医共体统一管理。"],
    "C11": ["The county health commission still decides on large equipment.", "We recruit ourselves now."],
}
CASES = {"A07": "P07", "B03": "P03", "C11": "P11"}
ATTRIBUTES = {  # case -> role, years (number), interviewed (date)
    "P07": ("Doctor", "12", "2021-05-12"),
    "P03": ("Director", "4", "2021-03-05"),
    "P11": ("Doctor", "", "2021-06-30"),
}


def build_world(folder: Path) -> Path:
    """Build ``folder/study.concord`` (transcripts segmented as an import does) and return its path."""
    path = folder / "study.concord"
    project = Project.create(path)
    try:
        with project.session() as session:
            for name, text in (("A07", HEADED_EN), ("B03", CHINESE), ("C11", LABELLED_Q)):
                add_document_text(session, name=name, text=text, source_name=f"{name}.txt", format="txt")
                cases.add_case(session, CASES[name], actor=ACTOR)
                cases.attach_document(session, CASES[name], name, actor=ACTOR)
            cases.ensure_attribute(session, "role", actor=ACTOR)
            cases.ensure_attribute(session, "years", "number", actor=ACTOR)
            cases.ensure_attribute(session, "interviewed", "date", actor=ACTOR)
            for case, (role, years, day) in ATTRIBUTES.items():
                cases.set_attribute_value(session, case, "role", role, actor=ACTOR)
                cases.set_attribute_value(session, case, "years", years, actor=ACTOR)
                cases.set_attribute_value(session, case, "interviewed", day, actor=ACTOR)
            for coder in ("Lin", "Morgan"):
                get_or_create_coder(session, coder, actor=ACTOR)
            get_or_create_coder(session, "Consensus", actor=ACTOR, is_consensus=True)
    finally:
        project.close()
    return path
