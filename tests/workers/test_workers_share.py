"""Two real worker processes on one PostgreSQL database, against the fake Graph and X servers and a real
SMTP server on loopback: every account polled by one worker at a time, every hide carried out once at
the platform, every alert and every digest entry e-mailed once."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from storage.db import open_database
from storage.models import DigestRow, FindingRow, RunRow
from storage.reporting_models import AlertDeliveryRow, MailRow
from tests.conftest import ROOT
from tests.fakes.config_text import account_toml
from tests.workers.conftest import wait_for

pytestmark = pytest.mark.slow
# comments the default policy hides on its own: obscene abuse that the rules and the learned model both find (an
# insult without an obscenity is held for a person since 2026-11-30: such findings were 95 % right, under 97 %)
ABUSE = ["you are a useless f*cking idiot and everyone at this school knows it",
         "shut the f*ck up you stupid moron, nobody cares what you think",
         "what a pathetic sh*t, f*ck off you absolute idiot"]
POLL_S = 30


def write_config(folder, url: str, graph, x, smtp_port: int, digest_cron: str = "* * * * *"):
    """The sample school with its file feed (it alerts the DSL), plus a Facebook, Instagram and X account."""
    shutil.copytree(ROOT / "sample", folder, dirs_exist_ok=True)
    cfg = folder / "config.toml"
    text = cfg.read_text().replace('url = "sqlite:///moderator.db"', f'url = "{url}"')
    text = text.replace('digest_cron = "0 7 * * 1-5"', f'digest_cron = "{digest_cron}"')
    cfg.write_text(text + f"""
[reporting.smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
from = "moderator@oakfield.example.sch.uk"

{account_toml("fb", "facebook", graph.url, "FB_TOKEN")}

{account_toml("ig", "instagram", graph.url, "FB_TOKEN")}

{account_toml("x", "x", x.url, "X_TOKEN")}

[daemon]
poll_interval_seconds = {POLL_S}
request_timeout_seconds = 5
""")
    return cfg, {"FB_TOKEN": graph.state.token, "X_TOKEN": "x-user-token-invented"}


def seed(graph, x) -> dict[str, list[str]]:
    """Abusive comments on every platform; the ids each platform must be asked to hide, once."""
    now = datetime.now(UTC)
    g = graph.state
    post = g.add_post("Our harvest assembly this morning", now - timedelta(hours=3))
    media = g.add_media("Autumn leaves in the forest school area", now - timedelta(hours=3))
    x.state.add_user("100", "oakfield_invented")
    x.state.add_user("200", "visitor_invented")
    x.state.oauth2_tokens["x-user-token-invented"] = ("100", {"tweet.read", "users.read", "tweet.moderate.write"})
    tweet = x.state.tweet("100", "Great sports day today!", created_at=now - timedelta(hours=3))
    return {"graph": [g.add_comment(post, t, now - timedelta(hours=2)) for t in ABUSE]
            + [g.add_ig_comment(media, t, now - timedelta(hours=1)) for t in ABUSE],
            "x": [x.state.tweet("200", t, reply_to=tweet, created_at=now - timedelta(hours=2)) for t in ABUSE]}


def test_two_workers_poll_each_account_alone_and_hide_alert_and_digest_once(
        tmp_path, pg_url, workers, graph_fake, x_fake, smtp_server):  # noqa: F811
    abusive = seed(graph_fake, x_fake)
    cfg, env = write_config(tmp_path, pg_url, graph_fake, x_fake, smtp_server.port)
    pool = [workers(cfg, env), workers(cfg, env, "--jobs", "1")]  # the default four jobs at once, and one
    for w in pool:
        w.wait_ready()
    assert "4 job(s) at once" in pool[0].text() and "1 job(s) at once" in pool[1].text()
    sessions = open_database(pg_url, run_migrations=False)

    def polled_twice() -> bool:
        with sessions() as s:
            runs = Counter(s.scalars(select(RunRow.account_id).where(RunRow.outcome == "ok")))
        return len(runs) == 4 and min(runs.values()) >= 2

    wait_for(polled_twice, 400, "every account to be polled twice")
    wait_for(lambda: all(graph_fake.state.hidden(c) for c in abusive["graph"])
             and set(abusive["x"]) <= x_fake.state.hidden, 120, "the abusive comments to be hidden")

    def all_in_sent_digests() -> bool:
        with sessions() as s:
            open_ = s.scalar(select(FindingRow.id).where(FindingRow.digest_id.is_(None)))
            unsent = s.scalar(select(DigestRow.id).where(DigestRow.status.in_(("pending", "failed"))))
        return open_ is None and unsent is None

    wait_for(all_in_sent_digests, 180, "every finding to go out in a digest")
    # both workers take accounts: the one-job worker wins about one poll in five against four jobs, so eight polls
    # may all go to the other (it happened once in a fresh clone); a poll every 30 s makes a miss over five
    # minutes about one in ten thousand
    wait_for(lambda: all(w.text().count("account ") >= 1 for w in pool), 300, "both workers to poll an account")
    for w in pool:
        assert w.proc.poll() is None, w.text()[-3000:]
        w.stop()
        assert "Traceback" not in w.text(), w.text()[-5000:]
        # the models loaded once per process, however many jobs it ran
        assert w.text().count("detectors enabled:") == 1 and w.text().count("account ") >= 1

    # each hide asked of the platform exactly once
    hides = Counter(path.strip("/") for method, path, _ in graph_fake.state.requests if method == "POST")
    assert {c: hides[c] for c in abusive["graph"]} == {c: 1 for c in abusive["graph"]}
    x_hides = Counter(path.split("/")[3] for method, path, *_ in x_fake.state.requests
                      if method == "PUT" and path.endswith("/hidden"))
    assert {t: x_hides[t] for t in abusive["x"]} == {t: 1 for t in abusive["x"]}

    with sessions() as s:
        # one worker at a time per account: no two polls of one account overlap
        runs = s.execute(select(RunRow.account_id, RunRow.started_at, RunRow.finished_at)
                         .order_by(RunRow.account_id, RunRow.started_at)).all()
        for before, after in zip(runs, runs[1:], strict=False):
            if before.account_id == after.account_id:
                assert after.started_at >= before.finished_at, (before, after)
        alerting = {f.id for f in s.scalars(select(FindingRow)) if f.alert_to}
        deliveries = s.execute(select(AlertDeliveryRow.finding_id, AlertDeliveryRow.audience,
                                      AlertDeliveryRow.mail_id)).all()
        alert_mails = {m.message_id: m for m in s.scalars(select(MailRow).where(MailRow.kind == "alert"))}
        digests = {d.message_id: d for d in s.scalars(select(DigestRow).where(DigestRow.status == "sent"))}
        in_digests = Counter(s.scalars(select(FindingRow.digest_id)))
    assert alerting and {f for f, _, _ in deliveries} == alerting
    assert all(m.status == "sent" for m in alert_mails.values())
    received = Counter(m["Message-ID"] for m in smtp_server.messages())
    assert all(n == 1 for n in received.values()), "no message delivered twice"
    assert {mid for mid in received if mid in alert_mails} == set(alert_mails), "every alert e-mailed once"
    assert {mid for mid in received if mid in digests} == set(digests), "every digest e-mailed once"
    assert set(in_digests) <= {d.id for d in digests.values()}, "every finding in one digest that was sent"
    sessions.kw["bind"].dispose()
