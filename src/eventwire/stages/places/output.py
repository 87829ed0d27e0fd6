"""From resolved mentions to `Place` records: every repeat of a resolved name, the records in
text order, and "northern X" as a region of X."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ...lexicon import lexicon_cache, words
from ...record import Document, Place
from ...resources.gazetteer import _NEARBY_KM, GazEntry, Gazetteer, _km, normalize_name
from .mention import _DESCRIBED, _DISEASE, _HONORIFIC, _Mention, _outlets
from .resolve import _LIST_JOIN

#: Words that mark the name beside them as a place ("the town of X", "X district", "X area").
_MARKER_NOUNS = words("place_marker_noun", "settlement_noun")

__all__ = ["_add_repeats", "_described", "_to_places"]


#: A capitalised word and a hyphen before a name: "Middlesex-London EMS", a body named after
#: two places, holds both.
_NAME_BEFORE_HYPHEN = re.compile(r"(?<![\w.-])[A-Z][a-z]+-$")


def _add_repeats(
    doc: Document, mentions: list[_Mention], resolved: dict[str, GazEntry | None], people: set[str]
) -> list[_Mention]:
    """Tag every other occurrence of a resolved name that is not inside a longer name."""
    taken = [(m.start, m.end) for m in mentions]
    # A place inside an organisation's name is still that place ("Kentucky State Police");
    # inside a person's name it is not ("George Washington").
    blocked = [(e.start, e.end) for e in doc.entities if e.label in ("PERSON", "NORP")]
    blocked += _outlets(doc.text, doc.entities)  # "the Los Angeles Times" names a paper
    # Names the KB links to a state were tagged mention by mention already (by its ruler).
    seen_text = {
        m.text
        for m in mentions
        if resolved.get(m.key) is not None and not (m.iso3 or m.within) and m.key not in people
    }
    out = list(mentions)
    for text in seen_text:
        for hit in re.finditer(rf"(?<![\w.]){re.escape(text)}(?![\w-])", doc.text):
            s, e = hit.span()
            if any(s < b and a < e for a, b in taken):
                continue
            if doc.text[s - 1 : s] == "-" and not _NAME_BEFORE_HYPHEN.search(doc.text[:s]):
                continue  # "pro-London" is no place; "Middlesex-London EMS" names two
            if any(a <= s and e <= b and (a, b) != (s, e) for a, b in blocked):
                continue
            titled = _HONORIFIC.search(doc.text[max(0, s - 6) : s])
            if titled or _DISEASE.match(doc.text[e : e + 32]):
                continue
            out.append(_Mention(s, e, normalize_name(text), text))
            taken.append((s, e))
    return sorted(out, key=lambda m: m.start)


#: Where a name the gazetteer lacks is placed inside or beside the next one: "Foua, Idlib",
#: "the villages of Foua in Idlib", "the Gondra district of Uttar Pradesh", "the X Valley
#: area near Y".
@lexicon_cache
def _inside_next() -> re.Pattern[str]:
    kinds = "|".join(map(re.escape, _MARKER_NOUNS))
    return re.compile(
        rf"(?:\s+(?:{kinds}))?(?:\s*,\s*|\s+(?:in|near)\s+(?:the\s+)?)|\s+(?:{kinds})\s+of\s+(?:the\s+)?",
        re.IGNORECASE,
    )


#: What may hold a name the gazetteer lacks: a town, a first-level region or a country.
_HOLDERS = frozenset({"city", "admin1", "country"})

#: A possessor before a name is the place that holds it: "Cairo's Abbassiya district".
_INSIDE_PREVIOUS = re.compile(r"['’]s\s+")


def _containers(
    text: str, ordered: list[_Mention], entry_of: Callable[[_Mention], GazEntry | None]
) -> dict[str, GazEntry]:
    """name -> the town or first-level region that holds it, for names the gazetteer lacks
    that the text places inside a resolved one ("the villages of Foua and Kfraya in Idlib",
    "Cairo's Abbassiya neighbourhood", "Greenlane, Auckland")."""
    out: dict[str, GazEntry] = {}
    inside_next = _inside_next()
    for i, m in enumerate(ordered):
        if m.iso3 or entry_of(m) is not None or m.key in out:
            continue
        holders = []
        # the unknown names of a list ("Foua and Kfraya in Idlib") share the holder of its last
        j = i + 1
        while (
            j < len(ordered)
            and entry_of(ordered[j]) is None
            and _LIST_JOIN.fullmatch(text, ordered[j - 1].end, ordered[j].start)
        ):
            j += 1
        if j < len(ordered):
            hit = inside_next.match(text, ordered[j - 1].end)
            if hit and hit.end() == ordered[j].start:
                holders.append(ordered[j])
        if i > 0 and _INSIDE_PREVIOUS.fullmatch(text[ordered[i - 1].end : m.start]):
            holders.append(ordered[i - 1])
        for holder in holders:
            entry = entry_of(holder)
            if entry is None or entry.feature not in _HOLDERS or entry.lat is None:
                continue
            # A country holds a name as its qualifier or possessor ("Pingilikani, Kenya",
            # "Kenya's Pingilikani"): "the Indian Ocean in Seychelles" is no part of it.
            after = text[m.end : holder.start].strip()
            if entry.feature != "country" or holder.start < m.start or after == ",":
                out[m.key] = entry
                break
    return out


def _home_town(
    mentions: list[_Mention],
    entry_of: Callable[[_Mention], GazEntry | None],
    country: str | None,
) -> GazEntry | None:
    """The town of the article's main country that it names most (the first named of a
    tie): a place the gazetteer lacks and the text puts nowhere ("St. Mary's Hospital", a
    neighbourhood, "Heathrow" in a London story) most likely lies there, also when a town
    abroad is named more ("Piccadilly" in a British story that quotes Moscow). (Tuned on the
    even halves: any share of the town mentions did better than a majority.)"""
    towns = Counter(
        e for m in mentions
        if (e := entry_of(m)) is not None and e.feature == "city" and e.country == country
    )  # fmt: skip
    if not towns:
        return None
    town = towns.most_common(1)[0][0]
    return town if town.lat is not None else None


def _named_after(
    gaz: Gazetteer,
    m: _Mention,
    country: str | None,
    holder: GazEntry | None,
    towns_near: list[tuple[float, float]],
) -> GazEntry | None:
    """The town a site or an unknown name is named after, inside the region or country that
    holds it, else in the article's main country near one of its towns ("the Ubay Community
    Hospital" in a story about Mabini, the Philippines, stands in Ubay; "the Salinas Valley
    region of California" lies around Salinas, California, nearer than California's
    centre). A building bears its town's name; a valley may bear a river's, so an unknown
    name that nothing holds takes the town only near the article's other towns."""
    if not m.named_after:
        return None
    if holder is not None:
        country = holder.country
    if country is None:
        return None
    region = (
        normalize_name(holder.name) if holder is not None and holder.feature == "admin1" else ""
    )
    towns = [
        e
        for e in gaz.candidates(m.named_after)
        if e.feature == "city" and e.country == country and e.lat is not None
        and normalize_name(e.name) == m.named_after
        and (not region or normalize_name(e.admin1 or "") == region)
        and (holder is not None or m.site or _near(e, towns_near))
    ]  # fmt: skip
    return max(towns, key=lambda e: e.population, default=None)


