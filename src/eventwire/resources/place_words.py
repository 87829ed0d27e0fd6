"""Word classes of places that both the places stage and event location read: locative
prepositions, settlement and facility nouns, named-site nouns, verbs of territory. The words
are in ``data/lexicon/places.tsv``."""

from __future__ import annotations

from ..lexicon import words

__all__ = [
    "FACILITY_NOUNS",
    "LOCATIVE_PREPS",
    "OF_NOUNS",
    "SETTLEMENT_NOUNS",
    "SITE_NOUNS",
    "TERRITORIAL_VERBS",
]

#: Prepositions that put something at a place ("in Gaza", "near Kherson").
LOCATIVE_PREPS = words("locative_preposition")

#: Verbs whose direct object is a place when the gazetteer knows it ("captured Jaffna").
TERRITORIAL_VERBS = words("territorial_verb")

#: Head nouns that keep a direct object a place ("captured the town of Bakwa").
SETTLEMENT_NOUNS = words("settlement_noun")

#: Nouns that make "<noun> of X" a place: "the vicinity of Kobane".
OF_NOUNS = words("settlement_noun", "place_part_noun")

#: Head nouns of a building or site: a place named before one is where it stands
#: ("a Sofia restaurant", "the Taiwan capital").
FACILITY_NOUNS = words("settlement_noun", "facility_noun")

#: Last words of a named site that NER may call FAC, ORG or PERSON ("Manger Square").
SITE_NOUNS = words("site_noun")
