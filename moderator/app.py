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
        """Open the database (migrating it), load the detectors and the reporter.

        A trust's configuration gets one detector engine per school (its roster, staff and languages) sharing
        one spaCy pipeline and the learned models, and one reporter per school behind a trust reporter.
        """
        from moderator.reporting import Reporter
        from moderator.reporting.trust import TrustReporter

        sessions = open_database(config.storage_url, school=config.schools[0].slug)
        engines: dict[str, DetectorEngine] = {}
        if with_engine:
            first = DetectorEngine.from_config(config.schools[0])
            engines = {view.slug: DetectorEngine.from_config(view, shared=first) if i else first
                       for i, view in enumerate(config.schools)}
        engine = engines.get(config.schools[0].slug)
        if config.trust is None:
            reporter, reporters = Reporter(config, sessions), {}
        else:
            reporters = {view.slug: Reporter(view, sessions) for view in config.schools}
            reporter = TrustReporter(config, reporters)
        pipeline = Pipeline(config, sessions, engine, reporter=reporter, dry_run=dry_run,
                            engines=engines if config.trust else None, reporters=reporters)
        enabled = [a.name for a in config.accounts if a.enabled]
        log.info("accounts enabled: %s", ", ".join(enabled) or "none")
        if config.trust is not None:
            log.info("schools: %s", ", ".join(v.slug for v in config.schools))
        return cls(config, sessions, pipeline, reporter)

    def run_once(self) -> list:
        """One poll of every account, then due reporting (the digest, retries)."""
        results = self.pipeline.poll_all()
        if not self.pipeline.dry_run:
            self.reporter.retry_failed()
            self.reporter.send_digest_if_due()
        return results
