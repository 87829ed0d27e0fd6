"""Making `_scan`, the time stage's hot spot, cheaper without changing what it finds.

`_scan` runs every rule over the whole text. Two exact shortcuts, both read from a rule's
compiled pattern itself (rather than written beside each rule), so they stay right when a rule
changes:

- the words a rule cannot match without: a rule whose key words ("ago", "fiscal", "quarter",
  "from now") the text lacks can only fail at every position, so it is not run (words the
  pattern joins by whitespace are looked up together in the text with its whitespace runs
  made single spaces);
- a word boundary shared by all of a rule's alternatives is checked once, before them, so the
  regex engine leaves most positions (inside words) without trying each alternative.
"""

from __future__ import annotations

import re
import re._constants as _c  # the standard library's own regex parser (Python 3.11)
import re._parser as _parser
from typing import Any

__all__ = ["Needs", "can_match", "hoist_boundary", "may_skip", "needed_words", "normalised"]

Needs = tuple[frozenset[str], ...]

# Characters that match an ASCII letter under IGNORECASE but do not lower-case to it ("ſ" is
# an "s", the dotted and dotless "i" are an "i"): in a text holding one, lower() hides words
# the pattern can still match, so such a text is scanned by every rule.
_ODD_CASE = re.compile("[\u0130\u0131\u017f]")


def needed_words(pattern: re.Pattern[str]) -> Needs:
    """Groups of lower-case words: every match puts at least one word of each group in the text.

    Built from runs of ASCII literals in the pattern's parse tree; a branch contributes the
    union of its alternatives' best groups, an optional part nothing, and a lookahead or
    lookbehind its own words (they must be in the text too, if not in the match).
    """
    groups = set(_conjunction(_parser.parse(pattern.pattern, pattern.flags)))
    # Most selective first, so that a text without the rule's rarest word fails fast.
    return tuple(sorted(groups, key=lambda g: (-min(map(len, g)), len(g), sorted(g))))


def normalised(text: str) -> str:
    """The form needs are checked against: lower case, each run of whitespace one space."""
    return " ".join(text.lower().split())


def can_match(needs: Needs, lowered: str) -> bool:
    """May a rule with these needs match the text whose `normalised` form is `lowered`?"""
    return all(any(word in lowered for word in group) for group in needs)


def may_skip(text: str) -> bool:
    """Can the needs of a rule be checked on `normalised(text)` (see _ODD_CASE)?"""
    return _ODD_CASE.search(text) is None


def hoist_boundary(pattern: re.Pattern[str], boundary: str) -> re.Pattern[str]:
    """`pattern`, with `boundary` (a lookbehind) checked once before its alternatives when
    every top-level alternative starts with it (after any lookaheads); else `pattern` itself.

    "(?<!x)A|(?<!x)B" and "(?<!x)(?:(?<!x)A|(?<!x)B)" match the same; the second fails at most
    positions after one test. A single alternative gains nothing and is left as it is.
    """
    items = _parser.parse(pattern.pattern, pattern.flags).data
    mark = _parser.parse(boundary).data[0]
    if len(items) != 1 or items[0][0] is not _c.BRANCH:
        return pattern
    if not all(_starts_with(alt, mark) for alt in items[0][1][1]):
        return pattern
    return re.compile(f"{boundary}(?:{pattern.pattern})", pattern.flags)


def _starts_with(items: Any, mark: Any) -> bool:
    items = list(items)
    while items and items[0][0] is _c.ASSERT and not _same(items[0], mark):
        items = items[1:]  # a lookahead that only fails fast
    if not items:
        return False
    op, av = items[0]
    if op is _c.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
        return _starts_with(av[3], mark)
    return _same(items[0], mark)


def _same(a: Any, b: Any) -> bool:
    """Are two parse items the same? (Parsed subpatterns compare by identity, not content.)"""
    return bool(a[0] is b[0] and repr(a[1]) == repr(b[1]))


def _conjunction(items: Any) -> list[frozenset[str]]:
    """The groups a sequence of parse items needs, all of them."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL and av < 128:
            char = " " if chr(av).isspace() else chr(av)
            if char != " " or (run and run[-1] != " "):
                run.append(char)
            continue
        if run and _is_spaces(op, av):
            if run[-1] != " ":
                run.append(" ")  # "from", spaces, "now": "from now" in the normalised text
            continue
        if run:
            out.append(_needle(run))
            run = []
        if op is _c.SUBPATTERN:
            out += _conjunction(av[3])
        elif op is _c.ATOMIC_GROUP:
            out += _conjunction(av)
        elif op is _c.ASSERT:  # a lookahead or lookbehind that must hold
            out += _conjunction(av[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _conjunction(av[2])
        elif op is _c.BRANCH:
            best = [_best(_conjunction(alt)) for alt in av[1]]
            if all(best):
                out.append(frozenset().union(*best))  # type: ignore[arg-type]
    if run:
        out.append(_needle(run))
    return out


def _needle(run: list[str]) -> frozenset[str]:
    return frozenset(["".join(run).strip().lower()])


def _is_spaces(op: Any, av: Any) -> bool:
    """Is the item a run of one or more whitespace characters (a regex "\\s+")?"""
    return (
        op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
        and av[0] >= 1
        and len(av[2].data) == 1
        and av[2].data[0] == (_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])
    )


def _best(groups: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective group: longest shortest word, then fewest words."""
    if not groups:
        return None
    return max(groups, key=lambda g: (min(map(len, g)), -len(g), sorted(g)))
