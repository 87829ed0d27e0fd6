"""The monitoring API: trends as rows and charts, and recorded alerts (eventwire.monitor).

`GET /api/trends` and `GET /api/trends/chart.{png,svg}` take the same selection (dyad,
actor, countries or regions, types, quad classes) and period; `GET /api/alerts` lists the
alerts that watch rules fired after ingests, with the events behind them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field, create_model

from ..monitor import (
    Selection,
    default_window,
    list_alerts,
    load_stories,
    resolve_countries,
    trend_chart,
    trend_rows,
)
from ..monitor.alerts import Alert
from ..monitor.trends import TrendRow
from ..store import Store
from ..vocabulary import REGIONS, ChartFormat, Group, Period
from .schemas import EventType, iso_date, model_of

__all__ = ["TrendQuery", "TrendRowOut", "monitor_routes", "trend_query"]

PeriodName = Period
GroupName = Group
if TYPE_CHECKING:
    RegionName = str
else:  # a Literal of the named regions: pydantic checks it, OpenAPI shows it as an enum
    RegionName = Literal[tuple(REGIONS)]
_BAD: dict[int | str, dict[str, Any]] = {
    400: {"description": "A selection or date range that cannot be counted"}
}


def _date_query(description: str) -> Any:
    return Query(description=description, json_schema_extra={"format": "date"})


class TrendRowOut(BaseModel):
    """One period (of one group): story-level events per quad class and type."""

    period: str
    group: str
    events: int
    reports: int
    unreal: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    intensity_sum: float
    intensity_mean: float | None
    types: dict[str, int]


class AlertEvidence(BaseModel):
    article_id: str
    event_id: str
    day: str | None
    outlet: str | None
    title: str | None
    status: str
    evidence: str


class AlertEvent(BaseModel):
    story: str
    type: str
    quad: int
    day: str
    intensity: float
    source: list[str]
    target: list[str]
    outlets: list[str]
    reports: list[AlertEvidence]


if TYPE_CHECKING:
    AlertOut = BaseModel
else:  # an alert's fields are `monitor.alerts.Alert`'s, with the store's bookkeeping
    AlertOut = create_model(
        "AlertOut",
        __base__=model_of(Alert, "AlertFields", events=AlertEvent),
        id=(int, ...),
        fired_at=(str, ...),
        updated_at=(str, ...),
        notified_at=(str | None, ...),
        notify_error=(str | None, ...),
    )


@dataclass(frozen=True)
class TrendQuery:
    """A trend request: what to select, how to cut it, over which dates."""

    selection: Selection
    period: PeriodName
    group: GroupName
    date_from: str | None
    date_to: str | None


def trend_query(
    dyad_source: Annotated[
        str | None, Query(description="Dyad source: a name or ISO alpha-3 code.")
    ] = None,
    dyad_target: Annotated[
        str | None, Query(description="Dyad target: a name or ISO alpha-3 code.")
    ] = None,
    both: Annotated[bool, Query(description="Count both directions of the dyad.")] = False,
    actor: Annotated[str | None, Query(description="A source or target (name or code).")] = None,
    country: Annotated[
        list[Annotated[str, Field(pattern="^[A-Za-z]{3}$")]] | None,
        Query(description="ISO alpha-3 codes (a source's, target's or location's country)."),
    ] = None,
    region: Annotated[list[RegionName] | None, Query(description="Named regions.")] = None,
    type: Annotated[list[EventType] | None, Query(description="PLOVER types.")] = None,
    quad: Annotated[
        list[Annotated[int, Field(ge=1, le=4)]] | None, Query(description="Quad classes 1-4.")
    ] = None,
    period: Annotated[PeriodName, Query(description="day, week or month.")] = "week",
    group: Annotated[GroupName, Query(description="One series or one per group.")] = "total",
    date_from: Annotated[
        str | None, _date_query("First day (YYYY-MM-DD); with neither date, the last 90 days.")
    ] = None,
    date_to: Annotated[str | None, _date_query("Last day (YYYY-MM-DD).")] = None,
) -> TrendQuery:
    """The trend parameters, as a dependency."""

    dyad = (dyad_source, dyad_target) if dyad_source and dyad_target else None
    selection = Selection(
        dyad=dyad,
        both_directions=both,
        actor=actor or None,
        countries=resolve_countries([*(country or ()), *(region or ())]),
        types=tuple(type or ()),
        quads=tuple(quad or ()),
    )
    return TrendQuery(
        selection=selection,
        period=period,
        group=group,
        date_from=iso_date(date_from, "date_from"),
        date_to=iso_date(date_to, "date_to"),
    )


TrendDep = Annotated[TrendQuery, Depends(trend_query)]


def _rows(store: Store, q: TrendQuery) -> list[TrendRow]:
    # neither date given: the last 90 days of data, as the Trends page shows
    first, last = default_window(store, date_from=q.date_from, date_to=q.date_to)
    stories = load_stories(store, date_from=first, date_to=last)
    return trend_rows(
        stories,
        selection=q.selection,
        period=q.period,
        group=q.group,
        date_from=first,
        date_to=last,
    )


def monitor_routes(store: Store) -> APIRouter:
    """The monitoring endpoints over `store` (mounted under /api)."""
    router = APIRouter(tags=["monitor"])

    @router.get(
        "/trends", response_model=list[TrendRowOut], summary="Story-level trends", responses=_BAD
    )
    def trends(q: TrendDep) -> Any:
        """Story-level events per period (and group): quads, types, intensity; future and
        hypothetical events in `unreal`, negated ones left out."""
        return [r.to_dict() for r in _rows(store, q)]

    @router.get(
        "/trends/chart.{fmt}",
        response_class=Response,
        summary="The trend as a chart",
        responses={200: {"content": {"image/png": {}, "image/svg+xml": {}}}, **_BAD},
    )
    def trend_image(fmt: ChartFormat, q: TrendDep) -> Response:
        body = trend_chart(_rows(store, q), fmt=fmt, title=q.selection.describe())
        media = "image/png" if fmt == "png" else "image/svg+xml"
        return Response(body, media_type=media, headers={"Cache-Control": "no-store"})

    @router.get("/alerts", response_model=list[AlertOut], summary="Fired alerts")
    def alerts(
        rule: Annotated[str | None, Query(description="Only this rule's alerts.")] = None,
        since: Annotated[str | None, _date_query("Windows ending on or after.")] = None,
        until: Annotated[str | None, _date_query("Windows starting on or before.")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Any:
        """Alerts that watch rules fired, latest window first, with the events behind them."""

        return list_alerts(
            store,
            rule=rule,
            since=iso_date(since, "since"),
            until=iso_date(until, "until"),
            limit=limit,
        )

    return router
