"""The Graph API transport shared by the Facebook and Instagram connectors.

A ``facebook.GraphAPI`` (facebook-sdk 3.1.0) on a ``requests.Session`` of our own
that points at the account's ``api_base`` (the SDK only knows the process-global
``facebook.FACEBOOK_GRAPH_URL``), injects a timeout into every request, and
reads the usage headers of every response through a response hook.

Every failure leaves here as one of the errors of ``connectors.base``
(``classify_error`` is the one place that maps them, tested by a table);
transient ones are retried in-process with exponential backoff and jitter
first. No message that leaves this module contains the access token.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar

import facebook
import requests

from connectors import validate
from connectors.base import (
    AccountFatal,
    ActionRefused,
    CheckResult,
    Connector,
    ConnectorError,
    ItemGone,
    ItemRef,
    RateLimited,
    Retriable,
    Scrubber,
)

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://graph.facebook.com"
DEFAULT_VERSION = "v25.0"
DEFAULT_PAUSE = timedelta(minutes=15)
USAGE_LIMIT_PERCENT = 90
THROTTLE_CODES = frozenset({4, 17, 32, 613, *range(80000, 80015)})
TRANSIENT_CODES = frozenset({1, 2})
TOKEN_CODES = frozenset({190, 102})  # 190 with subcode 463 (expired) or 467 (invalid): the token is gone
TOKEN_SUBCODES = frozenset({458, 459, 460, 463, 464, 467})
_VERSION = re.compile(r"^v\d{1,3}\.\d{1,2}$")


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def scrub(text: str, *secrets: str | None) -> str:
    """``text`` without any token (see :class:`connectors.base.Scrubber`)."""
    return Scrubber(secrets)(text)


def parse_time(value: Any, field: str = "created_time") -> datetime:
    """A Graph timestamp (``2026-11-20T09:00:00+0000``) as an aware UTC datetime; ``validate.Invalid`` if not one."""
    return validate.parse_time(value, field)


@dataclass(frozen=True)
class GraphOptions:
    """Per-account transport settings (``[[accounts]]`` keys ``api_base``, ``graph_version``, ...)."""

    api_base: str = DEFAULT_API_BASE
    version: str = DEFAULT_VERSION
    timeout: float = 30.0
    max_retries: int = 3
    retry_base_delay: float = 1.0

    @classmethod
    def from_account(cls, account, config) -> GraphOptions:
        """Read and validate the options; ``ConfigError`` names every bad key."""
        from core.errors import ConfigError

        o, problems = account.options, []
        where = f"account {account.name!r}"
        base = o.get("api_base", DEFAULT_API_BASE)
        if not isinstance(base, str) or not re.match(r"^https?://[^/\s]+", base):
            problems.append(f"{where}: api_base: must be an http(s) URL, got {base!r}")
        version = o.get("graph_version", DEFAULT_VERSION)
        if not isinstance(version, str) or not _VERSION.match(version):
            problems.append(f"{where}: graph_version: must look like 'v25.0', got {version!r}")
        retries = o.get("max_retries", 3)
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
            problems.append(f"{where}: max_retries: must be an integer from 0 to 10, got {retries!r}")
        delay = o.get("retry_base_delay", 1.0)
        if isinstance(delay, bool) or not isinstance(delay, int | float) or not 0 <= delay <= 60:
            problems.append(f"{where}: retry_base_delay: must be 0 to 60 seconds, got {delay!r}")
        if problems:
            raise ConfigError(problems)
        timeout = float(getattr(config, "request_timeout_seconds", 30.0))
        return cls(base.rstrip("/"), version, timeout, retries, float(delay))


def read_token(account, what: str) -> str:
    """The account's ``access_token`` credential; ``AccountFatal`` names the variable, never a value."""
    var = account.credentials.get("access_token")
    if not var:
        from core.errors import ConfigError

        raise ConfigError([f"account {account.name!r}: credentials.access_token: missing: name the "
                           f"environment variable that holds the {what}"])
    token = account.secret("access_token")
    if not token:
        raise AccountFatal(f"account {account.name!r}: no {what}: set the environment variable {var} "
                           f"(or {var}_FILE naming a file that holds it)")
    return token


class PaginationLoop(ConnectorError):
    """The API handed back an ``after`` cursor it had already given: following it would loop."""


