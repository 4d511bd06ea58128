"""Unsafe links: shorteners, raw IPs, look-alikes, program downloads, adult and gambling sites.

Links are found with or without a scheme (:mod:`detectors.link_extract`) and judged by
their host alone: nothing is looked up on the network. The school's trusted domains and
their subdomains pass, and so do ordinary sites that match none of the rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from detectors.base import Detector, Finding
from detectors.link_disguised import disguised_links
from detectors.link_extract import Link, LinkFinder
from detectors.link_lookalike import LookalikeChecker
from detectors.link_risk import RISKY_AT, LinkRisk, read_brands, read_suffixes
from detectors.link_words import adult_words, domain_words, gambling_word

DATA = Path(__file__).resolve().parent / "data"

# Program files a link may download directly (archives score lower: they may hold anything).
PROGRAM_EXTENSIONS = frozenset("exe apk msi scr bat cmd dmg pkg jar ps1 vbs vbe wsf hta msix appx appimage deb rpm "
                               "iso img reg lnk pif cpl com-exe xapk ipa".split())
ARCHIVE_EXTENSIONS = frozenset("zip rar 7z".split())
# A program file named in the text: the unmistakable extensions only (not "img", "iso", "reg", "deb": words and
# disk images people share innocently).
_PROGRAM_FILE = re.compile(r"(?<![\w./-])[\w-]{1,60}\.(exe|apk|xapk|msi|scr|bat|cmd|jar|vbs|hta|ps1|msix|appimage)"
                           r"(?![\w/-]|\.\w)", re.IGNORECASE)
ADULT_SUFFIXES = frozenset("xxx porn sex adult sexy".split())
GAMBLING_SUFFIXES = frozenset("bet casino poker bingo".split())
# Letters that mark an adult or gambling site wherever they stand in a name; the words that do so only as words
# ("sex" but not "essex", "bet" but not "alphabet") are read from the name's words (detectors/link_words.py).
ADULT_WORDS = re.compile(r"porn|xxx|xvideo|hentai|nsfw|18plus|over18")
# The same for the community languages' betting words, which the English word splitter cannot read: Romanian
# pariuri and cazino, Polish kasyno and bukmacher, Spanish apuestas, Portuguese apostas, Turkish bahis, Lithuanian
# lazybos, South Asian teen patti (a card game played for money online); and lotto, which the word splitter
# reads as "lot to".
GAMBLING_WORDS = re.compile(r"casino|poker|betting|jackpot|gambl|roulette|freespins|bingo|blackjack|sportsbook|"
                            r"lotto|pariuri|cazino|kasyno|kazino|bukmacher|apuestas|apostas|bahis|lazybos|teenpatti")
# An explicit adult marker beside a link ("🔞", "nsfw", "18+ only") says where it goes whatever its name.
ADULT_CONTEXT = re.compile(r"\U0001f51e|\bnsfw\b|(?<![\d+])18\+(?!\d)|\bx{3}\b|\bnudes?\b|\bporn\w*|\bonlyfans\b|"
                           r"\bleaked\s+(?:pics?|photos?|videos?|vids?|clips?)\b", re.IGNORECASE)
_EXTENSION = re.compile(r"\.([a-z0-9]{2,8})$")
# What a shortened link looks like, whoever runs the shortener: a name of a few letters and, as the whole path, one
# generated code ("lnk.example/8fJ3k", "trib.al/Ab12xQ"); the maintained list cannot hold every one. A code mixes
# cases and holds a digit, or switches between letters and digits three times or more: "gamer123", "year10lads"
# and "JonnyPlaysNI" are names.
_CODE_PATH = re.compile(r"/([A-Za-z0-9_-]{3,40})/?")
_CODE = re.compile(r"[A-Za-z0-9]{4,12}")
_SWITCH = re.compile(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
SHORT_NAME = 5
# A name that says it shortens ("tinyurl", "shrtlnk", "qklnk"): never an English word ("curling", "shortbread")
_SHORTENING_NAME = re.compile(r"shrt|lnk$|^.{3,}url$")
LINK_SUFFIXES = frozenset({"link"})  # an ending sold for short links ("fnsd.link/trip")

# (score, severity) per rule
SCORES = {
    "lookalike": (0.9, "high"),
    "userinfo": (0.9, "high"),
    "ip": (0.85, "high"),
    "program": (0.9, "high"),
    "adult": (0.9, "high"),
    "gambling": (0.85, "high"),
    "impersonation": (0.9, "high"),
    "risky": (0.7, "medium"),
    "shortener": (0.8, "medium"),
    "archive": (0.6, "medium"),
}


def _read_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class LinkLists:
    """What the link rules read that does not depend on the school: built once per process."""

    finder: LinkFinder
    shorteners: frozenset[str]
    known: dict[str, str]  # adult and gambling domains -> "adult" | "gambling"
    reputable: frozenset[str]
    lookalike: LookalikeChecker  # the well-known brands' look-alikes; each school adds its trusted domains
    risk: LinkRisk


@cache
def shared_lists() -> LinkLists:
    """Read the domain lists and build the brands' look-alike checker, once per process (about 6 MB)."""
    finder = LinkFinder()
    known = {}
    for line in _read_list("link_adult_gambling.txt"):
        category, domain = line.split()
        known[domain] = category
    brands = read_brands()
    reputable = _read_list("link_reputable.txt") + [d for b in brands for d in b.domains]
    # a brand's own shortener (youtu.be, forms.gle) leads to its site
    shorteners = frozenset(_read_list("link_shorteners.txt")) - frozenset(reputable)
    return LinkLists(finder, shorteners, known, frozenset(reputable), LookalikeChecker(finder, (), reputable),
                     LinkRisk(brands, read_suffixes()))


