"""The Graph transport: error mapping table, paginator, usage headers, timeouts, per-account base URLs."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import facebook
import pytest
import requests

from connectors.base import AccountFatal, ActionRefused, ItemGone, RateLimited, Retriable
from connectors.graph import (
    AfterCursorPaginator,
    GraphOptions,
    GraphTransport,
    PaginationLoop,
    classify_error,
    read_token,
    retry_at_from,
    scrub,
    usage_pause,
)
from core.accounts import Account
from core.errors import ConfigError
from tests.fakes import graph_fake  # noqa: F401 - fixture
from tests.fakes.graph_server import GraphFake

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TOKEN = "EAAtestPAGEtoken0000invented"


def gerr(code, sub=None, **extra):
    body = {"message": f"(#{code}) invented", "type": "OAuthException", "code": code, **extra}
    if sub is not None:
        body["error_subcode"] = sub
    return facebook.GraphAPIError({"error": body})


@pytest.mark.parametrize("exc, status, expected", [
    (gerr(80001), 400, RateLimited), (gerr(80002), 400, RateLimited), (gerr(4), 400, RateLimited),
    (gerr(17), 400, RateLimited), (gerr(32), 400, RateLimited), (gerr(613), 400, RateLimited),
    (gerr(4, is_transient=True), 429, RateLimited),
    (facebook.GraphAPIError("Maintype was not text, image, or querystring"), 429, RateLimited),
    (gerr(190, 463), 400, AccountFatal), (gerr(10), 403, AccountFatal), (gerr(200), 403, AccountFatal),
    (gerr(299), 403, AccountFatal), (gerr(102), 400, AccountFatal), (gerr(190, 467), 400, AccountFatal),
    # about one object, not the account: the account stays enabled and the action is retried later
    (gerr(100), 400, ActionRefused), (gerr(100, 1487390), 400, ActionRefused), (gerr(2500), 400, ActionRefused),
    (gerr(12345), 400, ActionRefused), (gerr("100", [33]), 400, ActionRefused),
    (gerr(100, 33), 400, ItemGone),
    (gerr(1), 500, Retriable), (gerr(2), 500, Retriable), (gerr(999), 503, Retriable),
    (facebook.GraphAPIError("Maintype was not text, image, or querystring"), 502, Retriable),
    (KeyError("content-type"), 500, Retriable),
    (requests.ReadTimeout("timed out"), None, Retriable),
    (requests.ConnectionError("refused"), None, Retriable),
    (ValueError("Expecting value"), 200, Retriable),
])
def test_classify_error_table(exc, status, expected):
    error = classify_error(exc, status, {}, NOW)
    assert type(error) is expected


def test_throttle_retry_at_comes_from_headers_or_a_default():
    buc = json.dumps({"1000": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 7}]})
    assert retry_at_from({"X-Business-Use-Case-Usage": buc}, NOW) == NOW + timedelta(minutes=7)
    assert retry_at_from({"Retry-After": "120"}, NOW) == NOW + timedelta(seconds=120)
    assert retry_at_from({}, NOW) == NOW + timedelta(minutes=15)
    assert classify_error(gerr(80001), 400, {"X-Business-Use-Case-Usage": buc}, NOW).retry_at == \
        NOW + timedelta(minutes=7)


def test_usage_headers_are_read_as_percentages_and_minutes():
    headers = {"X-App-Usage": json.dumps({"call_count": 12, "total_time": 91, "total_cputime": 3}),
               "X-Business-Use-Case-Usage": "not json"}
    assert usage_pause(headers) == (91.0, timedelta(0))


def test_messages_never_carry_the_token():
    exc = requests.ConnectionError(f"Max retries exceeded with url: /v25.0/1000/feed?access_token={TOKEN}&x=1")
    message = str(classify_error(exc, None, {}, NOW, (TOKEN,)))
    assert TOKEN not in message and "access_token=[redacted]" in message
    assert scrub(f"bad {TOKEN} here", TOKEN) == "bad [redacted] here"
    err = classify_error(gerr(190, 463, message=f"token {TOKEN} expired"), 400, {}, NOW, (TOKEN,))
    assert TOKEN not in str(err)


@pytest.mark.parametrize("pages, expected", [
    ([{"data": []}], [False]),
    ([{"data": [], "paging": {"cursors": {"after": "A"}}}], [False]),  # no next: the end
    ([{"data": [], "paging": {"next": "u", "cursors": {"after": "A"}}},  # empty yet more to come
      {"data": [1], "paging": {"next": "u", "cursors": {"after": "B"}}}], [True, True]),
])
def test_paginator_follows_after_until_next_is_absent(pages, expected):
    pager = AfterCursorPaginator()
    assert [pager.advance(p) for p in pages] == expected


def test_paginator_refuses_a_repeated_or_missing_token():
    pager = AfterCursorPaginator()
    page = {"data": [], "paging": {"next": "u", "cursors": {"after": "A"}}}
    assert pager.advance(page) and pager.after == "A"
    with pytest.raises(PaginationLoop):
        pager.advance(page)
    with pytest.raises(PaginationLoop):
        AfterCursorPaginator().advance({"data": [], "paging": {"next": "u"}})


def account(**options) -> Account:
    return Account("oakfield-fb", "facebook", "1000", credentials={"access_token": "OAKFIELD_TEST_TOKEN"},
                   options=options)


def test_options_are_validated_naming_the_key():
    with pytest.raises(ConfigError) as info:
        GraphOptions.from_account(account(api_base="ftp:/x", graph_version="25"), SimpleNamespace())
    assert any("api_base" in p for p in info.value.problems)
    assert any("graph_version" in p for p in info.value.problems)
    opts = GraphOptions.from_account(account(), SimpleNamespace(request_timeout_seconds=7.0))
    assert (opts.api_base, opts.version, opts.timeout) == ("https://graph.facebook.com", "v25.0", 7.0)


def test_missing_token_names_the_variable(monkeypatch):
    monkeypatch.delenv("OAKFIELD_TEST_TOKEN", raising=False)
    with pytest.raises(AccountFatal, match="OAKFIELD_TEST_TOKEN"):
        read_token(account(), "Page access token")


def test_sdk_rejects_current_versions_so_the_transport_sets_it_after():
    with pytest.raises(facebook.GraphAPIError):
        facebook.GraphAPI("x", version="25.0")
    transport = GraphTransport("x", GraphOptions(version="v26.0"))
    assert transport.api.version == "v26.0"


def test_two_accounts_with_different_bases_work_in_one_process(graph_fake):  # noqa: F811
    other = GraphFake.start()
    try:
        other.state.page = dict(other.state.page, id="2000")
        first = GraphTransport(TOKEN, GraphOptions(api_base=graph_fake.url))
        second = GraphTransport(TOKEN, GraphOptions(api_base=other.url))
        assert first.get("1000", {"fields": "id"})["id"] == "1000"
        assert second.get("2000", {"fields": "id"})["id"] == "2000"
        assert facebook.FACEBOOK_GRAPH_URL == "https://graph.facebook.com/"
    finally:
        other.stop()


def test_every_request_has_a_timeout_and_a_stall_becomes_retriable():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])  # accept, then never answer
            except OSError:
                continue

    threading.Thread(target=accept, daemon=True).start()
    sleeps: list[float] = []
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    transport = GraphTransport(TOKEN, GraphOptions(api_base=base, timeout=0.2, max_retries=2,
                                                   retry_base_delay=0.01), sleep=sleeps.append)
    try:
        with pytest.raises(Retriable) as info:
            transport.get("1000")
        assert not isinstance(info.value, RateLimited)
        assert len(sleeps) == 2 and sleeps[1] > sleeps[0] * 0.6  # exponential backoff with jitter
        assert TOKEN not in str(info.value) and info.value.__cause__ is None
    finally:
        stop.set()
        listener.close()
        for s in held:
            s.close()
