"""The administrator's side: the moderation log, human review decisions (audited), re-enabling accounts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from detectors.base import LABELS
from moderator.pipeline import RunCounts
from storage import repo
from storage.models import AccountRow, ActionRow, FindingRow, ItemRow

STATUSES = ("open", "held", "confirmed", "dismissed", "superseded")


class ReviewError(Exception):
    """A review the user asked for cannot be done (unknown id, already decided)."""


@dataclass
class LogFilter:
    """Filters of ``moderator log``."""

    label: str | None = None
    status: str | None = None
    account: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 200

    @classmethod
    def parse(cls, label, status, account, since, until, limit) -> LogFilter:
        """Validate the CLI's strings; ValueError says which is wrong."""
        if label and label not in LABELS:
            raise ValueError(f"unknown label {label!r} (known: {', '.join(LABELS)})")
        if status and status not in STATUSES:
            raise ValueError(f"unknown status {status!r} (known: {', '.join(STATUSES)})")

        def day(value: str | None, name: str) -> date | None:
            if not value:
                return None
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"--{name} must be a date like 2026-11-23, got {value!r}") from None

        s, u = day(since, "since"), day(until, "until")
        return cls(label, status, account,
                   datetime.combine(s, time.min, UTC) if s else None,
                   datetime.combine(u, time.min, UTC) + timedelta(days=1) if u else None, limit)


def query_log(s: Session, f: LogFilter) -> list[FindingRow]:
    """Findings, newest first, with their items and accounts."""
    q = select(FindingRow).join(ItemRow).join(AccountRow).order_by(FindingRow.id.desc()).limit(f.limit)
    if f.label:
        q = q.where(FindingRow.label == f.label)
    if f.status:
        q = q.where(FindingRow.review_status == f.status)
    if f.account:
        q = q.where(AccountRow.name == f.account)
    if f.since:
        q = q.where(FindingRow.created_at >= f.since)
    if f.until:
        q = q.where(FindingRow.created_at < f.until)
    return list(s.scalars(q))


def _state(item: ItemRow, last: ActionRow | None) -> str:
    if last is None:
        return item.visibility
    tail = f", {last.kind} {last.status}"
    if last.status == "failed":
        tail += f" after {last.attempts} attempt(s), will retry: {last.error}"
    return item.visibility + tail


def format_log(s: Session, rows: list[FindingRow], as_json: bool, reporter=None) -> str:
    """The log as text lines or JSON lines; problems needing attention at the end of the text form."""
    out = []
    latest = repo.latest_actions(s, (f.item_id for f in rows))
    for f in rows:
        it = f.item
        rec = {"id": f.id, "at": f.created_at.isoformat(timespec="seconds"), "account": it.account.name,
               "platform": it.platform, "item": it.external_id, "kind": it.kind, "label": f.label,
               "severity": f.severity, "score": f.score, "decision": f.decision, "why": f.decision_reason,
               "status": f.review_status, "visibility": _state(it, latest.get(it.id)), "explanation": f.explanation,
               "rule": f.rule, "permalink": it.permalink, "text": it.text}
        if as_json:
            out.append(json.dumps(rec, ensure_ascii=False))
            continue
        out.append(f"#{f.id} {rec['at']} {rec['account']} {it.kind} {it.external_id} {f.label} [{f.severity}] "
                   f"{f.decision} ({f.review_status}); item {rec['visibility']}")
        out.append(f"    {f.explanation}")
        out.append(f"    why: {f.decision_reason}")
        out.append(f"    text: {it.text[:300]!r}")
    if not as_json:
        if not rows:
            out.append("No findings match.")
        out.extend(_problems(s, reporter))
    return "\n".join(out)


def _problems(s: Session, reporter) -> list[str]:
    lines = []
    for a in s.scalars(select(AccountRow).where(AccountRow.disabled_reason.is_not(None))):
        lines.append(f"! account {a.name} is disabled: {a.disabled_reason}")
    for a in s.scalars(select(ActionRow).where(ActionRow.status.in_(("failed", "abandoned")))):
        lines.append(f"! action {a.id} ({a.kind} item {a.item_id}) {a.status} after {a.attempts} attempt(s): "
                     f"{a.error}")
    if reporter is not None:
        lines.extend(f"! {p}" for p in reporter.delivery_problems())
    return (["", "Needs attention:"] + lines) if lines else []


def review_finding(app, finding_id: int, decision: str, reason: str, actor: str) -> str:
    """Record a human decision; dismissing the last reason to hide an item restores it."""
    if not reason.strip():
        raise ReviewError("a reason is required")
    with app.sessions() as s:
        f = s.get(FindingRow, finding_id)
        if f is None:
            raise ReviewError(f"no finding with id {finding_id}")
        if f.review_status in ("confirmed", "dismissed"):
            raise ReviewError(f"finding {finding_id} was already {f.review_status}")
        item = f.item
        f.review_status = "confirmed" if decision == "confirm" else "dismissed"
        repo.audit(s, actor, decision, reason, finding_id=f.id, item_id=item.id)
        todo = None
        if decision == "dismiss" and item.visibility == "hidden" and not repo.active_hide_findings(s, item.id):
            todo = ActionRow(item_id=item.id, finding_id=f.id, kind="restore", requested_by=actor,
                             reason=f"finding {f.id} dismissed")
        elif decision == "confirm" and f.decision == "hold" and item.visibility == "visible" and item.hideable:
            f.decision, f.decision_reason = "hide", f"held, then confirmed by {actor}"
            todo = ActionRow(item_id=item.id, finding_id=f.id, kind="hide", requested_by=actor,
                             reason=f"finding {f.id} confirmed")
        if todo is not None:
            s.add(todo)
        s.commit()
        msg = f"finding {finding_id} {f.review_status} by {actor}"
        if todo is not None:
            account = next((a for a in app.config.accounts if a.name == item.account.name), None)
            if account is None:
                return msg + f"; {todo.kind} recorded, but account {item.account.name} is no longer configured"
            app.pipeline.execute(s, account, todo, RunCounts(account.name))
            repo.audit(s, actor, todo.kind, todo.reason, finding_id=f.id, item_id=item.id)
            s.commit()
            msg += f"; {todo.kind} of the item: {todo.status}"
            if todo.status == "failed":
                msg += " (the daemon will retry)"
        return msg


def enable_account(app, name: str, actor: str) -> str:
    """Clear an account's disabled state (audited)."""
    with app.sessions() as s:
        row = s.scalar(select(AccountRow).where(AccountRow.name == name))
        if row is None or not row.disabled_reason:
            return f"account {name} is not disabled"
        repo.audit(s, actor, "enable_account", f"was disabled: {row.disabled_reason}")
        row.disabled_reason, row.disabled_at, row.paused_until = None, None, None
        s.commit()
        return f"account {name} enabled"
