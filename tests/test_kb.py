from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventwire.errors import ResourceError
from eventwire.lexicon import use_lexicon
from eventwire.resources.kb import (
    ActorKB,
    KBActor,
    Office,
    normalize_key,
    title_role,
    translit_key,
)


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Islamic Republic", "islamic republic"),
        ("Al-Akhbar", "akhbar"),
        ("al Akhbar", "akhbar"),
        ("U.S.", "us"),
        ("Iran's", "iran"),
        ("Côte d’Ivoire", "cote divoire"),
        ("  Hezbollah\u00a0 ", "hezbollah"),
    ],
)
def test_normalize_key(text: str, key: str) -> None:
    assert normalize_key(text) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [("Khameini", "Khamenei"), ("Al-Ahkbar", "Al-Akhbar"), ("Hizbollah", "Hezbollah")],
)
def test_translit_key_folds_variants(a: str, b: str) -> None:
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Secretary of State", "foreign_minister"),
        ("Minister for Foreign Affairs of France", "foreign_minister"),
        ("foreign minister", "foreign_minister"),
        ("Minister of the Armed Forces of France", "defence_minister"),
        ("defense secretary", "defence_minister"),
        ("Vice President of the United States", "vice_president"),
        ("President of Iran", "president"),
        ("supreme leader", "supreme_leader"),
        ("Prime Minister of Israel", "prime_minister"),
        ("Acting President of Iran", "president"),
        (
            "Adviser on international affairs to the Supreme Leader",
            "adviser on international affairs to the supreme leader",
        ),
        ("President of the Kurdistan Region", "president_substate"),
        ("Chairman of the Transitional Sovereignty Council of Sudan", "head_of_state"),
    ],
)
def test_title_role(title: str, role: str) -> None:
    assert title_role(title) == role


