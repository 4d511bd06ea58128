"""``moderator serve`` and ``moderator users``: the review pages and the people who sign in to them."""

from __future__ import annotations

import logging
import os
import threading

import click

from storage.web_models import ROLES

log = logging.getLogger(__name__)


def _actor() -> str:
    return os.environ.get("USER") or "administrator"


def _core(ctx: click.Context, with_engine: bool = False):
    from moderator.cli import _app

    return _app(ctx.find_root(), with_engine=with_engine)


def _fail(exc: Exception):
    from moderator.cli import UserError

    return UserError(str(exc))


def _draft_engine(core, no_check: bool, now: bool = True):
    """The draft check's detector engine (None: no draft check); loaded ``now``, or on first use.

    `run --serve` gives the pages their own engine, loaded when a draft is first checked: the daemon's
    spaCy pipeline is not shared between threads (and the daemon has shown the model is installed).
    """
    if no_check:
        return None
    from detectors.engine import DetectorEngine, ModelNotInstalled

    if not now:
        return lambda: DetectorEngine.from_config(core.config)
    try:
        engine = DetectorEngine.from_config(core.config)
    except ModelNotInstalled as exc:
        raise _fail(exc) from None
    return lambda: engine


def _school_engines(core, draft_engine):
    """A trust's draft check engine of each school; None for a single school's installation.

    Each has its school's roster, staff and languages, and shares the loaded engine's spaCy pipeline and models.
    """
    if draft_engine is None or core.config.trust is None:
        return None
    from detectors.engine import DetectorEngine

    return lambda slug, shared: DetectorEngine.from_config(core.config.for_school(slug), shared=shared)


def _pages(core, draft_engine):
    """The review pages' application; a configuration it cannot start with (an OIDC secret not set) is one line."""
    from core.errors import ConfigError
    from moderator.web.app import create_app

    try:
        return create_app(core, draft_engine, _school_engines(core, draft_engine))
    except ConfigError as exc:
        raise _fail(exc) from None


def _listen(host: str, port: int):
    from moderator.web.serving import ListenError, listen

    try:
        return listen(host, port)
    except ListenError as exc:
        raise _fail(exc) from None


def _announce(core, host: str, port: int, stops: str) -> None:
    from moderator.web.serving import address

    public = core.config.web.public_base_url
    click.echo(f"Review pages on {address(host, port)}{f' (public address: {public})' if public else ''}; {stops}")


@click.command()
@click.option("--host", default=None, help="Listen on this address (default: web.host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65_535), default=None,
              help="Listen on this port (default: web.port, 8080).")
@click.option("--no-check", is_flag=True, help="Do not load the detectors: the draft check page is unavailable.")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, no_check: bool) -> None:
    """Serve the review pages (queue, items, audit log, draft check) on the same database as `moderator run`."""
    from moderator.web.serving import server

    core = _core(ctx)
    web = core.config.web
    host, port = host or web.host, port or web.port
    app = _pages(core, _draft_engine(core, no_check))
    sock = _listen(host, port)
    _announce(core, host, port, "Ctrl-C stops.")
    try:
        server(app, host, port).run(sockets=[sock])
    finally:
        sock.close()


def run_with_pages(core) -> None:
    """`moderator run --serve`: the daemon, and the review pages in a thread of the same process.

    SIGTERM or Ctrl-C stop both (the batch under way commits, the requests under way are answered);
    if the pages' server stops on its own, the daemon stops too and the command fails.
    """
    from moderator.scheduler import run_daemon
    from moderator.web.serving import BackgroundServer

    web = core.config.web
    app = _pages(core, _draft_engine(core, False, now=False))
    sock = _listen(web.host, web.port)
    stop = threading.Event()
    pages = BackgroundServer(app, sock, web.host, web.port, on_exit=stop.set)
    pages.start()
    _announce(core, web.host, web.port, "the daemon runs beside them; Ctrl-C stops both.")
    try:
        run_daemon(core, stop)
    finally:
        pages.stop()
    if pages.failed:
        raise _fail(RuntimeError("the review pages stopped unexpectedly (see the log); the daemon stopped too"))


@click.group()
def users() -> None:
    """Manage the people who sign in to the review pages."""


def _link(core, token: str) -> str:
    from moderator.users import setup_link

    return setup_link(core.config.web.base_url(), token)


def _where(core, school: str | None, all_schools: bool, required: bool) -> str:
    """The school of a role the command names: a configured slug, or "*" (all schools); one line when wrong."""
    from storage.web_models import ALL_SCHOOLS

    single = core.config.trust is None
    if school and all_schools:
        raise _fail(ValueError("give --school or --all-schools, not both"))
    if school:
        if single:
            raise _fail(ValueError("--school is for a trust's configuration ([[schools]]); this one has one "
                                   "school: leave it out"))
        if school not in {v.slug for v in core.config.schools}:
            raise _fail(ValueError(f"no school with the slug {school!r} (known: "
                                   f"{', '.join(v.slug for v in core.config.schools)})"))
        return school
    if required and not all_schools and not single:
        raise _fail(ValueError("this configuration has several schools: give --school SLUG (a role at one "
                               "school) or --all-schools (a role on all of them, including schools added later)"))
    return ALL_SCHOOLS


