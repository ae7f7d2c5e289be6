"""The records that flow between pipeline stages.

Every stage takes and returns these plain dataclasses, so a stage can be tested alone, pickled to a
worker of a distributed engine, or written to JSON without the database. Only ``store`` persists them.
Offsets (``start``/``end``) are always character offsets into ``Article.text`` (the clean body).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_TYPES = ("VISIT", "MEET", "AGREE", "ARMS_DEAL", "EXERCISE", "TRAINING", "COMMITTEE")
STATUSES = ("announced", "signed", "implemented", "planned")
DOMAINS = (
    "training", "expertise_exchange", "counterterrorism", "organized_crime", "defense_industry",
    "technology_transfer", "intelligence", "cybersecurity", "maritime_security", "border_security",
    "logistics", "arms_procurement", "joint_exercises", "military_education", "aviation", "drones",
    "air_defense", "investment_other",
)


@dataclass
class RawDocument:
    """What a reader found in one input: decoded content plus whatever metadata the container had."""

    origin: str  # file path (or "<stdin>:LINE"), used in every message about this document
    kind: str  # "text" | "html" | "record" (a JSON/JSONL article whose text is already extracted)
    content: str
    raw_sha256: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime string as found
    lang: str | None = None
    decoding: str | None = None  # set when bytes had to be replaced or lines re-read in another code page


@dataclass
class Rejection:
    """A document (or file) that could not be used, and why. Bad input is data, not an exception."""

    origin: str
    reason: str  # short machine-friendly code: empty, binary, too_large, unreadable, malformed, no_text…
    detail: str = ""


@dataclass
class Article:
    """A clean article: the body text every offset refers to, with its metadata and structure."""

    article_id: str  # sha256 (hex, 16 chars) of the normalized body
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD when known
    lang: str = "other"  # "ar" | "en" | "other"
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    raw_sha256: str = ""
    origin: str = ""
    removed_lines: int = 0  # boilerplate lines dropped by ``clean``


@dataclass
class Mention:
    """A span naming an actor, place or date, with the title written beside a person's name."""

    article_id: str
    kind: str  # person | organization | state | faction | place | date
    text: str
    start: int
    end: int
    sentence: int = -1
    role: str | None = None  # "رئيس أركان القوات البرية" / "Chief of Army Staff" as written
    actor_id: str | None = None
    country: str | None = None
    faction: str | None = None
    value: str | None = None  # normalized value: ISO date for dates, canonical name for places
    score: float = 1.0


@dataclass
class Party:
    country: str  # ISO 3166 alpha-3
    faction: str | None = None
    actor_id: str | None = None
    name: str | None = None


@dataclass
class Person:
    name: str
    actor_id: str | None = None
    name_ar: str | None = None
    name_en: str | None = None
    role: str | None = None
    country: str | None = None


@dataclass
class Source:
    """One article's support for an event: the sentence and offsets in the stored clean text."""

    article_id: str
    sentence: str
    start: int
    end: int
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass
class Event:
    type: str
    parties: list[Party]
    sources: list[Source]
    event_id: str = ""
    cameo: str = ""
    plover: str = ""
    people: list[Person] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    location: dict[str, Any] | None = None  # {"name": "Benghazi", "country": "LBY"}
    domains: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    status: str = "announced"
    confidence: float = 0.5
    background: bool = False  # described as an earlier event ("he had visited … last July")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Claim:
    """An attributed statement: who said it (as written), in what role, and the span said."""

    article_id: str
    speaker: str
    text: str
    start: int
    end: int
    speaker_role: str | None = None
    speaker_actor_id: str | None = None
    sentence: int = -1
    claim_id: str = ""
    negated: bool = False  # a denial: the speaker says ``text`` did not happen / is not so


@dataclass
class Extraction:
    """Everything ``extract`` finds in one article."""

    article_id: str
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    gate: str | None = None  # "language" | "keyword": a cheap gate stopped extraction (``gates``)


def extraction_from_dict(d: dict[str, Any]) -> Extraction:
    """Rebuild an Extraction from ``asdict`` output (Parquet partitions of ``alliancemap run``)."""
    return Extraction(article_id=d["article_id"], events=[event_from_dict(e) for e in d.get("events", [])],
                      mentions=[Mention(**m) for m in d.get("mentions", [])],
                      claims=[Claim(**c) for c in d.get("claims", [])], gate=d.get("gate"))


def event_from_dict(d: dict[str, Any]) -> Event:
    """Rebuild an Event from ``asdict`` output (store rows, Parquet, worker results)."""
    d = dict(d)
    d["parties"] = [Party(**p) for p in d.get("parties", [])]
    d["people"] = [Person(**p) for p in d.get("people", [])]
    d["sources"] = [Source(**s) for s in d.get("sources", [])]
    return Event(**d)


# --------------------------------------------------------------------------------------------------
# Merge records: what ``merge`` produces and ``store.events`` persists
# --------------------------------------------------------------------------------------------------


@dataclass
class DuplicateMatch:
    """Where an added article landed: its canonical article, the estimated Jaccard, its MinHash signature."""

    article_id: str
    canonical_id: str
    jaccard: float
    signature: list[int] = field(default_factory=list)
    num_perm: int = 128
    scheme: str = ""


