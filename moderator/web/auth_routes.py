"""Signing in and out, and choosing a password through a one-time link."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from moderator import users
from moderator.web.app import Call, page
from moderator.web.sessions import PRE_COOKIE, SESSION_COOKIE, end_session, new_session, set_flash
from storage import repo

# messages the sign-in page shows after a redirect, by key (never text taken from the address)
NOTICES = {"expired": "Your session has expired: sign in again.", "signed-out": "You are signed out.",
           "password-set": "Your password is set: sign in with it."}


def home_for(role: str | None) -> str:
    """Where a person lands after signing in: the queue, or the draft check for staff."""
    return "/check" if role == "staff" else "/queue"


@page(anonymous=True)
def home(call: Call) -> Response:
    """The site's root: the person's first page, or the sign-in page."""
    return RedirectResponse(home_for(call.visitor.role) if call.visitor.user_id else "/sign-in", status_code=303)


@page(anonymous=True)
def sign_in_form(call: Call) -> Response:
    """The sign-in form."""
    if call.visitor.user_id is not None:
        return RedirectResponse(home_for(call.visitor.role), status_code=303)
    notice = NOTICES.get(call.request.query_params.get("m", ""))
    return call.render("sign_in.html", notice=notice, error=None, name="")


@page(anonymous=True)
def sign_in(call: Call) -> Response:
    """Check the name and password; start a session (the CSRF token changes with it)."""
    name = call.field("name", 200).strip()
    try:
        who = users.sign_in(call.core.sessions, name, call.field("password", users.MAX_PASSWORD + 1), call.address)
    except users.SignInRefused as exc:
        return call.render("sign_in.html", status=exc.status, notice=None, error=str(exc), name=name)
    with call.core.sessions() as s:
        old = call.visitor.session_key
        if old:
            end_session(s, old)
        token = new_session(s, who.user_id)
        s.flush()
        set_flash(s, users.token_hash(token), f"Signed in as {who.name} ({who.role}).")
        s.commit()
    resp = RedirectResponse(home_for(who.role), status_code=303)
    secure = call.request.url.scheme == "https"
    resp.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure)
    resp.delete_cookie(PRE_COOKIE, httponly=True, samesite="lax", secure=secure)
    return resp


@page()
def sign_out(call: Call) -> Response:
    """End the session (audited)."""
    with call.core.sessions() as s:
        end_session(s, call.visitor.session_key)
        repo.audit(s, call.visitor.name, "sign_out", f"from {call.address}")
        s.commit()
    resp = RedirectResponse("/sign-in?m=signed-out", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=call.request.url.scheme == "https")
    return resp


@page(anonymous=True)
def password_form(call: Call) -> Response:
    """The form of a one-time set-password link."""
    token = call.request.path_params["token"]
    with call.core.sessions() as s:
        row = users.setup_user(s, token)
        name = row.name if row is not None else None
    return call.render("set_password.html", status=200 if name else 404, name=name, token=token, error=None,
                       minimum=users.MIN_PASSWORD)


@page(anonymous=True)
def password_set(call: Call) -> Response:
    """Set the password; the link stops working."""
    token = call.request.path_params["token"]
    try:
        users.set_password(call.core.sessions, token, call.field("password", users.MAX_PASSWORD + 1),
                           call.field("again", users.MAX_PASSWORD + 1))
    except users.UserError as exc:
        with call.core.sessions() as s:
            row = users.setup_user(s, token)
            name = row.name if row is not None else None
        return call.render("set_password.html", status=400, name=name, token=token, error=str(exc),
                           minimum=users.MIN_PASSWORD)
    return RedirectResponse("/sign-in?m=password-set", status_code=303)


ROUTES = [
    Route("/", home),
    Route("/sign-in", sign_in_form, methods=["GET"]),
    Route("/sign-in", sign_in, methods=["POST"]),
    Route("/sign-out", sign_out, methods=["POST"]),
    Route("/set-password/{token}", password_form, methods=["GET"]),
    Route("/set-password/{token}", password_set, methods=["POST"]),
]
