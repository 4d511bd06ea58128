"""Facebook Page connector: the Page's feed and every comment and reply on it.

Streams, Singer-style: ``posts`` (``/{page-id}/feed``, created in the backfill
window) and, per post, ``comments`` (``filter(stream)``: all levels, newest first,
read back to the post's watermark).

One request per quiet poll: the feed request expands each post's newest comments
in the same answer (Graph field expansion, ``comments.filter(stream).order(...)
.limit(n){...}``), so every post in the window has its comments checked on every
poll, however old the post, and ``/{post-id}/comments`` is asked only when more
than one page of a post's comments is new.

The cursor, ``{"v": 1, "posts": {post_id: {"u": updated, "w": watermark}}}`` (epoch
seconds; ``graph.Watermark``), holds one bookmark per post still inside the window; a
post is returned again when its ``updated_time`` moved (an edit). An edited comment
keeps its id and time and is not seen again; the pipeline de-duplicates whatever
does come back twice.

The Page's own posts and comments are ``by_school`` and never hideable; posts
are flagged, not hidden; a comment with ``can_hide: false`` is not hideable.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from connectors import validate
from connectors.base import AccountFatal, ActionRefused, FetchResult, ItemGone, SkippedItem
from connectors.graph import GraphConnector, PaginationLoop, Watermark, author_id, parse_time, row_id, row_text
from core.items import Item

log = logging.getLogger(__name__)

POST_FIELDS = ("id,message,created_time,updated_time,from,permalink_url,is_hidden,"
               "attachments{media_type,type,subattachments{media_type,type}}")
COMMENT_FIELDS = "id,message,created_time,from,parent{id},is_hidden,can_hide,permalink_url,attachment"
NO_COMMENTS: dict = {"data": []}  # Graph leaves an empty edge out of an expanded row
EXPANDED_COMMENTS = 25  # at most this many of each post's newest comments come with the feed (answers stay small)


def feed_fields(comments: int) -> str:
    """The feed's fields with each post's ``comments`` newest ones expanded (all levels, newest first)."""
    return f"{POST_FIELDS},comments.filter(stream).order(reverse_chronological).limit({comments}){{{COMMENT_FIELDS}}}"
OWN_POST = "the school's own posts are flagged and alerted, never hidden automatically"
VISITOR_POST = "posts on the Page are flagged, not hidden: hiding Page posts through the API is unverified"
OWN_COMMENT = "the Page's own comments are flagged and alerted, never hidden automatically"
CANNOT_HIDE = "Facebook reports can_hide=false for this comment (the Page may not hide it)"


MAX_ATTACHMENT_DEPTH = 3  # an album's subattachments are one level down; nothing real goes deeper


def media_kinds(attachments: Any, depth: int = 0) -> tuple[str, ...]:
    """``photo`` / ``video`` from a post's ``attachments`` (albums look inside their subattachments)."""
    found: set[str] = set()
    rows = attachments.get("data", []) if isinstance(attachments, dict) else []
    for att in rows if isinstance(rows, list) else []:
        if not isinstance(att, dict):
            continue
        kind = f"{att.get('media_type', '')} {att.get('type', '')}"
        if "video" in kind:
            found.add("video")
        elif "photo" in kind:
            found.add("photo")
        if depth < MAX_ATTACHMENT_DEPTH:
            found.update(media_kinds(att.get("subattachments"), depth + 1))
    return tuple(sorted(found))


