"""Issue 14's "Done when", walked as a lab would: one server, a lead, two coders, end to end.

``concord server init`` / ``start``, ``server add-user`` for a lead and two coders, the lead's ``concord new URL``
and ``import``; the two coders code at the same time from two command-line processes and from two app windows;
each window sees the lead's new code live but not the other coder's codings while the project is blind (neither
in its views, nor through its own connection, nor through psql), and sees them once the lead turns blind mode
off; the lead's agreement on the server equals the agreement on a ``team pull`` snapshot; ``server stop``.

Every command runs in a process of its own through the real entry point (``python -m coding``, what the
``concord`` script runs), with the password in ``PGPASSWORD`` as docs/postgres.md advises; the windows are real
MainWindows with the app's features. The commands are those of docs/postgres.md, "Walkthrough: a lab's first
team project". Each step's edge cases are tested beside its code (test_roles, test_live, test_transfer,
tests/app/test_live_refresh, tests/app/test_roles); this file tests that the steps join up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import URL, func, select

from coding import live
from models import Coding
from tests.pg import free_port, server_base, stop_if_running, unavailable

ROOT = Path(__file__).parents[2]
DATABASE = "alliance_study"
LEAD, LIN, MORGAN = "rivera", "lin", "morgan"
CODES = ("Decision rights/Organizational changes", "Market competition/Personnel management rights",
         "Residual claims/Financial management rights")
NEW_CODE = "Referral rules"
WAIT_MS = 30_000  # generous for a loaded machine; a passing test never waits this long
COMMAND_TIMEOUT_S = 300
# Features as `concord gui` installs them, less the warm-up (spaCy, scipy … preloaded for a person's first chart).
WINDOW_FEATURES = ("app.agreement", "app.analysis", "app.team", "app.live_refresh", "app.roles")

TRANSCRIPTS = {
    "director.txt": (
        "Interviewer: How did the alliance change your hospital?\n"
        "Director: The county hospital took over the township clinics. We share doctors now. The budget is "
        "decided at the county level. Money follows the patients, not the beds. Our surplus goes back to the "
        "alliance.\n"
        "Interviewer: Who hires the staff?\n"
        "Director: The lead hospital hires and posts the doctors. The clinics can only propose names. Nurses "
        "are still hired locally. Training is run by the county.\n"
        "Interviewer: And the money?\n"
        "Director: One account for the whole alliance. The clinics report their costs every quarter. Bonuses "
        "depend on referrals.\n"),
    "township_doctor.txt": (
        "Interviewer: What changed for you?\n"
        "Doctor: I rotate to the county hospital every month. My salary still comes from the clinic. The "
        "equipment was bought by the alliance. We refer more patients upwards now. The patients like the "
        "specialists' visits. Some colleagues left for the city.\n"
        "Interviewer: Who decides what you buy?\n"
        "Doctor: The alliance board decides. We send a list once a year. Small items we still buy ourselves.\n"),
}
PATIENT_PARAGRAPHS = (
    "Interviewer: How do you see a doctor now?",
    "Patient: I see the specialist in the township on Tuesdays. The waiting time is shorter. The fees are the "
    "same as before. My records follow me to the county hospital.",
)


# -- running concord as a person would -----------------------------------------------------------------------
def concord(*args: object, password: str | None = None) -> subprocess.CompletedProcess[str]:
    """``concord ARGS`` in a process of its own; ``password`` in PGPASSWORD (never in the URL)."""
    env = {key: value for key, value in os.environ.items() if key != "PGPASSWORD"}
    if password is not None:
        env["PGPASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "coding", *map(str, args)], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=COMMAND_TIMEOUT_S, check=False)


def succeeds(*args: object, password: str | None = None) -> str:
    result = concord(*args, password=password)
    assert result.returncode == 0, f"concord {args[0]} {args[1]}: {result.stderr}"
    assert "Error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def json_of(*args: object, password: str | None = None) -> Any:
    return json.loads(succeeds(*args, "--json", password=password))


# -- the lab -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lab:
    directory: Path
    port: int
    passwords: dict[str, str]  # login -> the one-time password `server add-user` printed
    rounds: list[Coded] = field(default_factory=list)  # the coders' command-line rounds so far

    def url(self, login: str) -> str:
        """The project's URL as the docs write it: no password (it comes from PGPASSWORD)."""
        return f"postgresql+psycopg://{login}@127.0.0.1:{self.port}/{DATABASE}"

    def url_with_password(self, login: str) -> str:
        """For the windows of this test process (a person's app would find it in ~/.pgpass)."""
        return URL.create("postgresql+psycopg", username=login, password=self.passwords[login], host="127.0.0.1",
                          port=self.port, database=DATABASE).render_as_string(hide_password=False)

    def run(self, login: str, *args: object) -> str:
        """``concord ARGS`` as ``login``: their password in PGPASSWORD."""
        return succeeds(*args, password=self.passwords[login])

    def psql(self, login: str) -> psycopg.Connection[tuple[Any, ...]]:
        """What the person has with psql: a plain connection as their own login."""
        return psycopg.connect(host="127.0.0.1", port=self.port, dbname=DATABASE, user=login,
                               password=self.passwords[login], autocommit=True, connect_timeout=10)


