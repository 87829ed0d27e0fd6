"""Entity recognition: every span that may name or refer to an actor or a place.

Three sources, each recorded in `EntitySpan.source`:
- "kb": the knowledge base's entity ruler (aliases, metonyms, rhetorical names), which wins
  over the statistical NER where they overlap; `kb_id` is set;
- "ner": spaCy's NER (PERSON, ORG, GPE, NORP, LOC, FAC);
- "role": role phrases around an agent noun ("an anonymous senior Israeli official",
  "Iraqi security forces"), labelled ROLE; bare definite descriptions ("the official",
  "the group") labelled DEF; personal and possessive pronouns labelled PRON. The actors
  stage resolves DEF and PRON to their antecedents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..lexicon import words
from ..record import Document, EntitySpan
from ..resources.gazetteer import normalize_name
from ..resources.lexicons import (
    agents,
    modifiers,
    plover_group,
    plover_phrase,
    region_group,
    things,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..resources import Resources
    from ..resources.lexicons import Agent

__all__ = ["ANAPHOR_NOUNS", "COLLECTIVE_NOUNS", "ENTITY_LABELS", "PRONOUNS", "entities_stage"]

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PRONOUNS = words("person_pronoun", "group_pronoun", "thing_pronoun")
#: Nouns that only refer back ("the group said"), beside the agent nouns.
ANAPHOR_NOUNS = words("anaphor_noun")
#: Nouns for a body of people that take their sector from a modifier ("gang confederations",
#: "Congressional group", "breakaway state"); alone they only refer back.
COLLECTIVE_NOUNS = words("anaphor_noun", "collective_noun")
#: Dependencies of a bare singular noun that acts: "medic said", "issued by president".
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass"})
_SPEECH_VERBS = words("announcing_verb")
_PLACING_PREPS = frozenset({"in", "across", "from", "throughout", "near"})
_TITLE_WORDS = words("title_word")
_ROLE_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "case"})


def entities_stage(doc: Document, *, resources: Resources) -> Document:
    """Apply the KB's entity ruler and collect candidate mentions into `doc.entities`."""
    parsed = resources.ruler(doc.nlp)
    swallowed = [e for e in parsed.ents if _swallowed(e)]
    if swallowed:
        parsed.ents = [e for e in parsed.ents if e not in swallowed]
    doc.nlp = parsed
    kb = resources.kb

    def known_body(name: str) -> bool:
        return kb.demonym(name) is not None or any(a.kind != "person" for a in kb.lookup(name))

    gazetteer = resources.gazetteer

    def known_place(name: str) -> bool:
        return bool(gazetteer.candidates(normalize_name(name)))

    doc.entities = find_entities(
        parsed, text=doc.text, known_body=known_body, known_place=known_place
    )
    return doc


