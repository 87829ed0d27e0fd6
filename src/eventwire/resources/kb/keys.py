"""Lookup keys of names: `normalize_key` (exact), `translit_key` (spelling variants of
Arabic and Persian names) and `title_role` (an office title's canonical role)."""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

__all__ = ["normalize_key", "title_role", "translit_key"]


_QUOTES_RE = re.compile(r"[\"'`´‘’‚‛“”„‟ʼʻʿʾ]")


_DASH_RE = re.compile(r"[-‐‑‒–—―_/]")


_DROP_RE = re.compile(r"[.,;:!?()\[\]{}]")


_SPACE_RE = re.compile(r"\s+")


_POSSESSIVE_RE = re.compile(r"['’]s$")


_LEADING_RE = re.compile(r"^(?:the\s+)?(?:(?:al|el)\s+)?")


_DOUBLE_RE = re.compile(r"(.)\1+")


_INNER_ARTICLE_RE = re.compile(r"\b(?:al|el|ul)\b")


_TRANSLIT_STEPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=\w)h"), ""),  # kh/gh/sh/th/dh and ah-/eh- spellings all lose the h
    (re.compile(r"q"), "k"),
    (re.compile(r"ck|c(?=[aou])"), "k"),
    (re.compile(r"w"), "u"),
    (re.compile(r"[eiy]"), "i"),  # Hezbollah/Hizbollah, Khamenei/Khameini, Yemeni/Iemeni
    (re.compile(r"[ou]"), "u"),  # Hizbollah/Hizbullah, Mosul/Mousul
)


def normalize_key(text: str) -> str:
    """The exact-match key of a name: casefolded ASCII, no leading "the "/"al-", no punctuation."""
    key = unidecode(text).casefold().strip()
    key = _POSSESSIVE_RE.sub("", key)
    key = _QUOTES_RE.sub("", key)
    key = _DASH_RE.sub(" ", key)
    key = _DROP_RE.sub("", key)
    key = _SPACE_RE.sub(" ", key).strip()
    return _LEADING_RE.sub("", key, count=1).strip()


def translit_key(text: str) -> str:
    """A looser key that folds common transliteration variants of Arabic/Persian names together."""
    key = _INNER_ARTICLE_RE.sub(" ", normalize_key(text))
    key = key.replace(" ", "")
    for pattern, repl in _TRANSLIT_STEPS:
        key = pattern.sub(repl, key)
    return _DOUBLE_RE.sub(r"\1", key)


_ROLE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bsupreme leader\b|\brahbar\b"), "supreme_leader"),
    (re.compile(r"\bdeputy prime minister\b|\bvice premier\b"), "deputy_prime_minister"),
    (re.compile(r"\bvice president\b"), "vice_president"),
    (re.compile(r"\bcrown prince\b"), "crown_prince"),
    (re.compile(r"\bsecretary general\b"), "secretary_general"),
    (
        re.compile(
            r"\bforeign (?:affairs )?(?:minister|secretary)\b|\bminister (?:of|for) foreign"
            r"|\bsecretary of state\b|\bexternal affairs minister\b|\bminister of external"
            r"|\bminister of international relations\b"
        ),
        "foreign_minister",
    ),
    (
        re.compile(
            r"\bdefen[cs]e (?:minister|secretary)\b|\bminister (?:of|for) (?:national )?defen[cs]e"
            r"|\bsecretary of (?:defense|war)\b|\bwar minister\b|\bminister of (?:war|the armed)"
        ),
        "defence_minister",
    ),
    (re.compile(r"\bprime minister\b|\bpremier\b"), "prime_minister"),
    (re.compile(r"\bchancellor\b"), "chancellor"),
    (
        re.compile(
            r"\bhead of state\b|(?<!deputy )\bchairman of the (?:transitional )?sovereignty council"
            r"|(?<!deputy )\bchairman of the presidential (?:leadership )?council\b"
            r"|(?<!deputy )\bchairman of the state administration council\b"
        ),
        "head_of_state",
    ),
    (re.compile(r"\bpresident\b"), "president"),
    (re.compile(r"\b(?:king|queen|emir|amir|sultan|monarch)\b"), "monarch"),
)


# Offices of a region, party, movement or body, not of the state: "President of the Kurdistan
# Region" is not Iraq's president, "Prime Minister of the Houthi government" not Yemen's.
_SUBSTATE_RE = re.compile(
    r"\b(?:region|regional|houthi|tigray|kurdistan|interim administration|transitional council"
    r"|political council|commission|court|assembly|bureau|party|movement|front|chechen)\b"
)


_STATE_ROLES = frozenset({"president", "vice_president", "prime_minister"})


# Words that may precede the role in an office title ("Acting President of Iran").
_TITLE_PREFIX_RE = re.compile(r"(?:(?:acting|interim|first|transitional|de facto)\s+)*")


@lru_cache(maxsize=8192)
def title_role(title: str, *, anchored: bool = True) -> str:
    """A canonical role for an office title: "Minister of Foreign Affairs" -> "foreign_minister".

    `anchored`: the role must open the title, so "Adviser to the Supreme Leader" is not the
    supreme leader; pass False for free text such as "Iran's supreme leader". Heads of
    sub-state bodies get a ``_substate`` suffix so that they never answer for a state.
    """
    key = normalize_key(title)
    for pattern, role in _ROLE_RULES:
        match = pattern.search(key)
        if match is None:
            continue
        if anchored and not _TITLE_PREFIX_RE.fullmatch(key[: match.start()]):
            continue
        if role in _STATE_ROLES and _SUBSTATE_RE.search(key):
            return f"{role}_substate"
        return role
    return key
