"""Where a name may be: the spans the named_child detector scores, and how each was found.

Candidates come from five places: the school's roster (full names, first and preferred names, first name and
initial, nicknames), near misspellings of roster first names (:mod:`detectors.names_fuzzy`), spaCy's PERSON
entities in the shared Doc, capitalised words in a child slot ("my daughter ___", "___ (Year 4)", "___ in 9R",
"___'s mum", "___ in Owls" with a class or house of the school's configuration), names credited in a match
report, and what the capital letters miss (:mod:`detectors.names_uncased`: lower-case and other-script names,
lines in other languages, "the Nowak boy", initials beside a form). Finding a span decides nothing:
:mod:`detectors.names_features` reads its cues and the model scores them.
"""

from __future__ import annotations

import re

from detectors.names_forms import other_forms
from detectors.names_lexicon import (
    AFTER_BELONGING,
    AFTER_KIN,
    AFTER_STRONG,
    BARE_YEAR_AFTER,
    COMMON_WORD_NAMES,
    FUNCTION_WORDS,
    KIN_BEFORE,
    KIN_PHRASE,
    ORG_WORDS,
    OUR_AFTER,
    ROLE_NOUNS,
    SPORT_CREDIT,
    WEEKDAYS,
    YEAR_WORDS,
)
from detectors.names_roster import FIRST, NICK
from detectors.names_school import english_words, given_names, world_names
from detectors.names_shape import name_like, plural_noun
from detectors.names_spans import CHAIN, OPENING_NEXT, SUBJECT_NEXT, Candidate, Candidates, starts_sentence
from detectors.names_text import TokenAt, may_hold_kin
from detectors.names_uncased import (
    INITIALS,
    OTHER_LANGUAGE,
    SURNAME_ALONE,
    family_names,
    in_another_language,
    lower_names,
    mark_pairs,
    text_speak_names,
)
from detectors.text_normalize import latin_folded

__all__ = ["FUZZY", "INITIALS", "OPENING_NEXT", "OTHER_LANGUAGE", "SURNAME_ALONE", "Candidate", "Candidates",
           "find_candidates", "in_another_language", "lower_name_after_kin", "starts_sentence"]

