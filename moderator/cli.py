"""The ``moderator`` command. Domain errors become one line and a non-zero exit here, nowhere else."""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path

import click

from core.errors import ConfigError
from detectors.text_prepare import is_utf8, shown
from moderator.config_checks import has_control, printable

log = logging.getLogger(__name__)
# PostgreSQL's integer: the largest finding id there can be
MAX_ID = 2**31 - 1


class UserError(click.ClickException):
    """An error the user can fix: printed as one line, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        """Print the one line."""
        click.echo(f"moderator: {one_line(self.message)}", err=True)


def one_line(text: str) -> str:
    """``text`` on one line: line breaks and tabs become spaces, other unprintable characters escapes."""
    return printable(" ".join(text.split()))


class _UsageError(UserError):
    """A mistyped command line, as one line naming the command and how to get help."""

    def __init__(self, exc: click.UsageError) -> None:
        command = exc.ctx.command_path.partition(" ")[2] if exc.ctx else ""
        help_ = " ".join(("moderator", command, "--help")) if command else "moderator --help"
        super().__init__(f"{command + ': ' if command else ''}{exc.format_message()} (see `{help_}`)")


class _Commands(click.Group):
    """The command group: every usage error, of any subcommand, becomes one ``moderator:`` line."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        """Parse the group's own options; a usage error becomes one line."""
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            raise _UsageError(exc) from None

    def invoke(self, ctx: click.Context):
        """Run the subcommand; a usage error in its arguments becomes one line."""
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _UsageError(exc) from None


def _fail_config(exc: ConfigError) -> None:
    for p in exc.problems:
        click.echo(f"moderator: {one_line(p)}", err=True)
    sys.exit(2)


class Day(click.ParamType):
    """A calendar date, YYYY-MM-DD, from 1970 to 9998 (so that the day after it exists everywhere)."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> str:
        """The date, checked, as the ISO text the log filter reads."""
        option = param.opts[0] if param is not None else "the date"
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else value
        except ValueError:
            raise UserError(f"{option} must be a date like 2026-11-23, got {printable(repr(value))}") from None
        if not isinstance(day, date) or not 1970 <= day.year <= 9998:
            raise UserError(f"{option} must be a date from 1970-01-01 to 9998-12-31, got {printable(repr(value))}")
        return day.isoformat()


class Line(click.ParamType):
    """One line of UTF-8 text of at most ``limit`` characters (a reason, a name)."""

    name = "TEXT"

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def convert(self, value, param, ctx) -> str:
        """The text, checked."""
        text = value if isinstance(value, str) else str(value)
        if not is_utf8(text) or has_control(text):
            self.fail("must be one line of UTF-8 text (no control characters)", param, ctx)
        if len(text) > self.limit:
            self.fail(f"must be at most {self.limit} characters, got {len(text)}", param, ctx)
        return text


@click.group(cls=_Commands)
@click.option("--config", "-c", "config_path", type=click.Path(dir_okay=False), envvar="MODERATOR_CONFIG",
              default="moderator.toml", show_default=True, help="The configuration file.")
@click.option("-v", "--verbose", count=True, help="More log output (ids, labels and reasons only).")
@click.pass_context
def cli(ctx: click.Context, config_path: str, verbose: int) -> None:
    """Keep a school's social-media accounts safe."""
    from moderator.process_setup import configure_process

    configure_process(verbose)
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


