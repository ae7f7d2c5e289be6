"""Writers for the exported-event contract (DESIGN.md "The exported event").

Input is always a sequence of dicts already in the contract's shape (``store.events.exported_events``
builds them), so a writer only reshapes: it never looks anything up in the store. Every writer is
``writer(events, fp) -> int`` (events written) and is found by name in ``EXPORTERS``, so formats such as
parquet or graphml can be added later with ``register_exporter``. Text is UTF-8 with Arabic kept as is.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

from alliancemap.codes import code_row, plover_context

Exporter = Callable[[Iterable[Mapping[str, Any]], TextIO], int]

LIST_SEP = "; "
CODER = "alliancemap 0.1.0"
PLOVER_VERSION = "2.0"

# The flat CSV: one row per event. (column, what it holds)
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "stable id of the merged event"),
    ("type", "alliancemap type: VISIT, MEET, AGREE, ARMS_DEAL, EXERCISE, TRAINING, COMMITTEE"),
    ("cameo", "CAMEO 1.1b3 code (data/event_codes.tsv)"),
    ("plover", "PLOVER event category"),
    ("date", "YYYY-MM-DD, YYYY-MM or YYYY as precise as date_precision"),
    ("date_precision", "day, month or year; empty when no date"),
    ("party1_country", "ISO 3166 alpha-3 of the first party"),
    ("party1_faction", "faction of the first party (e.g. east/west for LBY), empty if none"),
    ("party2_country", "ISO 3166 alpha-3 of the second party"),
    ("party2_faction", "faction of the second party"),
    ("parties", "all parties as a JSON list of {actor_id, name, country, faction}"),
    ("people", "names of the people involved, joined with '; '"),
    ("location", "place name (English city name when resolved)"),
    ("location_country", "ISO 3166 alpha-3 of the place"),
    ("domains", "cooperation domains joined with '; '"),
    ("instrument", "AGREE instrument: agreement, mou, contract, protocol, other"),
    ("value_usd", "ARMS_DEAL headline value in US dollars"),
    ("systems", "ARMS_DEAL weapon systems joined with '; '"),
    ("status", "announced, signed, implemented or planned"),
    ("n_sources", "number of supporting sources"),
    ("n_outlets", "number of distinct outlets among the sources"),
    ("confidence", "0..1"),
    ("first_url", "url of the first source"),
    ("urls", "distinct source urls joined with '; '"),
)
CSV_FIELDS = tuple(name for name, _ in CSV_COLUMNS)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl(events: Iterable[Mapping[str, Any]], fp: TextIO) -> int:
    """One event per line, exactly as given (the contract itself); returns the count."""
    n = 0
    for ev in events:
        fp.write(_dumps(dict(ev)) + "\n")
        n += 1
    return n


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _distinct(values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def _person_name(p: Any) -> str:
    if isinstance(p, Mapping):
        return p.get("name") or p.get("name_en") or p.get("name_ar") or ""
    return str(p or "")


def csv_row(ev: Mapping[str, Any]) -> dict[str, Any]:
    """Flatten one exported event into the CSV_COLUMNS cells (None becomes an empty cell)."""
    parties = [p for p in ev.get("parties") or [] if isinstance(p, Mapping)]
    attrs = ev.get("attributes") or {}
    loc = ev.get("location") or {}
    if not isinstance(loc, Mapping):
        loc = {"name": loc}
    sources = [s for s in ev.get("sources") or [] if isinstance(s, Mapping)]
    urls = _distinct(s.get("url") for s in sources)
    row: dict[str, Any] = {
        "event_id": ev.get("event_id"), "type": ev.get("type"), "cameo": ev.get("cameo"),
        "plover": ev.get("plover"), "date": ev.get("date"), "date_precision": ev.get("date_precision"),
        "parties": _dumps([dict(p) for p in parties]),
        "people": LIST_SEP.join(n for n in map(_person_name, ev.get("people") or []) if n),
        "location": loc.get("name"), "location_country": loc.get("country"),
        "domains": LIST_SEP.join(_as_list(ev.get("domains"))),
        "instrument": attrs.get("instrument"), "value_usd": attrs.get("value_usd"),
        "systems": LIST_SEP.join(str(s) for s in _as_list(attrs.get("systems"))),
        "status": ev.get("status", attrs.get("status")),
        "n_sources": len(sources), "n_outlets": len(_distinct(s.get("outlet") for s in sources)),
        "confidence": ev.get("confidence"), "first_url": urls[0] if urls else None,
        "urls": LIST_SEP.join(urls),
    }
    for i in (1, 2):
        p = parties[i - 1] if len(parties) >= i else {}
        row[f"party{i}_country"] = p.get("country")
        row[f"party{i}_faction"] = p.get("faction")
    return {k: _cell(row[k]) for k in CSV_FIELDS}


def write_csv(events: Iterable[Mapping[str, Any]], fp: TextIO) -> int:
    """CSV with a header and one row per event (CSV_COLUMNS); open ``fp`` with ``newline=""``."""
    writer = csv.DictWriter(fp, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(csv_row(ev))
        n += 1
    return n


def _entity(p: Mapping[str, Any]) -> dict[str, Any]:
    """A PLOVER entity object for one party; ``faction`` is our extension field."""
    return {
        "code": p.get("country"), "sector": p.get("sector"), "entity_text": p.get("name"),
        "identifier_id": p.get("actor_id"), "identifier_text": p.get("name"), "faction": p.get("faction"),
    }


def split_parties(
    parties: list[Mapping[str, Any]], split: str, attributes: Mapping[str, Any], recipient_required: bool
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """(actors, recipients) following the code row's ``split`` rule (see data/event_codes.tsv)."""
    kind, _, key = split.partition(":")
    actors, recipients = list(parties), []
    if kind in ("actor", "recipient") and attributes.get(key):
        named = str(attributes[key]).upper()
        hit = [p for p in parties if (p.get("country") or "").upper() == named]
        rest = [p for p in parties if p not in hit]
        if hit and rest:
            actors, recipients = (hit, rest) if kind == "actor" else (rest, hit)
    if (kind == "first" or recipient_required) and not recipients and len(parties) > 1:
        actors, recipients = parties[:1], parties[1:]
    return actors, recipients


