"""PLOVER facts: each type's score and quad class, and the trigger lexicon.

Scores and quads are the PLOVER manual's (see docs/format.md); ACCUSE is -3 where the manual
prints +3, which is a typo for a verbal-conflict type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .lexicons import data_text

__all__ = ["MODE_SCORE", "TYPE_QUAD", "TYPE_SCORE", "Trigger", "intensity", "triggers"]

TYPE_SCORE: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10.0,
    "RETREAT": 6.5, "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5,
    "PROTEST": -5.0, "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}  # fmt: skip
TYPE_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
#: Mode scores the manual gives that differ from their type's.
MODE_SCORE: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 4.0,
    ("RETREAT", "disarm"): 10.0,
    ("ASSAULT", "unconventional"): -10.0,
}


def intensity(event_type: str, mode: str | None) -> float:
    """The event's PLOVER score, -10 (most hostile) to +10 (most cooperative)."""
    if mode is not None and (event_type, mode) in MODE_SCORE:
        return MODE_SCORE[(event_type, mode)]
    return TYPE_SCORE[event_type]


@dataclass(frozen=True)
class Trigger:
    """A word that reports an event of `type` (with `mode` and `context` when it fixes them)."""

    word: str
    particle: str | None
    pos: str  # V or N
    type: str
    mode: str | None
    context: str | None


@cache
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """Triggers by (lemma, pos); a lemma may have several (with different particles)."""
    table: dict[tuple[str, str], list[Trigger]] = {}
    for line in data_text("event_triggers.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, pos, event_type, mode, context = (line.split("\t") + [""] * 5)[:5]
        lemma, _, particle = word.partition(" ")
        trig = Trigger(lemma, particle or None, pos, event_type, mode or None, context or None)
        table.setdefault((lemma, pos), []).append(trig)
    return table
