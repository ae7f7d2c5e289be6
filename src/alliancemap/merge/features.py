"""What a mention says, in comparable form: date spans, places, party countries and factions, people.

Shared by the evidence, consensus and blocking modules. ``Context`` carries what a merge run knows
beside the mentions: near-duplicate groups, each article's (estimated) date and the scoring config.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from alliancemap.merge.config import MergeConfig, MergeDataError, load_config, read_yaml
from alliancemap.model import ArticleDate, Event, Person, Source, mention_id
from alliancemap.text.normalize import fold

PLACES_FILE = Path(__file__).parent.parent / "data" / "merge_places.yaml"
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Context:
    """Run-wide knowledge: near-duplicate groups, article dates, the scoring config."""

    duplicates: dict[str, str] = field(default_factory=dict)
    article_dates: dict[str, ArticleDate] = field(default_factory=dict)
    config: MergeConfig = field(default_factory=load_config)
    # two articles that report the same news -> the dates of the news events they share (None: undated)
    co_reported: dict[frozenset[str], list[_Span | None]] = field(default_factory=dict)

    def source_of(self, article_id: str) -> str:
        """The independent source of an article: its canonical near-duplicate."""
        return self.duplicates.get(article_id, article_id)

# --------------------------------------------------------------------------------------------------
# Places knowledge
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceData:
    capitals: dict[str, str | None]  # ISO3 -> folded capital name
    city_country: dict[str, str]  # folded capital -> ISO3
    nearby: dict[str, int]  # folded city -> group number


@lru_cache(maxsize=4)
def place_data(path: Path = PLACES_FILE) -> PlaceData:
    """Capitals and nearby-city groups, loaded once and validated."""
    raw = read_yaml(path)
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


VISITORS_FILE = Path(__file__).parent / "visitors.yaml"
_ARABIC_PREFIX = "(?:و|ف)?(?:ب|ل|ك)?(?:ال|ل)?"  # a conjunction, a preposition, an article before a word


@dataclass(frozen=True)
class VisitorData:
    leader_roles: tuple[str, ...]  # lower-case role openings of a head of state or government
    delegation: re.Pattern[str]  # over the folded sentence
    leader_title: re.Pattern[str]  # over the folded sentence: "the two presidents", "الرئيس"


@lru_cache(maxsize=4)
def visitor_data(path: Path = VISITORS_FILE) -> VisitorData:
    """Leader roles and delegation words (``visitors.yaml``), loaded once and validated."""
    raw = read_yaml(path)
    for key in ("leader_roles", "delegation"):
        if not isinstance(raw, dict) or not isinstance(raw.get(key), list) or not raw[key] \
                or not all(isinstance(x, str) and x for x in raw[key]):
            raise MergeDataError(f"{path}: {key}: expected a list of non-empty strings")
    try:
        delegation = re.compile("|".join(f"(?:{p})" for p in raw["delegation"]))
    except re.error as exc:
        raise MergeDataError(f"{path}: delegation: invalid regular expression: {exc}") from exc
    return VisitorData(tuple(r.lower() for r in raw["leader_roles"]), delegation, _title_pattern(raw, path))


def _title_pattern(raw: dict, path: Path) -> re.Pattern[str]:
    """Leader titles as whole words (an Arabic one with its prefixes), not after a deputy's word."""
    for key in ("leader_titles", "deputy_words"):
        if not isinstance(raw.get(key), list) or not raw[key] or not all(isinstance(x, str) and x for x in raw[key]):
            raise MergeDataError(f"{path}: {key}: expected a list of non-empty strings")
    not_deputy = "".join(f"(?<!{re.escape(fold(d))} )" for d in raw["deputy_words"])
    titles = "|".join(_word(t) for t in raw["leader_titles"])
    return re.compile(f"(?<![\\w]){not_deputy}(?:{titles})(?![\\w])")


