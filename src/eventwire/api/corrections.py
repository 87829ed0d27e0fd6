"""The corrections API: analysts flag or fix coded events (`eventwire.store.corrections`).

`GET /api/corrections` lists corrections (of one article, with `article_id`), oldest first;
`POST /api/corrections` stores one, and exists only when the server was started with a
write token, which the request must send as ``Authorization: Bearer TOKEN`` (the same token
as `POST /api/articles`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, Field

from ..readers.text import is_iso_date
from ..store import Store
from ..store.corrections import add_correction, list_corrections
from .schemas import EventType, StatusName

__all__ = ["CorrectionIn", "CorrectionOut", "correction_routes", "require_token"]

_BEARER = HTTPBearer(auto_error=False, description="The token the server was started with.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]


def require_token(token: str) -> Callable[[Credentials], None]:
    """A dependency that refuses (401) a request without the bearer `token`."""

    def authorized(credentials: Credentials) -> None:
        given = credentials.credentials if credentials else ""
        if not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is required")

    return authorized


def _real_day(value: str) -> str:
    if not is_iso_date(value):
        raise ValueError("expected a date YYYY-MM-DD")
    return value


# a corrected date: a day, a month or a year (each its own schema, so that clients and
# schema-driven tests know every accepted form)
Day = Annotated[str, Field(json_schema_extra={"format": "date"}), AfterValidator(_real_day)]
Month = Annotated[str, Field(pattern=r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
Year = Annotated[str, Field(pattern=r"^[1-9][0-9]{3}$")]


class CorrectionIn(BaseModel):
    """A correction of one stored event: flag it as wrong, or fix some of its fields (those
    left out stay as coded), with an optional note."""

    article_id: str = Field(min_length=1, max_length=512)
    event_id: str = Field(min_length=1, max_length=32)
    flag: Literal["fix", "wrong"] = "fix"
    type: EventType | None = None
    source: list[Annotated[str, Field(max_length=512)]] | None = None
    target: list[Annotated[str, Field(max_length=512)]] | None = None
    status: StatusName | None = None
    date: Day | Month | Year | None = Field(None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    note: str | None = Field(None, max_length=4000)


class CorrectionActor(BaseModel):
    name: str
    country: str | None


class CorrectionOut(BaseModel):
    id: int
    article_id: str
    event_id: str
    flag: str
    type: str | None
    source: list[CorrectionActor] | None
    target: list[CorrectionActor] | None
    status: str | None
    date: str | None
    note: str | None
    original: dict[str, Any]
    created_at: str | None


def correction_routes(store: Store, *, token: str | None) -> APIRouter:
    """The corrections endpoints over `store` (mounted under /api); writes need `token`."""
    router = APIRouter(tags=["corrections"])

    @router.get("/corrections", response_model=list[CorrectionOut], summary="Corrections")
    def corrections(
        article_id: Annotated[str | None, Query(description="Only this article's.")] = None,
    ) -> Any:
        """Analysts' corrections of events, oldest first (the latest of an event is in force)."""
        return [c.to_dict() for c in list_corrections(store, article_id=article_id)]

    if token:

        @router.post(
            "/corrections",
            response_model=CorrectionOut,
            status_code=201,
            summary="Flag or fix a coded event",
            dependencies=[Depends(require_token(token))],
            responses={
                400: {"description": "A value that cannot be stored"},
                401: {"description": "Missing or wrong token"},
                404: {"description": "No such article or event"},
            },
        )
        def post_correction(body: CorrectionIn) -> Any:
            """Store a correction as its own row: the coder's output is kept as it was."""
            return add_correction(store, **body.model_dump()).to_dict()

    return router
