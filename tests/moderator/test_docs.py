"""Every command is in the README and every configuration key in config.example.toml."""

from __future__ import annotations

import re
from pathlib import Path

import click

from moderator import config as cfgmod
from moderator.cli import cli
from moderator.config_accounts import ACCOUNT_OPTIONS

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: click.Group, prefix: str = "moderator"):
    for name, cmd in group.commands.items():
        yield f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix} {name}")


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for command in _commands(cli):
        assert f"`{command}" in readme, command


def test_every_configuration_key_is_in_the_example():
    # the loader is split by table (moderator/config.py and moderator/config_*.py)
    source = "".join(p.read_text() for p in Path(cfgmod.__file__).parent.glob("config*.py"))
    example = (ROOT / "config.example.toml").read_text()
    # keys the loader reads: c.get(table, "key", ...), c.number(...) and c.str_list(table, "key", ...)
    keys = set(re.findall(r'c\.(?:get|number|str_list)\(\w+, "(\w+)"', source))
    assert {"port", "timeout", "poll_interval_seconds", "backfill_days", "request_timeout_seconds"} <= keys
    keys |= {k for opts in ACCOUNT_OPTIONS.values() for k in opts}
    assert len(keys) > 25
    for key in keys:
        assert re.search(rf"^#?\s*{key}\s*=|^\[[\w.]*\b{key}\]", example, re.M), key
