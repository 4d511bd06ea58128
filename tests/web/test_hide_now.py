"""Hide now: a held, still visible comment hidden on the (fake) platform from its item page, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage import repo
from storage.models import AccountRow, ActionRow, AuditRow, FindingRow, ItemRow
from tests.web.conftest import post_form

REASON = "threatening tone, hide until the DSL has read it"


def _held(site) -> tuple[int, int, str]:
    item_id, fid = site.finding("meet me after school, you will see", "you will see", hidden_on_fake=False,
                                decision="hold")
    with site.core.sessions() as s:
        return item_id, fid, s.get(ItemRow, item_id).external_id


def _hide(client, item_id: int, reason: str = REASON):
    r = post_form(client, f"/items/{item_id}", f"/items/{item_id}/hide", {"reason": reason})
    assert r.status_code == 303 and r.headers["location"] == f"/items/{item_id}"
    return client.get(r.headers["location"]).text


def _state(site, item_id: int, fid: int):
    with site.core.sessions() as s:
        item, f = s.get(ItemRow, item_id), s.get(FindingRow, fid)
        audits = [(a.actor, a.action, a.reason) for a in s.scalars(select(AuditRow).where(
            AuditRow.item_id == item_id, AuditRow.action.like("hide_now%")))]
        actions = [(a.kind, a.status) for a in s.scalars(select(ActionRow).where(ActionRow.item_id == item_id))]
        return item.visibility, f.decision, f.review_status, audits, actions


@pytest.mark.parametrize("role", ["admin", "dsl", "smt"])
def test_hide_now_hides_a_held_comment_on_the_platform_and_records_it(site, role):
    item_id, fid, cid = _held(site)
    c = site.client(role)
    assert "Hide now" in c.get(f"/items/{item_id}").text
    page = _hide(c, item_id)
    assert f"Item {item_id} hidden by {role}-person." in page
    assert site.fake.state.hidden(cid)
    visibility, decision, review, audits, actions = _state(site, item_id, fid)
    assert (visibility, decision, review) == ("hidden", "hide", "open")  # still waiting for a decision
    assert audits == [(f"{role}-person", "hide_now", REASON)] and actions == [("hide", "done")]
    assert "Hide now" not in page and REASON in page  # no second hide; the reason is in the history
    # the finding is now the reason it stays hidden: dismissing it restores the comment
    r = post_form(c, f"/items/{item_id}", f"/findings/{fid}/review",
                  {"decision": "dismiss", "reason": "read it again: a joke", "item": str(item_id)})
    assert "restore of the item: done" in c.get(r.headers["location"]).text
    assert not site.fake.state.hidden(cid)


def test_a_refusal_by_the_platform_is_shown_and_recorded_and_nothing_else_changes(site):
    item_id, fid, cid = _held(site)
    site.fake.fail_next("error", code=100, message="(#100) invented refusal", path=cid)
    page = _hide(site.client("dsl"), item_id)
    assert f"Not done: item {item_id} was not hidden: refused" in page and "nothing else changed" in page
    assert not site.fake.state.hidden(cid)
    visibility, decision, review, audits, actions = _state(site, item_id, fid)
    assert (visibility, decision, review) == ("visible", "hold", "open")
    assert [a[1] for a in audits] == ["hide_now_failed"] and REASON in audits[0][2]
    assert actions == [("hide", "abandoned")]
    with site.core.sessions() as s:  # the daemon will not hide it later behind the reviewer's back
        acct = s.scalar(select(AccountRow.id).where(AccountRow.name == "oakfield-fb"))
        from datetime import UTC, datetime

        assert repo.due_actions(s, acct, datetime.now(UTC)) == []
    assert "Hide now" in page  # the reviewer may try again


def test_an_expired_token_is_shown_disables_the_account_and_hides_nothing(site):
    item_id, fid, cid = _held(site)
    site.fake.fail_next("expired", path=cid)
    page = _hide(site.client("admin"), item_id)
    assert "Not done" in page and "access token is expired" in page
    assert not site.fake.state.hidden(cid)
    visibility, decision, _review, audits, _actions = _state(site, item_id, fid)
    assert (visibility, decision) == ("visible", "hold") and [a[1] for a in audits] == ["hide_now_failed"]
    assert "access token is expired" in site.client("admin").get("/accounts").text  # disabled, and why


def test_hide_now_needs_a_reason_a_held_item_a_reviewer_and_the_form_token(site):
    item_id, fid, cid = _held(site)
    c = site.client("dsl")
    assert "Not done: a reason is required." in _hide(c, item_id, reason="  ")
    assert site.client("staff").post(f"/items/{item_id}/hide", data={"reason": "x"}).status_code == 403
    assert c.post(f"/items/{item_id}/hide", data={"reason": "forged"}).status_code == 403  # no CSRF token
    assert not site.fake.state.hidden(cid) and _state(site, item_id, fid)[3] == []
    hidden_item, _ = site.finding("you idiot", "idiot")  # hidden by policy already: no button, refused
    assert "Hide now" not in c.get(f"/items/{hidden_item}").text
    assert "has no held finding" in _hide(c, hidden_item)
