"""The harness's verdict (a list of failures) and its plain-text table."""

from __future__ import annotations

WORST_SECONDS_PER_ITEM = 2.0  # issue 8: worst case per item under 2 s on this machine


def failures(out: dict) -> list[str]:
    """Every figure that breaks a promise of issue 8, one line each (empty when all hold)."""
    bad = []
    for db, f in out.get("feeds", {}).items():
        for key, what in (("lines_lost", "lines lost"), ("accounts_stuck", "accounts stuck"), ("crashes", "crashes")):
            if f[key]:
                bad.append(f"feeds/{db}: {f[key]} {what}")
    c = out.get("configs")
    if c and c["tracebacks"]:
        bad.append(f"configs: {c['tracebacks']} of {c['configs']} configurations crash (traceback or hang)")
    t = out.get("timing")
    if t:
        if t["timeouts"]:
            bad.append(f"timing: {t['timeouts']} case(s) exceed the {t['timeout_s']} s timeout")
        slow = [r["case"] for r in t["cases"] if not r["timeout_at"] and r["worst_s"] >= WORST_SECONDS_PER_ITEM]
        if slow:
            bad.append(f"timing: {len(slow)} more case(s) take {WORST_SECONDS_PER_ITEM} s or more per item: "
                       + ", ".join(slow))
        if t["superlinear"]:
            bad.append(f"timing: {t['superlinear']} case(s) grow faster than linearly")
    return bad


def _rows(title: str, pairs: list[tuple[str, object]]) -> list[str]:
    width = max(len(k) for k, _ in pairs)
    return [title, "-" * len(title)] + [f"  {k.ljust(width)}  {v}" for k, v in pairs] + [""]


def _top(counts: dict, n: int = 8) -> str:
    return "; ".join(f"{k} {v}" for k, v in list(counts.items())[:n]) or "-"


def table(out: dict) -> str:
    """The report as plain text: one block per part, then the verdict."""
    lines = [f"Fuzz and timing report ({out['mode']}, seed {out['seed']}, {out['seconds']} s)", ""]
    for db, f in out.get("feeds", {}).items():
        lines += _rows(f"Feed fuzz on {db} ({f['seconds']} s)", [
            ("accounts", f["accounts"]), ("lines written", f["lines_written"]),
            ("lines with an id", f["lines_counted"]), ("lines lost", f["lines_lost"]),
            ("lost by kind", _top(f["lost_by_kind"])),
            ("lost in accounts not stuck", _top(f["lost_in_accounts_not_stuck"])),
            ("accounts stuck", f["accounts_stuck"]),
            ("stuck by reason", _top(f["stuck_by_reason"], 5)),
            ("crashes", f"{f['crashes']} ({f['escaped']} escaped or hung, {f['logged_tracebacks']} logged tracebacks)"),
            ("crash kinds", _top(f["crash_kinds"], 4)),
            ("items stored / skip rows", f"{f['items_stored']} / {f['skip_rows']}"),
            ("duplicate skip rows", f["duplicate_skip_rows"]),
            ("accounts with skips not under Needs attention", f["accounts_with_skips_not_in_needs_attention"]),
            ("digest of all findings", f"{f['phases'][-1]['digest_chars']} characters, built in "
                                       f"{f['phases'][-1]['digest_seconds']} s"),
        ])
    c = out.get("configs")
    if c:
        lines += _rows(f"Config fuzz ({c['seconds']} s)", [
            ("configurations", c["configs"]), ("tracebacks or hangs", c["tracebacks"]),
            ("outcomes", _top(c["outcomes"])), ("crashing cases", "; ".join(c["crashing_cases"]) or "-"),
            ("crash exceptions", _top(c["crash_exceptions"])),
            ("accepted, should be refused", "; ".join(c["accepted_but_should_refuse"]) or "-"),
            ("errors not in one clean line", "; ".join(c["unclean_errors"]) or "-"),
        ])
    t = out.get("timing")
    if t:
        worst = "timeout" if t["worst_seconds"] is None else f"{t['worst_seconds']} s"
        pairs = [("lengths", ", ".join(str(n) for n in t["lengths"])),
                 ("worst time per item", f"{worst} ({t['worst_case']})"),
                 ("most findings on one item", t["max_findings_per_item"])]
        for row in t["cases"]:
            times = ", ".join(f"{row['times'][n]:.3f}" for n in t["lengths"] if n in row["times"])
            if row["timeout_at"]:
                times += f"{', ' if times else ''}timeout > {t['timeout_s']} s at {row['timeout_at']}"
            growth = f"; 4x length -> {row['growth_4x']}x time" if row["growth_4x"] else ""
            pairs.append((row["case"], f"{times}{growth}{' SUPER-LINEAR' if row['superlinear'] else ''}"))
        lines += _rows(f"Detector timing, CPU seconds per item ({t['seconds']} s)", pairs)
    verdict = out["failures"]
    lines += ["Verdict: " + ("all promises hold" if not verdict else f"{len(verdict)} failure(s)")]
    lines += [f"  - {v}" for v in verdict]
    return "\n".join(lines)