def find_entities(
    parsed: Doc,
    *,
    text: str | None = None,
    known_body: Callable[[str], bool] | None = None,
    known_place: Callable[[str], bool] | None = None,
) -> list[EntitySpan]:
    """Named entities, role phrases, definite descriptions and pronouns, in text order.

    `text` is the parsed text when the caller has it (`Document.text`): spaCy's `Doc.text`
    joins every token on each access. `known_body` says whether a name is a nationality word,
    a state or an organisation the knowledge base knows (never taken for a surname);
    `known_place` whether the gazetteer has a place of that name (never taken for a name the
    NER missed)."""
    full = parsed.text if text is None else text
    spans: list[EntitySpan] = []
    in_entity: set[int] = set()
    patterned = _pattern_orgs(parsed)
    for lo, hi in patterned:
        start, end = parsed[lo].idx, parsed[hi].idx + len(parsed[hi])
        spans.append(EntitySpan(start, end, full[start:end], "ORG", None, "pattern"))
        in_entity.update(range(lo, hi + 1))
    for ent in parsed.ents:
        if ent.label_ not in ENTITY_LABELS or not _may_act(ent):
            continue
        if any(lo <= ent.end - 1 and ent.start <= hi for lo, hi in patterned):
            continue  # "The Pacific Fleet of" of "the Pacific Fleet of Russia": the pattern's
        if len(ent) == 1 and ent.root.lower_ in _TITLE_WORDS and not ent.ent_id_:
            continue  # "Supreme" of "Supreme Leader Ali Khamenei" tagged ORG by the NER
        start, end, text = ent.start_char, ent.end_char, ent.text
        if text.lower().startswith("the "):  # "the Kremlin": the name is what follows
            start, text = start + 4, text[4:]
        if text.endswith("'s") or text.endswith("’s"):
            end, text = end - 2, text[:-2]
        kb_id = ent.ent_id_ or None
        spans.append(EntitySpan(start, end, text, ent.label_, kb_id, "kb" if kb_id else "ner"))
        in_entity.update(range(ent.start, ent.end))
    _echo_surnames(parsed, spans, in_entity=in_entity, known_body=known_body)
    _untagged_names(parsed, spans, in_entity=in_entity, full=full, known_place=known_place)
    table = agents()
    mods = modifiers()
    for token in parsed:
        if token.i in in_entity:
            continue
        lower = token.lower_
        if token.tag_ in {"PRP", "PRP$"} and lower in PRONOUNS:
            spans.append(
                EntitySpan(token.idx, token.idx + len(token), token.text, "PRON", None, "role")
            )
            continue
        if token.pos_ not in {"NOUN", "PROPN"}:
            continue
        lemma = token.lemma_.lower()
        located = (
            _located_actor(token)
            or _plover_head(token)
            or _plover_plural(token)
            or _region_group(token)
        )
        if (
            lemma not in table
            and lower not in table
            and lemma not in COLLECTIVE_NOUNS
            and not located
        ):
            continue
        if (
            token.i > 0
            and parsed[token.i - 1].text in {"-", "‑"}
            and not parsed[token.i - 1].whitespace_
        ):
            continue  # "Secretary-General": not a general; a spaced dash is no hyphen
        if token.dep_ == "compound" and token.head.i in in_entity:
            continue  # a title in a name ("Supreme Leader Ali Khamenei"): the actors stage reads it
        if token.dep_ == "compound" and (
            token.head.lemma_.lower() in table
            or token.head.lower_ in table
            or token.head.lemma_.lower() in COLLECTIVE_NOUNS
        ):
            continue  # "security" of "security forces": the head carries the phrase
        if lemma in things() or any(
            c.lower_ in things() for c in token.lefts if c.dep_ in {"compound", "amod"}
        ):
            continue  # "missiles", "nerve agent", "chemical agents": things, not who acts
        span = _role_span(token)
        if len(span) == 1 and token.i > 0 and _qualifies(parsed[token.i - 1], table, mods):
            span = [parsed[token.i - 1], token]  # "smuggling gang" parsed as a verb's object
        label = _role_label(token, span, is_agent=lemma in table or lower in table or located)
        if label is None:
            continue
        first, last = span[0], span[-1]
        spans.append(
            EntitySpan(
                first.idx, last.idx + len(last), full[first.idx : last.idx + len(last)],
                label, None, "role",
            )
        )  # fmt: skip
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _echo_surnames(
    parsed: Doc,
    spans: list[EntitySpan],
    *,
    in_entity: set[int],
    known_body: Callable[[str], bool] | None,
) -> None:
    """A later mention of a person by surname alone is a person (news style: "Jane Holloway
    said ... Holloway added"), whatever the NER made of it: an organisation or a place it
    tagged becomes a person, and a capitalised word it missed is added. Only surnames of
    people named in full earlier in the article count, and never a nationality ("The French
    condemned"), a name after "the", or a state or body the knowledge base knows."""
    first_named: dict[str, int] = {}
    for ent in parsed.ents:
        words = [t for t in ent if t.lower_ not in {"'s", "’s", "'"}]  # "Tom Harlan's"
        if ent.label_ == "PERSON" and len(words) > 1 and words[-1].is_title and len(words[-1]) > 2:
            first_named.setdefault(words[-1].text, ent.end_char)

    def echoes(text: str, start: int) -> bool:
        named_at = first_named.get(text)
        return (
            named_at is not None
            and start >= named_at
            and not (known_body is not None and known_body(text))
        )

    if not first_named:
        return
    for i, span in enumerate(spans):
        if (
            span.label in {"ORG", "GPE", "NORP", "LOC", "FAC"}
            and span.kb_id is None
            and echoes(span.text, span.start)
            and not _after_the(parsed, span.start)
        ):
            spans[i] = EntitySpan(span.start, span.end, span.text, "PERSON", None, "ner")
    for token in parsed:
        if (
            token.i in in_entity
            or token.tag_ != "NNP"
            or not echoes(token.text, token.idx)
            or any(n.tag_ in {"NNP", "NNPS"} or n.lower_ == "the" for n in _around(token))
        ):
            continue
        spans.append(
            EntitySpan(token.idx, token.idx + len(token), token.text, "PERSON", None, "ner")
        )
        in_entity.add(token.i)


