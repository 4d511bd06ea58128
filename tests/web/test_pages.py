"""The review pages through Starlette's test client: what each role sees and may do, and the safeguards."""

from __future__ import annotations

import re

from sqlalchemy import select

from storage.models import AuditRow, FindingRow, ItemRow
from tests.web.conftest import PASSWORD, csrf_of, post_form, sign_in


def audit(site, action: str) -> list[AuditRow]:
    with site.core.sessions() as s:
        return list(s.scalars(select(AuditRow).where(AuditRow.action == action).order_by(AuditRow.id)))


def test_signed_out_visitors_are_sent_to_sign_in(site):
    c = site.client()
    for path in ("/queue", "/items/1", "/audit", "/accounts", "/check"):
        r = c.get(path)
        assert r.status_code == 303 and r.headers["location"] == "/sign-in", path


def test_security_headers_and_cookie_flags(site):
    c = site.client()
    r = c.get("/sign-in")
    csp = r.headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    site.person("ann", "admin")
    r = sign_in(c, "ann", PASSWORD)
    cookie = r.headers["set-cookie"]
    assert "moderator_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http here; see the proxy test for https
    assert r.headers["location"] == "/queue"


def test_queue_lists_open_findings_most_severe_first_with_counts(site):
    site.finding("buy cheap followers at spam.example", "buy cheap followers", label="commercial", severity="low")
    site.finding("you are a useless idiot", "useless idiot", severity="critical")
    site.finding("another idiot remark", "idiot", severity="medium")
    r = site.client("dsl").get("/queue")
    assert r.status_code == 200
    html = r.text
    assert html.index("useless idiot") < html.index("another idiot") < html.index("buy cheap followers")
    assert "Abuse: <strong>2</strong>" in html and "Promotion: <strong>1</strong>" in html
    filtered = site.client("dsl").get("/queue?label=commercial").text
    assert "buy cheap followers" in filtered and "useless idiot" not in filtered
    assert "unknown severity" in site.client("dsl").get("/queue?severity=huge").text