@cli.command("eval")
@click.argument("dirs", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per set, one per line.")
@click.option("--errors", is_flag=True, help="List false positives and negatives per label.")
@click.option("--model", default=None, help="spaCy model (default: detection.spacy_model or the bundled one).")
@click.option("--reliability", is_flag=True, help="Also the calibration's reliability table and hide precision.")
def eval_cmd(dirs: tuple[str, ...], as_json: bool, errors: bool, model: str | None, reliability: bool) -> None:
    """Score the detectors on evaluation sets (items.jsonl, school.toml, roster.csv)."""
    from detectors.engine import DEFAULT_MODEL, ModelNotInstalled, load_nlp
    from moderator import evaluation

    sets = []
    for d in dirs:
        try:
            sets.append(evaluation.load_set(Path(d)))
        except ConfigError as exc:
            _fail_config(exc)
        except UnicodeDecodeError:
            raise UserError(f"{d}: school.toml and items.jsonl must be UTF-8 text") from None
        except OSError as exc:  # a folder where a file should be, no permission
            raise UserError(f"{exc.filename or d}: cannot read: {exc.strerror or exc}") from None
    try:
        nlp = load_nlp(model or DEFAULT_MODEL)
    except ModelNotInstalled as exc:
        raise UserError(str(exc)) from None
    if reliability and not as_json:
        click.echo(evaluation.format_fit())
    for es in sets:
        result = evaluation.evaluate(es, model or DEFAULT_MODEL, nlp=nlp)
        click.echo(evaluation.public_json(result) if as_json else evaluation.format_text(result, errors))
        if reliability and not as_json:
            click.echo(evaluation.format_reliability(result))


def _config(ctx: click.Context):
    from moderator.config import load_config

    try:
        return load_config(ctx.obj["config_path"])
    except ConfigError as exc:
        _fail_config(exc)


def _app(ctx: click.Context, dry_run: bool = False, with_engine: bool = True):
    from detectors.engine import ModelNotInstalled
    from moderator.app import App
    from storage.db import StorageError

    config = _config(ctx)
    try:
        return App.build(config, dry_run=dry_run, with_engine=with_engine)
    except (StorageError, ModelNotInstalled) as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:  # a folder that cannot be created, a file that cannot be opened
        where = f" {exc.filename}" if exc.filename else ""
        raise UserError(f"cannot open{where}: {exc.strerror or exc} (check storage.url and "
                        f"reporting.outbox in {config.path})") from None


@cli.command()
@click.option("--once", is_flag=True, help="One poll of every account plus due reporting, then exit.")
@click.option("--dry-run", is_flag=True, help="Decide but do not act: nothing is hidden, sent or stored.")
@click.option("--serve", is_flag=True, help="Also serve the review pages (on web.host and web.port) in this process.")
@click.option("--worker", is_flag=True, help="Run as one of several worker processes (PostgreSQL only).")
@click.option("--jobs", type=click.IntRange(1, 32), help="With --worker: jobs the worker runs at once (default 4; "
              "each one more overlaps more network waits and holds one more batch in memory).")
@click.pass_context
def run(ctx: click.Context, once: bool, dry_run: bool, serve: bool, worker: bool, jobs: int | None) -> None:
    """Run the daemon (or one pass with --once, or one worker of several with --worker), with the review pages
    beside it with --serve.
    """
    if serve and (once or dry_run or worker):
        raise UserError("--serve goes with the daemon, not with --once, --dry-run or --worker (the pages' decisions "
                        "act for real; workers share the work between processes): run `moderator serve` beside it")
    if jobs is not None and not worker:
        raise UserError("--jobs is the number of jobs of one worker: use it with --worker")
    if worker:
        from moderator.cli_workers import run_worker

        return run_worker(ctx, once, dry_run, jobs)
    app = _app(ctx, dry_run=dry_run)
    if serve:
        from moderator.cli_web import run_with_pages

        run_with_pages(app)
        return
    if not once:
        from moderator.scheduler import run_daemon

        run_daemon(app)
        return
    results = app.run_once()
    from moderator.summary import format_run

    click.echo(format_run(app, results))
    if any(r.outcome in ("failed", "disabled") for r in results):
        sys.exit(3)


@cli.command()
@click.argument("text", required=False)
@click.option("--photo", is_flag=True, help="The post will carry a photo or video.")
@click.option("--school", help="Whose draft it is (its slug): its roster and staff judge it. Required in a "
                                "trust's configuration.")
@click.pass_context
def check(ctx: click.Context, text: str | None, photo: bool, school: str | None) -> None:
    """Check a draft post before publishing: exit 1 when it breaches the policy."""
    from core.items import Item
    from detectors.engine import DetectorEngine, ModelNotInstalled

    config = _config(ctx)
    _check_school(config, school)
    if config.trust is not None and school is None:
        raise UserError(f"say whose draft it is with --school (one of {', '.join(v.slug for v in config.schools)}): "
                        f"each school's roster and staff judge its own drafts")
    config = config.for_school(school) if school is not None else config
    if text is None:
        try:
            text = click.get_binary_stream("stdin").read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserError(f"standard input is not UTF-8 text (byte {exc.start + 1} is not): save the draft "
                            f"as UTF-8") from None
    elif not is_utf8(text):
        raise UserError("the draft is not UTF-8 text: check the terminal's encoding, or give it on standard input")
    if not text.strip():
        raise UserError("nothing to check: give the draft as an argument or on standard input")
    try:
        engine = DetectorEngine.from_config(config)
    except ModelNotInstalled as exc:
        raise UserError(str(exc)) from None
    item = Item(platform="draft", external_id="draft", kind="post", by_school=True, text=text,
                media=("photo",) if photo else ())
    res = engine.analyze_text(item)
    if res.skipped:
        raise UserError(f"could not check this draft: {res.skipped}")
    if not res.findings:
        click.echo("OK: no breach of the social media policy found.")
        return
    click.echo(f"This draft breaches the policy ({len(res.findings)} finding(s)):")
    for f in res.findings:
        evidence = shown(text[f.start:f.end]) if f.end > f.start else ""
        click.echo(f"- {f.label} [{f.severity}]: {f.explanation}" + (f' ("{evidence}")' if evidence else ""))
        click.echo(f"  rule: {f.rule}")
    sys.exit(1)


def _check_school(config, school: str | None) -> None:
    """A ``--school`` that names no school of the configuration is a one-line error."""
    if school is not None and school not in {v.slug for v in config.schools}:
        raise UserError(f"unknown school {school!r} (known: {', '.join(v.slug for v in config.schools)})")


@cli.command("log")
@click.option("--label", help="Only this label.")
@click.option("--status", help="Only this review status (open, held, confirmed, dismissed, superseded).")
@click.option("--account", help="Only this account (its name in the configuration).")
@click.option("--since", type=Day(), help="From this date (YYYY-MM-DD).")
@click.option("--until", type=Day(), help="Up to and including this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="At most this many findings.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per finding, one per line.")
@click.option("--school", help="Only this school's findings (its slug in the configuration).")
@click.pass_context
def log_cmd(ctx, label, status, account, since, until, limit, as_json, school) -> None:
    """List the moderation log (the only place, with `check`, that shows item text)."""
    from moderator.review import LogFilter, format_log, query_log

    app = _app(ctx, with_engine=False)
    try:
        flt = LogFilter.parse(label, status, account, since, until, limit)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if account and account not in {a.name for a in app.config.accounts}:
        raise UserError(f"unknown account {account!r}")
    _check_school(app.config, school)
    flt.school = school
    reporter = app.reporter
    with app.sessions() as s:
        if school is not None:  # its findings, holds and "needs attention" only, and its own mail problems
            from moderator.status import scope_to_school

            scope_to_school(s, school)
            reporter = app.reporter.reporters[school] if app.config.trust else app.reporter
        click.echo(format_log(s, query_log(s, flt), as_json, reporter))


@cli.command()
@click.argument("finding_id", type=click.IntRange(1, MAX_ID))
@click.argument("decision", type=click.Choice(["confirm", "dismiss"]))
@click.option("--reason", required=True, type=Line(1000), help="Why: kept in the audit log.")
@click.option("--by", "actor", envvar="USER", default="administrator", type=Line(100),
              help="Who decides (default $USER).")
@click.option("--language-hold", is_flag=True,
              help="ID is a hold for 'language not understood' (listed under its own heading in the log).")
@click.option("--school", help="Refuse unless the finding is this school's (its slug).")
@click.pass_context
def review(ctx, finding_id: int, decision: str, reason: str, actor: str, language_hold: bool,
           school: str | None) -> None:
    """Confirm or dismiss a finding (or a language hold); dismissing restores a hidden comment."""
    from moderator.review import ReviewError, review_finding, review_language_hold

    app = _app(ctx, with_engine=False)
    _check_school(app.config, school)
    decide = review_language_hold if language_hold else review_finding
    try:
        click.echo(decide(app, finding_id, decision, reason, actor or "administrator", school=school))
    except ReviewError as exc:
        raise UserError(str(exc)) from None


@cli.command()
@click.option("--print", "preview", is_flag=True, help="Show the digest that would go out now.")
@click.option("--send", is_flag=True, help="Send it now.")
@click.option("--school", help="Only this school's digest (its slug); a trust's default: every school's and the "
                                "trust digest.")
@click.pass_context
def digest(ctx, preview: bool, send: bool, school: str | None) -> None:
    """Preview or send the SMT digest."""
    app = _app(ctx, with_engine=False)
    _check_school(app.config, school)
    reporter = app.reporter.reporters[school] if school and app.config.trust else app.reporter
    if send:
        row = reporter.send_digest(force=True)
        if row is None:
            click.echo("nothing to report")
            return
        click.echo(f"digest {row.id} {row.status}: {row.delivered_to or ''}")
        if row.status != "sent":
            raise UserError(f"digest {row.id} not delivered yet ({row.error or 'pending'}); the daemon will retry")
    else:
        click.echo(reporter.preview_digest())


@cli.group()
def accounts() -> None:
    """Inspect and manage the configured accounts."""


@accounts.command("check")
@click.pass_context
def accounts_check(ctx) -> None:
    """Verify each account's credentials and permissions against its platform."""
    from connectors.base import ConnectorError, connector_class

    config = _config(ctx.parent)
    bad = False
    for acct in config.accounts:
        click.echo(f"{acct.name} ({acct.platform}{'' if acct.enabled else ', disabled in config'}):")
        try:
            results = connector_class(acct.platform).from_config(acct, config).check()
        except (ConnectorError, ConfigError) as exc:
            msg = "; ".join(exc.problems) if isinstance(exc, ConfigError) else str(exc)
            click.echo(f"  FAIL  set-up: {msg}")
            bad = True
            continue
        for r in results:
            bad |= not r.ok
            click.echo(f"  {'ok  ' if r.ok else 'FAIL'}  {r.what}{': ' + r.detail if r.detail else ''}")
    sys.exit(1 if bad else 0)


@accounts.command("enable")
@click.argument("name")
@click.pass_context
def accounts_enable(ctx, name: str) -> None:
    """Re-enable an account the daemon disabled (after fixing its token or permissions)."""
    from moderator.review import enable_account

    app = _app(ctx.parent, with_engine=False)
    try:
        app.config.account(name)
    except ConfigError as exc:
        _fail_config(exc)
    click.echo(enable_account(app, name, actor=os.environ.get("USER", "administrator")))


from moderator.cli_web import serve, users  # noqa: E402 (the review pages' commands)

cli.add_command(serve), cli.add_command(users)
from moderator.cli_migrate import migrate_db  # noqa: E402 (moving from SQLite to PostgreSQL)

cli.add_command(migrate_db)
from moderator.cli_workers import status  # noqa: E402 (the workers' status)

cli.add_command(status)


def main() -> None:
    """Console-script entry point."""
    cli(obj={})


if __name__ == "__main__":
    main()
