"""Copy a SQLite database into an empty PostgreSQL one: every table, verified, all or nothing.

``moderator migrate-db`` is how a school moves from the embedded SQLite database to PostgreSQL
(several workers, a trust, a large database). The steps, in order:

1. both schemas are brought to the newest Alembic revision (as every command does at start-up);
2. the source is held still: every account's lock (the same ones ``moderator run`` takes for a
   poll; a poll under way makes the copy refuse) and SQLite's write lock for the whole copy
   (``BEGIN IMMEDIATE``: other processes may read, nobody may write), so the copy is one snapshot;
3. the target's migration lock is held, so a daemon started on it waits until the copy is done;
4. one target transaction: a target holding any row is refused; the tables are copied in
   dependency order, in batches (memory stays bounded), primary keys kept; each table's rows are
   counted and checksummed on both sides (every column but JSON ones; long text by its length);
   the id sequences are moved past the copied ids; only then is it committed.

Any mismatch or error rolls the whole copy back, and so does a process killed mid-copy
(PostgreSQL ends the open transaction): the target is left with its empty schema, ready for
another attempt. Nothing here prints or logs item text or a URL's password.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import JSON, Integer, Table, Text, event, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

import storage.reporting_models  # noqa: F401 - every table of the schema is in Base.metadata
import storage.web_models  # noqa: F401
from storage.db import StorageError, make_engine, masked_url, migrate
from storage.locks import LockBusy, Locks, account_lock_name
from storage.models import Base

log = logging.getLogger(__name__)

BATCH = 1000  # rows read and written at a time
SOURCE_WAIT = 5.0  # seconds to wait for a lock on the source before refusing
TARGET_WAIT = 30.0
INTERNAL = {"alembic_version", "sqlite_sequence"}
_MOD = 2**64
STOP_THE_DAEMON = "stop `moderator run` (and `moderator serve`) on this database, then run migrate-db again"


class MigrateError(Exception):
    """The copy cannot be made or was not committed; the message says why, on one line."""


@dataclass(frozen=True)
class TableCopy:
    """One table's rows in the source snapshot, copied, and counted in the target, and whether they agree."""

    name: str
    source: int
    copied: int
    target: int
    checksum_ok: bool

    @property
    def ok(self) -> bool:
        """Every row arrived, and the checksums agree."""
        return self.source == self.copied == self.target and self.checksum_ok

    def __str__(self) -> str:
        return (f"{self.name} (source {self.source}, copied {self.copied}, target {self.target}"
                f"{'' if self.checksum_ok else ', checksums differ'})")


def check_source(url: str) -> str:
    """The source URL, checked: a SQLite database file that exists (it is never created here)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise MigrateError("--from is not a database URL (sqlite:///path/to/moderator.db)") from None
    if parsed.get_backend_name() != "sqlite":
        raise MigrateError(f"the source must be a SQLite database, got {masked_url(url)} (migrate-db copies "
                           f"SQLite into PostgreSQL)")
    db = parsed.database
    if not db or db == ":memory:" or db.startswith("file:"):
        raise MigrateError("the source must be a SQLite database file (sqlite:///path/to/moderator.db)")
    if not Path(db).is_file():
        raise MigrateError(f"no SQLite database at {db}")
    _peek(Path(db))
    return url


def _peek(path: Path) -> None:
    """Refuse a file that is not a moderator database, opened read-only so that it is left untouched."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise MigrateError(f"{path} cannot be read as a SQLite database ({_one_line(str(exc))})") from None
    if not {"alembic_version", "accounts"} <= names:
        raise MigrateError(f"{path} is not a moderator database (it has no moderator tables)")


