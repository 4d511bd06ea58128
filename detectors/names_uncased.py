"""Candidates the capital-letter cues miss.

Given names in lower case or in other scripts, lines in other languages, a pair of names, a child known by the
family name ("the Nowak boy") or by initials beside a form.
"""

from __future__ import annotations

import re

from detectors.names_lexicon import OUR_BEFORE, PRAISE_BEFORE, YEAR_NEAR
from detectors.names_roster import FIRST, NICK
from detectors.names_school import english_words, world_names
from detectors.names_spans import CHAIN, OPENING_NEXT, Candidate, Candidates, starts_sentence
from detectors.names_variants import fold, variant_names

OTHER_LANGUAGE = "a given name in a line in another language"
SURNAME_ALONE, INITIALS = "surname_alone", "initials"  # "the Nowak boy", "K.R. (Y10)"
PAIR = "a second name beside it"  # names_features reads this cue as the feature pair
_FAMILY_CHILD = re.compile(r"\bthe\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z][a-z]?[A-Z][a-z]+)\s+"
                           r"(?:boy|girl|twins|lad|lass|kids|children|brothers|sisters|bairns?)\b")
_INITIALS_YEAR = re.compile(r"(?<![\w.])([A-Z]\.\s?[A-Z]\.?|[A-Z]{2})(?=\s*,?\s*\(?\s*(?:in\s+)?"
                            r"(?:year|yr|y|bl|blwyddyn)\s?\d{1,2}\b|\s+(?:in|from)\s+(?:form\s+)?\d{1,2}[A-Z]{1,3}\b)")


# Text-speak: a name stretched ("ellaaaa", "harveyyy"), a possessive without its apostrophe before a relative
# ("frankies nan here", "yahyas big sis"), a team hashtag ("#teamkayden").
_STRETCH = re.compile(r"(\w)\1{2,}")
FAMILY_NEXT = re.compile(r"\s+(?:big\s+|little\s+|lil\s+|wee\s+)?(?:mum|mam|mom|mummy|mammy|ma|dad|daddy|da|nan|nana|"
                         r"nanny|nanna|gran|granny|granda|grandad|grandma|grandpa|auntie|aunty|uncle|sis|sister|bro|"
                         r"brother|khala|nani|nanu|dadi|babcia|bunica|yiayia|step-?mum|step-?dad)\b", re.I)
_TEAM_TAG = re.compile(r"#team_?([a-z]{3,20})\b", re.I)
TEXT_SPEAK = "a name as text-speak writes it"


def _as_written(word: str, index) -> str | None:
    """The known name a text-speak word stands for, or None.

    The word itself, or with its stretched letters cut to one or two ("ellaaa" is Ella).
    """
    if known_word(word, index):
        return word
    if _STRETCH.search(word):
        for form in (_STRETCH.sub(r"\1", word), _STRETCH.sub(r"\1\1", word)):
            if known_word(form, index):
                return form
    return None


def text_speak_names(text: str, doc, index, cands: Candidates) -> None:
    """Names written as text-speak writes them: stretched, possessive without apostrophe, a team hashtag."""
    for m in _TEAM_TAG.finditer(text):
        if known_word(m.group(1).lower(), index) and not cands.covers(m.start(1), m.end(1)):
            cands.append(Candidate(m.start(1), m.end(1), "slot", cues=[TEXT_SPEAK, "our"]))
    for tok in doc:
        word, start, end = tok.lower_, tok.idx, tok.idx + len(tok.text)
        if not tok.is_alpha or len(word) < 3 or word in english_words():
            continue
        stretched = _STRETCH.search(word) and _as_written(word, index)
        owner = word.endswith("s") and FAMILY_NEXT.match(text, end) and _as_written(word[:-1], index)
        name = stretched or owner
        found = cands.overlapping(start, end)
        for c in found if name else ():  # "frankies" also read as a misspelling of Frankie: it is her nan
            c.cues += [TEXT_SPEAK] + ["our"] * bool(owner)
        if name and not found:
            entry = index.forms.get(name, {})
            pupils = tuple(sorted({p for form in (FIRST, NICK) for p in entry.get(form, ())}, key=lambda p: p.ref))
            cands.append(Candidate(start, end, "slot", pupils, cues=[TEXT_SPEAK] + ["our"] * bool(owner)))


def lower_names(text: str, doc, school_names, cands: Candidates) -> None:
    """Given names written in lower case, or in a script without capitals, where a child's name goes.

    "grace was buzzing", "well done nadia", "vanya in reception", "oor storm got her badge", "Браво, Калоян": a word
    that is a roster form or a known given name (:func:`detectors.names_school.world_names`) opening a sentence as
    its subject or a greeting, after praise ("well done", "congrats", "happy birthday"), after "our" ("oor", "wor")
    or chained to such a name ("nia n harmony"). A word in no list (a diminutive: "lizochka") counts when it is no
    English word and a year group or one of the school's classes is near. Capitalised Latin names are found by
    the other sources.
    """
    index, chained = school_names.index, -1
    foreign = in_another_language(doc)
    for tok in doc:
        word, start = tok.lower_, tok.idx
        end = start + len(tok.text)
        if not tok.is_alpha or len(word) < 2 or (tok.text[:1].isupper() and tok.text.isascii() and not foreign) \
                or cands.covers(start, end):
            continue
        if (foreign or not tok.text.isascii()) and known_word(word, index) and not tok.is_stop:
            # "Wszystkiego najlepszego Zuziu", "তাহমিদ well done": a given name in a line (or a script) the
            # English cues cannot read; the model weighs it with what else the item says
            cands.append(Candidate(start, end, "slot", cues=[OTHER_LANGUAGE]))
            continue
        known = known_word(word, index) and not (tok.is_stop and word not in index.forms)
        chain = CHAIN.match(text, end)  # "nia n harmony": the next name, if one follows
        pair = chain is not None and known_word(chain.group(1).lower(), index)
        if not known and (len(word) < 4 or tok.is_stop or word in english_words() or not (
                YEAR_NEAR.search(text, max(0, start - 40), min(len(text), end + 40))
                or school_names.groups.near(text, start, end))):
            continue
        before = text[max(0, start - 40):start]
        slot = start == chained or bool(PRAISE_BEFORE.search(before) or OUR_BEFORE.search(before)) or (
            starts_sentence(text, start) and (pair or bool(OPENING_NEXT.match(text, end))))
        if not slot:
            continue
        cands.append(Candidate(start, end, "slot", cues=[PAIR] * pair))
        chained = chain.start(1) if chain else -1
        if pair and not cands.covers(chain.start(1), chain.end(1)):
            cands.append(Candidate(chain.start(1), chain.end(1), "slot", cues=[PAIR]))


