"""Actor rows from the public sources in ``../shared/data/actors/`` (used by build_kb.py).

Each row carries its ``source`` and ``licence``; the files they go to are read on first lookup
(their ids start with an imported prefix, see ``eventwire.resources.kb``). The sources:

* Wikidata office-holders (CC0): heads of state and government, foreign ministers,
  international offices, US/UK/French cabinets and legislators, with dated national positions
  (US state and French regional seats are dropped; see `LEGISLATORS_STALE_BEFORE`). Ids
  ``WD_<QID>``; the QID becomes ``wikidata``. A position's sector comes from its title:
  members of a parliament, senators and representatives are LEG, judges JUD, the rest GOV.
* US Congress legislators (CC0): senators and representatives (LEG) and presidents and vice
  presidents (GOV) with dated roles. Ids ``USC_<bioguide>``.
* Party Facts (MIT, notice in data/actors/NOTICE.md): parties with country, aliases,
  abbreviations and founding/dissolution years. Ids ``PF_<number>``.

People who left every office before 1990 and parties dissolved before 1990 are left out: too
stale to help news from this century, and every row costs load time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "LEGISLATORS_STALE_BEFORE",
    "STALE_BEFORE",
    "Skip",
    "build_congress",
    "build_partyfacts",
    "build_wikidata",
    "position_sector",
]

#: skip(wikidata id, names, country): whether the base already holds that actor.
Skip = Callable[[str | None, list[str], str | None], bool]
#: Rows whose last office or existence ended before this year are left out.
STALE_BEFORE = "1990"
#: Legislators only (no government office): left out when their last seat ended before this
#: year, or when the source gives no country (Council of Europe delegates): thousands of
#: backbenchers cost load time and rarely make the news after they leave.
LEGISLATORS_STALE_BEFORE = "2010"

# Position titles of legislators and judges (the rest of the offices are governments').
_LEG_RE = re.compile(
    r"\b(?:member of|members of|senator|representative|deputy|delegate|assemblyman"
    r"|congressman|congresswoman|observer of the parliamentary)\b",
    re.IGNORECASE,
)
_NOT_LEG_RE = re.compile(r"\b(?:minister|secretary|cabinet|council of ministers)\b", re.I)
_JUD_RE = re.compile(r"\b(?:judge|justice of|court)\b", re.IGNORECASE)
# Sub-state offices: never a state's office (US state houses, French regional councils).
_SUBSTATE_RE = re.compile(
    r"\b(?:state senate|state assembly|house of delegates|regional council|general assembly"
    r"|state representative|provincial|state house)\b",
    re.IGNORECASE,
)
_US_STATES_RE = re.compile(
    r"\b(?:alaska|alabama|arizona|arkansas|california|colorado|connecticut|delaware|florida"
    r"|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland"
    r"|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada"
    r"|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma"
    r"|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah"
    r"|vermont|virginia|washington|west virginia|wisconsin|wyoming)\b",
    re.IGNORECASE,
)


def position_sector(title: str) -> str:
    """PLOVER sector of a position title: LEG, JUD or GOV."""
    if _JUD_RE.search(title) and not _NOT_LEG_RE.search(title):
        return "JUD"
    if _LEG_RE.search(title) and not _NOT_LEG_RE.search(title):
        return "LEG"
    return "GOV"


def _substate(title: str, country: str | None) -> bool:
    if "united nations" in title.lower():
        return False
    if country == "USA" and "united states" not in title.lower() and _US_STATES_RE.search(title):
        return True
    return bool(_SUBSTATE_RE.search(title))


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


_YEAR_RE = re.compile(r"\b\d{4}\b")


def _aliases(name: str, aliases: Iterable[str]) -> list[str]:
    """Other names, without the name itself, without titles of events ("1994 general
    election": a year in it), which some sources list among a party's names, and without
    single ordinary words ("Muslim", "Renaissance"): a lone word names a party or a person
    only as an acronym ("ANC"), and surnames are matched apart, within the article."""
    return sorted(
        {
            a
            for a in aliases
            if a != name
            and (len(a.split()) > 1 or (a.isupper() and len(a) >= _MIN_ABBREVIATION))
            and not _YEAR_RE.search(a)
        }
    )


def _latest(ends: Iterable[str | None]) -> str:
    return max((e or "9999" for e in ends), default="9999")


def _close_open_spells(items: list[dict[str, Any]]) -> None:
    """A government office has one holder at a time: a spell the source leaves open ends when
    the next holder of the same position (and country) takes it. Seats are not closed."""
    spells: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for item in items:
        for p in item.get("positions") or ():
            if p.get("position_qid") and position_sector(p.get("position") or "") == "GOV":
                spells.setdefault((p["position_qid"], item.get("country")), []).append(p)
    for group in spells.values():
        starts = sorted({p["start"] for p in group if p.get("start")})
        for p in group:
            if p.get("end") is None and p.get("start"):
                later = [s for s in starts if s > p["start"]]
                if later:
                    p["end"] = later[0]


def build_wikidata(path: Path, *, skip: Skip) -> list[dict[str, Any]]:
    """Office-holders as actor rows; `skip(qid, name, country)` drops people already held."""
    rows: list[dict[str, Any]] = []
    items = list(_lines(path))
    _close_open_spells(items)
    for item in items:
        country = item.get("country")
        positions = [p for p in item.get("positions") or () if p.get("position")]
        # national offices first: a US state senator is not the country's legislator
        national = [p for p in positions if not _substate(p["position"], country)]
        if not national or _latest(p.get("end") for p in national)[:4] < STALE_BEFORE:
            continue
        legislator = all(position_sector(p["position"]) == "LEG" for p in national)
        last = _latest(p.get("end") for p in national)[:4]
        if legislator and (country is None or last < LEGISLATORS_STALE_BEFORE):
            continue
        aliases = _aliases(item["name"], item.get("aliases") or ())
        if skip(item["qid"], [item["name"], *aliases], country):
            continue
        offices = [
            {
                "title": p["position"],
                "country": country,
                "sector": position_sector(p["position"]),
                "from": p.get("start"),
                "to": p.get("end"),
            }
            for p in sorted(national, key=lambda p: p.get("start") or "")
            if not (p.get("start") and p.get("end") and p["end"] < p["start"])  # source slips
        ]
        if not offices:
            continue
        # the latest-ending office first; a government office before a seat held as long
        latest = sorted(offices, key=lambda o: (o["to"] or "9999", o["sector"] == "GOV"))
        sectors = list(dict.fromkeys(o["sector"] for o in reversed(latest)))
        rows.append(
            {
                "id": f"WD_{item['qid']}",
                "name": item["name"],
                "kind": "person",
                "country": country,
                "sectors": sectors,
                "aliases": aliases,
                "wikidata": item["qid"],
                "offices": offices,
                "source": "Wikidata office-holders (every-politician-scrapers snapshots)",
                "licence": "CC0-1.0",
            }
        )
    return rows


def build_congress(path: Path, *, skip: Skip) -> list[dict[str, Any]]:
    """US senators, representatives, presidents and vice presidents as actor rows."""
    rows: list[dict[str, Any]] = []
    for item in _lines(path):
        roles = item.get("roles") or []
        if not roles or _latest(r.get("end") for r in roles)[:4] < STALE_BEFORE:
            continue
        aliases = _aliases(item["name"], item.get("aliases") or ())
        if skip(item.get("wikidata"), [item["name"], *aliases], item.get("country")):
            continue
        offices = [
            {
                "title": r["role"].removeprefix("former ").split(" (")[0],
                "country": item.get("country"),
                "sector": r.get("sector"),
                "from": r.get("start"),
                "to": r.get("end"),
            }
            for r in roles
            if r.get("start") or r.get("end")
        ]
        sectors = list(dict.fromkeys(r["sector"] for r in reversed(roles) if r.get("sector")))
        row: dict[str, Any] = {
            "id": "USC_" + item["id"].split(":")[-1],
            "name": item["name"],
            "kind": "person",
            "country": item.get("country"),
            "sectors": sectors,
            "aliases": aliases,
            "wikidata": item.get("wikidata"),
            "offices": offices,
            "source": item.get("source") or "unitedstates/congress-legislators",
            "licence": item.get("licence") or "CC0-1.0",
        }
        if not offices:
            # dates not in the source: a former member is ELI, a sitting one LEG
            former = all(r["role"].startswith("former ") for r in roles)
            row["sectors"] = ["ELI"] if former else sectors
        rows.append(row)
    return rows


# Abbreviations shorter than this, or that are ordinary words, find too much by themselves.
_MIN_ABBREVIATION = 3


def build_partyfacts(path: Path, *, skip: Skip) -> list[dict[str, Any]]:
    """Political parties (PTY) with aliases, abbreviations and years of existence."""
    rows: list[dict[str, Any]] = []
    items = [i for i in _lines(path) if (i.get("end") or "9999")[:4] >= STALE_BEFORE]
    # an abbreviation two parties share ("SDP") names neither
    counts: dict[str, int] = {}
    for item in items:
        for a in set(item.get("abbreviations") or ()):
            counts[a] = counts.get(a, 0) + 1
    for item in items:
        short = [
            a
            for a in item.get("abbreviations") or ()
            if len(a) >= _MIN_ABBREVIATION and a.isupper() and a.isalpha() and counts[a] == 1
        ]
        aliases = _aliases(item["name"], [*(item.get("aliases") or ()), *short])
        if skip(item.get("wikidata"), [item["name"], *aliases], item.get("country")):
            continue  # held already, or the same party listed twice
        rows.append(
            {
                "id": "PF_" + item["id"].split(":")[-1],
                "name": item["name"],
                "kind": "organization",
                "country": item.get("country"),
                "sectors": ["PTY"],
                "aliases": aliases,
                "wikidata": item.get("wikidata"),
                "valid_from": item.get("start"),
                "valid_to": item.get("end"),
                "source": item.get("source") or "Party Facts",
                "licence": "MIT (Party Facts authors); Wikidata-derived fields CC0-1.0",
            }
        )
    return rows


_AGENT_RE = re.compile(r"^([^\[{#]+?)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]+)\]")
_SUBSTITUTION_RE = re.compile(r"^(!\w+!)\s*=\s*(.+)$")


def build_plover_agents(path: Path) -> list[tuple[str, str]]:
    """(phrase, sectors) rows of the PLOVER agents dictionary: lower-case words ("farm
    worker"), sectors space-separated in the dictionary's order ("GOV MIL" for ~GOVMIL; the
    first is the primary). A plural in braces is a row of its own; ``!PERSON!`` sets expand;
    a phrase listed twice keeps its first codes."""
    sets: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sub = _SUBSTITUTION_RE.match(line)
        if sub is not None:
            sets[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        match = _AGENT_RE.match(line)
        if match is None:
            continue
        phrase, plural, code = match.groups()
        sectors = " ".join(code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3))
        for form in (phrase, *(plural.split(",") if plural else ())):
            for expanded in _expand(form.strip(), sets):
                key = " ".join(expanded.replace("_", " ").lower().split())
                if key and sectors:
                    rows.setdefault(key, sectors)
    return sorted(rows.items())


def _expand(form: str, sets: dict[str, list[str]]) -> list[str]:
    for name, words in sets.items():
        if name in form:
            return [x for w in words for x in _expand(form.replace(name, w, 1), sets)]
    return [form]
