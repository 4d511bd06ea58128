"""Property tests: every connector's parser takes any payload without raising, and accounts for each input.

Generated payloads put random JSON types in every field, odd Unicode (NUL, lone surrogates,
bidirectional controls, line separators), huge strings and deep nesting. Each input ends as
exactly one Item that storage can hold, or one SkippedItem whose reason names the field (never
the text) and never comes from an unexpected exception.

A modest number of examples runs in the normal suite; ``MODERATOR_FUZZ=1`` runs 10,000 per parser.
"""

from __future__ import annotations

import json
import os
import unicodedata
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.base import SkippedItem
from connectors.facebook import FacebookConnector
from connectors.file_feed import parse_line, split_lines
from connectors.graph import GraphOptions, GraphTransport
from connectors.instagram import InstagramConnector
from connectors.validate import EARLIEST, MAX_ID_CHARS, MAX_PERMALINK_CHARS
from connectors.x import XConnector
from core.accounts import Account
from core.items import KINDS, MEDIA_KINDS, Item

settings.register_profile("connectors-quick", max_examples=60, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("connectors-fuzz", max_examples=10_000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile("connectors-fuzz" if os.environ.get("MODERATOR_FUZZ") == "1" else "connectors-quick")

ODD = ["\x00", "\ud800", "\udfff", "\u202e", "\u200d", "\u00ad", "\u2028", "\u2029", "\u0085", "\ufeff", "\x7f",
       "\U0001f600", "\u0130", " ", ""]
odd_text = st.lists(st.sampled_from(ODD) | st.text(max_size=4), max_size=8).map("".join)
huge_text = st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "*", "@", "1", "\u200b", "\ud83d"]),
                      st.sampled_from([MAX_ID_CHARS, MAX_ID_CHARS + 1, MAX_PERMALINK_CHARS + 1, 60_000]))
scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**199, max_value=10**210)
           | st.floats(allow_nan=True) | st.text(max_size=20) | odd_text)
json_any = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=6), inner, max_size=3), max_leaves=8)


def deep(depth: int):
    value: object = []
    for _ in range(depth):
        value = [value]
    return value


nested = st.integers(min_value=50, max_value=400).map(deep)
times = st.sampled_from(["2026-11-20T09:00:00+0000", "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00Z",
                         "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "1066-10-14T09:00:00Z",
                         "2026-02-30T00:00:00Z", "yesterday", ""]) | st.datetimes().map(datetime.isoformat)
ids = st.sampled_from(["1000_2001", "17841400000000001", "1850000000000000000", "c1"]) | st.integers() | odd_text


def field(plausible):
    """A field's value: usually plausible, often any JSON, sometimes odd or huge or deeply nested."""
    return st.one_of(plausible, plausible, json_any, odd_text, huge_text, nested)


def rows(fields: dict):
    """A payload row: each field present or absent, each value from ``field``; sometimes not an object at all."""
    row = st.fixed_dictionaries({}, optional={k: field(v) for k, v in fields.items()})
    return st.one_of(row, row, row, json_any)


def assert_clean_id(value: str) -> None:
    assert isinstance(value, str) and 0 < len(value) <= MAX_ID_CHARS and value.strip()
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in value)


def assert_storable(item: Item) -> None:
    """What storage and the rest of the daemon rely on."""
    assert_clean_id(item.external_id)
    if item.parent_external_id is not None:
        assert_clean_id(item.parent_external_id)
    if item.author_id is not None:
        assert_clean_id(item.author_id)
    assert isinstance(item.text, str) and item.kind in KINDS and set(item.media) <= set(MEDIA_KINDS)
    if item.permalink is not None:
        assert len(item.permalink) <= MAX_PERMALINK_CHARS and "\x00" not in item.permalink
        item.permalink.encode("utf-8")  # no lone surrogate
    if item.created_at is not None:
        assert item.created_at.tzinfo is not None
        assert EARLIEST <= item.created_at <= datetime.now(UTC) + timedelta(days=2)
    item.content_hash()


def assert_accounted(out, row) -> None:
    """One Item or one SkippedItem; a skip names the problem without the text and was expected."""
    assert isinstance(out, Item | SkippedItem), out
    if isinstance(out, Item):
        assert_storable(out)
        return
    if out.external_id is not None:
        assert_clean_id(out.external_id)
    assert "unexpected" not in out.reason, out.reason
    assert len(out.reason) < 500
    for key in ("text", "message", "caption"):
        value = row.get(key) if isinstance(row, dict) else None
        if isinstance(value, str) and len(value.strip()) >= 12:
            assert value not in out.reason


# -- file feed -------------------------------------------------------------------------------

FEED_FIELDS = {"id": ids, "kind": st.sampled_from(["post", "comment", "story"]),
               "author": st.sampled_from(["school", "public"]), "text": odd_text | st.text(),
               "media": st.lists(st.sampled_from(["photo", "video", "audio"]), max_size=3),
               "parent": ids, "created_time": times, "permalink": st.just("https://example.com/p/1"),
               "author_id": ids}


