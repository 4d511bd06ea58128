"""Builds the daemon's parts from the configuration, once."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from detectors.engine import DetectorEngine
from moderator.config import Config
from moderator.pipeline import Pipeline
from storage.db import open_database

log = logging.getLogger(__name__)


@dataclass
class App:
    """The configured daemon: database, detectors, reporter and pipeline."""

    config: Config
    sessions: object
    pipeline: Pipeline
    reporter: object

    @classmethod
    def build(cls, config: Config, dry_run: bool = False, with_engine: bool = True) -> App:
        """Open the database (migrating it), load the detectors and the reporter."""
        from moderator.reporting import Reporter

        sessions = open_database(config.storage_url)
        engine = DetectorEngine.from_config(config) if with_engine else None
        reporter = Reporter(config, sessions)
        pipeline = Pipeline(config, sessions, engine, reporter=reporter, dry_run=dry_run)
        enabled = [a.name for a in config.accounts if a.enabled]
        log.info("accounts enabled: %s", ", ".join(enabled) or "none")
        return cls(config, sessions, pipeline, reporter)

    def run_once(self) -> list:
        """One poll of every account, then due reporting (the digest, retries)."""
        results = self.pipeline.poll_all()
        if not self.pipeline.dry_run:
            self.reporter.retry_failed()
            self.reporter.send_digest_if_due()
        return results
