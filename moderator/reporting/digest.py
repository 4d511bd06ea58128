"""The SMT digest: when one is due, what it covers, and how it reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from moderator.config import Config
from moderator.reporting.counts import (
    Tally,
    count_findings,
    count_language_holds,
    count_skips,
    in_school,
    labels_first,
    most_severe_ids,
    ordered,
    school_accounts,
    severest_first,
)
from moderator.reporting.masking import Masker
from moderator.reporting.views import (
    FINDING_LOADS,
    LABEL_NAMES,
    AccountSection,
    count_by,
    finding_views,
    local_time,
    printable_reason,
    render,
    review_base,
)
from storage.models import AccountRow, DigestRow, FindingRow, ItemRow, RunRow

# RunRow.counts keys shown in the digest, in this order (others are left to `moderator log`)
RUN_KEYS = ("seen", "new", "edited", "analysed", "skipped")
# up to this many findings the digest lists each one; beyond, it counts them and lists the most severe
LIST_LIMIT = 200
MOST_SEVERE_LISTED = 20
DECISION_NAMES = {"hide": "to hide", "hold": "held for review", "record": "recorded only",
                  "flag": "flagged only (could not hide)"}


@dataclass
class DigestContent:
    """A rendered digest and whether it has anything in it."""

    subject: str
    text: str
    html: str
    findings: int
    problems: int
    skipped: int = 0
    language_held: int = 0

    @property
    def empty(self) -> bool:
        """Nothing found, held, or skipped, and every poll went well."""
        return self.findings == 0 and self.problems == 0 and self.skipped == 0 and self.language_held == 0


def last_digest(session: Session, school: str | None = None) -> DigestRow | None:
    """The digest with the latest period (whatever became of it), of one school ("" the trust's) or any."""
    q = select(DigestRow)
    if school is not None:
        q = q.where(DigestRow.school == school)
    return session.scalars(q.order_by(DigestRow.period_end.desc(), DigestRow.id.desc()).limit(1)).first()



def next_due(session: Session, config: Config) -> datetime | None:
    """When the next digest is due: the first cron fire time after the last digest's period.

    With no digest yet, the period starts at the oldest finding or poll; with neither, none is due.
    A fire time missed while the daemon was down is in the past, so the digest goes out at once.
    """
    last = last_digest(session, config.slug)
    if last is not None:
        ref = last.period_end
    else:
        refs = [session.scalar(select(func.min(FindingRow.created_at))
                               .where(FindingRow.digest_id.is_(None), in_school(config.slug))),
                session.scalar(select(func.min(RunRow.started_at))
                               .where(RunRow.account_id.in_(school_accounts(config.slug))))]
        refs = [r for r in refs if r is not None]
        if not refs:
            return None
        ref = min(refs)
    trigger = CronTrigger.from_crontab(config.reporting.digest_cron, timezone=config.reporting.timezone)
    return trigger.get_next_fire_time(None, ref + timedelta(seconds=1))


def in_digest(until: datetime, digest_id: int | None = None) -> ColumnElement[bool]:
    """Findings of one digest, or (``digest_id`` None) those no digest has taken yet, up to ``until``."""
    if digest_id is not None:
        return FindingRow.digest_id == digest_id
    return FindingRow.digest_id.is_(None) & (FindingRow.created_at <= until)


def _listed(session: Session, cond: ColumnElement[bool], complete: bool) -> list[FindingRow]:
    """Every finding (by account, then time) when ``complete``; else the most severe few, most severe first."""
    if complete:
        q = select(FindingRow).join(ItemRow).where(cond).order_by(ItemRow.account_id, FindingRow.created_at,
                                                                   FindingRow.id)
        return list(session.scalars(q.options(*FINDING_LOADS)))
    ids = most_severe_ids(session, cond, MOST_SEVERE_LISTED)
    rows = {f.id: f for f in session.scalars(select(FindingRow).where(FindingRow.id.in_(ids))
                                              .options(*FINDING_LOADS))}
    return [rows[i] for i in ids]


def _run_summaries(session: Session, start: datetime | None, end: datetime,
                   school: str) -> dict[int, dict[str, int]]:
    q = select(RunRow.account_id, RunRow.outcome, RunRow.error, RunRow.counts).where(
        RunRow.started_at <= end, RunRow.account_id.in_(school_accounts(school)))
    if start is not None:
        q = q.where(RunRow.started_at > start)
    out: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(("polls", *RUN_KEYS, "errors"), 0))
    for account_id, outcome, error, counts in session.execute(q):
        summary = out[account_id]
        summary["polls"] += 1
        summary["errors"] += outcome == "failed" or bool(error)
        for key in RUN_KEYS:
            value = (counts or {}).get(key, 0)
            summary[key] += sum(value.values()) if isinstance(value, dict) else int(value or 0)
    return out