def _event_loc(loc: Any) -> dict[str, Any] | None:
    if not loc:
        return None
    if not isinstance(loc, Mapping):
        loc = {"name": loc}
    name = loc.get("name")
    return {
        "extracted_place": name, "resolved_place": name, "city": name, "country_code": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "geonameid": loc.get("geonameid"),
        "resolution": 4 if name else 1,
    }


def _cite(src: Mapping[str, Any], coder: str) -> dict[str, Any]:
    citation = ", ".join(str(v) for v in (src.get("outlet"), src.get("published"), src.get("url")) if v)
    return {
        "corpus": "alliancemap", "citation": citation or None, "url": src.get("url"), "title": src.get("title"),
        "language": src.get("lang"), "publication": src.get("outlet"), "coder": coder, "codebook": "PLOVER",
        "version": PLOVER_VERSION,
    }


def plover_date(date: str | None) -> str | None:
    """PLOVER wants YYYY-MM-DD: a month or year is padded to its first day (date_precision says so)."""
    if not date:
        return None
    date = str(date)[:10]
    return {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date)


def plover_record(ev: Mapping[str, Any], coder: str = CODER) -> dict[str, Any]:
    """The PLOVER JSON object (P §Data Fields) for one exported event; ``text`` is left empty."""
    attrs = ev.get("attributes") or {}
    parties = [p for p in ev.get("parties") or [] if isinstance(p, Mapping)]
    try:
        row = code_row(ev.get("type") or "", ev.get("status") or "announced", attrs)
    except ValueError:  # a type newer than the code table: keep what the producer coded
        row = None
    category = ev.get("plover") or (row.plover if row else None)
    same = row is not None and row.plover == category
    actors, recipients = split_parties(
        parties, row.split if same else "none", attrs, category in ("COOPERATE", "AID"))
    context = ([row.context] if same and row.context else []) + plover_context(list(ev.get("domains") or []))
    sources = [s for s in ev.get("sources") or [] if isinstance(s, Mapping)]
    first = sources[0] if sources else {}
    return {
        "id": ev.get("event_id"), "date": plover_date(ev.get("date")),
        "actor": [_entity(p) for p in actors], "recipient": [_entity(p) for p in recipients],
        "event": [category] if category else [],
        "mode": [row.plover_mode] if same and row.plover_mode else [],
        "context": list(dict.fromkeys(context)),
        "event_loc": _event_loc(ev.get("location")),
        "quad_code": row.quad_code if same else None, "event_scale": row.event_scale if same else None,
        "text": "",
        "text_info": {"sequence": first.get("sequence"), "start": first.get("start"), "end": first.get("end"),
                      "text_story": first.get("article_id")},
        "cite_info": _cite(first, coder), "coder": coder, "has_event": True,
        "alliancemap_type": ev.get("type"), "cameo": ev.get("cameo") or (row.cameo if row else None),
        "people": [
            {"entity_text": _person_name(p), "identifier_id": p.get("actor_id"), "office": p.get("role")}
            for p in ev.get("people") or [] if isinstance(p, Mapping)
        ],
        "domains": list(ev.get("domains") or []), "date_precision": ev.get("date_precision"),
        "sources": [dict(s) for s in sources], "confidence": ev.get("confidence"),
    }


