"""``moderator log --school`` and ``moderator status --school`` count and warn about that school only.

A two-school trust (SQLite and PostgreSQL) after one real run; then each school gets its own problems: Brook
Lane a disabled account, a failed hide and an item held for its language, Oakfield skipped items. On
PostgreSQL, each school's queued polls are in the queue tables procrastinate reads.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from moderator.cli import cli
from storage.db import open_database
from storage.models import AccountRow, ActionRow, ItemRow, LanguageHoldRow, SkipRow
from tests.tenancy.test_isolation import trust  # noqa: F401 - fixture


def _problems(db_url: str) -> None:
    sessions = open_database(db_url, run_migrations=False)
    with sessions() as s, s.begin():
        ids = dict(s.execute(select(AccountRow.name, AccountRow.id)).all())
        brook_item = s.scalar(select(ItemRow.id).where(ItemRow.school == "brook", ItemRow.kind == "comment"))
        s.execute(update(AccountRow).where(AccountRow.name == "brook-feed")
                  .values(disabled_reason="token revoked (invented)"))
        s.add(ActionRow(item_id=brook_item, kind="hide", requested_by="policy", status="failed", attempts=3,
                        error="platform refused (invented)"))
        s.add(LanguageHoldRow(item_id=brook_item, language="pl", confidence=0.9, content_hash="0" * 64,
                              reason="language not understood (pl)"))
        s.add(SkipRow(account_id=ids["oakfield-feed"], external_id="x9", reason="text: not a string (invented)",
                      at=datetime.now(UTC)))


def _log(runner, path, *args) -> str:
    out = runner.invoke(cli, ["--config", str(path), "log", *args], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out.output


def test_log_by_school_lists_only_that_schools_problems_and_holds(trust):  # noqa: F811
    _, path, runner, db_url = trust
    _problems(db_url)
    everything = _log(runner, path)
    assert "brook-feed is disabled" in everything and "skipped on account oakfield-feed" in everything
    brook = _log(runner, path, "--school", "brook")
    attention = brook.split("Needs attention:")[1]
    assert "brook-feed is disabled" in attention and "failed after 3 attempt(s)" in attention
    assert "oakfield" not in attention and "language not understood (pl)" in brook
    oak = _log(runner, path, "--school", "oakfield")
    attention = oak.split("Needs attention:")[1]
    assert "skipped on account oakfield-feed" in attention
    assert "brook" not in attention and "failed after" not in attention and "language not understood" not in oak


def test_status_by_school_counts_that_schools_queued_jobs_only(trust):  # noqa: F811
    _, path, runner, db_url = trust
    if not db_url.startswith("postgresql"):
        pytest.skip("no queue on SQLite (one process)")
    from sqlalchemy import create_engine

    from moderator.workers.queue import ensure_schema, make_app

    engine = create_engine(db_url)
    ensure_schema(engine)
    engine.dispose()
    with make_app(db_url, sync=True).open() as qapp:
        for account in ("oakfield-feed", "brook-feed", "brook-feed"):
            qapp.configure_task("moderator.poll").defer(account=account)
    out = runner.invoke(cli, ["--config", str(path), "status", "--school", "brook", "--json"],
                        catch_exceptions=False).output
    queue = [json.loads(line)["queue"] for line in out.splitlines() if '"queue"' in line][0]
    assert queue == {"moderator.poll todo": 2}
    whole = runner.invoke(cli, ["--config", str(path), "status", "--json"], catch_exceptions=False).output
    assert [json.loads(line)["queue"] for line in whole.splitlines() if '"queue"' in line][0] == \
        {"moderator.poll todo": 3}
