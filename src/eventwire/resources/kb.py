"""The actor knowledge base: states, IGOs, NGOs, people, armed groups and outlets.

The shipped base is JSON Lines under ``eventwire/data/actors/*.jsonl`` (one actor per line, see
``docs/actors.md``); users add or override actors with their own files, passed as ``extra``
(later files win, whole entries are replaced by id).

Lookups work on a normalised key (`normalize_key`): casefolded ASCII with leading "the " and
"al-"/"el-" removed and hyphens, quotes and dots dropped, so "the Islamic Republic",
"Al-Akhbar" and "al Akhbar" each find one actor. `ActorKB.fuzzy` adds a transliteration-aware
key (`translit_key`) so spelling variants of Arabic and Persian names meet ("Hizbollah",
"Khameini", "Nujaba'a").
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from unidecode import unidecode

from ..errors import ResourceError

__all__ = [
    "HAND_WRITTEN_LICENCE",
    "HAND_WRITTEN_SOURCE",
    "IMPORTED_FILE_PREFIX",
    "IMPORTED_HORIZONS",
    "IMPORTED_PREFIX",
    "INTERNATIONAL_CODES",
    "KINDS",
    "STATE_SECTORS",
    "USER_ACTORS_ENV",
    "ActorKB",
    "KBActor",
    "Office",
    "normalize_key",
    "shipped_files",
    "title_role",
    "translit_key",
    "user_actors_path",
]

KINDS: frozenset[str] = frozenset(
    {"state", "territory", "igo", "ngo", "person", "group", "outlet", "organization"}
)
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
#: Shipped files that hold such entries; they load on first lookup, not with the base.
IMPORTED_FILE_PREFIX: tuple[str, ...] = ("phoenix_", "wikidata_", "congress_", "partyfacts_")
#: Source and licence of the entries of the hand-written files (imported rows carry their own).
HAND_WRITTEN_SOURCE = "eventwire (hand-written from public facts)"
HAND_WRITTEN_LICENCE = "MIT (the project's)"
#: PLOVER's country codes for actors that belong to no single state.
INTERNATIONAL_CODES: frozenset[str] = frozenset({"IGO", "UNO", "EUR", "NGO", "AFR", "ASA", "MEA"})

_LABELS: dict[str, str] = {
    "state": "GPE",
    "territory": "GPE",
    "person": "PERSON",
}
# Single-token aliases whose lowercase form is an ordinary English word: they get only the
# case-sensitive pattern, never a LOWER one ("turkey", "chad", "jordan", "us", ...).
_COMMON_WORDS: frozenset[str] = frozenset((
    "us", "un", "eu", "au", "who", "imf", "oas", "gcc", "sco", "ilo", "cia", "fbi", "isis", "is",
    "it", "am", "an", "as", "at", "in", "on", "or", "no", "so", "to", "turkey", "chad", "jordan",
    "georgia", "guinea", "china", "wales", "jersey", "man", "reunion", "martinique", "mayotte",
    "montserrat", "christmas", "cocos", "norfolk", "heard", "pitcairn", "holy", "see", "fox",
    "sun", "times", "post", "mail", "star", "nation", "hindu", "independent", "guardian",
    "telegraph", "mirror", "express", "observer", "tribune", "herald", "economist", "atlantic",
    "hill", "mint", "kan", "dawn", "news", "today", "vice", "insider", "wire", "time", "fortune",
    "global", "press", "sky", "care", "hope", "the", "congress", "house", "senate", "fund",
    "front", "national", "states", "commonwealth", "hague", "emirates", "punch", "borne", "salami",
    "trump", "gallant", "truss", "pence", "amnesty", "saree", "waltz", "base", "guards", "legion",
    "journal", "world",
))  # fmt: skip

_QUOTES_RE = re.compile(r"[\"'`´‘’‚‛“”„‟ʼʻʿʾ]")
_DASH_RE = re.compile(r"[-‐‑‒–—―_/]")
_DROP_RE = re.compile(r"[.,;:!?()\[\]{}]")
_SPACE_RE = re.compile(r"\s+")
_POSSESSIVE_RE = re.compile(r"['’]s$")
_LEADING_RE = re.compile(r"^(?:the\s+)?(?:(?:al|el)\s+)?")
_DOUBLE_RE = re.compile(r"(.)\1+")
_INNER_ARTICLE_RE = re.compile(r"\b(?:al|el|ul)\b")
_TRANSLIT_STEPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=\w)h"), ""),  # kh/gh/sh/th/dh and ah-/eh- spellings all lose the h
    (re.compile(r"q"), "k"),
    (re.compile(r"ck|c(?=[aou])"), "k"),
    (re.compile(r"w"), "u"),
    (re.compile(r"[eiy]"), "i"),  # Hezbollah/Hizbollah, Khamenei/Khameini, Yemeni/Iemeni
    (re.compile(r"[ou]"), "u"),  # Hizbollah/Hizbullah, Mosul/Mousul
)


#: Fuzzy queries remembered by one knowledge base (each a few dozen scores at most).
_FUZZY_CACHE_SIZE = 50_000


class _LengthIndex:
    """Strings with their actor ids, sorted by length, so that a fuzzy query compares only the
    lengths that can reach its cutoff (most of a 20,000-name base cannot)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        pairs.sort(key=lambda pair: len(pair[0]))
        self.strings = [text for text, _ in pairs]
        self.ids = [kb_id for _, kb_id in pairs]
        self.lengths = [len(text) for text in self.strings]

    def near(self, length: int, min_score: float) -> tuple[list[str], list[str]]:
        """The strings (and ids) whose length allows `fuzz.ratio` >= `min_score` with a query of
        `length`: the ratio is at most 200 * shorter / (shorter + longer)."""
        if min_score <= 0:
            return self.strings, self.ids
        stretch = (200.0 - min_score) / min_score
        lo = bisect_left(self.lengths, math.ceil(length / stretch - 1e-9))
        hi = bisect_right(self.lengths, math.floor(length * stretch + 1e-9))
        return self.strings[lo:hi], self.ids[lo:hi]


