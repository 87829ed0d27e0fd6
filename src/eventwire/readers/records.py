"""eventwire/1 records read back: the output of `eventwire extract`, for `ingest --coded`
and `eval --records`. JSON Lines, optionally `.gz` or `.zst`, or `-` for stdin."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import MalformedRecordError, MissingInputError
from ..record import Document, ErrorRecord
from .inputs import InputFailure, _bounded_lines, _open, _zstd_error, check_json_depth

__all__ = ["read_records"]


def read_records(
    paths: Iterable[str], *, keep_errors: bool = True
) -> Iterator[Document | ErrorRecord | InputFailure]:
    """Each record (or error record) of the files, in order; a line that is not an
    eventwire/1 record gives an `InputFailure` and reading goes on."""
    for raw in paths:
        where = "<stdin>" if raw == "-" else raw
        if raw == "-":
            stream = sys.stdin.buffer
        else:
            path = Path(raw)
            if not path.is_file():
                yield _failure(MissingInputError(f"{raw}: no such file"), raw)
                continue
            suffix = path.suffix.lower()
            stream = _open(path, suffix if suffix in {".gz", ".zst"} else None)
        try:
            for number, (line, _size) in enumerate(_bounded_lines(stream), start=1):
                if not line.strip():
                    continue
                here = f"{where}:{number}"
                try:
                    check_json_depth(line, where=here)
                    data = json.loads(line.decode("utf-8"))
                    if isinstance(data, dict) and "error" in data and "article" in data:
                        if keep_errors:
                            yield ErrorRecord(
                                article=dict(data["article"]),
                                kind=str(data["error"].get("kind", "error")),
                                message=str(data["error"].get("message", "")),
                            )
                        continue
                    yield Document.from_dict(data)
                except MalformedRecordError as e:
                    yield _failure(e, here)
                except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
                    error = MalformedRecordError(f"{here}: not an eventwire/1 record ({e})")
                    yield _failure(error, here)
        except (OSError, EOFError, _zstd_error()) as e:
            yield _failure(MalformedRecordError(f"{where}: cannot be read ({e})"), where)
        finally:
            if raw != "-":
                stream.close()


def _failure(error: MalformedRecordError | MissingInputError, where: str) -> InputFailure:
    return InputFailure(error=error, article={"source": where})
