"""Links the list pages share: filter chips, "export this view", sortable headers, facets.

Every link is built from the page's own query string, so a view, its export and its chips
always agree on the filters (which `eventwire.store.parse_filters` reads, once, for all).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from ..store import FILTER_PARAMS, SORT_FIELDS, Filters, filter_pairs
from ..store.export import EXPORT_FORMATS

__all__ = [
    "CHIP_LABELS",
    "EXPORT_LABELS",
    "article_label",
    "export_links",
    "facet_links",
    "filter_chips",
    "sort_links",
]

Pairs = Sequence[tuple[str, str]]

#: How each filter reads on its chip.
CHIP_LABELS: dict[str, str] = {
    "date_from": "from", "date_to": "to", "actor": "actor", "source": "source",
    "target": "target", "country": "country", "type": "type", "status": "status",
    "q": "says", "source_country": "source country", "target_country": "target country",
    "both": "both directions", "outlet": "outlet", "speaker": "according to", "place": "place",
}  # fmt: skip
EXPORT_LABELS: dict[str, str] = {"csv": "CSV", "parquet": "Parquet", "jsonl": "JSON Lines"}


def _link(pairs: Pairs, path: str = "") -> str:
    return f"{path}?{urlencode(list(pairs))}" if pairs else (path or "?")


def _view(pairs: Pairs) -> list[tuple[str, str]]:
    """The pairs that define a view: its filters and sort, without paging."""
    return [(k, v) for k, v in pairs if v.strip() and k != "offset"]


def export_links(filters: Filters, *, path: str = "/api/events/export") -> list[dict[str, str]]:
    """'Export this view': one link per format, carrying exactly the view's filters."""
    pairs = filter_pairs(filters)
    return [
        {"format": fmt, "label": label, "href": _link([("format", fmt), *pairs], path)}
        for fmt, label in EXPORT_LABELS.items()
        if fmt in EXPORT_FORMATS
    ]


def filter_chips(pairs: Pairs) -> list[dict[str, str]]:
    """One chip per filter value in effect, each with the link that removes just it."""
    view = _view(pairs)
    chips = []
    for i, (name, value) in enumerate(view):
        if name not in FILTER_PARAMS:
            continue
        rest = view[:i] + view[i + 1 :]
        text = CHIP_LABELS[name] if name == "both" else f"{CHIP_LABELS[name]}: {value}"
        chips.append({"name": name, "value": value, "label": text, "remove": _link(rest)})
    return chips


def sort_links(pairs: Pairs, current: str | None) -> dict[str, dict[str, str]]:
    """For each sortable field, the link that sorts by it (again: the other way round) and
    the arrow showing the current order."""
    rest = [(k, v) for k, v in _view(pairs) if k != "sort"]
    out = {}
    for name in SORT_FIELDS:
        arrow, target = "", name
        if current == name:
            arrow, target = "▲", f"-{name}"
        elif current == f"-{name}":
            arrow, target = "▼", name
        out[name] = {"href": _link([*rest, ("sort", target)]), "arrow": arrow}
    return out


def facet_links(
    pairs: Pairs, facets: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """Facet values with counts and the link that adds (or, when on, removes) the filter."""
    view = _view(pairs)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, values in facets.items():
        rows = []
        for row in values:
            value = str(row["value"])
            on = (name, value) in view
            pairs_after = [p for p in view if p != (name, value)] if on else [*view, (name, value)]
            rows.append({"value": value, "count": row["count"], "on": on,
                         "href": _link(pairs_after)})  # fmt: skip
        out[name] = rows
    return out


def article_label(item: dict[str, Any], *, words: int = 8) -> str:
    """An article's title; for an untitled one, its outlet, date and first words (never a bare
    id such as "sha256:...")."""
    title = item.get("title")
    if title:
        return str(title)
    lead = " ".join(str(item.get("lead") or item.get("snippet") or "").split()[:words])
    parts = [p for p in (item.get("outlet"), item.get("published")) if p]
    if lead:
        parts.append(f"“{lead}…”")
    return " · ".join(str(p) for p in parts) or str(item.get("article_id") or item.get("id"))
