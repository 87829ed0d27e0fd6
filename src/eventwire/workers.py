"""Many articles on several cores: the same pipeline in worker processes, results in order.

Each worker loads the resources once (about 2 s and 1 GB); documents travel to it in chunks
and come back coded, without their spaCy parse. At most `2 * workers` chunks are in flight, so
memory stays bounded whatever the size of the input, and the output keeps the input's order.

Workers never outlive their parent: each watches it (a thread polling `os.getppid()`, and on
Linux `PR_SET_PDEATHSIG` too) and exits within a second of its death, kill -9 included. When
the run stops early (an exception, SIGTERM or Ctrl-C turned into one by the command) the
workers are killed at once instead of finishing the chunks in flight. Ctrl-C in a terminal
reaches the whole process group: workers ignore SIGINT and leave the decision to the parent.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import process as _process_module
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from .errors import PipelineError
from .pipeline import DEFAULT_STAGES, Pipeline
from .readers import InputFailure
from .record import Document, ErrorRecord
from .resources import Resources

__all__ = [
    "chunked",
    "code_chunk",
    "default_workers",
    "in_order",
    "run_parallel",
    "stop_pool",
    "watch_parent",
]

Item = Document | InputFailure
Result = Document | ErrorRecord

_PIPELINE: Pipeline | None = None


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init(
    names: Sequence[str], actor_files: tuple[Path, ...], parent: int, from_main: bool
) -> None:
    global _PIPELINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # before the slow part: a parent may die while resources load
    watch_parent(parent, kernel=from_main)
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


def watch_parent(parent: int, *, interval: float = 0.5, kernel: bool = True) -> None:
    """Exit this process soon after process `parent` is gone (see the module doc).

    `kernel` also asks Linux for SIGKILL at the parent's death; that fires when the parent's
    *thread* that started us ends, so only a pool started from the main thread asks for it.
    """
    if kernel and sys.platform.startswith("linux"):
        try:  # the kernel signals us when the parent dies: no polling delay
            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # the thread below covers it

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)  # orphaned: re-parented to init or a subreaper

    if os.getppid() != parent:  # it died before we could even start watching
        os._exit(1)
    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


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
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init,
        initargs=(
            tuple(names),
            actor_files,
            os.getpid(),
            threading.current_thread() is threading.main_thread(),
        ),
    )
    finished = False
    try:
        yield from in_order(
            lambda chunk: pool.submit(_code_chunk, chunk),
            items,
            in_flight=2 * workers,
            chunk_size=chunk_size,
        )
        finished = True
    except BrokenProcessPool as e:
        # a worker died (out of memory, killed) or could not load its resources
        raise PipelineError(f"a worker process stopped: {e}; try --workers 1") from e
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # stopped early (an error, a signal, the consumer gave up): no waiting
            stop_pool(pool)


def stop_pool(pool: ProcessPoolExecutor, *, grace: float = 5.0) -> None:
    """Cancel what is queued and kill the workers now (not after their chunks)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    # taken before shutdown, which forgets the pool's manager thread
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
    # let the pool's manager thread finish closing its wake-up pipe now: at interpreter exit
    # concurrent.futures writes to that pipe, and a close racing the write prints a
    # "Bad file descriptor" traceback after an interrupted run (CPython 3.11)
    if manager is not None:
        manager.join(timeout=max(1.0, deadline - time.monotonic()))
        if manager.is_alive():
            # still closing (a loaded machine): take its pipe off the exit hook's list, which
            # would write to it while it closes; the thread ends on its own (workers are dead)
            _process_module._threads_wakeups.pop(manager, None)
