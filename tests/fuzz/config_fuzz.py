"""Config fuzz: every case of ``configs`` through the real CLI (click's CliRunner, in a worker process).

Per case it runs ``accounts check``, ``run --once --dry-run`` and ``run --once``; a traceback (an
exception escaping the CLI, "Traceback" in its output, or a traceback the product logged) is a crash.
A clean refusal is exit status 2 with every line starting ``moderator:``.
"""

from __future__ import annotations

import functools
import logging
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.fuzz import configs
from tests.fuzz.supervise import emit, run_tasks, worker_tasks

COMMANDS = (["accounts", "check"], ["run", "--once", "--dry-run"], ["run", "--once"])


class _Tracebacks(logging.Handler):
    """Counts log records carrying a traceback; prints nothing."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += bool(record.exc_info)


def _share_heavy_models() -> None:
    """Load spaCy once and build one engine per distinct school/detection settings (the CLI builds one per run)."""
    import detectors.engine as engine

    engine.load_nlp = functools.lru_cache(maxsize=4)(engine.load_nlp)
    original = engine.DetectorEngine.from_config.__func__
    built: dict[str, object] = {}

    def from_config(cls, config, shared=None):
        key = repr((config.school_context(), config.detection))
        if key not in built:
            built.clear()
            built[key] = original(cls, config, shared)
        return built[key]

    engine.DetectorEngine.from_config = classmethod(from_config)


def worker(argv: list[str]) -> None:
    """In the child: run the CLI commands on each configuration."""
    from click.testing import CliRunner

    from moderator.cli import cli

    tasks, start, _ = worker_tasks(argv)
    counter = _Tracebacks()
    root = logging.getLogger()
    root.addHandler(counter)  # the CLI's basicConfig then adds no handler of its own
    _share_heavy_models()
    emit({"ready": True})
    runner = CliRunner()
    for i in range(start, len(tasks)):
        path = tasks[i]
        results = []
        for command in COMMANDS:
            counter.count = 0
            res = runner.invoke(cli, ["-c", path, *command], catch_exceptions=True, obj={})
            escaped = res.exception is not None and not isinstance(res.exception, SystemExit)
            output = res.output or ""
            lines = [line for line in output.splitlines() if line.strip()]
            results.append({
                "command": " ".join(command), "exit": res.exit_code,
                "traceback": escaped or "Traceback" in output or counter.count > 0,
                "exception": f"{type(res.exception).__name__}" if escaped else None,
                "clean_error": res.exit_code == 2 and bool(lines) and all(x.startswith("moderator:") for x in lines),
            })
            if results[-1]["clean_error"] or results[-1]["traceback"]:
                break  # refused (or crashed): the other commands read the same file
        emit({"i": i, "results": results})


def classify(case: configs.Case, results: list[dict] | None) -> str:
    """traceback | hang | refused (by the loader or `accounts check`) | accepted [, should be refused]."""
    if results is None:
        return "hang"
    if any(r["traceback"] for r in results):
        return "traceback"
    if any(r["clean_error"] for r in results):
        return "refused"
    if results[0]["exit"] == 1:  # `accounts check` printed a FAIL line for the account: a clear refusal too
        return "refused by accounts check"
    if any(r["exit"] not in (0, 1, 3) for r in results):
        return f"exit {results[-1]['exit']} without a clean message"
    return "accepted, should be refused" if case.expect == "error" else "accepted"


def run(quick: bool, timeout: float) -> dict:
    """Write every case, run them, and count outcomes; the keys whose cases crash are listed."""
    all_cases = configs.cases()
    chosen = all_cases[::10] if quick else all_cases
    with tempfile.TemporaryDirectory(prefix="fuzz-config-") as tmp:
        paths = [str(configs.write(c, Path(tmp) / f"case{i:04d}")) for i, c in enumerate(chosen)]
        out = run_tasks("tests.fuzz.config_fuzz", paths, [], timeout=timeout)
    outcomes, crashing, refused_silently, unclean = Counter(), Counter(), [], []
    exceptions = Counter()
    for i, case in enumerate(chosen):
        results = out.results.get(i, {}).get("results")
        kind = classify(case, results)
        outcomes[kind] += 1
        if kind in ("traceback", "hang"):
            crashing[case.name] += 1
            exceptions.update(f"{r['command']}: {r['exception'] or 'logged traceback'}" for r in results or []
                              if r["traceback"])
        elif kind == "accepted, should be refused":
            refused_silently.append(case.name)
        elif kind.startswith("exit"):
            unclean.append(case.name)
    return {"configs": len(chosen), "tracebacks": outcomes["traceback"] + outcomes["hang"],
            "outcomes": dict(outcomes.most_common()), "crashing_cases": sorted(crashing),
            "crash_exceptions": dict(exceptions.most_common()), "accepted_but_should_refuse": refused_silently,
            "unclean_errors": unclean}


if __name__ == "__main__":
    worker(sys.argv[2:])
