"""HTML pages to article text: the main text, title and date, by trafilatura.

Policy (docs/input.md): an input that is an HTML document (it starts with a tag and has
document or paragraph tags) is reduced to its main text; navigation, footers, scripts and
other boilerplate are dropped. A page with no main text is refused as empty. Tags inside
ordinary prose ("he posted <script>...") are not a document: such text stays as it is, as
data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import EmptyInputError

__all__ = ["Page", "extract_page", "looks_like_html"]

#: Fewer words than this after extraction is a menu or a cookie banner, not an article.
_MIN_WORDS = 4
_DOCUMENT = re.compile(r"\A\s*<(?:!doctype\s+html|html|head|body|article|div|p|section)\b", re.I)


@dataclass(frozen=True)
class Page:
    """What was extracted from an HTML page."""

    text: str
    title: str | None
    date: str | None  # YYYY-MM-DD
    url: str | None


def looks_like_html(text: str) -> bool:
    """True for an HTML document or fragment of block tags, not prose mentioning a tag."""
    return bool(_DOCUMENT.match(text))


def extract_page(html: str, *, where: str) -> Page:
    """The main text and metadata of a page; `EmptyInputError` when only boilerplate."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    meta: dict[str, Any] = {}
    if isinstance(found, dict):
        meta = found
    elif found is not None:
        meta = found.as_dict()
    text = meta.get("text") or ""
    if len(text.split()) < _MIN_WORDS:
        raise EmptyInputError(f"{where}: an HTML page with no main text (boilerplate only)")
    date = meta.get("date") or None
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date)[:10]):
        date = None
    return Page(
        text=text,
        title=meta.get("title") or None,
        date=str(date)[:10] if date else None,
        url=meta.get("url") or None,
    )
