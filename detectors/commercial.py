"""Placeholder: replaced by the real commercial detector."""

from __future__ import annotations

from detectors.base import Detector, Finding


class CommercialDetector(Detector):
    """Placeholder that finds nothing."""

    label = "commercial"

    def analyze(self, item, doc) -> list[Finding]:
        """Find nothing yet."""
        return []
