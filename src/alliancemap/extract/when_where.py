"""When and where an event happened, and where that was read: the sentence, the same event told in
another sentence of the article, the lead, or the dateline.

A sentence gives its own date and venue when it states them. A venue is a city the text puts the event
*in* ("في بنغازي", "بالرجمة", "in Minsk", "at the Riyadh airport", a visit "to Ankara"), not a capital
that acts ("Washington agreed", "قالت أنقرة") or a newspaper's name ("الرياض بوست"). An undated or
unplaced event then borrows, in this order: the nearest earlier report of the same event (same party
states) that has a value ("carried"), the lead's date for the story's own dyad ("lead"), the dateline
("dateline") and the title or lead's venue ("lead"). Each event records ``date_from`` and
``location_from`` so the merge can weigh a borrowed value below a stated one.
"""

from __future__ import annotations

import re
from typing import Any

from alliancemap.model import Event
from alliancemap.text.dates import find_dates
from alliancemap.text.normalize import normalize

# "said on Thursday", "قالت … يوم الجمعة": the weekday dates the statement, not the event it reports
_REPORTING_DATE = re.compile(
    r"(?:\b(?:said|says|told|announced|stated|reported|added|confirmed|disclosed|revealed)(?: \w+){0,3}? "
    r"(?:on|late on|early on)?\s*"
    r"|(?<![\w])[وف]?(?:قال|قالت|اعلن|أعلن|اعلنت|أعلنت|افاد|أفاد|افادت|أفادت|ذكر|ذكرت|صرح|صرحت|اكد|أكد|اكدت|أكدت)"
    r"(?: \S+){0,5}? (?:يوم|اليوم|مساء|صباح|ليله)?\s*)$")


_SINCE = re.compile(r"(?:\bsince|منذ|(?<!\w)[وف]?منذ)\s+(?:(?:the )?(?:year|عام|العام|سنه|سنة)\s+)?$", re.IGNORECASE)


def since_year(text: str, d: Any) -> bool:
    """Whether the date is a year something has lasted "since" ("held since 2015", "منذ عام 2015"): when a
    standing practice began, not when the reported event happened."""
    return d.precision != "day" and bool(_SINCE.search(text[max(0, d.start - 20):d.start]))


def reporting_date(text: str, start: int) -> bool:
    """Whether the date at ``start`` of ``text`` is the day a statement was made ("reported on Sunday")."""
    return bool(_REPORTING_DATE.search(text[max(0, start - 50):start]))


# A city that is not a venue: a paper or a channel named after it ("الرياض بوست", "the Tehran Times"),
# a capital that acts or speaks ("Washington has…", "قالت أنقرة", "أنقرة وقعت…"), or the buyer a sale
# goes "to" ("لتوريد منظومة … إلى أبو ظبي", "sell Riyadh").
_NAME_AFTER = re.compile(r"\s*(?:بوست|تايمز|نيوز|تريبيون|Post|Times|News|Daily|Tribune|Herald|Gazette|Observer|"
                         r"Journal|Radio|TV)\b")
_NAME_BEFORE = re.compile(r"(?:صحيفه|جريده|وكاله|قناه|اذاعه|موقع|newspaper|daily|agency)\s+$")
_ACTS_AFTER = re.compile(
    r"(?:'s|’s|\s+(?:has|have|had|is|was|will|would|said|says|agreed|announced|signed|wants|hopes|called|"
    r"insists|rejected|welcomed|confirmed|denied|plans|intends|approved|accused|warned)\b"
    r"|\s+also\s+\w{3,}(?:ed|s)\b|\s+قد\s)")  # "Washington also delivered", "وكانت وارسو قد وقعت"
# a capital the text pairs a side with: "ties with Moscow", "closer to Moscow", "between Tokyo and Manila"
_PARTNER_BEFORE = re.compile(r"(?<!\w)(?:ties with|relations with|closer to|between|مع|بين)\s+$")
_SPEAKS_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?:قال|قالت|اعلنت|اكدت|رحبت|وافقت|طالبت|دعت|نفت|ابلغت|اتهمت|حذرت|ردت|اعتبرت|رفضت|ترحب|تعلن|"
    r"تؤكد|تحذر|تعتبر|ترفض|تطالب|تتهم)\s+$")
_VERB_AFTER = re.compile(r"\s+[وف]?(?:[تي]\w{2,}|\w{2,}ت)(?!\w)")  # "أنقرة وقعت", "أنقرة ترحب"
# an English capital that opens its clause and is the subject of a past or taking verb ("Rabat took delivery")
_EN_VERB_AFTER = re.compile(r"\s+(?:(?:on|last|this) \w+ )?(?:took|takes|received|receives|bought|buys|ordered|orders|sent|"
                            r"sends|got|gets|\w{3,}ed)\b")
