"""One place where every connector checks a payload's fields before an ``Item`` is built.

A platform's answer, or a line of a file feed, is hostile input: any field may have the
wrong type, an id may hold a NUL or a lone surrogate that the database refuses, a date
may overflow when converted to UTC. Each check here either returns a clean value or
raises ``Invalid`` naming the field and the problem, never the value of a text field
(reasons go to the log and to ``moderator log``). The connector turns ``Invalid`` into a
``SkippedItem``, the cursor moves past it and the rest of the batch is kept.

Rules, the same for every platform:

- ids (``id``, ``parent``, ``author_id``): a non-empty ``str``, or an ``int`` turned into
  one; at most ``MAX_ID_CHARS`` characters (the storage column); no control, format,
  separator or surrogate characters. A bad id is refused, never silently altered: the
  item must be found again under that id to hide it.
- text: a ``str`` (absent is ""). Its length and odd characters are the detectors'
  business (the engine skips more than 50,000 characters with a reason).
- times: only a string in an ISO 8601 form (``2026-11-20T09:00:00Z``), Graph's
  (``+0000``) or X's (``.000Z``); no offset means UTC. A number or anything else, a time
  that overflows when converted to UTC, or one before ``EARLIEST`` or more than
  ``FUTURE_SLACK`` ahead of now is refused: the item is skipped with the reason (a date
  far in the future would also move a Graph watermark past every later comment).
- permalinks: a ``str`` of at most ``MAX_PERMALINK_CHARS`` without control characters,
  or absent.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from connectors.base import SkippedItem

log = logging.getLogger(__name__)

MAX_ID_CHARS = 200  # storage.models: String(200) for external ids
MAX_PERMALINK_CHARS = 2048
MAX_TIME_CHARS = 64
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
_BAD_ID_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_BAD_LINK_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Zs"})

T = TypeVar("T")


class Invalid(ValueError):
    """A payload field failed validation; the message names the field and the problem, never a text value."""


def _type(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _bad_char(value: str, categories: frozenset[str]) -> str | None:
    for ch in value:
        cat = unicodedata.category(ch)
        if cat in categories:
            return f"U+{ord(ch):04X}"
    return None


def clean_id(value: Any, field: str = "id") -> str:
    """An id as a clean ``str``; ``Invalid`` when it is missing, of another type, too long or unsafe."""
    if value is None:
        raise Invalid(f"{field}: missing")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Invalid(f"{field}: not a string (got {_type(value)})")
    if isinstance(value, int):
        if abs(value) >= 10 ** MAX_ID_CHARS:
            raise Invalid(f"{field}: longer than {MAX_ID_CHARS} characters")
        value = str(value)
    if not value.strip():
        raise Invalid(f"{field}: empty")
    if len(value) > MAX_ID_CHARS:
        raise Invalid(f"{field}: {len(value)} characters, more than the {MAX_ID_CHARS} allowed")
    bad = _bad_char(value, _BAD_ID_CATEGORIES)
    if bad:
        raise Invalid(f"{field}: contains the control or invisible character {bad}")
    return value


def optional_id(value: Any, field: str) -> str | None:
    """``clean_id`` for a field that may be absent: ``None``, or an empty or blank string, is absent."""
    if value is None or isinstance(value, str) and not value.strip():
        return None
    return clean_id(value, field)


def safe_id(row: Any, key: str = "id") -> str | None:
    """The row's id when it is a clean one, else None: what a ``SkippedItem`` may record and log."""
    try:
        return clean_id(row.get(key)) if isinstance(row, dict) else None
    except Invalid:
        return None


def text(value: Any, field: str = "text") -> str:
    """A text field: a ``str`` ("" when absent); ``Invalid`` for any other type."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(f"{field}: not a string (got {_type(value)})")
    return value


def optional_str(value: Any, field: str, choices: tuple[str, ...] | None = None) -> str | None:
    """A short optional string field (a username, an author marker); ``Invalid`` for another type."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"{field}: not a string (got {_type(value)})")
    if choices is not None and value not in choices:
        raise Invalid(f"{field}: must be one of {', '.join(choices)}")
    if len(value) > MAX_ID_CHARS or _bad_char(value, _BAD_ID_CATEGORIES):
        raise Invalid(f"{field}: too long or has control characters")
    return value


def permalink(value: Any, field: str = "permalink") -> str | None:
    """A link to the item on its platform, or None (also for a blank one); ``Invalid`` when not a short clean string."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"{field}: not a string (got {_type(value)})")
    value = value.strip()
    if len(value) > MAX_PERMALINK_CHARS:
        raise Invalid(f"{field}: {len(value)} characters, more than the {MAX_PERMALINK_CHARS} allowed")
    bad = _bad_char(value, _BAD_LINK_CATEGORIES)
    if bad:
        raise Invalid(f"{field}: contains the character {bad}")
    return value or None


def parse_time(value: Any, field: str = "created_time", *, now: datetime | None = None) -> datetime:
    """An aware UTC datetime from an ISO 8601 / Graph / X time string; ``Invalid`` otherwise or out of range."""
    if not isinstance(value, str):
        raise Invalid(f"{field}: not a time string (got {_type(value)})")
    if len(value) > MAX_TIME_CHARS or not value[:4].isdigit():
        raise Invalid(f"{field}: not an ISO 8601 time")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{field}: not an ISO 8601 time") from None
    try:
        when = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    except OverflowError:
        raise Invalid(f"{field}: out of range when converted to UTC") from None
    latest = (now or datetime.now(UTC)) + FUTURE_SLACK
    if not EARLIEST <= when <= latest:
        raise Invalid(f"{field}: {when.date().isoformat()} is outside {EARLIEST.year} .. tomorrow")
    return when


def optional_time(value: Any, field: str = "created_time", *, now: datetime | None = None) -> datetime | None:
    """``parse_time`` for a field that may be absent."""
    return None if value is None else parse_time(value, field, now=now)


def as_dict(value: Any, field: str) -> dict:
    """A nested object ({} when absent); ``Invalid`` for a list, a string or a number."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Invalid(f"{field}: not an object (got {_type(value)})")
    return value


def as_list(value: Any, field: str) -> list:
    """A nested array ([] when absent); ``Invalid`` for anything else."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise Invalid(f"{field}: not a list (got {_type(value)})")
    return value


def flag(value: Any, field: str) -> bool:
    """A boolean field (absent is False); ``Invalid`` for a string, number or list."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise Invalid(f"{field}: not true or false (got {_type(value)})")
    return value


def attempt(build: Callable[[], T], row: Any, what: str) -> T | SkippedItem:
    """``build()``, or a ``SkippedItem`` saying why it failed: nothing a payload holds escapes as an exception.

    ``Invalid`` is the expected failure. Anything else (a bug this module missed, a
    RecursionError on absurd nesting) is still contained, named ``unexpected`` so that
    tests can tell the two apart, and logged with its type only.
    """
    try:
        return build()
    except Invalid as exc:
        return SkippedItem(safe_id(row), f"malformed {what}: {exc}")
    except Exception as exc:  # noqa: BLE001 - one bad item never stops its batch
        log.warning("unexpected %s while reading a %s; it is skipped", type(exc).__name__, what)
        return SkippedItem(safe_id(row), f"malformed {what}: unexpected {type(exc).__name__}")
