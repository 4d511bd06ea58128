"""named_child: an item that identifies a pupil or a minor by name.

Candidates come from three places: the school's roster (full names, first and
preferred names, first name and initial, common nicknames), spaCy's PERSON entities
in the shared Doc, and capitalised words in a child slot ("my daughter ___",
"___ (Year 4)", "___ in 9R", "___'s mum"). Each starts from a weak score for how it
was found; child cues beside it raise it; an adult title, a staff name, a role word,
a place/organisation word after it, or a place or club reading (spaCy or the context) vetoes it.
Public figures need no gazetteer: a name that is neither on the roster nor beside child context scores
under the threshold.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from detectors.base import Detector, Finding, Pupil
from detectors.names_context import PLACE_POSSESSIVE, players_own_score, reads_as_place_or_club
from detectors.names_lexicon import (
    ABSENCE_AFTER,
    ADULT_ROLES,
    AFTER_KIN,
    AFTER_STRONG,
    AFTER_VERB,
    AFTER_WEAK,
    BARE_YEAR_AFTER,
    COMMON_WORD_NAMES,
    ITEM_CHILD_WORDS,
    KIN_BEFORE,
    KIN_PHRASE,
    ORG_WORDS,
    OUR_AFTER,
    OUR_BEFORE,
    PRAISE_BEFORE,
    ROLE_BEFORE,
    ROLE_NOUNS,
    SPORT_CREDIT,
    TITLES,
    TOPIC_WORDS,
    WEEKDAYS,
    YEAR_IN_TEXT,
)
from detectors.names_roster import FIRST, FULL, INITIAL, NICK, SURNAME, RosterIndex
from detectors.names_shape import initial_reads_as_one, is_work_or_date, name_like
from detectors.names_text import TokenAt, may_hold_kin

log = logging.getLogger(__name__)

# Weak evidence alone stays under the threshold (0.5) for every form but a full name or a first name and
# initial: a roster first name needs a cue (praise, an event, a photo, children in the item), an initial and
# surname or a name not on the roster needs a strong one (a year group, a class, a kin word).
BASE = {FULL: 0.9, INITIAL: 0.6, FIRST: 0.4, NICK: 0.35, SURNAME: 0.25, "other_full": 0.25, "person": 0.2,
        "slot": 0.2}
STRONG, WEAK, ITEM = 0.5, 0.2, 0.25
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_CAP_NAME = re.compile(r"(?<![\w@#/.])[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)?(?![\w@]|['’][a-z]{2})")
_PREV_CAP = re.compile(r"(?<![\w@#/.])([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)\s+$")
_NEXT_CAP = re.compile(r"\s+([A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)\b(?!')")
_NAME_AT = re.compile(r"[A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)?\b")
_CHAIN = re.compile(r"\s*(?:,|and|&)\s*(?:and\s+)?([A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)?)\b")
_LABELLED = re.compile(r"\s*\(")  # "Will (Year 4)": a parenthesised label follows the word
_PLACE_ENTS = frozenset(("GPE", "LOC", "FAC", "NORP"))
# A match report's list of players: "Amira (2), Jess Lee, Kayla x2 and Sam"
_PLAYER = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)?\b(?!['’]\w\w)")
_PLAYER_NEXT = re.compile(r"(?:\s*\(\s*x?\d+\s*\)|\s+x\s?\d+\b)?\s*(?:,|and\b|&|\+)\s*(?:and\s+)?(?=[A-Z])")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[^\w\s,;'’-]\s*)$")
# "my little brother Alfie": a sibling, not the title Brother or Sister.
_SIBLING_BEFORE = re.compile(r"\b(?:my|our|his|her|their|your)\s+(?:\w+\s+)?(?:brother|sister)\s*,?\s*$", re.I)
_LEADING_NOT_NAME = frozenset("head deputy boy girl prefect pupil student captain well done congratulations "
                              "congrats meet call dear hi hello thanks cheers go".split())


@dataclass
class Candidate:
    """A span that may name a child, with how it was found."""

    start: int
    end: int
    how: str
    pupils: tuple[Pupil, ...] = ()
    cues: list[str] = field(default_factory=list)


class _Candidates(list):
    """The candidates found so far, indexed by the characters they cover.

    Whether a span overlaps a candidate is asked once per name-like word: scanning every candidate
    each time made a text of thousands of names quadratic (50,000 characters of one name took 3.7 s).
    """

    def __init__(self) -> None:
        super().__init__()
        self._at: dict[int, list[Candidate]] = {}

    def append(self, cand: Candidate) -> None:  # noqa: D102
        super().append(cand)
        for pos in range(cand.start, cand.end):
            self._at.setdefault(pos, []).append(cand)

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        """The candidates sharing a character with ``text[start:end]``."""
        found: dict[int, Candidate] = {}
        for pos in range(start, end):
            for c in self._at.get(pos, ()):
                found[id(c)] = c
        return list(found.values())


class NamedChildDetector(Detector):
    """Pupils and other minors named in an item, from the roster, NER and child-context cues."""

    label = "named_child"

    def load(self, nlp) -> None:
        """Compile the roster and staff list into one lookup."""
        self.index = RosterIndex(self.school.roster, self.school.staff)

    def analyze(self, item, doc) -> list[Finding]:
        """Score each candidate name; report those at or above the threshold, one per person."""
        text = item.text
        item_child: list[bool] = []  # whether the item mentions children: searched once, only if asked
        findings: dict[str, Finding] = {}
        tokens = TokenAt(doc)
        for cand in self._candidates(text, doc, tokens):
            score = self._score(cand, text, item_child, tokens.get(cand.start), item.has_photo)
            if score is None or score < self.threshold:
                continue
            key = cand.pupils[0].ref if len(cand.pupils) == 1 else text[cand.start:cand.end].lower()
            if key not in findings or findings[key].score < score:
                findings[key] = self._finding(cand, score, item)
        log.debug("item %s: %d named_child findings", item.external_id, len(findings))
        return sorted(findings.values(), key=lambda f: f.start)

    # -- candidates ---------------------------------------------------------------------
    def _candidates(self, text: str, doc, tokens: TokenAt) -> list[Candidate]:
        cands = _Candidates()
        for m in self.index.find(text):
            nxt = _NEXT_CAP.match(text, m.end)
            if m.form in (FIRST, NICK) and m.first_token in COMMON_WORD_NAMES and nxt \
                    and nxt.group(1).lower() in self.index.forms:
                continue  # "Hope Faith feels better": an everyday word, then the name; judge the name
            if m.form in (FIRST, NICK) and nxt and nxt.group(1).lower() not in ORG_WORDS:
                # Someone else's full name ("Grace Darling"): judged as a non-roster person.
                cands.append(Candidate(m.start, nxt.end(), "other_full"))
                continue
            how = m.form
            if m.form in (FIRST, NICK) and m.first_token in COMMON_WORD_NAMES:
                how = "slot"  # an everyday word: it needs a child cue like any unknown name
            cands.append(Candidate(m.start, m.end, how, m.pupils))
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [t for t in ent if t.is_alpha or "'" in t.text or "-" in t.text]
            while words and words[0].lower_ in _LEADING_NOT_NAME:
                words = words[1:]  # "Head Boy Jamal Carter", "Congrats Amira": the name is what follows
            if not words or words[-1].text in ("'s", "’s"):
                words = words[:-1]
            if not words or _overlaps(words[0].idx, words[-1].idx + len(words[-1]), cands):
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            cands.append(Candidate(start, end, "other_full" if len(words) > 1 else "person"))
        for m in _CAP_NAME.finditer(text):
            labelled = bool(_LABELLED.match(text, m.end()))
            if _overlaps(m.start(), m.end(), cands) or not name_like(tokens.get(m.start()), labelled) \
                    or m.group().lower() in ROLE_NOUNS or m.group().lower() in WEEKDAYS:
                continue  # "Head of Year 10", "Selling Year 7 uniform": a role or an everyday word
            bare_start = BARE_YEAR_AFTER.match(text[m.end():m.end() + 12]) and _starts_sentence(text, m.start())
            if (AFTER_STRONG.match(text[m.end():m.end() + 40]) and not bare_start) \
                    or AFTER_KIN.match(text[m.end():m.end() + 30]):
                start = m.start()
                first = _PREV_CAP.search(text[max(0, start - 30):start])
                if first and name_like(tokens.get(start - len(first.group(0))), kin=True) \
                        and not _overlaps(start - len(first.group(0)), start, cands):
                    start -= len(first.group(0))  # "Marcus Pennywhistle's mum": the first name too
                cands.append(Candidate(start, m.end(), "slot"))
        if "cor" in text or "from" in text or "by" in text or "atch" in text or "POTM" in text.upper():
            self._players(text, tokens, cands)
        for k in KIN_PHRASE.finditer(text) if may_hold_kin(text) else ():
            pos = k.end()
            while (m := _NAME_AT.match(text, pos)) and name_like(tokens.get(m.start()), kin=True):
                if not _overlaps(m.start(), m.end(), cands):
                    cands.append(Candidate(m.start(), m.end(), "slot", cues=["kin"]))
                chain = _CHAIN.match(text, m.end())  # "my twins A and B"
                if chain is None:
                    break
                pos = chain.start(1)
        return cands

    @staticmethod
    def _players(text: str, tokens: TokenAt, cands: _Candidates) -> None:
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

    # -- scoring ------------------------------------------------------------------------
    def _score(self, cand: Candidate, text: str, item_child: list[bool], token, photo: bool) -> float | None:
        name = text[cand.start:cand.end]
        before, after = text[max(0, cand.start - 50):cand.start], text[cand.end:cand.end + 50]
        prev = (_WORD.findall(before) or [""])[-1].lower().rstrip(".")
        words = name.lower().replace("’", "'").split()
        titled = prev in TITLES and not _SIBLING_BEFORE.search(before)
        if titled or words[0].rstrip(".") in TITLES or before[-1:] in ("#", "@"):
            return None
        if is_work_or_date(words, before, after) or PLACE_POSSESSIVE.match(after):
            return None
        nxt = re.match(r"^\s+(\w+)", after)
        if nxt and nxt.group(1).lower() in ORG_WORDS and (nxt.group(1)[0].isupper() or
                                                          nxt.group(1).lower() in ("class", "house", "team")):
            return None
        if any(w in ORG_WORDS for w in words[1:]):
            return None  # "Summer Fayre", "Grace Darling Ward": an event or a place, not a person
        adjacent = bool(KIN_BEFORE.search(before) or ROLE_BEFORE.search(before) or AFTER_STRONG.match(after))
        if cand.how != FULL and self.index.is_staff(name, pupil_name=bool(cand.pupils)) and not adjacent:
            return None  # a staff name, unless a year, form, age or "my son" beside it makes it a pupil's
        # A credited scorer is a child when on the roster, known by one name or in an item about children;
        # "Top scorer" and a stranger's full name alone may be a professional.
        credited = "credited in a match report" in cand.cues and (
            bool(cand.pupils) or len(words) == 1 or _mentions_children(text, item_child))
        strong = "kin" in cand.cues or credited or adjacent or bool(AFTER_KIN.match(after))
        if cand.how == SURNAME and YEAR_IN_TEXT.search(text, max(0, cand.start - 40), cand.end + 40):
            strong = True  # "K. Nowak (Y9)", "Y9: K. Nowak": a year group near an initial and a surname
        if not strong and (prev in ADULT_ROLES or prev in TOPIC_WORDS):
            return None
        absent = bool(ABSENCE_AFTER.match(after))
        if absent:
            cand.cues.append("reported absent or ill")
            strong = strong or bool(cand.pupils)  # a roster pupil's name: the school is being told they are off
        if cand.pupils and not strong and OUR_BEFORE.search(before) and OUR_AFTER.match(after):
            strong = True  # "our Summer in her new blazer": British kin usage before a pupil's name
        if not strong and cand.how != FULL and reads_as_place_or_club(token, before, after, cand.end):
            return None  # "Chelsea were robbed", "our trip to Jordan": a team or a place
        weak = bool(PRAISE_BEFORE.search(before)) or bool(AFTER_WEAK.match(after)) or absent \
            or (bool(cand.pupils) and (bool(AFTER_VERB.match(after)) or players_own_score(token, after)))
        base = BASE[cand.how]
        if cand.how == "slot" and not name[:1].isupper():
            base -= 0.15  # a lower-case single name is weak evidence on its own
        if cand.how == "slot" and name[:1].isupper() and not _SENTENCE_START.search(before):
            base += 0.1  # capitalised mid-sentence
        if cand.how == INITIAL and not initial_reads_as_one(name, after):
            base = BASE[SURNAME]  # "ruby a lot", "Will I": a word after the name, not an initial
        cand.cues += ["child context beside the name"] * strong + ["praise or action beside the name"] * weak
        score = base + STRONG * strong + WEAK * weak
        if photo and cand.pupils:
            score += WEAK
            cand.cues.append("a photo on the item")
        if (cand.how in (INITIAL, FIRST) or (cand.how == "other_full" and weak)) \
                and _mentions_children(text, item_child):
            score += ITEM
            cand.cues.append("children mentioned in the item")
        return min(score, 0.99)

    # -- reporting ----------------------------------------------------------------------
    def _finding(self, cand: Candidate, score: float, item) -> Finding:
        pupil = self._pick(cand, item.text)
        consent = None if pupil is None else pupil.photo_consent
        photo = item.has_photo
        if photo:
            severity = "critical"
        elif consent is False or cand.how in (FULL, "other_full"):
            severity = "high"
        else:
            severity = "medium"
        if pupil is not None:
            who = f"roster pupil {pupil.ref}" + (" (photo consent: no)" if consent is False else "")
        elif cand.pupils:
            who = f"a first name shared by {len(cand.pupils)} roster pupils"
        else:
            who = "a child not on the roster"
        how = {FULL: "by full name", INITIAL: "by first name and initial", FIRST: "by first name",
               NICK: "by nickname", SURNAME: "by initial and surname"}.get(cand.how, "by name")
        why = f"; {', '.join(dict.fromkeys(cand.cues))}" if cand.cues else ""
        beside = " beside a photo" if photo else ""
        return Finding(self.label, round(score, 3), severity, cand.start, cand.end,
                       f"Names {who} {how}{beside}{why}.",
                       details={"pupil_ref": pupil.ref if pupil else None, "photo_consent": consent,
                                "with_photo": photo, "match": cand.how, "cues": list(dict.fromkeys(cand.cues)),
                                "roster_candidates": [p.ref for p in cand.pupils]})

    @staticmethod
    def _pick(cand: Candidate, text: str) -> Pupil | None:
        """The one roster pupil meant: unique, or the only one in the year group mentioned nearby."""
        if len(cand.pupils) == 1:
            return cand.pupils[0]
        if not cand.pupils:
            return None
        m = YEAR_IN_TEXT.search(text[cand.end:cand.end + 40])
        if m:
            year = f"Year {m.group(1)}" if m.group(1) else m.group(2).capitalize()
            inyear = [p for p in cand.pupils if p.year_group.lower() == year.lower()]
            if len(inyear) == 1:
                return inyear[0]
        return None


def _mentions_children(text: str, cache: list[bool]) -> bool:
    if not cache:
        cache.append(bool(ITEM_CHILD_WORDS.search(text)))
    return cache[0]


def _starts_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence: ``_SENTENCE_START`` over the text before it.

    Only the end of that text can match (the pattern ends in ``$`` after optional whitespace): it is
    searched from the last character that is not whitespace, not over the whole text before every name.
    """
    pos = start
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return bool(_SENTENCE_START.search(text, max(pos - 1, 0), start))


def _overlaps(start: int, end: int, cands: _Candidates) -> bool:
    return bool(cands.overlapping(start, end))
