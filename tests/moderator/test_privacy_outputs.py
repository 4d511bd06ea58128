"""Nothing private leaves in logs or output, and private files are the owner's only.

The daemon runs as real processes (`run --once`, `run` stopped with SIGTERM, `log`, `check`) at
-v, -vv and -vvv over a feed full of invented canaries: roster pupils' names, e-mail addresses and
phone numbers. Every line on standard error, and the standard output of `run`, is searched for them.

Excluded, because showing the text to an authorised user is their job:
- the standard output of `moderator log` (the moderation log shows item text to the administrator);
- the standard output of `moderator check` (it quotes the breach in the draft to the member of staff).
Both are checked to contain a canary, so the search is shown able to find one.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import PG_URL

ROOT = Path(__file__).resolve().parents[2]
PUPILS = [("Zephyrine", "Quillfeather", "Year 3"), ("Thaddeus", "Brackenbury", "Year 5"),
          ("Oriel", "Fanshawe", "Reception")]
EMAILS = ["zephyrine.canary@example.org", "t.brackenbury.home@example.net"]
PHONES = ["07700 900461", "0115 496 0731"]
CANARIES = [p for first, last, _ in PUPILS for p in (first, last)] + EMAILS + PHONES + [
    p.replace(" ", "") for p in PHONES]
PASSWORD = "Canary-Pa55word"


def feed_lines(prefix: str) -> list[str]:
    (a1, a2, _), (b1, b2, _), (c1, c2, _) = PUPILS
    rows = [
        {"id": f"{prefix}p1", "kind": "post", "author": "school", "media": ["photo"],
         "text": f"Well done {a1} {a2} on your swimming certificate!"},
        {"id": f"{prefix}c1", "parent": f"{prefix}p1", "text": f"So proud of {a1} {a2} and {b1}!"},
        {"id": f"{prefix}c2", "parent": f"{prefix}p1", "text": f"Email me at {EMAILS[0]} or ring {PHONES[0]}"},
        {"id": f"{prefix}c3", "parent": f"{prefix}p1", "text": f"{b1} {b2} in {PUPILS[1][2]} is a f*cking idiot"},
        {"id": f"{prefix}c4", "parent": f"{prefix}p1", "text": f"{c1} {c2}'s mum: {PHONES[1]}, {EMAILS[1]}"},
    ]
    return [json.dumps(r) for r in rows] + ['{"id": "' + prefix + 'bad", "text": "' + a1 + ' ' + a2 + ' lives at']


def workspace(folder: Path, storage_url: str) -> Path:
    shutil.copytree(ROOT / "sample", folder, dirs_exist_ok=True)
    (folder / "roster.csv").write_text("first_name,last_name,preferred_name,year_group,photo_consent\n" + "".join(
        f"{first},{last},{first},{year},no\n" for first, last, year in PUPILS), encoding="utf-8")
    (folder / "feed.jsonl").write_text("\n".join(feed_lines("a")) + "\n", encoding="utf-8")
    cfg = folder / "config.toml"
    cfg.write_text(cfg.read_text().replace('url = "sqlite:///moderator.db"', f'url = "{storage_url}"')
                   + "\n[daemon]\npoll_interval_seconds = 30\n")
    return cfg


def moderator(cfg: Path, verbosity: int, *args: str, **kw) -> subprocess.Popen:
    """The real CLI as its own process, started with a permissive umask of 022 the product must override."""
    return subprocess.Popen([sys.executable, "-m", "moderator.cli", "--config", str(cfg), "-" + "v" * verbosity,
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"}, preexec_fn=lambda: os.umask(0o022), **kw)


def leaks(output: str) -> list[str]:
    return [c for c in CANARIES if c in output]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_daemon_until_a_poll(cfg: Path, verbosity: int, private: Path) -> tuple[str, str, dict[str, int]]:
    """Start `moderator run`, wait for one poll, note the files' modes while it runs, then SIGTERM it."""
    proc = moderator(cfg, verbosity, "run")
    err_lines: list[str] = []
    polled = threading.Event()

    def read_stderr():
        for line in proc.stderr:
            err_lines.append(line)
            if "account oakfield-demo: ok" in line:
                polled.set()

    reader = threading.Thread(target=read_stderr)
    reader.start()
    try:
        assert polled.wait(180), "".join(err_lines)[-3000:]
        modes = {p.name: mode(p) for p in private.iterdir()}  # the -wal and -shm exist while it runs
        proc.send_signal(signal.SIGTERM)
        out = proc.stdout.read()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        reader.join(timeout=60)
    assert proc.returncode == 0, "".join(err_lines)[-3000:]
    return out, "".join(err_lines), modes


