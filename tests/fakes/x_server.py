"""A fake X API v2 on 127.0.0.1 for tests: real HTTP, in-memory state, injectable faults.

Start API::

    fake = XFake.start()                 # threaded http.server on 127.0.0.1, port 0
    fake.url                             # "http://127.0.0.1:<port>": the account's ``api_base``
    school = fake.state.add_user("100", "oakfield_primary")
    fake.state.oauth2_tokens["tok"] = ("100", {"tweet.read", "users.read", "tweet.moderate.write"})
    fake.state.oauth1_tokens[("ck", "100-at")] = "100"   # (consumer key, access token) -> user id
    pid = fake.state.tweet("100", "Great sports day!", media=("photo",))
    rid = fake.state.tweet("200", "Well done all", reply_to=pid)
    fake.fail_next(502)                  # next request answers a 502 HTML page
    fake.fail_next(429, reset=t, path="/mentions")  # or 401, 500, 503, "html200", "timeout"
    fake.state.hidden, fake.state.requests   # what hide did; (method, path, query, auth kind) log
    fake.stop()

or the pytest fixture ``x_fake`` (import it from this module into a test file or conftest).

Wire format as X sends it: string ids, ``edit_history_tweet_ids``, ``includes.media``,
``meta.newest_id/oldest_id/next_token/result_count``, ``x-rate-limit-*`` headers (and
``x-access-level`` for OAuth 1.0a), problem documents for 401/403/404/429, HTML for 5xx.
Signatures are not verified: OAuth 1.0a needs a known consumer key and token only.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import pytest

PROBLEM = "https://api.twitter.com/2/problems/"
HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"
ROUTES = [("GET", re.compile(r"^/2/users/me$"), "me"), ("GET", re.compile(r"^/2/users/(\d+)$"), "user"),
          ("GET", re.compile(r"^/2/users/(\d+)/tweets$"), "tweets"),
          ("GET", re.compile(r"^/2/users/(\d+)/mentions$"), "mentions"),
          ("GET", re.compile(r"^/2/tweets/search/recent$"), "search"),
          ("PUT", re.compile(r"^/2/tweets/(\d+)/hidden$"), "hide")]


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@dataclass
class Fault:
    """One injected response: status (or "timeout" / "html200" / "deep_json"), for paths containing ``path``
    (or exactly ``path`` without its ``$`` when it ends with one)."""

    kind: int | str
    path: str = ""
    reset: float | None = None
    problem: str = "about:blank"  # the problem document's type (``PROBLEM + "client-forbidden"``)
    detail: str = "injected"


@dataclass
class XState:
    """Everything the fake knows. Tests read and change it directly (under ``lock`` if racing)."""

    users: dict[str, str] = field(default_factory=dict)  # id -> username
    tweets: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> wire dict (may be malformed)
    media: dict[str, str] = field(default_factory=dict)  # media_key -> type
    hidden: set[str] = field(default_factory=set)
    unindexed: set[str] = field(default_factory=set)  # tweets recent search leaves out (X's index lags or omits)
    oauth2_tokens: dict[str, tuple[str, set[str]]] = field(default_factory=dict)
    oauth1_tokens: dict[tuple[str, str], str] = field(default_factory=dict)
    access_level: str = "read-write"
    deleted_style: str = "404"  # or "problem200": a 200 with an errors array and no data
    limits: dict[str, tuple[int, float]] = field(default_factory=dict)  # endpoint -> (remaining, reset)
    requests: list[tuple[str, str, dict[str, list[str]], str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: Any = field(default_factory=lambda: itertools.count(1_850_000_000_000_000_000, 1_000))

    def add_user(self, uid: str, username: str) -> str:
        """Add a user; returns its id."""
        self.users[uid] = username
        return uid

    def tweet(self, author: str, text: str, *, reply_to: str | None = None, media: tuple[str, ...] = (),
              mentions: tuple[str, ...] = (), created_at: datetime | None = None) -> str:
        """Post a tweet (a reply when ``reply_to``); returns its id. ``mentions`` are user ids."""
        tid = str(next(self._ids))
        t: dict[str, Any] = {"id": tid, "text": text, "edit_history_tweet_ids": [tid], "author_id": author,
                             "created_at": _iso(created_at or datetime.now(UTC)), "conversation_id": tid}
        if reply_to:
            parent = self.tweets[reply_to]
            t.update(conversation_id=parent["conversation_id"], in_reply_to_user_id=parent["author_id"],
                     referenced_tweets=[{"type": "replied_to", "id": reply_to}])
            mentions = (*mentions, parent["author_id"])
        if media:
            keys = [f"3_{tid}_{i}" for i in range(len(media))]
            self.media.update(zip(keys, media, strict=True))
            t["attachments"] = {"media_keys": keys}
        t["_mentions"] = sorted(set(mentions))
        self.tweets[tid] = t
        return tid


class XFake:
    """The running fake server; see the module docstring."""

    def __init__(self, server: ThreadingHTTPServer, state: XState) -> None:
        self.server, self.state = server, state
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self.faults: list[Fault] = []
        self.timeout_delay = 2.0

    @classmethod
    def start(cls) -> XFake:
        """Start on a free port in a daemon thread."""
        state = XState()
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        fake = cls(server, state)
        server.fake = fake  # type: ignore[attr-defined]
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return fake

    def stop(self) -> None:
        """Shut the server down."""
        self.server.shutdown()
        self.server.server_close()

    def fail_next(self, kind: int | str, *, path: str = "", reset: float | None = None, times: int = 1,
                  problem: str = "about:blank", detail: str = "injected") -> None:
        """Answer the next ``times`` requests whose path contains ``path`` with a fault.

        Statuses other than 401, 429 and 5xx answer a problem document of type ``problem``.
        """
        self.faults += [Fault(kind, path, reset, problem, detail)] * times

    def calls(self, endpoint: str = "") -> list[tuple[str, str, dict[str, list[str]], str]]:
        """Requests received whose path contains ``endpoint``."""
        return [r for r in self.state.requests if endpoint in r[1]]


@pytest.fixture
def x_fake() -> Iterator[XFake]:
    """A running fake X API with empty state; stopped after the test."""
    fake = XFake.start()
    try:
        yield fake
    finally:
        fake.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch("GET")

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch("PUT")

    # -- plumbing -----------------------------------------------------------------------------

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None, html: bool = False) -> None:
        raw = body if html else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html" if html else
                         "application/problem+json" if status >= 400 else "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(raw)

    def _problem(self, status: int, title: str, detail: str, kind: str = "about:blank",
                 headers: dict[str, str] | None = None) -> None:
        self._send(status, {"title": title, "detail": detail, "type": kind, "status": status}, headers)

    def _auth(self, st: XState) -> tuple[str | None, str, set[str]]:
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            uid, scopes = st.oauth2_tokens.get(header[7:], (None, set()))
            return uid, "oauth2", scopes
        if header.startswith("OAuth "):
            params = dict(re.findall(r'(\w+)="([^"]*)"', header))
            key = (unquote(params.get("oauth_consumer_key", "")), unquote(params.get("oauth_token", "")))
            return st.oauth1_tokens.get(key), "oauth1", set()
        return None, "none", set()

    def _dispatch(self, method: str) -> None:
        fake: XFake = self.server.fake  # type: ignore[attr-defined]
        st = fake.state
        url = urlparse(self.path)
        query = parse_qs(url.query)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        uid, kind, scopes = self._auth(st)
        with st.lock:
            st.requests.append((method, url.path, query, kind))
            fault = next((f for f in fake.faults if _fault_matches(f.path, url.path)), None)
            if fault:
                fake.faults.remove(fault)
        if fault:
            return self._fault(fault, fake)
        route = next(((name, m) for verb, rx, name in ROUTES if verb == method and (m := rx.match(url.path))), None)
        if route is None:
            return self._problem(404, "Not Found", f"no route {method} {url.path}")
        if uid is None:
            return self._problem(401, "Unauthorized", "Unauthorized")
        name, match = route
        limit = self._limit(st, name)
        if limit is None:
            return
        if kind == "oauth1":
            limit["x-access-level"] = st.access_level
        handler = getattr(self, f"_{name}")
        handler(st, uid, kind, scopes, match, query, json.loads(body or b"{}"), limit)

    def _limit(self, st: XState, name: str) -> dict[str, str] | None:
        with st.lock:
            remaining, reset = st.limits.get(name, (900, time.time() + 900))
            if reset <= time.time():
                remaining, reset = 900, time.time() + 900
            headers = {"x-rate-limit-limit": "900", "x-rate-limit-reset": str(int(reset))}
            if remaining <= 0:
                self._problem(429, "Too Many Requests", "Too Many Requests", PROBLEM + "usage-capped",
                              {**headers, "x-rate-limit-remaining": "0"})
                return None
            st.limits[name] = (remaining - 1, reset)
        return {**headers, "x-rate-limit-remaining": str(remaining - 1)}

    def _fault(self, f: Fault, fake: XFake) -> None:
        if f.kind == "timeout":
            time.sleep(fake.timeout_delay)
            return self._problem(503, "Service Unavailable", "too late")
        if f.kind == "deep_json":  # valid JSON nested deeper than any decoder allows
            raw = b'{"data": ' + b"[" * 5000 + b"]" * 5000 + b"}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
            return None
        if f.kind == "html200":
            return self._send(200, HTML_502, html=True)
        if f.kind == 429:
            headers = {"x-rate-limit-remaining": "0"} | ({"x-rate-limit-reset": str(int(f.reset))} if f.reset else {})
            return self._problem(429, "Too Many Requests", "Too Many Requests", PROBLEM + "usage-capped", headers)
        if f.kind == 401:
            return self._problem(401, "Unauthorized", "Unauthorized")
        if isinstance(f.kind, int) and f.kind >= 500:
            return self._send(f.kind, HTML_502, html=True)
        return self._problem(int(f.kind), "Error", f.detail, f.problem)

    # -- endpoints ----------------------------------------------------------------------------

    def _me(self, st: XState, uid: str, *rest: Any) -> None:
        self._send(200, {"data": {"id": uid, "name": "Test School", "username": st.users.get(uid, "school")}},
                   rest[-1])

    def _user(self, st: XState, uid, kind, scopes, m, q, body, headers) -> None:
        if m.group(1) not in st.users:
            return self._problem(404, "Not Found Error", "Could not find user", PROBLEM + "resource-not-found",
                                 headers)
        self._send(200, {"data": {"id": m.group(1), "name": "Test", "username": st.users[m.group(1)]}}, headers)

    def _tweets(self, st: XState, uid, kind, scopes, m, q, body, headers) -> None:
        self._list(lambda t: t.get("author_id") == m.group(1), q, "pagination_token", (5, 100), headers)

    def _mentions(self, st: XState, uid, kind, scopes, m, q, body, headers) -> None:
        self._list(lambda t: m.group(1) in t.get("_mentions", ()), q, "pagination_token", (5, 100), headers)

    def _search(self, st: XState, uid, kind, scopes, m, q, body, headers) -> None:
        """Recent search over OR'ed ``conversation_id:``, ``from:``, ``to:`` (id or username) and ``@username``."""
        clauses = [c.strip() for c in q.get("query", [""])[0].split(" OR ")]
        week = datetime.now(UTC) - timedelta(days=7)
        with st.lock:
            ids = {name.lower(): i for i, name in st.users.items()}

        def who(value: str) -> str:
            return value if value.isdigit() else ids.get(value.lower(), "?")

        def match(t: dict[str, Any]) -> bool:
            for c in clauses:
                op, _, value = c.partition(":")
                if (op == "conversation_id" and t.get("conversation_id") == value
                        or op == "from" and t.get("author_id") == who(value)
                        or op == "to" and t.get("in_reply_to_user_id") == who(value)
                        or c.startswith("@") and who(c[1:]) in t.get("_mentions", ())):
                    return True
            return False

        self._list(lambda t: match(t) and _created(t) > week and t["id"] not in st.unindexed, q, "next_token",
                   (10, 100), headers)

    def _list(self, match: Any, q: dict[str, list[str]], token_param: str, bounds: tuple[int, int],
              headers: dict[str, str]) -> None:
        st: XState = self.server.fake.state  # type: ignore[attr-defined]
        one = {k: v[0] for k, v in q.items()}
        size = int(one.get("max_results", 10))
        if not bounds[0] <= size <= bounds[1]:
            return self._problem(400, "Invalid Request", f"max_results must be {bounds[0]}..{bounds[1]}",
                                 PROBLEM + "invalid-request", headers)
        since, until = int(one.get("since_id", 0)), int(one[token_param][1:]) if token_param in one else None
        start = datetime.fromisoformat(one["start_time"].replace("Z", "+00:00")) if "start_time" in one else None
        with st.lock:
            rows = sorted((t for t in st.tweets.values() if match(t) and _num(t) > since
                           and (until is None or _num(t) < until) and (start is None or _created(t) >= start)),
                          key=_num, reverse=True)
        page, more = rows[:size], len(rows) > size
        fields = set(one.get("tweet.fields", "").split(","))
        data = [{k: v for k, v in t.items() if k in {"id", "text", "edit_history_tweet_ids"} | fields}
                for t in page]
        out: dict[str, Any] = {"meta": {"result_count": len(page)}}
        if page:
            out["data"] = data
            out["meta"].update(newest_id=str(page[0].get("id")), oldest_id=str(page[-1].get("id")))
        if more:
            out["meta"]["next_token"] = f"t{_num(page[-1])}"
        keys = [k for t in page for k in (t.get("attachments") or {}).get("media_keys", [])]
        if keys and "attachments.media_keys" in one.get("expansions", ""):
            out["includes"] = {"media": [{"media_key": k, "type": st.media[k]} for k in keys if k in st.media]}
        authors = sorted({str(t.get("author_id")) for t in page if str(t.get("author_id")) in st.users})
        if authors and "author_id" in one.get("expansions", "").split(","):
            out.setdefault("includes", {})["users"] = [{"id": a, "username": st.users[a]} for a in authors]
        self._send(200, out, headers)

    def _hide(self, st: XState, uid, kind, scopes, m, q, body, headers) -> None:
        if kind == "oauth2" and "tweet.moderate.write" not in scopes:
            return self._problem(403, "Forbidden", "Forbidden", headers=headers)
        if kind == "oauth1" and "write" not in st.access_level:
            return self._problem(403, "Forbidden", "Your client app is not configured with the appropriate "
                                 "oauth1 app permissions for this endpoint.", PROBLEM + "oauth1-permissions",
                                 headers)
        tid = m.group(1)
        tweet = st.tweets.get(tid)
        if tweet is None:
            err = {"title": "Not Found Error", "detail": f"Could not find tweet with id: [{tid}].",
                   "type": PROBLEM + "resource-not-found", "resource_id": tid, "parameter": "id"}
            if st.deleted_style == "problem200":
                return self._send(200, {"errors": [err]}, headers)
            return self._send(404, {**err, "status": 404}, headers)
        root = st.tweets.get(tweet.get("conversation_id"), {})
        if root.get("author_id") != uid or tweet.get("conversation_id") == tid:
            return self._problem(403, "Forbidden", "You cannot hide or unhide replies to conversations you do "
                                 "not own", PROBLEM + "not-authorized-for-resource", headers)
        with st.lock:
            (st.hidden.add if body.get("hidden") else st.hidden.discard)(tid)
        self._send(200, {"data": {"hidden": bool(body.get("hidden"))}}, headers)


def _fault_matches(pattern: str, path: str) -> bool:
    """A fault's path matches any request path containing it, or exactly that path when it ends with ``$``."""
    return path == pattern[:-1] if pattern.endswith("$") else pattern in path


def _num(t: dict[str, Any]) -> int:
    try:
        return int(t.get("id") or 0)
    except ValueError:
        return 0


def _created(t: dict[str, Any]) -> datetime:
    try:
        return datetime.fromisoformat(str(t.get("created_at")).replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)
