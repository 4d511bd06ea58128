"""Calibrated confidence: a detector's raw score mapped to the probability that the finding is right.

The detectors score evidence on their own scales (a lexicon weight, a cue sum, a checksum's certainty). The
engine maps each finding's raw score through a per-label, per-kind step function fitted by
``training/calibrate.py`` (isotonic regression, each step's rate smoothed by one right and one wrong guess)
on items that the rules were not written from, so that ``Finding.score`` reads as a probability: of the
findings scored 0.9, about nine in ten are right. The raw score stays in ``details["raw_score"]``.

The same file carries the default policy thresholds derived from the fit (``thresholds``) and the
reliability tables (``reliability``) that ``moderator eval-report`` and the README show. The shipped file is
``detectors/data/calibration.json``; when it is absent the scores pass through unchanged.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from detectors.base import Finding

CALIBRATION_VERSION = 1
_FALLBACK = "*"  # a label's own step function, for kinds that had too few examples to fit alone


def kind_of(finding: Finding) -> str:
    """The kind of evidence a finding rests on, which is what its raw score means (e.g. abuse 'threat').

    A rule's finding the learned model agrees with is a kind of its own ("threat+model"; see
    :mod:`detectors.learned_layer`).
    """
    details = finding.details or {}
    for key in ("subtype", "category", "kind"):  # child safety; abuse's category; promotion's or a link's kind
        if details.get(key):
            return str(details[key]) + ("+model" if details.get("model_agrees") is not None else "")
    return _FALLBACK


class Calibration:
    """Per-label step functions from raw score to probability, and the thresholds fitted with them."""

    def __init__(self, data: dict) -> None:
        if data.get("version") != CALIBRATION_VERSION:
            raise ValueError(f"calibration version {data.get('version')!r}, expected {CALIBRATION_VERSION}")
        self.data = data
        self._steps: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
        for label, kinds in data.get("labels", {}).items():
            for kind, fit in kinds.items():
                self._steps[(label, kind)] = (list(fit["x"]), list(fit["y"]))

    @classmethod
    def load(cls, path: Path | None = None) -> Calibration | None:
        """The shipped calibration (or the file at ``path``); None when there is none."""
        path = path or Path(str(resources.files("detectors.data") / "calibration.json"))
        if not path.exists():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def probability(self, label: str, kind: str, raw: float) -> float | None:
        """The calibrated probability for a raw score, or None when the label was never fitted."""
        steps = self._steps.get((label, kind)) or self._steps.get((label, _FALLBACK))
        if steps is None:
            return None
        xs, ys = steps
        i = bisect.bisect_right(xs, raw) - 1
        return ys[max(i, 0)]

    def apply(self, finding: Finding) -> Finding:
        """The finding with its score calibrated (the raw score kept in ``details``)."""
        p = self.probability(finding.label, kind_of(finding), finding.score)
        if p is None:
            return finding
        return replace(finding, score=round(p, 3), details={**finding.details, "raw_score": finding.score})

    def learned_min(self, group: str = "other") -> dict[str, float]:
        """Per label, the fitted minimum probability at which a learned model makes a finding of its own.

        ``group`` is "about_school_people" (texts about the school's people) or "other" (the rest).
        """
        return {label: float(v[group]) for label, v in self.data.get("learned_min", {}).items()}

    def thresholds(self) -> dict[str, dict]:
        """Per label, the fitted defaults: ``hide``, ``hold`` and ``hide_kinds`` (a hide line per kind of evidence)."""
        return {label: dict(t) for label, t in self.data.get("thresholds", {}).items()}


def reliability_table(probs, right, bins: int = 10) -> list[dict]:
    """Rows of (score range, findings, mean score, share right): how far a score can be read as a probability."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [r for p, r in zip(probs, right, strict=True) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            mean = sum(p for p in probs if lo <= p < hi or (b == bins - 1 and p == 1.0)) / len(inside)
            rows.append({"from": lo, "to": hi, "findings": len(inside), "mean_score": round(float(mean), 3),
                         "right": round(sum(map(bool, inside)) / len(inside), 3)})
    return rows


@cache
def shipped_calibration() -> Calibration | None:
    """The package's calibration, loaded once per process."""
    return Calibration.load()
