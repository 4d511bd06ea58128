"""The task library's side: procrastinate's app on the storage database, its schema, and the schedules.

procrastinate keeps its queue in the same PostgreSQL database (and schema, through the URL's
``search_path``) as the moderator's own tables, so a job and the rows it writes live side by side.
Its schema is the library's own (``procrastinate_*`` tables and functions), applied from the
installed package the first time a worker starts, under the same lock as our migrations.
"""

from __future__ import annotations

import logging
import math
import os
import socket

import procrastinate
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

log = logging.getLogger(__name__)

WORKER_PREFIX = "moderator-worker"  # the application_name of a worker's connections: "<prefix> <host>:<pid>"
HEARTBEAT_S = 5.0  # a worker's heartbeat, and how long without one marks it stalled
STALLED_AFTER_S = 20.0
SCHEMA_WAIT = 300.0


def is_postgres(url: str) -> bool:
    """Whether a storage URL is PostgreSQL (the only database workers share)."""
    return make_url(url).get_backend_name() == "postgresql"


def worker_name() -> str:
    """How this process appears to PostgreSQL and in ``moderator status``: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_url(url: str) -> str:
    """The storage URL with this worker's name as its connections' application_name."""
    return make_url(url).update_query_dict({"application_name": f"{WORKER_PREFIX} {worker_name()}"}) \
        .render_as_string(hide_password=False)


def conninfo(url: str) -> str:
    """The libpq connection string psycopg wants, from a SQLAlchemy URL (search_path and all kept)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def make_app(url: str, pool_max: int = 3, sync: bool = False) -> procrastinate.App:
    """A procrastinate app on the storage database; tasks are added by :func:`moderator.workers.tasks.register`.

    A worker's is asynchronous (procrastinate's worker is); ``sync`` gives one for a plain program
    that only queues jobs (``make bench-scale``).
    """
    kind = procrastinate.SyncPsycopgConnector if sync else procrastinate.PsycopgConnector
    connector = kind(conninfo=conninfo(url), min_size=1, max_size=pool_max)
    return procrastinate.App(connector=connector)


def has_schema(engine: Engine) -> bool:
    """Whether procrastinate's tables exist in the storage schema."""
    with engine.connect() as conn:
        return conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None


def ensure_schema(engine: Engine) -> None:
    """Apply procrastinate's schema once: the first worker to start does it, the others wait for it."""
    from storage.locks import Locks

    if has_schema(engine):
        return
    with Locks(engine).hold("procrastinate-schema", wait=SCHEMA_WAIT,
                            busy="another worker is creating the task queue's tables"):
        if not has_schema(engine):
            from procrastinate.schema import SchemaManager

            with engine.begin() as conn:  # no parameters, so the library's SQL goes to PostgreSQL as it ships
                conn.connection.dbapi_connection.cursor().execute(SchemaManager.get_schema())
            log.warning("created the task queue's tables (procrastinate %s)", procrastinate.__version__)


def tick_seconds(poll_interval: int) -> int:
    """How often the poll scheduler wakes: the largest step dividing both the interval and a minute.

    procrastinate's periodic tasks are cron schedules, which cannot say "every 90 seconds" or
    "every 7 minutes". So the periodic task is a tick of ``gcd(interval, 60)`` seconds (a whole
    minute for any interval of whole minutes, 30 s for 90 s, 15 s for 45 s) that polls only the
    accounts whose last poll is an interval old: every interval is kept to within one tick.
    """
    return math.gcd(poll_interval, 60)


def tick_cron(poll_interval: int) -> str:
    """The tick's cron expression (croniter's optional sixth field is seconds)."""
    step = tick_seconds(poll_interval)
    return "* * * * *" if step == 60 else f"* * * * * */{step}"
