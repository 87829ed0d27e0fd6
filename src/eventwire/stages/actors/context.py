"""Country, sector and affiliation from the words around a mention: demonyms, places,
modifiers, titles, appositions, the article's and the sentence's countries."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from ...lexicon import mapping, words
from ...record import EntitySpan
from ...resources.gazetteer import normalize_name, resolve_name
from ...resources.kb import (
    KBActor,
    normalize_key,
)
from ...resources.lexicons import agents
from ...resources.plover import triggers
from .cluster import _STATE_KINDS, _agent_of, _Cluster, _ents, _ents_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...resources.gazetteer import Gazetteer
    from ...resources.kb import ActorKB

__all__ = [
    "_article_countries",
    "_context_from_phrase",
    "_context_inside",
    "_country_in",
    "_is_place_use",
    "_org_in",
    "_place_country",
    "_sentence_countries",
]


# Prepositions after which a state's name locates rather than acts ("in Iran"); "at",
# "on" and "into" are left out because after a verb of attack they mark its target.
_LOCATIVE = words("place_use_preposition")
#: Nouns whose possessor acts ("Tehran's response"), beside agent nouns and event triggers.
_ACTING_NOUNS = words("acting_noun")
#: Nouns a state's name modifies to locate something ("Iraqi soil", "Iranian airspace").
_TERRITORY_NOUNS = words("place_use_noun")
#: Nouns for a member or officer of a body: "X, a member of the political bureau of Y".
_MEMBER_NOUNS = words("member_noun")
#: Military ranks: before a name they yield to an office ("Defence Minister Gen. X").
_RANKS = words("military_rank")
# Entity types of a word that may be a misspelt nationality (none: the NER did not know it).
_NATION_ENTS = frozenset({"NORP", "GPE", ""})


def _sentence_countries(
    spans: list[EntitySpan], parsed: Doc, kb: ActorKB, sent_starts: list[int]
) -> dict[int, str]:
    """Sentence number -> the one country its nationality words and state names name (not
    where something happens: "in Paris"); sentences naming none or several are left out."""
    found: dict[int, set[str]] = {}
    for span in spans:
        if span.label not in {"NORP", "GPE"}:
            continue
        code = kb.demonym(span.text)
        tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
        if code is None and span.label == "GPE" and tokens is not None:
            known = kb.get(span.kb_id) if span.kb_id else None
            states = [known] if known else kb.lookup(span.text)
            if states and states[0] is not None and states[0].kind in _STATE_KINDS:
                code = None if _is_place_use(tokens) else states[0].id
        if code:
            found.setdefault(bisect_right(sent_starts, span.start), set()).add(code)
    cues = {n: next(iter(codes)) for n, codes in found.items() if len(codes) == 1}
    for n, sent in enumerate(parsed.sents, start=1):
        # a label such as "Kenya:" split off as a sentence of its own heads the next one
        if len(sent) <= 3 and sent[-1].text == ":" and n in cues and n + 1 not in found:
            cues[n + 1] = cues[n]
    return cues


def _article_countries(spans: list[EntitySpan], kb: ActorKB) -> frozenset[str]:
    """Countries the article names or whose nationality words it uses."""
    codes: set[str] = set()
    for span in spans:
        known = kb.get(span.kb_id) if span.kb_id else None
        if known is not None and known.country and span.label in {"ORG", "GPE", "NORP"}:
            codes.add(known.country)  # "the Israeli army": a state's force names the state
            continue
        if span.label == "NORP":
            code = kb.demonym(span.text)
        elif span.label == "GPE":
            found = kb.lookup(span.text)
            code = found[0].country if found else None
        else:
            continue
        if code:
            codes.add(code)
    return frozenset(codes)


def _place_country(
    name: str,
    gaz: Gazetteer,
    *,
    regions_only: bool = False,
    context: frozenset[str] = frozenset(),
) -> str | None:
    """The country of the best gazetteer entry (`regions_only`: a state or province), chosen
    as the places stage chooses, with the article's countries as context ("Gaza" beside
    Israel is the Palestinian one, not Mozambique's province)."""
    regions = frozenset({"admin1", "country"})
    best = resolve_name(
        gaz,
        normalize_name(name),
        # sorted: a set's order changes with PYTHONHASHSEED, and the first of tied countries
        # is the "top" one, so a tie would be broken differently from run to run (#19)
        context=Counter(sorted(context)),
        prefer=regions if regions_only else frozenset(),
    )
    if best is None or (regions_only and best.feature not in regions):
        return None
    return best.country