#: Slots of a clause's parties: who acts, who undergoes it, whom a preposition names.
_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
#: Prepositions after which an unknown name is as likely a place as a party.
_PLACE_ONLY_PREPS = words("place_only_prep")
#: Determiners by which a description refers back ("the president", "those groups").
_REFERRING = words("referring_determiner")


def _untagged_names(
    parsed: Doc,
    spans: list[EntitySpan],
    *,
    in_entity: set[int],
    full: str,
    known_place: Callable[[str], bool] | None,
) -> None:
    """A proper noun the NER left untagged in a party's slot names someone ("A court found
    Oommen Chandy guilty", "USAID provided"): the small model misses many names it has not
    seen. Two or more capitalised proper nouns there are a PERSON, an acronym an ORG (one
    capitalised word is as often a place, a title or a first name); never after a
    preposition of place ("in Smalltown" may be a town), never a part of any other entity
    (dates, numbers, places)."""
    for token in parsed:
        if token.i in in_entity or token.tag_ != "NNP" or token.dep_ not in _PARTY_DEPS:
            continue
        if token.dep_ == "pobj" and token.head.lower_ in _PLACE_ONLY_PREPS:
            continue
        run = [t for t in token.lefts if t.dep_ == "compound" and t.tag_ == "NNP"] + [token]
        if run[-1].i - run[0].i + 1 != len(run):
            continue  # a gap ("Mr. X's Y"): not one name
        if any(t.i in in_entity or t.ent_type_ or not (t.is_title or t.is_upper) for t in run):
            continue
        if not all(t.text[0].isalpha() for t in run):
            continue  # "-2C.": no name
        if any(_titled_role(t) for t in run):
            continue  # "Prime Minister", "Defense Ministry": a role phrase, read as one below
        if len(run) == 1 and not (token.is_upper and token.is_alpha and len(token) >= 3):
            continue  # one capitalised word is as often a place, a title or a first name
        start, end = run[0].idx, token.idx + len(token)
        if known_place is not None and known_place(full[start:end]):
            continue  # "Kafr Nabl was shelled": a place the gazetteer knows
        label = "ORG" if len(run) == 1 else "PERSON"
        spans.append(EntitySpan(start, end, full[start:end], label, None, "name"))
        in_entity.update(t.i for t in run)


def _titled_role(token: Token) -> bool:
    """A capitalised agent, body or title word ("Minister", "Ministry", "Guard")."""
    table = agents()
    lemma, lower = token.lemma_.lower(), token.lower_
    return (
        lemma in table
        or lower in table
        or lemma in COLLECTIVE_NOUNS
        or lower in _TITLE_WORDS
        or plover_group(lower) is not None
    )


def _after_the(parsed: Doc, start: int) -> bool:
    """Whether the token before character `start` is "the" ("the Holloway Foundation")."""
    token = parsed.char_span(start, start + 1, alignment_mode="expand")
    return token is not None and token.start > 0 and parsed[token.start - 1].lower_ == "the"


def _around(token: Token) -> list[Token]:
    """The tokens right before and after `token` (a surname alone has no proper noun there)."""
    doc = token.doc
    return [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]