def write_transcripts(folder: Path) -> Path:
    import docx

    folder.mkdir()
    for name, text in TRANSCRIPTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    document = docx.Document()
    for paragraph in PATIENT_PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.save(str(folder / "patient.docx"))
    return folder


def add_users(directory: Path, roles: dict[str, str]) -> dict[str, str]:
    """`concord server add-user DIR NAME --role R --json` for each person, all at once; their passwords."""
    running = {name: subprocess.Popen(
        [sys.executable, "-m", "coding", "server", "add-user", str(directory), name, "--role", role, "--json"],
        cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for name, role in roles.items()}
    passwords = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=COMMAND_TIMEOUT_S)
        assert process.returncode == 0, err
        printed = json.loads(out)
        assert printed["user"] == name and printed["role"] == roles[name]
        passwords[name] = str(printed["password"])
    return passwords


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """The lead's first hour: a server, three logins, the project and its transcripts."""
    base = server_base()
    directory = base / "lab-server"
    try:
        made = concord("server", "init", directory, "--json")
        if made.returncode != 0:
            unavailable(made.stderr.strip())
        assert json.loads(made.stdout)["password"]
        port = free_port()
        started = json_of("server", "start", directory, "--port", port)
        assert started["running"] and started["port"] == port
        passwords = add_users(directory, {LEAD: "lead", LIN: "coder", MORGAN: "coder"})
        made_lab = Lab(directory, port, passwords)

        created = made_lab.run(LEAD, "new", made_lab.url(LEAD))
        assert "roles set up, blind mode on" in created and passwords[LEAD] not in created
        interviews = write_transcripts(tmp_path_factory.mktemp("lab") / "interviews")
        imported = made_lab.run(LEAD, "import", made_lab.url(LEAD), interviews)
        assert "Imported 3, skipped 0, failed 0." in imported
        yield made_lab
    finally:
        stop_if_running(directory)
        shutil.rmtree(base, ignore_errors=True)


# -- two coders on the command line, at the same time ----------------------------------------------------------
# One coder's session at the command line: `concord coders add` (their own row) then one `concord code` per
# passage, through the real click group in one process (a shell loop would start Python once per passage). It waits for
# "go" on stdin, so both coders start at the same moment.
CODER_SESSION = """
import json, sys
import click
from coding.cli import cli
import coding.cli.coders, coding.cli.core  # loaded before the start line, as a running shell would have them
commands = json.loads(open(sys.argv[1], encoding="utf-8").read())
sys.stdin.readline()
failed = 0
for args in commands:
    try:
        cli.main(args, prog_name="concord", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        failed += 1
sys.exit(1 if failed else 0)
"""


@dataclass(frozen=True)
class Passage:
    document: str
    start: int
    end: int


@dataclass(frozen=True)
class Coded:
    passages: list[Passage]
    acknowledged: dict[str, list[str]]  # coder -> uuids of the codings `concord code` printed as made


def passages(lab: Lab) -> list[Passage]:
    """Every sentence of every transcript (the lead's view of the project)."""
    with lab.psql(LEAD) as conn:
        rows = conn.execute('SELECT d.name, s.start, s."end" FROM sentences s JOIN documents d ON d.id = '
                            "s.document_id ORDER BY d.name, s.position").fetchall()
    return [Passage(str(name), int(start), int(end)) for name, start, end in rows]


def code_for(coder: str, number: int) -> str:
    """Lin and Morgan agree on three passages in four: agreement has something to measure."""
    shift = 1 if coder == MORGAN and number % 4 == 3 else 0
    return CODES[(number + shift) % len(CODES)]