@pytest.mark.parametrize("verbosity", [1, 2, 3])
def test_no_canary_in_any_log_or_output_at_any_verbosity_and_private_files_are_owner_only(tmp_path, verbosity):
    cfg = workspace(tmp_path, "sqlite:///private/moderator.db")
    private = tmp_path / "private"

    once = moderator(cfg, verbosity, "run", "--once")
    out, err = once.communicate(timeout=300)
    assert once.returncode == 0, err[-3000:]
    assert "5 item(s) seen" in out and "hide done" in out
    assert leaks(out) == [] and leaks(err) == [], (out, err)
    if verbosity >= 2:
        assert " DEBUG " in err, "the test runs at the verbosity it claims"

    with open(tmp_path / "feed.jsonl", "a", encoding="utf-8") as fh:  # new items for the daemon to analyse
        fh.write("\n".join(feed_lines("b")) + "\n")
    out, err, modes = run_daemon_until_a_poll(cfg, verbosity, private)
    assert "stopped cleanly" in err
    assert leaks(out) == [] and leaks(err) == [], (out, err)
    assert {"moderator.db", "moderator.db-wal", "moderator.db-shm"} <= set(modes)
    assert {name: m for name, m in modes.items() if name.startswith("moderator.db-") or name == "moderator.db"} \
        == {"moderator.db": 0o600, "moderator.db-wal": 0o600, "moderator.db-shm": 0o600}
    assert mode(private) == 0o700 and mode(private / "moderator.db.locks") == 0o700
    assert all(mode(p) == 0o600 for p in (private / "moderator.db.locks").iterdir())
    assert mode(tmp_path / "feed.jsonl.state.json") == 0o600
    outbox = tmp_path / "outbox"
    assert mode(outbox) == 0o700 and list(outbox.iterdir())
    assert all(mode(p) == 0o600 for p in outbox.iterdir()), "the DSL's alerts name the pupils"

    log = moderator(cfg, verbosity, "log")
    out, err = log.communicate(timeout=120)
    assert log.returncode == 0, err[-3000:]
    assert leaks(err) == [], err
    assert leaks(out), "the moderation log shows item text to the administrator (excluded from the search)"
    assert "Needs attention:" in out and "malformed item 2" in out

    check = moderator(cfg, verbosity, "check", "--photo", stdin=subprocess.PIPE)
    out, err = check.communicate(f"Congratulations {PUPILS[0][0]} {PUPILS[0][1]}! Call {PHONES[0]}.", timeout=300)
    assert check.returncode == 1, err[-3000:]
    assert leaks(err) == [], err
    assert leaks(out), "check quotes the breach to the member of staff (excluded from the search)"


def test_run_once_on_postgresql_never_prints_the_database_password(tmp_path):
    import sqlalchemy as sa

    schema = "t_privacy_" + os.urandom(4).hex()
    eng = sa.create_engine(PG_URL)
    with eng.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        url = sa.make_url(PG_URL).set(password=PASSWORD)  # the test server trusts local connections
        full = url.render_as_string(hide_password=False) + f"?options=-csearch_path%3D{schema}"
        cfg = workspace(tmp_path, full)
        proc = moderator(cfg, 3, "run", "--once")
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
        assert PASSWORD not in out and PASSWORD not in err
        assert "Database: postgresql+psycopg://postgres:***@" in out
        assert leaks(out) == [] and leaks(err) == []
    finally:
        with eng.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        eng.dispose()
