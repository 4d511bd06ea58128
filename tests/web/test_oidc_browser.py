"""End to end: `moderator serve` with [web.oidc] on loopback, the loopback provider, and Debian's Chromium clicking
the provider's link (the browser follows every redirect itself, under the pages' Content-Security-Policy)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.fakes import free_port
from tests.fakes.oidc_provider import OidcProvider
from tests.web.conftest import write_config
from tests.web.test_browser import _wait_for, browser  # noqa: F401 - fixture
from tests.web.test_oidc import SECRET_VAR, oidc_table


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The provider and the real server configured for it."""
    from tests.fakes.graph_server import GraphFake

    tmp = tmp_path_factory.mktemp("oidc-e2e")
    idp, fake = OidcProvider.start(), GraphFake.start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    extra = f'[web]\npublic_base_url = "{base}"\n' + oidc_table(idp.issuer)
    cfg = write_config(tmp, f"sqlite:///{tmp / 'moderator.db'}", fake.url, extra)
    env = {**os.environ, "WEB_TEST_FB_TOKEN": fake.state.token, SECRET_VAR: idp.client_secret}
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "-vv", "--config", cfg, "serve", "--no-check",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(base + "/sign-in", proc)
        yield dict(base=base, idp=idp, log=tmp / "server.log")
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
        idp.stop()
        fake.stop()


def test_the_provider_button_lands_on_the_queue(browser, served):  # noqa: F811
    idp = served["idp"]
    idp.person = {"sub": "s-lee", "email": "lee@oakfield.example", "email_verified": True, "groups": ["g-dsl"]}
    context = browser.new_context(base_url=served["base"])
    page = context.new_page()
    page.goto("/sign-in")
    page.get_by_role("link", name="Sign in with Oakfield 365").click()
    page.wait_for_url("**/queue")
    assert "Signed in as lee@oakfield.example (dsl) with Oakfield 365" in page.content()
    assert page.get_by_role("link", name="Audit log").count() == 1
    context.close()
    log = served["log"].read_text()
    assert "signed in with Oakfield 365" in log and "lee@oakfield.example" not in log  # ids, never addresses
