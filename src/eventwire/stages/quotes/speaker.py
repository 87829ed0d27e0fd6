"""Who speaks: the subject of a cue verb (through participles, conjuncts, relative clauses and
"according to"), resolved to the actor whose mention covers it, with the cue and the outlet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lexicon import mapping, words
from .context import _SUBJECT_DEPS, _Context, _np_span, _text, _Who

if TYPE_CHECKING:
    from collections.abc import Set

    from spacy.tokens import Token

__all__ = [
    "SPEECH_VERBS",
    "_according",
    "_is_cue",
    "_subject",
    "_who",
]

#: Lemmas of verbs that report speech, writing, cognition or findings (the cue of a quote).
SPEECH_VERBS = words("reporting_verb")
#: Verbs whose own subject, not their object, is the subject of their infinitive.
_SUBJECT_CONTROL = words("subject_control_verb")
#: Nouns for occasions on which people speak (a news conference, an interview).
_SPEECH_OCCASIONS = words("speech_occasion_noun")


def _subject(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing through participles and conjoined verbs."""
    witness = _of_witness(verb)
    if witness is not None:
        return witness
    tok: Token | None = _coordinated_cue(verb) or verb
    for _ in range(6):
        if tok is None:
            return None
        # the nearest subject: a quote in the frame can be parsed as a second one
        at = tok.i
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        subj = min(subjects, key=lambda c: abs(c.i - at)) if subjects else None
        if subj is not None:
            if subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head  # "X, who said ..."
            return subj
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("PROPN", "NOUN", "PRON"):
            occasion = _occasion_verb(tok.head)
            if occasion is not None:
                tok = occasion  # "she said at a news conference announcing that ...": hers
                continue
            return tok.head  # "footage of Clinton asking, ..."
        if _adjunct_of_relative(tok):
            tok = tok.head.head.head  # past the relative clause to the verb of its noun
            continue
        if tok.dep_ == "xcomp":
            controller = _object_controller(tok)
            if controller is not None:
                return controller
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "acl") and tok.head.i != tok.i:
            if tok.head.lemma_ == "quote":
                return next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            tok = tok.head
            continue
        return None
    return None


def _adjunct_of_relative(tok: Token) -> bool:
    """``... defend not paying an architect who said he was stiffed, saying, “...”``: a
    participle after a comma that the parse hangs on a relative clause modifies the main
    clause (a relative clause seldom takes one), so its subject is found above the noun."""
    rel = tok.head
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.i > 0
        and tok.doc[tok.i - 1].text == ","
        and rel.dep_ == "relcl"
        and rel.head.head.i != rel.head.i
        and rel.head.head.pos_ in ("VERB", "AUX")
    )


def _occasion_verb(noun: Token) -> Token | None:
    """The verb an occasion of speech hangs on (``said at a news conference``, ``spoke in an
    interview``): who speaks at the occasion is that verb's subject."""
    if noun.lemma_.lower() not in _SPEECH_OCCASIONS or noun.dep_ != "pobj":
        return None
    verb = noun.head.head
    return verb if noun.head.dep_ == "prep" and verb.pos_ in ("VERB", "AUX") else None


def _object_controller(verb: Token) -> Token | None:
    """Object control: the object of the verb that governs an infinitive or participle is its
    subject (``forced Stumpf to admit that ...``, ``pushing doctors to ask ...``, ``left many
    nations feeling that ...``), except after subject-control verbs (``promised voters to``)."""
    head = verb.head
    if head.i == verb.i or head.lemma_.lower() in _SUBJECT_CONTROL:
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None or obj.lower_ == "it":
        return None  # "made it clear that ...": an expletive, not a speaker
    return obj


def _of_witness(verb: Token) -> Token | None:
    """``footage of Clinton asking, "..."``: a participle cue right after the object of "of"
    speaks for that object (the parse hangs the participle on the main verb)."""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.dep_ == "pobj" and prev.head.lower_ == "of" and prev.pos_ in ("PROPN", "NOUN"):
        return prev
    return None


def _coordinated_cue(verb: Token) -> Token | None:
    """The outer cue that a subjectless cue is coordinated with, where the parse put the cue
    inside the reported clause: ``May said the country would leave and suggested that ...``.

    The cue's tense tells: it matches the outer cue's and not the reported verb's.
    """
    if verb.dep_ != "conj" or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    if not _is_cue(verb) or _according(verb) is not None:
        return None
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    outer = clause.head
    if clause.dep_ != "ccomp" or outer.i == clause.i or not _is_cue(outer):
        return None
    if verb.tag_ != outer.tag_ or verb.tag_ == verb.head.tag_:
        return None
    return outer


#: Pronouns that may stand for the outer speaker, with the number they need.
_NESTED_PRONOUNS = mapping("subject_pronoun_referent")


def _outer_subject(subj: Token) -> Token | None:
    """The outer speaker for a pronoun subject in the reported clause of a speech verb:
    ``Lynch said she recalled ...``, ``China said it was opposed and warned ...``.

    The pronoun is the outer subject's (news uses the pronoun for the speaker); the outer
    subject must be a noun phrase that agrees with it, and the outer verb must have no
    addressee that the pronoun could mean instead (``told Y she ...``).
    """
    need = _NESTED_PRONOUNS.get(subj.lower_)
    if need is None or subj.dep_ != "nsubj":
        return None
    clause = subj.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    outer = clause.head
    if clause.dep_ != "ccomp" or not _is_cue(outer) or _according(outer) is not None:
        return None
    if any(c.dep_ in ("dobj", "dative") for c in outer.children):
        return None
    top = _subject(outer)
    if top is None or top.i > subj.i:
        return None
    if "\n" in _text(subj.doc)[top.idx : subj.idx]:
        return None  # a parse that runs across paragraphs
    if top.pos_ == "PRON":
        # "She said she recalls ...": the same pronoun again is the same speaker
        return top if top.lower_ == subj.lower_ else None
    return top if top.pos_ in ("PROPN", "NOUN") and _agrees(top, need) else None


