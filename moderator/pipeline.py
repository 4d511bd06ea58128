"""One poll of one account: connector → store → detectors → policy → actions → records.

Each item ends in exactly one outcome (analysed, unchanged, or skipped with a reason).
The cursor moves in the same transaction as the batch it covers, so a crash anywhere
before the commit loses nothing and duplicates nothing: the next poll fetches the
same batch again and storage de-duplicates it. Actions are recorded as pending in
that transaction and carried out after it, so a crash between the two only delays them.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from connectors.base import (
    AccountFatal,
    ActionRefused,
    Connector,
    ItemGone,
    ItemRef,
    RateLimited,
    Retriable,
    connector_class,
)
from detectors.engine import DetectorEngine, clean_text
from moderator import policy
from moderator.config import Account, Config, ConfigError
from moderator.retry import backoff
from storage import repo
from storage.models import AccountRow, ActionRow, FindingRow, ItemRow, RunRow, SkipRow

log = logging.getLogger(__name__)

THROTTLE_DEFAULT = timedelta(minutes=15)


class SimulatedCrash(Exception):
    """Raised by tests (through ``Pipeline.crash_before_commit``) to stand for a crash."""


class _DryRunRollback(Exception):
    """Unwinds a dry run's transaction so that it stores nothing."""


@dataclass
class RunCounts:
    """The outcome of one poll of one account."""

    account: str
    outcome: str = "ok"  # ok | failed | throttled | disabled | paused
    seen: int = 0
    new: int = 0
    edited: int = 0
    unchanged: int = 0
    analysed: int = 0
    skipped: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    decisions: Counter = field(default_factory=Counter)
    actions: Counter = field(default_factory=Counter)
    error: str | None = None

    def as_dict(self) -> dict:
        """JSON-ready counts for the runs table and the digest."""
        return {"seen": self.seen, "new": self.new, "edited": self.edited, "unchanged": self.unchanged,
                "analysed": self.analysed, "skipped": dict(self.skipped), "findings": dict(self.findings),
                "decisions": dict(self.decisions), "actions": dict(self.actions)}


def _now() -> datetime:
    return datetime.now(UTC)


