"""Finding places token by token, where NER gave nothing: demonyms before a territory noun
("Iraqi soil"), names a settlement word marks ("the town of X", "X district"), and known
names among capitalised words with a cue ("in X", "Louisville, Ky.", a dateline)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lexicon import mapping, words
from ...resources.gazetteer import Gazetteer, normalize_name
from ...resources.place_words import OF_NOUNS
from .mention import (
    _COMPASS,
    _CUE_OR_SIDE,
    _MAX_NGRAM,
    _after_bearing,
    _appositive_settlement,
    _conjunct_of_place,
    _facility_modifier,
    _Mention,
    _nationality,
    _Scan,
    _territorial_object,
    _well_known,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["TERRITORY_NOUNS", "_from_capitalised", "_from_demonyms", "_from_settlement_words"]


#: Nouns after a demonym that make it a place: "Iraqi soil" is Iraq, "Iraqi officials" is not.
TERRITORY_NOUNS = words("territory_noun")
#: Words that mark the name beside them as a place: "the town of X", "X district".
_SETTLEMENT_WORDS = words("place_marker_noun")
#: Plurals that mark the names after "of" only: "the towns of A and B", not "Sunni towns".
_PLURAL_MARKERS = words("place_marker_plural")
#: Kind nouns with the gazetteer feature they name ("province" -> admin1).
_KIND_FEATURE = mapping("place_kind_feature")


def _from_demonyms(nlp: Doc, scan: _Scan, gaz: Gazetteer) -> list[_Mention]:
    out = []
    for i in range(len(scan.lower) - 1):
        if scan.initial_upper[i] and scan.lower[i + 1] in TERRITORY_NOUNS:
            iso3 = gaz.demonym(scan.initial_upper[i])
            if iso3 and gaz.country(iso3) is not None:
                tok = nlp[i]
                out.append(_Mention(tok.idx, tok.idx + len(tok), tok.lower_, tok.text, iso3=iso3))
    return out


def _from_settlement_words(nlp: Doc, scan: _Scan, gaz: Gazetteer) -> list[tuple[_Mention, bool]]:
    """Names that a settlement word marks as places: "the town of X", "X district", "the
    towns of X and Y"; each with whether the word marks it itself (True) or it is only
    coordinated with the marked one (False: checked like any other name)."""
    out = []
    text = scan.text
    for i, lower in enumerate(scan.lower):
        plural = lower in _PLURAL_MARKERS
        if lower not in _SETTLEMENT_WORDS and not plural:
            continue
        tok = nlp[i]
        runs: list[list[Token]] = []
        before = _run(nlp, tok.i - 1, step=-1) if tok.i > 0 and not plural else []
        if tok.i + 2 < len(nlp) and nlp[tok.i + 1].lower_ == "of":
            runs = _coordinated(nlp, tok.i + 2)
            # "the Punjab province of Pakistan": the name before is the province, the one
            # after holds it (a place on its own); "the Old City of X" has no name before.
            # (a side word is none: "the Southern District of Ohio")
            named = before and not all(t.lower_ in _COMPASS for t in before)
            if named and gaz.has(text[before[0].idx : before[-1].idx + len(before[-1])]):
                runs = [before, *runs]
        elif before:
            runs = [before]
        elif i > 0 and scan.lower[i - 1] == "the" and lower in _KIND_FEATURE:
            # "in the province Gauteng": the kind noun before the name, as in translations
            after = _run(nlp, tok.i + 1, step=1) if tok.i + 1 < len(nlp) else []
            name = text[after[0].idx : after[-1].idx + len(after[-1])] if after else ""
            if name and any(e.feature == _KIND_FEATURE[lower] for e in gaz.candidates(name)):
                runs = [after]
        for n, run in enumerate(runs):
            if not run:
                continue
            start, end = run[0].idx, run[-1].idx + len(run[-1])
            if run[-1].i < tok.i and tok.text[:1].isupper():
                whole = normalize_name(text[start : tok.idx + len(tok)])
                if gaz.has(whole):  # "Metcalfe County" is the county, not the town of Metcalfe
                    end = tok.idx + len(tok)
            key = normalize_name(text[start:end])
            mention = _Mention(start, end, key, text[start:end], resolvable=gaz.has(key))
            out.append((mention, n == 0))
    return out


def _coordinated(nlp: Doc, i: int) -> list[list[Token]]:
    """The name runs from token i on, with those coordinated after it: "the towns of Haris
    and Varzaqan", "the villages of A, B and C" name each as a place."""
    runs = [_run(nlp, i, step=1)]
    last = 0  # a list ends with "and"/"or" before its last member; a comma alone may not
    # join ("In the town of Bakwa, Taliban fighters ...")
    while runs[-1]:
        j = runs[-1][-1].i + 1
        joined = False
        while j < len(nlp) and nlp[j].lower_ in (",", "and", "or"):
            joined = joined or nlp[j].lower_ != ","
            j += 1
        if j == runs[-1][-1].i + 1 or j >= len(nlp):
            break
        runs.append(_run(nlp, j, step=1))
        if joined and runs[-1]:
            last = len(runs) - 1
    return runs[: last + 1]


