"""[web.oidc]: a broken table is reported key by key, the secret never sits in the file, and the example and the
README document every key and the redirect address to register."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.errors import ConfigError
from moderator.app import App
from moderator.cli import cli
from moderator.config import load_config
from moderator.config_web import OIDC_KEYS
from moderator.web.app import create_app
from tests.fakes import graph_fake  # noqa: F401 - fixture
from tests.web.conftest import write_config
from tests.web.test_oidc import SECRET_VAR, oidc_table

ROOT = Path(__file__).resolve().parents[2]


def problems(tmp_path, db_url, graph_fake, table: str) -> str:  # noqa: F811
    with pytest.raises(ConfigError) as exc:
        load_config(write_config(tmp_path, db_url, graph_fake.url, table))
    return "\n".join(exc.value.problems)


@pytest.mark.parametrize("changes, key, words", [
    ({"issuer": '"ftp://login.example"'}, "web.oidc.issuer", "https address"),
    ({"issuer": '"http://login.example/v2.0"'}, "web.oidc.issuer", "https address"),
    ({"client_id": None}, "web.oidc.client_id", "missing (required)"),
    ({"provider": None}, "web.oidc.provider", "missing (required)"),
    ({"client_secret_env": None}, "web.oidc.client_secret_env", "set exactly one"),
    ({"client_secret_file": '"secret.txt"'}, "web.oidc.client_secret_env", "set exactly one"),
    ({"client_secret_env": '"not a variable"'}, "web.oidc.client_secret_env", "must name an environment variable"),
    ({"client_secret": '"hunter2-in-the-file"'}, "web.oidc.client_secret", "the secret never goes in this file"),
    ({"allowed_domains": '["oakfield"]'}, "web.oidc.allowed_domains", "not an e-mail domain"),
    ({"allowed_domains": None}, "web.oidc.allowed_domains", "missing (required)"),
    ({"roles": '{ "g-1" = "governor" }'}, "web.oidc.roles", "must be one of admin, dsl, smt, staff"),
    ({"default_role": '"head"'}, "web.oidc.default_role", "must be one of"),
    ({"new_users": '"yes"'}, "web.oidc.new_users", "true or false"),
    ({"colour": '"red"'}, "web.oidc.colour", "unknown key"),
])
def test_a_broken_table_is_reported_by_key(tmp_path, db_url, graph_fake, changes, key, words):  # noqa: F811
    text = problems(tmp_path, db_url, graph_fake, oidc_table("https://login.example/tenant/v2.0", **changes))
    assert f"{key}: " in text and words in text, text
    assert "hunter2" not in text  # a secret written in the file is not repeated in the message


def test_not_a_table(tmp_path, db_url, graph_fake):  # noqa: F811
    text = problems(tmp_path, db_url, graph_fake, '[web]\noidc = "https://login.example"\n')
    assert "web.oidc: must be a table" in text


def test_a_good_table_and_its_secret(tmp_path, db_url, graph_fake, monkeypatch):  # noqa: F811
    monkeypatch.setenv("WEB_TEST_FB_TOKEN", graph_fake.state.token)
    (tmp_path / "oidc-secret").write_text("from-a-file\n")
    table = oidc_table("https://login.example/tenant/v2.0", client_secret_env=None,
                       client_secret_file='"oidc-secret"', allowed_domains='["Oakfield.Example", "@staff.example"]',
                       roles='{ "Head@Oakfield.example" = "admin", "G-Dsl" = "dsl" }')
    oidc = load_config(write_config(tmp_path, db_url, graph_fake.url, table)).web.oidc
    assert oidc.client_secret() == "from-a-file"
    assert oidc.allowed_domains == ["oakfield.example", "staff.example"]
    assert oidc.domain_allowed("ann@OAKFIELD.example") and not oidc.domain_allowed("ann@evil.oakfield.example")
    assert oidc.mapped_role("head@oakfield.example", []) == "admin"
    assert oidc.mapped_role("ann@oakfield.example", ["G-Dsl"]) == "dsl"  # group ids kept as the provider sends
    assert oidc.mapped_role("ann@oakfield.example", ["g-dsl"]) is None
    assert oidc.discovery_url == "https://login.example/tenant/v2.0/.well-known/openid-configuration"


def test_serve_refuses_to_start_without_the_secret(tmp_path, db_url, graph_fake, monkeypatch):  # noqa: F811
    monkeypatch.setenv("WEB_TEST_FB_TOKEN", graph_fake.state.token)
    monkeypatch.delenv(SECRET_VAR, raising=False)
    config = load_config(write_config(tmp_path, db_url, graph_fake.url, oidc_table("https://login.example/t/v2.0")))
    with pytest.raises(ConfigError) as exc:
        create_app(App.build(config, with_engine=False))
    assert f"the environment variable {SECRET_VAR} is not set" in str(exc.value)
    # the command says so in one line, without a traceback
    result = CliRunner().invoke(cli, ["--config", str(config.path), "serve", "--no-check", "--port", "1"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert f"the environment variable {SECRET_VAR} is not set" in result.output


def test_every_oidc_key_is_in_the_example_and_the_readme_says_what_to_register():
    example = (ROOT / "config.example.toml").read_text()
    assert "# [web.oidc]" in example and "NEVER goes in this file" in example
    for key in OIDC_KEYS:
        assert re.search(rf"^#?\s*{key}\s*=", example, re.M), key
    readme = (ROOT / "README.md").read_text()
    for words in ("/oidc/callback", "openid email profile", "`groups` claim", "Entra ID", "Google Workspace"):
        assert words in readme, words
