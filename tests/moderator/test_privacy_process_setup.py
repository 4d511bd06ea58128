"""configure_process: third-party debug output capped, lifted only on request, new files owner-only."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import logging, os, sys
from moderator.process_setup import configure_process
configure_process(int(sys.argv[1]))
logging.getLogger("presidio-analyzer").debug("presidio words: CANARY-P")
logging.getLogger("urllib3.connectionpool").debug("GET /me?access_token=CANARY-U")
logging.getLogger("sqlalchemy.engine.Engine").info("[parameters] CANARY-S")
logging.getLogger("some_new_library").info("CANARY-N")
logging.getLogger("detectors.engine").debug("ours at debug: item 42")
logging.getLogger("apscheduler.scheduler").info("Added job poll")
logging.getLogger("presidio-analyzer").warning("presidio warning kept")
open(sys.argv[2], "w").close()
os.mkdir(sys.argv[3])
"""


def run(tmp_path: Path, verbosity: int, **env) -> str:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(verbosity), str(tmp_path / "f"), str(tmp_path / "d")],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env},
                          preexec_fn=lambda: os.umask(0o022))
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


@pytest.mark.parametrize("verbosity", [0, 1, 2, 3, 5])
def test_third_party_debug_output_is_capped_at_every_verbosity(tmp_path, verbosity):
    err = run(tmp_path, verbosity)
    assert "CANARY" not in err
    assert "presidio warning kept" in err, "warnings from libraries still reach the administrator"
    assert ("ours at debug: item 42" in err) == (verbosity >= 2)
    assert ("Added job poll" in err) == (verbosity >= 1)
    assert stat.S_IMODE((tmp_path / "f").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o700


def test_the_caps_are_lifted_only_when_asked_for(tmp_path):
    err = run(tmp_path, 3, MODERATOR_DEBUG_THIRD_PARTY="1")
    assert "CANARY-P" in err and "CANARY-U" in err and "CANARY-N" in err


def test_a_host_with_its_own_handlers_keeps_them_and_gets_the_caps():
    from moderator.process_setup import configure_process

    root = logging.getLogger()
    saved = (root.level, os.umask(0o022), {n: logging.getLogger(n).level for n in ("presidio-analyzer", "spacy")})
    handlers = list(root.handlers)
    try:
        configure_process(3)
        assert root.handlers == handlers, "pytest's (or any host's) handlers are left alone"
        assert logging.getLogger("presidio-analyzer").getEffectiveLevel() == logging.WARNING
        assert not logging.getLogger("spacy").isEnabledFor(logging.INFO)
    finally:
        root.setLevel(saved[0])
        os.umask(saved[1])
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)
