"""The learned models as a second opinion beside the rules: abuse and promotion that no rule describes.

The rules are precise about what they know (slurs, explicit threats, link structure, the school's own context)
and blind to everything else; the learned models (:mod:`detectors.learned`) read wording no rule lists ("funny
how she walks to her car alone every night", a side-hustle pitch in new words). When the rules found nothing
of a label and the model's probability is at least that label's minimum, the model makes the finding itself,
of kind ``learned``, severity medium, over the whole item; the finding's score is then calibrated like any
other, so the policy decides whether it is hidden or held.

Two minimums per label, both fitted by ``training/calibrate.py`` (the best F1 of rules and model together on
the school pool, within a bound on the false alarms they add on public comments): one for text about the
school's people (a staff member of the configuration, a title and surname, a school role such as "the head" or
"the receptionist"), where veiled threats and insinuations are aimed and public comments seldom go, and a
stricter one for the rest.

Where a rule did find the label, the model reads the text too, and when it agrees (probability at least
AGREE_MIN) the rule's finding records ``details["model_agrees"]``: two independent readings of one item, which the
calibration fits as kinds of evidence of their own ("insult+model": :func:`detectors.calibration.kind_of`), so an
insult both find can be hidden where an insult the model doubts is held.

Not judged by the models: the school's own posts (it advertises its events and quotes the words its
anti-bullying posts are about), texts of fewer than MIN_TOKENS words and emoji (a bag of n-grams reads one
topic word as the whole message: a job title alone scored as abuse), and the spans a rule excused.
"""

from __future__ import annotations

import re
from dataclasses import replace

from detectors.base import Finding
from detectors.learned import MODEL_NAMES, LearnedModel, shipped_model

KIND = "learned"
DEFAULT_MIN = 0.5
AGREE_MIN = 0.5  # the model finds the rule's label more likely than not
MIN_TOKENS = 4
_WHAT = {"abuse": "abuse", "commercial": "promotion"}
_TOKENS = re.compile(r"[^\W\d_]+|[\U0001F000-\U0001FAFF\u2600-\u27BF]", re.UNICODE)
# Roles are named whole: "the head" but not "heads up", "teaching assistant" but not "ta" (thanks), no "coach"
# (the trip's coach as often as a person): public comments use those words for other things.
_SCHOOL_PEOPLE = re.compile(
    r"\b(?:mr|mrs|ms|miss|mx|dr|sir)\.?\s+[a-z][\w'-]+|\b(?:head\s*teachers?|the\s+head|head\s+of\s+year|"
    r"deputy\s+head|teachers?|staff|governors?|principal|senco|teaching\s+assistants?|receptionists?|caretakers?|"
    r"dinner\s+lad(?:y|ies)|lollipop\s+(?:man|lady)|school\s+office)\b", re.IGNORECASE)


# Thanks and praise of someone ("give that man a raise", "hope she likes her present"), and the words that turn praise
# into sarcasm or a complaint ("love how they never answer", "thanks for nothing"): the abuse model alone, trained
# where the school's people are most often named in anger, reads a teacher's name as the insult.
_PRAISE = re.compile(
    r"\b(?:thank(?:s|\s+you)|love(?:d)?\s+(?:how|that|it|the|this|her|him|them)|give\s+(?:that|him|her|them|the)\s+"
    r"(?:\w+\s+)?(?:a\s+)?(?:raise|pay\s+rise|medal|award)|hope\s+(?:she|he|they|you)\s+(?:likes?|loves?|enjoys?)|"
    r"well\s+done|so\s+proud|brilliant|amazing|fantastic|legends?|bless\s+(?:her|him|them)|more\s+of\s+this|"
    r"look\s+at\s+the\s+talent|present|gift|star)\b", re.IGNORECASE)
_AGAINST = re.compile(
    r"\b(?:not|never|no|nothing|don'?t|doesn'?t|didn'?t|can'?t|won'?t|isn'?t|aren'?t|useless|disgrace\w*|joke|pathetic|"
    r"worst|shame\w*|lazy|rude|lie[sd]?|liars?|sack\w*|fired|hate|stupid|idiot\w*|clueless|incompetent|"
    r"apparently|supposedly|clearly|obviously|yeah\s+right|sure)\b|[🙄🤡🖕😒😤🤬💀]|\?", re.IGNORECASE)


