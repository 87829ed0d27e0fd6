"""Actor resolution: candidate mentions -> one canonical actor each, every mention kept.

The method, in text order over `doc.entities`:
1. Named spans (PERSON, ORG, GPE, NORP) resolve to the knowledge base: the entity ruler's id,
   else an exact alias, else a fuzzy, transliteration-aware match. Where several actors share
   the name, one of a country the article names wins; a match whose country the name's own
   demonym contradicts is refused ("Chile's Defense Department" is not the US one). A demonym
   used as a noun ("the Israelis") is its state; a GPE after a locative preposition ("in Iran")
   is a place, not an actor; a demonym that modifies an agent noun or a name ("Lebanese
   militia commander X") describes, it does not act. A state named by its name has no sector
   (PLOVER's convention: "Brazil" is all of it); by a metonym ("Tehran", "the Kremlin") it
   is its government, GOV.
2. A later name that is a spelling variant or a surname of an earlier one in the same article
   ("Khameini", "Lami") joins that actor first: the article is the best context.
3. A role phrase ("an anonymous senior Israeli official", "Iraqi security forces") takes its
   country from the demonym or state inside it, or from a place after it ("protesters in
   Lagos", "an official of Mali's junta": towns and cities through the gazetteer), and its
   sector from the agent noun; "former"/"retired" make an office holder PLOVER's ELI. A
   country's office ("Iran's Supreme Leader", "the US president") resolves to whoever held it
   on the article date.
   Modifiers give the sector of the noun they qualify ("breakaway state": PRE, "wanted
   persons": CRM, "indigenous leader": CVL); "X of Y" takes Y's country and, for an office,
   its sector ("president of the Riigikogu": LEG); a noun that acts, placed in a country, is
   an unnamed actor there ("a clinic in Kabul said"). A known person out of every office on
   the article date is ELI unless the text titles them ("Prime Minister Scott Morrison").
4. Names the base does not know get country and sector from their own phrase: titles before
   a name, the office before a rank ("Hezbollah official Mahmoud Qmati", "Deputy Minister of
   Defense Colonel-General X": GOV), appositions ("X, a member of the political bureau of Y":
   X is affiliated with Y and takes its country and sector), a demonym, province or city and
   a type word inside an organisation's name ("Saudi Coastal Guard", "Santa Marta Self Defense
   Forces": COL, PRM; "... Red Crescent Society": SOC); else the one country their sentence
   names ("Kenya: X said"); `kb_id` stays null.
5. Pronouns and definite descriptions ("he", "the official", "the group") join the most
   recent compatible actor before them: a person for he/she/"the official", an organisation
   for it/its/"the group"/"the ministry" (not a plural role like "reporters", but plural
   members of an organisation or armed group: "Hezbollah fighters"), a state for
   "the country"; "his organization" is the person's affiliated organisation named in the
   article, else the most recent organisation, and "his" itself is a mention of the person.
6. A state's forces, bodies and offices ("the army", "troops", "the government", "the
   president") refer back only to a state's side: the last state body of their sector, else
   an unnamed body of the state in play (the one that acts of several in a sentence), else of
   the sentence's or the article's one country; "the militants", "the rebels" never refer
   back to a state. Either, with nothing to refer to, is an unnamed actor so its events have
   a source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from ..events.triggers import find_trigger
from ..record import Actor, Document, EntitySpan, Mention
from ..resources.acronyms import defined_acronyms
from ..resources.gazetteer import normalize_name, resolve_name
from ..resources.kb import (
    STATE_SECTORS,
    KBActor,
    Office,
    normalize_key,
    title_role,
    translit_key,
)
from ..resources.lexicons import Agent, agents, modifiers, plover_group, plover_phrase
from ..resources.plover import triggers
from .entities import COLLECTIVE_NOUNS

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

    from ..resources import Resources
    from ..resources.gazetteer import Gazetteer
    from ..resources.kb import ActorKB

__all__ = ["actors_stage", "resolve_actors"]

# Prepositions after which a state's name locates rather than acts ("in Iran"); "at",
# "on" and "into" are left out because after a verb of attack they mark its target.
_LOCATIVE = frozenset(
    ["in", "near", "across", "inside", "throughout", "within", "around", "outside", "from"]
)
#: Nouns whose possessor acts ("Tehran's response"), beside agent nouns and event triggers.
_ACTING_NOUNS = frozenset(
    "response decision position policy statement stance plan demand offer proposal "
    "leadership ally allies role claim denial warning message call".split()
)
_PERSON_PRONOUNS = frozenset(["he", "him", "his", "himself", "she", "her", "hers", "herself"])
_THING_PRONOUNS = frozenset(["it", "its"])
_GROUP_PRONOUNS = frozenset(["they", "them", "their", "theirs", "themselves"])
_STATE_NOUNS = frozenset({"country", "state"})
_MEMBER_NOUNS = frozenset({"member", "head", "chief", "deputy", "founder", "secretary"})
_PERSON_KINDS = frozenset({"person"})
_STATE_KINDS = frozenset({"state", "territory"})
_ENTS_KEY = "eventwire.actors.ents"
_RELIGIONS = frozenset(
    "muslim muslims christian christians catholic catholics jewish jews hindu hindus buddhist "
    "buddhists sunni shia shiite sikh evangelical orthodox islamic".split()
)
#: Modifiers that make an office holder a former one: PLOVER's ELI sector ("a former minister").
_FORMER = frozenset({"former", "retired", "ex", "erstwhile", "onetime", "one-time", "exiled"})
#: Nouns for people seeking office: a party actor whatever body they seek ("Senate hopeful").
#: Military ranks: before a name they yield to an office ("Defence Minister Gen. X").
_RANKS = frozenset(
    "general colonel lieutenant major captain sergeant admiral brigadier marshal commander "
    "gen. col. lt. maj. capt. sgt. adm. cmdr. colonel-general lieutenant-general "
    "major-general".split()
)
_CANDIDATE_NOUNS = frozenset({"candidate", "hopeful", "nominee", "contender"})
#: Nouns for whoever carried out an attack: they refer back only to an actor the text says
#: attacked ("Gunmen attacked X. The attackers fled": not X).
_PERPETRATORS = frozenset(
    "attacker attackers assailant assailants gunman gunmen perpetrator perpetrators raider "
    "raiders kidnapper kidnappers abductor abductors hijacker hijackers shooter shooters "
    "bomber bombers killer killers culprit culprits".split()
)
#: Descriptions of a state's forces, bodies and office holders: "the army" refers back only
#: to a state or a body or person of one, never to a rebel group named last. Generic titles
#: ("the official", "the leader", "the commander") are left out: armed groups have them too.
_STATE_DESCRIPTIONS = frozenset(
    "army military troop troops soldier navy police policeman policemen gendarmerie marine "
    "marines paratrooper government ministry cabinet administration regime junta parliament "
    "legislature congress senate judiciary court president premier minister chancellor king "
    "emir governor mayor ambassador judge prosecutor lawmaker legislator senator congressman "
    "congresswoman mp parliamentarian".split()
) | frozenset({"air force", "security forces", "national guard", "prime minister"})
#: Descriptions of irregular armed groups: "the militants" never refers back to a state.
_IRREGULAR_DESCRIPTIONS = frozenset(
    "militant militants rebel rebels insurgent insurgents jihadist jihadists jihadi jihadis "
    "guerrilla guerrillas separatist separatists extremist extremists mujahideen terrorist "
    "terrorists militia militias militiaman militiamen".split()
)
#: Sectors of armed groups that are no state's: never what "the army" or "the president" is.
_IRREGULAR_SECTORS = frozenset({"REB", "PRM", "UAF", "CRM"})
#: Offices one person holds for a country at a time: "the president" is whoever held it.
_SOLE_OFFICES = frozenset({"president", "prime minister", "premier", "chancellor", "king", "emir"})
#: Where a state's mention acts rather than undergoes: "Israel struck", "Israel's strikes".
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
#: Verbs whose object is the act their subject does: "carried out an attack".
_DOING = frozenset("carry conduct launch stage mount perpetrate commit unleash wage".split())
#: Words that tie members to a body: "fighters loyal to X", "gunmen affiliated with X".
_BELONGING = frozenset("loyal belong belonging affiliate affiliated link linked ally allied "
                       "align aligned".split())  # fmt: skip
#: Sectors a member noun has only for want of its body's: "fighters of JNIM" are what JNIM
#: is (REB), "gunmen of the Fulani militia" a militia's (PRM), "officials of Hamas" not a
#: government's.
# Entity types of a word that may be a misspelt nationality (none: the NER did not know it).
_NATION_ENTS = frozenset({"NORP", "GPE", ""})
# Modifiers that can belong to a PLOVER phrase ("central" bank, "farm" workers).
_PHRASE_DEPS = frozenset({"compound", "amod", "advmod", "nmod"})
_MEMBER_SECTORS = frozenset({"GOV", "MIL", "UAF", "REB", "PRM", "CVL", "UNK"})


@dataclass
class _Cluster:
    """An actor being built: what it is and where it is mentioned."""

    key: str
    name: str
    kind: str  # person, organization, state, group, outlet, igo, ngo, territory
    kb: KBActor | None = None
    country: str | None = None
    sector: str | None = None
    affiliations: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    plural: bool = False
    #: Character offsets of the bodies an unnamed role says it belongs to, when the base
    #: does not know them ("fighters of the Ruritanian Liberation Front").
    member_of: list[int] = field(default_factory=list)

    @property
    def is_person(self) -> bool:
        return self.kind in _PERSON_KINDS


def actors_stage(doc: Document, *, resources: Resources) -> Document:
    """Resolve `doc.entities` into `doc.actors`."""
    doc.actors = resolve_actors(doc, kb=resources.kb, gazetteer=resources.gazetteer)
    return doc


def resolve_actors(
    doc: Document, *, kb: ActorKB, gazetteer: Gazetteer | None = None
) -> list[Actor]:
    """The article's actors, each with every mention, in order of first mention.

    `gazetteer` gives the country of a town or city that acts or that a role phrase names
    ("Sydney said", "Shanghai police"); without it those actors have no country.
    """
    parsed: Doc = doc.nlp
    parsed.user_data[_ENTS_KEY] = list(parsed.ents)
    try:
        return _resolve(doc, kb=kb, gazetteer=gazetteer)
    finally:
        del parsed.user_data[_ENTS_KEY]


def _resolve(doc: Document, *, kb: ActorKB, gazetteer: Gazetteer | None) -> list[Actor]:
    date = doc.article.published
    parsed: Doc = doc.nlp
    spans = _drop_nested(doc.entities)
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    # (char offset, cluster) of each resolved mention, for antecedent search
    history: list[tuple[int, _Cluster]] = []

    def attach(cluster: _Cluster, span: EntitySpan) -> None:
        existing = by_key.get(cluster.key)
        if existing is None:
            by_key[cluster.key] = cluster
            clusters.append(cluster)
            existing = cluster
        existing.mentions.append((span.start, span.end))
        history.append((span.start, existing))

    dateline_end = _dateline_end(doc.text)
    context = _article_countries(spans, kb)
    sent_starts = [s.start_char for s in parsed.sents]
    titles = _title_links(spans, parsed)
    cues = _sentence_countries(doc.entities, parsed, kb, sent_starts)
    pending: dict[int, EntitySpan] = {}
    acronyms = defined_acronyms(doc.text)
    for span in spans:
        if span.end <= dateline_end:
            continue  # "BAGHDAD (Reuters) -": where the story was filed, not an actor
        if span.start in titles:
            pending[titles[span.start]] = span  # "the Lebanese newspaper Al-Akhbar"
            continue
        if span.label in {"PRON", "DEF"}:
            owner = _owner_pronoun(span)
            if owner is not None:  # "his" of "his fighters" is a mention of its own
                person = _antecedent(owner, history, parsed, sent_starts)
                if person is not None:
                    person.mentions.append((owner.start, owner.end))
            tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
            side = _description_side(tokens) if tokens is not None else None
            if tokens is not None and side is not None:
                # "the army", "the militants": an actor of that side, else someone unnamed
                found, country = _side_description(span, tokens, side, history, parsed, sent_starts)
                if found is None:
                    cue = cues.get(bisect_right(sent_starts, span.start))
                    country = country or cue or _one_country(context, clusters)
                    found = _unnamed(span, tokens, kb, date, gazetteer, country)
                if found is not None:
                    attach(found, span)
                continue
            if tokens is not None and _perpetrator_noun(span, tokens):
                # "the attackers": whoever the text says attacked, else someone unnamed
                antecedent = _perpetrator(span, tokens, history, parsed)
                if antecedent is None:
                    unnamed = _resolve_role(span, tokens, kb, date, clusters, gaz=gazetteer)
                    if unnamed is not None:
                        attach(unnamed, span)
                    continue
            else:
                antecedent = _antecedent(span, history, parsed, sent_starts)
            if antecedent is not None:
                antecedent.mentions.append((span.start, span.end))
                history.append((span.start, antecedent))
            continue
        defined = _acronym_owner(span, acronyms, history)
        if defined is not None:  # "the Drug Enforcement Administration (DEA) ... the DEA"
            attach(defined, span)
            continue
        cluster = _resolve_named(span, parsed, kb, date, clusters, gaz=gazetteer, context=context)
        if cluster is None:
            continue
        if cluster.country is None and cluster.kb is None and _takes_cue(span, cluster):
            # "Somalia: SONNA", "Saudi: the National Guard": the sentence's one country
            cluster.country = cues.get(bisect_right(sent_starts, span.start))
        if cluster.country is None and span.label == "ROLE" and _bare_state_role(span, parsed):
            # "Troops responded", "the air force": the state in play, else the article's one
            in_play = _states_in_play(span.start, history, parsed, sent_starts)
            cluster.country = in_play.country if in_play else _one_country(context, clusters)
            cluster.key += f"|{cluster.country}" if cluster.country else ""
        title = pending.pop(span.start, None)
        if title is not None:
            title_tokens = parsed.char_span(title.start, title.end, alignment_mode="expand")
            role = (
                _resolve_role(title, title_tokens, kb, date, [], gaz=gazetteer)
                if title_tokens is not None
                else None
            )
            if role is not None:
                cluster.country = cluster.country or role.country
                cluster.sector = cluster.sector or role.sector
            attach(cluster, title)
        attach(cluster, span)

    _join_bodies(clusters, kb)
    actors = []
    for n, c in enumerate(sorted(clusters, key=lambda c: min(c.mentions)), start=1):
        kb_actor = c.kb
        mentions = [Mention(s, e, doc.text[s:e]) for s, e in sorted(set(c.mentions))]
        actors.append(
            Actor(
                id=f"A{n}",
                name=kb_actor.name if kb_actor else c.name,
                country=c.country,
                sector=c.sector,
                kb_id=kb_actor.id if kb_actor else None,
                wikidata=kb_actor.wikidata if kb_actor else None,
                designations=list(kb_actor.designations) if kb_actor else [],
                mentions=mentions,
                kind=c.kind,
                affiliations=_affiliation_names(c, kb),
            )
        )
    return actors


def _acronym_owner(
    span: EntitySpan, acronyms: dict[str, tuple[int, int]], history: list[tuple[int, _Cluster]]
) -> _Cluster | None:
    """The actor an acronym the text defined before this span stands for: a text's own
    definition beats the knowledge base's meaning of the letters."""
    defined = acronyms.get(span.text)
    if defined is None or span.start < defined[1]:
        return None
    start, end = defined
    return next((c for s, c in reversed(history) if start <= s < end), None)


