"""Real processes racing: two `moderator run --once` on one configuration, two start-ups migrating at once.

The race must end exactly as one process alone would have: every item stored once, one skip row
per malformed line, every hide carried out and recorded once, and no traceback on either side.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, select, text

from storage.db import MIGRATIONS, open_database
from storage.models import ActionRow, ItemRow, SkipRow

ROOT = Path(__file__).resolve().parents[2]
COPIES = 4  # the sample feed four times over (ids made distinct): a poll long enough to overlap


def workspace(folder: Path, url: str | None) -> Path:
    """The sample configuration with a longer feed, on the given database (SQLite beside it by default)."""
    shutil.copytree(ROOT / "sample", folder, dirs_exist_ok=True)
    lines = (ROOT / "sample" / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for n in range(COPIES):
        for line in lines:
            try:
                row = json.loads(line)
            except ValueError:
                out.append(line)  # the sample's malformed line, once per copy
                continue
            row["id"] = f"{row['id']}-{n}"
            if row.get("parent"):
                row["parent"] = f"{row['parent']}-{n}"
            out.append(json.dumps(row))
    (folder / "feed.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
    cfg = folder / "config.toml"
    if url:
        cfg.write_text(cfg.read_text().replace('url = "sqlite:///moderator.db"', f'url = "{url}"'))
    return cfg


def start(cfg: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "moderator.cli", "--config", str(cfg), "-v", "run", "--once"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def outcome(folder: Path, url: str | None) -> dict:
    """What a run left behind, in terms a user would check."""
    sessions = open_database(url or f"sqlite:///{folder / 'moderator.db'}", run_migrations=False)
    with sessions() as s:
        items = list(s.scalars(select(ItemRow.external_id)))
        skips = list(s.scalars(select(SkipRow.reason)))
        actions = [(a.item.external_id, a.kind, a.status) for a in s.scalars(select(ActionRow))]
    sessions.kw["bind"].dispose()
    state = folder / "feed.jsonl.state.json"
    return {"items": sorted(items), "distinct items": len(set(items)), "skips": sorted(skips),
            "actions": sorted(actions), "hidden": sorted(json.loads(state.read_text())["hidden"])}


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> dict:
    """The same configuration run by one process alone: what the race must also end with."""
    folder = tmp_path_factory.mktemp("alone")
    proc = start(workspace(folder, None))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-3000:]
    return outcome(folder, None)


def test_two_run_once_racing_on_one_account_end_as_one_run_alone(tmp_path, db_url, alone):
    url = None if db_url.startswith("sqlite") else db_url
    cfg = workspace(tmp_path, url)
    procs = [start(cfg), start(cfg)]
    results = [p.communicate(timeout=600) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err[-3000:]
        assert "Traceback" not in err and "Traceback" not in out, err[-3000:]
    summaries = "\n".join(out for out, _ in results)
    assert "another moderator process" in summaries or summaries.count("item(s) seen") == 2
    got = outcome(tmp_path, url)
    assert got["distinct items"] == len(got["items"]), "every item stored once"
    assert got == alone
    assert len(got["skips"]) == COPIES, "one skip row per malformed line, not one per process"
    assert got["hidden"] and all(status == "done" for _, _, status in got["actions"])


MIGRATE = """
import sys, time
from storage.db import MIGRATIONS, open_database
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
open_database(sys.argv[1])
print("migrated")
"""


def test_processes_starting_at_once_on_a_fresh_database_migrate_it_once(tmp_path, db_url):
    at = time.time() + 3  # all start migrating at the same moment, once their imports are done
    procs = [subprocess.Popen([sys.executable, "-c", MIGRATE, db_url, str(at)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(3)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.strip() == "migrated", err[-3000:]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        versions = list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        tables = conn.execute(select(func.count()).select_from(ItemRow.__table__)).scalar()
    engine.dispose()
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert versions == [ScriptDirectory.from_config(cfg).get_current_head()]
    assert tables == 0
