"""Risk features of a link to a domain nobody has vouched for.

An unknown domain is not unsafe by itself. ``LinkRisk.assess(link)`` adds up what phishing
hosts share: a cheap, much-abused suffix, an action word in the host (login, verify, refund,
claim, secure, account, payment...), several hyphens, digits among the letters, a login- or
payment-style path and a random-looking label. A brand that targets UK families (from
``data/link_brands.txt``, any length: NHS, DPD, HMRC, Royal Mail) written in the host beside
an action word is an impersonation on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from detectors.link_extract import Link

DATA = Path(__file__).resolve().parent / "data"

ACTION_WORDS = frozenset(
    "login logon signin verify verification validate refund refunds rebate claim claims secure security "
    "account accounts payment payments pay billing unlock confirm update renew renewal redelivery "
    "redeliver reschedule rebook delivery parcel tracking track fee fees fine penalty grant support helpdesk "
    "portal auth wallet reward rewards bonus booking appointment appointments "
    # lures: something free or owed, and money that must be paid
    "free freebie giveaway voucher vouchers offer offers prize prizes winner gift gifts apply tax money debt "
    "overdue arrears "
    # the same lures in the community languages: free (gratis, darmowy, nemokamai, zadarmo), win (wygraj, ganhe,
    # castiga, laimek), claim (odbierz), vouchers and gifts (bony, bonuri, cupom, dary, prezent, regalo, premio)
    "gratis gratuit gratuito darmowy darmowe darmowa nemokamai zadarmo zdarma bezplatno wygraj wygrana ganhe "
    "ganha gana castiga laimek odbierz bony bonuri cupom cupon dary prezent prezenty regalo regalos premio premiu "
    "nagroda nagrody "
    # paying, delivery and signing in, in the same languages: the parcel and bank texts families get in them
    # (doplata, oplata, platnosc: Polish surcharge, fee, payment; livrare, plata, taxa: Romanian delivery, payment,
    # fee; entrega, pagamento: Portuguese; logowanie, zaloguj: Polish sign-in; pristatymas: Lithuanian delivery)
    "doplata oplata platnosc platnosci livrare plata taxa entrega pagamento logowanie zaloguj pristatymas "
    # Welsh: payment (taliad, talu), claim (hawlio), free (am ddim), prize (gwobr), refund (ad-daliad)
    "taliad taliadau talu hawlio amddim gwobr gwobrau addaliad "
    # what a fake shop or a currency generator promises
    "cheap clearance outlet generator coins withdraw "
    # what scams promise children: game currency and skins
    "robux vbucks skins gems "
    # invitations to join or register: fake group chats, lotteries and surveys
    "invite invites join register registration signup".split())
# Second-level names sold to look like a national suffix ("school-fees.uk.com"): as risky as a cheap suffix.
PSEUDO_NATIONAL = frozenset("uk.com uk.net gb.com gb.net us.com eu.com co.com uk.co de.com".split())
_PATH_WORDS = re.compile(r"/(?:[\w-]*[-_/])?(?:log-?in|log-?on|sign-?in|verify|verification|account|payment|"
                         r"pay|secure|billing|update|confirm|refund|claim|apply|redeliver\w*|wp-login|webscr|"
                         r"auth|password|reset)(?:[-_./?#]|$)", re.IGNORECASE)
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}")
_MIXED_DIGITS = re.compile(r"[a-z]+\d+[a-z]+\d|\d+[a-z]+\d+[a-z]")
_VOWELS = frozenset("aeiouy")

WEIGHTS = {"risky suffix": 0.3, "action word": 0.3, "hyphens": 0.15, "digits": 0.15, "login path": 0.3,
           "random label": 0.3, "brand name": 0.3}
RISKY_AT = 0.6  # a sum of at least two strong features


@dataclass(frozen=True)
class Brand:
    """One brand: the names it is written as in a host, and its official domains."""

    names: tuple[str, ...]
    domains: tuple[str, ...]


def read_brands(path: Path = DATA / "link_brands.txt") -> list[Brand]:
    """The brands of ``link_brands.txt`` ("name [name...] | domain [domain...]" a line)."""
    brands = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        names, _, domains = line.partition("|")
        brands.append(Brand(tuple(names.split()), tuple(domains.split())))
    return brands


def read_suffixes(path: Path = DATA / "link_risky_suffixes.txt") -> frozenset[str]:
    """The much-abused suffixes, one a line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip().lower() for s in lines if s.strip() and not s.startswith("#"))


@dataclass
class Assessment:
    """What was found in one host: the features with their weights, and a brand beside an action word."""

    features: dict[str, float] = field(default_factory=dict)
    brand: str = ""
    action: str = ""
    disguised: str = ""  # a brand's name written with look-alike characters, as written ("paypa1", "robIox")

    @property
    def score(self) -> float:
        """The sum of the feature weights."""
        return round(sum(self.features.values()), 3)


def word_at_edge(part: str, words: frozenset[str]) -> str:
    """The word of ``words`` that ``part`` is, starts or ends with (the rest a word too), or ''."""
    if part in words:
        return part
    for i in range(2, len(part) - 1):
        head, tail = part[:i], part[i:]
        if head in words or tail in words:
            return head if head in words else tail
    return ""