_DATELINE = re.compile(r"\A[A-Z][A-Z .,'-]{2,40}(?:\([^)\n]{1,40}\))?\s*[-—–:]")


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


def _takes_cue(span: EntitySpan, cluster: _Cluster) -> bool:
    """An unknown name, or an unnamed state body ("the National Guard"), may take the
    sentence's country; other role phrases ("protesters") may be of anywhere."""
    if span.label in {"PERSON", "ORG"}:
        return True
    return span.label == "ROLE" and cluster.sector in STATE_SECTORS


def _dateline_end(text: str) -> int:
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _title_links(spans: list[EntitySpan], parsed: Doc) -> dict[int, int]:
    """Role phrases that title the name right after them: start of role -> start of name."""
    named = {s.start: s for s in spans if s.label in {"PERSON", "ORG"}}
    links: dict[int, int] = {}
    text = parsed.text  # spaCy joins every token for each access: once, not per span
    for span in spans:
        if span.label != "ROLE":
            continue
        rest = text[span.end : span.end + 3]
        following = next((named[i] for i in range(span.end, span.end + 3) if i in named), None)
        if following is not None and rest[:1] in {" ", ","}:
            tokens = parsed.char_span(following.start, following.end, alignment_mode="expand")
            role = parsed.char_span(span.start, span.end, alignment_mode="expand")
            if (
                tokens is not None
                and role is not None
                and (
                    role.root.head.i in range(tokens.start, tokens.end)
                    or tokens.root.head.i == role.root.i
                )
            ):
                links[span.start] = following.start
    return links


