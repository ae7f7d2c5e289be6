"""The ``extract`` stage: from one clean article, the events, mentions and claims it reports.

Cost is dominated by a few sentences: the article is normalized once (sentences and paragraphs are
slices of it) and scanned once, token by token, for the first words of triggers (a set lookup with
Arabic clitics peeled off); only sentences holding one are matched against the knowledge base, dated
and analysed, and triggers are tried only where those words begin. Everything found keeps offsets
into ``Article.text``.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from typing import NamedTuple

from alliancemap.extract.claims import find_claims
from alliancemap.extract.context import build_context
from alliancemap.extract.events import (
    SentenceView,
    article_level,
    events_in_sentence,
    hostile_sentence,
    non_security_story,
    planned_in_title,
)
from alliancemap.extract.lexicon import Lexicon, Trigger, load_lexicon
from alliancemap.extract.when_where import reporting_date, settle
from alliancemap.model import Article, Event, Extraction, Mention
from alliancemap.resolve.names import is_nisba_surname
from alliancemap.text.matcher import Hit
from alliancemap.text.normalize import Normalized, normalize
from alliancemap.text.words import Tokens

_MENTION_KINDS = {"person", "organization", "state", "faction", "place"}
_LEAD = 2  # sentences always matched against the KB and dated: they carry the story's dyad and date


def gate_positions(lex: Lexicon, norm: Normalized, tokens: Tokens | None = None) -> list[int]:
    """Positions in ``norm.text`` where a word begins that may start a trigger, in order.

    Args:
        tokens: ``Tokens(norm.text)`` when the caller has it already.
    """
    return lex.gate.positions(norm.text, tokens)


def _by_sentence(norm: Normalized, sentences: list[tuple[int, int]], positions: list[int]) -> dict[int, list[int]]:
    """Gate positions grouped by the sentence a word starts in (between sentences: the one before)."""
    starts = [a for a, _ in sentences]
    out: dict[int, list[int]] = {}
    for pos in positions:
        i = bisect_right(starts, norm.original_index(pos)) - 1
        if i >= 0:
            out.setdefault(i, []).append(pos)
    return out


def gated_sentences(lex: Lexicon, text: str, sentences: list[tuple[int, int]],
                    norm: Normalized | None = None) -> set[int]:
    """Indexes of the sentences containing the first word of some trigger.

    Args:
        norm: ``normalize(text)`` when the caller has it already.
    """
    norm = norm or normalize(text)
    return set(_by_sentence(norm, sentences, gate_positions(lex, norm)))


def _trigger_matches(lex: Lexicon, sentence: Normalized, positions: list[int]) -> list[tuple[re.Match[str], Trigger]]:
    """Every trigger's matches in a sentence, tried only at its gate positions.

    The gate only knows that a trigger's first word is there ("بحث" is also "research"); the
    patterns decide. ``positions`` are relative to ``sentence.text``.
    """
    return lex.trigger_matches(sentence.text, positions)


def _view(article: Article, idx: int, kb, lex: Lexicon, norm: Normalized, gate: list[int] | None) -> SentenceView:
    """Sentence ``idx`` with its KB hits and trigger matches (its dates are read when first asked for).

    Args:
        gate: the sentence's gate positions in ``norm.text`` (None for a lead sentence without any).
    """
    s, e = article.sentences[idx]
    text = article.text[s:e]
    view = SentenceView(idx=idx, start=s, end=e, text=text, norm=norm.slice(s, e), published=article.published)
    if gate is not None:
        offset = norm.normalized_index(s)
        view.triggers = _trigger_matches(lex, view.norm, [p - offset for p in gate])
    hits = [h for h in kb.find(text, view.norm) if not (h.value.demonym and is_nisba_surname(text, h.start))]
    view.hits = _shared_as_place(kb, text, _without_routes(text, _without_ventures(text, _with_compounds(kb, text, hits))))
    return view


# a joint venture named by its owners' nationalities or owners: "شركة هندية روسية مشتركة", "مشروع مشترك
# هندي روسي", "an Indian-Russian joint venture", "a joint venture of India and Russia"
_JOINT_VENTURE = re.compile(
    r"(?<![\w])(?:ال)?شرك[ةه](?: (?:ال)?[^\s,،.]+){1,3}? (?:ال)?مشترك[ةه]"
    r"|(?<![\w])(?:ال)?(?:شرك[ةه]|مشروع|مشاريع) (?:ال)?مشترك[ةه]?(?: (?:ال)?[^\s,،.]+[يى][ةه]?){1,3}"
    r"|\b(?:[A-Z][\w]+[- ](?:and )?)+[A-Z][\w]+ (?:joint venture|venture|consortium)\b"
    r"|\bjoint venture (?:between|of|owned by) [^,.;]{0,60}", re.IGNORECASE)


def _without_ventures(text: str, hits: list) -> list:
    """``hits`` without the states that only name a joint venture's owners: the maker is no party."""
    spans = [m.span() for m in _JOINT_VENTURE.finditer(text)]
    return [h for h in hits if not any(a <= h.start < b for a, b in spans)] if spans else hits


