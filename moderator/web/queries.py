"""What the queue and the item page read from the database (filters validated by the log's own parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from detectors.base import SEVERITIES
from moderator.review import STATUSES, LogFilter
from storage.models import AccountRow, ActionRow, AuditRow, FindingRow, ItemRow, LanguageHoldRow

WAITING = ("open", "held")  # the queue's default: findings a person has still to decide
QUEUE_LIMIT = 200
_SEVERITY = case({s: i for i, s in enumerate(SEVERITIES)}, value=FindingRow.severity, else_=0)


@dataclass
class QueueQuery:
    """The queue's filters as the page's form sent them (every value a string, "" for any)."""

    label: str = ""
    severity: str = ""
    status: str = ""  # "" waiting (open or held), "all", or one review status
    account: str = ""
    since: str = ""
    until: str = ""
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params) -> QueueQuery:
        """The filters of a query string, each at most 100 characters."""
        return cls(**{k: (params.get(k) or "")[:100] for k in ("label", "severity", "status", "account",
                                                               "since", "until")})

    def log_filter(self) -> LogFilter | None:
        """The validated filter (None, with ``problems`` set, when a value is wrong)."""
        status = self.status if self.status in STATUSES else None
        if self.status and self.status != "all" and status is None:
            self.problems.append(f"unknown status {self.status!r}")
        if self.severity and self.severity not in SEVERITIES:
            self.problems.append(f"unknown severity {self.severity!r}")
        try:
            lf = LogFilter.parse(self.label or None, status, self.account or None, self.since or None,
                                 self.until or None, QUEUE_LIMIT)
        except ValueError as exc:
            self.problems.append(str(exc).replace("--", ""))
            return None
        return None if self.problems else lf


def _filtered(q, f: LogFilter, severity: str, waiting: bool, with_label: bool = True):
    q = f.apply(q, with_label)
    if not f.status and waiting:
        q = q.where(FindingRow.review_status.in_(WAITING))
    if severity:
        q = q.where(FindingRow.severity == severity)
    return q


def queue(s: Session, qq: QueueQuery) -> tuple[list[FindingRow], dict[str, int]]:
    """Matching findings, most severe then newest first, and how many match per label (whatever the label)."""
    f = qq.log_filter()
    if f is None:
        return [], {}
    waiting = qq.status == ""
    rows = _filtered(select(FindingRow).join(ItemRow).join(AccountRow), f, qq.severity, waiting)
    rows = rows.order_by(_SEVERITY.desc(), FindingRow.created_at.desc(), FindingRow.id.desc()).limit(QUEUE_LIMIT)
    counts = _filtered(select(FindingRow.label, func.count()).join(ItemRow).join(AccountRow), f, qq.severity,
                       waiting, with_label=False).group_by(FindingRow.label)
    return list(s.scalars(rows)), dict(s.execute(counts).all())


@dataclass
class Event:
    """One line of an item's history: a human decision or an automatic action."""

    at: datetime
    who: str
    what: str
    detail: str


def history(s: Session, item: ItemRow) -> list[Event]:
    """Everything done to an item and its findings, oldest first."""
    ids = [f.id for f in item.findings]
    events = [Event(a.at, a.actor, a.action.replace("_", " "), a.reason or "") for a in s.scalars(
        select(AuditRow).where(or_(AuditRow.item_id == item.id, AuditRow.finding_id.in_(ids or [-1])))
        .order_by(AuditRow.id))]
    for a in s.scalars(select(ActionRow).where(ActionRow.item_id == item.id).order_by(ActionRow.id)):
        detail = f"{a.status}" + (f" after {a.attempts} attempt(s): {a.error}" if a.error else "")
        events.append(Event(a.created_at, a.requested_by, f"{a.kind} ({a.reason or 'no reason'})", detail))
    return sorted(events, key=lambda e: e.at)


def accounts(s: Session) -> list[AccountRow]:
    """Every account the daemon has seen, by name."""
    return list(s.scalars(select(AccountRow).order_by(AccountRow.name)))


def language_holds(s: Session, item_id: int | None = None) -> list[LanguageHoldRow]:
    """Items held because their language is not understood: still waiting (newest first), or all of one item's."""
    q = select(LanguageHoldRow).order_by(LanguageHoldRow.id.desc()).limit(QUEUE_LIMIT)
    if item_id is None:
        q = q.where(LanguageHoldRow.review_status == "held")
    else:
        q = q.where(LanguageHoldRow.item_id == item_id)
    return list(s.scalars(q))
