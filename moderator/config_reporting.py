"""The ``[reporting]`` table: who receives the digest and alerts, when, and through which mail server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from moderator.config_checks import EMAIL_ADDRESS, ENV_VAR_NAME, Checker, writable_file_problem


@dataclass
class Smtp:
    """A mail server; the password lives in the environment."""

    host: str
    port: int = 587
    security: str = "starttls"  # starttls | tls | none
    username_env: str | None = None
    password_env: str | None = None
    sender: str = "moderator@localhost"
    timeout: float = 30.0
    ca_file: Path | None = None  # a CA bundle for a server whose certificate the system does not trust


@dataclass
class Reporting:
    """Who hears about what, and when."""

    smt: list[str] = field(default_factory=list)
    dsl: list[str] = field(default_factory=list)
    admin: list[str] = field(default_factory=list)
    digest_cron: str = "0 7 * * *"
    timezone: str = "Europe/London"
    send_empty_digest: bool = False
    outbox: Path = Path("outbox")
    smtp: Smtp | None = None


SCHOOL_REPORTING_KEYS = {"smt", "dsl", "admin", "digest_cron", "timezone", "send_empty_digest"}


def parse_reporting(t: dict, c: Checker, base: Path, shared: Reporting | None = None) -> Reporting:
    """Parse ``[reporting]`` and its ``[reporting.smtp]``; problems are recorded on the checker.

    With ``shared`` (the trust's ``[reporting]``) this is one school's: its recipients and schedule, the
    schedule defaulting to the trust's, the mail server and outbox the trust's.
    """
    p = "reporting"
    c.unknown(t, SCHOOL_REPORTING_KEYS if shared else SCHOOL_REPORTING_KEYS | {"outbox", "smtp"}, p)
    d = shared or Reporting()
    r = Reporting(
        smt=c.str_list(t, "smt", p), dsl=c.str_list(t, "dsl", p), admin=c.str_list(t, "admin", p),
        digest_cron=c.get(t, "digest_cron", p, str, d.digest_cron),
        timezone=c.get(t, "timezone", p, str, d.timezone),
        send_empty_digest=c.get(t, "send_empty_digest", p, bool, d.send_empty_digest),
        outbox=shared.outbox if shared else (base / c.get(t, "outbox", p, str, "outbox")).resolve(),
        smtp=shared.smtp if shared else None,
    )
    for key in ("smt", "dsl", "admin"):
        for addr in getattr(r, key):
            if not EMAIL_ADDRESS.fullmatch(addr):
                c.err(f"{p}.{key}", f"{addr!r} is not an e-mail address")
    outbox_problem = None if shared else writable_file_problem(r.outbox, directory=True)
    if outbox_problem:
        c.err(f"{p}.outbox", f"the folder {r.outbox} {outbox_problem}")
    _schedule(r, c)
    smtp = None if shared else t.get("smtp")
    if smtp is not None:
        if not isinstance(smtp, dict):
            c.err(f"{p}.smtp", "must be a table")
        else:
            r.smtp = _smtp(smtp, c, base)
    return r


def _schedule(r: Reporting, c: Checker) -> None:
    """The timezone exists and the digest's cron expression parses and fires within a few years."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from apscheduler.triggers.cron import CronTrigger

    try:
        tz = ZoneInfo(r.timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        c.err("reporting.timezone", f"unknown timezone {r.timezone!r} (for example Europe/London or UTC)")
        r.timezone = Reporting.timezone
        return
    try:
        trigger = CronTrigger.from_crontab(r.digest_cron, timezone=tz)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a config problem
        c.err("reporting.digest_cron", f"not a valid cron expression (minute hour day month weekday): {exc}")
        return
    if trigger.get_next_fire_time(None, datetime.now(tz)) is None:
        c.err("reporting.digest_cron", f"{r.digest_cron!r} never fires (no such date): the digest would "
              f"never be sent")


def _smtp(t: dict, c: Checker, base: Path) -> Smtp:
    sp = "reporting.smtp"
    c.unknown(t, {"host", "port", "security", "username_env", "password_env", "from", "timeout", "ca_file"}, sp)
    s = Smtp(
        host=c.get(t, "host", sp, str, "", required=True),
        port=c.number(t, "port", sp, int, 587, 1, 65_535),
        security=c.get(t, "security", sp, str, "starttls"),
        username_env=c.get(t, "username_env", sp, str),
        password_env=c.get(t, "password_env", sp, str),
        sender=c.get(t, "from", sp, str, "moderator@localhost"),
        timeout=float(c.number(t, "timeout", sp, (int, float), 30.0, 0, 600, " seconds")),
    )
    if "host" in t and (not s.host.strip() or any(ch.isspace() for ch in s.host)):
        c.err(f"{sp}.host", f"must be a host name or address, got {s.host!r}")
    if not EMAIL_ADDRESS.fullmatch(s.sender):
        c.err(f"{sp}.from", f"{s.sender!r} is not an e-mail address")
    for key in ("username_env", "password_env"):
        var = getattr(s, key)
        if var is not None and not ENV_VAR_NAME.fullmatch(var):
            c.err(f"{sp}.{key}", "must name an environment variable (secrets never go in this file)")
    ca_file = c.get(t, "ca_file", sp, str)
    if ca_file:
        s.ca_file = (base / ca_file).resolve()
        try:
            found = s.ca_file.is_file()
        except OSError as exc:  # a name too long for the file system
            found = False
            c.err(f"{sp}.ca_file", f"cannot be used: {exc.strerror}")
        if not found and not any(f"{sp}.ca_file" in p for p in c.problems):
            c.err(f"{sp}.ca_file", f"file {s.ca_file} not found")
    if s.security not in ("starttls", "tls", "none"):
        c.err(f"{sp}.security", "must be starttls, tls or none")
    return s
