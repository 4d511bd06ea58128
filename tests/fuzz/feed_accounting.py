"""Accounts for every fed line from the database: stored item, recorded skip, or lost.

A line with a parseable id that must be stored (a valid item) counts only as a stored item of its own
account. Any other line with an id may instead be a skip row: matched by its id (or a cleaned form of
it), by the line number in the skip's reason, or, for ids no database could keep verbatim (NUL, lone
surrogate, control characters, over 200 characters), by an otherwise unclaimed skip row of its account.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import sqlalchemy as sa

from tests.fuzz.feed_plan import FeedPlan, Written

DIRTY_ID_KINDS = {"nul_id", "surrogate_id", "long_id", "control_id"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_PATH = re.compile(r"/\S+")


def id_variants(ext: str) -> set[str]:
    """The id and the forms a careful product might store it as."""
    out = {ext, ext.strip()}
    for v in list(out):
        out |= {v.replace("\x00", ""), v.replace("\x00", " "), _SURROGATE.sub("\ufffd", v), _SURROGATE.sub("", v),
                _CONTROL.sub("", v), v[:200]}
    return out


def _rows(url: str):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            accounts = {r.name: r for r in conn.execute(sa.text("SELECT id, name, disabled_reason FROM accounts"))}
            items = conn.execute(sa.text("SELECT account_id, external_id FROM items")).all()
            skips = conn.execute(sa.text("SELECT id, account_id, external_id, reason FROM skips")).all()
    finally:
        engine.dispose()
    return accounts, items, skips


def account_for(plan: FeedPlan, url: str, phases: list[dict], skip_marks: list[int]) -> dict:
    """The feed fuzz's figures: lines lost (by kind), accounts stuck (by reason), crashes."""
    accounts, items, skips = _rows(url)
    stored: dict[int, set[str]] = defaultdict(set)
    for r in items:
        stored[r.account_id].add(r.external_id)
    skips_of: dict[int, list] = defaultdict(list)
    for r in skips:
        skips_of[r.account_id].append(r)

    def phase_of(skip_id: int) -> int:
        return next((p + 1 for p, mark in enumerate(skip_marks) if skip_id <= mark), len(skip_marks))

    stuck, stuck_names = _stuck(plan, accounts, stored, phases)
    lost, healthy_lost, counted, no_id = Counter(), Counter(), 0, 0
    lost_examples: list[str] = []

    def lose(acc, w: Written) -> None:
        lost[w.line.kind] += 1
        healthy_lost[w.line.kind] += acc.name not in stuck_names
        lost_examples.append(f"{acc.name} line {w.number} ({w.line.kind})")

    for acc in plan.accounts:
        row = accounts.get(acc.name)
        aid = row.id if row else -1
        have, pool, used = stored.get(aid, set()), skips_of.get(aid, []), set()
        todo: list[Written] = []
        for w in acc.lines:
            if w.line.kind == "canary":
                continue  # canaries measure stuck accounts, not lost lines
            if w.line.must == "none":
                no_id += 1
                continue
            counted += 1
            variants = id_variants(w.line.expect_id)
            if w.line.must == "item":
                if w.line.expect_id not in have:
                    lose(acc, w)
                continue
            if variants & have:
                continue
            hit = next((s for s in pool if s.id not in used and s.external_id in variants), None)
            hit = hit or next((s for s in pool if s.id not in used and _same_file(acc.replaced, w, phase_of(s.id))
                               and re.search(rf"\bline {w.number}\b", s.reason or "")), None)
            if hit is not None:
                used.add(hit.id)
            else:
                todo.append(w)
        spare = [s for s in pool if s.id not in used]
        for w in todo:
            if w.line.kind in DIRTY_ID_KINDS and spare:
                spare.pop()
                continue
            lose(acc, w)
    duplicates = sum(n - 1 for n in Counter((s.account_id, s.external_id, s.reason) for s in skips).values() if n > 1)
    return {
        "accounts": len(plan.accounts), "lines_written": plan.total_lines, "lines_counted": counted,
        "lines_without_id": no_id, "lines_lost": sum(lost.values()), "lost_by_kind": dict(lost.most_common()),
        "lost_in_accounts_not_stuck": {k: v for k, v in healthy_lost.most_common() if v},
        "lost_examples": lost_examples[:20], "items_stored": len(items), "skip_rows": len(skips),
        "duplicate_skip_rows": duplicates, **stuck,
        **_crashes(phases), **_attention(plan, accounts, skips_of, phases),
    }


