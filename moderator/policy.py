"""Policy: per finding, decide hide / hold / record / flag — and never ask a platform for what it cannot do."""

from __future__ import annotations

from dataclasses import dataclass

from detectors.base import SEVERITIES, Finding
from moderator.config import LabelPolicy
from moderator.items import Item


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
    """Decide every finding of one item."""
    out = []
    for f in findings:
        rule = policy.get(f.label) or LabelPolicy()
        alert = tuple(rule.alert) if _at_least(f.severity, rule.alert_min_severity) else ()
        if rule.action == "hide":
            if item.hideable:
                out.append(Decision(f, "hide", f"policy hides {f.label} automatically", alert))
            else:
                why = item.not_hideable_reason or "the platform does not let this account hide it"
                out.append(Decision(f, "flag", f"flagged only: {why}", alert))
        elif rule.action == "hold":
            out.append(Decision(f, "hold", f"policy holds {f.label} for a person to review", alert))
        else:
            out.append(Decision(f, "record", f"policy records {f.label} only", alert))
    return out


def _at_least(severity: str, minimum: str) -> bool:
    return SEVERITIES.index(severity) >= SEVERITIES.index(minimum)
