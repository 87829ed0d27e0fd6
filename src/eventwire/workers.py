"""Many articles on several cores: the same pipeline in worker processes, results in order.

Each worker loads the resources once (about 2 s and 1 GB); documents travel to it in chunks
and come back coded, without their spaCy parse. At most `2 * workers` chunks are in flight, so
memory stays bounded whatever the size of the input, and the output keeps the input's order.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from .errors import PipelineError
from .pipeline import DEFAULT_STAGES, Pipeline
from .readers import InputFailure
from .record import Document, ErrorRecord
from .resources import Resources

__all__ = ["chunked", "code_chunk", "default_workers", "in_order", "run_parallel"]

Item = Document | InputFailure
Result = Document | ErrorRecord

_PIPELINE: Pipeline | None = None


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init(names: Sequence[str], actor_files: tuple[Path, ...]) -> None:
    global _PIPELINE
    resources = Resources(actor_files=actor_files).load_all()
    _PIPELINE = Pipeline.from_names(names, resources=resources)


def code_chunk(pipeline: Pipeline, chunk: list[Item]) -> list[Result]:
    """Code one chunk, ready to cross processes (records without their spaCy parse)."""
    out = []
    for result in pipeline.run(chunk, batch_size=len(chunk)):
        if isinstance(result, Document):
            result.nlp = None  # a parse does not cross processes; the record is what counts
            result.entities = []
        out.append(result)
    return out


def in_order(
    submit: Callable[[list[Item]], Any],
    items: Iterable[Item],
    *,
    in_flight: int,
    chunk_size: int,
) -> Iterator[Result]:
    """Results of `submit(chunk)` futures, in input order, `in_flight` chunks at most."""
    chunks = chunked(items, chunk_size)
    pending: deque[Any] = deque(submit(c) for c in itertools.islice(chunks, in_flight))
    while pending:
        done = pending.popleft().result()
        nxt = next(chunks, None)
        if nxt is not None:
            pending.append(submit(nxt))
        yield from done


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of `size` items (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _code_chunk(chunk: list[Item]) -> list[Result]:
    assert _PIPELINE is not None, "worker not initialised"
    return code_chunk(_PIPELINE, chunk)


def run_parallel(
    items: Iterable[Item],
    *,
    workers: int,
    names: Sequence[str] = DEFAULT_STAGES,
    actor_files: tuple[Path, ...] = (),
    chunk_size: int = 16,
) -> Iterator[Result]:
    """Code `items` in `workers` processes; yield records and error records in input order."""
    context = mp.get_context("spawn")  # fork would copy a loaded model and its threads
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init,
        initargs=(tuple(names), actor_files),
    ) as pool:
        try:
            yield from in_order(
                lambda chunk: pool.submit(_code_chunk, chunk),
                items,
                in_flight=2 * workers,
                chunk_size=chunk_size,
            )
        except BrokenProcessPool as e:
            # a worker died (out of memory, killed) or could not load its resources
            raise PipelineError(f"a worker process stopped: {e}; try --workers 1") from e
