"""A synthetic multi-report news corpus with known truth, for measuring deduplication.

Real-world events (type, source, target, place, day) are drawn at random; each is reported by
several outlets on the day or up to two days later, in differently worded articles that date
the event relatively ("on Tuesday", "yesterday", "on October 26"). Look-alike events (the same
dyad and type, another day and place) are added on purpose, because they are what a
deduplicator must keep apart. Everything is generated from a seed: the same seed gives the
same corpus.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

__all__ = ["SyntheticArticle", "TrueEvent", "generate_corpus"]

# (name in text, ISO3) of actors the knowledge base knows, and cities of their territory
_SIDES: list[tuple[str, str, list[str]]] = [
    ("Israel", "ISR", ["Haifa", "Tel Aviv", "Ashkelon", "Nahariya"]),
    ("Iran", "IRN", ["Isfahan", "Tabriz", "Shiraz", "Kermanshah"]),
    ("Russia", "RUS", ["Belgorod", "Kursk", "Bryansk", "Rostov-on-Don"]),
    ("Ukraine", "UKR", ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia"]),
    ("Lebanon", "LBN", ["Tyre", "Sidon", "Baalbek", "Nabatieh"]),
    ("Syria", "SYR", ["Aleppo", "Homs", "Latakia", "Deir ez-Zor"]),
    ("Sudan", "SDN", ["Omdurman", "El Fasher", "Port Sudan", "Kassala"]),
    ("Pakistan", "PAK", ["Peshawar", "Quetta", "Lahore", "Karachi"]),
    ("India", "IND", ["Srinagar", "Jammu", "Amritsar", "Pathankot"]),
    ("Yemen", "YEM", ["Hodeidah", "Taiz", "Marib", "Aden"]),
]
_OUTLETS = ["Reuters", "Associated Press", "AFP", "Al Jazeera", "BBC News", "Anadolu Agency"]
_MONTHS = "January February March April May June July August September October November December"

# type -> templates; {S} source, {T} target, {C} city, {W} when
_TEMPLATES: dict[str, list[str]] = {
    "ASSAULT": [
        "{S} launched airstrikes on {T} {W}, hitting targets near {C}, officials said.",
        "{S} struck military sites in {C} in {T} {W}, according to local officials.",
        "Missiles fired by {S} hit {C} in {T} {W}, killing at least {N} people.",
        "{S} carried out a drone attack on {T} {W}; explosions were heard in {C}.",
    ],
    "THREATEN": [
        "{S} warned {T} {W} that it would respond with force to any attack near {C}.",
        "{S} threatened {T} with military action {W} over the dispute around {C}.",
        "In a statement {W}, {S} warned {T} of severe consequences after the clashes near {C}.",
    ],
    "ACCUSE": [
        "{S} accused {T} {W} of shelling civilian areas near {C}.",
        "{S} condemned {T} {W} over the deaths of civilians in {C}.",
        "{S} blamed {T} {W} for the explosion that hit {C}.",
    ],
    "SANCTION": [
        "{S} imposed new sanctions on {T} {W}, targeting officials linked to the fighting in {C}.",
        "{S} expelled diplomats of {T} {W} after the incident in {C}.",
    ],
    "CONSULT": [
        "Envoys of {S} met officials of {T} {W} in {C} to discuss the crisis.",
        "{S} held talks with {T} {W} in {C}, both sides said.",
    ],
}
_FILLER = [
    "The region has seen months of rising tension.",
    "Analysts said the situation remained fragile.",
    "Markets in the region were little changed on the day.",
    "The United Nations has repeatedly urged restraint.",
    "Residents described a night of fear and uncertainty.",
    "It was not immediately possible to verify the reports independently.",
]


@dataclass(frozen=True)
class TrueEvent:
    """One real-world event of the synthetic world."""

    id: str
    type: str
    source: str  # ISO3
    target: str  # ISO3
    city: str
    day: dt.date


@dataclass(frozen=True)
class SyntheticArticle:
    """One report of one true event."""

    id: str
    published: str
    outlet: str
    text: str
    truth: str  # TrueEvent.id


def generate_corpus(
    *, events: int = 40, reports: tuple[int, int] = (2, 5), lookalikes: float = 0.3, seed: int = 7
) -> tuple[list[TrueEvent], list[SyntheticArticle]]:
    """`events` true events (a share of them look-alikes of another), each reported by
    between reports[0] and reports[1] articles."""
    rng = random.Random(seed)
    start = dt.date(2024, 10, 1)
    truths: list[TrueEvent] = []
    while len(truths) < events:
        if truths and rng.random() < lookalikes:
            base = rng.choice(truths)  # same dyad and type, another day and place
            side = next(s for s in _SIDES if s[1] == base.target)
            others = [c for c in side[2] if c != base.city]
            day = base.day + dt.timedelta(days=rng.choice([-9, -6, -4, 4, 6, 9]))
            event = TrueEvent(
                f"E{len(truths) + 1}", base.type, base.source, base.target, rng.choice(others), day
            )
        else:
            src, tgt = rng.sample(_SIDES, 2)
            event = TrueEvent(
                f"E{len(truths) + 1}",
                rng.choice(sorted(_TEMPLATES)),
                src[1],
                tgt[1],
                rng.choice(tgt[2]),
                start + dt.timedelta(days=rng.randrange(60)),
            )
        truths.append(event)
    names = {iso: name for name, iso, _ in _SIDES}
    articles: list[SyntheticArticle] = []
    for event in truths:
        outlets = rng.sample(_OUTLETS, rng.randint(*reports))
        for outlet in outlets:
            published = event.day + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2]))
            when = _when(event.day, published, rng)
            sentence = rng.choice(_TEMPLATES[event.type]).format(
                S=names[event.source], T=names[event.target], C=event.city, W=when,
                N=rng.randint(2, 30),
            )  # fmt: skip
            filler = rng.sample(_FILLER, 2)
            text = f"{sentence} {filler[0]} {filler[1]}"
            articles.append(
                SyntheticArticle(
                    id=f"{event.id}-{outlet.split()[0].lower()}",
                    published=published.isoformat(),
                    outlet=outlet,
                    text=text,
                    truth=event.id,
                )
            )
    rng.shuffle(articles)
    return truths, articles


def _when(day: dt.date, published: dt.date, rng: random.Random) -> str:
    """How an article dated `published` refers to `day`."""
    months = _MONTHS.split()
    options = [f"on {months[day.month - 1]} {day.day}"]
    gap = (published - day).days
    if gap == 0:
        options += ["on " + day.strftime("%A"), "today"]
    elif gap == 1:
        options += ["yesterday", "on " + day.strftime("%A")]
    else:
        options += ["on " + day.strftime("%A")]
    return rng.choice(options)