def _run(nlp: Doc, i: int, *, step: int) -> list[Token]:
    """The capitalised name run starting at token i and going forwards or backwards."""
    run: list[Token] = []
    while 0 <= i < len(nlp) and len(run) < _MAX_NGRAM:
        tok = nlp[i]
        if tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ") and tok.is_alpha:
            run.append(tok)
        elif tok.text in ("-",) or tok.lower_ in ("al", "el", "ad", "as", "ar", "ash", "an"):
            run.append(tok)  # "al-Tijara", "Al-Dawr"
        else:
            break
        i += step
    run = run if step > 0 else run[::-1]
    while run and not run[0].text[:1].isupper():
        run = run[1:] if run[0].text == "-" else run
        if run and run[0].text == "-":
            continue
        break
    while run and run[-1].text == "-":
        run = run[:-1]
    return run if run and any(t.text[:1].isupper() for t in run) else []


def _from_capitalised(
    nlp: Doc, scan: _Scan, gaz: Gazetteer, blocked: bytearray, place_keys: set[str]
) -> list[_Mention]:
    """Known names among capitalised words that NER missed ("Louisville, Ky.", "LONDON")."""
    out = []
    i = 0
    while i < len(nlp):
        got = _longest_name(nlp, scan, gaz, i, blocked, place_keys)
        if got is None:
            i += 1
            continue
        out.append(got[0])
        i = got[1]
    return out


def _longest_name(
    nlp: Doc, scan: _Scan, gaz: Gazetteer, i: int, blocked: bytearray, place_keys: set[str]
) -> tuple[_Mention, int] | None:
    caps, text = scan.capitalised, scan.text
    if not caps[i]:
        return None
    stop = i
    while stop < len(caps) and stop - i < _MAX_NGRAM and caps[stop]:
        stop += 1
    for j in range(stop, i, -1):
        start, end = nlp[i].idx, nlp[j - 1].idx + len(nlp[j - 1])
        if text[end : end + 1] == "." and not nlp[j - 1].text.endswith("."):
            end += 1  # "Ky." split as "Ky" "."
        if 1 in blocked[start:end]:
            continue
        key = normalize_name(text[start:end])
        if not gaz.has(key) or _nationality(gaz, key):
            continue
        # A known name inside a longer capitalised one ("Delta" of "the Danube Delta",
        # "Fort" of "Fort Detrick") is that longer name's word, not the place; a side word
        # before it describes it ("Central Java").
        inside = i > 0 and caps[i - 1] and scan.lower[i - 1] not in _COMPASS
        if (inside or (j < stop and not _own_name(gaz, key))) and key not in place_keys:
            continue
        if _cued(nlp, i, j, gaz, key, place_keys, whole_run=j == stop, text=text):
            return _Mention(start, end, key, text[start:end]), j
        if j == stop and _facility_modifier(nlp[j - 1]):
            return _Mention(start, end, key, text[start:end], weak=True), j
    return None


def _own_name(gaz: Gazetteer, key: str) -> bool:
    """Whether an entry is called `key` by its own name (not an alternate: "Fort" is one
    of Augusta, Maine's)."""
    return any(normalize_name(c.name) == key for c in gaz.candidates(key))


def _cued(
    nlp: Doc,
    i: int,
    j: int,
    gaz: Gazetteer,
    key: str,
    keys: set[str],
    *,
    whole_run: bool,
    text: str,
) -> bool:
    if key in keys:
        return True
    prev = nlp[i - 1] if i > 0 else None
    if prev is not None and prev.lower_ in _CUE_OR_SIDE:
        return True
    if _territorial_object(nlp[j - 1]):
        return True
    if _conjunct_of_place(nlp[j - 1], gaz, person=False) or _appositive_settlement(nlp[j - 1]):
        return True
    if _after_bearing(text, nlp[i].idx):
        return True
    if prev is not None and prev.lower_ == "of" and i > 1 and nlp[i - 2].lower_ in OF_NOUNS:
        return True  # "the outskirts of X", "the siege of X"
    if prev is not None and prev.text == "," and i > 1 and nlp[i - 2].text[:1].isupper():
        return True  # "Louisville, Ky."
    is_dateline = i == 0 or nlp[i - 1].is_space or nlp[i - 1].text == "\n"
    if nlp[i].is_upper and is_dateline:
        return True
    # "Olympic" of "Olympic Games" is no place: only a whole capitalised run counts uncued.
    return whole_run and any(_well_known(e, key) for e in gaz.candidates(key))
