"""Feed fuzz: the real pipeline polls hundreds of generated file feeds, in three phases, on one database.

Each phase polls every account in a worker process (``supervise``), one task per account, then runs the
daemon's reporting step (failed deliveries, the digest). Afterwards ``feed_accounting`` accounts for every
line from the database.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import traceback
from pathlib import Path

from tests.fuzz import feed_plan
from tests.fuzz.feed_accounting import account_for
from tests.fuzz.supervise import Stopwatch, emit, run_tasks, worker_tasks

REPORTING = "__reporting__"
DIGEST_PREVIEW = "__digest_preview__"
LOG_VIEW = "__log__"


class _Tracebacks(logging.Handler):
    """Counts log records that carry a traceback (the product caught something unexpected)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:  # only the logger and the message template: never the arguments (item data)
            self.seen.append(f"{record.name}: {record.msg}"[:200])


def worker(argv: list[str]) -> None:
    """In the child: build the app once, then poll each account named in the task list."""
    from moderator.app import App
    from moderator.config import load_config

    tasks, start, (config_path,) = worker_tasks(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    counter = _Tracebacks()
    logging.getLogger().addHandler(counter)
    app = App.build(load_config(config_path))
    accounts = {a.name: a for a in app.config.accounts}
    emit({"ready": True})
    for i in range(start, len(tasks)):
        counter.seen.clear()
        watch = Stopwatch()
        msg: dict = {"i": i, "task": tasks[i]}
        try:
            if tasks[i] == REPORTING:  # what `run --once` does after polling
                app.reporter.retry_failed()
                app.reporter.send_digest_if_due()
            elif tasks[i] == DIGEST_PREVIEW:  # the digest of everything the fuzz found: bounded time and size?
                msg["digest_chars"] = len(app.reporter.preview_digest())
            elif tasks[i] == LOG_VIEW:
                msg["attention"] = _attention(app)
            else:
                counts = app.pipeline.poll_account(accounts[tasks[i]])
                msg.update(outcome=counts.outcome, error=_kind(counts.error), seen=counts.seen,
                           skipped=sum(counts.skipped.values()))
        except Exception as exc:  # noqa: BLE001 - an exception escaping the product is what we count
            msg["escaped"] = f"{type(exc).__name__} at {_where(exc)}"
        msg["seconds"] = round(watch(), 3)
        msg["tracebacks"] = list(counter.seen)
        emit(msg)


def _attention(app) -> list[str]:
    """The account names ``moderator log`` mentions under "Needs attention"."""
    from moderator.review import LogFilter, format_log, query_log

    with app.sessions() as s:
        text = format_log(s, query_log(s, LogFilter(limit=1)), False, app.reporter)
    section = text.split("Needs attention:", 1)[1] if "Needs attention:" in text else ""
    return sorted(a.name for a in app.config.accounts if a.name in section)


def _kind(error: str | None) -> str | None:
    """An error message without what follows the first colon (paths, ids): enough to group by."""
    return None if error is None else error.split(":")[0][:80]


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


def run_database(url: str, label: str, n_accounts: int, lines_per_account: int, huge_accounts: int,
                 timeout: float, seed: int, keep: Path | None = None) -> dict:
    """Three phases on one database, then the accounting of every line."""
    with tempfile.TemporaryDirectory(prefix=f"fuzz-feed-{label}-") as tmp:
        folder = Path(keep or tmp)
        if url == "sqlite":
            url = f"sqlite:///{folder / 'moderator.db'}"
        plan = feed_plan.make_plan(folder, n_accounts, lines_per_account, huge_accounts, seed)
        feed_plan.write_phase1(plan)
        config = feed_plan.write_config(plan, url)
        names = [a.name for a in plan.accounts]
        phases, skip_marks = [], []
        for phase in (1, 2, 3):
            if phase == 2:
                feed_plan.write_phase2(plan, seed)
            if phase == 3:
                feed_plan.write_phase3(plan, seed)
            watch = Stopwatch()
            tasks = names + [REPORTING] + ([DIGEST_PREVIEW, LOG_VIEW] if phase == 3 else [])
            out = run_tasks("tests.fuzz.feed_fuzz", tasks, [str(config)], timeout=timeout)
            phases.append({"phase": phase, "seconds": round(watch(), 1), "tasks": tasks, "outcome": out})
            skip_marks.append(_max_skip_id(url))
        return account_for(plan, url, phases, skip_marks)


def _max_skip_id(url: str) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT COALESCE(MAX(id), 0) FROM skips")).scalar_one()
    except sa.exc.SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


if __name__ == "__main__":
    worker(sys.argv[2:])
