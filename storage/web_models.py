"""Tables of the review pages.

People who sign in, their roles per school, their sessions, sign-in attempts per address, the OpenID Connect
identities (provider account) each person signs in with, and the schools an audit event about people (not
about an item) belongs to.

No password is ever stored, only its argon2id hash; session and set-password tokens are stored as
SHA-256 digests, so a copy of the database does not let anyone sign in.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models import Base, utcnow

ROLES = ("admin", "dsl", "smt", "staff")  # most powerful first
ALL_SCHOOLS = "*"  # the school of a role held on every school of the trust (including schools added later)


class WebUserRow(Base):
    """A person who may sign in to the review pages; what they may do is in their roles (:class:`WebRoleRow`)."""

    __tablename__ = "web_users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    # the most powerful role the person holds anywhere: a summary for a downgrade past 0009, never read for access
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str | None] = mapped_column(Text)  # argon2id; None until the person sets one
    # the one-time set-password link's token (SHA-256) and when it stops working
    setup_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    setup_expires_at: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)  # consecutive, reset on success
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]


class WebSessionRow(Base):
    """A signed-in browser: the cookie holds the token, the table its SHA-256 and the CSRF token of its forms."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    flash: Mapped[str | None] = mapped_column(Text)  # the message shown once after a redirect
    school: Mapped[str | None] = mapped_column(String(40))  # the school chosen on the pages; None or "*": all

    user: Mapped[WebUserRow] = relationship()


class SignInAttemptRow(Base):
    """One sign-in attempt from one address (for the per-address rate limit); the name tried is not kept."""

    __tablename__ = "web_sign_in_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    ok: Mapped[bool] = mapped_column(Boolean, default=False)


class WebIdentityRow(Base):
    """A provider account (issuer and subject, as OpenID Connect names it) linked to one person.

    A person is found by this pair at each sign-in, never by e-mail alone: an address can change or be reused.
    """

    __tablename__ = "web_identities"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    # before 0009: the role an administrator gave the account before its first sign-in linked it; since 0009
    # the administrators' roles are WebRoleRow rows (source "admin") and this is no longer written or read
    admin_role: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]

    user: Mapped[WebUserRow] = relationship()


class WebRoleRow(Base):
    """One role of one person on one school (``school`` a slug), or on all of the trust's (``school`` "*").

    ``source`` says who gave it: "admin" (``moderator users``, the people page) or "oidc" (``[web.oidc] roles``
    at the person's last sign-in). While a person holds any role from OpenID Connect, those are their roles;
    otherwise the administrators' are.
    """

    __tablename__ = "web_roles"
    __table_args__ = (UniqueConstraint("user_id", "school", "source"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    school: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(10))  # admin | dsl | smt | staff
    source: Mapped[str] = mapped_column(String(10), default="admin")  # admin | oidc
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebAuditSchoolRow(Base):
    """A school an audit event without an item belongs to (a person added there, a role there, a draft check)."""

    __tablename__ = "web_audit_schools"
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), primary_key=True)
    school: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
