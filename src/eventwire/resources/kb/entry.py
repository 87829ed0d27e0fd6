"""One knowledge-base entry (`KBActor`) and the offices it held (`Office`), with their dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...lexicon import words
from .keys import title_role

__all__ = [
    "IMPORTED_HORIZONS",
    "IMPORTED_PREFIX",
    "KINDS",
    "STATE_SECTORS",
    "KBActor",
    "Office",
    "_day",
]


KINDS = words("actor_kind")


#: Id prefixes of entries imported in bulk by scripts/build_kb.py (Phoenix, Wikidata
#: office-holders, US Congress, Party Facts), with the day their source's facts stop (None:
#: taken as current: the Wikidata snapshots run to 2024, Congress to 2026). The entity ruler
#: leaves them out: tens of thousands of names would make it many times slower to build, and
#: spaCy's NER finds them anyway, which the actors stage then looks up.
IMPORTED_HORIZONS: dict[str, str | None] = {
    "PHX_": "2014-06-30",
    "WD_": None,
    "USC_": None,
    "PF_": None,
}


IMPORTED_PREFIX: tuple[str, ...] = tuple(IMPORTED_HORIZONS)


#: Sectors of a state's office holders: out of office they are PLOVER's ELI.
STATE_SECTORS = words("state_sector")


def _day(date: str | None, *, end: bool) -> str | None:
    """Pad a partial ISO date ("2015", "2015-03") to the first or last day it covers."""
    if date is None:
        return None
    if len(date) == 4:
        return f"{date}-12-31" if end else f"{date}-01-01"
    if len(date) == 7:
        return f"{date}-31" if end else f"{date}-01"
    return date[:10]


def _within(date: str | None, start: str | None, end: str | None) -> bool:
    """Whether `date` lies in [start, end]; a None `date` means "now" (an open end)."""
    if date is None:
        return end is None
    day = _day(date, end=False) or ""
    lo = _day(start, end=False)
    hi = _day(end, end=True)
    return (lo is None or lo <= day) and (hi is None or day <= hi)


@dataclass(frozen=True)
class Office:
    """One office a person held: a title in a country (or organisation) for a span of dates."""

    title: str
    country: str | None
    sector: str | None
    start: str | None
    end: str | None

    def held_on(self, date: str | None) -> bool:
        return _within(date, self.start, self.end)

    @property
    def role(self) -> str:
        return title_role(self.title)


@dataclass(frozen=True)
class KBActor:
    """One knowledge-base entry; field meanings are in ``docs/actors.md``."""

    id: str
    name: str
    kind: str
    country: str | None
    sectors: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    wikidata: str | None = None
    designations: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_to: str | None = None
    offices: tuple[Office, ...] = field(default=())
    note: str | None = None  # uncertainty or provenance of the facts, for people who edit them
    source: str | None = None  # where an imported entry's facts come from
    licence: str | None = None

    @property
    def horizon(self) -> str | None:
        """The day an imported entry's facts stop (None: hand-written or kept current)."""
        for prefix, day in IMPORTED_HORIZONS.items():
            if self.id.startswith(prefix):
                return day
        return None

    @property
    def lookup_only(self) -> bool:
        """Imported dictionary entries: found by lookup and fuzzy match, not by the ruler."""
        return self.id.startswith(IMPORTED_PREFIX)

    def sector_on(self, date: str | None) -> str | None:
        """The sector of the office held on `date` (latest-starting first); ``ELI`` for an
        office holder of a state whose offices had all ended by then (PLOVER's elites: "former
        government officials"); else ``sectors[0]``."""
        held = [o for o in self.offices if o.sector and o.held_on(date)]
        if held:
            # a minister who keeps a seat acts as minister: a seat yields to any other office
            held.sort(key=lambda o: (o.sector != "LEG", _day(o.start, end=False) or ""))
            return held[-1].sector
        if self._out_of_office(date):
            return "ELI"
        return self.sectors[0] if self.sectors else None

    def _out_of_office(self, date: str | None) -> bool:
        """Every office ended before `date` (None: now), the last a state's, and the person is
        listed as a state's office holder (not one now leading a party or a rebellion)."""
        if self.kind != "person" or not self.offices or not self.sectors:
            return False
        if self.sectors[0] not in STATE_SECTORS:
            return False
        day = _day(date, end=False)
        horizon = self.horizon
        if horizon is not None and (day is None or day > horizon):
            return False  # the imported facts stop then: a later office may be missing
        # offices begun by then (Trump in 2022: the first term, not the second)
        begun = [o for o in self.offices if day is None or (_day(o.start, end=False) or "") <= day]
        ends = [_day(o.end, end=True) for o in begun]
        if not begun or any(e is None or (day is not None and e >= day) for e in ends):
            return False
        last = max(begun, key=lambda o: _day(o.end, end=True) or "")
        return last.sector in STATE_SECTORS

    def active_on(self, date: str | None) -> bool:
        """Whether the entity existed on `date`; a None `date` means now (not ended)."""
        return _within(date, self.valid_from, self.valid_to)

    def offices_on(self, date: str | None) -> list[Office]:
        return [o for o in self.offices if o.held_on(date)]

    def names(self) -> tuple[str, ...]:
        """The name and every alias (not demonyms, not metonyms)."""
        return (self.name, *self.aliases)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KBActor:
        """Build an actor from one JSON line; KeyError/TypeError/ValueError when malformed."""
        kind = str(data["kind"])
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        offices = tuple(
            Office(
                title=str(o["title"]),
                country=o.get("country"),
                sector=o.get("sector"),
                start=o.get("from"),
                end=o.get("to"),
            )
            for o in data.get("offices") or ()
        )
        return cls(
            id=_required_str(data, "id"),
            name=_required_str(data, "name"),
            kind=kind,
            country=data.get("country"),
            sectors=_str_tuple(data, "sectors"),
            aliases=_str_tuple(data, "aliases"),
            demonyms=_str_tuple(data, "demonyms"),
            metonyms=_str_tuple(data, "metonyms"),
            wikidata=data.get("wikidata"),
            designations=_str_tuple(data, "designations"),
            affiliations=_str_tuple(data, "affiliations"),
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
            offices=offices,
            note=data.get("note"),
            source=data.get("source"),
            licence=data.get("licence"),
        )

    @classmethod
    def from_built(cls, data: dict[str, Any]) -> KBActor:
        """`from_dict` without its checks, for the imported files scripts/build_kb.py wrote
        (tens of thousands of rows: the frozen dataclass's checked construction was most of
        their load time). Fields are set as `from_dict` sets them."""
        actor = object.__new__(cls)
        actor.__dict__.update(
            id=data["id"], name=data["name"], kind=data["kind"], country=data.get("country"),
            sectors=tuple(data.get("sectors") or ()), aliases=tuple(data.get("aliases") or ()),
            demonyms=(), metonyms=(), wikidata=data.get("wikidata"), designations=(),
            affiliations=(), valid_from=data.get("valid_from"), valid_to=data.get("valid_to"),
            offices=tuple(_built_office(o) for o in data.get("offices") or ()),
            note=data.get("note"), source=data.get("source"), licence=data.get("licence"),
        )  # fmt: skip
        return actor

    def to_dict(self) -> dict[str, Any]:
        """The JSON line form (the inverse of `from_dict`)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sectors": list(self.sectors),
            "aliases": list(self.aliases),
            "demonyms": list(self.demonyms),
            "metonyms": list(self.metonyms),
            "wikidata": self.wikidata,
            "designations": list(self.designations),
            "affiliations": list(self.affiliations),
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "offices": [
                {"title": o.title, "country": o.country, "sector": o.sector}
                | {"from": o.start, "to": o.end}
                for o in self.offices
            ],
        } | {
            k: v
            for k, v in (("note", self.note), ("source", self.source), ("licence", self.licence))
            if v
        }


def _built_office(o: dict[str, Any]) -> Office:
    office = object.__new__(Office)
    office.__dict__.update(
        title=o["title"], country=o.get("country"), sector=o.get("sector"),
        start=o.get("from"), end=o.get("to"),
    )  # fmt: skip
    return office


def _required_str(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value:
        raise ValueError(f"{key!r} must be a non-empty string")
    return value


def _str_tuple(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key) or ()
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{key!r} must be a list of strings")
    return tuple(value)
