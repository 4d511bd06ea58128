"""The people page (administrators only): who may sign in, and adding, re-roling, disabling and resetting them.

In a trust, an administrator of one school sees and manages the people who hold roles there, and gives roles
there only; an administrator of all schools sees everyone and may give roles on all schools. The same
functions as `moderator users` do the work and write the audit events. A one-time set-password
link is shown once, on the answer to the POST that made it: it is never stored, logged or put in an
address, so the page is not a redirect like the other actions.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from starlette.responses import Response
from starlette.routing import Route

from moderator import users
from moderator.web.app import Call, page
from moderator.web.roles import Grantor, describe, held
from storage.web_models import ALL_SCHOOLS, ROLES

log = logging.getLogger(__name__)


def _base(call: Call) -> str:
    """Where the person will open their link: the public address, or the address this page was opened at."""
    return call.core.config.web.public_base_url or str(call.request.base_url)


def _grantor(call: Call) -> Grantor | None:
    """Who the signed-in administrator may manage (None in a single school's installation: everyone, as before)."""
    if not call.trust:
        return None
    v = call.visitor
    return Grantor(v.name or "", {slug for slug, role in v.roles.items() if role == "admin"}, v.all_role == "admin")


def _grantable(call: Call) -> list[tuple[str, str]]:
    """The schools where the administrator may give roles (slug, name); "*" first for an administrator of all."""
    by = _grantor(call)
    if by is None:
        return []
    own = [(slug, call.view_of(slug).school.name) for slug in call.web.slugs if by.may_grant(slug)]
    return ([(ALL_SCHOOLS, "All schools")] if by.admin_all else []) + own


def _page(call: Call, status: int = 200, link: dict | None = None, error: str | None = None,
          form: dict | None = None) -> Response:
    tz = ZoneInfo(call.core.config.reporting.timezone)
    by = _grantor(call)
    rows = []
    with call.core.sessions() as s:
        for r in users.list_users(call.core.sessions):
            mine = held(s, r.id)
            if by is not None and not by.sees(mine):
                continue
            shown = mine if by is None or by.admin_all else [h for h in mine if h[0] in by.admin_of | {ALL_SCHOOLS}]
            rows.append(dict(name=r.name, role=describe(shown, not call.trust), email=r.email, state=users.state(r),
                             last=r.last_sign_in_at.astimezone(tz).strftime("%d %b %Y %H:%M")
                             if r.last_sign_in_at else "never"))
    return call.render("users.html", status=status, people=rows, roles=ROLES, link=link, error=error,
                       form=form or dict(name="", role="", email="", school=""), me=call.visitor.name,
                       grantable=_grantable(call), hours=int(users.SETUP_LINK_VALID.total_seconds() // 3600))


def _school(call: Call) -> str:
    """The school a form names ("*": all schools; always "*" in a single school's installation)."""
    return call.field("school", 50) if call.trust else ALL_SCHOOLS


@page("admin")
def people(call: Call) -> Response:
    """Everyone who may sign in, with role, state and last sign-in."""
    return _page(call)


@page("admin")
def add(call: Call) -> Response:
    """Add a person; their one-time set-password link is shown on this answer only."""
    form = dict(name=call.field("name", 200).strip(), role=call.field("role", 20),
                email=call.field("email", 300).strip(), school=_school(call))
    try:
        token = users.add_user(call.core.sessions, form["name"], form["role"], form["email"], call.visitor.name,
                               form["school"], _grantor(call), not call.trust)
    except users.UserError as exc:
        return _page(call, status=400, error=f"Not added: {exc}.", form=form)
    log.info("web: user added by %s", call.visitor.name)
    where = "" if not call.trust else (" on all schools" if form["school"] == ALL_SCHOOLS
                                       else f" at {call.view_of(form['school']).school.name}")
    link = dict(name=form["name"], url=users.setup_link(_base(call), token),
                what=f"{form['name']} added as {form['role']}{where}.")
    return _page(call, link=link)


def _other(call: Call) -> str | None:
    """The person acted on, unless it is the signed-in administrator (who would lock themselves out)."""
    name = call.request.path_params["name"]
    return None if name == call.visitor.name else name


@page("admin")
def change_role(call: Call) -> Response:
    """Give a person another role (in a trust: on the school the form names)."""
    name, role, school = _other(call), call.field("role", 20), _school(call)
    if name is None:
        return call.redirect("/users", "Not done: another administrator must change your own role.")
    try:
        old = users.change_role(call.core.sessions, name, role, call.visitor.name, school, _grantor(call),
                                not call.trust)
    except users.UserError as exc:
        return call.redirect("/users", f"Not done: {exc}.")
    where = "" if not call.trust else (" on all schools" if school == ALL_SCHOOLS else f" at {school}")
    return call.redirect("/users", f"{name} is now {role}{where}" + (f" (was {old})." if old else "."))


@page("admin")
def revoke_role(call: Call) -> Response:
    """Take a person's role on one school (or on all) away."""
    name, school = _other(call), _school(call)
    if name is None:
        return call.redirect("/users", "Not done: another administrator must change your own roles.")
    try:
        old = users.revoke_role(call.core.sessions, name, call.visitor.name, school, _grantor(call),
                                not call.trust)
    except users.UserError as exc:
        return call.redirect("/users", f"Not done: {exc}.")
    where = "all schools" if school == ALL_SCHOOLS else school
    return call.redirect("/users", f"{name} is no longer {old} at {where}.")


@page("admin")
def disable(call: Call) -> Response:
    """Stop a person signing in; their sessions end at once."""
    name = _other(call)
    if name is None:
        return call.redirect("/users", "Not done: another administrator must disable your own account.")
    try:
        users.disable_user(call.core.sessions, name, call.visitor.name, _grantor(call))
    except users.UserError as exc:
        return call.redirect("/users", f"Not done: {exc}.")
    return call.redirect("/users", f"{name} is disabled and signed out everywhere.")


@page("admin")
def reset(call: Call) -> Response:
    """Clear a person's password (and lock-out) and show their new one-time link."""
    name = call.request.path_params["name"]
    try:
        token = users.reset_password(call.core.sessions, name, call.visitor.name, _grantor(call))
    except users.UserError as exc:
        return call.redirect("/users", f"Not done: {exc}.")
    link = dict(name=name, url=users.setup_link(_base(call), token),
                what=f"Password of {name} cleared and their sessions ended.")
    return _page(call, link=link)


ROUTES = [
    Route("/users", people, methods=["GET"]),
    Route("/users", add, methods=["POST"]),
    Route("/users/{name}/role", change_role, methods=["POST"]),
    Route("/users/{name}/revoke", revoke_role, methods=["POST"]),
    Route("/users/{name}/disable", disable, methods=["POST"]),
    Route("/users/{name}/reset-password", reset, methods=["POST"]),
]
