"""The administrator's side: the moderation log, human review decisions (audited), re-enabling accounts."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from detectors.base import LABELS
from moderator.pipeline import RunCounts
from storage import repo
from storage.locks import LockBusy
from storage.models import AccountRow, ActionRow, FindingRow, ItemRow, LanguageHoldRow, SkipRow

STATUSES = ("open", "held", "confirmed", "dismissed", "superseded")
SKIP_WINDOW = timedelta(days=7)  # skipped items listed under "Needs attention"
SKIP_EXAMPLES = 5  # the latest few skipped items named, per account
REVIEW_LOCK_WAIT = 10.0  # seconds a review waits for the daemon before leaving the hide/restore to it
_LINE_PREFIX = re.compile(r"^line \d+: ")


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
    school: str | None = None  # a school's slug: only its accounts' findings

    def apply(self, q, with_label: bool = True):
        """``q`` (over findings joined to their items and accounts) narrowed by these filters."""
        if with_label and self.label:
            q = q.where(FindingRow.label == self.label)
        if self.status:
            q = q.where(FindingRow.review_status == self.status)
        if self.account:
            q = q.where(AccountRow.name == self.account)
        if self.school is not None:
            q = q.where(ItemRow.school == self.school)
        if self.since:
            q = q.where(FindingRow.created_at >= self.since)
        if self.until:
            q = q.where(FindingRow.created_at < self.until)
        return q

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
    return list(s.scalars(f.apply(q)))


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
        out.extend(_language_holds(s))
        out.extend(_problems(s, reporter))
    return "\n".join(out)


def _language_holds(s: Session, limit: int = 200) -> list[str]:
    """Items held because their language is not understood, still waiting for a person, newest first."""
    q = (select(LanguageHoldRow).where(LanguageHoldRow.review_status == "held")
         .order_by(LanguageHoldRow.id.desc()).limit(limit))
    lines = []
    for h in s.scalars(q):
        it = h.item
        lines.append(f"language hold #{h.id} {h.created_at.isoformat(timespec='seconds')} {it.account.name} "
                     f"{it.kind} {it.external_id}: {h.reason}, confidence {h.confidence:.2f}; item {it.visibility}")
        lines.append(f"    text: {it.text[:300]!r}")
    return (["", "Held: language not understood:"] + lines) if lines else []


def _problems(s: Session, reporter) -> list[str]:
    lines = []
    for a in s.scalars(select(AccountRow).where(AccountRow.disabled_reason.is_not(None))):
        lines.append(f"! account {a.name} is disabled: {a.disabled_reason}")
    for a in s.scalars(select(ActionRow).where(ActionRow.status.in_(("failed", "abandoned")))):
        lines.append(f"! action {a.id} ({a.kind} item {a.item_id}) {a.status} after {a.attempts} attempt(s): "
                     f"{a.error}")
    lines.extend(_skipped_items(s, datetime.now(UTC) - SKIP_WINDOW))
    if reporter is not None:
        lines.extend(f"! {p}" for p in reporter.delivery_problems())
    return (["", "Needs attention:"] + lines) if lines else []


def skip_category(reason: str) -> str:
    """The kind of a skip reason, for counting: 'line 7: malformed item (...)' -> 'malformed item'."""
    reason = _LINE_PREFIX.sub("", reason or "")
    return re.split(r" \(|:", reason, maxsplit=1)[0].strip() or "unknown"


def _skipped_items(s: Session, since: datetime) -> list[str]:
    """Per account: items skipped since ``since``, counted by reason, and the latest few by id."""
    q = (select(AccountRow.name, SkipRow.reason, func.count())
         .join(AccountRow, SkipRow.account_id == AccountRow.id)
         .where(SkipRow.at >= since).group_by(AccountRow.name, SkipRow.reason))
    by_account: dict[str, Counter] = defaultdict(Counter)
    for name, reason, n in s.execute(q):
        by_account[name][skip_category(reason)] += n
    lines = []
    for name in sorted(by_account):
        reasons = by_account[name]
        lines.append(f"! {sum(reasons.values())} item(s) skipped on account {name} in the last "
                     f"{SKIP_WINDOW.days} days: " + ", ".join(f"{k} {v}" for k, v in reasons.most_common()))
        latest = (select(SkipRow).join(AccountRow, SkipRow.account_id == AccountRow.id)
                  .where(AccountRow.name == name, SkipRow.at >= since)
                  .order_by(SkipRow.id.desc()).limit(SKIP_EXAMPLES))
        for row in s.scalars(latest):
            lines.append(f"    item {row.external_id or '(no id)'}: {row.reason[:200]}")
    return lines


def _open_for_review(s, model, row_id: int, what: str, reason: str,
                     closed: tuple[str, ...] = ("confirmed", "dismissed"), school: str | None = None):
    """The finding or hold a person is deciding (of ``school``, when given).

    ReviewError when there is no reason, no such row (in that school) or it is closed.
    """
    if not reason.strip():
        raise ReviewError("a reason is required")
    row = s.get(model, row_id)
    if row is None or school is not None and row.item.school != school:
        raise ReviewError(f"no {what} with id {row_id}" + (f" in school {school!r}" if school is not None else ""))
    if row.review_status in closed:
        raise ReviewError(f"{what} {row_id} was already {row.review_status}")
    return row


def review_finding(app, finding_id: int, decision: str, reason: str, actor: str, school: str | None = None) -> str:
    """Record a human decision; dismissing the last reason to hide an item restores it."""
    with app.sessions() as s:
        f = _open_for_review(s, FindingRow, finding_id, "finding", reason, school=school)
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
            try:
                with app.pipeline.account_lock(account, wait=REVIEW_LOCK_WAIT):
                    s.refresh(todo)
                    if todo.status == "pending":  # not carried out meanwhile by the daemon
                        app.pipeline.execute(s, account, todo, RunCounts(account.name))
                        repo.audit(s, actor, todo.kind, todo.reason, finding_id=f.id, item_id=item.id)
                        s.commit()
            except LockBusy:
                return msg + (f"; {todo.kind} of the item recorded: another moderator process is working on "
                              f"account {account.name}, and the daemon will carry it out")
            msg += f"; {todo.kind} of the item: {todo.status}"
            if todo.status == "failed":
                msg += " (the daemon will retry)"
        return msg


HELD = ("open", "held")  # review states of a held finding still waiting for a person


def hide_now(app, item_id: int, reason: str, actor: str) -> str:
    """Hide a held item through its connector at once (audited); ReviewError when it cannot be, or failed.

    All or nothing: only when the platform has hidden the item do its held findings become reasons to keep
    it hidden (so dismissing the last one restores it). A refusal, an expired token or a busy account
    changes nothing but the record of the attempt (an abandoned action and an audit event), and the
    daemon does not retry it behind the reviewer's back.
    """
    if not reason.strip():
        raise ReviewError("a reason is required")
    with app.sessions() as s:
        item = s.get(ItemRow, item_id)
        if item is None:
            raise ReviewError(f"no item with id {item_id}")
        held = [f for f in item.findings if f.decision == "hold" and f.review_status in HELD]
        if not held:
            raise ReviewError(f"item {item_id} has no held finding: nothing waits for a hide")
        if item.visibility != "visible":
            raise ReviewError(f"item {item_id} is {item.visibility} already")
        if not item.hideable:
            raise ReviewError(f"item {item_id} cannot be hidden: {item.not_hideable_reason or 'not by the platform'}")
        account = next((a for a in app.config.accounts if a.name == item.account.name), None)
        if account is None:
            raise ReviewError(f"account {item.account.name} is no longer configured")
        try:
            with app.pipeline.account_lock(account, wait=REVIEW_LOCK_WAIT):
                s.refresh(item)
                if item.visibility != "visible":
                    raise ReviewError(f"item {item_id} is {item.visibility} already")
                # added to the session only after the call: nothing of ours is written (and no SQLite write
                # lock held) while the platform answers, or while an expired token disables the account
                action = ActionRow(item=item, item_id=item.id, finding_id=held[0].id, kind="hide",
                                   requested_by=actor, reason="hide now", status="pending", attempts=0)
                app.pipeline.execute(s, account, action, RunCounts(account.name))
                s.add(action)
                if action.status != "done":
                    if action.status == "failed":  # not retried: the reviewer decides again
                        action.status, action.next_attempt_at = "abandoned", None
                    repo.audit(s, actor, "hide_now_failed", f"{reason} (not hidden: {action.error})",
                               item_id=item.id)
                    s.commit()
                    raise ReviewError(f"item {item_id} was not hidden: {action.error}; nothing else changed")
                for f in held:
                    f.decision, f.decision_reason = "hide", f"held, then hidden now by {actor}"
                repo.audit(s, actor, "hide_now", reason, item_id=item.id)
                s.commit()
        except LockBusy:
            raise ReviewError(f"another moderator process is working on account {account.name}: "
                              f"try again in a minute") from None
    return f"item {item_id} hidden by {actor}"


def review_language_hold(app, hold_id: int, decision: str, reason: str, actor: str,
                         school: str | None = None) -> str:
    """Record a person's decision on an item held for its language (audited); confirming hides it where possible."""
    with app.sessions() as s:
        h = _open_for_review(s, LanguageHoldRow, hold_id, "language hold", reason,
                             closed=("confirmed", "dismissed", "superseded"), school=school)
        item = h.item
        h.review_status = "confirmed" if decision == "confirm" else "dismissed"
        repo.audit(s, actor, f"{decision}_language_hold", reason, item_id=item.id)
        todo = None
        if decision == "confirm" and item.visibility == "visible" and item.hideable:
            todo = ActionRow(item_id=item.id, kind="hide", requested_by=actor,
                             reason=f"language hold {h.id} confirmed")
            s.add(todo)
        s.commit()
        msg = f"language hold {hold_id} {h.review_status} by {actor}"
        return msg + ("; the daemon will hide the item" if todo is not None else "")


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