def _near(e: GazEntry, points: list[tuple[float, float]]) -> bool:
    return (
        e.lat is not None
        and e.lon is not None
        and any(_km((e.lat, e.lon), p) <= _NEARBY_KM for p in points)
    )


def _to_places(
    text: str, mentions: list[_Mention], resolved: dict[str, GazEntry | None], *, gaz: Gazetteer
) -> list[Place]:
    places: list[Place] = []

    def entry_of(m: _Mention) -> GazEntry | None:
        return resolved.get(f"iso3:{m.iso3}" if m.iso3 else m.key)

    # A named site or a name the gazetteer lacks (a village, a district) lies, most likely,
    # in the country most of the article's places are in.
    countries = Counter(e.country for m in mentions if (e := entry_of(m)) is not None and e.country)
    site_country = countries.most_common(1)[0][0] if countries else None
    ordered = sorted(mentions, key=lambda m: m.start)
    holders = _containers(text, ordered, entry_of)
    home = _home_town(mentions, entry_of, site_country)
    towns_near = [
        (e.lat, e.lon)
        for m in mentions
        if (e := entry_of(m)) is not None and e.feature == "city"
        and e.lat is not None and e.lon is not None
    ]  # fmt: skip
    for m in ordered:
        entry = entry_of(m)
        pid = f"P{len(places) + 1}"
        if entry is None:
            if m.iso3 or (m.resolvable and m.key in resolved):
                continue  # a known-name mention whose lookup failed: not a place after all
            # An unknown name the text places inside a known one, else a site or a name the
            # gazetteer lacks, takes that place's point: near, though not its own.
            holder = holders.get(m.key)
            if holder is None or holder.feature != "city":
                # a town the name is named after is nearer than a region's centre
                holder = _named_after(gaz, m, site_country, holder, towns_near) or holder
            holder = holder or (home if m.site or not m.resolvable else None)
            if holder is not None and holder.feature == "country" and home is not None:
                # a country's centre is far from much of it: its main town is nearer
                holder = home if home.country == holder.country else holder
            if holder is not None:
                places.append(
                    Place(
                        pid, m.text, m.start, m.end, name=m.text, feature="other",
                        country=holder.country, admin1=holder.admin1,
                        lat=holder.lat, lon=holder.lon,
                    )
                )  # fmt: skip
                continue
            country = site_country if m.site or not m.resolvable else None
            places.append(
                Place(pid, m.text, m.start, m.end, name=m.text, feature="other", country=country)
            )
            continue
        places.append(
            Place(
                pid, m.text, m.start, m.end,
                name=entry.name, country=entry.country, admin1=entry.admin1,
                lat=entry.lat, lon=entry.lon, geonames_id=entry.geonames_id,
                feature=entry.feature,
            )
        )  # fmt: skip
    return places


def _described(text: str, gaz: Gazetteer, place: Place) -> Place:
    """ "northern Syria", "eastern Ukraine", "central Kentucky": a region of the country or
    province, with its country and its point (no extent data says how far to move it)."""
    if place.feature not in ("country", "admin1", "region") or place.lat is None:
        return place
    hit = _DESCRIBED.search(text[max(0, place.start - 20) : place.start])
    if hit is None or gaz.has(hit.group(1) + " " + place.text):
        return place  # "South Sudan", "Western Australia" are names of their own
    word = hit.group(1)
    start = place.start - len(hit.group(0))
    return Place(
        place.id, text[start : place.end], start, place.end,
        name=f"{word.lower()} {place.name}", country=place.country, admin1=place.admin1,
        lat=place.lat, lon=place.lon, feature="region",
    )  # fmt: skip
