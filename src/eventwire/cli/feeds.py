"""`eventwire sources add|list|remove|check` and `eventwire watch`: live feeds (docs/feeds.md).

The sources file is TOML (default ~/.config/eventwire/sources.toml, or $EVENTWIRE_SOURCES, or
`--sources FILE`). `watch` polls the feeds, codes new articles and stores them in the store
given by `--db` (as every store command); failures are kept there and listed by
`sources check`.
"""

from __future__ import annotations

import contextlib
import json
import signal
import threading
from dataclasses import asdict
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from ._common import db_option, errors_as_click, open_store, terminal_safe

if TYPE_CHECKING:
    from ..feeds import Source
    from ..store import IngestStats, Store

__all__ = ["sources", "watch"]


def _sources_option(func: Any) -> Any:
    return click.option(
        "--sources",
        "sources_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="EVENTWIRE_SOURCES",
        help="The sources file (TOML). Default: $EVENTWIRE_SOURCES, else "
        "~/.config/eventwire/sources.toml.",
    )(func)


def _load(path: Path | None) -> tuple[Path, list[Source]]:
    from ..feeds import default_sources_path, load_sources

    path = path or default_sources_path()
    return path, load_sources(path)


@click.group()
def sources() -> None:
    """Manage the outlets `eventwire watch` follows (a TOML sources file).

    \b
    Examples:
      eventwire sources add "Harbour Gazette" https://example.org/rss.xml --country GBR
      eventwire sources list
      eventwire sources check
      eventwire sources remove "Harbour Gazette"
    """


@sources.command("add")
@click.argument("name")
@click.argument("feed")
@click.option("--country", metavar="ISO3", help="The outlet's country (ISO alpha-3).")
@click.option("--language", default="en", show_default=True, help="Only `en` is polled.")
@click.option(
    "--interval",
    default="15m",
    show_default=True,
    help="Time between polls: seconds, or 90s, 15m, 2h.",
)
@click.option("--css", metavar="SELECTOR", help="Where the article text is (CSS selector).")
@click.option("--xpath", metavar="XPATH", help="Where the article text is (XPath).")
@click.option("--replace", is_flag=True, help="Replace a source of the same name.")
@click.option(
    "--allow-private-network",
    "allow_private",
    is_flag=True,
    help="Let this source reach loopback, private, link-local and other non-public addresses "
    "(an intranet feed, a test server). Without it such feeds, links and redirects are refused.",
)
@_sources_option
@errors_as_click
def add(
    name: str,
    feed: str,
    country: str | None,
    language: str,
    interval: str,
    css: str | None,
    xpath: str | None,
    replace: bool,
    allow_private: bool,
    sources_path: Path | None,
) -> None:
    """Add an outlet: NAME (stored as each article's outlet) and its RSS/Atom FEED URL.

    A FEED on a loopback, private or other non-public address is refused unless
    --allow-private-network is given (stored with the source: its links may be internal too).

    \b
    Examples:
      eventwire sources add "Harbour Gazette" https://example.org/rss.xml --country GBR
      eventwire sources add "Daily Ledger" https://ledger.example/atom --interval 30m \\
          --css "div.article-body"
      eventwire sources add "Intranet Wire" http://10.1.2.3/rss --allow-private-network
    """
    from ..feeds import FetchError, add_source, make_source, save_sources
    from ..feeds.guard import check_url

    path, current = _load(sources_path)
    raw: dict[str, Any] = {"name": name, "feed": feed, "country": country, "language": language}
    raw.update({"interval": interval, "css": css, "xpath": xpath})
    raw["allow_private_network"] = allow_private
    source = make_source({k: v for k, v in raw.items() if v is not None}, where="--")
    if not allow_private:
        try:
            check_url(source.feed)
        except FetchError as e:
            # not resolvable now (offline?): each fetch is checked again anyway
            click.echo(f"note: {e}", err=True)
    save_sources(add_source(current, source, replace=replace), path)
    click.echo(f"added {source.name} ({source.feed}) to {path}", err=True)


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_sources_option
@errors_as_click
def list_sources(as_json: bool, sources_path: Path | None) -> None:
    """List the outlets of the sources file.

    \b
    Examples:
      eventwire sources list
      eventwire sources list --json
    """
    path, current = _load(sources_path)
    for s in current:
        if as_json:
            click.echo(terminal_safe(json.dumps(s.to_dict(), ensure_ascii=False)))
            continue
        hint = f"  css={s.css}" if s.css else f"  xpath={s.xpath}" if s.xpath else ""
        click.echo(
            terminal_safe(
                f"{s.name:<28} {s.country or '-':<4} {s.language:<3} "
                f"every {_duration(s.interval):>6}  {s.feed}{hint}"
            )
        )
    if not current and not as_json:
        click.echo(f"no sources in {path}: add one with `eventwire sources add`", err=True)


