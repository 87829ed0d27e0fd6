"""Ingest at scale: resume after a kill, worker processes, the quarantine of failures."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.store import Store

TEMPLATES = [
    "Russia launched a drone attack on Kharkiv on Monday, Ukraine's air force said. Report {i}.",
    "Egypt and Qatar called for an immediate ceasefire in Gaza on Sunday. Report {i}.",
    "Israel warned Hezbollah on Tuesday that it would pay a heavy price. Report {i}.",
    "Protesters clashed with police in Lagos on Monday, officials said. Report {i}.",
]


def corpus(path: Path, n: int, *, bad: int = 0) -> Path:
    lines = [
        json.dumps({"id": f"a{i}", "published": "2024-11-02", "text": TEMPLATES[i % 4].format(i=i)})
        for i in range(n)
    ]
    lines += [json.dumps({"id": f"bad{i}", "text": "   "}) for i in range(bad)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rows(db: Path) -> list[tuple[str, str, str]]:
    store = Store(f"sqlite:///{db}")
    return sorted(
        (e["article_id"], e["type"], e["evidence"][0]["text"] if e["evidence"] else "")
        for e in store.iter_events()
    )


def test_kill_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    data = corpus(tmp_path / "in.jsonl", 60)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    eventwire = [sys.executable, "-m", "eventwire.cli.__main__"]
    base = ["ingest", str(data), "--workers", "1", "--no-progress"]
    env = {**os.environ, "EVENTWIRE_DB": str(killed)}
    log = tmp_path / "ingest.log"
    with log.open("w") as err:
        proc = subprocess.Popen([*eventwire, *base], env=env, stderr=err)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the ingest ended before it was killed: {log.read_text()}"
        if killed.exists():
            try:
                if 5 <= Store(f"sqlite:///{killed}").counts()["articles"] < 60:
                    break
            except Exception:
                pass
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    stored = Store(f"sqlite:///{killed}").counts()["articles"]
    assert 5 <= stored < 60
    done = subprocess.run(
        [*eventwire, *base, "--resume"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert f"{stored} already stored" in done.stderr
    env["EVENTWIRE_DB"] = str(clean)
    subprocess.run([*eventwire, *base], env=env, capture_output=True, timeout=300, check=True)
    assert rows(killed) == rows(clean)
    assert len(rows(clean)) >= 30


def test_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    data = corpus(tmp_path / "in.jsonl", 40, bad=2)
    runner = CliRunner()
    for name, workers in (("one.db", "1"), ("two.db", "2")):
        result = runner.invoke(
            cli,
            ["ingest", str(data), "--workers", workers, "--no-progress",
             "--db", str(tmp_path / name)],
        )  # fmt: skip
        assert result.exit_code == 1, result.output  # two articles failed (#19)
        assert "40 new, 0 updated, 2 failed" in result.stderr
    assert rows(tmp_path / "one.db") == rows(tmp_path / "two.db")


def test_errors_lists_the_quarantine(tmp_path: Path) -> None:
    data = corpus(tmp_path / "in.jsonl", 2, bad=1)
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(data), "--db", db, "--no-progress"]).exit_code == 1
    result = runner.invoke(cli, ["errors", "--db", db, "--json"])
    assert result.exit_code == 0
    [failure] = [json.loads(line) for line in result.stdout.splitlines()]
    assert failure["kind"] == "empty" and failure["article"] == "bad0"
    assert failure["run"] == 1


def test_ingest_exit_status_says_whether_any_article_failed(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "x.db")
    args = ["--db", db, "--no-progress", "--workers", "1"]
    good = runner.invoke(cli, ["ingest", str(corpus(tmp_path / "good.jsonl", 2)), *args])
    assert good.exit_code == 0, good.output
    every = corpus(tmp_path / "bad.jsonl", 0, bad=3)
    failed = runner.invoke(cli, ["ingest", str(every), *args])
    assert failed.exit_code == 1 and "0 new, 0 updated, 3 failed" in failed.stderr
    some = runner.invoke(cli, ["ingest", str(corpus(tmp_path / "mixed.jsonl", 2, bad=1)), *args])
    assert some.exit_code == 1 and "1 failed" in some.stderr
    assert Store(f"sqlite:///{db}").counts()["articles"] == 2  # the good ones are stored
    assert runner.invoke(cli, ["ingest", "--workers", "0", str(every)]).exit_code == 2


def _one(path: Path, text: str, published: str) -> Path:
    path.write_text(json.dumps({"id": "x1", "published": published, "text": text}) + "\n")
    return path


def test_a_corrected_article_is_recoded_on_resume_and_on_reingest(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "c.db"
    args = ["--db", str(db), "--no-progress", "--workers", "1"]
    first = _one(tmp_path / "v1.jsonl", TEMPLATES[0].format(i=1), "2024-11-02")
    assert runner.invoke(cli, ["ingest", str(first), *args]).exit_code == 0
    same = runner.invoke(cli, ["ingest", str(first), "--resume", *args])
    assert "0 new, 0 updated, 0 failed, 1 already stored" in same.stderr
    store = Store(f"sqlite:///{db}")
    for n, (text, published) in enumerate(
        [
            (TEMPLATES[2].format(i=1), "2024-11-02"),  # the text corrected
            (TEMPLATES[2].format(i=1), "2024-11-05"),  # then the date
        ]
    ):
        fixed = _one(tmp_path / f"v{n + 2}.jsonl", text, published)
        result = runner.invoke(cli, ["ingest", str(fixed), "--resume", *args])
        assert "0 new, 1 updated, 0 failed, 0 already stored" in result.stderr, result.stderr
        doc = store.document("x1")
        assert (doc.text, doc.article.published) == (text, published)
        assert [e.type for e in doc.events] == ["THREATEN"]
    again = _one(tmp_path / "v4.jsonl", TEMPLATES[3].format(i=1), "2024-11-06")
    result = runner.invoke(cli, ["ingest", str(again), *args])  # re-ingest, no --resume
    assert "0 new, 1 updated" in result.stderr
    assert store.document("x1").article.published == "2024-11-06"
    assert store.counts()["articles"] == 1
