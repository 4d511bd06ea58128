"""The feed fuzz's workspace: file-feed accounts, their JSONL files, a configuration, and later batches.

Phase 1 writes every feed (some end with an incomplete last line). Phase 2 completes those lines,
appends a second batch to some feeds and replaces others with a new, longer file. Phase 3 appends one
valid "canary" line to every feed: an account whose canary is not stored is stuck.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.feeds import PUPILS, Line, feed, shape, valid


@dataclass
class Written:
    """A line as written: its account-relative line number (1-based) and the phase it appeared in."""

    line: Line
    number: int
    phase: int
    replaced: bool = False  # written to a file that replaced the first one


@dataclass
class FeedAccount:
    """One file-feed account and everything ever written to its feed."""

    name: str
    path: Path
    lines: list[Written] = field(default_factory=list)
    pending: bytes = b""  # the rest of an incomplete last line, written in phase 2
    replaced: bool = False
    canary: str = ""


@dataclass
class FeedPlan:
    """All accounts of one run."""

    folder: Path
    accounts: list[FeedAccount]

    @property
    def total_lines(self) -> int:
        """Every line written, canaries included."""
        return sum(len(a.lines) for a in self.accounts)


def make_plan(folder: Path, n_accounts: int, lines_per_account: int, huge_accounts: int, seed: int) -> FeedPlan:
    """Generate every feed's phase-1 content (files are written by ``write_phase1``)."""
    rng = random.Random(seed)
    accounts = []
    for k in range(n_accounts):
        name = f"acct{k:03d}"
        acc = FeedAccount(name, folder / "feeds" / f"{name}.jsonl")
        benign = k % 4 == 0  # a quarter of the feeds hold only items that must be stored
        n_lines = rng.randint(lines_per_account // 2, lines_per_account * 3 // 2)
        lines = feed(rng, name, n_lines, mutate=0.0 if benign else 0.12, benign_only=benign)
        if k < huge_accounts:
            lines += [shape(rng, "huge_text", f"{name}-huge", f"{name}-p0"),
                      shape(rng, "over_cap_text", f"{name}-over", f"{name}-p0")]
        if k % 40 in (0, 4, 5):  # the same item id in several feeds: each account must keep its own item
            lines.append(valid(rng, "shared-c1", f"{name}-p0", kind="duplicate_id_across_feeds"))
        acc.lines = [Written(line, n + 1, 1) for n, line in enumerate(lines)]
        if k % 20 in (4, 5):  # the last line is still being written when phase 1 polls
            last = valid(rng, f"{name}-late", f"{name}-p0", kind="completed_last_line")
            cut = rng.randint(5, len(last.raw) - 5)
            acc.lines.append(Written(last, len(acc.lines) + 1, 1))
            acc.pending = last.raw[cut:]
        accounts.append(acc)
    return FeedPlan(folder, accounts)


def _body(acc: FeedAccount, since: int = 0) -> bytes:
    return b"".join(w.line.raw + b"\n" for w in acc.lines[since:])


def write_phase1(plan: FeedPlan) -> None:
    """Write the feeds as phase 1 sees them, and a roster of the invented pupils."""
    (plan.folder / "feeds").mkdir(parents=True, exist_ok=True)
    for acc in plan.accounts:
        data = _body(acc)
        if acc.pending:
            data = data[:-1 - len(acc.pending)]  # drop the end of the last line and its newline
        acc.path.write_bytes(data)
    rows = ["first_name,last_name,preferred_name,year_group,photo_consent"]
    rows += [f"{f},{s},{f},Year 4,no" for f, s in PUPILS]
    (plan.folder / "roster.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_phase2(plan: FeedPlan, seed: int) -> None:
    """Complete incomplete lines, append a second batch to some feeds, replace some feeds with new files."""
    rng = random.Random(seed + 1)
    for k, acc in enumerate(plan.accounts):
        if acc.pending:
            with open(acc.path, "ab") as fh:
                fh.write(acc.pending + b"\n")
            acc.pending = b""
        if k % 20 in (8, 9):  # replaced: a new, longer file under the same name (a new inode)
            old = max(w.number for w in acc.lines)
            new = feed(rng, f"{acc.name}-r", old + rng.randint(5, 15))
            acc.replaced = True
            acc.lines += [Written(line, n + 1, 2, replaced=True) for n, line in enumerate(new)]
            tmp = acc.path.with_name(acc.path.name + ".new")
            tmp.write_bytes(b"".join(line.raw + b"\n" for line in new))
            os.replace(tmp, acc.path)
        elif k % 3 == 0:  # a second batch appended
            first = len(acc.lines)
            number = max(w.number for w in acc.lines)
            extra = feed(rng, f"{acc.name}-b", rng.randint(3, 12))[1:]
            acc.lines += [Written(line, number + n + 1, 2) for n, line in enumerate(extra)]
            with open(acc.path, "ab") as fh:
                fh.write(_body(acc, first))


def write_phase3(plan: FeedPlan, seed: int) -> None:
    """Append one valid canary line to every feed."""
    rng = random.Random(seed + 2)
    for acc in plan.accounts:
        acc.canary = f"{acc.name}-canary"
        data = acc.path.read_bytes()
        number = data.count(b"\n") + 1
        line = valid(rng, acc.canary, f"{acc.name}-p0", kind="canary")
        acc.lines.append(Written(line, number, 3, replaced=acc.replaced))
        with open(acc.path, "ab") as fh:
            fh.write(line.raw + b"\n")


def write_config(plan: FeedPlan, url: str) -> Path:
    """A configuration with one file-feed account per feed, storing in ``url``."""
    parts = ['[school]', 'name = "Fernhollow Primary School"', 'staff = ["Mrs Pellow"]',
             'trusted_domains = ["fernhollow.example.sch.uk"]', 'roster = "roster.csv"', '']
    for acc in plan.accounts:
        parts += ["[[accounts]]", f'name = "{acc.name}"', 'platform = "file"',
                  f'path = "feeds/{acc.path.name}"', ""]
    parts += ["[reporting]", 'smt = ["head@fernhollow.example.sch.uk"]', 'dsl = ["dsl@fernhollow.example.sch.uk"]',
              'admin = ["office@fernhollow.example.sch.uk"]', 'outbox = "outbox"', "",
              "[storage]", f"url = {_toml_str(url)}", ""]
    path = plan.folder / "moderator.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
