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


def _filtered(q, f: LogFilter, severity: str, waiting: bool, with_label: bool = True,
              schools: list[str] | None = None):
    q = f.apply(q, with_label)
    if schools is not None:
        q = q.where(ItemRow.school.in_(schools))
    if not f.status and waiting:
        q = q.where(FindingRow.review_status.in_(WAITING))
    if severity:
        q = q.where(FindingRow.severity == severity)
    return q


def queue(s: Session, qq: QueueQuery, schools: list[str] | None = None) -> tuple[list[FindingRow], dict[str, int]]:
    """Matching findings, most severe then newest first, and how many match per label (whatever the label).

    Only ``schools``' findings (None: every school's).
    """
    f = qq.log_filter()
    if f is None:
        return [], {}
    waiting = qq.status == ""
    rows = _filtered(select(FindingRow).join(ItemRow).join(AccountRow), f, qq.severity, waiting, schools=schools)
    rows = rows.order_by(_SEVERITY.desc(), FindingRow.created_at.desc(), FindingRow.id.desc()).limit(QUEUE_LIMIT)
    counts = _filtered(select(FindingRow.label, func.count()).join(ItemRow).join(AccountRow), f, qq.severity,
                       waiting, with_label=False, schools=schools).group_by(FindingRow.label)
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


def accounts(s: Session, schools: list[str] | None = None) -> list[AccountRow]:
    """Every account the daemon has seen (of ``schools``; None: every one), by name."""
    q = select(AccountRow).order_by(AccountRow.name)
    return list(s.scalars(q if schools is None else q.where(AccountRow.school.in_(schools))))


def language_holds(s: Session, item_id: int | None = None, schools: list[str] | None = None) -> list[LanguageHoldRow]:
    """Items held because their language is not understood: still waiting (newest first), or all of one item's."""
    q = select(LanguageHoldRow).order_by(LanguageHoldRow.id.desc()).limit(QUEUE_LIMIT)
    if schools is not None:
        q = q.where(LanguageHoldRow.item_id.in_(select(ItemRow.id).where(ItemRow.school.in_(schools))))
    if item_id is None:
        q = q.where(LanguageHoldRow.review_status == "held")
    else:
        q = q.where(LanguageHoldRow.item_id == item_id)
    return list(s.scalars(q))


def school_of(s: Session, kind: str, ident: int) -> str | None:
    """The school of an item, finding or language hold (``kind``), None when there is no such row."""
    if ident > 2**31 - 1:
        return None
    if kind == "item":
        return s.scalar(select(ItemRow.school).where(ItemRow.id == ident))
    row = FindingRow if kind == "finding" else LanguageHoldRow
    return s.scalar(select(ItemRow.school).join(row, row.item_id == ItemRow.id).where(row.id == ident))
