"""FacebookConnector with the real facebook-sdk over real HTTP against the fake Graph server."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from connectors.base import AccountFatal, ItemGone, ItemRef, RateLimited, Retriable
from connectors.facebook import FacebookConnector
from core.accounts import Account
from tests.fakes import graph_connector, graph_fake  # noqa: F401 - fixture
from tests.fakes.graph_server import PAGE_ID

NOW = datetime.now(UTC).replace(microsecond=0)
SINCE = NOW - timedelta(days=30)


def days(n: float) -> datetime:
    return NOW - timedelta(days=n)


@pytest.fixture
def fake(graph_fake):  # noqa: F811
    """The fake with an invented Page: three posts, comments, a reply, one post outside the window."""
    s = graph_fake.state
    graph_fake.p_photo = s.add_post("Lovely assembly today", days(10), media="photo")
    graph_fake.p_video = s.add_post("Sports day highlights", days(9), media="video")
    graph_fake.p_album = s.add_post("Harvest festival album", days(5), media="album")
    graph_fake.p_visitor = s.add_post("Thank you for the concert", days(4), by_page=False)
    graph_fake.p_text = s.add_post("Term dates are on the website", days(3))
    s.add_post("Last year's fete", days(60))
    graph_fake.c1 = s.add_comment(graph_fake.p_photo, "What a great morning", days(9.5))
    graph_fake.c2 = s.add_comment(graph_fake.p_photo, "Thanks everyone", days(9.4), by_page=True)
    graph_fake.r1 = s.add_comment(graph_fake.p_photo, "Agreed!", days(9.3), parent=graph_fake.c1)
    graph_fake.c3 = s.add_comment(graph_fake.p_album, "Beautiful displays", days(4.5), can_hide=False)
    return graph_fake


@pytest.fixture
def conn(fake, monkeypatch):
    c = graph_connector(FacebookConnector, fake, PAGE_ID, monkeypatch)
    yield c
    c.close()


def by_id(result):
    return {i.external_id: i for i in result.items}


def test_three_page_backfill_returns_posts_media_and_every_comment(fake, conn):
    result = conn.fetch(None, SINCE)
    items = by_id(result)
    feed_calls = [r for r in fake.state.requests if r[1] == f"/{PAGE_ID}/feed"]
    assert len(feed_calls) == 3 and "after" in feed_calls[2][2]
    assert set(items) == {fake.p_photo, fake.p_video, fake.p_album, fake.p_visitor, fake.p_text,
                          fake.c1, fake.c2, fake.r1, fake.c3}
    assert items[fake.p_photo].media == ("photo",) and items[fake.p_video].media == ("video",)
    assert items[fake.p_album].media == ("photo", "video") and items[fake.p_text].media == ()
    own = items[fake.p_photo]
    assert own.by_school and not own.hideable and "never hidden" in own.not_hideable_reason
    assert not items[fake.p_visitor].by_school and not items[fake.p_visitor].hideable
    assert items[fake.c1].hideable and items[fake.c1].parent_external_id == fake.p_photo
    assert items[fake.r1].parent_external_id == fake.c1
    assert items[fake.c2].by_school and not items[fake.c2].hideable
    assert not items[fake.c3].hideable and "can_hide" in items[fake.c3].not_hideable_reason
    assert items[fake.c1].text == "What a great morning" and items[fake.c1].created_at is not None
    json.dumps(result.cursor)
    assert fake.state.token not in json.dumps(result.cursor)


def test_incremental_poll_returns_only_new_items(fake, conn):
    cursor = conn.fetch(None, SINCE).cursor
    again = conn.fetch(cursor, SINCE)
    assert again.items == []
    fresh = fake.state.add_comment(fake.p_photo, "Still talking about it", days(0.5))  # old post
    reply = fake.state.add_comment(fake.p_video, "Me too", days(0.4), parent=None)
    new_post = fake.state.add_post("Book fair on Friday", days(0.1))
    result = conn.fetch(again.cursor, SINCE)
    ids = set(by_id(result))
    assert {fresh, reply, new_post} <= ids
    assert not ids & {fake.c1, fake.c2, fake.r1, fake.c3, fake.p_album, fake.p_text}


def test_hide_then_restore_is_seen_on_the_platform_and_is_idempotent(fake, conn):
    ref = ItemRef("facebook", fake.c1, "comment", fake.p_photo)
    conn.hide(ref)
    assert fake.state.hidden(fake.c1)
    conn.hide(ref)  # already hidden: still succeeds
    assert fake.state.hidden(fake.c1)
    post = [r for r in fake.state.requests if r[0] == "POST"][-1]
    assert post == ("POST", f"/{fake.c1}", {"is_hidden": "true"})
    conn.restore(ref)
    assert not fake.state.hidden(fake.c1)
    assert by_id(conn.fetch(None, SINCE))[fake.c1].hidden_on_platform is False


def test_comment_deleted_before_hiding_is_item_gone(fake, conn):
    fake.state.delete_comment(fake.c1)
    with pytest.raises(ItemGone):
        conn.hide(ItemRef("facebook", fake.c1, "comment", fake.p_photo))


def test_throttle_80001_pauses_the_account_then_recovers(fake, conn):
    clock = [NOW]
    conn.graph.clock = lambda: clock[0]
    fake.fail_next("throttle", regain_minutes=12)
    with pytest.raises(RateLimited) as info:
        conn.fetch(None, SINCE)
    assert info.value.retry_at == NOW + timedelta(minutes=12)
    calls = len(fake.state.requests)
    with pytest.raises(RateLimited):  # still blocked: no request reaches the platform
        conn.fetch(None, SINCE)
    assert len(fake.state.requests) == calls
    clock[0] = NOW + timedelta(minutes=13)
    assert len(conn.fetch(None, SINCE).items) == 9


def test_http_429_with_retry_after_then_recovery(fake, conn):
    clock = [NOW]
    conn.graph.clock = lambda: clock[0]
    fake.fail_next("http429", retry_after=90, html=True)
    with pytest.raises(RateLimited) as info:
        conn.hide(ItemRef("facebook", fake.c1, "comment", fake.p_photo))
    assert info.value.retry_at == NOW + timedelta(seconds=90)
    clock[0] = NOW + timedelta(seconds=91)
    conn.hide(ItemRef("facebook", fake.c1, "comment", fake.p_photo))
    assert fake.state.hidden(fake.c1)


def test_high_usage_header_stops_calls_before_the_platform_throttles(fake, conn):
    fake.state.buc_usage = {"call_count": 95, "total_cputime": 10, "total_time": 10,
                            "estimated_time_to_regain_access": 0}
    with pytest.raises(RateLimited) as info:
        conn.fetch(None, SINCE)
    assert len(fake.state.requests) == 1
    assert info.value.retry_at > datetime.now(UTC)


def test_expired_token_is_account_fatal_without_the_token(fake, conn, caplog):
    fake.fail_next("expired")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AccountFatal) as info:
        conn.fetch(None, SINCE)
    assert "expired" in str(info.value) and fake.state.token not in str(info.value)
    assert fake.state.token not in caplog.text  # urllib3 logs URLs at DEBUG: the token is not in them
    assert fake.state.token_in_url == 0


def test_502_html_page_is_retried_then_succeeds(fake, conn):
    fake.fail_next("html502")
    fake.fail_next("no_content_type")
    assert len(conn.fetch(None, SINCE).items) == 9


def test_persistent_5xx_becomes_retriable(fake, conn):
    fake.fail_next("transient", times=10)
    with pytest.raises(Retriable) as info:
        conn.fetch(None, SINCE)
    assert not isinstance(info.value, RateLimited)
    assert len(fake.state.requests) == 4  # one try and three retries


def test_malformed_items_are_skipped_with_a_reason_and_the_rest_returned(fake, conn):
    s = fake.state
    s.add_comment(fake.p_text, "", days(1), raw={"message": "no id", "created_time": "2026-11-01T09:00:00+0000"})
    s.add_comment(fake.p_text, "", days(1), raw={"id": "77_1", "message": 42,
                                                   "created_time": "2026-11-01T09:00:00+0000"})
    s.add_comment(fake.p_text, "", days(1), raw={"id": "77_2", "message": "Hello", "created_time": "yesterday"})
    good = s.add_comment(fake.p_text, "See you there", days(0.5))
    result = conn.fetch(None, SINCE)
    reasons = {sk.external_id: sk.reason for sk in result.skipped}
    assert "id: missing" in reasons[None] and "not a string" in reasons["77_1"] and "77_2" in reasons
    assert good in by_id(result) and len(result.items) == 10


def test_repeated_paging_cursor_is_skipped_not_looped(fake, conn):
    fake.fail_next("repeat_cursor", times=2, path=f"{fake.p_photo}/comments")
    result = conn.fetch(None, SINCE)
    assert any("paging" in sk.reason for sk in result.skipped)
    assert fake.p_album in by_id(result)


def test_token_never_appears_in_connection_errors(fake, monkeypatch):
    monkeypatch.setenv("OAKFIELD_FB_TOKEN", fake.state.token)
    acct = Account("oakfield-fb", "facebook", PAGE_ID, credentials={"access_token": "OAKFIELD_FB_TOKEN"},
                   options={"api_base": "http://127.0.0.1:9", "retry_base_delay": 0.001})
    c = FacebookConnector.from_config(acct, SimpleNamespace(request_timeout_seconds=1.0))
    with pytest.raises(Retriable) as info:
        c.fetch(None, SINCE)
    text = f"{info.value} {info.value!r} {info.value.__cause__} {info.value.__context__}"
    assert "127.0.0.1" in text and fake.state.token not in text


def test_check_reports_each_capability(fake, conn):
    assert all(r.ok for r in conn.check())
    fake.state.permissions.remove("pages_manage_engagement")
    hide = {r.what: r for r in conn.check()}["can hide comments"]
    assert not hide.ok and "pages_manage_engagement" in hide.detail
