"""End to end: `moderator serve` started for real on loopback, driven by Debian's Chromium (headless, through
Playwright's Python package); the Graph API fake and a real SMTP server on loopback stand in for the world.

These tests never skip: when Chromium cannot start they fail (`make test` installs it with apt)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from moderator.app import App
from moderator.config import load_config
from tests.fakes import free_port
from tests.fakes.graph_server import GraphFake
from tests.reporting.conftest import Recorder
from tests.web.conftest import PASSWORD, Site, write_config

CHROMIUM = os.environ.get("MODERATOR_TEST_CHROMIUM", "/usr/bin/chromium")
PHONE, DESKTOP = {"width": 375, "height": 800}, {"width": 1280, "height": 900}



def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"moderator serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("moderator serve did not answer in time")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The fake Page, a mail server, a database with people and findings, and the real server on it."""
    tmp = tmp_path_factory.mktemp("web-e2e")
    fake = GraphFake.start()
    mail = Recorder()
    smtp = Controller(mail, hostname="127.0.0.1", port=free_port())
    smtp.start()
    extra = f'[reporting.smtp]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\ntimeout = 5\n'
    cfg = write_config(tmp, f"sqlite:///{tmp / 'moderator.db'}", fake.url, extra)
    env = {**os.environ, "WEB_TEST_FB_TOKEN": fake.state.token}
    site = Site(App.build(load_config(cfg), with_engine=False), None, fake)
    for name, role in (("ada", "admin"), ("dan", "dsl"), ("sam", "staff"), ("lou", "admin")):
        site.person(name, role)
    port = free_port()
    server_log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "-vv", "--config", cfg, "serve", "--no-check",
                             "--port", str(port)], env=env, stdout=server_log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/sign-in", proc)
        yield dict(base=base, site=site, mail=mail, tmp=tmp, proc=proc, log=tmp / "server.log")
    finally:
        proc.terminate()
        proc.wait(10)
        server_log.close()
        smtp.stop()
        fake.stop()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless; a failure to start fails the tests."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, world):
    context = browser.new_context(base_url=world["base"], viewport=DESKTOP)
    pg = context.new_page()
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def sign_in(page, name: str, password: str = PASSWORD) -> None:
    page.goto("/sign-in")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():  # read the page the form leads to, not the one it left
        page.get_by_role("button", name="Sign in").click()


def test_sign_in_and_lock_out(page, world):
    sign_in(page, "lou", "a wrong password")
    assert "Wrong name or password" in page.content()
    for _ in range(4):
        sign_in(page, "lou", "a wrong password")
    assert "locked after repeated failed sign-ins" in page.content()
    sign_in(page, "lou")
    assert page.url.endswith("/sign-in") and "locked" in page.content()
    sign_in(page, "ada")
    assert page.url.endswith("/queue") and "Signed in as ada (admin)" in page.content()


def test_staff_are_refused_the_queue(page):
    sign_in(page, "sam")
    assert page.url.endswith("/check")
    assert page.get_by_role("link", name="Queue").count() == 0
    response = page.goto("/queue")
    assert response.status == 403 and "does not give access" in page.content()


def test_queue_filters_screenshots_and_dismiss_restores_the_comment(page, world):
    site, shots = world["site"], world["tmp"]
    item_id, fid = site.finding("you are a useless idiot and a liar", "useless idiot", severity="critical")
    site.finding("buy followers cheap today", "buy followers", label="commercial", severity="low",
                 hidden_on_fake=False, decision="hold")
    with site.core.sessions() as s:
        from storage.models import ItemRow

        cid = s.get(ItemRow, item_id).external_id
    assert site.fake.state.hidden(cid)
    sign_in(page, "dan")
    page.get_by_label("Label", exact=True).select_option("commercial")
    with page.expect_navigation():  # read the page the form leads to, not the one it left
        page.get_by_role("button", name="Filter").click()
    assert "buy followers cheap" in page.content() and "useless idiot" not in page.content()
    page.goto("/queue")
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(shots / f"queue-{name}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # one column, no sideways scroll
    page.set_viewport_size(DESKTOP)
    with page.expect_navigation():  # read the page the form leads to, not the one it left
        page.get_by_role("link", name=f"Open finding {fid}").click()
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(shots / f"item-{name}.png"), full_page=True)
    assert all((shots / f"{p}-{w}.png").stat().st_size > 5000 for p in ("queue", "item") for w in ("phone", "desktop"))
    page.get_by_label(f"Reason for finding {fid}").fill("parents joking with each other")
    with page.expect_navigation():  # read the page the form leads to, not the one it left
        page.get_by_role("button", name="Dismiss").click()
    assert "restore of the item: done" in page.content()
    assert not site.fake.state.hidden(cid)
    assert "parents joking with each other" in page.locator("table.history").inner_text()


