"""The actors stage's method, in text order over `doc.entities` (see the package's docstring)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from ...lexicon import words
from ...record import Actor, Document, EntitySpan, Mention
from ...resources.acronyms import defined_acronyms
from ...resources.kb import (
    STATE_SECTORS,
)
from ...resources.spacy_model import dateline_end as find_dateline_end
from .cluster import _ENTS_KEY, _agent_of, _Cluster, _plural
from .context import _article_countries, _sentence_countries
from .coref import (
    _antecedent,
    _bare_state_role,
    _description_side,
    _group_description,
    _one_country,
    _other_role,
    _owner_pronoun,
    _perpetrator,
    _perpetrator_noun,
    _side_description,
    _states_in_play,
    _unnamed,
)
from .named import _resolve_named
from .plural import is_plural_reference, plural_referents
from .roles import _join_bodies, _resolve_role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...resources.gazetteer import Gazetteer
    from ...resources.kb import ActorKB

__all__ = ["resolve_actors"]

_ELSEWHERE = words("elsewhere_modifier")


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

    dateline_end = find_dateline_end(doc.text)
    context = _article_countries(spans, kb)
    sent_starts = [s.start_char for s in parsed.sents]
    titles = _title_links(spans, parsed, doc.text)
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
            referents = (
                plural_referents(
                    span,
                    parsed,
                    history,
                    sent_starts,
                    single=_antecedent(span, history, parsed, sent_starts),
                )
                if is_plural_reference(span)
                else []
            )
            if referents:
                # "Chile and Peru met. They agreed", "both countries": a mention of each
                for referent in referents:
                    referent.mentions.append((span.start, span.end))
                    history.append((span.start, referent))
                continue
            tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
            side = _description_side(tokens) if tokens is not None else None
            if tokens is not None and side is not None:
                # "the army", "the militants": an actor of that side, else someone unnamed
                found, country = _side_description(span, tokens, side, history, parsed, sent_starts)
                if found is None:
                    cue = (
                        None
                        if _from_elsewhere(tokens)
                        else cues.get(bisect_right(sent_starts, span.start))
                    )
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
                group = _group_description(tokens) if tokens is not None else None
                skip = _other_role(group) if group is not None else None
                antecedent = _antecedent(span, history, parsed, sent_starts, skip=skip)
                if antecedent is None and tokens is not None and group is not None:
                    # "The opposition rejected the plan": no one before it, someone unnamed
                    unnamed = _resolve_role(span, tokens, kb, date, clusters, gaz=gazetteer)
                    if unnamed is not None:
                        attach(unnamed, span)
                    continue
            if antecedent is not None:
                antecedent.mentions.append((span.start, span.end))
                history.append((span.start, antecedent))
            continue
        defined = _acronym_owner(span, acronyms, history)
        if defined is not None:  # "the Drug Enforcement Administration (DEA) ... the DEA"
            attach(defined, span)
            continue
        apposed = _apposed_person(span, parsed, history)
        if apposed is not None:  # "Jan Egeland, a UN adviser": Egeland described again
            apposed.mentions.append((span.start, span.end))
            history.append((span.start, apposed))
            continue
        cluster = _resolve_named(span, parsed, kb, date, clusters, gaz=gazetteer, context=context)
        if cluster is None:
            continue
        if (
            cluster.country is None
            and cluster.kb is None
            and _takes_cue(span, cluster)
            and not (
                span.label == "ROLE"
                and _from_elsewhere(parsed.char_span(span.start, span.end, alignment_mode="expand"))
            )
        ):
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


def _apposed_person(
    span: EntitySpan, parsed: Doc, history: list[tuple[int, _Cluster]]
) -> _Cluster | None:
    """The named person a singular role phrase is in apposition to ("Jan Egeland, a
    humanitarian adviser to the UN, said"): a second description of that person, not a new
    actor, so that a later "he" finds the person."""
    if span.label != "ROLE":
        return None
    tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or tokens.root.dep_ != "appos" or _plural(tokens.root):
        return None
    agent = _agent_of(tokens.root)
    if agent is None or agent.kind != "person":
        return None
    name = tokens.root.head.idx
    for _, cluster in reversed(history):
        named = cluster.is_person and not cluster.key.startswith("role:")
        if named and any(start <= name < end for start, end in cluster.mentions):
            return cluster
    return None


def _takes_cue(span: EntitySpan, cluster: _Cluster) -> bool:
    """An unknown name, or an unnamed state body ("the National Guard"), may take the
    sentence's country; other role phrases ("protesters") may be of anywhere."""
    if span.label in {"PERSON", "ORG"}:
        return True
    return span.label == "ROLE" and cluster.sector in STATE_SECTORS


def _from_elsewhere(tokens: Span | None) -> bool:
    """Whether a description places its bodies beyond any one state ("Western governments",
    "foreign diplomats"): the country a sentence names is then not theirs."""
    if tokens is None or tokens.root.tag_ not in {"NNS", "NNPS"}:
        return False  # several bodies; "the foreign minister" is the sentence's country's
    return any(
        # an adjective (or "Gulf", tagged a proper noun), not a word of a name ("the Foreign
        # Office") or of a longer nationality ("Central African troops")
        t.pos_ in {"ADJ", "PROPN"} and t.lower_ in _ELSEWHERE and not _ends_a_name(t)
        for t in tokens
    )


def _ends_a_name(token: Token) -> bool:
    """A word inside a longer name or nationality the NER tagged: "African" of "Central
    African"."""
    return token.ent_iob_ == "I"


def _title_links(spans: list[EntitySpan], parsed: Doc, text: str) -> dict[int, int]:
    """Role phrases that title the name right after them: start of role -> start of name."""
    named = {s.start: s for s in spans if s.label in {"PERSON", "ORG"}}
    links: dict[int, int] = {}
    # `text` is the parsed text (`Document.text`): spaCy's `Doc.text` joins every token
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


def _affiliation_names(cluster: _Cluster, kb: ActorKB) -> list[str]:
    names = []
    for kb_id in cluster.affiliations:
        actor = kb.get(kb_id)
        names.append(actor.name if actor else kb_id)
    return names
