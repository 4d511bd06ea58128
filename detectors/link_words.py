"""The words of a domain name written without spaces: "hotlocaldates" is hot, local, dates.

Hosts join their words ("betbonus", "cheapnikeoutlet", "royalmailredelivery"), so a word list matched at hyphens
misses most of them, and one matched anywhere inside the name reads "essex" as sex and "alphabet" as a bet. The
split is wordninja's (a most-likely segmentation by English word frequencies, bundled with the package, no network):
"sussexscouts" is sussex, scouts; "expertsexchange" is experts, exchange.

Which words make a site adult or gambling is said here, once; the unsafe_link detector reads it.
"""

from __future__ import annotations

from functools import lru_cache

import wordninja

#: Words that name an adult site wherever they stand in its name.
ADULT = frozenset("porn porno xxx sex nude nudes escort escorts cams webcam webcams milf milfs hentai nsfw "
                  "hookup hookups 18plus over18".split())
#: A dating word is an adult site only beside a come-on word ("hotlocaldates", "meet-singles-now"): a dating
#: word alone may be a matchmaking agency or a club's "dates" page.
DATING = frozenset("dating dates singles flirt flirts fling flings".split())
COME_ON = frozenset("hot local meet naughty sexy lonely horny casual milf milfs tonight".split())
#: Words that name a gambling site ("betbonus", "freebets", "megaspins", "pokerroom").
GAMBLING = frozenset("bet bets betting casino casinos poker bingo jackpot jackpots roulette blackjack sportsbook "
                     "slots spins freespins gamble gambling wager wagers lotto rummy".split())
#: A word that makes the next one a paid-dating (adult) name: "sugardaddy-uk", "sugar-babes".
_SUGAR_PARTNERS = frozenset("daddy daddies mummy mummies mommy baby babies babe babes".split())
_SHORTEST = 4  # a shorter part is its own word ("bet", "uk", "xxx")


@lru_cache(maxsize=8192)
def domain_words(name: str) -> tuple[str, ...]:
    """The words of a host's name (one or more labels, split at dots and hyphens first), lower-case.

    A punycode label ("xn--...") is not English and has no words here.
    """
    words: list[str] = []
    for label in name.lower().split("."):
        if label.startswith("xn--"):
            continue
        for part in label.split("-"):
            if part:
                words.extend(wordninja.split(part) if len(part) >= _SHORTEST else [part])
    return tuple(words)


def adult_words(words: tuple[str, ...]) -> str:
    """The word (or pair) that makes a name an adult site's, or ''."""
    hit = next((w for w in words if w in ADULT), "")
    if hit:
        return hit
    sugar = next((f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
                  if a == "sugar" and b in _SUGAR_PARTNERS), "")
    if sugar:
        return sugar
    dating = next((w for w in words if w in DATING), "")
    come_on = next((w for w in words if w in COME_ON), "")
    return f"{come_on} {dating}" if dating and come_on else ""


def gambling_word(words: tuple[str, ...]) -> str:
    """The word that makes a name a gambling site's, or ''."""
    return next((w for w in words if w in GAMBLING), "")
