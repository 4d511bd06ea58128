"""What the digest and the alerts show of a finding, already masked, and the templates that show it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session, selectinload

from detectors.base import SEVERITIES
from moderator.config_checks import printable
from moderator.reporting.links import platform_link
from moderator.reporting.masking import Masker, Span
from storage.models import ActionRow, FindingRow, ItemRow
from storage.repo import latest_actions

LABEL_NAMES = {
    "named_child": "Named pupil",
    "personal_data": "Personal data",
    "commercial": "Promotion",
    "abuse": "Abuse",
    "unsafe_link": "Unsafe link",
}

# what finding_views reads of each finding, loaded with it in one query per relation
FINDING_LOADS = (selectinload(FindingRow.item).selectinload(ItemRow.findings),
                 selectinload(FindingRow.item).selectinload(ItemRow.account))
REVIEW_NOTES = {"dismissed": "dismissed by a reviewer", "confirmed": "confirmed by a reviewer",
                "superseded": "the item was edited since"}


@dataclass
class FindingView:
    """One finding as the SMT or the DSL reads it: nothing here is unmasked personal data."""

    id: int
    item_id: int
    label: str
    label_name: str
    severity: str
    platform: str
    account: str
    kind: str
    when: str
    permalink: str | None
    action: str
    done: str
    why: str | None
    rule: str
    explanation: str
    excerpt: str
    photo_note: str | None = None


@dataclass
class AccountSection:
    """One account's findings and poll outcomes over a digest's period."""

    name: str
    platform: str
    total: int = 0
    findings: list[FindingView] = field(default_factory=list)
    by_label: dict[str, int] = field(default_factory=dict)
    by_action: dict[str, int] = field(default_factory=dict)
    runs: dict[str, int] = field(default_factory=dict)


def severity_rank(severity: str) -> int:
    """0 for low up to 3 for critical."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


def what_was_done(f: FindingRow, item: ItemRow, last: ActionRow | None) -> tuple[str, str | None]:
    """A short outcome (hidden, held for review, flagged only, …) and why, from decision and action.

    ``last`` is the item's latest hide or restore action, if any.
    """
    why = f.decision_reason
    if f.decision == "hide":
        status = last.status if last else None
        if last is not None and last.kind == "restore" and status == "done":
            done = "hidden, then restored"
        elif status == "dry_run":
            done = "would be hidden (dry run)"
        elif status == "done" or item.visibility == "hidden":
            done = "hidden"
        elif status == "gone" or item.visibility == "deleted":
            done = "already deleted on the platform"
        elif status == "failed":
            done = "hiding failed, retrying"
        elif status == "abandoned":
            done = "hiding failed, given up"
        else:
            done = "hide pending"
    elif f.decision == "hold":
        done = "held for review"
    elif f.decision == "flag":
        done = "flagged only (could not hide)"
        why = why or item.not_hideable_reason
    else:
        done = "recorded only"
    return done, why


def _photo_note(f: FindingRow) -> str | None:
    if f.label != "named_child":
        return None
    d = f.details or {}
    consent = d.get("photo_consent")
    parts = []
    if d.get("with_photo"):
        parts.append("named beside a photo")
    if consent in (False, "no", "No", "n"):
        parts.append("photo consent: NO")
    elif consent in (True, "yes", "Yes", "y"):
        parts.append("photo consent: yes")
    if d.get("pupil_ref"):
        parts.append(f"pupil {d['pupil_ref']}")
    return "; ".join(parts) or None


def finding_views(session: Session, findings: Sequence[FindingRow], masker: Masker,
                  tz: ZoneInfo) -> list[FindingView]:
    """Views of the findings (their items and accounts loaded through the session), in the given order."""
    latest = latest_actions(session, (f.item_id for f in findings))
    out = []
    for f in findings:
        item = f.item
        spans = [Span(g.span_start, g.span_end, "initials" if g.label == "named_child" else "partial")
                 for g in item.findings if g.label in ("named_child", "personal_data")]
        action, why = what_was_done(f, item, latest.get(item.id))
        review = REVIEW_NOTES.get(f.review_status)
        when = (item.created_at or f.created_at).astimezone(tz)
        out.append(FindingView(
            id=f.id, item_id=f.item_id, label=f.label, label_name=LABEL_NAMES.get(f.label, f.label),
            severity=f.severity,
            platform=item.platform, account=item.account.name, kind=item.kind,
            when=f"{when:%a %d %b %Y %H:%M}", permalink=platform_link(item.platform, item.permalink),
            action=action,
            done=f"{action}; {review}" if review else action,
            why=masker.mask(why) if why else None, rule=f.rule, explanation=masker.mask(f.explanation),
            excerpt=masker.excerpt(item.text, spans, focus=f.span_start), photo_note=_photo_note(f),
        ))
    return out


def printable_reason(reason: str, limit: int = 160) -> str:
    """A skip or error reason as one short line (it may quote hostile input)."""
    text = printable(" ".join(reason.split()))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def count_by(views: Sequence[FindingView], attr: str) -> dict[str, int]:
    """How many views have each value of ``attr``, most frequent first."""
    return dict(Counter(getattr(v, attr) for v in views).most_common())


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("moderator.reporting", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def review_base(config) -> str | None:
    """The review pages' public address when ``web.public_base_url`` is set: e-mails link each finding there."""
    url = config.web.public_base_url
    return url.rstrip("/") if url else None


def render(name: str, **context) -> str:
    """Render ``templates/<name>`` (HTML templates are autoescaped)."""
    return _env().get_template(name).render(**context)


def local_time(dt: datetime | None, tz: ZoneInfo) -> str:
    """A datetime as the school reads it, or "the first poll" when there is none."""
    return f"{dt.astimezone(tz):%a %d %b %Y %H:%M}" if dt else "the first poll"
