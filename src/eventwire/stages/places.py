"""The places stage: find toponyms, resolve them against the gazetteer, and locate events.

Reads ``text``, ``nlp`` (the spaCy parse of the text) and ``entities``; writes ``places``
(`Place` records with ids P1, P2, ... in text order). See ``docs/places.md``.

Finding: GPE/LOC/FAC entities; ORG/PERSON entities and capitalised words that the gazetteer
knows, when the context says "place" (a preposition such as "in", a "Town, Region" pair, a
repeat of a name tagged as a place elsewhere, or a well-known name); demonyms only before a
territory noun ("Iraqi soil", "Lebanese airspace"); every repeat of a resolved name.

Resolving: each distinct name gets one entry for the whole article, scored by feature type,
population, the countries the article mentions, and a following qualifier ("Paris, Texas").
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import PipelineError
from ..lexicon import words
from ..record import Document, EntitySpan, Place
from ..resources.gazetteer import GazEntry, Gazetteer, normalize_name
from ..resources.place_words import (
    OF_NOUNS,
    SITE_NOUNS,
    TERRITORIAL_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..resources import Resources
    from ..resources.kb import ActorKB

__all__ = ["TIME_WORDS", "places_stage", "resolve_name"]

#: Day, month, season and holiday names: never places alone ("warned on Thursday" is no
#: Thursday Island), though "the town of March" still is.
TIME_WORDS = words("time_word")

#: Prepositions that, before a known name that NER did not call a place, say "place".
PLACE_CUE_PREPS: frozenset[str] = frozenset({
    "in", "at", "near", "inside", "outside", "across", "around", "throughout", "within",
    "into", "from", "toward", "towards", "via", "through",
})  # fmt: skip
#: Entity labels whose spans are never looked up (NER's other labels may hide a place).
_NEVER_PLACE_LABELS: frozenset[str] = frozenset({
    "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "CARDINAL", "ROLE", "LANGUAGE",
})  # fmt: skip
#: Entity labels that are never places; capitalised words inside them are not scanned.
_NOT_PLACE_LABELS: frozenset[str] = frozenset({
    "PERSON", "ORG", "NORP", "DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT",
    "LANGUAGE", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "CARDINAL", "ROLE",
})  # fmt: skip
#: Nouns after a demonym that make it a place: "Iraqi soil" is Iraq, "Iraqi officials" is not.
TERRITORY_NOUNS: frozenset[str] = frozenset({
    "soil", "territory", "territories", "airspace", "air", "waters", "land", "lands",
    "mainland", "coast", "coastline", "border", "borders", "frontier", "side", "countryside",
})  # fmt: skip
#: Words that mark the name beside them as a place: "the town of X", "X district".
_SETTLEMENT_WORDS: frozenset[str] = frozenset({
    "town", "city", "village", "villages", "province", "district", "governorate", "camp",
    "neighbourhood", "neighborhood", "suburb", "countryside", "region", "municipality",
    "county", "township", "prefecture", "oblast", "refugee",
})  # fmt: skip
#: Words naming the kind of place around a name ("Homs province", "the city of Aleppo").
_KIND_WORDS = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|province|state|region|district|governorate|county)"
    r"\s+of\s+)?(.+?)(?:\s+(?:city|town|village|province|state|region|district|governorate|"
    r"county|area|municipality|prefecture|oblast))?$",
    re.IGNORECASE,
)
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
#: A town in a first-level region the article names.
_IN_REGION = 1.5
#: Share of the article's country mentions from which one country makes a small town far
#: from all of them a stray (kept unresolved, in that country).
_STRAY_SHARE = 0.5
_STRAY_MENTIONS = 3
#: City population from which a known name alone (no cue) counts as a place.
_KNOWN_CITY = 50_000
_MAX_NGRAM = 4
#: Words before a name that make it a place: "eastern Aleppo".
_DIRECTIONS: frozenset[str] = frozenset({
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "north", "south", "east", "west", "downtown", "rural",
})  # fmt: skip


@dataclass
class _Mention:
    """A candidate toponym: a text span and the name to look up."""

    start: int
    end: int
    key: str
    text: str
    iso3: str | None = None  # set when the span is a country for sure (KB id, demonym)
    resolvable: bool = True  # False: keep as feature "other" (an NER place the gazetteer lacks)
    prefer: frozenset[str] = frozenset()  # features the name is known to have (a capital: city)
    within: str | None = None  # the country the entry must be in (the KB's state for a seat)
    entries: list[GazEntry] = field(default_factory=list)
    site: bool = False  # a named building or site ("Manger Square"): in the article's country


def places_stage(doc: Document, *, resources: Resources) -> Document:
    """Fill `doc.places` from the parse and the candidate entities (P1.. in text order)."""
    if doc.nlp is None:
        raise PipelineError("places stage needs doc.nlp (the spaCy parse)")
    gaz = resources.gazetteer
    scan = _Scan.of(doc.nlp, doc.text)
    people = _person_words(doc, gaz)
    mentions = _find_mentions(doc, scan, gaz, resources, people)
    resolved = _resolve_all(doc, scan, gaz, mentions, kb=resources.kb)
    mentions = _add_repeats(doc, mentions, resolved, people)
    doc.places = _to_places(mentions, resolved)
    doc.places = [_described(doc.text, gaz, p) for p in doc.places]
    return doc


# --------------------------------------------------------------------------- finding


@dataclass
class _Scan:
    """What the finders read of every token, taken in one pass over the parse.

    spaCy builds a new Python object for each token on every iteration (and the whole string
    on every `Doc.text`), so the finders read these lists instead of the parse.
    """

    text: str
    lower: list[str]
    capitalised: list[bool]  # a proper noun or an all-capitals word ("BEIRUT")
    initial_upper: list[str]  # the token's text where it starts upper case, else ""

    @classmethod
    def of(cls, nlp: Doc, text: str) -> _Scan:
        """`text` is the parsed text (`Document.text`), which is `nlp.text`."""
        lower, caps, upper = [], [], []
        for tok in nlp:
            word = tok.text
            lower.append(tok.lower_)
            first_up = word[:1].isupper()
            upper.append(word if first_up else "")
            caps.append(
                first_up
                and (tok.pos_ == "PROPN" or (len(word) > 1 and word.isupper() and word.isalpha()))
            )
        return cls(text, lower, caps, upper)


def _find_mentions(
    doc: Document, scan: _Scan, gaz: Gazetteer, resources: Resources, people: set[str]
) -> list[_Mention]:
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def add(m: _Mention, *, marked: bool = False) -> None:
        # "on Thursday" is a day even though Thursday Island exists; "the town of X" is a place.
        if m.key in TIME_WORDS and not marked:
            return
        if not (m.iso3 or m.within or marked) and _not_a_place(scan.text, gaz, m, norp):
            return
        if m.end > m.start and not any(m.start < e and s < m.end for s, e in taken):
            found.append(m)
            taken.append((m.start, m.end))

    place_keys = _place_entity_keys(doc.entities)
    norp = {w for e in doc.entities if e.label == "NORP" for w in e.text.split()}
    for ent in sorted(doc.entities, key=lambda e: (e.start, -(e.end - e.start))):
        got = _from_entity(doc, gaz, ent, place_keys, resources)
        if not got and ent.label in ("ORG", "FAC"):
            got = _leading_place(doc, gaz, ent)
        for m in got:
            # A surname is the person unless NER calls it a place after "in", "near", ...
            cued = ent.label in ("GPE", "LOC") and _after_cue(doc, m.start)
            if m.iso3 or m.within or m.key not in people or cued:
                add(m)
    for m in _from_demonyms(doc.nlp, scan, gaz):
        add(m)
    for m in _from_settlement_words(doc.nlp, scan, gaz):
        add(m, marked=True)
    # One flag a character: a cheap overlap test for every candidate run.
    blocked = bytearray(len(scan.text) + 1)
    for e in doc.entities:
        if e.label in _NOT_PLACE_LABELS:
            blocked[e.start : e.end] = b"\x01" * (e.end - e.start)
    for m in _from_capitalised(doc.nlp, scan, gaz, blocked, place_keys):
        if m.key not in people:
            add(m)
    return found


#: A title before a name makes it a person's ("Ms Raggi", "Dr. Paterson").
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+$")
_TITLED = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s")
#: A place name before one of these names a disease ("West Nile virus", "Lassa fever").
_DISEASE = re.compile(
    r"^[\s-]+(?:virus|viruses|ebolavirus|fever|flu|influenza|disease|syndrome|encephalitis)\b",
    re.IGNORECASE,
)
#: Words that alone name a side, never a place ("in the South of France" is no South Region).
_COMPASS: frozenset[str] = _DIRECTIONS | {"far", "middle", "upper", "lower", "centre", "center"}


def _not_a_place(text: str, gaz: Gazetteer, m: _Mention, norp: set[str]) -> bool:
    """Names that look up in the gazetteer but are not places here: a titled person ("Ms
    Raggi"), a disease ("West Nile virus"), a bare compass word ("the South"), a short
    capitalised abbreviation that is no country or region ("BA", "E.U.": not Bath, not Eu), or
    a name after a nationality word ("the European Union": no town of Union)."""
    if _HONORIFIC.search(text[max(0, m.start - 6) : m.start]) or _TITLED.match(m.text):
        return True
    if _DISEASE.match(text[m.end : m.end + 16]):
        return True
    words = m.key.split()
    if words and all(w in _COMPASS for w in words) and not _is_country(gaz, m.key):
        return True
    letters = m.text.replace(".", "")
    # "NSW", "US" abbreviate a longer name; "BA" is the word Ba in capitals, or an airline.
    if len(letters) <= 3 and letters.isupper() and m.resolvable and not _abbreviates(gaz, m.key):
        return True
    before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, m.start - 20) : m.start])
    return (
        before is not None
        and (gaz.demonym(before.group(1)) is not None or before.group(1) in norp)
        and not _is_country(gaz, m.key)
        and not gaz.has(f"{before.group(1)} {m.text}")
    )


def _abbreviates(gaz: Gazetteer, key: str) -> bool:
    """Whether a short key abbreviates a country's or region's longer name ("nsw", "us")."""
    return any(
        c.feature in ("country", "admin1", "region") and len(normalize_name(c.name)) > 4
        for c in gaz.candidates(key)
    )


def _person_words(doc: Document, gaz: Gazetteer) -> set[str]:
    """Names that are people in this article, so never places: the surname of a person
    named in two or more words ("Barack Obama" makes a later "Obama" the man, not the town;
    a first name is not taken: "Paris Hilton" leaves Paris a city), and a person or group
    the knowledge base links. A country's or province's own name stays a place where NER
    also tags it one ("Georgia" beside "Mark Georgia")."""
    out: set[str] = set()
    for e in doc.entities:
        words = [w for w in e.text.split() if w[:1].isupper()]
        if e.label == "PERSON" and len(words) > 1:
            out.add(normalize_name(words[-1]))
        if e.kb_id and gaz.country(e.kb_id) is None and e.label in ("PERSON", "NORP"):
            out.add(normalize_name(e.text))
    for e in doc.entities:
        key = normalize_name(e.text)
        if e.label in ("GPE", "LOC") and key in out and not e.kb_id and _regional(gaz, key):
            out.discard(key)
    return out


def _place_entity_keys(entities: Iterable[EntitySpan]) -> set[str]:
    return {_core_key(e.text) for e in entities if e.label in ("GPE", "LOC")}


def _core_key(text: str) -> str:
    """The name inside "the city of X" / "X province" (or the whole text)."""
    match = _KIND_WORDS.match(text.strip())
    return normalize_name(match.group(1) if match else text)


def _trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a span."""
    text = doc.text[start:end]
    lead = re.match(r"(?i)the\s+", text)
    if lead:
        start += lead.end()
    tail = re.search(
        r"(?:['’]s?|-(?:led|based|backed|born|made|funded|controlled|held))$", doc.text[start:end]
    )
    if tail:
        end -= len(tail.group(0))
    return start, end


def _from_entity(
    doc: Document, gaz: Gazetteer, ent: EntitySpan, place_keys: set[str], resources: Resources
) -> list[_Mention]:
    if ent.label in _NEVER_PLACE_LABELS:
        return []
    if _nationality(gaz, ent.text):
        return []  # a nationality word alone ("Canadian", whatever NER calls it) is no place
    start, end = _widen(doc, gaz, *_trim(doc, ent.start, ent.end))
    text = doc.text[start:end]
    key = normalize_name(text)
    if not gaz.has(key):
        core = _core_key(text)
        key = core if gaz.has(core) else key
    side = _LEADING_SIDE.match(text)
    if side and not gaz.has(key) and gaz.has(text[side.end() :]):
        # "Eastern Mediterranean" tagged whole: the region found here, the side added later.
        start, text = start + side.end(), text[side.end() :]
        key = normalize_name(text)
    if ent.kb_id and ent.label in ("GPE", "LOC") and gaz.country(ent.kb_id) is not None:
        iso3 = ent.kb_id.upper()
        use = _kb_use(gaz, iso3, key, metonym=resources.kb.metonym_of(text) is not None)
        if use == "country":
            return [_Mention(start, end, key, text, iso3=iso3)]
        if use == "rhetoric":
            # "the Zionist entity" names an actor; after "in", "inside" it is the country.
            return [_Mention(start, end, key, text, iso3=iso3)] if _after_cue(doc, start) else []
        # A seat ("Tehran", "Washington") is its city, looked up within the KB's state.
        prefer = frozenset({"city"}) if use == "seat" else frozenset()
        return [_Mention(start, end, key, text, prefer=prefer, within=iso3)]
    if gaz.has(key):
        if ent.label in ("GPE", "LOC", "FAC") or _place_context(
            doc, gaz, start, end, key, place_keys, label=ent.label
        ):
            return [_Mention(start, end, key, text)]
        return []
    if ent.label in ("GPE", "LOC") and "," in text:
        return _split_list(doc, gaz, start, end)
    parts = _coordinated_parts(doc, gaz, start, end)
    if parts and (ent.label in ("GPE", "LOC", "FAC") or _after_cue(doc, start)):
        return parts
    if ent.label in ("GPE", "LOC") and text[:1].isupper():
        return [_Mention(start, end, key, text, resolvable=False)]
    if _site_name(doc, gaz, ent, start, end):
        return [_Mention(start, end, key, text, resolvable=False, site=True)]
    return []


#: Last words of a news outlet's name: a place that leads it is no toponym ("the New York
#: Times", "Radio Pyongyang" aside, "Bucharest Daily News").
_MEDIA_WORDS: frozenset[str] = frozenset({
    "times", "news", "post", "herald", "journal", "daily", "radio", "television", "tv",
    "tribune", "gazette", "telegraph", "star", "globe", "mail", "observer", "press", "chronicle",
    "sun", "review", "magazine", "standard", "independent", "guardian", "examiner", "today",
})  # fmt: skip


def _leading_place(doc: Document, gaz: Gazetteer, ent: EntitySpan) -> list[_Mention]:
    """A well-known place that opens an institution's name is a toponym: "Kentucky State
    Police", "the Toronto General Hospital" (a country, province or state, or a city of
    50,000+, called exactly so), but not a news outlet's ("the Los Angeles Times")."""
    start, end = _trim(doc, ent.start, ent.end)
    words = doc.text[start:end].split()
    if len(words) < 2 or any(w.lower().strip(".,") in _MEDIA_WORDS for w in words):
        return []
    for n in range(min(_MAX_NGRAM, len(words) - 1), 0, -1):
        name = " ".join(words[:n])
        key = normalize_name(name)
        if not all(_name_word(w) for w in words[:n]) or _nationality(gaz, key):
            continue
        if any(_well_known(c, key, admin=True) for c in gaz.candidates(key)):
            return [_Mention(start, start + len(name), key, name)]
    return []


def _widen(doc: Document, gaz: Gazetteer, start: int, end: int) -> tuple[int, int]:
    """The longest gazetteer name that holds the span and up to two capitalised words on
    either side, when the entry is called exactly so: NER often splits "Port Said" ("Said"
    a person) and "Kuwait City" ("Kuwait" the country)."""
    span = doc.nlp.char_span(start, end, alignment_mode="expand") if doc.nlp else None
    if span is None or not any(ch.isalpha() for ch in doc.text[start:end]):
        return start, end  # a stray quote mark tagged as an entity widens to nothing
    toks = doc.nlp
    best, best_len = (start, end), 0
    for left in range(3):
        first = span.start - left
        if first < 0 or not all(_extends(toks[k]) for k in range(first, span.start)):
            break
        for right in range(3):
            last = span.end + right
            if last > len(toks) or not all(_extends(toks[k]) for k in range(span.end, last)):
                break
            if left == right == 0:
                continue
            s, e = toks[first].idx, toks[last - 1].idx + len(toks[last - 1])
            key = normalize_name(doc.text[s:e])
            if e - s > best_len and any(normalize_name(c.name) == key for c in gaz.candidates(key)):
                best, best_len = (s, e), e - s
    return best


def _extends(tok: Token) -> bool:
    return _name_word(tok.text) and not tok.is_stop  # "The E.U." is no longer name than "E.U."


def _name_word(word: str) -> bool:
    return word[:1].isupper() and word.replace(".", "").isalpha()


_COORDINATION = re.compile(r"\s*(?:,\s*and\b|,|&|\band\b|\bor\b)\s*")


def _coordinated_parts(doc: Document, gaz: Gazetteer, start: int, end: int) -> list[_Mention]:
    """ "Rafah and Khan Younis" tagged as one entity: one mention per part, when every part
    is a capitalised name the gazetteer knows."""
    text = doc.text[start:end]
    chunks, pos = [], 0
    for sep in _COORDINATION.finditer(text):
        chunks.append((pos, text[pos : sep.start()]))
        pos = sep.end()
    if not chunks:
        return []
    chunks.append((pos, text[pos:]))
    out = []
    for offset, word in chunks:
        key = normalize_name(word)
        if not word[:1].isupper() or not gaz.has(key) or _nationality(gaz, key):
            return []
        out.append(_Mention(start + offset, start + offset + len(word), key, word))
    return out if len(out) > 1 else []


def _is_country(gaz: Gazetteer, key: str) -> bool:
    return any(c.feature == "country" for c in gaz.candidates(key))


def _regional(gaz: Gazetteer, key: str) -> bool:
    return any(c.feature in ("country", "admin1", "region") for c in gaz.candidates(key))


def _nationality(gaz: Gazetteer, name: str) -> bool:
    """A nationality word that is not also a country's name ("Canadian", not Canadian, TX)."""
    return gaz.demonym(name) is not None and not _is_country(gaz, name)


def _site_name(doc: Document, gaz: Gazetteer, ent: EntitySpan, start: int, end: int) -> bool:
    """A named site the gazetteer lacks ("al-Shaab Stadium", "Manger Square"): an entity whose
    last word is a capitalised site noun, and that holds no known place name (that one is
    found on its own: "Baghdad International Airport" gives Baghdad)."""
    if ent.label not in ("FAC", "ORG", "PERSON"):
        return False
    words = doc.text[start:end].split()
    if len(words) < 2 or not words[-1][:1].isupper() or words[-1].lower() not in SITE_NOUNS:
        return False
    return not any(
        gaz.has(normalize_name(w)) or gaz.demonym(w) is not None
        for w in words[:-1]
        if w[:1].isupper()
    )


def _kb_use(gaz: Gazetteer, iso3: str, key: str, *, metonym: bool) -> str:
    """How a name that the knowledge base links to a state is a place.

    "country": a name of the country itself, or a seat the gazetteer lacks in that country
    ("Whitehall"); "seat": a capital or seat of government that stands for its state
    ("Tehran", "Washington"), whose place is the city; "toponym": another name the gazetteer
    knows in that country; "rhetoric": a name no gazetteer has ("the Zionist entity").
    """
    entries = [e for e in gaz.candidates(key) if e.country == iso3]
    if any(e.feature == "country" for e in entries):
        return "country"
    if entries:
        return "seat" if metonym else "toponym"
    return "country" if metonym else "rhetoric"


def _after_cue(doc: Document, start: int) -> bool:
    """Whether a locative preposition ("in", "inside", "near", ...) comes right before."""
    before = re.search(r"(\w+)\s+(?:the\s+)?$", doc.text[max(0, start - 30) : start])
    return before is not None and before.group(1).lower() in PLACE_CUE_PREPS - {"from"}


def _split_list(doc: Document, gaz: Gazetteer, start: int, end: int) -> list[_Mention]:
    """ "Pandi, Bulacan" or "Basra, Najaf and Karbala" tagged as one entity: one mention per
    part (a part the gazetteer lacks is kept unresolved)."""
    text, out, pos = doc.text[start:end], [], 0
    for sep in [*_COORDINATION.finditer(text), None]:
        chunk = text[pos : sep.start() if sep else len(text)]
        s = start + pos + len(chunk) - len(chunk.lstrip())
        e = s + len(chunk.strip())
        pos = sep.end() if sep else len(text)
        if e > s:
            key = normalize_name(doc.text[s:e])
            out.append(_Mention(s, e, key, doc.text[s:e], resolvable=gaz.has(key)))
    return out


def _place_context(
    doc: Document, gaz: Gazetteer, start: int, end: int, key: str, keys: set[str], *, label: str
) -> bool:
    """Whether a known name that NER tagged ORG or PERSON is used as a place here."""
    person = label == "PERSON"
    if key in keys:
        return True
    span = doc.nlp.char_span(start, end, alignment_mode="expand")
    if span is not None and _territorial_object(span.root):
        return True
    before = re.search(r"(\w+)\s+(\w+)\s*$", doc.text[max(0, start - 30) : start])
    # "from" before a person is a sender ("a letter from Paterson"), before an ORG a place.
    cues = PLACE_CUE_PREPS - {"from"} if person else PLACE_CUE_PREPS
    if before and before.group(2).lower() in cues | _DIRECTIONS:
        return True
    if before and before.group(2).lower() == "of" and before.group(1).lower() in OF_NOUNS:
        return True
    # "Paterson said" is a person even though Paterson, NJ is a city.
    # A province's own name counts alone for an ORG ("Saskatchewan's hospitals"), not for a
    # person or a group ("Chechen" fighters, "Arad" the captive).
    admin = label in ("ORG", "FAC")
    return any(_well_known(e, key, cities=not person, admin=admin) for e in gaz.candidates(key))


def _territorial_object(tok: Token) -> bool:
    return tok.dep_ == "dobj" and tok.head.lemma_ in TERRITORIAL_VERBS


_ADMIN_SUFFIX = re.compile(r"\s+(?:province|state|region|governorate|oblast|territory)$")


def _well_known(entry: GazEntry, key: str, *, cities: bool = True, admin: bool = False) -> bool:
    """A country, region or large city called exactly so (not by an alternate name);
    with `admin`, also a first-level region ("Ontario", "Kentucky")."""
    if entry.feature == "country":
        return True  # its names are all official or common English ones
    if normalize_name(entry.name) != key and not (admin and entry.feature == "admin1"):
        return False
    if admin and entry.feature == "admin1":
        return normalize_name(entry.name) == key or _ADMIN_SUFFIX.sub("", entry.name.lower()) == key
    return entry.feature == "region" or (cities and entry.population >= _KNOWN_CITY)


def _from_demonyms(nlp: Doc, scan: _Scan, gaz: Gazetteer) -> list[_Mention]:
    out = []
    for i in range(len(scan.lower) - 1):
        if scan.initial_upper[i] and scan.lower[i + 1] in TERRITORY_NOUNS:
            iso3 = gaz.demonym(scan.initial_upper[i])
            if iso3 and gaz.country(iso3) is not None:
                tok = nlp[i]
                out.append(_Mention(tok.idx, tok.idx + len(tok), tok.lower_, tok.text, iso3=iso3))
    return out


def _from_settlement_words(nlp: Doc, scan: _Scan, gaz: Gazetteer) -> list[_Mention]:
    """Names that a settlement word marks as places: "the town of X", "X district"."""
    out = []
    text = scan.text
    for i, lower in enumerate(scan.lower):
        if lower not in _SETTLEMENT_WORDS:
            continue
        tok = nlp[i]
        run: list[Token] = []
        if tok.i + 2 < len(nlp) and nlp[tok.i + 1].lower_ == "of":
            run = _run(nlp, tok.i + 2, step=1)
        elif tok.i > 0:
            run = _run(nlp, tok.i - 1, step=-1)
        if not run:
            continue
        start, end = run[0].idx, run[-1].idx + len(run[-1])
        if run[-1].i < tok.i and tok.text[:1].isupper():
            whole = normalize_name(text[start : tok.idx + len(tok)])
            if gaz.has(whole):  # "Metcalfe County" is the county, not the town of Metcalfe
                end = tok.idx + len(tok)
        key = normalize_name(text[start:end])
        out.append(_Mention(start, end, key, text[start:end], resolvable=gaz.has(key)))
    return out


def _run(nlp: Doc, i: int, *, step: int) -> list[Token]:
    """The capitalised name run starting at token i and going forwards or backwards."""
    run: list[Token] = []
    while 0 <= i < len(nlp) and len(run) < _MAX_NGRAM:
        tok = nlp[i]
        if tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ") and tok.is_alpha:
            run.append(tok)
        elif tok.text in ("-",) or tok.lower_ in ("al", "el", "ad", "as", "ar", "ash", "an"):
            run.append(tok)  # "al-Tijara", "Al-Dawr"
        else:
            break
        i += step
    run = run if step > 0 else run[::-1]
    while run and not run[0].text[:1].isupper():
        run = run[1:] if run[0].text == "-" else run
        if run and run[0].text == "-":
            continue
        break
    while run and run[-1].text == "-":
        run = run[:-1]
    return run if run and any(t.text[:1].isupper() for t in run) else []


def _from_capitalised(
    nlp: Doc, scan: _Scan, gaz: Gazetteer, blocked: bytearray, place_keys: set[str]
) -> list[_Mention]:
    """Known names among capitalised words that NER missed ("Louisville, Ky.", "LONDON")."""
    out = []
    i = 0
    while i < len(nlp):
        got = _longest_name(nlp, scan, gaz, i, blocked, place_keys)
        if got is None:
            i += 1
            continue
        out.append(got[0])
        i = got[1]
    return out


def _longest_name(
    nlp: Doc, scan: _Scan, gaz: Gazetteer, i: int, blocked: bytearray, place_keys: set[str]
) -> tuple[_Mention, int] | None:
    caps, text = scan.capitalised, scan.text
    if not caps[i]:
        return None
    stop = i
    while stop < len(caps) and stop - i < _MAX_NGRAM and caps[stop]:
        stop += 1
    for j in range(stop, i, -1):
        start, end = nlp[i].idx, nlp[j - 1].idx + len(nlp[j - 1])
        if text[end : end + 1] == "." and not nlp[j - 1].text.endswith("."):
            end += 1  # "Ky." split as "Ky" "."
        if 1 in blocked[start:end]:
            continue
        key = normalize_name(text[start:end])
        if not gaz.has(key) or _nationality(gaz, key):
            continue
        if _cued(nlp, i, j, gaz, key, place_keys, whole_run=j == stop):
            return _Mention(start, end, key, text[start:end]), j
    return None


def _cued(
    nlp: Doc, i: int, j: int, gaz: Gazetteer, key: str, keys: set[str], *, whole_run: bool
) -> bool:
    if key in keys:
        return True
    prev = nlp[i - 1] if i > 0 else None
    if prev is not None and prev.lower_ in PLACE_CUE_PREPS | _DIRECTIONS:
        return True
    if _territorial_object(nlp[j - 1]):
        return True
    if prev is not None and prev.lower_ == "of" and i > 1 and nlp[i - 2].lower_ in OF_NOUNS:
        return True  # "the outskirts of X", "the siege of X"
    if prev is not None and prev.text == "," and i > 1 and nlp[i - 2].text[:1].isupper():
        return True  # "Louisville, Ky."
    is_dateline = i == 0 or nlp[i - 1].is_space or nlp[i - 1].text == "\n"
    if nlp[i].is_upper and is_dateline:
        return True
    # "Olympic" of "Olympic Games" is no place: only a whole capitalised run counts uncued.
    return whole_run and any(_well_known(e, key) for e in gaz.candidates(key))


# --------------------------------------------------------------------------- resolving


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


def _qualifiers(doc: Document, mentions: list[_Mention], gaz: Gazetteer) -> dict[str, set[str]]:
    """name -> qualifier names that follow it ("Paris, Texas" -> {"texas"})."""
    out: dict[str, set[str]] = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):
        between = doc.text[a.end : b.start]
        if a.iso3 or _is_country(gaz, a.key):
            continue  # a country is never qualified: "in Russia, U.S. officials said" is a list
        if between.strip() in (",", "") and len(between) <= 3 and gaz.has(b.key):
            out.setdefault(a.key, set()).add(b.key)
    return out


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
) -> GazEntry | None:
    """The best entry for a name, given the article's countries and a following qualifier.

    `prefer` holds features the text names ("the city of X" -> city, "X province" -> admin1);
    `within` an ISO3 code the entry must have (a name the KB links to that state); `near`
    the points of the article's other resolved towns.
    """
    entries = [e for e in gaz.candidates(key) if within is None or e.country == within]
    if not entries:
        return None
    context = context or Counter()
    quals = [gaz.candidates(q) for q in qualifiers]
    total = sum(context.values())
    big_cities = {
        e.country for e in entries if e.feature == "city" and e.population >= 50_000
        and normalize_name(e.name) == key
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
    # Fame decides only while the text says nothing local: a qualifier, a named region or a
    # nearby town of one candidate ("Edmonton" beside Enfield is the London one).
    famous = not any(closeness.values()) and not any(
        _contains(outer, e) for q in quals for outer in q for e in entries
    )

    def score(e: GazEntry) -> float:
        value = _score(e, key, context, total, quals, fame=famous)
        if bordering and e.country and context.keys() & gaz.neighbours(e.country):
            value += _NEIGHBOUR
        value += closeness[id(e)]
        value += 5.0 if e.feature in prefer else 0.0
        if e.feature == "admin1":
            # "Aleppo" is the city before the governorate; "Florida" the US state first.
            value -= 2.0 if e.country in big_cities else 0.0
            country = gaz.country(e.country) if e.country else None
            value += math.log10(country.population + 1) / 10 if country else 0.0
        return value

    return max(entries, key=score)


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
    own_name = e.feature in ("country", "region") or normalize_name(e.name) == key
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
            and inner.feature == "city"
            and inner.admin1 is not None
            and normalize_name(inner.admin1) == normalize_name(outer.name)
        )
    return False


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
    quals = _qualifiers(doc, mentions, gaz)
    admin_context = frozenset(
        m.key for m in mentions if any(e.feature == "admin1" for e in gaz.candidates(m.key))
    )
    out: dict[str, GazEntry | None] = {}
    own: dict[str, Counter[str]] = {}  # what each name adds to the context (none at first)
    hints = _feature_hints(doc.text, mentions)
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
                    qualifiers=quals.get(m.key, ()),
                    admin_context=admin_context - {m.key},
                    prefer=hints.get(m.key, frozenset()) | kb_said.get(m.key, (m.prefer,))[0],
                    within=kb_said.get(m.key, (None, None))[1],
                    near=[p for k, p in points.items() if k != m.key],
                )
        own = {}
        # Towns (not regions or countries, whose points are centres) anchor their neighbours.
        points = {
            k: (e.lat, e.lon)
            for k, e in out.items()
            if e is not None and e.feature in ("city", "other") and e.lat is not None
            and e.lon is not None
        }  # fmt: skip
        for m in mentions:
            entry = out.get(f"iso3:{m.iso3}" if m.iso3 else m.key)
            if entry is not None and entry.country and not m.iso3:
                own.setdefault(m.key, Counter())[entry.country] += 1
        context = _context_countries(fixed, gaz, mentions)
        for counts in own.values():
            context += counts
    for key in {m.key for m in mentions if not m.iso3 and m.resolvable}:
        entry = out.get(key)
        if (
            entry is not None
            and key not in quals
            and _stray(gaz, entry, context - own.get(key, Counter()))
        ):
            # Kept as an unresolved name: it takes the article's country, not a far town's.
            del out[key]
            for m in mentions:
                m.resolvable = m.resolvable and m.key != key
    return out


