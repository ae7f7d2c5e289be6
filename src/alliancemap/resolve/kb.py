"""The seed knowledge base: states, demonyms, factions, organizations, people and places.

Extraction calls ``load_kb().find(sentence)`` on every sentence, so every alias of every entry is put in
one ``PhraseMatcher`` and a sentence costs one pass whatever the size of the lexicon. The knowledge
itself lives in ``data/`` (see each file's header); this module only reads, validates and indexes it.

Alias conventions shared by all data files:
- ``~alias`` marks an alias knowingly shared with an entry of another id ("عمان" is Oman and Amman).
  The matcher gives the phrase to the owner that did *not* mark it; ``alternatives()`` lists all owners.
  Two unmarked owners of one alias are a load error naming both places.
- ``blocked`` forms in countries.tsv are common words (مالي "financial", "reunion") never matched.
- A person's single-word alias may not be another listed person's family name: "حفتر" alone would
  wrongly pick Khalifa or Saddam Haftar, so partial names are left to the linker and its context.
- Capitals are places, not states. ``stands_for(place_id)`` says which party a seat speaks for when the
  city is the grammatical actor ("أنقرة ترحب" = Turkey): a faction's seat (factions.yaml ``seats``:
  Benghazi → LBY east) or, for places flagged ``metonym`` in places.tsv, their state. The extraction
  decides when the city is an actor; the matcher always returns the place entry.

    python -m alliancemap.resolve.kb --check   # validate everything and print counts
"""

from __future__ import annotations

import argparse
import functools
import itertools
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from alliancemap.text.matcher import Hit, PhraseMatcher
from alliancemap.text.normalize import Normalized, fold

