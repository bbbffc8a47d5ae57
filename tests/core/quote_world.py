"""A small real project whose codings begin or end on a space, a line break or mid-paragraph: the passages a
quote display used to misquote ("soundsgreat", "theCoordinator")."""

from __future__ import annotations

from pathlib import Path

from coding.project import Project

TEXT = (
    "Interviewer: What do you think of the plan?\n"
    "Ms Ho: It sounds great to me. I called the Coordinator at once.\n\n"
    "Later  we met\tagain, and the plan moved on.\n"
)
QUOTES = (  # coded exactly as written: a leading space, a trailing space, a paragraph break and two spaces
    " great to me.",
    "I called the ",
    "at once.\n\nLater  we met\tagain",
)
DOCUMENT = "Ho interview"
CODE = "Decision rights/Owner functions"
CODER = "Lin"


def build_quote_project(path: Path) -> Path:
    from coding.cases import add_case, attach_document
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text

    project = Project.create(path)
    try:
        with project.session() as session:
            document = add_document_text(session, name=DOCUMENT, text=TEXT, source_name="ho.txt", format="txt",
                                         language="en")
            add_case(session, "P7", actor="tester")
            attach_document(session, "P7", DOCUMENT, actor="tester")
            coder = get_or_create_coder(session, CODER, actor="tester")
            code = find_code(session, CODE)
            for quote in QUOTES:
                start = TEXT.index(quote)
                apply_code(session, document_id=document.id, coder_id=coder.id, code_id=code.id, start=start,
                           end=start + len(quote), actor="tester")
    finally:
        project.close()
    return path
