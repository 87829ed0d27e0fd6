"""The query filters: one dataclass, one parser, shared by the store, the API, the UI and exports.

`parse_filters` reads a query string's ``(name, value)`` pairs into `Filters` and refuses
what it cannot honour with a `QueryError` naming the parameter and the reason (the API answers
422 with it, the UI shows it): a bad value is never silently dropped. `parse_sort` does the
same for the event lists' ``sort`` parameter, against the one list `SORT_FIELDS`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from importlib import resources

from ..readers.text import is_iso_date
from ..record import PLOVER_TYPES, STATUSES
from .errors import QueryError

__all__ = [
    "CONTROL_CHARS",
    "FILTER_PARAMS",
    "SORT_FIELDS",
    "Filters",
    "country_code",
    "filter_pairs",
    "parse_filters",
    "parse_sort",
]

#: Control characters: in a search they separate words like spaces (SQLite's FTS5 reads a
#: NUL as the end of its query; PostgreSQL refuses a NUL in any parameter).
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What every query filters on; empty fields do not filter.

    Dates are inclusive ``YYYY-MM-DD`` bounds on the event's date (its own full date, else its
    article's publication date) or, for articles, on the publication date. `actor` matches a
    source or target by name (case-insensitive); `source` and `target` pick one dyad by name;
    `source_country` and `target_country` pick a dyad by the actors' countries (so a leader of
    Iran acting on Israel counts as IRN -> ISR), in that direction or, with `both_directions`,
    either way; `country` matches a source or target actor's country. `outlet` is the article's
    outlet and `speaker` the actor an event is attributed to (both case-insensitive); `place`
    is the event's location by name. `q` searches events' evidence and quotes (for articles:
    their title and text).
    """

    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    q: str | None = None
    article: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    both_directions: bool = False
    outlet: str | None = None
    speaker: str | None = None
    place: str | None = None  # the event's location by name (case-insensitive)


#: The query parameters `parse_filters` reads (``article`` is for internal use only).
FILTER_PARAMS: tuple[str, ...] = (
    "date_from", "date_to", "actor", "source", "target", "country", "type", "status", "q",
    "source_country", "target_country", "both", "outlet", "speaker", "place",
)  # fmt: skip

#: The event lists' sortable fields (``sort=confidence``, ``sort=-confidence`` for descending).
SORT_FIELDS: tuple[str, ...] = (
    "date", "type", "mode", "status", "source", "target", "according_to", "reported_by",
    "confidence", "intensity", "evidence", "article",
)  # fmt: skip

_TEXT = ("actor", "source", "target", "q", "outlet", "speaker", "place")
_COUNTRIES = ("country", "source_country", "target_country")
_TRUE, _FALSE = ("1", "true", "on", "yes"), ("", "0", "false", "off", "no")


def parse_filters(
    pairs: Iterable[tuple[str, str]], *, blank_dates: bool = True, date_order: bool = True
) -> Filters:
    """`Filters` from a query string's pairs; a value that cannot be honoured is a `QueryError`.

    Empty values do not filter (a form sends ``date_from=`` and, for "any", ``type=``), except
    empty dates when not `blank_dates` (the API, whose OpenAPI document promises a date);
    unknown names are left to the caller (``offset``, ``period``, ...). With `date_order`, a
    `date_from` after `date_to` is refused (the UI says so); without it, as in the API, whose
    OpenAPI document allows any two dates, the range is simply empty.
    """
    single: dict[str, str] = {}
    many: dict[str, list[str]] = {"type": [], "status": []}
    for name, raw in pairs:
        value = raw.strip()
        if name in many:
            many[name] += [v for v in value.replace(",", " ").split() if v]
        elif name in FILTER_PARAMS:
            single[name] = value
    values: dict[str, object] = {k: single.get(k) or None for k in _TEXT}
    dates = {name: single.get(name) or "" for name in ("date_from", "date_to")}
    for name, day in dates.items():
        if (day or (not blank_dates and name in single)) and not is_iso_date(day):
            raise QueryError(f"{name}: bad date {day!r}: expected YYYY-MM-DD", param=name)
        values[name] = day or None
    if (
        date_order
        and dates["date_from"]
        and dates["date_to"]
        and dates["date_from"] > dates["date_to"]
    ):
        raise QueryError(
            f"date_from ({dates['date_from']}) is after date_to ({dates['date_to']})",
            param="date_from",
        )
    values["type"] = _choices("type", many["type"], PLOVER_TYPES, str.upper)
    values["status"] = _choices("status", many["status"], STATUSES, str.lower)
    for name in _COUNTRIES:
        given = single.get(name) or ""
        values[name] = _country(name, given) if given else None
    both = single.get("both", "").lower()
    if both not in _TRUE + _FALSE:
        raise QueryError(f"both: expected true or false, not {single['both']!r}", param="both")
    values["both_directions"] = both in _TRUE
    return Filters(**values)  # type: ignore[arg-type]


def parse_sort(value: str | None) -> str | None:
    """A validated ``sort`` value (a field of `SORT_FIELDS`, ``-`` first for descending)."""
    if not value:
        return None
    if value.lstrip("-") not in SORT_FIELDS:
        raise QueryError(
            f"sort: {value!r} is not sortable; one of {', '.join(SORT_FIELDS)} "
            "(with - first for descending)",
            param="sort",
        )
    return value


def filter_pairs(filters: Filters) -> list[tuple[str, str]]:
    """`filters` back as query-string pairs (what `parse_filters` reads): for links."""
    pairs: list[tuple[str, str]] = []
    for f in fields(filters):
        value = getattr(filters, f.name)
        if f.name == "both_directions":
            pairs += [("both", "1")] if value else []
        elif f.name in ("type", "status"):
            pairs += [(f.name, v) for v in value]
        elif value and f.name in FILTER_PARAMS:
            pairs.append((f.name, str(value)))
    return pairs


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a code or a country name (from data/geo/countries.tsv)."""
    key = value.strip()
    name = _country_names().get(key.casefold())
    if name is None and len(key) == 3 and key.isalpha():
        return key.upper()  # any code: stores may hold codes the table lacks
    return name


def _choices(
    name: str, given: list[str], allowed: tuple[str, ...], norm: type[str] | object
) -> tuple[str, ...]:
    out = []
    for value in given:
        v = norm(value)  # type: ignore[operator]
        if v not in allowed:
            raise QueryError(f"{name}: {value!r} is not one of {', '.join(allowed)}", param=name)
        out.append(v)
    return tuple(dict.fromkeys(out))


def _country(name: str, value: str) -> str:
    code = country_code(value)
    if code is None:
        raise QueryError(
            f"{name}: {value!r} is neither an ISO 3166-1 alpha-3 code nor a country name",
            param=name,
        )
    return code


@functools.cache
def _country_names() -> dict[str, str]:
    """Casefolded country names and codes -> ISO3, from the shipped countries table."""
    names: dict[str, str] = {}
    text = resources.files("eventwire").joinpath("data", "geo", "countries.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso3, extra, *_ = [*line.split("\t"), ""]
        names[iso3.casefold()] = iso3
        for n in extra.split(";"):
            if n.strip():
                names.setdefault(n.strip().casefold(), iso3)
    return names
