"""`eventwire trends`, `alerts`, `rules` and `report`: monitoring over story-level events.

Every command takes `--db URL` like the store's commands. Counts are of deduplicated
events (one real-world event reported by several articles counts once); future and
hypothetical events are counted apart and negated ones never (docs/monitor.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from ..errors import EventwireError
from ..vocabulary import CHART_FORMATS, GROUPS, PERIODS, PLOVER_TYPES, QUADS
from ._common import db_option, errors_as_click, open_store, terminal_safe

if TYPE_CHECKING:
    from ..monitor import RuleSet, Selection
    from ..monitor.trends import Group, Period
    from ..store import IngestStats, Store

__all__ = ["after_ingest", "alerts", "report", "rules", "trends"]

RULES_ENV = "EVENTWIRE_RULES"


def _date(value: str | None, name: str) -> str | None:
    from ..readers.text import parse_date

    if value is None:
        return None
    try:
        return parse_date(value, where=name)
    except EventwireError as e:
        raise click.BadParameter(str(e), param_hint=name) from e


def _load_rules(path: Path) -> RuleSet:
    from ..monitor import load_rules

    try:
        return load_rules(path)
    except EventwireError as e:
        raise click.ClickException(str(e)) from e


def after_ingest(store: Store, rules_path: Path) -> Callable[[IngestStats], None]:
    """A callback for `eventwire.store.ingest(on_done=...)`: evaluate the rules over the
    windows the run touched, record the alerts, POST new ones, and say so on stderr."""
    ruleset = _load_rules(rules_path)

    def run(stats: IngestStats) -> None:
        from ..monitor import check_run

        result = check_run(store, stats.run_id, ruleset)
        for a in result.new:
            click.echo(f"ALERT {a.rule} {a.period}: {a.reason}", err=True)
        if result.webhook_error:
            click.echo(f"webhook failed: {result.webhook_error}", err=True)

    return run


def _rules_option(help_text: str) -> Callable[[Any], Any]:
    """The `--rules FILE` option (default $EVENTWIRE_RULES) of the commands that watch."""
    return click.option(
        "--rules", "rules_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
        envvar=RULES_ENV, help=help_text,
    )  # fmt: skip


# -- trends -------------------------------------------------------------------------------------


def _by_period(help_text: str) -> Callable[[Any], Any]:
    """The `--by` option of the commands that count per period (trends, report)."""
    return click.option(
        "--by", "period", type=click.Choice(PERIODS), default="week", show_default=True,
        help=help_text,
    )  # fmt: skip


@click.command()
@db_option
@click.option("--dyad", metavar="A,B", help="Source,target: actor names or ISO alpha-3 codes.")
@click.option("--both", is_flag=True, help="With --dyad: count both directions.")
@click.option("--actor", help="A source or target: a name or an ISO alpha-3 code.")
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="ISO3",
    help="A source's, target's or location's country (repeat for several).",
)
@click.option(
    "--region",
    "regions",
    multiple=True,
    metavar="NAME",
    help="A named region: levant, gulf, middle-east, sahel, horn-of-africa, eastern-europe.",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(PLOVER_TYPES, case_sensitive=False),
    help="PLOVER type (repeat).",
)
@click.option(
    "--quad",
    "quads",
    multiple=True,
    type=click.IntRange(QUADS[0], QUADS[-1]),
    help="Quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, "
    "4 material conflict (repeat).",
)
@_by_period("Period.")
@click.option(
    "--group",
    type=click.Choice(GROUPS),
    default="total",
    show_default=True,
    help="One series, or one per dyad, actor or country.",
)
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First day.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output on stdout.",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the chart to this .png or .svg file.",
)
@errors_as_click
def trends(
    db: str | None,
    dyad: str | None,
    both: bool,
    actor: str | None,
    countries: tuple[str, ...],
    regions: tuple[str, ...],
    types: tuple[str, ...],
    quads: tuple[int, ...],
    period: str,
    group: str,
    date_from: str | None,
    date_to: str | None,
    fmt: str,
    chart: Path | None,
) -> None:
    """Story-level events per period for a dyad, actor, country or region.

    Per period: events per quad class and per type, summed and mean intensity, the reports
    behind them, and future or hypothetical events apart (`unreal`); negated events are
    left out. Reports of one event in several articles count once.

    \b
    Examples:
      eventwire trends --dyad IRN,ISR --both --by week
      eventwire trends --region sahel --by month --format csv > sahel.csv
      eventwire trends --actor Hezbollah --type ASSAULT --chart hezbollah.svg
      eventwire trends --country IRQ --group dyad --from 2024-10-01 --format json
    """
    from ..monitor import load_stories, trend_chart, trend_rows, trends_csv

    selection = _selection(dyad, both, actor, countries, regions, types, quads)
    first, last = _date(date_from, "--from"), _date(date_to, "--to")
    stories = load_stories(open_store(db), date_from=first, date_to=last)
    rows = trend_rows(
        stories,
        selection=selection,
        period=cast("Period", period),
        group=cast("Group", group),
        date_from=first,
        date_to=last,
    )
    if fmt == "csv":
        click.echo(trends_csv(rows), nl=False)
    elif fmt == "json":
        for row in rows:
            click.echo(terminal_safe(json.dumps(row.to_dict(), ensure_ascii=False)))
    else:
        _table(rows)
    if chart is not None:
        suffix = chart.suffix.lower().lstrip(".")
        if suffix not in CHART_FORMATS:
            raise click.BadParameter(
                "the chart file must end in .png or .svg", param_hint="--chart"
            )
        chart.write_bytes(trend_chart(rows, fmt=suffix, title=selection.describe()))  # type: ignore[arg-type]
        click.echo(f"chart written to {chart}", err=True)
    if not rows:
        click.echo("no events match", err=True)


def _selection(
    dyad: str | None,
    both: bool,
    actor: str | None,
    countries: tuple[str, ...],
    regions: tuple[str, ...],
    types: tuple[str, ...],
    quads: tuple[int, ...],
) -> Selection:
    from ..monitor import Selection, resolve_countries

    pair = None
    if dyad:
        parts = [p.strip() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise click.BadParameter("give SOURCE,TARGET", param_hint="--dyad")
        pair = (parts[0], parts[1])
    try:
        codes = resolve_countries([*countries, *regions])
    except EventwireError as e:
        raise click.BadParameter(str(e), param_hint="--country/--region") from e
    return Selection(
        dyad=pair,
        both_directions=both,
        actor=actor,
        countries=codes,
        types=tuple(t.upper() for t in types),
        quads=quads,
    )


def _table(rows: list[Any]) -> None:
    head = (
        f"{'period':<10} {'group':<28} {'events':>6} {'reports':>7} {'q1':>3} {'q2':>3} "
        f"{'q3':>3} {'q4':>3} {'sum int':>8} {'mean':>6} {'unreal':>6}  types"
    )
    click.echo(head)
    for r in rows:
        mean = "-" if r.intensity_mean is None else f"{r.intensity_mean:.2f}"
        types = " ".join(f"{t}:{n}" for t, n in sorted(r.types.items()))
        q = r.quads
        click.echo(
            terminal_safe(
                f"{r.period:<10} {r.group[:28]:<28} {r.events:>6} {r.reports:>7} {q[1]:>3} "
                f"{q[2]:>3} {q[3]:>3} {q[4]:>3} {r.intensity_sum:>8.1f} {mean:>6} {r.unreal:>6}"
                f"  {types}"
            )
        )


# -- rules and alerts ---------------------------------------------------------------------------


@click.command()
@click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, path_type=Path), envvar=RULES_ENV
)
def rules(path: Path) -> None:
    """Check a watch-rules file (TOML) and list its rules.

    The format is in docs/monitor.md: `[[rule]]` tables with a selection (dyad, actor,
    country, region, type, quad), a window (day, week, month) and a threshold and/or a
    ratio against a baseline; an optional `[webhook]` and `[regions]`.

    \b
    Examples:
      eventwire rules watch.toml
      EVENTWIRE_RULES=watch.toml eventwire ingest feed.jsonl   # alerts after each ingest
    """
    ruleset = _load_rules(path)
    for r in ruleset.rules:
        how = []
        if r.threshold is not None:
            how.append(f"{r.metric} >= {r.threshold:g}")
        if r.ratio is not None:
            how.append(f"x{r.ratio:g} the mean of {r.baseline} {r.window}s (+{r.min_increase:g})")
        click.echo(f"{r.name}: {r.selection.describe()}; per {r.window}; {' and '.join(how)}")
    if ruleset.webhook:
        click.echo(f"webhook: POST {ruleset.webhook.url} (timeout {ruleset.webhook.timeout:g}s)")
    click.echo(f"{len(ruleset.rules)} rules OK", err=True)


@click.command()
@db_option
@_rules_option("Watch rules (TOML); default $EVENTWIRE_RULES. Needed by --check.")
@click.option(
    "--check",
    is_flag=True,
    help="Evaluate the rules over --from..--to (default: every stored day) first, "
    "record new alerts and POST them, and earlier failed deliveries now due, to the webhook.",
)
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Windows ending on or after.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Windows starting on or before.")
@click.option("--rule", "rule_name", help="Only this rule's alerts.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per alert, with events.")
@errors_as_click
def alerts(
    db: str | None,
    rules_path: Path | None,
    check: bool,
    date_from: str | None,
    date_to: str | None,
    rule_name: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List fired alerts with the events behind them (latest window first).

    Rules given with `--rules` (or $EVENTWIRE_RULES) are evaluated after each
    `eventwire ingest`; `--check` evaluates them now over a date range, for instance after
    changing a rule.

    \b
    Examples:
      eventwire alerts
      eventwire alerts --rules watch.toml --check --from 2024-10-01
      eventwire alerts --rule iran-israel --json
    """
    from ..monitor import check as run_check
    from ..monitor import list_alerts

    store = open_store(db)
    first, last = _date(date_from, "--from"), _date(date_to, "--to")
    if check:
        if rules_path is None:
            raise click.UsageError("--check needs --rules FILE (or $EVENTWIRE_RULES)")
        span = _span(store)
        if span is None:
            click.echo("the store has no dated events", err=True)
        else:
            result = run_check(
                store, _load_rules(rules_path), date_from=first or span[0], date_to=last or span[1]
            )
            click.echo(f"{len(result.alerts)} alerts, {len(result.new)} new", err=True)
            if result.webhook_error:
                click.echo(f"webhook failed: {result.webhook_error}", err=True)
    rows = list_alerts(store, rule=rule_name, since=first, until=last, limit=limit)
    for a in rows:
        if as_json:
            click.echo(terminal_safe(json.dumps(a, ensure_ascii=False)))
            continue
        click.echo(
            terminal_safe(f"{a['period']:<10} {a['rule']}: {a['reason']}  [{a['selection']}]")
        )
        click.echo(f"    webhook: {_delivery(a)}")
        for e in a["events"][:20]:
            rep = e["reports"][0] if e["reports"] else {}
            click.echo(
                terminal_safe(
                    f"    {e['day']} {e['type']:<9} {', '.join(e['source']) or '?'} -> "
                    f"{', '.join(e['target']) or '-'}  ({len(e['reports'])} reports) "
                    f"[{rep.get('article_id')} {rep.get('event_id')}] {rep.get('evidence', '')!r}"
                )
            )
    if not rows and not as_json:
        click.echo("no alerts", err=True)