def normalize_key(text: str) -> str:
    """The exact-match key of a name: casefolded ASCII, no leading "the "/"al-", no punctuation."""
    key = unidecode(text).casefold().strip()
    key = _POSSESSIVE_RE.sub("", key)
    key = _QUOTES_RE.sub("", key)
    key = _DASH_RE.sub(" ", key)
    key = _DROP_RE.sub("", key)
    key = _SPACE_RE.sub(" ", key).strip()
    return _LEADING_RE.sub("", key, count=1).strip()


def translit_key(text: str) -> str:
    """A looser key that folds common transliteration variants of Arabic/Persian names together."""
    key = _INNER_ARTICLE_RE.sub(" ", normalize_key(text))
    key = key.replace(" ", "")
    for pattern, repl in _TRANSLIT_STEPS:
        key = pattern.sub(repl, key)
    return _DOUBLE_RE.sub(r"\1", key)


_ROLE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bsupreme leader\b|\brahbar\b"), "supreme_leader"),
    (re.compile(r"\bdeputy prime minister\b|\bvice premier\b"), "deputy_prime_minister"),
    (re.compile(r"\bvice president\b"), "vice_president"),
    (re.compile(r"\bcrown prince\b"), "crown_prince"),
    (re.compile(r"\bsecretary general\b"), "secretary_general"),
    (
        re.compile(
            r"\bforeign (?:affairs )?(?:minister|secretary)\b|\bminister (?:of|for) foreign"
            r"|\bsecretary of state\b|\bexternal affairs minister\b|\bminister of external"
            r"|\bminister of international relations\b"
        ),
        "foreign_minister",
    ),
    (
        re.compile(
            r"\bdefen[cs]e (?:minister|secretary)\b|\bminister (?:of|for) (?:national )?defen[cs]e"
            r"|\bsecretary of (?:defense|war)\b|\bwar minister\b|\bminister of (?:war|the armed)"
        ),
        "defence_minister",
    ),
    (re.compile(r"\bprime minister\b|\bpremier\b"), "prime_minister"),
    (re.compile(r"\bchancellor\b"), "chancellor"),
    (
        re.compile(
            r"\bhead of state\b|(?<!deputy )\bchairman of the (?:transitional )?sovereignty council"
            r"|(?<!deputy )\bchairman of the presidential (?:leadership )?council\b"
            r"|(?<!deputy )\bchairman of the state administration council\b"
        ),
        "head_of_state",
    ),
    (re.compile(r"\bpresident\b"), "president"),
    (re.compile(r"\b(?:king|queen|emir|amir|sultan|monarch)\b"), "monarch"),
)


