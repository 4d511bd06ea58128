"""The X connector: the real tweepy.Client over real HTTP against the fake X API on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from connectors.base import AccountFatal, ActionRefused, ItemGone, ItemRef, RateLimited, Retriable, Scrubber
from connectors.x import XConnector
from connectors.x_http import RepeatedToken, ReplyNotHideable, TokenPaginator, route_key
from core.accounts import Account
from core.errors import ConfigError
from tests.fakes.x_server import x_fake  # noqa: F401 - the fixture

SCHOOL, PARENT, OTHER = "100", "200", "300"
USER_TOKEN = "oauth2-user-token-SECRET-123"
CK, CS, AT, ATS = "consumer-key-SECRET", "consumer-secret-SECRET", "100-access-token-SECRET", "at-secret-SECRET"
SECRETS = (USER_TOKEN, CK, CS, AT, ATS)


@pytest.fixture
def fake(x_fake):  # noqa: F811 - the imported fixture
    """The fake X API with a school, a parent and another account, and both kinds of token."""
    st = x_fake.state
    st.add_user(SCHOOL, "oakfield_primary")
    st.add_user(PARENT, "parent_account")
    st.add_user(OTHER, "local_news")
    st.oauth2_tokens[USER_TOKEN] = (SCHOOL, {"tweet.read", "users.read", "tweet.moderate.write"})
    st.oauth1_tokens[(CK, AT)] = SCHOOL
    return x_fake


@pytest.fixture
def connect(fake, monkeypatch):
    """Build an XConnector through from_config, credentials in the environment."""
    monkeypatch.setenv("X_USER_TOKEN", USER_TOKEN)
    for var, value in zip(("X_KEY", "X_SECRET", "X_AT", "X_ATS"), (CK, CS, AT, ATS), strict=True):
        monkeypatch.setenv(var, value)

    def make(oauth: str = "2", timeout: float = 5.0, **options) -> XConnector:
        creds = ({"user_token": "X_USER_TOKEN"} if oauth == "2" else
                 dict(zip(("api_key", "api_secret", "access_token", "access_token_secret"),
                          ("X_KEY", "X_SECRET", "X_AT", "X_ATS"), strict=True)))
        opts = {"api_base": fake.url, "retry_base_seconds": 0.01, "page_size": 10, **options}
        account = Account("oakfield-x", "x", SCHOOL, True, creds, opts)
        config = SimpleNamespace(request_timeout_seconds=timeout, backfill_days=30)
        return XConnector.from_config(account, config)

    return make


SINCE = datetime.now(UTC) - timedelta(days=30)


def by_id(result):
    return {i.external_id: i for i in result.items}


def test_paginator_follows_next_token_and_refuses_a_repeated_one():
    pages = {None: {"meta": {"next_token": "a"}}, "a": {"meta": {"next_token": "b"}}, "b": {"meta": {}}}
    assert len(list(TokenPaginator(pages.__getitem__).pages())) == 3
    loop = {None: {"meta": {"next_token": "a"}}, "a": {"meta": {"next_token": "a"}}}
    with pytest.raises(RepeatedToken):
        list(TokenPaginator(loop.__getitem__).pages())


def test_route_keys_and_scrubber():
    assert route_key("/2/users/123/tweets?x=1") == "/2/users/:id/tweets"
    scrub = Scrubber([USER_TOKEN])
    assert USER_TOKEN not in scrub(f"Authorization: Bearer {USER_TOKEN}; again {USER_TOKEN}")
    assert "SECRET" not in scrub('OAuth oauth_token="abc-SECRET", oauth_signature="sig"')


def test_three_page_backfill_of_own_posts_with_media(fake, connect):
    st = fake.state
    old = st.tweet(SCHOOL, "Last year's fair", created_at=datetime.now(UTC) - timedelta(days=40))
    ids = [st.tweet(SCHOOL, f"Great sports day! part {n}", created_at=datetime.now(UTC) - timedelta(hours=30 - n))
           for n in range(25)]
    gif = st.tweet(SCHOOL, "Our new garden", media=("photo", "animated_gif"))
    result = connect().fetch(None, SINCE)
    items = by_id(result)
    assert set(items) == {*ids, gif} and old not in items
    assert len(fake.calls(f"/{SCHOOL}/tweets")) == 3  # 26 posts, 10 a page
    post = items[ids[0]]
    assert (post.kind, post.by_school, post.hideable) == ("post", True, False)
    assert post.not_hideable_reason == "the account's own posts cannot be hidden"
    assert post.permalink.endswith(ids[0]) and post.created_at.tzinfo is not None
    assert items[gif].media == ("photo", "video")
    assert result.cursor["posts"] == gif and set(result.cursor["conversations"]) == {*ids, gif}
    assert all(isinstance(v, dict | str | int | type(None)) for v in result.cursor.values())


def test_replies_and_mentions_hideable_only_in_own_conversations(fake, connect):
    st = fake.state
    post = st.tweet(SCHOOL, "Great sports day!")
    reply = st.tweet(PARENT, "Lovely photos", reply_to=post)
    nested = st.tweet(OTHER, "Agreed", reply_to=reply)
    own_reply = st.tweet(SCHOOL, "Thank you", reply_to=reply)
    elsewhere = st.tweet(OTHER, "Well done team", mentions=(SCHOOL,))
    items = by_id(connect().fetch(None, SINCE))
    assert set(items) == {post, reply, nested, own_reply, elsewhere}
    for tid in (reply, nested):
        assert (items[tid].kind, items[tid].by_school, items[tid].hideable) == ("comment", False, True)
    assert items[nested].parent_external_id == reply and items[nested].author_id == OTHER
    assert (items[own_reply].by_school, items[own_reply].hideable) == (True, False)
    assert not items[elsewhere].hideable and "conversations it started" in items[elsewhere].not_hideable_reason
    assert fake.calls("/search/recent")[0][2]["query"] == [f"conversation_id:{post}"]


def test_incremental_poll_returns_only_new_items(fake, connect):
    st = fake.state
    post = st.tweet(SCHOOL, "Harvest festival on Friday")
    st.tweet(PARENT, "See you there", reply_to=post)
    conn = connect()
    first = conn.fetch(None, SINCE)
    assert len(first.items) == 2
    reply2 = st.tweet(OTHER, "Can't wait", reply_to=post)
    post2 = st.tweet(SCHOOL, "Book fair next week")
    before = len(fake.calls(""))
    second = conn.fetch(first.cursor, SINCE)
    assert set(by_id(second)) == {reply2, post2}
    calls = fake.calls("")[before:]  # one search from the newest id seen, then the new post's conversation
    assert [c[1] for c in calls] == ["/2/tweets/search/recent"] * 2
    assert calls[0][2]["since_id"] == [first.cursor["search"]] and calls[1][2]["since_id"] == [post2]
    third = conn.fetch(second.cursor, SINCE)
    assert third.items == [] and third.cursor["search"] == post2
    stale = {**third.cursor, "full_at": (datetime.now(UTC) - timedelta(days=1)).isoformat()}
    full = conn.fetch(stale, SINCE)  # the streams, each from the bookmark of the last full poll
    assert fake.calls(f"/{SCHOOL}/tweets")[-1][2]["since_id"] == [post]
    assert set(by_id(full)) >= {post2} and full.cursor["posts"] == post2


def test_batches_conversations_into_few_searches(fake, connect):
    st = fake.state
    posts = [st.tweet(SCHOOL, f"Class assembly {n}") for n in range(12)]
    conn = connect(search_query_max_chars=200)
    conn.fetch(None, SINCE)
    searches = fake.calls("/search/recent")
    assert 2 <= len(searches) <= 3
    assert all(len(q[2]["query"][0]) <= 200 for q in searches)
    assert {c for q in searches for c in q[2]["query"][0].replace("conversation_id:", "").split(" OR ")} == set(posts)


@pytest.mark.parametrize("oauth", ["1", "2"])
def test_hide_restore_and_idempotent_hide(fake, connect, oauth):
    st = fake.state
    post = st.tweet(SCHOOL, "Sports day results")
    reply = st.tweet(PARENT, "Rude words here", reply_to=post)
    conn, ref = connect(oauth), ItemRef("x", reply, "comment", post)
    conn.hide(ref)
    assert reply in st.hidden
    conn.hide(ref)  # already hidden: still a success
    conn.restore(ref)
    assert reply not in st.hidden
    assert {c[3] for c in fake.calls("/hidden")} == {"oauth1" if oauth == "1" else "oauth2"}


@pytest.mark.parametrize("style", ["404", "problem200"])
def test_reply_deleted_before_hiding_is_gone(fake, connect, style):
    st = fake.state
    post = st.tweet(SCHOOL, "Trip to the museum")
    reply = st.tweet(PARENT, "Nice", reply_to=post)
    del st.tweets[reply]
    st.deleted_style = style
    with pytest.raises(ItemGone):
        connect().hide(ItemRef("x", reply, "comment", post))


def test_429_with_reset_then_recovery(fake, connect):
    fake.state.tweet(SCHOOL, "Open evening tonight")
    now = time.time()
    fake.fail_next(429, path="/mentions", reset=now + 120)
    conn = connect()
    conn.call.clock = lambda: now
    with pytest.raises(RateLimited) as err:
        conn.fetch(None, SINCE)
    assert abs(err.value.retry_at.timestamp() - int(now + 120)) <= 1
    calls = len(fake.state.requests)
    with pytest.raises(RateLimited):  # before the reset: no request at all
        conn.fetch(None, SINCE)
    assert len(fake.state.requests) == calls
    assert len(fake.calls(f"/{SCHOOL}/tweets")) == 1
    conn.call.clock = lambda: now + 121
    assert len(conn.fetch(None, SINCE).items) == 1


def test_remaining_zero_stops_before_the_limit_bites(fake, connect):
    fake.state.tweet(SCHOOL, "Bake sale")
    fake.state.limits["tweets"] = (1, time.time() + 600)
    conn = connect()
    conn.fetch(None, SINCE)
    with pytest.raises(RateLimited) as err:
        conn.fetch(None, SINCE)
    assert err.value.retry_at > datetime.now(UTC)
    assert len(fake.calls(f"/{SCHOOL}/tweets")) == 1


def test_429_without_reset_header_uses_a_default(fake, connect):
    fake.fail_next(429)
    with pytest.raises(RateLimited) as err:
        connect().fetch(None, SINCE)
    assert err.value.retry_at > datetime.now(UTC) + timedelta(minutes=10)


@pytest.mark.parametrize("fault", [502, 503, "html200", "timeout"])
def test_transient_failure_then_success(fake, connect, fault):
    fake.state.tweet(SCHOOL, "Choir concert")
    fake.timeout_delay = 1.0
    fake.fail_next(fault, path="/tweets")
    assert len(connect(timeout=0.3).fetch(None, SINCE).items) == 1


def test_persistent_5xx_becomes_retriable(fake, connect):
    fake.fail_next(502, times=10)
    with pytest.raises(Retriable) as err:
        connect(retries=2).fetch(None, SINCE)
    assert not isinstance(err.value, RateLimited) and len(fake.state.requests) == 3


@pytest.mark.parametrize("oauth", ["1", "2"])
def test_expired_token_is_fatal_and_never_echoed(fake, connect, oauth, caplog):
    fake.state.oauth2_tokens.clear()
    fake.state.oauth1_tokens.clear()
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AccountFatal) as err:
        connect(oauth).fetch(None, SINCE)
    assert "401" in str(err.value)
    for secret in SECRETS:
        assert secret not in str(err.value) and secret not in caplog.text
    assert fake.calls()[0][3] == ("oauth1" if oauth == "1" else "oauth2")


def test_missing_scope_for_hiding_is_fatal(fake, connect):
    fake.state.oauth2_tokens[USER_TOKEN] = (SCHOOL, {"tweet.read", "users.read"})
    post = fake.state.tweet(SCHOOL, "Reading week")
    reply = fake.state.tweet(PARENT, "Hello", reply_to=post)
    with pytest.raises(AccountFatal, match="tweet.moderate.write"):
        connect().hide(ItemRef("x", reply, "comment", post))


def test_unreachable_server_gives_retriable_without_tokens(connect):
    conn = connect(api_base="http://127.0.0.1:9", retries=1)
    with pytest.raises(Retriable) as err:
        conn.fetch(None, SINCE)
    assert all(s not in str(err.value) for s in SECRETS)


def test_malformed_tweet_is_skipped_and_the_rest_continue(fake, connect):
    st = fake.state
    good = st.tweet(SCHOOL, "Science week")
    no_text = st.tweet(SCHOOL, "will lose its text")
    bad_time = st.tweet(SCHOOL, "bad time")
    del st.tweets[no_text]["text"]
    st.tweets[bad_time]["created_at"] = "last Tuesday"
    result = connect().fetch(None, SINCE)
    assert set(by_id(result)) == {good}
    reasons = {s.external_id: s.reason for s in result.skipped}
    assert "text" in reasons[no_text] and "created_at" in reasons[bad_time]


def test_check_reports_each_capability(fake, connect):
    assert [(c.what, c.ok) for c in connect("2").check()] == [
        ("credentials valid", True), ("read timeline", True), ("read mentions", True), ("hide replies", True)]
    fake.state.access_level = "read"
    checks = {c.what: c for c in connect("1").check()}
    assert checks["credentials valid"].ok and not checks["hide replies"].ok


def test_config_errors_name_the_key_and_missing_secret_names_the_variable(connect, monkeypatch):
    with pytest.raises(ConfigError) as err:
        connect(page_size=5, colour="blue")
    assert any("page_size" in p for p in err.value.problems) and any("colour" in p for p in err.value.problems)
    monkeypatch.delenv("X_USER_TOKEN")
    with pytest.raises(AccountFatal) as fatal:
        connect()
    assert "X_USER_TOKEN" in str(fatal.value) and USER_TOKEN not in str(fatal.value)


def test_hiding_outside_own_conversations_or_a_post_is_refused_for_good(fake, connect):
    st = fake.state
    theirs = st.tweet(OTHER, "Match report")
    reply = st.tweet(PARENT, "Go team", reply_to=theirs, mentions=(SCHOOL,))
    conn = connect()
    with pytest.raises(ReplyNotHideable) as err:
        conn.hide(ItemRef("x", reply, "comment", theirs))
    assert isinstance(err.value, ActionRefused)  # the pipeline abandons, never retries
    calls = len(fake.state.requests)
    with pytest.raises(ReplyNotHideable):
        conn.hide(ItemRef("x", theirs, "post"))
    assert len(fake.state.requests) == calls


@pytest.mark.parametrize("oauth", ["1", "2"])
def test_no_token_or_text_in_logs_or_cursor(fake, connect, caplog, oauth):
    st = fake.state
    post = st.tweet(SCHOOL, "Great sports day!")
    reply = st.tweet(PARENT, "Lovely afternoon", reply_to=post)
    caplog.set_level(logging.DEBUG)
    conn = connect(oauth)
    result = conn.fetch(None, SINCE)
    conn.hide(ItemRef("x", reply, "comment", post))
    conn.check()
    cursor = json.dumps(result.cursor)
    for secret in (*SECRETS, "Great sports day", "Lovely afternoon"):
        assert secret not in caplog.text and secret not in cursor


def test_link_destinations_come_from_entities_and_reach_the_link_detector(fake, connect, nlp, oakfield_school):
    from detectors.unsafe_link import UnsafeLinkDetector

    st = fake.state
    post = st.tweet(SCHOOL, "Sports day photos")
    lure = st.tweet(PARENT, "refund here https://t.co/Lure1", reply_to=post)
    safe = st.tweet(PARENT, "match report https://t.co/Safe2", reply_to=post)
    bare = st.tweet(PARENT, "look https://t.co/Bare3", reply_to=post)
    st.tweets[lure]["entities"] = {"urls": [{"start": 12, "end": 34, "url": "https://t.co/Lure1",
                                             "expanded_url": "https://hmrc-refund-claim.example/login"}]}
    st.tweets[safe]["entities"] = {"urls": [{"start": 13, "end": 35, "url": "https://t.co/Safe2",
                                             "expanded_url": "https://t.co/Safe2",
                                             "unwound_url": "https://www.bbc.co.uk/sport/football"}]}
    st.tweets[bare]["entities"] = {"urls": [{"start": 5, "end": 27, "url": "https://t.co/Bare3"}]}
    items = by_id(connect().fetch(None, SINCE))
    asked = [q.get("tweet.fields", [""])[0].split(",") for _, _, q, _ in fake.calls("/tweets")]
    assert asked and all("entities" in fields for fields in asked)
    assert items[lure].extra["links"] == {"https://t.co/Lure1": "https://hmrc-refund-claim.example/login"}
    assert items[safe].extra["links"] == {"https://t.co/Safe2": "https://www.bbc.co.uk/sport/football"}
    assert "links" not in items[bare].extra
    det = UnsafeLinkDetector(oakfield_school)
    det.load(nlp)
    verdict = {tid: det.analyze(items[tid], nlp(items[tid].text)) for tid in (lure, safe, bare)}
    assert verdict[lure][0].details["host"] == "hmrc-refund-claim.example"
    assert verdict[safe] == []
    assert verdict[bare][0].details["rule"] == "shortener"  # X gave no destination: judged as a shortener
