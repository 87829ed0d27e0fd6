"""Code the PLOVER event between a given source and target in a sentence.

This is the relation-classification task of published PLOVER benchmarks: a sentence, a marked
source and target, one type out. The coder reads the dependency path between the two:

1. the words on the path from where source and target meet down to the target, and the
   source's own path, are scanned top-down for **frames** ("threatened to", "refused to",
   "urged X to", "agreed to", "plans to") and the first **content trigger** of the lexicon
   ("lift sanctions", "strikes", "talks");
2. without a content trigger on the path, the objects of the path's words are read ("declared
   a state of siege"), then any trigger of the sentence, nearest first;
3. frames and modality then turn the content into the act the sentence reports, following
   the CAMEO-to-PLOVER conventions: a threat to do anything is THREATEN; asking for it is
   REQUEST; refusing or not doing a cooperative act is REJECT; promising or announcing a
   cooperative act ("agreed to release", "will free") is AGREE, announcing a hostile one
   ("will boycott") is THREATEN.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.plover import ROOT, TYPES, Trigger
from .triggers import find_trigger

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["PairCoding", "PathAct", "code_pair", "code_pairs", "find_spans", "path_act"]

#: Frames: verbs (and a few adjectives) that set what kind of act their complement is.
_THREAT = frozenset({"threaten", "warn", "menace"})
_PROMISE = words("commitment_verb", "commitment_adjective")
_REFUSE = words("refusal_verb")
_ASK = words("request_verb")
_INTEND = words("intention_word")
_TRANSPARENT = words("transparent_verb")
#: Future auxiliaries, with "would" and "going (to)": a pair's act that lies ahead.
_FUTURE_AUX = words("future_aux", "prospective_aux")
_CONDITION = frozenset({"if", "unless"})
_HOSTILE = words("hostile_type")
_COOPERATIVE = words("cooperative_type")
#: What a promise names when it is a threat: "promised a crushing response".
_THREAT_OBJECTS = words("threat_object")


@dataclass
class PairCoding:
    """The coded type of one source-target pair, with a score per PLOVER type."""

    type: str
    scores: dict[str, float]
    trigger: str | None = None
    cameo: str | None = None
    frames: list[str] = field(default_factory=list)

    @property
    def root(self) -> str:
        """The type with CONCEDE and RETREAT merged into YIELD."""
        return ROOT[self.type]


@dataclass(frozen=True)
class PathAct:
    """An act a trigger on the dependency path between two actors reports."""

    type: str
    trigger: Trigger
    token: Token
    #: lemmas of the frame words on the path ("agreed to", "urged X to")
    frames: tuple[str, ...] = ()


@dataclass
class _Reading:
    content: Trigger | None = None
    content_token: Token | None = None
    frames: list[tuple[str, str]] = field(default_factory=list)  # (kind, lemma)
    negated: bool = False
    future: bool = False
    threat_object: bool = False
    addressed: bool = False  # the target is whom a request is made to ("urged Iran to")


Span_ = tuple[int, int]


def find_spans(text: str, source: str, target: str | None) -> tuple[Span_, Span_ | None]:
    """Character spans of the source and target strings in a text (first fitting match).

    The target is looked for outside the source first ("Iran" in "Iran's army ... Iran").
    Raises ValueError when either is missing.
    """
    s = text.find(source)
    if s < 0 or not source:
        raise ValueError(f"source {source!r} is not in the text")
    src = (s, s + len(source))
    if target is None:
        return src, None
    t = -1
    start = 0
    while (hit := text.find(target, start)) >= 0 and target:
        if hit >= src[1] or hit + len(target) <= src[0]:
            t = hit
            break
        start = hit + 1
    if t < 0:
        t = text.find(target) if target else -1
    if t < 0:
        raise ValueError(f"target {target!r} is not in the text")
    return src, (t, t + len(target))


def code_pairs(
    nlp: Language,
    items: Iterable[tuple[str, Span_ | None, Span_ | None]],
    *,
    processes: int = 1,
) -> Iterator[PairCoding]:
    """Code (text, source span, target span) items, parsing them in batches.

    `processes` > 1 parses in that many worker processes (spaCy's `n_process`).
    """
    cache = list(items)
    texts = (text for text, _, _ in cache)
    disable = [name for name in ("ner", "entity_ruler") if name in nlp.pipe_names]
    batch = 256 if processes == 1 else 64
    parsed_docs = nlp.pipe(texts, batch_size=batch, disable=disable, n_process=processes)
    for parsed, (_, src, tgt) in zip(parsed_docs, cache, strict=True):
        yield code_pair(parsed, src, tgt)


def code_pair(parsed: Doc, source: Span_ | None, target: Span_ | None) -> PairCoding:
    """The event type between two character spans of a parsed sentence.

    One of them may be None: the event is then read from the words above the other.
    """
    src = parsed.char_span(*source, alignment_mode="expand") if source is not None else None
    tgt = parsed.char_span(*target, alignment_mode="expand") if target is not None else None
    if src is None or len(src) == 0:
        src, tgt = tgt, None
    if src is None or len(src) == 0 or (tgt is not None and len(tgt) == 0):
        return _fallback(parsed, None)
    reading = _read(src, tgt)
    if reading.content is None and not reading.frames:
        return _fallback(parsed, _meeting(src.root, tgt.root) if tgt else src.root.head)
    event_type = _combine(reading)
    trig = reading.content
    return PairCoding(
        type=event_type,
        scores=_scores(event_type, trig.type if trig else None),
        trigger=reading.content_token.text if reading.content_token is not None else None,
        cameo=trig.cameo if trig is not None and trig.type == event_type else None,
        frames=[lemma for _, lemma in reading.frames],
    )


def path_act(src: Span, tgt: Span) -> PathAct | None:
    """The act between two spans of a parsed sentence when a trigger of the lexicon lies on
    the path between them or on an object of it (`code_pair` steps 1-3, no fallback)."""
    reading = _read(src, tgt)
    if reading.content is None or reading.content_token is None:
        return None
    return PathAct(
        type=_combine(reading),
        trigger=reading.content,
        token=reading.content_token,
        frames=tuple(lemma for _, lemma in reading.frames),
    )


def _meeting(a: Token, b: Token) -> Token | None:
    above = {a.i, *(t.i for t in a.ancestors)}
    for t in [b, *b.ancestors]:
        if t.i in above:
            return t
    return None


def _path(src: Span, tgt: Span | None) -> tuple[list[Token], list[Token]]:
    """(meeting point and the target's path top-down, the source's path top-down).

    Without a target, the words above the source, top-down ("X agreed to resign").
    """
    if tgt is None:
        return [t for t in reversed(list(src.root.ancestors)) if t.i not in {u.i for u in src}], []
    inside = {t.i for t in src} | {t.i for t in tgt}
    top = _meeting(src.root, tgt.root)
    t_up = [tgt.root, *tgt.root.ancestors]
    s_up = [src.root, *src.root.ancestors]
    if top is None:  # different sentences: each side up to its root
        down = [t for t in reversed(t_up) if t.i not in inside]
        return down, [t for t in reversed(s_up) if t.i not in inside]
    t_side = t_up[: next(i for i, t in enumerate(t_up) if t.i == top.i)]
    s_side = s_up[: next(i for i, t in enumerate(s_up) if t.i == top.i)]
    down = [top] + [t for t in reversed(t_side) if t.i not in inside]
    side = [t for t in reversed(s_side) if t.i not in inside]
    if top.i in inside:
        down = down[1:]
    return down, side


def _frame_kind(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    complement = any(c.dep_ in {"xcomp", "ccomp"} for c in token.children)
    if lemma in _THREAT:
        return "threat"
    if lemma in _REFUSE and (complement or token.pos_ == "VERB"):
        return "refuse" if complement else None
    if lemma in _ASK and complement:
        return "ask"
    if lemma == "order" and complement and any(c.dep_ == "dobj" for c in token.children):
        return "ask"
    if lemma in _PROMISE and (complement or token.pos_ == "ADJ"):
        return "promise"
    if lemma in _INTEND and complement:
        return "intend"
    return None


def _read(src: Span, tgt: Span | None) -> _Reading:
    down, side = _path(src, tgt)
    reading = _Reading()
    for n, token in enumerate(down):
        _note_modality(token, reading)
        kind = _frame_kind(token)
        if kind is not None:
            reading.frames.append((kind, token.lemma_.lower()))
            if kind == "ask" and n + 1 < len(down):
                after = down[n + 1]
                reading.addressed = after.dep_ in {"dobj", "dative", "nsubj"} or (
                    after.dep_ == "prep" and after.lower_ in {"on", "upon", "to"}
                )
            if any(
                c.dep_ == "dobj" and c.lemma_.lower() in _THREAT_OBJECTS for c in token.children
            ):
                reading.threat_object = True
            continue
        trig = find_trigger(token, pairs=True)
        if trig is not None and trig.type == "REQUEST" and trig.pos == "V" and n + 1 < len(down):
            # "called for sanctions against X": what is asked for, read further down
            reading.frames.append(("ask", token.lemma_.lower()))
            after = down[n + 1]
            reading.addressed = after.dep_ in {"dobj", "dative"} or after.lower_ in {"on", "upon"}
            reading.content, reading.content_token = trig, token
            continue
        if trig is not None:
            reading.content, reading.content_token = trig, token
            if trig.pair_only:  # "sent experts to investigate": the purpose is the act
                _prefer_purpose(token, reading)
            return reading
    for token in [*side, *down]:
        for near in _satellites(token):
            trig = find_trigger(near, pairs=True)
            if trig is not None:
                reading.content, reading.content_token = trig, near
                return reading
    for token in side:
        trig = find_trigger(token, pairs=True)
        if trig is not None:
            reading.content, reading.content_token = trig, token
            return reading
    if reading.frames:
        return reading
    return reading


def _prefer_purpose(token: Token, reading: _Reading) -> None:
    for child in token.children:
        if child.dep_ in {"advcl", "xcomp"} and any(c.lower_ == "to" for c in child.children):
            trig = find_trigger(child, pairs=False)
            if trig is not None:
                reading.content, reading.content_token = trig, child
                return


def _satellites(token: Token) -> list[Token]:
    """Objects and complements of a path word: "declared a state of siege"."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in {"dobj", "attr", "xcomp", "acomp", "oprd", "ccomp"}:
            found.append(child)
            found.extend(g for p in child.children if p.dep_ == "prep" for g in p.children)
            found.extend(g for g in child.children if g.dep_ == "compound")
    return found


def _note_modality(token: Token, reading: _Reading) -> None:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            reading.negated = True
        elif (child.dep_ == "aux" and child.lower_ in _FUTURE_AUX) or (
            child.dep_ == "mark" and child.lower_ in _CONDITION
        ):
            reading.future = True


def _combine(reading: _Reading) -> str:
    content = reading.content.type if reading.content is not None else None
    kinds = [kind for kind, _ in reading.frames]
    if "threat" in kinds:
        return "THREATEN"
    if "ask" in kinds:
        # "called for sanctions against X": a call to punish X accuses X
        if content in {"COERCE", "SANCTION", "ACCUSE"} and not reading.addressed:
            return "ACCUSE"
        return "REQUEST"
    if "refuse" in kinds or reading.negated:
        if content in {"ACCUSE", "THREATEN", "ASSAULT", "PROTEST"} and "refuse" not in kinds:
            return content
        return "REJECT"
    if "promise" in kinds:
        if reading.threat_object or content in _HOSTILE:
            return "THREATEN"
        return "AGREE" if content not in {"REQUEST", "ACCUSE", "REJECT"} else content
    if content is None:
        return _frame_default(kinds)
    if reading.future or "intend" in kinds:
        if content in _COOPERATIVE - {"SUPPORT"}:
            return "AGREE"
        if content in _HOSTILE - {"MOBILIZE"}:
            return "THREATEN"
    return content


def _frame_default(kinds: list[str]) -> str:
    if "intend" in kinds:
        return "AGREE"
    return "AGREE"


def _fallback(parsed: Doc, near: Token | None) -> PairCoding:
    """No trigger on the path: the sentence's trigger nearest the pair, else AGREE."""
    best: tuple[int, Trigger, Token] | None = None
    anchor = near.i if near is not None else 0
    for token in parsed:
        trig = find_trigger(token, pairs=True)
        if trig is not None and (best is None or abs(token.i - anchor) < best[0]):
            best = (abs(token.i - anchor), trig, token)
    if best is None:
        return PairCoding(type="AGREE", scores=_scores("AGREE", None, weight=0.2))
    _, trig, token = best
    return PairCoding(
        type=trig.type,
        scores=_scores(trig.type, None, weight=0.4),
        trigger=token.text,
        cameo=trig.cameo,
    )


def _scores(chosen: str, lexical: str | None, *, weight: float = 0.7) -> dict[str, float]:
    """A score per type: the coded type first, the bare trigger's type second."""
    rest = (1.0 - weight) / len(TYPES)
    scores = dict.fromkeys(TYPES, rest)
    scores[chosen] += weight
    if lexical is not None and lexical != chosen:
        scores[lexical] += rest  # the word's own reading, before frames changed it
        scores[chosen] -= rest
    return {k: round(v, 4) for k, v in scores.items()}
