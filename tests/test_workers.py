"""Worker processes give the same records, in the same order, as one process, and never
outlive their run: a signal stops them, and they end by themselves when their parent dies."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.pipeline import Pipeline
from eventwire.readers import InputFailure, make_document
from eventwire.record import Document, ErrorRecord
from eventwire.store import Store
from eventwire.workers import default_workers, run_parallel

TEXTS = [
    "Russia launched a drone attack on Kyiv overnight, Ukraine's air force said.",
    "Egypt and Qatar called for an immediate ceasefire in Gaza on Sunday.",
    "Iran's foreign minister met his Iraqi counterpart in Baghdad on Tuesday.",
    "   ",
    "Protesters clashed with police in Lagos on Monday, officials said.",
    "Israel warned Hezbollah that it would pay a heavy price for any attack.",
]


def test_default_workers() -> None:
    assert default_workers() >= 1


def test_parallel_equals_single_process(pipeline: Pipeline) -> None:
    docs = [
        make_document(t, published="2024-11-02", article_id=f"w{i}") for i, t in enumerate(TEXTS)
    ]
    failure = InputFailure(
        error=__import__("eventwire.errors").errors.EmptyInputError("x: empty"),
        article={"source": "x"},
    )
    items: list[Document | InputFailure] = [*docs[:2], failure, *docs[2:]]
    single = [r.to_dict() for r in pipeline.run(items)]
    parallel = list(run_parallel(items, workers=2, chunk_size=2))
    assert [r.to_dict() for r in parallel] == single
    assert isinstance(parallel[2], ErrorRecord) and parallel[2].kind == "empty"
    assert isinstance(parallel[4], ErrorRecord)  # the whitespace-only text
    assert all(r.nlp is None for r in parallel if isinstance(r, Document))


# -- lifecycle: no worker outlives its run -----------------------------------------------------

linux_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after "(comm)": state, ppid, ...
    return None if fields[0] in ("Z", "X") else int(fields[1])


def _alive(pid: int) -> bool:
    return _parent_of(pid) is not None


def _children(pid: int) -> list[int]:
    pids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]
    return [p for p in pids if _parent_of(p) == pid]


def _workers_of(pid: int, *, n: int, timeout: float = 60.0) -> list[int]:
    """The worker processes `pid` spawned (multiprocessing's spawn_main), once there are `n`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = []
        for child in _children(pid):
            with contextlib.suppress(OSError):
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(child)
        if len(found) >= n:
            return found
        time.sleep(0.1)
    raise AssertionError(f"process {pid} did not start {n} workers in {timeout:g} s")


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def _kill_all(pids: list[int]) -> None:
    """Test hygiene: whatever the outcome, no process of ours is left behind."""
    for pid in pids:
        if _alive(pid):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _ingest(tmp_path: Path, command: str = "ingest") -> subprocess.Popen[str]:
    """`eventwire ingest --workers 2` (or `extract`) over enough made-up articles to still be
    running when the test acts."""
    lines = [
        json.dumps(
            {
                "id": f"life{i}",
                "published": "2026-11-02",
                "text": f"The council of Velmora met union leaders on Monday, day {i} of the "
                "strike, "
                "and the harbour authority said talks would continue on Thursday.",
            }
        )
        for i in range(400)
    ]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n")
    env = {**os.environ, "HOME": str(tmp_path), "EVENTWIRE_DB": "", "EVENTWIRE_RULES": ""}
    # files, not pipes: a worker left behind would hold a pipe open and hang the test
    out = (tmp_path / "stdout").open("w")
    err = (tmp_path / "stderr").open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", command, "--workers", "2", "--no-progress",
         *(["--db", f"sqlite:///{tmp_path / 'life.db'}"] if command == "ingest" else []),
         str(tmp_path / "many.jsonl")],
        env=env, stdout=out, stderr=err, text=True,
    )  # fmt: skip


@linux_proc
def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    parent = _ingest(tmp_path)
    workers: list[int] = []
    try:
        workers = _workers_of(parent.pid, n=2)
        parent.kill()  # SIGKILL: no handler, no cleanup in the parent
        parent.wait(timeout=10)
        assert _gone_within(workers, 10.0) == []
    finally:
        parent.kill()
        parent.wait()
        _kill_all(workers)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
@linux_proc
def test_a_signal_stops_the_workers_and_marks_the_run(tmp_path: Path, signum: int) -> None:
    parent = _ingest(tmp_path)
    workers: list[int] = []
    try:
        workers = _workers_of(parent.pid, n=2)
        parent.send_signal(signum)
        with contextlib.suppress(subprocess.TimeoutExpired):
            parent.wait(timeout=30)
        left = _gone_within(workers, 5.0)
    finally:
        parent.kill()
        parent.wait()
        _kill_all(workers)
    stderr = (tmp_path / "stderr").read_text()
    assert parent.returncode == 128 + signum, stderr
    assert f"interrupted by {signal.Signals(signum).name}" in stderr
    assert "Traceback" not in stderr
    assert left == []
    with Store(f"sqlite:///{tmp_path / 'life.db'}") as store:
        assert [r["status"] for r in store.runs()] == ["interrupted"]


@linux_proc
def test_sigterm_stops_extract_and_its_workers(tmp_path: Path) -> None:
    parent = _ingest(tmp_path, "extract")
    workers: list[int] = []
    try:
        workers = _workers_of(parent.pid, n=2)
        parent.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            parent.wait(timeout=30)
        left = _gone_within(workers, 5.0)
    finally:
        parent.kill()
        parent.wait()
        _kill_all(workers)
    stderr = (tmp_path / "stderr").read_text()
    assert parent.returncode == 143 and "interrupted by SIGTERM" in stderr, stderr
    assert left == []


@linux_proc
def test_watch_parent_without_the_kernel_hook(tmp_path: Path) -> None:
    """The portable fallback alone (a thread polling getppid) ends an orphan in seconds."""
    ready = tmp_path / "watching"
    grandchild = (
        "import os, time; from eventwire.workers import watch_parent; "
        "watch_parent(os.getppid(), interval=0.1, kernel=False); "
        f"open({str(ready)!r}, 'w').close(); time.sleep(60)"
    )
    middle = (
        "import subprocess, sys, time; "
        f"p = subprocess.Popen([sys.executable, '-c', {grandchild!r}]); "
        "print(p.pid, flush=True); time.sleep(60)"
    )
    parent = subprocess.Popen([sys.executable, "-c", middle], stdout=subprocess.PIPE, text=True)
    orphan = 0
    try:
        assert parent.stdout is not None
        orphan = int(parent.stdout.readline())
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ready.exists() and _alive(orphan)
        parent.kill()
        parent.wait(timeout=10)
        assert _gone_within([orphan], 5.0) == []
    finally:
        parent.kill()
        parent.wait()
        _kill_all([orphan] if orphan else [])
