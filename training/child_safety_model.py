"""Train the child-safety model: ``python -m training.child_safety_model --data DATA --out detectors/data/models``.

A second signal beside the rules of ``detectors/child_safety.py``: the same hashed n-grams (``featurise``), the same
logistic-loss linear model, Platt sigmoid and file format as ``training.train`` (``child_safety.npz`` and its card).

Positives: synthetic lines labelled abuse whose writer's ``kind`` marks child safety (:func:`is_child_safety_kind`).
Negatives: every other synthetic line (other abuse too: a sexual remark about a teacher, a threat to staff, mocking a
pupil's looks are not for the safeguarding lead) and a sample of every public set of training/SOURCES.md (ordinary
and abusive public comments, where a page to the DSL would be a false alarm).

The threshold is fitted on leave-one-community-out predictions, as ``training/held_out.py`` does for abuse and
promotion: each synthetic file is scored by a model fitted without it. It is the lowest threshold (never under
0.5) at which the share of unseen public comments (rows of the public sets never trained on) over it stays at most
MAX_PUBLIC_SHARE, both for the shipped model and for the held-out models; recall of child-safety lines of unseen
communities falls as the threshold rises, so that is the highest recall the false-alarm limit allows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from detectors import child_safety
from detectors.child_safety_model import MIN_WORDS, MODEL_NAME
from detectors.learned import FEATURES_VERSION, N_FEATURES, featurise
from detectors.text_normalize import normalize
from training.cards import write_model
from training.datasets import READERS, SYNTHETIC_WEIGHT, _jsonl, synthetic_files
from training.sources import declared_sources, verify
from training.train import _fit, git_commit, split_of, train_model

logger = logging.getLogger(__name__)

#: A writer's kind marks child safety when it names it ("child_safety_*", "childsafety_*", "x_child_safety_*",
#: "polish_child_safety", "cs_*") or is a child's disclosure ("disclosure_*"). Hard negatives ("hn_*",
#: "hard_negative_*", e.g. "hn_cs_family_praise") never are; kinds the writers filed under another label
#: ("mocking_child", "harassment_pupil", "misogyny_child", "sexual_remark_staff") stay negatives.
CHILD_SAFETY_KIND = re.compile(r"child_?safety|^cs_|^disclosure")
NOT_POSITIVE_KIND = re.compile(r"^(?:hn_|hard_negative)")
#: Public rows per set: half of them, at most this many, train the model as negatives; others only check it.
PUBLIC_TRAIN_PER_SET = 10000
PUBLIC_CHECK_PER_SET = 10000
#: The share of unseen public comments allowed over the threshold (0.05 %).
MAX_PUBLIC_SHARE = 0.0005
MIN_THRESHOLD = 0.5  # the model must find child safety more likely than not


@dataclass(frozen=True)
class CsRow:
    """One text (as the detector sees it: normalised) and whether it is a child-safety concern."""

    text: str
    child_safety: bool
    lang: str
    dataset: str
    weight: float = 1.0


def is_child_safety_kind(kind: str | None, labels: list[str] | None) -> bool:
    """True for an abuse-labelled synthetic line whose kind marks child safety (see CHILD_SAFETY_KIND)."""
    kind = (kind or "").lower()
    return "abuse" in (labels or []) and bool(CHILD_SAFETY_KIND.search(kind)) and not NOT_POSITIVE_KIND.match(kind)


def synthetic_cs_rows() -> list[CsRow]:
    """Every synthetic line, labelled for child safety and weighted like the other models' synthetic rows."""
    rows = []
    for path in synthetic_files():
        for line in _jsonl(path):
            label = is_child_safety_kind(line.get("kind"), line.get("labels"))
            rows.append(CsRow(normalize(line["text"]).text, label, "en", f"synthetic-{path.stem}",
                              SYNTHETIC_WEIGHT["child_safety"]))
    return rows


