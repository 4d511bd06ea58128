"""Write a trained model's weights (``<name>.npz``, no pickles) and its card (``<name>.json``)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from training.datasets import SYNTHETIC_WEIGHT, synthetic_files
from training.metrics import binary_scores, expected_calibration_error, reliability_table
from training.sources import SourceFile, sha256_file

LICENCE_STATEMENT = (
    "Trained only on sets whose copies state a permissive or share-alike licence: CC0 1.0 (toxic spans), MIT "
    "(HateXplain, RUHSOLD, ScamSpot, Janitr), Apache-2.0 (News-RO-Offense), CC BY 4.0 (GermEval 2018), "
    "BSD-3-Clause (PolEval 2019 ids and tags; the copy of its texts states no licence), CC BY-SA 4.0 (ToLD-Br) and "
    "CC BY-SA 3.0 ES (Stormfront). No non-commercial, research-only or licence-unknown set was used. The weights "
    "are hashed n-gram coefficients, not text; whether share-alike terms reach a model trained on the data is "
    "unsettled, so the attribution is kept here."
)
FEATURES = ("hashed n-grams as scikit-learn HashingVectorizer makes them (detectors/hashed_features.py): char_wb 2-5 "
            "of the anyascii text (2^18, l2) + word 1-2 (2^20, l2), lower-cased, no alternate sign")


def _scores_by(key: str, rows, labels, probabilities, mask) -> dict:
    groups: dict[str, list[int]] = defaultdict(list)
    for index in np.flatnonzero(mask):
        groups[getattr(rows[index], key)].append(index)
    return {group: binary_scores(labels[idx], probabilities[idx]) for group, idx in sorted(groups.items())}


def write_model(name: str, result: dict, sources: list[SourceFile], out: Path) -> dict:
    """Save the weights and calibration as numbers, then the card describing how they were made; return the card."""
    model_path = out / f"{name}.npz"
    np.savez_compressed(
        model_path,
        weights=result["weights"],
        bias=np.float64(result["bias"]),
        platt_a=np.float64(result["platt_a"]),
        platt_b=np.float64(result["platt_b"]),
        features_version=np.int64(result["features_version"]),
        n_features=np.int64(result["n_features"]),
    )
    rows, labels, probabilities, splits = result["rows"], result["labels"], result["probabilities"], result["splits"]
    test = splits == "test"
    counts: dict[str, Counter] = defaultdict(Counter)
    for row, label in zip(rows, labels, strict=True):
        counts[row.lang]["positive" if label else "negative"] += 1
    per_set: dict[str, Counter] = defaultdict(Counter)
    for row, label in zip(rows, labels, strict=True):
        per_set[row.dataset]["positive" if label else "negative"] += 1
    table = reliability_table(labels[test], probabilities[test])
    card = {
        "model": name,
        "model_file": {"name": model_path.name, "sha256": sha256_file(model_path), "bytes": model_path.stat().st_size},
        "git_commit": result["commit"],
        "features": FEATURES,
        "features_version": result["features_version"],
        "n_features": result["n_features"],
        "classifier": f"SGD logistic loss, alpha {result['alpha']:g}, balanced class weights; weights float16",
        "calibration": {
            "method": "Platt sigmoid on the calibration split",
            "a": result["platt_a"],
            "b": result["platt_b"],
            "note": "probabilities reflect the training mix of classes, not any school's base rate",
        },
        "data_files": [
            {"dataset": s.dataset, "path": s.path, "licence": s.licence, "sha256": s.sha256, "role": s.roles[name]}
            for s in sources
            if s.roles[name]
        ] + [
            {"dataset": f"synthetic-{path.stem}", "path": f"training/synthetic/{path.name}",
             "licence": "this project's own invented comments (same licence as the code)", "sha256": sha256_file(path),
             "role": f"{name}: every line, each weighted {SYNTHETIC_WEIGHT[name]:g}"}
            for path in synthetic_files()
        ],
        "counts_per_language": {lang: dict(c) for lang, c in sorted(counts.items())},
        "counts_per_set": {dataset: dict(c) for dataset, c in sorted(per_set.items())},
        "splits": dict(Counter(splits.tolist())),
        "held_out": {
            "overall": binary_scores(labels[test], probabilities[test]),
            "per_language": _scores_by("lang", rows, labels, probabilities, test),
            "per_set": _scores_by("dataset", rows, labels, probabilities, test),
        },
        "reliability_table": table,
        "expected_calibration_error": expected_calibration_error(table),
        "training_seconds": result["seconds"],
        "licence_statement": LICENCE_STATEMENT,
    }
    (out / f"{name}.json").write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return card
