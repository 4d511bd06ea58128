"""Timing: adversarial single items of growing length through the real ``DetectorEngine``.

Each case is measured at lengths growing fourfold up to the engine's 50,000-character cap, in CPU seconds of
the worker (so a busy machine does not inflate it); the report gives the worst time per item and, per case,
the growth in time for 4x the length (about 4 is linear, 16 quadratic). A case that exceeds its wall-clock
timeout is reported as ``timeout > N s`` and its longer lengths are not tried.
"""

from __future__ import annotations

import sys
import time
from itertools import cycle, islice

from tests.fuzz.feeds import PUPILS
from tests.fuzz.supervise import emit, run_tasks, worker_tasks

CAP = 50_000
FULL_LENGTHS = (781, 3125, 12_500, 50_000)
QUICK_LENGTHS = (12_500, 50_000)
NOISE_FLOOR_S = 0.1  # below this a ratio of two times says nothing
SUPERLINEAR_RATIO = 8.0  # 4x the length in over 8x the time: worse than n**1.5 (n log n is about 4.5; noise about 6)


def _repeat(unit: str, length: int) -> str:
    return "".join(islice(cycle(unit), length))


def _numbered(fmt: str, length: int) -> str:
    out, n, size = [], 0, 0
    while size < length:
        piece = fmt.format(n=n, d3=f"{n % 1000:03d}")
        out.append(piece)
        size, n = size + len(piece), n + 1
    return "".join(out)[:length]


# case name -> text of a given length; the shapes issue 8 names, plus a plain baseline.
CASES = {
    "plain words": lambda n: _repeat("Lovely assembly this morning, well done everyone. ", n),
    "one character": lambda n: "a" * n,
    "asterisks": lambda n: "*" * n,
    "m + asterisks + q": lambda n: "m" + "*" * (n - 2) + "q",
    "masked words": lambda n: _repeat("f*ck sh*t b*llocks ", n),
    "emoji": lambda n: "😀" * n,
    "@ run": lambda n: "@" * n,
    "a@a.a. run": lambda n: _repeat("a@a.a.", n),
    "a@ + long dotted domain": lambda n: ("a@" + "a." * n)[:n],
    "digits": lambda n: _repeat("0123456789", n),
    "repeated names": lambda n: _repeat(" ".join(f"{f} {s}" for f, s in PUPILS) + " ", n),
    "repeated links": lambda n: _numbered("https://bit.ly/g{n} ", n),
    "repeated phones": lambda n: _numbered("07700 900{d3} ", n),
    "invisible chars": lambda n: _repeat("Tamsin\u200d\u00ad\u200b ", n),
    "newlines": lambda n: _repeat("a\n", n),
}


def school():
    """The invented school the timed engine works for (its roster makes the named-child detector work)."""
    from detectors.base import Pupil, SchoolContext

    return SchoolContext(name="Fernhollow Primary School", staff=("Mrs Pellow",),
                         public_contacts=("0115 496 0100",), trusted_domains=("fernhollow.example.sch.uk",),
                         roster=tuple(Pupil(f, s, f, "Year 4", False) for f, s in PUPILS))


def worker(argv: list[str]) -> None:
    """In the child: build the engine once, then time each (case, length) task."""
    from core.items import Item
    from detectors.engine import DetectorEngine

    tasks, start, _ = worker_tasks(argv)
    engine = DetectorEngine(school())
    engine.analyze([Item("fuzz", "warm", "comment", False, "Warm up Tamsin Oakridge 07700 900123")])
    emit({"ready": True})
    for i in range(start, len(tasks)):
        case, length = tasks[i]
        text = CASES[case](length)
        item = Item("fuzz", f"t{i}", "comment", False, text, media=("photo",))
        best, spent = float("inf"), 0.0
        for run in range(3):  # the fastest of two or three runs: less noise from a busy machine
            # CPU time of this one-threaded worker: what the item costs this machine, whatever else runs beside it
            started = time.process_time()
            res = engine.analyze([item])[0]
            took = time.process_time() - started
            best, spent = min(best, took), spent + took
            if run and spent > 1.0:  # never the first run alone: it also pays one-time costs (caches filling)
                break
        emit({"i": i, "case": case, "length": len(text), "seconds": round(best, 4),
              "findings": len(res.findings), "skipped": res.skipped})


def run(quick: bool, timeout: float) -> dict:
    """Time every case at growing lengths; a case that times out is not tried at greater lengths."""
    lengths = QUICK_LENGTHS if quick else FULL_LENGTHS
    tasks = [[case, n] for case in CASES for n in lengths]

    def next_case(i: int) -> int:
        return (i // len(lengths) + 1) * len(lengths)

    out = run_tasks("tests.fuzz.timing", tasks, [], timeout=timeout, resume=next_case)
    rows: dict[str, dict] = {c: {"case": c, "times": {}, "findings": 0, "timeout_at": None} for c in CASES}
    for i, (case, length) in enumerate(tasks):
        row = rows[case]
        if i in out.results:
            row["times"][length] = out.results[i]["seconds"]
            row["findings"] = max(row["findings"], out.results[i]["findings"])
        elif i in out.timeouts or i in out.died:
            row["timeout_at"] = length
    return summarise(list(rows.values()), lengths, timeout)


def summarise(rows: list[dict], lengths, timeout: float) -> dict:
    """Worst time per item, and per case the largest 4x-length growth ratio above the noise floor."""
    worst, worst_case = 0.0, None
    for row in rows:
        times = [row["times"][n] for n in lengths if n in row["times"]]
        ratios = [row["times"][b] / max(row["times"][a], 1e-4) for a, b in zip(lengths, lengths[1:], strict=False)
                  if a in row["times"] and b in row["times"] and row["times"][b] >= NOISE_FLOOR_S]
        row["growth_4x"] = round(max(ratios), 2) if ratios else None
        row["superlinear"] = bool(ratios) and max(ratios) > SUPERLINEAR_RATIO
        row["worst_s"] = float("inf") if row["timeout_at"] else max(times, default=0.0)
        if row["worst_s"] > worst:
            worst, worst_case = row["worst_s"], row["case"]
    return {"lengths": list(lengths), "timeout_s": timeout, "cases": rows,
            "worst_seconds": None if worst == float("inf") else round(worst, 3),
            "worst_case": worst_case, "timeouts": sum(1 for r in rows if r["timeout_at"]),
            "superlinear": sum(1 for r in rows if r["superlinear"]),
            "max_findings_per_item": max((r["findings"] for r in rows), default=0)}


if __name__ == "__main__":
    worker(sys.argv[2:])