# Offices of a region, party, movement or body, not of the state: "President of the Kurdistan
# Region" is not Iraq's president, "Prime Minister of the Houthi government" not Yemen's.
_SUBSTATE_RE = re.compile(
    r"\b(?:region|regional|houthi|tigray|kurdistan|interim administration|transitional council"
    r"|political council|commission|court|assembly|bureau|party|movement|front|chechen)\b"
)
_STATE_ROLES = frozenset({"president", "vice_president", "prime_minister"})


# Words that may precede the role in an office title ("Acting President of Iran").
_TITLE_PREFIX_RE = re.compile(r"(?:(?:acting|interim|first|transitional|de facto)\s+)*")


@lru_cache(maxsize=8192)
def title_role(title: str, *, anchored: bool = True) -> str:
    """A canonical role for an office title: "Minister of Foreign Affairs" -> "foreign_minister".

    `anchored`: the role must open the title, so "Adviser to the Supreme Leader" is not the
    supreme leader; pass False for free text such as "Iran's supreme leader". Heads of
    sub-state bodies get a ``_substate`` suffix so that they never answer for a state.
    """
    key = normalize_key(title)
    for pattern, role in _ROLE_RULES:
        match = pattern.search(key)
        if match is None:
            continue
        if anchored and not _TITLE_PREFIX_RE.fullmatch(key[: match.start()]):
            continue
        if role in _STATE_ROLES and _SUBSTATE_RE.search(key):
            return f"{role}_substate"
        return role
    return key


#: Sectors of a state's office holders: out of office they are PLOVER's ELI.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})


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


#: Environment variable that names the user's actor file instead of the default path.
USER_ACTORS_ENV = "EVENTWIRE_ACTORS"
_DEFAULT_USER_ACTORS = "~/.config/eventwire/actors.jsonl"


def user_actors_path() -> Path:
    """The user's actor file, merged over the shipped base: ``$EVENTWIRE_ACTORS`` when set,
    else ``~/.config/eventwire/actors.jsonl`` (read at each call, so tests can set it)."""
    return Path(os.environ.get(USER_ACTORS_ENV) or _DEFAULT_USER_ACTORS).expanduser()


def shipped_files() -> list[Path]:
    """The knowledge-base files that ship with eventwire, in load order."""
    root = importlib_resources.files("eventwire") / "data" / "actors"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz")))


def _read_file(path: Path, *, built: bool = False) -> list[KBActor]:
    try:
        if path.name.endswith(".gz"):
            lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
        else:
            lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError, gzip.BadGzipFile, EOFError) as e:
        raise ResourceError(f"cannot read actor file {path}: {e}") from e
    actors: list[KBActor] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
            actors.append(KBActor.from_built(data) if built else KBActor.from_dict(data))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as e:
            raise ResourceError(f"{path}:{number}: bad actor line: {e}") from e
    return actors


