"""Policy: per finding, decide hide / hold / record / flag — and never ask a platform for what it cannot do.

Per item, :func:`language_hold` decides whether its language keeps it for a person to read.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.items import Item
from detectors.base import SEVERITIES, Finding
from detectors.calibration import kind_of
from detectors.language import DETECTOR_LANGUAGES, LanguageGuess
from moderator.config_policy import LabelPolicy

LANGUAGE_NOT_UNDERSTOOD = "language not understood"


@dataclass(frozen=True)
class Decision:
    """What the policy decided for one finding, and why (the moderation log shows ``reason``)."""

    finding: Finding
    decision: str  # hide | hold | record | flag
    reason: str
    alert: tuple[str, ...] = ()

    @property
    def hides(self) -> bool:
        """Whether this decision asks the connector to hide the item."""
        return self.decision == "hide"


def decide(item: Item, findings: list[Finding], policy: dict[str, LabelPolicy]) -> list[Decision]:
    """Decide every finding of one item.

    A finding's score is a calibrated probability. With ``action = "hide"`` it is hidden at or above the
    hide line of its label and kind of evidence (:meth:`LabelPolicy.hide_line`: the calibration's line for that
    kind, or the label's ``hide_min_score``), held for a person at or above ``hold_min_score``, and recorded below; with
    ``"hold"`` it is held at or above ``hold_min_score``. Alerts need both ``alert_min_severity`` and
    ``alert_min_score``. A child-safety finding always reaches the DSL, is hidden whatever its score where the
    label's policy hides, and is never merely recorded.
    """
    out = []
    for f in findings:
        rule = policy.get(f.label) or LabelPolicy()
        alert = tuple(rule.alert) if _at_least(f.severity, rule.alert_min_severity) and \
            f.score >= rule.alert_min_score else ()
        child_safety = is_child_safety(f)
        if child_safety:  # the DSL is told at once, and a person always looks, whatever the label's policy
            alert = tuple(dict.fromkeys((*alert, "dsl")))
        # a predatory remark stays up for no one's review: where the label's policy hides, it is hidden at once
        line = rule.hide_line(kind_of(f))
        confident = f.score >= line or child_safety
        if rule.action == "hide" and confident:
            if item.hideable:
                out.append(Decision(f, "hide", f"policy hides {f.label} automatically", alert))
            else:
                why = item.not_hideable_reason or "the platform does not let this account hide it"
                out.append(Decision(f, "flag", f"flagged only: {why}", alert))
        elif child_safety:
            out.append(Decision(f, "hold", "child safety: held for the safeguarding lead", alert))
        elif rule.action in ("hide", "hold") and f.score >= rule.hold_min_score:
            why = (f"confidence {f.score:.2f} is below the automatic-hide threshold {line:.2f}: "
                   f"{f.label} held for a person to review" if rule.action == "hide"
                   else f"policy holds {f.label} for a person to review")
            out.append(Decision(f, "hold", why, alert))
        elif rule.action in ("hide", "hold"):
            out.append(Decision(f, "record", f"confidence {f.score:.2f} is below the hold threshold "
                                             f"{rule.hold_min_score:.2f}: {f.label} recorded only", alert))
        else:
            out.append(Decision(f, "record", f"policy records {f.label} only", alert))
    return out


def is_child_safety(finding) -> bool:
    """A finding of the abuse sub-type ``child_safety`` (a ``Finding`` or a stored ``FindingRow``)."""
    return (finding.details or {}).get("subtype") == "child_safety"


def _at_least(severity: str, minimum: str) -> bool:
    return SEVERITIES.index(severity) >= SEVERITIES.index(minimum)


def language_hold(language: LanguageGuess, enabled: bool = True) -> str | None:
    """The hold reason, "language not understood (xx)", or None when the item's language is no reason to hold it.

    An item is held when its language is determined (never for "und": emoji, one word, a name, a link)
    and is not one the detectors judge (:data:`detectors.language.DETECTOR_LANGUAGES`), whether or not the
    school lists it in ``school.languages``: listing Welsh does not make the detectors read Welsh, and an
    item nobody here can judge is never passed as clean in silence. ``policy.hold_unknown_language = false``
    switches it off. A hold never hides: the school's own posts are held the same way.
    """
    if not enabled or not language.determined or language.code in DETECTOR_LANGUAGES:
        return None
    return f"{LANGUAGE_NOT_UNDERSTOOD} ({language.code})"
