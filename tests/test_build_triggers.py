"""scripts/build_triggers.py: the CAMEO verb dictionary reader on a dictionary written for
these tests in PETRARCH's format, the derived rows, the precedence of the hand-written table,
and (when ../shared/data is here) that the shipped table matches a rebuild."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import build_triggers  # noqa: E402

from eventwire.resources.lexicons import data_text  # noqa: E402
from eventwire.resources.plover import Trigger, merge_triggers  # noqa: E402

DICTIONARY = """\
# A dictionary written for eventwire's tests.
####### SYNONYM SETS #######

&TRUCE
+TRUCE
+ARMISTICE
+CEASE_FIRE

&FLAG
+BANNER_
+FLAGS

####### VERB PATTERNS #######

---  HAIL   [051]  ---
HAIL
SALUTE {SALUTES SALUTED SALUTING }  # written for the tests
+CHEER_ON [---]
APPLAUD [---]
- * &TRUCE                                            [0871]        # HAIL
- * (FOR TALKS)                                       [046]         # SALUTED
- * (WITH)                                            [040]         # HAIL
- * ON                                                [053]         # HAIL
- * {PEACE PLAN}                                      [057]         # HAIL
- * DEAL (WITH NEIGHBOURS)                            [057]         # HAIL
- ENVOYS * TREATIES                                   [057]         # HAIL
- * STATEMENTS                                        [010]         # HAIL
- * REFORMS                                           [034]         # HAIL
- * REFORMS                                           [1041]        # HAIL
- * ACCORDS                                           [057]         # HAIL
- * ACCORDS                                           [0344]        # HAIL
- * ACCORDS                                           [057]         # HAIL
- * PRISONERS                                         [:0841]       # HAIL

---  TORCH   [---]  ---
TORCH [1712]
SINGE
- * &FLAG                                             [141]         # TORCHES