@dataclass
class ArticleDate:
    """When an article was written, estimated from its text when the page gave no publication date.

    ``basis`` says how: "published" (page metadata), "url" (a date path), "dateline" (a full date
    in the first lines) or "anchored" (a full date a weekday or relative word ties to the writing).
    """

    article_id: str
    date: str  # YYYY-MM-DD (day, or the first of a week's seven days), YYYY-MM or YYYY, matching precision
    precision: str  # day | week | month | year
    basis: str


@dataclass
class Member:
    """One mention in a cluster, with why it joined (the evidence features and the score)."""

    mention_id: str
    article_id: str
    score: float
    reasons: list[str]
    event: Event | None = field(default=None, compare=False, repr=False)


@dataclass
class NearMiss:
    """A cluster a mention was compared with and kept apart from: the score and the deciding reasons."""

    mention_id: str
    other_event_id: str
    score: float
    reasons: list[str]
    other_mention_id: str = ""  # a member of the other cluster: finds it again after its id changed


@dataclass
class EventCluster:
    """A real-world event: its member mentions, the consensus record, conflicts, links and explanations."""

    event_id: str
    members: list[Member]
    consensus: Event
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    related: list[tuple[str, str]] = field(default_factory=list)
    n_sources: int = 0  # independent articles reporting it as news (near-duplicates once, background not)
    n_outlets: int = 0
    confidence: float = 0.0
    people_counts: dict[str, int] = field(default_factory=dict)
    domain_counts: dict[str, int] = field(default_factory=dict)
    source_values: dict[str, dict[str, Any]] = field(default_factory=dict)  # article_id -> its own values
    near_misses: list[NearMiss] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # blocking keys: "TYPE|DYAD|YYYY-MM"

    @property
    def member_ids(self) -> list[str]:
        return [m.mention_id for m in self.members]

    def events(self) -> list[Event]:
        return [m.event for m in self.members if m.event is not None]


def mention_id(ev: Event) -> str:
    """The mention's id: its ``event_id`` when set (store), else a hash of its content.

    Content-derived, so re-extracting an unchanged article gives the same ids.
    """
    if ev.event_id:
        return ev.event_id
    src = ev.sources[0] if ev.sources else Source("", "", 0, 0)
    loc = ev.location or {}
    place = loc.get("name") if isinstance(loc, dict) else None
    place = place.strip() if isinstance(place, str) and place.strip() else None
    people = sorted(p.actor_id or _fold_name(p.name_en or p.name or p.name_ar or "") for p in ev.people)
    countries = sorted(p.country.upper() for p in ev.parties if p.country)
    key = json.dumps([src.article_id, src.start, src.end, ev.type, countries, ev.date, people, place],
                     ensure_ascii=False)
    return "m_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _fold_name(name: str) -> str:
    from alliancemap.text.normalize import fold

    return fold(name)


# --------------------------------------------------------------------------------------------------
# Actor records (issue 11). ``resolve`` computes every key (normalized name, phonetic key, script) and
# hands the store these rows, so ``store`` never needs the resolver's code to write or search actors.
# --------------------------------------------------------------------------------------------------


@dataclass
class ActorRow:
    """One row of ``actors``: a KB entry or an actor first met in an article."""

    id: str
    kind: str
    name_en: str | None = None
    name_ar: str | None = None
    country: str | None = None
    faction: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    role: str | None = None
    origin: str = "article"  # "kb" | "article"
    merged_into: str | None = None
    name_en_romanized: bool = False  # name_en is a machine romanization of name_ar, not a written name


@dataclass
class AliasRow:
    """A written name of an actor with the keys it is found by."""

    actor_id: str
    alias: str
    norm: str  # exact-comparison key (resolve.link.name_key for the actor's kind)
    phon: str  # phonetic key across scripts (resolve.romanize.phonetic_key)
    script: str  # "ar" | "latin"
    article_id: str | None = None


@dataclass
class RoleRow:
    """A role an article gives an actor ("رئيس أركان القوات البرية"), dated by the article."""

    actor_id: str
    role: str
    role_norm: str
    seen_date: str | None
    article_id: str
    start: int
    end: int


@dataclass
class LinkRow:
    """One linking decision: this written name in this article is this actor (doubtful or not)."""

    article_id: str
    target: str  # "mention" | "person" | "claim"
    text: str
    start: int
    end: int
    actor_id: str
    score: float
    reason: str
    doubtful: bool = False
    alias: str = ""
    norm: str = ""  # keys of ``alias``, so a reviewer's accept adds it without recomputing them
    phon: str = ""
    script: str = "latin"


@dataclass
class ActorWrites:
    """Everything linking one article (or seeding the KB) asks the store to write."""

    actors: list[ActorRow] = field(default_factory=list)
    aliases: list[AliasRow] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)


@dataclass(frozen=True)
class ActorQuery:
    """A search for actors by name: the text as typed and its keys (computed by ``resolve``)."""

    text: str
    norm: str
    phon: str
