"""Acronyms a text defines: "the Drug Enforcement Administration (DEA)" makes every later
"DEA" of that text the administration, whatever the knowledge base says "DEA" is."""

from __future__ import annotations

import re

__all__ = ["defined_acronyms"]

_LINK_WORDS = "of|for|the|and|on|de|du|des|la|el|al|du"
_NAME_WORD = rf"(?:[A-Z][\w'’.&-]*|{_LINK_WORDS})"
_DEFINITION_RE = re.compile(
    rf"\b([A-Z][\w'’.&-]*(?:\s+{_NAME_WORD}){{0,9}})\s+\(\s*([A-Z][A-Za-z0-9-]{{1,9}})\s*\)"
)
_LINKS = frozenset(_LINK_WORDS.split("|"))


def _initials_fit(name_words: list[str], acronym: str) -> int | None:
    """How many words from the end of the name the acronym's capitals spell, in order (the
    first capital opening the first of them); None when they spell none."""
    capitals = [c for c in acronym if c.isupper()]
    words = [w for w in name_words if w.lower() not in _LINKS]
    if not capitals or len(capitals) > len(words):
        return None
    # the acronym names the last words of the phrase: "the US Drug Enforcement Administration"
    for start in range(len(words) - len(capitals), -1, -1):
        initials = [w[0] for w in words[start:]]
        if initials[0] != capitals[0]:
            continue
        it = iter(initials)
        if all(any(c == i for i in it) for c in capitals):
            return len(words) - start
    return None


def defined_acronyms(text: str) -> dict[str, tuple[int, int]]:
    """Acronym -> (start, end) of the name it stands for, for each "Name (ACRONYM)" whose
    capitals are the initials of the name's words; the first definition of each wins."""
    found: dict[str, tuple[int, int]] = {}
    for match in _DEFINITION_RE.finditer(text):
        name, acronym = match.group(1), match.group(2)
        words = name.split()
        kept = _initials_fit(words, acronym)
        if kept is None or acronym in found:
            continue
        # the name begins at the first content word the acronym spells
        content = [i for i, w in enumerate(words) if w.lower() not in _LINKS]
        first = content[len(content) - kept]
        offset = match.start(1) + len(" ".join(words[:first])) + (1 if first else 0)
        found[acronym] = (offset, match.end(1))
    return found
