"""Role phrases ("an anonymous senior Israeli official", "fighters of JNIM"): country from
the phrase, sector from its head noun, its modifiers and the body it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lexicon import words
from ...record import EntitySpan
from ...resources.kb import (
    STATE_SECTORS,
    KBActor,
    normalize_key,
)
from ...resources.lexicons import (
    Agent,
    agents,
    modifiers,
    plover_group,
    plover_phrase,
    region_group,
)
from .cluster import _RELIGIONS, _agent_of, _Cluster, _from_kb, _is_former
from .context import _context_from_phrase, _country_in, _org_in

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ...resources.gazetteer import Gazetteer
    from ...resources.kb import ActorKB

__all__ = ["_join_bodies", "_resolve_role"]


#: Nouns for people seeking office: a party actor whatever body they seek ("Senate hopeful").
_CANDIDATE_NOUNS = frozenset({"candidate", "hopeful", "nominee", "contender"})
#: Words that tie members to a body: "fighters loyal to X", "gunmen affiliated with X".
_BELONGING = words("belonging_word")
# Modifiers that can belong to a PLOVER phrase ("central" bank, "farm" workers).
_PHRASE_DEPS = frozenset({"compound", "amod", "advmod", "nmod"})
#: Sectors a member noun has only for want of its body's: "fighters of JNIM" are what JNIM
#: is (REB), "gunmen of the Fulani militia" a militia's (PRM), "officials of Hamas" not a
#: government's.
_MEMBER_SECTORS = words("member_sector")
#: Nouns for a body of people that take their sector from a modifier ("gang confederations").
_COLLECTIVE_NOUNS = words("anaphor_noun", "collective_noun")


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
    region = region_group(head.lower_, [t.lower_ for t in tokens if t.i < head.i])
    companies = any(t.ent_type_ == "ORG" for t in tokens if t.i < head.i)
    if region is not None and _org_in(tokens, kb) is None and not companies:
        # "Western powers", "Ukraine's Western partners", "Gulf allies of the US": a group of
        # states, of no one state (not the one it is allied to, nor a region's namesake)
        name = _role_name(tokens)
        return _Cluster(
            key=f"role:{normalize_key(name)}", name=name, kind="group", sector=region.sector,
            plural=True,
        )  # fmt: skip
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
        if sector is None and head.lemma_.lower() in _COLLECTIVE_NOUNS:
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
