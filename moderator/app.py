"""Builds the daemon's parts from the configuration, once."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from detectors.engine import DetectorEngine
from moderator.config import Config
from moderator.pipeline import Pipeline
from storage.db import open_database

log = logging.getLogger(__name__)

# School engines a process keeps built besides the first (the most recently used): a school's own part (its
# roster's names and patterns, its trusted domains) is about 0.5-1 MB and 70 ms to build for 300 pupils, so a
# process's memory stays bounded however many schools the trust has.
KEEP_SCHOOL_ENGINES = 8


class SchoolEngines(Mapping[str, DetectorEngine]):
    """Each school's detector engine, built from the first one when the school first has items to analyse.

    Everything that does not depend on the school (spaCy, the language identifier, the lexicons, models and
    domain lists) is the first engine's and built once per process; only the school's own part is built here.
    The first school's engine and the :data:`KEEP_SCHOOL_ENGINES` most recently used others are kept.
    """

    def __init__(self, views: list[Config], first: DetectorEngine, keep: int = KEEP_SCHOOL_ENGINES) -> None:
        self.views = {v.slug: v for v in views}
        self.first_slug = views[0].slug
        self.first = first
        self.keep = keep
        self._built: OrderedDict[str, DetectorEngine] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, slug: str) -> DetectorEngine:
        """The engine of school ``slug``, built now when it is not kept; KeyError for an unknown slug."""
        if slug == self.first_slug:
            return self.first
        view = self.views[slug]
        with self._lock:
            engine = self._built.get(slug)
            if engine is None:
                engine = DetectorEngine.from_config(view, shared=self.first)
            self._built[slug] = engine
            self._built.move_to_end(slug)
            while len(self._built) > self.keep:
                self._built.popitem(last=False)
            return engine

    def __iter__(self) -> Iterator[str]:
        return iter(self.views)

    def __len__(self) -> int:
        return len(self.views)

    def __contains__(self, slug: object) -> bool:
        return slug in self.views


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
        one spaCy pipeline and everything else that does not depend on the school, built when the school first
        has items to analyse (:class:`SchoolEngines`), and one reporter per school behind a trust reporter.
        """
        from moderator.reporting import Reporter
        from moderator.reporting.trust import TrustReporter

        sessions = open_database(config.storage_url, school=config.schools[0].slug)
        engines: SchoolEngines | None = None
        engine = None
        if with_engine:
            engine = DetectorEngine.from_config(config.schools[0])
            engines = SchoolEngines(config.schools, engine)
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