def praise_only(text: str) -> bool:
    """Whether a text thanks or praises and says nothing against anyone (no negation, insult or sarcasm marker)."""
    return bool(_PRAISE.search(text)) and not _AGAINST.search(text)


def community_event(text: str) -> bool:
    """Whether a text announces a faith or community event or a free bank and offers nothing itself."""
    from detectors.commercial import COMMUNITY_EVENT, OFFER_WORDS  # the commercial detector's own words

    low = text.lower()
    return bool(COMMUNITY_EVENT.search(low)) and not OFFER_WORDS.search(low)


def about_school_people(text: str, staff: tuple[str, ...] = ()) -> bool:
    """Whether a text names or addresses someone of the school: a staff member, a title and surname, a role."""
    if _SCHOOL_PEOPLE.search(text):
        return True
    low = text.lower()
    return any(part and part in low for name in staff for part in (name.lower(), name.split()[-1].lower()))


class LearnedLayer:
    """Adds a model's finding for each enabled label the rules did not find."""

    def __init__(self, labels, minimum: dict[str, float] | None = None,
                 about_people: dict[str, float] | None = None, staff: tuple[str, ...] = ()) -> None:
        self.minimum = {label: (minimum or {}).get(label, DEFAULT_MIN) for label in labels if label in MODEL_NAMES}
        self.about_people = {label: (about_people or {}).get(label, self.minimum[label]) for label in self.minimum}
        self.staff = tuple(s for s in staff if s.strip())
        self.models: dict[str, LearnedModel] = {label: shipped_model(label) for label in self.minimum}

    def findings(self, item, text: str, found: list[Finding], excused=()) -> list[Finding]:
        """The model's findings for ``text`` (the prepared text of ``item``), given what the rules ``found``.

        ``excused`` are spans of ``text`` a rule judged innocent ("cum" in "Receptionist cum Office Assistant",
        "Dick" in a title): they are blanked before the model reads the text, so it does not judge them again.
        A rule's finding in ``found`` that the model agrees with is replaced there by a copy marked
        ``model_agrees``.
        """
        if item.by_school or not text.strip():
            return []
        text = _blanked(text, excused)
        if len(_TOKENS.findall(text)) < MIN_TOKENS:
            return []
        out = []
        have = {f.label for f in found}
        people = about_school_people(text, self.staff)
        for label, model in self.models.items():
            read = text
            if label == "commercial":
                # a contact detail is what the public promotion data has in common, so the model would read a
                # parent's phone number as an advert: it judges the words around the details instead (a
                # trader's "nails done £20, call ..." is still an advert without the number)
                read = _blanked(text, [(f.start, f.end) for f in found if f.label == "personal_data"])
                if len(_TOKENS.findall(read)) < MIN_TOKENS:
                    continue
            if label == "commercial" and community_event(read):
                continue  # a faith or community event, a food bank, free for all: shared, not sold
            if label == "abuse" and label not in have and praise_only(read):
                continue  # thanks and praise of the school's people, with nothing against anyone
            p = model.score(read)
            if label in have:  # a rule found it: the model's agreement is a second reading, recorded on it
                if p >= AGREE_MIN:  # the rule's findings in ``found`` are replaced by copies that say so
                    for i, f in enumerate(found):
                        if f.label == label and (f.details or {}).get("subtype") != "child_safety":
                            found[i] = replace(f, details={**(f.details or {}), "model_agrees": round(p, 3)})
                continue
            if p >= (self.about_people[label] if people else self.minimum[label]):
                out.append(Finding(label, round(p, 3), "medium", 0, 0,
                                   f"Possible {_WHAT[label]}: the learned {label} model scores it {p:.2f}; "
                                   "no rule matched.", details={"category": KIND, "about_school_people": people}))
        return out


def _blanked(text: str, spans) -> str:
    """``text`` with each (start, end) span replaced by as many spaces (offsets of the rest unchanged)."""
    for start, end in spans:
        if 0 <= start < end <= len(text):
            text = text[:start] + " " * (end - start) + text[end:]
    return text
