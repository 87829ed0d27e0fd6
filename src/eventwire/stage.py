"""What a pipeline stage is: a plain callable with a declared contract.

A stage function takes a `Document` and the shared `Resources` and returns the document::

    def stage(doc: Document, *, resources: Resources) -> Document

Its `Stage` entry names what it `reads` and `writes` among `FIELDS`; the runner in
`eventwire.pipeline` checks before a run that every field a stage reads is written by an
earlier stage (or is given by the reader), and after each call that the stage returned a
`Document` and left the fields it does not declare untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .errors import ConfigError
from .record import Document

if TYPE_CHECKING:
    from .resources import Resources

__all__ = ["FIELDS", "INPUT_FIELDS", "BatchFunc", "Stage", "StageFunc"]

#: Every field of `Document` a stage may read or write.
FIELDS: tuple[str, ...] = (
    "article", "text", "nlp", "entities", "actors", "quotes", "times", "places", "events",
)  # fmt: skip
#: What a reader gives before any stage runs.
INPUT_FIELDS: tuple[str, ...] = ("article", "text")


class StageFunc(Protocol):
    def __call__(self, doc: Document, *, resources: Resources) -> Document: ...


BatchFunc = Callable[[Sequence[Document], "Resources"], list[Document]]


@dataclass(frozen=True)
class Stage:
    """A registered stage: its name, function, contract and one line of help."""

    name: str
    func: StageFunc
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    help: str
    #: Optional faster path over many documents (the segment stage uses spaCy's nlp.pipe);
    #: it must give the same result as calling `func` on each.
    batch: BatchFunc | None = None

    def __post_init__(self) -> None:
        unknown = [f for f in (*self.reads, *self.writes) if f not in FIELDS]
        if unknown:
            raise ConfigError(f"stage {self.name!r} declares unknown fields {unknown}")


class Registry:
    """Stages by name. Filled explicitly (see `eventwire.registrations`), never on import."""

    def __init__(self) -> None:
        self._stages: dict[str, Stage] = {}

    def register(self, stage: Stage) -> None:
        if stage.name in self._stages:
            raise ConfigError(f"a stage named {stage.name!r} is already registered")
        self._stages[stage.name] = stage

    def get(self, name: str) -> Stage:
        try:
            return self._stages[name]
        except KeyError as e:
            known = ", ".join(sorted(self._stages))
            raise ConfigError(f"no stage named {name!r} (known: {known})") from e

    def names(self) -> list[str]:
        return list(self._stages)
