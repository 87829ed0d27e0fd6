"""The watch loop: poll each feed at its interval, fetch new articles, code and store them.

One poll of one source (`Watcher.poll`):

1. fetch the feed with the validators of the last answer (a 304 means nothing new);
2. parse it; items whose URL was seen before (in `feed_items`) are skipped, and so are pages
   that failed transiently until their backoff is over;
3. fetch each new page, extract its main text, and skip it as a `duplicate` when the same
   text is already stored or coded (a wire copy from another outlet);
4. code the rest with the pipeline and store them through `eventwire.store.ingest` (one
   ingest run per poll), keeping the outlet and the URL;
5. record every failure in `feed_failures` and carry on; call `on_stored` with the ids of the
   new articles (the hook for watch rules).

A failing feed is polled again after interval x 2, x 4, ... (at most `backoff_max`); a page
that failed transiently (timeout, 5xx, network) is tried again up to `max_attempts` times.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .. import __version__
from ..errors import EventwireError
from ..pipeline import Pipeline
from ..readers import make_document
from ..record import Document
from ..store import IngestStats, Store, ingest
from ..store.core import content_hash
from .errors import is_transient
from .extract import MIN_WORDS, extract_article
from .fetch import Fetcher
from .parse import FeedItem, ParsedFeed, parse_feed
from .sources import Source
from .state import FeedState, FeedStatus, ItemState, article_id_for, url_key

__all__ = [
    "CheckReport",
    "OnStored",
    "PollReport",
    "WatchPolicy",
    "Watcher",
    "backoff_delay",
    "check_feed",
]

#: Called after a poll stored new articles: the ingest run's counts and the new articles' ids
#: (the hook for watch rules: `eventwire.monitor.check_run(store, stats.run_id, rules)`).
OnStored = Callable[[IngestStats, list[str]], object]


@dataclass(frozen=True, kw_only=True)
class WatchPolicy:
    """Retries and limits of the watch loop (HTTP politeness is `FetchPolicy`)."""

    max_attempts: int = 5  # tries of a page that fails transiently
    retry_base: float = 300.0  # seconds before the first retry of such a page
    backoff_max: float = 6 * 3600.0
    max_new_per_poll: int = 50  # pages fetched per poll; the rest wait for the next one
    min_words: int = MIN_WORDS


def backoff_delay(attempt: int, *, base: float, cap: float) -> float:
    """Seconds to wait before try `attempt` + 1: base, 2 x base, 4 x base, ..., at most cap."""
    return min(cap, base * 2 ** max(attempt - 1, 0))


@dataclass
class PollReport:
    """What one poll of one source did."""

    outlet: str
    feed: str
    status: str  # ok | not_modified | error | skipped
    items: int = 0
    new: int = 0
    coded: int = 0
    duplicates: int = 0
    failed: int = 0
    retrying: int = 0
    newest: str | None = None
    error: str | None = None
    article_ids: list[str] = field(default_factory=list)
    run: IngestStats | None = None  # the ingest run that stored the new articles

    def line(self) -> str:
        """One line for a log."""
        if self.status in ("error", "skipped"):
            return f"{self.outlet}: {self.status}: {self.error}"
        return (
            f"{self.outlet}: {self.status}, {self.items} items, {self.new} new: "
            f"{self.coded} coded, {self.duplicates} duplicates, {self.failed} failed, "
            f"{self.retrying} to retry"
        )


@dataclass(frozen=True, kw_only=True)
class CheckReport:
    """One fetch of one feed, for `eventwire sources check`."""

    outlet: str
    feed: str
    ok: bool
    status: int | None = None  # HTTP status
    items: int = 0
    newest: str | None = None
    kind: str | None = None
    error: str | None = None
    seconds: float = 0.0


def check_feed(source: Source, *, fetcher: Fetcher) -> CheckReport:
    """Fetch and parse `source`'s feed once (unconditionally); never raises a feed error."""
    started = time.monotonic()
    base = CheckReport(outlet=source.name, feed=source.feed, ok=False)
    try:
        response = fetcher.get(source.feed, allow_private=source.allow_private_network)
        parsed = parse_feed(response.body, url=response.url)
    except EventwireError as e:
        status = getattr(e, "status", None)
        seconds = time.monotonic() - started
        return replace(base, status=status, kind=e.kind, error=str(e), seconds=seconds)
    return replace(
        base,
        ok=parsed.malformed is None,
        status=response.status,
        items=len(parsed.items),
        newest=parsed.newest,
        kind="feed_malformed" if parsed.malformed else None,
        error=parsed.malformed,
        seconds=time.monotonic() - started,
    )


