"""`moderator users ...` from the command line, the [web] keys in the example configuration, CSV export,
and the draft check with the real detectors."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from moderator.cli import cli
from moderator.config_web import WEB_KEYS
from tests.fakes import graph_fake  # noqa: F401 - fixture
from tests.web.conftest import PASSWORD, post_form, sign_in

ROOT = Path(__file__).resolve().parents[2]


def run(site, *args):
    return CliRunner().invoke(cli, ["--config", str(site.core.config.path), *args], catch_exceptions=False)


def test_users_commands_print_a_one_time_link_never_a_password(site, monkeypatch):
    monkeypatch.setenv("USER", "office")
    r = run(site, "users", "add", "fay", "--role", "smt", "--email", "fay@example.com")
    assert r.exit_code == 0
    link = re.search(r"http://127\.0\.0\.1:8080/set-password/(\S+)", r.output)
    assert link, r.output
    c = site.client()
    assert "fay" in c.get(f"/set-password/{link.group(1)}").text
    assert "fay\tsmt\tfay@example.com\tno password yet" in run(site, "users", "list").output
    r = run(site, "users", "add", "fay", "--role", "smt", "--email", "fay@example.com")
    assert r.exit_code == 2 and "already exists" in r.output
    assert run(site, "users", "add", "gus", "--role", "head", "--email", "g@example.com").exit_code == 2
    assert run(site, "users", "reset-password", "fay").exit_code == 0
    assert c.get(f"/set-password/{link.group(1)}").status_code == 404  # the old link no longer works
    assert run(site, "users", "disable", "fay").exit_code == 0
    assert "fay\tsmt\tfay@example.com\tdisabled" in run(site, "users", "list").output
    assert run(site, "users", "disable", "nobody").exit_code == 2


def test_every_web_key_is_in_the_example_and_the_commands_in_the_readme():
    example = (ROOT / "config.example.toml").read_text()
    assert "[web]" in example
    for key in WEB_KEYS:
        assert re.search(rf"^#?\s*{key}\s*=", example, re.M), key
    readme = (ROOT / "README.md").read_text()
    for command in ("moderator serve", "moderator users add", "moderator users list", "moderator users disable",
                    "moderator users reset-password", "moderator users grant", "moderator users revoke"):
        assert f"`{command}" in readme, command


def test_audit_csv_export_for_governors(site):
    _, fid = site.finding("you idiot", "idiot", hidden_on_fake=False, decision="hold")
    c = site.client("admin")
    post_form(c, "/queue", "/queue/bulk", {"finding": str(fid), "decision": "confirm", "reason": "=HYPERLINK(x)"})
    r = c.get("/audit.csv?action=confirm")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(row["actor"], row["action"], row["finding_id"]) for row in rows] == [("admin-person", "confirm", str(fid))]
    assert rows[0]["reason"] == "'=HYPERLINK(x)"  # a spreadsheet shows it as text, never runs it
    assert "admin-person" in c.get("/audit?actor=admin-person").text


@pytest.mark.slow
def test_draft_check_shows_breaches_with_spans(site, nlp):
    from detectors.engine import DetectorEngine

    config = site.core.config
    engine = DetectorEngine(config.school_context(), thresholds=config.detection.thresholds, nlp=nlp)
    site.app.state.web.engine_factory = lambda: engine
    site.person("gil", "staff")
    c = site.client()
    sign_in(c, "gil", PASSWORD)
    r = post_form(c, "/check", "/check", {"draft": "Call me on 07700 900123 <b>now</b>", "photo": "yes"})
    assert r.status_code == 200
    assert "This draft breaches the policy" in r.text and "<mark" in r.text
    assert "&lt;b&gt;now&lt;/b&gt;" in r.text and "<b>now</b>" not in r.text
    r = post_form(c, "/check", "/check", {"draft": "Thank you to everyone who came to the harvest festival."})
    assert "No breach of the social media policy found." in r.text


def test_web_settings_are_checked(tmp_path, db_url, graph_fake):  # noqa: F811
    from core.errors import ConfigError
    from moderator.config import load_config
    from tests.web.conftest import write_config

    good = load_config(write_config(tmp_path, db_url, graph_fake.url,
                                    '[web]\nport = 8443\npublic_base_url = "https://mod.example.sch.uk/"\n'))
    assert good.web.port == 8443 and good.web.base_url() == "https://mod.example.sch.uk"
    assert good.web.session_idle_minutes == 30 and good.web.trusted_proxies == []
    bad = '[web]\nport = 0\npublic_base_url = "javascript:alert(1)"\ntrusted_proxies = ["proxy"]\ncolour = "red"\n'
    with pytest.raises(ConfigError) as exc:
        load_config(write_config(tmp_path, db_url, graph_fake.url, bad))
    text = "\n".join(exc.value.problems)
    for key in ("web.port", "web.public_base_url", "web.trusted_proxies", "web.colour"):
        assert key in text, key
