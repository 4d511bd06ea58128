"""The interface every platform connector implements, and the errors it raises.

Errors are named for what the caller must do (STYLE.md): ``AccountFatal`` stops
this account and tells a human; ``Retriable`` backs off (``retry_at`` when the
platform says when); ``ItemGone`` records that the item no longer exists; ``ActionRefused`` is a refusal
about one object, never about the account;
``ItemSkipped`` is carried in ``FetchResult.skipped`` for one malformed item.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # pragma: no cover
    from core.accounts import Account
    from core.items import Item

log = logging.getLogger(__name__)


_SECRET_PATTERNS = (
    (re.compile(r"((?:access_token|input_token|appsecret_proof)=)[^&\s'\"]+"), r"\1[redacted]"),
    (re.compile(r"(Bearer\s+)\S+"), r"\1[redacted]"),
    (re.compile(r'(oauth_[a-z_]+=")[^"]*(")'), r"\1[redacted]\2"),
)


class Scrubber:
    """Removes secrets from a text bound for a log, an error or the database.

    Both the literal secrets it knows and anything shaped like one (a token query parameter,
    a bearer or OAuth header value) are replaced with ``[redacted]``.
    """

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text: object) -> str:
        """The text without secrets."""
        out = str(text)
        for secret in self.secrets:
            out = out.replace(secret, "[redacted]")
        for pattern, repl in _SECRET_PATTERNS:
            out = pattern.sub(repl, out)
        return out


class ConnectorError(Exception):
    """Base of every connector error. Messages never contain tokens or item text."""


class AccountFatal(ConnectorError):
    """The account cannot work until a human acts (expired token, missing permission)."""


class Retriable(ConnectorError):
    """Try again later: throttled, timed out, a 5xx. ``retry_at`` is when, if the platform said."""

    def __init__(self, message: str, retry_at: datetime | None = None) -> None:
        super().__init__(message)
        self.retry_at = retry_at


class RateLimited(Retriable):
    """The platform throttled us; do not call again before ``retry_at``."""


class ItemGone(ConnectorError):
    """The item was deleted (or is no longer visible to us) before we could act on it."""


class ActionRefused(ConnectorError):
    """The platform refused a request about this one object (a comment, a reply, a post): the account is fine.

    Never a reason to stop the account. ``permanent`` is true when the refusal can never
    change (X: not a reply in a conversation the account started), so retrying cannot help;
    otherwise the caller records it on the action and may retry with back-off.
    """

    permanent: ClassVar[bool] = False


@dataclass(frozen=True)
class SkippedItem:
    """An item a connector could not turn into an ``Item``; kept so the log can say why."""

    external_id: str | None
    reason: str


@dataclass
class FetchResult:
    """What one poll of an account returned.

    ``cursor`` is the connector's own JSON-serialisable state to resume from;
    the pipeline stores it in the same transaction as the items, never before.
    """

    items: list[Item] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)
    cursor: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemRef:
    """Enough to act on an item already stored."""

    platform: str
    external_id: str
    kind: str
    parent_external_id: str | None = None


@dataclass(frozen=True)
class CheckResult:
    """One line of ``moderator accounts check``: a capability and whether it works."""

    what: str
    ok: bool
    detail: str = ""


class Connector(ABC):
    """Fetches new and edited items since a cursor and, where the platform allows, hides one."""

    platform: ClassVar[str]
    # What this connector can hide, for the moderation log's "why only flagged" reasons.
    can_hide_comments: ClassVar[bool] = False

    def __init__(self, account: Account) -> None:
        self.account = account

    @classmethod
    def from_config(cls, account: Account, config) -> Connector:
        """Build from the account's configuration (credentials read from the environment)."""
        return cls(account)

    @abstractmethod
    def fetch(self, cursor: dict[str, Any] | None, since: datetime) -> FetchResult:
        """Return new and edited items after ``cursor`` (or created after ``since`` on the first run)."""

    def hide(self, ref: ItemRef) -> None:
        """Hide one item; idempotent. Raises ``ItemGone``, ``ActionRefused``, ``Retriable`` or ``AccountFatal``."""
        raise NotImplementedError(f"{self.platform} cannot hide items")

    def restore(self, ref: ItemRef) -> None:
        """Undo ``hide``; idempotent."""
        raise NotImplementedError(f"{self.platform} cannot restore items")

    def check(self) -> list[CheckResult]:
        """Verify credentials and permissions against the platform (``moderator accounts check``)."""
        return [CheckResult("connector", True, "no checks for this platform")]

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release sessions."""


def connector_class(platform: str) -> type[Connector]:
    """The connector class for a platform name."""
    if platform == "file":
        from connectors.file_feed import FileFeedConnector

        return FileFeedConnector
    if platform == "facebook":
        from connectors.facebook import FacebookConnector

        return FacebookConnector
    if platform == "instagram":
        from connectors.instagram import InstagramConnector

        return InstagramConnector
    if platform == "x":
        from connectors.x import XConnector

        return XConnector
    raise ValueError(f"unknown platform {platform!r}")
