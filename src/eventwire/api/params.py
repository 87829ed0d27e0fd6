"""Control characters in a request's path or query are refused up front with a 422.

A NUL in a parameter reached the databases: PostgreSQL refuses it deep in the driver (a 500),
SQLite's full-text search read it as the end of the query (a 503). No field eventwire stores
or filters on holds a control character, so a request carrying one (C0, DEL or C1, decoded
from its percent-escapes) is answered before any route runs: JSON for the API (FastAPI's
422 shape), a short HTML page for the UI.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from .hosts import ASGIApp, Receive, Scope, Send

__all__ = ["CONTROL", "NO_CONTROL", "ControlCharacterCheck", "bad_parameter", "declare_no_control"]

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: The same rule as a JSON-schema pattern, declared on every string parameter of the API
NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f]*$"


def bad_parameter(scope: MutableMapping[str, Any]) -> tuple[list[str], str] | None:
    """Where a control character is (FastAPI's `loc`) and a message, or None if none is."""
    if CONTROL.search(scope.get("path", "")):
        return ["path"], "the path contains a control character"
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True, errors="replace"):
        if CONTROL.search(name) or CONTROL.search(value):
            shown = CONTROL.sub("?", name)[:40]
            return ["query", shown], f"parameter {shown!r} contains a control character"
    return None


def declare_no_control(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` (an OpenAPI document) with `NO_CONTROL` on each string path or query
    parameter: what the middleware refuses, the document says."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") in ("path", "query"):
                    _pattern(parameter.get("schema", {}))
    return schema


def _pattern(schema: dict[str, Any]) -> None:
    for option in schema.get("anyOf", []):
        _pattern(option)
    if schema.get("type") == "string" and "enum" not in schema and "pattern" not in schema:
        schema["pattern"] = NO_CONTROL
    if schema.get("type") == "array":
        _pattern(schema.get("items", {}))


class ControlCharacterCheck:
    """ASGI middleware: a 422 for any HTTP request with a control character in path or query."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = bad_parameter(scope) if scope["type"] == "http" else None
        if found is None:
            await self.app(scope, receive, send)
            return
        loc, message = found
        if scope.get("path", "").startswith("/api"):
            detail = [{"loc": loc, "msg": message, "type": "control_character"}]
            body, kind = json.dumps({"detail": detail}).encode(), b"application/json"
        else:
            page = (
                "<!doctype html><html lang=en><head><meta charset=utf-8>"
                "<title>Bad request - eventwire</title></head><body><main>"
                f"<h1>Bad request</h1><p role=alert>{html.escape(message)}.</p>"
                '<p><a href="/">Back to the articles</a></p></main></body></html>'
            )
            body, kind = page.encode(), b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 422,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
