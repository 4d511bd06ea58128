"""A gate in front of a fake Graph server: requests whose path matches wait until the test opens it.

It lets a test catch a worker in the middle of a poll without any timing: the worker's request is
held at the fake, the test does what it must (kill the worker), then opens the gate.
"""

from __future__ import annotations

import threading


class Gate:
    """Holds matching requests of ``fake`` (a ``GraphFake``) until :meth:`release`; counts them."""

    def __init__(self, fake, path_part: str) -> None:
        self.path_part = path_part
        self.opened = threading.Event()
        self.hits = 0
        self._cond = threading.Condition()
        self._take_fault = fake.take_fault
        fake.take_fault = self._gated  # the handler asks for a fault before routing, outside the state lock

    def _gated(self, path: str):
        if self.path_part in path and not self.opened.is_set():
            with self._cond:
                self.hits += 1
                self._cond.notify_all()
            self.opened.wait(timeout=600)
        return self._take_fault(path)

    def wait_hit(self, timeout: float = 300) -> None:
        """Until a request has reached the gate."""
        with self._cond:
            if not self._cond.wait_for(lambda: self.hits > 0, timeout=timeout):
                raise AssertionError(f"no request for {self.path_part!r} reached the fake")

    def release(self) -> None:
        """Let every held and later request through."""
        self.opened.set()