@pytest.mark.parametrize(
    ("name", "kb_id"),
    [
        ("Tehran", "IRN"),
        ("the Kremlin", "RUS"),
        ("the White House", "USA"),
        ("Downing Street", "GBR"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Zionist regime", "ISR"),
        ("the Zionist entity", "ISR"),
        ("the Great Satan", "USA"),
        ("the Islamic Republic", "IRN"),
        ("Al-Akhbar", "AL_AKHBAR"),
        ("al Akhbar", "AL_AKHBAR"),
        ("Hizbullah", "HEZBOLLAH"),
        ("Hizballah", "HEZBOLLAH"),
        ("Nujaba'a", "NUJABA"),
        ("al-Nujaba", "NUJABA"),
        ("Daesh", "ISIS"),
        ("Ansar Allah", "HOUTHIS"),
        ("Ayatollah Khamenei", "ALI_KHAMENEI"),
        ("IRGC", "IRGC"),
        ("Associated Press", "AP"),
        ("DR Congo", "COD"),
        ("Riigikogu", "RIIGIKOGU"),
        ("SANDF", "SANDF"),
        ("Somali National News Agency", "SONNA"),
        ("Khürelsükh", "UKHNAAGIIN_KHURELSUKH"),
    ],
)
def test_lookup_exact(kb: ActorKB, name: str, kb_id: str) -> None:
    assert [a.id for a in kb.lookup(name)][:1] == [kb_id]


def test_lookup_excludes_demonyms(kb: ActorKB) -> None:
    assert kb.lookup("Iranians") == []


@pytest.mark.parametrize(
    ("name", "kb_id"),
    [("the Kremlin", "RUS"), ("Zhongnanhai", "CHN"), ("Brussels", "EU"), ("Iran", None)],
)
def test_metonym_of(kb: ActorKB, name: str, kb_id: str | None) -> None:
    assert kb.metonym_of(name) == kb_id


@pytest.mark.parametrize(
    ("name", "kb_id"),
    [
        ("Khameini", "ALI_KHAMENEI"),
        ("Al-Ahkbar", "AL_AKHBAR"),
        ("Hizbollah", "HEZBOLLAH"),
        ("Nujaba'a", "NUJABA"),
        ("Hezbolah", "HEZBOLLAH"),
        ("Netanyahou", "BENJAMIN_NETANYAHU"),
        ("Zelenskyi", "VOLODYMYR_ZELENSKY"),
    ],
)
def test_fuzzy(kb: ActorKB, name: str, kb_id: str) -> None:
    hits = kb.fuzzy(name)
    assert hits[0][0].id == kb_id
    assert 88.0 <= hits[0][1] <= 100.0


def test_fuzzy_rejects_unrelated(kb: ActorKB) -> None:
    assert kb.fuzzy("Quarterly earnings") == []


@pytest.mark.parametrize(
    ("word", "kb_id"),
    [("Iranian", "IRN"), ("Israelis", "ISR"), ("Palestinians", "PSE"), ("Hezbollah", None)],
)
def test_demonym(kb: ActorKB, word: str, kb_id: str | None) -> None:
    assert kb.demonym(word) == kb_id


@pytest.mark.parametrize(
    ("title", "org", "date", "kb_id"),
    [
        ("leader", "HEZBOLLAH", "2023-01-01", "HASSAN_NASRALLAH"),
        ("leader", "HAMAS", "2024-01-01", "ISMAIL_HANIYEH"),  # not the Gaza leader
        ("leader", "HOUTHIS", "2025-01-01", "ABDUL_MALIK_AL_HOUTHI"),
        ("commander", "IRGC", "2022-01-01", "HOSSEIN_SALAMI"),  # not a branch commander
        ("chief", "QUDS_FORCE", "2019-01-01", "QASEM_SOLEIMANI"),
        ("leader", "TALIBAN", "2023-01-01", "HIBATULLAH_AKHUNDZADA"),
    ],
)
def test_org_leader(kb: ActorKB, title: str, org: str, date: str, kb_id: str) -> None:
    found = kb.holder(title, org, date=date)
    assert found is not None and found.id == kb_id


@pytest.mark.parametrize(
    ("title", "country", "date", "kb_id"),
    [
        ("president", "USA", "2020-06-01", "DONALD_TRUMP"),
        ("president", "USA", "2022-06-01", "JOE_BIDEN"),
        ("president", "USA", "2025-06-01", "DONALD_TRUMP"),
        ("prime minister", "GBR", "2023-06-01", "RISHI_SUNAK"),
        ("prime minister", "GBR", "2025-06-01", "KEIR_STARMER"),
        ("supreme leader", "IRN", "2024-10-26", "ALI_KHAMENEI"),
        ("foreign minister", "IRN", "2019-01-01", "JAVAD_ZARIF"),
        ("foreign minister", "IRN", "2025-01-01", "ABBAS_ARAGHCHI"),
        ("defence minister", "ISR", "2024-01-01", "YOAV_GALLANT"),
        ("secretary of state", "USA", "2023-01-01", "ANTONY_BLINKEN"),
        ("secretary-general", "HEZBOLLAH", "2023-01-01", "HASSAN_NASRALLAH"),
        ("secretary-general", "HEZBOLLAH", "2025-01-01", "NAIM_QASSEM"),
        ("president", "SYR", "2020-01-01", "BASHAR_AL_ASSAD"),
        ("president", "SYR", "2025-06-01", "AHMED_AL_SHARAA"),
        ("president", "USA", "1990-01-01", "USC_B001166"),  # George H. W. Bush, from Congress data
        ("president", "IRQ", "2020-01-01", "BARHAM_SALIH"),  # not the Kurdistan Region's
        ("president", "SDN", "2025-06-01", "ABDEL_FATTAH_AL_BURHAN"),  # council chairman
        ("Iran's supreme leader", "IRN", "2020-01-01", "ALI_KHAMENEI"),
        ("prime minister", "YEM", "2025-06-01", "SALEM_BIN_BREIK"),  # not the Houthis' PM
    ],
)
def test_holder(kb: ActorKB, title: str, country: str, date: str, kb_id: str | None) -> None:
    found = kb.holder(title, country, date=date)
    assert (found.id if found else None) == kb_id


@pytest.mark.parametrize(
    ("kb_id", "date", "sector"),
    [
        ("AHMED_AL_SHARAA", "2020-01-01", "REB"),
        ("AHMED_AL_SHARAA", "2025-06-01", "GOV"),
        ("JOSEPH_AOUN", "2020-01-01", "MIL"),
        ("JOSEPH_AOUN", "2025-06-01", "GOV"),
        ("IRGC", "2025-06-01", "MIL"),
        ("HEZBOLLAH", None, "REB"),
        # out of every office: PLOVER's ELI ("former government officials")
        ("ANGELA_MERKEL", "2020-06-01", "GOV"),
        ("ANGELA_MERKEL", "2022-01-10", "ELI"),
        ("ANGELA_MERKEL", None, "ELI"),
        ("DONALD_TRUMP", "2022-06-01", "ELI"),
        ("DONALD_TRUMP", "2025-06-01", "GOV"),
        ("BARACK_OBAMA", "2005-01-01", "GOV"),  # before any office: his listed sector
        ("ANDREI_KARTAPOLOV", "2021-01-01", "GOV"),
        ("ANDREI_KARTAPOLOV", "2023-01-01", "LEG"),
        ("ALBIN_KURTI", "2021-01-01", "PTY"),
        ("ALBIN_KURTI", "2021-10-01", "GOV"),
        ("JAM_KAMAL_KHAN", "2022-10-20", "LEG"),
        ("PHX_ABDUL_AZIMI", "2010-01-01", "ELI"),
        ("PHX_ABDUL_AZIMI", None, "GOV"),  # imported facts stop in 2014: no ELI after that
    ],
)
def test_sector_on(kb: ActorKB, kb_id: str, date: str | None, sector: str) -> None:
    kb.lookup("Tony Blair")  # loads the imported people
    actor = kb.get(kb_id)
    assert actor is not None
    assert actor.sector_on(date) == sector


def _actor(kb_id: str, alias: str, valid_from: str | None, valid_to: str | None) -> KBActor:
    return KBActor(
        id=kb_id,
        name=kb_id.title(),
        kind="group",
        country="XKX",
        sectors=("REB",),
        aliases=(alias,),
        valid_from=valid_from,
        valid_to=valid_to,
    )


@pytest.mark.parametrize(
    ("date", "first"),
    [("2010-05-01", "OLD_FRONT"), ("2020-05-01", "NEW_FRONT"), (None, "NEW_FRONT")],
)
def test_lookup_prefers_active_on_date(date: str | None, first: str) -> None:
    small = ActorKB(
        [
            _actor("OLD_FRONT", "the Front", None, "2015-12-31"),
            _actor("NEW_FRONT", "the Front", "2016", None),
        ]
    )
    assert next(a.id for a in small.lookup("Front", date=date)) == first
    assert "alias 'front' claimed by OLD_FRONT, NEW_FRONT" in small.conflicts()


def test_active_on(kb: ActorKB) -> None:
    hts = kb.get("HTS")
    assert hts is not None
    assert hts.active_on("2020-01-01") and not hts.active_on("2026-01-01")


def test_office_held_on_partial_dates() -> None:
    office = Office(title="Leader", country="IRN", sector="GOV", start="2015", end="2016-03")
    assert office.held_on("2015-01-01") and office.held_on("2016-03-31")
    assert not office.held_on("2016-04-01")


def test_shipped_data_has_no_conflicts(kb: ActorKB) -> None:
    assert kb.conflicts() == []


def test_shipped_data_breadth(kb: ActorKB) -> None:
    kinds: dict[str, int] = {}
    hand_written = [a for a in kb.entries.values() if not a.lookup_only]
    for actor in hand_written:
        kinds[actor.kind] = kinds.get(actor.kind, 0) + 1
    assert kinds["state"] + kinds["territory"] >= 249
    assert kinds["person"] >= 650
    legislatures = {
        a.country for a in hand_written if a.sectors[:1] == ("LEG",) and a.kind != "person"
    }
    assert len(legislatures) >= 60
    assert kinds["outlet"] >= 80
    assert sum(1 for a in kb.entries.values() if a.offices) >= 150


def test_user_file_overrides(tmp_path: Path) -> None:
    user = tmp_path / "actors.jsonl"
    lines = [
        {"id": "IRN", "name": "Iran (user)", "kind": "state", "country": "IRN", "sectors": ["GOV"]},
        {"id": "LOCAL_MILITIA", "name": "Local Militia", "kind": "group", "country": "IRQ",
         "sectors": ["REB"], "aliases": ["the Lions of Nowhere"]},
    ]  # fmt: skip
    user.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    merged = ActorKB.load(extra=[user])
    iran = merged.get("IRN")
    assert iran is not None and iran.name == "Iran (user)"
    assert merged.lookup("Persia") == []  # the whole entry was replaced
    assert [a.id for a in merged.lookup("Lions of Nowhere")] == ["LOCAL_MILITIA"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "X", "name": "X", "kind": "state"}\n{"id": "Y"\n', ":2:"),
        ('{"id": "X", "name": "X", "kind": "planet"}\n', "unknown kind"),
        ('{"id": "X", "name": "X", "kind": "group", "aliases": "solo"}\n', "list of strings"),
    ],
)
def test_bad_user_file(tmp_path: Path, content: str, message: str) -> None:
    user = tmp_path / "bad.jsonl"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError, match=message):
        ActorKB.load(extra=[user])


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="not found"):
        ActorKB.load(extra=[tmp_path / "none.jsonl"])


