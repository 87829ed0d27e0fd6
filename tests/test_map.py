"""The map (issue #18): one row per place, the place filter, the page's data, and the
bundled offline basemap (Natural Earth, public domain) and map library with their licences."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.store import Filters, Store
from eventwire.web import STATIC_DIR

from .test_store import build_doc, corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('map') / 'm.db'}")
    again = build_doc(
        "a5", "2024-04-18", "Ruritania shelled Szohod in Borduria again.",
        actors=[("Ruritania", "Ruritania"), ("Borduria", "Borduria")],
        places=[("Szohod", "BOR", 46.3, 19.5)],  # the same town, geocoded elsewhere
        events=[{"type": "ASSAULT", "source": ["Ruritania"], "target": ["Borduria"],
                 "evidence": "Ruritania shelled Szohod", "intensity": -9.0, "quad": 4,
                 "location": "P1"}],
    )  # fmt: skip
    for doc in [*corpus(), again]:
        s.put(doc)
    return s


def test_one_place_is_listed_once(store: Store) -> None:
    places = store.places()
    assert [(p["name"], p["events"]) for p in places] == [("Szohod", 2), ("Vienna", 1)]
    # the coordinates of the first (most events, then earliest) geocoding
    assert (places[0]["lat"], places[0]["lon"]) == (46.1, 19.2)


def test_place_filter(store: Store) -> None:
    assert {e["article_id"] for e in store.events(Filters(place="szohod")).items} == {"a1", "a5"}
    client = TestClient(create_app(store))
    answer = client.get("/api/events?place=Vienna").json()
    assert [e["article_id"] for e in answer["items"]] == ["a2"]
    assert [p["name"] for p in client.get("/api/places?place=Vienna").json()] == ["Vienna"]
    assert store.dyads(Filters(place="Vienna"))[0]["source"] == "Borduria"


def test_map_page_carries_its_places_and_no_foreign_asset(store: Store) -> None:
    page = TestClient(create_app(store)).get("/map?type=ASSAULT").text
    data = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S)
    assert data is not None
    assert [p["name"] for p in json.loads(data.group(1))] == ["Szohod"]
    assert 'data-query="type=ASSAULT"' in page and 'name="place"' in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]


def test_basemap_is_bundled_continuous_and_licensed() -> None:
    vendor = STATIC_DIR / "vendor"
    shapes = json.loads((vendor / "basemap" / "countries-110m.geojson").read_text())
    names = {f["properties"]["name"] for f in shapes["features"]}
    assert len(names) > 150 and {"Russia", "Fiji", "Brazil"} <= names
    for feature in shapes["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                jumps = [abs(a[0] - b[0]) for a, b in itertools.pairwise(ring)]
                assert max(jumps, default=0) < 180, feature["properties"]["name"]
    assert "public domain" in (vendor / "basemap" / "NOTICE.txt").read_text()
    for licence in (vendor / "leaflet" / "LICENSE", vendor / "markercluster" / "MIT-LICENCE.txt"):
        assert licence.stat().st_size > 500
    assert Path(vendor / "leaflet" / "leaflet.js").stat().st_size > 100_000