def _context_inside(
    cluster: _Cluster, tokens: Span, kb: ActorKB, stated: str | None, gaz: Gazetteer | None
) -> None:
    """An unknown organisation's country and sector from its own name: "Saudi National
    Guard" is Saudi, "Santa Marta Self Defense Forces" Colombian and paramilitary, a
    "... Ministry of Mines" governs, a "... Red Crescent Society" is civil society."""
    cluster.country = cluster.country or stated
    if cluster.country is None and gaz is not None:
        cluster.country = _leading_place(tokens, gaz)
    if cluster.country is None and any(t.lower_ in {"of", "for"} for t in tokens):
        # "the Department of Agriculture of the Philippines", "the University of Nairobi"
        cluster.country = _country_in(tokens, kb, gaz=gaz)
    if cluster.sector:
        return
    key = normalize_key(tokens.text)
    for phrase, sector in _NAME_SECTORS.items():
        if phrase in key:
            cluster.sector = sector
            return
    table = agents()
    for t in reversed(tokens):
        agent = table.get(t.lemma_.lower()) or table.get(t.lower_)
        if agent is not None:
            cluster.sector = agent.sector
            return


#: Words in an organisation's name that say its sector better than its last agent noun.
_NAME_SECTORS = mapping("name_sector")


def _leading_place(tokens: Span, gaz: Gazetteer) -> str | None:
    """The country of a province or city that opens a name ("Santa Marta ...",
    "Massachusetts ..."): only an exact name, a first-order region or a city of 100,000."""
    for size in (3, 2, 1):
        if len(tokens) <= size:
            continue
        head = tokens[:size]
        if not all(t.pos_ == "PROPN" and t.is_title for t in head):
            continue
        for entry in gaz.candidates(head.text)[:1]:
            big = entry.feature == "admin1" or (entry.population or 0) >= 100_000
            if big and normalize_key(entry.name) == normalize_key(head.text):
                return entry.country
    return None


def _is_place_use(tokens: Span) -> bool:
    """True for "in Iran", "Iraqi soil": the name locates something rather than acts."""
    root = tokens.root
    if root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE:
        return True
    if root.dep_ == "poss" and root.head.pos_ == "NOUN":
        # "Baghdad's football derby" locates; "Tehran's response" acts
        head = root.head.lemma_.lower()
        return head not in agents() and head not in _ACTING_NOUNS and not _is_trigger(head)
    return root.dep_ in {"amod", "compound"} and root.head.lemma_.lower() in _TERRITORY_NOUNS


def _is_trigger(lemma: str) -> bool:
    table = triggers()
    return (lemma, "N") in table or (lemma, "V") in table


def _country_in(
    tokens: Span, kb: ActorKB, *, gaz: Gazetteer | None = None, names: bool = True
) -> str | None:
    """The country a phrase states: a demonym in it, else (with `names`) a state or place
    named in it ("Shanghai police": China, from the gazetteer)."""
    for t in tokens:
        if t.ent_type_ in {"NORP", "GPE"} or t.text[:1].isupper():
            code = kb.demonym(t.text)
            if code:
                return code
    for t in tokens:
        # a misspelt or plural nationality ("Ukranian officials", "the Phillipines
        # government"): a capitalised modifier no gazetteer place has ("Indiana" is one)
        if t.i >= tokens.root.i or not t.text[:1].isupper() or t.ent_type_ not in _NATION_ENTS:
            continue
        if gaz is not None and _place_country(t.text, gaz) is not None:
            continue
        code = kb.demonym_near(t.text)
        if code:
            return code
    if not names:
        # the leading name of a state: "Chile's Defense Department", "UK Defence Secretary"
        first = tokens.doc[tokens.start : tokens.start + 1]
        found = kb.lookup(first.text)
        if len(tokens) > 1 and found and found[0].kind in _STATE_KINDS:
            return found[0].id
        return None
    for ent in _ents_in(tokens):
        known = kb.get(ent.ent_id_) if ent.ent_id_ else None
        if known is not None and known.kind in _STATE_KINDS:
            return known.id  # "a former White House official": a seat of government
        if known is not None and known.kind == "person" and known.country and _names_body(ent):
            return known.country  # "the Trump administration", "the Assad regime": theirs
        if ent.label_ in {"GPE", "NORP"}:
            found = kb.lookup(ent.text)
            if found and found[0].kind in _STATE_KINDS:
                return found[0].id
            if found and found[0].country:
                return found[0].country
        if ent.label_ in {"GPE", "NORP", "ORG"} and gaz is not None and known is None:
            # a town names its country; a NORP or ORG word only as a region ("Rakhine")
            regions = ent.label_ != "GPE"
            if place := _place_country(ent.text, gaz, regions_only=regions):
                return place
    return None