def test_ruler_patterns(kb: ActorKB) -> None:
    patterns = kb.ruler_patterns(tokenize=str.split)
    strings = {
        (p["pattern"], p["id"], p["label"]) for p in patterns if isinstance(p["pattern"], str)
    }
    lowers = {
        (" ".join(t["LOWER"] for t in p["pattern"]), p["id"])
        for p in patterns
        if not isinstance(p["pattern"], str)
    }
    assert ("Hezbollah", "HEZBOLLAH", "ORG") in strings
    assert ("Kremlin", "RUS", "ORG") in strings
    assert ("Tehran", "IRN", "GPE") in strings
    assert ("Ali Khamenei", "ALI_KHAMENEI", "PERSON") in strings
    assert ("hezbollah", "HEZBOLLAH") in lowers
    assert ("turkey", "TUR") not in lowers  # a common word: case-sensitive only
    assert ("us", "USA") not in lowers
    assert not any(p == "Iranian" for p, _, _ in strings)
    # "The National" keeps its article: "National" alone is an ordinary word
    assert ("The National", "THE_NATIONAL", "ORG") in strings
    assert not any(p == "National" for p, _, _ in strings)
    assert ("the States", "USA", "GPE") in strings


def test_ruler_patterns_in_spacy(kb: ActorKB) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(kb.ruler_patterns(tokenize=lambda t: [x.text for x in nlp.tokenizer(t)]))
    doc = nlp("HEZBOLLAH fighters fired at Israel, the Kremlin said, and hezbollah denied it.")
    found = [(e.text, e.ent_id_) for e in doc.ents]
    assert found == [
        ("HEZBOLLAH", "HEZBOLLAH"),
        ("Israel", "ISR"),
        ("Kremlin", "RUS"),
        ("hezbollah", "HEZBOLLAH"),
    ]


