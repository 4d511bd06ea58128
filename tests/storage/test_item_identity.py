"""Items are identified per account: migration 0003 on real SQLite and PostgreSQL, and the repo functions."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from core.items import Item
from storage import repo
from storage.db import MIGRATIONS, make_engine, open_database
from storage.models import FindingRow, ItemRow


def _item(ext="c1", text="hello", platform="file") -> Item:
    return Item(platform=platform, external_id=ext, kind="comment", by_school=False, text=text)


def _upgrade(engine, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def test_migration_keeps_items_and_their_findings_and_allows_one_id_per_account(db_url):
    engine = make_engine(db_url)
    _upgrade(engine, "0002")
    with engine.begin() as conn:  # data written by the previous version
        conn.execute(text("INSERT INTO accounts (id, name, platform, external_id) VALUES (1, 'a', 'file', 'a'), "
                          "(2, 'b', 'file', 'b')"))
        conn.execute(text("INSERT INTO items (id, platform, external_id, account_id, kind, by_school, text, media, "
                          "content_hash, visibility, hideable, first_seen_at) VALUES (7, 'file', 'c1', 1, "
                          "'comment', false, 'invented text', '[]', 'h', 'hidden', true, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO findings (id, item_id, label, score, severity, span_start, span_end, "
                          "explanation, rule, details, content_hash, decision, review_status, created_at) VALUES "
                          "(3, 7, 'abuse', 0.9, 'high', 0, 1, 'e', 'r', '{}', 'h', 'hide', 'open', "
                          "CURRENT_TIMESTAMP)"))
    _upgrade(engine, "head")
    sessions = open_database(db_url)  # start-up after the upgrade migrates nothing more
    with sessions() as s:
        row = s.get(ItemRow, 7)
        assert (row.account_id, row.external_id, row.text, row.visibility) == (1, "c1", "invented text", "hidden")
        assert s.get(FindingRow, 3).item_id == 7
    with sessions.begin() as s:  # the same id on another account is another item
        repo.upsert_item(s, 2, _item(text="other account"), None)
    with pytest.raises(IntegrityError), sessions.begin() as s:  # but one account still holds it once
        s.add(ItemRow(platform="file", external_id="c1", account_id=1, kind="comment", by_school=False,
                      text="dup", content_hash="h"))
        s.flush()
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ItemRow)) == 2
    with pytest.raises(IntegrityError), sessions.begin() as s:  # foreign keys are still enforced
        s.add(FindingRow(item_id=999, label="abuse", score=0.5, severity="low", span_start=0, span_end=1,
                         explanation="e", rule="r", content_hash="h", decision="record"))
        s.flush()
    engine.dispose()


def test_existing_items_and_upsert_keep_accounts_apart(db_url):
    sessions = open_database(db_url)
    with sessions.begin() as s:
        a = repo.ensure_account(s, "a", "file", "a").id
        b = repo.ensure_account(s, "b", "file", "b").id
        repo.upsert_item(s, a, _item(text="first account"), None)
    with sessions.begin() as s:
        assert repo.existing_items(s, "file", ["c1"], account_id=b) == {}
        other = repo.existing_items(s, "file", ["c1"], account_id=a)  # handed another account's row
        repo.upsert_item(s, b, _item(text="second account"), other.get("c1"))
    with sessions.begin() as s:
        mine = repo.existing_items(s, "file", ["c1"], account_id=a)
        assert mine["c1"].text == "first account"
        repo.upsert_item(s, a, _item(text="first account, edited"), mine["c1"])
    with sessions() as s:
        texts = {r.account_id: r.text for r in s.scalars(select(ItemRow))}
    assert texts == {a: "first account, edited", b: "second account"}
