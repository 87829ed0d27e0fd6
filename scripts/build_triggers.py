"""Derive event triggers from the CAMEO verb dictionary (``data/event_triggers_cameo.tsv``).

Sources (both beside the project in ``../shared/data``):

- ``dictionaries/CAMEO.2.0.txt``: the Phoenix/PETRARCH CAMEO verb pattern dictionary
  (Copyright (c) 2015 Open Event Data Alliance, MIT licence). Blocks ``--- VERB [code] ---``
  hold synonym verbs (each with an optional code of its own and ``{inflections}``) and
  patterns ``- * OBJECT (PREP NOUN) [code] # verb``; ``&SETS`` of nouns are defined at the top.
- ``plover/cameo2plover_2021.json``: the CAMEO-to-PLOVER table (PLOVER project, CC BY-SA 4.0),
  which gives each code its PLOVER type, mode and context.

Only what maps cleanly onto the trigger table's columns is kept:

- ``V`` rows: a verb with a code of its own ("ASK [020]", class ``verb``) or only its
  block's (class ``synonym``: "DEPART" in ``--- GO_SOMEWHERE [040] ---``);
- ``V`` rows with a particle: a verb and one preposition or particle ("- * (FOR) [020]");
- ``VO`` rows: a verb and one object noun, a set's members expanded ("- * &CEASEFIRE", class
  ``object``), or the noun of one prepositional phrase ("- * (INTO &INVESTIGATION)", class
  ``phrase``).

A pattern belongs to the verb its comment names (PETRARCH lets the whole block share it, but
"stage a strike" is no more "put a strike" than "set a strike"). Patterns that constrain the
subject, have several slots or multi-word nouns are left out, and so are verbs that only frame
their complement's act (`FRAME_CLASSES`: "decided to", "failed to"), as are codes with no PLOVER
type (CAMEO 01 statements and 02 appeals) and 08, which PLOVER splits. A key whose codes
disagree on the type takes the type most of them give, and is dropped on a tie.

Which classes of rows are written, and with which scope, is decided by measurement (see
docs/events.md): `SCOPES`. The hand-written ``event_triggers.tsv`` wins over these rows
(``eventwire.resources.plover``).

Usage: ``.venv/bin/python scripts/build_triggers.py [--shared DIR] [--out PATH]``
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.lexicon import words

__all__ = [
    "SCOPES",
    "Block",
    "CameoDictionary",
    "Pattern",
    "Row",
    "Verb",
    "build",
    "derive_rows",
    "main",
    "parse_dictionary",
    "plover_codes",
    "render",
]

ROOT = Path(__file__).resolve().parent.parent
#: ../shared/data of the checkout (a worktree sits one folder deeper than the main one)
SHARED = (
    next((p / "shared" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT.parent)
    / "data"
)
OUT = ROOT / "src" / "eventwire" / "data" / "event_triggers_cameo.tsv"
#: Row classes -> the scope their rows get ("" plain, "pair" only between two given actors);
#: a class missing here is not written. Chosen by measurement on plv_train's even half and
#: news_gold (docs/events.md, "Triggers derived from CAMEO").
SCOPES: dict[str, str] = {"verb": "pair", "object": "pair"}

#: Lexicon classes of verbs that frame the act of their complement rather than report one:
#: "decided to strike", "expects Iran to attack", "failed to stop" (data/lexicon/events.tsv).
FRAME_CLASSES = ("intention_word", "cognition_verb", "refusal_verb")

#: A verb's own ``[---]``: it codes nothing alone, whatever its block's code.
NO_CODE = "---"
_CODE = re.compile(r"\[([^\]]*)\]")
_WORD = re.compile(r"^[a-z]+$")


@dataclass(frozen=True)
class Verb:
    """A synonym verb of a block: lemma (with a particle after a space), its code if any,
    and the written forms that name it in pattern comments. `code` is `NO_CODE` where the
    verb's own ``[---]`` says that it codes nothing alone."""

    lemma: str
    code: str | None
    forms: frozenset[str]


