"""One moderator process at a time per account, and one migration at a time per database.

A cron ``moderator run --once`` beside the daemon, or two of them, must not poll the same
account or carry out its hides at the same moment. Each holder takes a named lock that
other processes can see:

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on a connection of
  its own, keyed by the schema and the name, so two schemas in one database never collide;
- SQLite: a lock file in ``<database>.locks/`` (the ``filelock`` package, whose OS-level locks
  vanish with a process that dies, so a crash never leaves an account locked);
- in-memory SQLite: a lock within the process (no other process can see that database).

A lock not obtained within its wait raises :class:`LockBusy`; callers skip the work this cycle.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import text
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

DEFAULT_WAIT = 30.0  # seconds a poll waits for another process before skipping the account this cycle
POLL_STEP = 0.2
_LOCAL: dict[str, threading.Lock] = {}
_LOCAL_GUARD = threading.Lock()


class LockBusy(Exception):
    """Another moderator process holds the lock; the message says what it is doing."""


def account_lock_name(account: str) -> str:
    """The lock name of one account's polls and actions."""
    return f"account:{account}"


def advisory_key(scope: str, name: str) -> int:
    """The signed 64-bit advisory-lock key of a name within a schema (``moderator status`` looks holders up by it)."""
    digest = hashlib.blake2b(f"moderator\0{scope}\0{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _file_name(name: str) -> str:
    """A safe, unique file name for a lock name (any account name is allowed in the config)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name)[:40].strip("-")
    return f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:12]}.lock"


def sqlite_path(engine: Engine) -> Path | None:
    """The database file of a SQLite engine, or None for an in-memory one."""
    db = engine.url.database
    if not db or db == ":memory:" or db.startswith("file::memory:"):
        return None
    return Path(db)


class Locks:
    """Named locks shared by every moderator process using one database."""

    def __init__(self, engine: Engine, wait: float = DEFAULT_WAIT) -> None:
        self.engine = engine
        self.wait = wait

    @classmethod
    def for_sessions(cls, sessions, wait: float = DEFAULT_WAIT) -> Locks:
        """The locks of the database behind a session factory."""
        return cls(sessions.kw["bind"], wait)

    @contextmanager
    def hold(self, name: str, wait: float | None = None,
             busy: str = "another moderator process holds it") -> Iterator[None]:
        """Hold the lock ``name`` for the block; :class:`LockBusy` (with ``busy``) after ``wait`` seconds."""
        wait = self.wait if wait is None else wait
        if self.engine.dialect.name == "postgresql":
            hold = self._postgres(name, wait, busy)
        elif (path := sqlite_path(self.engine)) is not None:
            hold = self._file(path, name, wait, busy)
        else:
            hold = self._local(name, wait, busy)
        with hold:
            yield

    @contextmanager
    def _postgres(self, name: str, wait: float, busy: str) -> Iterator[None]:
        conn = self.engine.connect()
        try:
            key = advisory_key(conn.execute(text("SELECT current_schema()")).scalar() or "", name)
            deadline = time.monotonic() + wait
            while True:
                got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
                conn.commit()  # hold the lock without holding a transaction open
                if got:
                    break
                if time.monotonic() >= deadline:
                    raise LockBusy(busy)
                time.sleep(POLL_STEP)
            try:
                yield
            finally:
                try:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
                except Exception:  # noqa: BLE001 - a broken connection takes its session's locks with it
                    conn.invalidate()
                    raise
        finally:
            conn.close()

    @contextmanager
    def _file(self, db: Path, name: str, wait: float, busy: str) -> Iterator[None]:
        folder = db.with_name(db.name + ".locks")
        folder.mkdir(mode=0o700, exist_ok=True)
        lock = FileLock(folder / _file_name(name), timeout=wait, mode=0o600, thread_local=False)
        try:
            lock.acquire(poll_interval=POLL_STEP)
        except Timeout:
            raise LockBusy(busy) from None
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _local(self, name: str, wait: float, busy: str) -> Iterator[None]:
        with _LOCAL_GUARD:
            lock = _LOCAL.setdefault(f"{id(self.engine)}:{name}", threading.Lock())
        if not lock.acquire(timeout=max(wait, 0)):
            raise LockBusy(busy)
        try:
            yield
        finally:
            lock.release()
