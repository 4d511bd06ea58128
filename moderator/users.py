"""People who sign in to the review pages: accounts, passwords (argon2id), sign-in with lock-out and rate limit.

Passwords never pass through the command line: ``moderator users add`` and ``reset-password`` print a
one-time link where the person chooses one. Every change and every sign-in, good or bad, is audited;
the name typed at a failed sign-in is not recorded unless it is a known account (it may be a password
typed in the wrong box).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from moderator.config_checks import EMAIL_ADDRESS
from moderator.web.roles import (
    Grantor,
    RoleError,
    counting,
    grant,
    held,
    refused_school,
    revoke,
    schools_of,
    strongest,
    tag,
    where,
)
from storage import repo
from storage.web_models import ALL_SCHOOLS, ROLES, SignInAttemptRow, WebRoleRow, WebSessionRow, WebUserRow

SETUP_LINK_VALID = timedelta(hours=72)
MAX_FAILURES = 5  # consecutive failed sign-ins that lock an account
LOCK_TIME = timedelta(minutes=15)
ADDRESS_WINDOW = timedelta(minutes=15)
ADDRESS_MAX_FAILURES = 20  # failed sign-ins from one address within the window before it must wait
MIN_PASSWORD = 12
MAX_PASSWORD = 1000
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
_hasher = PasswordHasher()  # argon2id, the library's recommended parameters
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))  # verified against for unknown names: same time taken


class UserError(Exception):
    """A request about an account that cannot be done; the message says why."""


class SignInRefused(Exception):
    """A sign-in that failed; ``status`` is the HTTP status to answer (401, or 429 when rate-limited)."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _get(s: Session, name: str) -> WebUserRow:
    row = s.scalar(select(WebUserRow).where(WebUserRow.name == name))
    if row is None:
        raise UserError(f"no user named {name!r}")
    return row


