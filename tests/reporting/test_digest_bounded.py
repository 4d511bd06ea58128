"""A digest over 100,000 findings: summarised, small, built from SQL counts; skipped items under attention."""

from __future__ import annotations

import email
import stat
from collections import Counter
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from moderator.reporting import Reporter
from moderator.reporting.digest import LIST_LIMIT, MOST_SEVERE_LISTED
from storage.db import open_database
from storage.models import AccountRow, DigestRow, FindingRow, ItemRow, SkipRow
from tests.reporting.conftest import parts

LABELS = ("abuse", "commercial", "unsafe_link", "personal_data")
N_ITEMS, PER_ITEM = 10_000, 10  # 100,000 findings


def _bulk(sessions, at, n_items: int, per_item: int) -> Counter:
    """Insert invented items and findings in bulk; return how many of each label, severity and decision."""
    with sessions.begin() as s:
        fb = s.execute(insert(AccountRow).returning(AccountRow.id),
                       [{"name": "oakfield-fb", "platform": "facebook", "external_id": "page-1"}]).scalar_one()
        ig = s.execute(insert(AccountRow).returning(AccountRow.id),
                       [{"name": "oakfield-ig", "platform": "instagram", "external_id": "ig-1"}]).scalar_one()
        s.execute(insert(ItemRow), [
            {"platform": "facebook" if i % 2 else "instagram", "external_id": f"c{i}",
             "account_id": fb if i % 2 else ig, "kind": "comment", "by_school": False,
             "text": f"buy cheap stuff at shop number {i} you idiots", "content_hash": f"h{i}",
             "permalink": f"https://www.facebook.com/oakfield/posts/1?comment_id={i}", "created_at": at,
             "visibility": "hidden", "hideable": True, "first_seen_at": at, "media": []}
            for i in range(n_items)])
        ids = list(s.scalars(select(ItemRow.id).order_by(ItemRow.id)))
        expected: Counter = Counter()
        rows = []
        for n, item_id in enumerate(ids):
            for k in range(per_item):
                label = LABELS[(n + k) % len(LABELS)]
                # a handful of critical findings: those must be the ones listed
                severity = "critical" if (n * per_item + k) % 4_999 == 0 else ("high" if k % 2 else "medium")
                decision = "hide" if k % 3 else "hold"
                expected.update((label, severity, decision))
                rows.append({"item_id": item_id, "label": label, "score": 0.9, "severity": severity,
                             "span_start": 0, "span_end": 3, "explanation": f"{label} evidence found",
                             "rule": f"The {label} rule.", "details": {}, "content_hash": "h",
                             "decision": decision, "decision_reason": "policy",
                             "review_status": "open", "created_at": at})
        s.execute(insert(FindingRow), rows)
        skips = [{"account_id": fb, "external_id": f"bad{i}", "reason": reason, "at": at}
                 for i, reason in enumerate(["malformed item: created_time is not a date"] * 40
                                            + ["analysis took too long"] * 7 + ["too long: 61000 characters"] * 3
                                            + [f"malformed item: odd field {j}" for j in range(30)])]
        s.execute(insert(SkipRow), skips)
    return expected


@pytest.fixture
def sqlite_sessions(tmp_path):
    return open_database(f"sqlite:///{tmp_path / 'big.db'}")


