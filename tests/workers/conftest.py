"""Real worker processes (`moderator run --worker`) on a PostgreSQL schema of their own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PG_URL, ROOT, _pg_schema_url
from tests.fakes import graph_fake  # noqa: F401 - fixture
from tests.fakes.x_server import x_fake  # noqa: F401 - fixture
from tests.reporting.conftest import smtp_server  # noqa: F401 - fixture

READY = "moderator worker "  # the line a worker logs once its models are loaded and it takes jobs


class Worker:
    """One `moderator run --worker` process, its log in a file."""

    def __init__(self, cfg: Path, log: Path, env: dict, args: tuple[str, ...] = ()) -> None:
        self.log = log
        self.proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "--config", str(cfg), "-v", "run",
                                      "--worker", *args], stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT,
                                     env={**os.environ, **env, "PYTHONUNBUFFERED": "1"})

    @property
    def pid(self) -> int:
        return self.proc.pid

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout: float = 300) -> None:
        wait_for(lambda: READY in self.text() or self.proc.poll() is not None, timeout, "the worker to start")
        assert self.proc.poll() is None, self.text()[-3000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def wait_for(predicate, timeout: float, what: str, step: float = 0.5):
    """Until ``predicate()`` is true (its value is returned); fails naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(step)


@pytest.fixture
def pg_url():
    """A storage URL on a fresh PostgreSQL schema, dropped afterwards."""
    import sqlalchemy as sa

    url, schema = _pg_schema_url()
    yield url
    eng = sa.create_engine(PG_URL)
    with eng.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    eng.dispose()


@pytest.fixture
def workers(tmp_path, pg_url):
    """Start workers with ``workers(cfg, env, *args)``; every one still running is stopped afterwards."""
    started: list[Worker] = []

    def start(cfg: Path, env: dict | None = None, *args: str) -> Worker:
        w = Worker(cfg, tmp_path / f"worker-{len(started)}.log", env or {}, args)
        started.append(w)
        return w

    yield start
    for w in started:
        w.stop()
