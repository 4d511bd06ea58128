"""The review pages' application: security headers, sessions, roles and CSRF around every page.

A page is a plain function of a :class:`Call`, wrapped by :func:`page` with the roles that may open it.
It runs in a worker thread (the database and the connectors are synchronous). GET renders and changes
nothing; POST checks the form's CSRF token, acts, audits and redirects with a message.
"""

from __future__ import annotations

import functools
import hmac
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from jinja2 import Environment, PackageLoader
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from moderator.reporting.views import LABEL_NAMES
from moderator.web.sessions import PRE_COOKIE, SESSION_COOKIE, Visitor, set_flash, take_flash, visitor

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
REVIEWERS = ("admin", "dsl", "smt")
# the links of the menu, and who sees each (a page a role may not open is not linked)
NAV = (("/queue", "Queue", REVIEWERS), ("/audit", "Audit log", ("admin", "dsl")),
       ("/accounts", "Accounts", ("admin",)), ("/users", "People", ("admin",)),
       ("/roster", "Roster", ("admin",)),
       ("/check", "Check a draft", REVIEWERS + ("staff",)))
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 b"frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
MAX_BODY = 1_000_000  # bytes of a request body: a draft, a bulk selection


class SecurityHeaders:
    """Adds the security headers to every response (pages, redirects, static files, errors)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        """Pass the request on; add the headers to the response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass
class WebApp:
    """What every page needs: the core application, the templates and the session settings."""

    core: object  # moderator.app.App
    templates: Jinja2Templates
    idle: timedelta
    engine_factory: Callable[[], object] | None = None
    # a trust's: the engine of one school (its roster, staff and languages), from its slug and the shared engine
    school_engines: Callable[[str, object], object] | None = None
    _engine: object | None = None
    _engines: dict[str, object] = field(default_factory=dict)
    _loading: threading.Lock = field(default_factory=threading.Lock)

    def engine(self, school: str | None = None):
        """The detector engine for draft checks (of ``school`` in a trust), loaded on first use (once).

        A school's engine shares the first one's spaCy pipeline and learned models.
        """
        with self._loading:
            if self._engine is None and self.engine_factory is not None:
                self._engine = self.engine_factory()
            if school is None or self.school_engines is None or self._engine is None:
                return self._engine
            if school not in self._engines:
                self._engines[school] = self.school_engines(school, self._engine)
            return self._engines[school]

    @property
    def slugs(self) -> list[str]:
        """The configured schools' slugs (one in a single school's installation)."""
        return [v.slug for v in self.core.config.schools]


@dataclass
class Call:
    """One request to one page: who asks, the form they sent, and how to answer."""

    request: Request
    visitor: Visitor
    form: FormData | None
    web: WebApp

    @property
    def core(self):
        """The core application (config, database, pipeline, reporter)."""
        return self.web.core

    @property
    def address(self) -> str:
        """The client's address (the proxy's client when the proxy is trusted)."""
        return self.request.client.host if self.request.client else "unknown"

    @property
    def trust(self) -> bool:
        """True when the installation serves several schools (the pages then name and switch schools)."""
        return len(self.web.slugs) > 1

    def scope(self, *roles: str) -> list[str]:
        """The schools this page shows: the chosen one, or all the person's, where their role is one of ``roles``."""
        v = self.visitor
        schools = [v.current] if v.current else list(v.roles)
        return [slug for slug in schools if v.roles.get(slug) in roles]

    def view_of(self, school: str):
        """The configuration of one school (its name, roster, reporting)."""
        return self.core.config.for_school(school)

    def masker(self, school: str):
        """The masker of one school's pupils (the SMT reads their names masked)."""
        reporter = self.core.reporter
        return getattr(reporter, "reporters", {}).get(school, reporter).masker

    def hidden(self, what: str, ident: int, school: str | None) -> Response:
        """Not found: the answer to asking for another school's item, finding or hold (audited when it exists)."""
        self.note_out_of_scope(what, ident, school)
        return self.render("forbidden.html", status=404, reason=f"There is no such {what}.", title="Not found")

    def note_out_of_scope(self, what: str, ident: int, school: str | None) -> None:
        """Audit a request for another school's row (under that school); nothing when there is no such row."""
        if school is None:
            return
        from moderator.web.roles import tag
        from storage import repo

        with self.core.sessions() as s:
            tag(s, repo.audit(s, self.visitor.name or "(unknown)", "out_of_scope",
                              f"asked for {what} {ident} of a school where they review nothing"), [school])
            s.commit()
        log.info("web: %s %s of another school asked for by user %s", what, ident, self.visitor.user_id)

    def field(self, name: str, limit: int = 2000) -> str:
        """One form field as text, trimmed to ``limit`` characters."""
        value = self.form.get(name) if self.form is not None else None
        return value[:limit] if isinstance(value, str) else ""

    def render(self, template: str, status: int = 200, **context) -> Response:
        """A page; the session's one-time message is shown on it."""
        flash = None
        if self.visitor.session_key:
            with self.core.sessions() as s:
                flash = take_flash(s, self.visitor.session_key)
        v = self.visitor
        held = {v.roles[v.current]} if v.current else set(v.roles.values())
        nav = [(href, text) for href, text, roles in NAV if held & set(roles)]
        name = self.view_of(v.current).school.name if v.current and self.trust else self.core.config.school.name
        switch = [(slug, self.view_of(slug).school.name) for slug in v.roles] if len(v.roles) > 1 else []
        ctx = dict(visitor=v, csrf=v.csrf, nav=nav, flash=flash, labels=LABEL_NAMES, school=name,
                   switch=switch, here=self.request.url.path, **context)
        return self.web.templates.TemplateResponse(self.request, template, ctx, status_code=status)

    def redirect(self, url: str, message: str | None = None) -> Response:
        """Go to ``url`` (303), leaving ``message`` for it to show."""
        if message and self.visitor.session_key:
            with self.core.sessions() as s:
                set_flash(s, self.visitor.session_key, message)
                s.commit()
        return RedirectResponse(url, status_code=303)


