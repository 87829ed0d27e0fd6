"""The closed vocabularies (issue #14): `PloverType` carries each type's quad, score and root,
and every other list of types, statuses, periods, groups, regions and export formats (the
API's schemas, the UI's palette, the resources' tables, the CLI's choices) agrees with the
one in `eventwire.vocabulary`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import click
import pytest
from fastapi.testclient import TestClient

from eventwire import vocabulary
from eventwire.api import create_app, schemas
from eventwire.api import monitor as api_monitor
from eventwire.cli import cli
from eventwire.lexicon import Lexicon
from eventwire.monitor.charts import QUAD_NAMES
from eventwire.record import PLOVER_TYPES, STATUSES
from eventwire.resources import plover
from eventwire.store import FILTER_PARAMS, Store
from eventwire.store.export import EXPORT_FORMATS, ExportStream
from eventwire.vocabulary import GROUPS, PERIODS, REGIONS, PloverType, Quad
from eventwire.web.charts import PATTERNS, TYPE_COLORS
from eventwire.web.grid import CHIP_LABELS, EXPORT_LABELS


def test_a_type_is_its_name_as_a_plain_string() -> None:
    assert PloverType("ASSAULT") is PloverType.ASSAULT
    assert PloverType.ASSAULT == "ASSAULT" and f"{PloverType.AID}" == "AID"
    assert json.dumps({PloverType.AID: PloverType.AID}) == '{"AID": "AID"}'
    assert all(type(t) is str for t in PLOVER_TYPES)  # records and the store keep plain str


def test_types_carry_the_manuals_quad_and_score() -> None:
    assert (PloverType.ASSAULT.quad, PloverType.ASSAULT.score) == (Quad.MATERIAL_CONFLICT, -9.0)
    assert (PloverType.AID.quad, PloverType.AID.score) == (Quad.MATERIAL_COOPERATION, 10.0)
    assert PloverType.ACCUSE.score == -3.0  # the manual's +3 is a typo for verbal conflict
    by_quad = {q: [t.value for t in PloverType if t.quad is q] for q in Quad}
    assert by_quad[Quad.VERBAL_COOPERATION] == ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"]
    assert by_quad[Quad.VERBAL_CONFLICT] == ["REQUEST", "ACCUSE", "REJECT", "THREATEN"]
    assert [len(v) for v in by_quad.values()] == [4, 3, 4, 5]
    # the manual's order runs from cooperation to conflict, quad by quad
    assert [t.quad for t in PloverType] == sorted(t.quad for t in PloverType)


def test_roots_merge_concede_and_retreat_into_yield() -> None:
    roots = {t.root for t in PloverType}
    assert len(roots) == 15 and PloverType.CONCEDE.root == PloverType.RETREAT.root == "YIELD"
    assert PloverType.ASSAULT.root == "ASSAULT"


def test_quad_labels() -> None:
    assert [q.label for q in Quad] == [
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict",
    ]  # fmt: skip
    assert vocabulary.QUADS == (1, 2, 3, 4) and all(type(q) is int for q in vocabulary.QUADS)
    assert QUAD_NAMES == {1: "verbal cooperation", 2: "material cooperation",
                          3: "verbal conflict", 4: "material conflict"}  # fmt: skip


#: The PLOVER manual's scores, as the coder has always written them (ACCUSE's sign fixed).
_MANUAL_SCORES = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10.0,
    "RETREAT": 6.5, "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5,
    "PROTEST": -5.0, "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}  # fmt: skip


def test_every_table_of_types_is_a_view_of_the_enum() -> None:
    names = tuple(t.value for t in PloverType)
    assert PLOVER_TYPES == plover.TYPES == names == tuple(_MANUAL_SCORES)
    assert _MANUAL_SCORES == plover.TYPE_SCORE == {t.value: t.score for t in PloverType}
    assert {t.value: int(t.quad) for t in PloverType} == plover.TYPE_QUAD
    assert all(type(q) is int for q in plover.TYPE_QUAD.values())
    assert plover.ROOT["CONCEDE"] == "YIELD" and set(plover.ROOT) == set(names)
    assert tuple(TYPE_COLORS) == names  # one colour per type, in the types' order


def test_the_api_schemas_list_the_same_names() -> None:
    assert get_args(schemas.EventType) == PLOVER_TYPES
    assert get_args(schemas.StatusName) == STATUSES
    assert get_args(api_monitor.PeriodName) == PERIODS
    assert get_args(api_monitor.GroupName) == GROUPS
    assert get_args(api_monitor.RegionName) == tuple(REGIONS)
    assert get_args(api_monitor.ChartFormat) == vocabulary.CHART_FORMATS == ("png", "svg")


def test_the_store_exports_the_formats_of_the_vocabulary() -> None:
    assert EXPORT_FORMATS is vocabulary.EXPORT_FORMATS
    assert EXPORT_FORMATS == ("csv", "jsonl", "parquet", "polecat")
    # a new format needs its writer's media type and file suffix; the UI links a subset
    assert set(ExportStream.MEDIA_TYPES) == set(ExportStream.SUFFIXES) == set(EXPORT_FORMATS)
    assert set(EXPORT_LABELS) <= set(EXPORT_FORMATS)


def _choices(command: str, option: str) -> tuple[str, ...]:
    cmd = cli.commands[command]
    param = next(p for p in cmd.params if option in p.opts)
    assert isinstance(param.type, click.Choice)
    return tuple(param.type.choices)


@pytest.mark.parametrize(
    ("command", "option", "want"),
    [
        ("events", "--type", PLOVER_TYPES),
        ("events", "--status", STATUSES),
        ("export", "--format", EXPORT_FORMATS),
        ("trends", "--type", PLOVER_TYPES),
        ("trends", "--by", PERIODS),
        ("trends", "--group", GROUPS),
        ("report", "--by", PERIODS),
    ],
)
def test_cli_choices_are_the_vocabularys(command: str, option: str, want: tuple) -> None:
    assert _choices(command, option) == want


def test_the_cli_takes_its_choices_without_loading_the_store() -> None:
    # the vocabulary imports nothing, so `eventwire --help` stays quick
    code = "import sys, eventwire.cli; print(sorted(m for m in sys.modules if 'sqlalchemy' in m))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_the_trends_form_offers_the_vocabularys_periods_and_groups(tmp_path: Path) -> None:
    client = TestClient(create_app(Store(f"sqlite:///{tmp_path}/t.db")))
    page = client.get("/trends?period=month&group=dyad").text
    for name in (*PERIODS, *GROUPS):
        assert re.search(rf"<option( selected)?>{name}</option>", page), name
    assert "<option selected>month</option>" in page and "<option selected>dyad</option>" in page


def test_every_filter_has_one_name_in_the_cli_and_the_ui() -> None:
    # the parser is one (store/filters.py); the CLI's options and the UI's chips name its params
    options = {p.name for p in cli.commands["events"].params}
    as_option = {"type": "types", "status": "statuses"}
    cli_names = {f for f in FILTER_PARAMS if as_option.get(f, f) in options}
    assert set(FILTER_PARAMS) - cli_names == {"place"}  # a map link's filter, not typed
    # every filter, place too: a map link's /events?place=... shows (and removes) its chip
    assert set(CHIP_LABELS) == set(FILTER_PARAMS)


def test_dedup_and_stories_class_each_status_alike() -> None:
    from eventwire.dedup import _status_class
    from eventwire.monitor.stories import status_class

    classes = {s: status_class(s) for s in STATUSES}
    assert classes == {s: _status_class(s) for s in STATUSES}
    assert classes == {"occurred": "real", "ongoing": "real", "future": "unreal",
                       "hypothetical": "unreal", "negated": "negated"}  # fmt: skip
    assert set(PATTERNS) == {*vocabulary.UNREAL_STATUSES, "unreal", "negated"}


def test_the_monitor_docs_list_the_shipped_regions() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "monitor.md").read_text()
    shipped = re.search(r"Regions shipped: (.*?);", text, re.S)
    assert shipped is not None
    assert re.findall(r"`([a-z-]+)`", shipped[1]) == list(REGIONS)


def test_lexicon_classes_of_types_name_plover_types() -> None:
    # classes such as [hostile_type] list PLOVER types as words: a misspelt one never matches
    lexicon = Lexicon()
    type_classes = [name for name in lexicon.classes if name.endswith("_type")]
    assert type_classes
    for name in type_classes:
        assert set(lexicon.words(name)) <= set(PLOVER_TYPES), name
