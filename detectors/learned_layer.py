"""The learned models as a second opinion beside the rules: abuse and promotion that no rule describes.

The rules are precise about what they know (slurs, explicit threats, link structure, the school's own context)
and blind to everything else; the learned models (:mod:`detectors.learned`) read wording no rule lists ("funny
how she walks to her car alone every night", a side-hustle pitch in new words). When the rules found nothing
of a label and the model's probability is at least that label's minimum, the model makes the finding itself,
of kind ``learned``, severity medium, over the whole item. The minimum is fitted with the calibration
(``training/calibrate.py``: the best F1 of rules and model together on the calibration pool) and the finding's
score is then calibrated like any other, so the policy decides whether it is hidden or held.

The school's own posts are left to the rules: the school advertises its own events and quotes the words its
anti-bullying posts are about.
"""

from __future__ import annotations

from detectors.base import Finding
from detectors.learned import MODEL_NAMES, LearnedModel, shipped_model

KIND = "learned"
DEFAULT_MIN = 0.5
_WHAT = {"abuse": "abuse", "commercial": "promotion"}


class LearnedLayer:
    """Adds a model's finding for each enabled label the rules did not find."""

    def __init__(self, labels, minimum: dict[str, float] | None = None) -> None:
        self.minimum = {label: (minimum or {}).get(label, DEFAULT_MIN) for label in labels if label in MODEL_NAMES}
        self.models: dict[str, LearnedModel] = {label: shipped_model(label) for label in self.minimum}

    def findings(self, item, text: str, found: list[Finding]) -> list[Finding]:
        """The model's findings for ``text`` (the prepared text of ``item``), given what the rules ``found``."""
        if item.by_school or not text.strip():
            return []
        out = []
        have = {f.label for f in found}
        for label, model in self.models.items():
            if label in have or label == "commercial" and "personal_data" in have:
                # a contact detail is what the public promotion data has in common, so the model reads a
                # parent's phone number as an advert; the personal-data finding already covers the item
                continue
            p = model.score(text)
            if p >= self.minimum[label]:
                out.append(Finding(label, round(p, 3), "medium", 0, 0,
                                   f"Possible {_WHAT[label]}: the learned {label} model scores it {p:.2f}; "
                                   "no rule matched.", details={"category": KIND}))
        return out
