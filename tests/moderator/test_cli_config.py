"""Broken configurations through the real CLI: one `file: key: problem` line each and exit 2, never a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from moderator.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "config.example.toml").read_text()
SMTP = '[reporting.smtp]\nhost = "127.0.0.1"\nsecurity = "none"\n'
HEADER = "first_name,last_name,preferred_name,year_group,photo_consent\n"


def edit(old: str, new: str):
    """A change to config.example.toml: ``old`` (which must be there) becomes ``new``."""
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return apply


def smtp(line: str):
    """config.example.toml with a [reporting.smtp] table holding ``line``."""
    return edit("# [reporting.smtp]\n", SMTP + line + "\n")


def folder(tmp_path: Path, change=None, files: dict[str, str] | None = None) -> Path:
    """A folder with the example configuration (changed), the sample roster and an empty feed."""
    shutil.copy(ROOT / "sample" / "roster.csv", tmp_path / "roster.csv")
    (tmp_path / "feed.jsonl").write_text("")
    for name, content in (files or {}).items():
        (tmp_path / name).write_text(content)
    (tmp_path / "moderator.toml").write_text(change(EXAMPLE) if change else EXAMPLE)
    return tmp_path / "moderator.toml"


def invoke(config: Path, *args: str):
    return CliRunner().invoke(cli, ["-c", str(config), *args])


BROKEN = [
    # paths: a NUL, a folder, a parent that is a file
    ("school.roster", edit('roster = "roster.csv"', 'roster = "ros\\u0000ter.csv"'), "control characters"),
    ("school.roster", edit('roster = "roster.csv"', 'roster = "."'), "Is a directory"),
    ("accounts[0].path", edit('path = "feed.jsonl"', 'path = "feed\\u0000.jsonl"'), "control characters"),
    ("accounts[0].path", edit('path = "feed.jsonl"', 'path = "."'), "is a folder"),
    ("accounts[0].path", edit('path = "feed.jsonl"', 'path = ""'), "empty path"),
    ("accounts[0].platform", edit('platform = "file"', 'platform = ""'), "must be one of"),
    ("reporting.smtp.ca_file", smtp('ca_file = "ca\\u0000.pem"'), "control characters"),
    ("reporting.smtp.ca_file", smtp('ca_file = "."'), "not found"),
    ("reporting.outbox", edit('outbox = "outbox"', 'outbox = "out\\u0000box"'), "control characters"),
    ("reporting.outbox", edit('outbox = "outbox"', 'outbox = "roster.csv"'), "is a file, not a folder"),
    ("reporting.outbox", edit('outbox = "outbox"', 'outbox = "roster.csv/outbox"'), "is a file, not a folder"),
    ("storage.url", edit('url = "sqlite:///moderator.db"', 'url = "sqlite:///db\\u0000.db"'), "control characters"),
    ("storage.url", edit('url = "sqlite:///moderator.db"', 'url = "sqlite:///."'), "is a folder, not a file"),
    ("storage.url", edit('url = "sqlite:///moderator.db"', 'url = "sqlite:///roster.csv/m.db"'),
     "roster.csv is a file, not a folder"),
    ("storage.url", edit('url = "sqlite:///moderator.db"', 'url = "not a url"'), "not a database URL"),
    ("storage.url", edit('url = "sqlite:///moderator.db"', 'url = "mysql://u@db/school"'),
     "must be a sqlite or postgresql URL"),
    # the schedule
    ("reporting.timezone", edit('timezone = "Europe/London"', 'timezone = ""'), "unknown timezone"),
    ("reporting.timezone", edit('timezone = "Europe/London"', 'timezone = "../../etc/passwd"'), "unknown timezone"),
    ("reporting.timezone", edit('timezone = "Europe/London"', 'timezone = "Mars/Olympus"'), "unknown timezone"),
    ("reporting.digest_cron", edit('digest_cron = "0 7 * * 1-5"', 'digest_cron = "0 7 30 2 *"'), "never fires"),
    ("reporting.digest_cron", edit('digest_cron = "0 7 * * 1-5"', 'digest_cron = "0 7 31 4 *"'), "never fires"),
    ("reporting.digest_cron", edit('digest_cron = "0 7 * * 1-5"', 'digest_cron = "every morning"'),
     "not a valid cron expression"),
    # the mail server
    ("reporting.smtp.timeout", smtp("timeout = inf"), "finite"),
    ("reporting.smtp.timeout", smtp("timeout = nan"), "finite"),
    ("reporting.smtp.timeout", smtp("timeout = 0"), "more than 0"),
    ("reporting.smtp.timeout", smtp("timeout = -5"), "more than 0"),
    ("reporting.smtp.timeout", smtp("timeout = 1e9"), "at most 600"),
    ("reporting.smtp.port", smtp('port = "587"'), "must be an integer"),
    ("reporting.smtp.port", smtp("port = 0"), "from 1 to 65535"),
    ("reporting.smtp.port", smtp("port = 70000"), "from 1 to 65535"),
    ("reporting.smtp.from", smtp('from = "moderator@oakfield.example\\r\\nBcc: spy@evil.example"'),
     "control characters"),
    ("reporting.smtp.from", smtp('from = "Moderator <moderator@oakfield.example>"'), "not an e-mail address"),
    ("reporting.smtp.host", edit("# [reporting.smtp]\n", '[reporting.smtp]\nhost = "smtp example"\n'),
     "host name"),
    ("reporting.smtp.password_env", smtp('password_env = "hunter2 is my password"'), "environment variable"),
    # header injection through the school's name or the recipients
    ("school.name", edit('name = "Oakfield Primary School"', 'name = "Oakfield\\r\\nBcc: spy@evil.example"'),
     "control characters"),
    ("school.name", edit('name = "Oakfield Primary School"', 'name = "   "'), "1 to 200 characters"),
    ("reporting.smt", edit('smt = ["head@oakfield.example.sch.uk"]', 'smt = ["head@oakfield.example\\nBcc: x@y.z"]'),
     "control characters"),
    ("reporting.dsl", edit('dsl = ["dsl@oakfield.example.sch.uk"]', 'dsl = ["dsl@oakfield.example, spy@evil.example"]'),
     "not an e-mail address"),
    # numbers out of range
    ("daemon.poll_interval_seconds",
     edit("poll_interval_seconds = 300", "poll_interval_seconds = 99999999999999999999"), "from 30 to 86400"),
    ("daemon.backfill_days", edit("backfill_days = 30", "backfill_days = 1000000000"), "from 0 to 3650"),
    ("daemon.request_timeout_seconds", edit("request_timeout_seconds = 30", "request_timeout_seconds = inf"),
     "finite"),
    ("accounts[0].name", edit('name = "oakfield-facebook"', f'name = "{"n" * 101}"'), "1 to 100 characters"),
    ("accounts[1].credentials.access_token",
     edit('credentials = { access_token = "OAKFIELD_FB_PAGE_TOKEN" }',
          'credentials = { access_token = "EAAB secret" }'),
     "environment variable"),
    # a key written with a line break in it is shown escaped, on the same line
    ("school.bad\\nkey", edit("[school]\n", '[school]\n"bad\\nkey" = 1\n'), "unknown key"),
]


@pytest.mark.parametrize("key, change, problem", BROKEN, ids=[f"{b[0]}:{b[2]}" for b in BROKEN])
def test_a_broken_value_gives_one_line_naming_its_key_and_exit_2(tmp_path, key, change, problem):
    config = folder(tmp_path, change)
    result = invoke(config, "digest", "--print")
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"moderator: {config}: {key}: "), lines[0]
    assert problem in lines[0]


@pytest.mark.parametrize("roster", ["", HEADER], ids=["empty", "header only"])
def test_a_roster_listing_no_pupils_is_an_error(tmp_path, roster):
    config = folder(tmp_path, files={"roster.csv": roster})
    (tmp_path / "roster.csv").write_text(roster)
    result = invoke(config, "digest", "--print")
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith(f"moderator: {config}: school.roster: ") and "lists no pupils" in line


def test_a_configuration_that_is_a_folder_or_unreadable_gives_one_line(tmp_path):
    (tmp_path / "conf.d").mkdir()
    result = invoke(tmp_path / "conf.d", "log")
    assert result.exit_code == 2 and result.output.startswith("moderator: ")
    assert len(result.output.splitlines()) == 1
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"[school]\nname = \"\xff\"\n")
    result = invoke(binary, "log")
    assert result.exit_code == 2 and result.output.startswith(f"moderator: {binary}: not valid TOML")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_database_folder_without_write_permission_is_named(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    config = folder(tmp_path, edit('url = "sqlite:///moderator.db"', 'url = "sqlite:///locked/new/m.db"'))
    result = invoke(config, "log")
    assert result.exit_code == 2
    assert f"storage.url: the SQLite database {locked}/new/m.db cannot be created: no permission" in result.output


def test_a_valid_unusual_configuration_still_loads(tmp_path):
    """Limits are not too tight: a rare cron (29 February), port 465, the longest timeouts."""
    change = edit('digest_cron = "0 7 * * 1-5"', 'digest_cron = "0 7 29 2 *"')
    config = folder(tmp_path, lambda t: smtp("port = 465\ntimeout = 600")(change(t)))
    result = invoke(config, "digest", "--print")
    assert result.exit_code == 0, result.output
    assert "social media digest" in result.output
