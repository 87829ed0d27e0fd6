"""The store on SQLite and on a real PostgreSQL: writes, re-ingest, filters, runs, exports.

The PostgreSQL server is started here from the binaries on the machine (initdb, pg_ctl) as a
dedicated user; without them these cases skip, except under CI, where they fail.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import ConfigError, EmptyInputError
from eventwire.readers import InputFailure
from eventwire.record import (
    Actor,
    Article,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    Quote,
    TimeRef,
)
from eventwire.store import (
    Filters,
    NotFoundError,
    Store,
    StoreError,
    StoreUnavailableError,
    default_url,
    ingest,
    normalize_url,
)
from eventwire.store.export import EXTRA_COLUMNS, POLECAT_COLUMNS, write_export

ROOT = Path(__file__).resolve().parent.parent

# -- a small made-up corpus -------------------------------------------------------------------

A1_TEXT = (
    "Ruritania's army shelled the Bordurian town of Szohod on Monday. "
    '"We will answer," the Bordurian defence minister Kurt Vlas said.'
)
A2_TEXT = "Borduria and Ruritania agreed to a ceasefire in Vienna on Sunday."
A3_TEXT = "Syldavia denied that it had sent troops to Borduria."

STATES = {
    "Ruritania": ("RUR", "GOV", "state"),
    "Borduria": ("BOR", "GOV", "state"),
    "Syldavia": ("SYL", "GOV", "state"),
    "Kurt Vlas": ("BOR", "GOV", "person"),
}


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def build_doc(
    article_id: str,
    published: str,
    text: str,
    *,
    actors: list[tuple[str, str]],
    events: list[dict[str, Any]],
    places: list[tuple[str, str, float, float]] = (),  # type: ignore[assignment]
    title: str | None = None,
) -> Document:
    """A coded document from (name, surface) actors and event specs naming actors."""
    doc = Document(
        article=Article(id=article_id, published=published, title=title, outlet="Test Wire"),
        text=text,
    )
    ids: dict[str, str] = {}
    for n, (name, surface) in enumerate(actors, start=1):
        country, sector, kind = STATES[name]
        s, e = _span(text, surface)
        ids[name] = f"A{n}"
        doc.actors.append(
            Actor(id=f"A{n}", name=name, country=country, sector=sector, kind=kind,
                  mentions=[Mention(s, e, surface)])
        )  # fmt: skip
    for n, (surface, country, lat, lon) in enumerate(places, start=1):
        s, e = _span(text, surface)
        doc.places.append(
            Place(id=f"P{n}", text=surface, start=s, end=e, name=surface, country=country,
                  lat=lat, lon=lon, feature="city")
        )  # fmt: skip
    for n, spec in enumerate(events, start=1):
        s, e = _span(text, spec["evidence"])
        doc.events.append(
            Event(
                id=f"V{n}", type=spec["type"], source=[ids[a] for a in spec["source"]],
                target=[ids[a] for a in spec["target"]], status=spec.get("status", "occurred"),
                date=spec.get("date", published), location=spec.get("location"),
                evidence=[Evidence(s, e, spec["evidence"])], intensity=spec["intensity"],
                quad=spec["quad"], confidence=0.8, cameo=spec.get("cameo"),
            )
        )  # fmt: skip
    return doc


def corpus() -> list[Document]:
    a1 = build_doc(
        "a1", "2024-03-02", A1_TEXT, title="Shelling in Szohod",
        actors=[("Ruritania", "Ruritania"), ("Borduria", "Bordurian"), ("Kurt Vlas", "Kurt Vlas")],
        places=[("Szohod", "BOR", 46.1, 19.2)],
        events=[
            {"type": "ASSAULT", "source": ["Ruritania"], "target": ["Borduria"],
             "evidence": "Ruritania's army shelled the Bordurian town of Szohod",
             "intensity": -9.0, "quad": 4, "date": "2024-02-26", "location": "P1",
             "cameo": "195"},
            {"type": "THREATEN", "source": ["Kurt Vlas"], "target": ["Ruritania"],
             "status": "future", "evidence": "We will answer", "intensity": -4.4, "quad": 4},
        ],
    )  # fmt: skip
    s, e = _span(A1_TEXT, "We will answer")
    a1.quotes.append(Quote(id="Q1", text="We will answer", start=s, end=e, kind="direct",
                           speaker="A3", cue="said"))  # fmt: skip
    s, e = _span(A1_TEXT, "on Monday")
    a1.times.append(TimeRef(id="T1", text="on Monday", start=s, end=e, value="2024-02-26",
                            anchor="2024-03-02"))  # fmt: skip
    a2 = build_doc(
        "a2", "2024-04-15", A2_TEXT,
        actors=[("Borduria", "Borduria"), ("Ruritania", "Ruritania")],
        places=[("Vienna", "AUT", 48.2, 16.37)],
        events=[{"type": "AGREE", "source": ["Borduria"], "target": ["Ruritania"],
                 "evidence": "Borduria and Ruritania agreed to a ceasefire", "intensity": 8.0,
                 "quad": 1, "location": "P1"}],
    )  # fmt: skip
    a3 = build_doc(
        "a3", "2024-04-20", A3_TEXT,
        actors=[("Syldavia", "Syldavia"), ("Borduria", "Borduria")],
        events=[{"type": "MOBILIZE", "source": ["Syldavia"], "target": ["Borduria"],
                 "status": "negated", "evidence": "sent troops to Borduria", "intensity": -5.0,
                 "quad": 4, "date": "2024-W16"}],
    )  # fmt: skip
    return [a1, a2, a3]


# -- backends ---------------------------------------------------------------------------------

PG_USER = "eventwire_pg"


def _pg_binaries() -> Path | None:
    found = shutil.which("initdb")
    folders = [Path(found).resolve().parent] if found else []
    folders.append(Path("/usr/lib/postgresql/15/bin"))
    for folder in folders:
        if all((folder / b).exists() for b in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _as_pg_user(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: use a dedicated user then
    return ["runuser", "-u", PG_USER, "--", *args] if os.geteuid() == 0 else args


@contextmanager
def postgres_server(binaries: Path) -> Iterator[str]:
    """A throwaway server on a free local port; yields the URL of its `postgres` database."""
    if os.geteuid() == 0 and subprocess.run(["id", "-u", PG_USER], capture_output=True).returncode:
        subprocess.run(["useradd", "--system", "--no-create-home", PG_USER], check=True)
    root = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user=PG_USER)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data, ctl = str(root / "data"), str(binaries / "pg_ctl")
    user = PG_USER if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    subprocess.run(
        _as_pg_user([str(binaries / "initdb"), "-D", data, "-U", user, "--auth=trust",
                     "--no-sync", "-E", "UTF8", "--locale=C"]),
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_pg_user([ctl, "-D", data, "-o", options, "-w", "-l", str(root / "log"), "start"]),
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    try:
        yield f"postgresql://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_pg_user([ctl, "-D", data, "-m", "fast", "stop"]),
                       capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    binaries = _pg_binaries()
    if binaries is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries (initdb, pg_ctl, postgres) are missing under CI")
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl, postgres) are not installed")
    with postgres_server(binaries) as url:
        yield url


_counter = iter(range(1_000_000))


def _fresh_pg_database(server_url: str) -> str:
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}"
    with psycopg.connect(server_url.replace("postgresql://", "postgresql://", 1),
                         autocommit=True) as conn:  # fmt: skip
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = _fresh_pg_database(request.getfixturevalue("pg_server"))
    s = Store(url)
    yield s
    s.close()


@pytest.fixture()
def filled(store: Store) -> Store:
    for doc in corpus():
        store.put(doc)
    return store


# -- writes -----------------------------------------------------------------------------------


def test_round_trip_keeps_every_field(store: Store) -> None:
    for doc in corpus():
        assert store.put(doc) == "inserted"
    for doc in corpus():
        assert store.document(doc.article.id).to_dict() == doc.to_dict()


def test_storing_twice_updates_in_place(filled: Store) -> None:
    before = filled.counts()
    assert [filled.put(d) for d in corpus()] == ["updated"] * 3
    assert filled.counts() == before
    assert before["articles"] == 3 and before["events"] == 4 and before["dyads"] == 4
    assert before["mentions"] == 7 and before["quotes"] == 1 and before["times"] == 1


def test_same_text_under_a_new_id_is_the_same_article(filled: Store) -> None:
    doc = corpus()[2]
    doc.article.id = "renamed"
    assert filled.put(doc) == "updated"
    assert filled.counts()["articles"] == 3
    assert filled.document("renamed").text == A3_TEXT
    with pytest.raises(NotFoundError):
        filled.document("a3")


def test_recoding_keeps_the_pipeline_version(store: Store) -> None:
    old, new = corpus()[0], corpus()[0]
    store.put(old, pipeline_version="0.0.9")
    assert store.article("a1")[1]["pipeline_version"] == "0.0.9"
    new.events = new.events[:1]
    store.put(new, pipeline_version="0.2.0")
    assert store.article("a1")[1]["pipeline_version"] == "0.2.0"
    events = store.events().items
    assert [(e["event_id"], e["pipeline_version"]) for e in events] == [("V1", "0.2.0")]


def test_delete_removes_every_part(filled: Store) -> None:
    filled.delete("a1")
    counts = filled.counts()
    assert (counts["articles"], counts["events"], counts["mentions"]) == (2, 2, 4)
    assert (counts["quotes"], counts["times"], counts["evidence"]) == (0, 0, 2)


# -- queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["a3:V1", "a2:V1", "a1:V2", "a1:V1"]),
        (Filters(actor="borduria"), ["a3:V1", "a2:V1", "a1:V1"]),
        (Filters(country="bor"), ["a3:V1", "a2:V1", "a1:V2", "a1:V1"]),
        (Filters(country="SYL"), ["a3:V1"]),
        (Filters(type=("assault", "AGREE")), ["a2:V1", "a1:V1"]),
        (Filters(status=("future",)), ["a1:V2"]),
        (Filters(date_from="2024-04-01", date_to="2024-04-30"), ["a3:V1", "a2:V1"]),
        (Filters(date_to="2024-02-28"), ["a1:V1"]),
        (Filters(q="ceasefire"), ["a2:V1"]),
        (Filters(q="Szohod"), ["a1:V1"]),  # in V1's evidence; V2 only shares the article
        (Filters(q='"AND OR ( NEAR'), []),  # query syntax is never interpreted
        (Filters(source="Ruritania", target="borduria"), ["a1:V1"]),
        (Filters(target="Ruritania"), ["a2:V1", "a1:V2"]),
        (Filters(article="a3"), ["a3:V1"]),
    ],
)
def test_event_filters(filled: Store, filters: Filters, expected: list[str]) -> None:
    page = filled.events(filters)
    assert [f"{e['article_id']}:{e['event_id']}" for e in page.items] == expected
    assert page.total == len(expected)


def test_event_rows_carry_names_places_and_evidence(filled: Store) -> None:
    (event,) = filled.events(Filters(type=("ASSAULT",))).items
    assert [a["name"] for a in event["source"]] == ["Ruritania"]
    assert [a["name"] for a in event["target"]] == ["Borduria"]
    assert event["location"]["name"] == "Szohod" and event["location"]["lat"] == 46.1
    assert event["evidence"][0]["text"].startswith("Ruritania's army shelled")
    assert (event["day"], event["published"], event["title"]) == (
        "2024-02-26",
        "2024-03-02",
        "Shelling in Szohod",
    )


def test_week_dates_fall_back_to_the_publication_day(filled: Store) -> None:
    (event,) = filled.events(Filters(article="a3")).items
    assert (event["date"], event["day"]) == ("2024-W16", "2024-04-20")


@pytest.mark.parametrize(
    ("date", "day"),
    [
        ("2006", "2006-01-01"),  # "a war in 2006": a background event, not news of the day
        ("2024-03", "2024-03-01"),  # "last month's raid"
        ("2024-04", "2024-04-20"),  # this month: the publication day is the better guess
        ("FUTURE_REF", "2024-04-20"),
    ],
)
def test_coarse_event_dates_file_background_events_in_their_own_period(
    store: Store, date: str, day: str
) -> None:
    doc = build_doc(
        "bg", "2024-04-20", A3_TEXT,
        actors=[("Syldavia", "Syldavia"), ("Borduria", "Borduria")],
        events=[{"type": "MOBILIZE", "source": ["Syldavia"], "target": ["Borduria"],
                 "evidence": "sent troops to Borduria", "intensity": -5.0, "quad": 4,
                 "date": date}],
    )  # fmt: skip
    store.put(doc)
    (event,) = store.events(Filters(article="bg")).items
    assert (event["date"], event["day"]) == (date, day)


def test_pagination(filled: Store) -> None:
    first = filled.events(limit=3, offset=0)
    second = filled.events(limit=3, offset=3)
    assert (first.total, len(first.items), len(second.items)) == (4, 3, 1)
    assert second.items[0]["event_id"] == "V1" and second.items[0]["article_id"] == "a1"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["a3", "a2", "a1"]),
        (Filters(actor="Syldavia"), ["a3"]),
        (Filters(type=("THREATEN",)), ["a1"]),
        (Filters(date_from="2024-04-16"), ["a3"]),
        (Filters(q="vienna"), ["a2"]),
        (Filters(country="AUT"), []),  # a place's country is not an actor's
    ],
)
def test_article_filters(filled: Store, filters: Filters, expected: list[str]) -> None:
    assert [a["id"] for a in filled.articles(filters).items] == expected


def test_actor_pages_count_in_one_pass_and_follow_every_write(filled: Store) -> None:
    pages = [filled.actors(limit=3), filled.actors(limit=3, offset=3), filled.actors(offset=9)]
    assert [(len(p.items), p.total) for p in pages] == [(3, 4), (1, 4), (0, 4)]
    first = filled.actors(limit=3)
    assert first == pages[0] and first.items is not pages[0].items  # reused, not shared
    filled.delete("a3")  # Syldavia's only article
    assert "Syldavia" not in [a["name"] for a in filled.actors().items]
    assert filled.actors(limit=3).total == 3


def test_actors_and_actor_page(filled: Store) -> None:
    page = filled.actors()
    assert [(a["name"], a["articles"], a["events"]) for a in page.items] == [
        ("Borduria", 3, 3), ("Ruritania", 2, 3), ("Kurt Vlas", 1, 1), ("Syldavia", 1, 1),
    ]  # fmt: skip
    assert [a["name"] for a in filled.actors(Filters(country="BOR")).items] == [
        "Borduria", "Kurt Vlas",
    ]  # fmt: skip
    actor = filled.actor("ruritania")
    assert actor["name"] == "Ruritania" and actor["articles"] == 2
    assert actor["targets"] == [{"name": "Borduria", "events": 1, "mean_intensity": -9.0}]
    assert sorted(s["name"] for s in actor["sources"]) == ["Borduria", "Kurt Vlas"]
    with pytest.raises(NotFoundError):
        filled.actor("Atlantis")


def test_dyads_timeline_and_places(filled: Store) -> None:
    dyads = filled.dyads(period="month")
    assert {(d["source"], d["target"], d["period"], d["events"]) for d in dyads} == {
        ("Ruritania", "Borduria", "2024-02", 1), ("Kurt Vlas", "Ruritania", "2024-03", 1),
        ("Borduria", "Ruritania", "2024-04", 1), ("Syldavia", "Borduria", "2024-04", 1),
    }  # fmt: skip
    yearly = filled.dyads(Filters(actor="Ruritania"), period="year")
    assert sum(d["events"] for d in yearly) == 3
    timeline = filled.timeline(period="month")
    assert [(t["period"], t["type"], t["events"]) for t in timeline] == [
        ("2024-02", "ASSAULT", 1), ("2024-03", "THREATEN", 1), ("2024-04", "AGREE", 1),
        ("2024-04", "MOBILIZE", 1),
    ]  # fmt: skip
    assert filled.timeline(Filters(status=("negated",)), period="year") == [
        {"period": "2024", "type": "MOBILIZE", "events": 1, "mean_intensity": -5.0}
    ]
    assert {(p["name"], p["events"]) for p in filled.places()} == {("Szohod", 1), ("Vienna", 1)}
    with pytest.raises(StoreError):
        filled.timeline(period="fortnight")  # type: ignore[arg-type]


# -- ingest runs ------------------------------------------------------------------------------


def _items() -> list[Document | InputFailure]:
    bad = InputFailure(error=EmptyInputError("x.txt: empty"), article={"source": "x.txt"})
    docs: list[Document | InputFailure] = list(corpus())
    return [docs[0], bad, docs[1], docs[2]]


def test_ingest_records_the_run_and_its_failures(store: Store) -> None:
    seen: list[int] = []
    stats = ingest(store, _items(), pipeline=None, progress=lambda s: seen.append(s.done))
    assert (stats.inserted, stats.updated, stats.errors) == (3, 0, 1)
    assert seen == [1, 2, 3, 4]
    again = ingest(store, _items(), pipeline=None, source="again")
    assert (again.inserted, again.updated, again.errors) == (0, 3, 1)
    runs = store.runs()
    assert [(r["source"], r["status"], r["ok"], r["errors"]) for r in runs] == [
        ("again", "done", 3, 1), ("", "done", 3, 1),
    ]  # fmt: skip
    assert store.counts()["failures"] == 2


def test_interrupted_ingest_loses_and_duplicates_nothing(store: Store) -> None:
    def dying() -> Iterator[Document | InputFailure]:
        yield from corpus()[:2]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(store, dying(), pipeline=None)
    assert store.counts()["articles"] == 2
    ingest(store, corpus(), pipeline=None)
    clean = Store("sqlite://")
    ingest(clean, corpus(), pipeline=None)
    skip = {"runs", "failures"}
    assert {k: v for k, v in store.counts().items() if k not in skip} == {
        k: v for k, v in clean.counts().items() if k not in skip
    }
    assert [r["status"] for r in store.runs()] == ["done", "interrupted"]


_KILL_SCRIPT = """
import json, sys, time
from eventwire.record import Document
from eventwire.store import Store, ingest
docs = [Document.from_dict(json.loads(line)) for line in open(sys.argv[2])]
def slow():
    for d in docs:
        yield d
        time.sleep(0.15)
