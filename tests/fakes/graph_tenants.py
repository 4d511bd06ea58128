"""Many fake Graph API pages behind one server on 127.0.0.1: tenant ``n`` answers under ``/t<n>``.

Each tenant is a :class:`~tests.fakes.graph_server.GraphState` (one Facebook Page and its Instagram
account) answered by the same routing as :class:`~tests.fakes.graph_server.GraphFake`; an account's
``api_base`` is ``tenant.url``. Used by ``make bench-scale`` to serve hundreds of accounts at once.
"""

from __future__ import annotations

import re
import threading
from http.server import ThreadingHTTPServer

from tests.fakes.graph_server import GraphState, _handler

_PREFIX = re.compile(r"^/t(\d+)(/.*)$")


class Tenant:
    """One page's state, and what the shared Graph handler expects of its fake."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.state = GraphState()
        self.faults: list[dict] = []
        self.handler = _handler(self)

    def take_fault(self, path: str) -> dict | None:
        """No faults: the benchmark measures the happy path."""
        return None


class GraphTenants:
    """The server; ``tenants[n]`` is page ``n``. ``requests()`` counts what every tenant was asked."""

    def __init__(self, count: int) -> None:
        base = _handler(None)

        class Handler(base):
            def _serve(self, method: str) -> None:
                m = _PREFIX.match(self.path)
                tenants = self.server.tenants  # type: ignore[attr-defined]
                if m is None or int(m.group(1)) >= len(tenants):
                    self._send(404, {"error": {"message": "no such tenant", "code": 803}}, {})
                    return
                tenant = tenants[int(m.group(1))]
                self.path = m.group(2)
                tenant.handler._serve(self, method)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.tenants = [Tenant(f"{self.url}/t{n}") for n in range(count)]
        self.server.tenants = self.tenants  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def requests(self) -> int:
        """Requests answered so far, all tenants together."""
        return sum(len(t.state.requests) for t in self.tenants)

    def stop(self) -> None:
        """Stop serving and free the port."""
        self.server.shutdown()
        self.server.server_close()
