"""The ``[storage]`` table: a database URL of SQLite or PostgreSQL, a relative SQLite path made absolute."""

from __future__ import annotations

from pathlib import Path

from moderator.config_checks import Checker, has_control, writable_file_problem


def check_storage_url(url: str, c: Checker) -> None:
    """A URL SQLAlchemy can parse, of SQLite or PostgreSQL; a SQLite file that can be opened or created."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        c.err("storage.url", "not a database URL (sqlite:///moderator.db or postgresql+psycopg://user@host/db)")
        return
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        c.err("storage.url", f"must be a sqlite or postgresql URL, got {parsed.drivername!r}")
    elif parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        problem = writable_file_problem(Path(parsed.database))
        if problem:
            c.err("storage.url", f"the SQLite database {parsed.database} {problem}")


def resolve_sqlite(url: str, base: Path) -> str:
    """Make a relative SQLite path relative to the config file, not the working directory."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        rel = url[len(prefix):]
        if rel and not has_control(rel):
            return prefix + (base / rel).resolve().as_posix()
    return url
