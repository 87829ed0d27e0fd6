"""The analyst's events grid: the one filter parser, country dyads, evidence search, sorting,
facets, "export this view", chips, deep links and errors as pages (API and UI, TestClient)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.record import Actor, Article, Document, Event, Evidence, Mention, Quote
from eventwire.store import (
    FILTER_PARAMS,
    SORT_FIELDS,
    Filters,
    QueryError,
    Store,
    filter_pairs,
    parse_filters,
    parse_sort,
)
from eventwire.web.grid import CHIP_LABELS, article_label, export_links, filter_chips

# Our own made-up articles: an untitled one whose threat is attributed to a ministry and
# carried by a news agency, and a titled one that mentions drones only outside any evidence.
G1_TEXT = (
    "Borduria's leader Kurt Vlas warned Ruritania on Tuesday. "
    '"Drones will be shot down," the Bordurian ministry said. The talks resumed.'
)
G2_TEXT = "No drone was seen near Szohod. Ruritania accused Vlas of lying."
PEOPLE = {
    "Kurt Vlas": ("BOR", "GOV", "person"),
    "Ruritania": ("RUR", "GOV", "state"),
    "Bordurian ministry": ("BOR", "GOV", "organization"),
    "Syldavian Press": ("SYL", "MED", "organization"),
}


def _span(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(start, start + len(needle), needle)


def _actor(ident: str, name: str, text: str, surface: str) -> Actor:
    country, sector, kind = PEOPLE[name]
    v = _span(text, surface)
    return Actor(id=ident, name=name, country=country, sector=sector, kind=kind,
                 mentions=[Mention(v.start, v.end, v.text)])  # fmt: skip


def grid_corpus() -> list[Document]:
    g1 = Document(
        article=Article(id="g1", published="2024-05-01", outlet="Daily Planet"), text=G1_TEXT
    )
    g1.actors = [
        _actor("A1", "Kurt Vlas", G1_TEXT, "Kurt Vlas"),
        _actor("A2", "Ruritania", G1_TEXT, "Ruritania"),
        _actor("A3", "Bordurian ministry", G1_TEXT, "Bordurian ministry"),
        _actor("A4", "Syldavian Press", G1_TEXT, "Borduria"),
    ]
    q = _span(G1_TEXT, "Drones will be shot down")
    g1.quotes = [Quote(id="Q1", text=q.text, start=q.start, end=q.end, kind="direct",
                       speaker="A3", cue="said")]  # fmt: skip
    g1.events = [
        Event(id="V1", type="THREATEN", source=["A1"], target=["A2"], status="future",
              date="2024-04-30", date_precision="day", attributed_to="A3", quote="Q1",
              reported_by=["A4"], intensity=-4.4, quad=4, confidence=0.9,
              evidence=[_span(G1_TEXT, "warned Ruritania"), _span(G1_TEXT, "on Tuesday")]),
        Event(id="V2", type="CONSULT", source=["A2"], target=["A1"], status="ongoing",
              date="2024-05", date_precision="month", intensity=1.0, quad=1, confidence=0.4,
              evidence=[_span(G1_TEXT, "The talks resumed")]),
    ]  # fmt: skip
    g2 = Document(
        article=Article(id="g2", published="2024-05-03", title="Accusations",
                        outlet="Evening Star"), text=G2_TEXT,
    )  # fmt: skip
    g2.actors = [
        _actor("A1", "Ruritania", G2_TEXT, "Ruritania"),
        _actor("A2", "Kurt Vlas", G2_TEXT, "Vlas"),
    ]
    g2.events = [
        Event(id="V1", type="ACCUSE", source=["A1"], target=["A2"], status="occurred",
              date="2024-05-03", date_precision="day", intensity=-2.0, quad=3, confidence=0.6,
              evidence=[_span(G2_TEXT, "Ruritania accused Vlas of lying")]),
    ]  # fmt: skip
    return [g1, g2]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'grid.db'}")
    for doc in grid_corpus():
        s.put(doc)
    return s


@pytest.fixture()
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


def _ids(store: Store, filters: Filters, sort: str | None = None) -> list[str]:
    return [f"{e['article_id']}:{e['event_id']}"
            for e in store.events(filters, sort=sort).items]  # fmt: skip


# -- the one parser ---------------------------------------------------------------------------


def test_parse_filters_reads_every_filter() -> None:
    f = parse_filters([
        ("date_from", "2024-01-01"), ("type", "assault"), ("type", "ACCUSE"), ("status", ""),
        ("source_country", "Iran"), ("target_country", "isr"), ("both", "on"),
        ("outlet", "Daily Planet"), ("speaker", " Kurt Vlas "), ("offset", "50"),
    ])  # fmt: skip
    assert f == Filters(date_from="2024-01-01", type=("ASSAULT", "ACCUSE"),
                        source_country="IRN", target_country="ISR", both_directions=True,
                        outlet="Daily Planet", speaker="Kurt Vlas")  # fmt: skip
    assert parse_filters(filter_pairs(f)) == f  # links carry exactly the view's filters


@pytest.mark.parametrize(
    ("pairs", "param", "words"),
    [
        ([("date_from", "2018-13-45")], "date_from", "2018-13-45"),
        ([("type", "BOGUS")], "type", "BOGUS"),
        ([("status", "maybe")], "status", "maybe"),
        ([("source_country", "Narnia Kingdom")], "source_country", "Narnia"),
        ([("both", "perhaps")], "both", "perhaps"),
        ([("date_from", "2024-05-02"), ("date_to", "2024-05-01")], "date_from", "after"),
    ],
)
def test_parse_filters_refuses_with_the_reason(
    pairs: list[tuple[str, str]], param: str, words: str
) -> None:
    with pytest.raises(QueryError) as info:
        parse_filters(pairs)
    assert info.value.param == param and words in str(info.value)


def test_blank_dates_are_no_filter_for_forms_and_an_error_for_the_api() -> None:
    assert parse_filters([("date_from", ""), ("type", "")]) == Filters()
    with pytest.raises(QueryError, match="date_from"):
        parse_filters([("date_from", "")], blank_dates=False)


def test_parse_sort_accepts_only_the_sortable_fields() -> None:
    assert parse_sort("-confidence") == "-confidence" and parse_sort("") is None
    with pytest.raises(QueryError, match="not sortable"):
        parse_sort("text")


# -- the store's grid queries -----------------------------------------------------------------


def test_country_dyad_counts_leaders_as_their_country(store: Store) -> None:
    # Kurt Vlas (a Bordurian leader) -> Ruritania is BOR -> RUR, though no actor is "Borduria"
    assert _ids(store, Filters(source_country="BOR", target_country="RUR")) == ["g1:V1"]
    assert _ids(store, Filters(source_country="RUR", target_country="BOR")) == ["g2:V1", "g1:V2"]
    both = Filters(source_country="BOR", target_country="RUR", both_directions=True)
    assert _ids(store, both) == ["g2:V1", "g1:V2", "g1:V1"]


def test_search_reads_evidence_and_quotes_not_article_text(store: Store) -> None:
    assert _ids(store, Filters(q="drone")) == ["g1:V1"]  # g2 says "drone" outside evidence
    assert _ids(store, Filters(q="shot down")) == ["g1:V1"]  # from the event's quote
    assert _ids(store, Filters(q="talks")) == ["g1:V2"]
    assert _ids(store, Filters(q="100%")) == []  # LIKE wildcards are plain characters


def test_search_narrows_by_trigram_indexes_that_follow_every_write(store: Store) -> None:
    from sqlalchemy import text

    def indexed(word: str) -> int:
        with store.engine.connect() as conn:
            query = "SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH :w"
            return int(conn.execute(text(query), {"w": f'"{word}"'}).scalar() or 0)

    assert store._narrowest("drone SHOT") in ("drone", "SHOT")  # looked up, not scanned for
    assert store._narrowest("of") is None  # too short for a trigram: every event is tested
    assert _ids(store, Filters(q="DRONES will")) == ["g1:V1"]  # case-insensitive, as before
    assert indexed("lying") == 1
    store.delete("g2")
    assert indexed("lying") == 0 and _ids(store, Filters(q="lying")) == []
    again = grid_corpus()[1]
    again.events[0].evidence = [_span(G2_TEXT, "No drone was seen")]
    store.put(again)
    assert indexed("lying") == 0 and indexed("drone") == 1
    assert _ids(store, Filters(q="drone")) == ["g2:V1", "g1:V1"]


def test_outlet_and_speaker_filters(store: Store) -> None:
    assert _ids(store, Filters(outlet="evening star")) == ["g2:V1"]
    assert _ids(store, Filters(speaker="bordurian ministry")) == ["g1:V1"]


@pytest.mark.parametrize("field", SORT_FIELDS)
def test_every_sortable_field_sorts_both_ways(store: Store, field: str) -> None:
    up, down = _ids(store, Filters(), field), _ids(store, Filters(), "-" + field)
    assert sorted(up) == sorted(down) == ["g1:V1", "g1:V2", "g2:V1"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("confidence", ["g1:V2", "g2:V1", "g1:V1"]),
        ("-confidence", ["g1:V1", "g2:V1", "g1:V2"]),
        ("source", ["g1:V1", "g1:V2", "g2:V1"]),  # Kurt Vlas, then Ruritania (storage order)
        ("type", ["g2:V1", "g1:V2", "g1:V1"]),
        ("reported_by", ["g1:V1", "g1:V2", "g2:V1"]),  # Daily Planet before Evening Star
        ("-according_to", ["g1:V1", "g2:V1", "g1:V2"]),
    ],
)
def test_sorting_orders_the_rows(store: Store, sort: str, expected: list[str]) -> None:
    assert _ids(store, Filters(), sort) == expected


def test_facets_count_the_matching_events(store: Store) -> None:
    facets = store.facets(Filters())
    assert {r["value"]: r["count"] for r in facets["type"]} == {
        "THREATEN": 1, "CONSULT": 1, "ACCUSE": 1,
    }  # fmt: skip
    assert {r["value"]: r["count"] for r in facets["country"]} == {"BOR": 3, "RUR": 3}
    assert {r["value"]: r["count"] for r in facets["outlet"]} == {
        "Daily Planet": 2, "Evening Star": 1,
    }  # fmt: skip
    assert facets["speaker"] == [{"value": "Bordurian ministry", "count": 1}]
    narrowed = store.facets(Filters(outlet="Evening Star"))
    assert narrowed["status"] == [{"value": "occurred", "count": 1}]
    # every facet under every filter: the filters' subqueries share the facets' tables
    every = Filters(outlet="Daily Planet", speaker="Bordurian ministry", actor="Kurt Vlas",
                    country="BOR", q="warned", source_country="BOR")  # fmt: skip
    assert {k: [r["count"] for r in v] for k, v in store.facets(every).items()} == {
        "type": [1], "status": [1], "country": [1, 1], "outlet": [1], "speaker": [1],
    }  # fmt: skip


def test_facets_are_reused_until_the_events_change(store: Store) -> None:
    first = store.facets(Filters())
    assert store.facets(Filters()) is first  # paging or sorting the same view
    store.delete("g2")
    after = store.facets(Filters())
    assert after is not first and {r["value"] for r in after["outlet"]} == {"Daily Planet"}
    again = grid_corpus()[1]
    again.article.outlet = "Morning Post"  # same events, same row keys, another outlet
    store.put(again)
    assert {r["value"] for r in store.facets(Filters())["outlet"]} == {
        "Daily Planet", "Morning Post",
    }  # fmt: skip


# -- links ------------------------------------------------------------------------------------


def test_chips_remove_one_filter_each() -> None:
    pairs = [("type", "ASSAULT"), ("type", "ACCUSE"), ("outlet", "X"), ("offset", "50")]
    chips = filter_chips(pairs)
    assert [c["label"] for c in chips] == ["type: ASSAULT", "type: ACCUSE", "outlet: X"]
    assert chips[0]["remove"] == "?type=ACCUSE&outlet=X"  # and back to the first page


def test_export_links_carry_the_filters() -> None:
    links = export_links(Filters(type=("ASSAULT",), source_country="IRN", both_directions=True))
    assert [x["format"] for x in links] == ["csv", "parquet", "jsonl"]
    assert links[0]["href"] == (
        "/api/events/export?format=csv&type=ASSAULT&source_country=IRN&both=1"
    )


def test_untitled_articles_are_labelled_by_outlet_date_and_words() -> None:
    lead = "Borduria's leader Kurt Vlas warned Ruritania"
    item = {"article_id": "sha256:ab12", "title": None, "outlet": "Daily Planet",
            "published": "2024-05-01", "lead": lead}  # fmt: skip
    assert article_label(item, words=4) == (
        "Daily Planet · 2024-05-01 · “Borduria's leader Kurt Vlas…”"
    )
    assert article_label({**item, "title": "A title"}) == "A title"


# -- the API ----------------------------------------------------------------------------------


def test_api_lists_take_a_large_limit_and_sort(client: TestClient) -> None:
    for path in ("/api/events", "/api/articles", "/api/actors"):
        assert client.get(path + "?limit=1000").status_code == 200
    body = client.get("/api/events?sort=-confidence&q=drone").json()
    assert [e["event_id"] for e in body["items"]] == ["V1"] and body["total"] == 1


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("date_from=2018-13-45", "date_from"),
        ("type=BOGUS", "type"),
        ("sort=nope", "sort"),
        ("source_country=Atlantis", "source_country"),
    ],
)
def test_api_refuses_bad_parameters_with_the_reason(
    client: TestClient, query: str, param: str
) -> None:
    paths = ["/api/events?"] + ([] if param == "sort" else ["/api/events/export?format=csv&"])
    for path in paths:
        response = client.get(path + query)
        assert response.status_code == 422
        (detail,) = response.json()["detail"]
        value = query.split("=")[1]
        assert detail["loc"][:2] == ["query", param] and detail["msg"]  # the reason
        assert value in detail["msg"] or detail["input"] in (value, [value])


def test_api_export_streams_the_view_as_csv(client: TestClient) -> None:
    response = client.get("/api/events/export?format=csv&source_country=BOR&both=1&q=talks")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["Event ID"] for r in rows] == ["g1:V2"]
    assert rows[0]["Event Date"] == "2024-05-01"  # a month-precise date: its article's day


def test_api_export_parquet_has_real_dates(client: TestClient, tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    response = client.get("/api/events/export?format=parquet")
    assert response.status_code == 200
    path = tmp_path / "view.parquet"
    path.write_bytes(response.content)
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert table.schema.field("Event Date").type == pa.date32()
    assert table.schema.field("Publication Date").type == pa.date32()
    assert sorted(table.column("Event Date").to_pylist()) == [
        dt.date(2024, 4, 30), dt.date(2024, 5, 1), dt.date(2024, 5, 3),
    ]  # fmt: skip


def test_api_export_jsonl_and_bad_format(client: TestClient) -> None:
    response = client.get("/api/events/export?format=jsonl&outlet=Evening%20Star")
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [r["article"]["id"] for r in records] == ["g2"]
    bad = client.get("/api/events/export?format=xlsx")
    assert bad.status_code == 422 and bad.json()["detail"][0]["input"] == "xlsx"


def test_api_unknown_path_stays_json(client: TestClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


# -- the UI -----------------------------------------------------------------------------------


def test_grid_page_shows_columns_chips_facets_and_exports(client: TestClient) -> None:
    html = client.get("/events?source_country=BOR&target_country=RUR&sort=-confidence").text
    for column in ("according_to", "reported_by", "confidence", "evidence", "date", "source"):
        assert f'data-sort="{column}"' in html
    assert 'href="?source_country=BOR&amp;target_country=RUR&amp;sort=confidence"' in html
    assert "source country: BOR" in html and "target country: RUR" in html
    assert 'href="?target_country=RUR&amp;sort=-confidence"' in html  # the chip's ×
    assert "/api/events/export?format=parquet&amp;source_country=BOR&amp;target_country=RUR" in html
    assert 'data-facet="speaker"' in html and "Bordurian ministry" in html
    # evidence spans apart, the outlet chain, the untitled article's label, the deep link
    assert "<li>warned Ruritania</li><li>on Tuesday</li>" in html
    assert "Syldavian Press → Daily Planet" in html
    assert "Daily Planet · 2024-05-01 · “Borduria&#39;s leader Kurt Vlas warned" in html
    assert 'href="/articles/g1#event-V1"' in html
    assert "g1</a>" not in html  # no bare id for the untitled article


def test_filter_form_keeps_every_type_of_the_view(client: TestClient) -> None:
    html = client.get("/events?type=THREATEN&type=accuse").text
    assert "<option selected>THREATEN</option>" in html  # the select shows the first
    assert '<input type="hidden" name="type" value="accuse">' in html  # the rest travel


@pytest.mark.parametrize("query", ["date_from=2018-13-45", "type=BOGUS", "sort=nope"])
def test_grid_shows_bad_parameters(client: TestClient, query: str) -> None:
    response = client.get("/events?" + query)
    assert response.status_code == 422
    assert 'class="error-message"' in response.text and query.split("=")[1] in response.text
    assert '<form class="filters"' in response.text  # the form stays to fix it


def test_other_pages_show_bad_parameters_as_a_page(client: TestClient) -> None:
    response = client.get("/actors?date_to=2018-13-45")
    assert response.status_code == 422 and "text/html" in response.headers["content-type"]
    assert "2018-13-45" in response.text and "Invalid request" in response.text


def test_unknown_ui_path_is_an_html_404(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "There is no page at /no/such/page" in response.text and "<nav>" in response.text


def test_reader_marks_events_for_deep_links(client: TestClient) -> None:
    html = client.get("/articles/g1").text
    assert 'id="event-V1"' in html and 'id="event-V2"' in html
    assert "<h1>“Borduria&#39;s leader Kurt Vlas warned" in html  # untitled: its first words


def test_actor_page_pages_through_all_events(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'many.db'}")
    (g2,) = grid_corpus()[1:]
    for n in range(55):
        g2.article.id, g2.article.published = f"m{n}", f"2024-01-{n % 28 + 1:02d}"
        store.put(Document(article=g2.article, text=f"{G2_TEXT} ({n})", actors=g2.actors,
                           events=g2.events))  # fmt: skip
    client = TestClient(create_app(store))
    first = client.get("/actors/Ruritania").text
    assert "Events (55)" in first and "1–50 of 55" in first and "offset=50" in first
    rest = client.get("/actors/Ruritania?offset=50").text
    assert "51–55 of 55" in rest and rest.count('<span class="type t-ACCUSE">') == 5


def test_a_reversed_date_range_is_refused_in_the_ui_and_empty_in_the_api() -> None:
    pairs = [("date_from", "2024-03-08"), ("date_to", "2024-01-01")]
    with pytest.raises(QueryError, match="is after"):
        parse_filters(pairs)
    # the API's OpenAPI document allows any two dates: the range is just empty there
    filters = parse_filters(pairs, blank_dates=False, date_order=False)
    assert (filters.date_from, filters.date_to) == ("2024-03-08", "2024-01-01")


def test_every_filter_has_a_chip_and_a_place_view_renders(client: TestClient) -> None:
    # the map's place links open /events?place=...: its chip must not break the page
    assert set(FILTER_PARAMS) <= set(CHIP_LABELS)
    page = client.get("/events?place=Szohod")
    assert page.status_code == 200 and 'data-filter="place"' in page.text


def test_map_and_trends_export_their_view(client: TestClient) -> None:
    html = client.get("/map?type=ACCUSE&date_from=2024-05-01").text
    assert 'class="export" data-format="csv"' in html
    assert "/api/events/export?format=jsonl&amp;date_from=2024-05-01&amp;type=ACCUSE" in html
    html = client.get("/trends?actor=Ruritania&type=ACCUSE&date_from=2024-05-01"
                      "&date_to=2024-05-31").text  # fmt: skip
    links = re.findall(r'<a class="export" data-format="(\w+)" href="([^"]+)"', html)
    assert [fmt for fmt, _ in links] == ["csv", "parquet", "jsonl"]
    href = links[0][1].replace("&amp;", "&")
    assert parse_qs(urlsplit(href).query) == {
        "format": ["csv"], "date_from": ["2024-05-01"], "date_to": ["2024-05-31"],
        "actor": ["Ruritania"], "type": ["ACCUSE"],
    }  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(client.get(href).text)))
    assert [r["Event ID"] for r in rows] == ["g2:V1"]  # the view's one event


def test_actors_list_and_actor_page_export_their_view(client: TestClient) -> None:
    html = client.get("/actors?country=RUR&date_from=2024-05-02").text
    assert "/api/events/export?format=csv&amp;date_from=2024-05-02&amp;country=RUR" in html
    html = client.get("/actors/Kurt%20Vlas").text
    href = re.findall(r'<a class="export" data-format="csv" href="([^"]+)"', html)[0]
    rows = list(csv.DictReader(io.StringIO(client.get(href.replace("&amp;", "&")).text)))
    assert sorted(r["Event ID"] for r in rows) == ["g1:V1", "g1:V2", "g2:V1"]  # all his events
