"""A fake Graph API on 127.0.0.1 for the Facebook and Instagram connector tests.

Usage::

    fake = GraphFake.start()          # threaded http.server on 127.0.0.1, port 0
    fake.url                          # "http://127.0.0.1:PORT": the account's ``api_base``
    fake.state.add_post(...)          # in-memory pages, posts, comments, IG media/comments
    fake.fail_next("throttle")        # the next request answers Graph error 80001
    fake.stop()

Tokens: ``fake.state.token`` is the only valid one (any other → error 190), taken from
``Authorization: Bearer|OAuth`` or the ``access_token`` parameter (counted in
``state.token_in_url``).
Faults for ``fail_next(kind, times=1, path=None, **kw)``: ``throttle`` (80001,
``regain_minutes``), ``ig_throttle`` (80002), ``http429`` (HTTP 429, ``Retry-After``
and ``X-Business-Use-Case-Usage``; ``html=True`` for an HTML body), ``html502``
(a 502 HTML page), ``no_content_type`` (500 with no Content-Type), ``expired``
(190), ``permission`` (200), ``transient`` (code 2, HTTP 500), ``error`` (any ``code``,
``sub``, ``status``), ``repeat_cursor`` (paging hands back the cursor it was given). ``path`` limits a fault to request
paths containing it. Wire format as the Graph API documents it; data is invented.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from tests.fakes.graph_expand import expansion

PAGE_ID, IG_USER_ID = "1000", "17841400000000001"
_ids = itertools.count(2001)


def gtime(dt: datetime) -> str:
    """A datetime in Graph's wire format."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def top_fields(spec: str | None) -> set[str] | None:
    """Top-level names in a ``fields`` parameter (``a,b{c,d},e.limit(1)`` → a, b, e)."""
    if not spec:
        return None
    names, depth, cur = set(), 0, ""
    for ch in spec + ",":
        depth += ch in "{(" and 1 or (-1 if ch in "})" else 0)
        if ch == "," and depth == 0:
            names.add(re.split(r"[{.(]", cur.strip(), maxsplit=1)[0])
            cur = ""
        else:
            cur += ch
    return names


@dataclass
class GraphState:
    """What the fake serves; tests read and change it directly (under ``lock``)."""

    token: str = "EAAtestPAGEtoken0000invented"
    page: dict = field(default_factory=lambda: {"id": PAGE_ID, "name": "Oakfield Primary (invented)",
                                                "instagram_business_account": {"id": IG_USER_ID}})
    ig_user: dict = field(default_factory=lambda: {"id": IG_USER_ID, "username": "oakfield_invented"})
    permissions: list = field(default_factory=lambda: [
        "pages_show_list", "pages_read_engagement", "pages_read_user_content", "pages_manage_engagement",
        "instagram_basic", "instagram_manage_comments"])
    posts: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)  # FB and IG comments, by id
    media: dict = field(default_factory=dict)
    buc_usage: dict = field(default_factory=lambda: {"call_count": 1, "total_cputime": 1, "total_time": 1,
                                                     "estimated_time_to_regain_access": 0})
    next_includes_token: bool = False
    nested_limit: int = 25  # replies expanded inside a comment before the nested page says "next"
    token_in_url: int = 0  # requests that carried access_token in the URL or body
    requests: list = field(default_factory=list)  # (method, path, params without the token)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def add_post(self, message: str, created: datetime, *, by_page: bool = True, media: str | None = None,
                 post_id: str | None = None) -> str:
        """A Page post; ``media`` is photo, video or album (a photo and a video)."""
        pid = post_id or f"{PAGE_ID}_{next(_ids)}"
        author = {"id": PAGE_ID, "name": self.page["name"]} if by_page else {"id": "9001", "name": "Visitor"}
        att = {"photo": [{"media_type": "photo", "type": "photo", "media": {"image": {"src": "x"}}}],
               "video": [{"media_type": "video", "type": "video_inline"}],
               "album": [{"media_type": "album", "type": "album", "subattachments": {"data": [
                   {"media_type": "photo", "type": "photo"}, {"media_type": "video", "type": "video"}]}}],
               }.get(media or "", [])
        self.posts[pid] = {"id": pid, "message": message, "created_time": gtime(created), "from": author,
                           "permalink_url": f"https://www.facebook.com/{pid}", "is_hidden": False,
                           **({"attachments": {"data": att}} if att else {})}
        return pid

    def add_comment(self, on: str, message: str, created: datetime, *, by_page: bool = False,
                    parent: str | None = None, can_hide: bool | None = None, raw: dict | None = None) -> str:
        """A Facebook comment on post ``on`` (a reply when ``parent`` is set); ``raw`` is served verbatim."""
        cid = f"{on.split('_')[-1]}_{next(_ids)}"
        author = {"id": PAGE_ID, "name": self.page["name"]} if by_page else {"id": "9002", "name": "Visitor"}
        row = raw if raw is not None else {
            "id": cid, "message": message, "created_time": gtime(created), "from": author,
            "is_hidden": False, "can_hide": (not by_page) if can_hide is None else can_hide,
            "permalink_url": f"https://www.facebook.com/{on}?comment_id={cid}",
            **({"parent": {"id": parent}} if parent else {})}
        self.comments[cid] = {"_on": on, "_parent": parent, "_ts": gtime(created), "_ig": False, "row": row}
        return cid

    def add_media(self, caption: str, created: datetime, media_type: str = "IMAGE") -> str:
        """An Instagram media object of the account."""
        mid = str(next(_ids)) + "0"
        self.media[mid] = {"id": mid, "caption": caption, "media_type": media_type, "timestamp": gtime(created),
                           "permalink": f"https://www.instagram.com/p/{mid}/", "username": self.ig_user["username"]}
        return mid

    def add_ig_comment(self, on: str, text: str, created: datetime, *, own: bool = False,
                       parent: str | None = None, raw: dict | None = None) -> str:
        """An Instagram comment on media ``on`` (a reply when ``parent`` is set)."""
        cid = str(next(_ids)) + "1"
        who = {"id": IG_USER_ID, "username": self.ig_user["username"]} if own else {"id": "5551",
                                                                                   "username": "visitor_a"}
        row = raw if raw is not None else {"id": cid, "text": text, "timestamp": gtime(created),
                                           "username": who["username"], "from": who, "hidden": False}
        self.comments[cid] = {"_on": on, "_parent": parent, "_ts": gtime(created), "_ig": True, "row": row}
        return cid

    def delete_comment(self, cid: str) -> None:
        """Delete a comment (as its author might) and its replies."""
        with self.lock:
            for k in [k for k, c in self.comments.items() if k == cid or c["_parent"] == cid]:
                del self.comments[k]

    def hidden(self, cid: str) -> bool:
        """Whether the comment is hidden on the fake platform."""
        row = self.comments[cid]["row"]
        return bool(row.get("hidden") if self.comments[cid]["_ig"] else row.get("is_hidden"))


