"""What the finders share: a candidate toponym (`_Mention`), the per-token scan of the parse
(`_Scan`), the words that cue a place, and small tests of a name against the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...lexicon import words
from ...record import Document, EntitySpan
from ...resources.gazetteer import GazEntry, Gazetteer, normalize_name
from ...resources.place_words import SETTLEMENT_NOUNS, TERRITORIAL_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "PLACE_CUE_PREPS",
    "TIME_WORDS",
    "_COMPASS",
    "_CUE_OR_SIDE",
    "_DESCRIBED",
    "_DISEASE",
    "_HONORIFIC",
    "_KNOWN_CITY",
    "_LEADING_SIDE",
    "_MAX_NGRAM",
    "_MEDIA_WORDS",
    "_TITLED",
    "_Mention",
    "_Scan",
    "_after_bearing",
    "_after_cue",
    "_appositive_settlement",
    "_conjunct_of_place",
    "_core_key",
    "_facility_modifier",
    "_is_country",
    "_name_word",
    "_nationality",
    "_outlets",
    "_regional",
    "_territorial_object",
    "_well_known",
]


#: Day, month, season and holiday names: never places alone ("warned on Thursday" is no
#: Thursday Island), though "the town of March" still is.
TIME_WORDS = words("time_word")
#: Prepositions that, before a known name that NER did not call a place, say "place".
PLACE_CUE_PREPS = words("place_cue_preposition")
#: Words naming the kind of place around a name ("Homs province", "the city of Aleppo").
_KIND_WORDS = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|province|state|region|district|governorate|county)"
    r"\s+of\s+)?(.+?)(?:\s+(?:city|town|village|province|state|region|district|governorate|"
    r"county|area|municipality|prefecture|oblast))?$",
    re.IGNORECASE,
)
#: City population from which a known name alone (no cue) counts as a place.
_KNOWN_CITY = 50_000
_MAX_NGRAM = 4
#: A cue preposition or a side word ("eastern Aleppo") before a name says "place".
_CUE_OR_SIDE = words("place_cue_preposition", "side_modifier")


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
    named_after: str = ""  # a known name inside a site's name ("ubay" of "Ubay Hospital")
    weak: bool = False  # a place only if it lies in a country the article names


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


#: A title before a name makes it a person's ("Ms Raggi", "Dr. Paterson").
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+$")
_TITLED = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s")
#: A place name before one of these names a disease ("West Nile virus", "Lassa fever").
_DISEASE = re.compile(
    r"^[\s-]+(?:ha?emorrhagic\s+)?"  # "Marburg haemorrhagic fever"
    r"(?:virus|viruses|ebolavirus|fever|flu|influenza|disease|syndrome|encephalitis)\b",
    re.IGNORECASE,
)
#: Words that alone name a side, never a place ("in the South of France" is no South Region).
_COMPASS = words("side_modifier", "position_word")


def _core_key(text: str) -> str:
    """The name inside "the city of X" / "X province" (or the whole text)."""
    match = _KIND_WORDS.match(text.strip())
    return normalize_name(match.group(1) if match else text)


def _name_word(word: str) -> bool:
    return word[:1].isupper() and word.replace(".", "").isalpha()


def _is_country(gaz: Gazetteer, key: str) -> bool:
    return any(c.feature == "country" for c in gaz.candidates(key))


def _regional(gaz: Gazetteer, key: str) -> bool:
    return any(c.feature in ("country", "admin1", "region") for c in gaz.candidates(key))


def _nationality(gaz: Gazetteer, name: str) -> bool:
    """A nationality word that is not also a country's name ("Canadian", not Canadian, TX)."""
    return gaz.demonym(name) is not None and not _is_country(gaz, name)


def _after_cue(doc: Document, start: int) -> bool:
    """Whether a locative preposition ("in", "inside", "near", ...) comes right before."""
    before = re.search(r"(\w+)\s+(?:the\s+)?$", doc.text[max(0, start - 30) : start])
    return (
        before is not None
        and (word := before.group(1).lower()) != "from"
        and word in PLACE_CUE_PREPS
    )