def _drop_nested(spans: list[EntitySpan]) -> list[EntitySpan]:
    """Keep the outermost span where spans overlap (a NORP inside a role phrase goes)."""
    kept: list[EntitySpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _from_kb(actor: KBActor, date: str | None, *, key: str | None = None) -> _Cluster:
    return _Cluster(
        key=key or f"kb:{actor.id}",
        name=actor.name,
        kind=actor.kind,
        kb=actor,
        country=actor.country,
        sector=actor.sector_on(date),
        affiliations=list(actor.affiliations),
    )


def _resolve_named(
    span: EntitySpan,
    parsed: Doc,
    kb: ActorKB,
    date: str | None,
    clusters: list[_Cluster],
    *,
    gaz: Gazetteer | None = None,
    context: frozenset[str] = frozenset(),
) -> _Cluster | None:
    label = span.label
    tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    if label in {"LOC", "FAC"}:
        return None
    if label == "ROLE":
        return _resolve_role(span, tokens, kb, date, clusters, gaz=gaz)
    if label in {"GPE", "NORP"} and _is_place_use(tokens):
        return None
    if label == "NORP" and _describes(tokens):
        return None  # "Lebanese" of "Lebanese militia commander X": X's country, not an actor
    if label == "NORP":
        state = kb.demonym(span.text)
        if state is None:
            kb_actor = kb.get(span.kb_id) if span.kb_id else None
            return _from_kb(kb_actor, date) if kb_actor else None
        kb_actor = kb.get(state)
        if kb_actor is None:
            return None
        cluster = _from_kb(kb_actor, date)
        if kb_actor.kind in _STATE_KINDS:
            cluster.sector = None  # "the Brazilians": the state as a whole, no one sector
        return cluster
    if label in {"PERSON", "NORP"} and len(tokens) > 1 and tokens[-1].lower_ in _RELIGIONS:
        return _faithful(span, tokens, kb, gaz)  # "Rakhine Buddhists", taken for a name
    if label == "PERSON":
        same = _same_person(span.text, clusters)
        if same is not None:
            return same
    owner = _possessor_state(tokens, kb)
    stated = _country_in(tokens, kb, names=False) or owner
    if owner is not None and label == "ORG":
        holder = kb.holder(span.text, owner, date=date)  # "Iran's Supreme Leader"
        if holder is not None:
            return _from_kb(holder, date)
    kb_actor = _match_kb(span, label, kb, date, stated, context, _title_before(tokens))
    if kb_actor is not None:
        cluster = _from_kb(kb_actor, date)
        if kb_actor.kind == "person" and not cluster.country:
            offices = kb_actor.offices_on(date)
            cluster.country = offices[0].country if offices else None
        if kb_actor.kind in _STATE_KINDS and not _governs(span.text, tokens, kb):
            cluster.sector = None  # "Brazil", "the British": the state, no one sector of it
        if cluster.is_person and _is_former(tokens):
            cluster.sector = "ELI"
        elif cluster.sector == "ELI" and (title := _title_before(tokens)):
            # "Prime Minister Scott Morrison": the text says he holds the office it names
            office = _office_titled(kb_actor, title)
            cluster.sector = office.sector if office is not None else cluster.sector
        return cluster
    kind = "person" if label == "PERSON" else "state" if label == "GPE" else "organization"
    cluster = _Cluster(key=f"name:{normalize_key(span.text)}", name=span.text, kind=kind)
    if label in {"PERSON", "ORG"} and _surname_like(span.text, kb):
        _from_namesakes(cluster, kb.by_surname(span.text, date=date), date)
    elif label == "PERSON" and _surname_like(last := span.text.split()[-1], kb):
        # "Gotabaya Rajapaksa": unknown, but every Rajapaksa the base knows is Sri Lankan
        _from_namesakes(cluster, kb.by_surname(last, date=date), date, sector=False)
    town = label in {"GPE", "ORG"} and not cluster.country and not _has_agent(tokens)
    if town and gaz is not None:
        # a town or city: "Sydney said"
        cluster.country = _place_country(span.text, gaz, context=context)
    _context_from_phrase(cluster, tokens, kb, date)
    if not cluster.is_person:
        _context_inside(cluster, tokens, kb, stated, gaz)
    return cluster


def _faithful(span: EntitySpan, tokens: Span, kb: ActorKB, gaz: Gazetteer | None) -> _Cluster:
    """Believers of a place or people ("Rakhine Buddhists", "Egyptian Copts"): civilians of
    the country the first words name."""
    cluster = _Cluster(key=f"name:{normalize_key(span.text)}", name=span.text, kind="group",
                       sector="CVL", plural=True)  # fmt: skip
    where = tokens[:-1]
    cluster.country = kb.demonym(where.text) or _country_in(where, kb, names=False)
    if cluster.country is None and gaz is not None:
        cluster.country = _place_country(where.text, gaz, regions_only=True)
    return cluster


def _match_kb(
    span: EntitySpan,
    label: str,
    kb: ActorKB,
    date: str | None,
    stated: str | None,
    context: frozenset[str],
    title: str | None = None,
) -> KBActor | None:
    """The ruler's id, else an exact key, else a fuzzy match; none whose country the name's
    own demonym contradicts ("Chile's Defense Department" is not the US one). Of several
    actors with the name, one of a country the article names wins."""
    candidates: list[KBActor] = []
    exact = kb.lookup(span.text, date=date)
    if len(exact) > 1:
        exact.sort(key=lambda a: a.country not in context)  # stable: date ranking kept
        candidates += exact
    elif span.kb_id and (known := kb.get(span.kb_id)) is not None:
        candidates.append(known)
    candidates += exact
    if label in {"PERSON", "ORG"} and not candidates and _surname_like(span.text, kb):
        people = kb.by_surname(span.text, date=date)
        candidates += _only_one(people, date) or _titled_one(people, title)  # "Museveni said"
    if label in {"PERSON", "ORG"} and len(normalize_key(span.text)) >= 5:
        fuzzy = kb.fuzzy(span.text, date=date, min_score=88.0, limit=3)
        candidates += [
            a
            for a, _ in fuzzy
            if (label == "PERSON") == (a.kind == "person")
            and (label != "PERSON" or _same_surname(span.text, a))
            and not _other_nation(span.text, a, kb)
        ]
    for actor in candidates:
        if stated and actor.kind not in _STATE_KINDS and actor.country not in {stated, None}:
            continue
        return actor
    return None


def _governs(text: str, tokens: Span, kb: ActorKB) -> bool:
    """A state's name that means its government: a metonym ("Tehran") or an alias with an
    agent noun ("Palestinian Authority")."""
    table = agents()
    return kb.metonym_of(text) is not None or any(
        t.lemma_.lower() in table or t.lower_ in table for t in tokens
    )


def _has_agent(tokens: Span) -> bool:
    table = agents()
    return any(t.lemma_.lower() in table or t.lower_ in table for t in tokens)


def _describes(tokens: Span) -> bool:
    """A nationality word that modifies an agent noun or a name rather than acting."""
    head = tokens.root.head
    if tokens.root.dep_ not in {"amod", "compound"} or head.i == tokens.root.i:
        return False
    return bool(head.ent_type_ == "PERSON" or head.lemma_.lower() in agents())


def _possessor_state(tokens: Span, kb: ActorKB) -> str | None:
    """The state of "Iran's" right before a span."""
    doc = tokens.doc
    if tokens.start < 2 or doc[tokens.start - 1].lower_ not in {"'s", "’s"}:
        return None
    found = kb.lookup(doc[tokens.start - 2].text)
    return found[0].id if found and found[0].kind in _STATE_KINDS else None


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


def _other_nation(text: str, actor: KBActor, kb: ActorKB) -> bool:
    """Whether the name a fuzzy match came by carries a nationality the text does not: a
    spelling variant never changes the nation ("Ruritanian Armed Forces" is not
    "Ukrainian Armed Forces")."""
    key = normalize_key(text)
    words = set(key.split())
    near = max(actor.names(), key=lambda n: fuzz.ratio(normalize_key(n), key))
    return any(kb.demonym(w) is not None and normalize_key(w) not in words for w in near.split())


def _titled_one(people: list[KBActor], title: str | None) -> list[KBActor]:
    """The one namesake who held the office a title before the surname names ("Deputy
    Secretary Hicks": the Hicks who was a deputy secretary), if only one did."""
    if title is None:
        return []
    role, key = title_role(title, anchored=False), normalize_key(title)
    held = [
        p
        for p in people
        if any(o.role == role or normalize_key(o.title).startswith(key) for o in p.offices)
    ]
    return held if len(held) == 1 else []


def _only_one(people: list[KBActor], date: str | None) -> list[KBActor]:
    """The one person a bare surname can mean: the only one, or the only one in office."""
    if len(people) == 1:
        return people
    in_office = [p for p in people if p.offices_on(date)]
    return in_office if len(in_office) == 1 and date is not None else []


def _from_namesakes(
    cluster: _Cluster, people: list[KBActor], date: str | None, *, sector: bool = True
) -> None:
    """Several people share the surname ("Museveni": Yoweri and Janet): which one is unsure,
    but a country (or, for a bare surname, a sector) they all share is not."""
    if not people:
        return
    cluster.kind = "person"
    if len({p.country for p in people}) == 1:
        cluster.country = cluster.country or people[0].country
    if sector and len({p.sector_on(date) for p in people}) == 1:
        cluster.sector = cluster.sector or people[0].sector_on(date)


def _surname_like(text: str, kb: ActorKB) -> bool:
    """One capitalised word that is no one's first name: "Museveni", not "Frank"."""
    key = normalize_key(text)
    return " " not in key and len(key) >= 5 and text[:1].isupper() and not kb.is_first_name(key)


def _same_surname(text: str, actor: KBActor) -> bool:
    """A fuzzy person match must keep the surname: "Joseph Monka" is not "Joseph Onika"."""
    last = normalize_key(text).split()[-1]
    for name in actor.names():
        parts = normalize_key(name).split()
        if parts and (
            fuzz.ratio(last, parts[-1]) >= 85 or translit_key(last) == translit_key(parts[-1])
        ):
            return True
    return False


def _title_before(tokens: Span) -> str | None:
    """The title right before a name ("UK Defence Secretary" of "... Ben Wallace"), if any."""
    doc = tokens.doc
    table = agents()
    start = tokens.start
    while start > 0 and tokens.start - start < 5:
        t = doc[start - 1]
        if t.dep_ != "compound" and not (t.is_title and t.pos_ in {"PROPN", "NOUN"}):
            break
        start -= 1
    words = doc[start : tokens.start]
    if not any((a := table.get(t.lower_)) and a.kind == "person" for t in words):
        return None
    return words.text


def _office_titled(actor: KBActor, title: str) -> Office | None:
    """The person's latest office that `title` names, else their latest office."""
    role = title_role(title, anchored=False)
    offices = sorted(actor.offices, key=lambda o: o.end or "9999")
    named = [o for o in offices if o.role == role] or offices
    return named[-1] if named else None


def _is_former(tokens: Span) -> bool:
    doc = tokens.doc
    window = doc[max(0, tokens.start - 3) : tokens.end]
    return any(t.lower_ in _FORMER for t in window)


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
    for words, sector in _NAME_SECTORS:
        if words in key:
            cluster.sector = sector
            return
    table = agents()
    for t in reversed(tokens):
        agent = table.get(t.lemma_.lower()) or table.get(t.lower_)
        if agent is not None:
            cluster.sector = agent.sector
            return


#: Words in an organisation's name that say its sector better than its last agent noun.
_NAME_SECTORS: tuple[tuple[str, str], ...] = (
    ("self defense", "PRM"), ("self defence", "PRM"), ("selfdefense", "PRM"),
    ("autodefensas", "PRM"), ("popular mobilization", "PRM"), ("death squad", "PRM"),
    ("red crescent", "SOC"), ("red cross", "SOC"), ("human rights", "SOC"),
    ("border police", "COP"),
)  # fmt: skip


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
    return root.dep_ in {"amod", "compound"} and root.head.lemma_.lower() in {
        "soil", "territory", "airspace", "border", "water", "coast", "city", "town", "capital",
        "province", "region", "village",
    }  # fmt: skip


def _is_trigger(lemma: str) -> bool:
    table = triggers()
    return (lemma, "N") in table or (lemma, "V") in table


def _same_person(text: str, clusters: list[_Cluster]) -> _Cluster | None:
    """An earlier person of this article that `text` names again, perhaps misspelt."""
    parts = normalize_key(text).split()
    if not parts:
        return None
    full, last = translit_key(text), translit_key(parts[-1])
    for cluster in reversed(clusters):
        if not cluster.is_person:
            continue
        for name in [cluster.name, *(cluster.kb.aliases if cluster.kb else ())]:
            other_parts = normalize_key(name).split()
            if not other_parts:
                continue
            if fuzz.ratio(full, translit_key(name)) >= 88:
                return cluster
            other_last = translit_key(other_parts[-1])
            if len(parts) == 1 and len(last) >= 4 and fuzz.ratio(last, other_last) >= 85:
                return cluster
    return None


def _resolve_role(
    span: EntitySpan,
    tokens: Span,
    kb: ActorKB,
    date: str | None,
    clusters: list[_Cluster],
    *,
    gaz: Gazetteer | None = None,
) -> _Cluster | None:
    head = tokens.root
    table = agents()
    agent = table.get(head.lemma_.lower()) or table.get(head.lower_)
    if agent is None and head.tag_ == "NNS":  # "prisoners", "mourners": PLOVER's nouns
        agent = plover_group(head.lemma_.lower()) or plover_group(head.lower_)
    phrase = _phrase_sector(tokens, head)
    if agent is None and phrase is not None:  # "intelligence service", "displaced families"
        agent = Agent(head.lemma_.lower(), phrase, "group")
    country = _country_in(tokens, kb, gaz=gaz) or _country_after(head, kb, gaz)
    org = _org_in(tokens, kb) or _org_after(head, kb)
    if org is not None and country is None:
        country = org.country
    words = " ".join(t.text for t in tokens if t.dep_ not in {"det", "poss", "case"})
    # a country's office held by one person on the article date ("Iran's Supreme Leader")
    if country and agent is not None and agent.kind == "person":
        title = " ".join(t.text for t in tokens if t.i >= head.i or t.dep_ in {"compound", "amod"})
        holder = kb.holder(title, org.id if org else country, date=date)
        if (
            holder is not None
            and tokens[0].lower_ not in {"a", "an", "one", "two", "some"}
            and not _is_former(tokens)
        ):
            return _from_kb(holder, date)
    modifier = _modifier_sector(tokens, head)
    if agent is None:
        # "gang confederations", "Congressional group", "breakaway state": a body of people
        # whose kind a modifier or an agent noun before it gives
        sector = modifier
        if sector is None and head.lemma_.lower() in COLLECTIVE_NOUNS:
            sector = _body_sector(tokens, head, any_head=True)
        if sector is None and country is not None:
            sector = "UNK"  # "regions across Indonesia": someone there, unnamed
        if sector is None:
            return None
        agent = Agent(head.lemma_.lower(), sector, "group")
    kind = "person" if agent.kind == "person" and head.tag_ not in {"NNS", "NNPS"} else "group"
    name = _role_name(tokens)
    key = f"role:{normalize_key(name)}"
    bodies = [] if org is not None else [b for b in _member_of(head) if _is_body(b)]
    if org is not None:  # "fighters of JNIM" and "fighters of ISGS" are not one actor
        key += f"|{org.id}"
    elif bodies:
        key += f"|{normalize_key(bodies[0].doc[bodies[0].left_edge.i : bodies[0].i + 1].text)}"
    if tokens[0].lower_ in {"a", "an", "one"}:  # each "an official" may be someone else
        key += f"@{span.start}"
    sector = agent.sector
    if head.lemma_.lower() not in _CANDIDATE_NOUNS:  # a "Senate hopeful" is a party actor
        sector = _body_sector(tokens, head) or sector
    if modifier is not None and _overrides(modifier, sector):
        sector = modifier  # "an indigenous leader", "armed men", "the rebel FDLR force"
    if phrase is not None and agent.sector != "LEG":
        sector = phrase  # a phrase the PLOVER dictionary lists whole: "farm workers" (AGR)
    if agent.sector == "LEG" and agent.kind == "person":
        # a legislator is LEG whatever the side ("opposition lawmakers", "ruling party
        # senators"): PLOVER's LEG is the office, a party or side is a further attribute
        sector = "LEG"
    if sector == "GOV" and any(t.lower_ in _RELIGIONS for t in tokens):
        sector = "REL"  # "Muslim leaders": leaders of a faith, not of a government
    if org is not None and org.kind == "group" and sector in _MEMBER_SECTORS:
        sector = org.sector_on(date) or sector  # "a Hezbollah official" is not a government's
    elif org is not None and sector == "GOV" and agent.kind == "person":
        # "president of the Riigikogu", "head of the army": the body's sector
        sector = org.sector_on(date) or sector
    if _is_former(tokens) and sector in STATE_SECTORS:
        sector = "ELI"  # "a former CIA official": PLOVER's elites are former office holders
    cluster = _Cluster(
        key=key, name=name or words, kind=kind, country=country, sector=sector,
        plural=head.tag_ in {"NNS", "NNPS"},
    )  # fmt: skip
    if org is not None:
        cluster.affiliations.append(org.id)
    cluster.member_of = [b.idx for b in bodies]
    _context_from_phrase(cluster, tokens, kb, date)
    return cluster


def _phrase_sector(tokens: Span, head: Token) -> str | None:
    """The primary sector of the longest PLOVER agents phrase that the head noun and the
    modifiers right before it form ("central bank": GOV, "military junta": GOV, "farm
    workers": AGR, "internally displaced people": REF), trying the head's lemma and form."""
    words = [t.lower_ for t in tokens if t.i < head.i and t.dep_ in _PHRASE_DEPS]
    for form in dict.fromkeys((head.lemma_.lower(), head.lower_)):
        found = plover_phrase([*words, form])
        if found:
            return found[0]
    return None


def _takes_body_sector(member: str | None, body: str) -> bool:
    """A generic member noun takes any body's sector ("gunmen of X"); an office or a soldier
    only an irregular body's ("officials of the militia", not "an official of the junta")."""
    if member in {None, "UAF", "CVL", "UNK"}:
        return True
    return member in _MEMBER_SECTORS and body in {"REB", "PRM", "UAF", "CRM"}


def _is_body(token: Token) -> bool:
    """An organisation's name or a named-less armed body: "the Ruritanian Liberation Front",
    "the Fulani militia" (not "the north", not "Mali": places give a country instead)."""
    if token.ent_type_ == "ORG":
        return True
    agent = _agent_of(token)
    return agent is not None and agent.kind == "group" and token.tag_ == "NN"


def _join_bodies(clusters: list[_Cluster], kb: ActorKB) -> None:
    """An unnamed role "of" a body the base does not know takes what the article resolved
    that body to: its name as affiliation, its country, and its sector for a member noun."""
    for cluster in clusters:
        for offset in cluster.member_of:
            body = next(
                (
                    c
                    for c in clusters
                    if c is not cluster
                    and c.kind not in {"person", "state", "territory"}
                    and any(s <= offset < e for s, e in c.mentions)
                ),
                None,
            )
            if body is None:
                continue
            name = body.kb.id if body.kb is not None else body.name
            if name not in cluster.affiliations:
                cluster.affiliations.append(name)
            cluster.country = cluster.country or body.country
            if body.sector and _takes_body_sector(cluster.sector, body.sector):
                cluster.sector = body.sector


def _modifier_sector(tokens: Span, head: Token) -> str | None:
    """The sector a modifier of the head noun gives: "breakaway" (PRE), "wanted" (CRM)."""
    mods = modifiers()
    for t in tokens:
        if t.i < head.i and (found := mods.get(t.lower_)) is not None:
            return found.sector
    return None


def _overrides(modifier: str, sector: str | None) -> bool:
    """Whether a modifier's sector replaces the agent noun's: any for a generic noun ("armed
    men"), a non-criminal one for a leader ("indigenous leader"), an irregular force's for a
    force ("rebel force", but "armed forces" stay MIL)."""
    if sector in {None, "CVL", "UNK"}:
        return True
    if sector == "GOV":
        return modifier not in {"UAF", "CRM"}
    if sector == "MIL":
        return modifier in {"REB", "PRM"}
    return False


def _org_after(head: Token, kb: ActorKB) -> KBActor | None:
    """A known organisation the noun belongs to: "president of the Riigikogu", "fighters
    from JNIM", "gunmen loyal to the Wagner Group"."""
    for obj in _member_of(head):
        subtree = obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
        found = _org_in(subtree, kb)
        if found is not None:
            return found
    return None


def _member_of(head: Token) -> list[Token]:
    """The nouns of the body a noun says it belongs to: "X of Y", "X from Y", "X loyal to Y",
    "X affiliated with Y" (the objects, whatever they name)."""
    preps = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in {"of", "from"}]
    for link in head.rights:
        if link.dep_ in {"amod", "acl"} and link.lemma_.lower() in _BELONGING:
            preps += [c for c in link.children if c.dep_ == "prep" and c.lower_ in {"to", "with"}]
    return [obj for prep in preps for obj in prep.children if obj.dep_ == "pobj"]


