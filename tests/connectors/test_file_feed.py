"""The file feed behaves like an account: lines, partial writes, replaced files, bad bytes, hiding."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from connectors.base import AccountFatal, ItemGone, ItemRef
from connectors.file_feed import FileFeedConnector, split_lines
from core.accounts import Account
from moderator.config import parse_config
from moderator.pipeline import Pipeline
from storage.db import open_database
from storage.models import ItemRow
from tests.moderator.test_pipeline import KeywordEngine

SINCE = datetime(2026, 1, 1, tzinfo=UTC)


def row(ext, text="hello", **kw) -> bytes:
    return json.dumps({"id": ext, "text": text, **kw}).encode() + b"\n"


@pytest.fixture
def feed(tmp_path) -> Path:
    return tmp_path / "feed.jsonl"


def connector(path: Path) -> FileFeedConnector:
    return FileFeedConnector(Account("feed", "file", "feed", options={"path": str(path)}))


def ids(result) -> list[str]:
    return [i.external_id for i in result.items]


def test_split_on_newline_only():
    data = "a\u2028b\u0085c\nd\n".encode()
    assert split_lines(data) == (["a\u2028b\u0085c".encode(), b"d"], len(data))
    assert split_lines(b"no newline yet") == ([], 0)


def test_a_partial_last_line_waits_for_the_next_poll(feed):
    feed.write_bytes(row("c1") + b'{"id": "c2", "te')
    conn = connector(feed)
    first = conn.fetch(None, SINCE)
    assert ids(first) == ["c1"] and not first.skipped
    with feed.open("ab") as fh:
        fh.write(b'xt": "now complete"}\n')
    second = conn.fetch(first.cursor, SINCE)
    assert ids(second) == ["c2"] and second.items[0].text == "now complete" and not second.skipped
    assert conn.fetch(second.cursor, SINCE).items == []


def test_a_replaced_file_is_read_from_the_start(feed, tmp_path):
    feed.write_bytes(row("c1") + row("c2") + row("c3"))
    conn = connector(feed)
    cursor = conn.fetch(None, SINCE).cursor
    new = tmp_path / "new.jsonl"
    new.write_bytes(row("d1") + row("d2") + row("d3") + row("d4"))  # longer than the old one
    os.replace(new, feed)
    assert ids(conn.fetch(cursor, SINCE)) == ["d1", "d2", "d3", "d4"]


def test_a_file_rewritten_in_place_is_read_from_the_start(feed):
    feed.write_bytes(row("c1") + row("c2"))
    conn = connector(feed)
    cursor = conn.fetch(None, SINCE).cursor
    feed.write_bytes(row("e1", "other") + row("e2") + row("e3") + row("e4"))  # same inode, new head
    assert ids(conn.fetch(cursor, SINCE)) == ["e1", "e2", "e3", "e4"]
    cursor = conn.fetch(None, SINCE).cursor
    feed.write_bytes(row("e1", "other"))  # truncated below the cursor
    assert ids(conn.fetch(cursor, SINCE)) == ["e1"]


def test_appending_never_rereads(feed):
    feed.write_bytes(row("c1"))
    conn = connector(feed)
    cursor = conn.fetch(None, SINCE).cursor
    with feed.open("ab") as fh:
        fh.write(row("c2"))
    result = conn.fetch(cursor, SINCE)
    assert ids(result) == ["c2"] and result.cursor["line"] == 2


def test_a_cursor_of_the_old_line_kind_resumes_after_those_lines(feed):
    feed.write_bytes(row("c1") + row("c2") + row("c3"))
    assert ids(connector(feed).fetch({"line": 2}, SINCE)) == ["c3"]


def test_an_undecodable_line_is_skipped_and_the_account_goes_on(feed):
    feed.write_bytes(row("c1") + b'{"id": "c2", "text": "\xff\xfe"}\n' + row("c3"))
    result = connector(feed).fetch(None, SINCE)
    assert ids(result) == ["c1", "c3"]
    assert [s.reason for s in result.skipped] == ["line 2: not UTF-8 (byte 23)"]


def test_a_byte_order_mark_and_crlf_are_tolerated(feed):
    feed.write_bytes(b"\xef\xbb\xbf" + row("c1").replace(b"\n", b"\r\n") + row("c2"))
    result = connector(feed).fetch(None, SINCE)
    assert ids(result) == ["c1", "c2"] and not result.skipped


def test_hiding_writes_the_state_file_atomically_for_the_owner_only(feed):
    feed.write_bytes(row("c1") + row("c2"))
    conn = connector(feed)
    conn.hide(ItemRef("file", "c1", "comment"))
    conn.hide(ItemRef("file", "c2", "comment"))
    conn.restore(ItemRef("file", "c1", "comment"))
    state = feed.with_name("feed.jsonl.state.json")
    assert json.loads(state.read_text()) == {"hidden": ["c2"]}
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert sorted(p.name for p in feed.parent.iterdir()) == ["feed.jsonl", "feed.jsonl.state.json"]
    assert [i.hidden_on_platform for i in conn.fetch(None, SINCE).items] == [False, True]
    with pytest.raises(ItemGone):
        conn.hide(ItemRef("file", "c9", "comment"))


def test_a_corrupt_state_file_is_reported_not_ignored(feed):
    feed.write_bytes(row("c1"))
    feed.with_name("feed.jsonl.state.json").write_text('["c1"]')
    with pytest.raises(AccountFatal, match="state file"):
        connector(feed).fetch(None, SINCE)


def two_feeds(tmp_path: Path, db_url: str, a: bytes, b: bytes):
    (tmp_path / "a.jsonl").write_bytes(a)
    (tmp_path / "b.jsonl").write_bytes(b)
    config = parse_config(tomllib.loads(f"""
[school]
name = "Test School"
[[accounts]]
name = "a"
platform = "file"
path = "a.jsonl"
[[accounts]]
name = "b"
platform = "file"
path = "b.jsonl"
[storage]
url = "{db_url}"
"""), tmp_path / "moderator.toml")
    sessions = open_database(config.storage_url)
    Pipeline(config, sessions, KeywordEngine()).poll_all()
    with sessions() as s:
        return sorted((r.account.name, r.external_id, r.text, r.visibility) for r in s.scalars(select(ItemRow)))


def test_two_feeds_with_the_same_ids_are_two_accounts_items(tmp_path, db_url):
    got = two_feeds(tmp_path, db_url, row("c1", "first school BADWORD") + row("c2", "only in a"),
                    row("c1", "second school, fine"))
    assert got == [("a", "c1", "first school BADWORD", "hidden"), ("a", "c2", "only in a", "visible"),
                   ("b", "c1", "second school, fine", "visible")]


def test_the_same_item_in_two_feeds_is_analysed_and_hidden_in_both(tmp_path, db_url):
    got = two_feeds(tmp_path, db_url, row("c1", "same BADWORD"), row("c1", "same BADWORD"))
    assert got == [("a", "c1", "same BADWORD", "hidden"), ("b", "c1", "same BADWORD", "hidden")]


@pytest.mark.parametrize("fields", [{"parent": ""}, {"parent": "  "}, {"permalink": " "}, {"permalink": ""},
                                    {"author_id": ""}])
def test_a_blank_optional_field_is_absent_and_the_item_is_still_moderated(feed, fields):
    feed.write_bytes(row("c1", "call 07700 900123", **fields))
    result = connector(feed).fetch(None, SINCE)
    assert ids(result) == ["c1"] and not result.skipped
    item = result.items[0]
    assert (item.parent_external_id, item.permalink, item.author_id) == (None, None, None)
