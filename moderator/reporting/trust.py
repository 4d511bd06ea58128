"""A trust's reporting: each school's reporter for its own people, and the trust digest (counts per school).

Each school's digest and alerts are its own :class:`~moderator.reporting.reporter.Reporter` over the school's
view of the configuration: its recipients, its schedule, its findings only. The trust digest goes to
``[trust] recipients`` on ``[trust] digest_cron``: per school, how many findings of which label and severity
and how many polls failed since the last one. It names no item, account or pupil, only schools and counts.
Its e-mail's key is the schedule's fire time, so two workers due at once send it once.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from moderator.config import Config
from moderator.reporting.counts import in_school, school_accounts
from moderator.reporting.digest import last_digest
from moderator.reporting.masking import Masker
from moderator.reporting.reporter import Reporter
from storage.models import DigestRow, FindingRow, RunRow

log = logging.getLogger(__name__)
TRUST = ""  # the ``school`` of the trust digest's rows


class TrustReporter:
    """The reporters of every school of a trust, behind the one interface the daemon and the CLI call."""

    def __init__(self, config: Config, reporters: dict[str, Reporter]) -> None:
        self.config = config
        self.reporters = reporters
        first = next(iter(reporters.values()))
        self.session_factory, self.clock = first.session_factory, first.clock
        self.queue, self.tz = first.queue, first.tz
        # the review pages mask with it: every school's pupils (a trust's reviewers see several schools)
        self.masker = Masker([p for view in config.schools for p in view.school.roster])

    def send_alerts(self) -> int:
        """Each school's alerts to its own people."""
        return sum(r.send_alerts() for r in self.reporters.values())

    def notify_admins(self, subject: str, body: str, key: str) -> None:
        """A notice that concerns the whole installation goes to every school's administrators."""
        for r in self.reporters.values():
            r.notify_admins(subject, body, key)

    def retry_failed(self) -> None:
        """Send again what failed (the queue is shared: once for all schools)."""
        self.queue.retry_due()

    def delivery_problems(self) -> list[str]:
        """Messages not delivered yet, of every school."""
        return self.queue.problems(self.tz)

    def send_digest_if_due(self) -> bool:
        """Each school's digest on its own schedule, then the trust digest on the trust's; True if any went."""
        sent = [r.send_digest_if_due() for r in self.reporters.values()]
        return any(sent) | self.send_trust_digest_if_due()

    def send_digest(self, force: bool = True) -> DigestRow | None:
        """Every school's digest now, then the trust digest; the trust digest's row."""
        for r in self.reporters.values():
            r.send_digest(force=force)
        return self.send_trust_digest(self.clock())

    def preview_digest(self) -> str:
        """The text of each school's next digest, one after the other."""
        return "\n\n".join(f"== {slug} ==\n{r.preview_digest()}" for slug, r in self.reporters.items())

    # -- the trust digest -------------------------------------------------------------------------

    def trust_digest_due(self) -> datetime | None:
        """When the next trust digest is due: the trust schedule's first fire after the last one (or first poll)."""
        with self.session_factory() as s:
            last = last_digest(s, TRUST)
            ref = last.period_end if last else s.scalar(select(func.min(RunRow.started_at)))
        if ref is None or self.config.trust is None:
            return None
        trigger = CronTrigger.from_crontab(self.config.trust.digest_cron, timezone=self.config.reporting.timezone)
        return trigger.get_next_fire_time(None, ref + timedelta(seconds=1))

    def send_trust_digest_if_due(self) -> bool:
        """The trust digest when its schedule says so (a missed one counts); True if this process sent it."""
        due = self.trust_digest_due()
        if due is None or due > self.clock():
            return False
        return self.send_trust_digest(due) is not None

    def send_trust_digest(self, key_time: datetime) -> DigestRow | None:
        """Record and send the trust digest for the period up to now; None when another process sent it."""
        trust = self.config.trust
        if trust is None or not trust.recipients:
            return None
        now = self.clock()
        try:
            with self.session_factory.begin() as s:
                last = last_digest(s, TRUST)
                start = last.period_end if last else None
                digest = DigestRow(school=TRUST, created_at=now, period_start=start, period_end=now,
                                   status="pending", recipients=list(trust.recipients), attempts=1)
                s.add(digest)
                s.flush()
                subject, text = self._trust_text(s, start, now)
                mail = self.queue.add(s, key=f"trust-digest:{key_time.isoformat()}", kind="digest", subject=subject,
                                      recipients=list(trust.recipients), text=text, digest=digest, school=TRUST)
        except IntegrityError:  # another worker sent this one
            return None
        log.info("trust digest #%d: sending", digest.id)
        self.queue.send(mail.id)
        with self.session_factory() as s:
            return s.get(DigestRow, digest.id)

    def _trust_text(self, s, start: datetime | None, end: datetime) -> tuple[str, str]:
        trust = self.config.trust
        lines, total = [], 0
        for view in self.config.schools:
            period = (FindingRow.created_at <= end) & in_school(view.slug)
            runs = (RunRow.started_at <= end) & RunRow.account_id.in_(school_accounts(view.slug))
            if start is not None:
                period &= FindingRow.created_at > start
                runs &= RunRow.started_at > start
            labels = Counter(dict(s.execute(select(FindingRow.label, func.count()).where(period)
                                            .group_by(FindingRow.label)).all()))
            critical = s.scalar(select(func.count()).select_from(FindingRow)
                                .where(period, FindingRow.severity == "critical")) or 0
            polls = s.scalar(select(func.count()).select_from(RunRow).where(runs)) or 0
            failed = s.scalar(select(func.count()).select_from(RunRow).where(runs, RunRow.outcome == "failed")) or 0
            n = sum(labels.values())
            total += n
            by_label = ", ".join(f"{label} {k}" for label, k in sorted(labels.items())) or "none"
            lines.append(f"- {view.school.name} ({view.slug}): {n} finding(s) ({critical} critical): {by_label}; "
                         f"{polls} poll(s), {failed} failed")
        when = (f"since {start.astimezone(self.tz):%a %d %b %Y %H:%M}" if start else "so far") + \
            f" to {end.astimezone(self.tz):%a %d %b %Y %H:%M}"
        subject = f"{trust.name}: trust digest, {total} finding{'s' * (total != 1)} in {len(lines)} schools"
        text = (f"{trust.name}: social media moderation, {when}.\n\n" + "\n".join(lines)
                + "\n\nEach school's own digest, sent to its senior team, lists its findings.\n")
        return subject, text
