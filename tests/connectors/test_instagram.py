"""InstagramConnector with the real facebook-sdk over real HTTP against the fake Graph server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from connectors.base import AccountFatal, ItemGone, ItemRef, RateLimited
from connectors.instagram import InstagramConnector
from tests.fakes import graph_connector, graph_fake  # noqa: F401 - fixture
from tests.fakes.graph_server import IG_USER_ID

NOW = datetime.now(UTC).replace(microsecond=0)
SINCE = NOW - timedelta(days=30)


def days(n: float) -> datetime:
    return NOW - timedelta(days=n)


@pytest.fixture
def fake(graph_fake):  # noqa: F811
    """An invented Instagram account: four media of each type, comments, replies, one old media."""
    s = graph_fake.state
    graph_fake.m_image = s.add_media("Lovely assembly today", days(10), "IMAGE")
    graph_fake.m_video = s.add_media("Choir practice", days(8), "VIDEO")
    graph_fake.m_reel = s.add_media("Sports day in 30 seconds", days(6), "REELS")
    graph_fake.m_album = s.add_media("Art week", days(4), "CAROUSEL_ALBUM")
    s.add_media("Summer fair", days(90))
    graph_fake.c1 = s.add_ig_comment(graph_fake.m_image, "Brilliant", days(9))
    graph_fake.c2 = s.add_ig_comment(graph_fake.m_image, "Thank you all", days(8.9), own=True)
    graph_fake.r1 = s.add_ig_comment(graph_fake.m_image, "So proud", days(8.8), parent=graph_fake.c1)
    graph_fake.c3 = s.add_ig_comment(graph_fake.m_album, "Amazing colours", days(3))
    return graph_fake


@pytest.fixture
def conn(fake, monkeypatch):
    c = graph_connector(InstagramConnector, fake, IG_USER_ID, monkeypatch)
    yield c
    c.close()


def by_id(result):
    return {i.external_id: i for i in result.items}


def test_backfill_returns_media_types_comments_and_replies(fake, conn):
    result = conn.fetch(None, SINCE)
    items = by_id(result)
    assert set(items) == {fake.m_image, fake.m_video, fake.m_reel, fake.m_album, fake.c1, fake.c2, fake.r1, fake.c3}
    assert [items[m].media for m in (fake.m_image, fake.m_video, fake.m_reel, fake.m_album)] == \
        [("photo",), ("video",), ("video",), ("photo",)]
    media = items[fake.m_image]
    assert media.kind == "post" and media.by_school and not media.hideable and media.not_hideable_reason
    assert media.text == "Lovely assembly today"
    assert items[fake.c1].hideable and items[fake.c1].parent_external_id == fake.m_image
    assert items[fake.r1].parent_external_id == fake.c1 and items[fake.r1].kind == "comment"
    assert items[fake.c2].by_school and not items[fake.c2].hideable and items[fake.c2].not_hideable_reason
    assert not result.skipped


def test_incremental_poll_finds_a_new_reply_on_an_old_media(fake, conn):
    cursor = conn.fetch(None, SINCE).cursor
    assert conn.fetch(cursor, SINCE).items == []
    reply = fake.state.add_ig_comment(fake.m_image, "Well done", days(0.2), parent=fake.c1)
    new_media = fake.state.add_media("Book week costumes", days(0.1), "IMAGE")
    result = conn.fetch(cursor, SINCE)
    assert set(by_id(result)) == {reply, new_media}


def test_replies_beyond_the_nested_page_are_followed_on_the_replies_edge(fake, conn):
    fake.state.nested_limit = 1
    more = [fake.state.add_ig_comment(fake.m_image, f"Reply {n}", days(8 - n), parent=fake.c1) for n in range(3)]
    items = by_id(conn.fetch(None, SINCE))
    assert set(more) | {fake.r1} <= set(items)
    assert any(r[1] == f"/{fake.c1}/replies" and "after" in r[2] for r in fake.state.requests)


def test_edited_caption_is_returned_again(fake, conn):
    cursor = conn.fetch(None, SINCE).cursor
    fake.state.media[fake.m_video]["caption"] = "Choir practice for the carol concert"
    assert set(by_id(conn.fetch(cursor, SINCE))) == {fake.m_video}


def test_hide_and_restore_use_the_hide_field(fake, conn):
    ref = ItemRef("instagram", fake.c1, "comment", fake.m_image)
    conn.hide(ref)
    conn.hide(ref)
    assert fake.state.hidden(fake.c1)
    assert [r for r in fake.state.requests if r[0] == "POST"][-1] == ("POST", f"/{fake.c1}", {"hide": "true"})
    conn.restore(ref)
    assert not fake.state.hidden(fake.c1)


def test_deleted_comment_is_item_gone(fake, conn):
    fake.state.delete_comment(fake.c3)
    with pytest.raises(ItemGone):
        conn.hide(ItemRef("instagram", fake.c3, "comment", fake.m_album))


def test_instagram_throttle_80002_then_recovery(fake, conn):
    clock = [NOW]
    conn.graph.clock = lambda: clock[0]
    fake.fail_next("ig_throttle")
    with pytest.raises(RateLimited) as info:
        conn.fetch(None, SINCE)
    assert info.value.retry_at == NOW + timedelta(minutes=15)  # no header said when: the default pause
    clock[0] = NOW + timedelta(minutes=16)
    assert len(conn.fetch(None, SINCE).items) == 8


def test_permission_error_is_account_fatal(fake, conn):
    fake.fail_next("permission")
    with pytest.raises(AccountFatal, match="permission"):
        conn.fetch(None, SINCE)


def test_malformed_media_and_comment_are_skipped(fake, conn):
    bad = fake.state.add_media("Open evening", days(2), "IMAGE")
    fake.state.media[bad]["timestamp"] = "last Tuesday"
    fake.state.add_ig_comment(fake.m_album, "", days(1), raw={"id": "991", "text": ["not", "text"],
                                                               "timestamp": "2026-11-01T09:00:00+0000"})
    result = conn.fetch(None, SINCE)
    reasons = {sk.external_id: sk.reason for sk in result.skipped}
    assert "malformed media" in reasons[bad] and "not a string" in reasons["991"]
    assert len(result.items) == 8


def test_check_reports_each_capability(fake, conn):
    results = {r.what: r for r in conn.check()}
    assert all(r.ok for r in results.values()) and "can hide comments" in results
    fake.state.token = "rotated"
    token = conn.check()
    assert len(token) == 1 and not token[0].ok and "rotated" not in token[0].detail
