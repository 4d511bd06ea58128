"""Runs a list of tasks in a worker process, with a wall-clock timeout per task.

A regular expression that backtracks for ever cannot be interrupted inside the process running it, so
each part of the harness runs its tasks in a child (``python -m tests.fuzz.<module> --worker ...``). The
child prints ``{"ready": true}`` once set up, then one JSON line per task. When a task takes longer than
its timeout the child is killed, the task is recorded as a timeout and a new child resumes after it.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    """What came back: one result per task index, and what went wrong in the workers."""

    results: dict[int, dict] = field(default_factory=dict)
    timeouts: list[int] = field(default_factory=list)
    died: list[int] = field(default_factory=list)
    stderr: str = ""


def run_tasks(module: str, tasks: list, args: list[str], timeout: float, startup: float = 180.0,
              on_result: Callable[[int, dict], None] | None = None,
              resume: Callable[[int], int] | None = None) -> Outcome:
    """Run ``tasks`` in ``python -m module --worker TASKFILE START *args``; kill and resume on a timeout.

    ``resume(i)`` says where to carry on after task ``i`` timed out or killed its worker (default ``i + 1``).
    """
    out = Outcome()
    with tempfile.TemporaryDirectory(prefix="fuzz-tasks-") as tmp:
        task_file = Path(tmp) / "tasks.json"
        task_file.write_text(json.dumps(tasks))
        start = 0
        while start < len(tasks):
            failed = len(out.timeouts) + len(out.died)
            start = _one_worker(module, task_file, start, len(tasks), args, timeout, startup, out, on_result)
            if resume and len(out.timeouts) + len(out.died) > failed:
                start = max(start, resume(start - 1))
    return out


def _one_worker(module, task_file, start, n, args, timeout, startup, out: Outcome, on_result) -> int:
    err = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
    proc = subprocess.Popen([sys.executable, "-m", module, "--worker", str(task_file), str(start), *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8",
                            errors="replace", start_new_session=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout] + [lines.put(None)], daemon=True).start()
    i, wait = start, startup
    try:
        while i < n:
            try:
                line = lines.get(timeout=wait)
            except queue.Empty:
                out.timeouts.append(i)
                return i + 1
            if line is None:  # the worker died mid-task
                out.died.append(i)
                return i + 1
            try:
                msg = json.loads(line)
            except ValueError:
                continue  # something the product printed on stdout
            if not isinstance(msg, dict):
                continue
            if msg.get("ready"):
                wait = timeout
                continue
            if "i" in msg:
                out.results[msg["i"]] = msg
                if on_result:
                    on_result(msg["i"], msg)
                i, wait = msg["i"] + 1, timeout
        return n
    finally:
        _stop(proc)
        err.seek(0)
        out.stderr += err.read()
        err.close()


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()


def worker_tasks(argv: list[str]) -> tuple[list, int, list[str]]:
    """In a worker: the task list, the index to start at and the remaining arguments."""
    tasks = json.loads(Path(argv[0]).read_text())
    return tasks, int(argv[1]), argv[2:]


def emit(msg: dict) -> None:
    """In a worker: send one message to the supervisor."""
    sys.stdout.write(json.dumps(msg, default=str) + "\n")
    sys.stdout.flush()


class Stopwatch:
    """Elapsed wall-clock seconds."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self) -> float:
        """Seconds since construction."""
        return time.perf_counter() - self.start
