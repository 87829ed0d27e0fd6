"""The closed vocabularies: every list of names that records, the store, the API, the UI and
the CLI accept, each written once here and derived everywhere else.

As httpx's `codes`, `PloverType` is one enum carrying each type's attributes (quad class,
score, root). The other vocabularies are `Literal` types with their tuples taken from them
(`get_args`), so that a type checker, pydantic (and so the OpenAPI document) and click's
choices read the same names. This module imports nothing, not even of eventwire's: the CLI
takes its choices from here without loading the store.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Literal, get_args

__all__ = [
    "CHART_FORMATS",
    "EXPORT_FORMATS",
    "GROUPS",
    "PERIODS",
    "PLOVER_TYPES",
    "QUADS",
    "REAL_STATUSES",
    "REGIONS",
    "STATUSES",
    "UNREAL_STATUSES",
    "ChartFormat",
    "ExportFormat",
    "Group",
    "Period",
    "PloverType",
    "Quad",
    "Status",
]

Status = Literal["occurred", "ongoing", "future", "hypothetical", "negated"]
STATUSES: tuple[str, ...] = get_args(Status)
#: The statuses of events that happened (or are happening): what counts and maps as real.
REAL_STATUSES: tuple[str, ...] = ("occurred", "ongoing")
#: The statuses of events announced or supposed but not (yet) real.
UNREAL_STATUSES: tuple[str, ...] = ("future", "hypothetical")


class Quad(IntEnum):
    """PLOVER's four quad classes: verbal or material, cooperation or conflict."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4

    @property
    def label(self) -> str:
        """ "verbal cooperation" ... "material conflict"."""
        return self.name.lower().replace("_", " ")


#: The quad classes as plain numbers, 1 to 4 (for loops, ranges and checks).
QUADS: tuple[int, ...] = tuple(int(q) for q in Quad)


class PloverType(StrEnum):
    """The 16 PLOVER event types, each with its quad class and score: the one list of types.

    A member is its name as a string (``PloverType.ASSAULT == "ASSAULT"``), so records, the
    store and the API keep plain strings. Scores are the PLOVER manual's (see docs/format.md);
    ACCUSE is -3 where the manual prints +3, a typo for a verbal-conflict type. The order is
    the manual's, from cooperation to conflict; every list of types follows it.
    """

    quad: Quad
    score: float  # -10 (most hostile) to +10 (most cooperative)

    def __new__(cls, name: str, quad: int = 1, score: float = 0.0) -> PloverType:
        member = str.__new__(cls, name)
        member._value_ = name
        member.quad = Quad(quad)
        member.score = score
        return member

    AGREE = "AGREE", 1, 2.5
    CONSULT = "CONSULT", 1, 2.5
    SUPPORT = "SUPPORT", 1, 5.0
    CONCEDE = "CONCEDE", 1, 4.5
    COOPERATE = "COOPERATE", 2, 9.5
    AID = "AID", 2, 10.0
    RETREAT = "RETREAT", 2, 6.5
    REQUEST = "REQUEST", 3, 0.0
    ACCUSE = "ACCUSE", 3, -3.0
    REJECT = "REJECT", 3, -2.0
    THREATEN = "THREATEN", 3, -3.5
    PROTEST = "PROTEST", 4, -5.0
    SANCTION = "SANCTION", 4, -6.0
    MOBILIZE = "MOBILIZE", 4, -5.5
    COERCE = "COERCE", 4, -7.0
    ASSAULT = "ASSAULT", 4, -9.0

    @property
    def root(self) -> str:
        """The type in data sets of 15 roots, which merge CONCEDE and RETREAT into YIELD."""
        return "YIELD" if self in (PloverType.CONCEDE, PloverType.RETREAT) else self.value


#: The type names as plain strings, in `PloverType`'s order (for choices and validation).
PLOVER_TYPES: tuple[str, ...] = tuple(t.value for t in PloverType)


ExportFormat = Literal["csv", "jsonl", "parquet", "polecat"]
#: What `eventwire export`, `GET /api/export` and the grid's download links write.
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)

ChartFormat = Literal["png", "svg"]
#: What trend charts are drawn as (`eventwire trends --chart`, `GET /api/trends/chart.{fmt}`).
CHART_FORMATS: tuple[str, ...] = get_args(ChartFormat)

Period = Literal["day", "week", "month"]
#: The periods trends are counted by and rules watch.
PERIODS: tuple[str, ...] = get_args(Period)
Group = Literal["total", "dyad", "actor", "country"]
#: How a trend is split: one series, or one per dyad, actor or country.
GROUPS: tuple[str, ...] = get_args(Group)

#: Named regions (ISO alpha-3 lists) usable wherever a country list is; rules files may add more.
REGIONS: dict[str, tuple[str, ...]] = {
    "levant": ("ISR", "PSE", "LBN", "SYR", "JOR"),
    "gulf": ("IRN", "IRQ", "KWT", "SAU", "BHR", "QAT", "ARE", "OMN", "YEM"),
    "middle-east": (
        "ISR", "PSE", "LBN", "SYR", "JOR", "IRN", "IRQ", "KWT", "SAU", "BHR", "QAT", "ARE", "OMN",
        "YEM", "TUR", "EGY",
    ),
    "sahel": ("MLI", "BFA", "NER", "TCD", "MRT", "SEN"),
    "horn-of-africa": ("ETH", "ERI", "SOM", "DJI", "SDN", "SSD", "KEN"),
    "eastern-europe": ("UKR", "RUS", "BLR", "MDA", "POL", "ROU"),
}  # fmt: skip
