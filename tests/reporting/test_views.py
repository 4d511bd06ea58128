from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from moderator.reporting.views import what_was_done


@pytest.mark.parametrize("decision, visibility, action, expected", [
    ("hide", "hidden", ("hide", "done"), "hidden"),
    ("hide", "visible", ("hide", "dry_run"), "would be hidden (dry run)"),
    ("hide", "visible", ("hide", "pending"), "hide pending"),
    ("hide", "visible", ("hide", "failed"), "hiding failed, retrying"),
    ("hide", "deleted", ("hide", "gone"), "already deleted on the platform"),
    ("hide", "visible", ("restore", "done"), "hidden, then restored"),
    ("hide", "visible", None, "hide pending"),
    ("hold", "visible", None, "held for review"),
    ("flag", "visible", None, "flagged only (could not hide)"),
    ("record", "visible", None, "recorded only"),
])
def test_what_was_done(decision, visibility, action, expected):
    f = NS(decision=decision, decision_reason=None)
    item = NS(visibility=visibility, not_hideable_reason="posts by the school cannot be hidden")
    last = NS(kind=action[0], status=action[1]) if action else None
    done, why = what_was_done(f, item, last)
    assert done == expected
    assert why == ("posts by the school cannot be hidden" if decision == "flag" else None)
