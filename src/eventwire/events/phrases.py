"""What actors a noun phrase names, for the participant frames (`participants`).

A phrase names an actor by its head ("Peru"), its apposition ("his rival, X"), a modifier
before it ("the Israeli military", "Iran's"), what a quantity counts ("hundreds of
protesters"), or, for a relative pronoun, its antecedent. `holders` also reads the phrase
the head holds ("the appeal of X", "a request from X", "the offer made by X").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ..lexicon import words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "HOLDER_PREPS",
    "MODIFIER_DEPS",
    "Owner",
    "actor_of",
    "actors",
    "conjuncts",
    "content_clause",
    "holder",
    "is_infinitive_of",
    "is_infinitive_of_noun",
    "phrase_actors",
    "prep_objects",
    "reduced_passive",
]

#: Actor id by character offset of its mentions.
Owner = Mapping[int, str]

#: Heads of "hundreds of protesters": the counted noun is the actor.
_QUANTITY_HEADS = words("quantity_head")
#: Nouns for someone by their relation to the possessor ("Assad's opponents").
_RELATIONAL = words("relational_noun")
#: Nouns whose "of" names an ally of the subject ("on the side of X", "on behalf of X").
_ALLY_NOUNS = words("ally_noun")
#: Prepositions that name the members of a group ("partners, including the UK").
_EXEMPLIFYING = words("exemplifying_prep")
#: Prepositions through which an object phrase holds the one it is about: "the appeal of X",
#: "a request from X", "a proposal by X".
HOLDER_PREPS = frozenset({"of", "by", "from"})
#: Deps of a noun's modifiers that can name an actor ("the Israeli military", "Iran's").
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


def phrase_actors(tokens: Iterable[Token], owner: Owner) -> list[str]:
    """The actors the noun phrases headed by `tokens` name, with their conjuncts."""
    return actors(tokens, owner)


def prep_objects(token: Token, preps: AbstractSet[str]) -> list[Token]:
    """The objects of `token`'s prepositions in `preps`."""
    # the parser labels "granted a pardon to X" dative: "to" with its own object
    return [
        g
        for c in token.children
        if c.dep_ in {"prep", "dative"} and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def actor_of(token: Token, owner: Owner) -> str | None:
    """The actor a token names, looking inside its noun phrase ("the Israeli military")."""
    hit = owner.get(token.idx)
    if hit:
        return hit
    for child in token.children:
        if child.dep_ == "appos" and (hit := owner.get(child.idx)):
            # "his rival, Laurent Gbagbo": the apposition names who, the possessor whose
            return hit
    # "Assad's opponents", "Iran's allies": someone else than the possessor (but "Sadr
    # supporters", "its Kurdish allies": a modifier still says whose side they are)
    relational = token.lemma_.lower() in _RELATIONAL or token.lower_ in _RELATIONAL
    modifiers = [
        c
        for c in token.children
        if c.dep_ in MODIFIER_DEPS and c.i < token.i and not (relational and c.dep_ == "poss")
    ]
    # "the Iranian Grace 1 tanker", "an ISIS group bastion": a modifier of a modifier
    modifiers += [g for c in modifiers for g in c.children if g.dep_ in MODIFIER_DEPS and g.i < c.i]
    for child in modifiers:
        hit = owner.get(child.idx)
        if hit:
            return hit
    if token.lemma_.lower() in _QUANTITY_HEADS or token.like_num:
        # "hundreds of protesters", "dozens of militants": the actor is what is counted
        for obj in prep_objects(token, frozenset({"of"})):
            if hit := actor_of(obj, owner):
                return hit
    antecedent = _antecedent(token)
    return actor_of(antecedent, owner) if antecedent is not None else None


def _antecedent(token: Token) -> Token | None:
    """What a relative pronoun in an object slot stands for: "the rebels, whom the army
    attacked", "the PKK, with whom Ankara has fought": the noun its relative clause hangs on.
    A subject ("the rebels, who attacked") is the source's climb (`_verb_sides`); a passive's
    subject ("the militia, which has been attacked by X") undergoes the act like an object."""
    if token.tag_ not in {"WP", "WDT"} or token.dep_ == "nsubj":
        return None
    clause = token.head
    for _ in range(3):  # "with whom ... fought": the pronoun, its preposition, the clause
        if clause.dep_ == "relcl":
            return clause.head
        if clause.head.i == clause.i:
            return None
        clause = clause.head
    return None


def holder(token: Token, owner: Owner, depth: int = 2) -> str | None:
    """The actor a phrase is about: "the business dealings of X", "a request from X", "the
    offer made by X"; at most `depth` phrases down."""
    if depth == 0 or token.lemma_.lower() in _ALLY_NOUNS:
        return None  # "fought on the side of X": X is an ally, not what the act is about
    inner = prep_objects(token, HOLDER_PREPS)
    inner += [
        g
        for acl in token.children
        if acl.dep_ == "acl"
        for a in acl.children
        if a.dep_ == "agent"
        for g in a.children
        if g.dep_ == "pobj"
    ]
    for obj in inner:
        hit = actor_of(obj, owner) or holder(obj, owner, depth - 1)
        if hit:
            return hit
    return None


def actors(
    tokens: Iterable[Token],
    owner: Owner,
    *,
    holders: bool = False,
    exclude: AbstractSet[str] = frozenset(),
) -> list[str]:
    """The actors the phrases headed by `tokens` and their conjuncts name, in order, each
    once; `holders`: also the actor a phrase holds (`holder`); `exclude`: actors never
    taken (the source, when looking for a target)."""
    found: list[str] = []
    for token in tokens:
        for t in [token, *conjuncts(token)]:
            actor = actor_of(t, owner)
            if actor in exclude:
                actor = None  # "lifted its blockade of X": the source's own thing holds X
            actor = actor or (holder(t, owner) if holders else None)
            if actor and actor not in found and actor not in exclude:
                found.append(actor)
            # "their western partners, including the UK and France": the members named, with
            # the group when it is an actor of its own ("European countries")
            found += [
                a
                for m in _members(t)
                if (a := actor_of(m, owner)) and a not in found and a not in exclude
            ]
            # "Chile and Peru met. They agreed": a mention shared by several names them all
            shared: Mapping[int, list[str]] = getattr(owner, "shared", {})
            for other in shared.get(t.idx, []) if actor else []:
                if other not in found and other not in exclude:
                    found.append(other)
            if actor:
                for other in _shared_head_actors(t, owner):
                    if other not in found and other not in exclude:
                        found.append(other)
    return found


def _members(token: Token) -> list[Token]:
    """The named members of a group noun: "partners, including the UK and France", "countries
    like Peru", "states such as Chile" ("as" counts only under "such"). Only a plural names a
    group: "joined the fight, including Algerians" lists who fought, not whom."""
    out: list[Token] = []
    if token.tag_ not in {"NNS", "NNPS"}:
        return out
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in _EXEMPLIFYING:
            continue
        if prep.lower_ == "as" and not any(c.lower_ == "such" for c in prep.children):
            continue
        for g in prep.children:
            if g.dep_ == "pobj":
                out += [g, *conjuncts(g)]
    return out


def _shared_head_actors(token: Token, owner: Owner) -> list[str]:
    """ "US and Iraqi forces", "Russian and Syrian jets": coordinated modifiers share one
    head, and each names a party of its own; the actors of the other modifiers."""
    out = []
    for modifier in (c for c in token.children if c.dep_ in MODIFIER_DEPS and c.i < token.i):
        others = conjuncts(modifier)
        if others:  # a lone modifier is the head phrase's own ("the Israeli military")
            out += [hit for t in [modifier, *others] if (hit := owner.get(t.idx))]
    return out


def conjuncts(token: Token) -> list[Token]:
    """The tokens coordinated with `token` ("Peru and Chile"), however deep the chain."""
    out = []
    for c in token.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(conjuncts(c))
    return out


#: Links by which an infinitive completes or gives the purpose of a verb.
_PURPOSE_DEPS = frozenset({"xcomp", "advcl"})


def reduced_passive(token: Token) -> bool:
    """ "the smugglers detained in Lima": a past participle after its noun, with no
    auxiliary or subject of its own (not "who have detained")."""
    return (
        token.dep_ in {"acl", "relcl"}
        and token.tag_ == "VBN"
        and token.head.i < token.i
        and not any(c.dep_ in {"aux", "nsubj"} for c in token.children)
    )


def is_infinitive_of_noun(token: Token) -> bool:
    """True for "to withdraw" completing a noun ("the decision to withdraw")."""
    return token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def is_infinitive_of(token: Token) -> bool:
    """True for "to strike" depending on a verb (as its complement or its purpose)."""
    return token.dep_ in _PURPOSE_DEPS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def content_clause(clause: Token) -> bool:
    """True for a noun's "that" clause with a subject of its own, which says what the noun
    holds ("the demand that Germany repatriate", "his threat that Peru would pay"), not a
    relative clause ("the demand that Trump made": "that" is its object)."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children
    )
