"""The ``[[accounts]]`` array: which accounts to poll, their platform, credentials' variables and options."""

from __future__ import annotations

from pathlib import Path

from core.accounts import Account
from moderator.config_checks import ENV_VAR_NAME, Checker, writable_file_problem

PLATFORMS = ("facebook", "instagram", "x", "file")
# Per platform, the extra [[accounts]] keys its connector reads (each connector validates the values).
ACCOUNT_OPTIONS = {
    "file": {"path"},
    "facebook": {"api_base", "graph_version", "max_retries", "retry_base_delay"},
    "instagram": {"api_base", "graph_version", "max_retries", "retry_base_delay"},
    "x": {"api_base", "page_size", "retries", "retry_base_seconds", "search_query_max_chars"},
}


def parse_accounts(value, c: Checker, base: Path) -> list[Account]:
    """Parse ``[[accounts]]``; problems are recorded on the checker, a feed path made absolute."""
    if not isinstance(value, list):
        c.err("accounts", "must be an array of tables ([[accounts]])")
        return []
    out, names = [], set()
    for i, t in enumerate(value):
        p = f"accounts[{i}]"
        if not isinstance(t, dict):
            c.err(p, "must be a table")
            continue
        name = c.get(t, "name", p, str, f"account{i}", required=True)
        if not 0 < len(name.strip()) <= 100:
            c.err(f"{p}.name", "must be a short name, 1 to 100 characters")
        if name in names:
            c.err(f"{p}.name", f"duplicate account name {name!r}")
        names.add(name)
        platform = c.get(t, "platform", p, str, "", required=True)
        if "platform" in t and platform not in PLATFORMS:
            c.err(f"{p}.platform", f"must be one of {', '.join(PLATFORMS)}, got {platform!r}")
        creds = c.get(t, "credentials", p, dict, {})
        for k, v in creds.items():
            if not isinstance(v, str) or not ENV_VAR_NAME.fullmatch(v):
                c.err(f"{p}.credentials.{k}", "must name an environment variable (secrets never go in this "
                      "file)")
        options = {k: v for k, v in t.items()
                   if k not in {"name", "platform", "account_id", "enabled", "credentials"}}
        for key in sorted(set(options) - ACCOUNT_OPTIONS.get(platform, set(options))):
            c.err(f"{p}.{key}", f"unknown key for a {platform} account (known: "
                  f"{', '.join(sorted(ACCOUNT_OPTIONS[platform]))})")
        if platform == "file":
            feed = c.get(t, "path", p, str, "", required=True)
            if isinstance(t.get("path"), str) and not t["path"].strip():
                c.err(f"{p}.path", "must name the feed file, got an empty path")
            elif feed:
                options["path"] = str((base / feed).resolve())
                problem = writable_file_problem(Path(options["path"]))
                if problem and "writable" not in problem:  # the feed is only read
                    c.err(f"{p}.path", f"{options['path']} {problem}")
        account_id = c.get(t, "account_id", p, str, name, required=platform != "file")
        if not 0 < len(account_id.strip()) <= 200:
            c.err(f"{p}.account_id", "must be the platform's id of the account, 1 to 200 characters")
        acct = Account(name, platform, account_id, c.get(t, "enabled", p, bool, True), dict(creds), options)
        out.append(acct)
    return out
