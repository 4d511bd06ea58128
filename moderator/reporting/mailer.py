"""Building e-mails and handing them to a mail server (smtplib) or to the outbox folder.

With ``[reporting.smtp]`` configured, messages go through that server (STARTTLS,
implicit TLS or plain, logging in with the username and password read from the
environment variables the configuration names). Without it, each message is
written to the outbox folder as ``<Message-ID>.eml``: written to a temporary file
and renamed, so a reader never sees half a message and a resend overwrites.
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
import unicodedata
import uuid
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from moderator.config_reporting import Reporting, Smtp
from storage.files import write_atomically

log = logging.getLogger(__name__)


class DeliveryError(Exception):
    """The message did not go out; the text (the server's reply, never the message) says why."""


def new_message_id(kind: str, now: datetime, sender: str) -> str:
    """A fresh Message-ID that sorts by time and names its kind: ``<digest-20261124T070000-ab12…@host>``."""
    domain = sender.rpartition("@")[2] or "localhost"
    return f"<{kind}-{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:16]}@{domain}>"


def header_value(value: str, limit: int = 900) -> str:
    """``value`` safe for one header: no line breaks or other control characters, at most ``limit`` long.

    The configuration refuses control characters already; this keeps a header from ever being split
    (header injection) whatever reaches it.
    """
    text = " ".join("".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
                            for ch in value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def build_message(*, sender: str, recipients: list[str], subject: str, message_id: str, date: datetime,
                  text: str, html: str | None = None, urgent: bool = False) -> str:
    """The whole message (plain text, and HTML as its alternative), as 7-bit-safe text to store and send."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = header_value(sender)
    msg["To"] = (", ".join(header_value(r) for r in recipients) if recipients
                 else "undisclosed-recipients:;")
    msg["Subject"] = header_value(subject)
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    if urgent:
        msg["Importance"] = "High"
        msg["X-Priority"] = "1"
    msg.set_content(text, cte="quoted-printable")
    if html is not None:
        msg.add_alternative(html, subtype="html", cte="quoted-printable")
    return msg.as_bytes().decode("ascii")


def outbox_name(message_id: str) -> str:
    """The outbox file name for a Message-ID: the same message always gets the same file."""
    return re.sub(r"[^A-Za-z0-9._@-]", "_", message_id.strip("<>")) + ".eml"


def _tls(s: Smtp) -> ssl.SSLContext:
    """Certificate-verifying TLS: the system's trust store, or the configured CA bundle."""
    return ssl.create_default_context(cafile=str(s.ca_file) if s.ca_file else None)


class Mailer:
    """Delivers stored messages: through the configured SMTP server, or into the outbox folder."""

    def __init__(self, reporting: Reporting) -> None:
        self.smtp: Smtp | None = reporting.smtp
        self.outbox: Path = Path(reporting.outbox)

    @property
    def sender(self) -> str:
        """The From address."""
        return self.smtp.sender if self.smtp else "moderator@localhost"

    def deliver(self, raw: str, message_id: str, recipients: list[str]) -> str:
        """Send one message; return where it went (``smtp:host:port`` or the .eml path); DeliveryError if not."""
        if self.smtp is not None and recipients:
            return self.send_smtp(raw, recipients)
        return self.write_outbox(raw, message_id)

    def write_outbox(self, raw: str, message_id: str) -> str:
        """Write the message to ``outbox/<Message-ID>.eml`` atomically; return the path."""
        target = self.outbox / outbox_name(message_id)
        try:
            # the messages name pupils (by initials) and safeguarding concerns: readable by the owner only
            self.outbox.mkdir(mode=0o700, parents=True, exist_ok=True)
            _owner_only(self.outbox)
            write_atomically(target, raw.encode("ascii"))
        except OSError as exc:
            raise DeliveryError(f"cannot write to the outbox {self.outbox}: {exc.strerror or exc}") from None
        return str(target)

    def send_smtp(self, raw: str, recipients: list[str]) -> str:
        """Hand the message to the mail server; DeliveryError names the server's refusal or the failure."""
        s = self.smtp
        assert s is not None
        where = f"smtp:{s.host}:{s.port}"
        try:
            if s.security == "tls":
                conn: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=_tls(s))
            else:
                conn = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            with conn:
                if s.security == "starttls":
                    conn.starttls(context=_tls(s))
                self._login(conn, s)
                refused = conn.sendmail(s.sender, recipients, raw.encode("ascii"))
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"{where} refused every recipient: "
                                f"{_first_reply(exc.recipients)}") from None
        except smtplib.SMTPResponseException as exc:
            raise DeliveryError(f"{where} refused the message: {exc.smtp_code} {_text(exc.smtp_error)}") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"{where} unreachable: {type(exc).__name__}: {exc}") from None
        if refused:
            # accepted for the others: sending again would repeat it for them, so report and go on
            log.warning("%s accepted the message but refused %d recipient(s): %s", where, len(refused),
                        _first_reply(refused))
        return where

    @staticmethod
    def _login(conn: smtplib.SMTP, s: Smtp) -> None:
        if not s.username_env:
            return
        user = os.environ.get(s.username_env)
        password = os.environ.get(s.password_env or "") if s.password_env else None
        if not user or password is None:
            missing = s.username_env if not user else s.password_env
            raise DeliveryError(f"smtp:{s.host}:{s.port}: environment variable {missing} is not set")
        conn.login(user, password)


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())[:200]


def _first_reply(refused: dict) -> str:
    code, reply = next(iter(refused.values()))
    return f"{code} {_text(reply)}"


def _owner_only(folder: Path) -> None:
    """Make a folder made by an earlier version (or by hand) private; never fail a delivery over it."""
    try:
        folder.chmod(0o700)
    except OSError as exc:
        log.warning("outbox %s: could not make it readable by its owner only: %s", folder, exc.strerror or exc)