class UnsafeLinkDetector(Detector):
    """Links that cannot be judged safe."""

    label = "unsafe_link"

    def load(self, nlp) -> None:
        """Take the process's domain lists and link finder; build the school's own look-alike checker."""
        lists = shared_lists()
        self._finder, self._shorteners, self._known = lists.finder, lists.shorteners, lists.known
        self._reputable, self._risk = lists.reputable, lists.risk
        self._trusted = tuple(d.lower().strip(".") for d in self.school.trusted_domains if d.strip())
        self._lookalike = lists.lookalike.for_school(self._trusted, self.school.name)

    def analyze(self, item, doc) -> list[Finding]:
        """One finding per unsafe link."""
        findings = []
        links = self._finder.find(item.text)
        links = [*links, *disguised_links(item.text, self._finder, links)]
        adult_context = bool(links) and ADULT_CONTEXT.search(item.text) is not None
        program_named = _program_file(item.text, links) if links else ""
        destinations = item.extra.get("links") or {} if isinstance(item.extra, dict) else {}
        for link in links:
            dest = self._destination(link, destinations)
            verdict = self.judge(dest, item.platform)
            if verdict is None and dest is link and _lookalike_letters(doc, link):
                verdict = "lookalike", "its address is written with look-alike letters of another alphabet"
            if verdict is None and program_named and not self._is_trusted(dest.host):
                verdict = "program", f"the text names a program file (.{program_named}) that the link hands out"
            if verdict is None and adult_context and not self._is_trusted(dest.host) \
                    and dest.registrable not in self._reputable:
                verdict = "adult", "the text around it marks it as adult content"
            if verdict is None:
                continue
            rule, why = verdict
            score, severity = SCORES[rule]
            if score >= self.threshold:
                findings.append(Finding(self.label, score, severity, link.start, link.end,
                                        f"Unsafe link ({rule}): {why}.",
                                        details={"rule": rule, "host": dest.host,
                                                 **({"via": link.host} if dest is not link else {})}))
        return findings

    def _destination(self, link: Link, destinations: dict) -> Link:
        """The link a platform says a wrapped link (t.co) leads to, or the link itself when not known."""
        target = destinations.get(link.text) if isinstance(destinations, dict) else None
        if not isinstance(target, str) or not target:
            return link
        found = self._finder.find(target)
        return found[0] if found else link

    def judge(self, link: Link, platform: str = "") -> tuple[str, str] | None:
        """(rule, reason) when the link is unsafe, None when it passes."""
        host = link.host
        if self._is_trusted(host):
            return None
        if link.userinfo:
            return "userinfo", f"the address hides its real host {host} behind a user name"
        if link.is_ip:
            return "ip", "it points at a raw IP address instead of a named site"
        registrable = link.registrable
        if host in self._shorteners or registrable in self._shorteners:
            return "shortener", f"{registrable} is a URL shortener that hides where the link goes"
        if _shortener_like(link) and registrable not in self._reputable:
            return "shortener", f"{registrable} reads as a link shortener (a short name and a coded path)"
        known = self._known.get(registrable)
        if known:
            return known, f"{registrable} is a known {known} site"
        words = domain_words(link.domain)
        if link.suffix in ADULT_SUFFIXES or ADULT_WORDS.search(link.domain) or adult_words(words):
            return "adult", f"the domain {registrable} is an adult site by its name or suffix"
        if link.suffix in GAMBLING_SUFFIXES or GAMBLING_WORDS.search(link.domain) or gambling_word(words):
            return "gambling", f"the domain {registrable} is a gambling site by its name or suffix"
        ext = _EXTENSION.search(link.path.split("?", 1)[0].split("#", 1)[0].lower())
        if ext and ext.group(1) in PROGRAM_EXTENSIONS:
            return "program", f"it downloads a program file (.{ext.group(1)}) directly"
        if registrable not in self._reputable:
            why = self._lookalike.check(link)
            if why:
                return "lookalike", why
        if registrable not in self._reputable:
            risk = self._risk.assess(link)
            if risk.disguised:
                return "impersonation", (f"{registrable} writes the brand name {risk.brand!r} with look-alike "
                                         f"characters ({risk.disguised!r})")
            if risk.brand and risk.action:
                return "impersonation", f"{registrable} puts the brand name {risk.brand!r} beside {risk.action!r}"
            if risk.score >= RISKY_AT:
                return "risky", f"{registrable} has the marks of a phishing host ({', '.join(risk.features)})"
        if ext and ext.group(1) in ARCHIVE_EXTENSIONS:
            return "archive", f"it downloads an archive (.{ext.group(1)}) directly"
        return None

    def _is_trusted(self, host: str) -> bool:
        return any(host == t or host.endswith("." + t) for t in self._trusted)


