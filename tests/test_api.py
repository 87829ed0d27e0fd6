"""The HTTP API: filters, pagination, records, the token-protected POST, and schemathesis
against its OpenAPI document."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi.testclient import TestClient

from eventwire.api import CSP, create_app
from eventwire.record import Document
from eventwire.store import Store

from .test_store import corpus

TOKEN = "s3cret-token"


def _echo_pipeline(doc: Document) -> Document:
    """Stands in for the real pipeline where only the HTTP side is under test."""
    return doc


def _filled_store(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    for doc in corpus():
        store.put(doc)
    return store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return _filled_store(tmp_path / "api.db")


@pytest.fixture()
def client(store: Store) -> TestClient:
    return TestClient(create_app(store, token=TOKEN, pipeline=_echo_pipeline))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["a3:V1", "a2:V1", "a1:V2", "a1:V1"]),
        ("?actor=Borduria&type=ASSAULT&type=AGREE", ["a2:V1", "a1:V1"]),
        ("?status=future", ["a1:V2"]),
        ("?date_from=2024-04-01&date_to=2024-04-16", ["a2:V1"]),
        ("?country=SYL", ["a3:V1"]),
        ("?q=Szohod&limit=1", ["a1:V1"]),
        ("?source=Ruritania&target=Borduria", ["a1:V1"]),
        ("?limit=2&offset=2", ["a1:V2", "a1:V1"]),
    ],
)
def test_event_filters_and_pages(client: TestClient, query: str, expected: list[str]) -> None:
    body = client.get("/api/events" + query).json()
    assert [f"{e['article_id']}:{e['event_id']}" for e in body["items"]] == expected


def test_page_envelope(client: TestClient) -> None:
    body = client.get("/api/events?limit=3&offset=1").json()
    assert (body["total"], body["limit"], body["offset"], len(body["items"])) == (4, 3, 1, 3)


@pytest.mark.parametrize(
    "query", ["?limit=0", "?limit=10001", "?offset=-1", "?type=BOMB", "?date_from=yesterday"]
)
def test_bad_parameters_are_422(client: TestClient, query: str) -> None:
    assert client.get("/api/events" + query).status_code == 422


def test_article_record_has_every_span(client: TestClient) -> None:
    body = client.get("/api/articles/a1").json()
    assert body["schema"] == "eventwire/1"
    assert [a["name"] for a in body["actors"]] == ["Ruritania", "Borduria", "Kurt Vlas"]
    assert body["quotes"][0]["text"] == "We will answer"
    assert body["times"][0]["value"] == "2024-02-26"
    assert body["places"][0]["name"] == "Szohod"
    assert body["events"][0]["evidence"][0]["start"] == 0
    assert body["events"][0]["cameo"] == "195"
    assert body["store"]["pipeline_version"] == "0.1.0"
    assert client.get("/api/articles/nope").status_code == 404


def test_lists_and_aggregates(client: TestClient) -> None:
    assert [a["id"] for a in client.get("/api/articles?actor=Syldavia").json()["items"]] == ["a3"]
    actors = client.get("/api/actors?country=BOR").json()["items"]
    assert [a["name"] for a in actors] == ["Borduria", "Kurt Vlas"]
    actor = client.get("/api/actors/Kurt%20Vlas").json()
    assert actor["targets"] == [{"name": "Ruritania", "events": 1, "mean_intensity": -4.4}]
    dyads = client.get("/api/dyads?period=year&actor=Syldavia").json()
    assert dyads == [
        {"source": "Syldavia", "target": "Borduria", "period": "2024", "events": 1,
         "mean_intensity": -5.0}
    ]  # fmt: skip
    timeline = client.get("/api/timeline?period=year").json()
    assert sum(t["events"] for t in timeline) == 4 and {t["period"] for t in timeline} == {"2024"}
    assert {p["name"] for p in client.get("/api/places").json()} == {"Szohod", "Vienna"}
    assert client.get("/api/stats").json()["events"] == 4
    assert client.get("/api/dyads?period=week").status_code == 422


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/events", "/", "/static/app.js", "/api/articles/nope"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": "Basic x"}, 401),
     ({"Authorization": f"Bearer {TOKEN}"}, 201)],
)  # fmt: skip
def test_post_needs_the_token(client: TestClient, headers: dict[str, str], status: int) -> None:
    body = {"text": "Syldavia protested to Borduria.", "id": "new", "published": "2024-06-01"}
    response = client.post("/api/articles", json=body, headers=headers)
    assert response.status_code == status
    if status == 201:
        assert response.json()["article"] == {
            "id": "new", "published": "2024-06-01", "title": None, "outlet": None,
            "url": None, "language": "en", "duplicate_of": None,
        }  # fmt: skip
    listed = [a["id"] for a in client.get("/api/articles").json()["items"]]
    assert ("new" in listed) == (status == 201)


def test_post_rejects_empty_text_with_a_named_error(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post("/api/articles", json={"text": "   "}, headers=auth)
    assert response.status_code == 400 and response.json()["kind"] == "empty"


def test_post_is_off_without_a_token(store: Store) -> None:
    client = TestClient(create_app(store))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/articles", json={"text": "x"}, headers=auth).status_code == 405
    paths = client.get("/api/openapi.json").json()["paths"]
    assert list(paths["/api/articles"]) == ["get"]


def test_post_codes_with_the_real_pipeline(store: Store, pipeline: Any) -> None:
    client = TestClient(create_app(store, token=TOKEN, pipeline=pipeline))
    text = "Hezbollah fired rockets at northern Israel on Friday, the group said."
    response = client.post(
        "/api/articles",
        json={"text": text, "published": "2024-11-02"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 201
    record = response.json()
    assert [e["type"] for e in record["events"]] == ["ASSAULT"]
    assert record["store"]["pipeline_version"] == "0.1.0"
    assert store.counts()["articles"] == 4


# -- schemathesis: every operation, a few dozen generated requests ----------------------------

_SCHEMA_DB = Path(tempfile.mkdtemp(prefix="eventwire-api-")) / "schema.db"
_APP = create_app(_filled_store(_SCHEMA_DB), token=TOKEN, pipeline=_echo_pipeline)  # type: ignore[arg-type]
schema = schemathesis.openapi.from_asgi("/api/openapi.json", _APP)


@schema.parametrize()
@hypothesis.settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_conforms_to_its_openapi(case: Any) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.mark.parametrize(
    ("model", "record"),
    [
        ("ArticleOut", "Article"),
        ("ActorOut", "Actor"),
        ("QuoteOut", "Quote"),
        ("TimeOut", "TimeRef"),
        ("PlaceOut", "Place"),
        ("EventOut", "Event"),
        ("SpanOut", "Mention"),
        ("SpanOut", "Evidence"),
    ],
)
def test_api_models_carry_every_record_field(model: str, record: str) -> None:
    # The OpenAPI models mirror record.py; a field added to a record must reach the API
    # (a response model silently drops the keys it does not declare).
    import dataclasses

    from eventwire import record as records
    from eventwire.api import schemas

    fields = {f.name for f in dataclasses.fields(getattr(records, record))}
    assert set(getattr(schemas, model).model_fields) == fields


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "Rebels attacked the town.", "published": "0001-01-01"}',
        b'{"text": "Rebels attacked the town.", "published": "0999-12-31"}',
        b'{"text": "Rebels attacked \\ud800 the town."}',
        b'{"text": "Rebels attacked the town.", "title": "\\udfff"}',
        b'{"text": "Rebels attacked the town.", "id": "a\\ud83d"}',
    ],
)
def test_post_refuses_dates_off_the_calendar_and_lone_surrogates(
    client: TestClient, body: bytes
) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    response = client.post("/api/articles", content=body, headers=headers)
    assert response.status_code == 422, response.text
    assert client.get("/api/articles").json()["total"] == 3  # nothing stored


def test_post_codes_an_article_dated_9999_12_31(store: Store, pipeline: Any) -> None:
    client = TestClient(create_app(store, token=TOKEN, pipeline=pipeline))
    text = "Rebels will attack the town tomorrow, officials said on Friday."
    response = client.post(
        "/api/articles",
        json={"text": text, "published": "9999-12-31", "id": "edge"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 201, response.text
