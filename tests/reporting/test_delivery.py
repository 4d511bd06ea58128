from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from moderator.reporting import Reporter
from moderator.reporting.delivery import MailQueue
from moderator.reporting.mailer import Mailer
from storage.models import DigestRow, FindingRow
from storage.reporting_models import MailRow
from tests.reporting.conftest import ADMIN, SMT


class Crash(BaseException):
    """Stands for the process dying (not an Exception: nothing may catch it)."""


@pytest.mark.parametrize("when", ["before the server accepted", "after the server accepted"])
def test_digest_survives_a_crash_exactly_once(smtp_server, make_config, db, data, clock, monkeypatch, when):
    config = make_config(smtp_server.port)
    acct = data.account()
    _, first = data.finding(acct, "you idiots", "abuse", "idiots", at=clock() - timedelta(hours=1))

    def crash(*a, **kw):
        raise Crash

    if when.startswith("before"):
        monkeypatch.setattr(Mailer, "deliver", crash)
    else:
        monkeypatch.setattr(MailQueue, "_mark_sent", crash)
    with pytest.raises(Crash):
        Reporter(config, db, clock=clock).send_digest()
    monkeypatch.undo()
    with db() as s:
        [pending] = s.scalars(select(DigestRow)).all()
        assert pending.status == "pending" and pending.message_id
        assert s.get(FindingRow, first).digest_id == pending.id

    # the daemon comes back; its first retry (once the crashed attempt's lease has run out) resends it
    clock.advance(minutes=10)
    restarted = Reporter(config, db, clock=clock)
    assert restarted.delivery_problems()  # visible until then
    restarted.retry_failed()
    restarted.retry_failed()
    ids = [m["Message-ID"] for m in smtp_server.messages()]
    assert ids == [pending.message_id] * (1 if when.startswith("before") else 2)
    with db() as s:
        assert s.get(DigestRow, pending.id).status == "sent"
    assert restarted.delivery_problems() == []

    # the next digest carries only what is new
    _, second = data.finding(acct, "more idiots", "abuse", "idiots", at=clock())
    nxt = restarted.send_digest()
    text = smtp_server.messages()[-1].get_body(("plain",)).get_content()
    assert nxt.id != pending.id
    assert f"moderator review {second}" in text and f"moderator review {first}" not in text


def test_alert_survives_a_crash_after_acceptance(smtp_server, make_config, db, data, clock, monkeypatch):
    config = make_config(smtp_server.port)
    acct = data.account()
    data.finding(acct, "Oscar Fielding pictured", "named_child", "Oscar Fielding", severity="critical",
                 at=clock())
    monkeypatch.setattr(MailQueue, "_mark_sent", lambda *a: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        Reporter(config, db, clock=clock).send_alerts()
    monkeypatch.undo()
    clock.advance(minutes=10)
    r = Reporter(config, db, clock=clock)
    assert r.send_alerts() == 0  # already claimed: not a second alert with a new Message-ID
    r.retry_failed()
    ids = [m["Message-ID"] for m in smtp_server.messages()]
    assert len(ids) == 2 and ids[0] == ids[1]


@pytest.mark.parametrize("reply", ["451 4.3.0 Try again later", "550 5.1.1 Mailbox unavailable"])
def test_refused_then_retried_with_backoff(smtp_server, make_config, db, data, clock, tmp_path, reply):
    config = make_config(smtp_server.port)
    acct = data.account()
    data.finding(acct, "you idiots", "abuse", "idiots", at=clock() - timedelta(hours=1))
    smtp_server.refuse = reply
    r = Reporter(config, db, clock=clock)
    digest = r.send_digest()
    assert digest.status == "failed" and digest.attempts == 1 and reply[:3] in digest.error
    [problem] = [p for p in r.delivery_problems() if p.startswith("digest")]
    assert reply[:3] in problem and "1 attempt" in problem

    # the administrators hear of it at once, through the outbox while the server refuses
    [notice] = (tmp_path / "outbox").glob("admin-*.eml")
    msg = message_from_bytes(notice.read_bytes(), policy=policy.default)
    assert msg["To"] == ADMIN[0] and f"digest #{digest.id}" in msg["Subject"]

    r.retry_failed()  # backoff not over: no new attempt
    with db() as s:
        assert s.get(DigestRow, digest.id).attempts == 1
    smtp_server.refuse = None
    clock.advance(hours=2)
    r.retry_failed()
    with db() as s:
        d = s.get(DigestRow, digest.id)
        assert (d.status, d.attempts, d.error) == ("sent", 2, None)
    got = {tuple(sorted(e.rcpt_tos)) for e in smtp_server.envelopes}
    assert got == {tuple(sorted(SMT)), tuple(ADMIN)}  # the digest, and the notice by mail too
    assert r.delivery_problems() == []


def test_unreachable_server_is_a_failure_not_a_crash(make_config, db, data, clock):
    import socket
    with socket.socket() as sock:  # a port with nobody listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    acct = data.account()
    data.finding(acct, "you idiots", "abuse", "idiots", at=clock())
    r = Reporter(make_config(port), db, clock=clock)
    assert r.send_digest().status == "failed"
    assert any("unreachable" in p for p in r.delivery_problems())


def test_outbox_when_no_smtp_and_a_resend_overwrites(make_config, db, data, clock, tmp_path, monkeypatch):
    config = make_config()
    acct = data.account()
    data.finding(acct, "Ring 07700 900123, Oscar Fielding", "personal_data", "07700 900123", at=clock())
    monkeypatch.setattr(MailQueue, "_mark_sent", lambda *a: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        Reporter(config, db, clock=clock).send_digest()
    monkeypatch.undo()
    clock.advance(minutes=10)
    Reporter(config, db, clock=clock).retry_failed()
    files = list((tmp_path / "outbox").iterdir())
    assert len(files) == 1 and files[0].suffix == ".eml"  # no temp file left, no duplicate
    msg = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    with db() as s:
        d = s.scalars(select(DigestRow)).one()
        mail = s.scalars(select(MailRow)).one()
    assert msg["Message-ID"] == d.message_id and d.status == "sent"
    assert files[0].name == d.message_id.strip("<>") + ".eml" and mail.delivered_to == str(files[0])
    assert mail.raw is None  # the stored copy is dropped once delivered
    text = msg.get_body(("plain",)).get_content()
    assert "07700 900123" not in text and "Oscar" not in text and "O.F." in text
