"""Bulk reads (`eventwire.store.bulk`): the same records and event dicts as the one-by-one
reads, and the monitor's story cache that trusts them only while the store is unchanged."""

from __future__ import annotations

from pathlib import Path

from eventwire.monitor import load_stories
from eventwire.store import Filters, Store
from eventwire.store.bulk import LIGHT_KEYS, data_version, load_documents, window_events

from .test_store import build_doc, corpus


def _store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'bulk.db'}")
    for doc in corpus():
        store.put(doc)
    return store


def test_bulk_records_equal_the_stored_ones(tmp_path: Path) -> None:
    store = _store(tmp_path)
    docs = list(load_documents(store, ["a3", "a1", "a2", "missing"]))
    assert [d.article.id for d in docs] == ["a1", "a2", "a3"]
    for doc in docs:
        assert doc.to_dict() == store.document(doc.article.id).to_dict()


def test_window_events_equal_iter_events(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for filters in (Filters(), Filters(date_from="2024-03-01"), Filters(type=("AGREE",))):
        found = [e for _, events in window_events(store, filters) for e in events]
        expected = sorted(store.iter_events(filters), key=lambda e: e["article_id"])
        assert found == expected
    # light: what linking reads and monitoring counts, the same values
    doc, light = next(iter(window_events(store, Filters(article="a1"), light=True)))
    assert [a.name for a in doc.actors] == ["Ruritania", "Borduria", "Kurt Vlas"]
    assert doc.events[0].evidence and doc.places[0].lat == 46.1
    full = [e for e in store.iter_events(Filters(article="a1"))]
    assert [tuple(e) for e in light] == [LIGHT_KEYS] * 2
    for short, long in zip(light, full, strict=True):
        assert short["source"] == [{"name": a["name"], "country": a["country"]}
                                   for a in long["source"]]  # fmt: skip
        same = set(LIGHT_KEYS) - {"source", "target", "location"}
        assert {k: short[k] for k in same} == {k: long[k] for k in same}


def test_story_cache_follows_the_store(tmp_path: Path) -> None:
    store = _store(tmp_path)
    before = data_version(store)
    first = load_stories(store, date_from="2024-01-01", date_to="2024-12-31")
    assert load_stories(store, date_from="2024-01-01", date_to="2024-12-31") == first
    store.put(
        build_doc(
            "a4", "2024-05-01", "Borduria shelled Ruritania.",
            actors=[("Borduria", "Borduria"), ("Ruritania", "Ruritania")],
            events=[{"type": "ASSAULT", "source": ["Borduria"], "target": ["Ruritania"],
                     "evidence": "Borduria shelled Ruritania", "intensity": -9.0, "quad": 4}],
        )
    )  # fmt: skip
    assert data_version(store) != before
    after = load_stories(store, date_from="2024-01-01", date_to="2024-12-31")
    assert len(after) == len(first) + 1
    store.delete("a4")
    assert len(load_stories(store, date_from="2024-01-01", date_to="2024-12-31")) == len(first)
