"""The ``[[accounts]]`` tables of a test configuration for accounts on the fake Graph and X servers."""

from __future__ import annotations

from tests.fakes.graph_server import IG_USER_ID, PAGE_ID

_PLATFORMS = {
    # platform: (account id on the fake, credential key, the retry option and its short test value)
    "facebook": (PAGE_ID, "access_token", "retry_base_delay = 0.01"),
    "instagram": (IG_USER_ID, "access_token", "retry_base_delay = 0.01"),
    "x": ("100", "user_token", "retry_base_seconds = 0.01"),
}


def account_toml(name: str, platform: str, api_base: str, token_var: str) -> str:
    """One ``[[accounts]]`` table: the fake's account on ``platform``, its token read from ``token_var``."""
    account_id, key, retry = _PLATFORMS[platform]
    return (f'[[accounts]]\nname = "{name}"\nplatform = "{platform}"\naccount_id = "{account_id}"\n'
            f'credentials = {{ {key} = "{token_var}" }}\napi_base = "{api_base}"\n{retry}\n')
