"""`eventwire ingest`, `events`, `articles`, `export`, `serve`, and the actor query.

Every command takes `--db URL` (default: $EVENTWIRE_DB, else SQLite at
~/.local/share/eventwire/eventwire.db). `actors_query` is attached under `eventwire actors`
by that group's module.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import EventwireError, MalformedRecordError
from ..record import PLOVER_TYPES, STATUSES, Document
from ..vocabulary import EXPORT_FORMATS
from ._common import (
    Interrupted,
    ProgressBar,
    actor_files,
    coder_for,
    db_option,
    errors_as_click,
    open_store,
    say_interrupted,
    stop_on_signals,
    terminal_safe,
)

if TYPE_CHECKING:
    from ..readers import InputFailure
    from ..store import Filters, IngestStats, Store
    from ..store.ingest import Coder

__all__ = ["actors_query", "articles", "errors", "events", "export", "ingest", "serve"]

TOKEN_ENV = "EVENTWIRE_API_TOKEN"
F = TypeVar("F", bound=Callable[..., Any])


def _filter_options(func: F) -> F:
    options = [
        click.option("--from", "date_from", metavar="YYYY-MM-DD", help="On or after this date."),
        click.option("--to", "date_to", metavar="YYYY-MM-DD", help="On or before this date."),
        click.option("--actor", help="A source or target actor's name (case-insensitive)."),
        click.option("--source", help="The source actor of a dyad."),
        click.option("--target", help="The target actor of a dyad."),
        click.option("--country", metavar="ISO3", help="A source or target actor's country."),
        click.option(
            "--type",
            "types",
            multiple=True,
            type=click.Choice(PLOVER_TYPES, case_sensitive=False),
            help="PLOVER event type (repeat for several).",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice(STATUSES, case_sensitive=False),
            help="Event status (repeat for several).",
        ),
        click.option(
            "-q",
            "--search",
            "q",
            metavar="WORDS",
            help="Words in events' evidence or quotes (articles: in their text).",
        ),
        click.option("--source-country", metavar="ISO3", help="A dyad's source country."),
        click.option("--target-country", metavar="ISO3", help="A dyad's target country."),
        click.option("--both", is_flag=True, help="The country dyad in both directions."),
        click.option("--outlet", help="The article's outlet."),
        click.option("--speaker", help="The actor an event is attributed to."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(kwargs: dict[str, Any]) -> Filters:
    """The options as query pairs, read by the one filter parser the API and the UI use."""
    from ..store import QueryError, parse_filters

    pairs = [(name, kwargs.pop(name) or "") for name in _SINGLE_FILTERS]
    # a full ISO timestamp stands for its day, as it always has on the command line
    pairs = [(k, v.strip()[:10] if k.startswith("date_") else v) for k, v in pairs]
    pairs += [("both", "1" if kwargs.pop("both") else "")]
    pairs += [("type", t) for t in kwargs.pop("types")]
    pairs += [("status", s) for s in kwargs.pop("statuses")]
    try:
        return parse_filters(pairs)
    except QueryError as e:
        raise click.BadParameter(str(e)) from e


_SINGLE_FILTERS = (
    "date_from", "date_to", "actor", "source", "target", "country", "q", "source_country",
    "target_country", "outlet", "speaker",
)  # fmt: skip


# -- errors -----------------------------------------------------------------------------------


@click.command("errors")
@db_option
@click.option("--run", "run_id", type=int, help="Only this run's failures.")
@click.option("--limit", default=50, show_default=True, help="How many, newest first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@errors_as_click
def errors(db: str | None, run_id: int | None, limit: int, as_json: bool) -> None:
    """List the articles ingests could not code (the quarantine), with the reason.

    Each failure keeps the run, what is known of the article (its id, or file and line) and
    the error's kind and message; nothing else of the run is lost because of it. Fix the
    input and ingest it again.

    \b
    Examples:
      eventwire errors
      eventwire errors --run 3 --json
    """
    store = open_store(db)
    rows = store.failures(run_id=run_id, limit=limit)
    for row in rows:
        if as_json:
            click.echo(terminal_safe(json.dumps(row, ensure_ascii=False)))
        else:
            line = f"run {row['run']}  {row['kind']:<10} {row['article']}: {row['message']}"
            click.echo(terminal_safe(line))
    if not rows and not as_json:
        click.echo("no failures recorded", err=True)


# -- ingest -----------------------------------------------------------------------------------


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@db_option
@click.option("--date", metavar="YYYY-MM-DD", help="Publication date for inputs without one.")
@click.option(
    "--coded",
    is_flag=True,
    help="PATHS hold eventwire/1 records (the output of `eventwire extract`): store them "
    "as they are, without coding.",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of cores; 1 codes in this process).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: a Dask cluster (see --scheduler).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a "
    "local cluster of --workers processes.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Skip articles already stored by this pipeline version (after a crash or a kill).",
)
@click.option(
    "--rules",
    "rules_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="EVENTWIRE_RULES",
    help="Watch rules (TOML) to evaluate after the ingest (default: $EVENTWIRE_RULES); "
    "see `eventwire alerts`.",
)
@errors_as_click
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    date: str | None,
    coded: bool,
    progress: bool | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    resume: bool,
    rules_path: Path | None,
) -> None:
    """Code articles and store them (one transaction per article).

    PATHS are what `eventwire extract` reads: dated-text files, plain text (use --date),
    JSON Lines, directories, or `-` for stdin. An article already in the store (same id or
    same text) is updated in place, so running an ingest again, after a crash or with a newer
    pipeline, never duplicates anything. Articles that cannot be read or coded are recorded
    as failures of the run and the ingest goes on. With --resume, an article already stored
    is recoded when its text or date changed since (reported as updated).

    \b
    Exit status: 0 every article stored; 1 some article failed (the rest are stored: see
    `eventwire errors`) or the store cannot be used; 2 a bad option.

    \b
    Examples:
      eventwire ingest examples/
      eventwire ingest --db postgresql://me@localhost/events feed.jsonl
      eventwire extract a.txt > a.jsonl && eventwire ingest --coded a.jsonl
      eventwire ingest --workers 2 --resume day.jsonl.zst
      eventwire ingest --engine dask --scheduler tcp://10.0.0.5:8786 --db postgresql://... big/
    """
    from ..store import ingest as run_ingest

    store = open_store(db)
    total = None if "-" in paths else _count_articles(paths)
    coder: Coder | None = None
    if coded:
        items: Iterator[Document | InputFailure] = _read_coded(paths)
    else:
        from ..neardup import flag_near_duplicates
        from ..readers import read_inputs

        items = flag_near_duplicates(read_inputs(paths, date=date))
        # the model takes seconds to load before the first article: say so, not a frozen 0/N
        click.echo("loading the language model…", err=True)
        coder = coder_for(
            engine=engine, workers=workers, scheduler=scheduler, files=actor_files(), total=total
        )
    show = sys.stderr.isatty() if progress is None else progress
    with stop_on_signals() as received:
        try:
            with ProgressBar(label="ingesting", total=total, show=show) as bar:
                stats = run_ingest(
                    store,
                    items,
                    pipeline=None,
                    coder=coder,
                    resume=resume,
                    progress=lambda stats: bar.set(done=stats.done, errors=stats.errors),
                    source=" ".join(paths),
                    on_done=_after_ingest(store, rules_path),
                )
        except Interrupted as e:
            say_interrupted(e, _STOPPED)
        except EventwireError:
            if received:  # the signal also reached the workers, which died first
                say_interrupted(Interrupted(received[0]), _STOPPED)
            raise
    skipped = f", {stats.skipped} already stored" if resume else ""
    click.echo(
        f"run {stats.run_id}: {stats.inserted} new, {stats.updated} updated, "
        f"{stats.errors} failed{skipped} ({store.counts()['articles']} articles in the store)",
        err=True,
    )
    if stats.errors:
        click.echo("see them with: eventwire errors", err=True)
    click.echo("browse them with: eventwire serve", err=True)
    if stats.errors and stats.last_error:
        click.echo(terminal_safe(f"last failure: {stats.last_error}"), err=True)
    if stats.errors:
        # a script or a scheduler must see that articles were left out, as with `extract`
        sys.exit(1)


_STOPPED = "run marked interrupted; what was stored stays: go on with --resume"


def _after_ingest(store: Store, rules_path: Path | None) -> Callable[[IngestStats], None] | None:
    """The watch rules' evaluation after an ingest (eventwire.cli.monitor), if rules given."""
    if rules_path is None:
        return None
    from .monitor import after_ingest

    return after_ingest(store, rules_path)


