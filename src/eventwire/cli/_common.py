"""What several commands share: the store option and opening it, store errors as CLI errors,
the actor files to load, the coder for a run, a progress bar."""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ..errors import EventwireError

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..record import Document, ErrorRecord
    from ..resources import Resources
    from ..store import Store
    from ..store.ingest import Coder

__all__ = [
    "SMALL",
    "Interrupted",
    "ProgressBar",
    "actor_files",
    "coder_for",
    "db_option",
    "errors_as_click",
    "loaded_resources",
    "open_store",
    "pipeline_for",
    "say_interrupted",
    "stop_on_signals",
    "terminal_safe",
    "with_progress",
]

# What a terminal would act on rather than show: C0 controls but tab and newline (ESC starts
# colour, cursor and OSC title/hyperlink sequences; CR and BS overwrite what is shown), DEL,
# the C1 controls (U+009B is a one-character CSI), and the bidirectional overrides that let
# text display in another order than it reads.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` with each control character written as a `\\uXXXX` escape, so that a title
    or any other stored text cannot drive the terminal that lists it. The escape is also
    valid inside a JSON string, so a JSON line stays JSON with the same meaning."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        envvar="EVENTWIRE_DB",
        metavar="URL",
        help="Store: a SQLAlchemy URL (sqlite:///x.db, postgresql://user@host/db) or a path. "
        "Default: $EVENTWIRE_DB, else ~/.local/share/eventwire/eventwire.db.",
    )(func)


def open_store(db: str | None) -> Store:
    from ..store import Store, default_url

    try:
        return Store(db or default_url())
    except EventwireError as e:
        raise click.ClickException(str(e)) from e


def errors_as_click(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EventwireError as e:
            raise click.ClickException(str(e)) from e

    return wrapper  # type: ignore[return-value]


#: Runs of fewer articles than this are coded in the calling process: starting worker
#: processes (each loads the model) costs more than it saves.
SMALL = 32


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGINT during a run: raised in the main thread to stop it cleanly.

    A KeyboardInterrupt, so that no `except Exception` in a stage swallows it; `exit_code`
    is the shell's convention (128 + the signal's number).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[list[int]]:
    """While inside, SIGTERM and SIGINT raise `Interrupted`; yields the signals received.

    Without this SIGTERM ends the process on the spot: no run is marked, no worker stopped,
    no word said. Off the main thread (an embedding program) nothing is changed.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum: int, _frame: object) -> None:
        received.append(signum)
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield received
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def say_interrupted(e: Interrupted, detail: str) -> NoReturn:
    """One line on stderr, then exit with 128 + the signal's number."""
    import click

    click.echo(f"eventwire: interrupted by {e.name}: {detail}", err=True)
    raise click.exceptions.Exit(e.exit_code)


def actor_files(extra: Iterable[Path] = ()) -> tuple[Path, ...]:
    """Actor files for every command that codes: `--actors` files, then the user's file."""
    from ..resources.kb import user_actors_path

    user = user_actors_path()  # one definition, shared with `eventwire actors`
    return tuple(extra) + ((user,) if user.is_file() else ())


@functools.cache
def loaded_resources(files: tuple[Path, ...]) -> Resources:
    """Loaded once per process and set of actor files (tests call commands many times)."""
    from ..resources import Resources

    return Resources(actor_files=files).load_all()


def pipeline_for(files: tuple[Path, ...]) -> Pipeline:
    """The default pipeline in this process."""
    from ..pipeline import Pipeline

    return Pipeline.from_names(resources=loaded_resources(files))


def coder_for(
    *,
    engine: str = "local",
    workers: int | None,
    scheduler: str | None = None,
    files: tuple[Path, ...],
    total: int | None,
) -> Coder:
    """How a run codes: in this process, in worker processes, or on a Dask cluster.

    An explicit `workers` is honoured; by default small runs (`total` under `SMALL`) stay in
    this process and larger or unknown ones use one worker per core.
    """
    from ..workers import default_workers, run_parallel

    n = workers or default_workers()
    if engine == "dask":
        from ..scale import run_dask

        return lambda items: run_dask(items, scheduler=scheduler, workers=n, actor_files=files)
    in_process = n == 1 or (workers is None and total is not None and total < SMALL)
    if in_process:
        return lambda items: pipeline_for(files).run(items)
    return lambda items: run_parallel(items, workers=n, actor_files=files)


class ProgressBar:
    """A rich progress bar on stderr: count, rate, errors so far and, with a total, the ETA.

    Used as a context manager; `set` moves it. Nothing is drawn unless `show`.
    """

    def __init__(
        self, *, label: str, total: int | None, show: bool, transient: bool = False
    ) -> None:
        self.label = label
        self.total = total
        self.show = show
        self.transient = transient
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> ProgressBar:
        if not self.show:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"),
        ]
        if self.total is not None:
            columns += [TextColumn("ETA"), TimeRemainingColumn()]
        columns += [TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn()]
        self._bar = Progress(*columns, console=Console(stderr=True), transient=self.transient)
        self._bar.__enter__()
        self._task = self._bar.add_task(self.label, total=self.total, rate="-", errors=0)
        return self

    def set(self, *, done: int, errors: int) -> None:
        """Show `done` articles handled, `errors` of them failed."""
        if self._bar is None:
            return
        elapsed = self._bar.tasks[0].elapsed or 1e-9
        self._bar.update(self._task, completed=done, rate=f"{done / elapsed:.1f}", errors=errors)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def with_progress(
    results: Iterable[Document | ErrorRecord], *, show: bool, label: str = "coding"
) -> Iterator[Document | ErrorRecord]:
    """The same results, with a progress bar on stderr (count, rate, errors) if `show`."""
    from ..record import ErrorRecord

    with ProgressBar(label=label, total=None, show=show, transient=True) as bar:
        errors = 0
        for n, result in enumerate(results, start=1):
            errors += isinstance(result, ErrorRecord)
            bar.set(done=n, errors=errors)
            yield result
