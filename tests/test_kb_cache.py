"""The cache of the bulk-imported knowledge-base files: same actors and keys as the files,
never stale, never fatal."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventwire.resources.kb import ActorKB, translit_key
from eventwire.resources.kb import cache as kb_cache
from eventwire.resources.kb.cache import CACHE_ENV, cache_dir, read_imported


def _built_file(path: Path, *names: str) -> Path:
    rows = [
        {
            "id": f"WD_Q{n}",
            "name": name,
            "kind": "person",
            "country": "FRA",
            "sectors": ["GOV"],
            "aliases": [f"{name} Jr."],
            "offices": [
                {
                    "title": "Mayor of Lyon",
                    "country": "FRA",
                    "sector": "GOV",
                    "from": "2001",
                    "to": None,
                }
            ],
            "source": "a test",
            "licence": "CC0",
        }
        for n, name in enumerate(names)
    ]
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    return path


def _state(kb: ActorKB) -> tuple[object, ...]:
    """Entries, keys and the indexes built from the cached keys (surnames, fuzzy keys)."""
    entries = [a.to_dict() for a in kb.entries.values()]
    keys, translits = kb._fuzzy_index
    return entries, dict(kb._keys), kb._first_names, kb._surnames, keys.strings, translits.strings


def test_the_cache_gives_what_the_files_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "")  # off: read the shipped files
    assert cache_dir() is None
    from_files = _state(ActorKB.load())
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    ActorKB.load().lookup("Tony Blair")  # fills the cache
    assert len(list(tmp_path.glob("kb-*.marshal"))) == 4

    def no_parsing(*_: object, **__: object) -> None:
        raise AssertionError("read the file, not the cache")

    monkeypatch.setattr(kb_cache, "_parse_file", no_parsing)
    assert _state(ActorKB.load()) == from_files


def test_a_changed_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    path = _built_file(tmp_path / "wikidata_test.jsonl.gz", "Ann Lee")
    first = read_imported(path)
    assert [(a.name, keys) for a, keys, _ in first] == [("Ann Lee", ("ann lee", "ann lee jr"))]
    assert first[0][2] == tuple(translit_key(k) for k in first[0][1])  # for fuzzy queries
    assert first[0][0].offices[0].title == "Mayor of Lyon"
    _built_file(path, "Bo Chen")
    assert [a.name for a, _, _ in read_imported(path)] == ["Bo Chen"]
    # the blob of the old content is gone: one file, one blob
    assert len(list((tmp_path / "cache").glob("kb-wikidata_test.jsonl.gz-*"))) == 1


def test_a_damaged_or_unwritable_cache_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    path = _built_file(tmp_path / "wikidata_test.jsonl.gz", "Ann Lee")
    read_imported(path)
    (blob,) = folder.glob("kb-*.marshal")
    blob.write_bytes(b"\x00 not marshal")
    assert [a.name for a, _, _ in read_imported(path)] == ["Ann Lee"]
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "cache"))
    assert [a.name for a, _, _ in read_imported(path)] == ["Ann Lee"]