def _program_file(text: str, links: list[Link]) -> str:
    """The extension of a program file the text names outside its links ("open Photos_2026.scr"), or ''.

    A link beside it hands that file out, whatever host serves it (a shared drive, a file host): a direct download
    of a program, as much as a link ending in ".exe".
    """
    for m in _PROGRAM_FILE.finditer(text):
        if not any(link.start <= m.start() < link.end for link in links):
            return m.group(1).lower()
    return ""


def _shortener_like(link: Link) -> bool:
    """Whether a link has a shortener's shape: a short name, no subdomain but www, one code as its whole path.

    A name that says it shortens ("tinyurl", "qklnk": :data:`_SHORTENING_NAME`) or an ending sold for short
    links (".link") needs only a path of one token.
    """
    m = _CODE_PATH.fullmatch(link.path or "")
    if m is None or link.subdomain not in ("", "www"):
        return False
    code = m.group(1)
    if _SHORTENING_NAME.search(link.domain) or link.suffix in LINK_SUFFIXES:
        return True
    mixed = code != code.lower() and code != code.upper()
    generated = (mixed and any(c.isdigit() for c in code)) or len(_SWITCH.findall(code)) >= 3
    return len(link.domain) <= SHORT_NAME and _CODE.fullmatch(code) is not None and generated


def _lookalike_letters(doc, link: Link) -> bool:
    """Whether the link as written held Cyrillic or Greek letters that the preparation folded to Latin ones.

    The engine folds look-alike letters inside Latin words before the detectors read the text, so "bbс.co.uk"
    with a Cyrillic "с" reads here as the trusted bbc.co.uk; the original text shows the disguise (an IDN
    homograph attack), and a link that mixes alphabets that way is never an ordinary one.
    """
    prepared = getattr(doc, "user_data", {}).get("prepared") if doc is not None else None
    if prepared is None or not prepared.changed:
        return False
    start, end = prepared.to_original(link.start, link.end)
    return any(ord(ch) > 127 and unicodedata.name(ch, "").startswith(("CYRILLIC", "GREEK"))
               for ch in prepared.original[start:end])
