"""Placeholder: replaced by the real unsafe_link detector."""

from __future__ import annotations

from detectors.base import Detector, Finding


class UnsafeLinkDetector(Detector):
    """Placeholder that finds nothing."""

    label = "unsafe_link"

    def analyze(self, item, doc) -> list[Finding]:
        """Find nothing yet."""
        return []
