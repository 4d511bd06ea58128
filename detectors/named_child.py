"""Placeholder: replaced by the real named_child detector."""

from __future__ import annotations

from detectors.base import Detector, Finding


class NamedChildDetector(Detector):
    """Placeholder that finds nothing."""

    label = "named_child"

    def analyze(self, item, doc) -> list[Finding]:
        """Find nothing yet."""
        return []
