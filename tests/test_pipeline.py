"""The runner: contracts are checked, order is explicit, one bad article never ends a batch."""

from __future__ import annotations

import pytest

from eventwire.errors import ConfigError, EventwireError, PipelineError
from eventwire.pipeline import DEFAULT_STAGES, Pipeline, Registry
from eventwire.readers import InputFailure, make_document
from eventwire.record import Document, ErrorRecord
from eventwire.registrations import STAGES, default_registry
from eventwire.resources import Resources
from eventwire.stage import FIELDS, Stage


def _upper(doc: Document, *, resources: Resources) -> Document:
    doc.text = doc.text.upper()
    return doc


def _sneaky(doc: Document, *, resources: Resources) -> Document:
    doc.text = doc.text + "!"  # writes text without declaring it
    return doc


def _returns_none(doc: Document, *, resources: Resources) -> Document:
    return None  # type: ignore[return-value]


def _boom(doc: Document, *, resources: Resources) -> Document:
    if "boom" in doc.text:
        raise RuntimeError("exploded")
    return doc


def test_default_order_is_registered_and_consistent() -> None:
    registry = default_registry()
    assert registry.names() == list(DEFAULT_STAGES)
    Pipeline.from_names(resources=Resources())  # raises if a read has no earlier writer
    for stage in STAGES:
        assert set(stage.reads) <= set(FIELDS) and set(stage.writes) <= set(FIELDS)
        assert stage.help


def test_reading_before_writing_is_refused() -> None:
    registry = default_registry()
    with pytest.raises(ConfigError, match="reads"):
        Pipeline.from_names(["events"], registry=registry, resources=Resources())


def test_unknown_stage_and_duplicate_registration() -> None:
    registry = default_registry()
    with pytest.raises(ConfigError, match="no stage named 'nope'"):
        registry.get("nope")
    with pytest.raises(ConfigError, match="already registered"):
        registry.register(STAGES[0])


def test_unknown_field_in_contract() -> None:
    with pytest.raises(ConfigError, match="unknown fields"):
        Stage("bad", _upper, reads=("txt",), writes=(), help="")


def test_undeclared_write_is_caught() -> None:
    pipe = Pipeline([Stage("s", _sneaky, reads=("text",), writes=(), help="")], Resources())
    with pytest.raises(PipelineError, match="changed \\['text'\\]"):
        pipe(make_document("hello"))


def test_non_document_return_is_caught() -> None:
    pipe = Pipeline([Stage("s", _returns_none, reads=(), writes=(), help="")], Resources())
    with pytest.raises(PipelineError, match="returned NoneType"):
        pipe(make_document("hello"))


def test_run_isolates_failures_and_keeps_order() -> None:
    registry = Registry()
    registry.register(Stage("upper", _upper, reads=("text",), writes=("text",), help="u"))
    registry.register(Stage("boom", _boom, reads=("text",), writes=(), help="b"))
    pipe = Pipeline.from_names(["boom", "upper"], registry=registry, resources=Resources())
    failure = InputFailure(error=EventwireError("bad"), article={"source": "x"})  # type: ignore[arg-type]
    items = [make_document("a"), make_document("boom"), failure, make_document("c")]
    out = list(pipe.run(items, batch_size=2))
    assert [type(o).__name__ for o in out] == ["Document", "ErrorRecord", "ErrorRecord", "Document"]
    assert isinstance(out[0], Document) and out[0].text == "A"
    assert isinstance(out[1], ErrorRecord) and "exploded" in out[1].message
    assert out[1].kind == "pipeline"
    assert isinstance(out[3], Document) and out[3].text == "C"


def test_batch_path_matches_one_by_one(pipeline: Pipeline) -> None:
    texts = [
        "Iran's foreign minister met his Iraqi counterpart in Baghdad on Tuesday.",
        "Protesters clashed with police in Lagos on Monday, officials said.",
        "Russia launched a drone attack on Kyiv overnight, Ukraine's air force said.",
    ]
    batched = list(pipeline.run([make_document(t, published="2024-11-02") for t in texts]))
    single = [pipeline(make_document(t, published="2024-11-02")) for t in texts]
    assert [b.to_dict() for b in batched] == [s.to_dict() for s in single]  # type: ignore[union-attr]


def test_non_english_gets_error_record(pipeline: Pipeline) -> None:
    text = (
        "El gobierno de Irán anunció el sábado que responderá con fuerza a cualquier ataque "
        "contra su territorio, según un comunicado publicado por la agencia oficial de noticias."
    )
    [out] = list(pipeline.run([make_document(text)]))
    assert isinstance(out, ErrorRecord) and out.kind == "language"


@pytest.mark.parametrize("published", ["9999-12-31", "9999-12-28", "1000-01-01"])
def test_dates_at_the_calendar_edges_are_coded(pipeline: Pipeline, published: str) -> None:
    # #19: "tomorrow" in an article of 9999-12-31 raised OverflowError in the times stage
    text = (
        "Hezbollah fired rockets at Israel on Monday, the group said. Talks will resume "
        "tomorrow, next week and next year; they were held yesterday, last month and two "
        "years ago, and the day after next Tuesday. Christmas is in December."
    )
    out = pipeline(make_document(text, published=published))
    assert isinstance(out, Document), out
    values = [t.value for t in out.times]
    assert len(values) >= 8
    if published == "9999-12-31":
        assert "9999-12-30" in values  # "yesterday" is still on the calendar
