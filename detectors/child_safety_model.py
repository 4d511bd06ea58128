"""The learned child-safety model: a second signal beside the rules of :mod:`detectors.child_safety`.

Trained by ``training/child_safety_model.py`` on the invented school comments whose writers marked them as child
safety (a stranger singling out a child in a photo, asking for more photos or when the children leave, offers of
gifts or work in private, a pupil disclosing harm or self-harm, in English and the home languages) against every
other invented comment and a sample of public ones. Its threshold, fitted on communities the model had not seen so
that at most 0.05 % of public comments would page the safeguarding lead, is read from its card.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from detectors.learned import LearnedModel, models_dir, shipped_model

MODEL_NAME = "child_safety"
#: Texts of fewer words say too little for the model alone to page the safeguarding lead.
MIN_WORDS = 4


@dataclass(frozen=True)
class LearnedSignal:
    """The model's verdict on one text: its probability of a child-safety concern."""

    probability: float

    @property
    def explanation(self) -> str:
        """The plain sentence the log, the digest and the DSL alert carry."""
        return (f"Child safety: the learned child-safety model scored it {self.probability:.2f} "
                "(no rule fired; a person should read it).")


@dataclass(frozen=True)
class ChildSafetyModel:
    """The shipped model and the threshold recorded on its card."""

    model: LearnedModel
    threshold: float

    def find(self, text: str, by_school: bool = False) -> LearnedSignal | None:
        """A signal when ``text`` (normalised) is not the school's own, has MIN_WORDS words and scores over."""
        if by_school or len(text.split()) < MIN_WORDS:
            return None
        probability = self.model.score(text)
        return LearnedSignal(probability) if probability >= self.threshold else None


@cache
def shipped_child_safety_model() -> ChildSafetyModel:
    """The shipped model (its file checked against its card) and its threshold, loaded once per process."""
    card = json.loads((models_dir() / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    return ChildSafetyModel(shipped_model(MODEL_NAME), float(card["threshold"]))