def test_script_in_an_item_is_shown_as_text(page, world):
    item_id, _ = world["site"].finding("<script>alert('x')</script> idiot", "idiot")
    sign_in(page, "ada")
    page.goto(f"/items/{item_id}")
    assert "<script>alert('x')</script>" in page.locator("blockquote.text").inner_text()
    assert page.dialogs == []


def test_bulk_confirm_escalate_and_csv(page, world):
    site, mail = world["site"], world["mail"]
    ids = [site.finding(f"idiot remark {n}", "idiot", hidden_on_fake=False, decision="hold")[1] for n in range(2)]
    item_id, esc = site.finding("you idiot, watch out", "watch out", hidden_on_fake=False, decision="hold")
    sign_in(page, "ada")
    page.goto("/queue")
    for fid in ids:
        page.get_by_label(f"Select finding {fid}").check()
    page.get_by_label("Confirm", exact=True).check()
    page.get_by_label("Reason (kept in the audit log)").fill("abusive, confirmed")
    with page.expect_navigation():  # read the page the form leads to, not the one it left
        page.get_by_role("button", name="Apply to the selected findings").click()
    assert "2 finding(s) confirmed" in page.content()
    page.goto(f"/items/{item_id}")
    page.get_by_label(f"Why the DSL must see finding {esc}").fill("sounds like a threat")
    with page.expect_navigation():  # read the page the form leads to, not the one it left
        page.get_by_role("button", name="Escalate to the DSL").click()
    assert f"Finding {esc} escalated to the DSL by ada" in page.content()
    assert any("dsl@example.com" in e.rcpt_tos for e in mail.envelopes)
    page.goto("/audit")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    csv_text = Path(download.value.path()).read_text()
    assert "ada,confirm" in csv_text and "ada,escalate" in csv_text


def test_an_administrator_adds_a_person_who_chooses_a_password_and_signs_in(page, world, browser):
    sign_in(page, "ada")
    with page.expect_navigation():  # read the page the form leads to, not the one it left
        page.get_by_role("link", name="People").click()
    page.get_by_label("Name (letters, digits, dots, dashes; used to sign in)").fill("kit")
    page.get_by_label("Role", exact=True).select_option("smt")
    page.get_by_label("E-mail", exact=True).fill("kit@example.com")
    with page.expect_navigation():  # read the page the form leads to, not the one it left
        page.get_by_role("button", name="Add the person").click()
    assert "kit added as smt." in page.content() and "not shown again" in page.content()
    link = page.get_by_label("One-time link for kit").input_value()
    assert link.startswith(world["base"] + "/set-password/")
    page.screenshot(path=str(world["tmp"] / "people-desktop.png"), full_page=True)
    page.goto("/users")
    assert link not in page.content() and "no password yet" in page.locator("tr", has_text="kit").inner_text()
    kit = browser.new_context(base_url=world["base"], viewport=PHONE).new_page()
    kit.goto(link)
    kit.get_by_label("New password").fill("a long enough password for kit")
    kit.get_by_label("The same again").fill("a long enough password for kit")
    with kit.expect_navigation():  # read the page the form leads to, not the one it left
        kit.get_by_role("button", name="Set the password").click()
    assert "Your password is set" in kit.content()
    sign_in(kit, "kit", "a long enough password for kit")
    assert kit.url.endswith("/queue") and "Signed in as kit (smt)" in kit.content()
    assert kit.get_by_role("link", name="People").count() == 0
    kit.context.close()
    page.reload()
    assert "active" in page.locator("tr", has_text="kit").inner_text()


def test_a_forged_post_without_csrf_is_refused(page, world):
    _, fid = world["site"].finding("idiot again", "idiot")
    sign_in(page, "ada")
    r = page.request.post(f"/findings/{fid}/review", form={"decision": "dismiss", "reason": "forged"})
    assert r.status == 403
    from storage.models import FindingRow

    with world["site"].core.sessions() as s:
        assert s.get(FindingRow, fid).review_status == "open"


def test_the_server_log_names_people_and_ids_but_never_item_text_or_passwords(world):
    log = world["log"].read_text()
    assert "web: dismiss of finding" in log  # the decisions above were logged, by id
    for secret in ("useless idiot", "<script>", "buy followers", "watch out", PASSWORD, "a wrong password",
                   "parents joking", "/set-password/", "a long enough password"):
        assert secret not in log, secret
