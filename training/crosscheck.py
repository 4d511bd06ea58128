"""Leave one community out: how the learned models do on a school community none of their synthetic data is from.

    python -m training.crosscheck --data TRAINING_DATA [--out training/reports/crosscheck.json]

For each synthetic comment file (one invented community each), the models of ``training.held_out`` (fitted as
``training.train`` fits the shipped ones, but without that community's file) are scored on all of its lines.
ROC AUC, and precision and recall at the probability the shipped layer needs for text about the school's people
and for the rest. A model-level figure: the rules, the calibration and the other detectors are not in it.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
from sklearn.metrics import precision_score, recall_score, roc_auc_score

from detectors.learned_layer import about_school_people
from training.datasets import SYNTHETIC, _jsonl
from training.held_out import community_models

logger = logging.getLogger(__name__)


def crosscheck(held_out: dict, minimums: dict) -> dict:
    """Per held-out community and model (``training.held_out.community_models``): AUC, precision and recall."""
    out: dict = {}
    for stem, models in held_out.items():
        lines = list(_jsonl(SYNTHETIC / f"{stem}.jsonl"))
        texts = [r["text"] for r in lines]
        about = np.array([about_school_people(t) for t in texts])
        for name, model in models.items():
            truth = np.array([name in (r.get("labels") or []) for r in lines])
            probs = np.array(model.score_many(texts))
            mins = minimums.get(name, {})
            hit = probs >= np.where(about, mins.get("about_school_people", 0.5), mins.get("other", 0.5))
            out.setdefault(stem, {})[name] = {
                "lines": len(lines), "positives": int(truth.sum()),
                "roc_auc": round(float(roc_auc_score(truth, probs)), 3),
                "at_shipped_minimums": {"precision": round(float(precision_score(truth, hit, zero_division=0)), 3),
                                        "recall": round(float(recall_score(truth, hit)), 3)},
                "at_0.5": {"precision": round(float(precision_score(truth, probs >= 0.5, zero_division=0)), 3),
                           "recall": round(float(recall_score(truth, probs >= 0.5)), 3)},
            }
            logger.info("%s without %s: %s", name, stem, out[stem][name])
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("training/reports/crosscheck.json"))
    parser.add_argument("--models-cache", type=Path, help="reuse the held-out community models kept here by "
                        "training.calibrate --models-cache (while their training data and code are unchanged)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    minimums = json.loads(Path("detectors/data/calibration.json").read_text())["learned_min"]
    result = crosscheck(community_models(args.data, cache=args.models_cache), minimums)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
