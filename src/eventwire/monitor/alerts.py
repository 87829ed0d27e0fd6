"""Evaluating watch rules, keeping the alerts they fire, and telling a webhook.

`evaluate` computes each rule's value per window over story-level events and returns the
alerts of the windows in a date range. `record_alerts` keeps them in the store's
``monitor_alerts`` table (one row per rule and window, updated in place when a later ingest
adds to the window) and returns the new ones; `notify` POSTs alerts to the rules' webhook,
once, with a timeout. With a webhook, each new alert is queued in an outbox (its `delivery`
state) and `deliver_due` POSTs what is due: a failed POST is tried again by later checks
(each ingest, each watch poll, `eventwire alerts --check`) after 1, 2, 4, ... minutes (at most
6 h), `DELIVERY_TRIES` times in all, then marked `failed`. `check_run` does all of it for the
windows an ingest touched: it is what runs after each ingest.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import (
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from ..dedup import DedupConfig
from ..errors import EventwireError
from ..store import Store, StoreError
from ..store.models import ALERTS_TABLE, ArticleRow, EventRow
from .rules import Rule, RuleSet, Webhook
from .stories import StoryEvent, load_stories
from .trends import period_bounds, period_key, period_range, trend_rows

__all__ = [
    "ALERTS_TABLE",
    "DELIVERY_TRIES",
    "Alert",
    "CheckResult",
    "Delivery",
    "WebhookError",
    "check",
    "check_run",
    "deliver_due",
    "evaluate",
    "list_alerts",
    "notify",
    "record_alerts",
    "retry_delay",
    "rule_values",
]

log = logging.getLogger(__name__)
MAX_REPORTS = 50  # evidence rows per alert kept and sent
DELIVERY_TRIES = 8  # POSTs of one alert before it is marked failed (about 2 h of retries)
RETRY_BASE = 60.0  # seconds before the first retry; doubled each time
RETRY_CAP = 6 * 3600.0
DELIVERY_BATCH = 100  # alerts per POST
_WAITING = ("pending", "retrying")


class WebhookError(EventwireError):
    """The webhook could not be reached or did not answer 2xx."""

    kind = "webhook"


@dataclass
class Alert:
    """A rule that fired for one window, with the stories (and their reports) behind it."""

    rule: str
    period: str
    window_start: str
    window_end: str
    value: float
    baseline: float | None
    reason: str
    selection: str
    events: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class Delivery:
    """What one `deliver_due` did: alerts sent, to retry, given up; the webhook's error."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    error: str | None = None


@dataclass
class CheckResult:
    """What one evaluation did: every alert of the windows, the new ones, the webhook's fate."""

    alerts: list[Alert] = field(default_factory=list)
    new: list[Alert] = field(default_factory=list)
    webhook_error: str | None = None


# -- evaluation ---------------------------------------------------------------------------------


def evaluate(
    store: Store,
    rules: RuleSet,
    *,
    date_from: str,
    date_to: str,
    config: DedupConfig | None = None,
) -> list[Alert]:
    """Alerts of every rule for the windows that overlap [date_from, date_to]."""
    if not rules.rules:
        return []
    earliest = min(_baseline_start(date_from, r) for r in rules.rules)
    latest = max(period_bounds(period_key(date_to, r.window), r.window)[1] for r in rules.rules)
    stories = load_stories(store, date_from=earliest, date_to=latest, config=config)
    alerts = []
    for rule in rules.rules:
        alerts += _rule_alerts(rule, stories, date_from=date_from, date_to=date_to)
    return alerts


def rule_values(
    rule: Rule, stories: Sequence[StoryEvent], *, date_from: str, date_to: str
) -> dict[str, tuple[float, list[StoryEvent]]]:
    """The rule's value per window from date_from's window to date_to's, with its stories."""
    rows = trend_rows(
        stories, selection=rule.selection, period=rule.window, date_from=date_from, date_to=date_to
    )
    out = {}
    for row in rows:
        if rule.metric == "events":
            value = float(row.events)
        else:
            value = round(sum(-s.intensity for s in row.stories if s.intensity < 0), 3)
        out[row.period] = (value, row.stories)
    return out


def _baseline_start(date_from: str, rule: Rule) -> str:
    first = period_bounds(period_key(date_from, rule.window), rule.window)[0]
    day = dt.date.fromisoformat(first)
    for _ in range(rule.baseline):
        day = dt.date.fromisoformat(
            period_bounds(
                period_key((day - dt.timedelta(days=1)).isoformat(), rule.window), rule.window
            )[0]
        )
    return day.isoformat()


