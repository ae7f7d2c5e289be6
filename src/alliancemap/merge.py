"""One event, many outlets: near-duplicate articles and cross-report event coreference.

Extraction yields *mentions*: one Event per article sentence that reports something. Several outlets
report the same visit (a wire story syndicated word for word, a rewrite, an Arabic and an English
account), so this stage

1. groups near-duplicate articles (MinHash over word 3-shingles of the folded text), so that a
   syndicated copy is never counted as independent corroboration;
2. scores pairs of mentions (``score_pair``) under hard constraints (same type, same party countries,
   compatible factions, dates and places) plus soft evidence (same day, place, people, instrument);
3. clusters mentions into real-world events (``cluster_events``): deterministic (mentions are sorted by a
   content key first), incremental (new mentions attach to existing clusters, which are never split) and
   explainable (each member keeps its score and the reasons).

Confidence of a cluster::

    c_i  = min(0.95, max extractor confidence of the mentions from independent source i)
    conf = min(0.99, 1 - prod_i (1 - c_i))

where an independent source is an article after near-duplicate grouping (a syndicated copy and its
original are one source). One report at 0.5 gives 0.5, two give 0.75, three 0.875.

Pure functions: no database here; ``store.events`` persists the clusters.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from datasketch import MinHash, MinHashLSH

from alliancemap.model import Event, Party, Person, Source
from alliancemap.text.normalize import fold

PLACES_FILE = Path(__file__).parent / "data" / "merge_places.yaml"

DAY_TOLERANCE = 3  # reports of one event disagree on its day by one or two days (time zones, datelines)
UNDATED_WINDOW = 21  # an undated report published this many days after a dated event may report it
FRESH_DAYS = 1  # an undated report published the same or the next day tells the news of that day
# Types whose one occurrence happens in one place at one time: two close reports that put it in the two
# parties' own countries disagree on the place (a dateline, the other side's capital), they are not two.
ONE_PLACE_TYPES = frozenset({"AGREE", "ARMS_DEAL", "COMMITTEE"})
# Per-mention provenance, not facts about the event: never voted on nor reported as conflicts.
PROVENANCE_ATTRIBUTES = frozenset({"trigger", "date_from"})
SHINGLE_SIZE = 3
BODY_LINE_WORDS = 12  # shorter lines are headlines or page furniture, not story paragraphs
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
_STATUS_RANK = {"implemented": 4, "signed": 3, "announced": 2, "planned": 1}
_WORD = re.compile(r"\w+", re.UNICODE)


# --------------------------------------------------------------------------------------------------
# Places knowledge
# --------------------------------------------------------------------------------------------------


class MergeDataError(ValueError):
    """A data file for merge is malformed; the message names the file and key."""


@dataclass(frozen=True)
class PlaceData:
    capitals: dict[str, str | None]  # ISO3 -> folded capital name
    city_country: dict[str, str]  # folded capital -> ISO3
    nearby: dict[str, int]  # folded city -> group number


@lru_cache(maxsize=1)
def place_data(path: Path = PLACES_FILE) -> PlaceData:
    """Capitals and nearby-city groups, loaded once and validated."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MergeDataError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("capitals"), dict):
        raise MergeDataError(f"{path}: expected a mapping with key 'capitals'")
    capitals: dict[str, str | None] = {}
    for iso, city in raw["capitals"].items():
        if not (isinstance(iso, str) and len(iso) == 3 and iso.isupper()):
            raise MergeDataError(f"{path}: capitals.{iso}: key must be an ISO 3166 alpha-3 code")
        if city is not None and not isinstance(city, str):
            raise MergeDataError(f"{path}: capitals.{iso}: value must be a city name or null")
        capitals[iso] = fold(city) if city else None
    nearby: dict[str, int] = {}
    for i, group in enumerate(raw.get("nearby") or []):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(c, str) for c in group):
            raise MergeDataError(f"{path}: nearby[{i}]: expected a list of two or more city names")
        for city in group:
            nearby[fold(city)] = i
    city_country = {c: iso for iso, c in capitals.items() if c}
    return PlaceData(capitals, city_country, nearby)


# --------------------------------------------------------------------------------------------------
# Near-duplicate articles
# --------------------------------------------------------------------------------------------------


def body_text(text: str) -> str:
    """The paragraphs of a page: lines of ``BODY_LINE_WORDS`` words or more, when they hold half its words.

    Syndicated copies share the story but not the site furniture left by cleaning (menus, share lines,
    bylines, related headlines, comment prompts: all short lines), which would otherwise pull their
    similarity under the threshold. Short texts and texts without line structure are kept whole.
    """
    lines = [line for line in text.splitlines() if len(_WORD.findall(line)) >= BODY_LINE_WORDS]
    kept = sum(len(_WORD.findall(line)) for line in lines)
    return "\n".join(lines) if lines and kept * 2 >= len(_WORD.findall(text)) else text


