"""``make bench-scale``: one poll cycle of a trust's 1,000 accounts with 1, 2 and 4 workers, and a kill -9 counted.

A benchmark, not a test: it prints a table and a final JSON line. The fake Graph and X servers of
``tests/fakes`` run in this process on 127.0.0.1; the configuration is a real trust of 100 schools of 10
accounts each (``tests/fakes/scale_trust.py``: each school its own roster, staff, trusted domains and
recipients), read by the real configuration loader; the workers are real ``moderator run --worker``
processes on a PostgreSQL schema of their own, dropped at the end.

A cycle: every account's last poll is cleared and a poll of each is queued at once; the cycle ends when every
account has a recorded poll. ``cycle_s`` runs from the queueing to the last poll's end. Quiet polls' requests are
counted on a cycle where no account has anything new. Items per second are given twice: ``analysis`` is the
detectors alone in one process (the benchmark's texts, one batch), ``end to end`` is the items a cycle analysed
over its wall time (fetching, storing, polling the quiet accounts included), and ``items_per_s`` of the JSON line
is the end-to-end rate of a cycle that polls only 50 accounts with 40 new comments each (run three times per worker
count, the median kept): what the workers analyse together, to compare with the one-process analysis rate times the
workers (two cores here). Each cycle also counts the CPU seconds the workers, PostgreSQL and this process (the fake
APIs) used: ``items_per_worker_cpu_s`` is the items analysed per CPU second of the workers (the median of the
three; ``per_cpu_of_one_worker`` divides it by one worker's), which stays flat as workers are added when the work
scales with the cores the workers get (here they share two cores with PostgreSQL and the fakes, so two workers
cannot have two cores to themselves).
Before the cycles, one process loads the trust's detector engines and reports what each further school
costs in memory and start-up time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select, text, update

PG_URL = os.environ.get("MODERATOR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parent.parent
# The throughput cycle: this many accounts each get a post and this many comments, and only they are polled, so
# the cycle measures the analysis rate of the workers together ("items_per_s" of the JSON line).
HEAVY_ACCOUNTS, HEAVY_COMMENTS, HEAVY_REPEATS = 50, 40, 3


class Workers:
    """The worker processes of the benchmark."""

    def __init__(self, cfg: Path, env: dict, folder: Path, jobs: int | None = None) -> None:
        self.cfg, self.env, self.folder, self.procs = cfg, env, folder, []
        self.jobs = ["--jobs", str(jobs)] if jobs else []

    def grow(self, n: int) -> None:
        """Start workers until ``n`` run; wait until each has loaded its models."""
        while len(self.alive()) < n:
            log = self.folder / f"worker-{len(self.procs)}.log"
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "moderator.cli", "--config", str(self.cfg), "run", "--worker", *self.jobs],
                stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT,
                env={**os.environ, **self.env, "PYTHONUNBUFFERED": "1"}))
            self.procs[-1].log = log
        for p in self.alive():
            _until(lambda p=p: "moderator worker " in p.log.read_text() or p.poll() is not None, 600)
            if p.poll() is not None:
                raise SystemExit(f"a worker failed to start:\n{p.log.read_text()[-3000:]}")

    def alive(self) -> list:
        """The workers still running."""
        return [p for p in self.procs if p.poll() is None]

    def peak_rss_mb(self) -> float:
        """The largest peak resident memory (VmHWM) of the running workers."""
        peaks = []
        for p in self.alive():
            for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return round(max(peaks), 1) if peaks else 0.0

    def stop(self) -> None:
        """SIGTERM every worker; kill what has not stopped a minute later."""
        for p in self.alive():
            p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()


def _until(predicate, timeout: float, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise SystemExit("bench-scale: gave up waiting")
        time.sleep(step)
    return value


class Bench:
    """The world, the database and the workers of one run."""

    def __init__(self, world, url: str, engine, qapp, workers: Workers) -> None:
        self.world, self.url, self.engine, self.qapp, self.workers = world, url, engine, qapp, workers
        self.names = [a["name"] for a in world.accounts]

    def connections(self) -> int:
        """The PostgreSQL connections the workers hold now."""
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE "
                                     "'moderator-worker%' AND datname = current_database()")).scalar()

    def cycle(self, kill_after: float | None = None, only: list[str] | None = None) -> dict:
        """Queue a poll of every account (or of ``only``) and wait until each is recorded.

        ``kill_after``: kill -9 a worker once that share of the accounts is polled.
        """
        from moderator.workers.tasks import POLL, defer_once
        from storage.models import AccountRow, RunRow

        self.idle()  # the last cycle's (or the workers' first tick's) polls all finished: none can land after
        names = self.names if only is None else only
        with self.engine.begin() as conn:  # only this cycle's accounts: the others stay not due for the workers'
            # own tick (clearing every account let the tick poll them too, before and during the next cycles)
            conn.execute(update(AccountRow).where(AccountRow.name.in_(names)).values(last_poll_at=None))
        requests0, t0, peak_conn, killed = self.world.requests(), datetime.now(UTC), 0, None
        cpu0 = self.cpu()
        by_platform0 = self.world.requests_by_platform()
        for name in names:
            defer_once(self.qapp, POLL, f"poll:{name}", account=name)
        polled_q = select(func.count(func.distinct(RunRow.account_id))).where(RunRow.started_at >= t0)
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline or _stuck(self.engine, t0):
            with self.engine.connect() as conn:
                polled = conn.execute(polled_q).scalar()
            peak_conn = max(peak_conn, self.connections())
            if kill_after is not None and killed is None and polled >= kill_after * len(names):
                killed = self.workers.alive()[0]
                os.kill(killed.pid, signal.SIGKILL)
                killed.wait()
            if polled >= len(names):
                break
            time.sleep(0.2)
        with self.engine.connect() as conn:
            end, _runs = conn.execute(select(func.max(RunRow.finished_at), func.count())
                                         .where(RunRow.started_at >= t0)).one()
            counts = conn.execute(select(RunRow.counts).where(RunRow.started_at >= t0)).scalars().all()
            not_ok = conn.execute(select(func.count()).where(RunRow.started_at >= t0,
                                                             RunRow.outcome != "ok")).scalar()
        end = end if end.tzinfo else end.replace(tzinfo=UTC)
        items = sum(c.get("analysed", 0) for c in counts)
        wall = (end - t0).total_seconds()
        cpu = {k: round(v - cpu0[k], 1) for k, v in self.cpu(since=cpu0).items() if k != "postgres_pids"}
        if killed is not None:  # a killed worker's CPU time went with it (and its PostgreSQL backend's)
            cpu["workers"] = cpu["postgres"] = None
        return {"cycle_s": round(wall, 1), "items": items, "items_per_s": round(items / wall, 1), "cpu_s": cpu,
                "items_per_worker_cpu_s": round(items / cpu["workers"], 1) if cpu["workers"] and killed is None
                else None,
                "requests": self.world.requests() - requests0, "pg_connections": peak_conn, "not_ok": not_ok,
                "by_platform": {k: n - by_platform0.get(k, 0) for k, n in self.world.requests_by_platform().items()}}

    def cpu(self, since: dict | None = None) -> dict:
        """CPU seconds used so far by the workers, by PostgreSQL and by this process (the fake APIs).

        With ``since`` (an earlier reading), PostgreSQL's backends that have exited meanwhile are left out of that
        reading too, so its difference counts the backends alive at both readings (never less than nothing).
        """
        postgres = [int(d.name) for d in Path("/proc").iterdir() if d.name.isdigit() and _comm(d) == "postgres"]
        per_pid = {pid: _cpu_s([pid]) for pid in postgres}
        if since is not None:
            since["postgres"] = sum(v for pid, v in since["postgres_pids"].items() if pid in per_pid)
        return {"workers": _cpu_s([p.pid for p in self.workers.alive()]), "postgres": sum(per_pid.values()),
                "fakes": sum(os.times()[:2]), "postgres_pids": per_pid}

    def idle(self) -> None:
        """Until no poll is queued or running on a live worker."""
        q = text("SELECT count(*) FROM procrastinate_jobs j LEFT JOIN procrastinate_workers w ON w.id = j.worker_id "
                 "WHERE j.task_name = 'moderator.poll' AND (j.status = 'todo' OR (j.status = 'doing' AND "
                 "w.last_heartbeat > now() - interval '20 seconds'))")

        def none() -> bool:
            with self.engine.connect() as conn:
                return conn.execute(q).scalar() == 0

        _until(none, 600, 0.5)

    def settle(self) -> None:
        """Until every hide the policy asked for is done."""
        from storage.models import ActionRow

        q = select(func.count()).select_from(ActionRow).where(ActionRow.status.in_(("pending", "failed")))

        def done() -> bool:
            with self.engine.connect() as conn:
                return conn.execute(q).scalar() == 0

        _until(done, 600, 0.5)

    def kill9_count(self) -> tuple[int, int]:
        """Items the fakes hold that were never stored, and stored or hidden more than once."""
        from storage.models import AccountRow, ItemRow

        with self.engine.connect() as conn:
            rows = conn.execute(select(AccountRow.name, ItemRow.external_id)
                                .join(ItemRow, ItemRow.account_id == AccountRow.id)).all()
        stored: dict[str, list[str]] = {}
        for name, ext in rows:
            stored.setdefault(name, []).append(ext)
        truth = self.world.truth()
        missing = {name: sorted(ids - set(stored.get(name, []))) for name, ids in truth.items()}
        missing = {k: v for k, v in missing.items() if v}
        dup = sum(len(v) - len(set(v)) for v in stored.values())
        hides = self.world.hides()
        twice = {k: n for k, n in hides.items() if n > 1}
        unhidden = sorted(self.world.hide_targets - set(hides))
        if missing or twice or unhidden:
            print(f"kill -9: not stored {dict(list(missing.items())[:5])}; hidden twice {list(twice)[:5]}; "
                  f"never hidden {unhidden[:5]}", file=sys.stderr)
        return sum(map(len, missing.values())) + len(unhidden), dup + sum(n - 1 for n in twice.values())


def engine_cost(cfg: Path) -> dict:
    """The cost of one more school's detector engine, and the detectors' own rate on the benchmark's texts.

    In this process (``--engine-cost``, a fresh one started by :func:`run`): the first school's engine, then
    every other school's as a worker builds them.
    """
    from core.items import Item
    from detectors.engine import DetectorEngine
    from moderator.config import load_config
    from tests.fakes.scale_world import ABUSE, CLEAN

    config = load_config(cfg)
    views = config.schools
    t0, rss0 = time.perf_counter(), _rss_mb()
    first = DetectorEngine.from_config(views[0])
    t1, rss1 = time.perf_counter(), _rss_mb()
    others = [DetectorEngine.from_config(v, shared=first) for v in views[1:]]
    t2, rss2 = time.perf_counter(), _rss_mb()
    texts = ([ABUSE] + CLEAN) * 100
    items = [Item("facebook", f"c{i}", "comment", False, f"{t} ({i})") for i, t in enumerate(texts)]
    first.analyze(items[:20])  # warm-up
    t3 = time.perf_counter()
    first.analyze(items)
    t4 = time.perf_counter()
    n = max(1, len(others))
    return {"first_school_s": round(t1 - t0, 2), "first_school_mb": round(rss1 - rss0, 1),
            "per_further_school_ms": round((t2 - t1) * 1000 / n, 1),
            "per_further_school_mb": round((rss2 - rss1) / n, 2), "schools": len(views),
            "analysis_items_per_s": round(len(items) / (t4 - t3), 1)}


def _cpu_s(pids: list[int]) -> float:
    """User and system CPU seconds of processes (those gone meanwhile count nothing)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return total


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else round((ordered[mid - 1] + ordered[mid]) / 2, 1)


