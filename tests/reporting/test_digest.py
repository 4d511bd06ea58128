from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from moderator.reporting import Reporter
from storage.models import DigestRow, FindingRow
from tests.reporting.conftest import SMT, parts

TEXT = ("Well done Oscar Fielding in Reception! Ring his mum on 07700 900123 "
        "or write to jane.doe@example.com")


def _seed(data, clock):
    acct = data.account()
    at = clock() - timedelta(hours=1)
    item, named = data.finding(acct, TEXT, "named_child", "Oscar Fielding", severity="high", at=at)
    _, phone = data.finding(acct, TEXT, "personal_data", "07700 900123", item_id=item, at=at)
    _, abuse = data.finding(acct, "This school is a joke, total idiots", "abuse", "idiots",
                            at=at, decision="flag", severity="medium", visibility="visible")
    data.run(acct, at)
    return named, phone, abuse


def test_digest_goes_to_smt_with_both_parts_masked(smtp_server, make_config, db, data, clock):
    named, phone, abuse = _seed(data, clock)
    r = Reporter(make_config(smtp_server.port), db, clock=clock)
    digest = r.send_digest()

    assert digest.status == "sent" and digest.sent_at == clock()
    [env] = smtp_server.envelopes
    assert sorted(env.rcpt_tos) == sorted(SMT)
    [msg] = smtp_server.messages()
    assert msg["Message-ID"] == digest.message_id
    assert msg["Subject"] == "Oakfield Primary: social media digest, 3 findings"
    assert msg.get_content_type() == "multipart/alternative"
    text, html = parts(msg)
    for body in (text, html):
        assert "Oscar" not in body and "Fielding" not in body
        assert "07700 900123" not in body and "900123" not in body
        assert "jane.doe@example.com" not in body and "jane.doe" not in body
        assert "O.F." in body
        for fid in (named, phone, abuse):
            assert f"moderator review {fid}" in body
        assert "https://www.facebook.com/oakfield/posts/1?comment_id=1" in body.replace("&amp;", "&")
    assert "Named pupil 1, Personal data 1, Abuse 1" in text
    assert "hidden 2, flagged only (could not hide) 1" in text
    assert "Items seen 5" in text and "skipped 1" in text
    assert 'style="' in html and "<script" not in html
    with db() as s:
        assert set(s.scalars(select(FindingRow.digest_id))) == {digest.id}


def test_html_part_escapes_item_text(smtp_server, make_config, db, data, clock):
    acct = data.account()
    data.finding(acct, "<script>alert(1)</script> idiots", "abuse", "idiots", at=clock())
    Reporter(make_config(smtp_server.port), db, clock=clock).send_digest()
    _, html = parts(smtp_server.messages()[0])
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_no_digest_when_nothing_to_report(smtp_server, make_config, db, data, clock):
    acct = data.account()
    data.run(acct, clock() - timedelta(days=1))
    r = Reporter(make_config(smtp_server.port), db, clock=clock)  # Monday 09:00: Monday 07:00 is due
    assert r.send_digest() is None  # forced, but nothing to say
    assert r.send_digest_if_due() is False
    assert smtp_server.envelopes == []
    with db() as s:
        assert [d.status for d in s.scalars(select(DigestRow))] == ["skipped"]
    assert r.send_digest_if_due() is False  # the period moved on: not due until Tuesday 07:00


def test_empty_digest_when_configured(smtp_server, make_config, db, data, clock):
    acct = data.account()
    data.run(acct, clock() - timedelta(days=1))
    r = Reporter(make_config(smtp_server.port, "send_empty_digest = true"), db, clock=clock)
    assert r.send_digest_if_due() is True
    assert "Nothing was found in this period." in parts(smtp_server.messages()[0])[0]


def test_failed_polls_are_worth_a_digest(smtp_server, make_config, db, data, clock):
    acct = data.account()
    data.run(acct, clock() - timedelta(hours=3), outcome="failed")
    assert Reporter(make_config(smtp_server.port), db, clock=clock).send_digest() is not None
    assert "1 poll failed" in parts(smtp_server.messages()[0])[0]


def test_missed_digest_goes_out_on_restart_and_only_once(smtp_server, make_config, db, data, clock):
    config = make_config(smtp_server.port)
    acct = data.account()
    data.finding(acct, "idiots", "abuse", "idiots", at=clock() - timedelta(hours=3))
    r = Reporter(config, db, clock=clock)
    assert r.send_digest_if_due() is True  # found at 06:00, and Monday 07:00 has passed
    assert r.send_digest_if_due() is False
    clock.advance(hours=12)  # Monday 21:00: Tuesday 07:00 still ahead
    data.finding(acct, "more idiots", "abuse", "idiots", at=clock())
    assert r.send_digest_if_due() is False
    # the daemon is down from Monday night until Wednesday 10:00, missing two fire times
    clock.advance(days=1, hours=13)
    r2 = Reporter(config, db, clock=clock)
    assert r2.send_digest_if_due() is True
    assert r2.send_digest_if_due() is False
    assert len(smtp_server.envelopes) == 2
    assert "1 finding" in smtp_server.messages()[1]["Subject"]


def test_preview_records_nothing(smtp_server, make_config, db, data, clock):
    named, _, _ = _seed(data, clock)
    r = Reporter(make_config(smtp_server.port), db, clock=clock)
    text = r.preview_digest()
    assert f"moderator review {named}" in text and "Oscar" not in text
    with db() as s:
        assert s.scalars(select(DigestRow)).all() == []
        assert set(s.scalars(select(FindingRow.digest_id))) == {None}
    assert smtp_server.envelopes == []
