"""`eventwire corrections`: analysts' corrections of coded events (made in the reader or
through `POST /api/corrections`), listed, or exported as gold articles for `eventwire eval`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ._common import db_option, errors_as_click, open_store

__all__ = ["corrections"]


@click.group()
def corrections() -> None:
    """Analysts' corrections of coded events: list them, or export them as gold."""


@corrections.command("list")
@db_option
@click.option("--article", "article_id", help="Only this article's corrections.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@errors_as_click
def list_command(db: str | None, article_id: str | None, as_json: bool) -> None:
    """List corrections, oldest first (the latest of an event is the one in force).

    \b
    Examples:
      eventwire corrections list
      eventwire corrections list --article guardian-316 --json
    """
    from ..store.corrections import list_corrections

    for c in list_corrections(open_store(db), article_id=article_id):
        if as_json:
            click.echo(json.dumps(c.to_dict(), ensure_ascii=False))
            continue
        changes = ", ".join(f"{k}={_show(v)}" for k, v in c.changes().items())
        what = "flagged wrong" if c.flag == "wrong" else changes
        note = f"  ({c.note})" if c.note else ""
        click.echo(f"{c.created_at}  {c.article_id}:{c.event_id}  {what}{note}")


@corrections.command("export-gold")
@db_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gold JSON Lines file (default: stdout).",
)
@errors_as_click
def export_gold(db: str | None, output: Path | None) -> None:
    """Write the corrected articles as gold articles (docs/gold-format.md).

    Each article with a correction becomes one gold article: its events as the analysts left
    them (fixes applied, events flagged wrong left out, the others as coded). Score the coder
    against its users with `eventwire eval`.

    \b
    Examples:
      eventwire corrections export-gold -o corrections-gold.jsonl
      eventwire eval corrections-gold.jsonl
    """
    from ..store.corrections import gold_articles

    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    n = 0
    try:
        for article in gold_articles(open_store(db)):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
            n += 1
    finally:
        if output:
            handle.close()
    click.echo(f"{n} gold articles written", err=True)


def _show(value: object) -> str:
    if isinstance(value, list | tuple):
        return ";".join(a["name"] if isinstance(a, dict) else str(a) for a in value)
    return str(value)
