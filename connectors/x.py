"""X (Twitter API v2) connector over ``tweepy.Client``: reading in :mod:`connectors.x_fetch`, the rest here.

Errors are mapped in ``XCaller`` (``connectors.x_http``) onto what the caller must do: ``RateLimited``,
``Retriable``, ``AccountFatal``, ``ItemGone``.
"""

from __future__ import annotations

import logging
import time
from typing import Any, ClassVar

import tweepy

from connectors import validate
from connectors.base import (
    AccountFatal,
    CheckResult,
    Connector,
    ConnectorError,
    ItemGone,
    ItemRef,
    Retriable,
    SkippedItem,
)
from connectors.x_fetch import XFetching, _dict, _digits, _list
from connectors.x_http import (
    ReplyNotHideable,
    Scrubber,
    XCaller,
    XSession,
    not_found,
    silence_tweepy_debug,
)
from core.items import Item

log = logging.getLogger(__name__)

OAUTH1 = ("api_key", "api_secret", "access_token", "access_token_secret")
OPTIONS: dict[str, tuple[Any, tuple[float, float]]] = {  # key: (type, allowed range)
    "api_base": (str, (0, 0)), "page_size": (int, (10, 100)), "retries": (int, (0, 10)),
    "retry_base_seconds": ((int, float), (0, 60)), "search_query_max_chars": (int, (64, 4096))}
MEDIA_TYPES = {"photo": "photo", "video": "video", "animated_gif": "video"}


