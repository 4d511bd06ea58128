"""The pipeline over the file-feed connector, on real SQLite and PostgreSQL.

The detectors here are a light keyword stand-in so that each test controls exactly what
is found; the real detectors run in tests/test_end_to_end.py and tests/detectors/.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from connectors.base import Retriable
from connectors.file_feed import FileFeedConnector
from detectors.base import Finding
from detectors.engine import ItemResult
from moderator.config import parse_config
from moderator.pipeline import Pipeline, SimulatedCrash
from storage.db import open_database
from storage.models import ActionRow, FindingRow, ItemRow, RunRow, SkipRow


class KeywordEngine:
    """Finds 'abuse' wherever the word BADWORD appears, and 'named_child' for PUPILNAME."""

    def __init__(self):
        self.analysed = []

    def analyze(self, items):
        out = []
        for it in items:
            self.analysed.append(it.external_id)
            res = ItemResult(it)
            if len(it.text) > 1000:
                res.skipped = "text too long to analyse"
            for word, label, sev in (("BADWORD", "abuse", "high"), ("PUPILNAME", "named_child", "high")):
                if word in it.text:  # a confident finding: over every label's shipped automatic-hide threshold
                    i = it.text.index(word)
                    res.findings.append(Finding(label, 0.995, sev, i, i + len(word), f"test word for {label}"))
            out.append(res)
        return out


class Reporter:
    def __init__(self):
        self.alerts, self.admin = 0, []

    def send_alerts(self):
        self.alerts += 1

    def notify_admins(self, subject, body, key):
        self.admin.append(subject)


def feed_line(ext, text, kind="comment", author="public", **kw):
    return json.dumps({"id": ext, "kind": kind, "author": author, "text": text, **kw})


def make(tmp_path: Path, db_url: str, lines: list[str], policy: str = "", extra_accounts: str = ""):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import tomllib

    data = tomllib.loads(f"""
