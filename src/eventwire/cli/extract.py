"""`eventwire extract`, `eventwire pipeline` and `eventwire doctor`."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import EventwireError
from ..record import Document, ErrorRecord
from ._common import (
    SMALL,
    Interrupted,
    actor_files,
    coder_for,
    say_interrupted,
    stop_on_signals,
    terminal_safe,
    with_progress,
)

if TYPE_CHECKING:
    pass

__all__ = ["doctor", "extract", "pipeline"]

_STOPPED = "the records written so far are complete"


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from ..readers.text import parse_date

    try:
        return parse_date(value, where="--date")
    except EventwireError as e:
        raise click.BadParameter(str(e).removeprefix("--date: ")) from e


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--date",
    callback=_date_option,
    metavar="YYYY-MM-DD",
    help="Publication date for inputs that carry none (plain text, JSON Lines without one).",
)
@click.option("--pretty", is_flag=True, help="Indented JSON, one record after another.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: one eventwire/1 object per line; text: a readable summary.",
)
@click.option(
    "--actors",
    "extra_actors",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra actor knowledge-base file (JSON Lines); the user file of `eventwire actors` "
    "($EVENTWIRE_ACTORS, else ~/.config/eventwire/actors.jsonl) is read if present.",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of cores; small inputs run in one process).",
)
def extract(
    inputs: tuple[str, ...],
    date: str | None,
    pretty: bool,
    fmt: str,
    extra_actors: tuple[Path, ...],
    progress: bool | None,
    workers: int | None,
) -> None:
    """Code articles into eventwire/1 records, one per article, on stdout.

    INPUTS are files in the dated-text format (first line `date YYYY-MM-DD`, then the body),
    plain text files (use --date), JSON Lines files (one article per line:
    {"id", "published", "title", "outlet", "url", "text"}), directories of such files, or
    `-` for stdin. A bad article in a batch gives an error record
    {"article": ..., "error": {"kind", "message"}} and the run goes on; a single bad input
    gives a one-line message and exit status 1.

    \b
    Examples:
      eventwire extract examples/nujaba_strike.txt --format text
      eventwire extract --date 2024-11-02 story.txt --pretty
      cat articles.jsonl | eventwire extract - > records.jsonl
      eventwire extract --workers 2 corpus/ > records.jsonl
    """
    from ..neardup import flag_near_duplicates
    from ..readers import InputFailure, read_inputs

    files = actor_files(extra_actors)
    items = flag_near_duplicates(read_inputs(inputs, date=date))
    head = list(itertools.islice(items, SMALL))
    if len(head) == 1 and isinstance(head[0], InputFailure):
        # a single bad input: say why in one line, before any model is loaded
        raise click.ClickException(str(head[0].error))
    total = len(head) if len(head) < SMALL else None
    show = sys.stderr.isatty() if progress is None else progress
    errors = 0
    with stop_on_signals() as received:
        try:
            coder = coder_for(workers=workers, files=files, total=total)
            results = iter(coder(itertools.chain(head, items)))
            first = list(itertools.islice(results, 2))
            if len(first) == 1 and isinstance(first[0], ErrorRecord):
                raise click.ClickException(first[0].message)
            for result in with_progress(itertools.chain(first, results), show=show):
                errors += isinstance(result, ErrorRecord)
                click.echo(terminal_safe(_render(result, fmt=fmt, pretty=pretty)))
        except Interrupted as e:
            say_interrupted(e, _STOPPED)
        except EventwireError as e:
            if received:  # the signal also reached the workers, which died first
                say_interrupted(Interrupted(received[0]), _STOPPED)
            raise click.ClickException(str(e)) from e
    if errors and (show or total != 1):
        click.echo(
            f"eventwire: {errors} article(s) could not be coded (see error records)", err=True
        )


def _render(result: Document | ErrorRecord, *, fmt: str, pretty: bool) -> str:
    if fmt == "text":
        from ..summary import summarize

        return summarize(result)
    data = result.to_dict()
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the stages as JSON.")
def pipeline(as_json: bool) -> None:
    """List the stages `extract` runs, in order, with what each reads and writes."""
    from ..pipeline import DEFAULT_STAGES
    from ..registrations import default_registry

    registry = default_registry()
    rows = [registry.get(name) for name in DEFAULT_STAGES]
    if as_json:
        data = [
            {"name": s.name, "reads": s.reads, "writes": s.writes, "help": s.help} for s in rows
        ]
        click.echo(json.dumps(data, indent=2))
        return
    for n, stage in enumerate(rows, start=1):
        click.echo(f"{n}. {stage.name:<9} {stage.help}")
        click.echo(f"   reads:  {', '.join(stage.reads)}")
        click.echo(f"   writes: {', '.join(stage.writes)}")


@click.command()
def doctor() -> None:
    """Check the installation: model weights, knowledge base, gazetteer."""
    from ..resources import Resources
    from ..resources.spacy_model import model_path, verify_model

    try:
        verify_model()
        click.echo(f"spaCy model: ok (en_core_web_sm 3.8.0 weights at {model_path()})")
        resources = Resources()
        click.echo(f"actor knowledge base: ok ({len(resources.kb.entries):,} actors)")
        resources.gazetteer.candidates("Baghdad")
        click.echo("gazetteer: ok")
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
