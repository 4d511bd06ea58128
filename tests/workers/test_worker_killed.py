"""A worker killed with SIGKILL in the middle of a poll: PostgreSQL lets go of its account at once, another
worker polls the account within two poll intervals, and nothing is lost or stored twice. `moderator status`
names the worker holding the account while it polls."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from storage.db import open_database
from storage.models import ItemRow, RunRow
from tests.conftest import ROOT
from tests.fakes.config_text import account_toml
from tests.fakes.gate import Gate
from tests.workers.conftest import wait_for

pytestmark = pytest.mark.slow
POLL_S = 30


def status(cfg) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "moderator.cli", "--config", str(cfg), "status", "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_a_worker_killed_mid_poll_is_taken_over_within_two_intervals(tmp_path, pg_url, workers, graph_fake):
    now = datetime.now(UTC)
    post = graph_fake.state.add_post("Our harvest assembly this morning", now - timedelta(hours=3))
    comments = [graph_fake.state.add_comment(post, f"Lovely afternoon, thank you ({n})", now - timedelta(hours=2))
                for n in range(5)]
    cfg = tmp_path / "moderator.toml"
    cfg.write_text(f"""
[school]
name = "Test School"
{account_toml("fb", "facebook", graph_fake.url, "FB_TOKEN")}
[reporting]
smt = ["head@school.example.org"]
outbox = "outbox"
[storage]
url = "{pg_url}"
[daemon]
poll_interval_seconds = {POLL_S}
request_timeout_seconds = 600
""")
    env = {"FB_TOKEN": graph_fake.state.token}
    gate = Gate(graph_fake, "/feed")  # the first worker's poll stops at the fake, mid-poll
    first = workers(cfg, env)
    first.wait_ready()
    gate.wait_hit()
    second = workers(cfg, env)
    second.wait_ready()
    # the next poll of the account, tried while the first worker holds it, leaves it alone: in the second worker,
    # or in another of the first worker's job threads (a worker runs several jobs at once), whichever took the job
    busy = "another moderator process is polling this account"
    wait_for(lambda: busy in second.text() or busy in first.text(), 3 * POLL_S,
             "a second poll to find the account busy")
    held = {row["account"]: row for row in status(cfg) if "account" in row}["fb"]
    assert held["held_by"] and held["held_by"].endswith(f":{first.pid}"), held
    assert held["last_poll"] is None

    os.kill(first.pid, signal.SIGKILL)
    first.proc.wait()
    killed_at = datetime.now(UTC)
    gate.release()
    sessions = open_database(pg_url, run_migrations=False)

    def taken_over():
        with sessions() as s:
            return s.scalars(select(RunRow).where(RunRow.outcome == "ok")).first()

    run = wait_for(taken_over, 4 * POLL_S, "another worker to poll the account")
    started = run.started_at if run.started_at.tzinfo else run.started_at.replace(tzinfo=UTC)
    assert started - killed_at <= timedelta(seconds=2 * POLL_S), (started, killed_at)
    with sessions() as s:
        stored = list(s.scalars(select(ItemRow.external_id)))
    assert sorted(stored) == sorted([post, *comments]), "every item stored, once"
    after = {row["account"]: row for row in status(cfg) if "account" in row}["fb"]
    assert after["last_outcome"] == "ok" and not (after["held_by"] or "").endswith(f":{first.pid}")
    second.stop()
    assert "Traceback" not in second.text(), second.text()[-5000:]
    sessions.kw["bind"].dispose()
