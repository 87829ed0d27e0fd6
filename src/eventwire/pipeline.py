"""The ordered stages and the runner that checks each stage's contract.

A `Pipeline` is a list of `Stage`s taken from a `Registry` by name. Building one checks that
every field a stage reads is given by the reader or written by an earlier stage; running one
checks that each stage returns a `Document` and touches only the fields it declares (cheap
identity checks, on by default). `Pipeline.run` processes many documents, using a stage's
batch path where it has one, and turns a failing article into an `ErrorRecord` so that a batch
never dies on one article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .errors import ConfigError, EventwireError, PipelineError
from .readers import InputFailure
from .record import Document, ErrorRecord
from .resources import Resources
from .stage import FIELDS, INPUT_FIELDS, Registry, Stage

__all__ = ["DEFAULT_STAGES", "Pipeline", "Registry", "Result"]

#: The order `eventwire extract` runs; `eventwire pipeline` prints it.
DEFAULT_STAGES: tuple[str, ...] = (
    "normalize", "segment", "entities", "actors", "quotes", "times", "places", "events",
)  # fmt: skip

Result = Document | ErrorRecord


@dataclass
class Pipeline:
    """Stages in order, with the resources they share."""

    stages: Sequence[Stage]
    resources: Resources
    check: bool = True

    def __post_init__(self) -> None:
        available = set(INPUT_FIELDS)
        for stage in self.stages:
            missing = [f for f in stage.reads if f not in available]
            if missing:
                raise ConfigError(
                    f"stage {stage.name!r} reads {missing}, which no earlier stage writes"
                )
            available.update(stage.writes)

    @classmethod
    def from_names(
        cls,
        names: Sequence[str] = DEFAULT_STAGES,
        *,
        resources: Resources | None = None,
        registry: Registry | None = None,
        check: bool = True,
    ) -> Pipeline:
        """The named stages from `registry` (default: eventwire's own stages)."""
        if registry is None:
            from .registrations import default_registry

            registry = default_registry()
        return cls(
            stages=[registry.get(n) for n in names],
            resources=resources or Resources(),
            check=check,
        )

    def __call__(self, doc: Document) -> Document:
        """Run every stage on one document; a failure raises `EventwireError`."""
        for stage in self.stages:
            doc = self._run_one(stage, doc)
        return doc

    def run(
        self, items: Iterable[Document | InputFailure], *, batch_size: int = 32
    ) -> Iterator[Result]:
        """Documents (and reader failures) in, records and error records out, in order."""
        chunk: list[Document | InputFailure] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= batch_size:
                yield from self._run_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._run_chunk(chunk)

    def _run_chunk(self, chunk: list[Document | InputFailure]) -> Iterator[Result]:
        # Slots keep input order; a failed slot holds its error record from then on.
        slots: list[Result] = [
            item.to_record() if isinstance(item, InputFailure) else item for item in chunk
        ]
        for stage in self.stages:
            live = [i for i, s in enumerate(slots) if isinstance(s, Document)]
            if not live:
                break
            if stage.batch is not None and len(live) > 1:
                docs = [slots[i] for i in live]
                try:
                    done = stage.batch(docs, self.resources)  # type: ignore[arg-type]
                except Exception:
                    done = None
                if (
                    done is not None
                    and len(done) == len(live)
                    and all(isinstance(d, Document) for d in done)
                ):
                    for i, d in zip(live, done, strict=True):
                        slots[i] = d
                    continue
            for i in live:
                doc = slots[i]
                assert isinstance(doc, Document)
                try:
                    slots[i] = self._run_one(stage, doc)
                except EventwireError as e:
                    slots[i] = _error_record(doc, e.kind, str(e))
                except Exception as e:
                    slots[i] = _error_record(
                        doc, "pipeline", f"stage {stage.name!r} failed: {type(e).__name__}: {e}"
                    )
        yield from slots

    def _run_one(self, stage: Stage, doc: Document) -> Document:
        if not self.check:
            return stage.func(doc, resources=self.resources)
        # the objects themselves are kept, so their identity cannot be reused by new ones
        before = {f: getattr(doc, f) for f in FIELDS if f not in stage.writes}
        out = stage.func(doc, resources=self.resources)
        if not isinstance(out, Document):
            raise PipelineError(
                f"stage {stage.name!r} returned {type(out).__name__}, not a Document"
            )
        touched = [f for f, value in before.items() if getattr(out, f) is not value]
        if touched:
            raise PipelineError(
                f"stage {stage.name!r} changed {touched}, which it does not declare"
            )
        return out

    def describe(self) -> list[dict[str, object]]:
        """Each stage's name, what it reads and writes, and its help line."""
        return [
            {"name": s.name, "reads": list(s.reads), "writes": list(s.writes), "help": s.help}
            for s in self.stages
        ]


def _error_record(doc: Document, kind: str, message: str) -> ErrorRecord:
    return ErrorRecord(article={"id": doc.article.id}, kind=kind, message=message)
