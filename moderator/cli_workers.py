"""The commands of several workers on PostgreSQL: ``moderator run --worker`` and ``moderator status``."""

from __future__ import annotations

import json

import click


def run_worker(ctx: click.Context, once: bool, dry_run: bool, jobs: int | None = None) -> None:
    """``moderator run --worker``: one worker process of several sharing one PostgreSQL database."""
    from detectors.engine import ModelNotInstalled
    from moderator.cli import UserError, _config
    from moderator.workers.queue import is_postgres
    from moderator.workers.runner import CONCURRENCY
    from moderator.workers.runner import run_worker as run
    from storage.db import StorageError

    if once or dry_run:
        raise UserError("run: --worker cannot be combined with --once or --dry-run (use them without --worker)")
    config = _config(ctx)
    if not is_postgres(config.storage_url):
        raise UserError(f"run --worker needs a PostgreSQL storage.url (workers share its task queue); "
                        f"{config.path} uses SQLite: run `moderator run` (one process) instead")
    try:
        run(config, concurrency=jobs or CONCURRENCY)
    except (StorageError, ModelNotInstalled) as exc:
        raise UserError(str(exc)) from None


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per account, then the queue's totals.")
@click.option("--school", help="Only this school's accounts (its slug in the configuration).")
@click.pass_context
def status(ctx: click.Context, as_json: bool, school: str | None) -> None:
    """Per account: the last and next poll, the worker holding it, queued jobs and recent failures."""
    from moderator.cli import _app, _check_school
    from moderator.status import as_json as rows
    from moderator.status import format_table, gather

    app = _app(ctx, with_engine=False)
    _check_school(app.config, school)
    statuses, totals = gather(app.config, app.sessions, school=school)
    if as_json:
        for row in rows(statuses, totals):
            click.echo(json.dumps(row))
    else:
        click.echo(format_table(statuses, totals))
