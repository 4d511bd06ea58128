"""SQLAlchemy 2.0 ORM models: what the daemon records."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

DEFAULT_SCHOOL = "default"  # the school of a single-school configuration that names no slug


def school_column():
    """The school a row belongs to: its slug in the configuration (short, stable, never the display name)."""
    return mapped_column(String(40), default=DEFAULT_SCHOOL, index=True)


def utcnow() -> datetime:
    """Timezone-aware now, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every database (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Store UTC (naive on SQLite)."""
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        """Hand back aware UTC."""
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Declarative base of every table."""

    type_annotation_map = {datetime: UTCDateTime(), dict: JSON, list: JSON}


class AccountRow(Base):
    """A configured account as last seen; ``disabled_reason`` set when a human must act."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    school: Mapped[str] = school_column()
    platform: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(200))
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    disabled_at: Mapped[datetime | None]
    paused_until: Mapped[datetime | None]
    last_poll_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class CursorRow(Base):
    """Where the next poll of an account resumes; moved only with the batch it covers."""

    __tablename__ = "cursors"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    stream: Mapped[str] = mapped_column(String(50), primary_key=True, default="main")
    value: Mapped[dict] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ItemRow(Base):
    """A post or comment, stored once per (account, platform, external id): ids are per account."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("account_id", "platform", "external_id",
                                       name="uq_items_account_platform_external"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    school: Mapped[str] = school_column()  # the account's: findings and holds reach it through the item
    kind: Mapped[str] = mapped_column(String(10))
    by_school: Mapped[bool] = mapped_column(Boolean)
    parent_external_id: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    media: Mapped[list] = mapped_column(default=list)
    permalink: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None]
    content_hash: Mapped[str] = mapped_column(String(64))
    # visible | hidden | deleted
    visibility: Mapped[str] = mapped_column(String(10), default="visible")
    hideable: Mapped[bool] = mapped_column(Boolean, default=False)
    not_hideable_reason: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    analysed_at: Mapped[datetime | None]
    analysed_hash: Mapped[str | None] = mapped_column(String(64))
    skip_reason: Mapped[str | None] = mapped_column(Text)
    # the analysed text's language: ISO 639-1, "und" when it cannot be told, None before analysis
    language: Mapped[str | None] = mapped_column(String(12))

    account: Mapped[AccountRow] = relationship()
    findings: Mapped[list[FindingRow]] = relationship(back_populates="item", order_by="FindingRow.id")


class FindingRow(Base):
    """One breach found in one version of an item."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    label: Mapped[str] = mapped_column(String(20), index=True)
    score: Mapped[float] = mapped_column(Float)
    severity: Mapped[str] = mapped_column(String(10))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    explanation: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)
    details: Mapped[dict] = mapped_column(default=dict)
    content_hash: Mapped[str] = mapped_column(String(64))
    # the policy's decision: hide | hold | record | flag (wanted hide, could not)
    decision: Mapped[str] = mapped_column(String(10))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    # open | held | confirmed | dismissed | superseded (the item was edited)
    review_status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("digests.id"), index=True)
    # whom the policy decided to alert at once, comma-separated ("" nobody); NULL on rows older than revision 0005
    alert_to: Mapped[str | None] = mapped_column(String(40))

    item: Mapped[ItemRow] = relationship(back_populates="findings")


class LanguageHoldRow(Base):
    """An item held for a person to read because it is written in a language the detectors cannot judge.

    Not a finding (nothing was found): a reviewer confirms it (it breaches the policy: hidden where
    possible) or dismisses it (nothing wrong), as with held findings.
    """

    __tablename__ = "language_holds"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    language: Mapped[str] = mapped_column(String(12))
    confidence: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)  # "language not understood (pl)"
    content_hash: Mapped[str] = mapped_column(String(64))
    # held | confirmed | dismissed | superseded (the item was edited)
    review_status: Mapped[str] = mapped_column(String(12), default="held", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    item: Mapped[ItemRow] = relationship()


class ActionRow(Base):
    """Something done (or to do) to an item: hide, restore, alert. Retried until done or given up."""

    __tablename__ = "actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"))
    kind: Mapped[str] = mapped_column(String(10))  # hide | restore | alert
    requested_by: Mapped[str] = mapped_column(String(100))  # "policy" or a person
    reason: Mapped[str | None] = mapped_column(Text)
    # pending | done | failed (will retry) | gone | abandoned (the platform refused for good)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    item: Mapped[ItemRow | None] = relationship()


class SkipRow(Base):
    """An item that could not be stored or analysed, and why."""

    __tablename__ = "skips"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    external_id: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class RunRow(Base):
    """One poll of one account and its outcome counts (for the digest and the log)."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(String(20), default="running")  # ok | failed | throttled | disabled
    counts: Mapped[dict] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)


class DigestRow(Base):
    """One SMT digest: which findings it covers and whether it went out."""

    __tablename__ = "digests"
    id: Mapped[int] = mapped_column(primary_key=True)
    school: Mapped[str] = school_column()  # "" for a trust digest (counts per school)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    period_start: Mapped[datetime | None]
    period_end: Mapped[datetime]
    # pending | sent | failed | skipped (a scheduled digest with nothing to report: the next period starts here)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    recipients: Mapped[list] = mapped_column(default=list)
    message_id: Mapped[str | None] = mapped_column(String(200))
    delivered_to: Mapped[str | None] = mapped_column(Text)  # "smtp:host" or an outbox path
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


class AuditRow(Base):
    """Every human decision, and every automatic action a human may need to trace."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(30))  # confirm | dismiss | restore | ...
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    reason: Mapped[str | None] = mapped_column(Text)
