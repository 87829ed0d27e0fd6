"""Beyond one machine: the same pipeline on a Dask cluster."""

from __future__ import annotations

from .dask_engine import run_dask

__all__ = ["run_dask"]
