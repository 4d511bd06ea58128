"""The schools of one configuration: today's ``[school]`` file (a trust of one), or a trust's many.

A trust's file holds ``[[schools]]`` tables, or names a folder (``schools_dir``) holding one TOML file per
school, or both. Each school has a ``slug`` (its short stable key in the database: never its display name,
which may change), its own ``[school]`` keys, ``[[accounts]]``, ``reporting`` (recipients and digest
schedule) and ``policy`` overrides over the trust's ``[policy]``. The ``[trust]`` table names the trust and
who receives the trust digest (counts per school). Every problem is named under its school
(``schools.oakfield.roster: ...``, or the school's own file).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from core.accounts import Account
from moderator.config_accounts import parse_accounts
from moderator.config_checks import EMAIL_ADDRESS, Checker, printable
from moderator.config_policy import LabelPolicy, parse_policy
from moderator.config_reporting import Reporting, parse_reporting
from moderator.config_school import ROSTER_COLUMNS, School, parse_school

DEFAULT_SLUG = "default"  # the slug of a single-school configuration that does not set one
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
SLUG_RULE = "must be 1 to 40 lower-case letters, digits and hyphens, such as \"oakfield\""
SCHOOL_ONLY = {"slug", "accounts", "policy", "reporting"}
SCHOOL_KEYS = {"name", "staff", "public_contacts", "trusted_domains", "roster", "languages", "classes", "houses"}


@dataclass
class SchoolPart:
    """One school as its part of the configuration declares it."""

    slug: str
    school: School
    accounts: list[Account]
    policy: dict[str, LabelPolicy]
    reporting: Reporting
    hold_unknown_language: bool = True


@dataclass
class Trust:
    """The trust (or local authority) that runs the schools; its recipients receive the trust digest."""

    name: str
    recipients: list[str] = field(default_factory=list)
    digest_cron: str = "0 7 * * 1"


def is_trust(data: dict) -> bool:
    """True when the document declares its schools as a trust does."""
    return "schools" in data or "schools_dir" in data or "trust" in data


def parse_single(data: dict, c: Checker, base: Path, policy: dict[str, LabelPolicy], hold: bool,
                 shared: Reporting) -> SchoolPart:
    """Today's file: ``[school]`` (with an optional ``slug``) and the top-level ``[[accounts]]``."""
    table = data.get("school") if isinstance(data.get("school"), dict) else {}
    if not isinstance(data.get("school"), dict):
        c.err("school", "missing table [school]")
    slug = _slug(table, c, "school", DEFAULT_SLUG)
    school = _school(table, c, base, "school")
    accounts = parse_accounts(data.get("accounts", []), c, base)
    return SchoolPart(slug, school, accounts, policy, shared, hold)


def parse_trust(data: dict, c: Checker, base: Path, policy: dict[str, LabelPolicy], hold: bool,
                shared: Reporting) -> tuple[Trust, list[SchoolPart]]:
    """The ``[trust]`` table and every school of ``[[schools]]`` and ``schools_dir``."""
    for key in ("school", "accounts"):
        if key in data:
            c.err(key, "a configuration with [[schools]] or schools_dir declares each school's "
                       f"{'[school] keys' if key == 'school' else '[[accounts]]'} inside that school")
    if shared.smt or shared.dsl or shared.admin:
        c.err("reporting", "recipients (smt, dsl, admin) belong to each school's reporting table; "
                           "the trust's own go in [trust] recipients")
    trust = _trust(data.get("trust"), c)
    entries: list[tuple[dict, Checker, Path]] = []
    schools = data.get("schools", [])
    if not isinstance(schools, list) or not all(isinstance(t, dict) for t in schools):
        c.err("schools", "must be an array of tables ([[schools]])")
        schools = []
    for i, t in enumerate(schools):
        slug = t.get("slug")
        name = f"schools.{slug}" if isinstance(slug, str) and SLUG.fullmatch(slug) else f"schools[{i}]"
        entries.append((t, c.within(name), base))
    entries.extend(_school_files(data, c, base))
    if not entries:
        c.err("schools", "no school declared: add a [[schools]] table or a file to schools_dir")
    parts = [_part(t, sc, b, policy, hold, shared) for t, sc, b in entries]
    _unique(parts, c)
    return trust, parts


