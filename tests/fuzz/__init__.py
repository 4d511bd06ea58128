"""The fuzz and timing harness behind ``make fuzz`` (``python -m tests.fuzz [--quick] [--pg URL]``).

Three parts, each run against the real product:

- ``feed_fuzz``: hundreds of file-feed accounts with generated JSONL feeds (valid items, the hostile
  shapes of issue 8 and random mutations), polled by the real pipeline on SQLite and PostgreSQL; every
  line with a parseable id must end as a stored item or a recorded skip.
- ``config_fuzz``: systematically broken configurations run through the real CLI; a traceback is a failure.
- ``timing``: adversarial single items of growing length through the real ``DetectorEngine``.

Slow or hanging cases never hang the harness: work runs in worker processes (``supervise``) with a
wall-clock timeout per task. All generated data is invented.
"""
