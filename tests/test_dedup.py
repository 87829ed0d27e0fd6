"""Cross-article deduplication on hand-built records."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventwire.dedup import DedupConfig, EventRef, compatible, event_refs, link_events
from eventwire.lexicon import use_lexicon
from eventwire.record import Actor, Article, Document, Event, Evidence, Place
from eventwire.synthetic import generate_corpus

CITIES = {"Isfahan": (32.65, 51.67), "Tabriz": (38.08, 46.29), "Najafabad": (32.63, 51.36)}


def report(
    article_id: str,
    text: str,
    published: str,
    date: str,
    *,
    city: str | None = "Isfahan",
    source: str = "ISR",
    target: str = "IRN",
    status: str = "occurred",
    event_type: str = "ASSAULT",
    outlet: str = "Wire",
) -> Document:
    actors = [
        Actor(id="A1", name={"ISR": "Israel", "IRN": "Iran"}[source], country=source),
        Actor(id="A2", name={"ISR": "Israel", "IRN": "Iran"}[target], country=target),
    ]
    places = []
    if city:
        start = text.index(city)
        lat, lon = CITIES[city]
        places.append(
            Place(id="P1", text=city, start=start, end=start + len(city), name=city,
                  country="IRN", lat=lat, lon=lon, feature="city")
        )  # fmt: skip
    event = Event(
        id="V1", type=event_type, source=["A1"], target=["A2"], status=status,  # type: ignore[arg-type]
        date=date, date_precision="day", location="P1" if city else None,
        evidence=[Evidence(0, len(text), text)],
    )  # fmt: skip
    return Document(
        article=Article(id=article_id, published=published, outlet=outlet),
        text=text, actors=actors, places=places, events=[event],
    )  # fmt: skip


def stories_of(docs: list[Document], **kw: object) -> list[list[str]]:
    refs = [r for d in docs for r in event_refs(d)]
    found = link_events(refs, config=DedupConfig(**kw))  # type: ignore[arg-type]
    return sorted(sorted(s.articles) for s in found)


def test_reports_of_one_strike_become_one_story() -> None:
    docs = [
        report(
            "a", "Israel struck military sites near Isfahan in Iran.", "2024-10-26", "2024-10-26"
        ),
        report(
            "b", "Israeli jets hit targets around Isfahan, Iran said.", "2024-10-27", "2024-10-26"
        ),
        report(
            "c",
            "Explosions near Najafabad close to Isfahan after Israel struck Iran.",
            "2024-10-27",
            "2024-10-25",
            city="Najafabad",
        ),
        report(
            "d",
            "Israel struck military sites near Tabriz in Iran.",
            "2024-11-01",
            "2024-11-01",
            city="Tabriz",
        ),
        report(
            "e",
            "Iran struck Israel, hitting sites near Isfahan.",
            "2024-10-26",
            "2024-10-26",
            source="IRN",
            target="ISR",
        ),
    ]
    assert stories_of(docs) == [["a", "b", "c"], ["d"], ["e"]]
    refs = [r for d in docs for r in event_refs(d)]
    story = next(s for s in link_events(refs) if len(s.events) == 3)
    assert story.dyad == (("ISR",), ("IRN",)) and story.type == "ASSAULT"
    assert story.outlets == ["Wire"]


def test_far_apart_places_do_not_link() -> None:
    docs = [
        report("a", "Israel struck sites near Isfahan in Iran.", "2024-10-26", "2024-10-26"),
        report(
            "b",
            "Israel struck sites near Tabriz in Iran.",
            "2024-10-26",
            "2024-10-26",
            city="Tabriz",
        ),
    ]
    assert stories_of(docs) == [["a"], ["b"]]


def test_a_chain_of_daily_reports_does_not_stretch_one_story() -> None:
    docs = [
        report(
            f"d{i}",
            "Israel struck sites near Isfahan in Iran.",
            f"2024-10-{10 + i}",
            f"2024-10-{10 + i}",
        )
        for i in range(6)
    ]
    found = stories_of(docs)
    assert len(found) >= 2
    assert all(len(s) <= 3 for s in found)


def test_status_classes_do_not_mix() -> None:
    docs = [
        report("a", "Israel struck sites near Isfahan in Iran.", "2024-10-26", "2024-10-26"),
        report(
            "b",
            "Israel denied striking sites near Isfahan in Iran.",
            "2024-10-26",
            "2024-10-26",
            status="negated",
        ),
        report(
            "c",
            "Israel will strike sites near Isfahan in Iran.",
            "2024-10-26",
            "2024-10-26",
            status="future",
        ),
    ]
    assert stories_of(docs) == [["a"], ["b"], ["c"]]


def test_dissimilar_evidence_does_not_link() -> None:
    docs = [
        report("a", "Israel struck sites near Isfahan in Iran.", "2024-10-26", "2024-10-26"),
        report(
            "b",
            "Footage of a cyber incident surfaced online.",
            "2024-10-26",
            "2024-10-26",
            city=None,
        ),
    ]
    assert stories_of(docs, min_similarity=0.3) == [["a"], ["b"]]


def test_synthetic_corpus_is_reproducible_and_has_lookalikes() -> None:
    truths, articles = generate_corpus(events=30, seed=3)
    again = generate_corpus(events=30, seed=3)
    assert (truths, articles) == again
    assert len({a.truth for a in articles}) == 30
    assert all(2 <= sum(a.truth == t.id for a in articles) <= 5 for t in truths)
    dyads = [(t.type, t.source, t.target) for t in truths]
    assert len(set(dyads)) < len(dyads)  # look-alikes: same type and dyad, another day


def test_evidence_words_leave_out_the_lexicons_stop_words(tmp_path: Path) -> None:
    doc = report("a", "Israel struck the sites near Isfahan.", "2024-10-26", "2024-10-26")
    assert "the" not in event_refs(doc)[0].words and "struck" in event_refs(doc)[0].words
    (tmp_path / "mine.tsv").write_text("[evidence_stop_word] my stop words\nstruck\n")
    use_lexicon(tmp_path)
    try:
        words = event_refs(doc)[0].words
    finally:
        use_lexicon(None)
    assert "the" in words and "struck" not in words


def _linked_before(refs: list[EventRef], config: DedupConfig) -> list[list[tuple[str, str]]]:
    """Linking as it was written before issue #18's rewrite (every member list kept, the
    stories sorted by their first event): the reference the rewrite must equal."""
    parent = list(range(len(refs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[Any, list[int]] = defaultdict(list)
    for i, ref in enumerate(refs):
        blocks[(ref.type, ref.source_countries, ref.target_countries)].append(i)
    members_of = {i: [i] for i in range(len(refs))}
    for members in blocks.values():
        members.sort(key=lambda i: refs[i].first_day or dt.date.min)
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                first_b, last_a = refs[b].first_day, refs[a].last_day
                if first_b and last_a and (first_b - last_a).days > config.max_days:
                    break
                ra, rb = find(a), find(b)
                if ra == rb or not compatible(refs[a], refs[b], config=config):
                    continue
                merged = members_of[ra] + members_of[rb]
                starts = [d for i in merged if (d := refs[i].first_day)]
                ends = [d for i in merged if (d := refs[i].last_day)]
                if starts and ends and (max(starts) - min(ends)).days > config.max_days:
                    continue
                if any(refs[i].article_id == refs[j].article_id
                       for i in members_of[ra] for j in members_of[rb]):  # fmt: skip
                    continue
                parent[ra] = rb
                members_of[rb] = merged
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(refs)):
        groups[find(i)].append(i)
    return [[(refs[i].article_id, refs[i].event_id) for i in m]
            for m in sorted(groups.values(), key=min)]  # fmt: skip


def test_linking_equals_the_method_as_written_before() -> None:
    # crowded blocks: few types and countries, days a few apart, shared words, articles with
    # several events; the stories (members, numbering order) must be the same
    rng = random.Random(5)
    merged = 0
    for _ in range(30):
        refs = []
        for n in range(rng.randint(20, 120)):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 12))
            wide = rng.random() < 0.2
            refs.append(EventRef(
                article_id=f"a{rng.randint(0, 25)}", event_id=f"V{n}", outlet=None,
                type=rng.choice(("ASSAULT", "AGREE")), source_countries=("ISR",),
                target_countries=(rng.choice(("IRN", "LBN")),),
                status=rng.choice(("occurred", "occurred", "future")),
                first_day=day - dt.timedelta(days=3 if wide else 0), last_day=day,
                country=None, lat=None, lon=None,
                words=frozenset(rng.sample(("strike", "drone", "base", "talks", "deal"), 2)),
            ))  # fmt: skip
        config = DedupConfig()
        got = [s.events for s in link_events(refs, config=config)]
        assert got == _linked_before(refs, config)
        merged += sum(len(s) > 1 for s in got)
        assert [s.id for s in link_events(refs)] == [f"S{n}" for n in range(1, len(got) + 1)]
    assert merged > 100  # (stories of several reports were made)
