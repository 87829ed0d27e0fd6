"""The store refuses the same values on SQLite and PostgreSQL, before writing, with a named
error that carries no SQL, parameters or file paths; NUL and other control characters in a
request give a 422 (API and UI alike), never a 500 or a 503."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from eventwire.api import create_app
from eventwire.record import Document
from eventwire.store import Filters, InvalidRecordError, Store, StoreUnavailableError, WriteError
from eventwire.store.ingest import ingest

from . import test_store as _ts
from .test_store import corpus

pg_server = _ts.pg_server  # the throwaway PostgreSQL server (skips when not installed)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'validate.db'}"
    else:
        url = _ts._fresh_pg_database(request.getfixturevalue("pg_server"))
    with Store(url) as s:
        yield s


SQL_WORDS = ("INSERT", "SELECT", "UPDATE", "[SQL", "parameters", "sqlalche.me")


def _with_article(doc: Document, **changes: Any) -> Document:
    return dataclasses.replace(doc, article=dataclasses.replace(doc.article, **changes))


def _assert_clean(message: str) -> None:
    assert not any(w in message for w in SQL_WORDS), message
    assert "\n" not in message and len(message) < 400, message


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"id": "x" * 513}, "articles.article_id"),
        ({"outlet": "o" * 257}, "articles.outlet"),
        ({"title": "a\x00b"}, "articles.title"),
        ({"url": "http://x.test/\ud800"}, "articles.url"),
    ],
)
def test_every_backend_refuses_what_postgresql_refuses(
    store: Store,
    changes: dict[str, object],
    where: str,
) -> None:
    doc = _with_article(corpus()[0], **changes)
    with pytest.raises(InvalidRecordError, match=where) as caught:
        store.put(doc)
    _assert_clean(str(caught.value))
    assert store.counts()["articles"] == 0  # nothing half-written


def test_limits_hold_for_coded_parts_too(store: Store) -> None:
    doc = corpus()[0]
    doc.actors[0] = dataclasses.replace(doc.actors[0], name="N" * 513)
    with pytest.raises(InvalidRecordError, match=r"actors\.name"):
        store.put(doc)
    doc = corpus()[0]
    doc.actors[0] = dataclasses.replace(doc.actors[0], designations=["bad\x00"])
    with pytest.raises(InvalidRecordError, match=r"actors\.designations"):
        store.put(doc)
    assert store.counts()["articles"] == 0


def test_values_at_the_limit_are_stored(store: Store) -> None:
    doc = _with_article(corpus()[0], id="i" * 512, outlet="o" * 256)
    assert store.put(doc) == "inserted"
    assert store.document("i" * 512).article.outlet == "o" * 256


def test_ingest_records_an_invalid_article_and_goes_on(store: Store) -> None:
    docs = corpus()
    bad = _with_article(docs[0], id="y" * 600)
    stats = ingest(store, [bad, *docs[1:]], pipeline=None)
    assert (stats.inserted, stats.errors) == (len(docs) - 1, 1)
    failure = store.failures(run_id=stats.run_id)[0]
    assert failure["kind"] == "invalid"
    _assert_clean(failure["message"])


def test_control_characters_in_a_search_are_separators(store: Store) -> None:
    for doc in corpus():
        store.put(doc)
    plain = store.articles(Filters(q="Szohod")).total
    assert plain > 0
    assert store.articles(Filters(q="Szohod\x00")).total == plain
    assert store.events(Filters(q="\x00\x1f")).total >= 0


def test_store_errors_carry_no_file_path(tmp_path: Path) -> None:
    path = tmp_path / "secret-place" / "events.db"
    with (
        Store(f"sqlite:///{path}") as s,
        pytest.raises(StoreUnavailableError) as caught,
        s._session() as session,
    ):
        session.execute(text("SELECT nothing FROM no_such_table"))
    assert "secret-place" not in str(caught.value)
    _assert_clean(str(caught.value))


def test_write_errors_carry_no_sql(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as s:
        with s.engine.begin() as conn:  # a broken table: the write fails in the database
            conn.execute(text("CREATE TRIGGER no_more BEFORE INSERT ON articles "
                              "BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END"))  # fmt: skip
        with pytest.raises(WriteError, match="refused by trigger") as caught:
            s.put(corpus()[0])
    _assert_clean(str(caught.value))


# -- the API and the UI ------------------------------------------------------------------------


@pytest.fixture()
def client(store: Store) -> TestClient:
    """The API and UI over a filled store, on SQLite and on PostgreSQL."""
    for doc in corpus():
        store.put(doc)
    return TestClient(create_app(store), raise_server_exceptions=False)


CONTROLS = ["%00", "%01", "%1b", "%7f", "%c2%85"]  # NUL, SOH, ESC, DEL, NEL (C1)
API_URLS = [
    "/api/events?q=a{c}b",
    "/api/events?actor={c}",
    "/api/articles?outlet{c}=x",
    "/api/actors?country={c}SYL",
    "/api/timeline?q={c}",
    "/api/articles/a1{c}",
    "/api/actors/Ruritania{c}",
]


def test_control_characters_are_a_422_in_the_api(client: TestClient) -> None:
    for url in API_URLS:
        for char in CONTROLS:
            answer = client.get(url.format(c=char))
            assert answer.status_code == 422, (url, char, answer.text)
            assert answer.json()["detail"][0]["type"] == "control_character"
            assert answer.headers["content-security-policy"]


def test_control_characters_are_a_visible_422_in_the_ui(client: TestClient) -> None:
    for url in ["/?q=%00", "/events?actor=x%00", "/articles/a1%00", "/?q=%1b%5b31m"]:
        answer = client.get(url)
        assert answer.status_code == 422, url
        assert answer.headers["content-type"].startswith("text/html")
        assert "control character" in answer.text and "<h1>Bad request</h1>" in answer.text


def test_tabs_and_text_still_pass(client: TestClient) -> None:
    assert client.get("/api/events?q=Szohod").status_code == 200
    assert client.get("/api/articles?q=%C3%A9t%C3%A9").status_code == 200  # non-ASCII is fine


def test_a_503_does_not_disclose_the_store(tmp_path: Path) -> None:
    s = Store(f"sqlite:///{tmp_path / 'hidden-dir' / 'x.db'}")

    def broken(*_a: object, **_k: object) -> None:
        raise StoreUnavailableError(f"cannot open {tmp_path / 'hidden-dir'}: disk I/O error")

    s.events = broken  # type: ignore[method-assign,assignment]
    answer = TestClient(create_app(s)).get("/api/events")
    assert answer.status_code == 503
    assert "hidden-dir" not in answer.text and answer.json()["kind"] == "store_unavailable"


def test_an_invalid_post_is_a_422(tmp_path: Path) -> None:
    s = Store(f"sqlite:///{tmp_path / 'p.db'}")
    app = create_app(s, token="t", pipeline=lambda doc: doc)  # type: ignore[arg-type]
    answer = TestClient(app).post(
        "/api/articles",
        json={"text": "Ruritania shelled Szohod.", "outlet": "z" * 300},
        headers={"Authorization": "Bearer t"},
    )
    assert answer.status_code == 422 and answer.json()["kind"] == "invalid"
    _assert_clean(answer.json()["detail"])
