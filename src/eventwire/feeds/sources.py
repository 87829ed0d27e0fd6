"""The sources file: the outlets to follow, one `[[source]]` table each (TOML).

```toml
[[source]]
name = "Harbour Gazette"             # outlet name, unique; stored as the article's outlet
feed = "https://example.org/rss.xml" # RSS or Atom feed URL (http or https)
country = "GBR"                      # ISO 3166 alpha-3 (optional)
language = "en"                      # only English sources are polled
interval = "15m"                     # seconds, or "90s", "15m", "2h" (default 15m)
css = "div.story-body"               # optional: where the main text is, as a CSS selector
xpath = "//article"                  # optional: the same as XPath (used when css is absent)
allow_private_network = true         # optional: may fetch loopback/private/intranet hosts
```

Without `allow_private_network` the feed, its item links and every redirect must resolve to
public addresses (see `eventwire.feeds.guard`); set it only for intranet feeds and tests.

The default file is `~/.config/eventwire/sources.toml`; `$EVENTWIRE_SOURCES` or `--sources`
picks another. `save_sources` writes the same format back.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import SourcesError

__all__ = [
    "DEFAULT_INTERVAL",
    "DEFAULT_SOURCES_PATH",
    "SOURCES_ENV",
    "Source",
    "add_source",
    "default_sources_path",
    "dump_sources",
    "load_sources",
    "make_source",
    "parse_interval",
    "parse_sources",
    "remove_source",
    "save_sources",
]

DEFAULT_SOURCES_PATH = Path("~/.config/eventwire/sources.toml")
SOURCES_ENV = "EVENTWIRE_SOURCES"
DEFAULT_INTERVAL = 900.0
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_FIELDS = (
    "name",
    "feed",
    "country",
    "language",
    "interval",
    "css",
    "xpath",
    "allow_private_network",
)


@dataclass(frozen=True, kw_only=True)
class Source:
    """One outlet's feed and how to poll it."""

    name: str
    feed: str
    country: str | None = None
    language: str = "en"
    interval: float = DEFAULT_INTERVAL  # seconds between polls
    css: str | None = None
    xpath: str | None = None
    allow_private_network: bool = False  # may fetch non-public addresses (intranets, tests)

    @property
    def english(self) -> bool:
        return self.language.lower().split("-")[0] == "en"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "feed": self.feed,
            "country": self.country,
            "language": self.language,
            "interval": self.interval,
            "css": self.css,
            "xpath": self.xpath,
            "allow_private_network": self.allow_private_network or None,
        }
        return {k: v for k, v in data.items() if v is not None}


def default_sources_path() -> Path:
    """$EVENTWIRE_SOURCES, else ~/.config/eventwire/sources.toml."""
    return Path(os.environ.get(SOURCES_ENV) or DEFAULT_SOURCES_PATH).expanduser()


def parse_interval(value: object, *, where: str) -> float:
    """Seconds from a number or a string such as "90s", "15m", "2h"; must be positive."""
    if isinstance(value, bool):
        raise SourcesError(f"{where}: interval must be seconds or a duration like '15m'")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (match := _INTERVAL.match(value)):
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    else:
        raise SourcesError(f"{where}: bad interval {value!r}: use seconds or '90s', '15m', '2h'")
    if seconds <= 0:
        raise SourcesError(f"{where}: interval must be positive, not {value!r}")
    return seconds


def make_source(raw: dict[str, Any], *, where: str) -> Source:
    """A checked `Source` from one `[[source]]` table."""
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise SourcesError(f"{where}: unknown field(s) {', '.join(unknown)}")
    name = _text(raw.get("name"), field="name", where=where)
    feed = _text(raw.get("feed"), field="feed", where=where)
    if not name or not feed:
        raise SourcesError(f"{where}: a source needs a name and a feed URL")
    parts = urlsplit(feed)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourcesError(f"{where}: feed {feed!r} is not an http(s) URL")
    country = _text(raw.get("country"), field="country", where=where)
    if country is not None and not re.fullmatch(r"[A-Za-z]{3}", country):
        raise SourcesError(f"{where}: country {country!r} is not an ISO alpha-3 code")
    private = raw.get("allow_private_network", False)
    if not isinstance(private, bool):
        raise SourcesError(f"{where}: allow_private_network must be true or false")
    return Source(
        name=name,
        feed=feed,
        country=country.upper() if country else None,
        language=_text(raw.get("language"), field="language", where=where) or "en",
        interval=parse_interval(raw.get("interval", DEFAULT_INTERVAL), where=where),
        css=_text(raw.get("css"), field="css", where=where),
        xpath=_text(raw.get("xpath"), field="xpath", where=where),
        allow_private_network=private,
    )


def _text(value: object, *, field: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourcesError(f"{where}: {field} must be a string, not {value!r}")
    return value.strip() or None


def parse_sources(text: str, *, where: str) -> list[Source]:
    """The sources of a TOML document; names must be unique."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SourcesError(f"{where}: not valid TOML: {e}") from e
    tables = data.get("source", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise SourcesError(f"{where}: sources must be [[source]] tables")
    sources = [make_source(t, where=f"{where}: source {i + 1}") for i, t in enumerate(tables)]
    seen: set[str] = set()
    for source in sources:
        if source.name.lower() in seen:
            raise SourcesError(f"{where}: two sources are named {source.name!r}")
        seen.add(source.name.lower())
    return sources


def load_sources(path: Path | None = None) -> list[Source]:
    """The sources in `path` (default: `default_sources_path()`); none if it does not exist."""
    path = path or default_sources_path()
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SourcesError(f"cannot read the sources file {path}: {e}") from e
    return parse_sources(text, where=str(path))


def dump_sources(sources: list[Source]) -> str:
    """The TOML text of `sources` (what `parse_sources` reads back)."""
    blocks = ["# eventwire sources: see docs/feeds.md\n"]
    for source in sources:
        lines = ["[[source]]"]
        for key, value in source.to_dict().items():
            lines.append(f"{key} = {_toml_value(value)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    # JSON string escapes are valid TOML basic-string escapes
    return json.dumps(str(value), ensure_ascii=False)


def save_sources(sources: list[Source], path: Path | None = None) -> Path:
    """Write `sources` to `path` (default: `default_sources_path()`), atomically."""
    path = path or default_sources_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(dump_sources(sources), encoding="utf-8")
        tmp.replace(path)
    except OSError as e:
        raise SourcesError(f"cannot write the sources file {path}: {e}") from e
    return path


def add_source(sources: list[Source], source: Source, *, replace: bool = False) -> list[Source]:
    """`sources` with `source` added (or, with `replace`, put in place of the same name)."""
    others = [s for s in sources if s.name.lower() != source.name.lower()]
    if len(others) != len(sources) and not replace:
        raise SourcesError(f"a source named {source.name!r} exists (use --replace)")
    return [*others, source]


def remove_source(sources: list[Source], name: str) -> list[Source]:
    """`sources` without the one named `name` (case-insensitive)."""
    kept = [s for s in sources if s.name.lower() != name.lower()]
    if len(kept) == len(sources):
        raise SourcesError(f"no source named {name!r}")
    return kept
