"""A systematic sweep of broken configurations: every key of config.example.toml replaced by hostile values.

Each key (and each table) is given values of the wrong type, empty, huge, negative, infinite, NaN, with a
NUL or a line break, or deleted; tables are replaced by scalars, duplicated or given unknown keys. Every
variant goes through the real CLI: it must load (exit 0) or print only ``moderator: <file>: ...`` lines
and exit 2, never a traceback.
"""

from __future__ import annotations

import copy
import math
import shutil
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from moderator.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "config.example.toml").read_text()
# the commented-out mail server, switched on so that its keys are swept too
BASE_TEXT = EXAMPLE.replace("# [reporting.smtp]\n", '[reporting.smtp]\nhost = "127.0.0.1"\nport = 2525\n'
                            'security = "none"\nfrom = "moderator@oakfield.example.sch.uk"\ntimeout = 30\n'
                            'username_env = "MODERATOR_SMTP_USER"\npassword_env = "MODERATOR_SMTP_PASSWORD"\n')
BASE = tomllib.loads(BASE_TEXT)
DELETE = object()
HOSTILE = [
    DELETE, "", " ", "x", "x" * 100_000, "a\x00b", "a\r\nBcc: spy@evil.example", "\u2028", "../../../../etc/passwd",
    "roster.csv", ".", 0, -1, 1, 2**63 - 1, 10**30, 0.0, -0.5, math.inf, -math.inf,
    math.nan, True, False, [], [1, "a"], ["x" * 300], {}, {"k": 1}, [{"k": "v"}],
]


def toml_string(s: str) -> str:
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_value(v) -> str:
    """TOML for a value (tables and arrays inline), so that any mutated document can be written back."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, str):
        return toml_string(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{toml_string(k)} = {toml_value(x)}" for k, x in v.items()) + "}"


def toml_document(doc: dict) -> str:
    return "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in doc.items())


def paths(node, prefix=()) -> Iterator[tuple]:
    """Every key path in the document: tables, array entries and leaves."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in items:
        yield (*prefix, k)
        if isinstance(v, dict | list):
            yield from paths(v, (*prefix, k))


def mutated(path: tuple, value) -> dict:
    doc = copy.deepcopy(BASE)
    parent = doc
    for k in path[:-1]:
        parent = parent[k]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


def variants() -> Iterator[tuple[str, str]]:
    """(what was changed, TOML text) for every key and hostile value, and whole-document changes."""
    for path in paths(BASE):
        for value in HOSTILE:
            yield f"{path} = {value!r:.40}", toml_document(mutated(path, value))
        if isinstance(path[-1], str):  # an unknown key beside it
            doc = copy.deepcopy(BASE)
            parent = doc
            for k in path[:-1]:
                parent = parent[k]
            parent[path[-1] + "_typo"] = 1
            yield f"{path}_typo", toml_document(doc)
    for table in ("school", "reporting", "daemon", "storage", "detection", "policy"):
        yield f"duplicated [{table}]", BASE_TEXT + f"\n[{table}]\nname = 'x'\n"
    yield "empty file", ""
    yield "not TOML", "[school\nname = "
    yield "binary", "\x00\x01\x02"


def test_no_configuration_ever_prints_a_traceback(tmp_path):
    shutil.copy(ROOT / "sample" / "roster.csv", tmp_path / "roster.csv")
    (tmp_path / "feed.jsonl").write_text("")
    config = tmp_path / "moderator.toml"
    runner = CliRunner()
    outcomes: Counter = Counter()
    failures = []
    for what, text in variants():
        config.write_text(text, encoding="utf-8")
        result = runner.invoke(cli, ["-c", str(config), "digest", "--print"])
        lines = result.output.splitlines()
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"{what}: {type(result.exception).__name__}: {result.exception}"[:300])
        elif result.exit_code == 2 and lines and all(line.startswith(f"moderator: {config}: ") for line in lines):
            outcomes["refused"] += 1
        elif result.exit_code == 0 and "social media digest" in result.output:
            outcomes["loaded"] += 1
        else:
            failures.append(f"{what}: exit {result.exit_code}: {result.output[:300]!r}")
    print(f"config sweep: {sum(outcomes.values()) + len(failures)} configurations, {dict(outcomes)}")
    assert not failures, "\n".join(failures[:30])
    assert outcomes["refused"] > 1000 and outcomes["loaded"] > 50
