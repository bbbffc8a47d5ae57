"""Fixtures for the GUI tests: one small real project (built once, copied per test), private QSettings,
and message boxes routed to a list instead of the screen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

EN_TEXT = (
    "Interviewer: Could you describe your role and how your office relates to the medical group?\n\n"
    "R: I head the district health bureau. Before the reform, every district hospital came to my office for "
    "everything. Since the group was set up as an independent legal person, my job has changed. We sit on the "
    "council and we set the targets.\n\n"
    "Interviewer: What moved from your office to the group?\n\n"
    "R: The hospitals stopped being separate units with separate accounts. They became one legal entity with one "
    "set of books. The council appoints the group president.\n"
)
ZH_TEXT = (
    "访谈者：请您介绍一下医联体的情况。\n\n"
    "受访者：我们医联体成立于2017年，政府作为出资人，负责任命院长。财务统一管理，人事权下放到集团。\n\n"
    "访谈者：您怎么看政府监管？\n\n"
    "受访者：政府的监管主要是考核指标😀，年底检查𠀀。\n"
)


@dataclass(frozen=True)
class Sample:
    """Where the fixture project's documents and coders are."""

    path: Path
    en_id: int
    zh_id: int
    alice_id: int
    bob_id: int


def _build(path: Path) -> Sample:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from coding.project import Project

    project = Project.create(path)
    with project.session() as session:
        en = add_document_text(session, name="P01 bureau", text=EN_TEXT, source_name="p01.txt", format="txt")
        zh = add_document_text(session, name="P02 中文", text=ZH_TEXT, source_name="p02.txt", format="txt")
        alice = get_or_create_coder(session, "Alice", actor="fixture")
        bob = get_or_create_coder(session, "Bob", actor="fixture")
        start = EN_TEXT.index("Since the group")
        apply_code(
            session, document_id=en.id, coder_id=bob.id, code_id=find_code(session, "Organizational changes").id,
            start=start, end=start + 60, actor="fixture", memo="Bob's view",
        )
        ids = Sample(path, en.id, zh.id, alice.id, bob.id)
    project.close()
    return ids


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return _build(tmp_path_factory.mktemp("template") / "sample.concord")


@pytest.fixture
def sample(template: Sample, tmp_path: Path) -> Sample:
    target = tmp_path / "sample.concord"
    shutil.copy(template.path, target)
    return Sample(target, template.en_id, template.zh_id, template.alice_id, template.bob_id)


@pytest.fixture
def settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every error or info box the app shows, instead of showing it."""
    from app import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, title="Concord": shown.append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, message, title="Concord": shown.append(message))
    return shown


@pytest.fixture
def window(qtbot, sample: Sample, settings, messages) -> Iterator:  # type: ignore[no-untyped-def]
    from app.main import MainWindow

    main = MainWindow(sample.path, settings, coder="Alice")
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitExposed(main)
    yield main
    main.close()
