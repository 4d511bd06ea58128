"""``moderator migrate-db`` from a real SQLite file, filled by the real pipeline, into the real PostgreSQL.

The source is the bundled sample run once through the real CLI (items, findings, hides, a digest and an
alert sent, a reviewer added, a finding confirmed); the target is a fresh PostgreSQL schema per test.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

import storage.reporting_models  # noqa: F401
import storage.web_models  # noqa: F401
from moderator.cli import cli
from storage.db import make_engine, migrate
from storage.locks import account_lock_name
from storage.models import Base, FindingRow, ItemRow
from tests.moderator.test_locks_accounts import held_by_another_process

ROOT = Path(__file__).resolve().parents[2]
PG_ONLY = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
PASSWORD = "s3cret-pw"  # the test server trusts local connections: a password is accepted and ignored


def invoke(folder: Path, *args: str):
    result = CliRunner().invoke(cli, ["-c", str(folder / "config.toml"), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def fill(folder: Path) -> Path:
    """The sample run in ``folder`` through the real pipeline on SQLite, with a digest, a reviewer and a decision."""
    shutil.copytree(ROOT / "sample", folder, dirs_exist_ok=True)
    assert invoke(folder, "run", "--once").exit_code == 0
    assert invoke(folder, "digest", "--send").exit_code == 0
    assert invoke(folder, "users", "add", "ms-jones", "--role", "dsl", "--email", "dsl@example.org").exit_code == 0
    assert invoke(folder, "review", "1", "confirm", "--reason", "checked", "--by", "ms-jones").exit_code == 0
    return folder


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    """One filled school for the tests that only copy its database."""
    return fill(tmp_path_factory.mktemp("filled"))


@pytest.fixture
def school(filled, tmp_path) -> Path:
    """A copy of the filled school folder of this test's own (its feed file is a new file: not for polling)."""
    folder = tmp_path / "school"
    shutil.copytree(filled, folder, ignore=shutil.ignore_patterns("*.locks"))
    return folder


def with_password(url: str) -> str:
    return url.replace("postgres@", f"postgres:{PASSWORD}@", 1)


def rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, datetimes in UTC, in a stable order."""
    engine = make_engine(url)
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            found = [tuple(v.astimezone(UTC) if isinstance(v, datetime) else v for v in row)
                     for row in conn.execute(select(table))]
            out[table.name] = sorted(found, key=repr)
    engine.dispose()
    return out


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = {t.name: conn.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
    engine.dispose()
    return found


def use_database(folder: Path, url: str) -> None:
    config = folder / "config.toml"
    config.write_text(config.read_text().replace('url = "sqlite:///moderator.db"', f'url = "{url}"'))


@PG_ONLY
def test_every_row_is_copied_and_the_daemon_on_postgresql_finds_nothing_new(tmp_path, db_url):
    school = fill(tmp_path)  # filled in place: the feed's cursor knows the file
    source = f"sqlite:///{school / 'moderator.db'}"
    before = rows(source)
    assert before["items"] and before["findings"] and before["report_mail"] and before["web_users"]
    # a session time zone far from UTC: timestamps must still arrive as the same instants
    target = with_password(db_url).replace("options=", "options=-ctimezone%3DPacific/Auckland%20", 1)
    result = invoke(school, "migrate-db", "--to", target, "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output and "***" in result.output
    assert "Committed: " in result.output
    for name, found in before.items():
        assert f"{name} " in result.output
        assert rows(db_url)[name] == found, name
    assert rows(source) == before  # the SQLite database is left as it was

    use_database(school, db_url)
    copied = counts(db_url)
    again = invoke(school, "run", "--once")
    assert again.exit_code == 0 and "0 item(s) seen" in again.output, again.output
    after = counts(db_url)
    assert {k: after[k] for k in ("items", "findings", "actions", "report_mail", "digests")} == \
           {k: copied[k] for k in ("items", "findings", "actions", "report_mail", "digests")}
    assert "nothing to report" in invoke(school, "digest", "--send").output  # already in the SQLite-era digest

    with (school / "feed.jsonl").open("a") as feed:  # a new comment gets a new id (the sequences moved on)
        feed.write(json.dumps({"id": "c900", "kind": "comment", "author": "public", "parent": "p100",
                               "text": "Thank you for a lovely afternoon", "created_time": "2026-11-21T10:00:00Z"})
                   + "\n")
    assert "1 item(s) seen" in invoke(school, "run", "--once").output
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert conn.scalar(select(ItemRow.id).where(ItemRow.external_id == "c900")) > max(
            r[0] for r in before["items"])
        assert conn.scalar(select(func.count()).select_from(
            select(FindingRow.item_id, FindingRow.label, FindingRow.content_hash)
            .group_by(FindingRow.item_id, FindingRow.label, FindingRow.content_hash)
            .having(func.count() > 1).subquery())) == 0
    engine.dispose()


@PG_ONLY
def test_a_target_that_already_holds_data_is_refused(school, db_url):
    assert invoke(school, "migrate-db", "--to", db_url).exit_code == 0
    copied = rows(db_url)
    again = invoke(school, "migrate-db", "--to", db_url)
    assert again.exit_code == 2
    assert "the target already holds data (in accounts" in again.output and "empty database only" in again.output
    assert rows(db_url) == copied


@PG_ONLY
def test_a_row_postgresql_refuses_rolls_the_whole_copy_back(school, db_url):
    hostile = "call me\x00 on the secret line"
    with sqlite3.connect(school / "moderator.db") as conn:  # SQLite keeps a NUL character; PostgreSQL cannot
        conn.execute("UPDATE items SET text = ? WHERE id = (SELECT max(id) FROM items)", (hostile,))
    result = invoke(school, "migrate-db", "--to", db_url, "--batch-size", "3")
    assert result.exit_code == 2
    assert "copying table items failed" in result.output and "the target is left empty" in result.output
    assert "secret line" not in result.output and "Traceback" not in result.output
    assert set(counts(db_url).values()) == {0}


ALTERING = {
    # a trigger on the target that changes what arrives: the checksum must see it
    "checksums differ": "NEW.first_seen_at := NEW.first_seen_at + interval '1 hour'; RETURN NEW;",
    # one that silently drops a row: the counts must see it
    "copied 15, target 14": "IF NEW.external_id = 'c104' THEN RETURN NULL; END IF; RETURN NEW;",
}


@PG_ONLY
@pytest.mark.parametrize("found", ALTERING)
def test_a_target_that_alters_the_rows_fails_verification_and_keeps_nothing(school, db_url, found):
    engine = make_engine(db_url)
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE FUNCTION alter_items() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                          f"{ALTERING[found]} END $$"))
        conn.execute(text("CREATE TRIGGER alter_items BEFORE INSERT ON items FOR EACH ROW "
                          "EXECUTE FUNCTION alter_items()"))
    engine.dispose()
    result = invoke(school, "migrate-db", "--to", db_url)
    assert result.exit_code == 2
    assert "verification failed for items" in result.output and found in result.output, result.output
    assert "MISMATCH" in result.output and "nothing was committed" in result.output
    assert set(counts(db_url).values()) == {0}


@PG_ONLY
def test_a_copy_killed_half_way_leaves_the_target_empty(school, db_url):
    engine = make_engine(db_url)
    migrate(engine)
    blocker = engine.connect()
    # findings are copied after items: the copy stops there, waiting, with earlier tables already written
    blocker.execute(text("LOCK TABLE findings IN SHARE MODE"))
    moderator = Path(sys.executable).with_name("moderator")
    proc = subprocess.Popen([str(moderator), "-c", str(school / "config.toml"), "migrate-db", "--to", db_url],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        pid = _backend_waiting_on_a_lock(engine, blocker)
        assert "items " in _read_until(proc, "runs ")  # accounts, items, ... reported copied
        proc.kill()
        proc.wait(timeout=60)
    finally:
        blocker.rollback()
        blocker.close()
    _until_gone(engine, pid)
    engine.dispose()
    assert set(counts(db_url).values()) == {0}
    # and the next attempt, on the same target, goes through
    assert invoke(school, "migrate-db", "--to", db_url).exit_code == 0
    assert counts(db_url)["items"] == counts(f"sqlite:///{school / 'moderator.db'}")["items"]


def _backend_waiting_on_a_lock(engine, blocker) -> int:
    """The migrating process's PostgreSQL backend, once it waits for the blocker's lock."""
    mine = blocker.scalar(text("SELECT pg_backend_pid()"))
    with engine.connect() as conn:
        for _ in range(600):
            pid = conn.scalar(text("SELECT pid FROM pg_stat_activity WHERE :me = ANY(pg_blocking_pids(pid)) "
                                   "LIMIT 1"), {"me": mine})
            conn.commit()
            if pid:
                return pid
            conn.execute(text("SELECT pg_sleep(0.1)"))
    raise AssertionError("migrate-db never reached the locked table")


def _read_until(proc, marker: str) -> str:
    seen = ""
    for line in proc.stdout:
        seen += line
        if line.startswith(marker):
            return seen
    raise AssertionError(seen)


def _until_gone(engine, pid: int) -> None:
    with engine.connect() as conn:
        for _ in range(600):
            if not conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid}):
                return
            conn.commit()
            conn.execute(text("SELECT pg_sleep(0.1)"))
    raise AssertionError("the killed copy's transaction never ended")


@PG_ONLY
def test_a_poll_under_way_on_the_source_makes_it_refuse(school, db_url):
    with held_by_another_process(f"sqlite:///{school / 'moderator.db'}", account_lock_name("oakfield-demo")):
        result = invoke(school, "migrate-db", "--to", db_url)
    assert result.exit_code == 2
    assert "polling one of the source's accounts" in result.output and "stop `moderator run`" in result.output
    assert set(counts(db_url).values()) == {0}


WRONG = [
    (["--to", "not a url"], "--to is not a database URL"),
    (["--to", "sqlite:///other.db"], "the target must be a PostgreSQL URL"),
    (["--to", "mysql://root:hunter2@localhost/school"], "the target must be a PostgreSQL URL"),
    (["--to", "postgresql+psycopg://postgres:hunter2@127.0.0.1:1/test"], "the target: cannot open the database"),
    (["--to", "postgresql+psycopg://postgres:hunter2@127.0.0.1:5432/no_such_db_here"], 'no_such_db_here" does not'),
    (["--to", "postgresql+psycopg://postgres@127.0.0.1/test", "--from", "sqlite:///nowhere/missing.db"],
     "no SQLite database at nowhere/missing.db"),
    (["--to", "postgresql+psycopg://postgres@127.0.0.1/test", "--from", "postgresql+psycopg://postgres@127.0.0.1/x"],
     "the source must be a SQLite database"),
]


@pytest.mark.parametrize(("args", "message"), WRONG)
def test_a_wrong_url_is_one_clear_line(school, args, message, monkeypatch):
    monkeypatch.chdir(school)
    result = invoke(school, "migrate-db", *args)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("moderator:")]
    assert len(errors) == 1 and message in errors[0], result.output
    assert "hunter2" not in result.output and "Traceback" not in result.output
    assert not (school / "nowhere").exists()


def test_a_file_that_is_not_a_moderator_database_is_refused(school):
    (school / "empty.db").write_bytes(b"")
    result = invoke(school, "migrate-db", "--from", f"sqlite:///{school / 'empty.db'}",
                    "--to", "postgresql+psycopg://postgres@127.0.0.1/test")
    assert result.exit_code == 2 and "is not a moderator database" in result.output
    assert (school / "empty.db").read_bytes() == b""


def test_a_file_that_is_not_a_database_is_refused(school):
    (school / "notes.db").write_text("not a database")
    result = invoke(school, "migrate-db", "--from", f"sqlite:///{school / 'notes.db'}",
                    "--to", "postgresql+psycopg://postgres@127.0.0.1/test")
    assert result.exit_code == 2 and "cannot be read as a SQLite database" in result.output, result.output
    assert (school / "notes.db").read_text() == "not a database"
