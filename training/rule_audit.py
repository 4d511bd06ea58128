"""Audit the cue rules: how many items of each source every rule (and every cue of it) matches.

Run ``python -m training.rule_audit --data DATA [--dev MORE_DEV_FOLDERS]``. It reads the development sets
(``eval/dev/*`` and the folders given with ``--dev``) and the English labelled texts of the training files declared
in ``training/SOURCES.md`` (at most ``MAX_ROWS`` per set, sampled with a fixed seed), and writes
``training/reports/RULES.md``: per rule and per cue (top-level alternative), the matches in each source
(``n/p``: items matched / of which labelled with the rule's label), and a flag for cues whose only
support is a single development item (item-specific) or a single source.

Never read here: ``eval/blind/`` and the held-back public sets (Jigsaw, Davidson, YouTube spam).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from detectors import child_safety
from detectors.commercial import CUES as COMMERCIAL_CUES
from detectors.text_abuse_phrases import PHRASES
from detectors.text_fastre import compile_fast
from detectors.text_normalize import normalize
from detectors.text_rule_cues import Rule, cue_parts
from training.datasets import READERS
from training.sources import declared_sources

ROOT = Path(__file__).resolve().parent.parent
DEV_DIRS = (ROOT / "eval" / "dev",)  # more folders of development sets with --dev
REPORT = Path(__file__).with_name("reports") / "RULES.md"
MAX_ROWS = 20_000
#: Which label each family of rules stands for, and which training sets are labelled for it.
FAMILIES = {"abuse phrases": ("abuse", PHRASES), "commercial cues": ("commercial", COMMERCIAL_CUES),
            "child-safety cues": ("abuse", child_safety.CUES)}
COMMERCIAL_SETS = {"spam-scamspot", "spam-janitr"}


@dataclass
class Source:
    """One body of texts: its name, whether it is a development set, and its (text, labels) rows."""

    name: str
    dev: bool
    rows: list[tuple[str, frozenset[str]]]


def dev_sources(extra: tuple[Path, ...] = ()) -> Iterator[Source]:
    """The development sets, each item with its labels (never ``eval/blind``)."""
    for base in DEV_DIRS + extra:
        for items in sorted(base.glob("*/items.jsonl")):
            rows = []
            for line in items.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    rows.append((item["text"], frozenset(item.get("labels") or [])))
            yield Source(items.parent.name, True, rows)


def training_sources(data_dir: Path) -> Iterator[Source]:
    """The English labelled texts of each declared training set, at most ``MAX_ROWS`` per set."""
    by_set: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for source in declared_sources():
        kind = "commercial" if source.dataset in COMMERCIAL_SETS else "abuse"
        for text, label, lang in READERS[source.dataset](data_dir / source.path):
            if lang == "en" and text.strip():
                by_set.setdefault(source.dataset, []).append((text, frozenset({kind} if label else ())))
    for name, rows in sorted(by_set.items()):
        if len(rows) > MAX_ROWS:
            rows = random.Random(name).sample(rows, MAX_ROWS)
        yield Source(name, False, rows)


def _labelled_for(source: Source, label: str) -> bool:
    return source.dev or (label == "commercial") == (source.name in COMMERCIAL_SETS)


def audit(sources: list[Source]) -> list[dict]:
    """One record per cue of every rule: family, rule, cue index and pattern, reason, counts per source."""
    normed = [[(normalize(text).text, labels) for text, labels in s.rows] for s in sources]
    records = []
    for family, (label, rules) in FAMILIES.items():
        for rule in rules:
            rule = rule if isinstance(rule, Rule) else Rule(*rule, reason="")
            for index, part in enumerate(cue_parts(rule.pattern)):
                pattern = compile_fast(part)
                counts = {}
                for source, rows in zip(sources, normed, strict=True):
                    hits = [labels for text, labels in rows if pattern.search(text)]
                    counts[source.name] = (len(hits), sum(label in h for h in hits)
                                           if _labelled_for(source, label) else None)
                records.append({"family": family, "rule": rule.name, "cue": index, "pattern": part,
                                "reason": rule.reason, "counts": counts,
                                "flag": _flag(counts, {s.name for s in sources if s.dev})})
    return records


def _flag(counts: dict[str, tuple[int, int | None]], dev: set[str]) -> str:
    """``item-specific`` (one dev item only), ``one source``, ``unmatched`` or empty."""
    total = sum(n for n, _ in counts.values())
    sources = [name for name, (n, _) in counts.items() if n]
    if total == 0:
        return "unmatched"
    if total == 1 and sources[0] in dev:
        return "item-specific"
    if len(sources) == 1:
        return "one source"
    return ""


def render(records: list[dict], sources: list[Source]) -> str:
    """The Markdown report."""
    names = [s.name for s in sources]
    flagged = [r for r in records if r["flag"] == "item-specific"]
    lines = ["# Rule audit", "",
             "Written by `python -m training.rule_audit --data DIR`; do not edit by hand.", "",
             "Each cell is `n/p`: items the cue matches in that source / of which labelled with the rule's label "
             "(`n` alone where the source does not label it). Training sets: English rows only, at most "
             f"{MAX_ROWS:,} per set. Sources: " + ", ".join(f"{s.name} ({len(s.rows):,}{' dev' if s.dev else ''})"
                                                           for s in sources) + ".", "",
             f"Cues: {len(records)}; item-specific (one development item, nothing else): {len(flagged)}; "
             f"one source only: {sum(r['flag'] == 'one source' for r in records)}; "
             f"unmatched anywhere: {sum(r['flag'] == 'unmatched' for r in records)} "
             "(these rest on their written reason and their paraphrase tests).", "",
             "A flag states what the counts show, not a verdict. The school-domain cues have little support outside "
             "the development sets (the training sets are tweets, forum posts and spam), so a cue still flagged "
             "item-specific is one that was generalised (broader wording, two paraphrases and a near-miss in "
             "`tests/detectors/paraphrases/`) and rests on its written reason below.", ""]
    for family in FAMILIES:
        lines += [f"## {family}", "", "| rule | cue | " + " | ".join(names) + " | flag |",
                  "|---|---|" + "---|" * len(names) + "---|"]
        for r in (r for r in records if r["family"] == family):
            cells = [f"{n}/{p}" if p is not None else str(n) for n, p in (r["counts"][name] for name in names)]
            cue = r["pattern"].replace("|", "\\|")
            cue = cue if len(cue) <= 60 else cue[:57] + "..."
            lines.append(f"| {r['rule']} | {r['cue']}: `{cue}` | " + " | ".join(cells) + f" | {r['flag']} |")
        lines.append("")
    lines += ["## Reasons", ""]
    seen = set()
    for r in records:
        if (r["family"], r["rule"]) not in seen and r["reason"]:
            seen.add((r["family"], r["rule"]))
            lines.append(f"- **{r['rule']}** ({r['family']}): {r['reason']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Count, then write ``training/reports/RULES.md``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the training-data folder")
    parser.add_argument("--out", type=Path, default=REPORT)
    parser.add_argument("--dev", type=Path, nargs="*", default=[],
                        help="more folders holding development sets (each a folder with items.jsonl)")
    args = parser.parse_args(argv)
    sources = list(dev_sources(tuple(args.dev))) + list(training_sources(args.data))
    records = audit(sources)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(records, sources), encoding="utf-8")
    flagged = sum(r["flag"] == "item-specific" for r in records)
    print(f"{len(records)} cues audited, {flagged} item-specific; written to {args.out}")


if __name__ == "__main__":
    main()