def write_plover_jsonl(events: Iterable[Mapping[str, Any]], fp: TextIO) -> int:
    """PLOVER-compatible JSON Lines, one record per event; returns the count."""
    n = 0
    for ev in events:
        fp.write(_dumps(plover_record(ev)) + "\n")
        n += 1
    return n


# The GDELT-like event table (tab-separated, with a header): GDELT 2.0 event-table column names where one
# means the same thing, then alliancemap's own columns. (column, what it holds)
GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "alliancemap event_id"),
    ("SQLDATE", "YYYYMMDD (a month or year is padded to its first day; see DatePrecision)"),
    ("MonthYear", "YYYYMM"),
    ("Year", "YYYY"),
    ("Actor1Code", "ISO 3166 alpha-3 of the first actor (PLOVER split), faction after a colon"),
    ("Actor1Name", "name of the first actor as written"),
    ("Actor1CountryCode", "ISO 3166 alpha-3 of the first actor"),
    ("Actor2Code", "ISO 3166 alpha-3 of the second actor, faction after a colon"),
    ("Actor2Name", "name of the second actor"),
    ("Actor2CountryCode", "ISO 3166 alpha-3 of the second actor"),
    ("IsRootEvent", "1 (every exported event is a main event)"),
    ("EventCode", "CAMEO code"),
    ("EventBaseCode", "first three digits of the CAMEO code"),
    ("EventRootCode", "first two digits of the CAMEO code"),
    ("QuadClass", "1 verbal cooperation, 2 material cooperation"),
    ("GoldsteinScale", "PLOVER event_scale (GDELT's Goldstein value is not computed)"),
    ("NumMentions", "number of source reports"),
    ("NumSources", "number of independent sources"),
    ("NumArticles", "number of distinct outlets"),
    ("ActionGeo_FullName", "place name"),
    ("ActionGeo_CountryCode", "ISO 3166 alpha-3 of the place"),
    ("DATEADDED", "earliest publication date of a source, YYYYMMDD"),
    ("SOURCEURL", "url of the first source"),
    ("AllianceType", "alliancemap type (VISIT, AGREE, …)"),
    ("PLOVER", "PLOVER category"),
    ("DatePrecision", "day, month or year"),
    ("Domains", "cooperation domains joined with '; '"),
    ("Confidence", "0..1"),
    ("SourceURLs", "every source url joined with ' '"),
)
GDELT_FIELDS = tuple(name for name, _ in GDELT_COLUMNS)


def _clean_tsv(value: Any) -> str:
    """A TSV cell: no tab or line break inside (they would split the row)."""
    return " ".join(str(_cell(value)).split())


