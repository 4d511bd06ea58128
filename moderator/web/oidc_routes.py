"""Sign-in with the school's Microsoft 365 (Entra ID) or Google Workspace account, by OpenID Connect.

The authorization-code flow with PKCE, through Authlib's Starlette client: the link on the sign-in page opens
``/oidc/start``, which sends the browser to the provider with a fresh state, nonce and code challenge, kept for
ten minutes in a signed cookie limited to ``/oidc``. It is a GET, and a link rather than a form, because it
changes nothing on the server (only the browser's own flow cookie), and because the pages' Content-Security-
Policy (``form-action 'self'``) rightly stops a form from leading to another site. The provider sends the
browser back to ``/oidc/callback``, where the state is checked, the code exchanged for an ID token, and the
token's signature (the provider's published keys), issuer, audience, expiry and nonce are verified before
:mod:`moderator.web.oidc_people` decides who it lets in. The session then started is the same as after a
password sign-in.
"""

from __future__ import annotations

import logging
import secrets

try:
    from httpx2 import HTTPError  # the HTTP client Authlib uses when it is installed
except ImportError:
    from httpx import HTTPError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.starlette_client import OAuth
from joserfc.errors import JoseError
from starlette.concurrency import run_in_threadpool
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route, Router

from core.errors import ConfigError
from moderator import users
from moderator.config_web import Oidc, SecretMissing
from moderator.web.app import Call
from moderator.web.auth_routes import home_for
from moderator.web.oidc_people import OidcRefused, admit, refuse
from moderator.web.sessions import PRE_COOKIE, SESSION_COOKIE, Visitor, end_session, new_session, set_flash

log = logging.getLogger(__name__)
PREFIX = "/oidc"
CALLBACK = PREFIX + "/callback"
FLOW_SECONDS = 600  # how long a started sign-in may take at the provider
SCOPES = "openid email profile"
TRY_AGAIN = "The sign-in did not complete: try again."


def routes(core) -> list[BaseRoute]:
    """The routes of OpenID Connect sign-in, when ``[web.oidc]`` is configured (none otherwise)."""
    oidc: Oidc | None = core.config.web.oidc
    if oidc is None:
        return []
    slugs = {v.slug for v in core.config.schools}
    unknown = sorted(oidc.schools_named() - slugs) if core.config.trust is not None else []
    if unknown:
        raise ConfigError([f"{core.config.path}: web.oidc.roles: no school with the slug {unknown[0]!r} (known: "
                           f"{', '.join(sorted(slugs))})"])
    try:
        flow = OidcSignIn(core, oidc)
    except SecretMissing as exc:
        raise ConfigError([f"{core.config.path}: {exc}"]) from None
    inner = Router(routes=[Route("/start", flow.start, methods=["GET"]),
                           Route("/callback", flow.callback, methods=["GET"])])
    # The flow's state lives in this signed cookie; its key is made per process (a sign-in under way when the
    # server restarts must be started again).
    app = SessionMiddleware(inner, secret_key=secrets.token_urlsafe(32), session_cookie="moderator_oidc",
                            max_age=FLOW_SECONDS, path=PREFIX, same_site="lax",
                            https_only=flow.redirect_uri.startswith("https:"))
    return [Mount(PREFIX, app=app)]


class OidcSignIn:
    """The two steps of the flow for one provider."""

    def __init__(self, core, oidc: Oidc) -> None:
        self.core, self.oidc = core, oidc
        self.redirect_uri = core.config.web.base_url() + CALLBACK
        self.client = OAuth().register(
            "provider", client_id=oidc.client_id, client_secret=oidc.client_secret(),
            server_metadata_url=oidc.discovery_url,
            client_kwargs={"scope": SCOPES, "code_challenge_method": "S256",
                           "timeout": core.config.request_timeout_seconds})

    async def start(self, request: Request) -> Response:
        """Send the browser to the provider."""
        try:
            return await self.client.authorize_redirect(request, self.redirect_uri)
        except (HTTPError, OAuthError, RuntimeError, ValueError) as exc:
            log.warning("web: %s cannot be reached for sign-in: %s", self.oidc.provider, type(exc).__name__)
            return await self._page(request, f"{self.oidc.provider} cannot be reached just now: try again later, "
                                             f"or sign in with your name and password.", 502)

    async def callback(self, request: Request) -> Response:
        """Check what the provider sent back; sign the person in or say why not."""
        address = request.client.host if request.client else "unknown"
        try:
            token = await self.client.authorize_access_token(
                request, claims_options={"iss": {"essential": True, "values": [self.oidc.issuer]}})
            claims = dict(token.get("userinfo") or {})
            if not claims:
                raise OAuthError(description="no ID token")
        except MismatchingStateError:
            return await self._refused(request, OidcRefused(TRY_AGAIN, "state missing or not this browser's"),
                                       address)
        except OAuthError as exc:
            kind = f"the provider answered {(exc.error or 'an error')[:40]}"
            return await self._refused(request, OidcRefused(TRY_AGAIN, kind), address)
        except JoseError as exc:
            kind = f"ID token rejected ({type(exc).__name__})"
            return await self._refused(request, OidcRefused(TRY_AGAIN, kind), address)
        except HTTPError as exc:
            log.warning("web: %s token request failed: %s", self.oidc.provider, type(exc).__name__)
            return await self._page(request, f"{self.oidc.provider} cannot be reached just now: try again.", 502)
        try:
            who = await run_in_threadpool(admit, self.core.sessions, self.oidc, claims, address,
                                          len(self.core.config.schools) == 1)
        except OidcRefused as refusal:
            return await self._page(request, str(refusal), 403)
        return await run_in_threadpool(self._signed_in, request, who)

    def _signed_in(self, request: Request, who: users.SignedIn) -> Response:
        """Start a session as a password sign-in does; the person lands on their first page."""
        with self.core.sessions() as s:
            old = request.cookies.get(SESSION_COOKIE)
            if old and len(old) <= 100:
                end_session(s, users.token_hash(old))
            token = new_session(s, who.user_id)
            s.flush()
            set_flash(s, users.token_hash(token), f"Signed in as {who.name} ({who.role}) with {self.oidc.provider}.")
            s.commit()
        resp = RedirectResponse(home_for(who.role), status_code=303)
        secure = request.url.scheme == "https"
        resp.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure)
        resp.delete_cookie(PRE_COOKIE, httponly=True, samesite="lax", secure=secure)
        return resp

    async def _refused(self, request: Request, refusal: OidcRefused, address: str) -> Response:
        await run_in_threadpool(refuse, self.core.sessions, self.oidc, refusal, address)
        return await self._page(request, str(refusal), 403)

    async def _page(self, request: Request, error: str, status: int) -> Response:
        """The sign-in page with ``error`` on it (and a CSRF token for its forms)."""
        csrf = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(32)
        call = Call(request, Visitor(None, None, None, csrf, None), None, request.app.state.web)
        resp = await run_in_threadpool(call.render, "sign_in.html", status, notice=None, error=error, name="")
        if csrf != request.cookies.get(PRE_COOKIE):
            resp.set_cookie(PRE_COOKIE, csrf, httponly=True, samesite="lax", secure=request.url.scheme == "https")
        return resp
