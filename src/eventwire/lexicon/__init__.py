"""The coder's words: typed word classes read from `eventwire/data/lexicon/*.tsv`.

Every closed class of words the stages consult ("speech verbs", "future auxiliaries",
"collective nouns", "month names"...) lives in one data file, in a section of its own::

    # comments start with '#'
    [speech_verb] Verbs that report what someone said
    say
    tell

    [weapon_mode] Weapon nouns and the PLOVER ASSAULT mode they imply
    missile	aerial
    rifle	small-arms

A section whose rows have one column is a word set (`words`); rows of two columns are a
mapping from word to value (`mapping`); `rows` maps the first column to the tuple of the
others, however many. Words may be phrases; rows keep their file order. A class is defined
once across all files (a second definition is an error), so two stages that need "speech
verbs" read the same words.

Modules bind classes at import time and read them at use time::

    from ..lexicon import words

    SPEECH_VERBS = words("speech_verb")
    ...
    if token.lemma_ in SPEECH_VERBS: ...

so a user's override applies to code already imported. `--lexicon DIR` (or the
`EVENTWIRE_LEXICON` environment variable) names a directory of `.tsv` files in the same
format: each class it defines replaces the shipped class of that name (a class the shipped
lexicon lacks is an error, which catches misspelt names). Table files (`table_text`) are
replaced whole by a file of the same name there. The choice is process-wide and inherited by
worker processes, because `use_lexicon` also sets the environment variable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from functools import wraps
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TypeVar

from ..errors import ResourceError

__all__ = [
    "ENV_VAR",
    "Lexicon",
    "WordClass",
    "WordMap",
    "WordSet",
    "current",
    "lexicon_cache",
    "mapping",
    "rows",
    "table_text",
    "use_lexicon",
    "words",
]

#: The environment variable naming an overriding lexicon directory.
ENV_VAR = "EVENTWIRE_LEXICON"


@dataclass(frozen=True)
class WordClass:
    """One section of a lexicon file: its name, what it is, where it came from, its rows."""

    name: str
    description: str
    source: str  # the file that defined it
    rows: tuple[tuple[str, ...], ...]

    @property
    def is_mapping(self) -> bool:
        return any(len(r) > 1 for r in self.rows)


def _shipped_dir() -> Path:
    return Path(str(importlib_resources.files("eventwire") / "data" / "lexicon"))


def _is_section_file(text: str) -> bool:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            return line.startswith("[")
    return False


def _parse(text: str, *, source: str) -> list[WordClass]:
    classes: list[WordClass] = []
    name = ""
    description = ""
    rows: list[tuple[str, ...]] = []

    def close() -> None:
        if name:
            classes.append(WordClass(name, description, source, tuple(rows)))

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            close()
            head, sep, rest = line.partition("]")
            if not sep or not head[1:].strip():
                raise ResourceError(f"{source}:{n}: a class header is '[name] description'")
            name, description, rows = head[1:].strip(), rest.strip(), []
            continue
        if not name:
            raise ResourceError(f"{source}:{n}: a word before any '[class]' header")
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    close()
    return classes


class Lexicon:
    """All word classes and table files, the shipped ones with an override directory's over
    them."""

    def __init__(self, *, override: Path | None = None) -> None:
        self.override = override
        self.classes: dict[str, WordClass] = {}
        self._tables: dict[str, str] = {}
        shipped = _shipped_dir()
        for path in sorted(shipped.glob("*.tsv")):
            text = path.read_text(encoding="utf-8")
            if not _is_section_file(text):
                self._tables[path.name] = text
                continue
            for cls in _parse(text, source=path.name):
                if cls.name in self.classes:
                    first = self.classes[cls.name].source
                    raise ResourceError(
                        f"word class [{cls.name}] defined in {first} and {path.name}"
                    )
                self.classes[cls.name] = cls
        if override is not None:
            self._apply(override)
        self._sets: dict[str, frozenset[str]] = {}
        self._maps: dict[str, dict[str, str]] = {}
        self._rows: dict[str, dict[str, tuple[str, ...]]] = {}

    def _apply(self, directory: Path) -> None:
        if not directory.is_dir():
            raise ResourceError(f"lexicon directory {directory} does not exist")
        for path in sorted(directory.glob("*.tsv")):
            text = path.read_text(encoding="utf-8")
            if not _is_section_file(text):
                if path.name not in self._tables:
                    raise ResourceError(f"{path}: no shipped lexicon table of that name")
                self._tables[path.name] = text
                continue
            for cls in _parse(text, source=str(path)):
                if cls.name not in self.classes:
                    raise ResourceError(f"{path}: unknown word class [{cls.name}]")
                self.classes[cls.name] = cls

    def word_class(self, name: str) -> WordClass:
        try:
            return self.classes[name]
        except KeyError:
            raise ResourceError(f"no word class [{name}] in the lexicon") from None

    def words(self, name: str) -> frozenset[str]:
        found = self._sets.get(name)
        if found is None:
            cls = self.word_class(name)
            if cls.is_mapping:
                raise ResourceError(f"[{name}] is a mapping, not a word set")
            found = self._sets[name] = frozenset(r[0] for r in cls.rows)
        return found

    def mapping(self, name: str) -> dict[str, str]:
        found = self._maps.get(name)
        if found is None:
            cls = self.word_class(name)
            if any(len(r) != 2 for r in cls.rows):
                raise ResourceError(f"[{name}]: a mapping's rows are 'word<TAB>value'")
            found = self._maps[name] = {r[0]: r[1] for r in cls.rows}
        return found

    def rows(self, name: str) -> dict[str, tuple[str, ...]]:
        found = self._rows.get(name)
        if found is None:
            found = self._rows[name] = {r[0]: r[1:] for r in self.word_class(name).rows}
        return found

    def ordered(self, name: str) -> tuple[str, ...]:
        return tuple(r[0] for r in self.word_class(name).rows)

    def table_text(self, name: str) -> str:
        try:
            return self._tables[name]
        except KeyError:
            raise ResourceError(f"no lexicon table {name}") from None


class _State:
    generation = 0
    lexicon: Lexicon | None = None


def use_lexicon(directory: Path | None) -> None:
    """Use `directory`'s classes over the shipped ones (None: the shipped lexicon alone) in this
    process and the worker processes it starts. Loads now, so a bad directory fails at once."""
    if directory is None:
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = str(directory)
    _State.lexicon = Lexicon(override=directory)
    _State.generation += 1


def current() -> Lexicon:
    """The lexicon in use: the shipped one, with `$EVENTWIRE_LEXICON`'s classes over it."""
    lex = _State.lexicon
    if lex is None:
        env = os.environ.get(ENV_VAR)
        lex = _State.lexicon = Lexicon(override=Path(env) if env else None)
    return lex