def gdelt_row(ev: Mapping[str, Any]) -> dict[str, Any]:
    """One exported event as a GDELT-like row (GDELT_COLUMNS)."""
    attrs = ev.get("attributes") or {}
    parties = [p for p in ev.get("parties") or [] if isinstance(p, Mapping)]
    try:
        row = code_row(ev.get("type") or "", ev.get("status") or "announced", attrs)
    except ValueError:
        row = None
    actors, recipients = split_parties(parties, row.split if row else "none", attrs, False)
    sides = (actors + recipients) if recipients else parties
    a1, a2 = (sides + [{}, {}])[:2]
    cameo = str(ev.get("cameo") or (row.cameo if row else "") or "")
    day = (plover_date(ev.get("date")) or "").replace("-", "")
    sources = [s for s in ev.get("sources") or [] if isinstance(s, Mapping)]
    published = sorted(str(s["published"])[:10] for s in sources if s.get("published"))
    loc = ev.get("location") if isinstance(ev.get("location"), Mapping) else {}

    def code(p: Mapping[str, Any]) -> str:
        return (p.get("country") or "") + (f":{p['faction']}" if p.get("faction") else "")

    return {
        "GLOBALEVENTID": ev.get("event_id"), "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4],
        "Actor1Code": code(a1), "Actor1Name": a1.get("name"), "Actor1CountryCode": a1.get("country"),
        "Actor2Code": code(a2), "Actor2Name": a2.get("name"), "Actor2CountryCode": a2.get("country"),
        "IsRootEvent": 1, "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": row.quad_code if row else None, "GoldsteinScale": row.event_scale if row else None,
        "NumMentions": len(sources), "NumSources": ev.get("n_sources", len(sources)),
        "NumArticles": ev.get("n_outlets", len(_distinct(s.get("outlet") for s in sources))),
        "ActionGeo_FullName": loc.get("name"), "ActionGeo_CountryCode": loc.get("country"),
        "DATEADDED": published[0].replace("-", "") if published else None,
        "SOURCEURL": next((s["url"] for s in sources if s.get("url")), None), "AllianceType": ev.get("type"),
        "PLOVER": ev.get("plover") or (row.plover if row else None), "DatePrecision": ev.get("date_precision"),
        "Domains": LIST_SEP.join(ev.get("domains") or []), "Confidence": ev.get("confidence"),
        "SourceURLs": " ".join(_distinct(s.get("url") for s in sources)),
    }


def write_gdelt_tsv(events: Iterable[Mapping[str, Any]], fp: TextIO) -> int:
    """The GDELT-like tab-separated table with a header line; returns the count."""
    fp.write("\t".join(GDELT_FIELDS) + "\n")
    n = 0
    for ev in events:
        row = gdelt_row(ev)
        fp.write("\t".join(_clean_tsv(row[f]) for f in GDELT_FIELDS) + "\n")
        n += 1
    return n


EXPORTERS: dict[str, Exporter] = {"jsonl": write_jsonl, "csv": write_csv, "plover": write_plover_jsonl,
                                  "gdelt": write_gdelt_tsv, "tsv": write_gdelt_tsv}
BINARY_FORMATS = ("parquet",)

_PARQUET_LISTS = ("people", "domains", "systems", "urls")
_PARQUET_NUMBERS = {"n_sources": "int64", "n_outlets": "int64", "confidence": "float64", "value_usd": "float64"}


def _number(value: Any, kind: type) -> Any:
    try:
        return None if value in ("", None) else kind(value)
    except (TypeError, ValueError):
        return None


