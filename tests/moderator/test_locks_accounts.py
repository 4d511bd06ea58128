"""One moderator process at a time per account, on real SQLite and PostgreSQL.

Another process holding an account's lock is a real process here (a small Python child holding
the same lock a ``moderator run`` would); the pipeline is the real one over the file feed, with the
keyword stand-in for the detectors (see test_pipeline.py).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from connectors.file_feed import FileFeedConnector
from moderator.pipeline import BUSY, Pipeline
from moderator.review import review_finding
from storage.locks import LockBusy, Locks, account_lock_name
from storage.models import ActionRow, FindingRow, ItemRow, RunRow
from tests.moderator.test_pipeline import LINES, KeywordEngine, count, feed_line, hidden_ids, make

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
from sqlalchemy import create_engine
from storage.locks import Locks
with Locks(create_engine(sys.argv[1])).hold(sys.argv[2], wait=30):
    print("held", flush=True)
    sys.stdin.readline()
"""


@contextmanager
def held_by_another_process(url: str, name: str):
    """Another process holds the lock ``name`` until the block ends."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, url, name], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    def release():
        if not proc.stdin.closed:
            proc.stdin.close()

    try:
        assert proc.stdout.readline().strip() == "held"
        yield release
    finally:
        release()
        proc.wait(timeout=30)
        assert proc.returncode == 0


def test_a_poll_while_another_process_holds_the_account_is_skipped_as_busy(tmp_path, db_url):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    pipeline = Pipeline(config, sessions, KeywordEngine(), lock_wait=0.5)
    with held_by_another_process(config.storage_url, account_lock_name("feed")):
        started = time.monotonic()
        (counts,) = pipeline.poll_all()
        waited = time.monotonic() - started
    assert (counts.outcome, counts.error) == ("busy", BUSY)
    assert 0.4 <= waited < 10, "a busy account is waited for a bounded time, then skipped"
    assert count(sessions, ItemRow) == 0 and count(sessions, RunRow) == 0 and hidden_ids(feed) == set()
    (counts,) = pipeline.poll_all()  # the other process is gone: the next cycle does the work
    assert counts.outcome == "ok" and counts.seen == 3 and hidden_ids(feed) == {"c1"}


def test_a_poll_waits_for_a_short_hold_instead_of_skipping(tmp_path, db_url):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    pipeline = Pipeline(config, sessions, KeywordEngine(), lock_wait=30)
    with held_by_another_process(config.storage_url, account_lock_name("feed")) as release:
        timer = threading.Timer(1.0, release)  # the other process finishes its poll a second later
        timer.start()
        started = time.monotonic()
        (counts,) = pipeline.poll_all()
        waited = time.monotonic() - started
        timer.join()
    assert counts.outcome == "ok" and waited >= 0.9 and hidden_ids(feed) == {"c1"}
    with Locks.for_sessions(sessions).hold(account_lock_name("feed"), wait=0):  # released after the poll
        pass


def test_the_lock_is_released_when_a_poll_fails(tmp_path, db_url, monkeypatch):
    config, sessions, feed = make(tmp_path, db_url, LINES)

    def broken(self, cursor, since):
        raise RuntimeError("the feed broke")

    monkeypatch.setattr(FileFeedConnector, "fetch", broken)
    (counts,) = Pipeline(config, sessions, KeywordEngine()).poll_all()
    assert counts.outcome == "failed"
    with Locks.for_sessions(sessions).hold(account_lock_name("feed"), wait=0):
        pass


def test_two_accounts_have_separate_locks(tmp_path, db_url):
    extra = '[[accounts]]\nname = "second"\nplatform = "file"\npath = "second.jsonl"\n'
    config, sessions, feed = make(tmp_path, db_url, LINES, extra_accounts=extra)
    (tmp_path / "second.jsonl").write_text(feed_line("s1", "fine words") + "\n")
    pipeline = Pipeline(config, sessions, KeywordEngine(), lock_wait=0.3)
    with held_by_another_process(config.storage_url, account_lock_name("feed")):
        results = {r.account: r.outcome for r in pipeline.poll_all()}
    assert results == {"feed": "busy", "second": "ok"}


def test_a_review_while_the_daemon_holds_the_account_leaves_the_restore_to_it(tmp_path, db_url):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    pipeline = Pipeline(config, sessions, KeywordEngine(), lock_wait=0.3)
    pipeline.poll_all()
    assert hidden_ids(feed) == {"c1"}

    class App:  # what review_finding reads of the CLI's App
        pass

    app = App()
    app.config, app.sessions, app.pipeline = config, sessions, pipeline
    with sessions() as s:
        finding_id = s.scalar(select(FindingRow.id))
    import moderator.review as review

    review.REVIEW_LOCK_WAIT, saved = 0.3, review.REVIEW_LOCK_WAIT
    try:
        with held_by_another_process(config.storage_url, account_lock_name("feed")):
            msg = review_finding(app, finding_id, "dismiss", "a quote from a book", "head")
    finally:
        review.REVIEW_LOCK_WAIT = saved
    assert "another moderator process is working on account feed" in msg and "daemon will carry it out" in msg
    assert hidden_ids(feed) == {"c1"}, "nothing done while another process holds the account"
    with sessions() as s:
        restore = s.scalars(select(ActionRow).where(ActionRow.kind == "restore")).one()
        assert restore.status == "pending"
    pipeline.poll_all()
    assert hidden_ids(feed) == set(), "the next poll carries out the restore"
    with sessions() as s:
        assert s.scalars(select(ActionRow).where(ActionRow.kind == "restore")).one().status == "done"


def test_a_lock_held_elsewhere_times_out_with_the_reason_given(tmp_path, db_url):
    config, _, _ = make(tmp_path, db_url, LINES)
    engine = create_engine(config.storage_url)
    try:
        with held_by_another_process(config.storage_url, "x"):
            with pytest.raises(LockBusy, match="somebody else"):
                with Locks(engine).hold("x", wait=0.2, busy="somebody else"):
                    pass
        with Locks(engine).hold("x", wait=0):  # free once that process let go
            pass
    finally:
        engine.dispose()