def _names_body(ent: Span) -> bool:
    """A person's name that names a body after its leader ("the Trump administration"), not
    one inside a stance ("anti-Maduro protesters", "Khamenei-backed militias")."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return not any(t is not None and t.text in {"-", "‑"} for t in (before, after))


def _org_in(tokens: Span, kb: ActorKB) -> KBActor | None:
    for ent in _ents_in(tokens):
        if ent.label_ in {"ORG", "NORP"}:
            kb_actor = kb.get(ent.ent_id_) if ent.ent_id_ else None
            found = [kb_actor] if kb_actor else kb.lookup(ent.text)
            if found and found[0] is not None and found[0].kind not in {"state", "territory"}:
                return found[0]
    return None


def _context_from_phrase(cluster: _Cluster, tokens: Span, kb: ActorKB, date: str | None) -> None:
    """Country, sector and affiliation for an unknown actor from the words around it."""
    root = tokens.root
    doc = root.doc
    table = agents()
    # titles and modifiers before a name: "Hezbollah official Mahmoud Qmati"
    # (only words that modify the name: "Boko Haram abducted villagers" gives them nothing)
    window = doc[max(0, tokens.start - 4) : tokens.start]
    before = [t for t in window if t.dep_ == "compound" and _modifies(t, tokens)]
    before += [t for t in root.lefts if t.i < tokens.start]
    # "Lebanese" of "Lebanese militia commander X": modifiers of the title words too
    before += [c for t in list(before) for c in t.lefts if c.dep_ in {"amod", "compound"}]
    # appositions after it: "X, a member of the political bureau of Y"
    # every token of the name: the parser may hang the apposition on any of them
    appos = [c for t in tokens for c in t.children if c.dep_ == "appos" and c.i >= tokens.end]
    if root.dep_ == "appos" and root.head.i < tokens.start:
        appos.append(root.head)
    ordered = sorted(set(before), key=lambda t: t.i)
    titles = [a for t in ordered if (a := _agent_of(t))]
    bodies = [a for a in titles if a.kind == "group" and a.sector != "GOV"]
    if titles and not cluster.sector:
        # a body qualifies the title ("militia commander": PRM), else the office: a title
        # word no other title word modifies, an office before a rank ("Deputy Minister of
        # Defense Colonel-General X" is a minister)
        offices_at = {t.i for t in ordered if (a := _agent_of(t)) and a.noun not in _RANKS}
        heads = [a for t in ordered if (a := _agent_of(t)) and t.head.i not in offices_at]
        offices = [a for a in heads if a.noun not in _RANKS] or heads or titles
        cluster.sector = bodies[0].sector if bodies else offices[0].sector
    for t in before:
        code = kb.demonym(t.text)
        if code and not cluster.country:
            cluster.country = code
        if t.ent_type_ in {"ORG", "NORP"} and t.ent_iob_ == "B":
            ent = next((e for e in _ents(doc) if e.start == t.i), None)
            if ent is not None:
                _adopt_org(cluster, kb, ent.text, date, kb_id=ent.ent_id_ or None)
    for noun in appos:
        agent = table.get(noun.lemma_.lower())
        if agent and not cluster.sector:
            cluster.sector = agent.sector
        for t in noun.subtree:
            code = kb.demonym(t.text) if t.ent_type_ in {"NORP", "GPE"} else None
            if code and not cluster.country:
                cluster.country = code
        if noun.lemma_.lower() in _MEMBER_NOUNS or agent is not None:
            inside = range(noun.left_edge.i, noun.right_edge.i + 1)
            for ent in _ents(doc):
                if ent.start in inside and ent.label_ in {"ORG", "GPE", "NORP"}:
                    _adopt_org(cluster, kb, ent.text, date, kb_id=ent.ent_id_ or None)
                    break


def _modifies(token: Token, tokens: Span) -> bool:
    """Whether a word before a span hangs on it through modifiers ("Hezbollah" of
    "Hezbollah official Mahmoud Qmati")."""
    for _ in range(6):  # a title is a few words; the bound guards against odd parses
        if tokens.start <= token.i < tokens.end:
            return True
        if token.dep_ not in {"compound", "amod", "nmod"} or token.head.i == token.i:
            return False
        token = token.head
    return False


def _adopt_org(
    cluster: _Cluster, kb: ActorKB, text: str, date: str | None, *, kb_id: str | None = None
) -> None:
    known = kb.get(kb_id) if kb_id else None
    found = [known] if known is not None else kb.lookup(text, date=date)
    if not found:
        return
    org = found[0]
    if org.kind in {"state", "territory"}:
        cluster.country = cluster.country or org.id
        return
    if org.id not in cluster.affiliations:
        cluster.affiliations.append(org.id)
    cluster.country = cluster.country or org.country
    org_sector = org.sector_on(date)
    if org.kind == "group" or not cluster.sector:
        cluster.sector = org_sector or cluster.sector
