"""The roster page: administrators see the MIS export's pupils, their photo consent and the open named-child
findings that refer to each; everyone else is refused it and has no link to it; pupil names are never logged."""

from __future__ import annotations

import html
import logging
import os
import re
from datetime import UTC, datetime

import pytest

from moderator.app import App
from moderator.config import load_config
from storage.models import FindingRow
from tests.web.conftest import Site, write_config

# invented pupils; Tobias Wrenfield and Tamsin Wellow share the reference TW-Year3
ROSTER = """first_name,last_name,preferred_name,year_group,photo_consent
Maisie,Thornbury,,Year 3,yes
Tobias,Wrenfield,Toby,Year 3,no
Hattie,Quillon,,Year 5,no
Tamsin,Wellow,,Year 3,yes
Priya,Castellane,,Year 10,yes
"""
NAMES = ("Maisie", "Thornbury", "Tobias", "Wrenfield", "Toby", "Hattie", "Quillon", "Tamsin", "Wellow", "Priya",
         "Castellane")
EXPORTED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)  # GMT in London: shown as 09:30


@pytest.fixture
def roster_site(tmp_path, db_url, graph_fake, monkeypatch):
    """The pages on a configuration whose roster is the invented one above, exported on 1 March."""
    monkeypatch.setenv("WEB_TEST_FB_TOKEN", graph_fake.state.token)
    cfg = write_config(tmp_path, db_url, graph_fake.url)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    os.utime(roster, (EXPORTED.timestamp(), EXPORTED.timestamp()))
    core = App.build(load_config(cfg), with_engine=False)
    from moderator.web.app import create_app

    return Site(core, create_app(core), graph_fake)


def _named(site: Site, ref: str | None, status: str = "open") -> int:
    """A comment naming a pupil, with a named_child finding that stores only the pupil's reference."""
    _, fid = site.finding("well done to our star of the week", "star", label="named_child", severity="high",
                          hidden_on_fake=False, decision="hold", details={"pupil_ref": ref, "photo_consent": None})
    if status != "open":
        with site.core.sessions.begin() as s:
            s.get(FindingRow, fid).review_status = status
    return fid


def _row(page: str, name: str) -> str:
    """The text of the roster table's row for a pupil, tags removed."""
    rows = [r for r in page.split("<tr>") if name in r]
    assert len(rows) == 1, f"{name}: {len(rows)} rows"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rows[0].split("</tr>")[0])).split())


def test_an_administrator_sees_pupils_consent_and_open_findings_per_pupil(roster_site):
    for _ in range(2):
        _named(roster_site, "HQ-Year5")
    _named(roster_site, "HQ-Year5", status="dismissed")  # decided: no longer counts
    _named(roster_site, "HQ-Year5", status="held")  # still waiting for a person: counts
    _named(roster_site, "TW-Year3")
    _named(roster_site, None)  # the name fitted more than one pupil
    page = roster_site.client("admin").get("/roster")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "read-only" in text and "management information system (MIS)" in text
    assert str(roster_site.core.config.school.roster_path) in text and "01 Mar 2026 09:30" in text
    assert re.search(r"Without photo consent</dt><dd><strong>2</strong>", text)
    assert _row(text, "Hattie Quillon") == ("Hattie Quillon Year group: Year 5 Photo consent: no "
                                           "Open named-child findings: 3")
    assert _row(text, "Maisie Thornbury").endswith("Photo consent: yes Open named-child findings: 0")
    assert "Tobias Wrenfield (known as Toby)" in text
    for name in ("Tobias Wrenfield", "Tamsin Wellow"):
        assert "findings: 1 (reference TW-Year3 is shared with another pupil" in _row(text, name)
    assert "1 open named-child finding could be more than one pupil" in text
    # by year group (Year 10 after Year 5), then surname
    assert (text.index("Tamsin Wellow") < text.index("Tobias Wrenfield") < text.index("Hattie Quillon")
            < text.index("Priya Castellane"))


def test_only_administrators_open_or_see_a_link_to_the_roster(roster_site):
    for role in ("dsl", "smt", "staff"):
        c = roster_site.client(role)
        first = c.get("/check").text
        assert 'href="/roster"' not in first, role
        r = c.get("/roster")
        assert r.status_code == 403 and "Hattie" not in r.text, role
    admin = roster_site.client("admin")
    assert 'href="/roster"' in admin.get("/queue").text
    assert admin.post("/roster", data={}).status_code == 405  # nothing to change here: the MIS is the source


def test_a_new_export_shows_on_the_next_visit_and_a_broken_one_is_explained(roster_site, tmp_path):
    admin = roster_site.client("admin")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER + "Ivo,Penhallow,,Year 6,no\n")
    text = admin.get("/roster").text
    assert "Ivo Penhallow" in text and re.search(r"Without photo consent</dt><dd><strong>3</strong>", text)
    roster.write_text(ROSTER + "Ivo,Penhallow,,Year 6,perhaps\n")
    text = " ".join(admin.get("/roster").text.split())
    assert "line 7: photo_consent must be yes or no" in text and "Hattie" not in text
    assert "Last changed</dt><dd>unknown" not in text  # the file is there, only a row is wrong
    roster.unlink()
    r = admin.get("/roster")
    text = " ".join(r.text.split())
    assert r.status_code == 200 and "cannot be read" in text and "Last changed</dt><dd>unknown" in text


def test_pupil_names_are_never_logged(roster_site, caplog):
    _named(roster_site, "HQ-Year5")
    admin = roster_site.client("admin")
    with caplog.at_level(logging.DEBUG):
        assert "Hattie Quillon" in admin.get("/roster").text
    assert "roster viewed by admin-person" in caplog.text
    for name in NAMES:
        assert name not in caplog.text, name