class Pipeline:
    """The daemon's main job, built once and run on every poll."""

    crash_before_commit = False  # tests set this to simulate a crash between fetch and commit

    def __init__(self, config: Config, session_factory, engine: DetectorEngine, reporter=None,
                 dry_run: bool = False, clock=_now) -> None:
        self.config = config
        self.sessions = session_factory
        self.engine = engine
        self.reporter = reporter
        self.dry_run = dry_run
        self.clock = clock
        self._connectors: dict[str, Connector] = {}

    def connector(self, account: Account) -> Connector:
        """The account's connector, built once."""
        if account.name not in self._connectors:
            self._connectors[account.name] = connector_class(account.platform).from_config(account, self.config)
        return self._connectors[account.name]

    def poll_all(self) -> list[RunCounts]:
        """One poll of every enabled account; one failing account never stops the others."""
        results = []
        for account in self.config.accounts:
            if account.enabled:
                results.append(self.poll_account(account))
        return results

    def poll_account(self, account: Account) -> RunCounts:
        """Fetch, store, analyse, decide and act for one account."""
        counts = RunCounts(account.name)
        now = self.clock()
        with self.sessions.begin() as s:
            arow = repo.ensure_account(s, account.name, account.platform, account.account_id)
            account_id = arow.id
            if arow.disabled_reason:
                counts.outcome, counts.error = "disabled", arow.disabled_reason
                return counts
            if arow.paused_until and arow.paused_until > now:
                counts.outcome = "paused"
                return counts
            cursor = repo.get_cursor(s, account_id)
        try:
            connector = self.connector(account)
            result = connector.fetch(cursor, since=now - timedelta(days=self.config.backfill_days))
        except AccountFatal as exc:
            self._disable(account, account_id, str(exc), counts)
            return counts
        except ConfigError as exc:
            self._disable(account, account_id, "; ".join(exc.problems), counts)
            return counts
        except Retriable as exc:
            self._pause(account_id, exc, counts)
            return counts
        except Exception as exc:  # noqa: BLE001 - one failing account never stops the others
            log.exception("account %s: poll failed", account.name)
            counts.outcome, counts.error = "failed", f"{type(exc).__name__}: {exc}"
            self._record_run(account_id, counts, now)
            return counts
        try:
            self._store_batch(account_id, result, counts, now)
        except SimulatedCrash:
            raise
        except Exception as exc:  # noqa: BLE001
            log.exception("account %s: storing the batch failed; the cursor did not move", account.name)
            counts.outcome, counts.error = "failed", f"{type(exc).__name__}"
            self._record_run(account_id, counts, now)
            return counts
        if not self.dry_run:
            self.run_actions(account, account_id, counts)
            if self.reporter is not None:
                self.reporter.send_alerts()
        return counts

    def _store_batch(self, account_id: int, result, counts: RunCounts, now: datetime) -> None:
        latest = {}
        for item in result.items:  # a later version of the same item in one batch wins
            latest[item.external_id] = item if item.text == (t := clean_text(item.text)) else replace(item, text=t)
        items = list(latest.values())
        counts.seen = len(items)
        try:
            with self.sessions() as s, s.begin():
                rows = repo.existing_items(s, items[0].platform, list(latest)) if items else {}
                todo = []
                for item in items:
                    row = rows.get(item.external_id)
                    if row is not None and row.analysed_hash == item.content_hash():
                        counts.unchanged += 1
                        repo.upsert_item(s, account_id, item, row)
                        continue
                    counts.new += row is None
                    counts.edited += row is not None
                    todo.append(item)
                results = self.engine.analyze(todo)
                for res in results:
                    item = res.item
                    row = repo.upsert_item(s, account_id, item, rows.get(item.external_id))
                    if res.skipped:
                        row.skip_reason = res.skipped
                        counts.skipped[res.skipped.split(":")[0]] += 1
                        s.add(SkipRow(account_id=account_id, external_id=item.external_id, reason=res.skipped))
                        continue
                    self._record_findings(s, row, item, res.findings, counts, now)
                for sk in result.skipped:
                    counts.skipped["malformed item"] += 1
                    s.add(SkipRow(account_id=account_id, external_id=sk.external_id, reason=sk.reason))
                repo.set_cursor(s, account_id, result.cursor)
                if self.crash_before_commit:
                    raise SimulatedCrash("simulated crash between fetch and commit")
                self._add_run(s, account_id, counts, now)
                if self.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            pass

    def _record_findings(self, s, row: ItemRow, item, findings, counts: RunCounts, now: datetime) -> None:
        counts.analysed += 1
        for old in row.findings:  # an edited item: what was found in the old text no longer stands
            if old.review_status in ("open", "held") and old.content_hash != row.content_hash:
                old.review_status = "superseded"
        row.analysed_hash, row.analysed_at, row.skip_reason = row.content_hash, now, None
        hide_reasons = []
        for d in policy.decide(item, findings, self.config.policy):
            f = d.finding
            counts.findings[f.label] += 1
            counts.decisions[d.decision] += 1
            s.add(FindingRow(item_id=row.id, label=f.label, score=round(float(f.score), 4), severity=f.severity,
                             span_start=f.start, span_end=f.end, explanation=f.explanation, rule=f.rule,
                             details={**f.details, "alert": list(d.alert)}, content_hash=row.content_hash,
                             decision=d.decision, decision_reason=d.reason,
                             review_status="held" if d.decision == "hold" else "open", created_at=now))
            if d.hides:
                hide_reasons.append(f.label)
        if hide_reasons and row.visibility == "visible":
            s.add(ActionRow(item_id=row.id, kind="hide", requested_by="policy",
                            reason="policy hides " + ", ".join(sorted(set(hide_reasons)))))
        s.flush()

    def run_actions(self, account: Account, account_id: int, counts: RunCounts | None = None) -> None:
        """Carry out due hide/restore actions of one account (new ones and failed ones due a retry)."""
        counts = counts or RunCounts(account.name)
        with self.sessions() as s:
            actions = repo.due_actions(s, account_id, self.clock())
            for action in actions:
                self.execute(s, account, action, counts)
                s.commit()
                if counts.outcome == "disabled":
                    break

    def execute(self, s, account: Account, action: ActionRow, counts: RunCounts) -> None:
        """Run one action through the connector and record its outcome."""
        item = action.item
        ref = ItemRef(item.platform, item.external_id, item.kind, item.parent_external_id)
        action.attempts += 1
        try:
            connector = self.connector(account)
            (connector.hide if action.kind == "hide" else connector.restore)(ref)
        except ItemGone as exc:
            action.status, action.error, item.visibility = "gone", str(exc), "deleted"
        except (ActionRefused, NotImplementedError) as exc:
            action.status, action.error = "abandoned", str(exc)
        except AccountFatal as exc:
            action.status, action.error = "failed", str(exc)
            self._disable(account, item.account_id, str(exc), counts)
        except Exception as exc:  # noqa: BLE001 - retried next cycle, never dropped
            delay = backoff(action.attempts)
            if isinstance(exc, Retriable) and exc.retry_at:
                delay = max(delay, exc.retry_at - self.clock())
            action.status, action.error = "failed", f"{type(exc).__name__}: {exc}"[:500]
            action.next_attempt_at = self.clock() + delay
            log.warning("action %s (%s item %s) failed, retry later: %s", action.id, action.kind, item.id,
                        type(exc).__name__)
        else:
            action.status, action.error = "done", None
            item.visibility = "hidden" if action.kind == "hide" else "visible"
        counts.actions[f"{action.kind} {action.status}"] += 1
        log.info("action %s: %s item %s -> %s", action.id, action.kind, item.id, action.status)

    def _disable(self, account: Account, account_id: int, reason: str, counts: RunCounts) -> None:
        counts.outcome, counts.error = "disabled", reason
        log.error("account %s disabled: %s", account.name, reason)
        if self.dry_run:  # a rehearsal reports what it would do and changes nothing
            return
        disabled_at = self.clock()
        with self.sessions.begin() as s:
            arow = s.get(AccountRow, account_id)
            arow.disabled_reason, arow.disabled_at = reason, disabled_at
            self._add_run(s, account_id, counts, self.clock())
        if self.reporter is not None:
            self.reporter.notify_admins(
                f"Moderation stopped for account {account.name}",
                f"The {account.platform} account '{account.name}' has been disabled and is no longer being "
                f"moderated: {reason}\n\nFix the credentials or permissions, then run "
                f"`moderator accounts enable {account.name}`.",
                key=f"disabled:{account.name}:{disabled_at.isoformat()}")

    def _pause(self, account_id: int, exc: Retriable, counts: RunCounts) -> None:
        """Throttled: no call to this account before the platform's reset time; others carry on."""
        now = self.clock()
        until = exc.retry_at or (now + THROTTLE_DEFAULT if isinstance(exc, RateLimited) else None)
        counts.outcome = "throttled" if isinstance(exc, RateLimited) else "failed"
        counts.error = str(exc) + (f"; paused until {until.isoformat(timespec='seconds')}" if until else "")
        if self.dry_run:
            return
        with self.sessions.begin() as s:
            s.get(AccountRow, account_id).paused_until = until
            self._add_run(s, account_id, counts, now)

    def _record_run(self, account_id: int, counts: RunCounts, started: datetime) -> None:
        if self.dry_run:
            return
        with self.sessions.begin() as s:
            self._add_run(s, account_id, counts, started)

    def _add_run(self, s, account_id: int, counts: RunCounts, started: datetime) -> None:
        arow = s.get(AccountRow, account_id)
        arow.last_poll_at, arow.last_error = started, counts.error
        s.add(RunRow(account_id=account_id, started_at=started, finished_at=self.clock(),
                     outcome=counts.outcome, counts=counts.as_dict(), error=counts.error, dry_run=self.dry_run))
