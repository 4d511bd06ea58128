"""The database and its journals are the owner's only, whatever the umask; URLs are shown without passwords."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from storage.db import StorageError, make_engine, masked_url, open_database


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def lax_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_database_and_its_new_folder_are_created_owner_only(tmp_path, lax_umask):
    db = tmp_path / "data" / "school" / "moderator.db"
    sessions = open_database(f"sqlite:///{db}")
    with sessions() as s:
        s.connection()  # a connection open: the -wal and -shm exist
        assert {mode(db.with_name(db.name + sfx)) for sfx in ("", "-wal", "-shm")} == {0o600}
    assert mode(db.parent) == 0o700


def test_an_existing_readable_database_and_its_journals_are_tightened_on_opening(tmp_path, lax_umask):
    db = tmp_path / "moderator.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    for sfx in ("", "-wal", "-shm"):
        os.chmod(db.with_name(db.name + sfx), 0o644)
    make_engine(f"sqlite:///{db}")
    assert {mode(db.with_name(db.name + sfx)) for sfx in ("", "-wal", "-shm")} == {0o600}
    conn.close()


def test_urls_are_shown_with_the_password_masked():
    assert masked_url("postgresql+psycopg://school:S3cret-pw@db.example:5432/mod") == \
        "postgresql+psycopg://school:***@db.example:5432/mod"
    assert masked_url("not a url at all S3cret") == "(an unparseable URL)"


def test_an_unusable_url_is_reported_without_its_password():
    with pytest.raises(StorageError) as err:
        make_engine("nosuchdialect://user:S3cret-pw@host/db")
    assert "S3cret" not in str(err.value) and "storage.url" in str(err.value)