FUZZY = "misspelt_first_name"  # a near miss of a roster first name ("Jaden" for "Jayden")
_CAP_NAME = re.compile(r"(?<![\w@#/.])[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)?(?![\w@]|['’][a-z]{2})")
_PREV_CAP = re.compile(r"(?<![\w@#/.])([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)\s+$")
# The capitalised word after a name, in any alphabet and with capitals inside ("Tom Horton's", "Rory McIlroy",
# "Rūta Meilutytė", "Seán O'Hara"): a surname (the first letter is checked in :func:`_next_capitalised`)
_NEXT_CAP = re.compile(r"[ \t]+([^\W\d_][^\W\d_]+(?:[-'’][^\W\d_]+)?)(?:\b(?!['’])|(?=['’]s\b))")
_PREV_GIVEN = re.compile(r"(?<![\w'’])([A-Z][a-z]+)[ \t]+$")  # a capitalised word right before a name
_NAME_AT = re.compile(r"[A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)?\b")
# A year group's word and its number ("Bl 4", "Bl. 11", "Yr 2", "Rang 3", "Dosbarth 5"): never a name's part.
_YEAR_NEXT = re.compile(r"(?:{})\.?\s?\d".format("|".join(sorted(YEAR_WORDS, key=len, reverse=True))), re.I)
_LABELLED = re.compile(r"\s*\(")  # "Will (Year 4)": a parenthesised label follows the word
_PLACE_ENTS = frozenset(("GPE", "LOC", "FAC", "NORP"))
# A match report's list of players: "Amira (2), Jess Lee, Kayla x2 and Sam"
_PLAYER = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)?\b(?!['’]\w\w)")
_PLAYER_NEXT = re.compile(r"(?:\s*\(\s*x?\d+\s*\)|\s+x\s?\d+\b)?\s*(?:,|and\b|&|\+)\s*(?:and\s+)?(?=[A-Z])")
# Capitalised words before a name that are not its first name ("Little Poppy (4)").
# Not the first word of a hyphenated compound ("our Commander-in-Chief", "our Mother-in-law").
_OUR_NAME = re.compile(r"\b[Oo]ur\s+(?:little\s+|wee\s+|lil\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?!['’][a-z]{2}|-)")
_NOT_FIRST_NAMES = frozenset("little lil wee baby tiny young our my".split())
_LEADING_NOT_NAME = frozenset("head deputy boy girl prefect pupil student captain well done congratulations "
                              "congrats meet call dear hi hello thanks cheers go".split())
# spaCy often takes the words before a lower-case name into the PERSON entity ("nephew kai", "ma wee grandson
# finlay"): possessives, little words and kin words are not part of the name.
_LEADING_KIN = frozenset("my me ma mah mi our oor wor his her their your wee lil little baby big young "
                         "son daughter nephew niece grandson granddaughter granson grandaughter cousin stepson "
                         "stepdaughter brother sister bro sis lad boy girl twin kid".split())


def _next_capitalised(text: str, end: int):
    """The match of a capitalised word (not all capitals) right after ``end``, or None."""
    nxt = _NEXT_CAP.match(text, end)
    word = nxt.group(1) if nxt else ""
    return nxt if word[:1].isupper() and not word.isupper() else None


# A possessive written without its apostrophe before a child's things or people ("jaxons class", "Lilys mum"): the
# stem is read as the name when it is a roster form and the whole word is not one ("Ellis" stays Ellis).
_BARE_POSSESSIVE = re.compile(r"\b([^\W\d_]{3,})s(?=\s+(?:class|teacher|mum|mam|mummy|dad|daddy|nan|nana|nanny|"
                              r"gran|granny|grandma|grandad|party|birthday|coat|jumper|bag|book\s?bag|lunchbox|"
                              r"water\s+bottle|shoes|trainers|pe\s+kit|kit|homework|reading\s+book|friends?)\b)",
                              re.IGNORECASE)


def _possessives_as_names(text: str, forms) -> str:
    """``text`` with the "s" of each bare possessive of a roster name turned into an apostrophe (same length).

    Not where the whole word is a roster name or an English word.
    """
    def sub(m: re.Match) -> str:
        stem = m.group(1)
        word = m.group(0).lower()
        if stem.lower() in forms and word not in forms and word not in english_words():  # "the miles class"
            return stem + "'"
        return m.group(0)
    return _BARE_POSSESSIVE.sub(sub, text) if "s " in text else text


def find_candidates(school_names, text: str, doc, tokens: TokenAt) -> Candidates:
    """Every span of ``text`` that may name a child; ``school_names`` is the detector's compiled school."""
    index, groups = school_names.index, school_names.groups
    cands = Candidates()
    for m in index.find(_possessives_as_names(text, index.forms)):
        if any(c.how == "other_full" for c in cands.overlapping(m.start, m.end)):
            continue  # the surname of someone else's full name ("Michael Jordan" when Michael is on the roster too)
        nxt = _next_capitalised(text, m.end)
        if m.form in (FIRST, NICK) and m.first_token in COMMON_WORD_NAMES and nxt \
                and nxt.group(1).lower() in index.forms:
            continue  # "Hope Faith feels better": an everyday word, then the name; judge the name
        if m.form in (FIRST, NICK) and nxt and nxt.group(1).lower() not in ORG_WORDS \
                and not _YEAR_NEXT.match(text, nxt.start(1)):  # "Nia Bl 4", "Seren Yr 2": a year group, not a surname
            # Someone else's full name ("Grace Darling"): judged as a non-roster person.
            cands.append(Candidate(m.start, nxt.end(), "other_full"))
            continue
        prev = _PREV_GIVEN.search(text, max(0, m.start - 25), m.start)
        if m.form in (FIRST, NICK) and prev and (prev.group(1).lower() in given_names()
                                                 or prev.group(1).lower() in world_names()) \
                and prev.group(1).lower() not in index.forms and prev.group(1).lower() not in COMMON_WORD_NAMES \
                and prev.group(1).lower() not in FUNCTION_WORDS:  # "Mae Cai ni...": Welsh "is", not the name Mae
            # "Michael Jordan", "Thierry Henry": a given name before the roster's name makes it someone's surname
            cands.append(Candidate(prev.start(1), m.end, "other_full"))
            continue
        how = m.form
        if m.form in (FIRST, NICK) and m.first_token in COMMON_WORD_NAMES:
            how = "slot"  # an everyday word: it needs a child cue like any unknown name
        cands.append(Candidate(m.start, m.end, how, m.pupils))
    for start, end, pupils, kind in school_names.misspellings(text):
        if not cands.covers(start, end) and text[start:end].lower() not in FUNCTION_WORDS:
            cands.append(Candidate(start, end, FUZZY, pupils, cues=["diminutive"] if kind == "diminutive" else []))
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words = [t for t in ent if t.is_alpha or "'" in t.text or "-" in t.text]
        stripped = False
        while words and (words[0].lower_ in _LEADING_NOT_NAME or words[0].lower_ in _LEADING_KIN):
            words, stripped = words[1:], True  # "Head Boy Jamal Carter", "Congrats Amira", "nephew kai"
        words = _before_year(words)  # "Nia Bl 4", "Bl 11 - Prif": spaCy took a year group for a surname
        if stripped and words and words[0].text.islower() and not lower_name_after_kin(words[0], index):
            continue  # "me lad startd on monday": spaCy's PERSON was the kin word and a misspelt verb
        if not words or words[-1].text in ("'s", "’s"):
            words = words[:-1]
        if not words or cands.covers(words[0].idx, words[-1].idx + len(words[-1])) \
                or (len(words) == 1 and plural_noun(words[0].lower_)):
            continue  # covered, or spaCy's PERSON is a plural noun ("Apples (4)")
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        cands.append(Candidate(start, end, "other_full" if len(words) > 1 else "person"))
    plain = latin_folded(text)  # "Luíza", "Łucja", "Şule": the capitalised-word patterns read ASCII letters
    for m in _CAP_NAME.finditer(plain):
        labelled = bool(_LABELLED.match(text, m.end()))
        if cands.covers(m.start(), m.end()) or not name_like(tokens.get(m.start()), labelled) \
                or m.group().lower() in ROLE_NOUNS or m.group().lower() in WEEKDAYS \
                or m.group().lower() in FUNCTION_WORDS \
                or _YEAR_NEXT.match(text, m.start()):
            continue  # "Head of Year 10", "Selling Year 7 uniform": a role or an everyday word
        bare_start = BARE_YEAR_AFTER.match(text[m.end():m.end() + 12]) and starts_sentence(text, m.start())
        if (AFTER_STRONG.match(text[m.end():m.end() + 40]) and not bare_start) \
                or AFTER_KIN.match(text[m.end():m.end() + 30]) or AFTER_BELONGING.match(text[m.end():m.end() + 30]) \
                or KIN_BEFORE.search(text[max(0, m.start() - 40):m.start()]) \
                or (groups.near(text, m.start(), m.end()) and not groups.is_group(m.group())):
            start = m.start()
            first = _PREV_CAP.search(text[max(0, start - 30):start])
            if first and name_like(tokens.get(start - len(first.group(0))), kin=True) \
                    and first.group(1).lower() not in _NOT_FIRST_NAMES \
                    and not cands.covers(start - len(first.group(0)), start):
                start -= len(first.group(0))  # "Marcus Pennywhistle's mum": the first name too
            cands.append(Candidate(start, m.end(), "slot"))
    for m in _OUR_NAME.finditer(text):  # "Our Cormac is starting P1": British kin usage, a name not on the roster
        if not OUR_AFTER.match(text[m.end(1):m.end(1) + 40]) or not name_like(tokens.get(m.start(1)), kin=True):
            continue
        hits = cands.overlapping(m.start(1), m.end(1))
        for c in hits:
            c.cues.append("our")
        if not hits:
            cands.append(Candidate(m.start(1), m.end(1), "slot", cues=["our"]))
    if "cor" in text or "from" in text or "by" in text or "atch" in text or "POTM" in text.upper():
        _players(text, tokens, cands)
    text_speak_names(text, doc, school_names.index, cands)
    lower_names(text, doc, school_names, cands)
    other_forms(text, doc, school_names.index, cands)  # "Калоян", "Jakubek", "i Ddafydd", "#ProudOfSumaiya"
    family_names(text, doc, school_names.index, cands)
    mark_pairs(text, school_names.index, cands)  # "Elin a Cadi", "Xamsa iyo Ayaan", "Ștefan și Alex"
    for k in KIN_PHRASE.finditer(text) if may_hold_kin(text) else ():
        pos = k.end()
        while (m := _NAME_AT.match(text, pos)) and (name_like(tokens.get(m.start()), kin=True)
                                                    or lower_name_after_kin(tokens.get(m.start()), index)):
            if _YEAR_NEXT.match(text, m.start()) or m.group().lower() in FUNCTION_WORDS:
                break  # "meri beti Year 2 mein": the kin word's year group, not a name
            if not cands.covers(m.start(), m.end()):
                cands.append(Candidate(m.start(), m.end(), "slot", cues=["kin"]))
            chain = CHAIN.match(text, m.end())  # "my twins A and B"
            if chain is None:
                break
            pos = chain.start(1)
    return cands


def _before_year(words: list) -> list:
    """The words of a PERSON entity before a year group's word and number: ["Nia", "Bl", "4"] → ["Nia"]."""
    for k, tok in enumerate(words):
        if tok.lower_.rstrip(".") in YEAR_WORDS and tok.i + 1 < len(tok.doc) and (
                tok.doc[tok.i + 1].like_num or tok.doc[tok.i + 1].text == "."):
            return words[:k]
    return words


def lower_name_after_kin(token, index) -> bool:
    """Whether a lower-case word right after "my nephew", "me lad" is a name.

    It is when it is one (a roster form or a known given name) or is no English word at all ("my niece oksana");
    "my son football" is not.
    """
    if token is None or not token.is_alpha or token.text[:1].isupper() or token.is_stop or len(token.text) < 2:
        return False
    word = token.lower_
    if word in index.forms or word in given_names() or word in world_names():
        return True
    # An unknown word of four letters or more, no English word, that a subject's verb or the end follows: "my
    # nephew jahlani starts nursery" (a name); "my son luvs it", "me lad startd today" (misspelt verbs) are not.
    rest = token.doc.text[token.idx + len(token.text):]
    return len(word) >= 4 and word not in english_words() and bool(SUBJECT_NEXT.match(rest))


def _players(text: str, tokens: TokenAt, cands: Candidates) -> None:
    """Names credited in a match report ("goals from A, B and C"): each is a player, a child cue."""
    for credit in SPORT_CREDIT.finditer(text):
        pos = credit.end()
        while (m := _PLAYER.match(text, pos)) and name_like(tok := tokens.get(m.start()), kin=True) \
                and tok.ent_type_ not in _PLACE_ENTS:  # "goals from Liverpool": a team, not a player
            hits = cands.overlapping(m.start(), m.end())
            for c in hits:
                c.cues.append("credited in a match report")
            if not hits:
                cands.append(Candidate(m.start(), m.end(), "slot", cues=["credited in a match report"]))
            nxt = _PLAYER_NEXT.match(text, m.end())
            if nxt is None:
                break
            pos = nxt.end()
