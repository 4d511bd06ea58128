"""A trust of two schools with overlapping pupil first names, written as configuration files for the tests."""

from __future__ import annotations

from pathlib import Path

ROSTERS = {
    "oakfield": "first_name,last_name,preferred_name,year_group,photo_consent\nAmelia,Thornbury,,4,no\n"
                "Jacob,Ellerby,,3,no\n",
    "brook": "first_name,last_name,preferred_name,year_group,photo_consent\nAmelia,Castellan,,5,no\n"
             "Tobias,Wrenfield,,2,no\n",
}


def write_trust(tmp: Path, storage_url: str | None = None, extra: str = "") -> Path:
    """A trust file with schools ``oakfield`` (inline) and ``brook`` (in schools.d), one file feed each."""
    for slug, roster in ROSTERS.items():
        (tmp / f"{slug}.csv").write_text(roster)
        (tmp / f"{slug}.jsonl").write_text("")
    (tmp / "schools.d").mkdir(exist_ok=True)
    (tmp / "schools.d" / "brook.toml").write_text(f'''
slug = "brook"
name = "Brook Lane Academy"
staff = ["Mr Okafor"]
roster = "{(tmp / 'brook.csv').as_posix()}"
[reporting]
smt = ["head@brook.example.sch.uk"]
dsl = ["dsl@brook.example.sch.uk"]
admin = ["office@brook.example.sch.uk"]
digest_cron = "30 16 * * 5"
[policy.commercial]
action = "hold"
[[accounts]]
name = "brook-feed"
platform = "file"
path = "{(tmp / 'brook.jsonl').as_posix()}"
''')
    url = storage_url or f"sqlite:///{(tmp / 'trust.db').as_posix()}"
    path = tmp / "trust.toml"
    path.write_text(f'''
schools_dir = "schools.d"
{extra}
[trust]
name = "Riverside Learning Trust"
recipients = ["ceo@riverside.example.org"]
digest_cron = "0 7 * * 1"

[reporting]
outbox = "outbox"
digest_cron = "0 7 * * 1-5"

[storage]
url = "{url}"

[[schools]]
slug = "oakfield"
name = "Oakfield Primary School"
staff = ["Mrs Patel"]
roster = "oakfield.csv"
[schools.reporting]
smt = ["head@oakfield.example.sch.uk"]
dsl = ["dsl@oakfield.example.sch.uk"]
admin = ["office@oakfield.example.sch.uk"]
[[schools.accounts]]
name = "oakfield-feed"
platform = "file"
path = "oakfield.jsonl"
''')
    return path
