"""Fake platform servers for connector tests, and their pytest fixtures.

``graph_fake`` yields a running ``tests.fakes.graph_server.GraphFake`` (see that
module for its API) and stops it afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def graph_fake() -> Iterator:
    """A fake Graph API on 127.0.0.1 with empty state; stopped after the test."""
    from tests.fakes.graph_server import GraphFake

    fake = GraphFake.start()
    try:
        yield fake
    finally:
        fake.stop()