def _country_after(head: Token, kb: ActorKB, gaz: Gazetteer | None) -> str | None:
    """The country of a prepositional phrase after the noun: "protesters in Lagos",
    "an official of Mali's junta", "Muslim leaders in France"."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "from", "of", "across", "throughout"}:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                subtree = obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
                found = _country_in(subtree, kb, gaz=gaz)
                if found:
                    return found
    return None


def _body_sector(tokens: Span, head: Token, *, any_head: bool = False) -> str | None:
    """The sector of a body that qualifies a person noun: "army accountant" (MIL), "police
    officer" (COP), "intelligence agency officer" (SPY); with `any_head`, of any noun ("gang
    confederations")."""
    table = agents()
    person = table.get(head.lemma_.lower()) or table.get(head.lower_)
    # a person, or a state's generic body ("intelligence agency": the agency of intelligence)
    generic = person is not None and person.kind == "group" and person.sector == "GOV"
    if not any_head and not generic and (person is None or person.kind != "person"):
        return None
    deps = {"compound", "nmod", "amod"} if any_head else {"compound", "nmod"}
    found = None
    for t in tokens:
        if t.i < head.i and t.dep_ in deps:
            body = table.get(t.lemma_.lower()) or table.get(t.lower_)
            # "extremist groups": with any head, an agent adjective names the kind of body
            kind_ok = body is not None and (body.kind == "group" or t.dep_ == "amod")
            if body is not None and kind_ok and body.sector != "GOV":
                found = found or body.sector  # the outermost body: "intelligence agency"
    return found


