"""Run bookkeeping: each ingest run, the articles it could not code (the quarantine), which
articles a pipeline version coded already (for --resume), and rows per table."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import func, select, update

from .. import __version__
from .engine import StoreBase, now
from .models import ArticleRow, FailureRow, RunRow
from .writing import CHILD_TABLES

__all__ = [
    "Runs",
]


class Runs(StoreBase):
    """Run bookkeeping: ingest runs, their failures, what is coded already, row counts."""

    def start_run(self, *, source: str = "", pipeline_version: str = __version__) -> int:
        """Record the start of an ingest run; returns its id."""
        with self._session() as s, s.begin():
            run = RunRow(
                started_at=now(),
                pipeline_version=pipeline_version,
                source=source,
                status="running",
                n_ok=0,
                n_errors=0,
            )
            s.add(run)
            s.flush()
            return run.id

    def add_failure(self, run_id: int, *, article: str, kind: str, message: str) -> None:
        """Record an article that `run_id` could not code."""
        with self._session() as s, s.begin():
            s.add(FailureRow(run_id=run_id, article=article, kind=kind, message=message))

    def finish_run(self, run_id: int, *, n_ok: int, n_errors: int, status: str = "done") -> None:
        with self._session() as s, s.begin():
            s.execute(
                update(RunRow)
                .where(RunRow.id == run_id)
                .values(finished_at=now(), n_ok=n_ok, n_errors=n_errors, status=status)
            )

    def counts(self) -> dict[str, int]:
        """Rows per table (runs and failures included)."""
        tables = (ArticleRow, *reversed(CHILD_TABLES), RunRow, FailureRow)
        with self._session() as s:
            return {
                t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0 for t in tables
            }

    def coded_ids(
        self,
        article_ids: Collection[str],
        *,
        pipeline_version: str,
        versions: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> set[str]:
        """Those of `article_ids` already stored by this pipeline version (for --resume).

        `versions` maps ids to (content hash, published date): an id whose stored text or
        date differs is left out, so that a corrected article is coded again."""
        if not article_ids:
            return set()
        with self._session() as s:
            rows = s.execute(
                select(ArticleRow.article_id, ArticleRow.content_hash, ArticleRow.published).where(
                    ArticleRow.article_id.in_(list(article_ids)),
                    ArticleRow.pipeline_version == pipeline_version,
                )
            ).all()
        return {
            id_
            for id_, digest, published in rows
            if versions is None or versions.get(id_, (digest, published)) == (digest, published)
        }

    def failures(self, *, run_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Articles that could not be coded (the quarantine), newest first."""
        query = select(FailureRow).order_by(FailureRow.pk.desc()).limit(limit)
        if run_id is not None:
            query = query.where(FailureRow.run_id == run_id)
        with self._session() as s:
            rows = s.scalars(query).all()
        return [
            {"run": r.run_id, "article": r.article, "kind": r.kind, "message": r.message}
            for r in rows
        ]

    def runs(self, *, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first."""
        with self._session() as s:
            rows = s.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(limit)).all()
        return [
            {
                "id": r.id, "started_at": r.started_at.isoformat(),
                "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                "pipeline_version": r.pipeline_version, "source": r.source,
                "status": r.status, "ok": r.n_ok, "errors": r.n_errors,
            }
            for r in rows
        ]  # fmt: skip
