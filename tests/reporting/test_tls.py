"""Mail over STARTTLS and implicit TLS with a login, against a real aiosmtpd server on loopback."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from moderator.config_reporting import Reporting, Smtp
from moderator.reporting.mailer import DeliveryError, Mailer
from tests.fakes import free_port
from tests.reporting.conftest import Recorder

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")

USER, PASSWORD = "moderator", "invented-smtp-password"
RAW = "From: m@example.com\r\nTo: dsl@example.com\r\nSubject: test\r\nMessage-ID: <t1@example.com>\r\n\r\nhello\r\n"


@pytest.fixture(scope="module")
def cert(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(d / "key.pem"),
                    "-out", str(d / "cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return d / "cert.pem", d / "key.pem"


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == \
        (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


@pytest.fixture(params=["starttls", "tls"])
def tls_server(request, cert):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*map(str, cert))
    handler = Recorder()
    # aiosmtpd does not count an implicit-TLS connection as TLS for AUTH: it is encrypted all the same
    kw = ({"tls_context": ctx, "require_starttls": True, "auth_require_tls": True} if request.param == "starttls"
          else {"ssl_context": ctx, "auth_require_tls": False})
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), authenticator=_authenticator,
                            **kw)
    controller.start()
    handler.port, handler.security = controller.port, request.param
    yield handler
    controller.stop()


def _mailer(server, tmp_path, cert, monkeypatch, password=PASSWORD, ca=True) -> Mailer:
    monkeypatch.setenv("MOD_SMTP_USER", USER)
    monkeypatch.setenv("MOD_SMTP_PASSWORD", password)
    smtp = Smtp(host="127.0.0.1", port=server.port, security=server.security, username_env="MOD_SMTP_USER",
                password_env="MOD_SMTP_PASSWORD", sender="m@example.com", timeout=5,
                ca_file=cert[0] if ca else None)
    return Mailer(Reporting(outbox=tmp_path / "outbox", smtp=smtp))


def test_delivers_over_tls_after_login(tls_server, tmp_path, cert, monkeypatch):
    where = _mailer(tls_server, tmp_path, cert, monkeypatch).deliver(RAW, "<t1@example.com>", ["dsl@example.com"])
    assert where == f"smtp:127.0.0.1:{tls_server.port}"
    assert [e.rcpt_tos for e in tls_server.envelopes] == [["dsl@example.com"]]


def test_wrong_password_is_a_delivery_error_without_the_password(tls_server, tmp_path, cert, monkeypatch):
    mailer = _mailer(tls_server, tmp_path, cert, monkeypatch, password="wrong-invented-password")
    with pytest.raises(DeliveryError) as exc:
        mailer.deliver(RAW, "<t1@example.com>", ["dsl@example.com"])
    assert "535" in str(exc.value) and "wrong-invented-password" not in str(exc.value)
    assert tls_server.envelopes == []


def test_untrusted_certificate_is_refused(tls_server, tmp_path, cert, monkeypatch):
    """Without the CA file the self-signed server is not trusted: nothing is sent in the clear or to it."""
    mailer = _mailer(tls_server, tmp_path, cert, monkeypatch, ca=False)
    with pytest.raises(DeliveryError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        mailer.deliver(RAW, "<t1@example.com>", ["dsl@example.com"])
    assert tls_server.envelopes == []
