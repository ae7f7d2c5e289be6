"""The records that flow between pipeline stages.

Every stage takes and returns these plain dataclasses, so a stage can be tested alone, pickled to a
worker of a distributed engine, or written to JSON without the database. Only ``store`` persists them.
Offsets (``start``/``end``) are always character offsets into ``Article.text`` (the clean body).
"""

from __future__ import annotations

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


def event_from_dict(d: dict[str, Any]) -> Event:
    """Rebuild an Event from ``asdict`` output (store rows, Parquet, worker results)."""
    d = dict(d)
    d["parties"] = [Party(**p) for p in d.get("parties", [])]
    d["people"] = [Person(**p) for p in d.get("people", [])]
    d["sources"] = [Source(**s) for s in d.get("sources", [])]
    return Event(**d)
