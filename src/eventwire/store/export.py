"""Exports: events as CSV, Parquet or POLECAT-style TSV; records as eventwire/1 JSON Lines.

`csv` and `parquet` carry the POLECAT columns (so scripts written for POLECAT read them)
followed by eventwire's own (status, confidence, evidence, article id, ...); `polecat` is
POLECAT's tab-separated layout alone; `jsonl` writes each matching article's full record.
Multiple actors in one cell are joined with ";" as POLECAT does. `ExportStream` produces
every format as byte chunks, so the CLI's files and the API's downloads are the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, ClassVar

from ..errors import ConfigError
from ..vocabulary import EXPORT_FORMATS
from .core import Filters, Store
from .corrections import apply, corrections_in_force
from .errors import StoreError

__all__ = [
    "DATE_COLUMNS",
    "EXPORT_FORMATS",
    "EXTRA_COLUMNS",
    "POLECAT_COLUMNS",
    "ExportStream",
    "polecat_row",
    "safe_cell",
    "write_export",
]

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
#: Columns written as dates in Parquet (as YYYY-MM-DD text elsewhere).
DATE_COLUMNS: tuple[str, ...] = ("Event Date", "Publication Date")


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


class ExportStream:
    """One export as a stream of byte chunks: what `write_export` writes to a file and the
    API streams to a browser (one code path). Iterate it once; `rows` counts what was written.

    Memory stays flat however many rows match: events are read in chunks and each format's
    output leaves in pieces of about `chunk_bytes` (parquet: one row group at a time).
    """

    MEDIA_TYPES: ClassVar[dict[str, str]] = {
        "csv": "text/csv; charset=utf-8",
        "polecat": "text/tab-separated-values; charset=utf-8",
        "jsonl": "application/x-ndjson",
        "parquet": "application/vnd.apache.parquet",
    }
    SUFFIXES: ClassVar[dict[str, str]] = {"csv": "csv", "polecat": "tsv", "jsonl": "jsonl",
                                "parquet": "parquet"}  # fmt: skip

    def __init__(
        self,
        store: Store,
        *,
        fmt: str,
        filters: Filters | None = None,
        chunk_bytes: int = 1 << 16,
        raw: bool = False,
    ) -> None:
        if fmt not in EXPORT_FORMATS:
            raise ConfigError(
                f"export format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}"
            )
        self.store = store
        self.fmt = fmt
        self.filters = filters or Filters()
        self.chunk_bytes = chunk_bytes
        #: csv and polecat cells a spreadsheet would run as formulas stay as stored
        self.raw = raw
        self.rows = 0

    @property
    def media_type(self) -> str:
        return self.MEDIA_TYPES[self.fmt]

    @property
    def filename(self) -> str:
        return f"events.{self.SUFFIXES[self.fmt]}"

    def __iter__(self) -> Iterator[bytes]:
        if self.fmt == "parquet":
            return self._parquet()
        if self.fmt == "jsonl":
            return self._jsonl()
        columns = POLECAT_COLUMNS if self.fmt == "polecat" else POLECAT_COLUMNS + EXTRA_COLUMNS
        return self._table(delimiter="\t" if self.fmt == "polecat" else ",", columns=columns)

    def _table(self, *, delimiter: str, columns: tuple[str, ...]) -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=columns, delimiter=delimiter, extrasaction="ignore",
            lineterminator="\n",
        )  # fmt: skip
        writer.writeheader()
        for row in self._rows():
            writer.writerow(row if self.raw else {k: safe_cell(v) for k, v in row.items()})
            self.rows += 1
            if buffer.tell() >= self.chunk_bytes:
                yield _drain(buffer)
        yield _drain(buffer)

    def _rows(self) -> Iterator[dict[str, Any]]:
        """Export rows of the matching events, with analysts' corrections in force applied."""
        fixes = corrections_in_force(self.store)  # analysts' corrections: few, read once
        for event in self.store.iter_events(self.filters):
            yield polecat_row(apply(event, fixes.get((event["article_id"], event["event_id"]))))

    def _jsonl(self) -> Iterator[bytes]:
        buffer = io.StringIO()
        for doc in self.store.iter_documents(self.filters):
            buffer.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            self.rows += 1
            if buffer.tell() >= self.chunk_bytes:
                yield _drain(buffer)
        yield _drain(buffer)

    def _parquet(self) -> Iterator[bytes]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = POLECAT_COLUMNS + EXTRA_COLUMNS
        types = _arrow_types()
        schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
        sink = _Sink()
        writer = pq.ParquetWriter(sink, schema)
        batch: list[dict[str, Any]] = []
        for row in self._rows():
            batch.append(_typed(row))
            if len(batch) >= 10_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                self.rows += len(batch)
                batch = []
                yield sink.drain()
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        self.rows += len(batch)
        writer.close()
        yield sink.drain()


def write_export(
    store: Store,
    out: Path | IO[str],
    *,
    fmt: str,
    filters: Filters | None = None,
    raw: bool = False,
) -> int:
    """Write matching events (or records, for jsonl) to `out`; returns the rows written.

    `out` is a path, or a text stream for every format but parquet. In csv and polecat, a
    text cell that a spreadsheet would run as a formula is neutralised (see `safe_cell`)
    unless `raw`.
    """
    stream = ExportStream(store, fmt=fmt, filters=filters, raw=raw)
    if fmt == "parquet" and not isinstance(out, Path):
        raise ConfigError("parquet is written to a file: give --output PATH")
    try:
        if isinstance(out, Path):
            with out.open("wb") as handle:
                for chunk in stream:
                    handle.write(chunk)
        else:
            for chunk in stream:
                out.write(chunk.decode("utf-8"))  # chunks end between rows: whole characters
    except OSError as e:
        raise StoreError(f"cannot write the export: {e}") from e
    return stream.rows


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data


# OWASP's CSV-injection guidance: a cell starting with one of these is a formula to
# Excel, LibreOffice and Google Sheets ("=HYPERLINK(...)" in a title, "@SUM" in an outlet)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value`, with a leading `'` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """Dates as dates for Parquet (a partial date such as "2024-W16" has none: null)."""
    for column in DATE_COLUMNS:
        value = row[column]
        row[column] = _date(value) if value else None
    return row


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    return {
        "Event Intensity": pa.float64(), "Quad Code": pa.int64(), "Latitude": pa.float64(),
        "Longitude": pa.float64(), "GeoNames ID": pa.int64(), "Confidence": pa.float64(),
        **{c: pa.date32() for c in DATE_COLUMNS},
    }  # fmt: skip


class _Sink:
    """A write-only file for pyarrow that hands back what was written since the last drain."""

    closed = False

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._size += len(data)
        return len(data)

    def tell(self) -> int:
        return self._size

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def drain(self) -> bytes:
        data = b"".join(self._parts)
        self._parts = []
        return data
