"""Abuse: insults, threats, harassment, hate and obscenity, however spelt.

The text is first normalised (:mod:`detectors.text_normalize`: look-alike
characters, zero-width characters, leetspeak, spelt-out letters), then three
kinds of evidence are weighed:

- a curated lexicon (``data/abuse_lexicon.txt``) of obscenities, sexual terms,
  insults and slurs; weak insults ("stupid", "useless") count only when aimed
  at someone ("you", "he", a staff member, a person's name);
- threat and hate phrases ("watch your back", "kill yourself", "go back to your
  own country");
- alt-profanity-check's linear model (:mod:`detectors.text_profanity`).

Child-safety signals (:mod:`detectors.child_safety`: predatory or sexualised remarks about children,
invitations to private messages, a child disclosing harm) come first: sub-type ``child_safety``, critical; where
no rule fires, the learned child-safety model (:mod:`detectors.child_safety_model`) is asked the same.

A civil complaint has none of these and is not abuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import re2

from detectors import child_safety
from detectors.base import Detector, Finding
from detectors.child_safety_model import shipped_child_safety_model
from detectors.learned import shipped_model
from detectors.multilingual import MultilingualAbuse
from detectors.text_abuse_phrases import HOMOGRAPHS, PHRASES
from detectors.text_fastre import compile_fast
from detectors.text_normalize import MASKS, Normalized, fold, masked_ending_pattern, normalize, word_pattern
from detectors.text_profanity import ProfanityModel
from detectors.text_swearing import affectionate_banter, aimed_at_no_one
from detectors.text_threat_context import JOKING_SCORE, hazard_warning, laughing, quoted_report

LEXICON_FILE = Path(__file__).resolve().parent / "data" / "abuse_lexicon.txt"
_ENDINGS = "(?:s|es|ed|ing|in|er|ers|y|ie|ies|ier|iest)?"
_REPEATS = re.compile(r"([a-z])\1{2,}")
_DOUBLES = re.compile(r"(.)\1+")
_MASK_SET = frozenset(MASKS)
_PUNCT_JOINED = re.compile(r"(?<![\w.\-/@])[a-z]+(?:[.\-][a-z]+)+(?![\w/@]|\.\w)")
# Someone the words may be aimed at: a pronoun, a role, a kinship or person noun.
_PERSON_WORDS = re.compile(
    r"\b(?:you|u|ur|your|youre|ya|yer|yall|he|she|him|her|they|them|hes|shes|theyre|"
    r"staff|teachers?|head|headteacher|heads|governors?|mum|dad|mums|dads|parents?|kids?|child|children|"
    r"boys?|girls?|lad|lads|man|men|woman|women|people|pupils?|mr|mrs|ms|miss|sir)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|u|ur|youre|ya|yer|yall)\b")
_PERSON_NOUNS = frozenset("man men woman women boy boys girl girls lad lads kid kids child children teacher "
                          "teachers people person parent parents mum dad head staff".split())
_PERSON_ENTS = {"PERSON", "NORP"}
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_WORDS = re.compile(r"[a-z][a-z*#%_]*[a-z]|[a-z]")
# Words that are also names or parts of titles ("Moby Dick", "Dick Whitman"): title-case inside a name passes.
_NAME_COLLISIONS = frozenset({"dick", "cock", "willy", "fanny", "knob", "prick", "coon"})
# Words written after one of them that make a compound insult, not a surname ("Dick Head", "Knob End").
_COMPOUND_TAILS = frozenset({"head", "heads", "face", "less", "hole", "wad", "bag", "end", "move", "brain", "ish",
                             "sucker", "jockey", "cheese"})
# Identity words the statistical model over-scores ("I am gay" is not abuse): when the model is the only
# evidence, they are taken out before scoring.
_IDENTITY = re.compile(r"\b(?:gay|gays|lesbian|lesbians|bisexual|trans|transgender|black|white|asian|muslim|muslims|"
                       r"jew|jews|jewish|islam|christian|christians|african|mexican|indian|colou?red|"
                       r"homosexual|queer|immigrants?|refugees?)\b")
# Mild intensifiers a model trained on other dialects over-scores ("bloody freezing", "what the hell").
_MILD = re.compile(r"\b(?:bloody|blooming|flipping|freaking|frigging|friggin|damn|dang|hell|heck)\b")
_WINDOW = 40
# Right before a weak word, a thing or the writer themself as what it describes: "it's vile", "that is disgusting",
# "the language on here is disgusting", "I'm such an idiot" (the word then lands on no one else).
_DESCRIBED = (r"\s+(?:such\s+|so\s+|really\s+|absolutely\s+|bloody\s+|just\s+|a\s+|an\s+|right\s+|total\s+|"
              r"complete\s+|the\s+biggest\s+)*$")
# Words that condemn what was said or done ("that's disgusting"): of a thing, they judge it, not a person.
_CONDEMNING = re.compile(r"disgusting|disgraceful|vile|sick|sickening|appalling|shameful|outrageous|horrible|nasty")
_THING_OR_SELF = re.compile(
    r"(?:\b(?:it|that|this|which)(?:'s|s|\s+is|\s+was)|\b(?:language|comments?|behaviou?r|post|posts|attitude|"
    r"parking|state|mess|food|weather|traffic)\s+(?:\w+\s+){0,8}?(?:is|was|are|were))" + _DESCRIBED)
_SELF = re.compile(r"\b(?:i'?m|im|i\s+am|i\s+was|i\s+feel\s+(?:like\s+)?|i\s+felt\s+(?:like\s+)?|call\s+me)"
                   + _DESCRIBED)
# Words of a report to the school, not of someone repeating an insult with approval ("Drake said it best: ...").
_REPORTED = re.compile(r"\b(?:report(?:ed|ing)?|police|screenshots?|delete|remove|block(?:ed)?|complain(?:ed|t)?|"
                       r"disgusting|vile|unacceptable|please\s+(?:help|do\s+something)|"
                       r"what\s+(?:more\s+)?can\s+be\s+done)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|to|at|from|near|visiting|via|through)\s+$")
_PLACE_GOES_ON = re.compile(r"(?:'s)?(?:\s+[A-Z][a-z]+|,\s+[A-Z][a-z]+)")
# The languages the child-safety model's training lines are written in (English and the home languages of the
# invented communities in training/synthetic/), with "und" for text too short or mixed to identify.
CHILD_SAFETY_MODEL_LANGUAGES = frozenset(
    "und en cy gd ga pl ro pt es lt lv bg sk cs ur pa bn so ar tr ku fa gu ta ti".split())
CHILD_SAFETY_SCORE = 0.95  # two pieces of evidence, or a first-person disclosure (detectors/child_safety.py)
_UNSEEN = object()
_HOMOGRAPHS = re.compile(HOMOGRAPHS)
# every HOMOGRAPHS phrase holds one of these words: most texts skip the search
_HOMOGRAPH_WORDS = ("tit", "cock", "rape", "hoe", "dick", "bitch", "slag")
_KNOWN_MAX = 200_000  # words remembered with their lexicon entry (a few MB at most)


@dataclass(frozen=True)
class _Joined:
    """A lexicon match over a word written with a dot or hyphen inside, shaped like a regex match."""

    lastgroup: str
    text: str
    begin: int
    finish: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


@dataclass(frozen=True)
class _Hit:
    category: str
    score: float
    name: str
    start: int
    end: int


def _meant(text: str, hits: list[_Hit]) -> list[_Hit]:
    """The hits that are meant (:mod:`detectors.text_threat_context`).

    Quoted reports and hazard warnings are dropped; first-person threats that laugh are weakened so that a
    person reads them first.
    """
    out = []
    for h in hits:
        if h.category != "excused" and quoted_report(text, h.start, h.end):
            if _REPORTED.search(text):  # reported, not merely repeated: the models do not judge the quote again
                out.append(_Hit("excused", 0.0, h.name, h.start, h.end))
            continue
        if h.name == "someone's getting hurt" and hazard_warning(text, h.start, h.end):
            continue
        if h.name == "I'll find you" and laughing(text, h.start, h.end):
            h = _Hit(h.category, min(h.score, JOKING_SCORE), h.name, h.start, h.end)
        out.append(h)
    return out


@dataclass
class SharedLexicon:
    """What the abuse detector reads that does not depend on the school: built once per process."""

    words: dict[str, tuple[str, float, str]]  # group name -> (category, score, stem)
    compounds: set[str]  # groups of stems that head compounds ("shit+")
    by_head: dict  # the first three letters of each stem, doubles merged -> RE2 pattern of its stems
    lexicon: object
    lexicon_joined: object
    phrases: list
    model: ProfanityModel
    multilingual: MultilingualAbuse
    learned: object
    known_words: dict[str, str | None] = field(default_factory=dict)  # word -> its lexicon group, or None


@cache
def shared_lexicon() -> SharedLexicon:
    """Compile the lexicon and phrase patterns and read the models, once per process.

    Every school's detector shares them (about 6 MB and 0.1 s a school otherwise).
    """
    words: list[tuple[str, float, str]] = []
    for line in LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, score, term = line.split()
        words.append((category, float(score), term))
    groups: dict[str, tuple[str, float, str]] = {}
    compounds: set[str] = set()
    alternatives = []
    by_head: dict[str, list[str]] = {}
    for i, (category, score, term) in enumerate(words):
        stem = term.rstrip("*+")
        pat = word_pattern(stem) + (_ENDINGS if term.endswith("*") else "[a-z]*" if term.endswith("+") else "")
        alternatives.append(f"(?P<w{i}>{pat})")
        by_head.setdefault(_DOUBLES.sub(r"\1", stem)[:3], []).append(alternatives[-1])
        groups[f"w{i}"] = (category, score, stem)
        if term.endswith("+"):
            compounds.add(f"w{i}")
    # A swear word masked to its first letter before its ending ("f***ing", "s**ty"): the stem's own last letter
    # is hidden too, so only its first letter, its masks and a spelt ending remain. Tried after every whole
    # pattern, for obscenities only (a masked slur or threat is not guessed from one letter: "p***ing").
    for i, (category, score, term) in enumerate(words):
        if category == "obscenity" and term[-1] in "*+" and len(term.rstrip("*+")) >= 4:
            alternatives.append(f"(?P<m{i}>{masked_ending_pattern(term.rstrip('*+'))})")
            groups[f"m{i}"] = (category, score, term.rstrip("*+"))
    # The lexicon patterns run on RE2, whose time is linear in the text: neighbouring letter classes
    # share the masks ("m+[u*]+[f*]+f+"), so Python's backtracking engine takes polynomial time on a
    # run of masks ("m***...q" did not finish). RE2 keeps Python's leftmost-first choice of alternative.
    return SharedLexicon(
        words=groups, compounds=compounds,
        # a plain word is tried only against the stems that start as it does
        by_head={head: re2.compile("|".join(alts)) for head, alts in by_head.items()},
        # every word-like run of the text is tried whole against the lexicon (much faster than a search)
        lexicon=re2.compile("(?:" + "|".join(alternatives) + ")"),
        # inside letters that were spelt out one by one word boundaries are lost: "afat loser"
        lexicon_joined=re2.compile("|".join(a for a in alternatives if a.startswith("(?P<w"))),
        phrases=[(c, s, n, compile_fast(p)) for c, s, n, p in PHRASES],
        model=ProfanityModel.load(), multilingual=MultilingualAbuse.load(), learned=shipped_model("abuse"))


class AbuseDetector(Detector):
    """Insults, threats, harassment, hate and obscenity towards anyone."""

    label = "abuse"
    MODEL_WEIGHT = 1.0  # the model's probability counts as is
    MODEL_ALONE_MIN = 0.7  # below this the model alone never reports
    # The profanity model, trained on other dialects, reads "LMFAO" or "shuffling" as obscene, and a plain question
    # ("why is it ridiculous?") at 0.9: without a rule's evidence its opinion counts only when the learned abuse
    # model (detectors/learned.py), trained on other data, finds the text abuse more likely than not too. (At 0.3,
    # "not confidently clean", it decided alone on questions and complaints of ordinary Instagram comments.)
    LEARNED_AGREES = 0.5

    def load(self, nlp) -> None:
        """Take the process's compiled lexicon, phrase patterns and models (:func:`shared_lexicon`)."""
        lex = shared_lexicon()
        self._words, self._compounds, self._by_head = lex.words, lex.compounds, lex.by_head
        self._lexicon, self._lexicon_joined, self._phrases = lex.lexicon, lex.lexicon_joined, lex.phrases
        self._model, self._multilingual, self._learned = lex.model, lex.multilingual, lex.learned
        self._known_words = lex.known_words  # depends on the word alone: one cache for every school
        self._staff = [s.lower() for s in self.school.staff]

    def analyze(self, item, doc) -> list[Finding]:
        """One finding per abusive item: its strongest evidence, scored (a child-safety signal first)."""
        norm = normalize(item.text)
        innocent = [m.span() for m in _HOMOGRAPHS.finditer(norm.text)] \
            if any(w in norm.text for w in _HOMOGRAPH_WORDS) else []  # "blue tits", "oilseed rape"
        signal = child_safety.find(_blank_spans(norm.text, innocent) if innocent else norm.text,
                                   by_school=item.by_school)
        if signal and item.by_school and quoted_report(norm.text, signal.start, signal.end):
            signal = None  # the school quoting what a child might say, in a safeguarding post
        if signal:
            start, end = norm.orig_span(signal.start, signal.end)
            return [Finding(self.label, CHILD_SAFETY_SCORE, "critical", start, end, signal.explanation,
                            details={"subtype": "child_safety", "signal": signal.name})]
        learned = shipped_child_safety_model().find(norm.text, by_school=item.by_school) \
            if self._model_reads(doc) else None
        if learned:  # no rule fired; the model read it
            return [Finding(self.label, CHILD_SAFETY_SCORE, "critical", 0, len(item.text), learned.explanation,
                            details={"subtype": "child_safety", "signal": "learned",
                                     "model_prob": round(learned.probability, 3)})]
        hits = _meant(norm.text, self._lexicon_hits(norm, doc) + self._phrase_hits(norm))
        if other := self._other_language(item, doc, hits):
            return [other]
        excused = [h for h in hits if h.category == "excused"]
        hits = [h for h in hits if h.category != "excused"
                and not any(a <= h.start and h.end <= b for a, b in innocent)]  # the word is the bird, the crop
        # "pissing it down at pick-up", "you numpty 😂 love ya"
        if aimed_at_no_one(norm.text, hits, doc, self.school.staff) \
                or affectionate_banter(norm.text, hits):
            excused, hits = excused + hits, []
        if excused and hasattr(doc, "user_data"):  # the learned model does not re-judge what a rule excused
            doc.user_data["excused_spans"] = [norm.orig_span(h.start, h.end) for h in excused]
        prob = self._model.prob(norm.squeezed)
        if prob >= self.MODEL_ALONE_MIN and not any(h.score >= 0.5 for h in hits):
            # the model alone: score again without identity words, mild intensifiers, words excused as
            # names and weak words aimed at no one, which it would otherwise count again
            neutral = _IDENTITY.sub(" ", _blank(norm.text, excused))
            if not _SECOND_PERSON.search(neutral):  # "you are so bloody sad" keeps its intensifier
                neutral = _MILD.sub(" ", neutral)
            prob = min(prob, self._model.prob(_REPEATS.sub(r"\1", neutral)))
            if prob >= self.MODEL_ALONE_MIN and self._learned.score(norm.text) < self.LEARNED_AGREES:
                prob = 0.0  # the profanity model never decides alone: the learned abuse model must not call it clean
        best = max(hits, key=lambda h: h.score, default=None)
        score = best.score if best else 0.0
        if best and len({h.name for h in hits if h.score >= 0.5}) > 1:
            score = min(1.0, score + 0.05)
        if prob >= self.MODEL_ALONE_MIN:
            score = max(score, prob * self.MODEL_WEIGHT, min(1.0, score + 0.1) if best else 0.0)
        if item.by_school and (not best or best.score < 0.8):
            score -= 0.2  # the school's own posts quote words like "bully" in anti-bullying news
        if score < self.threshold:
            return []
        return [self._finding(norm, best, score, prob)]

    def _model_reads(self, doc) -> bool:
        """Whether the learned child-safety model may judge this item: a language it was trained on or the school lists.

        In a language it never saw it reads the words as noise (a Serbian football comment scored 0.77); such an
        item is held as "language not understood" anyway, so a person reads it, and the DSL is not paged on the
        model's guess.
        """
        language = getattr(doc, "user_data", {}).get("language", "und")
        return language in CHILD_SAFETY_MODEL_LANGUAGES or language in self.school.languages

    def _other_language(self, item, doc, hits: list[_Hit]) -> Finding | None:
        """A finding from the other languages' lexicons (:mod:`detectors.multilingual`), if it outweighs English.

        Its span is in the item's own text.
        """
        language = getattr(doc, "user_data", {}).get("language", "und")
        found = self._multilingual.find(item.text, language, self.school.languages)
        found = [h for h in found if not quoted_report(item.text, h.start, h.end)]  # "called him a 'X', reported"
        best = max(found, key=lambda h: h.score, default=None)
        if best is None or best.score < self.threshold or any(h.score >= best.score for h in hits):
            return None
        score = best.score - (0.2 if item.by_school else 0.0)
        if score < self.threshold:
            return None
        shown = best.term_shown if best.category == "threat" else _mask(best.term_shown)
        return Finding(self.label, round(score, 3), "critical" if best.category == "threat" else "medium",
                       best.start, best.end, f"Abuse ({best.category}, {best.language}): the word '{shown}'.",
                       details={"category": best.category, "language": best.language, "evidence": shown})

    def _lexicon_hits(self, norm: Normalized, doc) -> list[_Hit]:
        text = norm.text
        matches: list = []
        known = self._known_words
        for word in _WORDS.findall(text):  # the common case: every word already known and none abusive
            if known.get(word, _UNSEEN) is not None:
                break
        else:
            return self._other_hits(norm, doc, matches)
        for w in _WORDS.finditer(text):
            word = w.group()
            group = known.get(word, _UNSEEN)
            if group is _UNSEEN:  # a word's entry depends on the word alone: remember it
                group = m.lastgroup if (m := self._match_word(word, word, 0)) else None
                if len(known) < _KNOWN_MAX:
                    known[word] = group
            if group is not None:
                matches.append(_Joined(group, word, w.start(), w.end()))
        return self._other_hits(norm, doc, matches)

    def _other_hits(self, norm: Normalized, doc, matches: list) -> list[_Hit]:
        """The hits of the plain-word ``matches`` and of words joined by dots, hyphens or spelling out."""
        hits = []
        text = norm.text
        if "." in text or "-" in text:  # a dot or hyphen put inside a word: "f.ucking", "sh-it"
            for w in _PUNCT_JOINED.finditer(text):
                joined = w.group().replace(".", "").replace("-", "")
                if m := self._match_word(joined, joined, 0):
                    matches.append(_Joined(m.lastgroup, w.group(), w.start(), w.end()))
        for a, b in norm.joined:
            matches.extend(m for m in self._lexicon_joined.finditer(norm.text, a, b)
                           if m.end() - m.start() >= 3 and not any(m.start() < o.end() and o.start() < m.end()
                                                                  for o in matches))
        for m in matches:
            category, weight, stem = self._words[m.lastgroup]
            compound = m.lastgroup in self._compounds and len(m.group()) > len(stem) + 3  # "Shitterton"
            if stem == "cum" and _between_nouns(norm, m.start(), m.end(), doc):
                hits.append(_Hit("excused", 0.0, m.group(), m.start(), m.end()))  # "kitchen-cum-diner"
                continue
            if (stem in _NAME_COLLISIONS or compound) and self._in_name(norm, m.start(), m.end(), doc) \
                    or (category in ("obscenity", "insult") and _in_place_name(norm, m.start(), m.end())):
                hits.append(_Hit("excused", 0.0, m.group(), m.start(), m.end()))  # "Moby Dick", "in Twatt, Orkney"
                continue
            if category == "insult" and (_SELF.search(text, max(0, m.start() - _WINDOW), m.start()) or (
                    _CONDEMNING.fullmatch(m.group()) and not _SECOND_PERSON.search(text, max(0, m.start() - _WINDOW),
                                                                                   m.start())
                    and _THING_OR_SELF.search(text, max(0, m.start() - 2 * _WINDOW), m.start()))):
                # "I'm such an idiot", "the language on here is disgusting": the writer or a thing, no one else
                hits.append(_Hit("excused", 0.0, m.group(), m.start(), m.end()))
                continue
            if weight > 0.5 and category != "insult":
                score = weight
            else:
                aimed = self._aimed(norm, m.start(), m.end(), doc)
                score = weight + 0.1 if weight > 0.5 and aimed else weight if weight > 0.5 else (
                    0.65 if aimed else weight)
            hits.append(_Hit(category, round(score, 3), m.group(), m.start(), m.end()))
        return hits

    def _match_word(self, word: str, text: str, start: int):
        """The lexicon entry ``word`` (at ``start`` in ``text``) is, or None; masked words try every stem."""
        end = start + len(word)
        if not _MASK_SET.isdisjoint(word):
            return self._lexicon.fullmatch(text, start, end)
        key = word[:3] if len(word) > 2 and word[1] != word[0] and word[2] != word[1] else _DOUBLES.sub(r"\1", word)[:3]
        for head in (key, key[:2], key[:1]):
            pat = self._by_head.get(head)
            if pat is not None and (m := pat.fullmatch(text, start, end)):
                return m
        return None

    @staticmethod
    def _in_name(norm: Normalized, start: int, end: int, doc) -> bool:
        """Whether a word is written title-case inside a name or title; at a sentence start, only before a surname."""
        o_start, o_end = norm.orig_span(start, end)
        word = norm.original[o_start:o_end]
        if not word.istitle():
            return False
        span = doc.char_span(o_start, o_end, alignment_mode="expand")
        if span is None:
            return False
        if span.start == 0 or doc[span.start - 1].is_punct:  # a sentence start: a given name before a surname
            nxt = doc[span.end] if span.end < len(doc) else None
            return (nxt is not None and nxt.text[:1].isupper() and nxt.text[1:2].islower()
                    and (nxt.pos_ == "PROPN" or nxt.ent_type_ in ("PERSON", "WORK_OF_ART"))
                    and nxt.lower_ not in _COMPOUND_TAILS)  # "Dick Turpin", not "Dick Head"
        return span[0].ent_type_ != "" or span[0].pos_ == "PROPN"

    def _phrase_hits(self, norm: Normalized) -> list[_Hit]:
        return [_Hit(c, s, n, m.start(), m.end())
                for c, s, n, pat in self._phrases if (m := pat.search(norm.text))]

    def _aimed(self, norm: Normalized, start: int, end: int, doc) -> bool:
        """Whether a word is aimed at a person rather than at a thing.

        Spelling a word to dodge filters ("s t u p i d") shows intent; otherwise a person
        (a pronoun, a role, a staff member, a name) must be near, and the word must not
        simply describe a thing ("a stupid decision").
        """
        o_start, o_end = norm.orig_span(start, end)
        if fold(norm.original[o_start:o_end]) != norm.text[start:end]:
            return True
        before = norm.text[max(0, start - _WINDOW):start]
        after = norm.text[end:end + 15]
        if _THING_OR_SELF.search(before) or _SELF.search(before):
            return False  # "that's disgusting", "the language on here is vile", "I'm such an idiot"
        span = doc.char_span(o_start, o_end, alignment_mode="expand")
        if span is not None and span.end < len(doc):
            nxt = doc[span.end]
            if nxt.pos_ in ("NOUN", "PROPN") and nxt.lower_ not in _PERSON_NOUNS and nxt.ent_type_ != "PERSON":
                return False
        if _PERSON_WORDS.search(before) or _SECOND_PERSON.search(after):
            return True
        if (nxt_word := _NEXT_WORD.match(after)) and nxt_word.group(1) in _PERSON_NOUNS:
            return True  # "vile woman", "useless teacher": the word describes a person
        if any(s in before for s in self._staff):
            return True
        return any(e.label_ in _PERSON_ENTS and e.start_char < o_end + _WINDOW and e.end_char > o_start - _WINDOW
                   for e in doc.ents)

    def _finding(self, norm: Normalized, best: _Hit | None, score: float, prob: float) -> Finding:
        if best is not None and best.score >= 0.5:
            start, end = norm.orig_span(best.start, best.end)
            category = best.category
            # a rule's name describes what it found ("insinuation of misconduct"); a lexicon word is masked
            shown = best.name if " " in best.name else _mask(best.name)
            kind = "phrase" if " " in best.name else "word"
            explanation = f"Abuse ({category}): the {kind} '{shown}'"
            if prob >= self.MODEL_ALONE_MIN:
                explanation += f", and the offensive-language model scores it {prob:.2f}"
            explanation += "."
        else:
            start, end, category = 0, 0, "offensive language"
            explanation = f"Abuse (offensive language): the offensive-language model scores it {prob:.2f}."
        severity = ("critical" if category == "threat" and score >= 0.85 else
                    "high" if category in ("threat", "hate") or score >= 0.9 else "medium")
        return Finding(self.label, round(min(score, 1.0), 3), severity, start, end, explanation,
                       details={"category": category, "model_prob": round(prob, 3),
                                "evidence": None if best is None else best.name if " " in best.name else
                                _mask(best.name)})


