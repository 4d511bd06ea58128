from __future__ import annotations

from datetime import timedelta

from moderator.reporting import Reporter
from tests.reporting.conftest import ADMIN, DSL, SMT, parts

CAPTION = "Oscar Fielding (Reception) with his painting! Photo attached."


def test_critical_named_child_without_photo_consent_alerts_dsl_at_once(smtp_server, make_config, db, data,
                                                                          clock):
    acct = data.account()
    _, fid = data.finding(acct, CAPTION, "named_child", "Oscar Fielding", severity="critical", at=clock(),
                          details={"pupil_ref": "OF-Reception", "photo_consent": False, "with_photo": True})
    data.finding(acct, "Ask Rosie Clarke", "named_child", "Rosie Clarke", severity="high", at=clock())
    r = Reporter(make_config(smtp_server.port), db, clock=clock)

    assert r.send_alerts() == 1  # the high one is below named_child's alert_min_severity (critical)
    [env] = smtp_server.envelopes
    assert env.rcpt_tos == DSL
    [msg] = smtp_server.messages()
    assert msg["Subject"].strip().startswith("[Safeguarding alert] Oakfield Primary: 1 new finding (critical")
    assert msg["Importance"] == "High"
    for body in parts(msg):
        assert "photo consent: NO" in body and "named beside a photo" in body
        assert "Oscar" not in body and "Fielding" not in body and "O.F." in body
        assert f"moderator review {fid}" in body
        assert "Rosie" not in body

    assert r.send_alerts() == 0  # each finding alerts once
    assert Reporter(make_config(smtp_server.port), db, clock=clock).send_alerts() == 0
    assert len(smtp_server.envelopes) == 1


def test_new_findings_of_one_poll_are_batched_and_audiences_follow_policy(smtp_server, make_config, db, data,
                                                                          clock):
    config = make_config(smtp_server.port, """
[policy.abuse]
alert = ["dsl", "smt"]
alert_min_severity = "medium"
[policy.commercial]
alert = ["admin"]
alert_min_severity = "low"
""")
    acct = data.account()
    data.finding(acct, "you idiots", "abuse", "idiots", severity="medium", at=clock())
    data.finding(acct, "call 07700 900123", "personal_data", "07700 900123", severity="high", at=clock())
    data.finding(acct, "buy my candles", "commercial", "buy", severity="low", at=clock())
    data.finding(acct, "see example.com", "unsafe_link", "example.com", severity="critical", at=clock())
    r = Reporter(config, db, clock=clock)
    assert r.send_alerts() == 3
    got = {tuple(sorted(e.rcpt_tos)): m for e, m in zip(smtp_server.envelopes, smtp_server.messages(),
                                                         strict=True)}
    assert set(got) == {tuple(DSL), tuple(sorted(SMT)), tuple(ADMIN)}
    assert "2 new findings" in got[tuple(DSL)]["Subject"]  # abuse and personal data, in one e-mail
    assert "07700 900123" not in parts(got[tuple(DSL)])[0]
    assert "1 new finding" in got[tuple(sorted(SMT))]["Subject"]
    assert got[tuple(ADMIN)]["Subject"].strip().startswith("[Moderation alert]")

    clock.advance(minutes=5)  # the next poll finds one more
    data.finding(acct, "more idiots", "abuse", "idiots", severity="high", at=clock())
    assert r.send_alerts() == 1
    assert len(smtp_server.envelopes) == 5


def test_dismissed_findings_do_not_alert(smtp_server, make_config, db, data, clock):
    acct = data.account()
    item, fid = data.finding(acct, "idiots", "abuse", "idiots", severity="high", at=clock())
    with db.begin() as s:
        from storage.models import FindingRow
        s.get(FindingRow, fid).review_status = "dismissed"
    assert Reporter(make_config(smtp_server.port), db, clock=clock).send_alerts() == 0
    assert smtp_server.envelopes == []


def test_notify_admins_once_per_key(smtp_server, make_config, db, clock):
    r = Reporter(make_config(smtp_server.port), db, clock=clock)
    r.notify_admins("account oakfield-fb disabled", "The page token expired: reconnect it.", "disabled:1")
    clock.advance(hours=1)
    r.notify_admins("account oakfield-fb disabled", "The page token expired: reconnect it.", "disabled:1")
    [env] = smtp_server.envelopes
    assert env.rcpt_tos == ADMIN
    msg = smtp_server.messages()[0]
    assert msg["Subject"] == "[Moderator] Oakfield Primary: account oakfield-fb disabled"
    assert "token expired" in msg.get_content()
    assert r.delivery_problems() == []


def test_alerts_without_smtp_go_to_the_outbox(make_config, db, data, clock, tmp_path):
    acct = data.account()
    data.finding(acct, CAPTION, "named_child", "Oscar Fielding", severity="critical", at=clock() - timedelta(1))
    r = Reporter(make_config(), db, clock=clock)
    assert r.send_alerts() == 1
    [eml] = (tmp_path / "outbox").glob("*.eml")
    assert eml.name.startswith("alert-") and "Oscar" not in eml.read_text()