def test_item_text_is_escaped_and_spans_highlighted(site):
    item_id, fid = site.finding("<script>alert(1)</script> you idiot", "you idiot")
    html = site.client("admin").get(f"/items/{item_id}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark class="label-abuse"' in html and ">you idiot</mark>" in html
    assert f'id="f{fid}"' in html
    item_id, _ = site.finding("look \u202eyou idiot", "you idiot")
    for path in (f"/items/{item_id}", "/queue"):
        html = site.client("dsl").get(path).text
        assert "\u202e" not in html and "you idiot" in html, path  # no override reorders what a reviewer reads


def test_dismissing_a_hidden_comment_restores_it_on_the_platform(site):
    item_id, fid = site.finding("you are a useless idiot", "useless idiot")
    with site.core.sessions() as s:  # closed at once: an open session would hold the item's row lock
        cid = s.get(ItemRow, item_id).external_id
    assert site.fake.state.hidden(cid)
    c = site.client("dsl")
    r = post_form(c, f"/items/{item_id}", f"/findings/{fid}/review",
                  {"decision": "dismiss", "reason": "banter between parents", "item": str(item_id)})
    assert r.status_code == 303 and r.headers["location"] == f"/items/{item_id}#f{fid}"
    page = c.get(r.headers["location"]).text
    assert "dismissed by dsl-person" in page and "restore of the item: done" in page
    assert not site.fake.state.hidden(cid)
    with site.core.sessions() as s:
        assert s.get(ItemRow, item_id).visibility == "visible"
        assert s.get(FindingRow, fid).review_status == "dismissed"
    assert [a.actor for a in audit(site, "dismiss")] == ["dsl-person"]
    assert "banter between parents" in page  # the history shows the reason


def test_bulk_confirm_with_one_reason(site):
    ids = [site.finding(f"idiot number {n}", "idiot", decision="hold", hidden_on_fake=False)[1] for n in range(3)]
    c = site.client("admin")
    r = post_form(c, "/queue", "/queue/bulk", {"finding": [str(i) for i in ids[:2]], "decision": "confirm",
                                               "reason": "clearly abusive"})
    assert r.status_code == 303
    assert "2 finding(s) confirmed" in c.get(r.headers["location"]).text
    with site.core.sessions() as s:
        assert [s.get(FindingRow, i).review_status for i in ids] == ["confirmed", "confirmed", "open"]
    assert {a.reason for a in audit(site, "confirm")} == {"clearly abusive"}


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(site):
    _, fid = site.finding("you idiot", "idiot")
    c = site.client("admin")
    r = c.post(f"/findings/{fid}/review", data={"decision": "dismiss", "reason": "forged"})
    assert r.status_code == 403 and "form has expired" in r.text
    r = c.post(f"/findings/{fid}/review", data={"decision": "dismiss", "reason": "forged", "csrf": "guess"})
    assert r.status_code == 403
    with site.core.sessions() as s:
        assert s.get(FindingRow, fid).review_status == "open"
    assert audit(site, "dismiss") == []


def test_staff_see_only_the_draft_check(site):
    c = site.client("staff")
    home = c.get("/check")
    assert home.status_code == 200
    assert 'href="/queue"' not in home.text and 'href="/audit"' not in home.text
    for path in ("/queue", "/items/1", "/audit", "/audit.csv", "/accounts"):
        assert c.get(path).status_code == 403, path
    r = c.post("/queue/bulk", data={"csrf": csrf_of(home.text), "decision": "confirm", "reason": "x", "finding": "1"})
    assert r.status_code == 403


def test_smt_read_personal_data_masked(site):
    item_id, _ = site.finding("call Sam on 07700 900123 about it", "07700 900123", label="personal_data")
    full = site.client("dsl").get(f"/items/{item_id}").text
    masked = site.client("smt").get(f"/items/{item_id}").text
    assert "07700 900123" in full
    assert "07700 900123" not in masked and "07*** ***123" not in masked
    assert 'href="/accounts"' not in masked and site.client("smt").get("/audit").status_code == 403


def test_notes_and_escalation_are_audited_and_in_the_history(site):
    item_id, fid = site.finding("you idiot", "idiot", hidden_on_fake=False, decision="hold")
    c = site.client("smt")
    r = post_form(c, f"/items/{item_id}", f"/items/{item_id}/note", {"note": "spoke to the parent"})
    assert r.status_code == 303
    r = post_form(c, f"/items/{item_id}", f"/findings/{fid}/escalate", {"reason": "looks like a threat",
                                                                         "item": str(item_id)})
    page = c.get(r.headers["location"]).text
    assert "escalated to the DSL by smt-person" in page
    assert "spoke to the parent" in page and "looks like a threat" in page
    mails = list((site.core.config.path.parent / "outbox").glob("*.eml"))
    assert any("dsl@example.com" in m.read_text() for m in mails)
    r = post_form(c, f"/items/{item_id}", f"/findings/{fid}/escalate", {"reason": "again", "item": str(item_id)})
    assert "already alerted to the DSL" in c.get(r.headers["location"]).text


def test_get_requests_change_nothing(site):
    item_id, fid = site.finding("you idiot", "idiot")
    c = site.client("admin")
    for path in ("/queue", f"/items/{item_id}", "/audit", "/audit.csv", "/accounts", "/check"):
        c.get(path)
    assert c.get(f"/findings/{fid}/review").status_code == 405
    with site.core.sessions() as s:
        assert s.get(FindingRow, fid).review_status == "open"
        assert s.get(ItemRow, item_id).visibility == "hidden"


def test_language_holds_are_listed_and_decided(site):
    from storage.models import LanguageHoldRow

    item_id, _ = site.finding("to jest okropne zachowanie", "okropne", hidden_on_fake=False, decision="record")
    with site.core.sessions.begin() as s:
        s.add(LanguageHoldRow(item_id=item_id, language="pl", confidence=0.97,
                              reason="language not understood (pl)", content_hash="h"))
    c = site.client("dsl")
    assert "language not understood (pl)" in c.get("/queue").text
    page = c.get(f"/items/{item_id}").text
    hold_id = int(re.search(r'<section class="finding" id="h(\d+)"', page).group(1))
    r = post_form(c, f"/items/{item_id}", f"/holds/{hold_id}/review",
                  {"decision": "dismiss", "reason": "a parent's thanks, in Polish", "item": str(item_id)})
    assert f"Language hold {hold_id} dismissed by dsl-person" in c.get(r.headers["location"]).text
    assert "language not understood (pl)" not in c.get("/queue").text
    assert [a.actor for a in audit(site, "dismiss_language_hold")] == ["dsl-person"]


def test_accounts_page_shows_a_disabled_account_and_re_enables_it(site):
    from storage.models import AccountRow

    site.finding("you idiot", "idiot")  # makes the account's row
    with site.core.sessions.begin() as s:
        s.query(AccountRow).filter_by(name="oakfield-fb").one().disabled_reason = "the Page token has expired"
    c = site.client("admin")
    page = c.get("/accounts").text
    assert "the Page token has expired" in page and "Re-enable oakfield-fb" in page
    r = post_form(c, "/accounts", "/accounts/oakfield-fb/enable", {})
    assert "account oakfield-fb enabled" in c.get(r.headers["location"]).text
    with site.core.sessions() as s:
        assert s.query(AccountRow).filter_by(name="oakfield-fb").one().disabled_reason is None
    assert [a.actor for a in audit(site, "enable_account")] == ["admin-person"]
    assert site.client("dsl").get("/accounts").status_code == 403


def test_a_single_school_has_no_school_switcher_and_its_roles_hold_everywhere(site):
    item_id, fid = site.finding("you idiot", "idiot", hidden_on_fake=False, decision="hold")
    c = site.client("dsl")
    for path in ("/queue", f"/items/{item_id}", "/audit", "/check"):
        page = c.get(path).text
        assert 'action="/school"' not in page and "All my schools" not in page, path
    r = post_form(c, "/queue", "/school", {"school": "*", "next": "/queue"})  # nothing to switch: no harm done
    assert r.status_code == 303 and c.get(f"/items/{item_id}").status_code == 200
    assert "Oakfield Primary" in c.get("/queue").text
