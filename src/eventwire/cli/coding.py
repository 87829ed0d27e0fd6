"""`eventwire classify` (event type of a given actor pair) and `eventwire eval` (gold scoring).

Named `coding` because `events` is the store's command of that name (`cli/store.py`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from ..errors import EventwireError, MalformedRecordError

__all__ = ["classify", "evaluate_gold"]


@click.command()
@click.argument("input_file", default="-", type=click.File("r", encoding="utf-8"))
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Parse in this many processes (2 on a two-core machine for large files).",
)
def classify(input_file: IO[str], processes: int) -> None:
    """Code the PLOVER event type between a given source and target, per sentence.

    INPUT_FILE (default: stdin) holds JSON Lines records {"id", "text", "source", "target"},
    where source and target are strings of the text (target may be null); the text may
    instead mark them inline as <s>...</s> and <t>...</t>. Each output line is
    {"id", "type", "scores"} with the PLOVER type (CONCEDE and RETREAT are the two halves of
    the YIELD root some data sets use), a score per type, and the trigger word and CAMEO
    code when one was found.

    \b
    Examples:
      echo '{"id": 1, "text": "Iran warned Israel.", "source": "Iran", "target": "Israel"}' \\
        | eventwire classify
      eventwire classify pairs.jsonl --processes 2 > types.jsonl
    """
    from ..events.classify import classify_records
    from ..resources.spacy_model import load_nlp

    try:
        records = [_record(line, n) for n, line in enumerate(input_file, 1) if line.strip()]
        nlp = load_nlp()
        for out in classify_records(nlp, records, processes=processes):
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    except EventwireError as e:
        raise click.ClickException(str(e)) from e


def _record(line: str, n: int) -> dict[str, Any]:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as e:
        raise MalformedRecordError(f"line {n}: not JSON: {e.msg}") from e
    if not isinstance(raw, dict):
        raise MalformedRecordError(f"line {n}: not a JSON object")
    raw.setdefault("id", n)
    return raw


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--records",
    "records_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score this `eventwire extract` output (JSON Lines) instead of running extract.",
)
@click.option(
    "--floors",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Quality gate: exit 1 if a figure falls below its floor in this JSON file.",
)
@click.option(
    "--write-floors",
    is_flag=True,
    help="Write the measured figures to the --floors file (after an improvement).",
)
def evaluate_gold(
    gold: Path, records_file: Path | None, floors: Path | None, write_floors: bool
) -> None:
    """Score event records against GOLD articles (docs/gold-format.md).

    GOLD is a JSON Lines file of gold articles or a directory of them. Without --records
    the articles are run through `eventwire extract`'s pipeline. Prints precision, recall
    and F1 per field (type, source, target, event, status, date, location), the status
    accuracy of matched events, and the number of events found in no-event articles.

    \b
    Examples:
      eventwire eval tests/gold
      eventwire extract tests/gold/articles.jsonl > out.jsonl && \\
        eventwire eval tests/gold --records out.jsonl
      eventwire eval tests/gold --floors tests/gold/floors.json
    """
    from ..events.evaluate import check_floors, evaluate, load_gold

    try:
        articles = load_gold(gold)
        if records_file is not None:
            records = _read_records(records_file)
        else:
            records = _run_pipeline(articles)
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
    if write_floors and floors is None:
        raise click.UsageError("--write-floors needs --floors FILE")
    report = evaluate(articles, records)
    click.echo(json.dumps(report.to_dict(), indent=1))
    if floors is None:
        return
    metrics = report.metrics()
    if write_floors:
        floors.write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        click.echo(f"floors written to {floors}", err=True)
        return
    failures = check_floors(metrics, _load_floors(floors))
    if failures:
        raise click.ClickException("quality gate: " + "; ".join(failures))
    click.echo("quality gate: every figure at or above its floor", err=True)


def _load_floors(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise click.ClickException(f"{path}: cannot read floors: {e}") from e
    return {str(k): float(v) for k, v in data.items()}


def _read_records(path: Path) -> dict[str, Any]:
    """Records of `eventwire extract` by article id (error records find nothing)."""
    from ..readers import InputFailure
    from ..readers.records import read_records
    from ..record import Document

    records: dict[str, Any] = {}
    for item in read_records([str(path)], keep_errors=False):
        if isinstance(item, InputFailure):
            raise item.error
        if isinstance(item, Document):
            records[item.article.id] = item
    return records


def _run_pipeline(articles: list[Any]) -> dict[str, Any]:
    from ..pipeline import Pipeline
    from ..readers.text import make_document
    from ..resources import Resources

    pipeline = Pipeline.from_names(resources=Resources().load_all())
    return {
        a.id: pipeline(make_document(a.text, article_id=a.id, published=a.published))
        for a in articles
    }
