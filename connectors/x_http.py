"""HTTP plumbing for the X connector: the session tweepy uses, rate-limit memory, scrubbing, paging.

tweepy 4.17 hard-codes ``https://api.twitter.com``, passes no timeout, and logs request
headers (the bearer token) and response bodies (item text) at DEBUG. Everything here
exists to correct that without patching tweepy:

- ``XSession`` rewrites the host *before* the request is prepared, so an OAuth 1.0a
  signature covers the URL actually sent, and records ``x-rate-limit-*`` and
  ``x-access-level`` headers of every response;
- ``TimeoutAdapter`` (mounted on the session) gives every request a timeout;
- ``TokenPaginator`` follows ``meta.next_token`` and refuses a token it has already seen;
- ``Scrubber`` removes secrets from any text before it reaches a message or a log;
- ``XCaller`` maps every response onto what the caller must do (STYLE.md).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
import tweepy
from requests.adapters import HTTPAdapter

from connectors.base import AccountFatal, ActionRefused, ConnectorError, RateLimited, Retriable, Scrubber

log = logging.getLogger(__name__)

TWEEPY_HOST = "https://api.twitter.com"


def route_key(path: str) -> str:
    """A rate-limit bucket for a URL path: ``/2/users/123/tweets`` → ``/2/users/:id/tweets``."""
    parts = path.split("?", 1)[0].split("/")
    return "/".join(":id" if i > 1 and p.isdigit() else p for i, p in enumerate(parts))


class TimeoutAdapter(HTTPAdapter):
    """An adapter that gives every request a timeout when the caller (tweepy) passes none."""

    def __init__(self, timeout: float, **kwargs: Any) -> None:
        self.timeout = timeout
        super().__init__(max_retries=0, **kwargs)

    def send(self, request: requests.PreparedRequest,  # type: ignore[override]
             **kwargs: Any) -> requests.Response:
        """Send with ``self.timeout`` unless a timeout was given."""
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


@dataclass
class Limit:
    """What the last response of one endpoint said about its rate-limit window."""

    remaining: int
    reset: float  # epoch seconds


class XSession(requests.Session):
    """The ``requests.Session`` given to ``tweepy.Client``: host rewrite, timeout, header memory."""

    def __init__(self, api_base: str, timeout: float) -> None:
        super().__init__()
        self.api_base = api_base.rstrip("/")
        self.limits: dict[str, Limit] = {}
        self.access_level: str | None = None
        adapter = TimeoutAdapter(timeout)
        self.mount("https://", adapter)
        self.mount("http://", adapter)
        self.hooks["response"].append(self._remember)

    def request(self, method: str | bytes, url: str | bytes,  # type: ignore[override]
                *args: Any, **kwargs: Any) -> requests.Response:
        """Rewrite tweepy's hard-coded host to ``api_base`` before auth signs the request."""
        if isinstance(url, str) and url.startswith(TWEEPY_HOST):
            url = self.api_base + url[len(TWEEPY_HOST):]
        return super().request(method, url, *args, **kwargs)

    def _remember(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        headers = response.headers
        if "x-access-level" in headers:
            self.access_level = headers["x-access-level"]
        try:
            remaining = int(headers["x-rate-limit-remaining"])
            reset = float(headers["x-rate-limit-reset"])
        except (KeyError, ValueError):
            return
        path = requests.utils.urlparse(response.url).path
        self.limits[route_key(path)] = Limit(remaining, reset)

    def blocked_until(self, route: str, now: float | None = None) -> float | None:
        """The reset time when the last response for ``route`` left no calls in its window."""
        limit = self.limits.get(route)
        now = time.time() if now is None else now
        if limit is not None and limit.remaining <= 0 and limit.reset > now:
            return limit.reset
        return None


class RepeatedToken(Exception):
    """The API handed back a pagination token it had already given: stop rather than loop."""


class TokenPaginator:
    """Follows ``meta.next_token`` across pages; refuses a token seen before.

    ``fetch_page(token)`` returns one response dict; ``None`` is the first page.
    """

    def __init__(self, fetch_page: Any, max_pages: int = 50) -> None:
        self.fetch_page = fetch_page
        self.max_pages = max_pages
        self.seen: set[str] = set()

    def pages(self) -> Iterable[dict[str, Any]]:
        """Yield each page's response dict in order, at most ``max_pages`` of them."""
        token: str | None = None
        for _ in range(self.max_pages):
            page = self.fetch_page(token)
            yield page
            meta = page.get("meta") if isinstance(page, dict) else None
            token = meta.get("next_token") if isinstance(meta, dict) else None
            if not isinstance(token, str) or not token:
                return
            if token in self.seen:
                raise RepeatedToken("the API repeated a pagination token; stopping to avoid a loop")
            self.seen.add(token)
        log.warning("stopped after %d pages; older results of this request are not fetched", self.max_pages)


RATE_LIMIT_DEFAULT = 900.0  # seconds, when a 429 carries no reset header (X windows are 15 minutes)


class ReplyNotHideable(ActionRefused):
    """X refused for good to hide this item (not a reply in a conversation the account started).

    An ``ActionRefused`` that is ``permanent``: retrying cannot help.
    """

    permanent = True


class XCaller:
    """Runs one tweepy call: rate-limit pre-check, in-process retries, errors named for the caller.

    The one place API responses become ``RateLimited``, ``Retriable``, ``AccountFatal``,
    ``ItemGone`` or ``ReplyNotHideable``; every message is scrubbed of secrets.
    """

    def __init__(self, session: XSession, scrub: Scrubber, *, name: str, oauth2: bool, retries: int = 3,
                 retry_base: float = 1.0, sleep: Any = time.sleep, clock: Any = time.time) -> None:
        self.session, self.scrub, self.name, self.oauth2 = session, scrub, name, oauth2
        self.retries, self.retry_base, self.sleep, self.clock = retries, retry_base, sleep, clock

    def precheck(self, route: str) -> None:
        """Raise RateLimited when the last response for ``route`` left no calls before its reset."""
        reset = self.session.blocked_until(route, self.clock())
        if reset is not None:
            raise RateLimited(f"X rate limit for {route} used up (account {self.name})",
                              retry_at=datetime.fromtimestamp(reset, UTC))

    def __call__(self, route: str, fn: Any, *args: Any, on_404: type[ConnectorError] = AccountFatal,
                 **kwargs: Any) -> dict[str, Any]:
        """One API call with in-process retries for transient failures; errors mapped for the caller."""
        name, what = self.name, "no attempt"
        for attempt in range(self.retries + 1):
            self.precheck(route)
            try:
                return fn(*args, **kwargs)
            except tweepy.TooManyRequests as exc:
                at = exc.reset_time if exc.reset_time and exc.reset_time > self.clock() else None
                at = at or self.clock() + RATE_LIMIT_DEFAULT
                raise RateLimited(f"X returned 429 for {route} (account {name})",
                                  retry_at=datetime.fromtimestamp(at, UTC)) from None
            except tweepy.Unauthorized:
                raise AccountFatal(f"X rejected the credentials of account {name} (401): the token has expired "
                                   f"or was revoked; authorise the app again and update the credential "
                                   f"environment variables") from None
            except tweepy.Forbidden as exc:
                raise self._forbidden(exc, route) from None
            except tweepy.NotFound as exc:
                raise on_404(f"X says {route} does not exist (404) for account {name}: "
                             f"{self._detail(exc)}") from None
            except tweepy.BadRequest as exc:
                if not_found(exc.api_errors):
                    raise on_404(f"X could not find the target of {route}: {self._detail(exc)}") from None
                if route.endswith("/hidden"):  # about this one reply, not the account
                    raise ActionRefused(f"X refused to hide or restore this reply (400): "
                                        f"{self._detail(exc)}") from None
                raise AccountFatal(f"X rejected a request to {route} (400) for account {name}: "
                                   f"{self._detail(exc)}") from None
            except RecursionError:  # an answer nested too deeply to decode: nothing in it can be read
                raise Retriable(f"X answered {route} with JSON nested too deeply (account {name})") from None
            except (tweepy.TwitterServerError, requests.RequestException, tweepy.HTTPException) as exc:
                what = type(exc).__name__
                if attempt < self.retries:
                    delay = random.uniform(0.5, 1.0) * self.retry_base * 2 ** attempt
                    log.info("account %s: %s on %s, retry %d in %.2fs", name, what, route, attempt + 1, delay)
                    self.sleep(delay)
        raise Retriable(f"X API kept failing on {route} for account {name} ({what} after "
                        f"{self.retries + 1} attempts)")

    def _detail(self, exc: tweepy.HTTPException) -> str:
        return self.scrub("; ".join(map(str, exc.api_messages)) or getattr(exc.response, "reason", "") or "")[:300]

    def _forbidden(self, exc: tweepy.HTTPException, route: str) -> ConnectorError:
        """403: about one reply (not in a conversation the account started) or the account (permission)."""
        detail, kind = self._detail(exc), problem_type(exc)
        account_level = kind.endswith(ACCOUNT_PROBLEMS) or not kind.endswith(OBJECT_PROBLEMS) and (
            "permission" in detail.lower() or "scope" in detail.lower() or detail.strip() in ("", "Forbidden"))
        if route.endswith("/hidden") and not account_level:
            return ReplyNotHideable(f"X refused to hide or restore this reply: {detail}")
        how = ("grant the OAuth 2 token the scopes tweet.read users.read tweet.moderate.write" if self.oauth2
               else "give the X app Read and Write permission and re-issue the access token")
        return AccountFatal(f"X refused {route} for account {self.name} (403 missing permission): "
                            f"{detail}; {how}")


ACCOUNT_PROBLEMS = ("oauth1-permissions", "client-forbidden", "unsupported-authentication")
OBJECT_PROBLEMS = ("not-authorized-for-resource", "resource-not-found", "invalid-request")


def problem_type(exc: tweepy.HTTPException) -> str:
    """The ``type`` of an X problem document (``.../2/problems/oauth1-permissions``), or ""."""
    try:
        body = exc.response.json()
    except (ValueError, AttributeError):
        return ""
    kind = body.get("type") if isinstance(body, dict) else None
    return kind if isinstance(kind, str) else ""


def not_found(errors: list[Any]) -> bool:
    """Whether an X errors array says the target does not exist."""
    return any(isinstance(e, dict) and (e.get("title") in ("Not Found Error", "Resource Not Found")
                                         or str(e.get("type", "")).endswith("resource-not-found"))
               for e in errors)


SECRET_LOGGERS = ("tweepy.client", "requests_oauthlib", "oauthlib")


def silence_tweepy_debug() -> None:
    """Raise the loggers that write secrets at DEBUG to INFO.

    tweepy.client logs the Authorization header and response bodies (item text);
    requests_oauthlib and oauthlib log the consumer key and access token while signing.
    """
    for name in SECRET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.INFO:
            logger.setLevel(logging.INFO)
