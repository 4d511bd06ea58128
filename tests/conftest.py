"""Shared fixtures: heavy models load once per session."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OAKFIELD = ROOT / "tests" / "fixtures" / "oakfield"


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy model, loaded once."""
    from detectors.engine import DEFAULT_MODEL, load_nlp

    return load_nlp(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def oakfield_school():
    """The invented Oakfield school context (tests/fixtures/oakfield: school.toml and roster.csv)."""
    import tomllib

    from moderator.config_checks import Checker
    from moderator.config_school import parse_school

    path = OAKFIELD / "school.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8")) | {"roster": "roster.csv"}
    checker = Checker(path)
    school = parse_school(data, checker, OAKFIELD, prefix="")
    assert not checker.problems, checker.problems
    return school.context()


PG_URL = os.environ.get("MODERATOR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_schema_url() -> tuple[str, str]:
    """A PostgreSQL URL on a fresh schema of its own, so concurrent runs never collide."""
    import sqlalchemy as sa

    schema = "t_" + uuid.uuid4().hex[:12]
    eng = sa.create_engine(PG_URL)
    with eng.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    eng.dispose()
    # the application name marks this test's connections, so its teardown ends only its own
    return f"{PG_URL}?options=-csearch_path%3D{schema}&application_name={schema}", schema


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A storage URL on each supported database (real SQLite file, real PostgreSQL schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    import sqlalchemy as sa

    url, schema = _pg_schema_url()
    yield url
    eng = sa.create_engine(PG_URL)
    with eng.begin() as conn:
        # A session the test left open inside a transaction (not yet garbage-collected) holds locks in the
        # schema and would make the DROP wait for ever; the test is over, so its transactions are ended. Only
        # this test's connections: other runs on the same server (a second checkout, CI) are left alone.
        conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                             "current_database() AND pid <> pg_backend_pid() AND application_name = :name "
                             "AND state LIKE 'idle in transaction%'"), {"name": schema})
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    eng.dispose()
