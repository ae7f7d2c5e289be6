"""Score exported events against a gold set (the rule of ``../shared/eval/README.md``).

A gold set is a folder with ``articles/NNN.json`` and ``gold/NNN.json``. A system event (exported-event
contract) belongs to an article when one of its sources has the article's url; where that source carries
its own date, date_precision, location, people or domains, those are scored for the article. The figures and their
rounding are those of the reference scorer, so ``alliancemap eval`` and the project's gate agree:

- key level: per article, distinct ``(type, {countries})``; optional (low-confidence) gold events are
  neither missed nor credited; an ``alt_types`` entry may stand in for the main type;
- event level: gold and system events paired one to one inside a key (date, then place, then people);
- attributes on paired events: date, place and faction accuracy, domain F1;
- merge: over gold mentions in different articles, "same ref" against "same system event_id".
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

Key = tuple[str, frozenset[str]]


@dataclass
class GoldArticle:
    """One annotated article: its metadata (url…) and its gold record (relevant, events)."""

    article: dict[str, Any]
    gold: dict[str, Any]

    @property
    def url(self) -> str:
        return (self.article.get("url") or "").strip()

    @property
    def events(self) -> list[dict[str, Any]]:
        return list(self.gold.get("events") or [])

    @property
    def relevant(self) -> bool:
        return bool(self.gold.get("relevant", True))


@dataclass
class _Tally:
    """Counts gathered over all articles before they become ratios."""

    key: Counter = field(default_factory=Counter)
    event: Counter = field(default_factory=Counter)
    attrs: Counter = field(default_factory=Counter)
    per_type: defaultdict = field(default_factory=lambda: defaultdict(Counter))
    distractor_fp: int = 0
    found: dict[tuple[str, int], str] = field(default_factory=dict)  # (article id, gold index) -> event_id
    details: list[dict[str, Any]] = field(default_factory=list)


def load_gold_set(set_dir: Path) -> dict[str, GoldArticle]:
    """Articles of a set keyed by article id, in gold file order; a gold file needs its article."""
    out: dict[str, GoldArticle] = {}
    for gold_path in sorted((Path(set_dir) / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = json.loads((Path(set_dir) / "articles" / gold_path.name).read_text(encoding="utf-8"))
        out[article["id"]] = GoldArticle(article, gold)
    return out


def load_events_jsonl(path: Path) -> list[dict[str, Any]]:
    """Exported events from a JSON Lines file (blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def party_countries(parties: Iterable[Any] | None) -> frozenset[str]:
    """Upper-case country codes of gold (strings) or system (dicts with ``country``) parties."""
    codes = (p.get("country") if isinstance(p, Mapping) else p for p in parties or [])
    return frozenset(c.upper() for c in codes if c)


def gold_keys(ev: Mapping[str, Any]) -> list[Key]:
    """The gold event's main key first, then one per alternative type."""
    countries = party_countries(ev.get("parties"))
    return [(t.upper(), countries) for t in [ev["type"], *(ev.get("alt_types") or [])]]


def system_key(ev: Mapping[str, Any]) -> Key:
    return ((ev.get("type") or "").upper(), party_countries(ev.get("parties")))


def is_optional(ev: Mapping[str, Any]) -> bool:
    """Low-confidence gold events are optional: no miss when absent, no credit when found."""
    return (ev.get("confidence") or "").lower() == "low"


def place_name(loc: Any) -> str | None:
    """Comparable place: lower-cased, stripped name of a string or ``{"name": …}``; None if empty."""
    if isinstance(loc, Mapping):
        loc = loc.get("name")
    return (loc or "").strip().lower() or None


def _name_tokens(ev: Mapping[str, Any]) -> set[str]:
    """Lower-cased word tokens (longer than 2) of every name form of the event's people."""
    names: set[str] = set()
    for person in ev.get("people") or []:
        if isinstance(person, Mapping):
            names.update(person[k] for k in ("name", "name_ar", "name_en") if person.get(k))
        elif person:
            names.add(person)
    words = (w for n in names for w in str(n).lower().replace("-", " ").split())
    return {w for w in words if len(w) > 2}


def pair_score(gold: Mapping[str, Any], system: Mapping[str, Any]) -> float:
    """How well a system event fits a gold event: date 2, place 1, each shared name token 0.5."""
    points = 0.0
    if gold.get("date") and (system.get("date") or "")[:10] == gold["date"]:
        points += 2
    if gold.get("location") and place_name(system.get("location")) == place_name(gold["location"]):
        points += 1
    return points + 0.5 * len(_name_tokens(gold) & _name_tokens(system))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 rounded to 3 places (F1 from the unrounded P and R)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = round(2 * p * r / (p + r), 3) if p + r else 0.0
    return round(p, 3), round(r, 3), f


def _label(key: Key) -> str:
    return f"{key[0]}:{'-'.join(sorted(key[1]))}"


def _score_keys(aid: str, art: GoldArticle, sys_events: list[dict[str, Any]], t: _Tally) -> None:
    """Key-level hits, misses and spurious keys of one article."""
    gevs = art.events
    required = {gold_keys(e)[0] for e in gevs if not is_optional(e)}
    acceptable = {k for e in gevs for k in gold_keys(e)}
    found = {system_key(s) for s in sys_events}
    if not art.relevant:
        t.distractor_fp += len(found)
    hit, missing, spurious = required & found, required - found, found - required
    for key in sorted(spurious, key=_label):
        stand_in = next((e for e in gevs if not is_optional(e) and key in gold_keys(e)
                         and gold_keys(e)[0] in missing), None)
        if stand_in is not None:  # an alternative type replaces a missing main key
            missing.discard(gold_keys(stand_in)[0])
            spurious.discard(key)
            hit.add(key)
        elif key in acceptable:  # an optional event or an alternative already covered: neutral
            spurious.discard(key)
    for name, keys in (("tp", hit), ("fp", spurious), ("fn", missing)):
        t.key[name] += len(keys)
        for key in keys:
            t.per_type[key[0]][name] += 1
    if missing or spurious:
        t.details.append({"id": aid, "missing": sorted(map(_label, missing)),
                          "spurious": sorted(map(_label, spurious))})


def _score_attributes(gold: Mapping[str, Any], system: Mapping[str, Any], t: _Tally) -> None:
    """Date, place, faction and domain agreement of one paired, required gold event."""
    a = t.attrs
    if gold.get("date"):
        a["date_n"] += 1
        day = system.get("date_precision", "day") == "day"
        a["date_ok"] += day and (system.get("date") or "")[:10] == gold["date"]
    if gold.get("location"):
        a["loc_n"] += 1
        a["loc_ok"] += place_name(system.get("location")) == place_name(gold["location"])
    parties = [p for p in system.get("parties") or [] if isinstance(p, Mapping)]
    for country, faction in (gold.get("factions") or {}).items():
        a["fac_n"] += 1
        a["fac_ok"] += any((p.get("country") or "").upper() == country and (p.get("faction") or "") == faction
                           for p in parties)
    gd, sd = set(gold.get("domains") or []), set(system.get("domains") or [])
    a["dom_tp"] += len(gd & sd)
    a["dom_fp"] += len(sd - gd)
    a["dom_fn"] += len(gd - sd)


def _pair_events(aid: str, art: GoldArticle, sys_events: list[dict[str, Any]], t: _Tally) -> None:
    """Greedy one-to-one pairing in gold order; the first best-scoring free system event wins."""
    taken: set[int] = set()
    for gi, gold in enumerate(art.events):
        keys = gold_keys(gold)
        free = [(si, s) for si, s in enumerate(sys_events) if si not in taken and system_key(s) in keys]
        if not free:
            t.event["fn"] += not is_optional(gold)
            continue
        si, system = max(free, key=lambda pair: (pair_score(gold, pair[1]), -pair[0]))
        taken.add(si)
        t.found[(aid, gi)] = system["event_id"]
        if not is_optional(gold):
            t.event["tp"] += 1
            _score_attributes(gold, system, t)
    t.event["fp"] += len(sys_events) - len(taken)


def _merge_pairs(gold_set: dict[str, GoldArticle], found: dict[tuple[str, int], str]) -> Counter:
    """Pairwise merge counts over found gold mentions with a ref, across different articles."""
    mentions = [(aid, ev["ref"], found[(aid, gi)]) for aid, art in gold_set.items()
                for gi, ev in enumerate(art.events) if ev.get("ref") and (aid, gi) in found]
    c: Counter = Counter()
    for (a1, r1, s1), (a2, r2, s2) in itertools.combinations(mentions, 2):
        if a1 != a2:
            same_ref, same_sys = r1 == r2, s1 == s2
            c["tp"] += same_ref and same_sys
            c["fp"] += same_sys and not same_ref
            c["fn"] += same_ref and not same_sys
    return c


PER_SOURCE = ("date", "date_precision", "location", "people", "domains")


def article_view(ev: Mapping[str, Any], source: Mapping[str, Any]) -> dict[str, Any]:
    """The event as one article reports it: the source's own values, where it carries them, over the event's."""
    view = dict(ev)
    view.update({k: source[k] for k in PER_SOURCE if k in source})
    return view


def _by_url(events: list[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """System events per source url (as that source's article reports them), each with an event_id."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i, ev in enumerate(events):
        ev = dict(ev)
        ev.setdefault("event_id", f"#{i}")
        seen: set[str] = set()
        for source in ev.get("sources") or []:
            url = (source.get("url") or "").strip()
            if url and url not in seen:
                seen.add(url)
                out[url].append(article_view(ev, source))
    return out


def score(set_dir: Path, events: list[dict], details: bool = False) -> dict:
    """Score exported events against the gold set in ``set_dir``.

    Args:
        set_dir: folder with ``articles/`` and ``gold/``.
        events: exported events (DESIGN.md contract); they are not modified.
        details: also list, per article, the missing and spurious keys.

    Returns:
        The reference scorer's ``--json`` result: articles, system_events, key, event, merge,
        distractor_fp, date/location/faction accuracy with their counts, domain_f1 and per_type.
    """
    gold_set = load_gold_set(set_dir)
    by_url = _by_url(events)
    t = _Tally()
    for aid, art in sorted(gold_set.items()):
        sys_events = by_url.get(art.url, [])
        _score_keys(aid, art, sys_events, t)
        _pair_events(aid, art, sys_events, t)
    merge = _merge_pairs(gold_set, t.found)
    a = t.attrs

    def ratio(ok: str, n: str) -> float | None:
        return round(a[ok] / a[n], 3) if a[n] else None

    def block(c: Counter, prefix: str = "") -> dict[str, Any]:
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        return {f"{prefix}tp": c["tp"], f"{prefix}fp": c["fp"], f"{prefix}fn": c["fn"],
                "precision": p, "recall": r, "f1": f}

    result: dict[str, Any] = {
        "articles": len(gold_set), "system_events": len(events),
        "key": block(t.key), "event": block(t.event), "merge": block(merge, "pairs_"),
        "distractor_fp": t.distractor_fp,
        "date_acc": ratio("date_ok", "date_n"), "date_n": a["date_n"],
        "location_acc": ratio("loc_ok", "loc_n"), "location_n": a["loc_n"],
        "faction_acc": ratio("fac_ok", "fac_n"), "faction_n": a["fac_n"],
        "domain_f1": prf(a["dom_tp"], a["dom_fp"], a["dom_fn"])[2],
        "per_type": {typ: dict(c) for typ, c in sorted(t.per_type.items())},
    }
    if details:
        result["details"] = t.details
    return result


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def format_report(result: dict, console: Console) -> None:
    """Print a score result as rich tables: overall, per type, attributes, merge."""
    from rich.table import Table

    overall = Table(title=f"alliancemap eval: {result['articles']} articles, "
                          f"{result['system_events']} system events")
    for col in ("level", "tp", "fp", "fn", "precision", "recall", "F1"):
        overall.add_column(col, justify="left" if col == "level" else "right")
    for level, prefix in (("key", ""), ("event", ""), ("merge (pairs)", "pairs_")):
        b = result[level.split()[0]]
        overall.add_row(level, *(_fmt(b[prefix + k]) for k in ("tp", "fp", "fn")),
                        *(_fmt(b[k]) for k in ("precision", "recall", "f1")))
    console.print(overall)

    per_type = Table(title="key level per type")
    for col in ("type", "tp", "fp", "fn", "precision", "recall", "F1"):
        per_type.add_column(col, justify="left" if col == "type" else "right")
    for typ, c in result["per_type"].items():
        tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
        per_type.add_row(typ, str(tp), str(fp), str(fn), *map(_fmt, prf(tp, fp, fn)))
    console.print(per_type)

    attrs = Table(title="attributes of paired events")
    attrs.add_column("attribute")
    attrs.add_column("score", justify="right")
    attrs.add_column("over", justify="right")
    for name, key, n in (("date accuracy", "date_acc", "date_n"), ("place accuracy", "location_acc", "location_n"),
                         ("faction accuracy", "faction_acc", "faction_n")):
        attrs.add_row(name, _fmt(result[key]), str(result[n]))
    attrs.add_row("domain F1", _fmt(result["domain_f1"]), "")
    attrs.add_row("distractor false positives", str(result["distractor_fp"]), "")
    console.print(attrs)
    for d in result.get("details", []):
        console.print(f"{d['id']}: missing {', '.join(d['missing']) or '–'}; "
                      f"spurious {', '.join(d['spurious']) or '–'}", markup=False)
