"""The short summary ``moderator run --once`` (and the demo) ends with."""

from __future__ import annotations

from collections import Counter


def format_run(app, results) -> str:
    """Items seen, findings by label, actions taken, and where the digest and database are (no password)."""
    seen = sum(r.seen for r in results)
    findings, actions, skipped = Counter(), Counter(), Counter()
    for r in results:
        findings.update(r.findings)
        actions.update(r.actions)
        skipped.update(r.skipped)
    lines = [("DRY RUN (nothing hidden, sent or stored): " if app.pipeline.dry_run else "")
             + f"{len(results)} account(s) polled, {seen} item(s) seen, "
             f"{sum(r.analysed for r in results)} analysed, {sum(skipped.values())} skipped"]
    for r in results:
        if r.outcome != "ok":
            lines.append(f"  account {r.account}: {r.outcome}" + (f" ({r.error})" if r.error else ""))
    lines.append("Findings by label: " + (", ".join(f"{k} {v}" for k, v in sorted(findings.items())) or "none"))
    lines.append("Actions taken: " + (", ".join(f"{k} {v}" for k, v in sorted(actions.items())) or "none"))
    if skipped:
        lines.append("Skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())))
    rep = app.config.reporting
    lines.append("Digest: " + (f"mailed via {rep.smtp.host}" if rep.smtp else f"outbox {rep.outbox}"))
    lines.append(f"Database: {app.config.storage_url_shown}")
    return "\n".join(lines)