class ActorKB:
    """The merged knowledge base with exact, fuzzy, demonym and office-holder lookups."""

    def __init__(
        self,
        actors: Iterable[KBActor],
        *,
        duplicates: Sequence[str] = (),
        imported: Sequence[Path] = (),
    ) -> None:
        self._entries: dict[str, KBActor] = {}
        for actor in actors:
            self._entries[actor.id] = actor
        self._duplicates = tuple(duplicates)
        self._order = {kb_id: i for i, kb_id in enumerate(self._entries)}
        self._fuzzy_cache: dict[tuple[str, str, float, int], dict[str, float]] = {}
        self._keys_: dict[str, list[str]] = {}
        self._metonyms: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        # Bulk-imported files load on first lookup: the ruler and `actors list` need not wait.
        self._imported = list(imported)
        for actor in self._entries.values():
            self._index(actor)

    def _index(self, actor: KBActor) -> None:
        for name in actor.names():
            self._add_key(normalize_key(name), actor.id)
        for name in actor.metonyms:
            key = normalize_key(name)
            self._add_key(key, actor.id)
            self._metonyms.setdefault(key, actor.id)
        for word in actor.demonyms:
            self._demonyms.setdefault(normalize_key(word), actor.id)

    def _load_imported(self) -> None:
        """Add the bulk-imported entries; an id already present (curated or user) wins."""
        paths, self._imported = self._imported, []
        for path in paths:
            for actor in _read_file(path, built=True):
                if actor.id in self._entries:
                    continue
                self._entries[actor.id] = actor
                self._order[actor.id] = len(self._order)
                self._index(actor)

    @property
    def entries(self) -> dict[str, KBActor]:
        """Every actor by id (bulk-imported ones included: reading this loads them)."""
        if self._imported:
            self._load_imported()
        return self._entries

    @property
    def _keys(self) -> dict[str, list[str]]:
        if self._imported:
            self._load_imported()
        return self._keys_

    def _add_key(self, key: str, kb_id: str) -> None:
        if not key:
            return
        ids = self._keys_.setdefault(key, [])
        if kb_id not in ids:
            ids.append(kb_id)

    @classmethod
    def load(cls, *, extra: Sequence[Path] = ()) -> ActorKB:
        """Load the shipped files, then each of `extra` (same id: the later entry replaces).

        Shipped files of bulk-imported entries (``phoenix_*.jsonl``) are read on first use.
        """
        actors: list[KBActor] = []
        seen: set[str] = set()
        duplicates: list[str] = []
        imported = [p for p in shipped_files() if p.name.startswith(IMPORTED_FILE_PREFIX)]
        for path in shipped_files():
            if path in imported:
                continue
            for actor in _read_file(path):
                if actor.id in seen:
                    duplicates.append(actor.id)
                seen.add(actor.id)
                actors.append(actor)
        for path in extra:
            if not Path(path).exists():
                raise ResourceError(f"actor file not found: {path}")
            actors.extend(_read_file(Path(path)))
        return cls(actors, duplicates=duplicates, imported=imported)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, kb_id: str) -> KBActor | None:
        return self.entries.get(kb_id)

    def _rank(self, ids: Iterable[str], date: str | None) -> list[KBActor]:
        """Actors active on `date` first, then those holding an office then, then file order."""
        actors = [self.entries[i] for i in ids]
        return sorted(
            actors,
            key=lambda a: (
                not a.active_on(date),
                not a.offices_on(date),
                self._order[a.id],
            ),
        )

    def lookup(self, name: str, *, date: str | None = None) -> list[KBActor]:
        """Actors whose name, alias or metonym has exactly the normalised key of `name`."""
        return self._rank(self._keys.get(normalize_key(name), ()), date)

    def by_surname(self, word: str, *, date: str | None = None) -> list[KBActor]:
        """People whose name or an alias ends in `word` ("Museveni"), ranked as `lookup` ranks."""
        return self._rank(self._surnames.get(normalize_key(word), ()), date)

    def is_first_name(self, word: str) -> bool:
        """Whether some person's name starts with `word` ("Frank", "Joseph")."""
        return normalize_key(word) in self._first_names

    @cached_property
    def _first_names(self) -> frozenset[str]:
        return frozenset(
            parts[0]
            for actor in self.entries.values()
            if actor.kind == "person"
            for name in actor.names()
            if len(parts := normalize_key(name).split()) > 1
        )

    @cached_property
    def _surnames(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for actor in self.entries.values():
            if actor.kind != "person":
                continue
            for name in actor.names():
                parts = normalize_key(name).split()
                if len(parts) > 1 and len(parts[-1]) >= 4:
                    ids = index.setdefault(parts[-1], [])
                    if actor.id not in ids:
                        ids.append(actor.id)
        return index

    def metonym_of(self, name: str) -> str | None:
        """The state id that `name` stands for as a metonym ("the Kremlin" -> "RUS"), if any."""
        return self._metonyms.get(normalize_key(name))

    @cached_property
    def _fuzzy_index(self) -> tuple[_LengthIndex, _LengthIndex]:
        """Normalised keys and transliteration keys, each with its actor ids, sorted by length
        (built on first use)."""
        keys: list[tuple[str, str]] = []
        translits: list[tuple[str, str]] = []
        for key, kb_ids in self._keys.items():
            tkey = translit_key(key)
            for kb_id in kb_ids:
                keys.append((key, kb_id))
                translits.append((tkey, kb_id))
        return _LengthIndex(keys), _LengthIndex(translits)

    def fuzzy(
        self, name: str, *, date: str | None = None, min_score: float = 88.0, limit: int = 3
    ) -> list[tuple[KBActor, float]]:
        """Best approximate matches with scores 0..100, exact matches scoring 100."""
        key = normalize_key(name)
        if len(key) < 4:  # too short for edit distance to mean anything
            return [(a, 100.0) for a in self.lookup(name, date=date)[:limit]]
        best = self._fuzzy_scores(name, key, min_score=min_score, wide=max(limit * 4, 10))
        ranked = sorted(
            best.items(),
            key=lambda item: (
                -item[1],
                not self.entries[item[0]].active_on(date),
                self._order[item[0]],
            ),
        )
        return [(self.entries[kb_id], score) for kb_id, score in ranked[:limit]]

    def _fuzzy_scores(
        self, name: str, key: str, *, min_score: float, wide: int
    ) -> dict[str, float]:
        """Scores by actor id of the names near `name`; kept per query, since the same names
        recur across articles (the date only reorders them)."""
        cache_key = (key, name, min_score, wide)
        cached = self._fuzzy_cache.get(cache_key)
        if cached is not None:
            return cached
        keys, translits = self._fuzzy_index
        best: dict[str, float] = {}
        for query, index in ((key, keys), (translit_key(name), translits)):
            choices, ids = index.near(len(query), min_score)
            hits = process.extract(
                query, choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=wide
            )
            # A transliteration-key match ranks just below an equally good spelling match.
            weight = 1.0 if index is keys else 0.99
            for _choice, score, i in hits:
                kb_id = ids[i]
                best[kb_id] = max(best.get(kb_id, 0.0), round(float(score) * weight, 2))
        if len(self._fuzzy_cache) >= _FUZZY_CACHE_SIZE:
            self._fuzzy_cache.clear()  # bounded: a long run forgets and starts again
        self._fuzzy_cache[cache_key] = best
        return best

    def demonym(self, word: str) -> str | None:
        """The actor id a demonym stands for: "Iranian" -> "IRN", "Israelis" -> "ISR"."""
        return self._demonyms.get(normalize_key(word))

    def demonym_near(self, word: str, *, min_score: float = 88.0) -> str | None:
        """`demonym` for a misspelt or plural nationality or state name ("Ukranian",
        "Phillipines", "Afghanis"): the one state whose demonym or name is that close."""
        key = normalize_key(word)
        if len(key) < 6:  # short words are too near too many others
            return None
        found = self.demonym(word)
        if found is not None:
            return found
        nations = self._nation_keys
        hits = process.extract(
            key, list(nations), scorer=fuzz.ratio, score_cutoff=min_score, limit=3
        )
        codes = {nations[choice] for choice, _, _ in hits}
        return codes.pop() if len(codes) == 1 else None

    @cached_property
    def _nation_keys(self) -> dict[str, str]:
        """Demonyms and names of states, normalised, each with its state's id."""
        keys = dict(self._demonyms)
        for actor in self._entries.values():
            if actor.kind in {"state", "territory"}:
                for name in actor.names():
                    keys.setdefault(normalize_key(name), actor.id)
        return keys

    def holder(self, title_words: str, country: str, *, date: str | None) -> KBActor | None:
        """Who held the office named by `title_words` for `country` on `date` (None: now).

        `country` is an ISO3 code, or the id of an organisation ("HEZBOLLAH") whose office
        titles name it ("Secretary-General of Hezbollah").
        """
        role = title_role(title_words, anchored=False)
        org = self.entries.get(country)
        if org is not None and org.kind not in {"state", "territory"} and role in _LEADER_WORDS:
            return self._org_leader(org, date)
        found = self._holder(role, country, date)
        if role == "president" and (found is None or found.lookup_only):
            # Councils that stand in for a president (Sudan, Yemen, Libya's Presidential Council);
            # a hand-written chairman outranks an imported president whose end date is missing.
            council = self._holder("head_of_state", country, date)
            if council is not None and (found is None or not council.lookup_only):
                found = council
        return found

    def _holder(self, role: str, country: str, date: str | None) -> KBActor | None:
        org = self.entries.get(country)
        org_keys = (
            {normalize_key(n) for n in org.names()}
            if org is not None and org.kind not in {"state", "territory"}
            else set()
        )
        # hand-written entries first (checked facts), then the latest to take the office
        best: tuple[tuple[bool, str], KBActor] | None = None
        for actor, office in self._by_role.get(role, ()):
            if not office.held_on(date):
                continue
            if not self._office_for(actor, office, country, org_keys):
                continue
            rank = (not actor.lookup_only, _day(office.start, end=False) or "")
            if best is None or rank > best[0]:
                best = (rank, actor)
        return best[1] if best else None

    @cached_property
    def _by_role(self) -> dict[str, list[tuple[KBActor, Office]]]:
        """Every office by its role ("president"), built once: a title's role is a regex."""
        index: dict[str, list[tuple[KBActor, Office]]] = {}
        for actor in self._people:
            for office in actor.offices:
                index.setdefault(office.role, []).append((actor, office))
        return index

    def _org_leader(self, org: KBActor, date: str | None) -> KBActor | None:
        """The top office holder of an organisation ("the Hezbollah leader") on `date`."""
        keys = {normalize_key(n) for n in org.names()}
        best: tuple[int, str, KBActor] | None = None
        for actor in self._people:
            if org.id not in actor.affiliations:
                continue
            for office in actor.offices:
                rank = _leader_rank(normalize_key(office.title))
                if rank is None or not office.held_on(date):
                    continue
                if not self._office_for(actor, office, org.id, keys):
                    continue
                start = _day(office.start, end=False) or ""
                if best is None or (rank, _invert(start)) < (best[0], _invert(best[1])):
                    best = (rank, start, actor)
        return best[2] if best else None

    @staticmethod
    def _office_for(actor: KBActor, office: Office, country: str, org_keys: set[str]) -> bool:
        if org_keys:
            # Both: affiliated with the organisation and the title names it ("Secretary-General
            # of Harakat Hezbollah al-Nujaba" names Hezbollah too, but is not Hezbollah's office).
            if country not in actor.affiliations:
                return False
            title = normalize_key(office.title)
            return any(re.search(rf"\b{re.escape(k)}\b", title) for k in org_keys)
        return office.country == country

    @cached_property
    def _people(self) -> list[KBActor]:
        return [a for a in self.entries.values() if a.offices]

    def ruler_patterns(
        self, *, tokenize: Callable[[str], list[str]] | None = None
    ) -> list[dict[str, Any]]:
        """spaCy EntityRuler patterns for every name, alias and metonym (not bare demonyms).

        Each written form gives a case-sensitive phrase pattern; forms that are not ordinary
        English words also give a LOWER token pattern, so "HEZBOLLAH" and "hezbollah" match.
        `tokenize` splits text as the pipeline's tokenizer does (default: spaCy's English rules).
        """
        split = tokenize or _spacy_tokenizer()
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for actor in self._entries.values():  # imported entries need not load for the ruler
            if actor.lookup_only:
                continue
            label = _LABELS.get(actor.kind, "ORG")
            forms = [(n, label) for n in actor.names()]
            forms += [(m, _metonym_label(m)) for m in actor.metonyms]
            for form, form_label in forms:
                for text in _pattern_texts(form):
                    if (text, actor.id) in seen:
                        continue
                    seen.add((text, actor.id))
                    patterns.append({"label": form_label, "pattern": text, "id": actor.id})
                    if _lower_ok(text):
                        tokens = [{"LOWER": t.lower()} for t in split(text)]
                        patterns.append({"label": form_label, "pattern": tokens, "id": actor.id})
        return patterns

    def conflicts(self) -> list[str]:
        """Problems for ``eventwire actors check``: shared aliases, duplicate ids, bad refs."""
        problems = [f"duplicate id {kb_id}" for kb_id in self._duplicates]
        countries = {a.id for a in self.entries.values() if a.kind in {"state", "territory"}}
        valid_codes = countries | INTERNATIONAL_CODES
        for key, ids in sorted(self._keys.items()):
            if len(ids) > 1 and self._clash(ids):
                problems.append(f"alias {key!r} claimed by {', '.join(ids)}")
        for actor in self.entries.values():
            problems.extend(self._actor_problems(actor, valid_codes))
        return problems

    def sources(self) -> dict[tuple[str, str], int]:
        """How many actors each (source, licence) gives; entries without their own are the
        hand-written ones."""
        counts: dict[tuple[str, str], int] = {}
        for actor in self.entries.values():
            key = (actor.source or HAND_WRITTEN_SOURCE, actor.licence or HAND_WRITTEN_LICENCE)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def _clash(self, ids: list[str]) -> bool:
        """Whether actors sharing a name are a conflict: two hand-written ones, or a hand-written
        and an imported one of one country (the import should have left that one out).
        Imported namesakes (two "Labour Party"s, two "Patrick Murphy"s) are real: lookups
        tell them apart by the article's date and country."""
        curated = [i for i in ids if not self._entries[i].lookup_only]
        if len(curated) > 1:
            return True
        countries = {self._entries[i].country for i in curated}
        return any(self._entries[i].country in countries for i in ids if i not in curated)

    def _actor_problems(self, actor: KBActor, valid_codes: set[str]) -> list[str]:
        problems: list[str] = []
        if actor.country is not None and actor.country not in valid_codes:
            problems.append(f"{actor.id}: unknown country {actor.country}")
        for other in actor.affiliations:
            if other not in self.entries:
                problems.append(f"{actor.id}: unknown affiliation {other}")
        for office in actor.offices:
            if (
                office.country is not None
                and office.country not in valid_codes
                and office.country not in self.entries
            ):
                problems.append(f"{actor.id}: office {office.title!r} unknown country")
            if office.start and office.end and office.start > office.end:
                problems.append(f"{actor.id}: office {office.title!r} ends before it starts")
        return problems


# What "the X leader/chief/head" asks for, and the titles that answer it, best first.
_LEADER_WORDS = frozenset({"leader", "head", "chief", "boss", "emir", "commander"})
_LEADER_TITLES: tuple[str, ...] = (
    "secretary general", "leader", "emir", "supreme leader", "head", "chairman",
    "commander in chief", "commander", "president",
)  # fmt: skip


def _leader_rank(title_key: str) -> int | None:
    """Rank of a normalised office title as the leadership of its organisation (lower wins)."""
    for rank, prefix in enumerate(_LEADER_TITLES):
        if title_key == prefix or title_key.startswith(prefix + " "):
            # "Leader of Hamas in Gaza" is a regional office, below the movement's own head.
            regional = " in " in title_key[len(prefix) :]
            return rank + (len(_LEADER_TITLES) if regional else 0)
    return None


def _invert(day: str) -> str:
    """A key that sorts later ISO dates first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in day)


def _metonym_label(metonym: str) -> str:
    # Buildings and streets ("the Kremlin", "Downing Street") are tagged ORG, cities GPE.
    lowered = metonym.lower()
    if lowered.startswith("the ") or "street" in lowered or "house" in lowered:
        return "ORG"
    return "GPE"


def _pattern_texts(form: str) -> list[str]:
    """The written forms to match: a leading "the" is dropped ("the Kremlin" -> "Kremlin")
    unless what is left is one ordinary word ("The National", "the States"), which keeps it."""
    text = form.strip()
    match = re.match(r"the\s+", text, flags=re.IGNORECASE)
    if match is None:
        return [text] if text else []
    rest = text[match.end() :]
    if " " not in rest and rest.lower() in _COMMON_WORDS:
        return [f"The {rest}", f"the {rest}"]
    return [rest] if rest else []


def _lower_ok(text: str) -> bool:
    """Whether a case-insensitive pattern for `text` is safe (not a common word or acronym)."""
    words = text.split()
    if len(words) == 1:
        word = words[0]
        if word.isupper() or len(word) < 4:  # acronyms: "US" vs "us", "AP" vs "ap"
            return False
        return word.lower() not in _COMMON_WORDS
    return not all(w.lower() in _COMMON_WORDS for w in words)


def _spacy_tokenizer() -> Callable[[str], list[str]]:
    import spacy  # only for building patterns; the KB itself does not need spaCy

    tokenizer = spacy.blank("en").tokenizer
    return lambda text: [t.text for t in tokenizer(text)]
