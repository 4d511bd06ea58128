"""Whatever a user types on the command line gives one `moderator:` line and exit 2, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from moderator.cli import cli

ROOT = Path(__file__).resolve().parents[2]
NOT_UTF8 = b"caf\xe9".decode("utf-8", "surrogateescape")  # how Python hands over a Latin-1 argument


@pytest.fixture
def config(tmp_path, db_url) -> Path:
    """The sample configuration on SQLite and on PostgreSQL."""
    for name in ("config.toml", "roster.csv", "feed.jsonl"):
        shutil.copy(ROOT / "sample" / name, tmp_path / name)
    path = tmp_path / "config.toml"
    path.write_text(path.read_text().replace('url = "sqlite:///moderator.db"', f'url = "{db_url}"'))
    return path


def invoke(config: Path, args: list[str], stdin: bytes | None = None):
    result = CliRunner().invoke(cli, ["-c", str(config), *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


BAD = [
    (["log", "--limit", "99999999999999999999"], "log: Invalid value for '--limit'"),
    (["log", "--limit", "0"], "log: Invalid value for '--limit'"),
    (["log", "--limit", "ten"], "log: Invalid value for '--limit'"),
    (["log", "--until", "9999-12-31"], "must be a date from 1970-01-01 to 9998-12-31"),
    (["log", "--since", "0001-01-01"], "must be a date from 1970-01-01 to 9998-12-31"),
    (["log", "--since", "2026-02-30"], "must be a date like 2026-11-23"),
    (["log", "--until", "yesterday"], "must be a date like 2026-11-23"),
    (["log", "--label", NOT_UTF8], "unknown label"),
    (["log", "--status", "a\nb"], "unknown status"),
    (["log", "--account", NOT_UTF8], "unknown account"),
    (["review", "99999999999999999999", "confirm", "--reason", "spam"], "not in the range 1<=x<=2147483647"),
    (["review", "2147483648", "dismiss", "--reason", "spam"], "not in the range 1<=x<=2147483647"),
    (["review", "-1", "dismiss", "--reason", "spam"], "review:"),
    (["review", "1", "delete", "--reason", "spam"], "Invalid value for '{confirm|dismiss}'"),
    (["review", "1", "confirm"], "Missing option '--reason'"),
    (["review", "1", "confirm", "--reason", NOT_UTF8], "must be one line of UTF-8 text"),
    (["review", "1", "confirm", "--reason", "line one\r\nline two"], "must be one line of UTF-8 text"),
    (["review", "1", "confirm", "--reason", "x" * 1001], "at most 1000 characters"),
    (["review", "1", "confirm", "--reason", "spam", "--by", "a" * 101], "at most 100 characters"),
    (["review", "2147483647", "confirm", "--reason", "spam"], "no finding with id 2147483647"),
    (["check", NOT_UTF8], "the draft is not UTF-8 text"),
    (["accounts", "enable", NOT_UTF8], "no account named"),
    (["accounts", "frobnicate"], "No such command 'frobnicate'"),
    (["frobnicate"], "No such command 'frobnicate'"),
    (["log", "--frobnicate"], "log: No such option '--frobnicate'. (see `moderator log --help`)"),
    (["eval"], "Missing argument 'DIRS...'"),
]


@pytest.mark.parametrize("args, message", BAD, ids=[" ".join(a)[:60] for a, _ in BAD])
def test_a_bad_argument_gives_one_line_and_exit_2(config, args, message):
    result = invoke(config, args)
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith("moderator: ") and message in line, line


def test_check_refuses_standard_input_that_is_not_utf8(config):
    result = invoke(config, ["check"], stdin=b"Well done \xe9\xff team")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "moderator: standard input is not UTF-8 text (byte 11 is not): save the draft as UTF-8"]


def test_the_widest_valid_values_work_on_both_databases(config):
    result = invoke(config, ["log", "--limit", "100000", "--since", "1970-01-01", "--until", "9998-12-31"])
    assert result.exit_code == 0, result.output
    result = invoke(config, ["log", "--since", "2026-11-30", "--until", "2026-11-01"])
    assert result.exit_code == 0, result.output


def test_a_database_that_cannot_be_reached_is_one_line(tmp_path):
    for name in ("config.toml", "roster.csv", "feed.jsonl"):
        shutil.copy(ROOT / "sample" / name, tmp_path / name)
    path = tmp_path / "config.toml"
    path.write_text(path.read_text().replace('url = "sqlite:///moderator.db"',
                                             'url = "postgresql+psycopg://moderator:s3cret-pw@127.0.0.1:1/school"'))
    result = invoke(path, ["log"])
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("moderator: cannot open the database") and "s3cret-pw" not in line


@pytest.mark.parametrize("files, message", [
    ({"school.toml": b'name = "x"\n', "items.jsonl": b"\xff\xfe"}, "must be UTF-8 text"),
    ({"school.toml": b'name = "\xff"\n'}, "must be UTF-8 text"),
    ({"school.toml/": b""}, "cannot read: Is a directory"),
], ids=["items not UTF-8", "school not UTF-8", "school is a folder"])
def test_eval_on_a_broken_set_gives_one_line(tmp_path, files, message):
    for name, content in files.items():
        if name.endswith("/"):
            (tmp_path / name).mkdir()
        else:
            (tmp_path / name).write_bytes(content)
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("moderator: ") and message in line


def test_a_language_hold_is_reviewed_from_the_command_line(config):
    feed = config.parent / "feed.jsonl"
    with open(feed, "a", encoding="utf-8") as fh:
        fh.write('{"id": "it1", "kind": "comment", "author": "public", '
                 '"text": "Buongiorno, la gita al museo è venerdì prossimo? Grazie mille"}\n')
    assert invoke(config, ["run", "--once"]).exit_code == 0
    log = invoke(config, ["log"]).output
    held = log.split("Held: language not understood:", 1)[1]
    hold_id = held.split("#", 1)[1].split()[0].strip(":") if "#" in held else None
    assert hold_id, held
    done = invoke(config, ["review", hold_id, "dismiss", "--language-hold", "--reason", "asks about a trip"])
    assert done.exit_code == 0 and "dismissed" in done.output
    again = invoke(config, ["review", hold_id, "confirm", "--language-hold", "--reason", "changed my mind"])
    assert again.exit_code == 2 and "already dismissed" in again.output
