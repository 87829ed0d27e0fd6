"""Finding toponyms: GPE/LOC/FAC entities; ORG/PERSON entities and capitalised words that the
gazetteer knows, when the context says "place"; demonyms only before a territory noun. Reads
the entities; the token scans are in `scan`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from ...lexicon import words
from ...record import Document, EntitySpan
from ...resources.gazetteer import Gazetteer, normalize_name
from ...resources.place_words import OF_NOUNS, SITE_NOUNS
from .mention import (
    _COMPASS,
    _CUE_OR_SIDE,
    _DISEASE,
    _HONORIFIC,
    _KNOWN_CITY,
    _LEADING_SIDE,
    _MAX_NGRAM,
    _MEDIA_WORDS,
    _TITLED,
    TIME_WORDS,
    _after_bearing,
    _after_cue,
    _appositive_settlement,
    _conjunct_of_place,
    _core_key,
    _facility_modifier,
    _is_country,
    _Mention,
    _name_word,
    _nationality,
    _outlets,
    _regional,
    _Scan,
    _territorial_object,
    _well_known,
)
from .scan import _from_capitalised, _from_demonyms, _from_settlement_words
from .spans import _coordinated_parts, _split_list, _trim, _widen

if TYPE_CHECKING:
    from ...resources import Resources

__all__ = ["_find_mentions", "_person_words"]


#: Entity labels whose spans are never looked up (NER's other labels may hide a place).
_NEVER_PLACE_LABELS = words("never_place_label")
#: Entity labels that are never places; capitalised words inside them are not scanned.
_NOT_PLACE_LABELS = words("not_place_label")


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
        if any(a <= m.start and m.end <= b for a, b in outlets):
            return  # "the Los Angeles Times", "China Daily": an outlet's name
        if not (m.iso3 or m.within or marked) and _the_small_town(doc, gaz, m):
            m.resolvable, m.site = False, True  # "the White House" is no White House, TN
        if m.end > m.start and not any(m.start < e and s < m.end for s, e in taken):
            found.append(m)
            taken.append((m.start, m.end))

    outlets = _outlets(doc.text, doc.entities)
    place_keys = _place_entity_keys(doc.entities)
    norp = {w for e in doc.entities if e.label == "NORP" for w in e.text.split()}
    for ent in sorted(doc.entities, key=lambda e: (e.start, -(e.end - e.start))):
        got = _from_entity(doc, gaz, ent, place_keys, resources)
        if not got and ent.label in ("ORG", "FAC"):
            got = _leading_place(doc, gaz, ent) or _trailing_country(doc, gaz, ent)
        for m in got:
            # A surname is the person unless NER calls it a place after "in", "near", ...
            # or a comma and a state that holds such a town follow ("Reston, Virginia")
            cued = (ent.label in ("GPE", "LOC") and _after_cue(doc, m.start)) or _qualified_town(
                gaz, doc.text, m.start, m.end
            )
            if m.iso3 or m.within or m.key not in people or cued:
                add(m)
    for m in _from_demonyms(doc.nlp, scan, gaz):
        add(m)
    for m, marked in _from_settlement_words(doc.nlp, scan, gaz):
        add(m, marked=marked)
    # One flag a character: a cheap overlap test for every candidate run.
    blocked = bytearray(len(scan.text) + 1)
    for e in doc.entities:
        if e.label in _NOT_PLACE_LABELS:
            blocked[e.start : e.end] = b"\x01" * (e.end - e.start)
    for m in _from_capitalised(doc.nlp, scan, gaz, blocked, place_keys):
        if m.key not in people:
            add(m)
    return found


def _not_a_place(text: str, gaz: Gazetteer, m: _Mention, norp: set[str]) -> bool:
    """Names that look up in the gazetteer but are not places here: a word without a
    capital, a titled person ("Ms Raggi"), a disease ("West Nile virus"), a bare compass word
    ("the South"), a short capitalised abbreviation that is no country or region ("BA",
    "E.U.": not Bath, not Eu), or a name after a nationality word ("the European Union": no
    town of Union)."""
    if not any(ch.isupper() for ch in m.text):
        return True  # edited text capitalises names: NER's "n’t" as a GPE is no "NT"
    if _HONORIFIC.search(text[max(0, m.start - 6) : m.start]) or _TITLED.match(m.text):
        return True
    if _DISEASE.match(text[m.end : m.end + 32]):
        return True
    words = m.key.split()
    # a written region of such words ("the Middle East") is a name, not a side
    if (
        words
        and all(w in _COMPASS for w in words)
        and not _is_country(gaz, m.key)
        and not any(c.feature == "region" for c in gaz.candidates(m.key))
    ):
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


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _the_small_town(doc: Document, gaz: Gazetteer, m: _Mention) -> bool:
    """A name after "the" that heads its phrase and could only be a small town ("at the
    White House", "the Pentagon said") names a building or a feature: towns take no article
    unless it is part of their name ("The Dalles"); a modifier still is the town ("the
    Toowong restaurant")."""
    if not m.resolvable or not _THE_BEFORE.search(doc.text[max(0, m.start - 5) : m.start]):
        return False
    entries = gaz.candidates(m.key)
    # (a city known abroad by a translation of the name, Casablanca's "White House", is
    # not what "the White House" means either)
    own = [e for e in entries if normalize_name(e.name) == m.key]
    if not own or any(
        e.feature != "city" or e.population >= _KNOWN_CITY or e.name.lower().startswith("the ")
        for e in own
    ):
        return False
    if any(e.feature != "city" for e in entries):
        return False
    span = doc.nlp.char_span(m.start, m.end, alignment_mode="expand") if doc.nlp else None
    after = doc.nlp[span.end] if span is not None and span.end < len(doc.nlp) else None
    # "the Etoumbi and Mbomo districts": a coordinated modifier, still the town
    return after is None or after.pos_ not in ("NOUN", "PROPN", "CCONJ")


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


def _from_entity(
    doc: Document, gaz: Gazetteer, ent: EntitySpan, place_keys: set[str], resources: Resources
) -> list[_Mention]:
    if ent.label in _NEVER_PLACE_LABELS:
        return []
    if ent.label == "LANGUAGE" and _language_name(ent.text, loose=True):
        return []  # "speak Hindi"; NER's LANGUAGE "Aleppo" ("in Aleppo?") is checked below
    if _nationality(gaz, ent.text):
        return []  # a nationality word alone ("Canadian", whatever NER calls it) is no place
    start, end = _widen(doc, gaz, *_trim(doc, ent.start, ent.end))
    text = doc.text[start:end]
    key = normalize_name(text)
    if not gaz.has(key):
        core = _core_key(text)
        key = core if gaz.has(core) else key
    side = _LEADING_SIDE.match(text)
    # a country, region or big city has sides ("North Dallas"); "the South Pacific" is no
    # side of Pacific, Missouri
    if side and not gaz.has(key) and _has_sides(gaz, text[side.end() :]):
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
        span = doc.nlp.char_span(start, end, alignment_mode="expand")
        if span is not None and ent.label != "PERSON" and _facility_modifier(span.root):
            return [_Mention(start, end, key, text, weak=True)]
        return []
    if ent.label in ("GPE", "LOC") and "," in text:
        return _split_list(doc, gaz, start, end)
    parts = _coordinated_parts(doc, gaz, start, end)
    if parts and (ent.label in ("GPE", "LOC", "FAC") or _after_cue(doc, start)):
        return parts
    # a name with a digit in a word ("H5N1", "COVID-19") is a code, not a place
    coded = any(ch.isdigit() for ch in text)
    if (
        ent.label in ("GPE", "LOC")
        and text[:1].isupper()
        and not _language_name(text)
        and not coded
    ):
        inner = _inner_name(gaz, text.split())
        return [_Mention(start, end, key, text, resolvable=False, named_after=inner)]
    span = doc.nlp.char_span(start, end, alignment_mode="expand")
    if ent.label in ("ORG", "PERSON") and span is not None and _appositive_settlement(span.root):
        # "Dogu Beyazit, a farming town in eastern Turkey": a town the gazetteer lacks
        return [_Mention(start, end, key, text, resolvable=False)]
    if (named := _site_name(doc, gaz, ent, start, end, place_keys)) is not None:
        return [_Mention(start, end, key, text, resolvable=False, site=True, named_after=named)]
    return []


@cache
def _language_names() -> tuple[frozenset[str], frozenset[str]]:
    """ISO 639-3 language names (pycountry) without a parenthesis ("Swahili
    (macrolanguage)"), and every word of three letters or more in them ("Pashto" of
    "Northern Pashto", "Mandarin" of "Mandarin Chinese")."""
    import pycountry

    names = {
        re.sub(r"\s*\(.*\)", "", getattr(lang, "name", "")).lower() for lang in pycountry.languages
    }
    found = (w for n in names for w in re.findall(r"[a-z]{3,}", n))
    return frozenset(names), frozenset(found)


def _language_name(text: str, *, loose: bool = False) -> bool:
    """Whether a name is a language's; `loose`: whether it holds a word of one (for what NER
    already calls a language)."""
    names, found = _language_names()
    if not loose:
        return text.strip().lower() in names
    return any(w in found for w in re.findall(r"[a-z]+", text.lower()))


def _has_sides(gaz: Gazetteer, name: str) -> bool:
    return any(
        c.feature in ("country", "admin1", "region") or c.population >= _KNOWN_CITY
        for c in gaz.candidates(name)
    )


def _trailing_country(doc: Document, gaz: Gazetteer, ent: EntitySpan) -> list[_Mention]:
    """A country that ends an organisation's name names its national branch's country:
    "Environment Canada", "Costco Canada"."""
    start, end = _trim(doc, ent.start, ent.end)
    words = doc.text[start:end].split()
    if len(words) < 2 or not _name_word(words[-1]) or words[-2].lower() in ("of", "for"):
        return []
    key = normalize_name(words[-1])
    if not _is_country(gaz, key):
        return []
    return [_Mention(end - len(words[-1]), end, key, words[-1])]


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


def _site_name(
    doc: Document, gaz: Gazetteer, ent: EntitySpan, start: int, end: int, place_keys: set[str]
) -> str | None:
    """A named site the gazetteer lacks ("al-Shaab Stadium", "Manger Square"): an entity whose
    last word is a capitalised site noun, and that holds no place name found on its own
    ("Baghdad International Airport" gives Baghdad). A site named after a person or a small
    town ("Pearson International Airport": Pearson, Georgia is a village; "the Ubay Community
    Hospital") is the site. Gives None for no site, else the longest gazetteer name in it
    ("ubay"; "" for none): the town the site may be named after."""
    if ent.label not in ("FAC", "ORG", "PERSON"):
        return None
    words = doc.text[start:end].split()
    if len(words) < 2 or not words[-1][:1].isupper() or words[-1].lower() not in SITE_NOUNS:
        return None
    if any(w[:1].isupper() and gaz.demonym(w) is not None for w in words[:-1]):
        return None
    for n in range(min(_MAX_NGRAM, len(words) - 1), 0, -1):
        for i in range(len(words) - n):
            part = words[i : i + n]
            if not all(w[:1].isupper() for w in part):
                continue
            key = normalize_name(" ".join(part))
            if key in place_keys or any(
                _well_known(c, key, admin=True) for c in gaz.candidates(key)
            ):
                return None
    return _inner_name(gaz, words)


def _inner_name(gaz: Gazetteer, words: list[str]) -> str:
    """The longest capitalised run of a longer name that the gazetteer knows ("salinas" of
    "Salinas Valley"), not a side word; "" for none."""
    for n in range(min(_MAX_NGRAM, len(words) - 1), 0, -1):
        for i in range(len(words) - n + 1):
            part = words[i : i + n]
            key = normalize_name(" ".join(part))
            if all(w[:1].isupper() for w in part) and key not in _COMPASS and gaz.has(key):
                return key
    return ""


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


#: Capitalised words and a comma right before a name: "Barrie, " of "Barrie, Ont.".
_QUALIFYING = re.compile(r"\b([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}),\s*$")


def _holds_town(gaz: Gazetteer, key: str, before: str) -> bool:
    """Whether a first-level region or country called `key` holds a town called by the
    last words of `before` ("Barrie" in Ontario, "EDMONTON" in Kentucky)."""
    words = before.split()
    towns = [
        c
        for n in range(len(words))
        for c in gaz.candidates(" ".join(words[n:]))
        if c.feature == "city"
    ]
    return any(
        (
            e.feature == "admin1"
            and any(
                normalize_name(t.admin1 or "") == normalize_name(e.name)
                for t in towns
                if t.country == e.country
            )
        )
        or (e.feature == "country" and any(t.country == e.country for t in towns))
        for e in gaz.candidates(key)
    )


#: A comma and up to three capitalised words right after a name: ", Virginia" of
#: "Reston, Virginia".
_QUALIFIED = re.compile(r",\s*([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})")


def _qualified_town(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """Whether a comma and a first-level region or country that holds a town of the name
    follow it ("Reston, Virginia", "Dong Xoai, Vietnam"): the text places the name, so it
    is the town even where NER, or a person of that surname, says otherwise."""
    after = _QUALIFIED.match(text, end)
    if after is None:
        return False
    words = after.group(1).rstrip(".").split()
    return any(
        _holds_town(gaz, normalize_name(" ".join(words[:n])), text[start:end])
        for n in range(len(words), 0, -1)
    )


#: A possessive "'s" that ends a name or comes before another capitalised word.
_POSSESSIVE = re.compile(r"['’]s(?:\s+[A-Z]|\W*$|[^\w\s])")


def _place_context(
    doc: Document, gaz: Gazetteer, start: int, end: int, key: str, keys: set[str], *, label: str
) -> bool:
    """Whether a known name that NER tagged ORG or PERSON is used as a place here."""
    person = label == "PERSON"
    if key in keys:
        return True
    admin = label in ("ORG", "FAC")
    known = any(_well_known(e, key, cities=not person, admin=admin) for e in gaz.candidates(key))
    if _POSSESSIVE.match(doc.text, end) and not any(
        _well_known(e, key, admin=True) for e in gaz.candidates(key)
    ):
        # "at Scott's City Limits", "from McDonald's": a shop named after a person; a
        # well-known place still holds what follows ("Giza's Haram district")
        return False
    span = doc.nlp.char_span(start, end, alignment_mode="expand")
    if span is not None and _territorial_object(span.root):
        return True
    if span is not None and (
        _conjunct_of_place(span.root, gaz, person=person) or _appositive_settlement(span.root)
    ):
        return True
    if _after_bearing(doc.text, start):
        return True
    # the word before, and the one before it when no punctuation parts them: a sentence may
    # open on the cue ("Fighting went on. In Goma, ...")
    before = re.search(r"(?:(\w+)\s+)?(\w+)\s*$", doc.text[max(0, start - 30) : start])
    # "from" before a person is a sender ("a letter from Paterson"), before an ORG a place.
    if (
        before
        and (cue := before.group(2).lower()) in _CUE_OR_SIDE
        and not (person and cue == "from")
    ):
        return True
    if before and before.group(2).lower() == "of" and (before.group(1) or "").lower() in OF_NOUNS:
        return True
    # "Barrie, Ont.", "EDMONTON, Ky (WBKO)": a state or country that holds the town before
    # the comma qualifies it (not a list: "Suba, Migori, Homa Bay")
    town = _QUALIFYING.search(doc.text[max(0, start - 40) : start])
    if town and _holds_town(gaz, key, town.group(1)):
        return True
    if _qualified_town(gaz, doc.text, start, end):
        return True  # "Reston, Virginia" (NER: a person)
    # "Paterson said" is a person even though Paterson, NJ is a city.
    # A province's own name counts alone for an ORG ("Saskatchewan's hospitals"), not for a
    # person or a group ("Chechen" fighters, "Arad" the captive).
    return known