[school]
name = "Test School"
[[accounts]]
name = "feed"
platform = "file"
path = "feed.jsonl"
{extra_accounts}
[storage]
url = "{db_url}"
{policy}
""")
    config = parse_config(data, tmp_path / "moderator.toml")
    sessions = open_database(config.storage_url)
    return config, sessions, feed


def count(sessions, model):
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def hidden_ids(feed: Path) -> set[str]:
    state = feed.with_name(feed.name + ".state.json")
    return set(json.loads(state.read_text())["hidden"]) if state.exists() else set()


LINES = [
    feed_line("p1", "Our sports day post", kind="post", author="school", media=["photo"]),
    feed_line("c1", "you BADWORD", parent="p1"),
    feed_line("c2", "lovely day", parent="p1"),
]


def test_poll_stores_hides_and_second_poll_adds_nothing(tmp_path, db_url):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    rep = Reporter()
    p = Pipeline(config, sessions, KeywordEngine(), reporter=rep)
    (counts,) = p.poll_all()
    assert (counts.seen, counts.analysed, counts.findings["abuse"]) == (3, 3, 1)
    assert hidden_ids(feed) == {"c1"}
    assert rep.alerts == 1, "alerts go out within the poll that found them"
    with sessions() as s:
        assert s.scalar(select(ItemRow.visibility).where(ItemRow.external_id == "c1")) == "hidden"
        assert s.scalar(select(ActionRow.status)) == "done"
    before = (count(sessions, ItemRow), count(sessions, FindingRow), count(sessions, ActionRow))
    (again,) = p.poll_all()
    assert again.seen == 0
    assert (count(sessions, ItemRow), count(sessions, FindingRow), count(sessions, ActionRow)) == before


def test_refetching_the_same_items_does_not_analyse_them_again(tmp_path, db_url):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    engine = KeywordEngine()
    Pipeline(config, sessions, engine).poll_all()
    with sessions.begin() as s:  # forget the cursor: the connector re-sends everything
        from storage.models import CursorRow

        s.query(CursorRow).delete()
    (counts,) = Pipeline(config, sessions, engine).poll_all()
    assert counts.unchanged == 3 and counts.analysed == 0
    assert count(sessions, ItemRow) == 3 and count(sessions, FindingRow) == 1


def test_crash_between_fetch_and_commit_loses_and_duplicates_nothing(tmp_path, db_url):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    crashing = Pipeline(config, sessions, KeywordEngine())
    crashing.crash_before_commit = True
    with pytest.raises(SimulatedCrash):
        crashing.poll_all()
    assert count(sessions, ItemRow) == 0 and hidden_ids(feed) == set()
    (counts,) = Pipeline(config, sessions, KeywordEngine()).poll_all()
    assert counts.seen == 3
    assert count(sessions, ItemRow) == 3 and count(sessions, FindingRow) == 1
    assert hidden_ids(feed) == {"c1"}


def test_edited_item_is_analysed_again_and_old_findings_superseded(tmp_path, db_url):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    p = Pipeline(config, sessions, KeywordEngine())
    p.poll_all()
    with feed.open("a") as fh:
        fh.write(feed_line("c2", "lovely day PUPILNAME", parent="p1") + "\n")
    (counts,) = p.poll_all()
    assert counts.edited == 1 and counts.findings["named_child"] == 1
    with sessions() as s:
        assert s.scalar(select(ItemRow.text).where(ItemRow.external_id == "c2")) == "lovely day PUPILNAME"
    assert hidden_ids(feed) == {"c1", "c2"}


def test_school_post_is_flagged_never_hidden_and_log_says_why(tmp_path, db_url):
    lines = [feed_line("p1", "Well done PUPILNAME", kind="post", author="school", media=["photo"])]
    config, sessions, feed = make(tmp_path, db_url, lines)
    Pipeline(config, sessions, KeywordEngine()).poll_all()
    assert hidden_ids(feed) == set()
    with sessions() as s:
        f = s.scalars(select(FindingRow)).one()
        assert f.decision == "flag" and "school's own posts" in f.decision_reason
        assert count(sessions, ActionRow) == 0


def test_hold_and_record_policies_do_not_hide(tmp_path, db_url):
    policy = '[policy.abuse]\naction = "hold"\n[policy.named_child]\naction = "record"'
    lines = [feed_line("c1", "BADWORD"), feed_line("c2", "PUPILNAME")]
    config, sessions, feed = make(tmp_path, db_url, lines, policy=policy)
    Pipeline(config, sessions, KeywordEngine()).poll_all()
    assert hidden_ids(feed) == set()
    with sessions() as s:
        got = {f.label: (f.decision, f.review_status) for f in s.scalars(select(FindingRow))}
    assert got == {"abuse": ("hold", "held"), "named_child": ("record", "open")}


def test_dry_run_decides_but_stores_and_hides_nothing(tmp_path, db_url):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    (counts,) = Pipeline(config, sessions, KeywordEngine(), dry_run=True).poll_all()
    assert counts.decisions["hide"] == 1
    assert hidden_ids(feed) == set() and count(sessions, ItemRow) == 0
    (counts,) = Pipeline(config, sessions, KeywordEngine()).poll_all()
    assert counts.seen == 3 and hidden_ids(feed) == {"c1"}


def test_bad_items_are_skipped_with_reasons_and_the_rest_go_on(tmp_path, db_url):
    lines = [feed_line("c1", "BADWORD"), "{not json", feed_line("c3", "x" * 5000 + " BADWORD"),
             json.dumps({"id": "c4", "text": 5}), feed_line("c5", "nul\x00 and lone \ud800 surrogate BADWORD")]
    config, sessions, feed = make(tmp_path, db_url, lines)
    (counts,) = Pipeline(config, sessions, KeywordEngine()).poll_all()
    assert counts.skipped["malformed item"] == 2
    assert counts.skipped["text too long to analyse"] == 1
    with sessions() as s:
        reasons = {r.external_id: r.reason for r in s.scalars(select(SkipRow))}
    assert set(reasons) == {None, "c3", "c4"} and "line 2" in reasons[None]
    assert hidden_ids(feed) == {"c1", "c5"}


def test_failed_hide_is_retried_next_cycle_not_dropped(tmp_path, db_url, monkeypatch):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    real_hide = FileFeedConnector.hide
    calls = []

    def flaky(self, ref):
        calls.append(ref.external_id)
        if len(calls) == 1:
            raise Retriable("platform timed out")
        real_hide(self, ref)

    monkeypatch.setattr(FileFeedConnector, "hide", flaky)
    clock = [datetime.now(UTC)]
    p = Pipeline(config, sessions, KeywordEngine(), clock=lambda: clock[0])
    p.poll_all()
    with sessions() as s:
        a = s.scalars(select(ActionRow)).one()
        assert (a.status, a.attempts) == ("failed", 1) and "timed out" in a.error
    assert hidden_ids(feed) == set()
    clock[0] += timedelta(hours=2)
    p.poll_all()
    with sessions() as s:
        a = s.scalars(select(ActionRow)).one()
        assert (a.status, a.attempts) == ("done", 2)
    assert hidden_ids(feed) == {"c1"}


def test_one_failing_account_never_stops_the_others(tmp_path, db_url):
    extra = '[[accounts]]\nname = "gone"\nplatform = "file"\npath = "missing.jsonl"\n'
    config, sessions, feed = make(tmp_path, db_url, LINES, extra_accounts=extra)
    config.accounts.reverse()  # the broken one first
    rep = Reporter()
    results = {r.account: r for r in Pipeline(config, sessions, KeywordEngine(), reporter=rep).poll_all()}
    assert results["gone"].outcome == "disabled" and "not found" in results["gone"].error
    assert results["feed"].outcome == "ok" and results["feed"].seen == 3
    assert rep.admin == ["Moderation stopped for account gone"]
    with sessions() as s:
        outcomes = sorted(r.outcome for r in s.scalars(select(RunRow)))
    assert outcomes == ["disabled", "ok"]


def test_dry_run_reports_a_broken_account_without_disabling_it(tmp_path, db_url):
    extra = '[[accounts]]\nname = "gone"\nplatform = "file"\npath = "missing.jsonl"\n'
    config, sessions, feed = make(tmp_path, db_url, LINES, extra_accounts=extra)
    rep = Reporter()
    results = {r.account: r for r in Pipeline(config, sessions, KeywordEngine(), reporter=rep,
                                              dry_run=True).poll_all()}
    assert results["gone"].outcome == "disabled" and rep.admin == []
    assert count(sessions, RunRow) == 0
    results = {r.account: r for r in Pipeline(config, sessions, KeywordEngine(), reporter=rep).poll_all()}
    assert results["gone"].outcome == "disabled" and rep.admin == ["Moderation stopped for account gone"]
