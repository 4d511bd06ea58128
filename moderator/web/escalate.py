"""Escalating a finding to the DSL: the reporter's own alert path, with the DSL added to whom it alerts.

In a trust, the DSL is the finding's school's (its ``reporting.dsl``), and its policy says whom it alerts.
"""

from __future__ import annotations

from sqlalchemy import select

from moderator.reporting.alerts import QUIET_REVIEW, audiences
from moderator.review import ReviewError
from storage import repo
from storage.models import FindingRow
from storage.reporting_models import AlertDeliveryRow


def escalate(app, finding_id: int, reason: str, actor: str) -> str:
    """Alert the DSL about a finding now (audited); ReviewError when it cannot be done.

    A finding already alerted to anyone is not alerted again: the reporter sends each finding once.
    """
    if not reason.strip():
        raise ReviewError("a reason is required")
    with app.sessions() as s:
        f = s.get(FindingRow, finding_id)
        if f is None:
            raise ReviewError(f"no finding with id {finding_id}")
        config = app.config.for_school(f.item.school) if app.config.views else app.config
        if not config.reporting.dsl:
            raise ReviewError("no DSL address is configured (reporting.dsl)"
                              + (f" for {config.school.name}" if app.config.views else ""))
        if f.review_status in QUIET_REVIEW:
            raise ReviewError(f"finding {finding_id} was {f.review_status}: confirm a finding before escalating")
        sent = set(s.scalars(select(AlertDeliveryRow.audience).where(AlertDeliveryRow.finding_id == f.id)))
        if "dsl" in sent:
            raise ReviewError(f"finding {finding_id} was already alerted to the DSL")
        if sent:
            raise ReviewError(f"finding {finding_id} was already alerted to {', '.join(sorted(sent))}; "
                              f"tell the DSL directly")
        f.alert_to = ",".join(sorted(set(audiences(f, config)) | {"dsl"}))
        repo.audit(s, actor, "escalate", reason, finding_id=f.id, item_id=f.item_id)
        s.commit()
    app.reporter.send_alerts()
    return f"finding {finding_id} escalated to the DSL by {actor}"
