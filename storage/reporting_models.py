"""Tables of the reporting package: outgoing e-mail and which findings were alerted.

Every message the reporter sends (digest, alert, notice to administrators) is
first stored here, rendered, with its Message-ID, in the same transaction that
claims the findings it covers; only then is it sent. A crash at any point
leaves either nothing (the transaction rolled back) or a row still to send.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, school_column, utcnow


class MailRow(Base):
    """One outgoing e-mail, stored rendered before it is sent and retried until it is."""

    __tablename__ = "report_mail"
    id: Mapped[int] = mapped_column(primary_key=True)
    # unique per logical message: "digest:<id>", "alert:<uuid>", "admin:<caller's key>"
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # digest | alert | admin
    school: Mapped[str] = school_column()  # whose e-mail it is ("" the trust's)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    subject: Mapped[str] = mapped_column(Text)
    recipients: Mapped[list] = mapped_column(default=list)
    # the whole RFC 5322 message (masked content only); cleared once sent
    raw: Mapped[str | None] = mapped_column(Text)
    # pending (being sent, or a crash interrupted it) | sent | failed (will retry)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    # a send attempt holds the row until then (a lease); a failed one waits until then (backoff)
    next_attempt_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    delivered_to: Mapped[str | None] = mapped_column(Text)  # "smtp:host:port" or an outbox path
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("digests.id"), index=True)


class AlertDeliveryRow(Base):
    """A finding alerted to one audience (dsl, smt, admin), and the e-mail that carries it."""

    __tablename__ = "alert_deliveries"
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), primary_key=True)
    audience: Mapped[str] = mapped_column(String(10), primary_key=True)
    mail_id: Mapped[int] = mapped_column(ForeignKey("report_mail.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
