"""The feeds page: each followed feed's state and the failures the watch loop recorded."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["feeds_router"]


def feeds_router(store: Store, templates: Any) -> APIRouter:
    """`/feeds` over `store`, rendered with the UI's `templates`."""
    router = APIRouter(include_in_schema=False)

    @router.get("/feeds", response_class=HTMLResponse)
    def feeds(request: Request) -> HTMLResponse:
        from ..feeds.state import FeedState

        state = FeedState(store)
        rows = [
            {**f.to_dict(), "last_polled": _when(f.last_polled), "next_poll": _when(f.next_poll)}
            for f in state.feeds()
        ]
        context = {"feeds": rows, "failures": state.failures(limit=100), "nav": "feeds"}
        return templates.TemplateResponse(request, "feeds.html", context)

    return router


def _when(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