# a state's airspace is a route, not a party: "flew over Saudi airspace", "عبر الأجواء السعودية"
_ROUTE_AFTER = re.compile(r"\s*(?:air ?space|skies)\b", re.IGNORECASE)
_ROUTE_BEFORE = re.compile(r"(?:الأجواء|أجواء|الاجواء|اجواء|المجال الجوي|مجالها الجوي|مجاله الجوي)\s+$")


# a state whose displeasure an event drew looks on, it takes no part: "أثار استياء موسكو", "angered Moscow"
_REACTION_BEFORE = re.compile(r"(?:استياء|غضب|احتجاج|امتعاض|حفيظة|انتقادات|انتقاد)\s+$"
                              r"|\b(?:angered|irritated|upset|drew (?:\w+ )?(?:protests?|criticism|anger|ire) from)\s+$")
# a state that a body reviews its relations with is a topic, not a participant: "مراجعة العلاقات مع الرباط",
# "to review relations with Rabat"
_TOPIC_BEFORE = re.compile(r"(?:مراجعه|مراجعة|تقييم|قطع)\s+(?:ال)?علاقات(?:ها|ه)?\s+(?:\S+\s+)?مع\s+$"
                           r"|\b(?:review|reassess|sever|cut)(?:ed|ing|s)?\s+(?:its\s+|their\s+)?(?:relations|ties)\s+with\s+$")
_REACTION_AFTER = re.compile(r"'s (?:displeasure|anger|ire|irritation|protests?)\b")


def _without_routes(text: str, hits: list) -> list:
    """``hits`` without the states named only as the airspace a flight crossed, as an onlooker displeased, or
    as the state whose relations are under review."""
    return [h for h in hits if h.value.kind not in ("state", "place") or not (
        _ROUTE_AFTER.match(text, h.end) or _ROUTE_BEFORE.search(text, max(0, h.start - 20), h.start)
        or _REACTION_BEFORE.search(text, max(0, h.start - 40), h.start) or _REACTION_AFTER.match(text, h.end)
        or _TOPIC_BEFORE.search(text, max(0, h.start - 50), h.start))]


# a place preposition, or the clitic ب, right before a name: "في عمان", "إلى عمان", "بعمان"
_AT_PLACE = re.compile(r"(?:(?:^|\s)(?:في|فى|إلى|الى|إلي|من|داخل)\s+|ب)$")


