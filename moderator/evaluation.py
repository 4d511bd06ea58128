"""``moderator eval``: the daemon's own detectors over labelled evaluation sets.

A set is a folder with items.jsonl, school.toml and roster.csv (format: eval/README.md).
school.toml maps onto the ``[school]`` section of the daemon's configuration.
"""

from __future__ import annotations

import json
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.errors import ConfigError
from core.items import Item
from detectors.base import LABELS, SchoolContext
from detectors.calibration import reliability_table
from detectors.engine import DetectorEngine
from moderator import policy
from moderator.config_checks import Checker
from moderator.config_policy import DEFAULT_POLICY
from moderator.config_school import parse_school


@dataclass
class EvalSet:
    """One evaluation folder, loaded."""

    name: str
    school: SchoolContext
    items: list[Item]
    gold: dict[str, set[str]]
    scored: list[str]


@dataclass
class LabelScore:
    """Precision, recall and F1 of one label, with the ids behind the errors."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    support: int = 0
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def p(self) -> float:
        """Precision."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def r(self) -> float:
        """Recall."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """F1, the harmonic mean of precision and recall."""
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


def load_set(folder: Path) -> EvalSet:
    """Read one evaluation folder; ConfigError when it is malformed."""
    folder = Path(folder)
    school_file = folder / "school.toml"
    try:
        data = tomllib.loads(school_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{school_file}: not found (an evaluation set needs items.jsonl, school.toml, "
                           f"roster.csv)"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{school_file}: not valid TOML: {exc}"]) from None
    if (folder / "roster.csv").exists():
        data.setdefault("roster", "roster.csv")
    c = Checker(school_file)
    school = parse_school(data, c, folder, prefix="")
    scored = data.get("scored_labels") or list(LABELS)
    for label in scored:
        if label not in LABELS:
            c.err("scored_labels", f"unknown label {label!r}")
    if c.problems:
        raise ConfigError(c.problems)
    items, gold = [], {}
    path = folder / "items.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError([f"{path}: not found"]) from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            item = Item(platform=row.get("platform", "facebook"), external_id=str(row["id"]),
                        kind=row.get("kind", "comment"), by_school=row.get("author") == "school",
                        text=str(row["text"]), media=tuple(row.get("media") or ()))
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError([f"{path}: line {n}: malformed item ({type(exc).__name__}: {exc})"]) from None
        items.append(item)
        gold[item.external_id] = set(row.get("labels") or ())
    ctx = school.context()
    return EvalSet(folder.resolve().name, ctx, items, gold, [label for label in LABELS if label in scored])


def evaluate(es: EvalSet, model: str, nlp=None, thresholds: dict | None = None) -> dict:
    """Run the detectors over one set and score them; returns the JSON-ready result."""
    engine = DetectorEngine(es.school, model=model, labels=es.scored, nlp=nlp, thresholds=thresholds)
    start = time.perf_counter()
    results = engine.analyze(es.items)
    elapsed = time.perf_counter() - start
    scores = {label: LabelScore() for label in es.scored}
    for res in results:
        iid = res.item.external_id
        found: dict[str, str] = {}
        for f in res.findings:
            found.setdefault(f.label, f.explanation)
        for label, s in scores.items():
            truth, pred = label in es.gold[iid], label in found
            s.support += truth
            if truth and pred:
                s.tp += 1
            elif pred:
                s.fp += 1
                s.false_positives.append((iid, found[label]))
            elif truth:
                s.fn += 1
                s.false_negatives.append(iid)
    out: dict = {"set": es.name, "items": len(es.items),
                 "items_per_s": round(len(es.items) / elapsed, 1) if elapsed else None}
    for label, s in scores.items():
        out[label] = {"p": round(s.p, 4), "r": round(s.r, 4), "f1": round(s.f1, 4), "support": s.support}
    out["macro_f1"] = round(sum(s.f1 for s in scores.values()) / len(scores), 4) if scores else None
    decided = [(res, default_decisions(res)) for res in results]
    out["would"] = would_act(decided, es.gold)
    out["reliability"] = reliability(results, es.gold, es.scored)
    out["hide_precision"] = hide_precision(decided, es.gold)
    out["_scores"] = scores
    out["_skipped"] = [(r.item.external_id, r.skipped) for r in results if r.skipped]
    return out


def default_decisions(res) -> list:
    """The default policy's decisions for one analysed item; comments by others count as hideable."""
    item = replace(res.item, hideable=res.item.kind == "comment" and not res.item.by_school)
    return policy.decide(item, res.findings, DEFAULT_POLICY)