def _read_coded(paths: tuple[str, ...]) -> Iterator[Document | InputFailure]:
    """Records written by `eventwire extract`; its error records become failures."""
    from ..readers import InputFailure
    from ..readers.records import read_records
    from ..record import ErrorRecord

    for item in read_records(paths):
        if isinstance(item, ErrorRecord):
            error = MalformedRecordError(f"{item.kind}: {item.message}")
            yield InputFailure(error=error, article=item.article)
        else:
            yield item


def _count_articles(paths: tuple[str, ...]) -> int | None:
    """How many articles the paths hold (for the ETA); None when it cannot be told cheaply
    (compressed files, CSV: counting would mean reading them twice)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.name.startswith(".") or not file.is_file():
                continue
            suffix = file.suffix.lower()
            if suffix in {".gz", ".zst", ".csv", ".tsv"}:
                return None
            if suffix in {".jsonl", ".ndjson", ".json"}:
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


# -- queries ----------------------------------------------------------------------------------


def _page_options(func: F) -> F:
    func = click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")(func)
    func = click.option("--offset", default=0, show_default=True, help="Rows to skip.")(func)
    return click.option(
        "--limit", default=20, show_default=True, type=click.IntRange(1, 10_000), help="Rows."
    )(func)


@click.command()
@db_option
@_filter_options
@_page_options
@errors_as_click
def events(db: str | None, limit: int, offset: int, as_json: bool, **kwargs: Any) -> None:
    """List stored events, newest first, with filters.

    \b
    Examples:
      eventwire events --actor Israel --type ASSAULT --from 2024-10-01
      eventwire events --source Iran --target Israel --json
      eventwire events -q ceasefire --status future
    """
    page = open_store(db).events(_filters(kwargs), limit=limit, offset=offset)
    for e in page.items:
        if as_json:
            click.echo(terminal_safe(json.dumps(e, ensure_ascii=False)))
            continue
        src = ", ".join(a["name"] for a in e["source"]) or "?"
        tgt = ", ".join(a["name"] for a in e["target"]) or "-"
        evidence = e["evidence"][0]["text"] if e["evidence"] else ""
        click.echo(
            terminal_safe(
                f"{e['day'] or '----------'}  {e['type']:<9} {e['status']:<12} {src} -> {tgt}"
                f"  [{e['article_id']} {e['event_id']}] {evidence!r}"
            )
        )
    _footer(page.total, offset, len(page.items), as_json)


@click.command()
@db_option
@_filter_options
@_page_options
@errors_as_click
def articles(db: str | None, limit: int, offset: int, as_json: bool, **kwargs: Any) -> None:
    """List stored articles, newest first, with filters (event filters match any event).

    \b
    Examples:
      eventwire articles -q "air strike"
      eventwire articles --actor Hezbollah --from 2024-11-01 --json
    """
    page = open_store(db).articles(_filters(kwargs), limit=limit, offset=offset)
    for a in page.items:
        if as_json:
            click.echo(terminal_safe(json.dumps(a, ensure_ascii=False)))
            continue
        title = a["title"] or a["snippet"][:70].replace("\n", " ")
        line = f"{a['published'] or '----------'}  {a['id']}  {a['events']:>3} events  {title}"
        click.echo(terminal_safe(line))
    _footer(page.total, offset, len(page.items), as_json)


@click.command("query")
@db_option
@_filter_options
@_page_options
@errors_as_click
def actors_query(db: str | None, limit: int, offset: int, as_json: bool, **kwargs: Any) -> None:
    """List actors in the store with article and event counts (--actor matches part of a name).

    \b
    Examples:
      eventwire actors query --country IRQ
      eventwire actors query --actor nujaba --json
    """
    page = open_store(db).actors(_filters(kwargs), limit=limit, offset=offset)
    for a in page.items:
        if as_json:
            click.echo(terminal_safe(json.dumps(a, ensure_ascii=False)))
            continue
        click.echo(
            terminal_safe(
                f"{a['name']:<40} {a['country'] or '-':<4} {a['sector'] or '-':<4} "
                f"{a['articles']:>5} articles {a['events']:>5} events"
            )
        )
    _footer(page.total, offset, len(page.items), as_json)


def _footer(total: int, offset: int, shown: int, as_json: bool) -> None:
    if not as_json:
        first = offset + 1 if shown else 0
        click.echo(f"({first}-{offset + shown} of {total})", err=True)


@click.command()
@db_option
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="csv",
    show_default=True,
    help="csv/parquet: POLECAT columns plus eventwire's; polecat: POLECAT's TSV; "
    "jsonl: full eventwire/1 records.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: stdout; parquet needs a file).",
)
@click.option(
    "--raw",
    is_flag=True,
    help="csv/polecat: write text cells as stored. By default a cell starting with = + - @ "
    "(or a tab or carriage return) is prefixed with ' so that a spreadsheet shows it as text "
    "instead of running it as a formula.",
)
@errors_as_click
def export(db: str | None, fmt: str, output: Path | None, raw: bool, **kwargs: Any) -> None:
    """Export stored events (or, with jsonl, records) with filters.

    \b
    Examples:
      eventwire export --format polecat -o events.tsv
      eventwire export --format parquet --from 2024-01-01 -o events.parquet
      eventwire export --format jsonl --actor Iran > iran.jsonl
    """
    from ..store.export import write_export

    store = open_store(db)
    n = write_export(store, output or sys.stdout, fmt=fmt, filters=_filters(kwargs), raw=raw)
    click.echo(f"{n} rows written", err=True)


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--allowed-host",
    "allowed",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this Host name (repeatable); by default only localhost "
    "names and the --host address are answered, others get 400 (DNS rebinding).",
)
@errors_as_click
def serve(db: str | None, host: str, port: int, allowed: tuple[str, ...]) -> None:
    """Serve the web UI and the JSON API (OpenAPI docs at /api/docs).

    Coding new text through `POST /api/articles` is on only when the environment variable
    EVENTWIRE_API_TOKEN holds a token; requests must then send `Authorization: Bearer TOKEN`.

    \b
    Examples:
      eventwire ingest examples/ && eventwire serve
      EVENTWIRE_API_TOKEN=s3cret eventwire serve --host 0.0.0.0 --port 8080 \\
          --allowed-host events.example.org
    """
    import uvicorn

    from ..api import create_app
    from ..api.hosts import allowed_hosts

    store = open_store(db)
    if store.counts()["articles"] == 0:
        click.echo("the store is empty: run `eventwire ingest examples/` first", err=True)
    app = create_app(
        store,
        token=os.environ.get(TOKEN_ENV) or None,
        actor_files=actor_files(),
        hosts=allowed_hosts(bound=host, extra=allowed),
    )
    click.echo(f"eventwire UI at http://{host}:{port}/  (API docs: /api/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