_SECTORS = set(
    "GOV MIL REB UAF COP JUD LEG PTY SPY MED JRN CVL OPP PRM PRE REL BUS AGR CRM EDU ELI LAB "
    "REF SOC UNK".split()
)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def test_shipped_entries_are_well_formed(kb: ActorKB) -> None:
    for actor in kb.entries.values():
        assert re.fullmatch(r"[A-Z0-9_]+", actor.id), actor.id
        assert actor.sectors and set(actor.sectors) <= _SECTORS, actor.id
        assert actor.wikidata is None or re.fullmatch(r"Q\d+", actor.wikidata), actor.id
        dates = [actor.valid_from, actor.valid_to]
        dates += [d for o in actor.offices for d in (o.start, o.end)]
        assert all(d is None or _DATE.match(d) for d in dates), actor.id
        assert all(o.sector is None or o.sector in _SECTORS for o in actor.offices), actor.id


@pytest.mark.parametrize("kb_id", ["IRN", "ALI_KHAMENEI", "HEZBOLLAH", "REUTERS"])
def test_to_dict_round_trip(kb: ActorKB, kb_id: str) -> None:
    actor = kb.get(kb_id)
    assert actor is not None
    assert KBActor.from_dict(json.loads(json.dumps(actor.to_dict()))) == actor


