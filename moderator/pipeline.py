"""One poll of one account: connector → store → detectors → policy → actions → records.

Each item ends in exactly one outcome (analysed, unchanged, or skipped with a reason).
The cursor moves in the same transaction as the batch it covers, so a crash anywhere
before the commit loses nothing and duplicates nothing: the next poll fetches the
same batch again and storage de-duplicates it. Actions are recorded as pending in
that transaction and carried out after it, so a crash between the two only delays them.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

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
from connectors.validate import MAX_ID_CHARS
from core.accounts import Account
from core.errors import ConfigError
from detectors.engine import DetectorEngine, ItemResult, clean_text
from moderator import policy
from moderator.config import Config
from moderator.retry import backoff
from storage import repo
from storage.locks import DEFAULT_WAIT, LockBusy, Locks, account_lock_name
from storage.models import AccountRow, ActionRow, FindingRow, ItemRow, LanguageHoldRow, RunRow, SkipRow

log = logging.getLogger(__name__)

THROTTLE_DEFAULT = timedelta(minutes=15)
MAX_REFUSED_ATTEMPTS = 8  # a hide or restore the platform refuses is given up after this many tries
BUSY = "another moderator process is polling this account"
# Database errors that say nothing about the item being stored: the poll fails and is retried whole.
TRANSIENT = (OperationalError, InterfaceError, DisconnectionError)
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
ANALYSIS = threading.Lock()  # one analysis at a time in a process (see Pipeline._analyse)


class SimulatedCrash(Exception):
    """Raised by tests (through ``Pipeline.crash_before_commit``) to stand for a crash."""


class _DryRunRollback(Exception):
    """Unwinds a dry run's transaction so that it stores nothing."""


@dataclass
class RunCounts:
    """The outcome of one poll of one account."""

    account: str
    outcome: str = "ok"  # ok | failed | throttled | disabled | paused | busy (another process has it)
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

    def merge(self, other: RunCounts) -> None:
        """Add the analysis counts of ``other`` (one item stored on its own) to these."""
        self.analysed += other.analysed
        for mine, theirs in ((self.skipped, other.skipped), (self.findings, other.findings),
                             (self.decisions, other.decisions)):
            mine.update(theirs)


def _error_name(exc: BaseException) -> str:
    """The error's type, and the driver's when the database raised it; never its message (it may quote data)."""
    orig = getattr(exc, "orig", None)
    return type(exc).__name__ + (f"/{type(orig).__name__}" if orig is not None else "")


def _storable(value: str | None, limit: int) -> str | None:
    """A value every database accepts (no NUL, no lone surrogate), cut to ``limit`` characters."""
    if value is None:
        return None
    value = _UNSTORABLE.sub("\ufffd", str(value))
    return value if len(value) <= limit else value[:limit - 1] + "\u2026"


def _now() -> datetime:
    return datetime.now(UTC)


