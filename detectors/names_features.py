"""The cues around one candidate name, as the features the named_child model weighs; and the vetoes.

A veto is a rule, not a weight: an adult title, a staff name, a work or a date, a place, club or
organisation reading, a class or house name on its own, and a misspelling with no cue beside it end the
candidate (``None``). Everything else becomes a feature (0 or 1) that
:class:`detectors.names_model.CueModel` turns into a score.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from detectors.names_candidates import (
    FUZZY,
    INITIALS,
    OPENING_NEXT,
    OTHER_LANGUAGE,
    SURNAME_ALONE,
    Candidate,
    starts_sentence,
)
from detectors.names_context import NON_PERSON_ENTS, PLACE_POSSESSIVE, players_own_score, reads_as_place_or_club
from detectors.names_context_model import feature
from detectors.names_item_cues import (
    AGE_RIGHT_AFTER,
    CHILD_AGE,
    CREATOR_BEFORE,
    FIGURE_OF_AFTER,
    LITTLE_AFTER,
    LITTLE_BEFORE,
    PLACE_TOPIC_AFTER,
    REGNAL_AFTER,
    ROMAN,
    item_cues,
    shape,
)
from detectors.names_lexicon import (
    ABSENCE_AFTER,
    ADDRESSED_AFTER,
    ADULT_ROLES,
    AFTER_BELONGING,
    AFTER_KIN,
    AFTER_STRONG,
    AFTER_VERB,
    AFTER_WEAK,
    COMMON_WORD_NAMES,
    FUNCTION_WORDS,
    ITEM_CHILD_WORDS,
    KIN_BEFORE,
    ORG_WORDS,
    OUR_AFTER,
    OUR_BEFORE,
    OWN_AFTER_CY,
    OWN_BEFORE,
    PRAISE_BEFORE,
    ROLE_BEFORE,
    TITLES,
    TOPIC_WORDS,
    YEAR_NEAR,
)
from detectors.names_roster import FIRST, FULL, INITIAL, NICK, SURNAME
from detectors.names_school import english_words
from detectors.names_shape import initial_reads_as_one, is_work_or_date
from detectors.names_uncased import in_another_language, known_word

HOWS = (FULL, INITIAL, FIRST, NICK, SURNAME, FUZZY, "other_full", "person", "slot", SURNAME_ALONE, INITIALS)
# Every feature, in the order of the model file's weights.
FEATURES = tuple(f"how={h}" for h in HOWS) + (
    "on_roster", "common_word", "multiword", "strong", "adjacent", "off_roster_strong",
    "kin", "credited", "year_near", "group_near", "age_near", "surname_year",
    "weak", "praise", "roster_verb", "absent", "photo_roster", "item_children",
    "item_children_named", "lower_case", "capitalised_mid", "slot_lower", "slot_capitalised_mid",
    "not_initial", "item_kin", "item_event", "item_praise", "item_activity", "item_good", "item_topic", "little",
    "all_caps", "english_word",
    "possessive", "exclaimed", "subject", "epithet", "fuzzy_with_surname", "diminutive_form", "our_before",
    "off_roster_group", "opening", "pair", "other_language", "addressed", "context",
)
# A vetoed first name, near miss or lower-case word-name of the roster still reaches the model when the learned
# context reader (:mod:`detectors.names_context_model`) says its surroundings speak of a child at least this
# surely. A name off the roster never passes a veto this way: "Happy birthday Bob Newhart, a comedy legend" reads
# like a child's birthday to the reader, and only the roster says who the school's children are. Chosen on the
# invented schools held out and the training public comments (training/README).
CONTEXT_PASS = 0.7
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_MY_BEFORE = re.compile(r"\bmy\s+$", re.I)  # "my justice got the attendance award": a parent's own child
# "Galaxy S4", "Xperia S2": a model number, not a Scottish year group, right after a word.
_MODEL_NUMBER = re.compile(r"^\s[A-Z]\d\b")
# "my little brother Alfie": a sibling, not the title Brother or Sister; "our princess Isla", "my little prince
# Noah": a parent's endearment, not the title Princess or Prince.
_ORDINAL_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th)\W*$", re.I)
_SIBLING_BEFORE = re.compile(r"\b(?:my|our|his|her|their|your|me|ma|oor|wor)\s+(?:\w+\s+)?"
                             r"(?:brother|sister|princess|prince)\s*,?\s*$", re.I)


@dataclass
class ItemView:
    """What the features read of the item beyond the candidate: computed once per item, lazily."""

    text: str
    photo: bool
    by_school: bool
    _seen: dict[str, bool] = field(default_factory=dict)

    @property
    def cues(self) -> dict[str, bool]:
        """The item-wide cues (:func:`detectors.names_item_cues.item_cues`), read once."""
        if "item_kin" not in self._seen:
            self._seen.update(item_cues(self.text))
        return {k: v for k, v in self._seen.items() if k.startswith("item_")}

    @property
    def mentions_children(self) -> bool:
        """Whether the item speaks of children anywhere ("the kids", "playground")."""
        if "children" not in self._seen:
            self._seen["children"] = bool(ITEM_CHILD_WORDS.search(self.text))
        return self._seen["children"]


def cue_features(cand: Candidate, item: ItemView, token, names,
                 reader: Callable[[], float] | None = None) -> dict[str, float] | None:
    """The candidate's features, or None when a rule vetoes it; adds readable cues to ``cand.cues``.

    ``token`` is spaCy's token at the start of the candidate (or None); ``names`` the school's
    :class:`detectors.names_school.SchoolNames`; ``reader`` gives the learned context reader's probability for
    the candidate (``reader``: asked at most once; None: no reader, the vetoes decide alone).
    """
    text = item.text
    read: list[float] = []

    def child_context() -> float:
        """The context reader's probability, computed on first use."""
        if reader is None:
            return 0.0
        if not read:
            read.append(reader())
        return read[0]

    name = text[cand.start:cand.end]
    before, after = text[max(0, cand.start - 50):cand.start], text[cand.end:cand.end + 50]
    prev = (_WORD.findall(before) or [""])[-1].lower().rstrip(".")
    words = name.lower().replace("’", "'").split()
    if len(words) == 1 and words[0] in FUNCTION_WORDS:
        return None  # "Mae fy merch...", "Mano dukra...": a little word of another language opening the sentence
    # "St" after a number is an ordinal ("1st Emmanuel O."), not Saint; a title that is also the roster pupil's own
    # first name ("Lola", "Nana", "Bay") opens the pupil's name, not an adult's
    titled = prev in TITLES and not _SIBLING_BEFORE.search(before) and not _ORDINAL_BEFORE.search(before)
    own_first = any(words[0] in (p.first_name.lower(), p.preferred_name.lower()) for p in cand.pupils)
    if titled or (words[0].rstrip(".") in TITLES and not own_first) or before[-1:] in ("#", "@"):
        return None
    if is_work_or_date(words, before, after) or PLACE_POSSESSIVE.match(after) or names.groups.is_group(name):
        return None  # "Oliver!", "1 May", "Robin Hood's Bay", "Snowdon won the cup"
    figure_of = FIGURE_OF_AFTER.match(after)
    if figure_of and not names.groups.is_group(figure_of.group(1)):
        return None  # "Helen of Troy", "Joan of Arc": a figure known by a place
    if REGNAL_AFTER.match(after) or PLACE_TOPIC_AFTER.match(after) or ROMAN.search(name) or (
            CREATOR_BEFORE.search(before) and not names.groups.is_group(before.split()[-1].rstrip("'’s"))):
        return None  # "Henry VIII", "the Paris trip", "Dickens' Oliver"
    nxt = re.match(r"^\s+(\w+)", after)
    if nxt and nxt.group(1).lower() in ORG_WORDS and (nxt.group(1)[0].isupper() or
                                                      nxt.group(1).lower() in ("class", "house", "team")):
        return None
    if any(w in ORG_WORDS for w in words[1:]):
        return None  # "Summer Fayre", "Grace Darling Ward": an event or a place, not a person
    owned = bool(cand.pupils) and bool(AFTER_BELONGING.match(after))  # "tilly's blue coat": a roster pupil's
    # the exclamation "Mama mia!" is not Mia's mum signing
    kin_before = bool(KIN_BEFORE.search(before)) and not (
        words[0].lower() == "mia" and re.search(r"\bmam+a\s*$", before, re.I))
    kin = "kin" in cand.cues or kin_before or bool(AFTER_KIN.match(after)) or owned
    adjacent = bool(kin_before or ROLE_BEFORE.search(before) or AFTER_STRONG.match(after))
    if cand.how != FULL and names.index.is_staff(name, pupil_name=bool(cand.pupils)) and not adjacent:
        return None  # a staff name, unless a year, form, age or "my son" beside it makes it a pupil's
    # A credited scorer is a child when on the roster, known by one name or in an item about children;
    # "Top scorer" and a stranger's full name alone may be a professional.
    credited = "credited in a match report" in cand.cues and (
        bool(cand.pupils) or len(words) == 1 or item.mentions_children)
    group = names.groups.near(text, cand.start, cand.end)
    year = bool(YEAR_NEAR.search(text, max(0, cand.start - 40), min(len(text), cand.end + 40)))
    age = bool(CHILD_AGE.search(text, max(0, cand.start - 40), min(len(text), cand.end + 40))
               or AGE_RIGHT_AFTER.match(text, cand.end))
    surname_year = cand.how in (SURNAME, INITIALS) and year  # "K. Nowak (Y9)", "Y9: K. Nowak", "K.R. yr 10"
    family = "a family name with boy or girl" in cand.cues  # "the Nowak boy": the child word sits beside the name
    adjacent = adjacent or family
    # Context right beside the name, as against a class or house name merely near it (which any capitalised word
    # beside "Dosbarth Derwen" has: off the roster that is weak evidence, a feature of its own)
    beside = kin or credited or adjacent or age or family or surname_year
    strong = beside or group
    if not strong and (prev in ADULT_ROLES or prev in TOPIC_WORDS):
        return None
    absent = bool(ABSENCE_AFTER.match(after))
    if absent:
        cand.cues.append("reported absent or ill")
        strong = strong or bool(cand.pupils)  # a roster pupil's name: the school is being told they are off
    # "our" before a name off the roster: no English word, no compound ("Birfer-in-Chief"), a name if short ("Gov")
    our_name = not after.startswith("-") and words[0] not in english_words() and (
        len(words[0]) > 3 or known_word(words[0], names.index))
    if not strong and (("our" in cand.cues and OUR_AFTER.match(after) and our_name)
                       or (cand.pupils and OUR_BEFORE.search(before) and OUR_AFTER.match(after))
                       or (cand.pupils and OWN_AFTER_CY.match(after))):
        strong = beside = True  # "our Summer in her new blazer", "Our Cormac is starting P1": British kin usage
    if not cand.pupils and not (kin or credited or group) and "our" not in cand.cues and token is not None \
            and token.ent_type_ in NON_PERSON_ENTS \
            and not (year and not _MODEL_NUMBER.match(after)):
        return None  # "Louisville (5)", "Galaxy S4": a name we do not know that spaCy reads as a place or thing
    # A roster name in a line in another language: spaCy's English reading of the line says little about it
    other_line = bool(cand.pupils) and token is not None and _other_language(token.doc)
    # a roster first name with the initial of the same pupil's surname ("went to Wiktoria L.") is no place or club
    if not strong and cand.how not in (FULL, FUZZY, INITIAL) and not other_line \
            and reads_as_place_or_club(token, before, after, cand.end):
        return None  # "Chelsea were robbed", "our trip to Jordan": a team or a place
    praise = bool(PRAISE_BEFORE.search(before)) or bool(AFTER_WEAK.match(after))
    roster_verb = bool(cand.pupils) and (bool(AFTER_VERB.match(after)) or players_own_score(token, after))
    weak = praise or absent or roster_verb
    photo_roster = item.photo and bool(cand.pupils)
    cues = item.cues
    little = bool(LITTLE_BEFORE.search(before) or LITTLE_AFTER.match(after))
    named_shape = shape(name, text, cand.start, cand.end)
    context = cues["item_kin"] or cues["item_event"] or cues["item_praise"]
    weak_context = cues["item_activity"] or cues["item_good"]
    owned_by = bool(OUR_BEFORE.search(before) or OWN_BEFORE.search(before))  # "Mój Kacperek", "our Jaydn"
    if cand.how == FUZZY and not (strong or weak or photo_roster or little or context or weak_context or year or age
                                  or owned_by or child_context() >= CONTEXT_PASS):
        return None  # a near miss of a roster name counts only with context, never alone
    lower = not name[:1].isupper()
    our = "our" in cand.cues or bool(OUR_BEFORE.search(before)) or bool(cand.pupils and OWN_BEFORE.search(before))
    pair = "a second name beside it" in cand.cues  # "ruby and daisy did the reading"
    foreign = OTHER_LANGUAGE in cand.cues or other_line
    opening = starts_sentence(text, cand.start) and bool(OPENING_NEXT.match(after))  # "april was a star"
    # a roster pupil spoken to: "caoimhe you were class", "Gruff u smashed it", "alys ti'n seren" (never an English
    # word: "Hope you are well" greets no one)
    addressed = bool(cand.pupils) and words[0] not in english_words() and bool(ADDRESSED_AFTER.match(after))
    everyday = words[0] in COMMON_WORD_NAMES or words[0] in english_words()
    if lower and len(words) == 1 and everyday \
            and not (kin or little or group or year or age or named_shape["possessive"] or (cand.pupils and (absent or
                PRAISE_BEFORE.search(before[-25:]) or our or pair or addressed
                or ((praise or opening or (_MY_BEFORE.search(before) and OUR_AFTER.match(after)))
                    and (context or weak_context))
                or (words[0] in COMMON_WORD_NAMES and child_context() >= CONTEXT_PASS)))):
        # "a girl that will make them feel better", "do me a favour", "every child is precious": a lower-case
        # everyday word is not a name; the context reader alone does not make it one when the word is not a name
        # first ("favour" is a word that names a child, "ruby" a name that is a word)
        return None
    if lower and len(words) == 1 and token is not None and token.is_stop and not name.isupper():
        return None  # "our grandchildren will pay": a lower-case function word ("will", "may") is not a name
    if cand.how in (FIRST, NICK, FUZZY, "slot") and len(words) == 1 and not (
            strong or weak or photo_roster or little or context or weak_context or year or our or pair or foreign
            or addressed or (item.mentions_children and cand.how in (FIRST, NICK))
            or child_context() >= CONTEXT_PASS):
        return None  # a first name alone ("Muhammad's article", "Come on Charlie!") needs a child cue
    if named_shape["all_caps"] and len(name) <= 3 and cand.how != INITIALS and not (
            cand.pupils and (kin or adjacent) and name in {p.preferred_name for p in cand.pupils}):
        return None  # "ED", "MO": an acronym as likely as a name (not the roster's own "JJ" beside "'s dad")
    if cand.how in (SURNAME, INITIALS) and not (surname_year or group or kin):
        return None  # "K. Nowicka wrote to the council": an initial and a surname need a year group or a class
    if not cand.pupils and not (strong or little or our or year or pair or foreign):
        return None  # a name not on the roster needs child context: "Congrats Amira!" alone may be anyone
    mid = not lower and not starts_sentence(text, cand.start)
    children = item.mentions_children
    named_children = children and (cand.how in (INITIAL, FIRST) or (cand.how == "other_full" and weak))
    cand.cues += ["child context beside the name"] * strong + ["praise or action beside the name"] * weak
    cand.cues += ["a class or house beside the name"] * group + ["a photo on the item"] * photo_roster
    cand.cues += ["children mentioned in the item"] * named_children + ["little beside the name"] * little
    cand.cues += ["kin, a school event or praise elsewhere in the item"] * context
    cand.cues += ["the name spoken to"] * addressed
    feats = {
        f"how={cand.how}": 1.0, "on_roster": bool(cand.pupils), "common_word": words[0] in COMMON_WORD_NAMES,
        # strong context on and off the roster as separate features: one shared "strong" was learned from the roster's
        # names and left nothing for a child off the roster (whose own weight sat at its bound of zero)
        "multiword": len(words) > 1, "strong": strong and bool(cand.pupils),
        "adjacent": adjacent or credited or bool(AFTER_KIN.match(after)) or owned,
        "off_roster_strong": beside and not cand.pupils, "credited": credited, "kin": kin, "year_near": year,
        "group_near": group,
        "age_near": age,
        "surname_year": surname_year, "weak": weak, "praise": praise, "roster_verb": roster_verb,
        "absent": absent, "photo_roster": photo_roster,
        "item_children": children, "item_children_named": named_children, "lower_case": lower,
        "capitalised_mid": mid, "slot_lower": cand.how == "slot" and lower,
        "slot_capitalised_mid": cand.how == "slot" and mid,
        "not_initial": cand.how == INITIAL and not initial_reads_as_one(name, after),
        **cues, "little": little, "english_word": words[0].strip("'") in english_words(),
        "fuzzy_with_surname": cand.how == FUZZY and len(words) > 1, "diminutive_form": "diminutive" in cand.cues,
        "our_before": our, "off_roster_group": group and not beside and not cand.pupils,
        "opening": opening, "pair": pair, "other_language": foreign, "addressed": addressed, **named_shape,
    }
    if reader is not None:
        feats["context"] = feature(child_context())
    return {k: float(v) for k, v in feats.items() if v}


def _other_language(doc) -> bool:
    """:func:`in_another_language` of the item's Doc, read once per item (every candidate asks)."""
    cached = doc.user_data.get("names_other_language")
    if cached is None:
        cached = doc.user_data["names_other_language"] = in_another_language(doc)
    return cached