---  WAVE   [---]  ---
WAVE
- * &FLAG                                             [141]
"""

CODES: dict[str, dict[str, object]] = {
    "01": {"event": None, "note": "dropped"},
    "08": {"event": "CONCEDE|RETREAT", "note": "splits"},
    "010": {"event": None},
    "034": {"event": "AGREE", "mode": None, "context": ["political_institutions"]},
    "040": {"event": "CONSULT", "mode": None, "context": []},
    "046": {"event": "CONSULT", "mode": None, "context": ["diplomatic"]},
    "051": {"event": "SUPPORT", "mode": None, "context": ["diplomatic"]},
    "053": {"event": "SUPPORT", "mode": None, "context": ["diplomatic"]},
    "057": {"event": "SUPPORT", "mode": None, "context": ["diplomatic"]},
    "087": {"event": "RETREAT", "mode": "disarm", "context": ["military"]},
    "104": {"event": "REQUEST", "mode": "change", "context": ["political_institutions"]},
    "141": {"event": "PROTEST", "mode": "demo", "context": []},
    "1712": {"event": "ASSAULT", "mode": "seize", "context": ["human_security"]},
}


def _rows() -> dict[tuple[str, str], build_triggers.Row]:
    parsed = build_triggers.parse_dictionary(DICTIONARY)
    rows = build_triggers.derive_rows(parsed, build_triggers.plover_codes(CODES))
    return {(r.word, r.pos): r for r in rows}


def test_parser_reads_sets_blocks_verbs_and_patterns() -> None:
    parsed = build_triggers.parse_dictionary(DICTIONARY)
    assert parsed.synsets == {
        "&TRUCE": ["TRUCE", "ARMISTICE", "CEASE_FIRE"],
        "&FLAG": ["BANNER_", "FLAGS"],
    }
    assert [(b.name, b.code) for b in parsed.blocks] == [
        ("HAIL", "051"), ("TORCH", None), ("WAVE", None),
    ]  # fmt: skip
    hail = parsed.blocks[0]
    assert [(v.lemma, v.code) for v in hail.verbs] == [
        ("hail", None), ("salute", None), ("cheer on", "---"), ("applaud", "---"),
    ]  # fmt: skip
    assert "SALUTED" in hail.verbs[1].forms
    first = hail.patterns[0]
    assert (first.before, first.after, first.code, first.verb) == ((), ("&TRUCE",), "0871", "HAIL")
    assert hail.patterns[6].before == ("ENVOYS",)  # a subject constraint
    assert hail.patterns[-1].code is None  # [:0841] codes only the passive reading


def test_plover_codes_skip_dropped_and_split_codes() -> None:
    codes = build_triggers.plover_codes(CODES)
    assert "01" not in codes and "08" not in codes and "010" not in codes
    assert codes["087"] == ("RETREAT", "disarm", "military")
    assert codes["141"] == ("PROTEST", "demo", "")


def test_derived_rows() -> None:
    rows = _rows()
    got = {key: (r.type, r.mode, r.cameo, r.kind) for key, r in rows.items()}
    assert got == {
        # a block's code for its plain verbs; "applaud [---]" has none of its own
        ("hail", "V"): ("SUPPORT", "", "051", "synonym"),
        ("salute", "V"): ("SUPPORT", "", "051", "synonym"),
        ("torch", "V"): ("ASSAULT", "seize", "1712", "verb"),
        # a set expanded; "cease_fire" is no single lemma; 0871 falls back to 087
        ("hail truce", "VO"): ("RETREAT", "disarm", "0871", "object"),
        ("hail armistice", "VO"): ("RETREAT", "disarm", "0871", "object"),
        # the comment names an inflected form; a prepositional phrase's noun is the object
        ("salute talk", "VO"): ("CONSULT", "", "046", "phrase"),
        # a lone preposition, and a bare particle (a phrasal verb's: "cheer on")
        ("hail with", "V"): ("CONSULT", "", "040", "particle"),
        ("hail on", "V"): ("SUPPORT", "", "053", "particle"),
        # two ACCORDS votes for SUPPORT against one AGREE: SUPPORT, its own code
        ("hail accord", "VO"): ("SUPPORT", "", "057", "object"),
        # "BANNER_" stays as written; "FLAGS" is a plural
        ("torch banner", "VO"): ("PROTEST", "demo", "141", "object"),
        ("torch flag", "VO"): ("PROTEST", "demo", "141", "object"),
        # no comment: the block's only verb
        ("wave banner", "VO"): ("PROTEST", "demo", "141", "object"),
        ("wave flag", "VO"): ("PROTEST", "demo", "141", "object"),
    }
    # left out: multi-word nouns, two slots, a subject constraint, 010 (no PLOVER type), a
    # 1:1 tie (REFORMS: AGREE or REQUEST), a passive-only code, "singe" (no code) and the
    # phrasal "cheer on" and "applaud" ([---])


def test_frame_verbs_get_no_row_of_their_own() -> None:
    parsed = build_triggers.parse_dictionary(DICTIONARY)
    codes = build_triggers.plover_codes(CODES)
    rows = build_triggers.derive_rows(parsed, codes, frame_verbs=frozenset({"hail"}))
    keys = {(r.word, r.pos) for r in rows}
    assert ("hail", "V") not in keys and ("hail truce", "VO") in keys


def test_render_writes_chosen_classes_with_their_scope() -> None:
    parsed = build_triggers.parse_dictionary(DICTIONARY)
    rows = build_triggers.derive_rows(parsed, build_triggers.plover_codes(CODES))
    text = build_triggers.render(rows, scopes={"verb": "pair", "object": ""})
    body = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert ["torch", "V", "ASSAULT", "seize", "human_security", "1712", "pair"] in body
    assert ["hail truce", "VO", "RETREAT", "disarm", "military", "0871", ""] in body
    assert not any(r[0] in {"hail", "salute", "hail with"} for r in body)  # classes left out
    assert text.startswith("# GENERATED by scripts/build_triggers.py")
    assert "CC BY-SA 4.0" in text and "MIT" in text


def _trig(
    word: str, pos: str, event: str, *, particle: str | None = None, pair: bool = False
) -> Trigger:
    return Trigger(word, particle, pos, event, None, None, None, pair)


def test_earlier_tables_win() -> None:
    hand = [
        _trig("lift", "V", "RETREAT"),
        _trig("hold", "V", "COERCE", pair=True),
        _trig("give", "V", "AID", pair=True),
        _trig("give", "V", "CONCEDE", particle="in"),
        _trig("hold", "VO", "CONSULT", particle="meeting"),
        _trig("attack", "N", "ASSAULT"),
        _trig("rally", "N", "PROTEST"),
    ]
    derived = [
        _trig("lift", "V", "AGREE", pair=True),  # the hand's verb
        _trig("lift", "V", "AGREE", particle="up", pair=True),  # nor its particles
        _trig("lift", "VO", "RETREAT", particle="boycott", pair=True),  # "lift" is its own
        _trig("hold", "VO", "PROTEST", particle="rally", pair=True),  # "hold" is left to pairs
        _trig("hold", "VO", "AGREE", particle="meeting", pair=True),  # the hand's pair
        _trig("give", "VO", "THREATEN", particle="deadline", pair=True),  # only "give in" is own
        _trig("greet", "V", "SUPPORT", pair=True),  # a verb the hand lacks
        _trig("halt", "VO", "RETREAT", particle="attack", pair=True),  # "attack" is ASSAULT
        _trig("stage", "VO", "PROTEST", particle="rally", pair=True),  # the noun's own type
    ]
    merged = merge_triggers([hand, derived])
    assert merged[: len(hand)] == tuple(hand)
    assert [(t.word, t.particle) for t in merged[len(hand) :]] == [
        ("hold", "rally"), ("give", "deadline"), ("greet", None), ("stage", "rally"),
    ]  # fmt: skip


def test_shipped_table_header_names_sources_and_licences() -> None:
    text = "\n".join(data_text("event_triggers_cameo.tsv").splitlines()[:10])
    assert "CAMEO.2.0.txt" in text and "cameo2plover_2021.json" in text
    assert "MIT" in text and "CC BY-SA 4.0" in text
    assert "CC BY-SA" in data_text("NOTICE-events.md")


_SHARED = [p for p in (build_triggers.SHARED, Path("/work/shared/data")) if p.is_dir()]


@pytest.mark.skipif(
    not _SHARED or not (_SHARED[0] / "dictionaries" / "CAMEO.2.0.txt").is_file(),
    reason="../shared/data is not here",
)
def test_shipped_table_matches_a_rebuild() -> None:
    assert build_triggers.build(_SHARED[0]) == data_text("event_triggers_cameo.tsv")