class Watcher:
    """Polls `sources` and stores what they publish in `store`, coded by `pipeline`.

    `sources` is a list, or a function returning one (read again before each round, so that
    an edited sources file takes effect without a restart). `clock` is epoch seconds.
    """

    def __init__(
        self,
        store: Store,
        sources: Sequence[Source] | Callable[[], Sequence[Source]],
        *,
        pipeline: Pipeline,
        fetcher: Fetcher | None = None,
        policy: WatchPolicy | None = None,
        clock: Callable[[], float] = time.time,
        on_stored: OnStored | None = None,
        on_round: Callable[[], object] | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.state = FeedState(store)
        self.pipeline = pipeline
        self.fetcher = fetcher or Fetcher()
        self.policy = policy or WatchPolicy()
        self.clock = clock
        self.on_stored = on_stored
        self.on_round = on_round  # after each round of polls (the alert outbox's retries)
        self.log = log or (lambda _line: None)
        self._sources = sources

    @property
    def sources(self) -> list[Source]:
        return list(self._sources() if callable(self._sources) else self._sources)

    # -- the loop ---------------------------------------------------------------------------

    def run(self, *, once: bool = False, stop: threading.Event | None = None) -> None:
        """Poll until `stop` is set (or, with `once`, poll every source once and return)."""
        if once:
            self.run_once()
            return
        stop = stop or threading.Event()
        while not stop.is_set():
            due = self.due()
            for source in due:
                if stop.is_set():
                    return
                self._poll_safely(source)
            if due:
                self._round_done()
            stop.wait(self.seconds_to_next(limit=60.0))

    def run_once(self) -> list[PollReport]:
        """Poll every source now, whatever its schedule."""
        reports = [r for r in (self._poll_safely(s) for s in self.sources) if r is not None]
        self._round_done()
        return reports

    def _round_done(self) -> None:
        if self.on_round is None:
            return
        try:
            self.on_round()
        except EventwireError as e:  # a webhook or the store: the watch goes on
            self.log(f"after the polls: {e.kind}: {e}")

    def due(self) -> list[Source]:
        """The sources whose next poll is due."""
        now = self.clock()
        return [s for s in self.sources if (self._status(s).next_poll or 0.0) <= now]

    def seconds_to_next(self, *, limit: float) -> float:
        """Seconds until the next source is due (at most `limit`, at least 10 ms)."""
        now = self.clock()
        waits = [(self._status(s).next_poll or now) - now for s in self.sources]
        return max(0.01, min([limit, *waits]))

    def _status(self, source: Source) -> FeedStatus:
        return self.state.feed(source.feed, outlet=source.name)

    def _poll_safely(self, source: Source) -> PollReport | None:
        try:
            report = self.poll(source)
        except EventwireError as e:
            # the store is down, or the pipeline broke: say so and keep watching
            self.log(f"{source.name}: {e.kind}: {e}")
            return None
        except Exception as e:  # a bug must not end a watch that runs for weeks
            self.log(f"{source.name}: internal error: {type(e).__name__}: {e}")
            self._record(source, source.feed, "internal", f"{type(e).__name__}: {e}")
            return None
        self.log(report.line())
        return report

    # -- one poll ---------------------------------------------------------------------------

    def poll(self, source: Source) -> PollReport:
        """Poll `source` once: new articles coded and stored, failures recorded."""
        now = self.clock()
        state = self._status(source)
        report = PollReport(outlet=source.name, feed=source.feed, status="ok")
        if not source.english:
            return self._skip_language(source, state, report, now)
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            response = self.fetcher.get(
                source.feed, headers=headers, allow_private=source.allow_private_network
            )
            parsed = None if response.not_modified else parse_feed(response.body, url=response.url)
        except EventwireError as e:
            return self._feed_failed(source, state, report, now, e)
        candidates = self._retries(source, now)
        if parsed is None:
            report.status = "not_modified"
        else:
            candidates = self._new_items(source, parsed, report) + candidates
        self._fetch_and_code(source, candidates[: self.policy.max_new_per_poll], report, now)
        self.state.save_feed(
            replace(
                state,
                etag=response.headers.get("etag") or state.etag,
                last_modified=response.headers.get("last-modified") or state.last_modified,
                last_polled=now,
                next_poll=now + source.interval,
                errors_in_row=0,
                status=report.status,
                error=parsed.malformed if parsed else None,
                items=len(parsed.items) if parsed else state.items,
                newest=parsed.newest if parsed else state.newest,
            )
        )
        report.items = len(parsed.items) if parsed else 0
        report.newest = parsed.newest if parsed else state.newest
        if report.run is not None and report.article_ids:
            self._after_store(source, report.run, report.article_ids)
        return report

    def _after_store(self, source: Source, stats: IngestStats, ids: list[str]) -> None:
        if self.on_stored is None:
            return
        try:
            self.on_stored(stats, list(ids))
        except EventwireError as e:
            # the articles are stored; a rule or webhook failure must not stop the watch
            self.log(f"{source.name}: after-store hook: {e.kind}: {e}")
            self._record(source, source.feed, "monitor", f"{e.kind}: {e}")

    def _skip_language(
        self, source: Source, state: FeedStatus, report: PollReport, now: float
    ) -> PollReport:
        report.status, report.error = "skipped", f"language {source.language!r} is not English"
        if state.status != "skipped":
            self._record(source, source.feed, "language", f"{report.error}: not polled")
        self.state.save_feed(
            replace(state, last_polled=now, next_poll=now + source.interval, status="skipped")
        )
        return report

    def _feed_failed(
        self, source: Source, state: FeedStatus, report: PollReport, now: float, e: EventwireError
    ) -> PollReport:
        errors = state.errors_in_row + 1
        cap = max(self.policy.backoff_max, source.interval)
        delay = backoff_delay(errors + 1, base=source.interval, cap=cap)
        self._record(source, source.feed, e.kind, str(e))
        self.state.save_feed(
            replace(
                state,
                last_polled=now,
                next_poll=now + delay,
                errors_in_row=errors,
                status="error",
                error=f"{e.kind}: {e}",
            )
        )
        report.status, report.error = "error", f"{e.kind}: {e}"
        return report

    def _new_items(self, source: Source, parsed: ParsedFeed, report: PollReport) -> list[ItemState]:
        if parsed.malformed:
            self._record(
                source,
                source.feed,
                "feed_malformed",
                f"{parsed.malformed} ({len(parsed.items)} items read anyway)",
            )
        known = self.state.known_urls([i.url for i in parsed.items])
        fresh: dict[str, FeedItem] = {}
        for item in parsed.items:
            key = url_key(item.url)
            if key not in known:
                fresh.setdefault(key, item)
        report.new = len(fresh)
        # newest first (parse_feed's order): a long backlog never delays what was just published
        return [
            ItemState(
                url=i.url,
                outlet=source.name,
                feed=source.feed,
                status="retry",
                title=i.title,
                published=i.published,
                author=i.author,
            )
            for i in fresh.values()
        ]

    def _retries(self, source: Source, now: float) -> list[ItemState]:
        return self.state.due_retries(source.feed, now=now)

    def _fetch_and_code(
        self, source: Source, candidates: list[ItemState], report: PollReport, now: float
    ) -> None:
        pending: list[tuple[ItemState, Document]] = []
        batch: dict[str, str] = {}  # text hash -> article id, for copies within this poll
        for item in candidates:
            doc = self._fetch_one(source, item, report, now, batch)
            if doc is not None:
                pending.append((item, doc))
        self._code(source, pending, report)

    def _fetch_one(
        self,
        source: Source,
        item: ItemState,
        report: PollReport,
        now: float,
        batch: dict[str, str],
    ) -> Document | None:
        try:
            response = self.fetcher.get(item.url, allow_private=source.allow_private_network)
            page = extract_article(
                response.body,
                url=response.url,
                css=source.css,
                xpath=source.xpath,
                min_words=self.policy.min_words,
            )
        except EventwireError as e:
            self._item_failed(source, item, e, report, now)
            return None
        digest = content_hash(page.text)
        item = replace(
            item,
            content_hash=digest,
            title=page.title or item.title,
            author=page.author or item.author,
        )
        same = batch.get(digest) or self.state.known_text(page.text)
        if same is not None:
            # a wire copy: the text is stored already, under another URL or outlet
            self.state.save_item(replace(item, status="duplicate", article_id=same))
            report.duplicates += 1
            return None
        article_id = article_id_for(item.url)
        batch[digest] = article_id
        published = page.date or (item.published[:10] if item.published else None)
        return make_document(
            page.text,
            article_id=article_id,
            published=published,
            title=item.title,
            outlet=source.name,
            url=response.url,
        )

    def _item_failed(
        self, source: Source, item: ItemState, e: EventwireError, report: PollReport, now: float
    ) -> None:
        attempts = item.attempts + 1
        retry = is_transient(e) and attempts < self.policy.max_attempts
        delay = backoff_delay(attempts, base=self.policy.retry_base, cap=self.policy.backoff_max)
        self.state.save_item(
            replace(
                item,
                status="retry" if retry else "failed",
                attempts=attempts,
                next_try=now + delay if retry else None,
                kind=e.kind,
                message=str(e),
            )
        )
        self._record(source, item.url, e.kind, str(e))
        if retry:
            report.retrying += 1
        else:
            report.failed += 1

    def _code(
        self, source: Source, pending: list[tuple[ItemState, Document]], report: PollReport
    ) -> None:
        if not pending:
            return
        docs = [doc for _, doc in pending]
        stats = ingest(self.store, docs, pipeline=self.pipeline, source=f"feed {source.name}")
        report.run = stats
        ids = [doc.article.id for doc in docs]
        stored = self.store.coded_ids(ids, pipeline_version=__version__)
        failures = {f["article"]: f for f in self.store.failures(run_id=stats.run_id)}
        for item, doc in pending:
            article_id = doc.article.id
            if article_id in stored:
                self.state.save_item(replace(item, status="coded", article_id=article_id))
                if doc.article.url and url_key(doc.article.url) != url_key(item.url):
                    # the page's own URL (after redirects) is seen too: feeds may link to it
                    alias = replace(item, url=doc.article.url, content_hash=None)
                    self.state.save_item(replace(alias, status="duplicate", article_id=article_id))
                report.coded += 1
                report.article_ids.append(article_id)
                continue
            failure = failures.get(article_id, {})
            kind = str(failure.get("kind") or "pipeline")
            message = str(failure.get("message") or "not stored")
            self.state.save_item(
                replace(item, status="failed", article_id=article_id, kind=kind, message=message)
            )
            self._record(source, item.url, kind, message)
            report.failed += 1

    def _record(self, source: Source, url: str, kind: str, message: str) -> None:
        self.state.add_failure(
            outlet=source.name, feed=source.feed, url=url, kind=kind, message=message
        )
