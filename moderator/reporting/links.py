"""Which permalinks an e-mail may show: ``https`` addresses on the platform's own hosts, nothing else.

An item's permalink comes from the platform (or a file feed) and is not trusted: a ``javascript:`` or
``data:`` address, or one on another host, would become a live link in the SMT's mail client.
"""

from __future__ import annotations

from urllib.parse import urlsplit

FACEBOOK_HOSTS = frozenset({"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com",
                            "fb.com", "www.fb.com"})
INSTAGRAM_HOSTS = frozenset({"instagram.com", "www.instagram.com"})
X_HOSTS = frozenset({"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com",
                     "mobile.x.com"})
PLATFORM_HOSTS = {"facebook": FACEBOOK_HOSTS, "instagram": INSTAGRAM_HOSTS, "x": X_HOSTS,
                  # a file feed stands in for any of them
                  "file": FACEBOOK_HOSTS | INSTAGRAM_HOSTS | X_HOSTS}
MAX_LINK_LENGTH = 2_000


def platform_link(platform: str, url: str | None) -> str | None:
    """``url`` when it is an ``https`` address on one of ``platform``'s own hosts; otherwise None."""
    if not url or not isinstance(url, str) or len(url) > MAX_LINK_LENGTH:
        return None
    if not url.isascii() or not url.isprintable() or any(ch in url for ch in " \"'<>\\`"):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username is not None or parts.password is not None or port not in (None, 443):
        return None
    host = (parts.hostname or "").rstrip(".")
    return url if host in PLATFORM_HOSTS.get(platform, frozenset()) else None