def _named(tally: Tally) -> tuple[dict[str, int], dict[str, int]]:
    """Counts by label and by decision, in the words of the digest."""
    by_label = {LABEL_NAMES.get(k, k): n for k, n in labels_first(tally.by_label).items()}
    by_decision = {DECISION_NAMES.get(k, k): n for k, n in ordered(tally.by_decision).items()}
    return by_label, by_decision


def build_digest(session: Session, config: Config, masker: Masker, cond: ColumnElement[bool],
                 start: datetime | None, end: datetime) -> DigestContent:
    """Render the digest of the findings matching ``cond`` and of the polls and skips in the period.

    Only the findings, polls, skips and holds of ``config``'s school (``config.slug``) are counted or listed.

    Counts are aggregated in the database; up to ``LIST_LIMIT`` findings are listed one by one, beyond
    that only the ``MOST_SEVERE_LISTED`` most severe, so that the e-mail stays small whatever happened.
    """
    tz = ZoneInfo(config.reporting.timezone)
    cond = cond & in_school(config.slug)
    counts = count_findings(session, cond)
    complete = counts.all.total <= LIST_LIMIT
    views = finding_views(session, _listed(session, cond, complete), masker, tz)
    runs = _run_summaries(session, start, end, config.slug)
    skips = count_skips(session, start, end, config.slug)
    language_held = count_language_holds(session, start, end, config.slug)
    accounts = {a.id: a for a in session.scalars(select(AccountRow).where(AccountRow.school == config.slug))}
    sections: dict[int, AccountSection] = {}

    def section(account_id: int) -> AccountSection:
        acct = accounts[account_id]
        return sections.setdefault(account_id, AccountSection(acct.name, acct.platform))

    for account_id, tally in counts.accounts.items():
        section(account_id).total = tally.total
        section(account_id).by_label, section(account_id).by_action = _named(tally)
    for account_id, summary in runs.items():
        if account_id in accounts:
            section(account_id).runs = summary
    if complete:  # each finding under its account, and what became of it rather than what was decided
        by_name = {a.name: a.id for a in accounts.values()}
        for v in views:
            section(by_name[v.account]).findings.append(v)
        for sec in sections.values():
            sec.by_action = count_by(sec.findings, "action")
    ordered_sections = sorted(sections.values(), key=lambda s: s.name)
    problems = sum(s.runs.get("errors", 0) for s in ordered_sections)
    school = config.school.name
    total, critical = counts.all.total, counts.all.by_severity.get("critical", 0)
    subject = (f"{school}: social media digest, {total} finding{'s' * (total != 1)}"
               + (f" ({critical} critical)" if critical else ""))
    by_label, by_decision = _named(counts.all)
    skipped = [(accounts[a].name if a in accounts else "?", printable_reason(reason), n)
               for a, reason, n in skips.groups]
    ctx = dict(school=school, period=f"{local_time(start, tz)} to {local_time(end, tz)}",
               sections=ordered_sections, total=total, complete=complete, most_severe=[] if complete else views,
               by_label=by_label, by_severity=severest_first(counts.all.by_severity),
               by_action=count_by(views, "action") if complete else by_decision,
               problems=problems, subject=subject, skipped=skipped, skipped_total=skips.total,
               skipped_others=skips.others, language_held=language_held,
               review_base=review_base(config))
    return DigestContent(subject, render("digest.txt.j2", **ctx), render("digest.html.j2", **ctx),
                         total, problems, skips.total, language_held)