def would_act(decided, gold: dict[str, set[str]]) -> dict:
    """Shares of items the default policy would hide, hold for review or alert the DSL about.

    Over every item, and over the items labelled clean (every item of a set without labels): the false
    alarms on ordinary text, as a number anyone can measure. ``decided`` pairs each result with its decisions.
    """
    counts = {"all": Counter(), "clean": Counter()}
    for res, decisions in decided:
        acts = {"items"}
        acts |= {"hide"} if any(d.hides for d in decisions) else set()
        held = any(d.decision == "hold" for d in decisions) or policy.language_hold(res.language) is not None
        acts |= {"hold"} if held else set()
        acts |= {"alert"} if any(d.alert for d in decisions) else set()
        for group in ("all",) + (("clean",) if not gold.get(res.item.external_id) else ()):
            counts[group].update(acts)
    return {group: {"items": c["items"], **{a: round(c[a] / c["items"], 4) if c["items"] else 0.0
                                             for a in ("hide", "hold", "alert")}}
            for group, c in counts.items()}


def reliability(results, gold: dict[str, set[str]], scored) -> dict[str, list[dict]]:
    """Per label, how far the calibrated score reads as a probability on this set (the strongest finding per item)."""
    out = {}
    for label in scored:
        pairs = [(max(f.score for f in res.findings if f.label == label), label in gold[res.item.external_id])
                 for res in results if any(f.label == label for f in res.findings)]
        if pairs:
            out[label] = reliability_table([p for p, _ in pairs], [r for _, r in pairs])
    return out


def hide_precision(decided, gold: dict[str, set[str]]) -> dict[str, dict]:
    """Per label, the items the default policy would hide for it, and the share of them labelled with it."""
    counts: dict[str, Counter] = {}
    for res, decisions in decided:
        for label in {d.finding.label for d in decisions if d.hides}:
            c = counts.setdefault(label, Counter())
            c["hidden"] += 1
            c["right"] += label in gold[res.item.external_id]
    return {label: {"hidden": c["hidden"], "precision": round(c["right"] / c["hidden"], 4)}
            for label, c in sorted(counts.items())}


def format_fit() -> str:
    """The shipped calibration's reliability tables: on the pool it was fitted on, and on public data as a check."""
    from detectors.calibration import shipped_calibration

    cal = shipped_calibration()
    if cal is None:
        return "no calibration ships with this installation: scores are the detectors' raw scores"
    lines = []
    for title, key in (("the pool the calibration was fitted on (our own school comments and development sets)",
                        "reliability"),
                       ("public comments labelled by other definitions (a check, not fitted on)",
                        "public_reliability")):
        lines.append(f"calibration: {title}")
        for label, rows in cal.data.get(key, {}).items():
            cells = ", ".join(f"{r['from']:.1f}-{r['to']:.1f}: {r['right']:.2f} of {r['findings']}" for r in rows)
            lines.append(f"  {label:<14} {cells}")
    lines.append("default thresholds: " + "; ".join(
        f"{label} hide >= {t['hide']:.3f}, hold >= {t['hold']:.2f}" for label, t in cal.thresholds().items()))
    for label, t in cal.thresholds().items():
        if t.get("hide_kinds"):
            lines.append(f"  {label} hide by kind of evidence: " + ", ".join(
                f"{kind} {_line(kind, line)}" for kind, line in sorted(t["hide_kinds"].items())))
    return "\n".join(lines)


def _line(kind: str, line: float) -> str:
    if kind == "child_safety":
        return "always (the policy hides child safety whatever its score)"
    return "never (held for a person)" if line > 1 else f">= {line:.3f}"


def format_reliability(result: dict) -> str:
    """The reliability table and the automatic hides' precision of one set, for ``moderator eval --reliability``."""
    lines = [f"{result['set']}: calibrated score against the share of findings that were right"]
    for label, rows in result["reliability"].items():
        cells = ", ".join(f"{r['from']:.1f}-{r['to']:.1f}: {r['right']:.2f} of {r['findings']}" for r in rows)
        lines.append(f"  {label:<14} {cells}")
    for label, h in result["hide_precision"].items():
        lines.append(f"  {label:<14} automatic hides {h['hidden']}, {h['precision']:.1%} of them labelled {label}")
    return "\n".join(lines)


def format_text(result: dict, errors: bool) -> str:
    """The human-readable report of one set."""
    lines = [f"{result['set']}: {result['items']} items, {result['items_per_s']} items/s"]
    lines.append(f"  {'label':<14} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for label, s in result["_scores"].items():
        lines.append(f"  {label:<14} {s.p:6.3f} {s.r:6.3f} {s.f1:6.3f} {s.support:8d}")
    lines.append(f"  macro-F1 {result['macro_f1']:.3f}")
    for group, w in result["would"].items():
        lines.append(f"  {'all items' if group == 'all' else 'items labelled clean'} ({w['items']}): the default "
                     f"policy would hide {w['hide']:.1%}, hold {w['hold']:.1%}, alert the DSL about {w['alert']:.1%}")
    for iid, reason in result["_skipped"]:
        lines.append(f"  skipped {iid}: {reason}")
    if errors:
        for label, s in result["_scores"].items():
            for iid, why in s.false_positives:
                lines.append(f"  FP {label} {iid}: {why}")
            for iid in s.false_negatives:
                lines.append(f"  FN {label} {iid}")
    return "\n".join(lines)


def public_json(result: dict) -> str:
    """One line of JSON for one set, without the internal keys."""
    return json.dumps({k: v for k, v in result.items() if not k.startswith("_")})