def _rule_alerts(
    rule: Rule, stories: Sequence[StoryEvent], *, date_from: str, date_to: str
) -> list[Alert]:
    start = _baseline_start(date_from, rule)
    values = rule_values(rule, stories, date_from=start, date_to=date_to)
    keys = period_range(start, date_to, rule.window)
    wanted = set(period_range(date_from, date_to, rule.window))
    alerts = []
    for i, key in enumerate(keys):
        if key not in wanted:
            continue
        value, chosen = values.get(key, (0.0, []))
        before = [values.get(k, (0.0, []))[0] for k in keys[max(0, i - rule.baseline) : i]]
        baseline = round(sum(before) / len(before), 3) if len(before) == rule.baseline else None
        if rule.ratio is not None and baseline is None:
            continue  # not enough history to judge a change
        reason = rule.fires(value, baseline)
        if reason is None:
            continue
        first, last = period_bounds(key, rule.window)
        alerts.append(
            Alert(
                rule=rule.name,
                period=key,
                window_start=first,
                window_end=last,
                value=value,
                baseline=baseline,
                reason=reason,
                selection=rule.selection.describe(),
                events=[_story_dict(s) for s in chosen],
            )
        )
    return alerts


def _story_dict(story: StoryEvent) -> dict[str, Any]:
    return {
        "story": story.id,
        "type": story.type,
        "quad": story.quad,
        "day": story.day,
        "intensity": story.intensity,
        "source": [n for n, _ in story.sources],
        "target": [n for n, _ in story.targets],
        "outlets": story.outlets,
        "reports": story.evidence()[:MAX_REPORTS],
    }


# -- the alerts table ---------------------------------------------------------------------------


# `monitor_alerts` is defined with the store's models and made by its migrations (0003).


def record_alerts(
    store: Store, alerts: Iterable[Alert], *, queue: bool = False, now: dt.datetime | None = None
) -> list[Alert]:
    """Keep alerts (a rule's window already alerted is updated in place); returns the new.

    With `queue` the new ones wait in the outbox for `deliver_due`.
    """
    table = ALERTS_TABLE
    new = []
    now = now or _now()
    outbox = {"delivery": "pending", "next_delivery_at": now} if queue else {}
    try:
        with store.engine.begin() as conn:
            for a in alerts:
                values = {k: v for k, v in a.to_dict().items() if k not in ("rule", "period")}
                found = conn.execute(
                    select(table.c.id).where(table.c.rule == a.rule, table.c.period == a.period)
                ).scalar()
                if found is None:
                    conn.execute(
                        insert(table).values(
                            rule=a.rule,
                            period=a.period,
                            fired_at=now,
                            updated_at=now,
                            **values,
                            **outbox,
                        )
                    )
                    new.append(a)
                else:
                    conn.execute(
                        update(table).where(table.c.id == found).values(updated_at=now, **values)
                    )
    except SQLAlchemyError as e:
        raise StoreError(f"cannot record alerts: {_brief(e)}") from e
    return new


