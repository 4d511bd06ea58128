"""Instagram professional account connector: the account's media, comments and replies.

Streams: ``media`` (``/{ig-user-id}/media``, newest first, read back to the
backfill ``since``) and, per media, ``comments`` with their ``replies`` expanded
(``/{comment-id}/replies`` only when the nested page has a next one).

One request per quiet poll: the media request expands each media's comments and
their replies in the same answer (Graph field expansion), so comments on any media
in the window are checked on every poll. ``/{media-id}/comments`` is asked only
when a media has more comments than one expanded page holds and its
``comments_count`` moved (or it is younger than ``RECENT``).

The cursor, ``{"v": 1, "media": {media_id: {"n": comments_count, "h": caption hash,
"w": watermark}}}`` (``graph.Watermark``), holds one bookmark per media inside the
window; a media is returned again when its caption changed. The account's own
comments are ``by_school`` and not hideable; media are flagged, never hidden.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta
from typing import Any

from connectors import validate
from connectors.base import AccountFatal, ActionRefused, FetchResult, ItemGone, SkippedItem
from connectors.graph import GraphConnector, PaginationLoop, Watermark, parse_time, row_id, row_text
from core.items import Item

log = logging.getLogger(__name__)

RECENT = timedelta(hours=48)
MEDIA_FIELDS = "id,caption,media_type,media_product_type,permalink,timestamp,username,comments_count"
REPLY_FIELDS = "id,text,timestamp,username,from,hidden"
COMMENT_FIELDS = f"{REPLY_FIELDS},replies{{{REPLY_FIELDS}}}"
EXPANDED_COMMENTS = 25  # at most this many comments of each media come with the media list


def media_fields(comments: int) -> str:
    """The media list's fields with each media's first ``comments`` comments (and their replies) expanded."""
    return f"{MEDIA_FIELDS},comments.limit({comments}){{{COMMENT_FIELDS}}}"
MEDIA_KINDS = {"IMAGE": ("photo",), "CAROUSEL_ALBUM": ("photo",), "VIDEO": ("video",), "REELS": ("video",)}
OWN_MEDIA = "the school's own Instagram posts are flagged and alerted, never hidden automatically"
OWN_COMMENT = "the account's own comments are flagged and alerted, never hidden automatically"


class InstagramConnector(GraphConnector):
    """Polls one Instagram professional account (``account_id`` = the IG user id) via the Graph API."""

    platform = "instagram"
    token_what = "Page access token (linked to the Instagram account)"
    hide_field = "hide"
    posts_edge = "media"
    comment_params = {}
    hide_permission = "instagram_manage_comments"

    @property
    def ig_user_id(self) -> str:
        """The Instagram user id."""
        return self.account.account_id

    def fetch(self, cursor: dict[str, Any] | None, since: datetime) -> FetchResult:
        """Media posted since ``since`` that are new or re-captioned, and their new comments."""
        old = (cursor or {}).get("media") if (cursor or {}).get("v") == 1 else None
        old = old if isinstance(old, dict) else {}
        result, media = FetchResult(), {}
        recent = self.graph.clock() - RECENT

        def rows():
            params = {"fields": media_fields(min(self.page_size, EXPANDED_COMMENTS)), "limit": self.page_size}
            for page in self.graph.pages(f"{self.ig_user_id}/media", params):
                yield from page["data"]

        try:
            for row in rows():
                if not self._media(row, since, old, media, recent, result):
                    break  # newest first: the rest are older than the window
        except PaginationLoop as exc:
            result.skipped.append(SkippedItem(None, f"media paging stopped: {exc}"))
            media = {**old, **media}
        except (ItemGone, ActionRefused) as exc:
            raise AccountFatal(f"Instagram account {self.ig_user_id} cannot be read: {exc}") from None
        result.cursor = {"v": 1, "media": media}
        return result

    def _media(self, row: Any, since: datetime, old: dict, media: dict, recent: datetime,
               result: FetchResult) -> bool:
        """Handle one media row; False once the rows are older than ``since``."""
        item = self.media_from_row(row)
        if isinstance(item, SkippedItem):
            result.skipped.append(item)
            return True
        if item.created_at < since:
            return False
        prev = old.get(item.external_id) if isinstance(old.get(item.external_id), dict) else None
        count = item.extra["comments_count"]
        digest = hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        if prev is None or prev.get("h") != digest:
            result.items.append(item)
        mark = (prev or {}).get("w")
        expanded = row.get("comments", {"data": []})  # Graph leaves an empty edge out
        complete = isinstance(expanded, dict) and isinstance(expanded.get("data"), list) \
            and not (isinstance(expanded.get("paging"), dict) and expanded["paging"].get("next"))
        if complete:  # every comment came with the media list
            mark = self._comments(item, Watermark(mark), result, expanded)
        elif prev is None or prev.get("n") != count or item.created_at >= recent or Watermark.unfinished(mark):
            mark = self._comments(item, Watermark(mark), result)
        media[item.external_id] = {"n": count, "h": digest, "w": mark}
        return True

    def _comments(self, media: Item, mark: Watermark, result: FetchResult, expanded: dict | None = None) -> dict:
        """Every comment and reply not returned before (from ``expanded``, the whole edge, when given)."""
        newest = Watermark(mark.to_json())
        try:
            params = {"fields": COMMENT_FIELDS, "limit": self.page_size}
            pages = [expanded] if expanded is not None else self.graph.pages(f"{media.external_id}/comments", params)
            for page in pages:
                for row in page["data"]:
                    for item in self._thread(row, media, result):
                        if mark.is_new(item.external_id, item.created_at):
                            result.items.append(item)
                            newest.see(item.external_id, item.created_at)
        except PaginationLoop as exc:
            result.skipped.append(SkippedItem(media.external_id, f"comment paging stopped: {exc}"))
            return mark.to_json(unfinished=True)
        except ItemGone:
            result.skipped.append(SkippedItem(media.external_id, "media deleted before its comments were read"))
        except ActionRefused as exc:  # about this one media: its comments are read again next time
            result.skipped.append(SkippedItem(media.external_id, f"comments of this media could not be read: {exc}"))
            return mark.to_json(unfinished=True)
        return newest.to_json()

    def _thread(self, row: Any, media: Item, result: FetchResult) -> list[Item]:
        """A top-level comment and its replies (following the replies edge past the nested page)."""
        media_id, owner = media.external_id, media.extra.get("owner")
        top = self.comment_from_row(row, media_id, media_id, owner)
        if isinstance(top, SkippedItem):
            result.skipped.append(top)
            return []
        items, replies = [top], []
        try:
            nested = validate.as_dict(row.get("replies"), "replies")
            replies = list(validate.as_list(nested.get("data"), "replies.data"))
            paging = validate.as_dict(nested.get("paging"), "replies.paging")
            after = validate.as_dict(paging.get("cursors"), "replies.paging.cursors").get("after")
        except validate.Invalid as exc:
            result.skipped.append(SkippedItem(top.external_id, f"replies of this comment are malformed: {exc}"))
            return items
        if paging.get("next"):
            params = {"fields": REPLY_FIELDS, "limit": self.page_size}
            for page in self.graph.pages(f"{top.external_id}/replies", params,
                                         after=after if isinstance(after, str) else None):
                replies.extend(page["data"])
        for reply in replies:
            got = self.comment_from_row(reply, top.external_id, media_id, owner, "reply")
            (result.skipped if isinstance(got, SkippedItem) else items).append(got)
        return items

    def media_from_row(self, row: Any) -> Item | SkippedItem:
        """One ``/media`` row as an Item, or a SkippedItem saying which field is wrong."""
        return validate.attempt(lambda: self._media_item(row), row, "media")

    def comment_from_row(self, row: Any, parent: str, media_id: str, owner: str | None,
                         what: str = "comment") -> Item | SkippedItem:
        """One comment or reply row as an Item, or a SkippedItem saying which field is wrong."""
        return validate.attempt(lambda: self._comment_item(row, parent, media_id, owner), row,
                                f"{what} on media {media_id}")

    def _media_item(self, row: Any) -> Item:
        mid = row_id(row)
        product = validate.optional_str(row.get("media_product_type"), "media_product_type")
        kind = product if product == "REELS" else validate.optional_str(row.get("media_type"), "media_type")
        count = row.get("comments_count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
            raise validate.Invalid(f"comments_count: not an integer (got {type(count).__name__})")
        return Item(
            platform="instagram", external_id=mid, kind="post", by_school=True,
            text=row_text(row, "caption"), media=MEDIA_KINDS.get(kind, ()),
            permalink=validate.permalink(row.get("permalink")),
            created_at=parse_time(row.get("timestamp"), "timestamp"),
            author_id=self.ig_user_id, hideable=False, not_hideable_reason=OWN_MEDIA,
            extra={"owner": validate.optional_str(row.get("username"), "username"), "comments_count": count})

    def _comment_item(self, row: Any, parent: str, media_id: str, owner: str | None) -> Item:
        cid = row_id(row)
        who = validate.as_dict(row.get("from"), "from")
        author = validate.optional_id(who.get("id"), "from.id")
        username = validate.optional_str(row.get("username"), "username")
        by_school = author == self.ig_user_id or (owner is not None and username == owner)
        return Item(
            platform="instagram", external_id=cid, kind="comment", by_school=by_school,
            text=row_text(row, "text"), parent_external_id=parent,
            created_at=parse_time(row.get("timestamp"), "timestamp"), author_id=author,
            hidden_on_platform=validate.flag(row.get("hidden"), "hidden"), hideable=not by_school,
            not_hideable_reason=OWN_COMMENT if by_school else None, extra={"media_id": media_id})