#: A compass bearing before a name: "20 km north of X", "drove northeast to X".
_BEARING = re.compile(
    r"\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:wards?)?\s+(?:of|to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _after_bearing(text: str, start: int) -> bool:
    """Whether a compass bearing and "of"/"to" come right before: the name is a place."""
    return _BEARING.search(text[max(0, start - 24) : start]) is not None


#: Last words of a news outlet's name: a place that leads it is no toponym ("the New York
#: Times", "Radio Pyongyang" aside, "Bucharest Daily News"), nor one inside it.
_MEDIA_WORDS = words("media_name_word")
#: What follows an outlet NER tags alone: "Xinhua news agency".
_NEWS_AFTER = re.compile(r"\s+news\b", re.IGNORECASE)


def _outlets(text: str, entities: list[EntitySpan]) -> list[tuple[int, int]]:
    """Spans of news outlets' names: an organisation whose last word is a media word ("the
    New Zealand Herald", "China Daily"), that opens with one ("Radio Pyongyang") or that
    "news" follows ("Xinhua news agency"). A place inside one names the outlet, not where
    anything happened."""
    out = []
    for e in entities:
        if e.label != "ORG":
            continue
        names = e.text.split()
        last, first = names[-1].lower().strip(".,"), names[0].lower()
        outlet = len(names) > 1 and (last in _MEDIA_WORDS or first in ("radio", "television"))
        if outlet or _NEWS_AFTER.match(text, e.end):
            out.append((e.start, e.end))
    return out


def _territorial_object(tok: Token) -> bool:
    return tok.dep_ == "dobj" and tok.head.lemma_ in TERRITORIAL_VERBS


def _entity_text(tok: Token) -> str:
    """The text of the NER entity that holds a token."""
    doc, first, last = tok.doc, tok.i, tok.i
    while doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first : last + 1].text


#: Building and site nouns (not settlement nouns: "the Punjab province" is marked as such).
_BUILDING_NOUNS = words("facility_noun")


def _facility_modifier(tok: Token) -> bool:
    """Whether a name (its head token) modifies a building or site noun: "the Pirbright
    laboratory", "the Spotswood quarantine station" stand in the town. Companies name
    plants too ("the Ford plant"), so such a name is weak: kept only where the article's
    countries hold it."""
    head = tok.head
    return (
        tok.dep_ in ("compound", "amod", "nmod")
        and head.i > tok.i
        and head.text.islower()
        and head.lemma_ in _BUILDING_NOUNS
    )


def _appositive_settlement(tok: Token) -> bool:
    """Whether a name (its head token) has a settlement noun in apposition: "Dogu Beyazit, a
    farming town in eastern Turkey", "Kalam, a resort town"."""
    return any(
        c.dep_ == "appos" and c.i > tok.i and c.text.islower() and c.lemma_ in SETTLEMENT_NOUNS
        for c in tok.children
    )


def _conjunct_of_place(tok: Token, gaz: Gazetteer, *, person: bool) -> bool:
    """Whether a name (its head token) is coordinated with a place: conjuncts share their
    kind, so "Cairo, Giza and Minya" or "unlike Irvine or Newport Beach" make Giza and Irvine
    places beside the town NER tagged (a country is no such sibling: "Britain and Nato"), and
    a locative preposition before a list covers every member ("in the Temryuk and Anapa",
    "from Tacloban and Babatngon"; "from" not for a person's name: a sender)."""
    if tok.dep_ != "conj" and not any(c.dep_ == "conj" for c in tok.children):
        return False
    top = tok
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    for other in (top, *top.conjuncts):
        if other.i == tok.i or other.ent_type_ not in ("GPE", "LOC"):
            continue
        if not _is_country(gaz, normalize_name(_entity_text(other))):
            return True
    prep = top.head if top.dep_ == "pobj" else None
    return (
        prep is not None
        and prep.lower_ in PLACE_CUE_PREPS
        and not (person and prep.lower_ == "from")
    )


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


#: A direction adjective before a country or province: "northern Syria" is a region of it.
_SIDES = (
    r"(north|south|east|west|central|northern|southern|eastern|western|"
    r"north[- ]?eastern|north[- ]?western|south[- ]?eastern|south[- ]?western)"
)
_DESCRIBED = re.compile(rf"\b{_SIDES}\s+$", re.IGNORECASE)
_LEADING_SIDE = re.compile(rf"{_SIDES}\s+", re.IGNORECASE)