def _new_setup_token(row: WebUserRow, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    row.setup_token_hash, row.setup_expires_at = token_hash(token), now + SETUP_LINK_VALID
    return token


def add_user(sessions: sessionmaker[Session], name: str, role: str, email: str, actor: str,
             school: str = ALL_SCHOOLS, by: Grantor | None = None, single: bool = True) -> str:
    """Create an account without a password; the one-time set-password token.

    The person holds ``role`` on ``school`` ("*": all schools). ``by`` is the administrator doing it (None: the
    operator, who may do anything).
    """
    if not NAME_RE.fullmatch(name):
        raise UserError("a user name is 1 to 100 letters, digits, dots, dashes, underscores or @, "
                        "starting with a letter or digit")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
    if not EMAIL_ADDRESS.fullmatch(email) or len(email) > 254:
        raise UserError(f"not an e-mail address: {email!r}")
    by = by or Grantor(actor)
    if not by.may_grant(school):
        raise UserError(refused_school(school))
    with sessions.begin() as s:
        if s.scalar(select(WebUserRow.id).where(WebUserRow.name == name)) is not None:
            raise UserError(f"a user named {name!r} already exists")
        row = WebUserRow(name=name, role=role, email=email, failed_sign_ins=0)
        token = _new_setup_token(row, _now())
        s.add(row)
        s.flush()
        s.add(WebRoleRow(user_id=row.id, school=school, role=role, source="admin"))
        tag(s, repo.audit(s, actor, "user_add", f"{name} as {role}{where(school, single)}"), [school])
    return token


def _managed(s: Session, name: str, by: Grantor | None) -> WebUserRow:
    """The person ``name``, when ``by`` may manage them (a school's administrator: only their school's people)."""
    row = _get(s, name)
    if by is not None:
        rows = held(s, row.id)
        if not by.sees(rows):
            raise UserError(f"no user named {name!r}")
        if not by.may_manage(rows):
            raise UserError(f"{name} also holds roles at other schools: ask an administrator of all schools")
    return row


def reset_password(sessions: sessionmaker[Session], name: str, actor: str, by: Grantor | None = None) -> str:
    """Clear the password, unlock, sign out everywhere; the one-time set-password token."""
    with sessions.begin() as s:
        row = _managed(s, name, by)
        if row.disabled_at is not None:
            raise UserError(f"user {name!r} is disabled")
        row.password_hash, row.failed_sign_ins, row.locked_until = None, 0, None
        token = _new_setup_token(row, _now())
        s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
        tag(s, repo.audit(s, actor, "user_reset_password", name), schools_of(s, row.id))
    return token


def disable_user(sessions: sessionmaker[Session], name: str, actor: str, by: Grantor | None = None) -> None:
    """Stop an account signing in and end its sessions (its history stays)."""
    with sessions.begin() as s:
        row = _managed(s, name, by)
        if row.disabled_at is not None:
            raise UserError(f"user {name!r} is already disabled")
        row.disabled_at, row.password_hash, row.setup_token_hash = _now(), None, None
        s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
        tag(s, repo.audit(s, actor, "user_disable", name), schools_of(s, row.id))


def change_role(sessions: sessionmaker[Session], name: str, role: str, actor: str, school: str = ALL_SCHOOLS,
                by: Grantor | None = None, single: bool = True) -> str | None:
    """Give a person ``role`` on ``school`` (it applies to their next page); their previous role there."""
    if role not in ROLES:
        raise UserError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
    with sessions.begin() as s:
        row = _get(s, name)
        if row.disabled_at is not None:
            raise UserError(f"user {name!r} is disabled")
        try:
            return grant(s, row, school, role, by or Grantor(actor), single)
        except RoleError as exc:
            raise UserError(str(exc)) from None


def revoke_role(sessions: sessionmaker[Session], name: str, actor: str, school: str,
                by: Grantor | None = None, single: bool = False) -> str:
    """Take a person's role on ``school`` away; the role they held there."""
    with sessions.begin() as s:
        row = _get(s, name)
        try:
            return revoke(s, row, school, by or Grantor(actor), single)
        except RoleError as exc:
            raise UserError(str(exc)) from None


def setup_link(base_url: str, token: str) -> str:
    """The one-time set-password link of a token, on the review pages at ``base_url``."""
    return f"{base_url.rstrip('/')}/set-password/{token}"


def list_users(sessions: sessionmaker[Session]) -> list[WebUserRow]:
    """Every account, by name."""
    with sessions() as s:
        return list(s.scalars(select(WebUserRow).order_by(WebUserRow.name)))


def state(row: WebUserRow, now: datetime | None = None) -> str:
    """active, disabled, locked, or waiting for a password."""
    now = now or _now()
    if row.disabled_at is not None:
        return "disabled"
    if row.locked_until is not None and row.locked_until > now:
        return "locked"
    return "active" if row.password_hash else "no password yet"


def setup_user(s: Session, token: str) -> WebUserRow | None:
    """The account a set-password token opens, while it is valid."""
    if not token or len(token) > 100:
        return None
    row = s.scalar(select(WebUserRow).where(WebUserRow.setup_token_hash == token_hash(token)))
    if row is None or row.disabled_at is not None or row.setup_expires_at is None or row.setup_expires_at < _now():
        return None
    return row


def set_password(sessions: sessionmaker[Session], token: str, password: str, again: str) -> str:
    """Set the password through a one-time link (which then stops working); the user's name."""
    if password != again:
        raise UserError("the two passwords differ")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise UserError(f"a password has at least {MIN_PASSWORD} characters")
    with sessions.begin() as s:
        row = setup_user(s, token)
        if row is None:
            raise UserError("this link has expired or was already used: ask an administrator for a new one")
        row.password_hash = _hasher.hash(password)
        row.setup_token_hash = row.setup_expires_at = None
        row.failed_sign_ins, row.locked_until = 0, None
        tag(s, repo.audit(s, row.name, "set_password", "through a one-time link"), schools_of(s, row.id))
        return row.name


@dataclass
class SignedIn:
    """A successful sign-in."""

    user_id: int
    name: str
    role: str


def sign_in(sessions: sessionmaker[Session], name: str, password: str, address: str) -> SignedIn:
    """Check a name and password; SignInRefused says why not. Audited either way (the refusal is committed)."""
    with sessions.begin() as s:
        outcome = _sign_in(s, name, password, address, _now())
    if isinstance(outcome, SignInRefused):
        raise outcome
    return outcome


LOCKED = ("This account is locked after repeated failed sign-ins: try again in 15 minutes, or ask an "
          "administrator to reset the password.")


def _sign_in(s: Session, name: str, password: str, address: str, now: datetime) -> SignedIn | SignInRefused:
    s.execute(delete(SignInAttemptRow).where(SignInAttemptRow.at <= now - ADDRESS_WINDOW))  # only recent ones count
    recent = s.scalar(select(func.count()).select_from(SignInAttemptRow).where(
        SignInAttemptRow.address == address, SignInAttemptRow.ok.is_(False),
        SignInAttemptRow.at > now - ADDRESS_WINDOW))
    if recent >= ADDRESS_MAX_FAILURES:
        repo.audit(s, "(sign-in)", "sign_in_rate_limited", f"from {address}")
        return SignInRefused("Too many failed sign-ins from this address: wait 15 minutes.", 429)
    row = s.scalar(select(WebUserRow).where(WebUserRow.name == name)) if len(name) <= 100 else None
    ok = _verify(row.password_hash if row is not None else None, password)
    s.add(SignInAttemptRow(address=address[:64], at=now, ok=ok))
    if row is None or row.disabled_at is not None:
        failed = repo.audit(s, row.name if row is not None else "(unknown name)", "sign_in_failed", f"from {address}")
        if row is not None:
            tag(s, failed, schools_of(s, row.id))
        return SignInRefused("Wrong name or password.")
    if row.locked_until is not None and row.locked_until > now:
        tag(s, repo.audit(s, row.name, "sign_in_failed", f"from {address}: account locked"), schools_of(s, row.id))
        return SignInRefused(LOCKED)
    if not ok:
        row.failed_sign_ins += 1
        tag(s, repo.audit(s, row.name, "sign_in_failed", f"from {address}"), schools_of(s, row.id))
        if row.failed_sign_ins >= MAX_FAILURES:
            row.locked_until, row.failed_sign_ins = now + LOCK_TIME, 0
            tag(s, repo.audit(s, row.name, "account_locked", f"{MAX_FAILURES} failed sign-ins in a row"),
                schools_of(s, row.id))
            return SignInRefused(LOCKED)
        return SignInRefused("Wrong name or password.")
    row.failed_sign_ins, row.locked_until, row.last_sign_in_at = 0, None, now
    if _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = _hasher.hash(password)
    tag(s, repo.audit(s, row.name, "sign_in", f"from {address}"), schools_of(s, row.id))
    return SignedIn(row.id, row.name, strongest(role for _, role in counting(held(s, row.id))) or row.role)


def _verify(stored: str | None, password: str) -> bool:
    """True when ``password`` matches; an account without one costs the same time and fails."""
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password[:MAX_PASSWORD]) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