def public_cs_rows(data_dir: Path, sources) -> tuple[list[CsRow], list[CsRow]]:
    """A random sample of each public set to train on (negatives) and another, never trained on, to check."""
    by_set: dict[str, list[CsRow]] = {}
    seen: set[str] = set()
    for source in sources:
        for text, _, lang in READERS[source.dataset](data_dir / source.path):
            key = " ".join(text.lower().split())
            if key and key not in seen:
                seen.add(key)
                by_set.setdefault(source.dataset, []).append(CsRow(normalize(text.strip()).text, False, lang,
                                                                    source.dataset))
    train, check = [], []
    for dataset, rows in sorted(by_set.items()):
        random.Random(dataset).shuffle(rows)
        half = min(len(rows) // 2, PUBLIC_TRAIN_PER_SET)
        train += rows[:half]
        check += rows[half:half + PUBLIC_CHECK_PER_SET]
    return train, check


def _probabilities(features, labels, weights, fit_mask, calib_mask, alpha, *scored):
    """Fit as training.train does (float16 weights, Platt on the calibration rows); probabilities of each matrix."""
    clf = _fit(features[fit_mask], labels[fit_mask], alpha, weights[fit_mask])
    coef, bias = clf.coef_[0].astype(np.float16).astype(np.float32), float(clf.intercept_[0])
    margins = features @ coef + bias
    platt = LogisticRegression(C=1e6).fit(margins[calib_mask].reshape(-1, 1), labels[calib_mask],
                                          sample_weight=weights[calib_mask])
    a, b = platt.coef_[0][0], platt.intercept_[0]
    return [1.0 / (1.0 + np.exp(-np.clip(a * (m @ coef + bias) + b, -50, 50))) for m in scored]


def held_out_communities(rows: list[CsRow], features, check_features, alpha: float):
    """Each synthetic line scored by a model fitted without its file; each such model's scores of the check rows."""
    labels = np.array([r.child_safety for r in rows])
    weights = np.array([r.weight for r in rows])
    splits = np.array([split_of(r.text) for r in rows])
    datasets = np.array([r.dataset for r in rows])
    probabilities = np.full(len(rows), np.nan)
    check_scores = []
    for path in synthetic_files():
        held = datasets == f"synthetic-{path.stem}"
        own, public = _probabilities(features, labels, weights, (splits == "train") & ~held,
                                     (splits == "calibration") & ~held, alpha, features[held], check_features)
        probabilities[held] = own
        check_scores.append(public)
        logger.info("without %s: %d child-safety lines, %d found at 0.5", path.stem, labels[held].sum(),
                    int(((own >= 0.5) & labels[held]).sum()))
    return probabilities, check_scores


def _share(flags: np.ndarray) -> float:
    return round(float(flags.mean()), 6) if flags.size else 0.0


def _precision_recall(labels: np.ndarray, flagged: np.ndarray) -> dict:
    tp = int((flagged & labels).sum())
    return {"flagged": int(flagged.sum()), "true_positives": tp,
            "precision": round(tp / flagged.sum(), 4) if flagged.sum() else None,
            "recall": round(tp / labels.sum(), 4) if labels.sum() else None}


def fit_threshold(final_check: np.ndarray, held_check: list[np.ndarray], long_enough: np.ndarray) -> float:
    """The lowest threshold (0.001 steps, >= MIN_THRESHOLD) keeping every public false-alarm share in bounds."""
    for step in range(int(MIN_THRESHOLD * 1000), 1000):
        t = step / 1000
        shares = [_share((scores >= t) & long_enough) for scores in [final_check, *held_check]]
        if max(shares[0], float(np.mean(shares[1:]))) <= MAX_PUBLIC_SHARE:
            return t
    return 0.999


def evaluate(rows, held_probs, check_rows, final_check, held_check, threshold) -> dict:
    """Held-out community precision/recall (rules, model, both) and the public false-alarm shares."""
    synthetic = np.array([r.dataset.startswith("synthetic-") for r in rows])
    labels = np.array([r.child_safety for r in rows])[synthetic]
    texts = [r.text for r, s in zip(rows, synthetic, strict=True) if s]
    rules = np.array([child_safety.find(t) is not None for t in texts])
    long_enough = np.array([len(t.split()) >= MIN_WORDS for t in texts])
    model = (held_probs[synthetic] >= threshold) & long_enough
    check_long = np.array([len(r.text.split()) >= MIN_WORDS for r in check_rows])
    check_rules = np.array([child_safety.find(r.text) is not None for r in check_rows])
    check_model = (final_check >= threshold) & check_long
    per_community = {}
    datasets = np.array([r.dataset for r in rows])[synthetic]
    for name in sorted(set(datasets)):
        mask = datasets == name
        per_community[name.removeprefix("synthetic-")] = {
            "child_safety_lines": int(labels[mask].sum()),
            "rules_recall": _precision_recall(labels[mask], rules[mask])["recall"],
            "both_recall": _precision_recall(labels[mask], (rules | model)[mask])["recall"]}
    return {
        "held_out_communities": {
            "method": "each synthetic file scored by a model fitted without it (training/held_out.py's approach)",
            "lines": int(labels.size), "child_safety_lines": int(labels.sum()),
            "rules_alone": _precision_recall(labels, rules),
            "model_alone": _precision_recall(labels, model),
            "rules_and_model": _precision_recall(labels, rules | model),
            "per_community": per_community},
        "public_false_alarm": {
            "rows": len(check_rows), "note": "public rows never trained on, every declared set",
            "rules_alone": _share(check_rules), "model_alone": _share(check_model),
            "rules_and_model": _share(check_rules | check_model),
            "held_out_models_mean": round(float(np.mean([_share((s >= threshold) & check_long)
                                                         for s in held_check])), 6)},
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding the files of training/SOURCES.md")
    parser.add_argument("--out", type=Path, default=Path("detectors/data/models"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.monotonic()
    sources = declared_sources()
    verify(args.data, sources)
    public_train, check_rows = public_cs_rows(args.data, sources)
    rows = public_train + synthetic_cs_rows()
    logger.info("%d rows (%d child safety), %d public rows to check", len(rows),
                sum(r.child_safety for r in rows), len(check_rows))
    result = train_model(MODEL_NAME, rows)
    features, check_features = featurise([r.text for r in rows]), featurise([r.text for r in check_rows])
    final_check = check_features @ result["weights"].astype(np.float32) + result["bias"]
    final_check = 1.0 / (1.0 + np.exp(-np.clip(result["platt_a"] * final_check + result["platt_b"], -50, 50)))
    held_probs, held_check = held_out_communities(rows, features, check_features, result["alpha"])
    check_long = np.array([len(r.text.split()) >= MIN_WORDS for r in check_rows])
    threshold = fit_threshold(final_check, held_check, check_long)
    scores = evaluate(rows, held_probs, check_rows, final_check, held_check, threshold)
    result.update(seconds=round(time.monotonic() - started, 1), commit=git_commit(),
                  features_version=FEATURES_VERSION, n_features=N_FEATURES)
    role = f"negatives: a random sample of at most {PUBLIC_TRAIN_PER_SET} rows per set"
    roles = [dataclasses.replace(s, roles={MODEL_NAME: role}) for s in sources]
    args.out.mkdir(parents=True, exist_ok=True)
    card = write_model(MODEL_NAME, result, roles, args.out)
    card.update(
        positives=("synthetic lines labelled abuse whose kind matches " f"/{CHILD_SAFETY_KIND.pattern}/ and not "
                   f"/{NOT_POSITIVE_KIND.pattern}/; every other synthetic line and the public sample are negatives"),
        positive_kinds=dict(Counter(k for k in _kinds() if k)),
        threshold=threshold,
        threshold_rule=(f"lowest (>= {MIN_THRESHOLD}) at which at most {MAX_PUBLIC_SHARE:.2%} of unseen public rows "
                        f"of {MIN_WORDS}+ words score over it, for the shipped and the held-out community models"),
        min_words=MIN_WORDS, **scores)
    (args.out / f"{MODEL_NAME}.json").write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    logger.info("threshold %.3f; held out %s; public %s", threshold, scores["held_out_communities"]["rules_and_model"],
                scores["public_false_alarm"])
    return 0


def _kinds():
    for path in synthetic_files():
        for line in _jsonl(path):
            if is_child_safety_kind(line.get("kind"), line.get("labels")):
                yield line.get("kind")


if __name__ == "__main__":
    raise SystemExit(main())