def _in_place_name(norm: Normalized, start: int, end: int) -> bool:
    """Whether a word is written title-case as a place name: villages whose names hold a swear word's letters.

    After "in", "to", "at", "from", "near" or "visiting", when the place name goes on (a capitalised word) or is
    followed by its county ("off to Pratts Bottom", "living in Twatt, Orkney").
    """
    o_start, o_end = norm.orig_span(start, end)
    original = norm.original
    if not original[o_start:o_end].istitle():
        return False
    if not _PLACE_BEFORE.search(original, max(0, o_start - 20), o_start):
        return False
    return bool(_PLACE_GOES_ON.match(original, o_end))


def _between_nouns(norm: Normalized, start: int, end: int, doc) -> bool:
    """Whether a word stands between two content words, hyphens aside.

    That is the Latin "cum" of "Customer Service cum Accounts", "kitchen-cum-diner", "study cum guest room"; the
    slang sits beside a function word ("my cum", "cum on", "gonna cum"). The pipeline has no tagger, so content
    words are those spaCy's lexicon calls no stop word.
    """
    o_start, o_end = norm.orig_span(start, end)
    span = doc.char_span(o_start, o_end, alignment_mode="expand")
    if span is None:
        return False
    before = [t for t in doc[max(0, span.start - 2):span.start] if t.text != "-"]
    after = [t for t in doc[span.end:span.end + 2] if t.text != "-"]
    return bool(before and after) and all(t.is_alpha and not t.is_stop for t in (before[-1], after[0]))


def _blank(text: str, hits: list[_Hit]) -> str:
    """``text`` with the hits' words replaced by spaces."""
    return _blank_spans(text, [(h.start, h.end) for h in hits])


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces (offsets kept)."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _mask(word: str) -> str:
    """A word shown with only its first letter: 'f***'."""
    return word[:1] + "*" * max(len(word) - 1, 1)
