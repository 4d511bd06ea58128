"""Accessibility in Debian's Chromium: every page a role can open, at desktop width and on a 375 px phone, has a
name on every control, text contrast of WCAG 2.1 AA, one column and no sideways scrolling on a phone; and the
keyboard alone signs in and decides a finding on the queue, with a focus ring one can see.

The checks run in the page on what Chromium computed (getComputedStyle, layout boxes), not on the CSS source.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from moderator import users
from moderator.app import App
from moderator.config import load_config
from storage.models import AccountRow, LanguageHoldRow
from tests.fakes import free_port
from tests.web.conftest import PASSWORD, Site, write_config
from tests.web.test_browser import DESKTOP, PHONE, _wait_for, browser  # noqa: F401
from tests.web.test_roster_page import NAMES, ROSTER

# Run in the page: with {focusRing: true}, the contrast of the focused control's outline against the background
# around it (0 without an outline); otherwise the list of what fails, with {phone: true} the layout checks too.
AUDIT_JS = r"""(opts) => {
  const rgba = (c) => {
    const m = /^rgba?\(([^)]*)\)$/.exec(c.trim());
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = (el) => {  // the colours behind el, composited on the white canvas
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((under, c) => over(c, under), [255, 255, 255, 1]);
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "") +
    ' "' + (el.value || el.textContent || "").trim().slice(0, 40) + '"';
  const shown = (el) => {
    const cs = getComputedStyle(el);
    if (cs.visibility !== "visible" || parseFloat(cs.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0;  // not hidden off the left edge (the skip link)
  };
  if (opts.focusRing) {
    const el = document.activeElement, cs = getComputedStyle(el), c = rgba(cs.outlineColor);
    if (cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) < 2 || !c) return 0;
    const around = background(el.parentElement);
    return ratio(over(c, around), around);
  }
  const problems = [], ids = new Set();
  for (const el of document.querySelectorAll("[id]")) {
    if (ids.has(el.id)) problems.push("the id is used twice (a label may name the wrong control): " + describe(el));
    ids.add(el.id);
  }
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
    const label = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null;
    const by = (el.getAttribute("aria-labelledby") || "").split(/\s+/).map(i => i && document.getElementById(i))
      .filter(Boolean).map(e => e.textContent.trim()).join(" ");
    const name = (label && label.textContent.trim()) || (el.closest("label") && el.closest("label").textContent.trim())
      || (el.getAttribute("aria-label") || "").trim() || by || (el.tagName === "BUTTON" ? el.textContent.trim() : "");
    if (!name) problems.push("no accessible name: " + describe(el));
  }
  const textual = new Set(document.querySelectorAll(
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea"));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const t = walker.currentNode;
    if (t.textContent.trim() && t.parentElement && t.parentElement.tagName !== "OPTION") textual.add(t.parentElement);
  }
  for (const el of textual) {
    if (!shown(el)) continue;
    const cs = getComputedStyle(el), fg = rgba(cs.color), bg = background(el);
    if (!fg) { problems.push("colour not understood: " + cs.color + " " + describe(el)); continue; }
    const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight, 10) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const r = ratio(over(fg, bg), bg);
    if (r < need) problems.push("contrast " + r.toFixed(2) + " < " + need + ": " + describe(el));
  }
  if (opts.phone) {
    const width = window.innerWidth, scroll = document.documentElement.scrollWidth;
    if (scroll > width) problems.push("scrolls sideways: " + scroll + "px wide in " + width + "px");
    for (const box of document.querySelectorAll("main *")) {
      const d = getComputedStyle(box).display;
      if (!shown(box)) continue;
      if (d === "table-row") { problems.push("a table in columns: " + describe(box)); continue; }
      if (!/flex|grid/.test(d)) continue;
      const kids = [...box.children].filter(k => shown(k) && getComputedStyle(k).position !== "absolute")
        .map(k => [k, k.getBoundingClientRect()]);
      for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) {
        const [a, b] = [kids[i][1], kids[j][1]];
        if (Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2)
          problems.push("side by side: " + describe(kids[i][0]) + " and " + describe(kids[j][0]));
      }
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """`moderator serve` on loopback over a database with findings of each kind, people and an invented roster."""
    from tests.fakes.graph_server import GraphFake

    tmp = tmp_path_factory.mktemp("web-a11y")
    fake = GraphFake.start()
    cfg = write_config(tmp, f"sqlite:///{tmp / 'moderator.db'}", fake.url)
    (tmp / "roster.csv").write_text(ROSTER)
    site = Site(App.build(load_config(cfg), with_engine=False), None, fake)
    for name, role in (("ada", "admin"), ("sam", "staff"), ("sue", "smt")):
        site.person(name, role)
    setup_token = users.add_user(site.core.sessions, "kit", "smt", "kit@example.com", "test")
    item_id, fid = site.finding("you are a useless idiot and a liar", "useless idiot", severity="critical")
    held_item, held = site.finding("buy followers cheap today", "buy followers", label="commercial",
                                   severity="low", hidden_on_fake=False, decision="hold")
    named_item, _ = site.finding("well done to our star of the week", "star", label="named_child",
                                 hidden_on_fake=False, decision="hold",
                                 details={"pupil_ref": "HQ-Year5", "photo_consent": False})
    polish, _ = site.finding("to jest okropne zachowanie", "okropne", hidden_on_fake=False, decision="record")
    with site.core.sessions.begin() as s:
        s.add(LanguageHoldRow(item_id=polish, language="pl", confidence=0.97, reason="language not understood (pl)",
                              content_hash="h"))
        s.query(AccountRow).filter_by(name="oakfield-fb").one().disabled_reason = "the Page token has expired"
    port = free_port()
    server_log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed below
    env = {**os.environ, "WEB_TEST_FB_TOKEN": fake.state.token}
    proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "-vv", "--config", cfg, "serve",
                             "--port", str(port)], env=env, stdout=server_log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/sign-in", proc)
        yield dict(base=base, site=site, log=tmp / "server.log", item=item_id, finding=fid, held_item=held_item,
                   held=held, setup=f"/set-password/{setup_token}",
                   items=[item_id, held_item, named_item, polish])
    finally:
        proc.terminate()
        proc.wait(10)
        server_log.close()
        fake.stop()


def sign_in(page, name: str, password: str = PASSWORD) -> None:
    """Sign in through the form and wait for the page that answers."""
    page.goto("/sign-in")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def _page(browser, world, viewport=DESKTOP):  # noqa: F811 - the imported fixture's value
    context = browser.new_context(base_url=world["base"], viewport=viewport)
    return context.new_page()


def _audit(page, width: int) -> list[str]:
    """What fails on the page as it is now shown at ``width`` (an empty list when nothing does)."""
    page.set_viewport_size({"width": width, "height": 800})
    return page.evaluate(AUDIT_JS, {"phone": width < 600})


def _here(page, where: str) -> dict[str, list[str]]:
    """What fails on the page shown now, on a phone and at desktop width, keyed by where and the width."""
    found = {}
    for width in (PHONE["width"], DESKTOP["width"]):
        problems = _audit(page, width)
        if problems:
            found[f"{where} at {width}px"] = problems
    return found


def _tour(page, who: str, paths: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status in (200, 403, 404), (path, response.status)
        found |= _here(page, f"{who} {path}")
    return found


def test_every_page_is_named_readable_and_one_column_on_a_phone(browser, world):  # noqa: F811
    anonymous = _page(browser, world)
    found = _tour(anonymous, "anyone", ["/sign-in", world["setup"], "/set-password/not-a-token"])
    sign_in(anonymous, "ada", "a wrong password")
    found |= _here(anonymous, "the sign-in page with an error")
    admin = _page(browser, world)
    sign_in(admin, "ada")
    found |= _here(admin, "the queue with the signed-in message")
    found |= _tour(admin, "admin", ["/queue", *(f"/items/{i}" for i in world["items"]), "/audit", "/accounts",
                                    "/users", "/roster", "/check", "/queue?status=all&since=not-a-date",
                                    "/audit?since=not-a-date"])
    admin.goto("/users")
    admin.get_by_label("Name (letters, digits, dots, dashes; used to sign in)").fill("jo")
    admin.get_by_label("E-mail", exact=True).fill("jo@example.com")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Add the person").click()
    assert "not shown again" in admin.content()
    found |= _here(admin, "the people page with a one-time link")
    smt = _page(browser, world)
    sign_in(smt, "sue")
    found |= _tour(smt, "smt", ["/queue", *(f"/items/{i}" for i in world["items"])])
    staff = _page(browser, world)
    sign_in(staff, "sam")
    found |= _tour(staff, "staff", ["/check", "/queue"])
    for draft, answer in (("Call me on 07700 900123 about the cake sale", "breaches the policy"),
                          ("Thank you to everyone who came to the harvest festival.", "No breach")):
        staff.goto("/check")
        staff.get_by_label("The draft post").fill(draft)
        staff.get_by_label("With a photo or video").check()
        with staff.expect_navigation():
            staff.get_by_role("button", name="Check").click()
        assert answer in staff.content()
        found |= _here(staff, f"the draft check answering {answer!r}")
    assert found == {}


def _tab_to(page, selector: str, presses: int = 120) -> list[str]:
    """Press Tab until ``selector`` has the focus; what had the focus on the way (fails when never reached)."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return seen
    raise AssertionError(f"Tab never reached {selector}: {seen}")


def _focus_ring(page) -> float:
    """The contrast of the focused control's outline against what is around it (0 when it has none)."""
    return page.evaluate(AUDIT_JS, {"focusRing": True})


def test_the_keyboard_alone_signs_in_with_a_visible_focus_ring(browser, world):  # noqa: F811
    page = _page(browser, world, PHONE)
    page.goto("/sign-in")
    assert _tab_to(page, "#name") == ["Skip to the content", "name"]
    assert _focus_ring(page) >= 3
    page.keyboard.type("ada")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password" and _focus_ring(page) >= 3
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Sign in" and _focus_ring(page) >= 3
    page.keyboard.press("Enter")
    page.wait_for_url("**/queue")
    assert "Signed in as ada (admin)" in page.content()
    _tab_to(page, "header button")  # sign out, on the dark header: its ring must show there too
    assert _focus_ring(page) >= 3


def test_the_keyboard_alone_decides_a_finding_on_the_queue(browser, world):  # noqa: F811
    page = _page(browser, world)
    sign_in(page, "ada")
    held = world["held"]
    _tab_to(page, f"#sel-{held}")
    assert _focus_ring(page) >= 3
    page.keyboard.press("Space")
    _tab_to(page, "#b-confirm")  # the first of the two choices: Space picks it
    page.keyboard.press("Space")
    assert _tab_to(page, "#b-reason") == ["b-reason"]  # one Tab stop for the pair of choices
    page.keyboard.type("selling to parents, confirmed")
    _tab_to(page, "fieldset.bulk button")
    assert _focus_ring(page) >= 3
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "1 finding(s) confirmed" in page.content()
    page.goto(f"/items/{world['held_item']}")
    assert "selling to parents, confirmed" in page.locator("table.history").inner_text()


def test_an_administrator_reads_the_roster_on_a_phone_and_no_name_reaches_the_log(browser, world):  # noqa: F811
    page = _page(browser, world, PHONE)
    sign_in(page, "ada")
    page.get_by_role("link", name="Roster").click()
    row = page.locator("tr", has_text="Hattie Quillon").inner_text()
    assert "Year 5" in row and "Photo consent: no" in row and "Open named-child findings: 1" in row
    assert "Without photo consent" in page.content() and "read-only" in page.content()
    page.screenshot(path=str(world["log"].parent / "roster-phone.png"), full_page=True)
    log = world["log"].read_text()
    assert "roster viewed by ada" in log
    for name in NAMES:
        assert name not in log, name
