"""Scores for a held-out split: precision, recall, F1, ROC AUC and the 10-bin reliability table."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score


def binary_scores(labels: Sequence[bool], probabilities: Sequence[float], threshold: float = 0.5) -> dict:
    """Counts and precision/recall/F1 at the threshold, plus ROC AUC when both classes are present."""
    y = np.asarray(labels, dtype=bool)
    p = np.asarray(probabilities, dtype=float)
    predicted = p >= threshold
    scores = {
        "items": int(y.size),
        "positives": int(y.sum()),
        "threshold": threshold,
        "precision": round(float(precision_score(y, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(y, predicted, zero_division=0)), 4),
        "f1": round(float(f1_score(y, predicted, zero_division=0)), 4),
        "accuracy": round(float((predicted == y).mean()), 4) if y.size else None,
    }
    scores["roc_auc"] = round(float(roc_auc_score(y, p)), 4) if 0 < y.sum() < y.size else None
    return scores


def best_threshold(labels: Sequence[bool], probabilities: Sequence[float]) -> dict:
    """The threshold (of 99 between 0.01 and 0.99) with the highest F1, and the scores there."""
    best = max((binary_scores(labels, probabilities, t / 100) for t in range(1, 100)), key=lambda s: s["f1"])
    return best


def reliability_table(labels: Sequence[bool], probabilities: Sequence[float], bins: int = 10) -> list[dict]:
    """Per equal-width probability bin: items, mean predicted probability and observed share of positives."""
    y = np.asarray(labels, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    index = np.minimum((p * bins).astype(int), bins - 1)
    table = []
    for b in range(bins):
        mask = index == b
        count = int(mask.sum())
        table.append(
            {
                "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
                "items": count,
                "mean_predicted": round(float(p[mask].mean()), 4) if count else None,
                "observed_positive": round(float(y[mask].mean()), 4) if count else None,
            }
        )
    return table


def expected_calibration_error(table: list[dict]) -> float:
    """Item-weighted mean gap between predicted and observed in the reliability table."""
    total = sum(row["items"] for row in table)
    gap = sum(row["items"] * abs(row["mean_predicted"] - row["observed_positive"]) for row in table if row["items"])
    return round(gap / total, 4) if total else 0.0
