"""The named_child cue model on communities it has not seen: ``python -m training.names_held_out --public DATA``.

Leave-one-file-out: each names file (one writer, one kind of community) is scored by weights fitted on the other
files, exactly as :func:`training.names_model.fit` fits the shipped ones (threshold and public budget included).
With ``--public``, the training public comments (:mod:`training.names_public_negatives`) are split into as many
parts as there are files; fold k also holds out part k, so the public fire rate is read on comments the fold's
weights never saw; and the weights fitted on everything are scored on the rest of the file's comments (never in
any fit). ``--budgets`` compares public budgets (how PUBLIC_BUDGET is chosen). ``--misses`` writes, per held-out
file, the items it got wrong (the training files' own text, for reading by hand) to a folder outside the
repository; product code never prints item text. Prints one JSON object of the scores.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from training.names_model import DATA, PRIOR_STRENGTH, PUBLIC_BUDGET, PUBLIC_FILE, PUBLIC_ITEMS, Example, featurise, fit
from training.names_public_negatives import public_negatives_file, temp_dir
from training.names_scores import item_scores

logger = logging.getLogger(__name__)
# The held-out scores training/calibrate.py fits named_child on (written by training/names_model.py).
SCORES_FILE = Path("training/reports/names_held_out_scores.json")


def leave_one_file_out(examples: list[Example], strength: float = PRIOR_STRENGTH,
                       budget: float = PUBLIC_BUDGET) -> tuple[dict, list, list]:
    """Per file, the item scores of weights fitted without it; each example's held-out hit and score.

    An example's score is the highest of its candidates' (0.0 with none); hit and score are None for a public
    comment no fold held out.
    """
    files = sorted({ex.file for ex in examples if ex.file != PUBLIC_FILE})
    public = [i for i, ex in enumerate(examples) if ex.file == PUBLIC_FILE]
    part = {i: k % len(files) for k, i in enumerate(public)}  # public comment -> the fold that holds it out
    hits: list[bool | None] = [None] * len(examples)
    scores: list[float | None] = [None] * len(examples)
    report: dict = {"per_file": {}}
    for k, held in enumerate(files):
        out = {i for i, ex in enumerate(examples) if ex.file == held or part.get(i) == k}
        model = fit([ex for i, ex in enumerate(examples) if i not in out], strength, budget)
        for i in out:
            scores[i] = max((model.score(f) for f in examples[i].features), default=0.0)
            hits[i] = scores[i] >= 0.5
        report["per_file"][held] = item_scores([examples[i] for i in out if examples[i].file == held], model)
        logger.info("%s held out: %s", held, report["per_file"][held])
    school = [(ex, h) for ex, h in zip(examples, hits, strict=True) if ex.file != PUBLIC_FILE]
    tp = sum(h and ex.gold for ex, h in school)
    fp = sum(h and not ex.gold for ex, h in school)
    fn = sum(ex.gold and not h for ex, h in school)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    report["overall"] = {"items": len(school), "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4),
                         "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
    report["macro_f1"] = round(sum(v["f1"] for v in report["per_file"].values()) / max(1, len(files)), 4)
    if public:
        fired = sum(bool(hits[i]) for i in public)
        report["public"] = {"items": len(public), "fired": fired, "rate": round(fired / len(public), 4)}
    return report, hits, scores


def calibration_scores(examples: list[Example], scores: list) -> dict:
    """Per names file (and the public comments), each item's held-out named_child score and truth.

    What :mod:`training.calibrate` reads as the named_child pool beside the development sets: ``[score, gold]`` per
    item, the score the detector would report (the highest candidate's, at most 0.99) or None when no candidate
    reaches the detector's threshold. Numbers only, no text.
    """
    files: dict[str, list] = {}
    for ex, score in zip(examples, scores, strict=True):
        if score is None:
            continue
        found = round(min(score, 0.99), 4) if score >= 0.5 else None
        files.setdefault(ex.file, []).append([found, bool(ex.gold)])
    return {"what": "held-out-by-file named_child scores of training/synthetic_names (training/names_held_out.py)",
            "files": files}


def write_misses(paths: list[Path], examples: list[Example], hits: list, folder: Path) -> None:
    """The held-out misses of each names file and the public comments it fired on.

    As ``folder/<file>.misses.jsonl``: training text, for reading by hand, never product output.
    """
    folder.mkdir(parents=True, exist_ok=True)
    by_file = {p.stem: p for p in paths}
    rows: dict[str, list] = {}
    lines = {stem: [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
             for stem, p in by_file.items()}
    items = {stem: [r for r in v if r.get("type") == "item"] for stem, v in lines.items()}
    seen: dict[str, int] = {}
    for ex, hit in zip(examples, hits, strict=True):
        n = seen.get(ex.file, 0)
        seen[ex.file] = n + 1
        if bool(hit) != ex.gold:
            row = items[ex.file][n]
            rows.setdefault(ex.file, []).append({"miss": "fn" if ex.gold else "fp", "text": row["text"],
                                                 "names": row.get("names"), "kind": row.get("kind"),
                                                 "candidates": [{k: v for k, v in f.items()} for f in ex.features],
                                                 "labels": ex.labels})
    for stem, out in rows.items():
        (folder / f"{stem}.misses.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--public", type=Path, default=None, help="the training-data folder (public negatives)")
    parser.add_argument("--public-items", type=int, default=PUBLIC_ITEMS)
    parser.add_argument("--strength", type=float, default=PRIOR_STRENGTH)
    parser.add_argument("--budgets", type=float, nargs="+", default=[PUBLIC_BUDGET],
                        help="public budgets to compare (each a leave-one-file-out run)")
    parser.add_argument("--misses", type=Path, default=None, help="a folder outside the repository for the misses")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    paths = sorted(args.data.glob("*.jsonl"))
    scratch = temp_dir()
    if args.public is not None:
        paths.append(public_negatives_file(args.public, args.public_items, Path(scratch.name))[0])
    context: dict = {}
    examples = featurise(paths, context, fold_by="file")  # no community's reader taught by its own file
    rest = featurise([public_negatives_file(args.public, args.public_items, Path(scratch.name), rest=True)[0]],
                     reader=context["model"]) if args.public is not None else []
    reports = {}
    for budget in args.budgets:
        reports[budget], hits, _ = leave_one_file_out(examples, args.strength, budget)
        if rest:  # the weights as shipped (fitted on everything) on the comments the fit never read
            model = fit(examples, args.strength, budget)
            fired = sum(any(model.score(f) >= 0.5 for f in ex.features) for ex in rest)
            reports[budget]["public_rest"] = {"items": len(rest), "fired": fired, "rate": round(fired / len(rest), 4)}
    if args.misses is not None:
        write_misses(paths, examples, hits, args.misses)
    scratch.cleanup()
    print(json.dumps(reports[args.budgets[0]] if len(args.budgets) == 1 else reports, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
