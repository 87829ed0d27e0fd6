"""The one exception tree of eventwire.

Every error eventwire raises on purpose is an `EventwireError`; the CLI turns them into a
one-line message and a non-zero exit, and batch runs turn them into per-article error records
whose ``kind`` is the class's `kind`::

    EventwireError
    ├── InputError                 an input cannot be read as an article
    │   ├── MissingInputError      the path does not exist            kind "missing"
    │   ├── EmptyInputError        nothing but whitespace             kind "empty"
    │   ├── BinaryInputError       NUL bytes / not text               kind "binary"
    │   ├── EncodingError          bytes that are not UTF-8           kind "encoding"
    │   ├── HeaderError            a malformed `date ...` header      kind "header"
    │   ├── TooLargeError          over the size limit                kind "too_large"
    │   ├── LanguageError          not English                        kind "language"
    │   └── MalformedRecordError   bad JSON Lines / fields            kind "malformed"
    ├── ResourceError              a model or data file is missing or not the expected one
    ├── PipelineError              a stage broke its contract or failed   kind "pipeline"
    └── ConfigError                bad options (unknown stage, bad date)  kind "config"

Chain the cause with ``raise ... from e``.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "EventwireError",
    "HeaderError",
    "InputError",
    "LanguageError",
    "MalformedRecordError",
    "MissingInputError",
    "PipelineError",
    "ResourceError",
    "TooLargeError",
]


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""

    kind = "error"


class InputError(EventwireError):
    """An input cannot be read as an article."""

    kind = "input"


class MissingInputError(InputError):
    kind = "missing"


class EmptyInputError(InputError):
    kind = "empty"


class BinaryInputError(InputError):
    kind = "binary"


class EncodingError(InputError):
    kind = "encoding"


class HeaderError(InputError):
    kind = "header"


class TooLargeError(InputError):
    kind = "too_large"


class MalformedRecordError(InputError):
    kind = "malformed"


class LanguageError(InputError):
    kind = "language"


class ResourceError(EventwireError):
    kind = "resource"


class PipelineError(EventwireError):
    kind = "pipeline"


class ConfigError(EventwireError):
    kind = "config"
