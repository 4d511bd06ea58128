"""Fit the named_child context reader (:mod:`detectors.names_context_model`) and its held-out readings.

Called by ``python -m training.names_model``: every candidate the detector's finder proposes in the training items
(before any veto) becomes one row, the window around it with the name masked, labelled by whether it covers a name
the writer marked. The cue model is then fitted on readings made *without* the candidate's own school (fold k
leaves out the k-th school of every file, as the cue model's own held-out measurement does), so its ``context``
weight is learned from readings as good as the shipped reader gives a school it has never seen; the shipped reader
is fitted on every row.
"""

from __future__ import annotations

import logging

import numpy as np
from sklearn.linear_model import LogisticRegression

from detectors.names_context_model import ContextModel, featurise

logger = logging.getLogger(__name__)
#: Inverse L2 strength of the logistic fit. Chosen on the held-out schools (training/README: 0.5, 1, 2, 4).
C = 8.0


class Readings:
    """Fixed probabilities for one item's candidates, by span (what the detector asks its reader for)."""

    def __init__(self, by_span: dict[tuple[int, int], float]) -> None:
        self.by_span = by_span

    def probability(self, text: str, start: int, end: int) -> float:
        """The held-out reading of the candidate at ``start:end`` (0.5 for a span the first pass did not see)."""
        return self.by_span.get((start, end), 0.5)


def fit(windows: list[str], labels: list[bool], c: float = C) -> ContextModel:
    """A logistic reader over the windows' hashed features."""
    y = np.array(labels, dtype=bool)
    if y.all() or not y.any():
        raise ValueError("the context reader needs positive and negative candidates")
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
    clf.fit(featurise(windows), y)
    return ContextModel(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]))


def held_out_readings(windows: list[str], labels: list[bool], folds: list[int], c: float = C) -> np.ndarray:
    """Each row's probability from a reader fitted without its fold."""
    out = np.zeros(len(windows))
    for k in sorted(set(folds)):
        train = [i for i, f in enumerate(folds) if f != k]
        test = [i for i, f in enumerate(folds) if f == k]
        model = fit([windows[i] for i in train], [labels[i] for i in train], c)
        z = model.logits([windows[i] for i in test])
        out[test] = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
    return out


def log_loss(p: np.ndarray, labels: list[bool]) -> float:
    """Mean log loss of readings against labels."""
    y = np.array(labels, dtype=float)
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
