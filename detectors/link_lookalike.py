"""Whether a host is a look-alike of a domain the school trusts, or of a brand phishers imitate.

Six tests, each named in the explanation: look-alike characters in the host (Cyrillic,
punycode), a trusted domain put in front of another one (``parentpay.com.pay-now.net``,
``parentpay.com-login.net``), any whole domain name worn as a subdomain of another
(``council-tax.gov.uk.rebates.example``: the reader stops at ``.gov.uk``),
the trusted name on another suffix (``parentpay.co``), a near miss by spelling or by
look-alike letters (``oakfie1d``, ``parentpav``, ``rn`` for ``m``), and the trusted or
school name embedded in another registrable domain (``oakfield-school-payments.com``).
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from detectors.link_extract import Link, LinkFinder
from detectors.link_permutations import variants
from detectors.link_risk import ACTION_WORDS, LOOKALIKE_PAIRS, word_at_edge
from detectors.link_words import domain_words
from detectors.text_normalize import fold

# Characters and pairs that look alike in a domain name, mapped to one skeleton.
_SKELETON_PAIRS = (*LOOKALIKE_PAIRS, ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l"), ("5", "s"), ("3", "e"), ("-", ""),
                   ("_", ""))
# Words that make an embedded brand name suspicious ("paypal-secure-login.com").
_PHISHY = re.compile(r"login|log-in|signin|sign-in|secure|verify|verification|account|support|refund|"
                     r"billing|update|payment|pay|wallet|unlock|confirm|help|service")
# Public bodies' endings: the name before them is usually a place (a council, a police force, a health board).
PUBLIC_BODY_SUFFIXES = frozenset("gov.uk gov.scot gov.wales llyw.cymru police.uk nhs.uk nhs.scot nhs.wales gov.im "
                                 "gov.je gov.gg".split())
# Endings that make the start of a host read as a finished domain name ("bbc-news.co.uk.<elsewhere>").
FAMILIAR_SUFFIXES = frozenset("com net org uk co.uk org.uk gov.uk ac.uk sch.uk nhs.uk police.uk me.uk ltd.uk "
                              "plc.uk ie eu".split())
# Words that, beside a trusted name in another domain ("bbc-news.example", "nspcc-alerts.example"), make a
# lure; a trusted place name beside a club's name ("eastwick-harriers") is not one.
_LURES = ACTION_WORDS | frozenset("news alert alerts breaking exclusive official live latest video videos story "
                                  "leaked leak report reports scandal announcement notice".split())
# Words of the services a school's name is put beside in a fake payment or sign-in host.
_SCHOOL_SERVICES = frozenset("pta trip trips uniform lunch lunches meals dinners parents pupils portal sch".split())
# Words of school names too common to identify one school.
_GENERIC = frozenset("primary school academy infant infants junior juniors nursery college high secondary "
                     "community church england catholic trust federation free grammar upper lower middle "
                     "saint saints the and of st ce rc cofe c e first".split())


@dataclass(frozen=True)
class _Target:
    registrable: str
    domain: str
    suffix: str
    compact: str  # the registrable without dots or hyphens: "govuk", "parentpaycom"
    trusted: bool
    skeleton: str  # skeleton(domain)
    dashed: str  # "-gov-uk-": the registrable with its dots written as hyphens, between hyphens


def skeleton(name: str) -> str:
    """A domain label with look-alike characters merged: 'oakfie1d' and 'oakfield' share one."""
    s = fold(name).lower()
    for a, b in _SKELETON_PAIRS:
        s = s.replace(a, b)
    return s


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count once), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def _school_lure(domain: str) -> bool:
    """Whether a domain's words hold a lure or a word of school names and services ("-school-payments", "-pta")."""
    return bool(set(domain_words(domain)) & (_LURES | _GENERIC | _SCHOOL_SERVICES))