class FacebookConnector(GraphConnector):
    """Polls one Facebook Page (``account_id`` = the Page id) with a Page access token."""

    platform = "facebook"
    token_what = "Page access token"
    hide_field = "is_hidden"
    posts_edge = "feed"
    comment_params = {"filter": "stream"}
    hide_permission = "pages_manage_engagement"

    @property
    def page_id(self) -> str:
        """The Page's id."""
        return self.account.account_id

    def fetch(self, cursor: dict[str, Any] | None, since: datetime) -> FetchResult:
        """Posts created since ``since`` that are new or changed, and their new comments."""
        old = (cursor or {}).get("posts") if (cursor or {}).get("v") == 1 else None
        old = old if isinstance(old, dict) else {}
        result = FetchResult()
        posts: dict[str, dict] = {}
        params = {"fields": feed_fields(min(self.page_size, EXPANDED_COMMENTS)), "since": int(since.timestamp()),
                  "limit": self.page_size}
        try:
            for page in self.graph.pages(f"{self.page_id}/feed", params):
                for row in page["data"]:
                    self._post(row, old, posts, result)
        except PaginationLoop as exc:
            result.skipped.append(SkippedItem(None, f"Page feed paging stopped: {exc}"))
            posts = {**old, **posts}  # keep the bookmarks of posts this poll did not reach
        except (ItemGone, ActionRefused) as exc:
            raise AccountFatal(f"Page {self.page_id} cannot be read with this token: {exc}") from None
        result.cursor = {"v": 1, "posts": posts}
        return result

    def _post(self, row: Any, old: dict, posts: dict, result: FetchResult) -> None:
        got = validate.attempt(lambda: self._post_item(row), row, "post")
        if isinstance(got, SkippedItem):
            result.skipped.append(got)
            return
        item, updated = got
        prev = old.get(item.external_id) if isinstance(old.get(item.external_id), dict) else None
        changed = prev is None or prev.get("u") != updated
        if changed:
            result.items.append(item)
        mark = self._comments(item.external_id, Watermark((prev or {}).get("w")), result,
                              row.get("comments", NO_COMMENTS))
        posts[item.external_id] = {"u": updated, "w": mark}

    def _comment_pages(self, post_id: str, expanded: Any) -> Iterator[dict]:
        """The post's comments, newest first: the page expanded in the feed row, then any further pages.

        Without an expanded page (or with a malformed one) the post's comments edge is read on its own.
        """
        params = {"filter": "stream", "order": "reverse_chronological", "fields": COMMENT_FIELDS,
                  "limit": self.page_size}
        if not (isinstance(expanded, dict) and isinstance(expanded.get("data"), list)):
            yield from self.graph.pages(f"{post_id}/comments", params)
            return
        yield expanded
        paging = expanded.get("paging") if isinstance(expanded.get("paging"), dict) else {}
        cursors = paging.get("cursors") if isinstance(paging.get("cursors"), dict) else {}
        if paging.get("next"):
            after = cursors.get("after")
            yield from self.graph.pages(f"{post_id}/comments", params, after=after if isinstance(after, str) else None)

    def _comments(self, post_id: str, mark: Watermark, result: FetchResult, expanded: Any = None) -> dict:
        """Read comments newest first down to the watermark; return the new watermark."""
        newest = Watermark(mark.to_json())
        try:
            for page in self._comment_pages(post_id, expanded):
                for row in page["data"]:
                    item = self.comment_from_row(row, post_id)
                    if isinstance(item, SkippedItem):
                        result.skipped.append(item)
                        continue
                    if mark.older(item.created_at):
                        return newest.to_json()
                    if mark.is_new(item.external_id, item.created_at):
                        result.items.append(item)
                        newest.see(item.external_id, item.created_at)
        except PaginationLoop as exc:
            result.skipped.append(SkippedItem(post_id, f"comment paging stopped: {exc}"))
            return mark.to_json(unfinished=True)  # read these comments again next time
        except ItemGone:
            result.skipped.append(SkippedItem(post_id, "post deleted before its comments were read"))
        except ActionRefused as exc:  # about this one post: its comments are read again next time
            result.skipped.append(SkippedItem(post_id, f"comments of this post could not be read: {exc}"))
            return mark.to_json(unfinished=True)
        return newest.to_json()

    def post_from_row(self, row: Any) -> Item | SkippedItem:
        """One ``/feed`` row as an Item, or a SkippedItem saying which field is wrong."""
        got = validate.attempt(lambda: self._post_item(row), row, "post")
        return got if isinstance(got, SkippedItem) else got[0]

    def comment_from_row(self, row: Any, post_id: str) -> Item | SkippedItem:
        """One ``/comments`` row as an Item, or a SkippedItem saying which field is wrong."""
        return validate.attempt(lambda: self._comment_item(row, post_id), row, f"comment on post {post_id}")

    def _post_item(self, row: Any) -> tuple[Item, int]:
        """The post and its ``updated_time`` (epoch seconds; the creation time when absent)."""
        pid = row_id(row)
        author = author_id(row)
        by_school = author == self.page_id
        created = parse_time(row.get("created_time"))
        updated = created if row.get("updated_time") is None else parse_time(row["updated_time"], "updated_time")
        item = Item(
            platform="facebook", external_id=pid, kind="post", by_school=by_school,
            text=row_text(row, "message"), media=media_kinds(validate.as_dict(row.get("attachments"), "attachments")),
            permalink=validate.permalink(row.get("permalink_url"), "permalink_url"), created_at=created,
            author_id=author, hidden_on_platform=validate.flag(row.get("is_hidden"), "is_hidden"), hideable=False,
            not_hideable_reason=OWN_POST if by_school else VISITOR_POST)
        return item, int(updated.timestamp())

    def _comment_item(self, row: Any, post_id: str) -> Item:
        cid = row_id(row)
        author = author_id(row)
        parent = validate.optional_id(validate.as_dict(row.get("parent"), "parent").get("id"), "parent.id")
        by_school = author == self.page_id
        can_hide = row.get("can_hide") is None or validate.flag(row.get("can_hide"), "can_hide")
        attachment = validate.as_dict(row.get("attachment"), "attachment")
        return Item(
            platform="facebook", external_id=cid, kind="comment", by_school=by_school,
            text=row_text(row, "message"),
            media=media_kinds({"data": [attachment]}) if attachment else (),
            parent_external_id=parent or post_id,
            permalink=validate.permalink(row.get("permalink_url"), "permalink_url"),
            created_at=parse_time(row.get("created_time")), author_id=author,
            hidden_on_platform=validate.flag(row.get("is_hidden"), "is_hidden"), hideable=not by_school and can_hide,
            not_hideable_reason=OWN_COMMENT if by_school else (None if can_hide else CANNOT_HIDE),
            extra={"post_id": post_id})
