"""Where an event happened: the place the parse links to its trigger (`locate_event`).

Read by the events stage; the places stage finds and resolves the places themselves.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from ..lexicon import words
from ..record import Document, Place
from ..resources.place_words import (
    FACILITY_NOUNS,
    LOCATIVE_PREPS,
    SITE_NOUNS,
    TERRITORIAL_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["locate_event"]

#: Lower is more specific; unresolved names are mostly neighbourhoods and villages.
_SPECIFICITY: dict[str, int] = {"other": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}

#: Prepositions that, right before a bare name, make it the target rather than the place.
_TARGET_PREPS: frozenset[str] = frozenset({"on", "onto", "upon", "toward", "towards"})

#: Nouns whose "<noun> of X" object still puts the event at X ("patrolled the streets of X",
#: "captured much of X", "took control of X").
_PART_NOUNS = words("settlement_noun", "place_part_noun", "place_portion_word")

#: Prepositions whose phrase, hung on the verb, holds a source or a concession, never this
#: event's place ("according to sources in X"). Not "against": the parser hangs "in Paris" of
#: "protested against the government in Paris" on the noun.
_NOT_PLACE_PREPS: frozenset[str] = frozenset({"according", "despite"})

#: Prepositions of the circumstances or cause of an event ("killed during clashes in X").
_CAUSE_PREPS: frozenset[str] = frozenset({"during", "amid", "amidst", "due", "because"})

#: Edges by which a clause hangs inside a phrase ("soldiers who ...", "the zone set up ...").
_CLAUSE_DEPS = words("clause_dependency")


def locate_event(doc: Document, *, token_i: int) -> str | None:
    """The id of the place where the event of verb token `token_i` happened, or None.

    A place counts when it hangs off the verb (or a verb coordinated with it, "shot and
    killed in X", or a clause of its circumstances, "killed when militants hit X") through a
    locative preposition ("in X", "near the town of X", "on Iraqi soil"), through another
    phrase that holds one ("during a raid on a house in X", "by forces in X"), or is the
    verb's object or passive subject ("captured the town of X", "X was shelled"). A fronted
    "In X, ..." holds for every verb of its sentence, and "X, where ... happened" for its
    clause. Places elsewhere in the sentence (an actor's origin, "a driver from X") do not
    count, nor a place that only describes another ("Taji, north of Baghdad": Taji). The most
    specific place wins.
    """
    if doc.nlp is None or not 0 <= token_i < len(doc.nlp):
        return None
    verb = doc.nlp[token_i]
    # a place links to the verb only through the parse of the verb's own sentence
    sent = verb.sent
    spans = [
        (place, span)
        for place in doc.places
        if place.end > sent.start_char
        and place.start < sent.end_char
        and (span := doc.nlp.char_span(place.start, place.end, alignment_mode="expand")) is not None
    ]
    roots = {span.root.i: place for place, span in spans}
    where = _where_antecedent(verb, roots)
    if where is not None:
        return where.id
    best: tuple[int, int, int, int, str] | None = None
    for place, span in spans:
        found = _link(span.root, verb, place, roots.keys())
        if found is None:
            continue
        tier, steps, attach = found
        # The phrase nearest the verb first; within it ("in the West Bank city of Nablus")
        # the most specific place.
        rank = (tier, abs(attach - token_i), _SPECIFICITY[place.feature], steps, place.id)
        if best is None or rank[:4] < best[:4]:
            best = rank
    return best[4] if best else None


def _where_antecedent(verb: Token, roots: dict[int, Place]) -> Place | None:
    """The place a "where" clause of the verb hangs on ("in Gaza, where troops shot ...")."""
    for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        if v.dep_ == "relcl" and any(c.lower_ == "where" for c in v.children):
            return roots.get(v.head.i)
    return None


def _link(
    root: Token, verb: Token, place: Place, roots: Collection[int]
) -> tuple[int, int, int] | None:
    """(tier, steps, token attached to the verb) when the place is linked to the verb."""
    near = _coordinated(verb)
    # Tier 0: the verb's own phrases; tier 1: also clauses inside them ("soldiers who
    # returned fire in X", "while covering the clashes in X").
    for tier, verbs, deep in ((0, near, False), (1, near | _circumstances(verb), True)):
        found = _path_to(root, verbs, place, roots, deep=deep)
        if found is None:
            continue
        steps, tok, object_ok, inner = found
        if tok.head.i != verb.i and tok.head.i in near and not _lent(tok):
            continue  # a coordinated verb lends only its own locative phrases
        # A coordinated verb lends only its locative phrases, never its own objects.
        own = tok.head.i == verb.i or tok.head.i not in near
        if _attach_ok(tok, place, steps, object_ok and own, inner):
            return tier, steps, tok.i
    if _fronted(root, verb):
        return 2, 0, root.i
    return None


def _lent(tok: Token) -> bool:
    """Whether a coordinated verb's phrase places this verb too: "shot and killed in X",
    "bombed and destroyed a building in X", "killed and injured by a bomb in X", but not
    "captured and accused of a killing in X" (a phrase of another preposition, not a place
    or a cause, is about the other verb alone)."""
    if tok.dep_ == "prep":
        return tok.lower_ in LOCATIVE_PREPS or tok.lower_ in _CAUSE_PREPS
    return True


def _coordinated(verb: Token) -> set[int]:
    """The verb and the verbs whose locative phrases it shares ("shot and killed in X").

    Only locative phrases are shared: the objects of a conjunct are its own (`_link`).
    """
    out = {verb.i}
    if verb.dep_ == "conj":
        out.add(verb.head.i)
    out |= {c.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")}
    return out


def _circumstances(verb: Token) -> set[int]:
    """Adverbial clauses of the verb ("... when militants hit X", "while carrying out ...").

    A purpose infinitive ("coordinating with Iran to strike Israel") is another, planned
    event, not a circumstance of this one.
    """
    return {
        c.i
        for v in _coordinated(verb)
        for c in verb.doc[v].children
        if c.dep_ == "advcl" and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    }


def _fronted(root: Token, verb: Token) -> bool:
    """A sentence-opening "In X, ..." frame, which holds for the verbs after it."""
    tok = root
    while tok.dep_ in ("compound", "pobj", "conj", "appos", "prep", "amod") and tok.head != tok:
        if tok.dep_ == "prep":
            break
        tok = tok.head
    sent = verb.sent
    return (
        tok.dep_ == "prep"
        and tok.lower_ in LOCATIVE_PREPS
        and tok.sent == sent
        and tok.i - sent.start <= 2
        and tok.i < verb.i
    )


def _path_to(
    tok: Token, verbs: set[int], place: Place, roots: Collection[int], *, deep: bool
) -> tuple[int, Token, bool, bool] | None:
    """(steps, attaching token, object_ok, inner_locative) from a place's head up to a verb.

    `object_ok`: the chain is the place or a settlement noun phrase ("the town of X");
    `inner_locative`: the chain went through "in", "at", "near"...; `roots`: the head tokens
    of all places.
    """
    steps = 0
    object_ok = True
    inner_locative = False
    country_modifier = tok.dep_ == "compound" and place.feature == "country"
    if country_modifier and tok.head.lemma_ not in FACILITY_NOUNS:
        return None  # "a U.S. airstrike", "U.S. forces": a country as modifier
    if tok.head.lemma_ in ("lead", "back", "sponsor", "broker", "fund") and tok.dep_ in (
        "npadvmod", "compound", "nmod",
    ):  # fmt: skip
        return None  # "the U.S.-led strikes": an actor
    while steps < 10:
        head = tok.head
        if head.i == tok.i:
            return None
        if head.i in verbs:
            return steps, tok, object_ok, inner_locative
        if head.i in roots and tok.dep_ != "conj":
            return None  # describes another place ("Taji, north of Baghdad"): that one counts
        if tok.dep_ in ("ccomp", "csubj") or (
            not deep and tok.dep_ in ("advcl", "relcl", "xcomp", "acl")
        ):
            return None  # left the verb's own phrases
        if tok.dep_ in _CLAUSE_DEPS and not inner_locative:
            return None  # a subject or object of another clause ("people who speak X")
        if tok.dep_ == "compound" and head.lemma_ in FACILITY_NOUNS:
            inner_locative = True  # "the owner of a Sofia restaurant": the restaurant is in X
        if tok.dep_ == "relcl" and _aside(tok):
            return None  # "the attack, which struck sites near X": about the noun, not the event
        if tok.dep_ == "prep" and tok.lower_ not in LOCATIVE_PREPS and tok.lower_ != "of":
            object_ok = False
        if tok.dep_ == "prep" and tok.lower_ in LOCATIVE_PREPS:
            inner_locative = True
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ not in _PART_NOUNS:
            object_ok = False
        tok = head
        steps += 1
    return None


def _aside(clause: Token) -> bool:
    """A relative clause set off by a comma ("the attack, which ..."): it adds a fact."""
    first = clause.left_edge
    return first.i > 0 and clause.doc[first.i - 1].text in (",", "(", "--", "—")


def _attach_ok(tok: Token, place: Place, steps: int, object_ok: bool, inner: bool) -> bool:
    """Whether the last edge into the verb makes the place the event's location."""
    if tok.dep_ == "prep" and tok.lower_ in _NOT_PLACE_PREPS:
        return False
    if tok.dep_ == "prep" and tok.lower_ in LOCATIVE_PREPS:
        # "called on Washington", "pressure on Iran": a bare name after "on" is a target.
        return not (steps == 1 and tok.lower_ in _TARGET_PREPS and place.feature != "other")
    if tok.dep_ == "prep" and tok.lower_ in ("during", "amid", "amidst"):
        return True  # "during the occupation of X"
    if tok.dep_ == "npadvmod" and steps == 0:
        return True  # "captured off Mogadishu" parsed as a bare noun phrase
    if tok.dep_ in ("dobj", "nsubjpass") and object_ok:
        if steps > 0:
            return True  # "captured the town of X", "targets in X were hit"
        # A bare name as object is the target ("accused Israel"), except of a verb that takes
        # ground ("captured Jaffna", "Aleppo was shelled"); a bare unresolved name is as often
        # a person ("captured Abu Zubaydah").
        known = place.feature != "other" or tok.lower_ in SITE_NOUNS  # a site is no person
        return known and tok.head.lemma_ in TERRITORIAL_VERBS
    if inner and tok.dep_ in ("relcl", "acl") and tok.head.pos_ == "NOUN":
        return True  # a noun trigger's own clause: "the attack, which struck sites near X"
    # "during a raid on a house in X", "by forces in X", "Police in X arrested ..."
    return inner and tok.dep_ in ("prep", "agent", "nsubj", "nsubjpass", "dobj")
