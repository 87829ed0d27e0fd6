"""The eventwire pipeline on a Dask cluster, with the results of a single-machine run.

Documents go to the cluster in chunks; each Dask worker builds the pipeline once (the first
chunk it receives pays the model load) and keeps it for the chunks after. Results come back
in input order with at most `2 * workers` chunks in flight, so the client's memory stays
bounded. Without a scheduler address a LocalCluster of `workers` single-threaded processes is
started and closed again.

The workers need eventwire installed (the same version) and, for `actor_files`, the same
paths readable: on a real cluster, ship the files with the environment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..pipeline import DEFAULT_STAGES, Pipeline
from ..readers import InputFailure
from ..record import Document, ErrorRecord
from ..resources import Resources
from ..workers import code_chunk, in_order

__all__ = ["run_dask"]

Item = Document | InputFailure
Result = Document | ErrorRecord

_PIPELINES: dict[tuple[tuple[str, ...], tuple[str, ...]], Pipeline] = {}


def _code_chunk(
    chunk: list[Item], names: tuple[str, ...], actor_files: tuple[str, ...]
) -> list[Result]:
    """Runs on a Dask worker: code one chunk with the worker's cached pipeline."""
    key = (names, actor_files)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        resources = Resources(actor_files=tuple(Path(f) for f in actor_files)).load_all()
        pipeline = _PIPELINES[key] = Pipeline.from_names(names, resources=resources)
    return code_chunk(pipeline, chunk)


def run_dask(
    items: Iterable[Item],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    names: Sequence[str] = DEFAULT_STAGES,
    actor_files: tuple[Path, ...] = (),
    chunk_size: int = 16,
) -> Iterator[Result]:
    """Code `items` on a Dask cluster; yield records and error records in input order."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise ConfigError(
            "the Dask engine needs dask and distributed: pip install 'eventwire[dask]'"
        ) from e
    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        client = Client(cluster if cluster is not None else scheduler)
    except OSError as e:
        if cluster is not None:
            cluster.close()
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    try:
        args = (tuple(names), tuple(str(f) for f in actor_files))
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from in_order(
            lambda chunk: client.submit(_code_chunk, chunk, *args, pure=False),
            items,
            in_flight=2 * n,
            chunk_size=chunk_size,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
