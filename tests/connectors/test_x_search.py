"""An X poll with nothing new is one request; between full polls one search finds everything; full polls still come.

The real tweepy.Client over real HTTP against the fake X API on 127.0.0.1 (its search reads ``from:``, ``to:``,
``@username`` and ``conversation_id:`` joined with OR, as X's does).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from connectors import x_search
from tests.connectors import test_x
from tests.connectors.test_x import OTHER, PARENT, SCHOOL, SINCE, by_id
from tests.fakes.x_server import x_fake  # noqa: F401 - the fixture

fake, connect = test_x.fake, test_x.connect  # the fake X API with a school, a parent and another account


def _poll(fake, conn, cursor):
    before = len(fake.calls(""))
    result = conn.fetch(cursor, SINCE)
    return result, [c[1] for c in fake.calls("")[before:]]


def _aged(cursor, hours):
    return {**cursor, "full_at": (datetime.now(UTC) - timedelta(hours=hours)).isoformat()}


def test_a_quiet_poll_is_one_request_and_the_streams_are_read_again_every_few_hours(fake, connect):
    st = fake.state
    post = st.tweet(SCHOOL, "Year 3 trip to the farm")
    st.tweet(PARENT, "They loved it", reply_to=post)
    conn = connect()
    first, calls = _poll(fake, conn, None)
    assert len(first.items) == 2 and "/2/users/100/tweets" in calls  # the first poll reads the streams
    quiet, calls = _poll(fake, conn, first.cursor)
    assert quiet.items == [] and calls == ["/2/tweets/search/recent"]
    again, calls = _poll(fake, conn, _aged(quiet.cursor, 7))  # the last full poll is 7 hours old
    assert {"/2/users/100/tweets", "/2/users/100/mentions"} <= set(calls)
    assert again.cursor["username"] == "oakfield_primary"


def test_one_search_finds_new_posts_replies_nested_replies_and_mentions(fake, connect):
    st = fake.state
    old = st.tweet(SCHOOL, "Harvest festival on Friday")
    conn = connect()
    first = conn.fetch(None, SINCE)
    reply_old = st.tweet(PARENT, "Can we bring tins?", reply_to=old)
    new = st.tweet(SCHOOL, "Book fair next week", media=("photo",))
    reply_new = st.tweet(PARENT, "What time does it open?", reply_to=new)
    nested = st.tweet(OTHER, "half three I think", reply_to=reply_new)
    mention = st.tweet(OTHER, "Well done @oakfield_primary on the fundraiser", mentions=(SCHOOL,))
    elsewhere = st.tweet(OTHER, "Road closed by the station")
    second, calls = _poll(fake, conn, first.cursor)
    got = by_id(second)
    assert set(got) == {reply_old, new, reply_new, nested, mention}, "nothing missed, nothing unrelated"
    assert elsewhere not in got
    assert got[new].by_school and got[new].kind == "post" and got[new].media == ("photo",)
    assert got[reply_old].hideable and got[reply_new].hideable and got[nested].hideable
    assert not got[mention].hideable  # a conversation the school did not start
    assert calls == ["/2/tweets/search/recent"] * 2  # everything, then the new post's conversation from its start
    assert new in second.cursor["conversations"]
    third, calls = _poll(fake, conn, second.cursor)
    assert third.items == [] and calls == ["/2/tweets/search/recent"]


def test_what_the_search_leaves_out_is_found_by_the_next_full_poll(fake, connect):
    st = fake.state
    post = st.tweet(SCHOOL, "Sports day results")
    conn = connect()
    first = conn.fetch(None, SINCE)
    late = st.tweet(PARENT, "Brilliant day", reply_to=post)
    st.unindexed.add(late)  # X's search index has not got it (yet)
    quiet = conn.fetch(first.cursor, SINCE)
    assert late not in by_id(quiet)
    full = conn.fetch(_aged(quiet.cursor, 7), SINCE)
    assert late in by_id(full)  # the mentions stream reads again from the last full poll's bookmark


def test_a_renamed_handle_is_learnt_at_the_next_full_poll(fake, connect):
    st = fake.state
    st.tweet(SCHOOL, "Welcome back")
    conn = connect()
    first = conn.fetch(None, SINCE)
    st.users[SCHOOL] = "oakfield_school"
    mention = st.tweet(OTHER, "@oakfield_school is the lollipop lady back?", mentions=(SCHOOL,))
    full = conn.fetch(_aged(first.cursor, 7), SINCE)
    assert mention in by_id(full) and full.cursor["username"] == "oakfield_school"
    after = st.tweet(OTHER, "@oakfield_school thanks for the reply", mentions=(SCHOOL,))
    assert after in by_id(conn.fetch(full.cursor, SINCE))


def test_an_older_cursor_or_a_damaged_one_gets_a_full_poll(fake, connect):
    st = fake.state
    post = st.tweet(SCHOOL, "Parents evening booking is open")
    conn = connect()
    v1 = {"v": 1, "posts": post, "mentions": None, "conversations": {}}
    result, calls = _poll(fake, conn, v1)
    assert "/2/users/100/tweets" in calls and result.cursor["v"] == 2
    for broken in ({"search": "12; DROP"}, {"username": "a b OR from:1"}, {"full_at": "yesterday"},
                   {"full_at": (datetime.now(UTC) + timedelta(days=1)).isoformat()}):
        assert x_search.needs_full({**result.cursor, **broken}, datetime.now(UTC), timedelta(days=7))
    assert not x_search.needs_full(result.cursor, datetime.now(UTC), timedelta(days=7))


def test_an_account_with_nothing_at_all_costs_one_request_a_poll_too(fake, connect):
    conn = connect()
    first = conn.fetch(None, SINCE)
    assert first.items == [] and first.cursor["search"] is None
    quiet, calls = _poll(fake, conn, first.cursor)
    assert calls == ["/2/tweets/search/recent"] and "start_time" in fake.calls("/search/recent")[-1][2]
    post = fake.state.tweet(SCHOOL, "Our very first post")
    found, _ = _poll(fake, conn, quiet.cursor)
    assert set(by_id(found)) == {post} and found.cursor["search"] == post


def test_conversations_beyond_one_query_go_in_further_queries(fake, connect):
    st = fake.state
    posts = [st.tweet(SCHOOL, f"Class assembly {n}") for n in range(8)]
    conn = connect(search_query_max_chars=160)
    first = conn.fetch(None, SINCE)
    replies = [st.tweet(PARENT, "lovely", reply_to=p) for p in posts]
    second, calls = _poll(fake, conn, first.cursor)
    queries = [c[2]["query"][0] for c in fake.calls("/search/recent")[-len(calls):]]
    assert set(by_id(second)) == set(replies)
    assert len(calls) >= 2 and all(len(q) <= 160 for q in queries)
    assert queries[0].startswith(f"from:{SCHOOL} OR to:{SCHOOL} OR @oakfield_primary")


def test_a_failed_handle_lookup_leaves_the_next_poll_full_and_loses_nothing(fake, connect):
    from tests.fakes.x_server import Fault

    post = fake.state.tweet(PARENT, "@oakfield_primary is the fair still on?", mentions=(SCHOOL,))
    fake.faults.append(Fault(503, path="/2/users/100$"))  # the timeline carries no tweet of the school to name it
    conn = connect(retries=0)
    first, calls = _poll(fake, conn, None)
    assert post in by_id(first) and first.cursor["username"] is None and "/2/users/100" in calls
    second, calls = _poll(fake, conn, first.cursor)
    assert "/2/users/100/mentions" in calls and second.cursor["username"] == "oakfield_primary"
