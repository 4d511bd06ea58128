"""A JSONL file standing in for an account: the demo's and the tests' connector.

Each line is one item event (a later line with the same id is an edit):
``{"id": "c1", "kind": "comment", "author": "public", "text": "...", "media": ["photo"],
"parent": "p1", "created_time": "2026-11-20T09:00:00Z", "permalink": "..."}``.
"Hiding" records the id in a state file beside the feed (``<feed>.state.json``).
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from connectors.base import AccountFatal, CheckResult, Connector, FetchResult, ItemGone, ItemRef, SkippedItem
from moderator.items import KINDS, MEDIA_KINDS, Item


class FileFeedConnector(Connector):
    """Reads new lines of a JSONL feed; hides comments by others in a state file."""

    platform = "file"
    can_hide_comments = True

    def __init__(self, account, path: str | os.PathLike | None = None) -> None:
        super().__init__(account)
        self.path = Path(path or account.options["path"])
        self.state_path = self.path.with_name(self.path.name + ".state.json")

    def _lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise AccountFatal(f"feed file {self.path} not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise AccountFatal(f"feed file {self.path} is unreadable: {type(exc).__name__}") from None

    def fetch(self, cursor: dict[str, Any] | None, since: datetime) -> FetchResult:
        """Items on the lines after the cursor's line number."""
        lines = self._lines()
        start = int((cursor or {}).get("line", 0))
        if start > len(lines):  # the file was replaced: start again; stored items are de-duplicated
            start = 0
        result = FetchResult(cursor={"line": len(lines)})
        hidden = self._hidden()
        for n in range(start, len(lines)):
            line = lines[n].strip()
            if not line:
                continue
            try:
                result.items.append(self._parse(json.loads(line), hidden))
            except (ValueError, TypeError, KeyError) as exc:
                ext = None
                try:
                    ext = str(json.loads(line).get("id"))
                except (ValueError, AttributeError):
                    pass
                result.skipped.append(SkippedItem(ext, f"line {n + 1}: malformed item ({exc})"))
        return result

    def _parse(self, row: dict, hidden: set[str]) -> Item:
        if not isinstance(row, dict):
            raise ValueError("not a JSON object")
        ext = row["id"]
        if not isinstance(ext, str | int) or not str(ext):
            raise ValueError("id must be a non-empty string")
        text = row.get("text", "")
        if not isinstance(text, str):
            raise ValueError("text must be a string")
        kind = row.get("kind", "comment")
        if kind not in KINDS:
            raise ValueError(f"kind must be post or comment, got {kind!r}")
        media = row.get("media") or []
        if not isinstance(media, list) or any(m not in MEDIA_KINDS for m in media):
            raise ValueError("media must be a list of photo/video")
        created = row.get("created_time")
        created_at = datetime.fromisoformat(created.replace("Z", "+00:00")) if created else None
        by_school = row.get("author", "public") == "school"
        hideable = kind == "comment" and not by_school
        return Item(
            platform="file", external_id=str(ext), kind=kind, by_school=by_school, text=text,
            media=tuple(media), parent_external_id=row.get("parent"), permalink=row.get("permalink"),
            created_at=created_at, author_id=row.get("author_id"), hidden_on_platform=str(ext) in hidden,
            hideable=hideable,
            not_hideable_reason=None if hideable else (
                "the school's own posts are flagged, never hidden automatically" if by_school
                else "posts by others cannot be hidden on this feed"),
        )

    def _hidden(self) -> set[str]:
        try:
            return set(json.loads(self.state_path.read_text(encoding="utf-8")).get("hidden", []))
        except FileNotFoundError:
            return set()
        except (ValueError, OSError, AttributeError) as exc:
            raise AccountFatal(f"state file {self.state_path} is unreadable: {type(exc).__name__}") from None

    def _ids(self) -> set[str]:
        ids = set()
        for line in self._lines():
            try:
                ids.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                continue
        return ids

    def _set_hidden(self, ref: ItemRef, hidden: bool) -> None:
        if ref.external_id not in self._ids():
            raise ItemGone(f"item {ref.external_id} is no longer in the feed")
        ids = self._hidden()
        (ids.add if hidden else ids.discard)(ref.external_id)
        fd, tmp = tempfile.mkstemp(dir=self.state_path.parent, prefix=".state")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"hidden": sorted(ids)}, fh)
        os.replace(tmp, self.state_path)

    def hide(self, ref: ItemRef) -> None:
        """Mark the item hidden in the state file (idempotent)."""
        self._set_hidden(ref, True)

    def restore(self, ref: ItemRef) -> None:
        """Mark the item visible again (idempotent)."""
        self._set_hidden(ref, False)

    def check(self) -> list[CheckResult]:
        """The feed is readable and the state file writable."""
        try:
            n = len(self._lines())
        except AccountFatal as exc:
            return [CheckResult("read feed", False, str(exc))]
        writable = os.access(self.state_path.parent, os.W_OK)
        return [CheckResult("read feed", True, f"{n} lines"),
                CheckResult("hide comments", writable, "" if writable else "folder not writable")]
