"""Train every shipped model: ``python -m training.train --data /path/to/training-data --out detectors/data/models``.

Steps per model: check the declared files' checksums (refuse on a mismatch), read and label the rows, split them by
a hash of the text (80 % train, 10 % calibration, 10 % held-out test, so a duplicate never crosses splits), fit a
logistic-loss linear model on hashed n-grams (regularisation chosen on the calibration split), fit a Platt sigmoid
on the calibration split, score the test split, and write ``<model>.npz`` (weights as float16) and its card.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import subprocess
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import log_loss

from detectors.learned import FEATURES_VERSION, MODEL_NAMES, N_FEATURES, featurise
from training.cards import write_model
from training.datasets import Row, rows_for, synthetic_rows
from training.sources import declared_sources, verify

logger = logging.getLogger(__name__)
ALPHAS = (1e-6, 3e-6, 1e-5, 3e-5)


def split_of(text: str) -> str:
    """'test', 'calibration' or 'train', from a stable hash of the normalised text."""
    bucket = int(hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()[:8], 16) % 10
    return "test" if bucket == 0 else "calibration" if bucket == 1 else "train"


def _fit(features, labels: np.ndarray, alpha: float, weights: np.ndarray) -> SGDClassifier:
    model = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=60, tol=1e-4, random_state=7, class_weight="balanced")
    return model.fit(features, labels, sample_weight=weights)


def train_model(name: str, rows: list[Row]) -> dict:
    """Fit, calibrate and evaluate one model; return its weights and everything its card records."""
    labels = np.array([bool(getattr(row, name)) for row in rows])
    splits = np.array([split_of(row.text) for row in rows])
    features = featurise([row.text for row in rows])
    train, calib = (splits == "train"), (splits == "calibration")
    weights = np.array([row.weight for row in rows])
    best = None
    for alpha in ALPHAS:
        clf = _fit(features[train], labels[train], alpha, weights[train])
        loss = log_loss(labels[calib], clf.predict_proba(features[calib])[:, 1], sample_weight=weights[calib])
        logger.info("%s alpha=%g calibration log loss %.4f", name, alpha, loss)
        if best is None or loss < best[0]:
            best = (loss, alpha, clf)
    _, alpha, clf = best
    coef = clf.coef_[0].astype(np.float16)
    bias = float(clf.intercept_[0])
    margins = features @ coef.astype(np.float32) + bias
    platt = LogisticRegression(C=1e6).fit(margins[calib].reshape(-1, 1), labels[calib], sample_weight=weights[calib])
    z = platt.coef_[0][0] * margins + platt.intercept_[0]
    probabilities = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
    return {
        "weights": coef,
        "bias": bias,
        "alpha": alpha,
        "platt_a": float(platt.coef_[0][0]),
        "platt_b": float(platt.intercept_[0]),
        "rows": rows,
        "labels": labels,
        "splits": splits,
        "probabilities": probabilities,
    }


def git_commit() -> str:
    """The repository's HEAD commit, with '+dirty' when files other than the models and reports have changed."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        status = ["git", "status", "--porcelain", "--", ".", ":!detectors/data/models", ":!training/reports"]
        dirty = subprocess.run(status, capture_output=True, text=True, check=True).stdout
        return head + ("+dirty" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding the files of training/SOURCES.md")
    parser.add_argument("--out", type=Path, default=Path("detectors/data/models"))
    parser.add_argument("--models", nargs="*", default=list(MODEL_NAMES), choices=MODEL_NAMES)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    sources = declared_sources()
    verify(args.data, sources)
    logger.info("checksums of %d declared files match", len(sources))
    args.out.mkdir(parents=True, exist_ok=True)
    commit = git_commit()
    for name in args.models:
        started = time.monotonic()
        rows = rows_for(name, args.data, sources) + synthetic_rows(name)
        logger.info("%s: %d rows %s", name, len(rows), dict(Counter(bool(getattr(r, name)) for r in rows)))
        result = train_model(name, rows)
        result["seconds"] = round(time.monotonic() - started, 1)
        result.update(commit=commit, features_version=FEATURES_VERSION, n_features=N_FEATURES)
        card = write_model(name, result, sources, args.out)
        logger.info("%s: test %s in %.0f s", name, card["held_out"]["overall"], result["seconds"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
