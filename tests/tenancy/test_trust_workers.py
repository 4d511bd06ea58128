"""A trust of two schools run by two real worker processes on PostgreSQL: each school's alerts and digests go
to its own people with its own findings only, each e-mail once, and the trust digest once per schedule."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from storage.db import open_database
from storage.models import DigestRow, FindingRow, ItemRow, RunRow
from storage.reporting_models import AlertDeliveryRow, MailRow
from tests.reporting.conftest import smtp_server  # noqa: F401 - fixture
from tests.tenancy.test_isolation import ALERT_ALL_NAMED, FEEDS, _feed
from tests.tenancy.trust_files import write_trust
from tests.workers.conftest import pg_url, wait_for, workers  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow
SMT = {"oakfield": "head@oakfield.example.sch.uk", "brook": "head@brook.example.sch.uk"}
DSL = {"oakfield": "dsl@oakfield.example.sch.uk", "brook": "dsl@brook.example.sch.uk"}


def test_two_workers_report_each_school_to_its_own_people_once(tmp_path, pg_url, workers, smtp_server):  # noqa: F811
    smtp = (f'[reporting.smtp]\nhost = "127.0.0.1"\nport = {smtp_server.port}\nsecurity = "none"\n'
            '[daemon]\npoll_interval_seconds = 30\n')
    cfg = write_trust(tmp_path, storage_url=pg_url, extra=ALERT_ALL_NAMED + smtp)
    for file in (cfg, tmp_path / "schools.d" / "brook.toml"):  # every digest due every minute
        text = file.read_text().replace('"0 7 * * 1-5"', '"* * * * *"').replace('"30 16 * * 5"', '"* * * * *"')
        file.write_text(text.replace('digest_cron = "0 7 * * 1"', 'digest_cron = "* * * * *"'))
    for slug, comments in FEEDS.items():
        _feed(tmp_path / f"{slug}.jsonl", comments)
    pool = [workers(cfg), workers(cfg)]
    for w in pool:
        w.wait_ready()
    sessions = open_database(pg_url, run_migrations=False)

    def reported() -> bool:
        with sessions() as s:
            polled = len(set(s.scalars(select(RunRow.account_id).where(RunRow.outcome == "ok"))))
            found = s.scalar(select(FindingRow.id))
            undigested = s.scalar(select(FindingRow.id).where(FindingRow.digest_id.is_(None)))
            trust_sent = s.scalar(select(DigestRow.id).where(DigestRow.school == "", DigestRow.status == "sent"))
        return polled == 2 and found and undigested is None and trust_sent is not None

    wait_for(reported, 400, "both schools polled, every finding in a digest, a trust digest sent")
    for w in pool:
        w.stop()
        assert "Traceback" not in w.text(), w.text()[-5000:]
    received = smtp_server.messages()
    assert all(n == 1 for n in Counter(m["Message-ID"] for m in received).values()), "no message twice"
    by_id = {m["Message-ID"]: m for m in received}
    with sessions() as s:
        school_of_finding = dict(s.execute(select(FindingRow.id, ItemRow.school).join(ItemRow)).all())
        digests = s.scalars(select(DigestRow).where(DigestRow.status == "sent")).all()
        mails = {m.id: m for m in s.scalars(select(MailRow))}
        deliveries = s.execute(select(AlertDeliveryRow.finding_id, AlertDeliveryRow.mail_id)).all()
        in_digest = dict(s.execute(select(FindingRow.id, FindingRow.digest_id)).all())
    school_digests = {d.id: d for d in digests if d.school}
    # every finding went out in a digest of its own school, to that school's senior team
    for finding, digest_id in in_digest.items():
        d = school_digests[digest_id]
        assert d.school == school_of_finding[finding] and d.recipients == [SMT[d.school]]
    # every alert went to the finding's school's DSL, and holds no finding of the other school
    assert deliveries
    for finding, mail_id in deliveries:
        mail = mails[mail_id]
        assert mail.school == school_of_finding[finding] and mail.recipients == [DSL[mail.school]]
        assert mail.message_id in by_id
    # the trust digest: to the trust's recipients, once per schedule, naming no account
    trust = [m for m in mails.values() if m.school == "" and m.kind == "digest" and m.status == "sent"]
    assert trust and all(m.recipients == ["ceo@riverside.example.org"] for m in trust)
    assert len({m.key for m in trust}) == len(trust)
    for m in trust:
        body = by_id[m.message_id].get_body(("plain",)).get_content()
        assert "Riverside Learning Trust" in body and "-feed" not in body and "Jacob" not in body
