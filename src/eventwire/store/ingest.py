"""`ingest`: code articles and store them, one transaction per article, recording the run.

The core of `eventwire ingest`, kept a library function so that other runners (workers,
the API) reuse it. A crash or a kill loses at most the article being written: every stored
article is complete, and running the ingest again updates what is there in place.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .. import __version__
from ..pipeline import Pipeline
from ..readers import InputFailure
from ..record import Document, ErrorRecord
from .core import Store, content_hash
from .errors import WriteError

__all__ = ["Coder", "IngestStats", "ingest"]

#: Codes many documents: input items in, records and error records out, in order.
Coder = Callable[[Iterable[Document | InputFailure]], Iterable[Document | ErrorRecord]]


@dataclass
class IngestStats:
    """What an ingest run did so far; `progress` callbacks receive it after each article."""

    run_id: int
    inserted: int = 0
    updated: int = 0
    errors: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)
    last_error: str | None = None

    @property
    def done(self) -> int:
        """Articles handled: stored, failed, or skipped as already coded."""
        return self.inserted + self.updated + self.errors + self.skipped

    @property
    def rate(self) -> float:
        """Articles per second since the start."""
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def to_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "inserted": self.inserted,
            "updated": self.updated,
            "errors": self.errors,
            "skipped": self.skipped,
        }


def ingest(
    store: Store,
    items: Iterable[Document | InputFailure],
    *,
    pipeline: Pipeline | None,
    progress: Callable[[IngestStats], None] | None = None,
    source: str = "",
    pipeline_version: str = __version__,
    coder: Coder | None = None,
    resume: bool = False,
    on_done: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Code `items` with `pipeline` and store each record; returns the run's counts.

    `items` are what `eventwire.readers.read_inputs` yields. With `pipeline=None` the items
    are already coded documents (eventwire/1 records read back) and are stored as they are.
    `coder`, when given, codes instead of `pipeline` (worker processes, a Dask cluster: see
    `eventwire.workers.run_parallel`, `eventwire.scale.run_dask`). With `resume`, articles
    already stored by this pipeline version are skipped without coding: after a crash, the
    same command with `--resume` picks up where the run stopped. Articles that cannot be read,
    coded or written are recorded as failures of the run. `on_done` is called with the counts
    once the run has finished (not when interrupted): `eventwire.monitor` evaluates its watch
    rules there.
    """
    run_id = store.start_run(source=source, pipeline_version=pipeline_version)
    stats = IngestStats(run_id=run_id)
    if resume:
        items = _skip_done(store, items, stats, version=pipeline_version, progress=progress)
    try:
        results = coder(items) if coder is not None else _results(items, pipeline)
        for result in results:
            _store_one(store, result, stats, version=pipeline_version)
            if progress is not None:
                progress(stats)
    except BaseException:
        # KeyboardInterrupt included: the run is marked, the articles stored so far stay
        store.finish_run(
            run_id, n_ok=stats.inserted + stats.updated, n_errors=stats.errors, status="interrupted"
        )
        raise
    store.finish_run(run_id, n_ok=stats.inserted + stats.updated, n_errors=stats.errors)
    if on_done is not None:
        on_done(stats)
    return stats


def _skip_done(
    store: Store,
    items: Iterable[Document | InputFailure],
    stats: IngestStats,
    *,
    version: str,
    progress: Callable[[IngestStats], None] | None,
    chunk: int = 256,
) -> Iterator[Document | InputFailure]:
    """`items` less the documents already stored by this pipeline version with the same
    text and date: an article corrected since (same id) is coded again."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, chunk)):
        versions = {
            i.article.id: (content_hash(i.text), i.article.published)
            for i in batch
            if isinstance(i, Document)
        }
        done = store.coded_ids(list(versions), pipeline_version=version, versions=versions)
        for item in batch:
            if isinstance(item, Document) and item.article.id in done:
                stats.skipped += 1
                if progress is not None:
                    progress(stats)
                continue
            yield item


def _results(
    items: Iterable[Document | InputFailure], pipeline: Pipeline | None
) -> Iterator[Document | ErrorRecord]:
    if pipeline is not None:
        yield from pipeline.run(items)
        return
    for item in items:
        yield item.to_record() if isinstance(item, InputFailure) else item


def _store_one(
    store: Store, result: Document | ErrorRecord, stats: IngestStats, *, version: str
) -> None:
    if isinstance(result, ErrorRecord):
        _fail(store, stats, _where(result.article), result.kind, result.message)
        return
    try:
        outcome = store.put(result, run_id=stats.run_id, pipeline_version=version)
    except WriteError as e:
        _fail(store, stats, result.article.id, e.kind, str(e))
        return
    if outcome == "inserted":
        stats.inserted += 1
    else:
        stats.updated += 1


def _fail(store: Store, stats: IngestStats, article: str, kind: str, message: str) -> None:
    stats.errors += 1
    stats.last_error = f"{article}: {message}"
    store.add_failure(stats.run_id, article=article, kind=kind, message=message)


def _where(article: dict[str, object]) -> str:
    return str(article.get("id") or article.get("source") or "?")