def _role_name(tokens: Span) -> str:
    """ "an anonymous senior Israeli official" -> "Israeli official"."""
    keep = [
        t.text
        for t in tokens
        if t.dep_ in {"compound", "nmod"}
        or t.ent_type_ in {"NORP", "GPE", "ORG"}
        or t.i == tokens.root.i
        or (t.dep_ == "amod" and t.text[:1].isupper())
    ]
    return " ".join(keep)


def _ents(doc: Doc) -> list[Span]:
    """`doc.ents`, kept by `resolve_actors` for its run: spaCy rebuilds the list from every
    token on each access, which was most of this stage's time on long articles."""
    cached = doc.user_data.get(_ENTS_KEY)
    return cached if cached is not None else list(doc.ents)


def _ents_in(tokens: Span) -> list[Span]:
    return [e for e in _ents(tokens.doc) if tokens.start <= e.start and e.end <= tokens.end]


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
        if token.dep_ not in {"compound", "amod", "nmod"} or token.head is token:
            return False
        token = token.head
    return False


def _agent_of(token: Token) -> Agent | None:
    table = agents()
    return table.get(token.lemma_.lower()) or table.get(token.lower_)


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


def _antecedent(
    span: EntitySpan,
    history: list[tuple[int, _Cluster]],
    parsed: Doc,
    sent_starts: list[int],
    *,
    skip: Callable[[_Cluster], bool] | None = None,
) -> _Cluster | None:
    """The most recent compatible actor before a pronoun or definite description (none that
    `skip` rules out)."""
    word = span.text.lower().split()[-1]
    if span.label == "PRON":
        if word in _PERSON_PRONOUNS:
            wanted = "person"
        elif word in _THING_PRONOUNS:
            wanted = "thing"
        elif word in _GROUP_PRONOUNS:
            wanted = "group"
        else:
            return None
    else:
        tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
        noun = tokens.root if tokens is not None else None
        lemma = noun.lemma_.lower() if noun is not None else word
        agent = agents().get(lemma)
        if lemma in _STATE_NOUNS:
            wanted = "state"
        elif agent is not None and agent.kind == "person" and not _plural(noun):
            wanted = "person"
        else:
            wanted = "org"
        owner_word = span.text.lower().split()[0]
        if owner_word in _PERSON_PRONOUNS and wanted == "org":
            # "his group": the organisation of the person "his" refers to
            person = _antecedent(
                EntitySpan(span.start, span.start + len(owner_word), owner_word, "PRON"),
                history, parsed, sent_starts,
            )  # fmt: skip
            # else the most recent organisation: "X fired drones ... his organization"
            return _affiliated(person, history) or _last_org(span.start, history)
    sentence = bisect_right(sent_starts, span.start)
    for offset, cluster in reversed(history):
        if offset >= span.start or (skip is not None and skip(cluster)):
            continue
        if wanted == "person" and cluster.is_person:
            return cluster
        if wanted == "state" and cluster.kind in {"state", "territory"}:
            return cluster
        if wanted == "thing" and not cluster.is_person:
            return cluster
        if wanted == "org" and cluster.kind not in {"person", "state", "territory"}:
            if cluster.plural and cluster.key.startswith("role:") and not _organised(cluster):
                continue  # "reporters" is not what "the group" refers to
            return cluster
        if wanted == "group" and (cluster.plural or cluster.kind in {"group", "organization"}):
            # "they" reaches back one sentence at most: beyond that it is too often someone else
            return cluster if sentence - bisect_right(sent_starts, offset) <= 1 else None
    return None


