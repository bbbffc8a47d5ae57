"""TLS: with --cert/--key clients connect with sslmode=require (and verify-full against the certificate);
a client without TLS is refused; a missing or unusable certificate is refused before anything starts."""

from __future__ import annotations

import datetime
import ipaddress
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.server import ServerError, add_user, server_status, start_server, stop_server
from coding.server.cluster import superuser_login
from tests.server.conftest import free_port, stop_if_running


def make_self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.crt", folder / "server.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


def test_tls_server_accepts_require_and_verify_full_and_refuses_plain(pg_stopped: Path, tmp_path: Path) -> None:
    directory = pg_stopped
    cert, key = make_self_signed(tmp_path)
    port = free_port()
    try:
        result = CliRunner().invoke(cli, ["server", "start", str(directory), "--port", str(port),
                                          "--cert", str(cert), "--key", str(key)])
        assert result.exit_code == 0, result.output
        assert f"127.0.0.1:{port}, TLS" in result.output and server_status(directory).tls
        user, password = superuser_login(directory)
        login = {"host": "127.0.0.1", "port": port, "user": user, "password": password, "dbname": "postgres"}
        with psycopg.connect(**login, sslmode="require") as conn:
            assert conn.pgconn.ssl_in_use and conn.execute("SELECT current_user").fetchone() == (user,)
        verified = {**login, "host": "localhost", "sslmode": "verify-full", "sslrootcert": str(cert)}
        with psycopg.connect(**verified) as conn:
            assert conn.pgconn.ssl_in_use
        with pytest.raises(psycopg.OperationalError, match="accepts TLS connections only"):
            psycopg.connect(**login, sslmode="disable")
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(**{**login, "password": "not-it"}, sslmode="require")
        coder = add_user(directory, "Lin", "coder")  # add-user reaches PostgreSQL behind the TLS front end
        with psycopg.connect(**{**login, "user": "Lin", "password": coder.password}, sslmode="require") as conn:
            assert conn.execute("SELECT current_user").fetchone() == ("Lin",)
        stop_server(directory)
        assert not (directory / "run" / "tls.pid").exists()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(**login, sslmode="require", connect_timeout=3)
    finally:
        stop_if_running(directory)  # the stopped server is shared: leave it stopped even on failure


def test_missing_or_unusable_certificates_are_refused_before_starting(pg_stopped: Path, tmp_path: Path) -> None:
    directory = pg_stopped
    cert, key = make_self_signed(tmp_path)
    garbage = tmp_path / "garbage.crt"
    garbage.write_text("-----BEGIN CERTIFICATE-----\nnot a certificate\n", encoding="utf-8")
    (tmp_path / "other").mkdir()
    _, other_key = make_self_signed(tmp_path / "other")
    cases = [
        (tmp_path / "absent.crt", key, "the TLS certificate file does not exist"),
        (cert, tmp_path / "absent.key", "the TLS key file does not exist"),
        (tmp_path, key, "the TLS certificate is not a file"),
        (garbage, key, "not a usable PEM certificate"),
        (cert, other_key, "not a usable PEM certificate"),
    ]
    for bad_cert, bad_key, message in cases:
        with pytest.raises(ServerError, match=message):
            start_server(directory, "127.0.0.1", free_port(), bad_cert, bad_key)
        assert not server_status(directory).running
    result = CliRunner().invoke(cli, ["server", "start", str(directory), "--cert", str(cert)])
    assert result.exit_code == 1 and result.output.strip() == "Error: TLS needs both --cert FILE and --key FILE"
    assert not server_status(directory).running
