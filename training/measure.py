"""Measure the shipped models on the public eval sets (measurement only: nothing here trains or tunes).

``python -m training.measure --eval /folder/of/public/sets --out training/reports/measure.json`` scores each set's
texts, reports F1 at the calibrated 0.5 and at the best threshold (hindsight, for information only), and the share
of the set's unlabelled items scored above 0.5, 0.8 and 0.95 (false alarms on ordinary text).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from detectors.learned import LearnedModel
from training.metrics import best_threshold, binary_scores, reliability_table

#: Public set -> the model and the label it measures.
PUBLIC_SETS = {"jigsaw-abuse": "abuse", "davidson-abuse": "abuse", "youtube-spam": "commercial"}


def measure_set(folder: Path, model: LearnedModel) -> dict:
    """Scores of one model on one eval set's items.jsonl."""
    items = [json.loads(line) for line in (folder / "items.jsonl").read_text(encoding="utf-8").splitlines() if line]
    labels = np.array([model.name in (item.get("labels") or []) for item in items])
    unlabelled = np.array([not item.get("labels") for item in items])
    started = time.perf_counter()
    probabilities = np.array(model.score_many([item.get("text") or "" for item in items]))
    seconds = time.perf_counter() - started
    clean = probabilities[unlabelled]
    return {
        "items": len(items),
        "label": model.name,
        "at_0.5": binary_scores(labels, probabilities, 0.5),
        "best_threshold_hindsight": best_threshold(labels, probabilities),
        "unlabelled_items": int(unlabelled.sum()),
        "unlabelled_above": {str(t): round(float((clean > t).mean()), 4) for t in (0.5, 0.8, 0.95)},
        "reliability_table": reliability_table(labels, probabilities),
        "ms_per_item_batched": round(1000 * seconds / max(1, len(items)), 4),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, required=True, help="folder holding jigsaw-abuse, davidson-abuse, ...")
    parser.add_argument("--out", type=Path, default=Path("training/reports/measure.json"))
    args = parser.parse_args(argv)
    models = {name: LearnedModel.load(name) for name in set(PUBLIC_SETS.values())}
    report = {name: measure_set(args.eval / name, models[label]) for name, label in PUBLIC_SETS.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for name, scores in report.items():
        print(
            name,
            "F1@0.5",
            scores["at_0.5"]["f1"],
            "best",
            scores["best_threshold_hindsight"]["f1"],
            "at",
            scores["best_threshold_hindsight"]["threshold"],
            "clean>0.5/0.8/0.95",
            scores["unlabelled_above"],
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
