"""Worker processes give the same records, in the same order, as one process."""

from __future__ import annotations

from eventwire.pipeline import Pipeline
from eventwire.readers import InputFailure, make_document
from eventwire.record import Document, ErrorRecord
from eventwire.workers import default_workers, run_parallel

TEXTS = [
    "Russia launched a drone attack on Kyiv overnight, Ukraine's air force said.",
    "Egypt and Qatar called for an immediate ceasefire in Gaza on Sunday.",
    "Iran's foreign minister met his Iraqi counterpart in Baghdad on Tuesday.",
    "   ",
    "Protesters clashed with police in Lagos on Monday, officials said.",
    "Israel warned Hezbollah that it would pay a heavy price for any attack.",
]


def test_default_workers() -> None:
    assert default_workers() >= 1


def test_parallel_equals_single_process(pipeline: Pipeline) -> None:
    docs = [
        make_document(t, published="2024-11-02", article_id=f"w{i}") for i, t in enumerate(TEXTS)
    ]
    failure = InputFailure(
        error=__import__("eventwire.errors").errors.EmptyInputError("x: empty"),
        article={"source": "x"},
    )
    items: list[Document | InputFailure] = [*docs[:2], failure, *docs[2:]]
    single = [r.to_dict() for r in pipeline.run(items)]
    parallel = list(run_parallel(items, workers=2, chunk_size=2))
    assert [r.to_dict() for r in parallel] == single
    assert isinstance(parallel[2], ErrorRecord) and parallel[2].kind == "empty"
    assert isinstance(parallel[4], ErrorRecord)  # the whitespace-only text
    assert all(r.nlp is None for r in parallel if isinstance(r, Document))
