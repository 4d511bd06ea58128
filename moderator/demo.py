"""``make demo``: one moderation pass over the bundled sample, in a fresh demo-run/ folder."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from click.testing import CliRunner

SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def main(target: str = "demo-run") -> int:
    """Copy the sample, run `moderator run --once` and send the digest to the outbox."""
    from moderator.cli import cli
    from moderator.process_setup import configure_process

    configure_process(0)  # demo-run/ and all in it (the database, the outbox) owner-only
    out = Path(target).resolve()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SAMPLE, out, copy_function=shutil.copyfile)  # new files, under the owner-only umask
    out.chmod(0o700)  # copytree gave the folder the sample's mode
    config = str(out / "config.toml")
    runner = CliRunner()
    steps = [["--config", config, "run", "--once"], ["--config", config, "digest", "--send"],
             ["--config", config, "users", "add", "demo-admin", "--role", "admin", "--email", "admin@example.org"]]
    code = 0
    for args in steps:
        print(f"$ moderator {' '.join(a if a != config else 'demo-run/config.toml' for a in args)}")
        result = runner.invoke(cli, args, catch_exceptions=False)
        print(result.output, end="")
        code = code or (result.exit_code if result.exit_code not in (0, 3) else 0)
    print(f"\nReview the log with: .venv/bin/moderator --config {config} log")
    print(f"Or the review pages: .venv/bin/moderator --config {config} serve\n"
          f"then open the one-time link above to choose demo-admin's password, and sign in at http://127.0.0.1:8080/")
    return code


if __name__ == "__main__":
    sys.exit(main())