def test_digest_over_100000_findings_summarises_and_stays_small(sqlite_sessions, make_config, clock, tmp_path):
    at = clock() - timedelta(hours=2)
    expected = _bulk(sqlite_sessions, at, N_ITEMS, PER_ITEM)
    r = Reporter(make_config(), sqlite_sessions, clock=clock)  # no SMTP: the outbox

    digest = r.send_digest()

    assert digest.status == "sent"
    [eml] = list(Path(digest.delivered_to).parent.glob("*.eml"))
    raw = eml.read_bytes()
    assert len(raw) < 250_000, f"the digest is {len(raw)} bytes"
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == ("Oakfield Primary: social media digest, 100000 findings "
                              f"({expected['critical']} critical)")
    text, html = parts(msg)
    assert len(text) < 40_000 and len(html) < 120_000
    assert "100000 findings." in text
    names = {"abuse": "Abuse", "commercial": "Promotion", "unsafe_link": "Unsafe link",
             "personal_data": "Personal data"}
    for label, name in names.items():
        assert f"{name} {expected[label]}" in text
    assert (f"By severity: critical {expected['critical']}, high {expected['high']}, "
            f"medium {expected['medium']}") in text
    assert f"By decision: to hide {expected['hide']}, held for review {expected['hold']}" in text
    assert "Too many findings to list each one" in text and "moderator log --account NAME" in text
    listed = [line for line in text.splitlines() if line.startswith("[#")]
    assert len(listed) == MOST_SEVERE_LISTED
    assert all(", critical (" in line for line in listed)  # the 20 critical ones, nothing less severe
    assert text.count("moderator review ") == MOST_SEVERE_LISTED + 1  # each listed one, and the footer
    assert "== oakfield-fb (facebook) ==" in text and "== oakfield-ig (instagram) ==" in text
    # needs attention: skipped items counted by reason, the commonest first, the rest summed
    assert "80 items could not be checked and were skipped:" in text
    assert "oakfield-fb: malformed item: created_time is not a date (40)" in text
    assert "oakfield-fb: analysis took too long (7)" in text
    assert "oakfield-fb: too long: 61000 characters (3)" in text
    assert "other reasons: 21" in text  # 12 groups shown: 3 big ones and 9 of the 30 odd ones
    with sqlite_sessions() as s:
        assert s.scalar(select(DigestRow.id)) == digest.id
        assert set(s.scalars(select(FindingRow.digest_id).distinct())) == {digest.id}


def test_decision_counts_match_the_rows(sqlite_sessions, make_config, clock):
    """The summary's counts are the database's (checked against a count per decision)."""
    at = clock() - timedelta(hours=2)
    _bulk(sqlite_sessions, at, 30, 10)  # 300 findings: over LIST_LIMIT, so summarised
    assert 300 > LIST_LIMIT
    text = Reporter(make_config(), sqlite_sessions, clock=clock).preview_digest()
    with sqlite_sessions() as s:
        hide = s.scalar(select(func.count()).where(FindingRow.decision == "hide"))
        hold = s.scalar(select(func.count()).where(FindingRow.decision == "hold"))
    assert f"By decision: to hide {hide}, held for review {hold}" in text


def test_small_digest_still_lists_every_finding(sqlite_sessions, make_config, clock):
    at = clock() - timedelta(hours=2)
    _bulk(sqlite_sessions, at, 15, 10)  # 150 findings: at most LIST_LIMIT, listed one by one
    text = Reporter(make_config(), sqlite_sessions, clock=clock).preview_digest()
    assert "Too many findings" not in text
    assert len([line for line in text.splitlines() if line.startswith("[#")]) == 150
    assert "By action: " in text


@pytest.mark.parametrize("existing", [False, True])
def test_outbox_is_readable_by_its_owner_only(sqlite_sessions, make_config, clock, tmp_path, existing):
    _bulk(sqlite_sessions, clock() - timedelta(hours=1), 2, 1)
    config = make_config()
    if existing:  # made world-readable by an earlier version
        Path(config.reporting.outbox).mkdir(mode=0o755, parents=True, exist_ok=True)
        Path(config.reporting.outbox).chmod(0o755)
    digest = Reporter(config, sqlite_sessions, clock=clock).send_digest()
    eml = Path(digest.delivered_to)
    assert stat.S_IMODE(eml.stat().st_mode) == 0o600
    assert stat.S_IMODE(eml.parent.stat().st_mode) == 0o700


def test_summary_lists_the_most_severe_on_both_databases(monkeypatch, smtp_server, make_config, db, data, clock):
    """The summarised form (here past a lowered limit) on SQLite and PostgreSQL: most severe first."""
    import moderator.reporting.digest as digest_module

    monkeypatch.setattr(digest_module, "LIST_LIMIT", 3)
    monkeypatch.setattr(digest_module, "MOST_SEVERE_LISTED", 2)
    acct = data.account()
    at = clock() - timedelta(hours=1)
    ids = {sev: data.finding(acct, f"{sev} idiots", "abuse", "idiots", severity=sev, at=at)[1]
           for sev in ("low", "critical", "medium", "high", "low")}
    Reporter(make_config(smtp_server.port), db, clock=clock).send_digest()
    text, html = parts(smtp_server.messages()[0])
    listed = [line for line in text.splitlines() if line.startswith("[#")]
    assert [line.split("]")[0] for line in listed] == [f"[#{ids['critical']}", f"[#{ids['high']}"]
    assert "By severity: critical 1, high 1, medium 1, low 2" in text  # low twice
    assert "Too many findings to list each one" in html
