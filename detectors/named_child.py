"""named_child: an item that identifies a pupil or a minor by name.

Three steps per item. :mod:`detectors.names_candidates` finds the spans that may be names (roster forms and
their misspellings, spaCy's PERSON entities, capitalised words in a child slot, credited players);
:mod:`detectors.names_features` vetoes by rule those that are adults, staff, places, clubs, works, dates
or the school's class and house names, and reads the cues of the rest; :mod:`detectors.names_model` weighs the
cues with learned weights into a score where 0.5 is the threshold. Public figures need no gazetteer: a name
that is neither on the roster nor beside child context scores under the threshold.
"""

from __future__ import annotations

import logging

from detectors.base import Detector, Finding, Pupil
from detectors.names_candidates import FUZZY, Candidate, find_candidates
from detectors.names_context_model import shipped as shipped_context
from detectors.names_features import ItemView, cue_features
from detectors.names_lexicon import YEAR_IN_TEXT
from detectors.names_model import CueModel, shipped
from detectors.names_roster import FIRST, FULL, INITIAL, NICK, SURNAME
from detectors.names_school import SchoolNames
from detectors.names_spans import starts_sentence
from detectors.names_text import TokenAt

log = logging.getLogger(__name__)
_HOW = {FULL: "by full name", INITIAL: "by first name and initial", FIRST: "by first name", NICK: "by nickname",
        SURNAME: "by initial and surname", FUZZY: "by a misspelt first name"}


#: Characters either side of a candidate that decide its features (the widest window the cues read is 50).
SAME_CONTEXT = 60


class NamedChildDetector(Detector):
    """Pupils and other minors named in an item, from the roster, NER and child-context cues."""

    label = "named_child"
    model: CueModel | None = None
    #: The learned context reader (:mod:`detectors.names_context_model`); training swaps in held-out readings.
    context_model = None

    def load(self, nlp) -> None:
        """Compile the roster, staff, classes and houses into one lookup; read the cue weights."""
        self.names = SchoolNames(self.school)
        self.index = self.names.index
        if self.model is None:
            self.model = shipped()
        if self.context_model is None:
            self.context_model = shipped_context()

    def scored(self, item, doc) -> list[tuple[Candidate, dict[str, float], float]]:
        """Every candidate that no rule vetoes, with its features and score (training reads this too).

        A candidate that repeats an earlier one of the item (the same name, match, pupils and cues, the same words for
        :data:`SAME_CONTEXT` characters either side, read alike by spaCy) is judged once: its features, and so its
        score, are the earlier one's. 50,000 characters of "Arlo Arlo ..." are one judgement, not 10,000.
        """
        text = item.text
        view = ItemView(text, item.has_photo, item.by_school)
        tokens = TokenAt(doc)
        out, seen = [], set()
        for cand in find_candidates(self.names, text, doc, tokens):
            token = tokens.get(cand.start)
            same = (text[cand.start:cand.end], cand.how, tuple(p.ref for p in cand.pupils), tuple(cand.cues),
                    text[max(0, cand.start - SAME_CONTEXT):cand.end + SAME_CONTEXT],
                    starts_sentence(text, cand.start),
                    None if token is None else (token.ent_type_, token.pos_, token.dep_))
            if same in seen:
                continue
            seen.add(same)
            feats = cue_features(cand, view, token, self.names, self._reader(text, cand))
            if feats is not None:
                out.append((cand, feats, self.model.score(feats)))
        return out

    def analyze(self, item, doc) -> list[Finding]:
        """Score each candidate name; report those at or above the threshold, one per person."""
        text = item.text
        findings: dict[str, Finding] = {}
        for cand, _feats, score in self.scored(item, doc):
            if score < self.threshold:
                continue
            key = cand.pupils[0].ref if len(cand.pupils) == 1 else text[cand.start:cand.end].lower()
            if key not in findings or findings[key].score < score:
                findings[key] = self._finding(cand, min(score, 0.99), item)
        log.debug("item %s: %d named_child findings", item.external_id, len(findings))
        return sorted(findings.values(), key=lambda f: f.start)

    def _reader(self, text: str, cand: Candidate):
        """The context reader's probability for one candidate, as a call made only if a feature needs it."""
        model = self.context_model
        return lambda: model.probability(text, cand.start, cand.end)

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
        how = _HOW.get(cand.how, "by name")
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
