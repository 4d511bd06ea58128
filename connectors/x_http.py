"""HTTP plumbing for the X connector: the session tweepy uses, rate-limit memory, scrubbing, paging.

tweepy 4.17 hard-codes ``https://api.twitter.com``, passes no timeout, and logs request
headers (the bearer token) and response bodies (item text) at DEBUG. Everything here
exists to correct that without patching tweepy:

- ``XSession`` rewrites the host *before* the request is prepared, so an OAuth 1.0a
  signature covers the URL actually sent, and records ``x-rate-limit-*`` and
  ``x-access-level`` headers of every response;
- ``TimeoutAdapter`` (mounted on the session) gives every request a timeout;
- ``TokenPaginator`` follows ``meta.next_token`` and refuses a token it has already seen;
- ``Scrubber`` removes secrets from any text before it reaches a message or a log.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter

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

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
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

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
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
        """Yield each page's response dict in order."""
        token: str | None = None
        for _ in range(self.max_pages):
            page = self.fetch_page(token)
            yield page
            token = (page.get("meta") or {}).get("next_token")
            if not token:
                return
            if token in self.seen:
                raise RepeatedToken("the API repeated a pagination token; stopping to avoid a loop")
            self.seen.add(token)


class Scrubber:
    """Replaces every known secret in a text with ``***``."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text: object) -> str:
        """The text with secrets (and any bearer/OAuth header value) removed."""
        out = str(text)
        for secret in self.secrets:
            out = out.replace(secret, "***")
        out = re.sub(r"(Bearer\s+)\S+", r"\1***", out)
        return re.sub(r'(oauth_[a-z_]+=")[^"]*(")', r"\1***\2", out)


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