@dataclass(frozen=True)
class Pattern:
    """A pattern line: what precedes and follows the verb (``*``), its code, its verb."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str | None
    verb: str | None  # the comment's verb, upper case as written


@dataclass
class Block:
    """A ``--- NAME [code] ---`` block."""

    name: str
    code: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class CameoDictionary:
    """Synonym sets (``&NAME`` -> member words) and verb blocks, in file order."""

    synsets: dict[str, list[str]]
    blocks: list[Block]


@dataclass(frozen=True, order=True)
class Row:
    """A trigger row (the columns of ``event_triggers.tsv``) and the class it belongs to."""

    word: str
    pos: str
    type: str
    mode: str
    context: str
    cameo: str
    kind: str  # verb, synonym, particle, object or phrase


def _code(text: str) -> str | None:
    """The code of ``[042:043]`` is 042 (the first); ``[---]`` and ``[:173]`` have none."""
    found = _CODE.search(text)
    if found is None:
        return None
    first = found.group(1).split(":")[0].strip()
    return first if first.isdigit() else None


def _strip_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body.strip(), comment.strip()


def _verb(line: str) -> Verb | None:
    body, _ = _strip_comment(line)
    # "COME [---]" in ``--- ARRIVE [040] ---``: the verb alone codes nothing
    code = _code(body) or (NO_CODE if _CODE.search(body) else None)
    body = _CODE.sub("", body)
    forms_text = ""
    if "{" in body:
        body, _, rest = body.partition("{")
        forms_text = rest.partition("}")[0]
    word = body.strip().lstrip("+").rstrip("_")
    if not word:
        return None
    forms = {word} | {f.lstrip("+").rstrip("_") for f in forms_text.split()}
    return Verb(word.lower().replace("_", " "), code, frozenset(forms))


def _pattern(line: str) -> Pattern | None:
    body, comment = _strip_comment(line[1:])
    code = _code(body)
    body = _CODE.sub("", body).strip()
    if "*" not in body:
        return None
    before, _, after = body.partition("*")
    verb = comment.split()[0] if comment and comment.split()[0].isupper() else None
    return Pattern(tuple(_tokens(before)), tuple(_tokens(after)), code, verb)


def _tokens(text: str) -> list[str]:
    """Words, ``&SETS``, ``{multi word}`` and ``(PREP NOUN)`` groups as single tokens."""
    return re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", text)


def parse_dictionary(text: str) -> CameoDictionary:
    """Read a CAMEO verb dictionary in PETRARCH's format."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            current = None if not line else current
            continue
        if line.startswith("---"):
            name = line.strip("- ").split("[")[0].strip()
            blocks.append(Block(name, _code(line)))
            current = None
        elif line.startswith("&") and not blocks:
            current = synsets.setdefault(line.split()[0], [])
        elif line.startswith("+") and current is not None and not blocks:
            current.append(_strip_comment(line[1:])[0])
        elif not blocks:
            continue
        elif line.startswith("-"):
            pattern = _pattern(line)
            if pattern is not None:
                blocks[-1].patterns.append(pattern)
        else:
            verb = _verb(line)
            if verb is not None:
                blocks[-1].verbs.append(verb)
    return CameoDictionary(synsets, blocks)


