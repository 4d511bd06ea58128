"""The ``[web]`` table and the optional ``[web.oidc]`` table.

``[web]``: where the review pages listen, the address in e-mails, sessions and proxies. ``[web.oidc]``: sign-in
with the school's Microsoft 365 (Entra ID) or Google Workspace, and the roles (per school in a trust) it gives.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from moderator.config_checks import Checker

WEB_KEYS = {"host", "port", "public_base_url", "session_idle_minutes", "trusted_proxies"}  # and the [web.oidc] table
OIDC_KEYS = {"provider", "issuer", "client_id", "client_secret_env", "client_secret_file", "allowed_domains",
             "roles", "default_role", "new_users"}
ROLE_NAMES = ("admin", "dsl", "smt", "staff")  # as storage.web_models.ROLES, most powerful first
ALL = "*"  # the school of a role on all schools (storage.web_models.ALL_SCHOOLS)
GRANT = re.compile(r"(?:([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?):)?([a-z]+)")  # "dsl" or "oakfield:dsl"
GRANT_RULE = ('a role ("dsl": on all schools), a school\'s slug and a role ("oakfield:dsl"), or a list of '
              'them')
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class SecretMissing(Exception):
    """The OpenID Connect client secret cannot be read; the message says where it was looked for."""


@dataclass
class Oidc:
    """Sign-in through one OpenID Connect provider, and who it lets in with which role."""

    provider: str  # the label on the button: "Microsoft 365", "Google"
    issuer: str  # https://login.microsoftonline.com/<tenant id>/v2.0, https://accounts.google.com
    client_id: str
    client_secret_env: str | None = None  # the environment variable holding the client secret, or
    client_secret_file: Path | None = None  # a file holding it (readable by the service's user only)
    allowed_domains: list[str] = field(default_factory=list)  # e-mail domains let in, lower case
    # a group id (the "groups" claim) or an e-mail address (lower case) -> (school or "*", role) pairs; on each
    # school, the most powerful match wins
    roles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # the roles of people no entry of ``roles`` names; empty: they are refused
    default_roles: list[tuple[str, str]] = field(default_factory=list)
    new_users: bool = True  # people without an account may sign in (one is made); False: only known people

    @property
    def discovery_url(self) -> str:
        """The provider's discovery document (OpenID Connect Discovery 1.0)."""
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    def client_secret(self) -> str:
        """The client secret, from its environment variable or file; SecretMissing says what is wrong."""
        if self.client_secret_env:
            value = os.environ.get(self.client_secret_env, "").strip()
            if not value:
                raise SecretMissing(f"web.oidc.client_secret_env: the environment variable "
                                    f"{self.client_secret_env} is not set")
            return value
        assert self.client_secret_file is not None
        try:
            value = self.client_secret_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise SecretMissing(f"web.oidc.client_secret_file: {self.client_secret_file} cannot be read: "
                                f"{reason}") from None
        if not value:
            raise SecretMissing(f"web.oidc.client_secret_file: {self.client_secret_file} is empty")
        return value

    @property
    def default_role(self) -> str | None:
        """The most powerful of the default roles (None: people ``roles`` does not name are refused)."""
        return _strongest(role for _, role in self.default_roles)

    def mapped_roles(self, email: str, groups: list[str]) -> dict[str, str]:
        """School (or "*": all) -> the most powerful role ``roles`` gives this address or any of these groups there."""
        out: dict[str, str] = {}
        for key, pairs in self.roles.items():
            if key == email.lower() or key in groups:
                for school, role in pairs:
                    out[school] = _strongest([out.get(school), role]) or role
        return out

    def mapped_role(self, email: str, groups: list[str]) -> str | None:
        """The most powerful role that ``roles`` gives this e-mail address or any of these groups; None if none."""
        return _strongest(self.mapped_roles(email, groups).values())

    def schools_named(self) -> set[str]:
        """The schools ``roles`` and ``default_role`` name (to check against the configured ones)."""
        pairs = [p for ps in self.roles.values() for p in ps] + self.default_roles
        return {school for school, _ in pairs} - {ALL}

    def domain_allowed(self, email: str) -> bool:
        """True when the address is in one of the allowed domains (exactly, not a subdomain)."""
        return email.rpartition("@")[2].lower() in self.allowed_domains


@dataclass
class Web:
    """Settings of ``moderator serve``."""

    host: str = "127.0.0.1"
    port: int = 8080
    # the address people open (https://moderator.school.example): set-password links and item links in e-mails
    public_base_url: str | None = None
    session_idle_minutes: int = 30
    # reverse proxies whose X-Forwarded-Proto and X-Forwarded-For are believed (addresses or networks)
    trusted_proxies: list[str] = field(default_factory=list)
    oidc: Oidc | None = None  # sign-in with Microsoft 365 or Google Workspace ([web.oidc]); None: passwords only

    def base_url(self) -> str:
        """The public base URL, or the address the server listens on."""
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def parse_web(t: dict, c: Checker) -> Web:
    """Parse ``[web]``; problems are recorded on the checker."""
    c.unknown({k: v for k, v in t.items() if k != "oidc"}, WEB_KEYS, "web")
    w = Web()
    w.host = c.get(t, "host", "web", str, w.host).strip() or w.host
    w.port = c.number(t, "port", "web", int, w.port, 1, 65_535)
    url = c.get(t, "public_base_url", "web", str, None)
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            c.err("web.public_base_url", f"must be an http(s) address such as https://moderator.school.example, "
                  f"got {url!r}")
        else:
            w.public_base_url = url
    w.session_idle_minutes = c.number(t, "session_idle_minutes", "web", int, 30, 1, 24 * 60, " minutes")
    proxies = c.str_list(t, "trusted_proxies", "web")
    for p in proxies:
        try:
            ipaddress.ip_network(p.strip(), strict=False)
        except ValueError:
            c.err("web.trusted_proxies", f"{p!r} is not an IP address or network")
    w.trusted_proxies = [p.strip() for p in proxies]
    if "oidc" in t:
        if isinstance(t["oidc"], dict):
            w.oidc = parse_oidc(t["oidc"], c)
        else:
            c.err("web.oidc", "must be a table ([web.oidc])")
    return w


