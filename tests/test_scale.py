"""The Dask engine gives the same records as a single-machine run."""

from __future__ import annotations

from eventwire.errors import EmptyInputError
from eventwire.pipeline import Pipeline
from eventwire.readers import InputFailure, make_document
from eventwire.record import Document, ErrorRecord
from eventwire.scale import run_dask

from .test_workers import TEXTS


def test_dask_local_cluster_equals_single_machine(pipeline: Pipeline) -> None:
    docs = [
        make_document(t, published="2024-11-02", article_id=f"d{i}") for i, t in enumerate(TEXTS)
    ]
    failure = InputFailure(error=EmptyInputError("x: empty"), article={"source": "x"})
    items: list[Document | InputFailure] = [*docs[:3], failure, *docs[3:]]
    single = [r.to_dict() for r in pipeline.run(items)]
    on_dask = list(run_dask(items, workers=2, chunk_size=2))
    assert [r.to_dict() for r in on_dask] == single
    assert isinstance(on_dask[3], ErrorRecord) and on_dask[3].kind == "empty"
