"""The poll tick: a cron procrastinate can run, as often as an interval needs, whatever the interval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import croniter
import pytest

from moderator.workers.queue import tick_cron, tick_seconds
from moderator.workers.tasks import due_accounts


@pytest.mark.parametrize(("interval", "step"), [(30, 30), (45, 15), (60, 60), (90, 30), (300, 60), (420, 60),
                                                (86_400, 60), (37, 1)])
def test_the_tick_divides_the_interval_and_fires_evenly(interval, step):
    assert tick_seconds(interval) == step and interval % step == 0
    it = croniter.croniter(tick_cron(interval), 1_700_000_000.0)  # procrastinate reads its cron the same way
    fires = [it.get_next(float) for _ in range(5)]
    assert {round(b - a) for a, b in zip(fires, fires[1:], strict=False)} == {step}


class Rows:
    def __init__(self, rows):
        self.rows = rows

    def __call__(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def scalars(self, _query):
        return self.rows


def test_an_account_is_due_once_its_interval_has_passed_less_half_a_tick():
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    config = SimpleNamespace(poll_interval_seconds=90, accounts=[
        SimpleNamespace(name=n, enabled=n != "off") for n in ("new", "recent", "old", "off", "broken")])
    rows = [SimpleNamespace(name="recent", disabled_reason=None, last_poll_at=now - timedelta(seconds=70)),
            SimpleNamespace(name="old", disabled_reason=None, last_poll_at=now - timedelta(seconds=76)),
            SimpleNamespace(name="broken", disabled_reason="token expired", last_poll_at=None)]
    # a 90 s interval ticks every 30 s: polled 75 s ago or more is due now, not at the next tick 105 s after
    assert due_accounts(Rows(rows), config, now) == ["new", "old"]
