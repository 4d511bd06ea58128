"""Migration 0004 (items.language, language_holds) on real SQLite and PostgreSQL, over existing data."""

from __future__ import annotations

from sqlalchemy import inspect, text

from storage.db import make_engine, open_database
from storage.models import ItemRow, LanguageHoldRow
from tests.storage.test_item_identity import _upgrade


def test_existing_items_keep_their_data_and_can_be_held_for_their_language(db_url):
    engine = make_engine(db_url)
    _upgrade(engine, "0003")
    with engine.begin() as conn:  # an item stored by the previous version
        conn.execute(text("INSERT INTO accounts (id, name, platform, external_id) VALUES (1, 'a', 'file', 'a')"))
        conn.execute(text("INSERT INTO items (id, platform, external_id, account_id, kind, by_school, text, media, "
                          "content_hash, visibility, hideable, first_seen_at) VALUES (7, 'file', 'c1', 1, "
                          "'comment', false, 'invented text', '[]', 'h', 'visible', true, CURRENT_TIMESTAMP)"))
    _upgrade(engine, "head")
    _upgrade(engine, "head")  # a second start-up migrates nothing more
    assert "language_holds" in inspect(engine).get_table_names()
    sessions = open_database(db_url)
    with sessions.begin() as s:
        row = s.get(ItemRow, 7)
        assert (row.text, row.language) == ("invented text", None)
        row.language = "pl"
        s.add(LanguageHoldRow(item_id=7, language="pl", confidence=0.99, reason="language not understood (pl)",
                              content_hash="h"))
    with sessions() as s:
        hold = s.query(LanguageHoldRow).one()
        assert (hold.item.external_id, hold.item.language, hold.review_status) == ("c1", "pl", "held")
    engine.dispose()
