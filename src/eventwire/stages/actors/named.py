"""Named spans (PERSON, ORG, GPE, NORP) to the knowledge base: the ruler's id, an exact or a
fuzzy match, a surname, a country's office; else an unknown actor with its context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from ...record import EntitySpan
from ...resources.kb import (
    KBActor,
    Office,
    normalize_key,
    title_role,
    translit_key,
)
from ...resources.lexicons import agents
from .cluster import _RELIGIONS, _STATE_KINDS, _Cluster, _from_kb, _is_former, _plural
from .context import (
    _context_from_phrase,
    _context_inside,
    _country_in,
    _is_place_use,
    _place_country,
)
from .roles import _resolve_role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ...resources.gazetteer import Gazetteer
    from ...resources.kb import ActorKB

__all__ = ["_resolve_named", "_titled_one"]


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
            return _from_kb(kb_actor, date) if kb_actor else _people(span, tokens)
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


def _people(span: EntitySpan, tokens: Span) -> _Cluster | None:
    """A people named in the plural that is no state's nationality ("the Kurds", "Yazidis"):
    an unnamed group of them, so their acts have a side; one word in the singular ("a Kurd",
    "Kurdish") describes someone rather than naming the group."""
    root = tokens.root
    if not _plural(root) or len(tokens) != 1:
        return None
    return _Cluster(key=f"name:{normalize_key(root.text)}", name=root.text, kind="group",
                    plural=True)  # fmt: skip


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
    found = _first_of_country(candidates, stated)
    if found is not None:
        return found  # fuzzy matches come after every exact one: no need to look further
    if label in {"PERSON", "ORG"} and len(normalize_key(span.text)) >= 5:
        fuzzy = kb.fuzzy(span.text, date=date, min_score=88.0, limit=3)
        candidates = [
            a
            for a, _ in fuzzy
            if (label == "PERSON") == (a.kind == "person")
            and (label != "PERSON" or _same_surname(span.text, a))
            and not _other_nation(span.text, a, kb)
        ]
        return _first_of_country(candidates, stated)
    return None


def _first_of_country(candidates: list[KBActor], stated: str | None) -> KBActor | None:
    """The first candidate the name's own demonym does not contradict."""
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
    if any(c.dep_ == "conj" and c.ent_type_ for c in tokens.root.children):
        return False  # "British and French troops": a second nation's own troops, a party
    return bool(head.ent_type_ == "PERSON" or head.lemma_.lower() in agents())


def _possessor_state(tokens: Span, kb: ActorKB) -> str | None:
    """The state of "Iran's" right before a span."""
    doc = tokens.doc
    if tokens.start < 2 or doc[tokens.start - 1].lower_ not in {"'s", "’s"}:
        return None
    found = kb.lookup(doc[tokens.start - 2].text)
    return found[0].id if found and found[0].kind in _STATE_KINDS else None


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
