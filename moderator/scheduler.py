"""``moderator run``: the daemon.

APScheduler polls each enabled account on its interval and sends the digest on its cron
schedule; SIGTERM or Ctrl-C finish the current batch and exit.
"""

from __future__ import annotations

import logging
import signal
import threading

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from moderator.app import App

log = logging.getLogger(__name__)


def build_scheduler(app: App) -> BackgroundScheduler:
    """One job per enabled account, a digest job and a retry job, all on one worker thread.

    One worker keeps spaCy and SQLite single-threaded; a throttled account is paused
    in the database rather than slept on, so it never holds the others up.
    """
    cfg = app.config
    sched = BackgroundScheduler(executors={"default": ThreadPoolExecutor(1)},
                                job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
                                timezone=cfg.reporting.timezone)
    for account in cfg.accounts:
        if account.enabled:
            sched.add_job(_poll, IntervalTrigger(seconds=cfg.poll_interval_seconds), args=[app, account],
                          id=f"poll:{account.name}", name=f"poll {account.name}", next_run_time=_soon())
    crons = {(v.reporting.digest_cron, v.reporting.timezone) for v in cfg.schools}  # each school's schedule
    if cfg.trust is not None:
        crons.add((cfg.trust.digest_cron, cfg.reporting.timezone))
    for i, (cron, tz) in enumerate(sorted(crons)):  # each sends what is due (schools, trust): once per period
        sched.add_job(_report, CronTrigger.from_crontab(cron, timezone=tz), args=[app],
                      id="digest" if i == 0 else f"digest:{i}", name="digest")
    sched.add_job(_report, IntervalTrigger(seconds=cfg.poll_interval_seconds), args=[app], id="reporting",
                  name="retries and missed digests", next_run_time=_soon())
    return sched


def _soon():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def _poll(app: App, account) -> None:
    try:
        counts = app.pipeline.poll_account(account)
        log.info("account %s: %s, %d seen, %d analysed", account.name, counts.outcome, counts.seen,
                 counts.analysed)
    except Exception:  # noqa: BLE001 - the daemon carries on
        log.exception("account %s: poll failed", account.name)


def _report(app: App) -> None:
    try:
        app.reporter.retry_failed()
        app.reporter.send_digest_if_due()
    except Exception:  # noqa: BLE001
        log.exception("reporting failed")


def run_daemon(app: App, stop: threading.Event | None = None) -> None:
    """Run until SIGTERM/SIGINT (or ``stop`` is set); the batch under way finishes and commits."""
    stop = stop or threading.Event()

    def _handler(signum, _frame) -> None:
        log.warning("signal %s: finishing the current batch, then exiting", signum)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _handler)
        signal.signal(signal.SIGINT, _handler)
    sched = build_scheduler(app)
    sched.start()
    log.warning("moderator running: %d account(s) of %d school(s), digest '%s'",
                sum(a.enabled for a in app.config.accounts), len(app.config.schools),
                app.config.reporting.digest_cron)
    try:
        stop.wait()
    finally:
        sched.shutdown(wait=True)  # waits for the job under way: its batch commits
        log.warning("moderator stopped cleanly")
