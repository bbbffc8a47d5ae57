"""A small real project where the machine coder has something learnable: sentences about waiting lists and
appointments are coded Access, sentences about budgets and money Finance, by the coder Lin; a third code, Rare,
has only three examples (too few to train on). Morgan codes the same documents a little differently."""

from __future__ import annotations

import random
from pathlib import Path

from coding.project import Project

ACCESS = (
    "Patients wait months on the waiting list for an appointment.",
    "The queue for a specialist appointment is far too long.",
    "People cannot get an appointment at the county hospital quickly.",
    "Waiting times for referrals keep growing every year.",
    "My mother waited weeks on the list before she saw a doctor.",
    "The appointment system makes people queue from early morning.",
)
FINANCE = (
    "The budget for the alliance comes from the county government.",
    "Money for new equipment is always short in our budget.",
    "Funding is allocated by the health bureau every spring.",
    "Our revenue depends on insurance payments and the budget.",
    "Salaries are paid from the hospital's own money now.",
    "The finance office controls every yuan of the budget.",
)
OTHER = (
    "We talked about many things that afternoon.",
    "I have worked here for eleven years.",
    "The weather was pleasant during the visit.",
    "Colleagues in the department are friendly.",
    "We usually have lunch together in the canteen.",
    "The building was renovated two years ago.",
    "I studied medicine in the provincial capital.",
    "Our team meets every Monday morning.",
)
RARE = "The alliance badge is printed in blue and gold."
CODES = ("Access", "Finance", "Rare")


def _document(rng: random.Random, index: int) -> tuple[str, list[tuple[int, int, str]]]:
    """A transcript and the (start, end, code) of the sentences Lin codes in it."""
    text = ""
    coded: list[tuple[int, int, str]] = []
    for turn in range(6):
        text += f"Interviewer: Question {turn + 1} of interview {index + 1}, please tell me more.\n"
        sentences: list[tuple[str, str | None]] = [(rng.choice(OTHER), None)]
        sentences.append(rng.choice([(rng.choice(ACCESS), "Access"), (rng.choice(FINANCE), "Finance")]))
        if index < 3 and turn == 0:
            sentences.append((RARE, "Rare"))
        rng.shuffle(sentences)
        text += "Respondent:"
        for sentence, code in sentences:
            text += " "
            if code is not None:
                coded.append((len(text), len(text) + len(sentence), code))
            text += sentence
        text += "\n"
    return text, coded


def build_machine_project(path: Path, documents: int = 8, uncoded: int = 2, seed: int = 7) -> Path:
    """The project at ``path``: ``documents`` English transcripts coded by Lin (and Morgan) and ``uncoded`` more
    that nobody coded yet ("New 01" …); codes Access, Finance and Rare at the top level."""
    from coding.codebook.operations import add_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text

    rng = random.Random(seed)
    project = Project.create(path, with_codebook=False)
    try:
        with project.session() as session:
            codes = {name: add_code(session, name, actor="tester").id for name in CODES}
            lin = get_or_create_coder(session, "Lin", actor="tester")
            morgan = get_or_create_coder(session, "Morgan", actor="tester")
            for index in range(documents):
                text, coded = _document(rng, index)
                document = add_document_text(session, name=f"Interview {index + 1:02d}", text=text,
                                             source_name=f"i{index + 1}.txt", format="txt", language="en")
                for number, (start, end, code) in enumerate(coded):
                    for coder, skip in ((lin, False), (morgan, number % 5 == 4)):
                        if not skip:
                            apply_code(session, document_id=document.id, coder_id=coder.id, code_id=codes[code],
                                       start=start, end=end, actor="tester")
            for index in range(uncoded):
                text, _coded = _document(rng, documents + index)
                add_document_text(session, name=f"New {index + 1:02d}", text=text, source_name=f"n{index + 1}.txt",
                                  format="txt", language="en")
    finally:
        project.close()
    return path