def encode(row, ascii_only: bool) -> bytes:
    try:
        return json.dumps(row, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        return b'{"broken": '


feed_lines = st.one_of(
    st.builds(encode, rows(FEED_FIELDS), st.booleans()),
    st.binary(max_size=40),  # bytes that may not be UTF-8 or JSON
    st.just(b'{"id": "deep", "text": ' + b"[" * 1000 + b"]" * 1000 + b"}"),
).map(lambda raw: raw.replace(b"\n", b" "))


@PROFILE
@given(st.lists(feed_lines, min_size=1, max_size=6), st.binary(max_size=20).map(lambda b: b.replace(b"\n", b"")))
def test_file_feed_lines(lines, partial):
    data = b"\n".join(lines) + b"\n" + partial
    complete, used = split_lines(data)
    assert complete == lines and used == len(data) - len(partial)  # a partial last line is never read
    for n, raw in enumerate(complete, start=1):
        out = parse_line(raw, n)
        if out is None:
            assert not raw.strip(b" \t\r") or raw.strip(b" \t\r") == b"\xef\xbb\xbf" and n == 1
            continue
        try:
            row = json.loads(raw)
        except (ValueError, RecursionError):
            row = None
        assert_accounted(out, row)


# -- Facebook and Instagram (Graph rows, parsed without HTTP) ---------------------------------

def graph_connector(cls, account_id: str):
    account = Account(f"fuzz-{cls.platform}", cls.platform, account_id, options={})
    return cls(account, GraphTransport("fuzz-token", GraphOptions(api_base="http://127.0.0.1:9")))


FACEBOOK = graph_connector(FacebookConnector, "1000")
INSTAGRAM = graph_connector(InstagramConnector, "17841400000000001")
GRAPH_ROW = {"id": ids, "message": st.text(), "created_time": times, "updated_time": times,
             "from": st.fixed_dictionaries({"id": ids}), "parent": st.fixed_dictionaries({"id": ids}),
             "permalink_url": st.just("https://www.facebook.com/1000_2001"), "is_hidden": st.booleans(),
             "can_hide": st.booleans(),
             "attachment": st.fixed_dictionaries({"media_type": st.sampled_from(["photo", "video", "link"])}),
             "attachments": st.fixed_dictionaries({"data": st.lists(st.fixed_dictionaries(
                 {"media_type": st.sampled_from(["photo", "album"]), "subattachments": nested}), max_size=2)})}
IG_ROW = {"id": ids, "caption": st.text(), "text": st.text(), "timestamp": times, "username": st.text(max_size=10),
          "from": st.fixed_dictionaries({"id": ids}), "hidden": st.booleans(),
          "media_type": st.sampled_from(["IMAGE", "VIDEO", "CAROUSEL_ALBUM"]),
          "media_product_type": st.sampled_from(["FEED", "REELS"]), "comments_count": st.integers(0, 10),
          "permalink": st.just("https://www.instagram.com/p/1/")}


@PROFILE
@given(rows(GRAPH_ROW))
def test_facebook_post_rows(row):
    assert_accounted(FACEBOOK.post_from_row(row), row)


@PROFILE
@given(rows(GRAPH_ROW))
def test_facebook_comment_rows(row):
    assert_accounted(FACEBOOK.comment_from_row(row, "1000_2001"), row)


@PROFILE
@given(rows(IG_ROW))
def test_instagram_media_rows(row):
    assert_accounted(INSTAGRAM.media_from_row(row), row)


@PROFILE
@given(rows(IG_ROW), st.none() | st.text(max_size=10))
def test_instagram_comment_and_reply_rows(row, owner):
    assert_accounted(INSTAGRAM.comment_from_row(row, "20011", "20010", owner), row)


# -- X (a response page: data with includes) -------------------------------------------------

X = XConnector(Account("fuzz-x", "x", "100", options={}), credentials={"user_token": "fuzz-token"},
               api_base="http://127.0.0.1:9")
TWEET = {"id": ids, "text": st.text(), "created_at": times, "author_id": ids, "conversation_id": ids,
         "referenced_tweets": st.lists(st.fixed_dictionaries({"type": st.sampled_from(["replied_to", "quoted"]),
                                                              "id": ids}), max_size=2),
         "attachments": st.fixed_dictionaries({"media_keys": st.lists(st.sampled_from(["3_1", "3_2"]) | json_any,
                                                                      max_size=2)}),
         "edit_history_tweet_ids": st.lists(ids, max_size=2)}
pages = st.one_of(
    st.fixed_dictionaries({"data": st.lists(rows(TWEET), max_size=5)}, optional={
        "includes": field(st.fixed_dictionaries({"media": st.lists(st.fixed_dictionaries(
            {"media_key": st.sampled_from(["3_1", "3_2"]) | json_any, "type": st.sampled_from(["photo", "video"])}),
            max_size=3)})),
        "meta": json_any}),
    json_any)


@PROFILE
@given(pages, st.booleans())
def test_x_pages(page, own):
    items, skipped = X.parse_page(page, {"1850000000000000000": {}}, own)
    data = page.get("data") if isinstance(page, dict) else None
    if isinstance(page, dict) and isinstance(data, list):
        assert len(items) + len(skipped) == len(data)
        for row in data:  # and each tweet on its own: one outcome, storable or explained
            one, why = X.parse_page({**page, "data": [row]}, {"1850000000000000000": {}}, own)
            assert len(one) + len(why) == 1
            assert_accounted([*one, *why][0], row)
    elif isinstance(page, dict) and data is None:
        assert (items, skipped) == ([], [])
    else:
        assert items == [] and len(skipped) == 1 and "malformed page" in skipped[0].reason
