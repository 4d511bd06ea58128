"""Roles per school from the command line (``moderator users``) and from ``[web.oidc] roles`` in a trust."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from moderator.cli import cli
from tests.tenancy.trust_pages import WORDS, build
from tests.web.test_oidc import SECRET_VAR, idp, oidc_table, provider_sign_in  # noqa: F401 - fixture

ALL_MAPPING = '{ "g-trust-dsl" = "dsl", "g-oak" = "oakfield:dsl", "g-mixed" = ["oakfield:smt", "brook:dsl"] }'


def _run(trust, *args):
    return CliRunner().invoke(cli, ["--config", str(trust.core.config.path), "users", *args],
                              catch_exceptions=False)


def test_users_commands_grant_and_revoke_per_school(tmp_path, db_url):
    trust = build(tmp_path, db_url, people={})
    r = _run(trust, "add", "ann", "--role", "dsl", "--email", "ann@example.com")
    assert r.exit_code == 2 and "give --school SLUG" in r.output and len(r.output.strip().splitlines()) == 1
    r = _run(trust, "add", "ann", "--role", "dsl", "--email", "ann@example.com", "--school", "elsewhere")
    assert r.exit_code == 2 and "no school with the slug 'elsewhere' (known: oakfield, brook)" in r.output
    r = _run(trust, "add", "ann", "--role", "dsl", "--email", "ann@example.com", "--school", "oakfield")
    assert r.exit_code == 0 and "User ann added as dsl at oakfield." in r.output
    assert _run(trust, "grant", "ann", "--role", "smt", "--school", "brook").output.strip() == \
        "ann is now smt at brook."
    assert "ann\tsmt at brook; dsl at oakfield\tann@example.com" in _run(trust, "list").output
    assert _run(trust, "revoke", "ann", "--school", "brook").output.strip() == "ann is no longer smt at brook."
    r = _run(trust, "revoke", "ann", "--school", "brook")
    assert r.exit_code == 2 and "holds no role at brook" in r.output
    assert _run(trust, "grant", "ann", "--role", "admin", "--all-schools").exit_code == 0
    assert "ann\tadmin on all schools; dsl at oakfield" in _run(trust, "list").output
    r = _run(trust, "grant", "ann", "--role", "admin", "--all-schools", "--school", "brook")
    assert r.exit_code == 2 and "not both" in r.output


@pytest.fixture
def oidc_trust(tmp_path, db_url, idp, monkeypatch):  # noqa: F811
    monkeypatch.setenv(SECRET_VAR, idp.client_secret)
    table = oidc_table(idp.issuer, default_role=None, roles=ALL_MAPPING)
    return build(tmp_path, db_url, extra=table, people={}), idp


@pytest.mark.parametrize("groups,sees", [(["g-oak"], {"oakfield"}), (["g-trust-dsl"], {"oakfield", "brook"}),
                                         (["g-mixed"], {"oakfield", "brook"})])
def test_a_provider_group_gives_a_role_on_one_school_or_on_all(oidc_trust, groups, sees):
    trust, provider = oidc_trust
    provider.person = {"sub": f"s-{groups[0]}", "email": f"{groups[0]}@oakfield.example", "email_verified": True,
                       "groups": groups}
    r = provider_sign_in(trust.app, provider)
    assert r.status_code == 303, r.text
    queue = r.client.get("/queue?status=all").text
    assert {school for school in WORDS if WORDS[school][0] in queue} == sees
    if groups == ["g-mixed"]:  # smt at Oakfield (masked, no audit log there), dsl at Brook
        assert "Oakfield idiot Marmaduke" in queue and r.client.get("/audit").status_code == 200
        assert WORDS["oakfield"][1] not in r.client.get("/audit").text


def test_a_mapping_to_a_school_not_configured_is_one_line(tmp_path, db_url, idp, monkeypatch):  # noqa: F811
    monkeypatch.setenv(SECRET_VAR, idp.client_secret)
    table = oidc_table(idp.issuer, roles='{ "g-1" = "oakfeild:dsl" }')
    trust_path = build(tmp_path, db_url, people={}).core.config.path
    text = trust_path.read_text().replace('schools_dir = "schools.d"', 'schools_dir = "schools.d"\n' + table, 1)
    trust_path.write_text(text)
    r = CliRunner().invoke(cli, ["--config", str(trust_path), "serve", "--no-check", "--port", "1"])
    assert r.exit_code == 2
    assert "web.oidc.roles: no school with the slug 'oakfeild' (known: brook, oakfield)" in r.output
    table = oidc_table(idp.issuer, roles='{ "g-1" = "Oakfield:dsl" }')
    trust_path.write_text(text.replace('"oakfeild:dsl"', '"Oakfield:dsl"'))
    r = CliRunner().invoke(cli, ["--config", str(trust_path), "serve", "--no-check", "--port", "1"])
    assert r.exit_code == 2 and "a school's slug and a role (\"oakfield:dsl\")" in r.output
