"""What a digest counts, aggregated in SQL: findings by label, severity, decision and account; skipped items.

However many findings a period holds, these queries return a few rows (one per account, label, severity
and decision that occur), so the digest's size and the time to build it stay bounded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from detectors.base import LABELS, SEVERITIES
from storage.models import AccountRow, FindingRow, ItemRow, LanguageHoldRow, SkipRow

# how many (account, reason) groups of skipped items a digest names; the rest are counted together
SKIP_GROUPS_SHOWN = 12


@dataclass
class Tally:
    """Counts of findings by label, severity and decision."""

    total: int = 0
    by_label: Counter = field(default_factory=Counter)
    by_severity: Counter = field(default_factory=Counter)
    by_decision: Counter = field(default_factory=Counter)

    def add(self, label: str, severity: str, decision: str, n: int) -> None:
        """Count ``n`` findings of this label, severity and decision."""
        self.total += n
        self.by_label[label] += n
        self.by_severity[severity] += n
        self.by_decision[decision] += n


@dataclass
class FindingCounts:
    """Every finding of a digest counted, in all and per account id."""

    all: Tally = field(default_factory=Tally)
    accounts: dict[int, Tally] = field(default_factory=lambda: defaultdict(Tally))


@dataclass
class SkipCounts:
    """Items skipped over a period: how many, and the commonest (account id, reason) groups."""

    total: int = 0
    groups: list[tuple[int, str, int]] = field(default_factory=list)

    @property
    def others(self) -> int:
        """Skipped items whose reason is not among ``groups``."""
        return self.total - sum(n for _, _, n in self.groups)


def count_findings(session: Session, cond: ColumnElement[bool]) -> FindingCounts:
    """Counts of the findings matching ``cond``, grouped in the database."""
    rows = session.execute(
        select(ItemRow.account_id, FindingRow.label, FindingRow.severity, FindingRow.decision, func.count())
        .select_from(FindingRow).join(ItemRow).where(cond)
        .group_by(ItemRow.account_id, FindingRow.label, FindingRow.severity, FindingRow.decision))
    out = FindingCounts()
    for account_id, label, severity, decision, n in rows:
        out.all.add(label, severity, decision, n)
        out.accounts[account_id].add(label, severity, decision, n)
    return out


def severity_order() -> ColumnElement[int]:
    """A SQL expression ranking findings most severe first (0 for critical)."""
    return case({s: i for i, s in enumerate(reversed(SEVERITIES))}, value=FindingRow.severity,
                else_=len(SEVERITIES))


def most_severe_ids(session: Session, cond: ColumnElement[bool], limit: int) -> list[int]:
    """The ids of the ``limit`` most severe findings matching ``cond`` (oldest first among equals)."""
    return list(session.scalars(select(FindingRow.id).where(cond)
                                .order_by(severity_order(), FindingRow.created_at, FindingRow.id).limit(limit)))


def school_items(school: str):
    """The ids of the school's items (a subquery): findings and holds belong to their item's school."""
    return select(ItemRow.id).where(ItemRow.school == school)


def in_school(school: str) -> ColumnElement[bool]:
    """Findings of the school's items: a school's digest and alerts hold its own findings only."""
    return FindingRow.item_id.in_(school_items(school))


def school_accounts(school: str):
    """The ids of the school's accounts (a subquery): runs and skips belong to their account's school."""
    return select(AccountRow.id).where(AccountRow.school == school)


def count_skips(session: Session, start: datetime | None, end: datetime, school: str | None = None) -> SkipCounts:
    """Items skipped after ``start`` up to ``end`` (of one school): the total and the commonest groups."""
    period = SkipRow.at <= end
    if start is not None:
        period &= SkipRow.at > start
    if school is not None:
        period &= SkipRow.account_id.in_(school_accounts(school))
    total = session.scalar(select(func.count()).select_from(SkipRow).where(period)) or 0
    if not total:
        return SkipCounts()
    n = func.count().label("n")
    groups = session.execute(select(SkipRow.account_id, SkipRow.reason, n).where(period)
                             .group_by(SkipRow.account_id, SkipRow.reason)
                             .order_by(n.desc(), SkipRow.account_id, SkipRow.reason).limit(SKIP_GROUPS_SHOWN))
    return SkipCounts(total, [(a, reason, count) for a, reason, count in groups])


def ordered(counts: Counter, order: Iterable[str] = ()) -> dict[str, int]:
    """Counts most frequent first; ties in ``order`` (labels, severities), then alphabetically."""
    rank = {k: i for i, k in enumerate(order)}
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], rank.get(kv[0], len(rank)), kv[0])))


def labels_first(counts: Counter) -> dict[str, int]:
    """Counts by label, most frequent first, ties in the detectors' order."""
    return ordered(counts, LABELS)


def severest_first(counts: Counter) -> dict[str, int]:
    """Counts by severity, critical first."""
    return {s: counts[s] for s in reversed(SEVERITIES) if counts.get(s)}


def count_language_holds(session: Session, start: datetime | None, end: datetime, school: str | None = None) -> int:
    """Items held after ``start`` up to ``end`` (of one school) because their language is not understood."""
    period = LanguageHoldRow.created_at <= end
    if start is not None:
        period &= LanguageHoldRow.created_at > start
    if school is not None:
        period &= LanguageHoldRow.item_id.in_(school_items(school))
    return session.scalar(select(func.count()).select_from(LanguageHoldRow).where(period)) or 0
