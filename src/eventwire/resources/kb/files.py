"""Where the knowledge base's files are (shipped, the user's) and how one is read."""

from __future__ import annotations

import gzip
import json
import os
from importlib import resources as importlib_resources
from pathlib import Path

from ...errors import ResourceError
from .entry import KBActor

__all__ = [
    "HAND_WRITTEN_LICENCE",
    "HAND_WRITTEN_SOURCE",
    "IMPORTED_FILE_PREFIX",
    "USER_ACTORS_ENV",
    "_parse_file",
    "_read_bytes",
    "_read_file",
    "shipped_files",
    "user_actors_path",
]


#: Shipped files that hold such entries; they load on first lookup, not with the base.
IMPORTED_FILE_PREFIX: tuple[str, ...] = ("phoenix_", "wikidata_", "congress_", "partyfacts_")


#: Source and licence of the entries of the hand-written files (imported rows carry their own).
HAND_WRITTEN_SOURCE = "eventwire (hand-written from public facts)"
HAND_WRITTEN_LICENCE = "MIT (the project's)"


#: Environment variable that names the user's actor file instead of the default path.
USER_ACTORS_ENV = "EVENTWIRE_ACTORS"
_DEFAULT_USER_ACTORS = "~/.config/eventwire/actors.jsonl"


def user_actors_path() -> Path:
    """The user's actor file, merged over the shipped base: ``$EVENTWIRE_ACTORS`` when set,
    else ``~/.config/eventwire/actors.jsonl`` (read at each call, so tests can set it)."""
    return Path(os.environ.get(USER_ACTORS_ENV) or _DEFAULT_USER_ACTORS).expanduser()


def shipped_files() -> list[Path]:
    """The knowledge-base files that ship with eventwire, in load order."""
    root = importlib_resources.files("eventwire") / "data" / "actors"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz")))


def _read_file(path: Path, *, built: bool = False) -> list[KBActor]:
    return _parse_file(path, _read_bytes(path), built=built)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise ResourceError(f"cannot read actor file {path}: {e}") from e


def _parse_file(path: Path, raw: bytes, *, built: bool = False) -> list[KBActor]:
    """The actors of a file's bytes (`built`: written by scripts/build_kb.py, not checked)."""
    try:
        if path.name.endswith(".gz"):
            lines = gzip.decompress(raw).decode("utf-8").splitlines()
        else:
            lines = raw.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError, gzip.BadGzipFile, EOFError) as e:
        raise ResourceError(f"cannot read actor file {path}: {e}") from e
    actors: list[KBActor] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
            actors.append(KBActor.from_built(data) if built else KBActor.from_dict(data))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as e:
            raise ResourceError(f"{path}:{number}: bad actor line: {e}") from e
    return actors
