"""Article pages to text and metadata: trafilatura, or the source's CSS/XPath hint.

The main text comes from trafilatura (boilerplate, menus and comments dropped) unless the
source names where the text is (`css` or `xpath`): then the text of the matching elements,
paragraph by paragraph. Title, date and author come from the page's metadata either way.
A page with fewer than `min_words` words of main text is refused as empty, a text over
`MAX_ARTICLE_BYTES` as too large, and a text that does not look English as `LanguageError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import EmptyInputError, LanguageError
from ..readers import MAX_ARTICLE_BYTES
from ..stages.normalize import looks_english, normalize_text
from .errors import PageTooLargeError, SourcesError

__all__ = ["MIN_WORDS", "Extracted", "extract_article"]

#: Fewer words than this is a teaser, a menu or a cookie banner, not a news article.
MIN_WORDS = 25
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Paragraph-like elements, outermost only (a <p> inside an <li> is not read twice).
_IS_BLOCK = " or ".join(f"self::{t}" for t in ("p", "h1", "h2", "h3", "h4", "li", "blockquote"))


@dataclass(frozen=True, kw_only=True)
class Extracted:
    """The main text of a page and what its metadata says."""

    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    author: str | None = None


def extract_article(
    html: bytes,
    *,
    url: str,
    css: str | None = None,
    xpath: str | None = None,
    min_words: int = MIN_WORDS,
) -> Extracted:
    """The main text, title, date and author of the page at `url`."""
    import trafilatura

    if css or xpath:
        text = _hinted_text(html, css=css, xpath=xpath, url=url)
        meta = _as_dict(trafilatura.extract_metadata(html.decode("utf-8", "replace"), url))
    else:
        meta = _as_dict(
            trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
            )
        )
        text = str(meta.get("text") or "")
    title = _clean(meta.get("title"))
    text = _without_headline(normalize_text(text), title)
    if len(text.split()) < min_words:
        raise EmptyInputError(f"{url}: no main text on the page (boilerplate only)")
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise PageTooLargeError(f"{url}: the article text is over {MAX_ARTICLE_BYTES:,} bytes")
    if not looks_english(text):
        raise LanguageError(f"{url}: the article does not look like English")
    date = str(meta.get("date") or "")
    return Extracted(
        text=text,
        title=title,
        date=date[:10] if _DATE.match(date) else None,
        author=_clean(meta.get("author")),
    )


def _without_headline(text: str, title: str | None) -> str:
    """The text less a first line that repeats the title: the headline is not the story."""
    first, _, rest = text.partition("\n")
    if title and rest and " ".join(first.split()).casefold() == title.casefold():
        return rest.lstrip()
    return text


def _as_dict(found: Any) -> dict[str, Any]:
    if found is None:
        return {}
    if isinstance(found, dict):
        return found
    return dict(found.as_dict())


def _clean(value: object) -> str | None:
    return " ".join(str(value).split()) or None if value else None


def _hinted_text(html: bytes, *, css: str | None, xpath: str | None, url: str) -> str:
    """The text of the elements the source's hint selects, one paragraph per block."""
    import lxml.html
    from cssselect import SelectorError
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise EmptyInputError(f"{url}: not an HTML page ({e})") from e
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    try:
        if css:
            from lxml.cssselect import CSSSelector

            nodes = CSSSelector(css)(tree)
        else:
            nodes = tree.xpath(xpath)
    except (etree.XPathError, SelectorError) as e:
        raise SourcesError(f"{url}: bad selector {css or xpath!r}: {e}") from e
    paragraphs: list[str] = []
    for node in nodes:
        if not isinstance(node, etree._Element):
            continue
        blocks = node.xpath(f".//*[{_IS_BLOCK}][not(ancestor::*[{_IS_BLOCK}])]")
        for block in blocks or [node]:
            line = " ".join(block.text_content().split())
            if line:
                paragraphs.append(line)
    return "\n\n".join(paragraphs)