def _agrees(head: Token, need: str) -> bool:
    plural = head.tag_ in ("NNS", "NNPS")
    if need == "pl":
        return plural or head.ent_type_ in ("ORG", "NORP")
    if plural:
        return False
    if need == "person":
        # a single proper name the tagger calls ORG is still a person for "he"/"she"
        single_name = head.pos_ == "PROPN" and head.ent_type_ == "ORG" and head.ent_iob_ == "B"
        return head.ent_type_ in ("PERSON", "") or single_name
    return head.ent_type_ != "PERSON"


def _cue_text(tok: Token) -> tuple[str, tuple[int, int]]:
    """The cue word with its particle ("pointed out")."""
    end = tok.idx + len(tok.text)
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end = child.idx + len(child.text)
    return _text(tok.doc)[tok.idx : end], (tok.idx, end)


def _according(tok: Token) -> Token | None:
    """The pobj of "according to", when tok is "according"."""
    if tok.lower_ != "according":
        return None
    for child in tok.children:
        if child.lower_ == "to":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return next((g for g in nxt.children if g.dep_ == "pobj"), None)
    return None


def _outlet(ctx: _Context, cue: Token, skip: tuple[int, int], speaker: str | None) -> str | None:
    """An outlet actor in the cue's own words ("told Al-Akhbar", "in an interview with X")."""
    if speaker in ctx.media:
        return speaker  # "Al-Akhbar reported ..."
    if cue.lemma_ == "quote":
        subj = next((c for c in cue.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None:
            actor, _ = ctx.actor_for(_np_span(subj), subj)
            if actor in ctx.media:
                return actor
    for t in cue.subtree:
        if skip[0] <= t.idx < skip[1] or t.dep_ not in ("dobj", "dative", "pobj", "nsubj"):
            continue
        for m in ctx.mentions:
            if m[2] in ctx.media and m[0] <= t.idx < m[1]:
                return m[2]
    return None


def _who(ctx: _Context, cue: Token, content: tuple[int, int]) -> _Who:
    """The speaker, cue and outlet that a cue verb (or "according") gives."""
    subj = _according(cue)
    if subj is not None:
        span = _np_span(subj)
        actor, shown = ctx.actor_for(span, subj)
        cue_end = subj.head.idx + len(subj.head.text)
        outlet = actor if actor in ctx.media else None
        return _Who(actor, shown, ctx.text[cue.idx : cue_end], (cue.idx, cue_end), outlet)
    subj = _subject(cue)
    cue_text, cue_span = _cue_text(cue)
    if subj is None or content[0] <= subj.idx < content[1]:
        return _Who(None, None, cue_text, cue_span)
    outer = _outer_subject(subj)
    if outer is not None and not content[0] <= outer.idx < content[1]:
        subj = outer
    subj = _parenthetical_subject(cue, subj)
    actor, shown = ctx.actor_for(_np_span(subj), subj)
    cited = _cited(cue, content)
    if cited is not None:
        # "X reported, citing an official, that ...": the official speaks, through outlet X
        source, source_span = ctx.actor_for(_np_span(cited), cited)
        outlet = actor if actor in ctx.media else _outlet(ctx, cue, content, None)
        return _Who(source, source_span, cue_text, cue_span, outlet)
    rel = _relative_subject(cue)
    if rel is not None and shown[0] <= rel.idx:
        shown = (shown[0], rel.idx + len(rel.text))  # "Clinton, who said": the mention runs on
    return _Who(actor, shown, cue_text, cue_span, _outlet(ctx, cue, content, actor))


def _cited(cue: Token, content: tuple[int, int]) -> Token | None:
    """The object of a "citing X" next to the cue, before the content."""
    for t in cue.sent:
        if t.lemma_.lower() == "cite" and t.tag_ == "VBG" and cue.i < t.i and t.idx < content[0]:
            return next((c for c in t.children if c.dep_ == "dobj"), None)
    return None


def _relative_subject(verb: Token) -> Token | None:
    """The relative pronoun that is the subject of verb's clause (``X, who said ...``)."""
    tok = verb
    for _ in range(4):
        rel = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
        if rel is not None:
            return rel if rel.tag_ in ("WP", "WDT") and tok.dep_ == "relcl" else None
        if tok.dep_ not in ("conj", "xcomp", "advcl") or tok.head.i == tok.i:
            return None
        if _adjunct_of_relative(tok):
            return None  # the cue belongs to the main clause, not to the relative one
        tok = tok.head
    return None


def _is_cue(tok: Token, lemmas: Set[str] = SPEECH_VERBS) -> bool:
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() == "put":
        # "as X put it, ..."
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
    return (tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lemmas) or (
        _according(tok) is not None
    )


def _parenthetical_subject(cue: Token, subj: Token) -> Token:
    """For a parenthetical cue, the name right before it rather than the noun its comma follows:
    ``To understand the real Dred Scott, Chief Justice Roberts said, ...`` (the parse makes the
    name an apposition of the noun before the comma)."""
    if cue.dep_ != "parataxis":
        return subj
    for child in subj.children:
        if child.dep_ == "appos" and child.right_edge.i == cue.i - 1 and subj.i < child.i:
            return child
    return subj