class XConnector(XFetching, Connector):
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
        self.page_size, self.query_max = page_size, search_query_max_chars
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
        self.call = XCaller(self.session, self.scrub, name=account.name, oauth2=self.oauth2, retries=retries,
                            retry_base=retry_base_seconds, sleep=sleep, clock=clock)

    @classmethod
    def from_config(cls, account: Any, config: Any) -> XConnector:
        """Validate options (ConfigError naming each key), read credentials (AccountFatal if unset)."""
        from core.errors import ConfigError

        p, o, problems = f"accounts.{account.name}", {}, []
        for key, value in account.options.items():
            kind, (lo, hi) = OPTIONS.get(key, (None, (0, 0)))
            if kind is None:
                problems.append(f"{p}.{key}: unknown key for an x account (known: {', '.join(OPTIONS)})")
            elif isinstance(value, bool) or not isinstance(value, kind):
                problems.append(f"{p}.{key}: must be {'a string' if kind is str else 'a number'}, got {value!r}")
            elif kind is str and not value.startswith(("https://", "http://")):
                problems.append(f"{p}.{key}: must be a URL starting with https://, got {value!r}")
            elif kind is not str and not lo <= value <= hi:
                problems.append(f"{p}.{key}: must be from {lo} to {hi}, got {value!r}")
            else:
                o[key] = value
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
        return cls(account, credentials=creds, api_base=o.get("api_base", "https://api.twitter.com"),
                   timeout=config.request_timeout_seconds, page_size=o.get("page_size", 100),
                   retries=o.get("retries", 3),
                   retry_base_seconds=float(o.get("retry_base_seconds", 1.0)),
                   search_query_max_chars=o.get("search_query_max_chars", 512))

    # -- calls (errors are mapped in x_http.XCaller) ------------------------------------------

    def parse_page(self, page: Any, roots: dict[str, Any], own: bool) -> tuple[list[Item], list[SkippedItem]]:
        """Every tweet of one response page: an Item each, or a SkippedItem saying which field is wrong."""
        if not isinstance(page, dict):
            return [], [SkippedItem(None, f"malformed page: not a JSON object (got {type(page).__name__})")]
        media = {m["media_key"]: m.get("type") for m in _list(_dict(page.get("includes")).get("media"))
                 if isinstance(m, dict) and isinstance(m.get("media_key"), str)}
        data = page.get("data")
        if data is not None and not isinstance(data, list):
            return [], [SkippedItem(None, f"malformed page: data is not a list (got {type(data).__name__})")]
        items: list[Item] = []
        skipped: list[SkippedItem] = []
        for raw in data or []:
            got = validate.attempt(lambda raw=raw: self._parse(raw, media, roots, own), raw, "tweet")
            (skipped if isinstance(got, SkippedItem) else items).append(got)
        return items, skipped

    def _parse(self, t: Any, media: dict[str, str], roots: dict[str, Any], own: bool) -> Item:
        """One tweet as an Item; ``own`` when it came from the account's timeline (author implied)."""
        if not isinstance(t, dict):
            raise validate.Invalid(f"not a JSON object, got {type(t).__name__}")
        tid = validate.clean_id(t.get("id"))
        if not _digits(tid):
            raise validate.Invalid("id: not a string of digits")
        if t.get("text") is None:  # X always sends a tweet's text
            raise validate.Invalid("text: missing")
        text = validate.text(t["text"])
        created_at = validate.optional_time(t.get("created_at"), "created_at")
        uid = str(self.account.account_id)
        author = validate.optional_id(t.get("author_id"), "author_id") or (uid if own else None)
        by_school = author == uid
        parent = None
        for ref in validate.as_list(t.get("referenced_tweets"), "referenced_tweets"):
            ref = validate.as_dict(ref, "referenced_tweets[]")
            if ref.get("type") == "replied_to" and parent is None:
                parent = validate.clean_id(ref.get("id"), "referenced_tweets[].id")
        kind = "comment" if parent else "post"
        conv = validate.optional_id(t.get("conversation_id"), "conversation_id") or tid
        keys = validate.as_list(validate.as_dict(t.get("attachments"), "attachments").get("media_keys"),
                                "attachments.media_keys")
        kinds = tuple(dict.fromkeys(MEDIA_TYPES[media[k]] for k in keys
                                    if isinstance(k, str) and media.get(k) in MEDIA_TYPES))
        hideable = kind == "comment" and not by_school and conv in roots
        reason = None if hideable else (
            "the account's own posts cannot be hidden" if by_school and kind == "post"
            else "the account's own replies are not hidden" if by_school
            else "X only lets the account hide replies in conversations it started; this is outside them")
        history = [validate.clean_id(h, "edit_history_tweet_ids[]")
                   for h in validate.as_list(t.get("edit_history_tweet_ids"), "edit_history_tweet_ids")]
        links = link_destinations(t.get("entities"))
        return Item(platform="x", external_id=tid, kind=kind, by_school=by_school, text=text, media=kinds,
                    parent_external_id=parent, permalink=f"https://x.com/i/web/status/{tid}",
                    created_at=created_at, author_id=author, hideable=hideable, not_hideable_reason=reason,
                    extra={"conversation_id": conv, **({"edit_of": history[0]} if history[:1] != [tid] and
                                                      history else {}), **({"links": links} if links else {})})

    # -- acting -------------------------------------------------------------------------------

    def _set_hidden(self, ref: ItemRef, hidden: bool) -> None:
        if ref.kind != "comment":
            raise ReplyNotHideable("the account's own posts cannot be hidden; only replies can be")
        fn = self.client.hide_reply if hidden else self.client.unhide_reply
        body = self.call("/2/tweets/:id/hidden", fn, ref.external_id, user_auth=self.user_auth, on_404=ItemGone)
        if not isinstance(body, dict):
            raise Retriable("X answered the hide request with something other than JSON")
        if not_found(body.get("errors") or []) and not body.get("data"):
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
        ua = {"user_auth": self.user_auth}
        probes = [("credentials valid", lambda: self.call("/2/users/me", self.client.get_me, **ua)),
                  ("read timeline", lambda: self.call("/2/users/:id/tweets", self.client.get_users_tweets, uid,
                                                      max_results=5, **ua)),
                  ("read mentions", lambda: self.call("/2/users/:id/mentions", self.client.get_users_mentions,
                                                      uid, max_results=5, **ua))]
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


def link_destinations(entities: Any) -> dict[str, str]:
    """Each t.co link of a tweet mapped to where it leads (``unwound_url``, else ``expanded_url``).

    A link X gives no destination for is left out: the detectors then judge the t.co link itself,
    as a shortener. Malformed entities are ignored rather than failing the tweet.
    """
    out: dict[str, str] = {}
    for u in _list(_dict(entities).get("urls")):
        if not isinstance(u, dict) or not isinstance(u.get("url"), str):
            continue
        dest = next((v for k in ("unwound_url", "expanded_url")
                     if isinstance(v := u.get(k), str) and v.startswith(("http://", "https://"))), None)
        if dest and dest != u["url"]:
            out[u["url"]] = dest
    return out


