"""The `eventwire` command: a thin layer over the library.

Each command parses options, calls library functions, and turns `EventwireError`s into a
one-line message on stderr and exit status 1 (2 for usage errors, as click does). Commands
live in one module per area and are added to the group here, explicitly.
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from ..errors import EventwireError
from .actors import actors
from .coding import classify, evaluate_gold
from .corrections import corrections
from .extract import doctor, extract, pipeline
from .feeds import sources, watch
from .monitor import alerts, report, rules, trends
from .store import actors_query, articles, errors, events, export, ingest, serve

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
@click.option(
    "--lexicon",
    "lexicon_dir",
    envvar="EVENTWIRE_LEXICON",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Directory of lexicon .tsv files whose word classes replace the shipped ones "
    "($EVENTWIRE_LEXICON; see docs/lexicon.md).",
)
def cli(lexicon_dir: Path | None) -> None:
    """eventwire: news articles in, sourced PLOVER event records out.

    Start with `eventwire extract examples/nujaba_strike.txt --format text`.

    Every command reads the coder's words from the shipped lexicon; `--lexicon DIR`
    (before the command: `eventwire --lexicon my_words/ extract ...`) replaces the word
    classes DIR defines.
    """
    if lexicon_dir is not None:
        from ..lexicon import use_lexicon

        try:
            use_lexicon(lexicon_dir)
        except EventwireError as e:
            raise click.ClickException(str(e)) from e


for command in (
    extract,
    pipeline,
    doctor,
    actors,
    ingest,
    events,
    articles,
    export,
    serve,
    errors,
    classify,
    evaluate_gold,
    trends,
    alerts,
    rules,
    report,
    sources,
    watch,
    corrections,
):
    cli.add_command(command)


# the store's actor query is a subcommand of the actors group: `eventwire actors query`
actors.add_command(actors_query)


def main() -> None:
    """Entry point of the `eventwire` script."""
    cli(prog_name="eventwire")
