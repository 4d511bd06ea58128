"""The daemon as a real process (signals), and `moderator check` for staff drafts."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from moderator.cli import cli
from storage.db import open_database
from storage.models import ItemRow, RunRow

ROOT = Path(__file__).resolve().parents[2]


def test_daemon_polls_then_sigterm_finishes_cleanly(tmp_path):
    shutil.copytree(ROOT / "sample", tmp_path, dirs_exist_ok=True)
    cfg = tmp_path / "config.toml"
    cfg.write_text(cfg.read_text() + "\n[daemon]\npoll_interval_seconds = 30\n")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "--config", str(cfg), "-v", "run"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    sessions = None
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if (tmp_path / "moderator.db").exists():
                sessions = sessions or open_database(f"sqlite:///{tmp_path / 'moderator.db'}", run_migrations=False)
                try:
                    with sessions() as s:
                        if s.scalar(select(func.count()).select_from(RunRow)):
                            break
                except Exception:  # noqa: BLE001 - tables not created yet
                    pass
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.5)
        else:
            raise AssertionError("the daemon never completed a poll")
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-2000:]
    assert "stopped cleanly" in err
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ItemRow)) == 15
    # nothing from the items' text reaches the log
    assert "f*cking" not in err and "07700" not in err and "Bennett" not in err


def test_check_flags_a_named_pupil_beside_a_photo_and_passes_a_clean_draft():
    runner = CliRunner()
    cfg = str(ROOT / "sample" / "config.toml")
    bad = runner.invoke(cli, ["--config", cfg, "check", "--photo",
                              "Congratulations to Arlo Bennett in Reception on his swimming badge!"])
    assert bad.exit_code == 1, bad.output
    assert "named_child" in bad.output and "critical" in bad.output
    ok = runner.invoke(cli, ["--config", cfg, "check"],
                       input="Reminder: school closes at 1.30pm on Friday for the Christmas holidays.\n")
    assert ok.exit_code == 0, ok.output
    assert "no breach" in ok.output
