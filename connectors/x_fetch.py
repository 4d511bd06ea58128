"""Reading an X account: the full poll of three streams, and one search between full polls.

A full poll reads three streams, one bookmark (``since_id`` from ``meta.newest_id``) each:

- ``posts``: the account's own tweets (``get_users_tweets``);
- ``mentions``: tweets mentioning it (``get_users_mentions``);
- ``replies``: replies in conversations the account started, by recent search
  ``conversation_id:A OR conversation_id:B ...`` (X keeps 7 days), with one ``since_id``
  per conversation so a newly watched conversation is searched from its start.

Between full polls one search reads all three (:mod:`connectors.x_search`): a quiet poll is one request.

Cursor: ``{"v": 2, "posts": id, "mentions": id, "search": id, "username": str, "full_at": iso,
"conversations": {root_id: {"since_id": id, "created_at": iso}}}`` (ids and the account's public
handle only, never a token; a ``v: 1`` cursor is read and gets a full poll).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors import validate, x_search
from connectors.base import FetchResult, Retriable
from connectors.x_http import RepeatedToken, TokenPaginator

log = logging.getLogger("connectors.x")

TWEET_FIELDS = ["author_id", "created_at", "conversation_id", "in_reply_to_user_id", "attachments",
                "referenced_tweets", "edit_history_tweet_ids", "entities"]
FETCH_ROUTES = ("/2/users/:id/tweets", "/2/users/:id/mentions", x_search.SEARCH_ROUTE)
SEARCH_WINDOW = timedelta(days=7) - timedelta(hours=1)  # margin: X rejects a since_id older than 7 days
ROOT_MEMORY = timedelta(days=30)  # how long a conversation root is remembered for "hideable"


class XFetching:
    """The reading half of :class:`connectors.x.XConnector` (which gives ``call``, ``client``, ``parse_page``)."""

    def _paged(self, route: str, fn: Any, token_param: str, **params: Any) -> list[dict[str, Any]]:
        def page(token: str | None) -> dict[str, Any]:
            extra = {token_param: token} if token else {}
            return self.call(route, fn, user_auth=self.user_auth, max_results=self.page_size,
                             tweet_fields=TWEET_FIELDS, expansions=["author_id", "attachments.media_keys"],
                             media_fields=["type", "url"], **params, **extra)
        try:
            return list(TokenPaginator(page).pages())
        except RepeatedToken as exc:
            raise Retriable(f"{exc} ({route}, account {self.account.name})") from None

    def fetch(self, cursor: dict[str, Any] | None, since: datetime) -> FetchResult:
        """New items since the cursor (or ``since`` on the first run): one search, or the three streams."""
        cur = cursor if cursor and cursor.get("v") in (1, 2) else {}
        now = datetime.now(UTC)
        roots: dict[str, dict[str, str]] = {
            str(k): dict(v) for k, v in _dict(cur.get("conversations")).items()
            if isinstance(v, dict) and _digits(v.get("since_id")) and _within(v.get("created_at"), now - ROOT_MEMORY)}
        if x_search.needs_full(cur, now, SEARCH_WINDOW):
            streams, cursor_out = self._fetch_streams(cur, since, roots, now)
        else:
            streams, cursor_out = self._fetch_search(cur, roots, now)
        result = FetchResult(cursor={"v": 2, **cursor_out, "conversations": roots})
        seen: set[str] = set()
        for pages, own in streams:
            for page in pages:
                items, skipped = self.parse_page(page, roots, own)
                result.skipped.extend(skipped)
                for item in items:  # one tweet may come in two streams: it is one item
                    if item.external_id not in seen:
                        seen.add(item.external_id)
                        result.items.append(item)
        log.info("account %s: %d items, %d skipped, %d conversations watched", self.account.name,
                 len(result.items), len(result.skipped), len(roots))
        return result

    def _fetch_streams(self, cur: dict[str, Any], since: datetime, roots: dict[str, dict[str, str]],
                       now: datetime) -> tuple[list, dict[str, Any]]:
        """The full poll: timeline, mentions and conversations, each from its own bookmark."""
        for route in FETCH_ROUTES:  # a throttled stream means no call at all: reading is paid per use
            self.call.precheck(route)
        uid = str(self.account.account_id)
        first = {"start_time": since} if since else {}
        posts = self._paged("/2/users/:id/tweets", self.client.get_users_tweets, "pagination_token", id=uid,
                            **({"since_id": cur["posts"]} if cur.get("posts") else first))
        mentions = self._paged("/2/users/:id/mentions", self.client.get_users_mentions, "pagination_token",
                               id=uid, **({"since_id": cur["mentions"]} if cur.get("mentions") else first))
        self._watch_new_roots(posts, roots, uid, own_stream=True)
        replies = self._search_replies(roots, now)
        username = x_search.username_in(posts + mentions, uid) or self._username(uid)
        newest = _newest(posts + mentions + replies, cur.get("search"))
        return [(replies, False), (posts, True), (mentions, False)], {
            "posts": _newest(posts, cur.get("posts")), "mentions": _newest(mentions, cur.get("mentions")),
            "search": newest, "username": username, "full_at": now.isoformat()}

    def _fetch_search(self, cur: dict[str, Any], roots: dict[str, dict[str, str]],
                      now: datetime) -> tuple[list, dict[str, Any]]:
        """Between full polls: one search for everything (:mod:`connectors.x_search`)."""
        self.call.precheck(x_search.SEARCH_ROUTE)
        uid = str(self.account.account_id)
        live = self._live(roots, now)
        head = x_search.account_clauses(uid, cur["username"])
        # from the newest id any poll has seen; for an account with nothing at all yet, from the last full poll
        since = {"since_id": cur["search"]} if x_search.is_id(cur.get("search")) else \
            {"start_time": validate.parse_time(cur["full_at"])}
        pages: list[dict[str, Any]] = []
        for q, ids in x_search.batches(head, live, self.query_max):
            got = self._search(q, since)  # every live conversation was read that far
            self._advance(roots, ids, got)
            pages += got
        fresh = self._watch_new_roots(pages, roots, uid, own_stream=False)
        pages += self._search_replies({r: roots[r] for r in fresh}, now)  # a new post's whole conversation
        keep = ("posts", "mentions", "username", "full_at")
        return [(pages, False)], {**{k: cur[k] for k in keep if cur.get(k)},
                                  "search": _newest(pages, cur.get("search"))}

    def _username(self, uid: str) -> str | None:
        """The account's username (for its mentions in a search), asked of X when no page expanded it.

        A passing failure leaves it unknown (the next poll is a full one again) rather than failing a poll that
        has already read the streams; a refused token or a deleted account still stops the account.
        """
        try:
            body = self.call("/2/users/:id", self.client.get_user, id=uid, user_auth=self.user_auth)
        except Retriable:
            return None
        name = _dict(_dict(body).get("data")).get("username")
        return name if x_search.is_handle(name) else None

    @staticmethod
    def _watch_new_roots(pages: list[dict[str, Any]], roots: dict[str, dict[str, str]], uid: str,
                         own_stream: bool) -> list[str]:
        """Remember each conversation the account started in ``pages``; returns the roots new to the cursor.

        ``own_stream``: the pages are the account's timeline, so a tweet without ``author_id`` is its own.
        """
        new = []
        for page in pages:
            for t in _list(_dict(page).get("data")):
                if not isinstance(t, dict):
                    continue
                tid, created = t.get("id"), _parse_time(t.get("created_at"))
                author = t.get("author_id")
                mine = str(author) == uid if author is not None else own_stream
                if _digits(tid) and created and t.get("conversation_id") in (None, tid) and tid not in roots and mine:
                    roots[tid] = {"since_id": tid, "created_at": created.isoformat()}
                    new.append(tid)
        return new

    def _search_replies(self, roots: dict[str, dict[str, str]], now: datetime) -> list[dict[str, Any]]:
        """Search recent conversations in batches that fit one query; move each conversation's since_id."""
        pages: list[dict[str, Any]] = []
        for q, ids in x_search.batches([], self._live(roots, now), self.query_max):
            got = self._search(q, {"since_id": min((roots[r]["since_id"] for r in ids), key=int)})
            self._advance(roots, ids, got)
            pages += got
        return pages

    def _search(self, query: str, since: dict[str, Any]) -> list[dict[str, Any]]:
        return self._paged(x_search.SEARCH_ROUTE, self.client.search_recent_tweets, "next_token", query=query,
                           **since)

    @staticmethod
    def _live(roots: dict[str, dict[str, str]], now: datetime) -> list[str]:
        """The roots X still searches (seven days), oldest bookmark first."""
        return sorted((r for r, v in roots.items() if _within(v["created_at"], now - SEARCH_WINDOW)),
                      key=lambda r: int(roots[r]["since_id"]))

    @staticmethod
    def _advance(roots: dict[str, dict[str, str]], ids: list[str], pages: list[dict[str, Any]]) -> None:
        newest = _newest(pages, None)
        for r in ids:
            if newest and int(newest) > int(roots[r]["since_id"]):
                roots[r]["since_id"] = newest


def _parse_time(value: Any) -> datetime | None:
    try:
        return validate.parse_time(value)
    except validate.Invalid:
        return None


_digits = x_search.is_id  # an X id: a string of ASCII digits


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _within(value: Any, start: datetime) -> bool:
    """Whether ``value`` is an ISO time after ``start``."""
    when = _parse_time(value)
    return when is not None and when > start


def _newest(pages: list[dict[str, Any]], old: str | None) -> str | None:
    """The largest ``meta.newest_id`` of a stream's pages, or the old bookmark."""
    ids = [i for i in [old, *(_dict(_dict(p).get("meta")).get("newest_id") for p in pages)] if _digits(i)]
    return max(ids, key=int) if ids else None
