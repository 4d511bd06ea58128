"""Signed-in sessions: a random token in an HttpOnly cookie, its SHA-256 in the database, expiry after idling."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from moderator.users import token_hash
from moderator.web.roles import effective, held, on_all, strongest
from storage.web_models import ALL_SCHOOLS, WebSessionRow, WebUserRow

SESSION_COOKIE = "moderator_session"
PRE_COOKIE = "moderator_csrf"  # the CSRF token of forms shown before signing in (sign-in, set password)
MAX_AGE = timedelta(hours=12)  # signed in at most this long, however active
TOUCH_EVERY = timedelta(seconds=30)  # last_seen_at is written at most this often


@dataclass(frozen=True)
class Visitor:
    """Who is asking: the signed-in person (or nobody), their roles, and the CSRF token their forms must carry.

    ``role`` is their role on the school they chose (``current``), or their most powerful anywhere when they
    look at all their schools at once (``current`` None).
    """

    user_id: int | None
    name: str | None
    role: str | None
    csrf: str
    session_key: str | None  # the stored token hash, to end the session or leave a message
    expired: bool = False  # a session cookie came with the request but its session had expired
    roles: dict[str, str] = field(default_factory=dict)  # configured school -> the person's role there
    all_role: str | None = None  # the role they hold on all schools (a trust's DSL or central administrator)
    current: str | None = None  # the school chosen with the switcher; None: all their schools

    def role_on(self, school: str) -> str | None:
        """Their role on one school, None when they have none there."""
        return self.roles.get(school)


def new_session(s: Session, user_id: int) -> str:
    """Start a session; the cookie's token."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    s.execute(delete(WebSessionRow).where(WebSessionRow.created_at < now - MAX_AGE))  # abandoned ones
    s.add(WebSessionRow(token_hash=token_hash(token), user_id=user_id, csrf=secrets.token_urlsafe(32),
                        created_at=now, last_seen_at=now))
    return token


def visitor(s: Session, token: str | None, pre_csrf: str | None, idle: timedelta,
            slugs: Sequence[str] = ("default",)) -> Visitor:
    """The visitor a request's cookies name; an idle, too old or disabled session is ended here.

    Their roles are worked out on the configured schools (``slugs``).
    """
    anonymous = Visitor(None, None, None, pre_csrf or "", None)
    if not token or len(token) > 100:
        return anonymous
    key = token_hash(token)
    row = s.get(WebSessionRow, key)
    if row is None:
        return Visitor(None, None, None, pre_csrf or "", None, expired=True)
    now = datetime.now(UTC)
    user: WebUserRow = row.user
    if now - row.last_seen_at > idle or now - row.created_at > MAX_AGE or user.disabled_at is not None:
        s.delete(row)
        s.commit()
        return Visitor(None, None, None, pre_csrf or "", None, expired=True)
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
        s.commit()
    rows = held(s, user.id)
    roles = effective(rows, slugs)
    current = row.school if row.school in roles else None
    if current is None and len(roles) == 1:
        current = next(iter(roles))
    role = roles[current] if current else strongest(roles.values())
    return Visitor(user.id, user.name, role, row.csrf, key, roles=roles, all_role=on_all(rows), current=current)


def choose_school(s: Session, key: str, school: str | None) -> None:
    """Remember the school a session looks at (None: all the person's schools)."""
    row = s.get(WebSessionRow, key)
    if row is not None:
        row.school = school or ALL_SCHOOLS


def end_session(s: Session, key: str) -> None:
    """Sign out: the session row is deleted, so the cookie is worthless even if kept."""
    s.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == key))


def set_flash(s: Session, key: str | None, message: str) -> None:
    """Leave a message for the next page this session shows."""
    row = s.get(WebSessionRow, key) if key else None
    if row is not None:
        row.flash = message[:2000]


def take_flash(s: Session, key: str | None) -> str | None:
    """The message left for this session, once."""
    row = s.get(WebSessionRow, key) if key else None
    if row is None or not row.flash:
        return None
    message, row.flash = row.flash, None
    s.commit()
    return message
