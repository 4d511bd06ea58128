"""``moderator run --worker``: one worker process, built once, running procrastinate's worker.

The detectors (spaCy and the shipped models), the database engine and the reporter are built once
when the process starts, before the first job; every task of the process uses them. A worker runs up to
:data:`CONCURRENCY` jobs at once, each in a thread: most polls find nothing new and spend their time
waiting on the platform and on PostgreSQL, and those waits overlap. The analysis is CPU-bound Python and
runs one batch at a time per process (``moderator.pipeline.ANALYSIS``), so more analysis in parallel comes
from more processes (on this machine or others), each holding its own copy of the models.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import procrastinate

from core.accounts import Account
from moderator.app import App
from moderator.config import Config
from moderator.pipeline import Pipeline, RunCounts
from moderator.workers import queue, tasks
from storage import repo

log = logging.getLogger(__name__)

CONCURRENCY = 4  # jobs one worker runs at once (threads): quiet polls overlap their network and database waits


class WorkerPipeline(Pipeline):
    """The pipeline of a worker: a batch's hides and alerts are queued as tasks, not run in the poll."""

    qapp: procrastinate.App | None = None

    def after_batch(self, account: Account, account_id: int, counts: RunCounts) -> None:
        """Queue the account's due hides and restores, and the alerts when the batch found something."""
        with self.sessions() as s:
            has_actions = bool(repo.due_actions(s, account_id, self.clock()))
        if has_actions:
            tasks.defer_once(self.qapp, tasks.ACT, f"act:{account.name}", account=account.name)
        if counts.findings:
            tasks.defer_once(self.qapp, tasks.ALERTS, "alerts")


@dataclass
class Runtime:
    """What one worker process builds once: the configured app and the task queue."""

    config: Config
    app: App
    qapp: procrastinate.App

    def account(self, name: str) -> Account | None:
        """The configured account called ``name``; None (logged) for one no longer in the configuration."""
        for a in self.config.accounts:
            if a.name == name:
                return a
        log.warning("a job names account %r, which is not in the configuration: skipped", name)
        return None


_RUNTIME: Runtime | None = None


def build(config: Config, with_engine: bool = True) -> Runtime:
    """The runtime of this process: the database under the worker's name, the detectors loaded, the tasks registered."""
    global _RUNTIME
    url = queue.worker_url(config.storage_url)
    config = replace(config, storage_url=url)
    app = App.build(config, with_engine=with_engine)
    pipeline = WorkerPipeline(config, app.sessions, app.pipeline.engine, reporter=app.reporter, lock_wait=0,
                              engines=app.pipeline.engines, reporters=app.pipeline.reporters)
    app.pipeline = pipeline
    qapp = queue.make_app(url)
    pipeline.qapp = qapp
    _RUNTIME = Runtime(config, app, qapp)
    tasks.register(qapp, runtime)
    queue.ensure_schema(app.sessions.kw["bind"])
    return _RUNTIME


def runtime() -> Runtime:
    """The runtime :func:`build` made in this process."""
    if _RUNTIME is None:
        raise RuntimeError("the worker's runtime is not built")
    return _RUNTIME


def run_worker(config: Config, concurrency: int = CONCURRENCY) -> None:
    """Build once, then run procrastinate's worker until SIGTERM or SIGINT (the job under way finishes)."""
    rt = build(config)
    log.warning("moderator worker %s: %d account(s), %d job(s) at once, polls every %d s (scheduler tick %d s)",
                queue.worker_name(), sum(a.enabled for a in config.accounts), concurrency,
                config.poll_interval_seconds, queue.tick_seconds(config.poll_interval_seconds))
    rt.qapp.run_worker(concurrency=concurrency, name=queue.worker_name(),
                       update_heartbeat_interval=queue.HEARTBEAT_S, stalled_worker_timeout=queue.STALLED_AFTER_S)
    log.warning("moderator worker %s stopped", queue.worker_name())
