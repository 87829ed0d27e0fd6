"""An actor being built and the small helpers every part of the actors stage uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...lexicon import words
from ...resources.kb import (
    KBActor,
)
from ...resources.lexicons import Agent, agents

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "_ENTS_KEY",
    "_RELIGIONS",
    "_STATE_KINDS",
    "_Cluster",
    "_agent_of",
    "_ents",
    "_ents_in",
    "_from_kb",
    "_is_former",
    "_plural",
]


_PERSON_KINDS = frozenset({"person"})
_STATE_KINDS = frozenset({"state", "territory"})
_ENTS_KEY = "eventwire.actors.ents"
#: Words for faiths and believers: "Muslim leaders" lead a faith, not a government.
_RELIGIONS = words("faith_word")
#: Modifiers that make an office holder a former one: PLOVER's ELI sector ("a former minister").
_FORMER = words("former_modifier")


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


def _is_former(tokens: Span) -> bool:
    doc = tokens.doc
    window = doc[max(0, tokens.start - 3) : tokens.end]
    return any(t.lower_ in _FORMER for t in window)


def _ents(doc: Doc) -> list[Span]:
    """`doc.ents`, kept by `resolve_actors` for its run: spaCy rebuilds the list from every
    token on each access, which was most of this stage's time on long articles."""
    cached = doc.user_data.get(_ENTS_KEY)
    return cached if cached is not None else list(doc.ents)


def _ents_in(tokens: Span) -> list[Span]:
    return [e for e in _ents(tokens.doc) if tokens.start <= e.start and e.end <= tokens.end]


def _agent_of(token: Token) -> Agent | None:
    table = agents()
    return table.get(token.lemma_.lower()) or table.get(token.lower_)


def _plural(token: Token | None) -> bool:
    return token is not None and token.tag_ in {"NNS", "NNPS"}