ingest(Store(sys.argv[1]), slow(), pipeline=None,
       progress=lambda s: print(s.done, flush=True))
"""


def test_killed_ingest_can_simply_be_run_again(tmp_path: Path) -> None:
    """SIGKILL mid-run, then the same ingest again: the store equals a clean one."""
    docs = [build_doc(f"k{i}", "2024-05-01", f"Ruritania shelled Borduria, report {i}.",
                      actors=[("Ruritania", "Ruritania"), ("Borduria", "Borduria")],
                      events=[{"type": "ASSAULT", "source": ["Ruritania"],
                               "target": ["Borduria"], "evidence": "Ruritania shelled Borduria",
                               "intensity": -9.0, "quad": 4}])
            for i in range(30)]  # fmt: skip
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in docs), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    command = [sys.executable, "-c", _KILL_SCRIPT, url, str(records)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for _ in range(5):  # five articles stored, then kill it
        proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    killed = Store(url).counts()
    assert 5 <= killed["articles"] < 30
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    counts = Store(url).counts()
    assert (counts["articles"], counts["events"], counts["dyads"], counts["mentions"]) == (
        30, 30, 30, 60,
    )  # fmt: skip
    assert [r["status"] for r in Store(url).runs()] == ["done", "running"]


def test_ingesting_the_bundled_example_twice(tmp_path: Path, pipeline: Any) -> None:
    from eventwire.readers import read_inputs

    s = Store(f"sqlite:///{tmp_path / 'ex.db'}")
    n = len(list(read_inputs([str(ROOT / "examples")])))
    first = ingest(s, read_inputs([str(ROOT / "examples")]), pipeline=pipeline)
    counts = s.counts()
    second = ingest(s, read_inputs([str(ROOT / "examples")]), pipeline=pipeline)
    assert (first.inserted, second.updated, first.errors) == (n, n, 0)
    assert {k: v for k, v in s.counts().items() if k != "runs"} == {
        k: v for k, v in counts.items() if k != "runs"
    }
    assert counts["events"] > 5 and counts["articles"] == n


# -- exports ----------------------------------------------------------------------------------


def test_csv_and_polecat_exports(filled: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    assert write_export(filled, out, fmt="csv", filters=Filters(type=("ASSAULT",))) == 1
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(row) == list(POLECAT_COLUMNS + EXTRA_COLUMNS)
    assert (row["Event ID"], row["Event Type"], row["Actor Name"], row["Recipient Name"]) == (
        "a1:V1", "assault", "Ruritania", "Borduria",
    )  # fmt: skip
    assert (row["Placename"], row["City"], row["Latitude"], row["Quad Code"]) == (
        "Szohod", "Szohod", "46.1", "4",
    )  # fmt: skip
    assert row["Evidence"] == "Ruritania's army shelled the Bordurian town of Szohod"
    path = tmp_path / "events.tsv"
    assert write_export(filled, path, fmt="polecat") == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(POLECAT_COLUMNS) and len(lines) == 5


def test_jsonl_and_parquet_exports(filled: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "records.jsonl"
    assert write_export(filled, path, fmt="jsonl", filters=Filters(actor="Syldavia")) == 1
    (record,) = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert record == corpus()[2].to_dict()
    parquet = tmp_path / "events.parquet"
    assert write_export(filled, parquet, fmt="parquet") == 4
    table = pq.read_table(parquet)
    assert table.num_rows == 4
    assert sorted(table.column("Event Intensity").to_pylist()) == [-9.0, -5.0, -4.4, 8.0]
    with pytest.raises(ConfigError):
        write_export(filled, io.StringIO(), fmt="parquet")
    with pytest.raises(ConfigError):
        write_export(filled, io.StringIO(), fmt="xlsx")


# -- schema, urls, errors ---------------------------------------------------------------------


def test_migrations_create_exactly_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from eventwire.store.models import Base

    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                # the full-text indexes live outside the models, by design
                "include_name": lambda name, kind, parent: (
                    not str(name).startswith(
                        ("articles_fts", "ix_articles_fts", "evidence_fts", "quotes_fts")
                    )
                    and name != "alembic_version"
                ),
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def test_service_tables_made_before_migration_0003_are_kept(tmp_path: Path) -> None:
    # Stores written before 0003 created the feed and alert tables on first use; upgrading
    # such a store must neither fail on the existing tables nor lose their rows.
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import MetaData, create_engine, insert, inspect, select

    from eventwire.store.core import MIGRATIONS
    from eventwire.store.models import ALERTS_TABLE, FEED_STATE_TABLE

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    old = MetaData()
    for table in (FEED_STATE_TABLE, ALERTS_TABLE):
        table.to_metadata(old)
    old.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(FEED_STATE_TABLE).values(feed="http://x/rss", outlet="X"))
    engine.dispose()

    store = Store(url)
    names = set(inspect(store.engine).get_table_names())
    assert {"feed_state", "feed_items", "feed_failures", "monitor_alerts"} <= names
    with store.engine.connect() as conn:
        assert conn.execute(select(FEED_STATE_TABLE.c.outlet)).scalars().all() == ["X"]
        assert conn.execute(select(ALERTS_TABLE)).all() == []
    store.close()


def test_reopening_an_existing_store_keeps_its_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    first = Store(url)
    first.put(corpus()[0])
    first.close()
    assert Store(url).counts()["articles"] == 1


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/tmp/x.db", "sqlite:////tmp/x.db"),
        ("sqlite:///rel.db", "sqlite:///rel.db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_normalize_url(given: str, expected: str) -> None:
    assert normalize_url(given) == expected


def test_default_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    assert default_url() == "sqlite:///" + str(
        Path("~/.local/share/eventwire/eventwire.db").expanduser()
    )
    monkeypatch.setenv("EVENTWIRE_DB", "/data/ew.db")
    assert default_url() == "sqlite:////data/ew.db"


@pytest.mark.parametrize(
    "url",
    ["postgresql://nobody@127.0.0.1:1/none", "not a url://", "sqlite:////proc/no/such/x.db"],
)
def test_unreachable_stores_raise_named_errors(url: str) -> None:
    with pytest.raises(StoreUnavailableError):
        Store(url)


# -- command line -----------------------------------------------------------------------------


@pytest.fixture()
def coded_file(tmp_path: Path) -> Path:
    path = tmp_path / "coded.jsonl"
    lines = [json.dumps(d.to_dict()) for d in corpus()] + ["{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(args: list[str], db: str) -> Any:
    from click.testing import CliRunner

    from eventwire.cli import cli

    return CliRunner().invoke(cli, [*args[:1], "--db", db, *args[1:]])


def test_cli_ingest_twice_then_query(tmp_path: Path, coded_file: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    first = _cli(["ingest", "--coded", "--no-progress", str(coded_file)], db)
    assert first.exit_code == 1, first.output  # one line failed: ingest says so (#19)
    assert "3 new, 0 updated, 1 failed (3 articles in the store)" in first.stderr
    second = _cli(["ingest", "--coded", "--no-progress", str(coded_file)], db)
    assert "0 new, 3 updated, 1 failed (3 articles in the store)" in second.stderr
    events = _cli(["events", "--type", "assault", "--json"], db)
    assert [json.loads(line)["event_id"] for line in events.stdout.splitlines()] == ["V1"]
    text = _cli(["events", "--actor", "Syldavia"], db)
    assert text.stdout.startswith("2024-04-20  MOBILIZE  negated      Syldavia -> Borduria")
    articles = _cli(["articles", "-q", "ceasefire", "--json"], db)
    assert [json.loads(line)["id"] for line in articles.stdout.splitlines()] == ["a2"]
    bad = _cli(["events", "--from", "2024-13-01"], db)
    assert bad.exit_code == 2 and "bad date" in bad.output


def test_cli_actor_query_and_export(tmp_path: Path, coded_file: Path) -> None:
    from click.testing import CliRunner

    from eventwire.cli.store import actors_query

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    _cli(["ingest", "--coded", "--no-progress", str(coded_file)], db)
    result = CliRunner().invoke(actors_query, ["--db", db, "--country", "BOR", "--json"])
    assert [json.loads(line)["name"] for line in result.stdout.splitlines()] == [
        "Borduria", "Kurt Vlas",
    ]  # fmt: skip
    out = tmp_path / "events.tsv"
    exported = _cli(["export", "--format", "polecat", "-o", str(out), "--to", "2024-03-31"], db)
    assert exported.exit_code == 0 and "2 rows written" in exported.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    parquet = _cli(["export", "--format", "parquet"], db)
    assert parquet.exit_code == 1 and "give --output PATH" in parquet.output


def test_cli_reports_an_unreachable_store(tmp_path: Path) -> None:
    result = _cli(["events"], "postgresql://nobody@127.0.0.1:1/none")
    assert result.exit_code == 1 and "cannot open the store" in result.output


def _people_doc(article_id: str, actors: list[Actor]) -> Document:
    text = " ".join(a.name for a in actors) + f" met on Monday ({article_id})."
    doc = Document(article=Article(id=article_id, published="2024-05-01"), text=text)
    offset = 0
    for actor in actors:
        actor.mentions = [Mention(offset, offset + len(actor.name), actor.name)]
        offset += len(actor.name) + 1
        doc.actors.append(actor)
    return doc


def test_actors_merge_across_articles_only_by_id_or_name_and_country(store: Store) -> None:
    for n, country in enumerate(["RUR", "BOR"], start=1):
        store.put(
            _people_doc(
                f"m{n}",
                [
                    Actor(id="A1", name="women", country=country, sector="CVL", kind="group"),
                    Actor(id="A2", name="Ruritanian officials", country="RUR", sector="GOV"),
                    Actor(id="A3", name="Vlas Party", country=country, kind="organization"),
                    Actor(id="A4", name="Ottokar", country=None, kb_id="KING_OTTOKAR"),
                    Actor(id="A5", name="organisation", country=None, kind="organization"),
                ],
            )
        )
    counts = sorted((a["name"], a["country"], a["articles"]) for a in store.actors().items)
    assert counts == [
        ("Ottokar", None, 2),  # one knowledge-base id
        ("Ruritanian officials", "RUR", 1),  # generic nouns stay in their article
        ("Ruritanian officials", "RUR", 1),
        ("Vlas Party", "BOR", 1),  # one name, two countries: two actors
        ("Vlas Party", "RUR", 1),
        ("organisation", None, 1),  # a common noun, however spelt, stays in its article
        ("organisation", None, 1),
        ("women", "BOR", 1),
        ("women", "RUR", 1),
    ]


def test_store_modules_have_one_job_and_stay_small() -> None:
    # store/core.py was 1,171 lines of schema, writes, runs, queries and mapping (issue #14)
    import eventwire.store

    folder = Path(eventwire.store.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    parts = {"engine.py", "writing.py", "runs.py", "where.py", "reads.py", "mapping.py"}
    assert parts <= set(sizes)
    assert max(sizes.values()) <= 600, sizes


def test_light_reads_decode_the_actor_lists_on_both_backends(filled: Store) -> None:
    # the light read takes the JSON lists as text and decodes them itself (a CAST: the
    # PostgreSQL driver would hand back lists); they must name the same actors as the events
    from eventwire.store.bulk import light_articles, window_articles

    found = window_articles(filled, Filters())
    light = {
        (e["article_id"], e["event_id"]): ([a["name"] for a in e["source"]],
                                           [a["name"] for a in e["target"]])
        for _, _, events in light_articles(filled, list(found)) for e in events.values()
    }  # fmt: skip
    full = {
        (e["article_id"], e["event_id"]): ([a["name"] for a in e["source"]],
                                           [a["name"] for a in e["target"]])
        for e in filled.events(limit=500).items
    }  # fmt: skip
    assert light == full and any(s and t for s, t in light.values())
