"""The accounts page (next poll, mail not delivered) and the audit log's automatic actions."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from storage.models import AccountRow, ActionRow, FindingRow
from tests.reporting.conftest import smtp_server  # noqa: F401 - fixture
from tests.web.conftest import mail_site


def test_the_accounts_page_says_when_each_account_is_polled_next(site):
    site.finding("you idiot", "idiot")  # makes the account's row
    c = site.client("admin")
    last = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 09:00 in London, in November
    with site.core.sessions.begin() as s:
        s.query(AccountRow).filter_by(name="oakfield-fb").one().last_poll_at = last
    row = c.get("/accounts").text.split("<td>oakfield-fb</td>")[1][:400]
    assert "23 Nov 2026 09:00" in row and "23 Nov 2026 09:05" in row  # every 300 seconds
    with site.core.sessions.begin() as s:
        s.query(AccountRow).filter_by(name="oakfield-fb").one().paused_until = last + timedelta(hours=1)
    row = c.get("/accounts").text.split("<td>oakfield-fb</td>")[1][:500]
    assert "paused until 23 Nov 2026 10:00" in row and row.count("23 Nov 2026 10:00") == 2
    with site.core.sessions.begin() as s:
        s.query(AccountRow).filter_by(name="oakfield-fb").one().disabled_reason = "the Page token has expired"
    assert "<td>none</td>" in c.get("/accounts").text


def test_mail_that_could_not_be_delivered_is_listed_on_the_accounts_page(tmp_path, db_url, graph_fake, monkeypatch,
                                                                          smtp_server):  # noqa: F811
    site = mail_site(tmp_path, db_url, graph_fake, monkeypatch, smtp_server.port)
    _, fid = site.finding("you are a useless idiot", "useless idiot", severity="critical")
    with site.core.sessions.begin() as s:
        s.get(FindingRow, fid).alert_to = "dsl"
    smtp_server.refuse = "550 mailbox unavailable"
    site.core.reporter.send_alerts()
    page = site.client("admin").get("/accounts").text.split("Mail not delivered")[1]
    assert "None." not in page and "550" in page and "useless idiot" not in page


def test_the_audit_log_lists_the_policys_automatic_hides_and_restores(site):
    item_id, fid = site.finding("you idiot", "idiot")
    with site.core.sessions.begin() as s:
        s.add(ActionRow(item_id=item_id, finding_id=fid, kind="hide", requested_by="policy",
                        reason="policy hides abuse", status="done", attempts=1))
        s.add(ActionRow(item_id=item_id, finding_id=fid, kind="restore", requested_by="policy",
                        reason="edited", status="abandoned", attempts=3, error="refused for good: invented"))
    c = site.client("dsl")
    page = c.get("/audit").text
    assert "<td>policy</td><td>hide (done)</td>" in page and "policy hides abuse" in page
    assert "restore (abandoned)" in page and "refused for good: invented" in page
    only_hides = c.get("/audit?action=hide&actor=policy").text
    assert "hide (done)" in only_hides and "restore (abandoned)" not in only_hides
    rows = list(csv.DictReader(io.StringIO(c.get("/audit.csv").text)))
    hides = [r for r in rows if r["record"] == "action" and r["action"] == "hide (done)"]
    assert len(hides) == 1 and hides[0]["actor"] == "policy" and hides[0]["item_id"] == str(item_id)
    assert any(r["record"] == "audit" and r["action"] == "sign_in" for r in rows)
