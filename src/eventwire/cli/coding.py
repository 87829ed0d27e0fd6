"""`eventwire classify` (event type of a given actor pair) and `eventwire eval` (gold scoring).

Named `coding` because `events` is the store's command of that name (`cli/store.py`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from ..errors import EventwireError, MalformedRecordError

if TYPE_CHECKING:
    from ..events.classify import RowFailure

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
    code when one was found. A row that cannot be coded (not JSON, no text, an actor string
    not in the text) gives an error record {"id", "error": {"kind", "message"}} on its line
    and the run goes on (exit status 0, a count on stderr); a single bad row gives a
    one-line message and exit status 1.

    \b
    Examples:
      echo '{"id": 1, "text": "Iran warned Israel.", "source": "Iran", "target": "Israel"}' \\
        | eventwire classify
      eventwire classify pairs.jsonl --processes 2 > types.jsonl
    """
    from ..events.classify import RowFailure, classify_records
    from ..resources.spacy_model import load_nlp

    rows = [_record(line, n) for n, line in enumerate(input_file, 1) if line.strip()]
    if len(rows) == 1 and isinstance(rows[0], RowFailure):
        # a single bad row: say why in one line, before the model is loaded
        raise click.ClickException(str(rows[0].error))
    errors = 0
    try:
        nlp = load_nlp()
        for out in classify_records(nlp, rows, processes=processes):
            if "error" in out and len(rows) == 1:
                raise click.ClickException(out["error"]["message"])
            errors += "error" in out
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
    if errors:
        click.echo(f"eventwire: {errors} row(s) could not be coded (see error records)", err=True)


def _record(line: str, n: int) -> dict[str, Any] | RowFailure:
    """The JSON object of input line `n` (its id defaults to `n`), or why it is not one."""
    from ..events.classify import RowFailure

    try:
        raw = json.loads(line)
    except json.JSONDecodeError as e:
        return RowFailure(n, MalformedRecordError(f"line {n}: not JSON: {e.msg}"))
    if not isinstance(raw, dict):
        return RowFailure(n, MalformedRecordError(f"line {n}: not a JSON object"))
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
    "--half",
    type=click.Choice(["even", "odd"]),
    help="news_gold only: score one half of its split.json (even: tune on, odd: check on).",
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
    gold: Path,
    records_file: Path | None,
    half: str | None,
    floors: Path | None,
    write_floors: bool,
) -> None:
    """Score event records against GOLD articles.

    GOLD is a JSON Lines file of gold articles or a directory of them (docs/gold-format.md),
    or a news_gold directory (one `<id>.json` gold file per article, with alternative types,
    several acceptable actors per side and required or optional events, plus `input.jsonl`
    and `split.json`; told apart by its files). Without --records the articles are run
    through `eventwire extract`'s pipeline.

    The gold format prints precision, recall and F1 per field (type, source, target, event,
    status, date, location), the status accuracy of matched events, and the number of events
    found in no-event articles. A news_gold directory prints event precision, recall, F1
    and strict F1 (status and date too) per article and in total, the figures of the
    steering side's score_news_gold.py.

    \b
    Examples:
      eventwire eval tests/gold
      eventwire extract tests/gold/articles.jsonl > out.jsonl && \\
        eventwire eval tests/gold --records out.jsonl
      eventwire eval tests/gold --floors tests/gold/floors.json
      eventwire eval news_gold/ --half odd
    """
    from ..events.evaluate import check_floors
    from ..events.news_gold import is_news_gold

    if write_floors and floors is None:
        raise click.UsageError("--write-floors needs --floors FILE")
    news = is_news_gold(gold)
    if half is not None and not news:
        raise click.UsageError("--half needs a news_gold directory (with split.json)")
    try:
        if news:
            report: Any = _news_report(gold, records_file, half)
        else:
            report = _gold_report(gold, records_file)
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
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


def _gold_report(gold: Path, records_file: Path | None) -> Any:
    from ..events.evaluate import evaluate, load_gold

    articles = load_gold(gold)
    records = _read_records(records_file) if records_file else _run_pipeline(articles)
    return evaluate(articles, records)


def _news_report(gold: Path, records_file: Path | None, half: str | None) -> Any:
    from ..events.news_gold import load_news_gold, read_news_records, score_news_gold

    articles = load_news_gold(gold, half=half)
    if records_file is not None:
        records = read_news_records(records_file)
    else:
        records = _extract_news(gold / "input.jsonl", {a.id for a in articles})
    return score_news_gold(articles, records)


def _extract_news(inputs: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    """`extract` on the articles of `inputs` whose id is in `ids`, as JSON objects by id."""
    from ..errors import InputError
    from ..readers import read_inputs
    from ..record import Document
    from ._common import actor_files, pipeline_for

    if not inputs.is_file():
        raise InputError(f"{inputs}: no input articles to run extract on (or use --records)")
    items = [
        item
        for item in read_inputs([str(inputs)])
        if not isinstance(item, Document) or item.article.id in ids
    ]
    out: dict[str, dict[str, Any]] = {}
    for result in pipeline_for(actor_files()).run(items):
        data = result.to_dict()
        out[data["article"].get("id")] = data
    return out


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
