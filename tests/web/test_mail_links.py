"""E-mails link each finding to its item page when `web.public_base_url` is set; the link opens the page.

A real SMTP server on loopback receives the DSL alert and the SMT digest; the link is read out of the
delivered message (plain text and HTML) and followed with a signed-in DSL's client."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from storage.models import FindingRow
from tests.reporting.conftest import (
    parts,
    smtp_server,  # noqa: F401 - fixture
)
from tests.web.conftest import Site, mail_site

BASE = "https://moderator.oakfield.example"


def _alert_dsl(site: Site, fid: int) -> None:
    with site.core.sessions.begin() as s:
        s.get(FindingRow, fid).alert_to = "dsl"


@pytest.fixture
def linked(tmp_path, db_url, graph_fake, monkeypatch, smtp_server):  # noqa: F811
    return mail_site(tmp_path, db_url, graph_fake, monkeypatch, smtp_server.port,
                     f'[web]\npublic_base_url = "{BASE}/"\n')


def test_the_dsl_alert_links_each_finding_to_its_item_page_which_opens_for_the_dsl(linked, smtp_server):  # noqa: F811
    other_item, _ = linked.finding("an earlier idiot remark", "idiot")
    item_id, fid = linked.finding("you are a useless idiot", "useless idiot", severity="critical")
    _alert_dsl(linked, fid)
    assert linked.core.reporter.send_alerts() == 1
    [msg] = smtp_server.messages()
    text, html = parts(msg)
    want = f"{BASE}/items/{item_id}#f{fid}"
    assert f"Review: {want}" in text
    assert f'href="{want}"' in html and f"Review finding {fid}" in html
    for body in (text, html):
        assert "moderator review" not in body  # the CLI line gives way to the link
    [link] = set(re.findall(re.escape(BASE) + r"/items/\d+#f\d+", text))
    path = urlsplit(link).path
    assert path == f"/items/{item_id}" != f"/items/{other_item}"
    page = linked.client("dsl").get(path)
    assert page.status_code == 200
    assert f'id="f{fid}"' in page.text and "useless idiot" in page.text
    assert linked.client().get(path).headers["location"] == "/sign-in"  # not without signing in


def test_the_smt_digest_links_each_finding(linked, smtp_server):  # noqa: F811
    listed = [linked.finding(f"idiot remark {n}", "idiot", severity="medium") for n in range(2)]
    assert linked.core.reporter.send_digest(force=True).status == "sent"
    [msg] = smtp_server.messages()
    text, html = parts(msg)
    for item_id, fid in listed:
        assert f"Review: {BASE}/items/{item_id}#f{fid}" in text
        assert f'href="{BASE}/items/{item_id}#f{fid}"' in html
    assert "on the review pages" in text and "moderator review <id>" not in text


def test_without_a_public_address_the_cli_line_stays(tmp_path, db_url, graph_fake, monkeypatch,
                                                     smtp_server):  # noqa: F811
    site = mail_site(tmp_path, db_url, graph_fake, monkeypatch, smtp_server.port)
    _, fid = site.finding("you are a useless idiot", "useless idiot", severity="critical")
    _alert_dsl(site, fid)
    assert site.core.reporter.send_alerts() == 1
    [msg] = smtp_server.messages()
    for body in parts(msg):
        assert f"moderator review {fid}" in body and "/items/" not in body