def write_parquet(events: Iterable[Mapping[str, Any]], path: str) -> int:
    """Events as a Parquet file: the CSV columns, typed, with list columns kept as lists; returns the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = []
    for name in CSV_FIELDS:
        if name in _PARQUET_LISTS:
            fields.append(pa.field(name, pa.list_(pa.string())))
        elif name in _PARQUET_NUMBERS:
            fields.append(pa.field(name, pa.type_for_alias(_PARQUET_NUMBERS[name])))
        else:
            fields.append(pa.field(name, pa.string()))
    fields.append(pa.field("sources", pa.string()))
    schema = pa.schema(fields)
    columns: dict[str, list[Any]] = {f.name: [] for f in fields}
    for ev in events:
        row = csv_row(ev)
        for name in CSV_FIELDS:
            value = row[name]
            if name in _PARQUET_LISTS:
                value = [v for v in str(value).split(LIST_SEP) if v] if value != "" else []
            elif name in _PARQUET_NUMBERS:
                value = _number(value, int if _PARQUET_NUMBERS[name] == "int64" else float)
            else:
                value = None if value == "" else str(value)
            columns[name].append(value)
        columns["sources"].append(_dumps(ev.get("sources") or []))
    with open(path, "wb") as fp:  # our own handle: a failed write never removes what ``path`` was
        pq.write_table(pa.table(columns, schema=schema), fp)
    return len(columns["event_id"])


# -- actors and claims ------------------------------------------------------------------------------

ACTOR_FIELDS = ("id", "kind", "name_en", "name_ar", "country", "faction", "sector", "wikidata", "role",
                "aliases")
CLAIM_FIELDS = ("claim_id", "article_id", "speaker", "speaker_role", "speaker_actor_id", "text", "start", "end",
                "sentence", "negated")


def _write_records(records: Iterable[Mapping[str, Any]], fp: TextIO, fmt: str, fields: tuple[str, ...]) -> int:
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"unknown export format {fmt!r}: expected one of ['csv', 'jsonl']")
    n = 0
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(fp, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
    for rec in records:
        if writer is None:
            fp.write(_dumps({f: rec.get(f) for f in fields}) + "\n")
        else:
            writer.writerow({f: LIST_SEP.join(v) if isinstance(v := rec.get(f), list) else _cell(v)
                             for f in fields})
        n += 1
    return n


def write_actors(actors: Iterable[Mapping[str, Any]], fp: TextIO, fmt: str = "jsonl") -> int:
    """Actors (``store.queries.all_actors`` records) as JSON Lines or CSV (aliases joined with '; ')."""
    return _write_records(actors, fp, fmt, ACTOR_FIELDS)


def write_claims(claims: Iterable[Mapping[str, Any]], fp: TextIO, fmt: str = "jsonl") -> int:
    """Claims (``dataclasses.asdict`` of ``model.Claim``) as JSON Lines or CSV."""
    return _write_records(claims, fp, fmt, CLAIM_FIELDS)


# -- the alliance graph -----------------------------------------------------------------------------

GRAPH_FORMATS = ("graphml", "gexf", "json")


def write_graph(graph: Any, path: str, fmt: str) -> None:
    """An ``graph.AllianceGraph`` as GraphML or GEXF (networkx writers) or its JSON ``to_dict``."""
    import networkx as nx

    from alliancemap.graph import to_networkx

    # rendered in memory, written by us: a write error is a plain OSError (lxml's own writer crashes on one)
    if fmt == "graphml":
        text = "\n".join(nx.generate_graphml(to_networkx(graph))) + "\n"
    elif fmt == "gexf":
        text = "\n".join(nx.generate_gexf(to_networkx(graph))) + "\n"
    elif fmt == "json":
        text = json.dumps(graph.to_dict(), ensure_ascii=False, indent=1) + "\n"
    else:
        raise ValueError(f"unknown graph format {fmt!r}: expected one of {list(GRAPH_FORMATS)}")
    if fmt != "json" and not text.startswith("<?xml"):
        text = '<?xml version="1.0" encoding="utf-8"?>\n' + text
    with open(path, "w", encoding="utf-8") as fp:
        fp.write(text)


def register_exporter(name: str, writer: Exporter) -> None:
    """Add a format by name (parquet, graphml, …); a name is registered once."""
    if name in EXPORTERS:
        raise ValueError(f"exporter {name!r} is already registered")
    EXPORTERS[name] = writer


def get_exporter(name: str) -> Exporter:
    """The writer for a format name; ValueError listing the known names otherwise."""
    try:
        return EXPORTERS[name]
    except KeyError:
        known = sorted([*EXPORTERS, *BINARY_FORMATS])
        raise ValueError(f"unknown export format {name!r}: expected one of {known}") from None