_BUYER_BEFORE = re.compile(r"(?<!\w)(?:الي|to|sell|supply|arm)\s+$")
# a city that only gives a bearing: "north of the capital Manila", "شمال العاصمة مانيلا" (the venue is elsewhere)
_BEARING_BEFORE = re.compile(r"(?<!\w)(?:(?:north|south|east|west)(?:-?(?:east|west))? of(?: the capital| the city)?|"
                             r"[وف]?(?:شمال|جنوب|شرق|غرب)(?:ي)?(?: (?:ال)?(?:عاصمه|مدينه))?)\s+$")
_CLAUSE = re.compile(r"[,،.:;!?\n()\"“”«»–—-]")


def is_venue(text: str, start: int, end: int, etype: str | None = None) -> bool:
    """Whether the city written at ``text[start:end]`` may be where the event happened (``etype`` None:
    any event, as for the lead's cities); False for a paper's name, a capital that acts, a sale's buyer."""
    before = normalize(text[max(0, start - 40):start]).text
    after = text[end:end + 30]
    if _NAME_AFTER.match(after) or _NAME_BEFORE.search(before.lower()):
        return False
    if _ACTS_AFTER.match(after) or _SPEAKS_BEFORE.search(before) or _BEARING_BEFORE.search(before.lower()):
        return False
    clause_start = not _CLAUSE.split(before)[-1].strip(" و")
    if clause_start and (_VERB_AFTER.match(normalize(after).text) or _EN_VERB_AFTER.match(after)):
        return False
    if etype != "VISIT" and _PARTNER_BEFORE.search(before.lower()):
        return False
    return not (etype == "ARMS_DEAL" and _BUYER_BEFORE.search(before.lower()))


_INSIDE = re.compile(r"\s*(?:(?!and\b|و)\w+\s+){0,2}?(?:[,،]\s*|(?:في|بمدينه|in)\s+)$")


# "الخرطوم وموسكو", "Ankara and Mogadishu": two capitals joined are the two sides, not a venue
_PAIR = re.compile(r"\s*(?:و|and|&|,|،)\s*")
_DATELINE_TAIL = re.compile(r"\s*(?:\([^)]{0,30}\)\s*)?(?:,?\s*[^\n:\-–—/()]{0,25}?\s*(?:\([^)]{0,30}\)\s*)?)?[\-–—:/]\s")


def _at_dateline(view: Any, hit: Any) -> bool:
    """The city heading the article's dateline ("أنقرة (وكالات) -") is the reporting office's: it is the
    dateline's value (weaker than a venue the text states), not the sentence's."""
    return view.idx <= 3 and not view.text[:hit.start].strip() and bool(_DATELINE_TAIL.match(view.text, hit.end))


def venue_hits(text: str, hits: list[Any], etype: str | None = None) -> list[Any]:
    """The KB hits of ``text`` that are cities put as a venue (``is_venue``), in order; two capitals
    joined ("الخرطوم وموسكو", "Ankara and Mogadishu") are the sides, not a venue."""
    cities = [h for h in hits if h.value.kind == "place"]
    paired = {id(h) for a, b in zip(cities, cities[1:], strict=False)
              if a.value.country != b.value.country and _PAIR.fullmatch(text[a.end:b.start]) for h in (a, b)}
    return [h for h in cities if id(h) not in paired and is_venue(text, h.start, h.end, etype)]


def place_in_sentence(view: Any, etype: str, countries: set[str]) -> dict[str, Any] | None:
    """The venue the sentence names for the event: the first city of one of the parties put as a venue;
    a site followed by its city ("بالرجمة في بنغازي") gives the city."""
    places = [h for h in venue_hits(view.text, view.hits, etype)
              if h.value.country in countries and not _at_dateline(view, h)]
    if not places:
        return None
    h = places[0]
    for nxt in view.hits:
        gap = view.text[h.end:nxt.start]
        if nxt.start >= h.end and nxt.value.kind == "place" and nxt.value.country == h.value.country \
                and len(gap) <= 25 and _INSIDE.match(normalize(gap).text + " "):
            h = nxt
            break
    return {"name": h.value.name_en, "country": h.value.country}


def _countries(ev: Event) -> frozenset[str]:
    return frozenset(p.country for p in ev.parties)


def _live(ev: Event) -> bool:
    return not ev.background and ev.status != "planned"