def plover_codes(table: Mapping[str, dict[str, object]]) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER type, mode, context) for the codes that have exactly one type."""
    out: dict[str, tuple[str, str, str]] = {}
    for code, entry in table.items():
        event = entry.get("event")
        if not isinstance(event, str) or "|" in event:
            continue  # 01 and 02 are not PLOVER events; 08 splits into two types
        mode = entry.get("mode")
        context = entry.get("context")
        first = context[0] if isinstance(context, list) and context else ""
        out[code] = (event, mode if isinstance(mode, str) else "", str(first))
    return out


def _plover(code: str | None, codes: Mapping[str, tuple[str, str, str]]) -> tuple[str, ...] | None:
    """The code's PLOVER (type, mode, context); a sub-code the table lacks takes its parent's."""
    while code and len(code) >= 3:
        if code in codes:
            return codes[code]
        code = code[:-1]
    return None


def _singular(word: str) -> str:
    """The lemma of a plural noun as written in patterns ("SANCTIONS", "PRISONERS")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _nouns(token: str, synsets: Mapping[str, list[str]]) -> list[str]:
    """The single-word nouns a pattern token stands for (a set's members); [] otherwise."""
    members = synsets.get(token, []) if token.startswith("&") else [token]
    out: list[str] = []
    for member in members:
        word = member.strip().rstrip("_").lower()
        if _WORD.match(word):
            out.append(word if member.strip().endswith("_") else _singular(word))
    return out


def _particles(dictionary: CameoDictionary) -> set[str]:
    """Prepositions and particles, as the dictionary itself uses them: the first word of a
    ``(PREP NOUN)`` group and the second word of a phrasal verb ("PULL_OUT")."""
    found: set[str] = set()
    for block in dictionary.blocks:
        for verb in block.verbs:
            parts = verb.lemma.split()
            if len(parts) == 2:
                found.add(parts[1])
        for pattern in block.patterns:
            for token in pattern.after:
                if token.startswith("("):
                    words = token.strip("()").split()
                    if words and _WORD.match(words[0].lower()):
                        found.add(words[0].lower())
    return found


def _owner(pattern: Pattern, block: Block) -> Verb | None:
    """The verb a pattern belongs to: the one its comment names (any written form, or a
    regular inflection of it), else the block's only verb."""
    if pattern.verb is None:
        return block.verbs[0] if len(block.verbs) == 1 else None
    name = pattern.verb.rstrip("_")
    for verb in block.verbs:
        if name in verb.forms:
            return verb
    base = name.lower().replace("_", " ")
    for verb in block.verbs:
        stem = verb.lemma.split()[0]
        if base.split()[0] in _regular_forms(stem) and base.split()[1:] == verb.lemma.split()[1:]:
            return verb
    return None


def _regular_forms(stem: str) -> set[str]:
    forms = {stem, stem + "s", stem + "es", stem + "ed", stem + "ing", stem + "d"}
    if stem.endswith("e"):
        forms |= {stem[:-1] + "ing"}
    if stem.endswith("y"):
        forms |= {stem[:-1] + "ied", stem[:-1] + "ies"}
    forms |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return forms


def _pattern_rows(
    pattern: Pattern, verb: Verb, dictionary: CameoDictionary, particles: set[str]
) -> Iterable[tuple[str, str, str]]:
    """(word, pos, kind) keys a simple pattern gives: one object noun, one prepositional
    phrase (its noun is the object), or one bare particle or preposition."""
    if pattern.before or len(pattern.after) != 1 or " " in verb.lemma:
        return  # a subject constraint, several slots, or a phrasal verb's own object
    token = pattern.after[0]
    if token.startswith("{"):
        return  # a multi-word noun: the table's objects are single lemmas
    if token.startswith("("):
        words = token.strip("()").split()
        if len(words) == 1 and words[0].lower() in particles:
            yield f"{verb.lemma} {words[0].lower()}", "V", "particle"
        elif len(words) == 2 and words[0].lower() in particles:
            for noun in _nouns(words[1], dictionary.synsets):
                yield f"{verb.lemma} {noun}", "VO", "phrase"
        return
    if token.lower() in particles:
        yield f"{verb.lemma} {token.lower()}", "V", "particle"
        return
    for noun in _nouns(token, dictionary.synsets):
        yield f"{verb.lemma} {noun}", "VO", "object"