def _delivery(alert: dict[str, Any]) -> str:
    """An alert's webhook delivery state in a few words."""
    state = alert.get("delivery")
    tries = alert.get("delivery_attempts") or 0
    if state is None:
        return "none (no webhook when it fired)"
    if state == "sent":
        return f"sent {alert.get('notified_at')} (try {tries})"
    error = f": {alert.get('notify_error')}" if alert.get("notify_error") else ""
    if state == "retrying":
        return f"retrying, {tries} tries so far, next at {alert.get('next_delivery_at')}{error}"
    if state == "failed":
        return f"failed after {tries} tries{error}"
    return state  # pending: not tried yet


def _span(store: Store) -> tuple[str, str] | None:
    from sqlalchemy import func, select

    from ..store.models import EventRow

    with store.engine.connect() as conn:
        first, last = conn.execute(select(func.min(EventRow.day), func.max(EventRow.day))).one()
    return (first, last) if first and last else None


# -- report -------------------------------------------------------------------------------------


@click.command()
@db_option
@click.option("--since", required=True, metavar="YYYY-MM-DD", help="First day of the report.")
@click.option("--until", metavar="YYYY-MM-DD", help="Last day (default: the latest event).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md"]),
    default="html",
    show_default=True,
    help="A self-contained HTML page, or Markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: stdout). Markdown charts go beside it as PNG files.",
)
@_by_period("Chart period.")
@_rules_option("Evaluate these watch rules over the range first (default $EVENTWIRE_RULES).")
@click.option(
    "--base-url",
    default="http://127.0.0.1:8000",
    show_default=True,
    help="The web UI that evidence links point to (`eventwire serve`).",
)
@errors_as_click
def report(
    db: str | None,
    since: str,
    until: str | None,
    fmt: str,
    output: Path | None,
    period: str,
    rules_path: Path | None,
    base_url: str,
) -> None:
    """Write a monitoring report: top dyads, new actors, escalation alerts and charts.

    Events link to their articles in the web UI (`eventwire serve`), where the evidence is
    highlighted. HTML embeds its charts; Markdown written to a file puts them beside it
    (REPORT_files/*.png), on stdout it embeds them as data URIs.

    \b
    Examples:
      eventwire report --since 2024-10-01 -o report.html
      eventwire report --since 2024-10-01 --until 2024-12-31 --format md -o report.md
      eventwire report --since 2025-01-01 --rules watch.toml --base-url https://ew.example.org
    """
    from ..monitor import build_report, render_report

    store = open_store(db)
    ruleset = _load_rules(rules_path) if rules_path else None
    result = build_report(
        store,
        since=_date(since, "--since") or since,
        until=_date(until, "--until"),
        period=cast("Period", period),
        rules=ruleset,
        base_url=base_url,
    )
    files: dict[str, str] | None = None
    if fmt == "md" and output is not None:
        folder = output.with_name(output.stem + "_files")
        folder.mkdir(parents=True, exist_ok=True)
        files = {}
        for chart in result.charts:
            (folder / f"{chart.name}.png").write_bytes(chart.png)
            (folder / f"{chart.name}.svg").write_bytes(chart.svg)
            files[chart.name] = f"{folder.name}/{chart.name}.png"
    text = render_report(result, fmt=fmt, chart_files=files)  # type: ignore[arg-type]
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"report written to {output}", err=True)
