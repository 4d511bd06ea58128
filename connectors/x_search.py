"""An X poll in one request when nothing is new: one recent search between the full polls of three streams.

X charges reading per request (2026), and a school's account is quiet most of the time; reading its timeline,
its mentions and its conversations (``connectors/x.py``) costs three requests a poll. So between full polls one
recent search asks for all of it at once:

    from:<id> OR to:<id> OR @<username> OR conversation_id:<root> OR ...

(the account's posts, the replies to it, the tweets mentioning it, the replies inside its conversations), from
the newest id any poll has seen. A root the search finds for the first time gets its conversation searched from
its start, as in a full poll; roots that do not fit one query (``search_query_max_chars``) go in further queries.

A full poll (the three streams) still runs on the first poll, on a cursor of the older form, when the account's
username is unknown, when the last full poll is older than :data:`FULL_EVERY` or the search would reach past X's
seven days. Its timeline and mentions bookmarks move only in full polls, so each full poll reads again what the
searches since the last one returned (the pipeline keeps one row per tweet) and finds what the search index
left out or showed late: search is the fast path, the streams are the record.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from connectors import validate

FULL_EVERY = timedelta(hours=6)  # the streams are read in full at least this often (and after a renamed handle)
SEARCH_ROUTE = "/2/tweets/search/recent"


def needs_full(cur: dict[str, Any], now: datetime, window: timedelta) -> bool:
    """Whether this poll reads the three streams: no search bookmark, username or recent full poll."""
    if cur.get("v") != 2 or not is_handle(cur.get("username")) or \
            (cur.get("search") is not None and not is_id(cur.get("search"))):
        return True  # (no search bookmark yet: nothing seen at all; the search then starts at the full poll)
    try:
        full_at = validate.parse_time(cur.get("full_at"))
    except validate.Invalid:
        return True
    return full_at is None or not now - min(FULL_EVERY, window) < full_at <= now


def account_clauses(uid: str, username: str) -> list[str]:
    """The search clauses of the account itself: its posts, replies to it, mentions of it."""
    return [f"from:{uid}", f"to:{uid}", f"@{username}"]


def batches(head: list[str], roots: list[str], max_chars: int) -> list[tuple[str, list[str]]]:
    """Queries of at most ``max_chars``: ``head`` and ``conversation_id`` clauses for ``roots``, in as few as fit.

    Each is ``(query, the roots it asks about)``.
    """
    out: list[tuple[list[str], list[str]]] = [(list(head), [])] if head else []
    for root in roots:
        clause = f"conversation_id:{root}"
        if out and len(query([*out[-1][0], clause])) <= max_chars:
            out[-1][0].append(clause)
            out[-1][1].append(root)
        else:
            out.append(([clause], [root]))
    return [(query(clauses), ids) for clauses, ids in out]


def query(clauses: list[str]) -> str:
    """Clauses joined with OR, as X's search reads them."""
    return " OR ".join(clauses)


def username_in(pages: list[Any], uid: str) -> str | None:
    """The account's username as X expands it in a page's ``includes.users`` (author_id expansion), if there."""
    for page in pages:
        users = page.get("includes", {}).get("users") if isinstance(page, dict) else None
        for u in users if isinstance(users, list) else []:
            if isinstance(u, dict) and str(u.get("id")) == uid and is_handle(u.get("username")):
                return u["username"]
    return None


def is_id(value: Any) -> bool:
    """Whether ``value`` is an X id: a string of ASCII digits."""
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= validate.MAX_ID_CHARS


def is_handle(value: Any) -> bool:
    """Whether ``value`` can be an X username (letters, digits, underscores: 15 at most today), safe in a query."""
    return isinstance(value, str) and 0 < len(value) <= 50 and value.isascii() and \
        all(c.isalnum() or c == "_" for c in value)