def _comm(proc: Path) -> str:
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return ""


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _stuck(engine, t0: datetime) -> bool:
    """Stop the benchmark, naming a few accounts that a cycle never polled."""
    from storage.models import AccountRow, RunRow

    with engine.connect() as conn:
        polled = select(RunRow.account_id).where(RunRow.started_at >= t0)
        names = conn.execute(select(AccountRow.name).where(AccountRow.id.not_in(polled)).limit(5)).scalars().all()
    raise SystemExit(f"bench-scale: a cycle did not finish in 30 minutes; not polled: {', '.join(names)}")


def run(schools: int, share: float, seed: int, counts: tuple[int, ...] = (1, 2, 4), jobs: int | None = None,
        latency_ms: float = 0.0) -> dict:
    """The whole benchmark; returns the JSON line's object."""
    from moderator.workers.queue import make_app
    from tests.fakes.scale_trust import TrustWorld

    schema = "bench_" + uuid.uuid4().hex[:10]
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    world = TrustWorld(schools, latency_s=latency_ms / 1000)
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    cfg, env = world.write_config(folder, url, 86_400)  # an interval of a day: only the benchmark's cycles poll
    workers = Workers(cfg, env, folder, jobs)
    engine = create_engine(url)
    rng = random.Random(seed)
    result: dict = {"accounts": len(world.accounts), "schools": schools}
    try:
        cost = json.loads(subprocess.run(
            [sys.executable, "-m", "moderator.bench_scale", "--engine-cost", str(cfg)], check=True,
            capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env}).stdout.splitlines()[-1])
        print(f"detector engines of {cost['schools']} schools in one process: the first {cost['first_school_s']} s "
              f"and {cost['first_school_mb']} MB, each further school {cost['per_further_school_ms']} ms and "
              f"{cost['per_further_school_mb']} MB; analysis alone {cost['analysis_items_per_s']} items/s")
        workers.grow(1)
        qapp = make_app(url, sync=True).open()
        bench = Bench(world, url, engine, qapp, workers)
        rows = [("warm-up (the first tick polled everything), 1 worker", bench.cycle())]
        quiet = bench.cycle()
        rows.append(("all quiet, 1 worker", quiet))
        result["requests_per_quiet_poll"] = round(quiet["requests"] / len(world.accounts), 2)
        per = {p: sum(a["platform"] == p for a in world.accounts) for p in ("facebook", "instagram", "x")}
        result["requests_per_quiet_poll_by_platform"] = {p: round(quiet["by_platform"].get(p, 0) / n, 2)
                                                         for p, n in per.items() if n}
        cycles, rates, heavy_rates, rss, per_cpu, per_cpu_runs = {}, {}, {}, [], {}, {}
        for n in counts:
            workers.grow(n)
            world.make_busy(rng, share)
            row = bench.cycle()
            rows.append((f"{share:.0%} busy, {n} worker(s)", row))
            cycles[str(n)], rates[str(n)] = row["cycle_s"], row["items_per_s"]
            # The analysis rate the workers reach together: only busy accounts polled, each with many comments;
            # HEAVY_REPEATS times, the median kept (one short cycle's rate moves by a third on a shared 2-core VM)
            heavy = []
            for k in range(HEAVY_REPEATS):
                busy = world.make_busy(rng, HEAVY_ACCOUNTS / len(world.accounts), comments=HEAVY_COMMENTS)
                heavy.append(bench.cycle(only=busy))
                rows.append((f"{len(busy)} accounts x {HEAVY_COMMENTS} new comments, {n} worker(s), #{k + 1}",
                             heavy[-1]))
            heavy_rates[str(n)] = _median([r["items_per_s"] for r in heavy])
            per_cpu[str(n)] = _median([r["items_per_worker_cpu_s"] for r in heavy])
            per_cpu_runs[str(n)] = [r["items_per_worker_cpu_s"] for r in heavy]
            rss.append(workers.peak_rss_mb())
        bench.settle()
        if len(workers.alive()) >= 2:  # one is killed: another must be left to take its polls over
            world.make_busy(rng, share)
            rows.append((f"{share:.0%} busy, {max(counts)} workers, one killed -9 at 30 %",
                         bench.cycle(kill_after=0.3)))
            bench.settle()
        else:
            print("kill -9 not tried: it needs at least two workers (--workers with a count of 2 or more)")
        lost, dup = bench.kill9_count()
        rss.append(workers.peak_rss_mb())
        _table(rows)
        result.update(cycle_s=cycles, items_per_s=heavy_rates, end_to_end_items_per_s=rates,
                      items_per_worker_cpu_s=per_cpu, items_per_worker_cpu_s_runs=per_cpu_runs,
                      per_cpu_of_one_worker={k: round(v / per_cpu["1"], 2) for k, v in per_cpu.items()}
                      if per_cpu.get("1") else {},
                      analysis_items_per_s_one_process=cost["analysis_items_per_s"],
                      per_further_school_mb=cost["per_further_school_mb"],
                      per_further_school_ms=cost["per_further_school_ms"], peak_rss_mb_per_worker=max(rss),
                      kill9_lost=lost, kill9_duplicated=dup)
        qapp.close()
    finally:
        workers.stop()
        engine.dispose()
        world.stop()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    order = ["accounts", "schools", "cycle_s", "items_per_s", "end_to_end_items_per_s", "items_per_worker_cpu_s",
             "items_per_worker_cpu_s_runs", "per_cpu_of_one_worker",
             "analysis_items_per_s_one_process",
             "requests_per_quiet_poll", "requests_per_quiet_poll_by_platform", "peak_rss_mb_per_worker",
             "per_further_school_mb", "per_further_school_ms", "kill9_lost", "kill9_duplicated"]
    return {k: result[k] for k in order}


