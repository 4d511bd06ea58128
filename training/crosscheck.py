"""Leave one community out: how the learned models do on a school community none of their synthetic data is from.

    python -m training.crosscheck --data TRAINING_DATA [--out training/reports/crosscheck.json]

For each synthetic comment file (one invented community each), the abuse and commercial models are fitted as
``training.train`` fits them (the public rows of training/SOURCES.md plus the synthetic 'train' halves, weighted
SYNTHETIC_WEIGHT) but without that community's file, then scored on all of that file's lines. ROC AUC, and
precision and recall at the probability the shipped layer needs for text about the school's people and for the
rest. A model-level figure: the rules, the calibration and the other detectors are not in it.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
from sklearn.metrics import precision_score, recall_score, roc_auc_score

from detectors.learned import LearnedModel
from detectors.learned_layer import about_school_people
from training.datasets import _jsonl, rows_for, synthetic_files, synthetic_rows
from training.sources import declared_sources, verify
from training.train import train_model

logger = logging.getLogger(__name__)


def crosscheck(data_dir: Path, minimums: dict) -> dict:
    """Per held-out community and model: AUC, and precision/recall at the shipped minimums."""
    sources = declared_sources()
    verify(data_dir, sources)
    out: dict = {}
    for name in ("abuse", "commercial"):
        public = rows_for(name, data_dir, sources)
        synthetic = synthetic_rows(name)
        for held in synthetic_files():
            rows = public + [r for r in synthetic if r.dataset != f"synthetic-{held.stem}"]
            fitted = train_model(name, rows)
            lines = list(_jsonl(held))
            texts = [r["text"] for r in lines]
            truth = np.array([name in (r.get("labels") or []) for r in lines])
            model = LearnedModel(name, fitted["weights"], fitted["bias"], fitted["platt_a"], fitted["platt_b"])
            probs = np.array(model.score_many(texts))
            mins = minimums.get(name, {})
            about = np.array([about_school_people(t) for t in texts])
            need = np.where(about, mins.get("about_school_people", 0.5), mins.get("other", 0.5))
            hit = probs >= need
            out.setdefault(held.stem, {})[name] = {
                "lines": len(lines), "positives": int(truth.sum()),
                "roc_auc": round(float(roc_auc_score(truth, probs)), 3),
                "at_shipped_minimums": {"precision": round(float(precision_score(truth, hit, zero_division=0)), 3),
                                        "recall": round(float(recall_score(truth, hit)), 3)},
                "at_0.5": {"precision": round(float(precision_score(truth, probs >= 0.5, zero_division=0)), 3),
                           "recall": round(float(recall_score(truth, probs >= 0.5)), 3)},
            }
            logger.info("%s without %s: %s", name, held.stem, out[held.stem][name])
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("training/reports/crosscheck.json"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    minimums = json.loads(Path("detectors/data/calibration.json").read_text())["learned_min"]
    result = crosscheck(args.data, minimums)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
