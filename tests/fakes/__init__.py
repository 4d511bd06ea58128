"""Fake platform servers for connector tests, and their pytest fixtures.

``graph_fake`` yields a running ``tests.fakes.graph_server.GraphFake`` (see that
module for its API) and stops it afterwards; ``graph_connector`` builds a Facebook
or Instagram connector pointed at it, as ``Connector.from_config`` would.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a test server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def graph_fake() -> Iterator:
    """A fake Graph API on 127.0.0.1 with empty state; stopped after the test."""
    from tests.fakes.graph_server import GraphFake

    fake = GraphFake.start()
    try:
        yield fake
    finally:
        fake.stop()


def graph_connector(cls, fake, account_id: str, monkeypatch, page_size: int = 2):
    """``cls.from_config`` for an account on ``fake`` (token in an env var, fast retries, small pages)."""
    from types import SimpleNamespace

    from core.accounts import Account

    var = f"OAKFIELD_{cls.platform.upper()}_TOKEN"
    monkeypatch.setenv(var, fake.state.token)
    acct = Account(f"oakfield-{cls.platform}", cls.platform, account_id, credentials={"access_token": var},
                   options={"api_base": fake.url, "graph_version": "v25.0", "retry_base_delay": 0.001})
    conn = cls.from_config(acct, SimpleNamespace(request_timeout_seconds=5.0))
    conn.page_size = page_size
    conn.graph.sleep = lambda seconds: None
    return conn
