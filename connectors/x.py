"""X (Twitter API v2) connector over ``tweepy.Client``.

Three streams, one bookmark (``since_id`` from ``meta.newest_id``) each:

- ``posts``: the account's own tweets (``get_users_tweets``);
- ``mentions``: tweets mentioning it (``get_users_mentions``);
- ``replies``: replies in conversations the account started, by recent search
  ``conversation_id:A OR conversation_id:B ...`` (X keeps 7 days), with one ``since_id``
  per conversation so a newly watched conversation is searched from its start.

Cursor: ``{"v": 1, "posts": id, "mentions": id, "conversations": {root_id: {"since_id": id,
"created_at": iso}}}`` (ids only, never a token). Errors are mapped in ``_call`` onto what
the caller must do: ``RateLimited``, ``Retriable``, ``AccountFatal``, ``ItemGone``.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import requests
import tweepy

from connectors.base import (AccountFatal, CheckResult, Connector, ConnectorError, FetchResult, ItemGone, ItemRef,
                             RateLimited, Retriable, SkippedItem)
from connectors.x_http import RepeatedToken, Scrubber, TokenPaginator, XSession, silence_tweepy_debug
from moderator.items import Item

log = logging.getLogger(__name__)

OAUTH1 = ("api_key", "api_secret", "access_token", "access_token_secret")
OPTIONS = {"api_base": str, "page_size": int, "retries": int, "retry_base_seconds": (int, float),
           "search_query_max_chars": int}
TWEET_FIELDS = ["author_id", "created_at", "conversation_id", "in_reply_to_user_id", "attachments",
                "referenced_tweets", "edit_history_tweet_ids"]
FETCH_ROUTES = ("/2/users/:id/tweets", "/2/users/:id/mentions", "/2/tweets/search/recent")
MEDIA_TYPES = {"photo": "photo", "video": "video", "animated_gif": "video"}
SEARCH_WINDOW = timedelta(days=7) - timedelta(hours=1)  # margin: X rejects a since_id older than 7 days
ROOT_MEMORY = timedelta(days=30)  # how long a conversation root is remembered for "hideable"
RATE_LIMIT_DEFAULT = 900.0  # seconds, when a 429 carries no reset header (X windows are 15 minutes)


class ReplyNotHideable(ConnectorError, NotImplementedError):
    """X refused to hide this reply for good (not in a conversation the account started)."""


class XConnector(Connector):
    """Polls an X account's posts, mentions and conversation replies; hides replies in its conversations."""

    platform: ClassVar[str] = "x"
    can_hide_comments: ClassVar[bool] = True

    def __init__(self, account: Any, *, credentials: dict[str, str], api_base: str = "https://api.twitter.com",
                 timeout: float = 30.0, page_size: int = 100, retries: int = 3, retry_base_seconds: float = 1.0,
                 search_query_max_chars: int = 512, sleep: Any = time.sleep, clock: Any = time.time) -> None:
        super().__init__(account)
        silence_tweepy_debug()
        self.oauth2 = "user_token" in credentials
        self.scrub = Scrubber(credentials.values())
        self.page_size, self.retries, self.retry_base = page_size, retries, retry_base_seconds
        self.query_max, self.sleep, self.clock = search_query_max_chars, sleep, clock
        if self.oauth2:
            self.client = tweepy.Client(bearer_token=credentials["user_token"], return_type=dict)
        else:
            self.client = tweepy.Client(consumer_key=credentials["api_key"],
                                        consumer_secret=credentials["api_secret"],
                                        access_token=credentials["access_token"],
                                        access_token_secret=credentials["access_token_secret"], return_type=dict)
        self.client.wait_on_rate_limit = False
        self.session = XSession(api_base, timeout)
        self.client.session = self.session
        self.user_auth = not self.oauth2  # OAuth 2 user tokens go as bearer with user_auth=False

    @classmethod
    def from_config(cls, account: Any, config: Any) -> XConnector:
        """Validate options (ConfigError naming each key), read credentials (AccountFatal if unset)."""
        from moderator.config import ConfigError

        p, o, problems = f"accounts.{account.name}", account.options, []
        for key, value in o.items():
            kind = OPTIONS.get(key)
            if kind is None:
                problems.append(f"{p}.{key}: unknown key for an x account (known: {', '.join(OPTIONS)})")
            elif isinstance(value, bool) or not isinstance(value, kind):
                problems.append(f"{p}.{key}: wrong type {type(value).__name__}")
        base = o.get("api_base", "https://api.twitter.com")
        if isinstance(base, str) and not base.startswith(("https://", "http://")):
            problems.append(f"{p}.api_base: must start with https:// (got {base!r})")
        if not (10 <= o.get("page_size", 100) <= 100):
            problems.append(f"{p}.page_size: must be from 10 to 100 (X's limits for search)")
        if not (0 <= o.get("retries", 3) <= 10):
            problems.append(f"{p}.retries: must be from 0 to 10")
        if o.get("retry_base_seconds", 1.0) < 0:
            problems.append(f"{p}.retry_base_seconds: must not be negative")
        if not str(account.account_id).isdigit():
            problems.append(f"{p}.account_id: must be the numeric X user id, got {account.account_id!r}")
        names = ("user_token",) if "user_token" in account.credentials else OAUTH1
        missing = [n for n in names if n not in account.credentials]
        if missing:
            problems.append(f"{p}.credentials: missing {', '.join(missing)} (either user_token for an OAuth 2 "
                            f"user token, or all of {', '.join(OAUTH1)} for OAuth 1.0a)")
        if problems:
            raise ConfigError(problems)
        creds = {}
        for n in names:
            value = account.secret(n)
            if not value:
                var = account.credentials[n]
                raise AccountFatal(f"X credential {n} is not set: environment variable {var} (or {var}_FILE)")
            creds[n] = value
        return cls(account, credentials=creds, api_base=base, timeout=config.request_timeout_seconds,
                   page_size=o.get("page_size", 100), retries=o.get("retries", 3),
                   retry_base_seconds=float(o.get("retry_base_seconds", 1.0)),
                   search_query_max_chars=o.get("search_query_max_chars", 512))

    # -- calls and the one place errors are mapped --------------------------------------------

    def _precheck(self, route: str) -> None:
        reset = self.session.blocked_until(route, self.clock())
        if reset is not None:
            raise RateLimited(f"X rate limit for {route} used up (account {self.account.name})",
                              retry_at=datetime.fromtimestamp(reset, UTC))

    def _call(self, route: str, fn: Any, *args: Any, on_404: type[ConnectorError] = AccountFatal,
              **kwargs: Any) -> dict[str, Any]:
        """One API call with in-process retries for transient failures; errors mapped for the caller."""
        name, what = self.account.name, "no attempt"
        for attempt in range(self.retries + 1):
            self._precheck(route)
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
                if _not_found(exc.api_errors):
                    raise on_404(f"X could not find the target of {route}: {self._detail(exc)}") from None
                raise AccountFatal(f"X rejected a request to {route} (400) for account {name}: "
                                   f"{self._detail(exc)}") from None
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
        detail = self._detail(exc)
        if route.endswith("/hidden") and ("conversation" in detail.lower() or "not-authorized-for-resource"
                                          in str(exc.api_errors)):
            return ReplyNotHideable(f"X refused to hide or restore this reply: {detail}")
        how = ("grant the OAuth 2 token the scopes tweet.read users.read tweet.moderate.write" if self.oauth2
               else "give the X app Read and Write permission and re-issue the access token")
        return AccountFatal(f"X refused {route} for account {self.account.name} (403 missing permission): "
                            f"{detail}; {how}")

    def _paged(self, route: str, fn: Any, token_param: str, **params: Any) -> list[dict[str, Any]]:
        def page(token: str | None) -> dict[str, Any]:
            extra = {token_param: token} if token else {}
            return self._call(route, fn, user_auth=self.user_auth, max_results=self.page_size,
                              tweet_fields=TWEET_FIELDS, expansions=["author_id", "attachments.media_keys"],
                              media_fields=["type", "url"], **params, **extra)
        try:
            return list(TokenPaginator(page).pages())
        except RepeatedToken as exc:
            raise Retriable(f"{exc} ({route}, account {self.account.name})") from None

    # -- fetching ---------------------------------------------------------------------------

    def fetch(self, cursor: dict[str, Any] | None, since: datetime) -> FetchResult:
        """New items of the three streams since the cursor (or ``since`` on the first run)."""
        for route in FETCH_ROUTES:  # a throttled stream means no call at all: reading is paid per use
            self._precheck(route)
        cur = cursor if cursor and cursor.get("v") == 1 else {}
        now = datetime.now(UTC)
        uid = str(self.account.account_id)
        first = {"start_time": since} if since else {}
        posts = self._paged("/2/users/:id/tweets", self.client.get_users_tweets, "pagination_token", id=uid,
                            **({"since_id": cur["posts"]} if cur.get("posts") else first))
        mentions = self._paged("/2/users/:id/mentions", self.client.get_users_mentions, "pagination_token",
                               id=uid, **({"since_id": cur["mentions"]} if cur.get("mentions") else first))
        roots: dict[str, dict[str, str]] = {
            k: dict(v) for k, v in (cur.get("conversations") or {}).items()
            if _parse_time(v.get("created_at")) and _parse_time(v["created_at"]) > now - ROOT_MEMORY}
        for page in posts:
            for t in page.get("data") or []:
                created = _parse_time(t.get("created_at")) if isinstance(t, dict) else None
                tid = str(t.get("id", "")) if isinstance(t, dict) else ""
                if tid.isdigit() and created and t.get("conversation_id") in (None, tid) and tid not in roots:
                    roots[tid] = {"since_id": tid, "created_at": created.isoformat()}
        replies = self._search_replies(roots, now)
        result = FetchResult(cursor={"v": 1, "posts": _newest(posts, cur.get("posts")),
                                     "mentions": _newest(mentions, cur.get("mentions")), "conversations": roots})
        seen: set[str] = set()
        for page in [*replies, *posts, *mentions]:
            media = {m.get("media_key"): m.get("type") for m in (page.get("includes") or {}).get("media") or []
                     if isinstance(m, dict)}
            for raw in page.get("data") or []:
                try:
                    item = self._parse(raw, media, roots)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    ext = raw.get("id") if isinstance(raw, dict) else None
                    result.skipped.append(SkippedItem(str(ext) if ext else None, f"malformed tweet: {exc}"))
                    continue
                if item.external_id not in seen:
                    seen.add(item.external_id)
                    result.items.append(item)
        log.info("account %s: %d items, %d skipped, %d conversations watched", self.account.name,
                 len(result.items), len(result.skipped), len(roots))
        return result

    def _search_replies(self, roots: dict[str, dict[str, str]], now: datetime) -> list[dict[str, Any]]:
        """Search recent conversations in batches that fit one query; move each conversation's since_id."""
        live = sorted((r for r, v in roots.items() if _parse_time(v["created_at"]) > now - SEARCH_WINDOW),
                      key=lambda r: int(roots[r]["since_id"]))
        batches: list[list[str]] = []
        for root in live:
            if batches and len(_query([*batches[-1], root])) <= self.query_max:
                batches[-1].append(root)
            else:
                batches.append([root])
        pages: list[dict[str, Any]] = []
        for batch in batches:
            got = self._paged("/2/tweets/search/recent", self.client.search_recent_tweets, "next_token",
                              query=_query(batch), since_id=min((roots[r]["since_id"] for r in batch), key=int))
            newest = _newest(got, None)
            for r in batch:
                if newest and int(newest) > int(roots[r]["since_id"]):
                    roots[r]["since_id"] = newest
            pages += got
        return pages

    def _parse(self, t: dict[str, Any], media: dict[str, str], roots: dict[str, Any]) -> Item:
        tid, text = t["id"], t["text"]
        if not isinstance(tid, str) or not tid.isdigit():
            raise ValueError("id must be a string of digits")
        if not isinstance(text, str):
            raise ValueError("text must be a string")
        created = t.get("created_at")
        created_at = _parse_time(created) if created is not None else None
        if created is not None and created_at is None:
            raise ValueError("created_at is not an ISO 8601 time")
        author = str(t["author_id"]) if t.get("author_id") is not None else None
        by_school = author == str(self.account.account_id)
        parent = next((str(r["id"]) for r in t.get("referenced_tweets") or [] if r.get("type") == "replied_to"),
                      None)
        kind = "comment" if parent else "post"
        conv = str(t.get("conversation_id") or tid)
        keys = (t.get("attachments") or {}).get("media_keys") or []
        kinds = tuple(dict.fromkeys(MEDIA_TYPES[media[k]] for k in keys if media.get(k) in MEDIA_TYPES))
        hideable = kind == "comment" and not by_school and conv in roots
        reason = None if hideable else (
            "the account's own posts cannot be hidden" if by_school and kind == "post"
            else "the account's own replies are not hidden" if by_school
            else "X only lets the account hide replies in conversations it started; this is outside them")
        history = [str(h) for h in t.get("edit_history_tweet_ids") or []]
        return Item(platform="x", external_id=tid, kind=kind, by_school=by_school, text=text, media=kinds,
                    parent_external_id=parent, permalink=f"https://x.com/i/web/status/{tid}",
                    created_at=created_at, author_id=author, hideable=hideable, not_hideable_reason=reason,
                    extra={"conversation_id": conv, **({"edit_of": history[0]} if history[:1] != [tid] and
                                                      history else {})})

    # -- acting -------------------------------------------------------------------------------

    def _set_hidden(self, ref: ItemRef, hidden: bool) -> None:
        if ref.kind != "comment":
            raise ReplyNotHideable("the account's own posts cannot be hidden; only replies can be")
        fn = self.client.hide_reply if hidden else self.client.unhide_reply
        body = self._call("/2/tweets/:id/hidden", fn, ref.external_id, user_auth=self.user_auth, on_404=ItemGone)
        if not isinstance(body, dict):
            raise Retriable("X answered the hide request with something other than JSON")
        if _not_found(body.get("errors") or []) and not body.get("data"):
            raise ItemGone(f"reply {ref.external_id} no longer exists on X")
        if (body.get("data") or {}).get("hidden") is not hidden:
            raise Retriable(f"X did not confirm hidden={hidden} for reply {ref.external_id}")

    def hide(self, ref: ItemRef) -> None:
        """Hide a reply in one of the account's conversations (hiding a hidden reply succeeds)."""
        self._set_hidden(ref, True)

    def restore(self, ref: ItemRef) -> None:
        """Unhide a reply (unhiding a visible reply succeeds)."""
        self._set_hidden(ref, False)

    def check(self) -> list[CheckResult]:
        """Credentials, timeline, mentions and, as far as X reveals it, the right to hide replies."""
        uid, out = str(self.account.account_id), []
        probes = [("credentials valid", lambda: self._call("/2/users/me", self.client.get_me,
                                                           user_auth=self.user_auth)),
                  ("read timeline", lambda: self._call("/2/users/:id/tweets", self.client.get_users_tweets, uid,
                                                       max_results=5, user_auth=self.user_auth)),
                  ("read mentions", lambda: self._call("/2/users/:id/mentions", self.client.get_users_mentions,
                                                       uid, max_results=5, user_auth=self.user_auth))]
        for what, probe in probes:
            try:
                body = probe()
            except ConnectorError as exc:
                out.append(CheckResult(what, False, self.scrub(exc)))
                continue
            me = str((body.get("data") or {}).get("id", "")) if what == "credentials valid" else uid
            out.append(CheckResult(what, me == uid, "" if me == uid else
                                   f"the token belongs to user {me}, not the configured account_id {uid}"))
        level = self.session.access_level
        if self.oauth2:
            out.append(CheckResult("hide replies", True, "not verifiable: X does not report an OAuth 2 token's "
                                   "scopes; it needs tweet.moderate.write, and the first hide will tell"))
        elif level and "write" not in level:
            out.append(CheckResult("hide replies", False, f"the access token is {level}: give the app Read and "
                                   "Write permission and re-issue the token"))
        else:
            out.append(CheckResult("hide replies", True, f"access level {level}" if level else
                                   "not verifiable without hiding a reply; the first hide will tell"))
        return out

    def close(self) -> None:
        """Close the HTTP session."""
        self.session.close()


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _newest(pages: list[dict[str, Any]], old: str | None) -> str | None:
    """The largest ``meta.newest_id`` of a stream's pages, or the old bookmark."""
    ids = [str(i) for i in [old, *((p.get("meta") or {}).get("newest_id") for p in pages)] if i]
    ids = [i for i in ids if i.isdigit()]
    return max(ids, key=int) if ids else None


def _query(roots: list[str]) -> str:
    return " OR ".join(f"conversation_id:{r}" for r in roots)


def _not_found(errors: list[Any]) -> bool:
    return any(isinstance(e, dict) and (e.get("title") in ("Not Found Error", "Resource Not Found")
                                         or str(e.get("type", "")).endswith("resource-not-found"))
               for e in errors)
