"""The ``moderator`` command. Domain errors become one line and a non-zero exit here, nowhere else."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from moderator.config import ConfigError

log = logging.getLogger(__name__)


class UserError(click.ClickException):
    """An error the user can fix: printed as one line, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"moderator: {self.message}", err=True)


def _fail_config(exc: ConfigError) -> None:
    for p in exc.problems:
        click.echo(f"moderator: {p}", err=True)
    sys.exit(2)


@click.group()
@click.option("--config", "-c", "config_path", type=click.Path(dir_okay=False), envvar="MODERATOR_CONFIG",
              default="moderator.toml", show_default=True, help="The configuration file.")
@click.option("-v", "--verbose", count=True, help="More log output (ids, labels and reasons only).")
@click.pass_context
def cli(ctx: click.Context, config_path: str, verbose: int) -> None:
    """Keep a school's social-media accounts safe."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


@cli.command("eval")
@click.argument("dirs", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per set, one per line.")
@click.option("--errors", is_flag=True, help="List false positives and negatives per label.")
@click.option("--model", default=None, help="spaCy model (default: detection.spacy_model or the bundled one).")
def eval_cmd(dirs: tuple[str, ...], as_json: bool, errors: bool, model: str | None) -> None:
    """Score the detectors on evaluation sets (items.jsonl, school.toml, roster.csv)."""
    from detectors.engine import DEFAULT_MODEL, load_nlp
    from moderator import evaluation

    try:
        sets = [evaluation.load_set(Path(d)) for d in dirs]
    except ConfigError as exc:
        _fail_config(exc)
    nlp = load_nlp(model or DEFAULT_MODEL)
    for es in sets:
        result = evaluation.evaluate(es, model or DEFAULT_MODEL, nlp=nlp)
        click.echo(evaluation.public_json(result) if as_json else evaluation.format_text(result, errors))


def main() -> None:
    """Console-script entry point."""
    cli(obj={})
