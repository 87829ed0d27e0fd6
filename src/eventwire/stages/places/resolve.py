"""Resolving: each distinct name gets one entry for the whole article, scored by
`resolve_name` with the countries the article mentions, a following qualifier ("Paris,
Texas"), the regions it names and its other resolved towns."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING

from ...lexicon import lexicon_cache, mapping, words
from ...record import Document
from ...resources.gazetteer import (
    _NEARBY_KM,
    _SMALL_REGION_KM2,
    GazEntry,
    Gazetteer,
    _contains,
    _km,
    normalize_name,
    resolve_name,
)
from .mention import _KNOWN_CITY, _is_country, _Mention, _Scan

if TYPE_CHECKING:
    from ...resources.kb import ActorKB

__all__ = ["_LIST_JOIN", "_resolve_all"]


#: Share of the article's country mentions from which one country makes a small town far
#: from all of them a stray (kept unresolved, in that country).
_STRAY_SHARE = 0.5
_STRAY_MENTIONS = 3
#: A large city is a stray too when it is little known abroad (no more names than this: the
#: fame prior starts above it): "the Central Coast" in a British Columbia story is no
#: Central Coast, New South Wales (346,596 people, 2 names).
_STRAY_KNOWN_NAMES = 15


def _fixed_countries(
    doc: Document, scan: _Scan, gaz: Gazetteer, *, kb: ActorKB | None = None
) -> Counter[str]:
    """Countries that the entities' `kb_id`s and the demonyms ("Iraqi") mention; with the
    knowledge base, also the countries of the actors it names ("Hamas said Gaza ...")."""
    ctx: Counter[str] = Counter()
    for ent in doc.entities:
        if not ent.kb_id:
            continue
        if len(ent.kb_id) == 3 and gaz.country(ent.kb_id) is not None:
            ctx[ent.kb_id.upper()] += 1
        elif kb is not None and (known := kb.get(ent.kb_id)) is not None and known.country:
            ctx[known.country] += 1
    words = Counter(w for w in scan.initial_upper if w)
    for word, n in words.items():
        iso3 = gaz.demonym(word)
        if iso3:
            ctx[iso3] += n
    return ctx


def _context_countries(
    fixed: Counter[str], gaz: Gazetteer, mentions: list[_Mention]
) -> Counter[str]:
    """Countries the article mentions: sure ones, unambiguous country names, demonyms."""
    ctx: Counter[str] = Counter(fixed)
    for m in mentions:
        if m.iso3:
            ctx[m.iso3] += 1
        else:
            entries = gaz.candidates(m.key)
            if entries and entries[0].feature == "country" and entries[0].country:
                ctx[entries[0].country] += 1
    return ctx


#: What puts a name inside the next one: "Fuyang in Anhui", "Austin, in Scott County",
#: "Monroe County in northeast Missouri" (a side of the region is still in it), "Crawford
#: County located in Pennsylvania".
_IN_JOIN = re.compile(
    r",?\s+(?:(?:located|situated)\s+)?in\s+(?:the\s+)?"
    r"(?:(?:north|south)?[- ]?(?:east|west)?(?:ern)?\s+)?",
    re.IGNORECASE,
)


def _qualifiers(
    doc: Document, mentions: list[_Mention], gaz: Gazetteer
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """name -> qualifier names that follow it ("Paris, Texas" -> {"texas"}), and name ->
    the names an "in" phrase puts it inside ("Fuyang in Anhui"), with their own qualifiers
    ("Austin, in Scott County, Indiana" -> {"scott county", "indiana"})."""
    out: dict[str, set[str]] = {}
    inside: dict[str, set[str]] = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    pairs = list(itertools.pairwise(ordered))
    for a, b in pairs:
        between = doc.text[a.end : b.start]
        if a.iso3 or _is_country(gaz, a.key):
            continue  # a country is never qualified: "in Russia, U.S. officials said" is a list
        if not gaz.has(b.key):
            continue
        if between.strip() in (",", "") and len(between) <= 3:
            out.setdefault(a.key, set()).add(b.key)
        elif _IN_JOIN.fullmatch(between):
            inside.setdefault(a.key, set()).add(b.key)
    for a, b in pairs:  # the qualifier of the place a name is in qualifies the name too
        if b.key in out and b.key in inside.get(a.key, ()):
            inside[a.key] |= out[b.key]
    return out, inside


#: What joins the members of a list of names: "A, B and C", "A or B", "A & B".
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s*(?:and|or|&))\s*")


def _lists(doc: Document, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Runs of names joined as a list: three or more ("Georgia, Oklahoma and Ohio"), or two
    joined by "and"/"or" (two joined by a comma are as often "Paris, Texas")."""
    runs: list[list[_Mention]] = []
    run: list[_Mention] = []
    anded = False
    for m in sorted(mentions, key=lambda m: m.start):
        if run and _LIST_JOIN.fullmatch(doc.text[run[-1].end : m.start]):
            anded = anded or "," not in doc.text[run[-1].end : m.start].strip()
            run.append(m)
            continue
        if len(run) > 2 or (len(run) == 2 and anded):
            runs.append(run)
        run, anded = [m], False
    if len(run) > 2 or (len(run) == 2 and anded):
        runs.append(run)
    return runs


