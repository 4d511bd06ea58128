"""A DSL alert reaches a real SMTP server within one `moderator run --once` of the sample feed."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from moderator.cli import cli
from tests.conftest import ROOT


def test_alert_arrives_within_one_run_and_digest_on_send(tmp_path, smtp_server):
    shutil.copytree(ROOT / "sample", tmp_path, dirs_exist_ok=True)
    cfg = tmp_path / "config.toml"
    cfg.write_text(cfg.read_text() + f"""
[reporting.smtp]
host = "127.0.0.1"
port = {smtp_server.port}
security = "none"
from = "moderator@oakfield.example.sch.uk"
""")
    runner = CliRunner()
    res = runner.invoke(cli, ["--config", str(cfg), "run", "--once"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    alerts = [m for m in smtp_server.messages() if "dsl@oakfield.example.sch.uk" in m["To"]]
    assert alerts, [m["Subject"] for m in smtp_server.messages()]
    text = alerts[0].get_body(("plain",)).get_content()
    html = alerts[0].get_body(("html",)).get_content()
    assert "named_child" in text or "named pupil" in text.lower()
    for part in (text, html):  # the pupil beside the photo (Ivy Chambers) appears by initials only
        assert "Chambers" not in part and "07700 900461" not in part
    assert not list((tmp_path / "outbox").glob("*.eml")), "with a mail server nothing goes to the outbox"
    before = len(smtp_server.envelopes)
    sent = runner.invoke(cli, ["--config", str(cfg), "digest", "--send"], catch_exceptions=False)
    assert sent.exit_code == 0, sent.output
    digests = smtp_server.messages()[before:]
    assert len(digests) == 1 and "head@oakfield.example.sch.uk" in digests[0]["To"]
