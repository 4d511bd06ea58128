"""The ``[web]`` table: where the review pages listen, the address in e-mails, sessions and proxies."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from moderator.config_checks import Checker

WEB_KEYS = {"host", "port", "public_base_url", "session_idle_minutes", "trusted_proxies"}


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

    def base_url(self) -> str:
        """The public base URL, or the address the server listens on."""
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def parse_web(t: dict, c: Checker) -> Web:
    """Parse ``[web]``; problems are recorded on the checker."""
    c.unknown(t, WEB_KEYS, "web")
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
    return w