@sources.command("remove")
@click.argument("name")
@_sources_option
@errors_as_click
def remove(name: str, sources_path: Path | None) -> None:
    """Remove the outlet NAME (what was stored from it stays in the store).

    \b
    Example:
      eventwire sources remove "Harbour Gazette"
    """
    from ..feeds import remove_source, save_sources

    path, current = _load(sources_path)
    save_sources(remove_source(current, name), path)
    click.echo(f"removed {name} from {path}", err=True)


@sources.command("check")
@click.argument("names", nargs=-1)
@_sources_option
@db_option
@click.option(
    "--failures",
    "n_failures",
    default=10,
    show_default=True,
    type=click.IntRange(min=0),
    help="Also list this many of the latest failures `watch` recorded in the store.",
)
@click.option("--timeout", default=20.0, show_default=True, help="Seconds per request.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@errors_as_click
def check(
    names: tuple[str, ...],
    sources_path: Path | None,
    db: str | None,
    n_failures: int,
    timeout: float,
    as_json: bool,
) -> None:
    """Fetch each feed once: HTTP status, item count, newest item; then recorded failures.

    NAMES limit the check to those outlets. The fetch is polite like `watch` (robots.txt,
    User-Agent) but unconditional, and stores nothing. Failures (feed down, page blocked by
    robots.txt, extraction empty, not English, too large, redirect loop, timeout) are those
    `watch` recorded in the store (--db); `--failures 0` skips them.

    \b
    Examples:
      eventwire sources check
      eventwire sources check "Harbour Gazette" --failures 30
      eventwire sources check --json --failures 0
    """
    from ..feeds import Fetcher, FetchPolicy, check_feed

    path, current = _load(sources_path)
    chosen = [s for s in current if not names or s.name.lower() in {n.lower() for n in names}]
    missing = {n.lower() for n in names} - {s.name.lower() for s in current}
    if missing:
        raise click.ClickException(f"no source named {', '.join(sorted(missing))} in {path}")
    bad = 0
    with Fetcher(policy=FetchPolicy(timeout=timeout)) as fetcher:
        for source in chosen:
            report = check_feed(source, fetcher=fetcher)
            bad += not report.ok
            if as_json:
                click.echo(
                    terminal_safe(
                        json.dumps({"type": "feed", **asdict(report)}, ensure_ascii=False)
                    )
                )
                continue
            state = f"HTTP {report.status}" if report.status else (report.kind or "error")
            detail = f"  {report.kind}: {report.error}" if report.error else ""
            click.echo(
                terminal_safe(
                    f"{'ok ' if report.ok else 'BAD'} {source.name:<28} {state:<9} "
                    f"{report.items:>4} items  newest {report.newest or '-'}{detail}"
                )
            )
    if n_failures:
        _show_failures(db, n_failures, names, as_json)
    if not chosen and not as_json:
        click.echo(f"no sources in {path}", err=True)
    if bad:
        raise click.ClickException(f"{bad} of {len(chosen)} feeds failed")


def _show_failures(db: str | None, limit: int, names: tuple[str, ...], as_json: bool) -> None:
    from ..feeds import FeedState

    state = FeedState(open_store(db))
    rows = state.failures(limit=limit * max(len(names), 1))
    if names:
        wanted = {n.lower() for n in names}
        rows = [r for r in rows if r["outlet"].lower() in wanted][:limit]
    if rows and not as_json:
        click.echo(f"latest failures recorded by watch ({len(rows)}):")
    for row in rows:
        if as_json:
            click.echo(terminal_safe(json.dumps({"type": "failure", **row}, ensure_ascii=False)))
        else:
            line = f"  {row['at']}  {row['kind']:<14} {row['outlet']}: {row['message']}"
            click.echo(terminal_safe(line))


def _duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


@click.command()
@db_option
@_sources_option
@click.option("--once", is_flag=True, help="Poll every feed once, now, and exit.")
@click.option(
    "--rules",
    "rules_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="EVENTWIRE_RULES",
    help="Watch rules (TOML) to evaluate after each poll that stored new articles "
    "(default: $EVENTWIRE_RULES); see `eventwire alerts`.",
)
@click.option(
    "--host-interval",
    default=2.0,
    show_default=True,
    type=click.FloatRange(min=0.0),
    help="Seconds between two requests to one host (robots.txt Crawl-delay wins if longer).",
)
@click.option("--timeout", default=20.0, show_default=True, help="Seconds per request.")
@click.option("--quiet", "-q", is_flag=True, help="No line per poll on stderr.")
@errors_as_click
def watch(
    db: str | None,
    sources_path: Path | None,
    once: bool,
    rules_path: Path | None,
    host_interval: float,
    timeout: float,
    quiet: bool,
) -> None:
    """Follow the sources' feeds: code and store new articles as they are published.

    Each feed is polled at its interval (conditional requests; backoff while it fails). New
    article pages are fetched politely (robots.txt, a descriptive User-Agent, one request per
    host every --host-interval seconds), their main text, title, date and author extracted,
    coded and stored with their outlet and URL. An article already stored (same URL, or the
    same text from another outlet) is not coded twice, also after a restart. Failures are
    recorded and never stop the loop: see `eventwire sources check`. The sources file is read
    again before each round, so `eventwire sources add` takes effect without a restart.
    Stop with Ctrl-C (or SIGTERM).

    \b
    Examples:
      eventwire watch
      eventwire watch --once --db postgresql://me@localhost/events
      eventwire watch --rules watch.toml
    """
    from ..feeds import Fetcher, FetchPolicy, Watcher, default_sources_path, load_sources
    from ..pipeline import Pipeline
    from ..resources import Resources

    path = sources_path or default_sources_path()
    if not load_sources(path):
        raise click.ClickException(f"no sources in {path}: add one with `eventwire sources add`")
    store = open_store(db)
    log = (lambda _line: None) if quiet else (lambda line: click.echo(line, err=True))
    watcher = Watcher(
        store,
        lambda: load_sources(path),
        pipeline=Pipeline.from_names(resources=Resources().load_all()),
        fetcher=Fetcher(policy=FetchPolicy(host_interval=host_interval, timeout=timeout)),
        on_stored=_rules_hook(store, rules_path),
        on_round=_outbox_hook(store, rules_path, log),
        log=log,
    )
    stop = threading.Event()
    _stop_on_signals(stop)
    try:
        watcher.run(once=once, stop=stop)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        watcher.fetcher.close()


def _rules_hook(store: Store, rules_path: Path | None) -> Any:
    """After a poll stored articles: the watch rules over the days they touched, if any."""
    if rules_path is None:
        return None
    from .monitor import after_ingest

    evaluate = after_ingest(store, rules_path)

    def hook(stats: IngestStats, _ids: list[str]) -> None:
        evaluate(stats)

    return hook


def _outbox_hook(store: Store, rules_path: Path | None, log: Any) -> Any:
    """After each round of polls: webhook deliveries due again (failed before), if any."""
    if rules_path is None:
        return None
    from ..monitor import deliver_due, load_rules

    webhook = load_rules(rules_path).webhook
    if webhook is None:
        return None

    def hook() -> None:
        done = deliver_due(store, webhook)
        if done.sent or done.error:
            log(f"webhook: {done.sent} sent, {done.retrying} to retry, {done.failed} given up"
                + (f" ({done.error})" if done.error else ""))  # fmt: skip

    return hook


def _stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM ends the loop between two polls, as Ctrl-C does."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    # off the main thread (an embedding program) signals cannot be set: it stops the loop itself
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, handler)
