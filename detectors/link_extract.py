"""Find links in text, with or without a scheme, and split their hosts with the public suffix list.

``LinkFinder().find(text)`` returns every ``https://...``, ``www....``, bare domain
(``tinyurl.com/x``, ``etsy.com/shop/...``) and raw IP address in the text, with its
span and its host split into subdomain, registrable domain and public suffix.

The public suffix list is the snapshot bundled with tldextract: ``suffix_list_urls=()``
means there is no URL to fetch and ``cache_dir=None`` means nothing is read from or
written to disk, so tldextract falls back to its packaged ``.tld_set_snapshot`` and
never touches the network.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import tldextract

# A bare two-label host (no scheme, no www., no path, no hyphen or digit) on one of these public
# suffixes is more often a file name or two words run together ("letter.zip", "main.py",
# "yes.no", "fun.so") than a link; with a hyphen, a digit, a third label or a path it is a link.
# File extensions that are also top-level domains never make a bare host: "year-6-photos.zip". Not Poland's
# and Moldova's endings (.pl, .md): a Polish or Moldovan family's site is far likelier on a school's page than a
# Perl script or a Markdown file ("kasynobonus.pl" is a link).
FILE_LIKE_SUFFIXES = frozenset("zip mov py sh rs ps cs js".split())
AMBIGUOUS_SUFFIXES = frozenset(
    "no so is it at in as am an by do go he hi if im my of on or us we "
    "ok id ai ms mp st nu cat new now one top win fun live life love today how you day best cool "
    "help work works page next link click bid fyi lol wtf ninja party tips me to be".split())
# Bare hosts on these suffixes are links whatever their shape: people write them bare ("bit.ly", "t.me").
SHORT_LINK_SUFFIXES = frozenset("ly me to be gd gl co".split())

_HOST = r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:xn--[a-z0-9-]{1,59}|[^\W\d_]{2,24})"
_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
_TAIL = r"(?::\d{2,5})?(?:[/?#][^\s<>\"'`]*)?"
_LINK = re.compile(
    rf"(?P<scheme>\b(?:https?|ftp)://)(?P<userinfo>[^\s/@<>\"']+@)?(?P<host1>{_HOST}|{_IPV4}|\[[0-9a-f:]+\])"
    rf"(?P<tail1>{_TAIL})"
    rf"|(?<![\w@.\-/])(?P<host2>{_HOST}|{_IPV4})(?P<tail2>{_TAIL})(?![\w@])",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\"…*"


_FINDERS: list[LinkFinder] = []  # the first LinkFinder built searches for all: they all split hosts alike


@lru_cache(maxsize=32)
def _find_shared(text: str) -> tuple[Link, ...]:
    return _FINDERS[0]._find(text)


@dataclass(frozen=True)
class Link:
    """One link found in a text: its span, what was written, and its host split up."""

    start: int
    end: int
    text: str
    host: str
    subdomain: str
    domain: str
    suffix: str
    path: str
    has_scheme: bool
    userinfo: bool

    @property
    def registrable(self) -> str:
        """The registrable domain ("example.co.uk"), or the host when there is none (an IP)."""
        return f"{self.domain}.{self.suffix}" if self.domain and self.suffix else self.host

    @cached_property
    def is_ip(self) -> bool:
        """Whether the host is a raw IP address."""
        try:
            ipaddress.ip_address(self.host.strip("[]"))
        except ValueError:
            return False
        return True


@cache
def _suffix_list() -> tldextract.TLDExtract:
    """The bundled public suffix list's extractor, one per process (its tries take about 6 MB once built)."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


# The top-level name reserved for documentation (RFC 2606): never a word's ending, always a host name, though
# no public suffix list holds them ("pay-now.example" written bare is a link like "pay-now.com").
RESERVED_SUFFIXES = frozenset({"example"})
# The second-level name reserved for documentation (RFC 2606: example.com, .net, .org; "example.co.uk" by the same
# convention): no site is called "example", so a host under it is read as the site its own name stands for.
DOCUMENTATION_NAME = "example"