class LinkRisk:
    """Scores the host and path of a link by the features phishing hosts share."""

    def __init__(self, brands: list[Brand], risky_suffixes: frozenset[str]) -> None:
        self._names = frozenset(n for b in brands for n in b.names)
        self._official = frozenset(d for b in brands for d in b.domains)
        self._suffixes = risky_suffixes

    def assess(self, link: Link) -> Assessment:
        """The risk features of ``link`` (its registrable domain assumed not to be trusted)."""
        found = Assessment()
        if link.registrable in self._official:
            return found
        labels = [x for x in (link.subdomain.split(".") + [link.domain]) if x and x != "www"]
        parts = [p for label in labels for p in label.split("-") if p]
        if disguised := self._disguised(link):
            return Assessment(disguised=disguised[0], brand=disguised[1])
        joined = ([a + b + c for a, b, c in zip(parts, parts[1:], parts[2:], strict=False)]  # "cost-of-living"
                  + [a + b for a, b in zip(parts, parts[1:], strict=False)] + parts)
        found.brand = next((p for p in joined if p in self._names), "") or next(
            (p[:-1] for p in parts if p.endswith("s") and p[:-1] in self._names and len(p) > 4), "") or next(
            (b for p in parts if len(p) > 4 and (b := _brand_in(p, self._names))), "")
        found.action = next((w for p in parts if (w := word_at_edge(p, ACTION_WORDS))), "")
        if not found.brand and found.action:  # "nhsapp-verify": a brand joined to a service word
            found.brand = next((b for p in parts if (b := _brand_with_service(p, self._names))), "")
        if found.brand and found.brand in found.action:
            found.action = ""
        if found.brand and not found.action:  # "royalmail-uk", "hmrc-online": the brand's name and a service word
            found.action = next((p for p in parts if p in SERVICE_WORDS and p not in found.brand), "")
        feats = found.features
        if link.suffix.rsplit(".", 1)[-1] in self._suffixes or link.registrable in PSEUDO_NATIONAL:
            feats["risky suffix"] = WEIGHTS["risky suffix"]
        if found.action:
            feats["action word"] = WEIGHTS["action word"]
        if found.brand:
            feats["brand name"] = WEIGHTS["brand name"]
        if link.domain.count("-") >= 2:
            feats["hyphens"] = WEIGHTS["hyphens"]
        if _MIXED_DIGITS.search(link.domain) or (any(c.isdigit() for c in link.domain)
                                                 and any(c.isalpha() for c in link.domain) and "-" in link.domain):
            feats["digits"] = WEIGHTS["digits"]
        if _PATH_WORDS.search(link.path.split("?", 1)[0]):
            feats["login path"] = WEIGHTS["login path"]
        if _random_looking(link.domain):
            feats["random label"] = WEIGHTS["random label"]
        return found

    def _disguised(self, link: Link) -> tuple[str, str] | None:
        """(as written, brand) when a word of the host is a brand's name with digits or a capital I for letters.

        "paypa1-secure", "amaz0n-giftcards", "robIox-free": nobody writes a brand's own name that way but to pass
        for it. The word is read as written (a capital I among small letters is an l).
        """
        at = link.text.lower().find(link.host)
        written = link.text[at:at + len(link.host)] if at >= 0 else link.host
        words = [w for w in re.split(r"[.\-]", written) if w]
        for word in words:
            plain = "".join(_LOOKALIKE_CHARS.get(c, c) for c in (word if word.islower() or not any(
                c.islower() for c in word) else word.replace("I", "l"))).lower()
            if plain != word.lower() and len(plain) >= 3 and plain.isalpha() and plain in self._names:
                return word, plain  # "g0v", "nh5", "paypa1"
            if word.lower() not in self._names:  # letter pairs that read as one letter: "royalrnail", "vvise"
                merged = word.lower()
                for pair, letter in LOOKALIKE_PAIRS:
                    merged = merged.replace(pair, letter)
                if merged != word.lower() and merged in self._names:
                    return word, merged
        return None


#: Digits written for the letters they resemble in a disguised name ("paypa1", "amaz0n", "n3tflix").
_LOOKALIKE_CHARS = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "|": "l"}
#: Pairs of letters written for the one they resemble ("royalrnail", "vvhatsapp"); only a brand name that needs the
#: swap to appear counts, so the "rn" of "learn" is never read as an "m".
LOOKALIKE_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def _brand_in(part: str, names: frozenset[str]) -> str:
    """A brand name that ``part`` starts or ends with when the rest is an action word ("hmrcrefund")."""
    for i in range(2, len(part) - 1):
        head, tail = part[:i], part[i:]
        if head in names and word_at_edge(tail, ACTION_WORDS):
            return head
        if tail in names and word_at_edge(head, ACTION_WORDS):
            return tail
    return ""


# Words a brand's own services are named with ("nhsapp", "hmrconline", "ukdvla"): joined to a brand name
# they still name the brand.
SERVICE_WORDS = frozenset("app apps uk gb online web hub info direct service services team mail net site care "
                          "gov".split())


def _brand_with_service(part: str, names: frozenset[str]) -> str:
    """A brand name (three letters or more) that ``part`` starts or ends with, the rest a service word."""
    for i in range(3, len(part) - 1):
        head, tail = part[:i], part[i:]
        if head in names and tail in SERVICE_WORDS:
            return head
        if tail in names and len(tail) >= 3 and head in SERVICE_WORDS:
            return tail
    return ""


def _random_looking(label: str) -> bool:
    """Whether a label reads as generated rather than chosen: no vowels to speak of, or digits woven in."""
    flat = label.replace("-", "").lower()
    if len(flat) < 8 or not flat.isascii():
        return False
    vowels = sum(c in _VOWELS for c in flat)
    return bool(_CONSONANT_RUN.search(flat)) or vowels / len(flat) < 0.2 or bool(_MIXED_DIGITS.search(flat))