def _list_levels(
    doc: Document, mentions: list[_Mention], gaz: Gazetteer
) -> dict[str, tuple[frozenset[str], str | None]]:
    """name -> (feature, country) that the list it stands in gives it: the members of a list
    are names of one level, so when each member can be a country they are countries, and when
    each can be a first-level region of one country ("Georgia, Oklahoma and Ohio" are all US
    states) they are that country's regions (no town of Oklahoma, Pennsylvania)."""
    out: dict[str, tuple[frozenset[str], str | None]] = {}
    for members in _lists(doc, mentions):
        if any(m.within or not (m.iso3 or m.resolvable) for m in members):
            continue  # a seat the KB names, or a name the gazetteer lacks: no telling
        readings = [
            [] if m.iso3 else [(e.feature, e.country) for e in gaz.candidates(m.key)]
            for m in members
        ]
        countries = [bool(m.iso3) or any(f == "country" for f, _ in r)
                     for m, r in zip(members, readings, strict=True)]  # fmt: skip
        if all(countries):
            level: tuple[frozenset[str], str | None] = (frozenset({"country"}), None)
        else:
            common = set.intersection(*({c for f, c in r if f == "admin1" and c} for r in readings))
            if len(common) != 1:
                continue
            level = (frozenset({"admin1"}), common.pop())
        for m in members:
            if not m.iso3 and not (level[1] and _named_after_seat(gaz, m.key, level[1])):
                out[m.key] = level
    return out


def _named_after_seat(gaz: Gazetteer, key: str, iso3: str) -> bool:
    """A region called after the city that is its seat ("Aleppo", "Kabul"): news names the
    city, so a list does not make it the region."""
    return any(
        e.feature == "city" and e.country == iso3 and e.population >= _KNOWN_CITY
        and normalize_name(e.name) == key and normalize_name(e.admin1 or "") == key
        for e in gaz.candidates(key)
    )  # fmt: skip