def _part(t: dict, c: Checker, base: Path, policy: dict[str, LabelPolicy], hold: bool,
          shared: Reporting) -> SchoolPart:
    c.unknown(t, SCHOOL_KEYS | SCHOOL_ONLY, "")
    slug = _slug(t, c, "", None)
    school = _school({k: v for k, v in t.items() if k in SCHOOL_KEYS}, c, base, "")
    accounts = parse_accounts(t.get("accounts", []), c, base)
    reporting_t = t.get("reporting", {})
    if not isinstance(reporting_t, dict):
        c.err("reporting", "must be a table")
        reporting_t = {}
    reporting = parse_reporting(reporting_t, c, base, shared=shared)
    own = t.get("policy", {})
    if not isinstance(own, dict):
        c.err("policy", "must be a table")
        own = {}
    own_hold, own_policy = _policy(policy, hold, own, c)
    return SchoolPart(slug or "", school, accounts, own_policy, reporting, own_hold)


def _school(t: dict, c: Checker, base: Path, prefix: str) -> School:
    before = len(c.problems)
    school = parse_school({k: v for k, v in t.items() if k != "slug"}, c, base, prefix)
    if school.roster_path is not None and not school.roster and len(c.problems) == before:
        c.err(f"{prefix}.roster" if prefix else "roster",
              f"roster file {school.roster_path} lists no pupils: export the pupil list from the MIS with "
              f"the header {','.join(ROSTER_COLUMNS)}")
    return school


def _slug(t: dict, c: Checker, prefix: str, default: str | None) -> str | None:
    slug = c.get(t, "slug", prefix, str, default, required=default is None)
    if slug is not None and not SLUG.fullmatch(slug):
        c.err(f"{prefix}.slug" if prefix else "slug", f"{SLUG_RULE}, got {printable(repr(slug))}")
    return slug


def _policy(trust: dict[str, LabelPolicy], trust_hold: bool, own: dict,
            c: Checker) -> tuple[bool, dict[str, LabelPolicy]]:
    """The trust's policy with the school's label tables laid over it, key by key."""
    hold = c.get(own, "hold_unknown_language", "policy", bool, trust_hold)
    return hold, parse_policy({k: v for k, v in own.items() if k != "hold_unknown_language"}, c, over=trust)


def _trust(t, c: Checker) -> Trust:
    if not isinstance(t, dict):
        c.err("trust", "missing table [trust] (name = the trust's name; recipients of the trust digest)")
        return Trust("")
    c.unknown(t, {"name", "recipients", "digest_cron"}, "trust")
    trust = Trust(c.get(t, "name", "trust", str, "", required=True), c.str_list(t, "recipients", "trust"),
                  c.get(t, "digest_cron", "trust", str, Trust.digest_cron))
    for addr in trust.recipients:
        if not EMAIL_ADDRESS.fullmatch(addr):
            c.err("trust.recipients", f"{addr!r} is not an e-mail address")
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(trust.digest_cron)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a config problem
        c.err("trust.digest_cron", f"not a valid cron expression (minute hour day month weekday): {exc}")
    return trust


def _school_files(data: dict, c: Checker, base: Path) -> list[tuple[dict, Checker, Path]]:
    """One school per ``*.toml`` in ``schools_dir``, in name order; each file's problems name that file."""
    folder = c.get(data, "schools_dir", "", str)
    if not folder:
        return []
    path = (base / folder).resolve()
    if not path.is_dir():
        c.err("schools_dir", f"{path} is not a folder")
        return []
    out = []
    for file in sorted(path.glob("*.toml")):
        try:
            t = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            c.problems.append(f"{file}: not a readable TOML file: {printable(str(exc))}")
            continue
        out.append((t, c.within("", file), file.parent))
    if not out:
        c.err("schools_dir", f"{path} holds no .toml file (one per school)")
    return out


def _unique(parts: list[SchoolPart], c: Checker) -> None:
    """Slugs unique, and account names unique across the whole trust (commands name accounts alone)."""
    seen: dict[str, str] = {}
    for part in parts:
        if part.slug and part.slug in seen:
            c.err("schools", f"two schools have the slug {part.slug!r}")
        seen.setdefault(part.slug, part.slug)
    owner: dict[str, str] = {}
    for part in parts:
        for account in part.accounts:
            if account.name in owner and owner[account.name] != part.slug:
                c.err("schools", f"account name {account.name!r} is used by schools {owner[account.name]!r} and "
                                 f"{part.slug!r}: account names must be unique across the trust")
            owner.setdefault(account.name, part.slug)
