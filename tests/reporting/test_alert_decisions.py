"""Alerts follow the policy's decision per finding: its confidence threshold and the child-safety rule reach the
e-mail; findings stored before decisions were recorded keep the label's minimum severity."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from moderator.pipeline import Pipeline
from moderator.reporting import Reporter
from storage.models import FindingRow
from tests.moderator.test_pipeline import KeywordEngine, feed_line, make


def test_the_reporter_alerts_whom_each_decision_named(smtp_server, make_config, db, data, clock):
    acct = data.account()
    at = clock() - timedelta(hours=1)
    data.finding(acct, "you lot are idiots", "abuse", "idiots", at=at, alert_to="")  # decided: nobody
    _, threat = data.finding(acct, "watch your back", "abuse", "watch your back", at=at, severity="critical",
                             alert_to="dsl")
    _, child = data.finding(acct, "dm me babe", "abuse", "dm me", at=at, severity="critical",
                            details={"subtype": "child_safety"}, alert_to="dsl,smt")
    r = Reporter(make_config(smtp_server.port), db, clock=clock)
    assert r.send_alerts() == 2
    subjects = [m["Subject"] for m in smtp_server.messages()]
    assert sorted("[Safeguarding alert]" in x for x in subjects) == [False, True], subjects
    assert sum("[Moderation alert]" in x for x in subjects) == 1, "the SMT gets the one decided for it"
    assert r.send_alerts() == 0, "each finding alerts once"


def test_a_finding_stored_before_decisions_were_recorded_alerts_by_the_labels_severity(smtp_server, make_config,
                                                                                          db, data, clock):
    acct = data.account()
    at = clock() - timedelta(hours=1)
    data.finding(acct, "you idiots", "abuse", "idiots", at=at, severity="high")  # below abuse's "critical"
    data.finding(acct, "watch your back", "abuse", "watch your back", at=at, severity="critical")
    assert Reporter(make_config(smtp_server.port), db, clock=clock).send_alerts() == 1


def _alert_to(tmp_path, db_url, policy: str = ""):
    config, sessions, _ = make(tmp_path, db_url, [feed_line("c1", "you BADWORD", parent="p1")], policy=policy)
    Pipeline(config, sessions, KeywordEngine()).poll_all()
    with sessions() as s:
        return s.scalars(select(FindingRow.alert_to)).all()


def test_the_pipeline_records_that_an_insult_of_severity_high_pages_no_one_by_default(tmp_path, db_url):
    assert _alert_to(tmp_path, db_url) == [""]


def test_the_pipeline_records_the_audiences_a_schools_policy_asks_for(tmp_path, db_url):
    assert _alert_to(tmp_path, db_url, '[policy.abuse]\nalert_min_severity = "high"') == ["dsl"]
