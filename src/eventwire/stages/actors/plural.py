"""Plural references to actors named together before: "Chile and Peru met on Monday. They
agreed to reopen the border", "both countries", "the two sides".

A pronoun or a definite description refers back to one actor (`coref.py`); these refer back to
a coordination of actors, and the reference becomes a mention of each of them, so that an act
told of "they" has both as its side. The coordination must lie in the reference's sentence or
the one before it. "They" takes it only when no group named later is nearer ("Chile and Peru
met the rebels. They..." is left to the nearest group). "Both X" and "the two X" without a
coordination before them take the two most recent actors of their kind (states for
"countries", persons for "leaders", any for "sides").
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from ...lexicon import words
from .cluster import _Cluster

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...record import EntitySpan

__all__ = ["is_plural_reference", "plural_referents"]

_GROUP_PRONOUNS = words("group_pronoun")
_STATE_NOUNS = words("pair_state_noun")
_PERSON_NOUNS = words("pair_person_noun")
_ANY_NOUNS = words("pair_any_noun")


def is_plural_reference(span: EntitySpan) -> bool:
    """ "they", "both countries", "the two sides": a reference that may stand for several
    actors ("both journalists" names people of its own)."""
    words_ = span.text.lower().split()
    if span.label == "PRON":
        return words_[-1] in _GROUP_PRONOUNS
    pair = words_[:1] == ["both"] or words_[:2] == ["the", "two"]
    noun = words_[-1]
    return span.label == "DEF" and pair and (noun in _STATE_NOUNS | _PERSON_NOUNS | _ANY_NOUNS)


def plural_referents(
    span: EntitySpan,
    parsed: Doc,
    history: list[tuple[int, _Cluster]],
    sent_starts: list[int],
    *,
    single: _Cluster | None,
) -> list[_Cluster]:
    """The actors a plural reference stands for, two or more; [] when it is no such reference
    or none fits. `single` is the one antecedent the ordinary search found for it."""
    if not is_plural_reference(span):
        return []
    words_ = span.text.lower().split()
    pronoun = span.label == "PRON"
    sentence = bisect_right(sent_starts, span.start)
    # the reference's sentence and the one before; history is in text order
    first = sent_starts[sentence - 2] if sentence >= 2 else 0
    window: list[tuple[int, _Cluster]] = []
    for offset, cluster in reversed(history):
        if offset < first:
            break
        if offset < span.start:
            window.append((offset, cluster))
    window.reverse()
    group = _last_coordination(window, parsed)
    if group and not pronoun and not all(_fits(c, words_[-1]) for c in group):
        group = []
    if group:
        last = max(offset for offset, cluster in window if cluster in group)
        nearer = [o for o, c in window if c is single and o > last] if pronoun else []
        return [] if nearer else group
    if not pronoun:
        return _last_two(window, words_[-1])
    return []


def _last_coordination(window: list[tuple[int, _Cluster]], parsed: Doc) -> list[_Cluster]:
    """The clusters of the last coordination of mentions in `window` ("Chile and Peru")."""
    at: dict[int, _Cluster] = {}
    for offset, cluster in window:
        start = parsed.char_span(offset, offset + 1, alignment_mode="expand")
        if start is not None:
            at[start.root.i] = cluster
    best: list[_Cluster] = []
    best_end = -1
    for i, cluster in at.items():
        head = parsed[i]
        members = [cluster]
        for conj in head.conjuncts:
            other = _cluster_near(conj, at)
            if other is not None and other not in members:
                members.append(other)
        end = max([head.i, *(c.i for c in head.conjuncts)])
        if len(members) >= 2 and end > best_end:
            best, best_end = members, end
    return best


def _cluster_near(token: Token, at: dict[int, _Cluster]) -> _Cluster | None:
    """The cluster of a mention whose head is `token` or one of its modifiers."""
    for t in (token, *token.lefts):
        if t.i in at:
            return at[t.i]
    return None


def _last_two(window: list[tuple[int, _Cluster]], noun: str) -> list[_Cluster]:
    """The two most recent distinct clusters of the kind a pair noun names."""
    found: list[_Cluster] = []
    for _, cluster in reversed(window):
        if not _fits(cluster, noun):
            continue
        if cluster not in found:
            found.append(cluster)
        if len(found) == 2:
            return list(reversed(found))
    return []


def _fits(cluster: _Cluster, noun: str) -> bool:
    """Whether an actor is of the kind a pair noun names ("countries": a state)."""
    if noun in _STATE_NOUNS:
        return cluster.kind in {"state", "territory"}
    if noun in _PERSON_NOUNS:
        return cluster.is_person
    return True
