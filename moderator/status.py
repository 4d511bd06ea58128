"""``moderator status``: per account the last and next poll, who holds it now, what waits, what failed.

With ``--school`` every figure is that school's: its accounts, and queue totals counted over its accounts'
jobs only. :func:`scope_to_school` does the same for ``moderator log --school``: every query of the session
(findings, language holds, disabled accounts, failed actions, skipped items) sees that school's rows only.

"Held by" is read from PostgreSQL itself: the backend holding the account's advisory lock (the lock
every poll and action takes, see ``storage/locks.py``) and the ``application_name`` a worker gives its
connections (``moderator-worker <host>:<pid>``). The queue columns come from procrastinate's tables
when workers have run on this database. On SQLite (one process, file locks) those columns are empty.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session, with_loader_criteria

from moderator.config import Config
from moderator.workers.queue import WORKER_PREFIX
from storage.locks import account_lock_name, advisory_key
from storage.models import AccountRow, ActionRow, ItemRow, LanguageHoldRow, RunRow, SkipRow

FAILURE_WINDOW = timedelta(hours=24)
_HOLDERS = text("""
SELECT l.classid::bigint AS hi, l.objid::bigint AS lo, a.application_name AS app, a.pid AS pid
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.database =
       (SELECT oid FROM pg_database WHERE datname = current_database())""")
_QUEUED = text("""
SELECT args->>'account' AS account, task_name, status::text AS status, count(*) AS n
  FROM procrastinate_jobs WHERE status IN ('todo', 'doing', 'failed')
 GROUP BY 1, 2, 3""")


@dataclass
class AccountStatus:
    """One line of ``moderator status``."""

    account: str
    platform: str
    last_poll: str | None
    last_outcome: str | None
    next_poll: str
    held_by: str | None
    queued: int
    failures_24h: int
    last_error: str | None
    school: str = "default"  # the slug of the account's school


def _iso(when: datetime | None) -> str | None:
    if when is None:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat(timespec="seconds")


def _next_poll(config: Config, row: AccountRow | None, now: datetime) -> str:
    if row is None or row.last_poll_at is None:
        return "now"
    if row.disabled_reason:
        return "never (disabled: `moderator accounts enable` after fixing it)"
    last = row.last_poll_at if row.last_poll_at.tzinfo else row.last_poll_at.replace(tzinfo=UTC)
    when = last + timedelta(seconds=config.poll_interval_seconds)
    if row.paused_until is not None:
        paused = row.paused_until if row.paused_until.tzinfo else row.paused_until.replace(tzinfo=UTC)
        when = max(when, paused)
    return "now" if when <= now else _iso(when)


def _holders(conn) -> dict[int, str]:
    """Advisory-lock key → who holds it (a worker's host:pid, or the backend's pid)."""
    out = {}
    for hi, lo, app, pid in conn.execute(_HOLDERS):
        key = int.from_bytes(((hi << 32) | lo).to_bytes(8, "big"), "big", signed=True)
        name = app[len(WORKER_PREFIX):].strip() if app and app.startswith(WORKER_PREFIX) else f"process (pid {pid})"
        out[key] = name
    return out


def gather(config: Config, sessions, now: datetime | None = None,
           school: str | None = None) -> tuple[list[AccountStatus], dict]:
    """Every configured account's status (of one school, or all), and the queue's totals (empty on SQLite)."""
    now = now or datetime.now(UTC)
    with sessions() as s:
        rows = {r.name: r for r in s.scalars(select(AccountRow))}
        last = dict(s.execute(select(RunRow.account_id, func.max(RunRow.id)).group_by(RunRow.account_id)).all())
        outcomes = dict(s.execute(select(RunRow.id, RunRow.outcome).where(RunRow.id.in_(last.values()))).all())
        failures = dict(s.execute(select(RunRow.account_id, func.count()).where(
            RunRow.outcome == "failed", RunRow.started_at >= now - FAILURE_WINDOW).group_by(RunRow.account_id)).all())
        holders, queued, totals, schema, queued_rows = {}, {}, {}, "", []
        if s.bind.dialect.name == "postgresql":
            conn = s.connection()
            holders = _holders(conn)
            schema = conn.execute(text("SELECT current_schema()")).scalar() or ""
            if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
                totals["queue tables"] = 1
                queued_rows = conn.execute(_QUEUED).all()
                for account, task, status, n in queued_rows:
                    totals[f"{task} {status}"] = totals.get(f"{task} {status}", 0) + n
                    if account and status == "todo":
                        queued[account] = queued.get(account, 0) + n
    out = []
    views = [config.for_school(school)] if school is not None else config.schools
    mine = {a.name for v in views for a in v.accounts}
    if school is not None and totals:  # only the school's accounts' jobs (ticks, sweeps and digests are not theirs)
        totals = {"queue tables": 1}
        for account, task, status, n in queued_rows:
            if account in mine:
                totals[f"{task} {status}"] = totals.get(f"{task} {status}", 0) + n
    for view, a in ((v, a) for v in views for a in v.accounts):
        row = rows.get(a.name)
        held = holders.get(advisory_key(schema, account_lock_name(a.name))) if holders else None
        run_id = last.get(row.id) if row else None
        out.append(AccountStatus(
            account=a.name, platform=a.platform, last_poll=_iso(row.last_poll_at) if row else None,
            last_outcome=outcomes.get(run_id) if run_id else None,
            next_poll="never (disabled in the configuration)" if not a.enabled else _next_poll(config, row, now),
            held_by=held, queued=queued.get(a.name, 0), failures_24h=failures.get(row.id, 0) if row else 0,
            last_error=row.last_error if row else None, school=view.slug))
    return out, totals


def as_json(statuses: list[AccountStatus], totals: dict) -> list[dict]:
    """JSON-ready rows (one per account) and one of queue totals."""
    return [asdict(st) for st in statuses] + [{"queue": {k: v for k, v in totals.items() if k != "queue tables"}}]


def format_table(statuses: list[AccountStatus], totals: dict) -> str:
    """The table ``moderator status`` prints."""
    head = ("account", "platform", "last poll", "outcome", "next poll", "held by", "queued", "failed 24h")
    lines = [head] + [(st.account, st.platform, st.last_poll or "never", st.last_outcome or "-", st.next_poll,
                       st.held_by or "-", str(st.queued), str(st.failures_24h)) for st in statuses]
    if any(st.school != "default" for st in statuses):  # a trust's (or a school with a slug): say whose
        lines = [("school", *head)] + [(st.school, *line) for st, line in zip(statuses, lines[1:], strict=True)]
        head = lines[0]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines]
    if totals.pop("queue tables", None):
        out.append("queue: " + (", ".join(f"{k}: {v}" for k, v in sorted(totals.items())) or "empty"))
    else:
        out.append("queue: none (no worker has run on this database, or it is SQLite: one process, no queue)")
    return "\n".join(out)


def scope_to_school(session: Session, school: str) -> None:
    """Make every ORM query of ``session`` see only ``school``'s accounts, items and what hangs from them.

    SQLAlchemy's global criteria (``with_loader_criteria`` added on each execution): queries written for the
    whole database (the log's "Needs attention" and language holds) then answer for one school.
    """
    items = select(ItemRow.id).where(ItemRow.school == school)
    accounts = select(AccountRow.id).where(AccountRow.school == school)

    @event.listens_for(session, "do_orm_execute")
    def _only_this_school(state) -> None:
        if state.is_select and not state.is_column_load and not state.is_relationship_load:
            state.statement = state.statement.options(
                with_loader_criteria(AccountRow, AccountRow.school == school, include_aliases=True),
                with_loader_criteria(ItemRow, ItemRow.school == school, include_aliases=True),
                with_loader_criteria(ActionRow, ActionRow.item_id.in_(items), include_aliases=True),
                with_loader_criteria(LanguageHoldRow, LanguageHoldRow.item_id.in_(items), include_aliases=True),
                with_loader_criteria(SkipRow, SkipRow.account_id.in_(accounts), include_aliases=True),
                with_loader_criteria(RunRow, RunRow.account_id.in_(accounts), include_aliases=True))