DATA = Path(__file__).with_name("data")
KINDS = ("state", "organization", "faction", "person", "place", "water")
# PLOVER sector codes (P §Sector Codes) plus the ones alliancemap uses for industry and legislatures.
SECTORS = {"GOV", "MIL", "SPY", "COP", "PRM", "REB", "LEG", "JUD", "PTY", "OPP", "BUS", "IGO", "PRE", "CVL"}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ID = re.compile(r"^(state|org|faction|person|place|water):[A-Za-z0-9][A-Za-z0-9_.-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class KBError(ValueError):
    """Invalid knowledge data; the message starts with ``file:line``."""


@dataclass(frozen=True)
class KBEntry:
    """One known actor or place, as every stage sees it."""

    id: str
    kind: str
    name_en: str
    name_ar: str | None
    country: str | None
    faction: str | None
    sector: str | None
    wikidata: str | None
    demonym: bool = False
    role: str | None = None


@dataclass(frozen=True)
class Role:
    """A person's office over time; ``until`` None means still held as far as the data knows."""

    role_en: str
    role_ar: str | None
    since: str | None
    until: str | None


@dataclass
class _Alias:
    text: str
    entry_id: str
    where: str  # "file:line" for error messages
    demonym: bool = False
    shared: bool = False


@dataclass
class _Builder:
    """Collects entries and aliases from all files, then checks them as a whole."""

    entries: dict[str, KBEntry] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    aliases: list[_Alias] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    roles: dict[str, tuple[Role, ...]] = field(default_factory=dict)
    seats: dict[str, str] = field(default_factory=dict)  # place id → faction id
    metonyms: dict[str, str] = field(default_factory=dict)  # place id → state id
    factions: dict[str, list[str]] = field(default_factory=dict)  # iso3 → faction ids

    def add(self, entry: KBEntry, where: str) -> None:
        if entry.id in self.entries:
            raise KBError(f"{where}: duplicate id {entry.id!r} (first at {self.where[entry.id]})")
        self.entries[entry.id] = entry
        self.where[entry.id] = where

    def alias(self, text: str, entry_id: str, where: str, demonym: bool = False) -> None:
        text = text.strip()
        shared = text.startswith("~")
        text = text.lstrip("~").strip()
        if not fold(text):
            raise KBError(f"{where}: empty alias for {entry_id}")
        self.aliases.append(_Alias(text, entry_id, where, demonym, shared))


# --------------------------------------------------------------------------- file readers


def _tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV with a header, skipping '#' comments, each with its 1-based line number."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line.rstrip("\n")) for n, line in enumerate(fh, 1) if line.strip()]
    lines = [(n, line) for n, line in lines if not line.startswith("#")]
    if not lines:
        raise KBError(f"{path.name}:1: empty file")
    header = lines[0][1].split("\t")
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise KBError(f"{path.name}:{n}: {len(cells)} columns, header has {len(header)}")
        yield n, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


def _split(cell: str | None) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping as ``__line__`` for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise KBError(f"{path.name}: {exc}") from exc


def _need(rec: dict[str, Any], key: str, where: str) -> str:
    val = rec.get(key)
    if not isinstance(val, str) or not val.strip():
        raise KBError(f"{where}: missing or empty {key!r}")
    return val.strip()


def _check(cond: bool, where: str, msg: str) -> None:
    if not cond:
        raise KBError(f"{where}: {msg}")


def _list(rec: dict[str, Any], key: str, where: str) -> list[str]:
    val = rec.get(key) or []
    _check(isinstance(val, list) and all(isinstance(v, str) for v in val), where, f"{key!r} must be a list of strings")
    return val


# --------------------------------------------------------------------------- states and demonyms


def _load_countries(b: _Builder, path: Path) -> None:
    for n, row in _tsv(path):
        where = f"{path.name}:{n}"
        iso3, name_en, name_ar = row["iso3"].strip(), row["name_en"].strip(), row["name_ar"].strip()
        _check(bool(_ISO3.match(iso3)), where, f"bad iso3 {iso3!r}")
        _check(bool(name_en and name_ar), where, f"{iso3} needs name_en and name_ar")
        qid = row.get("wikidata", "").strip() or None
        _check(qid is None or bool(_QID.match(qid)), where, f"bad wikidata id {qid!r}")
        b.add(KBEntry(f"state:{iso3}", "state", name_en, name_ar, iso3, None, "GOV", qid), where)
        for a in [name_en, name_ar, *_split(row.get("aliases_en")), *_split(row.get("aliases_ar"))]:
            b.alias(a, f"state:{iso3}", where)
        b.blocked |= {fold(x) for x in _split(row.get("blocked"))}


def _definite(phrase: str) -> str:
    """Arabic definite form of every word: 'كوري جنوبي' → 'الكوري الجنوبي'."""
    return " ".join(w if w.startswith("ال") else "ال" + w for w in phrase.split())


def _suffixed(masc: str, suffix: str) -> str:
    """Add an inflection to the last word of a (possibly two-word) Arabic adjective."""
    return " ".join(f"{w}{suffix}" for w in masc.split())


def demonym_forms(row: dict[str, str]) -> dict[str, list[str]]:
    """All forms of one demonyms.tsv row; empty cells get the regular rule, '+x' adds x to it.

    Regular: masc باكستاني → fem باكستانية, masc pl. باكستانيون/باكستانيين, fem pl. باكستانيات.
    ``ar_masc`` may list spelling variants (أمريكي|أميركي); the rule applies to each.
    """
    masc = _split(row.get("ar_masc"))
    rule = {
        "ar_fem": [_suffixed(m, "ة") for m in masc],
        "ar_pl_masc": [_suffixed(m, s) for m in masc for s in ("ون", "ين")],
        "ar_pl_fem": [_suffixed(m, "ات") for m in masc],
    }
    out: dict[str, list[str]] = {"ar_masc": masc}
    for col, regular in rule.items():
        cell = (row.get(col) or "").strip()
        if not cell or cell == "+":
            out[col] = regular
        elif cell.startswith("+"):
            out[col] = regular + _split(cell[1:])
        elif cell == "-":
            out[col] = []
        else:
            out[col] = _split(cell)
    out["en"] = _split(row.get("en_adj")) + _split(row.get("en_plural"))
    return out


def _load_demonyms(b: _Builder, path: Path) -> None:
    for n, row in _tsv(path):
        where = f"{path.name}:{n}"
        iso3 = row["iso3"].strip()
        _check(f"state:{iso3}" in b.entries, where, f"unknown state {iso3!r}")
        forms = demonym_forms(row)
        arabic = [f for col in ("ar_masc", "ar_fem", "ar_pl_masc", "ar_pl_fem") for f in forms[col]]
        for form in arabic:
            for variant in {form, _definite(form)}:
                b.alias(variant, f"state:{iso3}", where, demonym=True)
        for form in forms["en"]:
            b.alias(form, f"state:{iso3}", where, demonym=True)


def _load_accusatives(b: _Builder, path: Path) -> None:
    """The indefinite accusative of a nisba ("مدربا عسكريا مصريا"), unless it names something else
    (برازيليا is Brasília) or is blocked (ماليا "financially"). Run after every other file."""
    taken = {fold(a.text) for a in b.aliases}
    for n, row in _tsv(path):
        for m in demonym_forms(row)["ar_masc"]:
            form = m + "ا"
            if m.endswith("ي") and " " not in m and fold(form) not in taken and fold(form) not in b.blocked:
                b.alias(form, f"state:{row['iso3'].strip()}", f"{path.name}:{n}", demonym=True)


# --------------------------------------------------------------------------- places


def _load_places(b: _Builder, path: Path) -> None:
    for n, row in _tsv(path):
        where = f"{path.name}:{n}"
        pid, iso3 = row["id"].strip(), row["iso3"].strip()
        _check(bool(_ID.match(pid)) and pid.startswith("place:"), where, f"bad place id {pid!r}")
        _check(f"state:{iso3}" in b.entries, where, f"unknown country {iso3!r}")
        name_en, name_ar = row["name_en"].strip(), row["name_ar"].strip()
        _check(bool(name_en and name_ar), where, f"{pid} needs name_en and name_ar")
        b.add(KBEntry(pid, "place", name_en, name_ar, iso3, None, None, row.get("wikidata", "").strip() or None),
              where)
        for a in [name_en, name_ar, *_split(row.get("aliases_en")), *_split(row.get("aliases_ar"))]:
            b.alias(a, pid, where)
        flag = row.get("metonym", "").strip()
        _check(flag in ("", "y"), where, f"metonym must be 'y' or empty, not {flag!r}")
        if flag:
            b.metonyms[pid] = f"state:{iso3}"


def _load_waters(b: _Builder, path: Path) -> None:
    """Seas named after a state: entries without a country, so the state inside the name is no actor."""
    for n, row in _tsv(path):
        where = f"{path.name}:{n}"
        wid, name_en, name_ar = row["id"].strip(), row["name_en"].strip(), row["name_ar"].strip()
        _check(bool(_ID.match(wid)) and wid.startswith("water:"), where, f"bad water id {wid!r}")
        _check(bool(name_en and name_ar), where, f"{wid} needs name_en and name_ar")
        b.add(KBEntry(wid, "water", name_en, name_ar, None, None, None, None), where)
        for a in [name_en, name_ar, *_split(row.get("aliases_en")), *_split(row.get("aliases_ar"))]:
            b.alias(a, wid, where)


# --------------------------------------------------------------------------- YAML records


def _entry_from(rec: dict[str, Any], kind: str, where: str, b: _Builder) -> KBEntry:
    """Validate the common fields of a YAML record and build its entry."""
    eid = _need(rec, "id", where)
    prefix = {"organization": "org:", "faction": "faction:", "person": "person:"}[kind]
    _check(bool(_ID.match(eid)) and eid.startswith(prefix), where, f"id {eid!r} must look like {prefix}name")
    country = rec.get("country")
    _check(isinstance(country, str) and f"state:{country}" in b.entries, where, f"unknown country {country!r}")
    sector = rec.get("sector")
    _check(sector in SECTORS, where, f"sector {sector!r} not in {sorted(SECTORS)}")
    qid = rec.get("wikidata")
    _check(qid is None or (isinstance(qid, str) and bool(_QID.match(qid))), where, f"bad wikidata {qid!r}")
    faction = rec.get("faction")
    _check(faction is None or isinstance(faction, str), where, "faction must be a string or null")
    name_ar = rec.get("name_ar")
    _check(isinstance(name_ar, str) and bool(name_ar.strip()), where, "missing name_ar")
    return KBEntry(eid, kind, _need(rec, "name_en", where), name_ar.strip(), country, faction, sector, qid)


def _aliases_of(rec: dict[str, Any], entry: KBEntry, where: str, b: _Builder) -> None:
    for a in [entry.name_en, entry.name_ar or "", *_list(rec, "aliases_en", where), *_list(rec, "aliases_ar", where)]:
        if a:
            b.alias(a, entry.id, where)


def _load_factions(b: _Builder, path: Path) -> list[tuple[str, str, str]]:
    """Faction entries; returns (faction id, institution id, where) pairs to check after actors load."""
    data = _yaml(path)
    _check(isinstance(data, dict), path.name, "top level must map ISO3 → {factions: [...]}")
    pending = []
    for iso3, block in data.items():
        if iso3 == "__line__":
            continue
        where0 = f"{path.name}:{block.get('__line__', 1) if isinstance(block, dict) else 1}"
        _check(f"state:{iso3}" in b.entries and isinstance(block, dict), where0, f"bad country block {iso3!r}")
        for rec in block.get("factions") or []:
            where = f"{path.name}:{rec['__line__']}"
            entry = _entry_from({**rec, "country": iso3}, "faction", where, b)
            _check(entry.faction is not None, where, "a faction record needs its 'faction' label")
            b.add(entry, where)
            _aliases_of(rec, entry, where, b)
            b.factions.setdefault(iso3, []).append(entry.id)
            for seat in _list(rec, "seats", where):
                _check(seat in b.entries and b.entries[seat].kind == "place", where, f"unknown seat {seat!r}")
                _check(seat not in b.seats, where, f"{seat} is already the seat of {b.seats.get(seat)}")
                b.seats[seat] = entry.id
            pending += [(entry.id, inst, where) for inst in _list(rec, "institutions", where)]
    return pending


def _expand(template: str, values: dict[str, list[str]]) -> list[str]:
    """Fill {placeholders} with every combination of the state's values; [] when one is missing."""
    keys = re.findall(r"{(\w+)}", template)
    if any(not values.get(k) for k in keys):
        return []
    out = []
    for combo in itertools.product(*(values[k] for k in keys)):
        text = template
        for k, v in zip(keys, combo, strict=True):
            text = text.replace("{" + k + "}", v, 1)
        out.append(text)
    return out


def _state_values(b: _Builder, iso3: str, spec: dict[str, Any], demonyms: dict[str, dict[str, list[str]]]) -> dict:
    """Placeholder values for one state: country names and definite demonyms, overridable in the spec."""
    state = b.entries[f"state:{iso3}"]
    d = demonyms.get(iso3, {})
    vals = {
        "C": [state.name_en], "C_ar": [state.name_ar or ""],
        "A": d.get("en", [])[:1],
        "M": [_definite(f) for f in d.get("ar_masc", [])],
        "F": [_definite(f) for f in d.get("ar_fem", [])[:1]],
    }
    for k in ("C", "C_ar", "A", "M", "F"):
        if k in spec:
            vals[k] = spec[k] if isinstance(spec[k], list) else [spec[k]]
    return vals


def _load_templates(b: _Builder, data: dict[str, Any], path: Path, demonyms: dict) -> dict[str, dict[str, Any]]:
    """Generic institutions (army, navy, ministry…) for each listed state; keyed by the id they get."""
    tpl = data.get("templates") or {}
    made: dict[str, dict[str, Any]] = {}
    for spec in tpl.get("states") or []:
        spec = spec if isinstance(spec, dict) else {"iso3": spec}
        iso3 = spec.get("iso3")
        where = f"{path.name}:{spec.get('__line__', tpl.get('__line__', 1))}"
        _check(f"state:{iso3}" in b.entries, where, f"unknown state {iso3!r}")
        values = _state_values(b, iso3, spec, demonyms)
        for inst in tpl.get("institutions") or []:
            key = inst["key"]
            if key in (spec.get("skip") or []):
                continue
            names_en = _expand(inst["name_en"], values)
            names_ar = _expand(inst["name_ar"], values)
            if not names_en or not names_ar:
                continue
            made[f"org:{iso3.lower()}-{key}"] = {
                "id": f"org:{iso3.lower()}-{key}", "country": iso3, "sector": inst["sector"],
                "faction": (spec.get("factions") or {}).get(key, spec.get("faction")),
                "name_en": names_en[0], "name_ar": names_ar[0], "wikidata": None,
                "aliases_en": [x for t in inst.get("aliases_en", []) for x in _expand(t, values)],
                "aliases_ar": [x for t in inst.get("aliases_ar", []) for x in _expand(t, values)],
                "__line__": inst["__line__"],
            }
    return made


def _merge(generated: dict[str, Any], hand: dict[str, Any]) -> dict[str, Any]:
    """A hand record overrides a generated one field by field and adds to its aliases."""
    out = {**generated, **{k: v for k, v in hand.items() if not k.startswith("aliases")}}
    for k in ("aliases_en", "aliases_ar"):
        out[k] = list(dict.fromkeys([*generated.get(k, []), *(hand.get(k) or [])]))
    return out


def _load_roles(rec: dict[str, Any], where: str) -> tuple[Role, ...]:
    roles = []
    for r in rec.get("roles") or []:
        _check(isinstance(r, dict) and bool(r.get("role_en")), where, "each role needs role_en")
        for k in ("since", "until"):
            v = r.get(k)
            _check(v is None or bool(_DATE.match(str(v))), f"{where}", f"role {k} {v!r} is not YYYY[-MM[-DD]]")
        roles.append(Role(r["role_en"], r.get("role_ar"), _s(r.get("since")), _s(r.get("until"))))
    return tuple(roles)


def _s(v: Any) -> str | None:
    return None if v is None else str(v)


def current_role(roles: tuple[Role, ...]) -> str | None:
    """The open role that started last (the main current office); None when every role has ended."""
    open_roles = [r for r in roles if r.until is None]
    if not open_roles:
        return None
    return max(open_roles, key=lambda r: r.since or "").role_en


def _load_actors(b: _Builder, path: Path, demonyms: dict) -> None:
    data = _yaml(path)
    _check(isinstance(data, dict), path.name, "top level must have organizations/persons/templates")
    records = _load_templates(b, data, path, demonyms)
    for rec in data.get("organizations") or []:
        rid = rec.get("id")
        records[rid] = _merge(records[rid], rec) if rid in records else rec
    for rec in records.values():
        where = f"{path.name}:{rec['__line__']}"
        entry = _entry_from(rec, "organization", where, b)
        b.add(entry, where)
        _aliases_of(rec, entry, where, b)
    for rec in data.get("persons") or []:
        where = f"{path.name}:{rec['__line__']}"
        entry = _entry_from(rec, "person", where, b)
        roles = _load_roles(rec, where)
        b.roles[entry.id] = roles
        b.add(replace(entry, role=current_role(roles)), where)
        _aliases_of(rec, entry, where, b)


def _load_companies(b: _Builder, path: Path) -> None:
    """Defence manufacturers and state exporters: organizations whose state is a deal's party."""
    if not path.exists():
        return
    data = _yaml(path)
    _check(isinstance(data, dict), path.name, "top level must have organizations")
    for rec in data.get("organizations") or []:
        where = f"{path.name}:{rec['__line__']}"
        _check(rec.get("id") not in b.entries, where, f"duplicate id {rec.get('id')!r}")
        entry = _entry_from(rec, "organization", where, b)
        b.add(entry, where)
        _aliases_of(rec, entry, where, b)


# --------------------------------------------------------------------------- whole-KB checks


def _check_institutions(b: _Builder, pending: list[tuple[str, str, str]]) -> None:
    """Institutions named in factions.yaml must exist and carry the same country and faction."""
    for fid, inst, where in pending:
        f, e = b.entries[fid], b.entries.get(inst)
        _check(e is not None, where, f"unknown institution {inst!r}")
        assert e is not None
        _check((e.country, e.faction) == (f.country, f.faction), where,
               f"{inst} has country/faction {e.country}/{e.faction}, expected {f.country}/{f.faction}")


def _check_family_names(b: _Builder) -> None:
    """A one-word person alias must not be the family name of another listed person."""
    family: dict[str, set[str]] = {}
    for a in b.aliases:
        if a.entry_id.startswith("person:") and len(fold(a.text).split()) > 1:
            family.setdefault(fold(a.text).split()[-1], set()).add(a.entry_id)
    for a in b.aliases:
        if a.entry_id.startswith("person:") and len(fold(a.text).split()) == 1:
            others = family.get(fold(a.text), set()) - {a.entry_id}
            _check(not others, a.where, f"one-word alias {a.text!r} of {a.entry_id} is a family name of {sorted(others)}")


def _resolve_aliases(b: _Builder) -> tuple[dict[str, tuple[str, bool]], dict[str, tuple[str, ...]]]:
    """Pick one owner per folded alias; report conflicts. Returns (winner, all owners when shared)."""
    by_form: dict[str, list[_Alias]] = {}
    for a in b.aliases:
        by_form.setdefault(fold(a.text), []).append(a)
    marked = {(a.entry_id, fold(a.text)) for a in b.aliases if a.shared}  # '~' once marks every copy
    winners: dict[str, tuple[str, bool]] = {}
    shared: dict[str, tuple[str, ...]] = {}
    for form, owners in by_form.items():
        ids = list(dict.fromkeys(a.entry_id for a in owners))
        owners = [replace(a, shared=a.shared or (a.entry_id, form) in marked) for a in owners]
        firm = list(dict.fromkeys(a.entry_id for a in owners if not a.shared))
        if len(firm) > 1:
            places = {i: next(a.where for a in owners if a.entry_id == i and not a.shared) for i in firm}
            countries = {i: b.entries[i].country for i in firm}
            raise KBError(f"{places[firm[1]]}: alias {form!r} of {firm[1]} ({countries[firm[1]]}) is also an alias "
                          f"of {firm[0]} ({countries[firm[0]]}) at {places[firm[0]]}; mark one '~' if ambiguous")
        winner = firm[0] if firm else ids[0]
        # The same entry as name and as demonym ("سورية"): the name reading wins.
        demonym = all(a.demonym for a in owners if a.entry_id == winner)
        if form not in b.blocked:
            winners[form] = (winner, demonym)
        if len(ids) > 1:
            shared[form] = tuple(ids)
    return winners, shared


# --------------------------------------------------------------------------- the public object


class KnowledgeBase:
    """Every known entry with one matcher over all aliases; built once by ``load_kb``."""

    def __init__(self, b: _Builder, winners: dict[str, tuple[str, bool]], shared: dict[str, tuple[str, ...]]):
        self._entries = b.entries
        self._roles = b.roles
        self._seats = b.seats
        self._metonyms = b.metonyms
        self._factions = b.factions
        self._shared = shared
        self._aliases: dict[str, list[str]] = {}
        # all-capital aliases up to five letters are acronyms, matched only in capitals: "US", "KAI",
        # "EDGE" and "SAMI" are words or first names in lower or title case
        self._cased: set[str] = set()
        for a in b.aliases:
            self._aliases.setdefault(a.entry_id, []).append(a.text)
            bare = a.text.lstrip("~")
            if bare.isascii() and bare.isalpha() and bare.isupper() and len(bare) <= 5:
                self._cased.add(fold(bare))
        self.matcher = PhraseMatcher()
        for form, (eid, demonym) in winners.items():
            entry = self._entries[eid]
            value = replace(entry, demonym=True) if demonym else entry
            self.matcher.add(form, value)
            possessive = f"{form}'s"  # the matcher drops 's only on a phrase's first word ("Saudi Arabia's")
            if " " in form and form.isascii() and possessive not in winners:
                self.matcher.add(possessive, value)

    def get(self, entry_id: str) -> KBEntry | None:
        """The entry with this id, or None."""
        return self._entries.get(entry_id)

    def find(self, text: str, norm: Normalized | None = None) -> list[Hit]:
        """All KB mentions in ``text`` (longest first, clitic-aware); ``Hit.value`` is a KBEntry."""
        hits = self.matcher.find(text, norm)
        if self._cased:  # "US" is the United States, "us" is not
            hits = [h for h in hits if h.phrase not in self._cased or h.text[:len(h.phrase)].isupper()]
        return hits

    def by_country(self, iso3: str) -> KBEntry | None:
        """The state entry of an ISO 3166 alpha-3 code."""
        return self._entries.get(f"state:{iso3}")

    def factions(self, iso3: str) -> list[KBEntry]:
        """The rival authorities of a split state (empty for a state that is not split)."""
        return [self._entries[f] for f in self._factions.get(iso3, [])]

    def faction(self, iso3: str, label: str) -> KBEntry | None:
        """The faction entry of ``iso3`` whose label is ``label`` ("east", "RSF"), or None."""
        return next((f for f in self.factions(iso3) if f.faction == label), None)

    def stands_for(self, place_id: str) -> KBEntry | None:
        """The party a seat city speaks for: its faction if it is a faction seat, else its state if metonymic."""
        target = self._seats.get(place_id) or self._metonyms.get(place_id)
        return self._entries.get(target) if target else None

    def roles(self, person_id: str) -> tuple[Role, ...]:
        """A person's known roles, in data order (oldest first by convention)."""
        return self._roles.get(person_id, ())

    def aliases(self, entry_id: str) -> list[str]:
        """Every alias written for an entry (both scripts, demonyms included, '~' removed)."""
        return list(self._aliases.get(entry_id, []))

    def alternatives(self, phrase: str) -> list[KBEntry]:
        """All entries sharing an ambiguous alias ("عمان" → Oman, Amman); [] when it is not shared."""
        return [self._entries[i] for i in self._shared.get(fold(phrase), ())]

    def entries(self, kind: str | None = None) -> list[KBEntry]:
        """All entries, or those of one kind."""
        return [e for e in self._entries.values() if kind is None or e.kind == kind]


def build_kb(data_dir: Path = DATA) -> KnowledgeBase:
    """Read and validate every data file of ``data_dir``. Raises KBError naming file and line."""
    b = _Builder()
    _load_countries(b, data_dir / "countries.tsv")
    demonyms = {row["iso3"].strip(): demonym_forms(row) for _, row in _tsv(data_dir / "demonyms.tsv")}
    _load_demonyms(b, data_dir / "demonyms.tsv")
    _load_places(b, data_dir / "places.tsv")
    _load_waters(b, data_dir / "waters.tsv")
    pending = _load_factions(b, data_dir / "factions.yaml")
    _load_actors(b, data_dir / "actors.yaml", demonyms)
    _load_companies(b, data_dir / "companies.yaml")
    _load_accusatives(b, data_dir / "demonyms.tsv")
    _check_institutions(b, pending)
    _check_family_names(b)
    winners, shared = _resolve_aliases(b)
    return KnowledgeBase(b, winners, shared)


@functools.lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The packaged knowledge base, built once per process."""
    return build_kb(DATA)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Validate the knowledge base and print counts.")
    ap.add_argument("--check", action="store_true", help="validate all data files (the default action)")
    ap.parse_args(argv)
    try:
        kb = build_kb(DATA)
    except KBError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for kind in KINDS:
        print(f"{kind:13} {len(kb.entries(kind)):5}")
    print(f"{'aliases':13} {len(kb.matcher):5}")
    print(f"{'shared':13} {len(kb._shared):5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
