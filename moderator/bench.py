"""``make bench``: how fast the detectors are, against the NLP pass alone and against Presidio.

Over the same items (those of the repository's development sets under ``eval/dev/``, repeated to at
least 3,000 unless ``--items`` says otherwise) it measures, in one run:

(a) the spaCy NER pass alone (``nlp.pipe``);
(b) Presidio's ``AnalyzerEngine().analyze(text, language="en")`` per item, default recognizers,
    on our installed spaCy model (never downloaded);
(c) the full five-detector pipeline as the daemon runs it (``DetectorEngine.analyze``: rules, the learned
    models, the other languages' lexicons and the calibration) with the first set's school context, in a
    fresh subprocess so its peak RSS is the daemon's own.

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from detectors.engine import DEFAULT_MODEL, load_nlp
from detectors.text_prepare import prepare

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval" / "dev"  # development sets only: the blind sets are scored once, by `moderator eval`
MIN_ITEMS = 3000
BATCH = 64


def _folders() -> list[Path]:
    folders = sorted(p.parent for p in EVAL.glob("*/items.jsonl"))
    if not folders:
        raise SystemExit(f"bench: no evaluation sets (*/items.jsonl) under {EVAL}")
    return folders


def load_items(limit: int | None):
    """The benchmark's items: every evaluation item, repeated to ``MIN_ITEMS`` (or cut to ``limit``)."""
    from moderator.evaluation import load_set

    items = [item for folder in _folders() for item in load_set(folder).items]
    if not items:
        raise SystemExit("bench: the evaluation sets hold no items")
    want = limit if limit else max(MIN_ITEMS, len(items))
    return [items[i % len(items)] for i in range(want)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def bench_ner(texts: list[str], model: str) -> float:
    """(a) items per second of the spaCy pass alone."""
    nlp = load_nlp(model)
    list(nlp.pipe(texts[:BATCH], batch_size=BATCH))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH):
        pass
    return len(texts) / (time.perf_counter() - start)


def bench_presidio(texts: list[str], model: str) -> float:
    """(b) items per second of Presidio's default analyzer, one item at a time."""
    # Presidio's e-mail recognizer calls tldextract's module-level extractor, which fetches the public
    # suffix list unless told there is no URL: the bench, like the daemon, stays off the network.
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    if "tldextract" in sys.modules:
        import tldextract

        tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=config).create_engine(),
                              supported_languages=["en"])
    for text in texts[:10]:  # warm up
        analyzer.analyze(text, language="en")
    start = time.perf_counter()
    for text in texts:
        analyzer.analyze(text, language="en")
    return len(texts) / (time.perf_counter() - start)


def bench_pipeline(limit: int | None, model: str) -> dict:
    """(c) in this process: the five detectors as the daemon runs them, and peak RSS."""
    from detectors.engine import DetectorEngine
    from moderator.evaluation import load_set

    items = load_items(limit)
    engine = DetectorEngine(load_set(_folders()[0]).school, model=model, batch_size=BATCH)
    engine.analyze(items[:BATCH])  # warm up
    start = time.perf_counter()
    for i in range(0, len(items), 1000):  # the daemon analyses account batches, not one huge list
        engine.analyze(items[i:i + 1000])
    elapsed = time.perf_counter() - start
    return {"pipeline_items_per_s": len(items) / elapsed, "peak_rss_mb": _peak_rss_mb()}


def _pipeline_in_subprocess(limit: int | None, model: str) -> dict:
    cmd = [sys.executable, "-m", "moderator.bench", "--pipeline-only", "--model", model]
    if limit:
        cmd += ["--items", str(limit)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"bench: the pipeline subprocess failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures, the last line as JSON."""
    parser = argparse.ArgumentParser(prog="python -m moderator.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=None, help="number of items (default: all, at least 3000)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy model")
    parser.add_argument("--pipeline-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.items is not None and args.items < 1:
        parser.error("--items must be at least 1")
    if args.pipeline_only:
        print(json.dumps(bench_pipeline(args.items, args.model)))
        return 0

    texts = [prepare(item.text).text for item in load_items(args.items)]  # what spaCy reads
    print(f"bench: {len(texts)} items, model {args.model}", flush=True)
    pipe = _pipeline_in_subprocess(args.items, args.model)
    print(f"(c) five-detector pipeline: {pipe['pipeline_items_per_s']:.1f} items/s, "
          f"peak RSS {pipe['peak_rss_mb']:.0f} MB", flush=True)
    ner = bench_ner(texts, args.model)
    print(f"(a) spaCy NER pass alone:   {ner:.1f} items/s", flush=True)
    presidio = bench_presidio(texts, args.model)
    print(f"(b) Presidio AnalyzerEngine: {presidio:.1f} items/s", flush=True)
    result = {
        "ner_items_per_s": round(ner, 1),
        "presidio_items_per_s": round(presidio, 1),
        "pipeline_items_per_s": round(pipe["pipeline_items_per_s"], 1),
        "c_over_a": round(pipe["pipeline_items_per_s"] / ner, 3),
        "c_over_b": round(pipe["pipeline_items_per_s"] / presidio, 3),
        "peak_rss_mb": round(pipe["peak_rss_mb"], 1),
    }
    # with the learned models, the other languages' lexicons and the calibration loaded (issue 9's targets;
    # the rules-only pipeline's were c/a >= 0.7, c/b >= 3 and 350 MB)
    print(f"targets: pipeline >= 100 items/s ({result['pipeline_items_per_s']}), peak RSS <= 450 MB "
          f"({result['peak_rss_mb']}); ratio to the bare spaCy pass c/a {result['c_over_a']}, "
          f"to Presidio c/b {result['c_over_b']}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