def _description_side(tokens: Span) -> str | None:
    """ "state" for "the army", "the government", "the president"; "irregular" for "the
    militants", "the rebels"; None for any other description."""
    if tokens[0].lower_ not in {"the", "these", "those", "this", "that"}:
        return None
    words = " ".join(t.lower_ for t in tokens[1:])
    lemma = tokens.root.lemma_.lower()
    single = len(tokens) == 2  # "the army", not "the army's spokesman"
    if words in _STATE_DESCRIPTIONS or (single and lemma in _STATE_DESCRIPTIONS):
        return "state" if _description_agent(tokens) is not None else None
    if single and (words in _IRREGULAR_DESCRIPTIONS or lemma in _IRREGULAR_DESCRIPTIONS):
        return "irregular"
    return None


def _description_agent(tokens: Span) -> Agent | None:
    """The agent entry of a description's words ("air force") or of its noun."""
    words = " ".join(t.lower_ for t in tokens if t.dep_ != "det")
    return agents().get(words) or _agent_of(tokens.root)


def _state_side(cluster: _Cluster) -> bool:
    """A state, or a body or person of one ("the Israeli army", "Egypt's foreign ministry");
    not an international organisation, whatever its sector."""
    if cluster.kind in _STATE_KINDS:
        return True
    return cluster.sector in STATE_SECTORS and cluster.kind in {"person", "group", "organization"}