class WordSet(Set[str]):
    """A word class as a read-only set, read from the lexicon in use at each access."""

    __slots__ = ("_data", "_generation", "names")

    def __init__(self, *names: str) -> None:
        self.names = names
        self._generation = -1
        self._data: frozenset[str] = frozenset()

    def _get(self) -> frozenset[str]:
        if self._generation != _State.generation or _State.lexicon is None:
            lex = current()
            self._data = frozenset().union(*(lex.words(n) for n in self.names))
            self._generation = _State.generation
        return self._data

    def __contains__(self, word: object) -> bool:
        return word in self._get()

    def __iter__(self) -> Iterator[str]:
        lex = current()
        seen = dict.fromkeys(w for n in self.names for w in lex.ordered(n))
        return iter(seen)

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return f"WordSet{self.names!r}"

    @classmethod
    def _from_iterable(cls, it: Iterable[str]) -> frozenset[str]:  # type: ignore[override]
        # `a | b`, `a & b`, `a - b` give plain frozensets, fixed at the time of the operation
        return frozenset(it)


V = TypeVar("V")


class WordMap(Mapping[str, V]):
    """A mapping class (word -> value), read from the lexicon in use at each access."""

    __slots__ = ("_data", "_generation", "_load", "name")

    def __init__(self, name: str, load: Callable[[Lexicon, str], dict[str, V]]) -> None:
        self.name = name
        self._load = load
        self._generation = -1
        self._data: dict[str, V] = {}

    def _get(self) -> dict[str, V]:
        if self._generation != _State.generation or _State.lexicon is None:
            self._data = self._load(current(), self.name)
            self._generation = _State.generation
        return self._data

    def __getitem__(self, word: str) -> V:
        return self._get()[word]

    def __contains__(self, word: object) -> bool:
        return word in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return f"WordMap({self.name!r})"


def words(*names: str) -> WordSet:
    """The word set `[name]` of the lexicon in use; with several names, their union (bind
    unions this way, not with `|` at import, so that an override reaches them)."""
    return WordSet(*names)


def mapping(name: str) -> WordMap[str]:
    """The mapping `[name]` (rows of two columns: word, value) of the lexicon in use."""
    return WordMap(name, Lexicon.mapping)


def rows(name: str) -> WordMap[tuple[str, ...]]:
    """The class `[name]` as word -> the tuple of its other columns (any number)."""
    return WordMap(name, Lexicon.rows)


def table_text(name: str) -> str:
    """The text of the lexicon table file `name` (an override directory's copy if it has one)."""
    return current().table_text(name)


T = TypeVar("T")


def lexicon_cache(func: Callable[[], T]) -> Callable[[], T]:
    """Like `functools.cache` for a no-argument builder over the lexicon: rebuilt when the
    lexicon in use changes."""
    memo: dict[int, T] = {}

    @wraps(func)
    def wrapper() -> T:
        found = memo.get(_State.generation)
        if found is None:
            memo.clear()
            found = memo[_State.generation] = func()
        return found

    return wrapper