def test_imported_entries_load_on_first_lookup() -> None:
    # speed (load, first lookup, fuzzy) is measured by benchmarks/actors.py, not here
    kb = ActorKB.load()
    [blair] = kb.lookup("Tony Blair")  # Wikidata's entry wins over Phoenix's: dates past 2014
    assert (blair.id, blair.country, blair.lookup_only) == ("WD_Q9545", "GBR", True)
    assert (blair.wikidata, blair.licence) == ("Q9545", "CC0-1.0")
    assert blair.sector_on("2005-01-01") == "GOV" and blair.sector_on("2010-01-01") == "ELI"
    # a row read without checks is the row read with them
    assert KBActor.from_dict(blair.to_dict()) == blair


def test_user_entry_wins_over_an_imported_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    row = {"id": "WD_Q9545", "name": "Tony Blair", "kind": "person", "country": "GBR",
           "sectors": ["ELI"], "note": "my own entry"}  # fmt: skip
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    [blair] = ActorKB.load(extra=[path]).lookup("Tony Blair")
    assert (blair.note, blair.offices) == ("my own entry", ())


@pytest.mark.parametrize(
    ("role", "country", "date", "kb_id"),
    [
        ("president", "MNG", "2022-01-01", "UKHNAAGIIN_KHURELSUKH"),
        ("prime minister", "MNG", "2019-01-01", "UKHNAAGIIN_KHURELSUKH"),
        ("president", "LKA", "2020-01-01", "GOTABAYA_RAJAPAKSA"),
        ("president", "LKA", "2025-01-01", "ANURA_KUMARA_DISSANAYAKE"),
        ("president", "POL", "2025-09-01", "KAROL_NAWROCKI"),
        ("president", "VEN", "2025-06-01", "NICOLAS_MADURO"),
        ("president", "VEN", "2026-02-01", "DELCY_RODRIGUEZ"),
        ("prime minister", "MMR", "2025-06-01", "MIN_AUNG_HLAING"),
        ("prime minister", "MMR", "2025-09-01", "NYO_SAW"),
    ],
)
def test_recent_office_changes(kb: ActorKB, role: str, country: str, date: str, kb_id: str) -> None:
    holder = kb.holder(role, country, date=date)
    assert holder is not None and holder.id == kb_id


def test_uncertain_facts_carry_a_note(kb: ActorKB) -> None:
    for kb_id in ["NICOLAS_MADURO", "ANDRIY_YERMAK", "NYO_SAW", "NUJABA", "DELCY_RODRIGUEZ",
                  "ALBIN_KURTI", "FDLR"]:  # fmt: skip
        actor = kb.get(kb_id)
        assert actor is not None and actor.note, kb_id
    assert kb.get("NUJABA").to_dict()["note"].startswith("US FTO designation of 2025-09-17")  # type: ignore[union-attr]