def _word(word: str) -> str:
    """A folded word as a regular expression; an Arabic one also with a leading conjunction, preposition
    and article (وال, بال, لل)."""
    return (_ARABIC_PREFIX if re.search("[\u0600-\u06ff]", word) else "") + re.escape(fold(word))


CATEGORIES_FILE = Path(__file__).parent / "categories.yaml"


@lru_cache(maxsize=4)
def category_data(path: Path = CATEGORIES_FILE) -> dict[str, re.Pattern[str]]:
    """Kinds of weapons (``categories.yaml``): one pattern per kind over the folded sentence."""
    raw = read_yaml(path)
    kinds = raw.get("kinds") if isinstance(raw, dict) else None
    if not isinstance(kinds, dict) or not kinds:
        raise MergeDataError(f"{path}: kinds: expected a mapping of kind to words")
    out: dict[str, re.Pattern[str]] = {}
    for kind, words in kinds.items():
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise MergeDataError(f"{path}: kinds.{kind}: expected a list of non-empty words")
        out[str(kind)] = re.compile("(?<![\\w])(?:" + "|".join(_word(w) for w in words) + ")(?![\\w])")
    return out


def _categories(ev: Event) -> set[str]:
    """The kinds of weapons (land, naval, air) the mention's sentences name."""
    text = " ".join(fold(s.sentence or "") for s in ev.sources)
    return {kind for kind, pattern in category_data().items() if pattern.search(text)}


def _leaders(ev: Event) -> list[Person]:
    """The heads of state or government among the mention's people who belong to one of its parties."""
    roles, parties = visitor_data().leader_roles, set(_countries(ev))
    return [p for p in ev.people if p.role and (p.country or "").upper() in parties
            and p.role.lower().startswith(roles)]


def _delegation_in(ev: Event) -> list[bool]:
    """For each sentence of the mention, whether it names a delegation."""
    pattern = visitor_data().delegation
    return [bool(pattern.search(fold(s.sentence or ""))) for s in ev.sources]


def _tells_of_delegation(ev: Event) -> bool:
    """Every sentence of the mention names a delegation."""
    found = _delegation_in(ev)
    return bool(found) and all(found)


def _names_leader_title(ev: Event) -> bool:
    """Some sentence of the mention names a head of state or government by title ("the two presidents")."""
    pattern = visitor_data().leader_title
    return any(pattern.search(fold(s.sentence or "")) for s in ev.sources)


def _names_delegation(ev: Event) -> bool:
    """Some sentence of the mention names a delegation."""
    return any(_delegation_in(ev))

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
    """The interval a (possibly partial) date covers: 2025-12 covers the whole month, a week seven days."""
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
        if prec == "week" and day:  # an article estimate: seven days from the date (``dating``)
            d = dt.date(year, month, day)
            return _Span(d, d + dt.timedelta(days=6), "week", f"week of {d.isoformat()}")
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



def _article(ev: Event) -> str:
    return ev.sources[0].article_id if ev.sources else ""


def _sort_key(ev: Event) -> tuple[str, ...]:
    """A content order (publication, article, offsets): clustering is a function of the set, not the arrival."""
    pubs = _published(ev)
    src = ev.sources[0] if ev.sources else Source("", "", 0, 0)
    return (pubs[0].isoformat() if pubs else "9999-99-99", src.article_id, f"{src.start:09d}",
            f"{src.end:09d}", ev.type, mention_id(ev))


BORROWED_DATES = frozenset({"lead", "carried", "title"})  # ``date_from`` of a date another sentence (or the headline's day) gave


def borrowed_date(ev: Event) -> bool:
    """The mention's date came from the lead or another sentence, not its own: it blocks only loosely."""
    return ev.attributes.get("date_from") in BORROWED_DATES


def written(ev: Event, ctx: Context) -> _Span | None:
    """When the mention's article was written: its publication day, else the date estimated from its text."""
    pubs = _published(ev)
    if pubs:
        return _Span(pubs[0], pubs[0], "day", pubs[0].isoformat())
    est = ctx.article_dates.get(_article(ev))
    return _span(est.date, est.precision) if est else None
