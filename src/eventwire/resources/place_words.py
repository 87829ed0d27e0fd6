"""Word classes of places that both the places stage and event location read: locative
prepositions, settlement and facility nouns, named-site nouns, verbs of territory."""

from __future__ import annotations

__all__ = [
    "FACILITY_NOUNS",
    "LOCATIVE_PREPS",
    "OF_NOUNS",
    "SETTLEMENT_NOUNS",
    "SITE_NOUNS",
    "TERRITORIAL_VERBS",
]

#: Prepositions that put something at a place ("in Gaza", "near Kherson").
LOCATIVE_PREPS: frozenset[str] = frozenset({
    "in", "at", "near", "inside", "outside", "across", "around", "throughout", "within",
    "into", "on", "onto", "along", "off", "over", "through", "toward", "towards", "outskirts",
    "nearby", "beyond", "behind", "by", "under", "above", "between", "among", "amid",
})  # fmt: skip

#: Verbs whose direct object is a place when the gazetteer knows it ("captured Jaffna").
TERRITORIAL_VERBS: frozenset[str] = frozenset({
    "capture", "recapture", "seize", "liberate", "overrun", "storm", "besiege", "occupy",
    "invade", "shell", "bomb", "raid", "retake", "encircle", "surround", "enter", "patrol",
    "evacuate", "annex", "bombard", "reach", "visit", "leave", "flee", "destroy", "devastate",
})  # fmt: skip

#: Head nouns that keep a direct object a place ("captured the town of Bakwa").
SETTLEMENT_NOUNS: frozenset[str] = frozenset({
    "town", "city", "village", "province", "district", "region", "area", "capital", "camp",
    "neighbourhood", "neighborhood", "suburb", "state", "county", "country", "territory",
    "border", "port", "island", "valley", "base", "outskirts", "governorate", "enclave",
    "stronghold", "strip", "quarter", "municipality", "cities", "towns", "villages", "areas",
})  # fmt: skip

#: Nouns that make "<noun> of X" a place: "the vicinity of Kobane".
OF_NOUNS: frozenset[str] = SETTLEMENT_NOUNS | {
    "vicinity",
    "outskirts",
    "edge",
    "centre",
    "center",
    "perimeter",
    "suburbs",
    "siege",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
}

#: Head nouns of a building or site: a place named before one is where it stands
#: ("a Sofia restaurant", "the Taiwan capital").
FACILITY_NOUNS: frozenset[str] = SETTLEMENT_NOUNS | {
    "hotel", "restaurant", "office", "offices", "airport", "hospital",
    "school", "university", "mosque", "church", "cathedral", "temple", "synagogue", "market",
    "stadium", "museum", "palace", "prison", "jail", "station", "square", "bridge", "checkpoint",
    "crossing", "headquarters", "compound", "plant", "factory", "refinery", "outpost", "building",
}  # fmt: skip

#: Last words of a named site that NER may call FAC, ORG or PERSON ("Manger Square").
SITE_NOUNS: frozenset[str] = frozenset({
    "square", "palace", "museum", "stadium", "airport", "airbase", "valley", "strait",
    "straits", "road", "street", "avenue", "highway", "bridge", "mosque", "cathedral",
    "church", "hospital", "school", "embassy", "consulate", "market", "crossing", "checkpoint",
    "camp", "base", "hotel", "prison", "compound", "refinery", "dam", "port", "harbour",
    "harbor", "gate", "plaza", "park",
})  # fmt: skip