def derive_rows(
    dictionary: CameoDictionary,
    codes: Mapping[str, tuple[str, str, str]],
    *,
    frame_verbs: Set[str] = frozenset(),
) -> list[Row]:
    """Every clean row of every class, one per key (word, pos), sorted. `frame_verbs` get no
    row of their own (their objects may still make pairs with them)."""
    votes: dict[tuple[str, str, str], Counter[tuple[str, ...]]] = {}
    particles = _particles(dictionary)

    def vote(key: tuple[str, str, str], code: str | None) -> None:
        plover = _plover(code, codes)
        if plover is not None and code is not None:
            votes.setdefault(key, Counter())[(*plover, code)] += 1

    for block in dictionary.blocks:
        for verb in block.verbs:
            if not all(_WORD.match(w) for w in verb.lemma.split()) or len(verb.lemma.split()) > 2:
                continue
            if verb.code == NO_CODE:
                continue
            kind = "particle" if " " in verb.lemma else "verb" if verb.code else "synonym"
            vote((verb.lemma, "V", kind), verb.code or block.code)
        for pattern in block.patterns:
            owner = _owner(pattern, block)
            if owner is None:
                continue
            for key in _pattern_rows(pattern, owner, dictionary, particles):
                vote(key, pattern.code)
    rows: list[Row] = []
    for (word, pos, kind), counts in votes.items():
        if pos == "V" and word.split()[0] in frame_verbs:
            continue  # "decided to", "failed to": the complement's act is the event
        by_type = Counter[str]()
        for (event, *_), n in counts.items():
            by_type[event] += n
        ranked = by_type.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            continue  # the sources disagree on what this word reports
        event = ranked[0][0]
        # the most frequent code of the winning type (ties: the lower code)
        best = min((-n, c) for c, n in counts.items() if c[0] == event)[1]
        rows.append(Row(word, pos, event, best[1], best[2], best[3], kind))
    return sorted(rows)


HEADER = """\
# GENERATED by scripts/build_triggers.py -- do not edit; rebuild instead.
# Event triggers derived from the Phoenix/PETRARCH CAMEO verb dictionary (CAMEO.2.0.txt,
# Copyright (c) 2015 Open Event Data Alliance, MIT licence) with each CAMEO code's PLOVER type,
# mode and context from the CAMEO-to-PLOVER table (cameo2plover_2021.json, PLOVER project,
# CC BY-SA 4.0). This file is distributed under CC BY-SA 4.0; notices in NOTICE-events.md.
# Columns as event_triggers.tsv (word, pos, type, mode, context, cameo, scope). The
# hand-written event_triggers.tsv wins for any word it has.
"""


def render(rows: Iterable[Row], *, scopes: Mapping[str, str] = SCOPES) -> str:
    """The table's text: the rows of the classes in `scopes`, each with its class's scope."""
    lines = [
        "\t".join((r.word, r.pos, r.type, r.mode, r.context, r.cameo, scopes[r.kind]))
        for r in rows
        if r.kind in scopes
    ]
    return HEADER + "".join(line + "\n" for line in lines)


def build(shared: Path, *, scopes: Mapping[str, str] = SCOPES) -> str:
    """The derived table's text from the sources under `shared` (``../shared/data``)."""
    text = (shared / "dictionaries" / "CAMEO.2.0.txt").read_text(encoding="utf-8")
    table = json.loads((shared / "plover" / "cameo2plover_2021.json").read_text("utf-8"))
    frame_verbs = words(*FRAME_CLASSES)
    rows = derive_rows(parse_dictionary(text), plover_codes(table["map"]), frame_verbs=frame_verbs)
    return render(rows, scopes=scopes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--classes",
        default=None,
        help="comma-separated class=scope pairs overriding SCOPES (e.g. verb=pair,object=)",
    )
    args = parser.parse_args(argv)
    scopes = SCOPES
    if args.classes is not None:
        scopes = dict(p.split("=", 1) for p in args.classes.split(",") if p)
    args.out.write_text(build(args.shared, scopes=scopes), encoding="utf-8")


if __name__ == "__main__":
    main()