def _table(rows: list[tuple[str, dict]]) -> None:
    head = (f"{'cycle':<52} {'wall s':>7} {'items':>6} {'items/s end to end':>18} {'requests':>9} {'PG conns':>9} "
            f"{'not ok':>7} {'CPU s workers/PG/fakes':>23} {'items per worker CPU s':>23}")
    print(head)
    print("-" * len(head))
    for label, r in rows:
        cpu = "/".join("-" if r["cpu_s"][k] is None else str(r["cpu_s"][k]) for k in ("workers", "postgres", "fakes"))
        print(f"{label:<52} {r['cycle_s']:>7} {r['items']:>6} {r['items_per_s']:>18} {r['requests']:>9} "
              f"{r['pg_connections']:>9} {r['not_ok']:>7} {cpu:>23} {str(r['items_per_worker_cpu_s']):>23}")


def main() -> None:
    """Command-line entry point (``make bench-scale``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100, help="schools of 10 accounts each (default 100)")
    parser.add_argument("--busy", type=float, default=0.05, help="share of accounts with new items per cycle")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--workers", default="1,2,4", help="worker counts to measure, in order (default 1,2,4)")
    parser.add_argument("--jobs", type=int, help="jobs each worker runs at once (default: the worker's own, 4)")
    parser.add_argument("--latency-ms", type=float, default=0.0,
                        help="the fake APIs wait this long before each answer, as distant platforms do (default 0)")
    parser.add_argument("--engine-cost", type=Path, help=argparse.SUPPRESS)  # the child process of run()
    args = parser.parse_args()
    if args.engine_cost:
        print(json.dumps(engine_cost(args.engine_cost)))
        return
    counts = tuple(int(n) for n in args.workers.split(","))
    print(json.dumps(run(args.schools, args.busy, args.seed, counts, args.jobs, args.latency_ms)))


if __name__ == "__main__":
    main()
