"""Jobs of a worker that stopped sending heartbeats: a hide or an alert is queued again, a poll is left to
the tick (which queues it again because the account's last poll is old)."""

from __future__ import annotations

import asyncio

from sqlalchemy import create_engine, text

from moderator.workers.queue import ensure_schema, make_app
from moderator.workers.tasks import ACT, POLL, sweep_stalled


def test_a_dead_workers_jobs_are_retried_or_left_to_their_schedule(pg_url):
    engine = create_engine(pg_url)
    ensure_schema(engine)
    ensure_schema(engine)  # a second worker starting finds the tables there
    with engine.begin() as conn:
        dead = conn.execute(text("INSERT INTO procrastinate_workers (last_heartbeat) "
                                 "VALUES (now() - interval '5 minutes') RETURNING id")).scalar()
        alive = conn.execute(text("INSERT INTO procrastinate_workers DEFAULT VALUES RETURNING id")).scalar()
        for task, worker, account in ((ACT, dead, "a"), (POLL, dead, "b"), (ACT, alive, "c")):
            conn.execute(text("INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, worker_id) "
                              "VALUES ('default', :t, jsonb_build_object('account', CAST(:a AS text)), 'doing', :w)"),
                         {"t": task, "a": account, "w": worker})

    async def sweep() -> int:
        app = make_app(pg_url)
        async with app.open_async():
            return await sweep_stalled(app)

    assert asyncio.run(sweep()) == 2
    with engine.connect() as conn:
        states = dict(conn.execute(text("SELECT args->>'account', status::text FROM procrastinate_jobs")).all())
    engine.dispose()
    assert states == {"a": "todo", "b": "failed", "c": "doing"}
