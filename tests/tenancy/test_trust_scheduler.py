"""The single-process daemon of a trust: one poll job per account of every school, and a digest job per schedule."""

from __future__ import annotations

from moderator.app import App
from moderator.config import load_config
from moderator.scheduler import build_scheduler
from tests.tenancy.trust_files import write_trust


def test_the_daemon_polls_every_schools_accounts_and_wakes_for_each_schedule(tmp_path):
    app = App.build(load_config(write_trust(tmp_path)), with_engine=False)
    jobs = {job.id: job for job in build_scheduler(app).get_jobs()}
    assert {"poll:oakfield-feed", "poll:brook-feed"} <= set(jobs)
    schedules = sorted(str(job.trigger) for job in jobs.values() if job.name == "digest")
    # Oakfield's (the trust's default), Brook's own, and the trust digest's
    assert len(schedules) == 3 and any("day_of_week='5'" in s and "hour='16'" in s for s in schedules)
    assert type(app.reporter).__name__ == "TrustReporter" and set(app.reporter.reporters) == {"oakfield", "brook"}