def _same_file(account_replaced: bool, w: Written, skip_phase: int) -> bool:
    """Whether a skip recorded in ``skip_phase`` can be about line ``w`` (line numbers restart in a new file)."""
    if account_replaced and not w.replaced:
        return skip_phase == 1
    return skip_phase >= w.phase


def _stuck(plan: FeedPlan, accounts, stored, phases: list[dict]) -> tuple[dict, set[str]]:
    """An account is stuck when its canary (appended last) was not stored, or it is disabled or failing."""
    last = phases[-1]["outcome"]
    task_index = {name: i for i, name in enumerate(phases[-1]["tasks"])}
    reasons: Counter = Counter()
    names: set[str] = set()
    for acc in plan.accounts:
        row = accounts.get(acc.name)
        res = last.results.get(task_index[acc.name], {})
        before = sum(reasons.values())
        if row is not None and row.disabled_reason:
            reasons["disabled: " + _PATH.sub("<path>", row.disabled_reason.split(":")[0])[:80]] += 1
        elif task_index[acc.name] in last.timeouts:
            reasons["poll timed out"] += 1
        elif task_index[acc.name] in last.died or "escaped" in res:
            reasons["poll crashed: " + res.get("escaped", "worker died")] += 1
        elif res.get("outcome") not in (None, "ok"):
            reasons[f"run {res['outcome']}: {res.get('error')}"] += 1
        elif row is None or acc.canary not in stored.get(row.id, set()):
            reasons["new items not stored (cursor stuck)"] += 1
        if sum(reasons.values()) > before:
            names.add(acc.name)
    return {"accounts_stuck": len(names), "stuck_by_reason": dict(reasons.most_common())}, names


def _crashes(phases: list[dict]) -> dict:
    """Exceptions escaping the pipeline, tracebacks it logged, workers that died or hung."""
    escaped, logged, kinds = 0, 0, Counter()
    out = {"phases": []}
    for ph in phases:
        o = ph["outcome"]
        for res in o.results.values():
            if "escaped" in res:
                escaped += 1
                kinds["escaped " + res["escaped"]] += 1
            logged += len(res.get("tracebacks", []))
            kinds.update("logged " + t for t in res.get("tracebacks", []))
        kinds.update({"worker hung": len(o.timeouts), "worker died": len(o.died)})
        reporting = next((r for r in o.results.values() if r.get("task") == "__reporting__"), {})
        preview = next((r for r in o.results.values() if r.get("task") == "__digest_preview__"), {})
        out["phases"].append({"phase": ph["phase"], "seconds": ph["seconds"], "timeouts": len(o.timeouts),
                              "died": len(o.died), "reporting_seconds": reporting.get("seconds"),
                              "digest_chars": preview.get("digest_chars"), "digest_seconds": preview.get("seconds"),
                              "stderr_tracebacks": o.stderr.count("Traceback (most recent call last)")})
        escaped += len(o.timeouts) + len(o.died)
    out.update(crashes=escaped + logged, escaped=escaped, logged_tracebacks=logged,
               crash_kinds={k: v for k, v in kinds.most_common() if v})
    return out


def _attention(plan: FeedPlan, accounts, skips_of, phases: list[dict]) -> dict:
    """Accounts with skipped items that ``moderator log`` does not mention under "Needs attention"."""
    log = next((r for r in phases[-1]["outcome"].results.values() if r.get("task") == "__log__"), None)
    if log is None:
        return {"accounts_with_skips_not_in_needs_attention": None}
    shown = set(log.get("attention", []))
    unseen = [a.name for a in plan.accounts if a.name in accounts and skips_of.get(accounts[a.name].id)
              and a.name not in shown]
    return {"accounts_with_skips_not_in_needs_attention": len(unseen)}
