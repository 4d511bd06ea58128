"""Opening the database: engine, sessions and migrations (Alembic, run at start-up).

The engine never logs or reports statement parameters (``hide_parameters``): they carry item
text. A SQLite database and its ``-wal``/``-shm`` files are kept readable by their owner only,
and two processes starting at once migrate one after the other.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_WAIT = 300.0  # seconds a process starting up waits for another one's migration
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


class StorageError(Exception):
    """The database cannot be opened or migrated; the message says which URL part is wrong."""


def masked_url(url: str) -> str:
    """The URL with its password hidden, for messages and summaries."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(an unparseable URL)"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _owner_only(path: Path) -> None:
    """Create the SQLite file (and its folder) owner-only; tighten one that exists, and its journals.

    SQLite gives its ``-wal`` and ``-shm`` files the mode of the database file, so a 0600
    database keeps its journals private too.
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for suffix in SQLITE_SUFFIXES:
        p = path.with_name(path.name + suffix)
        try:
            if p.stat().st_mode & 0o077:
                p.chmod(0o600)
        except FileNotFoundError:
            continue


def make_engine(url: str) -> Engine:
    """An engine for a SQLite or PostgreSQL URL (the same code runs on both)."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, hide_parameters=True)
            db = engine.url.database
            if db and db != ":memory:" and not db.startswith("file:"):
                _owner_only(Path(db))
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    except (ArgumentError, ImportError):
        raise StorageError(f"storage.url is not usable: {masked_url(url)}") from None
    except OSError as exc:
        raise StorageError(f"storage.url: cannot create the database file ({exc.strerror or type(exc).__name__})") \
            from None


def migrate(engine: Engine, school: str = "default") -> None:
    """Bring the schema up to the newest revision; a second process starting at once waits its turn.

    ``school`` is the slug the rows of a database from before tenancy are given (they held one school).
    """
    from alembic import command
    from alembic.config import Config

    from storage.locks import LockBusy, Locks

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["school"] = school
    try:
        with Locks(engine).hold("migrate", wait=MIGRATION_WAIT, busy="another process is migrating the database"):
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise StorageError(f"cannot open the database: {exc.orig}") from None
    except LockBusy as exc:
        raise StorageError(str(exc)) from None


def open_database(url: str, run_migrations: bool = True, school: str = "default") -> sessionmaker[Session]:
    """Engine, migrations (rows from before tenancy given ``school``), and a session factory, in one call."""
    engine = make_engine(url)
    if run_migrations:
        migrate(engine, school)
    return sessionmaker(engine, expire_on_commit=False)