class GraphFake:
    """The running server: ``url``, ``state``, ``fail_next``, ``stop``."""

    def __init__(self) -> None:
        self.state = GraphState()
        self.faults: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @classmethod
    def start(cls) -> GraphFake:
        """Start a fake on a free port."""
        fake = cls()
        fake.thread.start()
        return fake

    def stop(self) -> None:
        """Stop serving and free the port."""
        self.server.shutdown()
        self.server.server_close()

    def fail_next(self, kind: str, times: int = 1, path: str | None = None, **kw: Any) -> None:
        """Make the next ``times`` matching requests fail with fault ``kind`` (see the module doc)."""
        with self.state.lock:
            self.faults.append({"kind": kind, "times": times, "path": path, **kw})

    def take_fault(self, path: str) -> dict | None:
        """The fault that applies to this request, if any (consumes one use)."""
        with self.state.lock:
            for f in self.faults:
                if f["times"] > 0 and (f["path"] is None or f["path"] in path):
                    f["times"] -= 1
                    return f
        return None


def _error(code: int, message: str, status: int = 400, sub: int | None = None, **extra) -> tuple:
    err = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AfakeTrace0", **extra}
    if sub is not None:
        err["error_subcode"] = sub
    return status, {"error": err}


def _handler(fake: GraphFake):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep the test output (and any token) out of stderr
            pass

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_DELETE(self) -> None:
            self._serve("DELETE")

        def _serve(self, method: str) -> None:
            url = urlparse(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                params.update({k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()})
            path = re.sub(r"^/v\d+\.\d+", "", url.path).rstrip("/") or "/"
            state = fake.state
            with state.lock:
                state.requests.append((method, path, {k: v for k, v in params.items() if k != "access_token"}))
            headers = {"X-App-Usage": json.dumps({"call_count": 1, "total_cputime": 1, "total_time": 1}),
                       "X-Business-Use-Case-Usage": json.dumps({PAGE_ID: [dict(type="pages", **state.buc_usage)]})}
            fault = fake.take_fault(path)
            auth = (self.headers.get("Authorization") or "").split(" ", 1)
            given = auth[1] if len(auth) == 2 and auth[0] in ("Bearer", "OAuth") else params.get("access_token")
            if "access_token" in params:
                state.token_in_url += 1
            if given != state.token:
                status, body = _error(190, "Invalid OAuth access token - Cannot parse access token")
            elif fault and fault["kind"] != "repeat_cursor":
                status, body = _fault(fault, headers)
            else:
                with state.lock:
                    status, body = route(state, method, path, params, fake.url, repeat=bool(fault))
            self._send(status, body, headers)

        def _send(self, status: int, body: Any, headers: dict) -> None:
            ctype = "application/json; charset=UTF-8"
            if isinstance(body, tuple):
                ctype, body = body
            raw = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    return Handler


def _fault(f: dict, headers: dict) -> tuple[int, Any]:
    kind = f["kind"]
    regain = int(f.get("regain_minutes", 0))
    if kind in ("throttle", "ig_throttle", "http429"):
        usage = {"type": "pages", "call_count": 100, "total_cputime": 40, "total_time": 60,
                 "estimated_time_to_regain_access": regain}
        headers["X-Business-Use-Case-Usage"] = json.dumps({PAGE_ID: [usage]})
    if kind == "throttle":
        return _error(80001, "There have been too many calls to this Page account. Wait a bit and try again.")
    if kind == "ig_throttle":
        return _error(80002, "There have been too many calls to this Instagram account.")
    if kind == "http429":
        if "retry_after" in f:
            headers["Retry-After"] = str(f["retry_after"])
        if f.get("html"):
            return 429, ("text/html", "<html><body>Too many requests</body></html>")
        return _error(4, "(#4) Application request limit reached", status=429, is_transient=True)
    if kind == "html502":
        return 502, ("text/html; charset=utf-8", "<html><head><title>502 Bad Gateway</title></head></html>")
    if kind == "no_content_type":
        return 500, ("", "oops")
    if kind == "expired":
        return _error(190, "Error validating access token: Session has expired.", sub=463)
    if kind == "permission":
        return _error(200, "(#200) Requires pages_manage_engagement permission to manage the object", 403)
    if kind == "error":  # any Graph error body: code, sub(code), status, message
        return _error(f["code"], f.get("message", f"(#{f['code']}) invented error"), f.get("status", 400),
                      f.get("sub"))
    if kind == "transient":
        return _error(2, "An unexpected error has occurred. Please retry your request later.", 500,
                      is_transient=True)
    raise ValueError(f"unknown fault {kind!r}")


def page_of(rows: list[dict], params: dict, base: str, path: str, token: str, next_token: bool,
            repeat: bool = False) -> dict:
    """One page of an edge with ``paging.cursors`` and (when more follow) ``paging.next``."""
    limit = int(params.get("limit", 25))
    start = int(base64.b64decode(params["after"]).decode()) if params.get("after") else 0
    chunk = rows[start:start + limit]
    out: dict[str, Any] = {"data": chunk}
    if rows:
        end = limit if repeat else start + len(chunk)  # a stuck server repeats its cursor
        after = base64.b64encode(str(end).encode()).decode()
        out["paging"] = {"cursors": {"before": base64.b64encode(str(start).encode()).decode(),
                                     "after": after}}
        if start + limit < len(rows) or repeat:
            q = {k: v for k, v in params.items() if k != "access_token"}
            q["after"] = after
            if next_token:
                q["access_token"] = token
            out["paging"]["next"] = f"{base}/v25.0{path}?{urlencode(q)}"
    return out


def _gone(method: str, oid: str) -> tuple[int, dict]:
    return _error(100, f"Unsupported {method.lower()} request. Object with ID '{oid}' does not exist, cannot be "
                  "loaded due to missing permissions, or does not support this operation.", sub=33)


def route(state: GraphState, method: str, path: str, params: dict, base: str, repeat: bool = False) -> tuple:
    """Answer one authorised request from ``state``: (HTTP status, JSON body)."""
    parts = path.strip("/").split("/")
    fields = top_fields(params.get("fields"))

    def pick(row: dict) -> dict:
        return row if fields is None else {k: v for k, v in row.items() if k in fields or k == "id"}

    def page(rows: list[dict]) -> tuple[int, dict]:
        return 200, page_of([pick(r) for r in rows], params, base, path, state.token,
                            state.next_includes_token, repeat)

    def comment_rows(*, on: str | None = None, parent: str | None = None, ig: bool,
                     all_levels: bool = False, order: str | None = None) -> list[dict]:
        found = [c for c in state.comments.values() if c["_ig"] == ig and (on is None or c["_on"] == on)
                 and (all_levels or c["_parent"] == parent)]
        found.sort(key=lambda c: c["_ts"], reverse=(order or params.get("order")) == "reverse_chronological")
        return [c["row"] for c in found]

    def with_comments(row: dict, ig: bool) -> dict:
        """``row`` with its ``comments`` edge expanded as the request's fields ask (see graph_expand)."""
        ask = expansion(params.get("fields"), "comments")
        if ask is None:
            return row
        # an Instagram media's comments edge holds top-level comments (replies are their own edge); a Page
        # post's, with filter(stream), every level
        rows = comment_rows(on=row["id"], ig=ig, all_levels=not ig and ask.get("filter") == "stream",
                            order=ask.get("order"))
        if not rows:
            return row  # Graph leaves an empty edge out
        inner = top_fields(ask["fields"])
        if inner and "replies" in inner:
            rows = [dict(r, replies=page_of(comment_rows(parent=r["id"], ig=True), {"limit": state.nested_limit},
                                            base, f"/{r['id']}/replies", state.token, False))
                    if r.get("id") else r for r in rows]
        rows = [r if not inner else {k: v for k, v in r.items() if k in inner or k == "id"} for r in rows]
        return dict(row, comments=page_of(rows, {"limit": ask.get("limit", 25)}, base, f"/{row['id']}/comments",
                                          state.token, False))

    def post_row(pid: str) -> dict:
        stamps = [c["_ts"] for c in state.comments.values() if c["_on"] == pid] + [state.posts[pid]["created_time"]]
        return dict(state.posts[pid], updated_time=max(stamps))

    def media_row(mid: str) -> dict:
        n = sum(1 for c in state.comments.values() if c["_on"] == mid)
        return dict(state.media[mid], comments_count=n)

    obj, edge = parts[0], (parts[1] if len(parts) > 1 else None)
    if obj == "me" and edge is None:
        return 200, pick({"id": state.page["id"], "name": state.page["name"]})
    if obj == "me" and edge == "permissions":
        return 200, {"data": [{"permission": p, "status": "granted"} for p in state.permissions]}
    if edge is None and method == "GET":
        if obj == state.page["id"]:
            return 200, pick(state.page)
        if obj == state.ig_user["id"]:
            return 200, pick(state.ig_user)
        if obj in state.posts:
            return 200, pick(post_row(obj))
        if obj in state.media:
            return 200, pick(media_row(obj))
        if obj in state.comments:
            return 200, pick(state.comments[obj]["row"])
        return _gone(method, obj)
    if edge is None and method == "POST":
        target = state.comments.get(obj, {}).get("row") or state.posts.get(obj)
        key = "hide" if obj in state.comments and state.comments[obj]["_ig"] else "is_hidden"
        if target is None or key not in params:
            return _gone(method, obj)
        target["hidden" if key == "hide" else "is_hidden"] = params[key] == "true"
        return 200, {"success": True}
    if edge is None and method == "DELETE":
        if obj not in state.comments:
            return _gone(method, obj)
        state.delete_comment(obj)
        return 200, {"success": True}
    if obj == state.page["id"] and edge in ("feed", "published_posts") and method == "GET":
        since, until = int(params.get("since", 0)), int(params.get("until", 2**40))
        rows = [with_comments(post_row(p), ig=False) for p in state.posts]
        rows = [r for r in rows if since <= _epoch(r["created_time"]) <= until and
                (edge == "feed" or r["from"]["id"] == state.page["id"])]
        return page(sorted(rows, key=lambda r: r["created_time"], reverse=True))
    if obj in state.posts and edge == "comments":
        return page(comment_rows(on=obj, ig=False, all_levels=params.get("filter") == "stream"))
    if obj in state.comments and edge in ("comments", "replies"):
        return page(comment_rows(parent=obj, ig=state.comments[obj]["_ig"]))
    if obj == state.ig_user["id"] and edge == "media":
        return page(sorted((with_comments(media_row(m), ig=True) for m in state.media), key=lambda r: r["timestamp"],
                           reverse=True))
    if obj in state.media and edge == "comments":
        rows = comment_rows(on=obj, ig=True)
        if fields and "replies" in fields:
            rows = [dict(r, replies=page_of(comment_rows(parent=r["id"], ig=True), {"limit": state.nested_limit},
                                            base, f"/{r['id']}/replies", state.token, False))
                    if r.get("id") else r for r in rows]
        return page(rows)
    if obj in state.comments or obj in state.posts or obj in state.media:
        return _error(2500, f"Unknown path components: /{edge}")
    return _gone(method, obj)


def _epoch(stamp: str) -> int:
    return int(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z").timestamp())
