"""The reporter: the one object the pipeline and the CLI call for digests, alerts and notices."""

from __future__ import annotations

import hashlib
import logging
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from moderator.config import Config
from moderator.reporting.alerts import build_alert, unalerted
from moderator.reporting.counts import in_school
from moderator.reporting.delivery import MailQueue
from moderator.reporting.digest import build_digest, in_digest, last_digest, next_due
from moderator.reporting.mailer import Mailer, new_message_id
from moderator.reporting.masking import Masker
from moderator.reporting.views import render
from storage.models import DigestRow, FindingRow
from storage.reporting_models import AlertDeliveryRow, MailRow

log = logging.getLogger(__name__)


class _Discard(Exception):
    """Unwinds a transaction that must record nothing."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Reporter:
    """Sends the SMT digest, the immediate alerts and notices to administrators, each exactly once.

    Every message is rendered and stored, together with the claim on what it
    covers, in one transaction before it is sent; see :mod:`moderator.reporting.delivery`
    for how a crash at any point is recovered.
    """

    def __init__(self, config: Config, session_factory: sessionmaker[Session],
                 clock: Callable[[], datetime] | None = None, rng: random.Random | None = None) -> None:
        self.config = config
        self.session_factory = session_factory
        self.clock = clock or _utcnow
        self.tz = ZoneInfo(config.reporting.timezone)
        self.masker = Masker(config.school_context().roster)
        self.mailer = Mailer(config.reporting)
        self.queue = MailQueue(self.mailer, session_factory, self.clock, rng, on_failure=self._delivery_failed)

    # -- alerts ---------------------------------------------------------------------------------

    def send_alerts(self) -> int:
        """E-mail every finding that must alert and has not yet, one message per audience; how many."""
        mail_ids: list[int] = []
        try:
            with self.session_factory.begin() as s:
                groups = unalerted(s, self.config)
                for audience, findings in groups.items():
                    subject, text, html = build_alert(s, self.config, self.masker, audience, findings)
                    row = self.queue.add(s, key=f"alert:{uuid.uuid4().hex}", kind="alert", subject=subject,
                                         recipients=list(getattr(self.config.reporting, audience)),
                                         text=text, html=html, urgent=True, school=self.config.slug)
                    s.add_all(AlertDeliveryRow(finding_id=f.id, audience=audience, mail_id=row.id,
                                               created_at=self.clock()) for f in findings)
                    mail_ids.append(row.id)
                alerted = len({f.id for fs in groups.values() for f in fs})
        except IntegrityError:  # another process alerted the same findings first
            log.warning("alerts: another process claimed these findings; nothing sent here")
            return 0
        for mail_id in mail_ids:
            self.queue.send(mail_id)
        if alerted:
            log.info("alerts: %d finding(s) in %d e-mail(s)", alerted, len(mail_ids))
        return alerted

    # -- notices to administrators --------------------------------------------------------------------

    def notify_admins(self, subject: str, body: str, key: str) -> None:
        """Tell the administrators something (an account disabled, mail failing); once per ``key``."""
        self._notify(subject, body, key, send_now=True)

    def _notify(self, subject: str, body: str, key: str, send_now: bool) -> None:
        full_key = f"admin:{key}"
        if len(full_key) > 200:
            full_key = "admin:" + hashlib.sha256(key.encode()).hexdigest()
        try:
            with self.session_factory.begin() as s:
                if s.scalar(select(MailRow.id).where(MailRow.key == full_key)) is not None:
                    return
                school = self.config.school.name
                text = render("notice.txt.j2", school=school, subject=subject, body=body)
                row = self.queue.add(s, key=full_key, kind="admin", subject=f"[Moderator] {school}: {subject}",
                                     recipients=list(self.config.reporting.admin), text=text,
                                     school=self.config.slug)
        except IntegrityError:
            return
        if send_now:
            self.queue.send(row.id)
        else:  # the mail server just failed: leave a copy in the outbox now, try the server later
            self.queue.mark_failed(row.id, "not sent: the mail server was failing")

    def _delivery_failed(self, row: MailRow) -> None:
        what = f"digest #{row.digest_id}" if row.digest_id is not None else f"{row.kind} e-mail #{row.id}"
        body = (f"The {what} ({row.message_id}) to {len(row.recipients)} recipient(s) could not be delivered:\n"
                f"{row.error}\n\nIt is retried with increasing delays (attempt {row.attempts} so far). "
                f"`moderator log` lists every delivery problem.")
        self._notify(f"{what} not delivered", body, f"delivery-failed:{row.key}",
                     send_now=self.mailer.smtp is None)

    # -- digest -----------------------------------------------------------------------------------

    def send_digest_if_due(self) -> bool:
        """Build and send the digest when the schedule says one is due (a missed one counts); True if sent."""
        with self.session_factory() as s:
            due = next_due(s, self.config)
        if due is None or due > self.clock():
            return False
        row = self.send_digest(force=False)
        return row is not None and row.status != "skipped"

    def send_digest(self, force: bool = True) -> DigestRow | None:
        """Build, record and send the digest of everything not yet in one; None when there is nothing.

        With nothing to report (and ``send_empty_digest`` off) a forced digest records nothing; a
        scheduled one records a ``skipped`` digest so that the next period starts now.
        """
        now = self.clock()
        rep = self.config.reporting
        try:
            with self.session_factory.begin() as s:
                last = last_digest(s, self.config.slug)
                start = last.period_end if last else None
                digest = DigestRow(school=self.config.slug, created_at=now, period_start=start, period_end=now,
                                   status="pending",
                                   recipients=list(rep.smt), attempts=0,
                                   message_id=new_message_id("digest", now, self.mailer.sender))
                s.add(digest)
                s.flush()
                s.execute(update(FindingRow)
                          .where(FindingRow.digest_id.is_(None), FindingRow.created_at <= now,
                                 in_school(self.config.slug))
                          .values(digest_id=digest.id).execution_options(synchronize_session=False))
                content = build_digest(s, self.config, self.masker, in_digest(now, digest.id), start, now)
                if content.empty and not rep.send_empty_digest:
                    if force:
                        raise _Discard
                    digest.status, digest.message_id = "skipped", None
                    log.info("digest #%d: nothing to report, not sent", digest.id)
                    return digest
                mail = self.queue.add(s, key=f"digest:{digest.id}", kind="digest", subject=content.subject,
                                      recipients=list(rep.smt), text=content.text, html=content.html,
                                      digest=digest, school=self.config.slug)
                digest.attempts = 1
        except _Discard:
            return None
        log.info("digest #%d: %d finding(s), sending", digest.id, content.findings)
        self.queue.send(mail.id)
        with self.session_factory() as s:
            return s.get(DigestRow, digest.id)

    def preview_digest(self) -> str:
        """The plain text of the next digest as it stands now; nothing is recorded."""
        now = self.clock()
        with self.session_factory() as s:
            last = last_digest(s, self.config.slug)
            start = last.period_end if last else None
            content = build_digest(s, self.config, self.masker, in_digest(now), start, now)
            s.rollback()
        return content.text

    # -- failures ---------------------------------------------------------------------------------

    def retry_failed(self) -> None:
        """Send again what failed (once its backoff has passed) or was interrupted by a crash."""
        self.queue.retry_due()

    def delivery_problems(self) -> list[str]:
        """One line per message not delivered yet (no message content), for `moderator log`."""
        return self.queue.problems(self.tz)
