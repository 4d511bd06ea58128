"""`moderator run --worker` refuses SQLite with a clear line; `moderator status` works on both databases."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from moderator.cli import cli
from tests.conftest import ROOT


def sample(folder, url: str | None = None):
    shutil.copytree(ROOT / "sample", folder, dirs_exist_ok=True)
    cfg = folder / "config.toml"
    if url:
        cfg.write_text(cfg.read_text().replace('url = "sqlite:///moderator.db"', f'url = "{url}"'))
    return cfg


def test_worker_needs_postgresql_and_says_so(tmp_path):
    cfg = sample(tmp_path)
    res = CliRunner().invoke(cli, ["--config", str(cfg), "run", "--worker"])
    assert res.exit_code == 2
    assert "needs a PostgreSQL storage.url" in res.output and "moderator run" in res.output
    assert "Traceback" not in res.output
    both = CliRunner().invoke(cli, ["--config", str(cfg), "run", "--worker", "--once"])
    assert both.exit_code == 2 and "cannot be combined" in both.output
    jobs = CliRunner().invoke(cli, ["--config", str(cfg), "run", "--once", "--jobs", "2"])
    assert jobs.exit_code == 2 and "use it with --worker" in jobs.output


def test_status_lists_every_account_after_a_single_process_run(tmp_path, db_url):
    cfg = sample(tmp_path, None if db_url.startswith("sqlite") else db_url)
    runner = CliRunner()
    before = runner.invoke(cli, ["--config", str(cfg), "status"], catch_exceptions=False)
    assert before.exit_code == 0 and "oakfield-demo" in before.output and "never" in before.output
    assert runner.invoke(cli, ["--config", str(cfg), "run", "--once"], catch_exceptions=False).exit_code == 0
    rows = [json.loads(line) for line in
            runner.invoke(cli, ["--config", str(cfg), "status", "--json"], catch_exceptions=False).output.splitlines()]
    demo = rows[0]
    assert demo["account"] == "oakfield-demo" and demo["last_outcome"] == "ok" and demo["last_poll"]
    assert demo["next_poll"] != "now" and demo["held_by"] is None and demo["failures_24h"] == 0
    assert rows[-1] == {"queue": {}}
