"""The actor knowledge base: states, IGOs, NGOs, people, armed groups and outlets.

The shipped base is JSON Lines under ``eventwire/data/actors/*.jsonl`` (one actor per line, see
``docs/actors.md``); users add or override actors with their own files, passed as ``extra``
(later files win, whole entries are replaced by id).

Lookups work on a normalised key (`normalize_key`): casefolded ASCII with leading "the " and
"al-"/"el-" removed and hyphens, quotes and dots dropped, so "the Islamic Republic",
"Al-Akhbar" and "al Akhbar" each find one actor. `ActorKB.fuzzy` adds a transliteration-aware
key (`translit_key`) so spelling variants of Arabic and Persian names meet ("Hizbollah",
"Khameini", "Nujaba'a").
"""

from __future__ import annotations

from .base import INTERNATIONAL_CODES, ActorKB
from .entry import IMPORTED_HORIZONS, IMPORTED_PREFIX, KINDS, STATE_SECTORS, KBActor, Office
from .files import (
    HAND_WRITTEN_LICENCE,
    HAND_WRITTEN_SOURCE,
    IMPORTED_FILE_PREFIX,
    USER_ACTORS_ENV,
    shipped_files,
    user_actors_path,
)
from .keys import normalize_key, title_role, translit_key

__all__ = [
    "HAND_WRITTEN_LICENCE",
    "HAND_WRITTEN_SOURCE",
    "IMPORTED_FILE_PREFIX",
    "IMPORTED_HORIZONS",
    "IMPORTED_PREFIX",
    "INTERNATIONAL_CODES",
    "KINDS",
    "STATE_SECTORS",
    "USER_ACTORS_ENV",
    "ActorKB",
    "KBActor",
    "Office",
    "normalize_key",
    "shipped_files",
    "title_role",
    "translit_key",
    "user_actors_path",
]