def _of_a_state(cluster: _Cluster) -> bool:
    """A state or anything with a state's sector: never what "the militants" refers to."""
    return cluster.kind in _STATE_KINDS or cluster.sector in STATE_SECTORS


def _side_description(
    span: EntitySpan,
    tokens: Span,
    side: str,
    history: list[tuple[int, _Cluster]],
    parsed: Doc,
    sent_starts: list[int],
) -> tuple[_Cluster | None, str | None]:
    """What a description of one side refers back to, else the country it is of: for "the
    militants" the most recent compatible actor that is no state; for "the army" the most
    recent state body or office holder of its sector ("the Israeli army", "Tehran" for "the
    government"), else the country of the state in play ("Hamas attacked Israel. The army
    ...": Israel's army, not Hamas)."""
    if side == "irregular":
        return _antecedent(span, history, parsed, sent_starts, skip=_of_a_state), None
    agent = _description_agent(tokens)
    if agent is not None and agent.kind == "person" and not _plural(tokens.root):
        # "the president": the person last named, unless of an armed group or an unnamed
        # role of another office ("a US official" is not "the president")
        words = " ".join(t.lower_ for t in tokens if t.dep_ != "det")

        def unfit(c: _Cluster) -> bool:
            role = c.key.startswith("role:") and not c.name.lower().endswith(words)
            return role or c.sector in _IRREGULAR_SECTORS

        found = _antecedent(span, history, parsed, sent_starts, skip=unfit)
        if found is not None:
            return found, None
    elif agent is not None:
        for offset, cluster in reversed(history):
            if offset >= span.start or not _state_side(cluster) or cluster.is_person:
                continue
            if cluster.sector == agent.sector:
                return cluster, None
    state = _states_in_play(span.start, history, parsed, sent_starts)
    return None, state.country if state is not None else None


def _states_in_play(
    before: int, history: list[tuple[int, _Cluster]], parsed: Doc, sent_starts: list[int]
) -> _Cluster | None:
    """The most recent state, or state body with a country, before an offset; of several in
    that sentence the one that acts ("Israel struck Lebanon. The army ...": Israel)."""
    latest: list[tuple[int, _Cluster]] = []
    for offset, cluster in reversed(history):
        if offset >= before or not _state_side(cluster) or not cluster.country:
            continue
        if latest and bisect_right(sent_starts, offset) != bisect_right(sent_starts, latest[0][0]):
            break
        latest.append((offset, cluster))
    acting = [c for offset, c in latest if _acts(_mention_root(offset, c, parsed))]
    found = acting or [c for _, c in latest]
    # "Armenia and Azerbaijan agreed. The army ...": whose army is unsure
    return found[0] if len({c.country for c in found}) == 1 else None