_SCHOOL = click.option("--school", default=None, metavar="SLUG",
                       help="In a trust: the school (its slug) where the role holds.")
_ALL = click.option("--all-schools", is_flag=True,
                    help="In a trust: the role holds on every school, including schools added later.")


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES),
              help="admin (everything), dsl (all findings, full text), smt (all findings, masked), "
                   "staff (draft check only).")
@click.option("--email", required=True, help="The person's e-mail address.")
@_SCHOOL
@_ALL
@click.pass_context
def users_add(ctx: click.Context, name: str, role: str, email: str, school: str | None, all_schools: bool) -> None:
    """Add a person; prints a one-time link where they choose their password (valid 72 hours)."""
    from moderator import users as u

    core = _core(ctx)
    where = _where(core, school, all_schools, required=True)
    single = core.config.trust is None
    try:
        token = u.add_user(core.sessions, name, role, email, _actor(), where, single=single)
    except u.UserError as exc:
        raise _fail(exc) from None
    at = "" if single else (" on all schools" if where == "*" else f" at {where}")
    click.echo(f"User {name} added as {role}{at}. Send them this one-time link to choose a password "
               f"(valid {int(u.SETUP_LINK_VALID.total_seconds() // 3600)} hours):")
    click.echo(_link(core, token))


@users.command("grant")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="The role to give.")
@_SCHOOL
@_ALL
@click.pass_context
def users_grant(ctx: click.Context, name: str, role: str, school: str | None, all_schools: bool) -> None:
    """Give a person a role at one school or on all (replacing the role they held there)."""
    from moderator import users as u

    core = _core(ctx)
    where = _where(core, school, all_schools, required=True)
    single = core.config.trust is None
    try:
        old = u.change_role(core.sessions, name, role, _actor(), where, single=single)
    except u.UserError as exc:
        raise _fail(exc) from None
    at = "" if single else (" on all schools" if where == "*" else f" at {where}")
    click.echo(f"{name} is now {role}{at}" + (f" (was {old})." if old else "."))


@users.command("revoke")
@click.argument("name")
@_SCHOOL
@_ALL
@click.pass_context
def users_revoke(ctx: click.Context, name: str, school: str | None, all_schools: bool) -> None:
    """Take away the role a person holds at one school or on all schools."""
    from moderator import users as u

    core = _core(ctx)
    where = _where(core, school, all_schools, required=True)
    try:
        old = u.revoke_role(core.sessions, name, _actor(), where, single=core.config.trust is None)
    except u.UserError as exc:
        raise _fail(exc) from None
    click.echo(f"{name} is no longer {old}" + ("" if core.config.trust is None else
                                               " on all schools" if where == "*" else f" at {where}") + ".")


@users.command("list")
@click.pass_context
def users_list(ctx: click.Context) -> None:
    """List the people who may sign in, with their roles (per school in a trust) and state."""
    from moderator import users as u
    from moderator.web.roles import describe, held

    core = _core(ctx)
    rows = u.list_users(core.sessions)
    if not rows:
        click.echo("No users yet: add one with `moderator users add NAME --role admin --email ADDRESS`.")
    with core.sessions() as s:
        for r in rows:
            last = r.last_sign_in_at.isoformat(timespec="minutes") if r.last_sign_in_at else "never"
            roles = describe(held(s, r.id), core.config.trust is None)
            click.echo(f"{r.name}\t{roles}\t{r.email}\t{u.state(r)}\tlast sign-in {last}")


@users.command("disable")
@click.argument("name")
@click.pass_context
def users_disable(ctx: click.Context, name: str) -> None:
    """Stop a person signing in (their sessions end at once; their decisions stay in the audit log)."""
    from moderator import users as u

    try:
        u.disable_user(_core(ctx).sessions, name, _actor())
    except u.UserError as exc:
        raise _fail(exc) from None
    click.echo(f"User {name} disabled.")


@users.command("reset-password")
@click.argument("name")
@click.pass_context
def users_reset(ctx: click.Context, name: str) -> None:
    """Clear a password (and a lock-out); prints a new one-time link to choose another."""
    from moderator import users as u

    core = _core(ctx)
    try:
        token = u.reset_password(core.sessions, name, _actor())
    except u.UserError as exc:
        raise _fail(exc) from None
    click.echo(f"Password of {name} cleared and their sessions ended. Their one-time link to choose a new one:")
    click.echo(_link(core, token))