def list_alerts(
    store: Store,
    *,
    rule: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Recorded alerts, latest window first; `since`/`until` bound the window's days."""
    table = ALERTS_TABLE
    query = select(table).order_by(table.c.window_start.desc(), table.c.rule).limit(limit)
    if rule:
        query = query.where(table.c.rule == rule)
    if since:
        query = query.where(table.c.window_end >= since)
    if until:
        query = query.where(table.c.window_start <= until)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read alerts: {_brief(e)}") from e
    times = ("fired_at", "updated_at", "notified_at", "next_delivery_at")
    return [
        {
            **{k: v for k, v in row.items() if k not in times},
            **{k: row[k].isoformat() if row[k] else None for k in times},
        }
        for row in rows
    ]


# -- the outbox ---------------------------------------------------------------------------------


def retry_delay(attempts: int) -> float:
    """Seconds before the try after `attempts` failed ones: 1, 2, 4, ... minutes, at most 6 h."""
    return min(RETRY_CAP, RETRY_BASE * 2 ** max(attempts - 1, 0))


def deliver_due(store: Store, webhook: Webhook, *, now: dt.datetime | None = None) -> Delivery:
    """POST the alerts whose delivery is due (oldest first, one batch) and record the outcome.

    Never raises a `WebhookError`: a failure is recorded on each alert (its error, its next
    try) and returned in `Delivery.error`.
    """
    table = ALERTS_TABLE
    now = now or _now()
    due = (
        select(table)
        .where(
            table.c.delivery.in_(_WAITING),
            or_(table.c.next_delivery_at.is_(None), table.c.next_delivery_at <= now),
        )
        .order_by(table.c.id)
        .limit(DELIVERY_BATCH)
    )
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(due).mappings().all()
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read the alert outbox: {_brief(e)}") from e
    report = Delivery()
    if not rows:
        return report
    try:
        notify(webhook, [_alert_of(row) for row in rows])
    except WebhookError as e:
        log.warning("%s", e)
        report.error = str(e)
    with store.engine.begin() as conn:
        for row in rows:
            values = _outcome(row["delivery_attempts"] + 1, report, now)
            conn.execute(update(table).where(table.c.id == row["id"]).values(**values))
    return report


def _outcome(attempts: int, report: Delivery, now: dt.datetime) -> dict[str, Any]:
    """The outbox columns after try number `attempts`; counts it in `report`."""
    values: dict[str, Any] = {"delivery_attempts": attempts, "notify_error": report.error}
    if report.error is None:
        report.sent += 1
        return {**values, "delivery": "sent", "notified_at": now, "next_delivery_at": None}
    if attempts >= DELIVERY_TRIES:
        report.failed += 1
        return {**values, "delivery": "failed", "next_delivery_at": None}
    report.retrying += 1
    later = now + dt.timedelta(seconds=retry_delay(attempts))
    return {**values, "delivery": "retrying", "next_delivery_at": later}


def _alert_of(row: Any) -> Alert:
    return Alert(
        rule=row["rule"],
        period=row["period"],
        window_start=row["window_start"],
        window_end=row["window_end"],
        value=row["value"],
        baseline=row["baseline"],
        reason=row["reason"],
        selection=row["selection"],
        events=list(row["events"] or []),
    )


# -- the webhook --------------------------------------------------------------------------------


def notify(webhook: Webhook, alerts: Sequence[Alert]) -> None:
    """POST the alerts as one JSON document; one try, `webhook.timeout` seconds at most.

    Raises `WebhookError` when the hook cannot be reached or answers other than 2xx; the
    outbox (`deliver_due`) records it and tries again later, with backoff (a down receiver
    is not flooded).
    """
    if not alerts:
        return
    body = json.dumps(
        {"source": "eventwire", "alerts": [a.to_dict() for a in alerts]}, ensure_ascii=False
    ).encode("utf-8")
    request = urllib.request.Request(
        webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "eventwire-monitor",
            **webhook.headers,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=webhook.timeout) as response:
            status = response.status
    except urllib.error.HTTPError as e:
        raise WebhookError(f"webhook {webhook.url} answered {e.code}") from e
    except (urllib.error.URLError, OSError) as e:
        raise WebhookError(f"webhook {webhook.url} unreachable: {e}") from e
    if not 200 <= status < 300:
        raise WebhookError(f"webhook {webhook.url} answered {status}")


# -- after an ingest ----------------------------------------------------------------------------


def check(
    store: Store,
    rules: RuleSet,
    *,
    date_from: str,
    date_to: str,
    config: DedupConfig | None = None,
    now: dt.datetime | None = None,
) -> CheckResult:
    """Evaluate, record, and POST the new alerts, and those due again, to the webhook."""
    alerts = evaluate(store, rules, date_from=date_from, date_to=date_to, config=config)
    queue = rules.webhook is not None
    result = CheckResult(alerts=alerts, new=record_alerts(store, alerts, queue=queue, now=now))
    if rules.webhook is not None:
        result.webhook_error = deliver_due(store, rules.webhook, now=now).error
    return result


def check_run(
    store: Store, run_id: int, rules: RuleSet, *, config: DedupConfig | None = None
) -> CheckResult:
    """`check` over the days of the events that ingest run `run_id` stored."""
    first, last = _run_days(store, run_id)
    if first is None or last is None:
        result = CheckResult()
        if rules.webhook is not None:  # nothing to evaluate, but retries may be due
            result.webhook_error = deliver_due(store, rules.webhook).error
        return result
    return check(store, rules, date_from=first, date_to=last, config=config)


def _run_days(store: Store, run_id: int) -> tuple[str | None, str | None]:
    query = (
        select(func.min(EventRow.day), func.max(EventRow.day))
        .join(ArticleRow, ArticleRow.pk == EventRow.article_pk)
        .where(ArticleRow.run_id == run_id, EventRow.day.is_not(None))
    )
    try:
        with store.engine.connect() as conn:
            first, last = conn.execute(query).one()
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read run {run_id}: {_brief(e)}") from e
    return first, last


def _brief(e: SQLAlchemyError) -> str:
    """The driver's first line: SQLAlchemy's own message adds the SQL and its parameters."""
    lines = str(getattr(e, "orig", None) or type(e).__name__).strip().splitlines()
    return (lines[0] if lines else type(e).__name__)[:200]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
