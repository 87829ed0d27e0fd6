"""Event coding shared by the `events` stage and the CLI: triggers, the pair coder behind
`eventwire classify`, and gold-article evaluation behind `eventwire eval`."""

from __future__ import annotations

__all__: list[str] = []
