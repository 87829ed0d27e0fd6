"""Pronouns and definite descriptions to the actor they refer back to: "he", "the group",
"the army" (a state's side), "the militants", "the attackers" (whoever attacked)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from ...events.triggers import find_trigger
from ...lexicon import words
from ...record import EntitySpan
from ...resources.kb import (
    STATE_SECTORS,
)
from ...resources.lexicons import Agent, agents, plover_group
from .cluster import _STATE_KINDS, _agent_of, _Cluster, _from_kb, _plural
from .roles import _resolve_role

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

    from ...resources.gazetteer import Gazetteer
    from ...resources.kb import ActorKB

__all__ = [
    "_antecedent",
    "_bare_state_role",
    "_description_side",
    "_group_description",
    "_one_country",
    "_owner_pronoun",
    "_perpetrator",
    "_perpetrator_noun",
    "_side_description",
    "_states_in_play",
    "_unnamed",
]


_PERSON_PRONOUNS = words("person_pronoun")
_THING_PRONOUNS = words("thing_pronoun")
_GROUP_PRONOUNS = words("group_pronoun")
_STATE_NOUNS = frozenset({"country", "state"})
#: Nouns for whoever carried out an attack: they refer back only to an actor the text says
#: attacked ("Gunmen attacked X. The attackers fled": not X).
_PERPETRATORS = words("perpetrator_noun")
#: Descriptions of a state's forces, bodies and office holders: "the army" refers back only
#: to a state or a body or person of one, never to a rebel group named last. Generic titles
#: ("the official", "the leader", "the commander") are left out: armed groups have them too.
_STATE_DESCRIPTIONS = words("state_body_noun")
#: Descriptions of irregular armed groups: "the militants" never refers back to a state.
_IRREGULAR_DESCRIPTIONS = words("irregular_force_noun")
#: Sectors of armed groups that are no state's: never what "the army" or "the president" is.
_IRREGULAR_SECTORS = frozenset({"REB", "PRM", "UAF", "CRM"})
#: Offices one person holds for a country at a time: "the president" is whoever held it.
_SOLE_OFFICES = words("sole_office")
#: Where a state's mention acts rather than undergoes: "Israel struck", "Israel's strikes".
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
#: Verbs whose object is the act their subject does: "carried out an attack".
_DOING = words("perpetrating_verb")
#: Determiners of a description that refers back to someone named before ("the union",
#: "those protesters").
_DEFINITE = frozenset({"the", "these", "those", "this", "that"})


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
    if tokens[0].lower_ not in _DEFINITE:
        return None
    words = " ".join(t.lower_ for t in tokens[1:])
    lemma = tokens.root.lemma_.lower()
    single = len(tokens) == 2  # "the army", not "the army's spokesman"
    if words in _STATE_DESCRIPTIONS or (single and lemma in _STATE_DESCRIPTIONS):
        return "state" if _description_agent(tokens) is not None else None
    if single and (words in _IRREGULAR_DESCRIPTIONS or lemma in _IRREGULAR_DESCRIPTIONS):
        return "irregular"
    if single and _plural(tokens.root) and lemma not in _PERPETRATORS:
        # "the authorities", "the protesters", "the residents": a group of the agent noun's
        # sector; a state's when that sector is (GOV authorities), else whoever of that sector
        agent = _description_agent(tokens) or _plover_group_of(tokens.root)
        if agent is not None and agent.kind == "group":
            return "state" if agent.sector in STATE_SECTORS else "group"
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
    agent = _description_agent(tokens) or _plover_group_of(tokens.root)
    if side == "group":
        # "Protesters marched ... the protesters": the last group of that sector, else new
        for offset, cluster in reversed(history):
            if (
                offset < span.start
                and not cluster.is_person
                and cluster.kind not in _STATE_KINDS
                and agent is not None
                and cluster.sector == agent.sector
            ):
                return cluster, None
        return None, None
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
    while token.dep_ == "conj" and token.head.i != token.i:
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
    if span.label != "DEF" or tokens[0].lower_ not in _DEFINITE:
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
    while token.dep_ == "conj" and token.head.i != token.i:
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


def _plover_group_of(noun: Token) -> Agent | None:
    """The PLOVER agents dictionary's group for a plural noun, by lemma or form ("prisoners")."""
    return plover_group(noun.lemma_.lower()) or plover_group(noun.lower_)


def _group_description(tokens: Span) -> Agent | None:
    """ "the opposition", "the union": the group agent of "the" and an agent noun, which is an
    unnamed group of its sector when nothing before it is what it refers back to."""
    if len(tokens) != 2 or tokens[0].lower_ not in _DEFINITE:
        return None
    agent = _description_agent(tokens) or _plover_group_of(tokens.root)
    return agent if agent is not None and agent.kind == "group" else None


def _other_role(agent: Agent) -> Callable[[_Cluster], bool]:
    """Unnamed actors of another sector, which "the company" does not refer back to ("The
    union struck against the company")."""
    return lambda c: c.key.startswith("role:") and c.sector != agent.sector