def _stray(gaz: Gazetteer, entry: GazEntry, context: Counter[str]) -> bool:
    """A small town far from an article that is mostly about one country (half of its
    country mentions, three at least): no town of the name lies in a country the article
    names or one beside it, and the best is a town of under 50,000 ("Heathrow" in a British
    story is no Heathrow, Florida)."""
    if entry.feature != "city" or entry.population >= _KNOWN_CITY or not entry.country:
        return False
    total = sum(context.values())
    top = context.most_common(1)[0][1] if total else 0
    # One demonym ("French forces") is too little to say what the article is about.
    if top < _STRAY_MENTIONS or top / total < _STRAY_SHARE:
        return False
    return entry.country not in context and not (context.keys() & gaz.neighbours(entry.country))


_HINT_BEFORE = re.compile(
    r"\b(city|town|village|province|governorate|state|region)\s+of\s+(?:the\s+)?$", re.I
)
_HINT_AFTER = re.compile(r"^\s+(city|town|village|province|governorate|state|region)\b", re.I)
_HINT_FEATURE: dict[str, str] = {
    "city": "city", "town": "city", "village": "city", "province": "admin1",
    "governorate": "admin1", "state": "admin1", "region": "admin1",
}  # fmt: skip


def _feature_hints(text: str, mentions: list[_Mention]) -> dict[str, frozenset[str]]:
    """name -> features its surroundings name: "the city of Jenin", "Idlib province"."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        before = _HINT_BEFORE.search(text[max(0, m.start - 30) : m.start])
        after = _HINT_AFTER.match(text[m.end : m.end + 20])
        for hit in (before, after):
            if hit:
                out.setdefault(m.key, set()).add(_HINT_FEATURE[hit.group(1).lower()])
    return {k: frozenset(v) for k, v in out.items()}


def _add_repeats(
    doc: Document, mentions: list[_Mention], resolved: dict[str, GazEntry | None], people: set[str]
) -> list[_Mention]:
    """Tag every other occurrence of a resolved name that is not inside a longer name."""
    taken = [(m.start, m.end) for m in mentions]
    # A place inside an organisation's name is still that place ("Kentucky State Police");
    # inside a person's name it is not ("George Washington").
    blocked = [(e.start, e.end) for e in doc.entities if e.label in ("PERSON", "NORP")]
    # Names the KB links to a state were tagged mention by mention already (by its ruler).
    seen_text = {
        m.text
        for m in mentions
        if resolved.get(m.key) is not None and not (m.iso3 or m.within) and m.key not in people
    }
    out = list(mentions)
    for text in seen_text:
        for hit in re.finditer(rf"(?<![\w.-]){re.escape(text)}(?![\w-])", doc.text):
            s, e = hit.span()
            if any(s < b and a < e for a, b in taken):
                continue
            if any(a <= s and e <= b and (a, b) != (s, e) for a, b in blocked):
                continue
            titled = _HONORIFIC.search(doc.text[max(0, s - 6) : s])
            if titled or _DISEASE.match(doc.text[e : e + 16]):
                continue
            out.append(_Mention(s, e, normalize_name(text), text))
            taken.append((s, e))
    return sorted(out, key=lambda m: m.start)


def _to_places(mentions: list[_Mention], resolved: dict[str, GazEntry | None]) -> list[Place]:
    places: list[Place] = []
    # A named site or a name the gazetteer lacks (a village, a district) lies, most likely,
    # in the country most of the article's places are in.
    countries = Counter(
        e.country
        for m in mentions
        if (e := resolved.get(f"iso3:{m.iso3}" if m.iso3 else m.key)) is not None and e.country
    )
    site_country = countries.most_common(1)[0][0] if countries else None
    for m in sorted(mentions, key=lambda m: m.start):
        entry = resolved.get(f"iso3:{m.iso3}" if m.iso3 else m.key)
        pid = f"P{len(places) + 1}"
        if entry is None:
            if m.iso3 or (m.resolvable and m.key in resolved):
                continue  # a known-name mention whose lookup failed: not a place after all
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


#: A direction adjective before a country or province: "northern Syria" is a region of it.
_SIDES = (
    r"(north|south|east|west|central|northern|southern|eastern|western|"
    r"north[- ]?eastern|north[- ]?western|south[- ]?eastern|south[- ]?western)"
)
_DESCRIBED = re.compile(rf"\b{_SIDES}\s+$", re.IGNORECASE)
_LEADING_SIDE = re.compile(rf"{_SIDES}\s+", re.IGNORECASE)


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
