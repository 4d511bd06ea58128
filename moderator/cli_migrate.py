"""``moderator migrate-db``: move a school's SQLite database into PostgreSQL, verified, all or nothing."""

from __future__ import annotations

import click

from moderator.migrate_db import BATCH, MigrateError, TableCopy, copy_database
from storage.db import masked_url


@click.command("migrate-db")
@click.option("--to", "to_url", required=True, metavar="URL",
              help="The PostgreSQL database to fill (postgresql+psycopg://user@host:5432/database); it must be "
                   "empty. Leave the password out and set PGPASSWORD or ~/.pgpass instead.")
@click.option("--from", "from_url", metavar="URL",
              help="The SQLite database to copy (default: storage.url of the configuration).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=BATCH, show_default=True,
              help="Rows read and written at a time (bounds the memory used).")
@click.pass_context
def migrate_db(ctx: click.Context, to_url: str, from_url: str | None, batch_size: int) -> None:
    """Copy the SQLite database into an empty PostgreSQL one, checking every table's rows."""
    from moderator.cli import UserError, _config, one_line

    school = "default"  # the slug a database from before tenancy gives its rows
    if from_url is None:
        config = _config(ctx.find_root())
        from_url, school = config.storage_url, config.schools[0].slug
    click.echo(one_line(f"Copying {masked_url(from_url)} into {masked_url(to_url)}"), err=True)
    header = [f"{'table':<24}{'source':>10}{'copied':>10}{'target':>10}  check"]

    def show(c: TableCopy) -> None:
        while header:
            click.echo(header.pop())
        click.echo(f"{c.name:<24}{c.source:>10}{c.copied:>10}{c.target:>10}  {'ok' if c.ok else 'MISMATCH'}")

    try:
        copies = copy_database(from_url, to_url, batch_size, progress=show, school=school)
    except MigrateError as exc:
        raise UserError(str(exc)) from None
    except KeyboardInterrupt:
        raise UserError("interrupted: nothing was committed, the target is left empty") from None
    total = sum(c.copied for c in copies)
    click.echo(f"{'total':<24}{sum(c.source for c in copies):>10}{total:>10}{sum(c.target for c in copies):>10}  ok")
    click.echo(f"Committed: {total} row(s) in {len(copies)} table(s), every count and checksum agrees. "
               f"The SQLite database is left as it was. Set storage.url to the PostgreSQL URL before "
               f"starting `moderator run` again.")