# a venue the sentence states that the gazetteer does not know ("at its Greenville plant", "بمدينة غرينفيل",
# "at Dukhan Air Base"): the event happened there, so neither the dateline nor another sentence's city is it
_STATED_VENUE = re.compile(
    r"(?<!\w)(?:ب|في )مدين[ةه] \S+|(?<!\w)(?:ب|في |الى |إلى )?قاعد[ةه] \S+(?: \S+)? (?:ال)?(?:جوي|بحري|عسكري)[ةه]"
    r"|\b(?:at|in) (?:the |its |a |the company's )?(?:[A-Z][\w'-]+ ){1,3}(?:[Aa]ir (?:[Ff]orce )?[Bb]ase|[Aa]irbase|"
    r"[Nn]aval (?:[Bb]ase|[Ss]tation)|plant|factory|shipyard|[Tt]raining [Cc]ent(?:re|er))\b|\bin the city of [A-Z]")


def _venue_stated(ev: Event) -> bool:
    """Whether the event's sentence states, next to its trigger, a venue the gazetteer does not know."""
    trigger = ev.attributes.get("trigger") or {}
    if not ev.sources or "start" not in trigger:
        return False
    here = int(trigger["start"]) - ev.sources[0].start
    return bool(_STATED_VENUE.search(ev.sources[0].sentence, max(0, here - 40), here + 120))


def settle(events: list[Event], ctx: Any) -> None:
    """Give undated and unplaced events what the article says elsewhere about the same event (in place).

    ``events`` are one article's, deduplicated; ``ctx`` is its ``ArticleContext``.
    """
    order = sorted(events, key=lambda e: e.sources[0].start if e.sources else 0)
    for ev in order:
        if ev.date is None and (part := named_day_or_month(ev)):
            ev.attributes["date_partial"] = part
    for i, ev in enumerate(order):
        if not _live(ev):
            continue
        same = [e for e in order[:i][::-1] if _live(e) and _countries(e) == _countries(ev)]
        if ev.date is None:
            _borrow_date(ev, same, ctx)
        if ev.location is None and not _venue_stated(ev):
            later = [e for e in order[i + 1:] if _live(e) and _countries(e) == _countries(ev)]
            _borrow_place(ev, same + later, ctx)


# Two publication days of different years and months: a month written by name ("في فبراير الماضي",
# "يوم 21 أكتوبر") resolves to the same month under both, a relative one ("last month") does not.
_PROBES = ("2001-12-31", "2003-06-30")


def named_day_or_month(ev: Event) -> str | None:
    """The month (``--02``) or month and day (``--10-21``) the sentence names for an event whose year it
    leaves open: on a page without a publication date, "يوم 21 أكتوبر" or "in February last" cannot be
    dated, but still tells which reports of the pair it can be (the merge compares them)."""
    src = ev.sources[0] if ev.sources else None
    if src is None or src.published or not src.sentence:
        return None
    trigger = ev.attributes.get("trigger") or {}
    here = int(trigger.get("start", src.start)) - src.start
    best: tuple[int, str] | None = None
    for d in find_dates(src.sentence):
        if d.value or d.precision not in ("day", "month") or reporting_date(src.sentence, d.start):
            continue
        probes = [find_dates(d.text, published=p) for p in _PROBES]
        values = [m[0].value for m in probes if m and m[0].value]
        if len(values) != 2:
            continue
        part = {v[4:] for v in values}  # "-10-21" or "-02": the same under both probes when named
        if len(part) == 1 and (best is None or abs(d.start - here) < best[0]):
            best = (abs(d.start - here), "-" + part.pop())
    return best[1] if best else None


def _borrow_date(ev: Event, same: list[Event], ctx: Any) -> None:
    donor = next((e for e in same if e.date), None)
    if donor is not None:
        ev.date, ev.date_precision = donor.date, donor.date_precision
        ev.attributes["date_from"] = "carried"
        return
    story = ctx.story_date()
    if story and len(ctx.dyad) == 2 and set(ctx.dyad) <= _countries(ev):
        (ev.date, ev.date_precision), ev.attributes["date_from"] = story, "lead"


def _borrow_place(ev: Event, same: list[Event], ctx: Any) -> None:
    donor = next((e for e in same if e.location and e.attributes.get("location_from") == "sentence"), None)
    if donor is not None:
        ev.location, ev.attributes["location_from"] = dict(donor.location), "carried"
        return
    countries = _countries(ev)
    if ctx.dateline_place and ctx.dateline_place["country"] in countries:
        ev.location, ev.attributes["location_from"] = dict(ctx.dateline_place), "dateline"
        return
    place = next((p for p in ctx.lead_places if p["country"] in countries), None)
    if place is not None:
        ev.location, ev.attributes["location_from"] = dict(place), "lead"