def _in_front(host: str, registrable: str) -> bool:
    """Whether ``registrable`` is written as the start of a label run followed by more of the host.

    ``gov.uk.apply.example`` and ``bbc.co.uk-news.example`` put a trusted name first; the trusted
    domain itself and its subdomains (``www.gov.uk``) were let through before this is asked.
    """
    at = host.find(registrable)
    while at >= 0:
        after = at + len(registrable)
        if (at == 0 or host[at - 1] == ".") and after < len(host) and host[after] in ".-":
            return True
        at = host.find(registrable, at + 1)
    return False


def _unicode(label: str) -> str:
    """A punycode label ("xn--...") in its Unicode form; any other label unchanged."""
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def _targets(finder: LinkFinder, names: list[tuple[str, bool]]) -> list[_Target]:
    """The distinct registrable domains of ``names`` (name, trusted), first occurrence kept."""
    targets: list[_Target] = []
    seen = set()
    for name, is_trusted in names:
        _, domain, suffix = finder.split(name)
        registrable = f"{domain}.{suffix}" if domain else suffix
        if not registrable or registrable in seen:
            continue
        seen.add(registrable)
        targets.append(_Target(registrable, domain, suffix, re.sub(r"[.\-]", "", registrable),
                               is_trusted, skeleton(domain), "-" + registrable.replace(".", "-") + "-"))
    return targets


def _variants_of(targets: list[_Target]) -> dict[str, str]:
    """Generated look-alike labels of every target -> its registrable domain (the first target's wins)."""
    out: dict[str, str] = {}
    for t in targets:
        for v in variants(t.domain) if t.domain else ():
            out.setdefault(v, t.registrable)
    return out


