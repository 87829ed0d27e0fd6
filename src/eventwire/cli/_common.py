"""What several commands share: the actor files to load, the coder for a run, a progress bar."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..record import Document, ErrorRecord
    from ..resources import Resources
    from ..store.ingest import Coder

__all__ = [
    "SMALL",
    "actor_files",
    "coder_for",
    "loaded_resources",
    "pipeline_for",
    "with_progress",
]

#: Runs of fewer articles than this are coded in the calling process: starting worker
#: processes (each loads the model) costs more than it saves.
SMALL = 32


def actor_files(extra: Iterable[Path] = ()) -> tuple[Path, ...]:
    """Actor files for every command that codes: `--actors` files, then the user's file."""
    from ..resources.kb import user_actors_path

    user = user_actors_path()  # one definition, shared with `eventwire actors`
    return tuple(extra) + ((user,) if user.is_file() else ())


@functools.cache
def loaded_resources(files: tuple[Path, ...]) -> Resources:
    """Loaded once per process and set of actor files (tests call commands many times)."""
    from ..resources import Resources

    return Resources(actor_files=files).load_all()


def pipeline_for(files: tuple[Path, ...]) -> Pipeline:
    """The default pipeline in this process."""
    from ..pipeline import Pipeline

    return Pipeline.from_names(resources=loaded_resources(files))


def coder_for(
    *,
    engine: str = "local",
    workers: int | None,
    scheduler: str | None = None,
    files: tuple[Path, ...],
    total: int | None,
) -> Coder:
    """How a run codes: in this process, in worker processes, or on a Dask cluster.

    An explicit `workers` is honoured; by default small runs (`total` under `SMALL`) stay in
    this process and larger or unknown ones use one worker per core.
    """
    from ..workers import default_workers, run_parallel

    n = workers or default_workers()
    if engine == "dask":
        from ..scale import run_dask

        return lambda items: run_dask(items, scheduler=scheduler, workers=n, actor_files=files)
    in_process = n == 1 or (workers is None and total is not None and total < SMALL)
    if in_process:
        return lambda items: pipeline_for(files).run(items)
    return lambda items: run_parallel(items, workers=n, actor_files=files)


def with_progress(
    results: Iterable[Document | ErrorRecord], *, show: bool, label: str = "coding"
) -> Iterator[Document | ErrorRecord]:
    """The same results, with a rich progress bar on stderr (count, rate, errors) if `show`."""
    from ..record import ErrorRecord

    if not show:
        yield from results
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns: list[Any] = [
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s, {task.fields[errors]} errors"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None, rate="-", errors=0)
        errors = 0
        for n, result in enumerate(results, start=1):
            errors += isinstance(result, ErrorRecord)
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, advance=1, rate=f"{n / elapsed:.1f}", errors=errors)
            yield result
