"""A small OpenID Connect provider on 127.0.0.1 for the sign-in tests (it stands in for Entra ID or Google).

Usage::

    idp = OidcProvider.start(client_id="moderator-test", client_secret="s3cret")
    idp.issuer                      # "http://127.0.0.1:PORT": the [web.oidc] issuer
    idp.person = {"sub": "u1", "email": "ann@oakfield.example", "email_verified": True, "groups": ["g-dsl"]}
    idp.token_changes = {"aud": "another-app"}   # claims of the next ID tokens changed (or removed with None)
    idp.sign_with_wrong_key = True  # the next ID tokens are signed by a key the JWKS does not hold (same kid)
    idp.stop()

Endpoints: the discovery document, the JWKS, ``/authorize`` (the person above is taken as signed in: it answers
at once with a redirect carrying a one-time code and the state) and ``/token`` (checks the client's secret, the
code, the redirect address and the PKCE verifier; answers with a signed ID token). Keys are made at start.
Every authorization request's parameters are kept in ``idp.authorize_requests``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

KID = "test-key-1"


class OidcProvider:
    """The provider's state and its HTTP server."""

    def __init__(self, client_id: str, client_secret: str) -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig", "alg": "RS256"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig", "alg": "RS256"})
        self.person: dict[str, Any] = {"sub": "subject-1", "email": "person@oakfield.example",
                                       "email_verified": True, "name": "Test Person"}
        self.token_changes: dict[str, Any] = {}
        self.sign_with_wrong_key = False
        self.authorize_requests: list[dict[str, str]] = []
        self.codes: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @classmethod
    def start(cls, client_id: str = "moderator-test", client_secret: str = "test-client-secret") -> OidcProvider:
        """A provider serving on a free loopback port."""
        idp = cls(client_id, client_secret)
        idp.thread.start()
        return idp

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict[str, Any]:
        """The discovery document."""
        return {"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}

    def jwks(self) -> dict[str, Any]:
        """The public keys (only the genuine one)."""
        return KeySet([self.key]).as_dict(private=False)

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str]]:
        """The answer to an authorization request: a redirect back with a code, or 400."""
        self.authorize_requests.append(query)
        if query.get("client_id") != self.client_id or query.get("response_type") != "code" \
                or "openid" not in query.get("scope", "").split() or not query.get("redirect_uri"):
            return 400, {}
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.codes[code] = {"query": query, "person": dict(self.person), "at": time.time()}
        back = {"code": code, "state": query.get("state", "")}
        return 302, {"Location": f"{query['redirect_uri']}?{urlencode(back)}"}

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, Any]]:
        """The token endpoint: the checks a real provider makes, then a signed ID token."""
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
            client_id, secret = unquote(client_id), unquote(secret)
        if client_id != self.client_id or not hmac.compare_digest(secret or "", self.client_secret):
            return 401, {"error": "invalid_client"}
        with self.lock:
            grant = self.codes.pop(form.get("code", ""), None)
        if form.get("grant_type") != "authorization_code" or grant is None:
            return 400, {"error": "invalid_grant"}
        query = grant["query"]
        if form.get("redirect_uri") != query["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        if query.get("code_challenge_method") != "S256" or not _pkce_ok(form.get("code_verifier", ""),
                                                                        query.get("code_challenge", "")):
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 600, **grant["person"]}
        if query.get("nonce"):
            claims["nonce"] = query["nonce"]
        for name, value in self.token_changes.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        key = self.other_key if self.sign_with_wrong_key else self.key
        id_token = jwt.encode({"alg": "RS256", "kid": KID}, claims, key)
        return 200, {"access_token": secrets.token_urlsafe(24), "token_type": "Bearer", "expires_in": 600,
                     "id_token": id_token}


def _pkce_ok(verifier: str, challenge: str) -> bool:
    digest = hashlib.sha256(verifier.encode()).digest()
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return bool(verifier) and hmac.compare_digest(expected, challenge)


def _handler(idp: OidcProvider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            if parts.path == "/.well-known/openid-configuration":
                self._json(200, idp.discovery())
            elif parts.path == "/jwks":
                self._json(200, idp.jwks())
            elif parts.path == "/authorize":
                status, headers = idp.authorize({k: v[0] for k, v in parse_qs(parts.query).items()})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            if urlsplit(self.path).path != "/token":
                self._json(404, {"error": "not_found"})
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            form = {k: v[0] for k, v in parse_qs(body).items()}
            self._json(*idp.token(form, self.headers.get("Authorization")))

    return Handler
