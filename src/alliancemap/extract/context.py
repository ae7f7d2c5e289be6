"""What an article says about itself as a whole: its main dyad, factions, dateline and story date.

A sentence often names only one side ("وقع الجانبان…", "the two sides signed…") or no date at all; the
article's lead and title usually supply them. This module reads the lead once so the sentence-level
extractor can borrow from it, and keeps each borrowed value marked as borrowed (lower confidence).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from alliancemap.extract.lexicon import AR_FOLD
from alliancemap.extract.when_where import venue_hits
from alliancemap.model import Article
from alliancemap.text.normalize import fold, normalize

# "RAWALPINDI, July 14 (APP) –", "بنغازي - 18 ديسمبر:", "طرابلس (ليبيا) –": a place before a dash/colon.
# "مقديشو 28 أكتوبر/": a day and month between the place and a slash.
_DATELINE = re.compile(r"^\s*(?:date \S+ (?:\S+ )?)?(?P<place>[^\n,:\-–—(/]{2,40}?)\s*(?:\([^)]{0,30}\)\s*)?"
                       r"(?:,[^\n:\-–—]{0,40}|\s\d{1,2}\s+[^\W\d]+(?:\s+\d{4})?)?\s*[\-–—:/]\s")


@dataclass
class ArticleContext:
    dyad: list[str] = field(default_factory=list)  # the two most-mentioned states of title + lead
    factions: dict[str, str] = field(default_factory=dict)  # country -> dominant faction in the article
    dateline_place: dict | None = None  # {"name": "Benghazi", "country": "LBY"}
    lead_places: list[dict] = field(default_factory=list)  # cities named in the title and lead, in order
    lead_end: int = 0  # offset where the lead (title + first two sentences) ends
    # country -> counterparts it had in events whose sentence named both sides, filled as sentences
    # are read: a later sentence naming one side borrows its counterpart, not the lead's dyad
    partners: dict[str, Counter[str]] = field(default_factory=dict)
    groups: list[frozenset[str]] = field(default_factory=list)  # the states of multilateral events, in order
    non_security_signed: bool = False  # an energy, trade or finance instrument was signed in the article
    port_call: bool = False  # a warship's call at a foreign port was read: "this visit" later is that call
    # whether the lead tells of a row or fighting (its dyad is then no one's counterpart); read when first asked
    hostile_lead: Callable[[], bool] | bool = False
    # surname (folded) -> state, for officials the article introduces with a title and a nationality
    # ("قائد الجيش الهندي الجنرال مانوج نارافاني") and later names by surname alone ("زار نارافاني الإمارات");
    # read on first use (only a sentence that names one side needs it)
    _named: Callable[[], dict[str, str]] | dict[str, str] = field(default=dict, repr=False)
    published: str | None = None
    lead_dates: Callable[[], list] = list  # the lead's DateMatch objects, read when first needed
    _story_date: tuple[str, str] | None | bool = field(default=False, repr=False)  # False: not read yet

    def named(self) -> dict[str, str]:
        """Surname → state of the officials the article introduced (see ``introduced_officials``)."""
        if callable(self._named):
            self._named = self._named()
        return self._named

    def note_pair(self, a: str, b: str) -> None:
        """Record that the text named ``a`` and ``b`` as the two sides of one event."""
        self.partners.setdefault(a, Counter())[b] += 1
        self.partners.setdefault(b, Counter())[a] += 1

    def note_group(self, states: set[str]) -> None:
        """Record that the text named ``states`` (three or more) as the parties of one event."""
        if frozenset(states) not in self.groups:
            self.groups.append(frozenset(states))

    def group_of(self, states: set[str]) -> frozenset[str] | None:
        """The latest multilateral group told before that holds all of ``states`` (a later "the three
        held trilateral talks" that names only two of them is that group's)."""
        return next((g for g in reversed(self.groups) if states <= g), None)

    def counterpart(self, country: str) -> str | None:
        """The side the text paired ``country`` with most often, else the other member of the dyad."""
        seen = self.partners.get(country)
        if seen:
            return seen.most_common(1)[0][0]
        if len(self.dyad) == 2 and country in self.dyad and not self.lead_is_hostile():
            return next(c for c in self.dyad if c != country)
        return None

    def lead_is_hostile(self) -> bool:
        if callable(self.hostile_lead):
            self.hostile_lead = self.hostile_lead()
        return self.hostile_lead

    def story_date(self) -> tuple[str, str] | None:
        """(value, precision) of the first day-precise date of the lead not after publication.

        Read on first use: an article that reports no event never needs it.
        """
        if self._story_date is False:
            days = [d for d in self.lead_dates()
                    if d.value and d.precision == "day" and d.value <= (self.published or "9999")]
            # "reported on Sunday" is the day the news broke: the story's date only when the lead has no other
            days.sort(key=lambda d: bool(getattr(d, "reporting", False)))
            self._story_date = (days[0].value, days[0].precision) if days else None
        return self._story_date  # type: ignore[return-value]


def country_signals(entries: list) -> list[tuple[str, str | None]]:
    """(country, faction) for each KB entry that points at a state (places excluded)."""
    out = []
    for e in entries:
        if e.kind != "place" and e.country:
            out.append((e.country, e.faction))
    return out


def build_context(article: Article, kb, sentence_hits: dict[int, list],
                  lead_dates: Callable[[], list] = list) -> ArticleContext:
    """Summarise the article from its title, lead sentences and the KB hits already found.

    Args:
        article: the clean article.
        kb: the knowledge base (``alliancemap.resolve.kb``).
        sentence_hits: KB hits per sentence index, for the sentences already scanned.
        lead_dates: a function giving the DateMatch objects of the lead (called at most once).
    """
    ctx = ArticleContext(published=article.published, lead_dates=lead_dates)
    counts: Counter[str] = Counter()
    factions: dict[str, Counter[str]] = {}
    if article.title:
        for c, f in country_signals([h.value for h in kb.find(article.title)]):
            counts[c] += 2
            if f:
                factions.setdefault(c, Counter())[f] += 2
    lead_idx = set(range(min(2, len(article.sentences))))
    for idx, hits in sentence_hits.items():
        weight = 2 if idx in lead_idx else 1
        for c, f in country_signals([h.value for h in hits]):
            counts[c] += weight
            if f:
                factions.setdefault(c, Counter())[f] += weight
        for h in hits:  # a seat of government implies its faction (Benghazi → east)
            if h.value.kind == "place" and h.value.faction and h.value.country:
                factions.setdefault(h.value.country, Counter())[h.value.faction] += 1
    ctx.dyad = [c for c, _ in counts.most_common(2)]
    for c, fc in factions.items():
        (top, n), *rest = fc.most_common()
        if not rest or n > rest[0][1]:
            ctx.factions[c] = top
    if article.sentences:
        ctx.lead_end = article.sentences[min(1, len(article.sentences) - 1)][1]
    ctx.dateline_place = _dateline(article, kb)
    ctx._named = lambda: {k: v for idx, hits in sentence_hits.items()
                          for k, v in introduced_officials(article.text[slice(*article.sentences[idx])], hits).items()}
    texts = [(article.title, kb.find(article.title))] if article.title else []
    texts += [(article.text[slice(*article.sentences[i])], sentence_hits.get(i, [])) for i in sorted(lead_idx)]
    for h in (h for t, hits in texts for h in venue_hits(t, hits)):  # a capital that acts is not a venue
        place = {"name": h.value.name_en, "country": h.value.country}
        if place not in ctx.lead_places:
            ctx.lead_places.append(place)
    return ctx


# titles and ranks between a nationality and a name: "قائد الجيش الهندي الجنرال …", "Indian Army chief General …"
_RANKS = frozenset(fold(w) for w in [
    "الجنرال", "الفريق", "اول", "ركن", "اللواء", "المشير", "العميد", "العقيد", "الادميرال", "الاميرال",
    "الامير", "الشيخ", "السيد", "general", "gen.", "lt.", "lieutenant", "field", "marshal", "admiral",
    "brigadier", "major", "colonel", "chief", "minister", "commander", "president", "prime", "defence",
    "defense", "foreign", "army", "navy", "air", "force", "staff", "of", "the"])
_TITLE_BEFORE = re.compile((r"(?:وزير|وزيره|قائد|رئيس|الرئيس|نائب|مستشار|سفير|السفير|minister|chief|commander|"
                            r"president|general|admiral|ambassador)(?![\w])[^,.،\n]{0,40}$").translate(AR_FOLD))
# (folded like the text it is searched in: "رئيس" is "رييس" there)
_NAME_STOP = frozenset(fold(w) for w in [
    "الى", "في", "من", "على", "مع", "خلال", "يوم", "امس", "اليوم", "بعد", "قبل", "عن", "الذي", "التي",
    "وفد", "حيث", "لدى", "عند"])
_AR_WORD = re.compile("[\u0621-\u064a]{2,}")
_EN_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?")


def introduced_officials(text: str, hits: list) -> dict[str, str]:
    """Surname → state of the officials a sentence introduces with a nationality and a title.

    The name is the run of two or three words after the nationality (ranks and titles skipped) that
    no knowledge-base entry covers: a person the KB knows keeps the KB's record.
    """
    out: dict[str, str] = {}
    covered = [(h.start, h.end) for h in hits]
    for h in hits:
        v = h.value
        if v.kind == "person" and v.country and len(h.text.split()) >= 2:
            out[fold(h.text.split()[-1]).lower()] = v.country  # a known person named in full
            continue
        if not v.country or v.kind not in ("state", "organization"):
            continue
        name: list[str] = []
        titled = False
        for m in re.finditer(r"\S+", text[h.end:h.end + 70]):
            start = h.end + m.start()
            if any(a <= start < b for a, b in covered):
                break
            word = m.group().strip("\"'“”()«»")
            tail = m.group() != m.group().rstrip(",.،:;)")
            word = word.rstrip(",.،:;)")
            key = word.translate(AR_FOLD).lower()
            if not name and key in _RANKS:
                titled = True
                continue
            arabic = bool(_AR_WORD.fullmatch(key))
            if key in _NAME_STOP or not (arabic or _EN_NAME.fullmatch(word)):
                break
            name.append(key)
            if tail or len(name) == 3:
                break
        if len(name) >= 2 and (titled or _TITLE_BEFORE.search(normalize(text[max(0, h.start - 45):h.start]).text)):
            out[name[-1]] = v.country
    return out


_HEAD_LINES = 6  # a dateline may follow the title, a byline or a timestamp line


def _dateline(article: Article, kb) -> dict | None:
    """The city of the dateline: at the head of the text or of one of its first lines ("مسقط - العمانية",
    "Riyadh:" on a line of its own), read only when the whole name before the dash or colon is a city."""
    pos = 0
    for line in article.text[:600].split("\n")[:_HEAD_LINES]:
        m = _DATELINE.match(line + "\n")
        pos += len(line) + 1
        if not m:
            continue
        place = m.group("place").strip()
        for h in kb.find(place, normalize(place)):
            if h.value.kind == "place" and len(h.text) >= len(place) - 3:
                return {"name": h.value.name_en, "country": h.value.country}
    return None
