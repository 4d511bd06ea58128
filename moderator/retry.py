"""When to try a failed action or delivery again: exponential backoff with jitter, capped."""

from __future__ import annotations

import random
from datetime import timedelta

BASE = timedelta(minutes=1)
CAP = timedelta(hours=1)


def backoff(attempts: int, rng: random.Random | None = None, base: timedelta = BASE,
            cap: timedelta = CAP) -> timedelta:
    """The wait after the ``attempts``-th failure: base doubled each time, capped, jittered (half to all)."""
    delay = min(cap, base * 2 ** min(max(0, attempts - 1), 30))
    return delay * (rng or random).uniform(0.5, 1.0)
