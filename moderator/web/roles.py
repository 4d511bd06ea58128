"""Roles per school: who holds which role where, and who may grant or revoke one.

A person holds a role on one school (its slug) or on all of the trust's schools ("*", which also covers
schools added later). On a school where they hold several (one there and one on all), the most powerful
counts. Roles an OpenID Connect mapping gave at the last sign-in (source "oidc") replace the administrators'
(source "admin") while there are any, as ``[web.oidc] roles`` did before there were schools.

An administrator of one school manages that school's roles and the people who hold roles there only; only an
administrator of all schools grants a role on all schools or manages a person who holds roles elsewhere.
The command line (``moderator users``) is run by the server's operator and may do anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage import repo
from storage.web_models import ALL_SCHOOLS, ROLES, WebAuditSchoolRow, WebRoleRow, WebUserRow

Held = tuple[str, str, str]  # (school or "*", role, source)


class RoleError(Exception):
    """A grant or revocation that cannot be done; the message says why."""


def strongest(roles: Iterable[str | None]) -> str | None:
    """The most powerful of ``roles`` (admin, dsl, smt, staff), None when there is none."""
    found = set(roles)
    return next((r for r in ROLES if r in found), None)


def held(s: Session, user_id: int) -> list[Held]:
    """Every role row of a person."""
    return [(r.school, r.role, r.source) for r in s.scalars(select(WebRoleRow).where(WebRoleRow.user_id == user_id))]


def counting(rows: Iterable[Held]) -> list[tuple[str, str]]:
    """The (school, role) pairs that count: the OpenID Connect ones while there are any, else the administrators'."""
    rows = list(rows)
    oidc = [(school, role) for school, role, source in rows if source == "oidc"]
    return oidc or [(school, role) for school, role, source in rows if source == "admin"]


def effective(rows: Iterable[Held], slugs: Sequence[str]) -> dict[str, str]:
    """The role a person has on each configured school (``slugs``); schools where they have none are left out."""
    out: dict[str, str] = {}
    for school, role in counting(rows):
        for slug in slugs if school == ALL_SCHOOLS else [school] if school in slugs else []:
            out[slug] = strongest([out.get(slug), role]) or role
    return out


def on_all(rows: Iterable[Held]) -> str | None:
    """The role a person holds on all schools, if any."""
    return strongest(role for school, role in counting(rows) if school == ALL_SCHOOLS)


def describe(rows: Iterable[Held], single: bool) -> str:
    """Roles as the people page and ``moderator users list`` show them.

    "dsl" in a single school's installation, else "dsl on all schools; smt at brook".
    """
    pairs = sorted(counting(rows), key=lambda p: (p[0] != ALL_SCHOOLS, p[0]))
    if single:
        return strongest(role for _, role in pairs) or "none"
    return "; ".join(f"{role} on all schools" if school == ALL_SCHOOLS else f"{role} at {school}"
                     for school, role in pairs) or "none"


def where(school: str, single: bool) -> str:
    """How an audit reason names a school ("" in a single school's installation)."""
    if single:
        return ""
    return " on all schools" if school == ALL_SCHOOLS else f" at {school}"


@dataclass
class Grantor:
    """Who grants or revokes: an administrator of some schools, of all of them, or (``None`` roles) the operator."""

    name: str
    admin_of: set[str] = field(default_factory=set)  # schools where they are administrator
    admin_all: bool = True

    def may_grant(self, school: str) -> bool:
        """True when they may give or take a role on ``school`` ("*": all schools)."""
        return self.admin_all or (school != ALL_SCHOOLS and school in self.admin_of)

    def may_manage(self, rows: Iterable[Held]) -> bool:
        """True when every role the person holds is on a school they administer (or they hold none they see)."""
        return self.admin_all or all(self.may_grant(school) for school, _, _ in rows)

    def sees(self, rows: Iterable[Held]) -> bool:
        """True when the person holds a role on a school they administer."""
        return self.admin_all or any(school in self.admin_of for school, _, _ in rows)


def refused_school(school: str) -> str:
    """Why a school administrator may not grant there."""
    if school == ALL_SCHOOLS:
        return "only an administrator of all schools gives or takes a role on all schools"
    return f"you are not an administrator at {school}"


def grant(s: Session, user: WebUserRow, school: str, role: str, by: Grantor, single: bool) -> str | None:
    """Give ``user`` ``role`` on ``school`` (replacing their administrator-given role there); the previous one."""
    if role not in ROLES:
        raise RoleError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
    if not by.may_grant(school):
        raise RoleError(refused_school(school))
    row = s.scalar(select(WebRoleRow).where(WebRoleRow.user_id == user.id, WebRoleRow.school == school,
                                            WebRoleRow.source == "admin"))
    old = row.role if row is not None else None
    if old == role:
        raise RoleError(f"user {user.name!r} is already {role}{where(school, single)}")
    if row is None:
        s.add(WebRoleRow(user_id=user.id, school=school, role=role, source="admin"))
    else:
        row.role = role
    s.flush()
    summarise(s, user)
    reason = f"{user.name}: {old} to {role}" if old else f"{user.name}: {role}"
    tag(s, repo.audit(s, by.name, "user_role", reason + where(school, single)), [school])
    return old


def revoke(s: Session, user: WebUserRow, school: str, by: Grantor, single: bool) -> str:
    """Take ``user``'s administrator-given role on ``school`` away; the role they held there."""
    if not by.may_grant(school):
        raise RoleError(refused_school(school))
    row = s.scalar(select(WebRoleRow).where(WebRoleRow.user_id == user.id, WebRoleRow.school == school,
                                            WebRoleRow.source == "admin"))
    if row is None:
        raise RoleError(f"user {user.name!r} holds no role{where(school, single) or ''} given by an administrator")
    old = row.role
    s.delete(row)
    s.flush()
    summarise(s, user)
    tag(s, repo.audit(s, by.name, "user_role", f"{user.name}: {old} revoked{where(school, single)}"), [school])
    return old


def replace_oidc(s: Session, user: WebUserRow, pairs: dict[str, str]) -> None:
    """The roles an OpenID Connect sign-in gives: the previous sign-in's are replaced."""
    s.execute(delete(WebRoleRow).where(WebRoleRow.user_id == user.id, WebRoleRow.source == "oidc"))
    for school, role in pairs.items():
        s.add(WebRoleRow(user_id=user.id, school=school, role=role, source="oidc"))
    s.flush()
    summarise(s, user)


def summarise(s: Session, user: WebUserRow) -> None:
    """Keep ``web_users.role`` the most powerful role the person holds anywhere (a summary only)."""
    user.role = strongest(role for _, role in counting(held(s, user.id))) or user.role


def tag(s: Session, row, schools: Iterable[str]) -> None:
    """Record the schools an audit event about people belongs to (a role on all schools: none, the trust's)."""
    s.flush()
    for school in set(schools) - {ALL_SCHOOLS}:
        s.add(WebAuditSchoolRow(audit_id=row.id, school=school))


def schools_of(s: Session, user_id: int) -> list[str]:
    """The schools a person holds a role on ("*" included)."""
    return sorted({school for school, _ in counting(held(s, user_id))})
