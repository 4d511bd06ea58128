"""Mild swearing aimed at no one ("pissing it down at pick-up", "bollocks, forgot it was non-uniform day").

The label guide counts an item as abuse when it insults, threatens or harasses someone, or is obscene. Words
such as "crap", "piss", "bollocks", "arse" and "shit" are how many parents describe the weather, the traffic or
their own mistakes; with no one for them to land on they insult no one, and the evaluation sets' writers leave
them clean. Stronger words ("fuck", "cunt", "twat") stay abuse wherever they are (several writers count them as
obscene on a school's page), and so does any mild word near a person it may be aimed at: a pronoun, a name, a
member of staff or a school role, or the school itself ("this school is shit").
"""

from __future__ import annotations

import re

from detectors.learned_layer import about_school_people
from detectors.text_threat_context import laughing

#: The words that, aimed at no one, are mild swearing (as the abuse lexicon's normalised text spells them).
MILD_WORDS = re.compile(r"(?:shit|shite|shitty|crap|crappy|bollocks|arse|piss|pissed|pissing)")
# Someone the words may be spoken to, anywhere in the item.
_SPOKEN_TO = re.compile(r"\b(?:you|u|ur|your|youre|ya|yer|yall|you\s+lot)\b")
# Someone or something of the school the words may land on, beside them ("this school is shit", "he's crap").
_TARGET = re.compile(
    r"\b(?:he|she|him|her|hes|shes|they|them|their|theyre|his|it'?s\s+(?:all\s+)?(?:a\s+)?(?:load|pile)|"
    r"(?:this|the|that|your|ur|their)\s+(?:\w+\s+)?(?:school|academy|head|headteacher|teachers?|staff|governors?|"
    r"council|pta|office|management|place|lot|decision|policy|rule|idea|post|page)|"
    r"school|academy|primary|college|head|teachers?|staff|governors?|idiots?|people|parents?)\b")
# Right before the word: it names a thing or talk being disparaged, not the weather or a slip.
_DISPARAGED = re.compile(r"\b(?:this|that|the|your|ur|their|such|talking|talk|talks|talkin|full\s+of|load\s+of|"
                         r"pile\s+of|bunch\s+of|give|take|new|more|of)\s+(?:[a-z]+\s+)?$")
_BESIDE = 30  # characters either side of a swear word in which a target makes it aimed
_PERSON_ENTS = ("PERSON", "NORP")


def aimed_at_no_one(text: str, hits, doc, staff: tuple[str, ...] = ()) -> bool:
    """Whether every scoring hit is a mild swear word and nobody is near for it to be aimed at.

    ``text`` is the abuse detector's normalised text, ``hits`` its lexicon and phrase hits (category, score, name,
    start, end), ``doc`` spaCy's reading of the item (a person or a nationality it names beside the word is a target).
    """
    scoring = [h for h in hits if h.score >= 0.5]
    if not scoring or any(h.category != "obscenity" or not MILD_WORDS.fullmatch(h.name) for h in scoring):
        return False
    if _SPOKEN_TO.search(text):
        return False
    for h in scoring:
        if _DISPARAGED.search(text, max(0, h.start - 30), h.start):
            return False  # "this crap", "talking shit", "a load of crap": something or someone disparaged
        lo, hi = max(0, h.start - _BESIDE), min(len(text), h.end + _BESIDE)
        if _TARGET.search(text, lo, hi) or about_school_people(text[lo:hi], staff):
            return False
        if any(e.label_ in _PERSON_ENTS and e.start_char < hi and e.end_char > lo for e in getattr(doc, "ents", ())):
            return False
    return True


#: Mild names friends call each other ("you numpty", "shut up u melt"), as the abuse lexicon's text spells them.
MILD_INSULTS = re.compile(r"(?:numpty|numpties|melt|muppet|plonker|wally|div|dork|doughnut|donut|nugget|weirdo|"
                          r"silly\s+\w+|shut\s+up|idiot|nutter|nutcase|pillock|dafty|eejit|eedjit|wazzock)")
_AFFECTION = re.compile(r"\b(?:love\s+(?:ya|you|u|yaa+)|luv\s+(?:ya|you|u)|lysm|ily|see\s+(?:ya|you|u)\s+(?:at|later|"
                        r"tomorrow|tmrw|2moro|soon)|bless\s+(?:ya|you|u|him|her)|only\s+joking|jk|xx+)\b|"
                        r"[\u2764\U0001F495\U0001F496\U0001F497\U0001F618\U0001F970\U0001F917]")


def affectionate_banter(text: str, hits) -> bool:
    """Whether every scoring hit is a mild name friends call each other, and the item laughs and shows affection.

    "you forgot the cakes AGAIN you numpty 😂 love ya", "shut up u melt 😂 see u at pick up".

    Laughter alone is not enough ("you're such a muppet 😂 everyone's laughing at you" is mockery); a hateful,
    obscene or threatening word anywhere keeps the item abuse.
    """
    scoring = [h for h in hits if h.score >= 0.5]
    if not scoring or not all(h.category == "insult" and MILD_INSULTS.fullmatch(h.name) for h in scoring):
        return False
    return bool(_AFFECTION.search(text)) and laughing(text, 0, len(text))