def session_commands(lab: Lab, coder: str, chosen: list[Passage]) -> list[list[str]]:
    url = lab.url(coder)
    return [["coders", "add", url, coder, "--json"]] + [
        ["code", url, "--document", p.document, "--coder", coder, "--code", code_for(coder, number),
         "--start", str(p.start), "--end", str(p.end), "--json"] for number, p in enumerate(chosen)]


def printed_objects(output: str) -> list[dict[str, Any]]:
    """The JSON objects a run of several --json commands printed, one after another."""
    decoder, found, at = json.JSONDecoder(), [], 0
    while at < len(output):
        if output[at].isspace():
            at += 1
            continue
        value, at = decoder.raw_decode(output, at)
        found.append(value)
    return found


class CodingRound:
    """Lin and Morgan each code every passage from the command line, in two processes started together."""

    def __init__(self, lab: Lab, folder: Path) -> None:
        self.lab, self.passages = lab, passages(lab)
        assert len(self.passages) >= 24  # a few dozen passages each
        self.processes: dict[str, subprocess.Popen[str]] = {}
        self.outputs = {coder: folder / f"{coder}.out" for coder in (LIN, MORGAN)}
        for coder, output in self.outputs.items():
            commands = folder / f"{coder}.json"
            commands.write_text(json.dumps(session_commands(lab, coder, self.passages)), encoding="utf-8")
            with output.open("w", encoding="utf-8") as printed:  # a file, not a pipe: nobody need read it meanwhile
                self.processes[coder] = subprocess.Popen(
                    [sys.executable, "-c", CODER_SESSION, str(commands)], cwd=ROOT, text=True,
                    env={**os.environ, "PGPASSWORD": lab.passwords[coder]}, stdin=subprocess.PIPE, stdout=printed,
                    stderr=subprocess.STDOUT)
        for process in self.processes.values():  # both coders start now
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.close()

    def finished(self) -> bool:
        return all(process.poll() is not None for process in self.processes.values())

    def results(self) -> Coded:
        acknowledged = {}
        for coder, process in self.processes.items():
            process.wait(timeout=COMMAND_TIMEOUT_S)
            output = self.outputs[coder].read_text(encoding="utf-8")
            assert process.returncode == 0 and "Error" not in output, f"{coder}: {output}"
            printed = printed_objects(output)
            assert printed[0] == {"coder": coder, "uuid": printed[0]["uuid"]}
            acknowledged[coder] = [str(made["uuid"]) for made in printed[1:]]
        coded = Coded(self.passages, acknowledged)
        self.lab.rounds.append(coded)
        return coded


@pytest.fixture()
def coded(lab: Lab, tmp_path: Path) -> Coded:
    """The coders' command-line round: the one the windows watched, or (a test run alone) one run now."""
    return lab.rounds[0] if lab.rounds else CodingRound(lab, tmp_path).results()


