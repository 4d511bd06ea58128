"""Item-level scores of the named_child cue model: precision, recall, F1 and F-beta, and the public fire rate."""

from __future__ import annotations


def public_rate(examples: list, model, threshold: float) -> float:
    """The share of (public, all negative) items with a candidate at or over the threshold."""
    return sum(any(model.score(f) >= threshold for f in ex.features) for ex in examples) / max(1, len(examples))


def f_beta(scores: dict, beta: float) -> float:
    """F-beta of item-level scores: beta > 1 weighs recall above precision."""
    p, r = scores["precision"], scores["recall"]
    return (1 + beta ** 2) * p * r / (beta ** 2 * p + r) if p + r else 0.0


def item_scores(examples: list, model, threshold: float = 0.5) -> dict:
    """Item-level precision, recall and F1: an item is flagged when any candidate scores over the threshold."""
    tp = fp = fn = 0
    for ex in examples:
        hit = any(model.score(f) >= threshold for f in ex.features)
        tp += hit and ex.gold
        fp += hit and not ex.gold
        fn += ex.gold and not hit
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"items": len(examples), "positives": tp + fn, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "positives_without_candidate": sum(ex.gold and not any(ex.labels) for ex in examples)}


def pooled(examples: list, models: list) -> dict:
    """Item-level scores of ``examples``, each scored by its own (held-out) model."""
    parts = [item_scores([ex], m) for ex, m in zip(examples, models, strict=True)]
    tp, fp, fn = (sum(p[k] for p in parts) for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"items": len(examples), "positives": tp + fn, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
