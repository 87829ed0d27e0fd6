"""Readers: text in (dated text, plain text, JSON Lines, directories, stdin) -> documents."""

from __future__ import annotations

from .inputs import InputFailure, document_from_json, read_bytes_article, read_inputs
from .text import MAX_ARTICLE_BYTES, content_id, make_document

__all__ = [
    "MAX_ARTICLE_BYTES",
    "InputFailure",
    "content_id",
    "document_from_json",
    "make_document",
    "read_bytes_article",
    "read_inputs",
]