def codings_by_coder(conn: psycopg.Connection[tuple[Any, ...]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name, uuid in conn.execute("SELECT k.name, c.uuid FROM codings c JOIN coders k ON k.id = c.coder_id"):
        found.setdefault(str(name), set()).add(str(uuid))
    return found


# -- two coders in the app while both code from the command line too ---------------------------------------------
def open_window(qtbot, settings, location: str):  # type: ignore[no-untyped-def]
    from app import live_refresh
    from app.main import MainWindow, install_features

    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    install_features(window, WINDOW_FEATURES)
    assert window.open_project(location)  # a coder codes as their login: no coder to choose
    window.show()
    qtbot.waitExposed(window)
    refresh = live_refresh.live_refresh_of(window)
    assert refresh is not None and refresh.listener is not None
    assert refresh.listener.listening.wait(WAIT_MS / 1000)
    return window


def code_names(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {info.name for info in window.codebook_model.infos.values()}


def shown(window) -> set[int]:  # type: ignore[no-untyped-def]
    """Whose codings the window shows of the open document, by coder id: the transcript and Coded segments."""
    return {c.coder_id for c in window.transcript.codings} | {r.coder_id for r in window.segments_model.rows}


def shown_of(window, coder_id: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """How many of ``coder_id``'s codings the transcript and the Coded segments table show."""
    return (sum(c.coder_id == coder_id for c in window.transcript.codings),
            sum(r.coder_id == coder_id for r in window.segments_model.rows))


def readable_codings_of(window, coder_id: int) -> int:  # type: ignore[no-untyped-def]
    """What the window's own connection may read of ``coder_id``'s codings (no filter of the app's)."""
    with window.bench.project.session() as session:
        return int(session.scalar(select(func.count(Coding.id)).where(Coding.coder_id == coder_id)) or 0)


def idle(window) -> bool:  # type: ignore[no-untyped-def]
    from app import live_refresh

    refresh = live_refresh.live_refresh_of(window)
    return refresh is not None and not refresh.pending and not refresh.flush_timer.isActive()


def new_code_file(folder: Path) -> Path:
    from coding.codebook.exchange import CODEBOOK_FORMAT, CODEBOOK_VERSION

    path = folder / "referral-codes.json"
    path.write_text(json.dumps({"format": CODEBOOK_FORMAT, "version": CODEBOOK_VERSION, "codes": [
        {"name": NEW_CODE, "definition": "Who may send a patient up or down the alliance, and on what terms."}]}),
        encoding="utf-8")
    return path


@pytest.fixture()
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every error or info box the windows show, instead of showing it."""
    from app import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, title="Concord": shown.append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, message, title="Concord": shown.append(message))
    return shown


def test_coders_windows_show_new_codes_live_and_others_codings_only_when_not_blind(  # type: ignore[no-untyped-def]
        qtbot, lab: Lab, settings, messages: list[str], tmp_path: Path) -> None:
    """One app per person, as Concord runs: the two windows share this process, so each hears the others'
    command-line processes (an app ignores only its own process's notices)."""
    from app import live_refresh

    assert not lab.rounds, "the windows watch the first round of coding"
    windows = {name: open_window(qtbot, settings, lab.url_with_password(name)) for name in (LIN, MORGAN)}
    try:
        ids = {name: window.bench.coder_id for name, window in windows.items()}
        assert {name: window.bench.coder_name for name, window in windows.items()} == {LIN: LIN, MORGAN: MORGAN}
        heard: dict[str, list[live.Notice]] = {name: [] for name in windows}
        for name, window in windows.items():
            refresh = live_refresh.live_refresh_of(window)
            assert refresh is not None
            refresh.noticed.connect(lambda _generation, notice, name=name: heard[name].append(notice))
            director = next(row.id for row in window.documents_model.rows if row.name == "director")
            window.open_document(director)
            assert window.segments_dock.isVisible() and window.segments_panel.current_scope() == "document"

        # The lead adds a code: both codebooks show it without reopening.
        lab.run(LEAD, "codebook", "import", lab.url(LEAD), new_code_file(tmp_path))
        for window in windows.values():
            qtbot.waitUntil(lambda window=window: NEW_CODE in code_names(window), timeout=WAIT_MS)

        # Both code at once from the command line; each window shows its coder's new codings as they come ...
        coding_round = CodingRound(lab, tmp_path)
        qtbot.waitUntil(coding_round.finished, timeout=COMMAND_TIMEOUT_S * 1000)
        coded = coding_round.results()
        in_director = sum(1 for p in coded.passages if p.document == "director")
        for name, other in ((LIN, MORGAN), (MORGAN, LIN)):
            window = windows[name]
            qtbot.waitUntil(lambda window=window, name=name: shown_of(window, ids[name]) == (in_director,) * 2,
                            timeout=WAIT_MS)
            # ... and hears that the other coded there too, yet shows none of it: the project is blind.
            qtbot.waitUntil(lambda name=name, other=other: any(
                touched.coder_id == ids[other] for notice in heard[name] for touched in notice.codings or ()),
                timeout=WAIT_MS)
            qtbot.waitUntil(lambda window=window: idle(window), timeout=WAIT_MS)
            assert window.bench.blind and shown(window) == {ids[name]}
            assert readable_codings_of(window, ids[other]) == 0  # the server hides them, not only the view
            with lab.psql(name) as conn:
                assert codings_by_coder(conn).keys() == {name}

        # Each codes a passage with the lead's new code in the window: an undo step of their own.
        new_code = next(info.uuid for info in windows[LIN].codebook_model.infos.values() if info.name == NEW_CODE)
        for window in windows.values():
            assert window.apply_code(new_code, (0, 11))
            assert window.bench.undo_stack.count() == 1  # the others' work never lands on this undo stack

        # The lead turns blind mode off: both windows follow and show the other's codings.
        assert "Blind mode is now off" in lab.run(LEAD, "team", "blind", lab.url(LEAD), "off")
        for name, other in ((LIN, MORGAN), (MORGAN, LIN)):
            window = windows[name]
            qtbot.waitUntil(lambda window=window: not window.bench.blind, timeout=WAIT_MS)
            qtbot.waitUntil(lambda window=window, other=other: ids[other] in shown(window), timeout=WAIT_MS)
            assert readable_codings_of(window, ids[other]) == len(coded.passages) + 1

        # And on again for the next round: the windows hide the other's codings again.
        assert "Blind mode is now on" in lab.run(LEAD, "team", "blind", lab.url(LEAD), "on")
        for name, window in windows.items():
            qtbot.waitUntil(lambda window=window: window.bench.blind, timeout=WAIT_MS)
            qtbot.waitUntil(lambda window=window, name=name: shown(window) == {ids[name]}, timeout=WAIT_MS)
        assert messages == []
    finally:
        for window in windows.values():
            window.close()


def test_two_coders_code_at_once_from_the_command_line_and_none_is_lost(lab: Lab, coded: Coded) -> None:
    for coder in (LIN, MORGAN):
        assert len(coded.acknowledged[coder]) == len(coded.passages)
    with lab.psql(LEAD) as lead:  # every coding `concord code` acknowledged is there
        seen_by_lead = codings_by_coder(lead)
    for coder in (LIN, MORGAN):
        assert set(coded.acknowledged[coder]) <= seen_by_lead[coder]
    for coder, other in ((LIN, MORGAN), (MORGAN, LIN)):  # blind: psql as a coder shows their own codings only
        with lab.psql(coder) as conn:
            seen = codings_by_coder(conn)
            listed = {str(row[0]) for row in conn.execute("SELECT name FROM coders")}
        assert seen == {coder: seen_by_lead[coder]}, f"{coder} sees the codings of {set(seen)}"
        assert other in listed  # who else codes is no secret; what they coded is


# -- the lead's agreement, on the server and on a snapshot ------------------------------------------------------
def figures(printed: dict[str, Any]) -> list[str]:
    """Each figure of a comparison, in an order that does not depend on how the rows were read."""
    keys = ("code_uuid", "level", "document_uuid", "coder_a", "coder_b", "measure", "units", "value", "n_units",
            "ci_low", "ci_high", "note")
    return sorted(json.dumps([f[key] for key in keys]) for f in printed["figures"])


def test_the_lead_runs_agreement_and_a_snapshot_gives_the_same_figures(lab: Lab, coded: Coded,
                                                                       tmp_path: Path) -> None:
    assert json_of("team", "blind", lab.url(LEAD), password=lab.passwords[LEAD])["blind"] is True  # kept on
    on_server = json_of("agreement", "compare", lab.url(LEAD), "--coders", f"{LIN},{MORGAN}",
                        password=lab.passwords[LEAD])
    assert on_server["run_id"] is not None and on_server["parameters"]["coders"] == [LIN, MORGAN]
    pooled = [f for f in on_server["figures"] if f["code_name"].endswith("/Organizational changes")
              and f["measure"] == "percent" and f["units"] == "all" and f["document_uuid"] is None]
    assert len(pooled) == 1 and 0.5 < pooled[0]["value"] < 1  # the coders differ on one passage in four

    snapshot = tmp_path / "alliance-study-snapshot.concord"
    pulled = json_of("team", "pull", lab.url(LEAD), snapshot, password=lab.passwords[LEAD])
    assert pulled and snapshot.exists()
    offline = json_of("agreement", "compare", snapshot, "--coders", f"{LIN},{MORGAN}", "--no-store")
    assert figures(offline) == figures(on_server)


def test_a_blind_coder_cannot_compare_coders(lab: Lab, coded: Coded) -> None:
    """The server hides the other's codings from a blind coder, so a comparison would count the other as having
    coded nothing ('no document was coded by two or more …', or with --documents 'morgan 0 of 1'): refused."""
    for extra in ((), ("--documents", "director")):
        refused = concord("agreement", "compare", lab.url(LIN), "--coders", f"{LIN},{MORGAN}", "--no-store", *extra,
                          password=lab.passwords[LIN])
        said = refused.stderr
        assert refused.returncode == 1 and said.count("Error:") == 1, refused.stdout[-300:]
        assert "blind" in said and f"'{LIN}' (coder)" in said and MORGAN in said, said


# -- the end of the day --------------------------------------------------------------------------------------
def test_the_lead_stops_the_server(lab: Lab) -> None:
    assert json_of("server", "stop", lab.directory)["running"] is False
    assert json_of("server", "status", lab.directory)["running"] is False
    refused = concord("info", lab.url(LEAD), password=lab.passwords[LEAD])
    assert refused.returncode == 1 and refused.stderr.count("Error:") == 1 and "Traceback" not in refused.stderr
    assert "cannot reach the database server" in refused.stderr
