"""A compact cache of the bulk-imported knowledge-base files, so that the base loads fast.

The imported files (`phoenix_*`, `wikidata_*`, ... `.jsonl.gz`, tens of thousands of rows)
stay the source of truth; reading them means decompressing, parsing JSON and normalising
every name, which was most of the base's load time. The first process to read a file stores
its actors, with the lookup keys of their names, as one `marshal` blob under the user cache
directory; later processes (worker processes too) load that instead. The blob's name carries
a SHA-256 of the file's bytes, of the code that makes keys (`keys.py`) and of the Python
version, so an edited file, a changed normaliser or another interpreter never reads a stale
blob. A cache that cannot be read or written is skipped: the file is read as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from .entry import KBActor, Office
from .files import _parse_file, _read_bytes
from .keys import normalize_key, translit_key

__all__ = ["CACHE_ENV", "Keyed", "cache_dir", "read_imported"]

#: Environment variable naming the cache directory; set to an empty string to turn it off.
CACHE_ENV = "EVENTWIRE_CACHE_DIR"
# Bump when the row layout below changes.
_FORMAT = b"kb-cache-2"


def cache_dir() -> Path | None:
    """``$EVENTWIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventwire``, else
    ``~/.cache/eventwire``; None when ``$EVENTWIRE_CACHE_DIR`` is set but empty."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "eventwire"


def _code_stamp() -> bytes:
    """What the cached keys depend on besides the file: the key code and the interpreter
    (marshal's format is Python's own)."""
    try:
        keys_code = Path(__file__).with_name("keys.py").read_bytes()
    except OSError:
        keys_code = b""
    return _FORMAT + repr(sys.version_info[:2]).encode() + keys_code


#: An actor with the normalised keys of its names (in `names()` order) and their
#: transliteration keys: what loading and the first fuzzy query would compute again.
Keyed = tuple[KBActor, tuple[str, ...], tuple[str, ...]]


def read_imported(path: Path) -> list[Keyed]:
    """The actors of an imported (built) file with their keys (`Keyed`), in file order: from
    the cache when it holds this content, else parsed (and cached)."""
    raw = _read_bytes(path)
    digest = hashlib.sha256(_code_stamp() + raw).hexdigest()[:24]
    folder = cache_dir()
    blob = folder / f"kb-{path.name}-{digest}.marshal" if folder is not None else None
    if blob is not None:
        found = _load(blob)
        if found is not None:
            return found
    actors = []
    for actor in _parse_file(path, raw, built=True):
        keys = tuple(normalize_key(name) for name in actor.names())
        actors.append((actor, keys, tuple(translit_key(key) for key in keys)))
    if blob is not None:
        _store(blob, actors)
    return actors


def _row(actor: KBActor, keys: tuple[str, ...], translits: tuple[str, ...]) -> tuple[Any, ...]:
    offices = tuple((o.title, o.country, o.sector, o.start, o.end) for o in actor.offices)
    return (
        actor.id, actor.name, actor.kind, actor.country, actor.sectors, actor.aliases,
        actor.wikidata, actor.valid_from, actor.valid_to, offices, actor.note, actor.source,
        actor.licence, keys, translits,
    )  # fmt: skip


def _store(blob: Path, actors: list[Keyed]) -> None:
    data = marshal.dumps([_row(*keyed) for keyed in actors])
    try:
        blob.parent.mkdir(parents=True, exist_ok=True)
        for old in blob.parent.glob(blob.name.rsplit("-", 1)[0] + "-*.marshal"):
            old.unlink(missing_ok=True)  # an earlier version of this file
        tmp = blob.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, blob)  # whole or absent: a parallel reader never sees half a blob
    except OSError:
        return  # no cache (read-only home, full disk): the next process reads the file again


def _load(blob: Path) -> list[Keyed] | None:
    try:
        rows = marshal.loads(blob.read_bytes())
        return [_actor(row) for row in rows]
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        return None  # absent or damaged: read the file instead


def _actor(row: tuple[Any, ...]) -> Keyed:
    """An actor as `KBActor.from_built` makes it, without its checks (the row was made from
    such an actor)."""
    offices = []
    for title, country, sector, start, end in row[9]:
        office = object.__new__(Office)
        office.__dict__.update(title=title, country=country, sector=sector, start=start, end=end)
        offices.append(office)
    actor = object.__new__(KBActor)
    actor.__dict__.update(
        id=row[0], name=row[1], kind=row[2], country=row[3], sectors=row[4], aliases=row[5],
        demonyms=(), metonyms=(), wikidata=row[6], designations=(), affiliations=(),
        valid_from=row[7], valid_to=row[8], offices=tuple(offices), note=row[10],
        source=row[11], licence=row[12],
    )  # fmt: skip
    return actor, tuple(row[13]), tuple(row[14])
