"""Reporting: the SMT digest, immediate alerts to the DSL, and notices to administrators, by e-mail."""

from __future__ import annotations

from moderator.reporting.reporter import Reporter

__all__ = ["Reporter"]
