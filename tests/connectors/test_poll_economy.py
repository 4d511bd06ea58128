"""A quiet poll of a Facebook Page or an Instagram account costs one request, and still finds new comments on
old posts: the post (media) list expands each one's comments in the same answer (real clients, fake Graph)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from connectors.facebook import FacebookConnector
from connectors.instagram import InstagramConnector
from tests.fakes import graph_connector, graph_fake  # noqa: F401 - fixture
from tests.fakes.graph_server import IG_USER_ID, PAGE_ID

NOW = datetime.now(UTC).replace(microsecond=0)
SINCE = NOW - timedelta(days=30)


def ago(**kw) -> datetime:
    return NOW - timedelta(**kw)


def _requests(fake, poll) -> tuple[int, object]:
    before = len(fake.state.requests)
    result = poll()
    return len(fake.state.requests) - before, result


@pytest.fixture
def page(graph_fake, monkeypatch):  # noqa: F811
    s = graph_fake.state
    graph_fake.old = s.add_post("Harvest assembly", ago(days=7))
    graph_fake.first = s.add_comment(graph_fake.old, "Lovely", ago(days=6))
    for n in range(3):
        s.add_post(f"News {n}", ago(hours=5 + n))
    conn = graph_connector(FacebookConnector, graph_fake, PAGE_ID, monkeypatch, page_size=10)
    yield graph_fake, conn
    conn.close()


def test_a_quiet_facebook_poll_is_one_request(page):
    fake, conn = page
    cursor = conn.fetch(None, SINCE).cursor
    n, result = _requests(fake, lambda: conn.fetch(cursor, SINCE))
    assert n == 1 and result.items == []


def test_a_new_comment_and_reply_on_a_week_old_post_are_found_in_the_one_request(page):
    fake, conn = page
    cursor = conn.fetch(None, SINCE).cursor
    comment = fake.state.add_comment(fake.old, "See you at the fair", ago(minutes=2))
    reply = fake.state.add_comment(fake.old, "Me too", ago(minutes=1), parent=fake.first)
    n, result = _requests(fake, lambda: conn.fetch(cursor, SINCE))
    # the post comes back too (its updated_time moved with the comments); storage sees it unchanged
    assert n == 1 and {i.external_id for i in result.items} == {comment, reply, fake.old}
    n, again = _requests(fake, lambda: conn.fetch(result.cursor, SINCE))
    assert n == 1 and again.items == []


def test_more_new_comments_than_the_feed_expands_are_all_found(page):
    fake, conn = page
    conn.page_size = 3  # three comments come with each post in the feed
    cursor = conn.fetch(None, SINCE).cursor
    new = {fake.state.add_comment(fake.old, f"Comment {n}", ago(minutes=10 - n)) for n in range(7)}
    result = conn.fetch(cursor, SINCE)
    assert new <= {i.external_id for i in result.items}
    assert not (result.cursor == cursor) and conn.fetch(result.cursor, SINCE).items == []


@pytest.fixture
def insta(graph_fake, monkeypatch):  # noqa: F811
    s = graph_fake.state
    graph_fake.old = s.add_media("Art week", ago(days=7))
    graph_fake.first = s.add_ig_comment(graph_fake.old, "Brilliant", ago(days=6))
    s.add_media("Choir", ago(hours=3))
    conn = graph_connector(InstagramConnector, graph_fake, IG_USER_ID, monkeypatch, page_size=10)
    yield graph_fake, conn
    conn.close()


def test_a_quiet_instagram_poll_is_one_request_even_for_recent_media(insta):
    fake, conn = insta
    cursor = conn.fetch(None, SINCE).cursor
    n, result = _requests(fake, lambda: conn.fetch(cursor, SINCE))
    assert n == 1 and result.items == []


def test_a_new_instagram_comment_and_reply_on_week_old_media_are_found_in_the_one_request(insta):
    fake, conn = insta
    cursor = conn.fetch(None, SINCE).cursor
    comment = fake.state.add_ig_comment(fake.old, "Wonderful", ago(minutes=2))
    reply = fake.state.add_ig_comment(fake.old, "Agreed", ago(minutes=1), parent=fake.first)
    n, result = _requests(fake, lambda: conn.fetch(cursor, SINCE))
    assert n == 1 and {i.external_id for i in result.items} == {comment, reply}
