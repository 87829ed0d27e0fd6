"""The record's fields are the one list (issue #14): the API's record models and the store's
tables carry exactly the fields of `eventwire.record`'s dataclasses, so a field added to a
record and forgotten in the API or the store fails here."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from eventwire.api import schemas
from eventwire.record import Actor, Article, Document, Event, Place, Quote, Span, TimeRef
from eventwire.store import models

#: record class -> its API model
_API = [
    (Span, schemas.SpanOut),
    (Article, schemas.ArticleOut),
    (Actor, schemas.ActorOut),
    (Quote, schemas.QuoteOut),
    (TimeRef, schemas.TimeOut),
    (Place, schemas.PlaceOut),
    (Event, schemas.EventOut),
]
#: record class -> its table, and the fields that live elsewhere (child tables, other names)
_STORE: list[tuple[type, type, dict[str, str]]] = [
    (Article, models.ArticleRow, {"id": "article_id"}),
    (Actor, models.ActorRow, {"id": "local_id", "mentions": "table mentions"}),
    (Quote, models.QuoteRow, {"id": "local_id"}),
    (TimeRef, models.TimeRow, {"id": "local_id"}),
    (Place, models.PlaceRow, {"id": "local_id"}),
    (Event, models.EventRow, {"id": "local_id", "evidence": "table evidence"}),
    (Span, models.MentionRow, {}),
    (Span, models.EvidenceRow, {}),
]


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return PydanticUndefined if f.default is dataclasses.MISSING else f.default


@pytest.mark.parametrize(("record", "model"), _API, ids=lambda c: c.__name__)
def test_api_models_have_the_records_fields_in_order(record: type, model: type) -> None:
    assert issubclass(model, BaseModel)
    want = [f.name for f in dataclasses.fields(record)]
    assert list(model.model_fields) == want


@pytest.mark.parametrize(("record", "model"), _API, ids=lambda c: c.__name__)
def test_api_models_default_as_the_record_does(record: type, model: type) -> None:
    assert issubclass(model, BaseModel)
    # a field the API always writes (status, intensity...) may be required there
    for f in dataclasses.fields(record):
        got = model.model_fields[f.name].default
        assert got in (_default(f), PydanticUndefined), f"{record.__name__}.{f.name}"


def test_the_api_record_has_the_documents_parts() -> None:
    doc = Document(article=Article(id="a"), text="t")
    assert list(schemas.Record.model_fields) == ["schema_", *list(doc.to_dict())[1:], "store"]


@pytest.mark.parametrize(
    ("record", "row", "elsewhere"), _STORE, ids=lambda c: getattr(c, "__name__", "")
)
def test_store_tables_have_a_column_for_each_record_field(
    record: type, row: type, elsewhere: dict[str, str]
) -> None:
    columns = set(row.__table__.columns.keys())  # type: ignore[attr-defined]
    for f in dataclasses.fields(record):
        where = elsewhere.get(f.name, f.name)
        if not where.startswith("table "):
            assert where in columns, f"{record.__name__}.{f.name}: no column {where}"


@pytest.mark.parametrize(
    ("part", "record"), [(schemas.ActorRef, Actor), (schemas.LocationRef, Place)],
    ids=["ActorRef", "LocationRef"],
)  # fmt: skip
def test_api_references_pick_record_fields(part: type, record: type) -> None:
    assert issubclass(part, BaseModel)
    assert set(part.model_fields) <= {f.name for f in dataclasses.fields(record)}


def test_the_api_alert_is_the_stored_alert_with_its_bookkeeping() -> None:
    from eventwire.api.monitor import AlertOut
    from eventwire.monitor.alerts import Alert

    names = [f.name for f in dataclasses.fields(Alert)]
    fields = list(AlertOut.model_fields)
    assert fields[: len(names)] == names and "id" in fields  # derived from Alert, plus the row
    alert = Alert("r", "2024-W10", "2024-03-04", "2024-03-10", 3.0, None, "why", "all")
    assert list(alert.to_dict()) == names


def test_both_store_readers_give_the_apis_event_rows(tmp_path: Path) -> None:
    # Store.events (one query per page) and bulk.window_events (whole windows, for
    # monitoring) build the same event dicts: the keys of the API's EventRow, the same values
    from eventwire.store import Filters, Store
    from eventwire.store.bulk import window_events

    from .test_store import corpus

    store = Store(f"sqlite:///{tmp_path}/r.db")
    for doc in corpus():
        store.put(doc)
    paged = {(e["article_id"], e["event_id"]): e for e in store.events(limit=100).items}
    bulk = {(e["article_id"], e["event_id"]): e for _, es in window_events(store, Filters())
            for e in es}  # fmt: skip
    assert paged and paged == bulk
    for event in paged.values():
        assert list(event) == list(schemas.EventRow.model_fields)