def _located_actor(noun: Token) -> bool:
    """A common noun that acts and is placed in a country ("regions across Indonesia said",
    "a statement by a hospital in Kabul"): an actor, though no agent noun."""
    if noun.pos_ != "NOUN":
        return False
    by_agent = noun.dep_ == "pobj" and noun.head.dep_ == "agent"  # "issued by X"
    speaks = noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _SPEECH_VERBS
    if not (by_agent or speaks):
        return False  # "prices in Iran rose": a thing, not an actor
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in _PLACING_PREPS
        and any(c.dep_ == "pobj" and c.ent_type_ == "GPE" for c in prep.children)
        for prep in noun.rights
    )


# A sports score ("Liverpool 2-1"), and bytes of UTF-8 read as Latin-1 or cp1252 ("Ã©",
# "â€™") or lost (U+FFFD): a result or a broken fragment, never who acted.
_SCORE_RE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b")
_MOJIBAKE_RE = re.compile("[ÃÂ][\u0080-\u00bf\u2018-\u201e\u2020-\u2122]|â€|\ufffd")


def _may_act(ent: Span) -> bool:
    """Whether a named span can be an actor: not a score, not mojibake, not the name of a
    weapon or substance ("Tomahawk missiles", "Novichok nerve agent")."""
    if _SCORE_RE.search(ent.text) or _MOJIBAKE_RE.search(ent.text):
        return False
    made = things()
    if ent.root.lemma_.lower() in made:
        return False
    if ent.ent_id_ or ent.label_ not in {"ORG", "PERSON"}:
        return True  # "Hamas rockets", "Iranian drones": a known owner of weapons still acts
    # the noun an unknown name qualifies: "Tomahawk" of "Tomahawk missiles"
    after = ent.root.head if ent.root.dep_ == "compound" else None
    words = [after, *after.lefts] if after is not None and after.i >= ent.end else []
    return not any(t.lemma_.lower() in made for t in words if t.i >= ent.end)


# ("on" is left out: "the Army on Monday")
_ORG_LINKS = frozenset({"of", "for"})
_NAME_LINKS = frozenset({"of", "for", "and", "the", "&"})


def _pattern_orgs(parsed: Doc) -> list[tuple[int, int]]:
    """Token ranges of organisations named by pattern: a capitalised body noun, the
    capitalised words before it, "of"/"for" and a capitalised name after it ("the
    Department of Agriculture of the Philippines", "the Agency for Development of Bolivia",
    "the Pacific Fleet of Russia"), where the NER found no name or only part of one."""
    table = agents()
    found: list[tuple[int, int]] = []
    n = len(parsed)
    for token in parsed:
        agent = table.get(token.lemma_.lower()) or table.get(token.lower_)
        if agent is None or agent.kind != "group" or not token.is_title or token.i + 2 >= n:
            continue
        if parsed[token.i + 1].lower_ not in _ORG_LINKS:
            continue
        last = token.i + 1
        i = token.i + 2
        while i < n and (parsed[i].is_title or parsed[i].lower_ in _NAME_LINKS):
            if parsed[i].is_title:
                last = i
            i += 1
        if last == token.i + 1:
            continue  # "Department of state" lower case: no name
        first = token.i
        while first > 0 and parsed[first - 1].is_title and parsed[first - 1].pos_ == "PROPN":
            first -= 1
        if found and first <= found[-1][1]:
            continue
        if any(e.ent_id_ and e.start <= token.i and first < e.end for e in parsed.ents):
            continue  # the knowledge base knows the name: its ruler span stands
        found.append((first, last))
    return found


def _region_group(noun: Token) -> bool:
    """A group of states a region names: "European countries", "Western powers"."""
    mods = [c.lower_ for c in noun.lefts if c.dep_ in {"amod", "compound"}]
    return noun.tag_ == "NNS" and region_group(noun.lower_, mods) is not None


