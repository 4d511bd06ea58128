"""People of a database from before roles per school (revision 0008) keep exactly their access: migration 0009
gives each their one role on all schools, so in a trust they see every school, as before."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig

from moderator.users import _hasher
from moderator.web.roles import effective, held
from storage.db import MIGRATIONS, make_engine, migrate, open_database
from storage.web_models import WebUserRow
from tests.tenancy.trust_pages import WORDS, build
from tests.web.conftest import PASSWORD

USERS = """INSERT INTO web_users (name, email, role, password_hash, failed_sign_ins, created_at)
           VALUES (:name, :email, :role, :hash, 0, CURRENT_TIMESTAMP)"""
IDENTITY = """INSERT INTO web_identities (user_id, issuer, subject, admin_role, created_at)
              SELECT id, 'https://idp.example', :subject, :admin_role, CURRENT_TIMESTAMP FROM web_users
              WHERE name = :name"""


def _before_0009(db_url: str) -> None:
    """A 0008 database with a password administrator, a DSL who signs in with a provider after an
    administrator added them as smt, and a person the provider's first sign-in made (staff)."""
    engine = make_engine(db_url)
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008")
        for name, role, hashed in (("office", "admin", _hasher.hash(PASSWORD)), ("head", "dsl", None),
                                   ("helper", "staff", None)):
            conn.execute(sa.text(USERS), dict(name=name, email=f"{name}@example.com", role=role, hash=hashed))
        conn.execute(sa.text(IDENTITY), dict(subject="s-head", admin_role="smt", name="head"))
        conn.execute(sa.text(IDENTITY), dict(subject="s-helper", admin_role=None, name="helper"))
    migrate(engine, school="oakfield")
    migrate(engine, school="oakfield")  # idempotent: run again, nothing doubles
    engine.dispose()


def test_each_person_keeps_their_one_role_on_every_school(tmp_path, db_url):
    _before_0009(db_url)
    sessions = open_database(db_url)
    with sessions() as s:
        rows = {u.name: sorted(held(s, u.id)) for u in s.scalars(sa.select(WebUserRow))}
        assert rows == {"office": [("*", "admin", "admin")],
                        "head": [("*", "dsl", "oidc"), ("*", "smt", "admin")],  # the provider's role counts
                        "helper": [("*", "staff", "oidc")]}
        slugs = ["oakfield", "brook", "added-later"]
        assert effective(rows["office"], slugs) == dict.fromkeys(slugs, "admin")
        assert effective(rows["head"], slugs) == dict.fromkeys(slugs, "dsl")
        assert effective([r for r in rows["head"] if r[2] == "admin"], slugs) == dict.fromkeys(slugs, "smt")


def test_an_administrator_from_before_sees_every_school_of_the_trust(tmp_path, db_url):
    _before_0009(db_url)
    trust = build(tmp_path, db_url, people={})
    c = trust.client("office")
    queue = c.get("/queue").text
    assert WORDS["oakfield"][0] in queue and WORDS["brook"][0] in queue
    assert "All my schools" in queue
    people = c.get("/users").text
    assert "admin on all schools" in people and "dsl on all schools" in people