def _strongest(roles) -> str | None:
    found = set(roles)
    return next((r for r in ROLE_NAMES if r in found), None)


def _grants(value, c: Checker, where: str, what: str) -> list[tuple[str, str]] | None:
    """``value`` as (school, role) pairs; None, with one problem recorded, when it is not one of the forms."""
    items = value if isinstance(value, list) else [value]
    out = []
    for v in items:
        m = GRANT.fullmatch(v) if isinstance(v, str) else None
        if m is None or m.group(2) not in ROLE_NAMES:
            c.err(where, f"{what}{v!r}: the role must be one of {', '.join(ROLE_NAMES)}, written as {GRANT_RULE}")
            return None
        out.append((m.group(1) or ALL, m.group(2)))
    return out


def parse_oidc(t: dict, c: Checker) -> Oidc | None:
    """Parse ``[web.oidc]``; problems are recorded on the checker (and None returned)."""
    p = "web.oidc"
    before = len(c.problems)
    if "client_secret" in t:
        c.err(f"{p}.client_secret", "the secret never goes in this file: name the environment variable that holds "
              "it (client_secret_env) or a file (client_secret_file); delete it from here and change it at the "
              "provider, since it has been written down")
    c.unknown({k: v for k, v in t.items() if k != "client_secret"}, OIDC_KEYS, p)
    o = Oidc(provider=c.get(t, "provider", p, str, "", required=True).strip(),
             issuer=c.get(t, "issuer", p, str, "", required=True).strip(),
             client_id=c.get(t, "client_id", p, str, "", required=True).strip())
    if "provider" in t and not 0 < len(o.provider) <= 40:
        c.err(f"{p}.provider", 'must be a label of 1 to 40 characters for the button, such as "Microsoft 365"')
    if o.issuer:
        parts = urlsplit(o.issuer)
        local = parts.hostname in ("127.0.0.1", "::1", "localhost")
        if not parts.hostname or parts.query or parts.fragment or not (
                parts.scheme == "https" or (parts.scheme == "http" and local)):
            c.err(f"{p}.issuer", f"must be the provider's https address, such as "
                  f"https://login.microsoftonline.com/<tenant id>/v2.0 or https://accounts.google.com, "
                  f"got {o.issuer!r}")
    if "client_id" in t and not o.client_id:
        c.err(f"{p}.client_id", "must not be empty")
    env, file = c.get(t, "client_secret_env", p, str), c.get(t, "client_secret_file", p, str)
    if (env is None) == (file is None):
        c.err(f"{p}.client_secret_env", "set exactly one of client_secret_env (an environment variable) and "
              "client_secret_file (a file): the secret itself never goes in this file")
    if env is not None and not ENV_NAME.fullmatch(env):
        c.err(f"{p}.client_secret_env", "must name an environment variable (the secret never goes in this file)")
    o.client_secret_env = env
    o.client_secret_file = (c.path.parent / file).resolve() if file else None
    o.allowed_domains = [d.strip().lower().lstrip("@") for d in c.str_list(t, "allowed_domains", p)]
    if not o.allowed_domains and "allowed_domains" not in t:
        c.err(f"{p}.allowed_domains", 'missing (required): the school\'s e-mail domains, such as '
              '["oakfield.sch.uk"]')
    for d in o.allowed_domains:
        if not DOMAIN.fullmatch(d):
            c.err(f"{p}.allowed_domains", f"{d!r} is not an e-mail domain such as oakfield.sch.uk")
    roles = c.get(t, "roles", p, dict, {})
    for key, role in roles.items():
        pairs = _grants(role, c, f"{p}.roles", f"{key!r} = ")
        if pairs is None:
            continue
        if not key.strip():
            c.err(f"{p}.roles", "a key must be a group id or an e-mail address, not empty")
        else:
            o.roles[key.strip().lower() if "@" in key else key.strip()] = pairs
    default = t.get("default_role")
    if default is not None:
        pairs = _grants(default, Checker(c.path), f"{p}.default_role", "")
        if pairs is None:
            c.err(f"{p}.default_role", f"must be one of {', '.join(ROLE_NAMES)}, or a school's slug and a role "
                  f"(\"oakfield:staff\"), or a list of them (or left out to refuse people whom roles does not "
                  f"name), got {default!r}")
        else:
            o.default_roles = pairs
    o.new_users = c.get(t, "new_users", p, bool, True)
    return o if len(c.problems) == before else None
