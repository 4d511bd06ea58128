"""An error about one object stays with that object: a table of platform answers to hide/restore.

The real facebook-sdk and tweepy clients over real HTTP to the fakes in tests/fakes. Only an
answer that says the token or the permission is gone may stop the account (AccountFatal); a
refusal about one comment or reply is ActionRefused (the pipeline records it on the action and
retries it with back-off); a deleted one is ItemGone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from connectors.base import AccountFatal, ActionRefused, ItemGone, ItemRef, RateLimited, Retriable
from connectors.facebook import FacebookConnector
from connectors.instagram import InstagramConnector
from tests.connectors.test_x import connect, fake  # noqa: F401 - fixtures
from tests.fakes import graph_connector, graph_fake  # noqa: F401 - fixture
from tests.fakes.graph_server import IG_USER_ID, PAGE_ID
from tests.fakes.x_server import PROBLEM, x_fake  # noqa: F401 - fixture

NOW = datetime.now(UTC).replace(microsecond=0)

GRAPH_TABLE = [  # (code, subcode, HTTP status) -> what the caller must do
    (100, None, 400, ActionRefused),  # "Unsupported post request": about this comment
    (100, 1487390, 400, ActionRefused),
    (2500, None, 400, ActionRefused),
    (1705, None, 400, ActionRefused),  # an unknown code: still about the object
    (100, 33, 400, ItemGone),
    (190, 463, 400, AccountFatal), (190, 467, 400, AccountFatal), (102, None, 400, AccountFatal),
    (10, None, 403, AccountFatal), (200, None, 403, AccountFatal), (283, None, 403, AccountFatal),
    (80001, None, 400, RateLimited), (2, None, 500, Retriable),
]


@pytest.mark.parametrize("platform", ["facebook", "instagram"])
@pytest.mark.parametrize("code, sub, status, expected", GRAPH_TABLE)
def test_graph_hide_errors(graph_fake, monkeypatch, platform, code, sub, status, expected):  # noqa: F811
    s = graph_fake.state
    if platform == "facebook":
        post = s.add_post("Open evening", NOW - timedelta(days=1))
        cid = s.add_comment(post, "A comment", NOW - timedelta(hours=2))
        conn = graph_connector(FacebookConnector, graph_fake, PAGE_ID, monkeypatch)
    else:
        media = s.add_media("Open evening", NOW - timedelta(days=1))
        cid = s.add_ig_comment(media, "A comment", NOW - timedelta(hours=2))
        conn = graph_connector(InstagramConnector, graph_fake, IG_USER_ID, monkeypatch)
    conn.graph.options = replace(conn.graph.options, max_retries=0)
    graph_fake.fail_next("error", path=f"/{cid}", code=code, sub=sub, status=status)
    try:
        with pytest.raises(expected) as err:
            conn.hide(ItemRef(platform, cid, "comment"))
        assert s.token not in str(err.value)
        assert not getattr(err.value, "permanent", False)
        conn.graph.blocked_until = None  # (a throttle would otherwise, rightly, block the next call)
        conn.hide(ItemRef(platform, cid, "comment"))  # the next attempt goes through
        assert s.hidden(cid)
    finally:
        conn.close()


def test_an_object_error_on_one_posts_comments_skips_that_post_not_the_account(graph_fake, monkeypatch):  # noqa: F811
    s = graph_fake.state
    broken = s.add_post("Broken post", NOW - timedelta(days=2))
    s.add_comment(broken, "unreadable for now", NOW - timedelta(days=1))
    for n in range(2):  # the two newest come with the feed (page size 2): the oldest needs the comments edge
        s.add_comment(broken, f"newer {n}", NOW - timedelta(hours=20 - n))
    fine = s.add_post("Fine post", NOW - timedelta(days=1))
    ok = s.add_comment(fine, "readable", NOW - timedelta(hours=3))
    conn = graph_connector(FacebookConnector, graph_fake, PAGE_ID, monkeypatch)
    graph_fake.fail_next("error", path=f"/{broken}/comments", code=100, status=400)
    result = conn.fetch(None, NOW - timedelta(days=30))
    assert ok in {i.external_id for i in result.items}
    assert [(sk.external_id, "could not be read" in sk.reason) for sk in result.skipped] == [(broken, True)]
    again = conn.fetch(result.cursor, NOW - timedelta(days=30))  # its comments are read next time
    assert "unreadable for now" in {i.text for i in again.items}
    conn.close()


def test_an_object_error_on_the_page_feed_itself_stops_the_account(graph_fake, monkeypatch):  # noqa: F811
    conn = graph_connector(FacebookConnector, graph_fake, PAGE_ID, monkeypatch)
    graph_fake.fail_next("error", path=f"/{PAGE_ID}/feed", code=100, status=400)
    with pytest.raises(AccountFatal, match="cannot be read"):
        conn.fetch(None, NOW - timedelta(days=30))
    conn.close()


X_TABLE = [  # (HTTP status, problem type, detail) -> what the caller must do
    (403, PROBLEM + "not-authorized-for-resource", "You cannot hide replies to conversations you do not own",
     ActionRefused),
    (400, PROBLEM + "invalid-request", "The tweet id is not valid for this operation", ActionRefused),
    (404, PROBLEM + "resource-not-found", "Could not find tweet", ItemGone),
    (403, PROBLEM + "oauth1-permissions", "Your client app is not configured with the appropriate oauth1 app "
     "permissions for this endpoint.", AccountFatal),
    (403, PROBLEM + "client-forbidden", "The app must be attached to a Project", AccountFatal),
    (403, "about:blank", "Forbidden", AccountFatal),  # a token without tweet.moderate.write
    (401, "about:blank", "Unauthorized", AccountFatal),
    (429, "about:blank", "Too Many Requests", RateLimited),
    (503, "about:blank", "", Retriable),
]


@pytest.mark.parametrize("status, problem, detail, expected", X_TABLE)
def test_x_hide_errors(fake, connect, status, problem, detail, expected):  # noqa: F811
    post = fake.state.tweet("100", "Reading week")
    reply = fake.state.tweet("200", "Hello", reply_to=post)
    conn = connect(retries=0)
    fake.fail_next(status, path=f"/{reply}/hidden", problem=problem, detail=detail)
    with pytest.raises(expected) as err:
        conn.hide(ItemRef("x", reply, "comment", post))
    if expected is ActionRefused:  # outside the account's conversations can never change; a 400 might
        assert err.value.permanent is (status == 403)
    conn.hide(ItemRef("x", reply, "comment", post))  # the next attempt goes through
    assert reply in fake.state.hidden


def test_an_x_answer_nested_too_deeply_is_retriable_not_a_crash(fake, connect):  # noqa: F811
    fake.fail_next("deep_json", path="/tweets")
    with pytest.raises(Retriable, match="nested too deeply"):
        connect(retries=0).fetch(None, NOW - timedelta(days=30))
