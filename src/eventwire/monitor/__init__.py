"""Monitoring: trends, watch rules and alerts, charts and reports over story-level events.

Everything counts deduplicated events (`load_stories` links the reports of one real-world
event across articles) and is status-aware: future and hypothetical events are counted
apart, negated ones never. See docs/monitor.md.
"""

from __future__ import annotations

from .alerts import (
    DELIVERY_TRIES,
    Alert,
    CheckResult,
    Delivery,
    WebhookError,
    check,
    check_run,
    deliver_due,
    evaluate,
    list_alerts,
    notify,
    record_alerts,
    retry_delay,
)
from .charts import trend_chart
from .report import Report, build_report, render_report
from .rules import Rule, RuleSet, Webhook, load_rules, parse_rules
from .stories import StoryEvent, load_stories
from .trends import (
    REGIONS,
    Selection,
    TrendRow,
    default_window,
    period_key,
    resolve_countries,
    trend_rows,
    trends_csv,
)

__all__ = [
    "DELIVERY_TRIES",
    "REGIONS",
    "Alert",
    "CheckResult",
    "Delivery",
    "Report",
    "Rule",
    "RuleSet",
    "Selection",
    "StoryEvent",
    "TrendRow",
    "Webhook",
    "WebhookError",
    "build_report",
    "check",
    "check_run",
    "default_window",
    "deliver_due",
    "evaluate",
    "list_alerts",
    "load_rules",
    "load_stories",
    "notify",
    "parse_rules",
    "period_key",
    "record_alerts",
    "render_report",
    "resolve_countries",
    "retry_delay",
    "trend_chart",
    "trend_rows",
    "trends_csv",
]