class AfterCursorPaginator:
    """Follows ``paging.cursors.after`` until ``paging.next`` is absent; refuses a repeated token."""

    def __init__(self) -> None:
        self.after: str | None = None
        self._seen: set[str] = set()

    def advance(self, page: dict) -> bool:
        """Take one response page; True when there is a next page (``self.after`` set for it)."""
        paging = page.get("paging") if isinstance(page, dict) else None
        if not isinstance(paging, dict) or not paging.get("next"):
            return False
        after = (paging.get("cursors") or {}).get("after")
        if not isinstance(after, str) or not after:
            raise PaginationLoop("paging.next without paging.cursors.after")
        if after in self._seen:
            raise PaginationLoop("the same paging cursor came back twice")
        self._seen.add(after)
        self.after = after
        return True


def usage_pause(headers: Any) -> tuple[float, timedelta]:
    """Highest usage percentage and longest ``estimated_time_to_regain_access`` in the usage headers."""
    percent, regain = 0.0, 0.0
    rows: list[dict] = []
    for name in ("X-App-Usage", "X-Page-Usage", "X-Ad-Account-Usage"):
        if headers.get(name):
            rows.append(_json_object(headers[name]))
    buc = _json_object(headers.get("X-Business-Use-Case-Usage") or "{}")
    for entries in buc.values():
        rows.extend(e for e in (entries if isinstance(entries, list) else []) if isinstance(e, dict))
    for row in rows:
        for key in ("call_count", "total_time", "total_cputime", "acc_id_util_pct"):
            if isinstance(row.get(key), int | float):
                percent = max(percent, float(row[key]))
        if isinstance(row.get("estimated_time_to_regain_access"), int | float):
            regain = max(regain, float(row["estimated_time_to_regain_access"]))
    return percent, timedelta(minutes=regain)


def _json_object(raw: str) -> dict:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def retry_at_from(headers: Any, now: datetime) -> datetime:
    """When to call again after a throttle: ``Retry-After``, the usage headers, or a default pause."""
    after = headers.get("Retry-After")
    if after:
        try:
            return now + timedelta(seconds=float(after))
        except ValueError:
            try:
                return parsedate_to_datetime(after).astimezone(UTC)
            except (TypeError, ValueError):
                pass
    _, regain = usage_pause(headers)
    return now + (regain if regain > timedelta(0) else DEFAULT_PAUSE)


def classify_error(exc: BaseException, status: int | None, headers: Any, now: datetime,
                   secrets: tuple[str, ...] = ()) -> ConnectorError:
    """Map one failed call onto what the caller must do. ``Retriable`` (not ``RateLimited``) is transient."""
    headers = headers or {}
    if status == 429:
        return RateLimited("Graph API answered HTTP 429 (too many requests)", retry_at_from(headers, now))
    if not isinstance(exc, facebook.GraphAPIError):  # timeouts, connection errors, no Content-Type, bad JSON
        what = "no Content-Type" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
        return Retriable(scrub(f"Graph API request failed ({what}, HTTP {status})", *secrets)[:400])
    err = exc.result.get("error") if isinstance(exc.result, dict) else None
    if not isinstance(err, dict):  # an HTML error page or another non-JSON body
        return Retriable(f"Graph API returned a non-JSON answer (HTTP {status})")
    code, sub = (v if isinstance(v, int) and not isinstance(v, bool) else None
                 for v in (err.get("code"), err.get("error_subcode")))
    detail = scrub(f"code {code}, subcode {sub}: {str(err.get('message', ''))[:200]}", *secrets)
    if code in THROTTLE_CODES:
        return RateLimited(f"Graph API throttled this account ({detail})", retry_at_from(headers, now))
    if code in TOKEN_CODES or sub in TOKEN_SUBCODES:
        return AccountFatal(f"the access token is expired or invalid ({detail}): an administrator must "
                            "issue a new token and update its environment variable")
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        return AccountFatal(f"the token lacks a permission ({detail}): an administrator must grant it")
    if code == 100 and sub == 33:
        return ItemGone(f"the object no longer exists or is not visible to this token ({detail})")
    if code in TRANSIENT_CODES or err.get("is_transient") or (status or 0) >= 500:
        return Retriable(f"Graph API transient error ({detail})")
    # Anything else (code 100 without subcode 33, "unsupported post request", an unknown code) is about
    # the object asked for, not the account: the account stays enabled. A fetch that gets it for the
    # account's own edge (the Page feed, the Instagram media list) turns it into AccountFatal itself.
    return ActionRefused(f"Graph API refused the request for this object ({detail})")


class GraphSession(requests.Session):
    """A session that sends every Graph call to ``api_base`` with a default timeout."""

    def __init__(self, api_base: str, timeout: float) -> None:
        super().__init__()
        self.api_base = api_base.rstrip("/") + "/"
        self.timeout = timeout

    def request(self, method, url, *args, **kwargs):  # noqa: D102 - requests' own signature
        prefix = facebook.FACEBOOK_GRAPH_URL
        if isinstance(url, str) and url.startswith(prefix):
            url = self.api_base + url[len(prefix):]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().request(method, url, *args, **kwargs)


