"""Exports: events as CSV, Parquet or POLECAT-style TSV; records as eventwire/1 JSON Lines.

`csv` and `parquet` carry the POLECAT columns (so scripts written for POLECAT read them)
followed by eventwire's own (status, confidence, evidence, article id, ...); `polecat` is
POLECAT's tab-separated layout alone; `jsonl` writes each matching article's full record.
Multiple actors in one cell are joined with ";" as POLECAT does.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError
from .core import Filters, Store
from .corrections import apply, corrections_in_force
from .errors import StoreError

__all__ = ["EXPORT_FORMATS", "EXTRA_COLUMNS", "POLECAT_COLUMNS", "polecat_row", "write_export"]

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)  # fmt: skip
EXTRA_COLUMNS: tuple[str, ...] = (
    "Status", "Confidence", "Date Precision", "Attributed To", "Reported By", "Evidence",
    "Article ID", "Article Title", "URL",
    # an analyst's correction in force (store/corrections.py): the columns above show the
    # corrected values, these the coder's
    "Corrected", "Original Type", "Original Source", "Original Target", "Original Status",
    "Original Date", "Correction Note",
)  # fmt: skip
EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet", "polecat")


def polecat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event (as `Store.events` returns it) as POLECAT columns plus eventwire's."""
    src, tgt = event["source"], event["target"]
    loc = event["location"] or {}
    attributed = event["attributed_to"]
    return {
        "Event ID": f"{event['article_id']}:{event['event_id']}",
        "Event Date": event["day"] or "",
        "Event Type": event["type"].lower(),
        "Event Mode": event["mode"] or "",
        "Event Intensity": event["intensity"],
        "Quad Code": event["quad"],
        "Contexts": ";".join(event["context"]),
        **_side("Actor", src),
        **_side("Recipient", tgt),
        "Placename": loc.get("name") or "",
        "City": loc.get("name") if loc.get("feature") == "city" else "",
        "District": "",
        "Province": loc.get("admin1") or "",
        "Country": loc.get("country") or "",
        "Latitude": loc.get("lat"),
        "Longitude": loc.get("lon"),
        "GeoNames ID": loc.get("geonames_id"),
        "Raw Placename": loc.get("text") or "",
        "Feature Type": loc.get("feature") or "",
        "Source": event["outlet"] or "",
        "Publication Date": event["published"] or "",
        "Story People": "",
        "Story Organizations": "",
        "Story Locations": "",
        "Language": event["language"],
        "Version": event["pipeline_version"],
        "Status": event["status"],
        "Confidence": event["confidence"],
        "Date Precision": event["date_precision"] or "",
        "Attributed To": attributed["name"] if attributed else "",
        "Reported By": ";".join(a["name"] for a in event["reported_by"]),
        "Evidence": " | ".join(v["text"] for v in event["evidence"]),
        "Article ID": event["article_id"],
        "Article Title": event["title"] or "",
        "URL": event["url"] or "",
        **_correction_columns(event),
    }


def _correction_columns(event: dict[str, Any]) -> dict[str, Any]:
    original = event.get("original") or {}

    def names(side: str) -> str:
        return ";".join(a["name"] for a in original.get(side) or [])

    return {
        "Corrected": event.get("corrected") or "",
        "Original Type": (original.get("type") or "").lower(),
        "Original Source": names("source"),
        "Original Target": names("target"),
        "Original Status": original.get("status") or "",
        "Original Date": original.get("date") or "",
        "Correction Note": event.get("correction_note") or "",
    }


def _side(prefix: str, actors: list[dict[str, Any]]) -> dict[str, Any]:
    first = actors[0] if actors else {}
    return {
        f"{prefix} Name": ";".join(a["name"] for a in actors),
        f"{prefix} Country": ";".join(a["country"] or "" for a in actors),
        f"{prefix} COW": "",
        f"Primary {prefix} Sector": first.get("sector") or "",
        f"{prefix} Sectors": ";".join(a["sector"] or "" for a in actors),
        f"{prefix} Title": "",
        f"{prefix} Name Raw": "",
        f"Wikipedia {prefix} ID": ";".join(a.get("wikidata") or "" for a in actors),
    }


def write_export(
    store: Store, out: Path | IO[str], *, fmt: str, filters: Filters | None = None
) -> int:
    """Write matching events (or records, for jsonl) to `out`; returns the rows written.

    `out` is a path, or a text stream for every format but parquet.
    """
    writers: dict[str, Callable[[Store, Path | IO[str], Filters], int]] = {
        "csv": lambda s, o, f: _write_table(_events(s, f), o, delimiter=","),
        "polecat": lambda s, o, f: _write_table(
            _events(s, f), o, delimiter="\t", columns=POLECAT_COLUMNS
        ),
        "jsonl": _write_jsonl,
        "parquet": _write_parquet,
    }
    if fmt not in writers:
        raise ConfigError(f"export format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    try:
        return writers[fmt](store, out, filters or Filters())
    except OSError as e:
        raise StoreError(f"cannot write the export: {e}") from e


def _events(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    fixes = corrections_in_force(store)  # analysts' corrections: few, read once
    return (
        polecat_row(apply(e, fixes.get((e["article_id"], e["event_id"]))))
        for e in store.iter_events(filters)
    )


def _write_table(
    rows: Iterable[dict[str, Any]],
    out: Path | IO[str],
    *,
    delimiter: str,
    columns: tuple[str, ...] = POLECAT_COLUMNS + EXTRA_COLUMNS,
) -> int:
    with _open(out) as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns, delimiter=delimiter, extrasaction="ignore",
            lineterminator="\n",
        )  # fmt: skip
        writer.writeheader()
        n = 0
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _write_jsonl(store: Store, out: Path | IO[str], filters: Filters) -> int:
    n = 0
    with _open(out) as handle:
        for doc in store.iter_documents(filters):
            handle.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_parquet(store: Store, out: Path | IO[str], filters: Filters) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not isinstance(out, Path):
        raise ConfigError("parquet is written to a file: give --output PATH")
    columns = POLECAT_COLUMNS + EXTRA_COLUMNS
    types = _arrow_types()
    schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in _events(store, filters):
            batch.append(row)
            if len(batch) >= 10_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    return {
        "Event Intensity": pa.float64(), "Quad Code": pa.int64(), "Latitude": pa.float64(),
        "Longitude": pa.float64(), "GeoNames ID": pa.int64(), "Confidence": pa.float64(),
    }  # fmt: skip


class _Open:
    """A path opened for writing, or a stream passed through (and left open)."""

    def __init__(self, out: Path | IO[str]) -> None:
        self.out = out
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if isinstance(self.out, Path):
            self.handle = self.out.open("w", encoding="utf-8", newline="")
            return self.handle
        return self.out

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


_open = _Open
