"""One configuration for many schools: [[schools]], schools_dir, [trust]; today's file is a trust of one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.errors import ConfigError
from moderator.config import load_config
from tests.tenancy.trust_files import write_trust

ROOT = Path(__file__).resolve().parents[2]


def test_a_trust_file_gives_each_school_its_own_part(tmp_path):
    cfg = load_config(write_trust(tmp_path))
    assert [v.slug for v in cfg.schools] == ["oakfield", "brook"]
    oak, brook = cfg.for_school("oakfield"), cfg.for_school("brook")
    assert cfg.trust.name == "Riverside Learning Trust" and cfg.trust.recipients == ["ceo@riverside.example.org"]
    assert [a.name for a in cfg.accounts] == ["oakfield-feed", "brook-feed"]
    assert [a.name for a in oak.accounts] == ["oakfield-feed"] and [a.name for a in brook.accounts] == ["brook-feed"]
    assert [p.last_name for p in oak.school.roster] == ["Thornbury", "Ellerby"]
    assert [p.last_name for p in brook.school.roster] == ["Castellan", "Wrenfield"]
    assert oak.school.staff == ["Mrs Patel"] and brook.school.staff == ["Mr Okafor"]
    assert oak.reporting.dsl == ["dsl@oakfield.example.sch.uk"] and brook.reporting.dsl == ["dsl@brook.example.sch.uk"]
    # the schedule: the trust's default, or the school's own; the outbox is shared
    assert oak.reporting.digest_cron == "0 7 * * 1-5" and brook.reporting.digest_cron == "30 16 * * 5"
    assert oak.reporting.outbox == brook.reporting.outbox == tmp_path / "outbox"
    # a school's policy overrides the trust's for that school only
    assert brook.policy["commercial"].action == "hold" and oak.policy["commercial"].action == "hide"
    assert cfg.school_of("brook-feed").slug == "brook"
    # the trust's own view: its digest's recipients; every school's DSLs (a trust can tell whether any is set)
    assert cfg.reporting.smt == ["ceo@riverside.example.org"]
    assert cfg.reporting.dsl == ["dsl@oakfield.example.sch.uk", "dsl@brook.example.sch.uk"]


def test_todays_single_school_file_reads_as_a_trust_of_one(tmp_path):
    for name in ("config.example.toml",):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "roster.csv").write_text("first_name,last_name,preferred_name,year_group,photo_consent\n"
                                         "Amelia,Thornbury,,4,no\n")
    (tmp_path / "feed.jsonl").write_text("")
    cfg = load_config(tmp_path / "config.example.toml")
    assert cfg.trust is None and cfg.slug == "default" and cfg.schools == [cfg]
    assert cfg.school_of("oakfield-facebook") is cfg


@pytest.mark.parametrize("extra, fragment, expected", [
    ("", "slug = \"brook\"", "schools.d/brook.toml: slug: missing (required)"),
    ("", "roster = \"oakfield.csv\"", "schools.oakfield.roster: roster file"),
    ("", "name = \"brook-feed\"", "account name 'oakfield-feed' is used by schools 'oakfield' and 'brook'"),
    ("[[accounts]]\nname = \"stray\"\nplatform = \"file\"\npath = \"x.jsonl\"\n", None,
     "accounts: a configuration with [[schools]]"),
    ("", "dsl = [\"dsl@brook.example.sch.uk\"]", "schools.d/brook.toml: reporting.dsl: 'not-an-address'"),
])
def test_every_problem_names_its_school(tmp_path, extra, fragment, expected):
    path = write_trust(tmp_path, extra=extra)
    replacements = {
        "slug = \"brook\"": "",
        "roster = \"oakfield.csv\"": "roster = \"missing.csv\"",
        "name = \"brook-feed\"": "name = \"oakfield-feed\"",
        "dsl = [\"dsl@brook.example.sch.uk\"]": "dsl = [\"not-an-address\"]",
    }
    if fragment:
        for file in (path, tmp_path / "schools.d" / "brook.toml"):
            file.write_text(file.read_text().replace(fragment, replacements[fragment]))
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert any(expected in p for p in exc.value.problems), exc.value.problems