def test_every_entry_names_its_source_and_licence(kb: ActorKB) -> None:
    sources = kb.sources()
    assert sum(sources.values()) == len(kb)
    names = " ".join(source for source, _ in sources)
    for source in ("Wikidata", "congress-legislators", "Party Facts", "Phoenix", "hand-written"):
        assert source in names
    assert all(licence for _, licence in sources)


def test_a_seat_yields_to_a_government_office() -> None:
    minister = KBActor(
        id="X", name="Ola Berg", kind="person", country="NOR", sectors=("GOV",),
        offices=(
            Office(title="Member of Parliament", country="NOR", sector="LEG", start="2001",
                   end=None),
            Office(title="Minister of Fisheries", country="NOR", sector="GOV", start="1999",
                   end="2008"),
        ),
    )  # fmt: skip
    assert minister.sector_on("2005-01-01") == "GOV" and minister.sector_on("2010-01-01") == "LEG"


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Ukranian", "UKR"),
        ("Afghanis", "AFG"),
        ("Nigerians", "NGA"),
        ("Irani", None),
        ("Ohio", None),
    ],
)
def test_demonym_near(kb: ActorKB, word: str, code: str | None) -> None:
    assert kb.demonym_near(word) == code


def test_defined_acronyms() -> None:
    from eventwire.resources.acronyms import defined_acronyms

    text = "Agents of the Drug Enforcement Administration (DEA) and a spokesman (John) spoke."
    found = {k: text[s:e] for k, (s, e) in defined_acronyms(text).items()}
    assert found == {"DEA": "Drug Enforcement Administration"}


def test_ordinary_word_names_are_read_from_the_lexicon(tmp_path: Path) -> None:
    # a name that is an ordinary word ("Hope") gets no case-blind pattern, unless a user's
    # lexicon says it is no ordinary word
    kb = ActorKB([KBActor(id="HOPE_ORG", name="Hope", kind="organization", country=None)])

    def lower_patterns() -> list[object]:
        return [p for p in kb.ruler_patterns(tokenize=str.split) if isinstance(p["pattern"], list)]

    assert lower_patterns() == []
    (tmp_path / "mine.tsv").write_text("[ordinary_word_name] mine\nus\n", encoding="utf-8")
    use_lexicon(tmp_path)
    try:
        assert lower_patterns() == [
            {"label": "ORG", "pattern": [{"LOWER": "hope"}], "id": "HOPE_ORG"}
        ]
    finally:
        use_lexicon(None)


def test_fuzzy_candidates_keep_every_string_that_reaches_the_cutoff() -> None:
    # the letter-count bound may only drop strings that cannot score: checked by brute force
    from rapidfuzz import fuzz

    from eventwire.resources.kb.near import LengthIndex

    names = [
        "joseph monka", "joseph onika", "josef monka", "joe monk", "monka joseph",
        "abdel fattah el sisi", "abdel fatah al sisi", "ministry of defence",
        "ministry of defense", "mnistry of defence", "hezbollah", "hizbollah", "hizballah",
        "muqtada al sadr", "moqtada sadr", "zürich police", "zurich police", "ab", "a b c",
    ]  # fmt: skip
    index = LengthIndex([(name, f"id{i}") for i, name in enumerate(names)])
    for query in [*names, "joseph monkaa", "hisbollah", "ministry defence", "zz", "ábdel fattah"]:
        for cutoff in (60.0, 85.0, 88.0, 95.0):
            kept, ids = index.near(query, cutoff)
            reaching = {n for n in names if fuzz.ratio(query, n) >= cutoff}
            assert reaching <= set(kept), (query, cutoff)
            assert [names[int(i[2:])] for i in ids] == kept
            assert kept == [n for n in index.strings if n in set(kept)]  # index order kept
    # and it prunes: an unrelated name keeps nothing
    assert index.near("quarterly earnings", 88.0) == ([], [])
