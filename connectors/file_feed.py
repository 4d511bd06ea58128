r"""A JSONL file standing in for an account: the demo's and the tests' connector.

Each line is one item event (a later line with the same id is an edit):
``{"id": "c1", "kind": "comment", "author": "public", "text": "...", "media": ["photo"],
"parent": "p1", "created_time": "2026-11-20T09:00:00Z", "permalink": "..."}``.
"Hiding" records the id in a state file beside the feed (``<feed>.state.json``).

It behaves like an account, faithfully:

- the file is read as bytes and split on ``\n`` only, so a JSON string holding a raw
  U+2028, U+2029 or U+0085 stays one line;
- a last line without its ``\n`` is still being written: it is left for the next poll;
- the cursor is a byte offset, a line count (for the reasons) and the file's identity
  (device, inode and a hash of its first bytes), so a file replaced by a new one is read
  again from the start (storage de-duplicates what it has already seen);
- a line that is not UTF-8, not JSON, or not a valid item (``connectors.validate``) is
  skipped with its line number and reason; the lines after it are read as usual;
- the state file is replaced atomically (temporary file, fsync, ``os.replace``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from connectors import validate
from connectors.base import AccountFatal, CheckResult, Connector, FetchResult, ItemGone, ItemRef, SkippedItem
from core.items import KINDS, MEDIA_KINDS, Item
from storage.files import write_atomically

log = logging.getLogger(__name__)

MAX_LINE_BYTES = 1024 * 1024  # a 50,000-character text, every character \u-escaped, fits many times over
HEAD_BYTES = 4096  # how much of the file's start identifies it
_BOM = b"\xef\xbb\xbf"


def split_lines(data: bytes) -> tuple[list[bytes], int]:
    r"""The complete lines of ``data`` (without their ``\n``) and the bytes they take; a partial last line is left."""
    end = data.rfind(b"\n")
    if end < 0:
        return [], 0
    return data[:end].split(b"\n"), end + 1


def parse_line(raw: bytes, line_no: int, hidden: frozenset[str] | set[str] = frozenset()) -> Item | SkippedItem | None:
    """One feed line as an Item, a SkippedItem with its reason, or None for a blank line."""
    if line_no == 1 and raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    raw = raw.strip(b" \t\r")
    if not raw:
        return None
    where = f"line {line_no}"
    if len(raw) > MAX_LINE_BYTES:
        return SkippedItem(None, f"{where}: longer than {MAX_LINE_BYTES} bytes")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SkippedItem(None, f"{where}: not UTF-8 (byte {exc.start + 1})")
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return SkippedItem(None, f"{where}: malformed item (not JSON: {exc.msg} at character {exc.pos + 1})")
    except RecursionError:
        return SkippedItem(None, f"{where}: malformed item (JSON nested too deeply)")
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return SkippedItem(None, f"{where}: malformed item (not JSON: {type(exc).__name__})")
    out = validate.attempt(lambda: item_from_row(row, hidden), row, "item")
    if isinstance(out, SkippedItem):
        return SkippedItem(out.external_id, f"{where}: {out.reason}")
    return out


def item_from_row(row: Any, hidden: frozenset[str] | set[str] = frozenset()) -> Item:
    """A feed row as an Item; ``validate.Invalid`` names the first bad field."""
    if not isinstance(row, dict):
        raise validate.Invalid(f"not a JSON object, got {type(row).__name__}")
    ext = validate.clean_id(row.get("id"))
    kind = validate.optional_str(row.get("kind"), "kind", KINDS) or "comment"
    media = validate.as_list(row.get("media"), "media")
    if any(not isinstance(m, str) or m not in MEDIA_KINDS for m in media):
        raise validate.Invalid("media: must be a list of photo/video")
    by_school = validate.optional_str(row.get("author"), "author") == "school"
    hideable = kind == "comment" and not by_school
    return Item(
        platform="file", external_id=ext, kind=kind, by_school=by_school, text=validate.text(row.get("text")),
        media=tuple(dict.fromkeys(media)), parent_external_id=validate.optional_id(row.get("parent"), "parent"),
        permalink=validate.permalink(row.get("permalink")),
        created_at=validate.optional_time(row.get("created_time")),
        author_id=validate.optional_id(row.get("author_id"), "author_id"), hidden_on_platform=ext in hidden,
        hideable=hideable,
        not_hideable_reason=None if hideable else (
            "the school's own posts are flagged, never hidden automatically" if by_school
            else "posts by others cannot be hidden on this feed"),
    )


class FileFeedConnector(Connector):
    """Reads new lines of a JSONL feed; hides comments by others in a state file."""

    platform = "file"
    can_hide_comments = True

    def __init__(self, account, path: str | os.PathLike | None = None) -> None:
        super().__init__(account)
        self.path = Path(path or account.options["path"])
        self.state_path = self.path.with_name(self.path.name + ".state.json")
        self._id_cache: tuple[tuple, frozenset[str]] | None = None

    def _open(self):
        try:
            return self.path.open("rb")
        except FileNotFoundError:
            raise AccountFatal(f"feed file {self.path} not found") from None
        except OSError as exc:
            raise AccountFatal(f"feed file {self.path} is unreadable: {type(exc).__name__}") from None

    def fetch(self, cursor: dict[str, Any] | None, since: datetime) -> FetchResult:
        """Items on the complete lines after the cursor's byte offset."""
        with self._open() as fh:
            st = os.fstat(fh.fileno())
            head = fh.read(HEAD_BYTES)
            offset, line_no = self._resume(cursor or {}, st, head, fh)
            fh.seek(offset)
            data = fh.read()
        lines, used = split_lines(data)
        hidden = self._hidden() if lines else set()
        result = FetchResult()
        for n, raw in enumerate(lines, start=line_no + 1):
            out = parse_line(raw, n, hidden)
            if isinstance(out, Item):
                result.items.append(out)
            elif out is not None:
                result.skipped.append(out)
        end = offset + used
        result.cursor = {"v": 2, "offset": end, "line": line_no + len(lines), "dev": st.st_dev,
                         "inode": st.st_ino, "head": _head_hash(head, end)}
        return result

    def _resume(self, cursor: dict, st: os.stat_result, head: bytes, fh) -> tuple[int, int]:
        """Where to read from: (byte offset, lines already read); (0, 0) for a new or replaced file."""
        if cursor.get("v") != 2:
            return _legacy_offset(cursor, fh)
        offset, line_no = cursor.get("offset"), cursor.get("line")
        if not (isinstance(offset, int) and isinstance(line_no, int) and 0 <= offset <= st.st_size):
            return 0, 0
        same = (cursor.get("dev"), cursor.get("inode")) == (st.st_dev, st.st_ino)
        if not same or cursor.get("head") != _head_hash(head, offset):
            log.info("feed file %s was replaced: reading it again from the start", self.path)
            return 0, 0
        return offset, line_no

    def _hidden(self) -> set[str]:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return set()
        except (ValueError, OSError) as exc:
            raise AccountFatal(f"state file {self.state_path} is unreadable: {type(exc).__name__}") from None
        hidden = state.get("hidden") if isinstance(state, dict) else None
        if not isinstance(hidden, list):
            raise AccountFatal(f"state file {self.state_path} is unreadable: no list of hidden ids")
        return {h for h in hidden if isinstance(h, str)}

    def _ids(self) -> frozenset[str]:
        """Every valid item id in the feed (cached while the file is unchanged)."""
        with self._open() as fh:
            st = os.fstat(fh.fileno())
            key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
            if self._id_cache and self._id_cache[0] == key:
                return self._id_cache[1]
            lines, _ = split_lines(fh.read())
        ids = set()
        for raw in lines:
            try:
                row = json.loads(raw)
            except (ValueError, RecursionError):
                continue
            ext = validate.safe_id(row)
            if ext is not None:
                ids.add(ext)
        self._id_cache = (key, frozenset(ids))
        return self._id_cache[1]

    def _set_hidden(self, ref: ItemRef, hidden: bool) -> None:
        if ref.external_id not in self._ids():
            raise ItemGone(f"item {ref.external_id} is no longer in the feed")
        ids = self._hidden()
        (ids.add if hidden else ids.discard)(ref.external_id)
        write_atomically(self.state_path, json.dumps({"hidden": sorted(ids)}).encode("utf-8"))

    def hide(self, ref: ItemRef) -> None:
        """Mark the item hidden in the state file (idempotent)."""
        self._set_hidden(ref, True)

    def restore(self, ref: ItemRef) -> None:
        """Mark the item visible again (idempotent)."""
        self._set_hidden(ref, False)

    def check(self) -> list[CheckResult]:
        """The feed is readable and the state file writable."""
        try:
            with self._open() as fh:
                n = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        except AccountFatal as exc:
            return [CheckResult("read feed", False, str(exc))]
        writable = os.access(self.state_path.parent, os.W_OK)
        return [CheckResult("read feed", True, f"{n} lines"),
                CheckResult("hide comments", writable, "" if writable else "folder not writable")]


def _head_hash(head: bytes, offset: int) -> str:
    """A hash of the file's first bytes that the cursor has already read past."""
    return hashlib.sha256(head[:min(offset, HEAD_BYTES)]).hexdigest()[:32]


def _legacy_offset(cursor: dict, fh) -> tuple[int, int]:
    """A cursor of the line-number kind (``{"line": n}``) as a byte offset; (0, 0) when it does not fit."""
    want = cursor.get("line")
    if not isinstance(want, int) or want <= 0:
        return 0, 0
    fh.seek(0)
    lines, _ = split_lines(fh.read())
    if want > len(lines):
        return 0, 0
    return sum(len(x) + 1 for x in lines[:want]), want