def _mention_root(offset: int, cluster: _Cluster, parsed: Doc) -> Token | None:
    end = next((e for s, e in cluster.mentions if s == offset), None)
    mention = parsed.char_span(offset, end, alignment_mode="expand") if end else None
    return mention.root if mention is not None else None


def _acts(token: Token | None) -> bool:
    """Whether a mention is the doer in its clause: subject, possessor, passive agent."""
    if token is None:
        return False
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "Israel and Egypt agreed"
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True  # "was struck by Israel"
    return token.dep_ in _ACTING_DEPS


def _one_country(context: frozenset[str], clusters: list[_Cluster]) -> str | None:
    """The one country in play: the only one the article names and its actors so far are of
    ("Boko Haram attacked a village. The military ...": Nigeria's), else None."""
    countries = set(context) | {c.country for c in clusters if c.country}
    return next(iter(countries)) if len(countries) == 1 else None


def _bare_state_role(span: EntitySpan, parsed: Doc) -> bool:
    """A role phrase of a state's forces or bodies and nothing else: "Troops", "the air
    force", "security forces", "government troops" (not "two soldiers": someone new)."""
    tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None:
        return False
    words = [t for t in tokens if t.lower_ not in {"the", "these", "those"}]
    if not words or len(words) < len(tokens) - 1:
        return False
    if " ".join(t.lower_ for t in words) in _STATE_DESCRIPTIONS:
        return True
    return all(
        (t.lower_ in _STATE_DESCRIPTIONS or t.lemma_.lower() in _STATE_DESCRIPTIONS)
        and t.pos_ == "NOUN"
        for t in words
    )


def _unnamed(
    span: EntitySpan,
    tokens: Span,
    kb: ActorKB,
    date: str | None,
    gaz: Gazetteer | None,
    country: str | None,
) -> _Cluster | None:
    """An unnamed actor for a description nothing before it fits ("The army launched ..."),
    of `country` where the text or the article gives one; a sole office of a country is
    whoever held it on the article date ("the president")."""
    cluster = _resolve_role(span, tokens, kb, date, [], gaz=gaz)
    if cluster is None:
        return None
    if country and cluster.sector in STATE_SECTORS:
        words = " ".join(t.lower_ for t in tokens if t.dep_ != "det")
        if cluster.is_person and words in _SOLE_OFFICES:
            holder = kb.holder(words, country, date=date)
            if holder is not None:
                return _from_kb(holder, date)
        cluster.country = cluster.country or country
    if cluster.country:
        cluster.key += f"|{cluster.country}"
    return cluster


def _perpetrator_noun(span: EntitySpan, tokens: Span) -> bool:
    """ "the attackers", "the gunman", "these assailants": a description of whoever did it."""
    if span.label != "DEF" or tokens[0].lower_ not in {"the", "these", "those", "this", "that"}:
        return False
    return tokens.root.lemma_.lower() in _PERPETRATORS or tokens.root.lower_ in _PERPETRATORS


def _perpetrator(
    span: EntitySpan, tokens: Span, history: list[tuple[int, _Cluster]], parsed: Doc
) -> _Cluster | None:
    """The most recent actor the text says carried out an attack before "the attackers": the
    subject of an attack verb, the agent of a passive one, the owner of an attack noun, or
    who claimed the attack. A victim or a bystander named last is not it."""
    singular = not _plural(tokens.root)
    for offset, cluster in reversed(history):
        if offset >= span.start or (cluster.kind in {"state", "territory"} and singular):
            continue
        if cluster.is_person and not singular:
            continue
        end = next((e for s, e in cluster.mentions if s == offset), None)
        mention = parsed.char_span(offset, end, alignment_mode="expand") if end else None
        if mention is not None and _attacks(mention.root):
            return cluster
    return None


def _attacks(token: Token) -> bool:
    """Whether the parse makes a mention the doer of an attack."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "Hamas and Islamic Jihad attacked"
    head = token.head
    if token.dep_ == "nsubj":
        return _assault_verb(head) or _claims_attack(head)
    if token.dep_ == "pobj" and head.dep_ == "agent":
        return _assault_verb(head.head)  # "was attacked by X"
    if token.dep_ in {"poss", "compound", "nmod", "amod"} and head.pos_ in {"NOUN", "PROPN"}:
        return _is_assault(head)  # "Hamas's attack", "a JNIM raid"
    return False


def _is_assault(token: Token) -> bool:
    trig = find_trigger(token)
    return trig is not None and trig.type == "ASSAULT"


def _assault_verb(verb: Token) -> bool:
    """ "attacked", "launched drones", "carried out an attack", "stormed and killed" (not
    "condemned the attack": only a verb of doing hands its object's act to its subject)."""
    acts = [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "conj"})]
    if verb.lemma_.lower() in _DOING:
        acts += [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(_is_assault(t) for t in acts)


def _claims_attack(verb: Token) -> bool:
    """ "claimed the attack", "claimed responsibility for the bombing"."""
    if verb.lemma_.lower() not in {"claim", "admit", "acknowledge"}:
        return False
    return any(
        _is_assault(t) or t.lemma_.lower() == "responsibility"
        for c in verb.children
        if c.dep_ == "dobj"
        for t in c.subtree
    )


def _organised(cluster: _Cluster) -> bool:
    """Plural members of an organisation or armed group ("Hezbollah fighters", "militants"):
    "the group" may refer to them."""
    return bool(cluster.affiliations) or cluster.sector in {"REB", "PRM", "UAF", "CRM"}


def _last_org(before: int, history: list[tuple[int, _Cluster]]) -> _Cluster | None:
    for offset, cluster in reversed(history):
        if offset < before and cluster.kind not in {"person", "state", "territory"}:
            return cluster
    return None


def _owner_pronoun(span: EntitySpan) -> EntitySpan | None:
    """The possessive pronoun that opens a definite description ("his" of "his group")."""
    if span.label != "DEF":
        return None
    word = span.text.split()[0]
    if word.lower() not in _PERSON_PRONOUNS:
        return None
    return EntitySpan(span.start, span.start + len(word), word, "PRON")


def _affiliated(person: _Cluster | None, history: list[tuple[int, _Cluster]]) -> _Cluster | None:
    """The cluster of the organisation a person is affiliated with, if the article names it."""
    if person is None:
        return None
    for _, cluster in history:
        if cluster.kb is not None and cluster.kb.id in person.affiliations:
            return cluster
    return None


def _plural(token: Token | None) -> bool:
    return token is not None and token.tag_ in {"NNS", "NNPS"}


def _affiliation_names(cluster: _Cluster, kb: ActorKB) -> list[str]:
    names = []
    for kb_id in cluster.affiliations:
        actor = kb.get(kb_id)
        names.append(actor.name if actor else kb_id)
    return names
