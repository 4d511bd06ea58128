"""A database from before tenancy: its rows are given the configured school's slug by migration 0008."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig

from storage import repo
from storage.db import MIGRATIONS, make_engine, migrate, open_database


def test_existing_rows_get_the_configured_schools_slug(db_url):
    engine = make_engine(db_url)
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        conn.execute(sa.text("INSERT INTO accounts (name, platform, external_id) VALUES ('oak-page', 'file', 'x')"))
        conn.execute(sa.text("INSERT INTO items (platform, external_id, account_id, kind, by_school, text, media, "
                             "content_hash, visibility, hideable, first_seen_at) SELECT 'file', 'c1', id, 'comment', "
                             "false, 't', '[]', 'h', 'visible', false, CURRENT_TIMESTAMP FROM accounts"))
    migrate(engine, school="oakfield")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT school FROM accounts")).scalars().all() == ["oakfield"]
        assert conn.execute(sa.text("SELECT school FROM items")).scalars().all() == ["oakfield"]
    engine.dispose()
    sessions = open_database(db_url, school="other")  # migrated already: nothing changes
    with sessions.begin() as s:
        assert repo.ensure_account(s, "oak-page", "file", "x", "oakfield").school == "oakfield"
        with pytest.raises(repo.SchoolMismatch, match="history belongs to school 'oakfield'"):
            repo.ensure_account(s, "oak-page", "file", "x", "brook")
