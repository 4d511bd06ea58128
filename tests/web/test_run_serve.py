"""`moderator run --serve`: the daemon and the review pages in one real process on one database.

The process is started for real on loopback (the daemon polls the fake Graph API); the sign-in page is
fetched over HTTP, SIGTERM stops both, and an address in use is one clear line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from sqlalchemy import select

from moderator.config import load_config
from storage.db import open_database
from storage.models import AccountRow
from tests.fakes import free_port
from tests.web.conftest import write_config


def _start(tmp_path, graph_fake, args: list[str], port: int) -> tuple[subprocess.Popen, str]:
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'moderator.db'}", graph_fake.url,
                       f'[web]\nport = {port}\n')
    env = {**os.environ, "WEB_TEST_FB_TOKEN": graph_fake.state.token}
    proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "--config", cfg, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, cfg


def _answer(url: str, proc: subprocess.Popen, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read().decode()
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the review pages did not answer in time")


def _last_poll(cfg: str):
    sessions = open_database(load_config(cfg).storage_url)
    with sessions() as s:
        return s.scalar(select(AccountRow.last_poll_at).where(AccountRow.name == "oakfield-fb"))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_run_serve_polls_and_serves_then_stops_cleanly_on_a_signal(tmp_path, graph_fake, sig):
    port = free_port()
    proc, cfg = _start(tmp_path, graph_fake, ["run", "--serve"], port)
    try:
        page = _answer(f"http://127.0.0.1:{port}/sign-in", proc)
        assert "<form" in page and 'name="password"' in page
        deadline = time.monotonic() + 60
        while _last_poll(cfg) is None and time.monotonic() < deadline:  # the daemon polled, on the same database
            time.sleep(0.3)
        assert _last_poll(cfg) is not None
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert f"Review pages on http://127.0.0.1:{port}/" in out
    assert "moderator stopped cleanly" in err and "review pages stopped" in err
    with pytest.raises(OSError):  # nothing listens any more
        urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in", timeout=2)


@pytest.mark.parametrize("args", [["run", "--serve"], ["serve", "--no-check"]])
def test_a_port_in_use_is_one_clear_error(tmp_path, graph_fake, args):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc, _ = _start(tmp_path, graph_fake, args, port)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert "Traceback" not in err and "Review pages on" not in out


@pytest.mark.parametrize("other", ["--once", "--dry-run", "--worker"])
def test_serve_goes_with_the_daemon_only(tmp_path, graph_fake, other):
    proc, _ = _start(tmp_path, graph_fake, ["run", other, "--serve"], free_port())
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "--serve goes with the daemon, not with --once, --dry-run or --worker" in err