def shingles(text: str, n: int = SHINGLE_SIZE) -> set[str]:
    """Word n-shingles of the folded body text (punctuation dropped, so rewrapping does not matter)."""
    words = _WORD.findall(fold(body_text(text)))
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def minhash(text: str, num_perm: int = 128) -> MinHash:
    """A MinHash signature of ``text`` (fixed seed: identical across runs and machines)."""
    m = MinHash(num_perm=num_perm)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return m


@dataclass
class DuplicateMatch:
    """Where an added article landed: its canonical article and the estimated Jaccard to it."""

    article_id: str
    canonical_id: str
    jaccard: float


class DuplicateIndex:
    """An incremental near-duplicate index: add articles one by one, or rebuild from signatures.

    The first article added to a group is its canonical copy, so adding in the order of the stored
    signatures (see ``store.events.load_duplicate_index``) rebuilds the same groups.
    """

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self.canonical: dict[str, str] = {}
        self.jaccard: dict[str, float] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sigs

    def __len__(self) -> int:
        return len(self._sigs)

    def signature(self, article_id: str) -> list[int]:
        """The stored signature (hash values) of an added article."""
        return [int(v) for v in self._sigs[article_id].hashvalues]

    def query(self, text: str) -> list[tuple[str, float]]:
        """Added articles similar to ``text`` at or above the threshold, best first."""
        return self._query_sig(minhash(text, self.num_perm))

    def add(self, article_id: str, text: str) -> DuplicateMatch:
        """Add an article by its text; returns its canonical article (itself when new)."""
        return self.add_signature(article_id, minhash(text, self.num_perm).hashvalues)

    def add_signature(self, article_id: str, hashvalues: Iterable[int]) -> DuplicateMatch:
        """Add an article by a stored signature (rebuilding the index needs no text)."""
        if article_id in self._sigs:
            return DuplicateMatch(article_id, self.canonical[article_id], self.jaccard[article_id])
        sig = _from_hashvalues(self.num_perm, list(hashvalues))
        hits = self._query_sig(sig)
        if hits:
            # the earliest-added group wins when a rewrite resembles two groups
            best = min(hits, key=lambda h: (self._order[self.canonical[h[0]]], -h[1], h[0]))
            canonical, jac = self.canonical[best[0]], best[1]
        else:
            canonical, jac = article_id, 1.0
        self._order[article_id] = len(self._order)
        self._sigs[article_id] = sig
        self.canonical[article_id] = canonical
        self.jaccard[article_id] = round(jac, 4)
        self._lsh.insert(article_id, sig)
        return DuplicateMatch(article_id, canonical, self.jaccard[article_id])

    def _query_sig(self, sig: MinHash) -> list[tuple[str, float]]:
        if not self._sigs or _empty(sig):
            return []
        out = []
        for key in self._lsh.query(sig):
            jac = sig.jaccard(self._sigs[key])
            if jac >= self.threshold and not _empty(self._sigs[key]):
                out.append((key, jac))
        return sorted(out, key=lambda h: (-h[1], self._order[h[0]]))


SIGNATURE_SCHEME: str = str(getattr(MinHash(num_perm=1), "scheme", None) or "legacy")
"""The hashing scheme of this datasketch version; stored signatures of another scheme are not comparable."""


def _from_hashvalues(num_perm: int, values: list[int]) -> MinHash:
    if SIGNATURE_SCHEME == "legacy":  # datasketch < 2 has no ``scheme`` argument
        return MinHash(num_perm=num_perm, hashvalues=values)
    return MinHash(num_perm=num_perm, hashvalues=values, scheme=SIGNATURE_SCHEME)


def _empty(sig: MinHash) -> bool:
    return bool(sig.is_empty())


def near_duplicate_groups(
    docs: Iterable[tuple[str, str]], *, threshold: float = 0.8, num_perm: int = 128
) -> dict[str, str]:
    """Map each article_id to its canonical article_id (the first of its group in ``docs`` order).

    Args:
        docs: ``(article_id, text)`` pairs, earliest first.
        threshold: estimated Jaccard similarity of word 3-shingles above which two texts are copies.
        num_perm: MinHash permutations.

    Returns:
        ``{article_id: canonical_id}`` for every article (canonical articles map to themselves).
    """
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm)
    return {aid: index.add(aid, text).canonical_id for aid, text in docs}


# --------------------------------------------------------------------------------------------------
# Dates, places, parties, people
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: dt.date
    end: dt.date
    precision: str
    label: str


def _span(date: str | None, precision: str | None) -> _Span | None:
    """The interval a (possibly partial) date covers: 2025-12 covers the whole month."""
    if not date:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    prec = precision or ("day" if day else "month" if month else "year")
    try:
        if prec == "day" and day:
            d = dt.date(year, month, day)
            return _Span(d, d, "day", d.isoformat())
        if prec in ("day", "month") and month:
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
            return _Span(dt.date(year, month, 1), last, "month", f"{year:04d}-{month:02d}")
        return _Span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"{year:04d}")
    except ValueError:
        return None


