"""What reaches the SMT's and the DSL's mail clients: only platform links, headers on one line, few findings."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from moderator.reporting import Reporter
from moderator.reporting.alerts import ALERT_LIST_LIMIT
from moderator.reporting.links import platform_link
from moderator.reporting.mailer import build_message
from tests.reporting.conftest import parts


@pytest.mark.parametrize("platform, url, shown", [
    ("facebook", "https://www.facebook.com/oakfield/posts/1?comment_id=2", True),
    ("facebook", "https://m.facebook.com/story.php?id=1", True),
    ("facebook", "https://facebook.com/1_2", True),
    ("instagram", "https://www.instagram.com/p/Cx1/", True),
    ("x", "https://x.com/oakfield/status/1", True),
    ("x", "https://twitter.com/oakfield/status/1", True),
    ("x", "https://mobile.twitter.com/oakfield/status/1", True),
    ("file", "https://www.facebook.com/oakfield/posts/1", True),
    ("facebook", "javascript:alert(document.cookie)", False),
    ("facebook", "JavaScript:alert(1)//https://www.facebook.com/", False),
    ("facebook", "data:text/html;base64,PHNjcmlwdD4=", False),
    ("facebook", "http://www.facebook.com/oakfield/posts/1", False),
    ("facebook", "https://www.facebook.com.evil.example/posts/1", False),
    ("facebook", "https://evil.example/?https://www.facebook.com/", False),
    ("facebook", "https://www.facebook.com@evil.example/", False),
    ("facebook", "https://user:pw@www.facebook.com/", False),
    ("facebook", "https://www.facebook.com:8443/", False),
    ("facebook", "https://www.facebook.com/\"><script>alert(1)</script>", False),
    ("facebook", "https://www.facebook.com/a b", False),
    ("facebook", "https://www.facebook.com/a\nb", False),
    ("facebook", "https://www.instagram.com/p/Cx1/", False),  # not this platform's host
    ("instagram", "https://x.com/oakfield/status/1", False),
    ("facebook", "//www.facebook.com/oakfield", False),
    ("facebook", "https://[::1/", False),
    ("facebook", "", False),
    ("facebook", None, False),
])
def test_only_https_links_on_the_platforms_hosts_are_shown(platform, url, shown):
    assert platform_link(platform, url) == (url if shown else None)


def _item_with_link(data, clock, link: str) -> int:
    acct = data.account()
    item, fid = data.finding(acct, "you are all idiots", "abuse", "idiots", at=clock() - timedelta(hours=1),
                             alert_to="dsl")
    with data.sf.begin() as s:
        from storage.models import ItemRow

        s.get(ItemRow, item).permalink = link
    return fid


@pytest.mark.parametrize("link", ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>",
                                  "https://evil.example/phish"])
def test_digest_and_alert_never_carry_a_hostile_permalink(smtp_server, make_config, db, data, clock, link):
    fid = _item_with_link(data, clock, link)
    r = Reporter(make_config(smtp_server.port), db, clock=clock)
    r.send_alerts()  # the policy decided this finding alerts the DSL
    r.send_digest()
    msgs = smtp_server.messages()
    assert [m["Subject"][:20] for m in msgs] == ["[Safeguarding alert]", "Oakfield Primary: so"]
    for msg in msgs:
        text, html = parts(msg)
        assert f"moderator review {fid}" in text
        for body in (text, html):
            assert "javascript:" not in body and "data:" not in body and "evil.example" not in body
        assert "href=" not in html and "Link:" not in text


def test_a_platform_permalink_is_a_link(smtp_server, make_config, db, data, clock):
    _item_with_link(data, clock, "https://www.facebook.com/oakfield/posts/1?comment_id=9")
    Reporter(make_config(smtp_server.port), db, clock=clock).send_digest()
    text, html = parts(smtp_server.messages()[0])
    assert 'href="https://www.facebook.com/oakfield/posts/1?comment_id=9"' in html.replace("&amp;", "&")
    assert "Link: https://www.facebook.com/oakfield/posts/1?comment_id=9" in text


def test_headers_never_carry_a_line_break():
    raw = build_message(sender="moderator@oakfield.example.sch.uk\r\nBcc: spy@evil.example",
                        recipients=["head@example.com\nBcc: spy@evil.example"],
                        subject="Oakfield\r\nBcc: spy@evil.example: digest\u2028x", message_id="<m-1@example.com>",
                        date=datetime(2026, 11, 23, 9, 0), text="body")
    headers = raw.split("\r\n\r\n", 1)[0]
    names = [line.split(":", 1)[0] for line in headers.split("\r\n") if line and not line[0].isspace()]
    assert "Bcc" not in names
    assert names.count("Subject") == 1 and names.count("To") == 1 and names.count("From") == 1


def test_an_alert_over_many_findings_lists_the_most_severe_and_counts_the_rest(smtp_server, make_config, db,
                                                                              data, clock):
    acct = data.account()
    at = clock() - timedelta(hours=1)
    for i in range(ALERT_LIST_LIMIT + 30):
        data.finding(acct, f"comment {i}: you idiots", "abuse", "idiots", at=at, alert_to="dsl",
                     severity="critical" if i == ALERT_LIST_LIMIT + 29 else "high")
    r = Reporter(make_config(smtp_server.port), db, clock=clock)
    assert r.send_alerts() == ALERT_LIST_LIMIT + 30
    [msg] = smtp_server.messages()
    text, _ = parts(msg)
    assert f"{ALERT_LIST_LIMIT + 30} new findings" in msg["Subject"]
    assert f"The {ALERT_LIST_LIMIT} most severe are below" in text
    listed = [line for line in text.splitlines() if line.startswith("[#")]
    assert len(listed) == ALERT_LIST_LIMIT
    assert ", critical (" in listed[0]