class LookalikeChecker:
    """Compares a link's host with the trusted domains, well-known brands and the school's name."""

    def __init__(self, finder: LinkFinder, trusted: Iterable[str], reputable: Iterable[str],
                 school_name: str = "") -> None:
        self._finder = finder
        self._targets: list[_Target] = _targets(finder, [(t, True) for t in trusted] + [(r, False) for r in reputable])
        # generated look-alike labels (typos, hyphens, homoglyphs) of every target -> its registrable domain
        self._variants: Mapping[str, str] = _variants_of(self._targets)
        self._seen: dict[str, str | None] = {}  # host -> verdict: the same links come back again and again
        self._school_words = [w for w in re.findall(r"[a-z]+", fold(school_name).replace("'", ""))
                              if len(w) >= 5 and w not in _GENERIC]

    def for_school(self, trusted: Iterable[str], school_name: str = "") -> LookalikeChecker:
        """A checker for one school: its trusted domains first, then this checker's targets, shared not copied.

        Judges exactly as ``LookalikeChecker(finder, trusted, <this one's>, school_name)`` would, but the
        well-known brands' targets and their thousands of generated look-alikes are built once per process.
        """
        own = _targets(self._finder, [(t, True) for t in trusted])
        mine = {t.registrable for t in own}
        checker = LookalikeChecker.__new__(LookalikeChecker)
        checker._finder = self._finder
        checker._targets = own + [t for t in self._targets if t.registrable not in mine]
        checker._variants = ChainMap(_variants_of(own), self._variants) if own else self._variants
        checker._seen = {}
        checker._school_words = [w for w in re.findall(r"[a-z]+", fold(school_name).replace("'", ""))
                                 if len(w) >= 5 and w not in _GENERIC]
        return checker

    def check(self, link: Link) -> str | None:
        """Why the link's host imitates a trusted or well-known domain, or None."""
        if link.host in self._seen:
            return self._seen[link.host]
        why = self._check(link)
        if len(self._seen) < 50_000:
            self._seen[link.host] = why
        return why

    def _check(self, link: Link) -> str | None:
        host, domain = link.host, link.domain
        shown = _unicode(domain)
        target = self._variants.get(shown) or self._variants.get(domain)
        if target and target != link.registrable:
            return f"{link.registrable} is a look-alike of {target} (a typo, hyphen or look-alike letter)"
        if not host.isascii():
            shown = fold(host)
            if shown.isascii():
                return f"the host uses look-alike characters from other alphabets (reads as {shown})"
            return "the host mixes alphabets"
        if "xn--" in host:
            return "the host is an internationalised (punycode) name that can imitate another"
        posing = self._posing(link)
        if posing:
            return f"it wears {posing} as a subdomain, but the link goes to {link.registrable}"
        flat = domain.replace("-", "")
        dashed = "-" + host.replace(".", "-") + "-"
        skel = skeleton(domain)
        for t in self._targets:
            if t.registrable == link.registrable or host.endswith("." + t.registrable):
                return None  # its own, or under a public body's suffix it owns ("leedsth.nhs.uk")
            if t.registrable in host and _in_front(host, t.registrable):
                return f"it puts {t.registrable} in front of another domain, {link.registrable}"
            if t.dashed in dashed:  # "gov-uk.grant.example", "school.example-sch.uk": hyphens for dots
                return f"{link.registrable} writes {t.registrable} with hyphens for dots"
            if not t.domain:  # a trusted public suffix such as gov.uk: only its compact name can be imitated
                if len(t.compact) >= 5 and (t.compact in flat or skeleton(t.compact) in skel):
                    return f"the domain {link.registrable} imitates {t.registrable}"  # gov-uk.example, g0v-uk
                if len(t.compact) >= 5 and skeleton(domain + link.suffix) == skeleton(t.compact):
                    return f"{link.registrable} imitates {t.registrable} with look-alike characters"  # g0v.uk
                continue
            parts = domain.split("-")
            # the other parts read word by word: "bbc-newsround" holds the lure "news"
            lure = next((w for p in parts if p != t.domain and (w := word_at_edge(p, _LURES))), "") \
                if t.trusted and t.domain in parts else ""
            if lure and len(t.domain) >= 3:
                return f"{link.registrable} puts the name of {t.registrable} beside {lure!r}"  # bbc-news.example
            if domain == t.domain and link.suffix != t.suffix and len(domain) >= 4:
                return f"{link.registrable} has the name of {t.registrable} on another suffix"
            if domain != t.domain and skel == t.skeleton and len(t.domain) >= 3:
                return f"{link.registrable} imitates {t.registrable} with look-alike characters"
            if len(t.domain) >= 5 and edit_distance(domain, t.domain) <= (1 if len(t.domain) < 10 else 2):
                return f"{link.registrable} is a near miss of {t.registrable}"
            # a council's or public body's name is its place's ("wirral.gov.uk"), and so is many a school's own
            # ("hillside.example.sch.uk"): local firms carry it too, so a school's only beside a lure or a school word
            if len(t.domain) >= 5 and t.domain in flat and (_PHISHY.search(flat) or (
                    t.trusted and t.suffix not in PUBLIC_BODY_SUFFIXES
                    and (not t.suffix.endswith("sch.uk") or _school_lure(domain)))):
                return f"{link.registrable} embeds the name of {t.registrable} in another domain"
        # the school's distinctive words are mostly its place's, which local firms carry too ("daviesbakery-
        # glanrhyd"): they make a look-alike only beside a lure or a word of school names ("glanrhyd-school-pay")
        if any(w in flat for w in self._school_words) and (_school_lure(domain) or link.suffix.endswith("sch.uk")):
            return f"{link.registrable} uses the school's name on a domain the school does not trust"
        return None

    def _posing(self, link: Link) -> str:
        """The domain name the subdomain spells out ("bbc-news.co.uk" in ``bbc-news.co.uk.news24.example``), or ''.

        A subdomain that itself ends in a familiar suffix makes the host read as that domain to anyone
        who stops at the first ".co.uk" or ".com"; a site's own subdomains ("mail", "en.m") never do.
        """
        sub = link.subdomain.removeprefix("www.")
        if "." not in sub and sub not in FAMILIAR_SUFFIXES:
            return ""
        _, name, suffix = self._finder.split(sub)
        if suffix not in FAMILIAR_SUFFIXES or name == "www":
            return ""
        return f"{name}.{suffix}" if name else suffix