def check_target(url: str) -> str:
    """The target URL, checked: PostgreSQL, through psycopg (``postgresql://`` is taken to mean it)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise MigrateError("--to is not a database URL (postgresql+psycopg://user@host:5432/database)") from None
    if parsed.get_backend_name() != "postgresql":
        raise MigrateError(f"the target must be a PostgreSQL URL (postgresql+psycopg://user@host/database), "
                           f"got {masked_url(url)}")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_driver_name() != "psycopg":
        raise MigrateError(f"the target must use the psycopg driver (postgresql+psycopg://...), "
                           f"got {parsed.drivername!r}")
    if not parsed.database:
        raise MigrateError(f"the target URL names no database: {masked_url(url)}")
    return parsed.render_as_string(hide_password=False)


def copy_database(source: str, target: str, batch: int = BATCH,
                  progress: Callable[[TableCopy], None] | None = None, school: str = "default") -> list[TableCopy]:
    """Copy every table of ``source`` (SQLite) into an empty ``target`` (PostgreSQL), verified, in one go.

    A source from before tenancy is migrated first, its rows given ``school`` (the configured school's slug).

    Returns one :class:`TableCopy` per table, in the order copied; raises :class:`MigrateError`
    when nothing was committed.
    """
    source, target = check_source(source), check_target(target)
    src = _open(source, "the source")
    dst = _open(target, "the target")
    for engine, which in ((src, "the source"), (dst, "the target")):
        try:
            migrate(engine, school)
        except StorageError as exc:
            raise MigrateError(f"{which}: {_one_line(str(exc))}") from None
    tables = _tables(src, dst)
    snapshot = _snapshot_engine(source)
    try:
        with _source_held(src), _target_held(dst), snapshot.connect() as s, dst.connect() as d:
            try:
                s.begin()
            except DBAPIError:
                raise MigrateError(f"another process is writing to the SQLite database: {STOP_THE_DAEMON}") from None
            with d.begin():
                _refuse_data(d, tables)
                copies = []
                for table in tables:
                    copies.append(c := _copy_table(s, d, table, batch, progress))
                    if not c.ok:
                        raise MigrateError(f"verification failed for {c}: nothing was committed, the target "
                                           f"is left empty")
                _reset_sequences(d, tables)
            s.rollback()
    except LockBusy as exc:
        raise MigrateError(f"{exc}: {STOP_THE_DAEMON}") from None
    finally:
        snapshot.dispose()
        src.dispose()
        dst.dispose()
    return copies


def _open(url: str, which: str) -> Engine:
    try:
        return make_engine(url)
    except StorageError as exc:
        raise MigrateError(f"{which}: {_one_line(str(exc))}") from None


def _snapshot_engine(url: str) -> Engine:
    """A SQLite engine whose transactions start with ``BEGIN IMMEDIATE``: one snapshot, no writer meanwhile.

    pysqlite would otherwise run each SELECT in its own implicit transaction (SQLAlchemy's
    documented recipe for SQLite transactions: driver autocommit off, an explicit BEGIN).
    """
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _tables(src: Engine, dst: Engine) -> list[Table]:
    """The schema's tables in dependency order; refuses a source or target that does not match this version."""
    known = {t.name for t in Base.metadata.sorted_tables}
    in_source = set(inspect(src).get_table_names()) - INTERNAL
    in_target = set(inspect(dst).get_table_names())
    if unknown := sorted(in_source - known):
        raise MigrateError(f"the source has tables this version does not know ({', '.join(unknown)}): "
                           f"upgrade moderator first")
    if missing := sorted((known - in_source) | (known - in_target)):
        raise MigrateError(f"tables missing after migrating ({', '.join(missing)}): the migrations and the "
                           f"models of this version disagree")
    return list(Base.metadata.sorted_tables)


@contextmanager
def _source_held(src: Engine) -> Iterator[None]:
    """The source's migration lock and every account's poll lock, as ``moderator run`` takes them."""
    locks = Locks(src, wait=SOURCE_WAIT)
    with src.connect() as conn:
        names = list(conn.scalars(text("SELECT name FROM accounts ORDER BY id")))
    with ExitStack() as stack:
        stack.enter_context(locks.hold("migrate", busy="another moderator process is starting on the source"))
        for name in names:
            stack.enter_context(locks.hold(account_lock_name(name), wait=0,
                                           busy="a moderator process is polling one of the source's accounts"))
        yield


@contextmanager
def _target_held(dst: Engine) -> Iterator[None]:
    """The target's migration lock: a daemon starting on the target waits until the copy is committed."""
    with Locks(dst).hold("migrate", wait=TARGET_WAIT, busy="another process is migrating the target database"):
        yield


def _refuse_data(d: Connection, tables: list[Table]) -> None:
    full = [t.name for t in tables if d.execute(select(text("1")).select_from(t).limit(1)).first()]
    if full:
        raise MigrateError(f"the target already holds data (in {', '.join(full)}): migrate-db copies into an "
                           f"empty database only; give it a new database or schema")


def _copy_table(s: Connection, d: Connection, table: Table, batch: int,
                progress: Callable[[TableCopy], None] | None) -> TableCopy:
    """Stream one table across in batches, summing its rows' checksums on the way."""
    checked = _checked(table)
    copied = digest = 0
    try:
        result = s.execute(select(table).execution_options(yield_per=batch))
        for rows in result.partitions():
            records = [dict(r._mapping) for r in rows]
            d.execute(table.insert(), records)
            copied += len(records)
            for r in records:
                digest = (digest + _row_sum(_checked_values(r, checked))) % _MOD
        source = s.scalar(select(func.count()).select_from(table))
        target = d.scalar(select(func.count()).select_from(table))
        target_digest = _target_digest(d, table, checked, batch)
    except SQLAlchemyError as exc:
        raise MigrateError(f"copying table {table.name} failed after {copied} row(s) ({_describe(exc)}): "
                           f"nothing was committed, the target is left empty") from None
    copy = TableCopy(table.name, source or 0, copied, target or 0, digest == target_digest)
    log.info("migrate-db: %s: %d source, %d copied, %d in target, checksum %s", copy.name, copy.source,
             copy.copied, copy.target, "ok" if copy.checksum_ok else "differs")
    if progress:
        progress(copy)
    return copy


def _checked(table: Table) -> list[tuple[str, bool]]:
    """The columns a checksum covers, each with whether only its length is compared (long text)."""
    return [(c.name, isinstance(c.type, Text)) for c in table.columns if not isinstance(c.type, JSON)]


def _checked_values(record: dict, checked: list[tuple[str, bool]]) -> tuple:
    return tuple(None if record[n] is None else len(record[n]) if by_length else record[n] for n, by_length in checked)


def _target_digest(d: Connection, table: Table, checked: list[tuple[str, bool]], batch: int) -> int:
    columns = [func.length(table.c[n]) if by_length else table.c[n] for n, by_length in checked]
    digest = 0
    for rows in d.execute(select(*columns).execution_options(yield_per=batch)).partitions():
        for row in rows:
            digest = (digest + _row_sum(tuple(row))) % _MOD
    return digest


def _row_sum(values: tuple) -> int:
    """One row's 64-bit hash; rows are summed, so the order they come back in does not matter."""
    norm = tuple(v.astimezone(UTC).isoformat() if isinstance(v, datetime) else v for v in values)
    return int.from_bytes(hashlib.blake2b(repr(norm).encode(), digest_size=8).digest(), "big")


def _reset_sequences(d: Connection, tables: list[Table]) -> None:
    """Move each integer id's sequence past the copied ids, so the next row inserted gets a new one."""
    quote = d.dialect.identifier_preparer.quote
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        seq = d.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": quote(table.name), "c": pk[0].name})
        if seq:
            top = d.scalar(select(func.max(pk[0]))) or 0
            d.execute(text("SELECT setval(CAST(:s AS regclass), :v, false)"), {"s": seq, "v": top + 1})


def _describe(exc: SQLAlchemyError) -> str:
    """The database's own reason, on one line, without the row's values (PostgreSQL puts them in DETAIL)."""
    orig = getattr(exc, "orig", None)
    diag = getattr(orig, "diag", None)
    primary = getattr(diag, "message_primary", None)
    reason = primary or (str(orig) if orig is not None else type(exc).__name__)
    return _one_line(reason.splitlines()[0] if reason.strip() else type(exc).__name__)[:300]


def _one_line(message: str) -> str:
    return " ".join(message.split())