class Pipeline:
    """The daemon's main job, built once and run on every poll."""

    crash_before_commit = False  # tests set this to simulate a crash between fetch and commit

    def __init__(self, config: Config, session_factory, engine: DetectorEngine, reporter=None,
                 dry_run: bool = False, clock=_now, locks: Locks | None = None,
                 lock_wait: float = DEFAULT_WAIT, engines: Mapping[str, DetectorEngine] | None = None,
                 reporters: dict | None = None) -> None:
        self.config = config
        self.sessions = session_factory
        self.engine = engine
        self.reporter = reporter
        # a trust's: per school slug, the engine that knows its roster (built on first use, see
        # moderator.app.SchoolEngines) and the reporter that tells its people
        self.engines = engines or {}
        self.reporters = reporters or {}
        self.dry_run = dry_run
        self.clock = clock
        self.locks = locks or Locks.for_sessions(session_factory)
        self.lock_wait = lock_wait
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

    def engine_for(self, account: Account) -> DetectorEngine:
        """The detectors of the account's school (its roster, staff and languages)."""
        return self.engines.get(self.config.school_of(account.name).slug, self.engine)

    def reporter_for(self, account: Account):
        """The reporter of the account's school (its recipients), or None."""
        return self.reporters.get(self.config.school_of(account.name).slug, self.reporter)

    def account_lock(self, account: Account, wait: float | None = None):
        """The lock another moderator process must not hold while this one polls or acts on ``account``."""
        return self.locks.hold(account_lock_name(account.name), self.lock_wait if wait is None else wait, BUSY)

    def poll_account(self, account: Account) -> RunCounts:
        """Fetch, store, analyse, decide and act for one account, holding its lock.

        When another moderator process holds the account for longer than ``lock_wait``, the
        account is skipped this cycle with the outcome ``busy``; the next cycle picks it up.
        A dry run changes nothing, so it takes no lock.
        """
        try:
            if self.dry_run:
                return self._poll(account)
            with self.account_lock(account):
                return self._poll(account)
        except LockBusy as exc:
            log.warning("account %s: %s; skipped this cycle", account.name, exc)
            return RunCounts(account.name, outcome="busy", error=str(exc))
        finally:
            self._hang_up(account)

    def _hang_up(self, account: Account) -> None:
        """Close the account's idle HTTP connections (its connector reconnects when next used).

        Polls of one account are minutes apart, by when the platforms have closed an idle keep-alive
        connection anyway; a worker polling a thousand accounts would otherwise hold a thousand of them
        (about 40 KB each, and a socket).
        """
        connector = self._connectors.get(account.name)
        if connector is not None:
            try:
                connector.close()
            except Exception:  # noqa: BLE001 - closing never fails a poll
                log.debug("account %s: closing its connections failed", account.name, exc_info=True)

    def _poll(self, account: Account) -> RunCounts:
        counts = RunCounts(account.name)
        now = self.clock()
        try:
            with self.sessions.begin() as s:
                arow = repo.ensure_account(s, account.name, account.platform, account.account_id,
                                           self.config.school_of(account.name).slug)
                account_id = arow.id
                if arow.disabled_reason:
                    counts.outcome, counts.error = "disabled", arow.disabled_reason
                    return counts
                if arow.paused_until and arow.paused_until > now:
                    counts.outcome = "paused"
                    return counts
                cursor = repo.get_cursor(s, account_id)
        except repo.SchoolMismatch as exc:  # a configuration mistake: this account waits, the others go on
            log.error("%s", exc)
            counts.outcome, counts.error = "failed", str(exc)
            return counts
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
            self._store_batch(account, account_id, result, counts, now)
        except SimulatedCrash:
            raise
        except Exception as exc:  # noqa: BLE001 - the database itself failed: the next poll tries again
            log.error("account %s: storing the batch failed (%s); the cursor did not move", account.name,
                      _error_name(exc), exc_info=log.isEnabledFor(logging.DEBUG))
            counts.outcome, counts.error = "failed", _error_name(exc)
            self._record_run(account_id, counts, now)
            return counts
        if not self.dry_run:
            self.after_batch(account, account_id, counts)
        return counts

    def after_batch(self, account: Account, account_id: int, counts: RunCounts) -> None:
        """What follows a stored batch: its hides and restores, then the alerts (workers defer both as tasks)."""
        self.run_actions(account, account_id, counts)
        reporter = self.reporter_for(account)
        if reporter is not None:
            reporter.send_alerts()

    def _store_batch(self, account: Account, account_id: int, result, counts: RunCounts, now: datetime) -> None:
        """Analyse the new and edited items, then store the batch, its outcomes and the cursor at once.

        Analysis runs before the write transaction opens, so no write lock is held during it.
        Should the batch be refused (an id or value the database will not take), it is stored
        again item by item, each in a savepoint: an item refused is recorded as skipped with the
        error's type (never its text) and the rest of the batch, and the cursor, go in.
        """
        latest = {}
        for item in result.items:  # a later version of the same item in one batch wins
            latest[item.external_id] = item if item.text == (t := clean_text(item.text)) else replace(item, text=t)
        items = list(latest.values())
        counts.seen = len(items)
        with self.sessions() as s:
            rows = self._existing(s, account_id, items)
            todo = []
            for item in items:
                row = rows.get(item.external_id)
                if row is not None and row.analysed_hash == item.content_hash():
                    counts.unchanged += 1
                    continue
                counts.new += row is None
                counts.edited += row is not None
                todo.append(item)
        analysed = {res.item.external_id: res for res in self._analyse(todo, account)}
        try:
            self._write_batch(account, account_id, items, analysed, result.skipped, result.cursor, counts, now,
                              one_by_one=False)
        except (SimulatedCrash, _DryRunRollback, *TRANSIENT):
            raise  # a database down or busy fails the poll: the cursor stays, the next poll tries again
        except Exception as exc:  # noqa: BLE001 - find the item the database refused, keep the rest
            log.warning("account %s: storing the batch failed (%s); storing it item by item", account.name,
                        _error_name(exc))
            self._write_batch(account, account_id, items, analysed, result.skipped, result.cursor, counts, now,
                              one_by_one=True)

    def _existing(self, s, account_id: int, items: list) -> dict[str, ItemRow]:
        """Stored rows of these items; an id no database can hold (NUL, lone surrogate) is never stored."""
        ids = [i.external_id for i in items if not _UNSTORABLE.search(i.external_id)]
        return repo.existing_items(s, items[0].platform, ids, account_id=account_id) if ids else {}

    def _analyse(self, items: list, account: Account) -> list[ItemResult]:
        """The detectors' results; an item that makes them fail is skipped with the error's type.

        One analysis at a time per process (:data:`ANALYSIS`): it is CPU-bound Python, and spaCy's memory zones
        and the detectors' caches are not shared between threads. Polls of a worker running several jobs at
        once overlap their waits on the platforms and the database, not their analysis.
        """
        if not items:
            return []
        with ANALYSIS:
            return self._analyse_locked(items, self.engine_for(account))

    def _analyse_locked(self, items: list, engine: DetectorEngine) -> list[ItemResult]:
        try:
            return list(engine.analyze(items))
        except Exception as exc:  # noqa: BLE001 - find the item at fault, analyse the others
            log.warning("analysing a batch of %d failed (%s); analysing item by item", len(items), _error_name(exc))
        out = []
        for item in items:
            try:
                out.extend(engine.analyze([item]))
            except Exception as exc:  # noqa: BLE001
                log.warning("item %s: analysis failed (%s)", _storable(item.external_id, MAX_ID_CHARS),
                            _error_name(exc))
                out.append(ItemResult(item, skipped=f"analysis failed ({_error_name(exc)})"))
        return out

    def _write_batch(self, account: Account, account_id: int, items: list, analysed: dict, skipped: list,
                     cursor: dict, counts: RunCounts, now: datetime, one_by_one: bool) -> None:
        counts.analysed, counts.skipped, counts.findings, counts.decisions = 0, Counter(), Counter(), Counter()
        try:
            with self.sessions() as s, s.begin():
                # The cursor is written first: on SQLite this opens the real transaction, so the
                # savepoints below nest inside it instead of committing on release.
                repo.set_cursor(s, account_id, cursor)
                s.flush()
                rows = self._existing(s, account_id, items)
                for item in items:
                    res, row = analysed.get(item.external_id), rows.get(item.external_id)
                    if not one_by_one:  # rows and findings go in together at the commit (one INSERT each)
                        self._write_item(s, account_id, item, row, res, counts, now, flush=False)
                        continue
                    part = RunCounts(account.name)
                    try:
                        with s.begin_nested():
                            self._write_item(s, account_id, item, row, res, part, now)
                    except TRANSIENT:
                        raise  # not this item's fault: never recorded as skipped
                    except Exception as exc:  # noqa: BLE001 - this item only
                        ext = _storable(item.external_id, MAX_ID_CHARS)
                        log.warning("account %s: item %s could not be stored (%s)", account.name, ext,
                                    _error_name(exc))
                        counts.skipped["could not be stored"] += 1
                        s.add(SkipRow(account_id=account_id, external_id=ext,
                                      reason=f"could not be stored ({_error_name(exc)})"))
                        continue
                    counts.merge(part)
                for sk in skipped:
                    counts.skipped["malformed item"] += 1
                    s.add(SkipRow(account_id=account_id, external_id=_storable(sk.external_id, 200),
                                  reason=_storable(sk.reason, 1000)))
                if self.crash_before_commit:
                    raise SimulatedCrash("simulated crash between fetch and commit")
                self._add_run(s, account_id, counts, now)
                if self.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            pass

    def _write_item(self, s, account_id: int, item, row: ItemRow | None, res: ItemResult | None,
                    counts: RunCounts, now: datetime, flush: bool = True) -> None:
        """One item's row, findings, hides and holds; ``flush=False`` leaves them for the batch's one flush.

        A new row is linked to its findings, actions and holds by relationship, not by its id, so nothing
        needs the id before the flush; a new row has no old findings or holds to supersede, so none are read.
        """
        if res is None:  # unchanged since analysed: refresh what the platform says, nothing more
            repo.upsert_item(s, account_id, item, row, flush=flush)
            return
        new = row is None
        row = repo.upsert_item(s, account_id, res.item, row, flush=flush)
        row.language = res.language.code
        if res.skipped:
            row.skip_reason = res.skipped
            counts.skipped[res.skipped.split(":")[0]] += 1
            s.add(SkipRow(account_id=account_id, external_id=_storable(item.external_id, MAX_ID_CHARS),
                          reason=_storable(res.skipped, 1000)))
        else:
            self._record_findings(s, row, res.item, res.findings, counts, now, new)
            self._hold_for_language(s, row, res, counts, now, new)
        if flush:
            s.flush()

    def _hold_for_language(self, s, row: ItemRow, res: ItemResult, counts: RunCounts, now: datetime,
                           new: bool) -> None:
        """Hold an item written in a language nobody here can judge (see :func:`policy.language_hold`)."""
        old_holds = () if new else s.scalars(select(LanguageHoldRow).where(
            LanguageHoldRow.item_id == row.id, LanguageHoldRow.review_status == "held"))
        for old in old_holds:
            if old.content_hash != row.content_hash:  # an edited item: the old text's hold no longer stands
                old.review_status = "superseded"
        reason = policy.language_hold(res.language, self.config.for_school(row.school).hold_unknown_language)
        if reason is None:
            return
        counts.decisions[f"held: {policy.LANGUAGE_NOT_UNDERSTOOD}"] += 1
        s.add(LanguageHoldRow(item=row, language=res.language.code, confidence=res.language.confidence,
                              reason=reason, content_hash=row.content_hash, review_status="held", created_at=now))

    def _record_findings(self, s, row: ItemRow, item, findings, counts: RunCounts, now: datetime,
                         new: bool) -> None:
        counts.analysed += 1
        for old in () if new else row.findings:  # an edited item: what was found in the old text no longer stands,
            # except a child-safety concern, which only a person closes (an edit may be covering tracks)
            if old.review_status in ("open", "held") and old.content_hash != row.content_hash \
                    and not policy.is_child_safety(old):
                old.review_status = "superseded"
        row.analysed_hash, row.analysed_at, row.skip_reason = row.content_hash, now, None
        hide_reasons = []
        for d in policy.decide(item, findings, self.config.for_school(row.school).policy):
            f = d.finding
            counts.findings[f.label] += 1
            counts.decisions[d.decision] += 1
            s.add(FindingRow(item=row, label=f.label, score=round(float(f.score), 4), severity=f.severity,
                             span_start=f.start, span_end=f.end, explanation=f.explanation, rule=f.rule,
                             details={**f.details, "alert": list(d.alert)}, content_hash=row.content_hash,
                             decision=d.decision, decision_reason=d.reason, alert_to=",".join(d.alert),
                             review_status="held" if d.decision == "hold" else "open", created_at=now))
            if d.hides:
                hide_reasons.append(f.label)
        if hide_reasons and row.visibility == "visible":
            s.add(ActionRow(item=row, kind="hide", requested_by="policy",
                            reason="policy hides " + ", ".join(sorted(set(hide_reasons)))))

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
        """Run one action through the connector and record its outcome.

        An error about this one object (the platform refuses this hide, say) stays on the action:
        it is retried with back-off and given up after ``MAX_REFUSED_ATTEMPTS``. Only an error
        saying the token or permission is gone (``AccountFatal``) disables the account.
        """
        item = action.item
        ref = ItemRef(item.platform, item.external_id, item.kind, item.parent_external_id)
        action.attempts += 1
        try:
            connector = self.connector(account)
            (connector.hide if action.kind == "hide" else connector.restore)(ref)
        except ItemGone as exc:
            action.status, action.error, item.visibility = "gone", str(exc)[:500], "deleted"
        except NotImplementedError as exc:
            action.status, action.error = "abandoned", str(exc)[:500]
        except ActionRefused as exc:
            if exc.permanent or action.attempts >= MAX_REFUSED_ATTEMPTS:
                action.status, action.next_attempt_at = "abandoned", None
                action.error = (f"refused for good: {exc}" if exc.permanent
                                else f"refused {action.attempts} times, given up: {exc}")[:500]
            else:
                action.status, action.next_attempt_at = "failed", self.clock() + backoff(action.attempts)
                action.error = f"refused: {exc}"[:500]
            log.warning("action %s (%s item %s) refused by the platform, attempt %d", action.id, action.kind,
                        item.id, action.attempts)
        except AccountFatal as exc:
            action.status, action.error = "failed", str(exc)[:500]
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
        reporter = self.reporter_for(account)
        if reporter is not None:
            reporter.notify_admins(
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