def _shared_as_place(kb, text: str, hits: list) -> list:
    """A name a state shares with another state's city (unvocalised "عمان": Oman and Amman) is that city
    when it follows a place preposition, the sentence names the city's state and another party, and nothing
    else in it (a demonym, a city, an office) points to the namesake state ("استقبل العاهل الأردني في عمان وزير الدفاع الباكستاني")."""
    out = list(hits)
    for i, h in enumerate(hits):
        if h.value.kind != "state" or not _AT_PLACE.search(text, 0, h.start):
            continue
        city = next((e for e in kb.alternatives(h.text) if e.kind == "place" and e.country != h.value.country), None)
        signals = {o.value.country for o in hits if o is not h and o.value.country}
        actors = {o.value.country for o in hits if o is not h and o.value.country and o.value.kind != "place"}
        if city and city.country in actors and h.value.country not in signals and len(actors) >= 2:
            out[i] = Hit(h.start, h.end, h.text, city, h.phrase)
    return out


# "India-France", "US-Saudi", "التركية-المصرية", "India-Mozambique-Tanzania": states joined by hyphens are
# read as one token
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_][\w']*(?:-[^\W\d_][\w']*)+(?![\w-])")


def _compound_parts(kb, text: str, m: re.Match[str]) -> list[Hit] | None:
    """The state hits of each hyphened part of ``m``, or None unless every part is a state (two at least)."""
    parts, pos = [], m.start()
    for word in m.group(0).split("-"):
        found = [h for h in kb.find(word) if h.value.kind == "state" and h.end - h.start == len(word)]
        if not found:
            return None
        parts.append(Hit(pos, pos + len(word), found[0].text, found[0].value, found[0].phrase))
        pos += len(word) + 1
    return parts if len({h.value.country for h in parts}) == len(parts) else None


def _with_compounds(kb, text: str, hits: list) -> list:
    """``hits`` with every state of each hyphened chain of state names or demonyms in ``text``."""
    if "-" not in text:
        return hits
    added, spans = [], []
    for m in _COMPOUND.finditer(text):
        parts = _compound_parts(kb, text, m)
        if parts:
            added += parts
            spans.append((m.start(), m.end()))
    if not added:
        return hits
    kept = [h for h in hits if not any(a <= h.start < b for a, b in spans)]
    return sorted(kept + added, key=lambda h: h.start)


def _lead(article: Article) -> set[int]:
    """The first ``_LEAD`` sentences that say something: a dateline on its own line ("Riyadh:") is not one."""
    said = [i for i, (s, e) in enumerate(article.sentences[:_LEAD + 2]) if len(article.text[s:e].split()) > 3]
    return set(said[:_LEAD]) or set(range(min(_LEAD, len(article.sentences))))


class _LeadDate(NamedTuple):
    """A date of the lead, and whether it is a reporting verb's ("said on Tuesday")."""

    value: str | None
    precision: str
    reporting: bool