class GraphTransport:
    """One account's Graph client: versioned calls, in-process retries, usage-aware pausing."""

    def __init__(self, token: str, options: GraphOptions, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.options = options
        self.session = GraphSession(options.api_base, options.timeout)
        self.session.hooks["response"].append(self._on_response)
        # The token goes in a header, not (as the SDK would put it) in the URL, where urllib3's debug
        # log, requests' exception messages and any proxy log would carry it.
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.api = facebook.GraphAPI(access_token=None, timeout=options.timeout, session=self.session)
        self.api.version = options.version  # the SDK's constructor rejects every current version
        self._token = token
        self.sleep, self.clock = sleep, clock
        self.blocked_until: datetime | None = None
        self._status: int | None = None
        self._headers: Any = {}

    def _on_response(self, response: requests.Response, *args, **kwargs) -> None:
        self._status, self._headers = response.status_code, response.headers
        percent, regain = usage_pause(response.headers)
        if percent >= USAGE_LIMIT_PERCENT or regain > timedelta(0):
            until = self.clock() + (regain if regain > timedelta(0) else DEFAULT_PAUSE)
            self.blocked_until = max(until, self.blocked_until or until)
            log.warning("Graph usage at %.0f%%: pausing this account until %s", percent, until.isoformat())

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET ``/{version}/{path}``."""
        return self._call(path, dict(params or {}), None)

    def post(self, path: str, data: dict[str, Any]) -> Any:
        """POST ``/{version}/{path}`` with form data."""
        return self._call(path, None, dict(data))

    def pages(self, path: str, params: dict[str, Any], after: str | None = None) -> Iterator[dict]:
        """Every page of an edge (from ``after``), following ``paging.cursors.after``; may raise ``PaginationLoop``."""
        pager = AfterCursorPaginator()
        pager.after = after
        while True:
            query = dict(params, after=pager.after) if pager.after else dict(params)
            page = self.get(path, query)
            if not isinstance(page, dict) or not isinstance(page.get("data"), list):
                raise Retriable(f"Graph API edge {path.split('/')[-1]} answered without a data list")
            yield page
            if not pager.advance(page):
                return

    def _call(self, path: str, params: dict | None, data: dict | None) -> Any:
        attempts = self.options.max_retries + 1
        for attempt in range(attempts):
            now = self.clock()
            if self.blocked_until and now < self.blocked_until:
                raise RateLimited("Graph API usage is near its limit: pausing this account",
                                  self.blocked_until)
            self._status, self._headers = None, {}
            try:
                return self.api.request(f"{self.options.version}/{path}", params, data)
            except Exception as exc:  # noqa: BLE001 - classify_error decides, nothing escapes unmapped
                error = classify_error(exc, self._status, self._headers, self.clock(), (self._token,))
            if isinstance(error, RateLimited):
                self.blocked_until = error.retry_at
            if type(error) is not Retriable or attempt == attempts - 1:
                raise error from None
            delay = self.options.retry_base_delay * (2 ** attempt) * (0.5 + random.random())
            log.info("Graph call failed (%s); retry %d of %d in %.2fs", error, attempt + 1,
                     attempts - 1, delay)
            self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Close the HTTP session."""
        self.session.close()


def row_id(row: Any) -> str:
    """The ``id`` of a payload row; ``validate.Invalid`` when the row is not an object or the id is bad."""
    if not isinstance(row, dict):
        raise validate.Invalid(f"not a JSON object, got {type(row).__name__}")
    return validate.clean_id(row.get("id"))


def row_text(row: dict, key: str) -> str:
    """A text field of a row ("" when absent); ``validate.Invalid`` when it is not a string."""
    return validate.text(row.get(key), key)


def author_id(row: dict) -> str | None:
    """``from.id`` of a row (None when Graph leaves ``from`` out); ``validate.Invalid`` for a malformed one."""
    return validate.optional_id(validate.as_dict(row.get("from"), "from").get("id"), "from.id")


class Watermark:
    """Newest creation second seen on one edge, and the ids seen at that second.

    Stored in the cursor as ``{"c": epoch, "b": [ids]}``; a re-read returns only
    items that are newer, or at that second but not yet seen.
    """

    def __init__(self, stored: Any = None) -> None:
        stored = stored if isinstance(stored, dict) else {}
        self.at: int | None = stored.get("c") if isinstance(stored.get("c"), int) else None
        self.ids: set[str] = {i for i in stored.get("b") or [] if isinstance(i, str)}

    def older(self, created: datetime) -> bool:
        """Whether ``created`` is before the watermark (so everything after it, newest first, is too)."""
        return self.at is not None and created.timestamp() < self.at

    def is_new(self, external_id: str, created: datetime) -> bool:
        """Whether an item has not been returned before."""
        t = int(created.timestamp())
        return self.at is None or t > self.at or (t == self.at and external_id not in self.ids)

    def see(self, external_id: str, created: datetime) -> None:
        """Move the watermark past an item being returned."""
        t = int(created.timestamp())
        if self.at is None or t > self.at:
            self.at, self.ids = t, {external_id}
        elif t == self.at:
            self.ids.add(external_id)

    def to_json(self, unfinished: bool = False) -> dict[str, Any]:
        """The cursor form; ``unfinished`` when the edge could not be read to the end (read it again next poll)."""
        return {"c": self.at, "b": sorted(self.ids), **({"again": True} if unfinished else {})}

    @staticmethod
    def unfinished(stored: Any) -> bool:
        """Whether a stored watermark says its edge must be read again."""
        return isinstance(stored, dict) and stored.get("again") is True


class GraphConnector(Connector):
    """What the Facebook and Instagram connectors share: building, hiding, checks."""

    token_what: ClassVar[str] = "access token"
    hide_field: ClassVar[str] = "is_hidden"
    hide_permission: ClassVar[str] = ""
    posts_edge: ClassVar[str] = ""
    comment_params: ClassVar[dict[str, str]] = {}
    page_size: ClassVar[int] = 50  # rows per request (tests make it small to exercise paging)
    can_hide_comments = True

    def __init__(self, account, transport: GraphTransport) -> None:
        super().__init__(account)
        self.graph = transport

    @classmethod
    def from_config(cls, account, config) -> GraphConnector:
        """Options from the account table, the token from the environment."""
        options = GraphOptions.from_account(account, config)
        return cls(account, GraphTransport(read_token(account, cls.token_what), options))

    def _set_hidden(self, ref: ItemRef, hidden: bool) -> None:
        if ref.kind != "comment":
            raise NotImplementedError(f"{self.platform} posts are flagged, never hidden by this connector")
        answer = self.graph.post(ref.external_id, {self.hide_field: "true" if hidden else "false"})
        if not (isinstance(answer, dict) and answer.get("success") is True):
            raise Retriable(f"Graph API did not confirm {'hiding' if hidden else 'restoring'} "
                            f"comment {ref.external_id}")

    def hide(self, ref: ItemRef) -> None:
        """Hide a comment (idempotent: hiding a hidden comment succeeds)."""
        self._set_hidden(ref, True)

    def restore(self, ref: ItemRef) -> None:
        """Make a hidden comment visible again (idempotent)."""
        self._set_hidden(ref, False)

    @staticmethod
    def _check(what: str, probe: Callable[[], str]) -> CheckResult:
        try:
            return CheckResult(what, True, probe())
        except (ConnectorError, KeyError, TypeError, IndexError) as exc:
            return CheckResult(what, False, str(exc) or type(exc).__name__)

    def check(self) -> list[CheckResult]:
        """Token valid (``GET /{account-id}``), posts and comments readable, hide permission granted.

        The permission is read from ``GET /me/permissions`` (granted entries).
        """
        aid = self.account.account_id
        token = self._check("token valid", lambda: f"account {self.graph.get(aid, {'fields': 'id'})['id']}")
        if not token.ok:
            return [token]
        first: list[str] = []

        def posts() -> str:
            rows = self.graph.get(f"{aid}/{self.posts_edge}", {"fields": "id", "limit": 1})["data"]
            first.extend(r["id"] for r in rows[:1])
            return f"{len(rows)} post(s) in the first page"

        def comments() -> str:
            if not first:
                return "no post to read comments from"
            self.graph.get(f"{first[0]}/comments", dict(self.comment_params, fields="id", limit=1))
            return "comments readable"

        def permission() -> str:
            rows = self.graph.get("me/permissions").get("data", [])
            granted = {r.get("permission") for r in rows if isinstance(r, dict) and r.get("status") == "granted"}
            if self.hide_permission not in granted:
                raise AccountFatal(f"permission {self.hide_permission} is not granted to this token")
            return f"{self.hide_permission} granted"

        return [token, self._check("can read posts", posts), self._check("can read comments", comments),
                self._check("can hide comments", permission)]

    def close(self) -> None:
        """Close the HTTP session."""
        self.graph.close()