class LinkFinder:
    """Finds links; cheap to build: every finder of the process shares one suffix list (parsed on first use)."""

    def __init__(self) -> None:
        self._extract = _suffix_list()
        if not _FINDERS:
            _FINDERS.append(self)

    def split(self, host: str) -> tuple[str, str, str]:
        """(subdomain, domain, suffix) of a host name by the bundled public suffix list.

        A top-level domain the snapshot does not know (a new gTLD, a reserved name such as
        ``.example``) is taken as the suffix, so ``pay-now.example`` still has a registrable domain.
        """
        r = self._extract.extract_str(host)
        if r.suffix or not r.subdomain:
            sub, domain, suffix = r.subdomain, r.domain, r.suffix
        else:
            sub, _, domain = r.subdomain.rpartition(".")
            suffix = r.domain
        if domain == DOCUMENTATION_NAME and sub and sub.rpartition(".")[2] != "www":
            # "roya1mail.example.co.uk" stands for "roya1mail.co.uk": the name before "example" is the site's
            sub, _, domain = sub.rpartition(".")
            suffix = f"{DOCUMENTATION_NAME}.{suffix}"
        return sub, domain, suffix

    def known_suffix(self, host: str) -> bool:
        """Whether the host ends in a suffix of the bundled public suffix list (not an unknown ending)."""
        return bool(self._extract.extract_str(host).suffix)

    def find(self, text: str) -> list[Link]:
        """Every link in ``text``, in order (the detectors of one item share one search)."""
        if "." not in text and "[" not in text:
            return []
        return list(_find_shared(text))

    def _find(self, text: str) -> tuple[Link, ...]:
        links = []
        for m in _LINK.finditer(text):
            link = self._link(m)
            if link is not None:
                links.append(link)
        return tuple(links)

    @staticmethod
    def bare_host_is_link(sub: str, domain: str, suffix: str) -> bool:
        """Whether a host written without scheme, www. or path reads as a link rather than text."""
        if suffix in FILE_LIKE_SUFFIXES:
            return False
        if sub or "." in suffix or suffix.startswith("xn--") or not suffix.isascii():
            return True  # three labels ("gov-uk.cost-of-living.help"), "co.uk", an IDN suffix
        if suffix in SHORT_LINK_SUFFIXES:
            return True
        if suffix in AMBIGUOUS_SUFFIXES:
            return any(c == "-" or c.isdigit() for c in domain)
        return True

    def _link(self, m: re.Match) -> Link | None:
        scheme = bool(m.group("scheme"))
        host = (m.group("host1") or m.group("host2") or "").lower().rstrip(".")
        tail = m.group("tail1") if scheme else m.group("tail2")
        tail = tail or ""
        end = m.end()
        while tail and tail[-1] in _TRAILING:
            tail, end = tail[:-1], end - 1
        if re.fullmatch(_IPV4, host):
            if any(int(o) > 255 for o in host.split(".")) or (not scheme and host.startswith("0")):
                return None
            return Link(m.start(), end, m.group()[: end - m.start()], host, "", "", "", tail, scheme,
                        bool(m.group("userinfo")))
        if host.startswith("["):
            return Link(m.start(), end, m.group()[: end - m.start()], host, "", "", "", tail, scheme,
                        bool(m.group("userinfo")))
        sub, domain, suffix = self.split(host)
        if not domain or not suffix:
            return None
        if not scheme and not host.startswith("www.") and not tail.startswith("/"):
            known = self.known_suffix(host) or suffix in RESERVED_SUFFIXES
            if not known or not self.bare_host_is_link(sub, domain, suffix):
                return None
            written_suffix = m.group("host2").rsplit(".", 1)[-1]
            if not (written_suffix.islower() or written_suffix.isupper()):
                return None  # "a great day.Live music tonight": a missing space, not a link
        return Link(m.start(), end, m.group()[: end - m.start()], host, sub, domain, suffix, tail, scheme,
                    bool(m.group("userinfo")))
