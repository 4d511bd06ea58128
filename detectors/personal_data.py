"""Placeholder: replaced by the real personal_data detector."""

from __future__ import annotations

from detectors.base import Detector, Finding


class PersonalDataDetector(Detector):
    """Placeholder that finds nothing."""

    label = "personal_data"

    def analyze(self, item, doc) -> list[Finding]:
        """Find nothing yet."""
        return []