def _resolve_all(
    doc: Document,
    scan: _Scan,
    gaz: Gazetteer,
    mentions: list[_Mention],
    *,
    kb: ActorKB | None = None,
) -> dict[str, GazEntry | None]:
    """One entry per distinct name, so every repeat of a name is tagged alike."""
    fixed = _fixed_countries(doc, scan, gaz, kb=kb)
    context = _context_countries(fixed, gaz, mentions)
    levels = _list_levels(doc, mentions, gaz)
    listed = _and_listed(doc, mentions)
    commas, inside = _qualifiers(doc, mentions, gaz)
    # Members of a list are peers: "Oklahoma, Pennsylvania" in one is no town and its state.
    quals = {k: v for k, v in commas.items() if k not in levels}
    # An "in" phrase places a name like a comma qualifier, but leaves a stray a stray
    # ("Heathrow in London" is no Heathrow, Florida).
    placed = {k: quals.get(k, set()) | v for k, v in inside.items() if k not in levels}
    admin_context = frozenset(
        m.key for m in mentions if any(e.feature == "admin1" for e in gaz.candidates(m.key))
    )
    out: dict[str, GazEntry | None] = {}
    own: dict[str, Counter[str]] = {}  # what each name adds to the context (none at first)
    hints = _feature_hints(doc.text, mentions)
    addressed = _addressed(doc.text, mentions)
    # What the KB says of a name holds for all its mentions, so all resolve alike.
    kb_said = {m.key: (m.prefer, m.within) for m in mentions if m.within}
    # Two passes: the first pass's choices, counted per mention, become the second's context
    # ("Queensland" makes the article Australian, so its "Edmonton" is the Australian one).
    # A name's own mentions are left out of its context, or a frequent name would only
    # confirm its first guess.
    points: dict[str, tuple[float, float]] = {}  # name -> its town's point (after pass one)
    for _ in range(2):
        for m in mentions:
            if m.iso3:
                out[f"iso3:{m.iso3}"] = gaz.country(m.iso3)
            elif m.resolvable:
                out[m.key] = resolve_name(
                    gaz,
                    m.key,
                    context=context - own.get(m.key, Counter()),
                    qualifiers=placed.get(m.key, quals.get(m.key, ())),
                    admin_context=admin_context - {m.key},
                    prefer=hints.get(m.key, frozenset())
                    | kb_said.get(m.key, (m.prefer,))[0]
                    | levels.get(m.key, (frozenset(), None))[0],
                    within=kb_said.get(m.key, levels.get(m.key, (None, None)))[1],
                    near=[p for k, p in points.items() if k != m.key],
                    addressed=m.key in addressed,
                )
        own = {}
        # Towns anchor their neighbours; so do regions that are small (a London borough,
        # not a Canadian province: a centre far from much of its area); countries do not.
        points = {
            k: (e.lat, e.lon)
            for k, e in out.items()
            if e is not None and e.lat is not None and e.lon is not None
            and (e.feature in ("city", "other") or _small_region(gaz, e))
        }  # fmt: skip
        for m in mentions:
            entry = out.get(f"iso3:{m.iso3}" if m.iso3 else m.key)
            if entry is not None and entry.country and not m.iso3:
                own.setdefault(m.key, Counter())[entry.country] += 1
        context = _context_countries(fixed, gaz, mentions)
        for counts in own.values():
            context += counts
    # A name known only as a building's modifier ("the Pirbright laboratory", but "the Ford
    # plant") is a place only when a town of that very name lies among the article's places:
    # in a region it names or near another of its towns.
    strong = {m.key for m in mentions if not m.weak}
    for key in {m.key for m in mentions if m.weak and m.resolvable} - strong:
        if not _local(out.get(key), key, admin_context, [p for k, p in points.items() if k != key]):
            out[key] = None
    for key in {m.key for m in mentions if not m.iso3 and m.resolvable}:
        entry = out.get(key)
        # A comma qualifier keeps a town from being a stray only when it holds the town:
        # "Suba, Migori" in a list of Kenyan towns is no Suba, Philippines.
        if entry is None or any(
            _contains(q, entry) for k in quals.get(key, ()) for q in gaz.candidates(k)
        ):
            continue
        if _stray(gaz, entry, context - own.get(key, Counter())) or (
            key not in listed
            and _unlisted(gaz, key, entry, [out.get(k) for k in quals.get(key, ())])
        ):
            # It takes the article's country, not a far town's (or its qualifier's point:
            # "Holliday, Mo.").
            _unresolve(key, out, mentions)
    for key in _possessed_far(doc, gaz, mentions, out):
        _unresolve(key, out, mentions)  # the output places it at its possessor ("London's")
    return out


def _unresolve(key: str, out: dict[str, GazEntry | None], mentions: list[_Mention]) -> None:
    """Keep a name as an unresolved one: no entry, and none of its mentions resolvable."""
    del out[key]
    for m in mentions:
        m.resolvable = m.resolvable and m.key != key


#: What makes a run of names a list rather than a town and its regions.
_AND_OR = re.compile(r"\b(?:and|or)\b|&")


def _and_listed(doc: Document, mentions: list[_Mention]) -> set[str]:
    """The names in a list joined by "and"/"or": peers, not a town and its region ("New
    York, Pennsylvania, and New Jersey")."""
    return {
        m.key for run in _lists(doc, mentions)
        if _AND_OR.search(doc.text[run[0].start : run[-1].end]) for m in run
    }  # fmt: skip


#: A possessive between two names: "London's Heathrow".
_POSSESSIVE = re.compile(r"['’]s\s+")


def _possessed_far(
    doc: Document, gaz: Gazetteer, mentions: list[_Mention], out: dict[str, GazEntry | None]
) -> set[str]:
    """Names a town possesses ("London's Heathrow", "Cairo's Abbassiya") that resolved to
    a place far from it, with no namesake near it: a part of the town the gazetteer lacks
    (its only Heathrow is in Florida), not the namesake."""
    far: set[str] = set()
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):
        owner, entry = out.get(a.key), out.get(b.key)
        if (
            a.iso3 or b.iso3 or owner is None or entry is None
            or owner.feature != "city" or entry.feature not in ("city", "other")
            or owner.lat is None or owner.lon is None
            or not _POSSESSIVE.fullmatch(doc.text, a.end, b.start)
        ):  # fmt: skip
            continue
        point = (owner.lat, owner.lon)
        if not any(
            e.lat is not None and e.lon is not None and _km(point, (e.lat, e.lon)) <= _NEARBY_KM
            for e in gaz.candidates(b.key)
        ):
            far.add(b.key)
    return far