def extract_article(article: Article, kb=None, *, norm: Normalized | None = None,
                    tokens: Tokens | None = None) -> Extraction:
    """Events (asserted and planned), mentions and claims of one article.

    Args:
        article: a clean article with its sentence spans.
        kb: the knowledge base; the packaged one by default.
        norm, tokens: ``normalize(article.text)`` and its ``Tokens``, when the caller has them (the gates).

    Returns:
        An ``Extraction``; events carry ``status`` ("planned" ones are for analysis, not export).
    """
    from alliancemap.codes import code_event
    from alliancemap.resolve.kb import load_kb

    kb = kb or load_kb()
    lex = load_lexicon()
    out = Extraction(article_id=article.article_id)
    if not article.sentences:
        return out
    norm = normalize(article.text) if norm is None else norm
    tokens = Tokens(norm.text) if tokens is None else tokens
    out.claims = find_claims(article, norm, tokens)
    gated = _by_sentence(norm, article.sentences, gate_positions(lex, norm, tokens))
    lead = _lead(article)
    views = {i: _view(article, i, kb, lex, norm, gated.get(i)) for i in sorted(gated.keys() | lead)}
    ctx = build_context(article, kb, {i: v.hits for i, v in views.items()},
                        lambda: [_LeadDate(d.value, d.precision, reporting_date(views[i].text, d.start))
                                 for i in sorted(lead) for d in views[i].dates
                                 if not getattr(d, "relative", False) or d.kind in ("relative", "weekday")])
    ctx.hostile_lead = lambda: any(hostile_sentence(lex, views[i].norm.text) for i in lead)
    events: list[Event] = []
    for i in sorted(i for i in gated if views[i].triggers):
        nxt = ""
        if i + 1 in views:  # already normalized for its own view
            nxt = views[i + 1].norm.text
        elif i + 1 < len(article.sentences):
            nxt = norm.slice(*article.sentences[i + 1]).text
        events.extend(events_in_sentence(lex, views[i], ctx, article.article_id, article.published, nxt))
    story = normalize(article.title or "").text + "\n" + norm.text  # headline and body, folded once
    events.extend(_title_events(article, kb, lex, ctx, events, story))
    for v in views.values():
        out.mentions.extend(_mentions(article.article_id, v))
    _mark_planned_story(lex, article, events)
    events = non_security_story(lex, article_level(events), ctx, story)
    out.events = dedupe(events)
    settle(out.events, ctx)
    for ev in out.events:
        ev.cameo, ev.plover, mode = code_event(ev)
        if mode:
            ev.attributes["plover_mode"] = mode
        for src in ev.sources:
            src.url, src.outlet, src.published = article.url, article.outlet, article.published
        ev.event_id = mention_id(ev)
    return out


def _title_events(article: Article, kb, lex: Lexicon, ctx, told: list[Event], story: str) -> list[Event]:
    """The events a headline reports that no body sentence tells: the body talks around them ("Kenya and
    Turkey sign defence pact" over a story of what the pact covers). Their source is the headline (offsets
    0:0, before the body) and, unless the headline dates them, they carry the article's day as a borrowed
    date (``date_from`` "title": it blocks a merge only loosely); an event of a type the body reports
    for any of the same states is the body's, never a second one."""
    if not article.title or ctx.non_security_signed or not _security_story(lex, story):
        return []  # a body's trade or energy signing is the headline's signing too
    view = _view(Article(article_id=article.article_id, text=article.title, published=article.published,
                         lang=article.lang, sentences=[(0, len(article.title))]),
                 0, kb, lex, normalize(article.title), None)
    view.end = 0
    view.triggers = _trigger_matches(lex, view.norm, list(range(len(view.norm.text))))
    body = {(e.type, p.country) for e in told for p in e.parties}
    out = []
    for ev in events_in_sentence(lex, view, ctx, article.article_id, article.published):
        if ev.status == "planned" or len(ev.parties) < 2 or any((ev.type, p.country) in body for p in ev.parties):
            continue
        ev.attributes["from_title"] = True
        if ev.date is None and article.published:  # the headline's news is the article's day's news
            ev.date, ev.date_precision, ev.attributes["date_from"] = article.published, "day", "title"
        out.append(ev)
    return out


def _security_story(lex: Lexicon, story: str) -> bool:
    """The article (``story``: its folded headline and body) names a defence or security matter and no
    airliner or airline: a headline alone is trusted only in such a story (a headline of a nuclear plant or
    an airliner order is no security event)."""
    return bool(lex.cues["security"]["any"].search(story)) and not lex.cues["civil"]["any"].search(story)


def _mark_planned_story(lex: Lexicon, article: Article, events: list[Event]) -> None:
    """In a story whose headline announces a visit, the body's visit and talks are the programme, not
    reports: they stay planned unless a sentence dates them itself."""
    announced = planned_in_title(lex, article.title)
    if not announced & {"VISIT", "MEET"}:
        return
    for ev in events:
        if ev.type in ("VISIT", "MEET") and not ev.background and ev.attributes.get("date_from") != "sentence":
            ev.status = "planned"


