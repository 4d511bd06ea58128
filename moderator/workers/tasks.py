"""The moderator's tasks and periodic tasks, registered on a procrastinate app.

Each task calls the code a single process runs (the pipeline, the reporter) and keeps its promises
the same way: the account's advisory lock (``storage/locks.py``) keeps two workers off one account,
the action rows make a hide happen once, the alert-delivery rows and the digest's claim on findings
make each alert and each digest entry go out once. procrastinate adds what one process did not need:
a queue shared by every worker, queueing locks so that an account never has two polls waiting, and
periodic tasks deferred once per schedule whichever worker's clock fires first.

- ``tick`` (periodic, every :func:`~moderator.workers.queue.tick_seconds`): queues a poll of every
  account whose last poll is an interval old (so a poll a killed worker left unfinished is queued again);
- ``poll``: one account through the pipeline; its hides and its alerts are queued as ``act`` and ``alerts``;
- ``act``: the account's due hides and restores, under the account's lock;
- ``alerts``: every finding that must alert and has not;
- ``reporting`` (periodic, every minute): alerts left behind, mail to retry, and the digest when the
  school's schedule (in its own timezone) says it is due;
- ``sweep`` (periodic, every minute): jobs of a worker that stopped sending heartbeats are retried.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import select

from moderator.pipeline import RunCounts
from moderator.workers.queue import STALLED_AFTER_S, tick_cron, tick_seconds
from storage.locks import LockBusy
from storage.models import AccountRow

log = logging.getLogger(__name__)

POLL, ACT, ALERTS, REPORTING, TICK, SWEEP = (f"moderator.{n}" for n in
                                             ("poll", "act", "alerts", "reporting", "tick", "sweep"))
# housekeeping first, then what a poll left to do, then polls
PRIORITY = {TICK: 30, SWEEP: 30, REPORTING: 20, ALERTS: 20, ACT: 10, POLL: 0}
ACT_LOCK_WAIT = 10.0  # seconds an ``act`` job waits for the poll that queued it to let go of the account
REDEFERRED = {TICK, SWEEP, REPORTING, POLL}  # a stalled one of these is simply queued again by its schedule


def defer_once(qapp: procrastinate.App, task: str, queueing_lock: str, **args) -> bool:
    """Queue ``task`` unless the same one is already waiting; True when queued."""
    try:
        qapp.configure_task(task, queueing_lock=queueing_lock, priority=PRIORITY[task]).defer(**args)
    except AlreadyEnqueued:
        return False
    return True


def due_accounts(sessions, config, now: datetime, only: str | None = None) -> list[str]:
    """Enabled accounts whose last poll is an interval old (less half a tick), or that were never polled.

    ``only`` asks about one account (one row read, for a poll about to start) instead of all of them.
    """
    slack = timedelta(seconds=config.poll_interval_seconds - tick_seconds(config.poll_interval_seconds) / 2)
    query = select(AccountRow) if only is None else select(AccountRow).where(AccountRow.name == only)
    with sessions() as s:
        rows = {r.name: r for r in s.scalars(query)}
    out = []
    for account in config.accounts:
        if only is not None and account.name != only:
            continue
        row = rows.get(account.name)
        if not account.enabled or (row is not None and row.disabled_reason):
            continue
        if row is None or row.last_poll_at is None or _aware(row.last_poll_at) <= now - slack:
            out.append(account.name)
    return out


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def register(qapp: procrastinate.App, runtime) -> None:
    """Add the tasks to ``qapp``; ``runtime()`` returns this process's :class:`~moderator.workers.runner.Runtime`."""

    @qapp.periodic(cron=tick_cron(runtime().config.poll_interval_seconds), periodic_id="polls",
                   priority=PRIORITY[TICK], queueing_lock="tick")
    @qapp.task(name=TICK, pass_context=False)
    def tick(timestamp: int) -> int:
        rt = runtime()
        queued = sum(defer_once(qapp, POLL, f"poll:{name}", account=name)
                     for name in due_accounts(rt.app.sessions, rt.config, datetime.now(UTC)))
        log.debug("tick %d: %d poll(s) queued", timestamp, queued)
        return queued

    @qapp.task(name=POLL, pass_context=False)
    def poll(account: str) -> str:
        rt = runtime()
        acct = rt.account(account)
        if acct is None:
            return "unknown account"
        if not due_accounts(rt.app.sessions, rt.config, datetime.now(UTC), only=account):
            return "not due"  # polled since this job was queued (a second tick while it was running)
        counts = rt.app.pipeline.poll_account(acct)
        log.info("account %s: %s, %d seen, %d analysed", account, counts.outcome, counts.seen, counts.analysed)
        return counts.outcome

    @qapp.task(name=ACT, pass_context=False,
               retry=procrastinate.RetryStrategy(max_attempts=30, wait=5, retry_exceptions={LockBusy}))
    def act(account: str) -> int:
        rt = runtime()
        acct = rt.account(account)
        if acct is None:
            return 0
        pipeline = rt.app.pipeline
        with pipeline.account_lock(acct, wait=ACT_LOCK_WAIT):
            with rt.app.sessions() as s:
                row = s.scalar(select(AccountRow).where(AccountRow.name == account))
            if row is None or row.disabled_reason:
                return 0
            counts = RunCounts(account)
            pipeline.run_actions(acct, row.id, counts)
        return sum(counts.actions.values())

    @qapp.task(name=ALERTS, pass_context=False)
    def alerts() -> int:
        return runtime().app.reporter.send_alerts()

    @qapp.periodic(cron="* * * * *", periodic_id="reporting", priority=PRIORITY[REPORTING],
                   queueing_lock="reporting")
    @qapp.task(name=REPORTING, pass_context=False)
    def reporting(timestamp: int) -> None:
        reporter = runtime().app.reporter
        reporter.send_alerts()
        reporter.retry_failed()
        reporter.send_digest_if_due()

    @qapp.periodic(cron="* * * * *", periodic_id="sweep", priority=PRIORITY[SWEEP], queueing_lock="sweep")
    @qapp.task(name=SWEEP, pass_context=False)
    async def sweep(timestamp: int) -> int:
        return await sweep_stalled(qapp)


async def sweep_stalled(qapp: procrastinate.App) -> int:
    """End the jobs of workers that stopped sending heartbeats: retried, or left to their schedule."""
    manager = qapp.job_manager
    jobs = list(await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER_S))
    failed = procrastinate.jobs.Status.FAILED
    for job in jobs:
        again = job.task_name not in REDEFERRED
        log.warning("job %s (%s) was running on a worker that stopped: %s", job.id, job.task_name,
                    "queued again" if again else "left to its schedule")
        if again:
            try:
                await manager.retry_job(job, retry_at=datetime.now(UTC))
                continue
            except procrastinate.exceptions.UniqueViolation:  # the same job is already waiting: that one will do
                pass
        await manager.finish_job(job, failed, delete_job=False)
    return len(jobs)
