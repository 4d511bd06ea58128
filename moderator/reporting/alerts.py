"""Immediate alerts: which findings alert whom.

Each finding carries the audiences the policy decided when it was made (``findings.alert_to``: the label's
``alert`` list at or above ``alert_min_severity`` and ``alert_min_score``, and the DSL for child safety). Rows
older than that column keep the label's audiences from its minimum severity.
"""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, false, or_, select
from sqlalchemy.orm import Session

from detectors.base import SEVERITIES
from moderator.config import Config
from moderator.reporting.counts import in_school
from moderator.reporting.masking import Masker
from moderator.reporting.views import (
    FINDING_LOADS,
    LABEL_NAMES,
    finding_views,
    render,
    review_base,
    severity_rank,
)
from storage.models import FindingRow
from storage.reporting_models import AlertDeliveryRow

AUDIENCE_TITLES = {"dsl": "Safeguarding alert", "smt": "Moderation alert", "admin": "Moderation alert"}
# a finding a reviewer already dismissed, or of an item version since edited, alerts no one
QUIET_REVIEW = ("dismissed", "superseded")
# an alert lists at most this many findings (the most severe); it counts the rest
ALERT_LIST_LIMIT = 50


def _alerting(config: Config):
    """The SQL condition: the policy decided to alert someone (or, on older rows, the label alerts at that severity)."""
    conds = []
    for label, lp in config.policy.items():
        if lp.alert:
            at_least = SEVERITIES[SEVERITIES.index(lp.alert_min_severity):]
            conds.append(and_(FindingRow.label == label, FindingRow.severity.in_(at_least)))
    older = and_(FindingRow.alert_to.is_(None), or_(*conds)) if conds else false()
    return or_(and_(FindingRow.alert_to.is_not(None), FindingRow.alert_to != ""), older)


def audiences(finding: FindingRow, config: Config) -> list[str]:
    """Whom one finding alerts."""
    if finding.alert_to is None:
        return list(config.policy[finding.label].alert)
    return [a for a in finding.alert_to.split(",") if a]


def unalerted(session: Session, config: Config) -> dict[str, list[FindingRow]]:
    """Findings that must alert and have not, grouped by audience, most severe first."""
    rows = session.scalars(
        select(FindingRow)
        .where(_alerting(config), FindingRow.review_status.not_in(QUIET_REVIEW), in_school(config.slug),
               ~exists().where(AlertDeliveryRow.finding_id == FindingRow.id))
        .order_by(FindingRow.id)
    ).all()
    rows = sorted(rows, key=lambda f: -severity_rank(f.severity))
    by_audience: dict[str, list[FindingRow]] = defaultdict(list)
    for f in rows:
        for audience in audiences(f, config):
            by_audience[audience].append(f)
    return dict(by_audience)


def build_alert(session: Session, config: Config, masker: Masker, audience: str,
                findings: list[FindingRow]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of one alert e-mail carrying these findings."""
    # only the listed findings are loaded with their items: an alert over thousands stays cheap
    listed = [f.id for f in findings[:ALERT_LIST_LIMIT]]
    rows = {f.id: f for f in session.scalars(select(FindingRow).where(FindingRow.id.in_(listed))
                                              .options(*FINDING_LOADS).execution_options(populate_existing=True))}
    views = finding_views(session, [rows[i] for i in listed], masker, ZoneInfo(config.reporting.timezone))
    title = AUDIENCE_TITLES.get(audience, "Moderation alert")
    worst = views[0].severity if views else "high"
    labels = ", ".join(dict.fromkeys(LABEL_NAMES.get(f.label, f.label).lower() for f in findings))
    n = len(findings)
    subject = f"[{title}] {config.school.name}: {n} new finding{'s' * (n != 1)} ({worst}: {labels})"
    ctx = dict(school=config.school.name, title=title, findings=views, total=n, subject=subject,
               review_base=review_base(config))
    return subject, render("alert.txt.j2", **ctx), render("alert.html.j2", **ctx)