def _mentions(article_id: str, view: SentenceView) -> list[Mention]:
    out = []
    for h in view.hits:
        e = h.value
        if e.kind not in _MENTION_KINDS:
            continue
        out.append(Mention(article_id=article_id, kind=e.kind, text=h.text, start=view.start + h.start,
                           end=view.start + h.end, sentence=view.idx, actor_id=e.id, country=e.country,
                           faction=e.faction, value=e.name_en))
    for d in view.dates_read:
        if d.value:
            out.append(Mention(article_id=article_id, kind="date", text=d.text, start=view.start + d.start,
                               end=view.start + d.end, sentence=view.idx, value=d.value))
    return out


def _compatible_dates(a: Event, b: Event) -> bool:
    return a.date is None or b.date is None or a.date[:7] == b.date[:7] and (
        a.date_precision != "day" or b.date_precision != "day" or a.date == b.date)


def dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, parties, status, compatible date) in an article; MEETs with disjoint people stay apart.

    News is never folded into an earlier sentence's recollection ("recalled his own trip of 2000" …
    "arrived in Minsk on Tuesday"): the old event would lend its sentence to the news, or the news its
    place and date to the old event. A later sentence that recalls the news already told ("had said
    earlier, at the talks in Ankara") adds its details to it; a recollection beside the news in one
    sentence stays apart.
    """
    kept: list[Event] = []
    for ev in events:
        key = (ev.type, frozenset(p.country for p in ev.parties), ev.status == "planned")
        twin = None
        for k in kept:
            if (k.type, frozenset(p.country for p in k.parties), k.status == "planned") != key \
                    or (k.background and not ev.background):
                continue
            if k.background != ev.background and k.sources[0].start == ev.sources[0].start:
                continue  # "signed a pact, building on the accord of 2019": the sentence tells both
            if not _compatible_dates(k, ev) or _contract_and_delivery(k, ev):
                continue
            if ev.type == "MEET":
                a = {p.actor_id for p in k.people}
                b = {p.actor_id for p in ev.people}
                if a and b and not a & b:
                    continue
            twin = k
            break
        if twin is None:
            kept.append(ev)
            continue
        _absorb(twin, ev)
    return kept


def _contract_and_delivery(a: Event, b: Event) -> bool:
    """Whether one is a purchase contract and the other a delivery: two steps of a deal, years apart as a
    rule, that an article's borrowed dates must not fold into one."""
    return a.type == "ARMS_DEAL" and bool(a.attributes.get("delivery")) != bool(b.attributes.get("delivery")) \
        and "contract" in (a.attributes.get("instrument"), b.attributes.get("instrument"))


def _absorb(into: Event, other: Event) -> None:
    """Fill what the first report of an event left empty from a later sentence of the same article."""
    for value, precision, origin in (("date", "date_precision", "date_from"), ("location", None, "location_from")):
        if getattr(into, value) is None and getattr(other, value) is not None:
            setattr(into, value, getattr(other, value))
            if precision:
                setattr(into, precision, getattr(other, precision))
            if origin in other.attributes:
                into.attributes[origin] = other.attributes[origin]
    into.domains = sorted(set(into.domains) | set(other.domains))
    seen = {p.actor_id for p in into.people}
    into.people.extend(p for p in other.people if p.actor_id not in seen)
    for p in into.parties:
        if not p.faction:
            twin = next((q for q in other.parties if q.country == p.country and q.faction), None)
            if twin:
                p.faction = twin.faction
    into.confidence = max(into.confidence, other.confidence)
    for k, v in other.attributes.items():
        into.attributes.setdefault(k, v)


def mention_id(ev: Event) -> str:
    """Stable id of an event mention: article, sentence offsets and type (and the parties, for the
    pairs one sentence lists: "met the leaders of A, B and C")."""
    src = ev.sources[0]
    key = f"{src.article_id}:{src.start}:{ev.type}"
    if ev.attributes.get("listed"):
        key += ":" + "-".join(sorted(p.country for p in ev.parties))
    return hashlib.sha1(key.encode()).hexdigest()[:16]
