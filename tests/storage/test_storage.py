"""The storage layer on real SQLite and real PostgreSQL (same code, same URL setting)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.items import Item
from storage import repo
from storage.db import StorageError, open_database
from storage.models import ItemRow


def _item(ext="c1", text="hello", **kw) -> Item:
    return Item(platform="file", external_id=ext, kind="comment", by_school=False, text=text, **kw)


def test_migrations_create_schema_and_are_idempotent(db_url):
    open_database(db_url)
    sessions = open_database(db_url)  # a second start migrates nothing and fails nothing
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ItemRow)) == 0


def test_same_item_stored_once_and_edit_updates_hash(db_url):
    sessions = open_database(db_url)
    with sessions.begin() as s:
        acct = repo.ensure_account(s, "a", "file", "a")
        repo.upsert_item(s, acct.id, _item(created_at=datetime(2026, 11, 1, 9, tzinfo=UTC)), None)
    with sessions.begin() as s:
        rows = repo.existing_items(s, "file", ["c1"], account_id=acct.id)
        repo.upsert_item(s, acct.id, _item(text="hello again"), rows.get("c1"))
    with sessions() as s:
        rows = s.scalars(select(ItemRow)).all()
        assert len(rows) == 1
        assert rows[0].text == "hello again"
        assert rows[0].content_hash == _item(text="hello again").content_hash()


def test_unique_platform_external_id_is_enforced_by_the_database(db_url):
    sessions = open_database(db_url)
    with sessions.begin() as s:
        acct = repo.ensure_account(s, "a", "file", "a")
        repo.upsert_item(s, acct.id, _item(), None)
    with pytest.raises(IntegrityError), sessions.begin() as s:
        repo.upsert_item(s, acct.id, _item(), None)


def test_cursor_moves_only_with_its_transaction(db_url):
    sessions = open_database(db_url)
    with sessions.begin() as s:
        acct_id = repo.ensure_account(s, "a", "file", "a").id
        repo.set_cursor(s, acct_id, {"line": 3})
    with pytest.raises(RuntimeError), sessions.begin() as s:
        repo.set_cursor(s, acct_id, {"line": 9})
        repo.upsert_item(s, acct_id, _item(), None)
        raise RuntimeError("crash")
    with sessions() as s:
        assert repo.get_cursor(s, acct_id) == {"line": 3}
        assert s.scalar(select(func.count()).select_from(ItemRow)) == 0


def test_datetimes_come_back_aware_utc(db_url):
    sessions = open_database(db_url)
    when = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    with sessions.begin() as s:
        acct = repo.ensure_account(s, "a", "file", "a")
        repo.upsert_item(s, acct.id, _item(created_at=when), None)
    with sessions() as s:
        assert s.scalar(select(ItemRow.created_at)) == when


def test_odd_unicode_is_stored_intact(db_url):
    sessions = open_database(db_url)
    text = "emoji 👩‍👧 zero\u200bwidth RTL \u202e fullwidth ｆｏｏ"
    with sessions.begin() as s:
        acct = repo.ensure_account(s, "a", "file", "a")
        repo.upsert_item(s, acct.id, _item(text=text), None)
    with sessions() as s:
        assert s.scalar(select(ItemRow.text)) == text


def test_bad_url_is_a_clear_error(tmp_path):
    with pytest.raises(StorageError):
        open_database("nosuchdb://x")
    with pytest.raises(StorageError, match="cannot open"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
