"""school.languages and policy.hold_unknown_language in the configuration."""

from __future__ import annotations

import tomllib

import pytest

from core.errors import ConfigError
from moderator.config import parse_config


def _parse(tmp_path, school_extra="", policy=""):
    data = tomllib.loads(f'[school]\nname = "Test School"\n{school_extra}\n{policy}\n')
    return parse_config(data, tmp_path / "moderator.toml")


def test_defaults_are_english_and_holding_on(tmp_path):
    config = _parse(tmp_path)
    assert config.school.languages == ["en"] and config.hold_unknown_language is True


def test_a_school_in_wales_lists_welsh(tmp_path):
    config = _parse(tmp_path, 'languages = ["en", "CY"]', "[policy]\nhold_unknown_language = false")
    assert config.school.languages == ["en", "cy"] and config.hold_unknown_language is False


def test_languages_without_two_letter_codes_are_listed_by_their_three_letter_ones(tmp_path):
    config = _parse(tmp_path, 'languages = ["en", "ga", "sco", "yue"]')
    assert config.school.languages == ["en", "ga", "sco", "yue"]


@pytest.mark.parametrize(("value", "says"), [
    ('["english"]', "school.languages: 'english' is not an ISO 639 language code"),
    ('["e1"]', "school.languages: 'e1' is not an ISO 639 language code"),
    ("[]", "school.languages: must list at least one language"),
    ('"en"', "school.languages: must be a list"),
])
def test_bad_language_lists_say_what_is_wrong(tmp_path, value, says):
    with pytest.raises(ConfigError) as exc:
        _parse(tmp_path, f"languages = {value}")
    assert any(says in p for p in exc.value.problems), exc.value.problems


def test_hold_unknown_language_must_be_true_or_false(tmp_path):
    with pytest.raises(ConfigError) as exc:
        _parse(tmp_path, policy='[policy]\nhold_unknown_language = "yes"')
    assert any("policy.hold_unknown_language: must be true or false" in p for p in exc.value.problems)
