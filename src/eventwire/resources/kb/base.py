"""The merged knowledge base (`ActorKB`): exact, fuzzy, demonym and office-holder lookups."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from ...errors import ResourceError
from ...lexicon import words
from .cache import read_imported
from .entry import KBActor, Office, _day
from .files import (
    HAND_WRITTEN_LICENCE,
    HAND_WRITTEN_SOURCE,
    IMPORTED_FILE_PREFIX,
    _read_file,
    shipped_files,
)
from .keys import normalize_key, title_role, translit_key
from .near import LengthIndex
from .ruler import ruler_patterns

__all__ = ["INTERNATIONAL_CODES", "ActorKB"]


#: PLOVER's country codes for actors that belong to no single state.
INTERNATIONAL_CODES = words("international_code")


#: Fuzzy queries remembered by one knowledge base (each a few dozen scores at most).
_FUZZY_CACHE_SIZE = 50_000


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
        # keys the imported files' cache holds: by actor id, and each key's transliteration
        self._name_keys: dict[str, tuple[str, ...]] = {}
        self._translits: dict[str, str] = {}
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
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of new objects, none garbage: collections only cost
        try:
            for path in paths:
                for actor, keys, translits in read_imported(path):
                    if actor.id in self._entries:
                        continue
                    self._entries[actor.id] = actor
                    self._order[actor.id] = len(self._order)
                    self._name_keys[actor.id] = keys
                    for key, tkey in zip(keys, translits, strict=True):
                        self._add_key(key, actor.id)  # `_index`: imported rows have only names
                        self._translits[key] = tkey
        finally:
            if collecting:
                gc.enable()

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
            for key in self._keys_of(actor)
            if len(parts := key.split()) > 1
        )

    @cached_property
    def _surnames(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for actor in self.entries.values():
            if actor.kind != "person":
                continue
            for key in self._keys_of(actor):
                parts = key.split()
                if len(parts) > 1 and len(parts[-1]) >= 4:
                    ids = index.setdefault(parts[-1], [])
                    if actor.id not in ids:
                        ids.append(actor.id)
        return index

    def _keys_of(self, actor: KBActor) -> tuple[str, ...]:
        """`normalize_key` of each of the actor's names, in order (cached for imported ones)."""
        found = self._name_keys.get(actor.id)
        return found if found is not None else tuple(normalize_key(n) for n in actor.names())

    def metonym_of(self, name: str) -> str | None:
        """The state id that `name` stands for as a metonym ("the Kremlin" -> "RUS"), if any."""
        return self._metonyms.get(normalize_key(name))

    @cached_property
    def _fuzzy_index(self) -> tuple[LengthIndex, LengthIndex]:
        """Normalised keys and transliteration keys, each with its actor ids, sorted by length
        (built on first use)."""
        keys: list[tuple[str, str]] = []
        translits: list[tuple[str, str]] = []
        for key, kb_ids in self._keys.items():
            tkey = self._translits.get(key)
            if tkey is None:
                tkey = translit_key(key)
            for kb_id in kb_ids:
                keys.append((key, kb_id))
                translits.append((tkey, kb_id))
        return LengthIndex(keys), LengthIndex(translits)

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
            choices, ids = index.near(query, min_score)
            if not choices:
                continue
            # one vectorised pass (what process.extract does, without a result per string):
            # scores under the cutoff come back as 0; the best `wide`, ties in index order
            scores = process.cdist(
                [query], choices, scorer=fuzz.ratio, score_cutoff=min_score, dtype=np.float64
            )[0]
            passed = np.flatnonzero(scores) if min_score > 0 else np.arange(len(choices))
            top = passed[np.lexsort((passed, -scores[passed]))][:wide]
            # A transliteration-key match ranks just below an equally good spelling match.
            weight = 1.0 if index is keys else 0.99
            for i in top:
                kb_id = ids[i]
                best[kb_id] = max(best.get(kb_id, 0.0), round(float(scores[i]) * weight, 2))
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

    def nation(self, word: str) -> str | None:
        """The state a nationality word or a state's name or alias stands for, exactly
        ("Syrian", "Syria", "UK"); needs no imported entry."""
        return self._nation_keys.get(normalize_key(word))

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
        """spaCy EntityRuler patterns for every name, alias and metonym (see `ruler_patterns`);
        imported entries need not load for the ruler."""
        return ruler_patterns(self._entries.values(), tokenize=tokenize)

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
_LEADER_WORDS = words("leader_noun")


_LEADER_TITLES = words("leader_title")


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
