"""``python -m tests.fuzz [--quick] [--pg URL]``: run the fuzz and timing harness and report its figures.

Prints a plain-text table and writes ``fuzz-report.json`` in the current directory. The full run (for
``make fuzz``) takes a few minutes on two cores; ``--quick`` is a smoke test of under about a minute
that runs the feed fuzz on SQLite only unless ``--pg`` is given. ``--check`` exits 1 when anything
failed (lines lost, accounts stuck, crashes, config tracebacks, a slow or super-linear detector).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.fuzz import config_fuzz, feed_fuzz, report, timing

FULL = {"accounts": 300, "lines": 16, "huge": 4, "feed_timeout": 120, "config_timeout": 60, "timing_timeout": 20}
QUICK = {"accounts": 16, "lines": 10, "huge": 0, "feed_timeout": 60, "config_timeout": 30, "timing_timeout": 10}


def _pg_schema(url: str) -> tuple[str, str]:
    """A fresh schema on the PostgreSQL server and a URL that uses it."""
    import sqlalchemy as sa

    schema = "fuzz_" + uuid.uuid4().hex[:10]
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}", schema


def _drop_schema(url: str, schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def _feeds_on(db: str, pg: str | None, size: dict, seed: int) -> dict:
    """The feed fuzz on SQLite (a file in a temporary folder) or on a fresh PostgreSQL schema."""
    url, schema = ("sqlite", None) if db == "sqlite" else _pg_schema(pg)
    print(f"fuzz: feeds on {db} ({size['accounts']} accounts)...", file=sys.stderr, flush=True)
    t = time.perf_counter()
    try:
        res = feed_fuzz.run_database(url, db, size["accounts"], size["lines"], size["huge"], size["feed_timeout"],
                                     seed)
    finally:
        if schema:
            _drop_schema(pg, schema)
    res["seconds"] = round(time.perf_counter() - t, 1)
    return res


def run(quick: bool, pg: str | None, seed: int, parts: set[str]) -> dict:
    """Run the chosen parts; the report as a dict."""
    size = QUICK if quick else FULL
    out: dict = {"mode": "quick" if quick else "full", "seed": seed, "feeds": {}}
    started = time.perf_counter()
    if "feeds" in parts:
        databases = ["sqlite"] + (["postgresql"] if pg else [])
        with ThreadPoolExecutor(len(databases)) as pool:  # the two databases' workers run side by side
            runs = {db: pool.submit(_feeds_on, db, pg, size, seed) for db in databases}
            out["feeds"] = {db: job.result() for db, job in runs.items()}
    if "configs" in parts:
        print("fuzz: configurations...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        out["configs"] = config_fuzz.run(quick, size["config_timeout"])
        out["configs"]["seconds"] = round(time.perf_counter() - t, 1)
    if "timing" in parts:
        print("fuzz: detector timing...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        out["timing"] = timing.run(quick, size["timing_timeout"])
        out["timing"]["seconds"] = round(time.perf_counter() - t, 1)
    out["seconds"] = round(time.perf_counter() - started, 1)
    out["failures"] = report.failures(out)
    return out


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run, print the table and write the JSON report."""
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke test of about a minute")
    parser.add_argument("--pg", default=None, help="PostgreSQL URL for the feed fuzz (default: "
                        "$MODERATOR_TEST_PG_URL, except with --quick)")
    parser.add_argument("--seed", type=int, default=8, help="seed of the generated data")
    parser.add_argument("--only", choices=["feeds", "configs", "timing"], action="append",
                        help="run only this part (repeatable)")
    parser.add_argument("--json", default="fuzz-report.json", help="where to write the JSON report")
    parser.add_argument("--check", action="store_true", help="exit 1 when anything failed")
    args = parser.parse_args(argv)
    pg = args.pg or (None if args.quick else os.environ.get("MODERATOR_TEST_PG_URL"))
    result = run(args.quick, pg, args.seed, set(args.only or ["feeds", "configs", "timing"]))
    Path(args.json).write_text(json.dumps(result, indent=1, default=str, ensure_ascii=False) + "\n")
    print(report.table(result))
    print(f"\nJSON report: {args.json}")
    return 1 if args.check and result["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
