"""Placeholder: replaced by the real abuse detector."""

from __future__ import annotations

from detectors.base import Detector, Finding


class AbuseDetector(Detector):
    """Placeholder that finds nothing."""

    label = "abuse"

    def analyze(self, item, doc) -> list[Finding]:
        """Find nothing yet."""
        return []
