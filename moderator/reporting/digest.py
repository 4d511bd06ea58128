"""The SMT digest: when one is due, what it covers, and how it reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from moderator.config import Config
from moderator.reporting.masking import Masker
from moderator.reporting.views import FINDING_LOADS, AccountSection, count_by, finding_views, local_time, render
from storage.models import AccountRow, DigestRow, FindingRow, ItemRow, RunRow

# RunRow.counts keys shown in the digest, in this order (others are left to `moderator log`)
RUN_KEYS = ("seen", "new", "edited", "analysed", "skipped")


@dataclass
class DigestContent:
    """A rendered digest and whether it has anything in it."""

    subject: str
    text: str
    html: str
    findings: int
    problems: int

    @property
    def empty(self) -> bool:
        """Nothing found and every poll went well."""
        return self.findings == 0 and self.problems == 0


def last_digest(session: Session) -> DigestRow | None:
    """The digest with the latest period (whatever became of it)."""
    return session.scalars(select(DigestRow).order_by(DigestRow.period_end.desc(), DigestRow.id.desc())
                           .limit(1)).first()


def next_due(session: Session, config: Config) -> datetime | None:
    """When the next digest is due: the first cron fire time after the last digest's period.

    With no digest yet, the period starts at the oldest finding or poll; with neither, none is due.
    A fire time missed while the daemon was down is in the past, so the digest goes out at once.
    """
    last = last_digest(session)
    if last is not None:
        ref = last.period_end
    else:
        refs = [session.scalar(select(func.min(FindingRow.created_at)).where(FindingRow.digest_id.is_(None))),
                session.scalar(select(func.min(RunRow.started_at)))]
        refs = [r for r in refs if r is not None]
        if not refs:
            return None
        ref = min(refs)
    trigger = CronTrigger.from_crontab(config.reporting.digest_cron, timezone=config.reporting.timezone)
    return trigger.get_next_fire_time(None, ref + timedelta(seconds=1))


def undigested(session: Session, until: datetime, digest_id: int | None = None) -> list[FindingRow]:
    """Findings of one digest, or (``digest_id`` None) those no digest has taken yet, up to ``until``."""
    cond = (FindingRow.digest_id == digest_id if digest_id is not None
            else FindingRow.digest_id.is_(None) & (FindingRow.created_at <= until))
    return list(session.scalars(
        select(FindingRow).join(ItemRow).where(cond)
        .options(*FINDING_LOADS)
        .order_by(ItemRow.account_id, FindingRow.created_at, FindingRow.id)))


def _run_summaries(session: Session, start: datetime | None, end: datetime) -> dict[int, dict[str, int]]:
    q = select(RunRow).where(RunRow.started_at <= end)
    if start is not None:
        q = q.where(RunRow.started_at > start)
    out: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(("polls", *RUN_KEYS, "errors"), 0))
    for run in session.scalars(q):
        summary = out[run.account_id]
        summary["polls"] += 1
        summary["errors"] += run.outcome == "failed" or bool(run.error)
        for key in RUN_KEYS:
            value = (run.counts or {}).get(key, 0)
            summary[key] += sum(value.values()) if isinstance(value, dict) else int(value or 0)
    return out


def build_digest(session: Session, config: Config, masker: Masker, findings: list[FindingRow],
                 start: datetime | None, end: datetime) -> DigestContent:
    """Render the digest of these findings and of the polls between ``start`` and ``end``."""
    tz = ZoneInfo(config.reporting.timezone)
    views = finding_views(session, findings, masker, tz)
    runs = _run_summaries(session, start, end)
    accounts = {a.id: a for a in session.scalars(select(AccountRow))}
    sections: dict[int, AccountSection] = {}
    for f, v in zip(findings, views, strict=True):
        acct = f.item.account
        sections.setdefault(acct.id, AccountSection(acct.name, acct.platform)).findings.append(v)
    for account_id, summary in runs.items():
        acct = accounts.get(account_id)
        if acct is not None:
            sections.setdefault(account_id, AccountSection(acct.name, acct.platform)).runs = summary
    for sec in sections.values():
        sec.by_label = count_by(sec.findings, "label_name")
        sec.by_action = count_by(sec.findings, "action")
    ordered = sorted(sections.values(), key=lambda s: s.name)
    problems = sum(s.runs.get("errors", 0) for s in ordered)
    school = config.school.name
    period = f"{local_time(start, tz)} to {local_time(end, tz)}"
    critical = sum(v.severity == "critical" for v in views)
    subject = (f"{school}: social media digest, {len(views)} finding{'s' * (len(views) != 1)}"
               + (f" ({critical} critical)" if critical else ""))
    ctx = dict(school=school, period=period, sections=ordered, total=len(views),
               by_label=count_by(views, "label_name"), by_action=count_by(views, "action"),
               problems=problems, subject=subject)
    return DigestContent(subject, render("digest.txt.j2", **ctx), render("digest.html.j2", **ctx),
                         len(views), problems)