def _plover_plural(noun: Token) -> bool:
    """A plural noun the PLOVER agents dictionary lists ("prisoners", "mourners")."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() in things():
        return False
    return plover_group(noun.lemma_.lower()) is not None or plover_group(noun.lower_) is not None


def _plover_head(noun: Token) -> bool:
    """The head of a phrase the PLOVER agents dictionary lists whole, though the noun alone is
    no agent: "intelligence service", "displaced families"."""
    if noun.pos_ != "NOUN":
        return False
    words = [c.lower_ for c in noun.lefts if c.dep_ in {"compound", "amod"}]
    return bool(words) and any(
        plover_phrase([*words, form]) for form in dict.fromkeys((noun.lemma_.lower(), noun.lower_))
    )


def _of_a_name(noun: Token) -> bool:
    """Whether the noun is "of" a named state or body: "the president of the Riigikogu"."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and any(c.dep_ == "pobj" and c.ent_type_ in {"GPE", "ORG", "NORP"} for c in prep.children)
        for prep in noun.rights
    )


def _swallowed(ent: Span) -> bool:
    """A knowledge-base match of "the" and one ordinary word that only begins a longer name:
    "the National" (an outlet) of "the National Guard"."""
    if not ent.ent_id_ or len(ent) != 2 or ent[0].lower_ != "the" or ent.end >= len(ent.doc):
        return False
    after = ent.doc[ent.end]
    return after.is_title and after.pos_ == "PROPN" and ent[-1].head.i == after.i


def _qualifies(token: Token, table: dict[str, Agent], mods: dict[str, Agent]) -> bool:
    """A word right before a noun that says what kind of actor it is ("smuggling" gang)."""
    lower = token.lower_
    return token.pos_ in {"NOUN", "VERB", "ADJ"} and (lower in table or lower in mods)


def _role_label(noun: Token, span: list[Token], *, is_agent: bool) -> str | None:
    """ROLE for a describing phrase, DEF for one that refers back, None for neither."""
    left = [t for t in span if t.i < noun.i]
    if not left:
        # "protesters clashed": a bare plural agent is a mention; a bare singular only when it
        # acts ("medic said", "issued by president"), not "in government"
        plural = noun.tag_ in {"NNS", "NNPS"}
        acting = noun.dep_ in _ACTING_DEPS or (noun.dep_ == "pobj" and noun.head.lower_ == "by")
        return "ROLE" if is_agent and (plural or acting) else None
    if all(t.lower_ in _REFERRING for t in left):
        # "the president of France" describes; "the president" alone refers back
        return "ROLE" if is_agent and _of_a_name(noun) else "DEF"
    if len(left) == 1 and left[0].lower_ in {"his", "her", "its", "their"}:
        return "DEF"  # "his group": the actors stage finds whose
    table, mods = agents(), modifiers()
    described = any(
        t.ent_type_ in {"NORP", "GPE"} or t.lower_ in mods or t.lemma_.lower() in table
        for t in left
    )  # "breakaway state", "Congressional group", "gang confederations"
    if not is_agent and not described:
        if any(t.ent_type_ == "ORG" or t.ent_id_ for t in left):
            return None  # "the NATO alliance", "the Hamas movement": the name is the body
        # "both countries": a pair of actors named before (`stages/actors/plural.py`)
        return "DEF" if left[0].lower_ in {"the", "both"} else None
    return "ROLE"


def _last_conjunct(token: Token) -> Token:
    """The last of the tokens coordinated with `token` ("Afghan" of "US and Afghan"), or
    `token` itself."""
    conj = next((c for c in token.children if c.dep_ == "conj"), None)
    return token if conj is None else _last_conjunct(conj)


def _role_span(noun: Token) -> list[Token]:
    """The noun with its left modifiers: "an anonymous senior Israeli official"."""
    tokens = [noun]
    for child in reversed(list(noun.lefts)):
        if child.dep_ not in _ROLE_LEFT_DEPS:
            break
        last = _last_conjunct(child)
        if last is not child:
            # "US and Afghan forces": the head goes with its nearest modifier; the others
            # name parties of their own
            tokens = [t for t in last.subtree if t.i < noun.i] + tokens
            break
        tokens = [t for t in child.subtree if t.i < noun.i] + tokens
    tokens.sort(key=lambda t: t.i)
    # contiguous run ending at the noun
    run = [noun]
    for t in reversed(tokens[:-1]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
        else:
            break
    return run
