"""The review pages: server-rendered, signed-in, audited (``moderator serve``)."""

from __future__ import annotations
