"""What every detector shares: the finding, the school context, the detector interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from core.items import Item

LABELS = ("named_child", "personal_data", "commercial", "abuse", "unsafe_link")

SEVERITIES = ("low", "medium", "high", "critical")

# The school's social media policy, in the project's own words: the rule each label breaks.
POLICY_RULES = {
    "named_child": "Pupils must not be identified by name on the school's accounts, above all not beside a photograph.",
    "personal_data": "No personally identifying information (phone numbers, addresses, e-mails, dates of birth, "
    "pupil, NHS or National Insurance numbers) may be published on the school's accounts.",
    "commercial": "The school's accounts must not promote anyone's personal financial interests, commercial "
    "ventures or personal campaigns.",
    "abuse": "Inappropriate comments on, or abuse of, the school's accounts are removed and reported to the SMT.",
    "unsafe_link": "Links from the school's accounts to outside sites must be appropriate and safe.",
}


@dataclass(frozen=True)
class Pupil:
    """One row of the roster exported from the school's MIS."""

    first_name: str
    last_name: str
    preferred_name: str
    year_group: str
    photo_consent: bool

    @property
    def ref(self) -> str:
        """A stable reference that is not the pupil's name (initials and year group)."""
        return f"{self.first_name[:1]}{self.last_name[:1]}-{self.year_group}".replace(" ", "")


@dataclass(frozen=True)
class SchoolContext:
    """What the school knows about itself: detectors read it, never change it."""

    name: str
    staff: tuple[str, ...] = ()
    public_contacts: tuple[str, ...] = ()
    trusted_domains: tuple[str, ...] = ()
    roster: tuple[Pupil, ...] = ()
    languages: tuple[str, ...] = ("en",)  # the languages the school's community writes (ISO 639-1)
    classes: tuple[str, ...] = ()  # class names ("Owls", "Class 3"): beside a first name, child context
    houses: tuple[str, ...] = ()  # house names ("Snowdon"): the same


@dataclass(frozen=True)
class Finding:
    """One breach found in one item.

    ``start``/``end`` are character offsets of the evidence in the item's text
    (0, 0 when the finding is about the whole item). ``explanation`` is one
    sentence naming the evidence; it goes to the moderation log and the digest,
    so it must not quote a pupil's name in full: say "a roster pupil (AB-Y3)".
    ``details`` carries structured extras, e.g. ``{"pupil_ref": "AB-Y3",
    "photo_consent": False}`` for named_child.
    """

    label: str
    score: float
    severity: str
    start: int
    end: int
    explanation: str
    rule: str = ""
    details: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"unknown label {self.label!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if not self.rule:
            object.__setattr__(self, "rule", POLICY_RULES[self.label])


class Detector(ABC):
    """One label's detector. ``load`` does the heavy set-up once; ``analyze`` is per item.

    ``analyze`` receives the item and the one shared spaCy ``Doc`` of its text
    (made by :class:`detectors.engine.DetectorEngine`); it must not run spaCy again.
    The item's text is already prepared (:mod:`detectors.text_prepare`: invisible and bidirectional
    characters removed, look-alikes folded, long runs cut); findings give spans in that text, and the
    engine maps them back to the text the user wrote.
    """

    label: ClassVar[str]

    def __init__(self, school: SchoolContext, threshold: float = 0.5) -> None:
        self.school = school
        self.threshold = threshold

    def load(self, nlp) -> None:  # noqa: B027 - optional hook
        """Build what the detector needs once (patterns, models); ``nlp`` is the shared pipeline."""

    @abstractmethod
    def analyze(self, item: Item, doc: Doc) -> list[Finding]:
        """Return the findings for one item, score at or above ``self.threshold`` only."""
