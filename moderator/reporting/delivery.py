"""The outgoing-mail queue: store rendered, then send, then mark sent; retry with backoff.

A row is *claimed* before each attempt by moving its ``next_attempt_at`` past a
lease (a compare-and-set, so two processes never send the same row at once).
When the process dies mid-send the row stays ``pending`` and the lease expires:
the next :meth:`MailQueue.retry_due` sends it again with the same Message-ID.
That is the at-least-once window: a crash after the server accepted the message
and before the row was marked sent repeats the message (same Message-ID, which
mail clients de-duplicate); no crash anywhere loses it.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from moderator.reporting.mailer import DeliveryError, Mailer, build_message, new_message_id
from moderator.retry import backoff
from storage.models import DEFAULT_SCHOOL, DigestRow
from storage.reporting_models import MailRow

log = logging.getLogger(__name__)

class MailQueue:
    """Stores messages, delivers them through a :class:`Mailer`, and retries the ones that failed."""

    def __init__(self, mailer: Mailer, session_factory: sessionmaker[Session], clock: Callable[[], datetime],
                 rng: random.Random | None = None,
                 on_failure: Callable[[MailRow], None] | None = None) -> None:
        self.mailer = mailer
        self.session_factory = session_factory
        self.clock = clock
        self.rng = rng or random.Random()
        self.on_failure = on_failure
        timeout = mailer.smtp.timeout if mailer.smtp else 10.0
        self.lease = timedelta(seconds=max(120.0, 3 * timeout + 30))

    def add(self, session: Session, *, key: str, kind: str, subject: str, recipients: list[str], text: str,
            html: str | None = None, urgent: bool = False, digest: DigestRow | None = None,
            school: str = DEFAULT_SCHOOL) -> MailRow:
        """Store a rendered message in the caller's transaction, claimed for the caller to send at once."""
        now = self.clock()
        message_id = digest.message_id if digest and digest.message_id else new_message_id(
            kind, now, self.mailer.sender)
        raw = build_message(sender=self.mailer.sender, recipients=recipients, subject=subject,
                            message_id=message_id, date=now, text=text, html=html, urgent=urgent)
        row = MailRow(key=key, kind=kind, message_id=message_id, subject=subject, recipients=list(recipients),
                      raw=raw, status="pending", attempts=1, next_attempt_at=now + self.lease, created_at=now,
                      digest_id=digest.id if digest else None, school=school)
        session.add(row)
        session.flush()
        return row

    def claim(self, mail_id: int) -> bool:
        """Take the row for one attempt if it is due and nobody else holds it."""
        now = self.clock()
        with self.session_factory.begin() as s:
            res = s.execute(
                update(MailRow)
                .where(MailRow.id == mail_id, MailRow.status.in_(("pending", "failed")),
                       or_(MailRow.next_attempt_at.is_(None), MailRow.next_attempt_at <= now))
                .values(next_attempt_at=now + self.lease, attempts=MailRow.attempts + 1)
            )
            return res.rowcount == 1

    def send(self, mail_id: int) -> bool:
        """One delivery attempt of a claimed row; True when it went out."""
        with self.session_factory() as s:
            row = s.get(MailRow, mail_id)
            if row is None or row.status == "sent" or row.raw is None:
                return row is not None and row.status == "sent"
            raw, message_id, recipients = row.raw, row.message_id, list(row.recipients)
        try:
            where = self.mailer.deliver(raw, message_id, recipients)
        except DeliveryError as exc:
            self.mark_failed(mail_id, str(exc))
            return False
        self._mark_sent(mail_id, where)
        return True

    def _mark_sent(self, mail_id: int, where: str) -> None:
        now = self.clock()
        with self.session_factory.begin() as s:
            row = s.get(MailRow, mail_id)
            row.status, row.sent_at, row.delivered_to = "sent", now, where
            row.error, row.next_attempt_at, row.raw = None, None, None
            if row.digest_id is not None:
                d = s.get(DigestRow, row.digest_id)
                d.status, d.sent_at, d.delivered_to, d.attempts, d.error = "sent", now, where, row.attempts, None
        log.info("sent %s mail %d (%s) to %d recipient(s) via %s", row.kind, mail_id, row.message_id,
                 len(row.recipients), where.split(":")[0])

    def mark_failed(self, mail_id: int, error: str) -> None:
        """Record a failed attempt and when to try again; tell the administrators (``on_failure``)."""
        now = self.clock()
        with self.session_factory.begin() as s:
            row = s.get(MailRow, mail_id)
            row.status, row.error = "failed", error[:500]
            row.next_attempt_at = now + backoff(row.attempts, self.rng)
            if row.kind == "admin" and self.mailer.smtp is not None and not row.delivered_to:
                try:  # the administrators must hear even while the mail server is down
                    row.delivered_to = "outbox fallback: " + self.mailer.write_outbox(row.raw, row.message_id)
                except DeliveryError as exc:
                    log.error("admin notice %d: %s", mail_id, exc)
            if row.digest_id is not None:
                d = s.get(DigestRow, row.digest_id)
                d.status, d.attempts, d.error = "failed", row.attempts, row.error
        log.warning("%s mail %d not delivered (attempt %d, next at %s): %s", row.kind, mail_id, row.attempts,
                    f"{row.next_attempt_at:%H:%M:%S}", error)
        if self.on_failure is not None and row.kind != "admin":
            self.on_failure(row)

    def retry_due(self) -> int:
        """Send every pending or failed row whose lease or backoff has run out; how many went out."""
        now = self.clock()
        with self.session_factory() as s:
            ids = s.scalars(select(MailRow.id).where(
                MailRow.status.in_(("pending", "failed")),
                or_(MailRow.next_attempt_at.is_(None), MailRow.next_attempt_at <= now)).order_by(MailRow.id)).all()
        sent = 0
        for mail_id in ids:
            if self.claim(mail_id):
                sent += self.send(mail_id)
        return sent

    def problems(self, tz: ZoneInfo) -> list[str]:
        """One line per message not (yet) delivered: what, how often tried, the last error, when next."""
        with self.session_factory() as s:
            rows = s.scalars(select(MailRow).where(MailRow.status.in_(("pending", "failed")))
                             .order_by(MailRow.id)).all()
        lines = []
        for r in rows:
            what = f"digest #{r.digest_id}" if r.digest_id is not None else f"{r.kind} mail #{r.id}"
            nxt = f"{r.next_attempt_at.astimezone(tz):%a %d %b %H:%M}" if r.next_attempt_at else "now"
            state = ("not yet delivered (sending, or interrupted)" if r.status == "pending"
                     else f"delivery failed: {r.error}")
            extra = f"; a copy is in {r.delivered_to.split(': ', 1)[1]}" if r.delivered_to else ""
            lines.append(f"{what} to {len(r.recipients)} recipient(s) {r.message_id}: {state}; "
                         f"{r.attempts} attempt(s), next at {nxt}{extra}")
        return lines
