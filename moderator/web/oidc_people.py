"""Who a verified OpenID Connect ID token lets in, and with which roles on which schools.

The provider account is linked to a local person by issuer and subject, never by e-mail alone. At its first
sign-in a provider account is linked to the one account an administrator added with the same e-mail address
(``moderator users add``), or, when ``new_users`` allows it, given an account of its own. The roles come from
``[web.oidc] roles`` at every sign-in (so a change of groups takes effect at the next one; each a role on one
school or on all), else from the roles administrators gave the person, else ``default_role``; with none of
them the person is refused. A disabled person is refused. Every outcome is audited; the server's log carries
only ids and the kind of refusal.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from moderator.config_web import Oidc
from moderator.users import SignedIn
from moderator.web.roles import describe, held, replace_oidc, strongest, tag
from storage import repo
from storage.web_models import WebIdentityRow, WebUserRow

log = logging.getLogger(__name__)
NOT_IN_NAME = re.compile(r"[^A-Za-z0-9._@-]")
ASK_ADMIN = "Ask the school's administrator of the moderator."


class OidcRefused(Exception):
    """A sign-in the moderator refuses: ``message`` is shown to the person, ``kind`` goes to the audit log."""

    def __init__(self, message: str, kind: str, actor: str = "(sign-in)") -> None:
        super().__init__(message)
        self.kind, self.actor = kind, actor[:100]


def refuse(sessions: sessionmaker[Session], oidc: Oidc, refusal: OidcRefused, address: str) -> None:
    """Record a refusal that happened before the ID token was read (a bad state, a token that failed its checks)."""
    with sessions.begin() as s:
        _audit_refusal(s, oidc, refusal, address)


def admit(sessions: sessionmaker[Session], oidc: Oidc, claims: dict[str, Any], address: str,
          single: bool = True) -> SignedIn:
    """The person a verified ID token's claims name, signed in; OidcRefused says why not (audited either way).

    ``single``: the installation serves one school (roles are then named without their school).
    """
    with sessions.begin() as s:
        try:
            return _admit(s, oidc, claims, address, single)
        except OidcRefused as refusal:
            outcome = refusal
        _audit_refusal(s, oidc, outcome, address)
    raise outcome


def _audit_refusal(s: Session, oidc: Oidc, refusal: OidcRefused, address: str) -> None:
    repo.audit(s, refusal.actor, "sign_in_failed", f"with {oidc.provider} from {address}: {refusal.kind}")
    log.info("web: sign-in with %s refused: %s", oidc.provider, refusal.kind)


def _admit(s: Session, oidc: Oidc, claims: dict[str, Any], address: str, single: bool) -> SignedIn:
    issuer, subject = str(claims.get("iss", ""))[:255], str(claims.get("sub", ""))[:255]
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email or len(email) > 254:
        raise OidcRefused(f"{oidc.provider} did not give an e-mail address for this account. {ASK_ADMIN}",
                          "no e-mail address in the ID token")
    email = email.strip().lower()
    if "email_verified" in claims and claims["email_verified"] not in (True, "true"):
        raise OidcRefused(f"{oidc.provider} has not verified this account's e-mail address.",
                          "e-mail address not verified", f"{email} (unverified)")
    if not oidc.domain_allowed(email):
        raise OidcRefused("This account is not one of the school's: sign in with your school account.",
                          "e-mail domain not allowed", email)
    groups = [g for g in claims.get("groups") or [] if isinstance(g, str)]
    now = datetime.now(UTC)
    identity = s.scalar(select(WebIdentityRow).where(WebIdentityRow.issuer == issuer,
                                                     WebIdentityRow.subject == subject))
    row = identity.user if identity is not None else _added_by_admin(s, email)
    if row is not None and row.disabled_at is not None:
        raise OidcRefused(f"This account is disabled. {ASK_ADMIN}", "account disabled", row.name)
    if row is None and not oidc.new_users:
        raise OidcRefused(f"You do not have an account here yet. {ASK_ADMIN}", "no account (new_users is off)",
                          email)
    before = held(s, row.id) if row is not None else []
    given = [h for h in before if h[2] == "admin"]  # the roles administrators gave the person
    pairs = oidc.mapped_roles(email, groups)
    if not pairs and not given:
        pairs = {school: strongest(r for sc, r in oidc.default_roles if sc == school) or role
                 for school, role in oidc.default_roles}
    if not pairs and not given:
        raise OidcRefused(f"Your account has no role on these pages. {ASK_ADMIN}", "no role for this person",
                          row.name if row is not None else email)
    roles = describe([(sc, r, "oidc") for sc, r in pairs.items()] or given, single)
    if row is None:
        row = WebUserRow(name=_free_name(s, email), email=email, role=strongest(pairs.values()) or "staff",
                         failed_sign_ins=0)
        s.add(row)
        s.flush()
        replace_oidc(s, row, pairs)
        tag(s, repo.audit(s, row.name, "user_add", f"{row.name} as {roles}, at the first sign-in with "
                                                   f"{oidc.provider}"), pairs)
    else:
        old = describe(before, single) if before else None
        replace_oidc(s, row, pairs)
        if old is not None and old != roles:
            tag(s, repo.audit(s, row.name, "user_role", f"{old} to {roles}, from {oidc.provider} at sign-in"),
                pairs)
    if identity is None:
        identity = WebIdentityRow(user_id=row.id, issuer=issuer, subject=subject, created_at=now)
        s.add(identity)
    row.email, row.last_sign_in_at, identity.last_sign_in_at = email, now, now
    tag(s, repo.audit(s, row.name, "sign_in", f"with {oidc.provider} from {address}"), pairs or
        {sc for sc, _, _ in given})
    log.info("web: user %s signed in with %s", row.id, oidc.provider)
    return SignedIn(row.id, row.name, strongest(r for _, r in pairs.items()) or strongest(r for _, r, _ in given)
                    or "staff")


def _added_by_admin(s: Session, email: str) -> WebUserRow | None:
    """The one account with this e-mail address not yet linked to a provider account (a disabled one included)."""
    linked = select(WebIdentityRow.user_id)
    rows = list(s.scalars(select(WebUserRow).where(func.lower(WebUserRow.email) == email,
                                                   WebUserRow.id.not_in(linked)).order_by(WebUserRow.id)))
    disabled = [r for r in rows if r.disabled_at is not None]
    return disabled[0] if disabled else (rows[0] if len(rows) == 1 else None)


def _free_name(s: Session, email: str) -> str:
    """The e-mail address as a user name (``moderator users disable`` takes it), made unique if it is taken."""
    base = NOT_IN_NAME.sub("-", email)[:90].lstrip("._@-") or "person"
    name, n = base, 1
    while s.scalar(select(WebUserRow.id).where(WebUserRow.name == name)) is not None:
        n += 1
        name = f"{base}-{n}"
    return name