def _pub(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _published(ev: Event) -> list[dt.date]:
    return sorted({d for s in ev.sources if (d := _pub(s.published))})


def _gap(a: _Span, b: _Span) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def _place_name(ev: Event) -> str | None:
    loc = ev.location or {}
    name = loc.get("name") if isinstance(loc, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def _place_country(ev: Event) -> str | None:
    loc = ev.location or {}
    country = loc.get("country") if isinstance(loc, dict) else None
    if country:
        return str(country).upper()
    name = _place_name(ev)
    return place_data().city_country.get(fold(name)) if name else None


def _countries(ev: Event) -> list[str]:
    return sorted(p.country.upper() for p in ev.parties if p.country)


def _factions(ev: Event) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for p in ev.parties:
        if p.country and p.faction:
            out[p.country.upper()].add(p.faction)
    return out


def parties_label(ev: Event) -> str:
    """``LBY:east+PAK``: party countries in order, with a faction where one is known."""
    fac = _factions(ev)
    seen: list[str] = []
    for c in _countries(ev):
        label = c + (":" + "/".join(sorted(fac[c])) if fac.get(c) else "")
        if label not in seen:
            seen.append(label)
    return "+".join(seen)


def _person_key(p: Person) -> str:
    return p.actor_id or fold(p.name_en or p.name or p.name_ar or "")


def _person_keys(p: Person) -> set[str]:
    """Every identity a person can be matched by: actor id and each folded spelling."""
    keys = {fold(n) for n in (p.name, p.name_en, p.name_ar) if n}
    if p.actor_id:
        keys.add(p.actor_id)
    return {k for k in keys if k}


def _display(p: Person) -> str:
    return p.name_en or p.name or p.name_ar or p.actor_id or "?"


def _shared_people(a: Event, b: Event) -> list[str]:
    out = []
    for pa in a.people:
        if any(_person_keys(pa) & _person_keys(pb) for pb in b.people):
            name = _display(pa)
            if name not in out:
                out.append(name)
    return out


def _counterparts_differ(a: Event, b: Event) -> str | None:
    """Two meetings of one visitor with different hosts (resolved people of one country, disjoint)."""
    def by_country(ev: Event) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for p in ev.people:
            if p.actor_id and p.country:
                out[p.country.upper()].add(p.actor_id)
        return out

    pa, pb = by_country(a), by_country(b)
    for country in sorted(set(pa) & set(pb)):
        if not pa[country] & pb[country]:
            names_a = sorted(_display(p) for p in a.people if p.actor_id in pa[country])
            names_b = sorted(_display(p) for p in b.people if p.actor_id in pb[country])
            return f"different {country} counterparts: {', '.join(names_a)} vs {', '.join(names_b)}: no"
    return None


# --------------------------------------------------------------------------------------------------
# Pair scoring
# --------------------------------------------------------------------------------------------------


@dataclass
class _Assessment:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    blocked: bool = False
    place_blocked: bool = False  # blocked by the place alone (another report's place may still agree)

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        self.reasons.append(reason)

    def block(self, reason: str) -> None:
        self.blocked = True
        self.reasons.append(reason)


def _check_type_and_parties(a: Event, b: Event, out: _Assessment) -> None:
    if a.type != b.type:
        out.block(f"types differ {a.type} vs {b.type}: no")
        return
    out.add(0.2, f"same type {a.type}")
    if _countries(a) != _countries(b):
        out.block(f"parties differ {parties_label(a)} vs {parties_label(b)}: no")
        return
    fa, fb = _factions(a), _factions(b)
    for country in sorted(set(fa) & set(fb)):
        if not fa[country] & fb[country]:
            out.block(f"factions differ {country}: {'/'.join(sorted(fa[country]))} vs "
                      f"{'/'.join(sorted(fb[country]))}: no")
            return
    merged = copy.copy(a)
    merged.parties = a.parties + b.parties
    out.add(0.2, f"same parties {parties_label(merged)}")


def _days(n: int) -> str:
    return f"{n} day" if abs(n) == 1 else f"{n} days"


def _check_dates(a: Event, b: Event, out: _Assessment) -> None:
    sa, sb = _span(a.date, a.date_precision), _span(b.date, b.date_precision)
    if sa and sb:
        _dated_pair(sa, sb, out)
    elif sa:
        _undated_vs_dated(sa, b, out)
    elif sb:
        _undated_vs_dated(sb, a, out)
    else:
        _both_undated(a, b, out)


def _dated_pair(sa: _Span, sb: _Span, out: _Assessment) -> None:
    gap = _gap(sa, sb)
    if sa.precision == sb.precision == "day":
        if gap == 0:
            out.add(0.3, f"same date {sa.label}")
        elif gap <= DAY_TOLERANCE:
            out.add(0.2, f"dates {_days(gap)} apart ({sa.label}, {sb.label}): tolerated")
        else:
            out.block(f"dates {gap} days apart: no")
        return
    if gap == 0:
        coarse, fine = (sa, sb) if _PRECISION_RANK[sa.precision] <= _PRECISION_RANK[sb.precision] else (sb, sa)
        if coarse.label == fine.label:
            out.add(0.2, f"same date {coarse.label}")
        else:
            out.add(0.15, f"dates compatible ({coarse.label} contains {fine.label})")
    elif gap <= DAY_TOLERANCE:
        out.add(0.1, f"dates {gap} days apart ({sa.label}, {sb.label}): tolerated")
    else:
        out.block(f"dates {gap} days apart: no")


def _undated_vs_dated(span: _Span, undated: Event, out: _Assessment) -> None:
    pubs = _published(undated)
    if not pubs:
        out.add(0.0, "dates compatible (one undated, no publication date to compare)")
        return
    pub = pubs[0]
    if undated.background:
        if pub >= span.start - dt.timedelta(days=DAY_TOLERANCE):
            out.add(0.05, "dates compatible (one undated background report, published later)")
        else:
            out.block("undated background report published before the event: no")
        return
    lo = span.start - dt.timedelta(days=DAY_TOLERANCE)
    hi = span.end + dt.timedelta(days=UNDATED_WINDOW)
    if lo <= pub <= hi:
        after = (pub - span.start).days
        if span.precision == "day" and -DAY_TOLERANCE <= (pub - span.end).days <= FRESH_DAYS:
            out.add(0.2, f"dates compatible (one undated, published {_days(after)} after {span.label}: "
                         "same news)")
        else:
            out.add(0.15, f"dates compatible (one undated, published {_days(after)} after {span.label})")
    else:
        days = (pub - span.end).days if pub > hi else (span.start - pub).days
        out.block(f"undated report published {days} days from {span.label}: no")


def _both_undated(a: Event, b: Event, out: _Assessment) -> None:
    pa, pb = _published(a), _published(b)
    if not pa or not pb:
        out.add(0.0, "no dates to compare")
        return
    days = min(abs((x - y).days) for x in pa for y in pb)
    if days <= FRESH_DAYS and not (a.background or b.background):
        out.add(0.15, f"both undated, published {_days(days)} apart: same news")
    elif days <= UNDATED_WINDOW:
        out.add(0.1, f"both undated, published {_days(days)} apart")
    elif a.background or b.background:
        out.add(0.0, f"both undated, published {_days(days)} apart (background report)")
    else:
        out.block(f"both undated, published {_days(days)} apart: no")


def _check_places(a: Event, b: Event, out: _Assessment) -> None:
    na, nb = _place_name(a), _place_name(b)
    if not na or not nb:
        if na or nb:
            out.add(0.0, "one place unknown")
        return
    if fold(na) == fold(nb):
        out.add(0.2, f"same place {na}")
        return
    ca, cb = _place_country(a), _place_country(b)
    if ca and cb and ca != cb:
        parties = set(_countries(a))
        if a.type in ONE_PLACE_TYPES and {ca, cb} <= parties and _close_in_time(a, b):
            out.add(-0.05, f"places in the two parties' countries: {na} ({ca}) vs {nb} ({cb}): conflict")
            return
        out.block(f"places in different countries: {na} ({ca}) vs {nb} ({cb}): no")
        out.place_blocked = True
        return
    data = place_data()
    country = ca or cb
    capital = data.capitals.get(country) if country else None
    near = data.nearby.get(fold(na)) is not None and data.nearby.get(fold(na)) == data.nearby.get(fold(nb))
    if near or (capital and capital in (fold(na), fold(nb))):
        out.add(-0.05, f"places differ: {na} vs {nb} (nearby or capital): conflict")
    elif not country:
        out.add(-0.15, f"places differ: {na} vs {nb} (country unknown): conflict")
    else:
        out.block(f"different places {na} vs {nb}: no")
        out.place_blocked = True


def _close_in_time(a: Event, b: Event) -> bool:
    """Both reports pin the event to the same few days: by their dates, else by when they were published."""
    sa, sb = _span(a.date, a.date_precision), _span(b.date, b.date_precision)
    if sa and sb:
        return sa.precision == sb.precision == "day" and _gap(sa, sb) <= DAY_TOLERANCE
    pa, pb = _published(a), _published(b)
    if sa or sb:
        span, pubs = (sa, pb) if sa else (sb, pa)
        assert span is not None
        return span.precision == "day" and any(0 <= (p - span.start).days <= DAY_TOLERANCE for p in pubs)
    return bool(pa and pb) and min(abs((x - y).days) for x in pa for y in pb) <= DAY_TOLERANCE


def _same_article_people_differ(a: Event, b: Event) -> str | None:
    """Two meetings told in one article with different participants (each names someone the other does not)."""
    if not (a.sources and b.sources and _article(a) == _article(b) and a.people and b.people):
        return None
    only_a = [p for p in a.people if not any(_person_keys(p) & _person_keys(q) for q in b.people)]
    only_b = [p for p in b.people if not any(_person_keys(p) & _person_keys(q) for q in a.people)]
    if only_a and only_b:
        return (f"same article, different participants: {', '.join(_display(p) for p in only_a)} vs "
                f"{', '.join(_display(p) for p in only_b)}: no")
    return None


def _check_details(a: Event, b: Event, out: _Assessment) -> None:
    if a.type == "MEET" and (why := _counterparts_differ(a, b) or _same_article_people_differ(a, b)):
        out.block(why)
        return
    shared = _shared_people(a, b)
    if shared:
        out.add(min(0.15, 0.1 + 0.05 * (len(shared) - 1)), f"shared people: {', '.join(shared)}")
    ia, ib = a.attributes.get("instrument"), b.attributes.get("instrument")
    if ia and ib:
        if ia == ib:
            out.add(0.1, f"same instrument {ia}")
        else:
            out.add(-0.05, f"instruments differ {ia} vs {ib}")  # outlets call an MoU an agreement
    sys_a = {fold(str(s)) for s in a.attributes.get("systems") or []}
    sys_b = {fold(str(s)) for s in b.attributes.get("systems") or []}
    if sys_a & sys_b:
        out.add(0.1, f"shared systems: {', '.join(sorted(sys_a & sys_b))}")
    va, vb = _amount(a.attributes.get("value_usd")), _amount(b.attributes.get("value_usd"))
    if va and vb:
        if abs(va - vb) <= 0.05 * max(va, vb):  # "about $1bn" and "$1 billion" are one headline figure
            out.add(0.2, f"same value {_money(va)}")
        else:
            out.add(-0.1, f"values differ {_money(va)} vs {_money(vb)}")


def _amount(value: Any) -> float | None:
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return None
    return amount if amount > 0 else None


def _money(value: float) -> str:
    for size, unit in ((1e9, "bn"), (1e6, "m")):
        if value >= size:
            return f"${value / size:g}{unit}"
    return f"${value:g}"


def _assess(a: Event, b: Event) -> _Assessment:
    out = _Assessment()
    for check in (_check_type_and_parties, _check_dates, _check_places, _check_details):
        check(a, b, out)
        if out.blocked:
            break
    out.score = 0.0 if out.blocked else round(min(1.0, max(0.0, out.score)), 3)
    return out


def score_pair(a: Event, b: Event) -> tuple[float, list[str]]:
    """How likely two mentions report one real-world event.

    Args:
        a: one event mention.
        b: another.

    Returns:
        ``(score, reasons)``: score in 0..1 (0 when a hard constraint fails; the last reason then ends in
        ": no"), reasons readable by a person ("same type AGREE", "same place Benghazi", …).
    """
    res = _assess(a, b)
    return res.score, res.reasons


# --------------------------------------------------------------------------------------------------
# Clusters
# --------------------------------------------------------------------------------------------------


@dataclass
class Member:
    """One mention in a cluster, with why it joined."""

    mention_id: str
    article_id: str
    score: float
    reasons: list[str]
    event: Event | None = field(default=None, compare=False, repr=False)


@dataclass
class EventCluster:
    """A real-world event: its member mentions, the consensus record, conflicts and links."""

    event_id: str
    members: list[Member]
    consensus: Event
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    related: list[tuple[str, str]] = field(default_factory=list)
    n_sources: int = 0  # distinct articles, near-duplicates counted once
    n_outlets: int = 0
    confidence: float = 0.0
    people_counts: dict[str, int] = field(default_factory=dict)
    domain_counts: dict[str, int] = field(default_factory=dict)

    @property
    def member_ids(self) -> list[str]:
        return [m.mention_id for m in self.members]

    def events(self) -> list[Event]:
        return [m.event for m in self.members if m.event is not None]


def mention_id(ev: Event) -> str:
    """The mention's id: its ``event_id`` when set (store), else a hash of its content."""
    if ev.event_id:
        return ev.event_id
    src = ev.sources[0] if ev.sources else Source("", "", 0, 0)
    key = json.dumps([src.article_id, src.start, src.end, ev.type, _countries(ev), ev.date,
                      sorted(_person_key(p) for p in ev.people), _place_name(ev)], ensure_ascii=False)
    return "m_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _article(ev: Event) -> str:
    return ev.sources[0].article_id if ev.sources else ""


def _sort_key(ev: Event) -> tuple[str, ...]:
    pubs = _published(ev)
    src = ev.sources[0] if ev.sources else Source("", "", 0, 0)
    return (pubs[0].isoformat() if pubs else "9999-99-99", src.article_id, f"{src.start:09d}",
            f"{src.end:09d}", ev.type, mention_id(ev))


def _new_event_id(first_mention: str) -> str:
    return "ev_" + hashlib.sha1(first_mention.encode("utf-8")).hexdigest()[:16]


def cluster_events(
    mentions: list[Event],
    existing: list[EventCluster] | None = None,
    *,
    duplicates: dict[str, str] | None = None,
    threshold: float = 0.6,
) -> list[EventCluster]:
    """Group event mentions into real-world events.

    Args:
        mentions: event mentions (one Source each). Mentions already members of ``existing`` refresh
            their stored copy; the others are attached or start new clusters.
        existing: clusters from an earlier run; they keep their ids and members (never split).
        duplicates: ``article_id -> canonical article_id`` from ``near_duplicate_groups``.
        threshold: minimum score for a mention to join a cluster.

    Returns:
        The clusters, ordered by date (undated last) then event_id, with consensus, conflicts,
        corroboration and links recomputed.
    """
    dups = duplicates or {}
    clusters = [copy.deepcopy(c) for c in existing or []]
    by_member = {m.mention_id: m for c in clusters for m in c.members}
    new: list[Event] = []
    for ev in mentions:
        mid = mention_id(ev)
        if mid in by_member:
            by_member[mid].event = ev
        else:
            new.append(ev)
    clusters = [c for c in clusters if c.events()]
    for c in clusters:
        _refresh(c, dups)
    seen: set[str] = set()
    for ev in sorted(new, key=_sort_key):
        mid = mention_id(ev)
        if mid in seen:
            continue
        seen.add(mid)
        _place_mention(ev, mid, clusters, dups, threshold)
    _link(clusters)
    return sorted(clusters, key=lambda c: (c.consensus.date or "9999", c.event_id))


def _place_mention(ev: Event, mid: str, clusters: list[EventCluster], dups: dict[str, str],
                   threshold: float) -> None:
    best: tuple[float, int, _Assessment] | None = None
    for i, cluster in enumerate(clusters):
        res = _syndicated(ev, cluster, dups) or _assess_cluster(ev, cluster)
        if res.blocked or res.score < threshold:
            continue
        if best is None or res.score > best[0]:
            best = (res.score, i, res)
    if best is None:
        clusters.append(EventCluster(_new_event_id(mid), [Member(mid, _article(ev), 1.0, ["first report"], ev)],
                                     copy.deepcopy(ev)))
        _refresh(clusters[-1], dups)
        return
    cluster = clusters[best[1]]
    cluster.members.append(Member(mid, _article(ev), best[0], best[2].reasons, ev))
    _refresh(cluster, dups)


def _syndicated(ev: Event, cluster: EventCluster, dups: dict[str, str]) -> _Assessment | None:
    """The same sentence of a near-duplicate (syndicated) copy of a member's article: the same report."""
    art = _article(ev)
    canonical = dups.get(art, art)
    sentence = _sentence_key(ev)
    if not sentence:
        return None
    for other in cluster.events():
        oart = _article(other)
        if oart != art and dups.get(oart, oart) == canonical and other.type == ev.type \
                and _sentence_key(other) == sentence:
            return _Assessment(1.0, [f"same type {ev.type}",
                                     f"same sentence in a near-duplicate copy of article {oart[:12]}"])
    return None


def _sentence_key(ev: Event) -> str:
    return " ".join(_WORD.findall(fold(ev.sources[0].sentence or ""))) if ev.sources else ""


def _assess_cluster(ev: Event, cluster: EventCluster) -> _Assessment:
    """Score against the consensus; a mention from an article already in the cluster joins more easily.

    When the consensus place blocks, the place of another member is tried: a cluster that already
    records a place conflict accepts a report siding with either of its places.
    """
    res = _assess(ev, cluster.consensus)
    if res.place_blocked:
        for place in dict.fromkeys(_place_name(e) for e in cluster.events()):
            if place is None or place == _place_name(cluster.consensus):
                continue
            probe = copy.copy(cluster.consensus)
            probe.location = next(e.location for e in cluster.events() if _place_name(e) == place)
            alt = _assess(ev, probe)
            if not alt.blocked and alt.score > res.score:
                res = alt
                res.reasons.append(f"place {place} as another report of this event")
    if res.blocked:
        return res
    art = _article(ev)
    boost = False
    for other in cluster.events():
        if _article(other) != art:
            continue
        pair = _assess(ev, other)
        if pair.blocked:
            return pair
        boost = boost or other.background == ev.background
    if boost:
        res.score = max(res.score, 0.9)
        res.reasons.append("same article as an earlier sentence of this event")
    return res


# --------------------------------------------------------------------------------------------------
# Consensus
# --------------------------------------------------------------------------------------------------


@dataclass
class _Vote:
    value: Any
    source: str  # independent source (canonical article)
    article_id: str
    outlet: str | None
    published: str


def _votes(cluster: EventCluster, dups: dict[str, str], get: Any) -> list[_Vote]:
    """One vote per article per distinct value; ``_tally`` counts independent sources, not votes."""
    out: list[_Vote] = []
    seen: set[tuple[str, str]] = set()
    for ev in sorted(cluster.events(), key=_sort_key):
        value = get(ev)
        if value is None or value == "" or value == []:
            continue
        art = _article(ev)
        src = dups.get(art, art)
        key = (art, json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
        if key in seen:
            continue
        seen.add(key)
        pubs = _published(ev)
        out.append(_Vote(value, src, art, ev.sources[0].outlet if ev.sources else None,
                         pubs[0].isoformat() if pubs else "9999-99-99"))
    return out


def _tally(votes: list[_Vote], rank: Any = None) -> tuple[Any, list[dict[str, Any]]]:
    """Majority by independent sources; ties by ``rank`` (higher first), then earliest report."""
    groups: dict[str, list[_Vote]] = {}
    for v in votes:
        groups.setdefault(json.dumps(v.value, sort_keys=True, ensure_ascii=False, default=str), []).append(v)
    def order(item: tuple[str, list[_Vote]]) -> tuple[Any, ...]:
        vs = item[1]
        return (-len({v.source for v in vs}), -(rank(vs[0].value) if rank else 0),
                min(v.published for v in vs), item[0])
    ranked = sorted(groups.items(), key=order)
    if not ranked:
        return None, []
    table = [_conflict_entry(vs) for _, vs in ranked]
    return ranked[0][1][0].value, table


def _conflict_entry(vs: list[_Vote]) -> dict[str, Any]:
    return {"value": vs[0].value, "n_sources": len({v.source for v in vs}),
            "articles": sorted({v.article_id for v in vs}),
            "outlets": sorted({v.outlet for v in vs if v.outlet})}


def _refresh(cluster: EventCluster, dups: dict[str, str]) -> None:
    """Recompute consensus, conflicts, counts and confidence from the member mentions."""
    events = sorted(cluster.events(), key=_sort_key)
    if not events:
        return
    cons = copy.deepcopy(events[0])
    cons.event_id = cluster.event_id
    conflicts: dict[str, list[dict[str, Any]]] = {}
    _consensus_date(cluster, dups, cons, conflicts)
    _consensus_location(cluster, dups, cons, conflicts)
    cons.parties = _consensus_parties(events, dups)
    for name in ("cameo", "plover"):
        value, _ = _tally(_votes(cluster, dups, lambda e, n=name: getattr(e, n) or None))
        setattr(cons, name, value or "")
    status, table = _tally(_votes(cluster, dups, lambda e: e.status), rank=lambda s: _STATUS_RANK.get(s, 0))
    cons.status = status or cons.status
    if len(table) > 1:
        conflicts["status"] = table
    cons.attributes = _consensus_attributes(cluster, dups, events, conflicts)
    cons.people, cluster.people_counts = _consensus_people(events, dups)
    cluster.domain_counts = _count_union(events, dups, lambda e: e.domains)
    cons.domains = sorted(cluster.domain_counts, key=lambda d: (-cluster.domain_counts[d], d))
    cons.sources = _one_source_per_article(events)
    cons.background = all(e.background for e in events)
    cluster.n_sources, cluster.n_outlets, cluster.confidence = corroboration(events, dups)
    cons.confidence = cluster.confidence
    cluster.consensus = cons
    cluster.conflicts = conflicts


def _consensus_date(cluster: EventCluster, dups: dict[str, str], cons: Event,
                    conflicts: dict[str, list[dict[str, Any]]]) -> None:
    votes = _votes(cluster, dups, lambda e: [s.label, s.precision] if (s := _span(e.date, e.date_precision)) else None)
    if not votes:
        cons.date, cons.date_precision = None, None
        return
    spans = {v.source + "|" + v.value[0]: _span(v.value[0], v.value[1]) for v in votes}
    def support(label: str, prec: str) -> int:
        mine = _span(label, prec)
        assert mine is not None
        return len({v.source for v in votes if _gap(mine, spans[v.source + "|" + v.value[0]]) == 0})
    ranked = sorted({(v.value[0], v.value[1]) for v in votes},
                    key=lambda lp: (-support(*lp), -_PRECISION_RANK[lp[1]],
                                    min(v.published for v in votes if v.value[0] == lp[0]), lp[0]))
    label, prec = ranked[0]
    cons.date, cons.date_precision = label, prec
    chosen = _span(label, prec)
    assert chosen is not None
    if any(_gap(chosen, s) > 0 for s in spans.values() if s):
        _, table = _tally([_Vote(v.value[0], v.source, v.article_id, v.outlet, v.published) for v in votes])
        conflicts["date"] = table


def _consensus_location(cluster: EventCluster, dups: dict[str, str], cons: Event,
                        conflicts: dict[str, list[dict[str, Any]]]) -> None:
    votes = _votes(cluster, dups, _place_name)
    name, table = _tally(votes)
    if name is None:
        cons.location = None
        return
    country = next((_place_country(e) for e in cluster.events() if _place_name(e) == name), None)
    cons.location = {"name": name, "country": country}
    if len(table) > 1:
        conflicts["location"] = table


def _consensus_parties(events: list[Event], dups: dict[str, str]) -> list[Party]:
    """Countries of the first report; faction, actor and name by majority of the reports naming them."""
    out = []
    for country in dict.fromkeys(p.country.upper() for p in events[0].parties if p.country):
        mine = [(dups.get(_article(e), _article(e)), p) for e in events for p in e.parties
                if p.country and p.country.upper() == country]
        party = Party(country)
        for attr in ("faction", "actor_id", "name"):
            pairs = list(dict.fromkeys((src, getattr(p, attr)) for src, p in mine if getattr(p, attr)))
            counts = Counter(value for _, value in pairs)
            first = {value: i for i, (_, value) in reversed(list(enumerate(pairs)))}
            if counts:
                setattr(party, attr, min(counts, key=lambda v: (-counts[v], first[v])))
        out.append(party)
    return out


def _consensus_attributes(cluster: EventCluster, dups: dict[str, str], events: list[Event],
                          conflicts: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    keys = sorted({k for e in events for k in e.attributes})
    out: dict[str, Any] = {}
    for key in keys:
        value, table = _tally(_votes(cluster, dups, lambda e, k=key: e.attributes.get(k)))
        if value is None:
            continue
        out[key] = value
        if len(table) > 1 and key not in PROVENANCE_ATTRIBUTES:
            conflicts[f"attributes.{key}"] = table
    return out


def _consensus_people(events: list[Event], dups: dict[str, str]) -> tuple[list[Person], dict[str, int]]:
    """People united across reports (by actor id or spelling), most-cited first, fields filled in."""
    merged: list[Person] = []
    sources: list[set[str]] = []
    for ev in events:
        src = dups.get(_article(ev), _article(ev))
        for p in ev.people:
            idx = next((i for i, q in enumerate(merged) if _person_keys(p) & _person_keys(q)), None)
            if idx is None:
                merged.append(copy.copy(p))
                sources.append({src})
                continue
            q = merged[idx]
            for attr in ("actor_id", "name_ar", "name_en", "role", "country"):
                if getattr(q, attr) is None and getattr(p, attr):
                    setattr(q, attr, getattr(p, attr))
            sources[idx].add(src)
    order = sorted(range(len(merged)), key=lambda i: (-len(sources[i]), i))
    people = [merged[i] for i in order]
    counts = {_display(merged[i]): len(sources[i]) for i in order}
    return people, counts


def _count_union(events: list[Event], dups: dict[str, str], get: Any) -> dict[str, int]:
    per: dict[str, set[str]] = defaultdict(set)
    for ev in events:
        for value in get(ev):
            per[value].add(dups.get(_article(ev), _article(ev)))
    return {k: len(v) for k, v in per.items()}


def _one_source_per_article(events: list[Event]) -> list[Source]:
    out: dict[str, Source] = {}
    for ev in events:
        for s in ev.sources:
            out.setdefault(s.article_id, copy.copy(s))
    return sorted(out.values(), key=lambda s: ((s.published or "9999")[:10], s.article_id))


def corroboration(events: list[Event], duplicates: dict[str, str] | None = None) -> tuple[int, int, float]:
    """Independent support for one event: (distinct articles, distinct outlets, confidence).

    Near-duplicate articles count once, and so does the outlet of a syndicated copy. Confidence is ``min(0.99, 1 - prod(1 - c_i))`` over independent
    sources, ``c_i`` being the best extractor confidence among that source's mentions, capped at 0.95.
    """
    dups = duplicates or {}
    best: dict[str, float] = {}
    outlet_of: dict[str, str] = {}  # a syndicated copy on another site does not add an outlet
    for ev in sorted(events, key=_sort_key):
        for s in ev.sources:
            src = dups.get(s.article_id, s.article_id)
            best[src] = max(best.get(src, 0.0), min(0.95, max(0.0, ev.confidence)))
            outlet_of.setdefault(src, (s.outlet or f"?{src}").lower())
    outlets = set(outlet_of.values())
    miss = math.prod(1.0 - c for c in best.values())
    return len(best), len(outlets), round(min(0.99, 1.0 - miss), 4)


# --------------------------------------------------------------------------------------------------
# Links between clusters
# --------------------------------------------------------------------------------------------------

_DURING_TYPES = ("AGREE", "ARMS_DEAL", "MEET", "COMMITTEE", "TRAINING", "EXERCISE")


def _link(clusters: list[EventCluster]) -> None:
    """Link what happened during a visit to the visit: same parties, same days, same place."""
    for c in clusters:
        c.related = []
    visits = [c for c in clusters if c.consensus.type == "VISIT"]
    for c in clusters:
        if c.consensus.type not in _DURING_TYPES:
            continue
        for v in visits:
            if _during(c, v):
                c.related.append(("during", v.event_id))
                v.related.append(("includes", c.event_id))
    for c in clusters:
        c.related = sorted(set(c.related))


def _during(c: EventCluster, visit: EventCluster) -> bool:
    a, v = c.consensus, visit.consensus
    if set(_countries(a)) != set(_countries(v)):
        return False
    fa, fv = _factions(a), _factions(v)
    if any(fa[k].isdisjoint(fv[k]) for k in set(fa) & set(fv)):
        return False
    probe = _Assessment()
    _check_places(a, v, probe)
    if probe.blocked:
        return False
    sa, sv = _span(a.date, a.date_precision), _span(v.date, v.date_precision)
    if sa and sv:
        return _gap(sa, sv) <= 1
    shared_article = {m.article_id for m in c.members} & {m.article_id for m in visit.members}
    return bool(shared_article) and (sa is None or sv is None)
