from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.errors import ConfigError
from moderator.config import load_config
from moderator.config_school import load_roster

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str, roster: bool = True) -> Path:
    if roster:
        shutil.copy(ROOT / "sample" / "roster.csv", tmp_path / "roster.csv")
    p = tmp_path / "moderator.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_example_config_loads_and_documents_every_key(tmp_path):
    """config.example.toml is valid and every key in it carries a comment."""
    shutil.copy(ROOT / "config.example.toml", tmp_path / "moderator.toml")
    shutil.copy(ROOT / "sample" / "roster.csv", tmp_path / "roster.csv")
    (tmp_path / "feed.jsonl").write_text("")
    cfg = load_config(tmp_path / "moderator.toml")
    assert cfg.school.roster, "the roster is read"
    lines = (ROOT / "config.example.toml").read_text().splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if "=" in stripped and not stripped.startswith("#") and not stripped.startswith("["):
            before = lines[i - 1].strip() if i else ""
            assert "#" in line or before.startswith("#"), f"undocumented key on line {i + 1}: {stripped}"


def test_sample_config_is_valid():
    cfg = load_config(ROOT / "sample" / "config.toml")
    assert cfg.accounts[0].platform == "file"
    assert cfg.storage_url.startswith("sqlite:////")  # made absolute, relative to the config file


def test_every_problem_is_reported_at_once_with_file_and_key(tmp_path):
    p = write(tmp_path, """
[school]
staff = "Mrs Patel"
roster = "missing.csv"
[[accounts]]
name = "fb"
platform = "myspace"
credentials = { token = "EAAB-not-a-var-name!" }
[detection.thresholds]
abuse = 3
[policy.abuse]
action = "delete"
[reporting]
smt = ["not-an-address"]
digest_cron = "every monday"
[daemon]
poll_interval_seconds = 5
colour = "blue"
""")
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    problems = exc.value.problems
    joined = "\n".join(problems)
    for key in ("school.name", "school.staff", "school.roster", "accounts[0].platform",
                "accounts[0].credentials.token", "detection.thresholds.abuse", "policy.abuse.action",
                "reporting.smt", "reporting.digest_cron", "daemon.poll_interval_seconds", "daemon.colour"):
        assert f": {key}:" in joined, key
    assert all(line.startswith(str(p)) for line in problems)


def test_secret_values_never_in_file_only_variable_names(tmp_path, monkeypatch):
    p = write(tmp_path, """
[school]
name = "Test School"
[[accounts]]
name = "fb"
platform = "facebook"
account_id = "123"
credentials = { page_token = "FB_PAGE_TOKEN" }
""", roster=False)
    cfg = load_config(p)
    monkeypatch.setenv("FB_PAGE_TOKEN", "secret-value")
    assert cfg.accounts[0].secret("page_token") == "secret-value"
    monkeypatch.delenv("FB_PAGE_TOKEN")
    secret_file = tmp_path / "token"
    secret_file.write_text("from-file\n")
    monkeypatch.setenv("FB_PAGE_TOKEN_FILE", str(secret_file))
    assert cfg.accounts[0].secret("page_token") == "from-file"


def test_missing_and_broken_files_give_one_clear_problem(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[school\nname=")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


@pytest.mark.parametrize("content, message", [
    ("first_name,last_name\nAmy,Smith\n", "lacks column"),
    ("first_name,last_name,preferred_name,year_group,photo_consent\n,Smith,,Year 1,yes\n", "line 2"),
    ("first_name,last_name,preferred_name,year_group,photo_consent\nAmy,Smith,,Year 1,maybe\n", "photo_consent"),
])
def test_bad_roster_rows_are_named(tmp_path, content, message):
    p = tmp_path / "roster.csv"
    p.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_roster(p)


def test_roster_reads_consent_and_preferred_name(tmp_path):
    p = tmp_path / "roster.csv"
    p.write_text("first_name,last_name,preferred_name,year_group,photo_consent\nAmy,Smith,,Year 1,No\n")
    (pupil,) = load_roster(p)
    assert pupil.preferred_name == "Amy" and pupil.photo_consent is False


def test_unknown_account_key_is_named_for_its_platform(tmp_path):
    p = write(tmp_path, """
[school]
name = "Test School"
[[accounts]]
name = "fb"
platform = "facebook"
account_id = "1"
api_bse = "https://graph.facebook.com"
""", roster=False)
    with pytest.raises(ConfigError, match=r"accounts\[0\]\.api_bse: unknown key for a facebook account"):
        load_config(p)


def test_an_unreadable_secret_file_is_a_config_problem_not_a_crash(tmp_path, monkeypatch):
    p = write(tmp_path, """
[school]
name = "Test School"
[[accounts]]
name = "fb"
platform = "facebook"
account_id = "123"
credentials = { access_token = "FB_PAGE_TOKEN" }
""", roster=False)
    cfg = load_config(p)
    monkeypatch.delenv("FB_PAGE_TOKEN", raising=False)
    secret_file = tmp_path / "token"
    secret_file.write_bytes(b"\xff\xfe not text")
    monkeypatch.setenv("FB_PAGE_TOKEN_FILE", str(secret_file))
    with pytest.raises(ConfigError, match=r"accounts\.fb\.credentials\.access_token: .*FB_PAGE_TOKEN_FILE.*"
                                          r"not UTF-8") as exc:
        cfg.accounts[0].secret("access_token")
    assert "not text" not in str(exc.value)  # never the file's content


def test_evaluation_sets_may_still_have_a_header_only_roster(tmp_path):
    """Only the daemon's configuration needs pupils: public evaluation sets have none."""
    from moderator.evaluation import load_set

    (tmp_path / "school.toml").write_text('name = "Public set"\n')
    (tmp_path / "roster.csv").write_text("first_name,last_name,preferred_name,year_group,photo_consent\n")
    (tmp_path / "items.jsonl").write_text("")
    assert not load_set(tmp_path).school.roster


def test_the_database_url_is_shown_without_its_password(tmp_path):
    p = write(tmp_path, """
[school]
name = "Test School"
[storage]
url = "postgresql+psycopg://moderator:s3cret-pw@db.example/school"
""", roster=False)
    cfg = load_config(p)
    assert cfg.storage_url_shown == "postgresql+psycopg://moderator:***@db.example/school"
    assert "s3cret-pw" in cfg.storage_url  # the engine still gets it


@pytest.mark.parametrize("value, ok", [("2.5", True), ("600", True), ("0", False), ("-1", False), ("inf", False),
                                       ('"fast"', False)])
def test_detection_time_budget_is_a_bounded_number_of_seconds(tmp_path, value, ok):
    path = write(tmp_path, f"""
[school]
name = "Test School"
roster = "roster.csv"
[detection]
time_budget_seconds = {value}
""")
    if ok:
        assert load_config(path).detection.time_budget_s == float(value)
    else:
        with pytest.raises(ConfigError) as exc:
            load_config(path)
        assert any("detection.time_budget_seconds" in p for p in exc.value.problems)
