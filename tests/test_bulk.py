"""Bulk reads (`eventwire.store.bulk`): the same records and event dicts as the one-by-one
reads, and the monitor's story cache that trusts them only while the store is unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventwire.monitor import load_stories
from eventwire.record import Actor, Article, Document, Event, Evidence, Place
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


# -- linking reads rows, not records (issue #18) ------------------------------------------------


def _varied_docs() -> list[Document]:
    """Articles with what linking looks at, each in a form the bulk reads must carry over:
    towns in and out of the evidence's sentence, a country place, week, month, frame and
    future dates, two evidence spans, an actor without a country, an id no actor has, an
    event without a target, a repeated actor id and a repeated place id."""
    text1 = (
        "Ruritanian guns shelled Szohod at dawn. Officials in Vienna said Borduria's "
        "militia fired back.\nThe Stateless Front would retaliate next month, its leader said."
    )
    doc1 = Document(
        article=Article(id="v1", published="2024-03-04", outlet="Wire A", title="Guns"),
        text=text1,
    )
    doc1.actors = [
        Actor(id="A1", name="Ruritania", country="RUR"),
        Actor(id="A2", name="Borduria", country="BOR"),
        Actor(id="A3", name="Stateless Front"),  # no country: linked by its name
        Actor(id="A2", name="Borduria Twin", country="TWN"),  # a repeated id
    ]

    def at(text: str, words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    def place(pid: str, text: str, words: str, **kw: Any) -> Place:
        s, e = at(text, words)
        return Place(id=pid, text=words, start=s, end=e, name=words, **kw)

    doc1.places = [
        place("P1", text1, "Szohod", country="BOR", lat=46.1, lon=19.2, feature="city"),
        place("P2", text1, "Vienna", country="AUT", lat=48.2, lon=16.4, feature="city"),
        place("P3", text1, "Borduria", country="BOR", lat=45.0, lon=20.0, feature="country"),
        place("P1", text1, "Vienna", country="AUT", lat=48.2, lon=16.4, feature="city"),
    ]

    def ev(eid: str, text: str, *spans: str, **kw: Any) -> Event:
        found = [Evidence(*at(text, s), s) for s in spans]
        return Event(id=eid, evidence=found, intensity=kw.pop("intensity", -5.0),
                     quad=kw.pop("quad", 4), confidence=0.8, **kw)  # fmt: skip

    doc1.events = [
        ev("V1", text1, "Ruritanian guns shelled Szohod", type="ASSAULT", source=["A1"],
           target=["A2"], status="occurred", date="2024-03-04", location="P1"),
        ev("V2", text1, "Borduria's militia fired back", "Officials in Vienna said",
           type="ASSAULT", source=["A2", "A9"], target=["A1"], status="occurred",
           date="2024-W10", location="P2"),
        ev("V3", text1, "The Stateless Front would retaliate", type="THREATEN",
           source=["A3"], target=[], status="future", date="FUTURE_REF", intensity=-4.0,
           quad=3),
        ev("V4", text1, "shelled Szohod", type="ASSAULT", source=["A1"], target=["A2"],
           status="occurred", date="2024-03-04", date_precision="frame", location="P3"),
        ev("V5", text1, "fired back", type="ASSAULT", source=["A2"], target=["A1"],
           status="negated", date="2024-03", location=""),
    ]  # fmt: skip
    text2 = "Ruritanian guns shelled Szohod again, Borduria said."
    doc2 = Document(article=Article(id="v2", published="2024-03-05", outlet="Wire B"), text=text2)
    doc2.actors = [Actor(id="A1", name="Ruritania", country="RUR"),
                   Actor(id="A2", name="Borduria", country="BOR")]  # fmt: skip
    doc2.places = [place("P1", text2, "Szohod", country="BOR", lat=46.1, lon=19.2,
                         feature="city")]  # fmt: skip
    doc2.events = [
        ev("V1", text2, "Ruritanian guns shelled Szohod again", type="ASSAULT",
           source=["A1"], target=["A2"], status="occurred", date="2024-03-05",
           location="P1"),
    ]  # fmt: skip
    return [doc1, doc2]


def test_linking_reads_give_the_records_views(tmp_path: Path) -> None:
    # the light dicts and linking views read from rows equal those made from the stored
    # records (window_events' light read, event_refs of Store.document), and the stories
    # those of linking the records' views
    from eventwire.dedup import DedupConfig, event_refs, link_events
    from eventwire.monitor import stories
    from eventwire.store.bulk import light_articles, window_articles

    store = Store(f"sqlite:///{tmp_path / 'link.db'}")
    docs = _varied_docs() + corpus()
    for doc in docs:
        store.put(doc)
    found = window_articles(store, Filters())
    read = list(light_articles(store, list(found)))
    assert len(read) == len(docs)
    light = {e["article_id"]: list(events.values()) for _, _, events in read
             for e in events.values()}  # fmt: skip
    for doc, dicts in window_events(store, Filters(), light=True):
        assert light[doc.article.id] == dicts
    for config in (DedupConfig(), DedupConfig(frame_days=5, max_km=500.0)):
        for _, article, events in read:
            views = stories._link_views(article, events, config=config)
            expected = {
                r.event_id: r for r in event_refs(store.document(article.id), config=config)
            }
            assert views == expected
    # the spots of the town in V1's sentence, not Vienna's (another sentence); two spans
    views = stories._link_views(read[0][1], read[0][2], config=DedupConfig())
    assert views["V1"].spots == ((46.1, 19.2),) and len(views["V2"].spots) == 1
    assert views["V3"].source_countries == ("?stateless front",)
    # the stories: linking the records' views, each story once with its reports
    refs = [r for doc in docs for r in event_refs(store.document(doc.article.id))]
    expected_stories = sorted(sorted(s.events) for s in link_events(refs))
    loaded = stories.load_stories(store)
    got = sorted(sorted((r["article_id"], r["event_id"]) for r in s.reports) for s in loaded)
    dated = {(e["article_id"], e["event_id"]) for e in store.iter_events(Filters()) if e["day"]}
    assert got == [s for s in expected_stories if set(s) <= dated]
    assert [("v1", "V1"), ("v2", "V1")] in got  # two outlets, one shelling
