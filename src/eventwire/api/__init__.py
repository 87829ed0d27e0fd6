"""The HTTP API (FastAPI) and the server that also serves the web UI: `create_app(store)`."""

from __future__ import annotations

from .app import CSP, create_app

__all__ = ["CSP", "create_app"]