def page(*roles: str, anonymous: bool = False):
    """Make a page function an endpoint open to ``roles``.

    With no roles, anyone signed in may open it; with ``anonymous``, people not signed in too.
    """

    def wrap(fn: Callable[[Call], Response]):
        @functools.wraps(fn)
        async def endpoint(request: Request) -> Response:
            form = await request.form(max_files=0, max_fields=1000) if request.method == "POST" else None
            return await run_in_threadpool(_answer, fn, roles, anonymous, request, form)

        return endpoint

    return wrap


def _answer(fn, roles, anonymous: bool, request: Request, form: FormData | None) -> Response:
    web: WebApp = request.app.state.web
    with web.core.sessions() as s:
        v = visitor(s, request.cookies.get(SESSION_COOKIE), request.cookies.get(PRE_COOKIE), web.idle, web.slugs)
    new_pre = None
    if v.user_id is None and not v.csrf:
        new_pre = secrets.token_urlsafe(32)
        v = replace(v, csrf=new_pre)
    call = Call(request, v, form, web)
    if v.user_id is None and not anonymous:
        resp: Response = RedirectResponse("/sign-in?m=expired" if v.expired else "/sign-in", status_code=303)
    elif v.user_id is not None and roles and not set(v.roles.values()) & set(roles):
        resp = call.render("forbidden.html", status=403, reason="Your role does not give access to this page.")
    elif form is not None and not _csrf_ok(form, v.csrf, new_pre):
        resp = call.render("forbidden.html", status=403,
                           reason="This form has expired or did not come from these pages. Go back, reload it "
                                  "and try again.")
    else:
        resp = fn(call)
    secure = request.url.scheme == "https"
    if new_pre:
        resp.set_cookie(PRE_COOKIE, new_pre, httponly=True, samesite="lax", secure=secure)
    if v.expired:
        resp.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=secure)
    return resp


def _csrf_ok(form: FormData, expected: str, just_made: str | None) -> bool:
    sent = form.get("csrf")
    return (bool(expected) and just_made is None and isinstance(sent, str)
            and hmac.compare_digest(sent.encode(), expected.encode()))


def create_app(core, engine_factory: Callable[[], object] | None = None,
               school_engines: Callable[[str, object], object] | None = None):
    """The ASGI application of the review pages for a built :class:`moderator.app.App`.

    ``school_engines`` makes a trust's draft check engine of one school from its slug and the shared engine.
    """
    from moderator.web import (
        audit_routes,
        auth_routes,
        check_routes,
        review_routes,
        roster_routes,
        school_routes,
        users_routes,
    )

    env = Environment(loader=PackageLoader("moderator.web", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    routes = [*auth_routes.ROUTES, *review_routes.ROUTES, *check_routes.ROUTES, *audit_routes.ROUTES,
              *users_routes.ROUTES, *roster_routes.ROUTES, *school_routes.ROUTES,
              Mount("/static", app=StaticFiles(directory=STATIC), name="static")]
    from moderator.web import oidc_routes  # sign-in with Microsoft 365 or Google ([web.oidc])
    routes += oidc_routes.routes(core)
    app = Starlette(routes=routes, max_body_size=MAX_BODY)
    app.state.web = WebApp(core, Jinja2Templates(env=env), timedelta(minutes=core.config.web.session_idle_minutes),
                           engine_factory, school_engines)
    trusted = core.config.web.trusted_proxies
    inner = ProxyHeadersMiddleware(app, trusted_hosts=trusted) if trusted else app
    outer = SecurityHeaders(inner)
    outer.state = app.state  # tests reach the WebApp through the outermost application
    return outer
