"""The item model shared by connectors, detectors, storage and policy."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

PLATFORMS = ("facebook", "instagram", "x", "file")
KINDS = ("post", "comment")
MEDIA_KINDS = ("photo", "video")


@dataclass(frozen=True)
class Item:
    """One post or comment as a connector hands it over.

    ``by_school`` is true when the school's own account wrote it. ``hideable`` is
    the connector's declaration that the platform lets this account hide this
    item; ``not_hideable_reason`` says why not when it is false.
    """

    platform: str
    external_id: str
    kind: str
    by_school: bool
    text: str
    media: tuple[str, ...] = ()
    parent_external_id: str | None = None
    permalink: str | None = None
    created_at: datetime | None = None
    author_id: str | None = None
    hidden_on_platform: bool = False
    hideable: bool = False
    not_hideable_reason: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def has_photo(self) -> bool:
        """Whether the item carries a photograph or video of people."""
        return bool(set(self.media) & {"photo", "video"})

    def content_hash(self) -> str:
        """A hash of what the detectors read: an edit changes it."""
        h = hashlib.sha256()
        h.update(self.text.encode("utf-8", "surrogatepass"))
        h.update(b"\x00" + ",".join(sorted(self.media)).encode())
        h.update(b"\x00" + self.kind.encode() + (b"1" if self.by_school else b"0"))
        return h.hexdigest()