def _unlisted(gaz: Gazetteer, key: str, entry: GazEntry, qualifiers: list[GazEntry | None]) -> bool:
    """A town that its comma qualifier, a resolved region or country, puts where the
    gazetteer has no town of its name ("Holliday, Mo." when only Holliday, Texas is known;
    "Stroud, Ontario" when only English, American and Australian Strouds are): a village too
    small for the gazetteer, not the namesake elsewhere. Within one country the pick must
    also lie far from the region (a town's region is not always the one news names:
    "Manaoag, Pangasinan" is filed under the Ilocos region)."""
    if entry.feature not in ("city", "other") or entry.lat is None or entry.lon is None:
        return False  # "Kentucky, Tennessee" are two states, not one in the other
    holders = [q for q in qualifiers if q is not None and q.feature in ("admin1", "country")]
    if not holders or any(
        q.country == e.country and e.feature in ("city", "other")
        and (q.feature == "country" or normalize_name(e.admin1 or "") == normalize_name(q.name))
        for q in holders for e in gaz.candidates(key)
    ):  # fmt: skip
        return False
    point = (entry.lat, entry.lon)
    return all(
        q.country != entry.country
        or (
            q.feature == "admin1" and entry.admin1 is not None and q.lat is not None
            and q.lon is not None and _km(point, (q.lat, q.lon)) > _FAR_FROM_REGION_KM
        )
        for q in holders
    )  # fmt: skip


#: A town this far from the point of the region its qualifier names lies outside it.
_FAR_FROM_REGION_KM = 2 * _NEARBY_KM


def _local(
    entry: GazEntry | None, key: str, regions: frozenset[str], near: list[tuple[float, float]]
) -> bool:
    """Whether a town called `key` by its own name lies in a region the article names or
    within the closeness circle of another of its places."""
    if entry is None or entry.feature != "city" or normalize_name(entry.name) != key:
        return False
    if normalize_name(entry.admin1 or "") in regions:
        return True
    return (
        entry.lat is not None
        and entry.lon is not None
        and any(_km((entry.lat, entry.lon), p) <= _NEARBY_KM for p in near)
    )


def _small_region(gaz: Gazetteer, entry: GazEntry) -> bool:
    """A region counts as a town's neighbourhood when its country's regions are small."""
    if entry.feature != "admin1" or not entry.country:
        return False
    area = gaz.region_area(entry.country)
    return area is not None and area <= _SMALL_REGION_KM2


def _stray(gaz: Gazetteer, entry: GazEntry, context: Counter[str]) -> bool:
    """A small town far from an article that is mostly about one country (half of its
    country mentions, three at least): no town of the name lies in a country the article
    names or one beside it, and the best is a town of under 50,000 or one little known abroad
    ("Heathrow" in a British story is no Heathrow, Florida)."""
    if entry.feature != "city" or not entry.country:
        return False
    if entry.population >= _KNOWN_CITY and entry.known_names > _STRAY_KNOWN_NAMES:
        return False
    total = sum(context.values())
    top = context.most_common(1)[0][1] if total else 0
    # One demonym ("French forces") is too little to say what the article is about.
    if top < _STRAY_MENTIONS or top / total < _STRAY_SHARE:
        return False
    return entry.country not in context and not (context.keys() & gaz.neighbours(entry.country))


@lexicon_cache
def _address_pattern() -> re.Pattern[str]:
    """A capitalised street name and a comma right before a name: "Felixstowe Road, "."""
    nouns = "|".join(re.escape(w.capitalize()) for w in words("street_noun"))
    return re.compile(rf"\b[A-Z][\w'’.-]*\s+(?:{nouns}),\s*$")


def _addressed(text: str, mentions: list[_Mention]) -> frozenset[str]:
    """Names that a street address puts a street in ("of Felixstowe Road, Edmonton"): local
    news names its residents' streets, so the town is the local one, not a famous namesake."""
    pattern = _address_pattern()
    return frozenset(
        m.key for m in mentions if pattern.search(text[max(0, m.start - 40) : m.start])
    )


#: Kind nouns ("city", "province") with the gazetteer feature they name.
_HINT_FEATURE = mapping("place_kind_feature")


@lexicon_cache
def _hint_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "the city of X" before a name and "X province" after it, for the kind nouns in use."""
    kinds = "|".join(map(re.escape, _HINT_FEATURE))
    before = re.compile(rf"\b({kinds})\s+of\s+(?:the\s+)?$", re.I)
    return before, re.compile(rf"^\s+({kinds})\b", re.I)


def _feature_hints(text: str, mentions: list[_Mention]) -> dict[str, frozenset[str]]:
    """name -> features its surroundings name: "the city of Jenin", "Idlib province"."""
    out: dict[str, set[str]] = {}
    hint_before, hint_after = _hint_patterns()
    for m in mentions:
        before = hint_before.search(text[max(0, m.start - 30) : m.start])
        after = hint_after.match(text[m.end : m.end + 20])
        for hit in (before, after):
            if hit:
                out.setdefault(m.key, set()).add(_HINT_FEATURE[hit.group(1).lower()])
    return {k: frozenset(v) for k, v in out.items()}