# Between two names of a pair or a list: a comma, "&", "+", or "and" as the community languages of UK schools write
# it: English "and"/"n"/"an'", Welsh "a"/"ac", Irish and Gaelic "agus", Polish "i", Czech and Slovak "a", Romanian
# "și", Portuguese and Italian "e", Spanish "y", Lithuanian "ir", Turkish "ve", Somali "iyo", Urdu and Hindi "aur",
# Gujarati "ane", Punjabi "te".
PAIR_WORDS = frozenset("and n an a ac agus i și si e y ir ve iyo aur ane te".split())
_ENGLISH_JOIN = frozenset(("and", "n", "&", "+", ","))
PAIR_JOIN = re.compile(r"\s*(?:,|&|\+)\s*(?:and\s+)?|\s+(?:an['’]|{})\s+".format("|".join(sorted(PAIR_WORDS))), re.I)


def mark_pairs(text: str, index, cands: Candidates) -> None:
    """Mark two one-word names joined as a pair ("Elin a Cadi", "Xamsa iyo Ayaan", "Ștefan și Alex").

    At least one of the two is a roster name and the other a roster name or a known given name written alike (both
    capitalised or both not; both roster names when only a comma joins them, or when they are capitalised and
    joined in English): two children
    named together is a cue for each, in whatever language joins them.
    """
    words = sorted((c for c in cands if " " not in text[c.start:c.end]  # the joining word is no name ("ane")
                    and text[c.start:c.end].lower() not in PAIR_WORDS), key=lambda c: c.start)
    for a, b in zip(words, words[1:], strict=False):
        join = PAIR_JOIN.fullmatch(text, a.end, b.start)
        if join is None or not (a.pupils or b.pupils) or (join.group().strip() == "," and not (a.pupils and b.pupils)):
            continue  # a comma alone joins two roster names only: "coup de grace, Boris" is no pair
        if join.group().strip().lower() in _ENGLISH_JOIN and text[a.start].isupper() \
                and not (a.pupils and b.pupils):
            continue  # capitalised and in English, both on the roster: "Ant and Dec" are judged by other cues
        first, second = (fold(text[c.start:c.end]).lower() for c in (a, b))
        alike = text[a.start].isupper() == text[b.start].isupper()  # "Nerys a bara brith": bread, not a name
        if first != second and all(c.pupils or (alike and known_word(w, index)) for c, w in ((a, first), (b, second))):
            for c in (a, b):
                if PAIR not in c.cues:
                    c.cues.append(PAIR)


def family_names(text: str, doc, index, cands: Candidates) -> None:
    """A child known by the family name or by initials.

    "the Nowak boy", "the So twins" (any family: a boy, girl or twins of a family is a child), "kemp was class
    captain" (a roster surname, no English word, as a sentence's subject), "K.R. yr 10", "A.T. in 9P" (initials
    beside a year group or form).
    """
    for m in _FAMILY_CHILD.finditer(text):
        if not cands.covers(m.start(1), m.end(1)):
            pupils = index.surnames.get(fold(m.group(1)).lower(), ())
            cands.append(Candidate(m.start(1), m.end(1), SURNAME_ALONE, pupils,
                                   cues=["a family name with boy or girl"]))
    for m in _INITIALS_YEAR.finditer(text):
        if not cands.covers(m.start(1), m.end(1)):
            cands.append(Candidate(m.start(1), m.end(1), INITIALS, cues=["initials beside a year group or form"]))
    for tok in doc:
        start, end = tok.idx, tok.idx + len(tok.text)
        pupils = index.surnames.get(fold(tok.lower_))
        if not pupils or not tok.is_alpha or len(tok.text) < 3 or tok.is_stop or tok.lower_ in english_words() \
                or tok.lower_ in index.staff_parts or cands.covers(start, end) or not starts_sentence(text, start) \
                or not OPENING_NEXT.match(text, end):
            continue
        cands.append(Candidate(start, end, SURNAME_ALONE, pupils))


def in_another_language(doc) -> bool:
    """Whether most words of the item are not English (a line in Polish, Greek, Bengali...).

    True when fewer than a third of its words of two letters or more are English words or English stop words.
    """
    words = [t for t in doc if t.is_alpha and len(t.text) > 1]
    if len(words) < 2:
        return False
    english = sum(1 for t in words if t.is_stop or t.lower_ in english_words())
    return english * 3 < len(words)


def known_word(word: str, index) -> bool:
    """A roster form, a given name of the world list or a name of the in-repo variants table."""
    return word in index.forms or word in world_names() or fold(word) in variant_names()
