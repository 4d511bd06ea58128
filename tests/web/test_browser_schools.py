"""End to end for a trust: `moderator serve` on a trust of two schools, driven by Debian's Chromium. A person
with roles at both schools sees them together with a school column, then switches to one with the switcher."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.fakes import free_port
from tests.tenancy.trust_pages import WORDS, build
from tests.web.test_browser import DESKTOP, _wait_for, browser, sign_in  # noqa: F401 - fixture


@pytest.fixture(scope="module")
def trust_world(tmp_path_factory):
    """The trust's database with its people and one finding per school, and the real server on it."""
    tmp = tmp_path_factory.mktemp("web-trust-e2e")
    trust = build(tmp, f"sqlite:///{tmp / 'trust.db'}")
    port = free_port()
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "--config", str(trust.core.config.path),
                             "serve", "--no-check", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/sign-in", proc)
        yield dict(base=base, trust=trust, tmp=tmp)
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


def test_a_person_of_two_schools_sees_both_then_switches_to_one(browser, trust_world):  # noqa: F811
    context = browser.new_context(base_url=trust_world["base"], viewport=DESKTOP)
    page = context.new_page()
    try:
        sign_in(page, "both")
        assert page.url.endswith("/queue")
        text = page.inner_text("main")
        assert WORDS["oakfield"][0] in text and WORDS["brook"][0] in text
        assert "Brook Lane Academy" in text and "Oakfield Primary School" in text  # the school column
        assert page.get_by_label("School", exact=True).input_value() == "*"
        page.get_by_label("School", exact=True).select_option(label="Brook Lane Academy (dsl)")
        with page.expect_navigation():  # read the page the form leads to, not the one it left
            page.get_by_role("button", name="Show").click()
        assert page.url.endswith("/queue") and "Showing Brook Lane Academy." in page.content()
        text = page.inner_text("main")
        assert WORDS["brook"][0] in text and WORDS["oakfield"][0] not in text
        assert page.title().endswith("Brook Lane Academy")
        with page.expect_navigation():  # read the page the form leads to, not the one it left
            page.get_by_role("link", name="Audit log").click()
        assert page.url.endswith("/audit")
        page.get_by_label("School", exact=True).select_option(label="Oakfield Primary School (smt)")
        with page.expect_navigation():  # read the page the form leads to, not the one it left
            page.get_by_role("button", name="Show").click()
        # smt at Oakfield: no audit log there, so the switch lands on the page the role allows
        assert page.url.endswith("/audit") and "does not give access" in page.content()
        assert page.get_by_role("link", name="Audit log").count() == 0
        page.screenshot(path=str(trust_world["tmp"] / "switched.png"), full_page=True)
    finally:
        context.close()
