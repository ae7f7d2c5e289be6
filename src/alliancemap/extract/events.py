"""Sentence-level event extraction: trigger → requirements → modality → arguments.

A trigger (``lexicons/triggers.yaml``) proposes an event type; the clause around it must hold what the
type needs (an instrument for a signing, a weapon for a purchase, a "held" verb for a drill); modality
cues (``lexicons/modality.yaml``) turn it into a planned, negated or merely discussed event; the
arguments (parties, people, date, place, domains, type-specific attributes) come from the sentence's
knowledge-base hits and dates, and from the article context when the sentence leaves them implicit.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from alliancemap.extract.context import ArticleContext
from alliancemap.extract.lexicon import Keyed, Lexicon, Trigger, bounded, keyed, word_prefixes
from alliancemap.extract.when_where import place_in_sentence, reporting_date, since_year, venue_hits
from alliancemap.model import Event, Party, Person, Source
from alliancemap.text.matcher import Hit, clitic_variants
from alliancemap.text.normalize import Normalized, normalize

# Words that say "both sides" without naming them: the article's dyad fills them in.
_BOTH_SIDES = keyed([
    "الجانبان|الجانبين|الطرفان|الطرفين|البلدان|البلدين|البلدين الشقيقين|الدولتين|الدولتان|بلديهما|"
    "الزعيمان|الزعيمين|الرئيسان|الرئيسين|الوزيران|الوزيرين|"
    "both (?:sides|countries|nations|parties|leaders)|the two (?:sides|countries|nations|armies|ministers|leaders|"
    "presidents|prime ministers)|bilateral"
])
_COOPERATION = keyed(["تعاون|التعاون|شراكه|الشراكه|اتفاق|اتفاقيه|مذكره|cooperation|partnership|agreement|pact"])
_FUTURE_VERB = re.compile(
    r"(?<![\w])[وف]?س(?:ي|ت|ن)(?:تم|جري|عقد|قوم|شهد|كون|شمل|سهم|منح|ثمر|تولي|عني|ضيف|خلق|وقع|زور|لتقي|بحث|"
    r"نطلق|ستمر|تواصل|توجه|صل|حل|جتمع|ناقش|بدا|نظم|نفذ|عمل|توج|ختتم|قام|شارك)\w*"
)
_MONEY = re.compile(
    r"(?P<cur1>\$|us\$|usd)?\s?(?P<num>\d+(?:[.,]\d+)?)?\s?"
    r"(?P<unit>billion|bn|million|mn|m|مليارات|ملياري|مليار|ملايين|مليوني|مليون)?"
    r"\s?(?P<cur2>dollars?|usd|دولار|دولارات)?",
)
_INSTRUMENT_KIND = (
    (re.compile(r"مذكر|memorand|\bmous?\b"), "mou"),
    (re.compile(r"بروتوكول|protocol"), "protocol"),
    (re.compile(r"(?<![\w])عقد|عقود|contract"), "contract"),
    (re.compile(r"اتفاق|agreement|accord|pact|treat|معاهد|ميثاق"), "agreement"),
)
_SIGNING_TRIGGERS = {"ar_sign", "ar_conclude", "ar_conclude_verb", "ar_signed_instr", "en_sign"}
_COMMITTEE_FORMED = keyed(["تشكيل|تشكلت|شكلت|انشاء|تاسيس|تاسست|اطلاق|formed|form|established|set up|created|launched|inaugural"])
_PERSON_TITLE_HEADS = re.compile(bounded(
    "المشير|الفريق|اللواء|العميد|العقيد|الجنرال|الادميرال|الامير|الشيخ|الملك|الرئيس|رئيس|ولي|وزير|وزيره|قائد|"
    "القائد|نائب|السفير|المتحدث|مستشار|مدير|field marshal|marshal|general|gen\\.|lt\\.|lieutenant|major|brigadier|"
    "admiral|prime minister|minister|president|crown prince|prince|king|chief|sheikh|ambassador|commander|deputy"
))


_COMMITTEE_SESSION = re.compile(
    r"\s*(?:\S+\s+){0,2}?(?:ال|لل)?(?:دوره|لجنه|مجلس|اليه|committee|council|commission|mechanism|session)"
)
# a standing body as the subject of a meeting verb: "the joint working group on X met in Tokyo"
_COMMITTEE_MEETS = re.compile(r"\b(?:committee|commission|working group|dialogue group|mechanism)s?\b[^,.;]{0,50}$"
                              # "عقد مجلس التنسيق السعودي المصري اجتماعه": a joint body's own session
                              r"|(?<!\S)[وبل]?(?:ال|لل)?(?:لجنه|مجلس|اليه|مجموعه|فريق) (?:ال)?(?:مشترك\w*|تنسيق\w*|عليا|عمل"
                              r"|استراتيجي\w*)[^,.;،]{0,60}$")


def _trigger_hits(lex: Lexicon, text: str, matches: list[tuple[re.Match[str], Trigger]] | None = None):
    """Each trigger match, followed by the companion triggers its own words also propose.

    ``matches``: ``lex.trigger_matches(text)`` when the caller has them already. A companion is
    proposed only when its pattern matches the trigger's text ("received" is also a visit, "met" not).
    """
    for m, trig in lex.trigger_matches(text) if matches is None else matches:
        yield m, trig
        for cid in trig.companions:
            if _companion_re(lex, cid).search(m.group(0)):
                yield m, lex.triggers[cid]


@functools.lru_cache(maxsize=64)
def _companion_re(lex: Lexicon, cid: str) -> re.Pattern[str]:
    return re.compile(bounded(lex.triggers[cid].pattern))


@dataclass
class SentenceView:
    """One sentence with everything found in it; offsets inside are relative to the sentence."""

    idx: int
    start: int
    end: int
    text: str
    norm: Normalized
    hits: list[Hit] = field(default_factory=list)
    published: str | None = None  # what relative dates are read against
    triggers: list[tuple[re.Match[str], Trigger]] | None = None  # every trigger's matches in norm.text, if known
    _words: frozenset[str] | None = field(default=None, repr=False)
    _dates: list[Any] | None = field(default=None, repr=False)  # text.dates.DateMatch

    @property
    def dates(self) -> list[Any]:
        """The sentence's dates, read on first use: only sentences that date an event need them."""
        if self._dates is None:
            from alliancemap.text.dates import find_dates

            self._dates = find_dates(self.text, published=self.published)
        return self._dates

    @property
    def dates_read(self) -> list[Any]:
        """The dates if they were read, else nothing (for mentions: reading them only to record them
        would cost more than the rest of the sentence)."""
        return self._dates or []

    @property
    def words(self) -> frozenset[str]:
        """``word_prefixes`` of the sentence: which keyed patterns can match in it at all."""
        if self._words is None:
            self._words = word_prefixes(self.norm.text)
        return self._words

    def orig(self, nstart: int, nend: int) -> tuple[int, int]:
        return self.norm.original_span(nstart, nend)


def _near(pattern: Keyed, text: str, start: int, end: int, window: int, around: bool,
          words: frozenset[str] | None = None) -> re.Match[str] | None:
    after = pattern.search(text, start, min(len(text), end + window), words)  # the trigger's own words count
    if after or not around:
        return after
    return pattern.search(text, max(0, start - window), start, words)


def _clause_before(text: str, pos: int, limit: int = 90) -> str:
    lo = max(0, pos - limit)
    chunk = text[lo:pos]
    cut = max(chunk.rfind("."), chunk.rfind(";"), chunk.rfind("?"), chunk.rfind("!"))
    return chunk[cut + 1:]


def modality(lex: Lexicon, trig: Trigger, view: SentenceView, ts: int, te: int) -> str | None:
    """'negated', 'planned', 'discussed' or None (asserted) for the trigger at [ts, te)."""
    text = view.norm.text
    before = _clause_before(text, ts)
    after = text[te:te + 60]
    cues, words = lex.cues, view.words
    if cues["negated"]["before"].search(before[-45:], words=words):
        return "negated"
    if trig.type != "MEET" and cues["discussed"]["before"].search(before, words=words):
        return "discussed"
    since = list(_PAST_CLAUSE.finditer(before))  # "تسعى الهند …، بعد أن وقعت الصين": the past clause's own
    planned_scope = before[since[-1].end():] if since else before  # mood, not the main clause's
    if cues["planned"]["before"].search(planned_scope[-70:], words=words) or _FUTURE_VERB.search(planned_scope[-50:]):
        return "planned"
    if cues["planned"]["after"].search(after, words=words):
        return "planned"
    if trig.type == "VISIT" and _IMPERFECT.match(text, ts) and _LATER_LEG.match(text, te):
        return "planned"  # "ويتوجه بعد ذلك إلى", "ويزور عقب ذلك": the tour's next leg
    # a future relative date near the trigger ("غدا", "next month")
    return None


# an Arabic travel verb in the imperfect (يتوجه، تتوجه، يزور، تصل), and "afterwards" right after it
_IMPERFECT = re.compile(r"[وف]?(?:ي\S|ت[تزصس]\S)")
_LATER_LEG = re.compile(r"\s*(?:\S+\s+){0,3}?(?:بعد ذلك|عقب ذلك|بعدها|بعد ان ينهي|عقب انتهاء)(?![\w])")


# where a clause of what already happened begins: "after China signed", "بعد أن وقعت", "…، وذلك خلال اجتماع"
_PAST_CLAUSE = re.compile(r"(?<![\w])(?:بعد ان|بعدما|منذ ان|عقب ان|وذلك)\s|\b(?:after|since) (?=\S+ (?:\S+ )?\w+ed\b)")


def _instrument(lex: Lexicon, text: str, ts: int, te: int) -> str | None:
    m = _near(lex.groups["instrument"], text, ts, te, 90, around=True)
    if not m:
        m = lex.groups["instrument"].search(text, ts, te + 1) if ts < te else None
    probe = text[ts:te] + " " + (m.group(0) if m else "")
    for pattern, kind in _INSTRUMENT_KIND:
        if pattern.search(probe if not m else m.group(0)):
            return kind
    for pattern, kind in _INSTRUMENT_KIND:
        if pattern.search(probe):
            return kind
    return "other" if m else None


_CURRENCY = re.compile(r"\$|دولار|dollar|usd")


def _money(text: str) -> float | None:
    """The largest amount in US dollars written in ``text`` (folded), or None."""
    if not _CURRENCY.search(text):
        return None
    best = None
    for m in _MONEY.finditer(text):
        unit = (m.group("unit") or "").lower()
        if not (m.group("cur1") or m.group("cur2")) or not (m.group("num") or unit):
            continue
        raw = m.group("num")
        if raw is None:  # "بقيمة مليار دولار": the unit word alone is one (two for the dual)
            num = 2.0 if unit in ("ملياري", "مليوني") else 1.0
        elif raw.count(",") == 1 and "." not in raw and len(raw.split(",")[1]) != 3:
            num = float(raw.replace(",", "."))
        else:
            num = float(raw.replace(",", ""))
        if unit in ("billion", "bn", "مليار", "مليارات", "ملياري"):
            num *= 1e9
        elif unit in ("million", "mn", "m", "مليون", "ملايين", "مليوني"):
            num *= 1e6
        best = max(best or 0.0, num)
    return best


def role_of(view: SentenceView, hit: Hit) -> str | None:
    """The title written beside a person: before the name, or as an apposition right after it."""
    before = view.text[max(0, hit.start - 70):hit.start]
    cut = max(before.rfind("،"), before.rfind(","), before.rfind("."), before.rfind("("), before.rfind("\n"))
    before = before[cut + 1:]
    nb = normalize(before)
    m = _PERSON_TITLE_HEADS.search(nb.text)
    if m:
        s, _ = nb.original_span(m.start(), m.end())
        role = before[s:].strip(" ،,:-–")
        if 2 <= len(role) <= 70:
            return role
    after = view.text[hit.end:hit.end + 80]
    am = re.match(r"\s*[،,]\s*([^،,.()\n]{3,70})[،,.]", after)
    if am:
        na = normalize(am.group(1))
        if _PERSON_TITLE_HEADS.match(na.text.strip()):
            return am.group(1).strip()
    return None


# Where the predicate's arguments end: a relative clause or an "amid …" phrase after the trigger names
# states that are context ("…from the United States amid threats from Iran", "…, التي تربطها بروسيا…").
_SUBORDINATE = re.compile(
    r"[,،]\s*(?:and |و)?(?:who|which|whose|الذي|التي|الذين|اللذين|اللتين)(?![\w])"
    r"|[,،]\s*(?:while|whereas|بينما|في حين)(?![\w])"
    r"|\b(?:amid|in the face of|despite|unlike|compared (?:with|to)|in (?:an? )?(?:\w+ )?(?:reference|allusion|nod) to)\b"
    # a war or attack that is the occasion: "after Russia's invasion of Ukraine", "بعد الغزو الروسي لأوكرانيا"
    r"|\b(?:in (?:response|reaction) to|in the wake of|following|after|since) (?:\S+ ){0,3}?"
    r"(?:invasion|war|attacks?|annexation|aggression|offensive)\b"
    r"|(?<![\w])(?:بعد|عقب|اثر|منذ|ردا علي) (?:ال)?(?:غزو|حرب|هجوم|هجمات|ضم|عدوان)(?![\w])"
    r"|(?<![\w])(?:في خضم|وسط (?:توتر|تصاعد|مخاوف|تهديد|تحذير|قلق|انتقاد)|في ظل (?:توتر|تصاعد|تهديد)|"
    r"على خلفيه|رغم|بالرغم من|على عكس|خلافا ل|في (?:اشاره|تلميح) (?:\S+ )?الي)"
)


# "عمان - …", "NAIROBI, Sept 25 (Reuters) —": the reporting office, never a party
_DATELINE = re.compile(r"\s*[^\W\d][^\s,:\-–—(]*(?: [^\s,:\-–—(]+){0,2}\s*(?:\([^)\n]{0,30}\)\s*)?(?:,[^\n:\-–—]{0,30})?\s*[\-–—:]\s")


def _argument_end(view: SentenceView, tpos: int) -> int:
    """Offset in ``view.text`` where the clause of the trigger at ``tpos`` (in ``view.norm.text``) gives
    way to a subordinate one."""
    m = _SUBORDINATE.search(view.norm.text, tpos)
    return view.orig(m.start(), m.start())[0] if m else len(view.text)


def _named_again(view: SentenceView, ctx: ArticleContext, end: int) -> list[str]:
    """States of the officials ``ctx.named()`` whose surname the sentence uses before ``end``."""
    names = ctx.named()
    text = view.norm.text
    limit = view.norm.normalized_index(end) if end < len(view.text) else len(text)
    forms = {form for w in set(text[:limit].split()) for form, _ in clitic_variants(w.strip(".,:;\"'()"))}
    return [country for surname, country in names.items() if surname in forms]


def _parties(lex: Lexicon, view: SentenceView, ctx: ArticleContext, ttype: str, tpos: int,
             background: bool = False) -> tuple[list[Party], bool]:
    """Party states of the sentence (with factions), completed from the article's dyad when implicit.

    States named after the trigger's clause ends (``_SUBORDINATE``) are not its arguments.
    Returns the parties and whether any had to be borrowed from the context.
    """
    found: dict[str, Party] = {}
    order: list[tuple[int, str]] = []
    objects: set[str] = set()  # states named after "with"/"مع": counterparts, never the subject
    suppliers: set[str] = set()  # states named after "from"/"من": where arms come from
    place_countries: list[str] = []
    end = _argument_end(view, tpos)
    m = _DATELINE.match(view.text)
    start = m.end() if m else 0
    for h in view.hits:
        e = h.value
        if not e.country or h.start >= end or h.end <= start:
            continue
        if ttype == "EXERCISE" and _OBSERVER.match(view.text, h.end):
            continue  # "فيما أرسلت اليابان مراقبين", "while Burundi sent observers": not a participant
        if h.start > tpos and (_COMMENTER.match(view.text, h.end)
                               or _COMMENTED_BY.search(view.text[max(0, h.start - 16):h.start])):
            continue  # "an exercise that Algeria described as provocative": a critic, not a party
        if e.kind == "place":
            place_countries.append(e.country)
            continue
        p = found.get(e.country)
        if p is None:
            found[e.country] = p = Party(country=e.country, name=None)
            order.append((abs(h.start - tpos), e.country))
            if _WITH_BEFORE.search(view.text[max(0, h.start - 12):h.start]):
                objects.add(e.country)
            if _FROM_BEFORE.search(view.text[max(0, h.start - 8):h.start]):
                suppliers.add(e.country)
        if e.faction and not p.faction:
            p.faction = e.faction
        if e.kind in ("state", "faction", "organization") and not e.demonym and p.actor_id is None:
            p.actor_id, p.name = e.id, e.name_en
    buyer = next((c for c in place_countries if c not in found), None)
    if ttype == "ARMS_DEAL" and len(found) >= 2 and set(found) <= suppliers and buyer:
        first = min(order)[1]  # "Yerevan has bought radars from France and artillery from India": two
        found, order = {first: found[first], buyer: Party(country=buyer)}, [(0, first), (1, buyer)]  # sellers, one buyer
    if len(found) == 2 and objects == set(found):  # "أبرمتها مع أستراليا … وقعت أخرى مع بريطانيا": the
        del found[max(order)[1]]  # subject is unnamed; the farther object is another clause's
    borrowed = False
    group = ctx.group_of(set(found)) if found and ttype in ("MEET", "COMMITTEE", "AGREE") \
        and lex.cues["multilateral"]["any"].search(view.norm.text, words=view.words) else None
    for c in sorted(group or ()):  # "…, where the three also held trilateral talks": the states of the signing told before
        if c not in found:
            found[c] = Party(country=c)
            order.append((1000, c))
            borrowed = True
    if len(found) < 2 and ctx.named():  # "زار نارافاني الإمارات": the official introduced earlier
        for c in _named_again(view, ctx, end):
            if c not in found:
                found[c] = Party(country=c)
                order.append((500, c))
    if len(found) < 2:
        for c in place_countries:
            if c not in found:
                found[c] = Party(country=c)
                order.append((999, c))
                break
    other = ctx.counterpart(next(iter(found))) if len(found) == 1 else None
    if other:
        found[other] = Party(country=other)
        order.append((1000, other))
        borrowed = True
    elif not found and len(ctx.dyad) == 2 and _BOTH_SIDES.search(view.norm.text, words=view.words):
        for c in ctx.dyad:
            found[c] = Party(country=c)
            order.append((1000, c))
        borrowed = True
    if len(found) > 2 and (ttype == "EXERCISE" or ttype in ("MEET", "COMMITTEE")
                           and lex.cues["multilateral"]["any"].search(view.norm.text, words=view.words)):
        pass  # a drill, or a tripartite summit: every state named takes part
    elif len(found) > 2 and ttype in ("AGREE", "MEET", "COMMITTEE") \
            and set(_state_list(view, start, end, tpos)) == set(found):
        pass  # "the ministers of Japan, Britain and Italy signed…": the list is the subject, all sign
    elif len(found) > 2 and ttype in ("AGREE", "MEET", "COMMITTEE") \
            and set(_joint_parties(lex, view, ttype, start, end, tpos)) == set(found):
        pass  # "Jordan and Egypt met with Iraq and Saudi Arabia", "signed an agreement with Sudan, Chad and Libya"
    elif len(found) > 2 and (pair := _subject_and_object(view, tpos, start, end)):
        found = {c: found[c] for c in pair}
    elif len(found) > 2:
        keep = [c for c in ctx.dyad if c in found]
        for _, c in sorted(order):
            if len(keep) >= 2:
                break
            if c not in keep:
                keep.append(c)
        found = {c: found[c] for c in keep}
    for c, p in found.items():  # the article's faction, but not for the past it recalls (2009 predates the split)
        if not p.faction and c in ctx.factions and not background:
            p.faction = ctx.factions[c]
    return list(found.values()), borrowed


_LIST_GAP = re.compile(r"\s*(?:[,،]\s*)?(?:and\s+|و\s*)?")


def _runs(view: SentenceView, start: int, end: int) -> list[list[Hit]]:
    """The states named in ``view.text[start:end]``, grouped into coordinated lists ("X, Y and Z", "س وص")."""
    runs: list[list[Hit]] = []
    for h in sorted((h for h in view.hits if h.value.country and h.value.kind != "place" and start <= h.start < end),
                    key=lambda h: h.start):
        if runs and _LIST_GAP.fullmatch(view.text[runs[-1][-1].end:h.start]):
            runs[-1].append(h)
        else:
            runs.append([h])
    return runs


# what may stand between a meeting verb and its object's states: "met their Iraqi and Saudi counterparts",
# "مع نظيريهما العراقي والسعودي"
_OBJECT_GAP = re.compile(r"\S*\s+(?:the |their |his |her |its )?|\s*مع\s+(?:\S+\s+)?")


def _joint_parties(lex: Lexicon, view: SentenceView, ttype: str, start: int, end: int, tpos: int) -> list[str]:
    """The states of one joint meeting or one instrument: the trigger's subject with its "with" object
    when one of them is a list ("Jordan and Egypt met with Iraq and Saudi Arabia", "signed a border
    agreement with Sudan, Chad and Libya", "وقعت مصر مع السودان وتشاد وليبيا اتفاقية"). A meeting needs a
    listed subject (a leader who meets the leaders of A, B and C meets them in turn); an instrument must
    be one (``several_instruments`` cues: "separate agreements", "اتفاقيات" are signed pair by pair).
    ``tpos`` is the trigger's offset in ``view.norm.text``."""
    here = view.orig(tpos, tpos + 1)[0]
    if ttype == "AGREE" and lex.cues["several_instruments"]["any"].search(
            view.norm.text[tpos:view.norm.normalized_index(end) if end < len(view.text) else len(view.norm.text)]):
        return []
    runs = _runs(view, start, end)
    subjects = [r for r in runs if r[-1].end <= here and here - r[-1].end <= 30]  # "Jordan and Egypt met"
    after = [r for r in runs if r[0].start > here]
    if not subjects and after and after[0][0].start <= here + 25:  # "وقعت مصر مع", "اجتمع وزيرا دفاع مصر والأردن مع"
        subjects, after = after[:1], after[1:]
    if not subjects or not after:
        return []
    subject, obj = subjects[-1], after[0]
    gap = view.text[max(here, subject[-1].end):obj[0].start]
    if not (_WITH_BEFORE.search(view.text[max(0, obj[0].start - 12):obj[0].start]) or _OBJECT_GAP.fullmatch(gap)):
        return []
    if ttype != "AGREE" and len(subject) < 2 or len(subject) + len(obj) < 3:
        return []
    return list(dict.fromkeys(h.value.country for h in subject + obj))


def _without_witnesses(lex: Lexicon, view: SentenceView) -> SentenceView:
    """The sentence without the states that watch, attend, host or broker the talks or the ceremony
    ("after talks that Ethiopia, Eritrea and Somalia watched", "في حفل حضره سفراء إثيوبيا وإريتريا"):
    a list of states right after a ``witness.before`` cue, or in a relative clause right before a
    ``witness.after`` cue. Kept when fewer than two other states would be left (then the witnesses may be
    the signatories)."""
    cues = lex.cues["witness"]
    states = [h for h in view.hits if h.value.country and h.value.kind != "place"]
    if len(states) < 3:
        return view
    out: set[int] = set()
    for run in _runs(view, 0, len(view.text)):
        before = normalize(view.text[max(0, run[0].start - 50):run[0].start]).text
        after = normalize(view.text[run[-1].end:run[-1].end + 30]).text
        if cues["before"].search(before) or cues["relative"].search(before) and cues["after"].search(after):
            out |= {id(h) for h in run}
    witnesses = {h.value.country for h in states if id(h) in out}
    if not out or len({h.value.country for h in states} - witnesses) < 2:
        return view
    thin = copy.copy(view)
    thin.hits = [h for h in view.hits if id(h) not in out]
    return thin


_BUY_VERB = re.compile(r"(?:bought|purchased|acquired|buy|اشتر\w*|اقتن\w*)$")


def _co_buyers(view: SentenceView, trigger: str, ts: int, parties: set[str]) -> bool:
    """Whether the parties are one coordinated list of buyers before a buying verb (no seller among them)."""
    if not _BUY_VERB.match(trigger):
        return False
    listed = _state_list(view, 0, ts, ts, least=2)
    return parties <= set(listed)


def _state_list(view: SentenceView, start: int, end: int, tpos: int, least: int = 3) -> list[str]:
    """Three or more states named in one coordinated list ("X, Y and Z", "س وص وع"): all of them act.

    Only a list that is the trigger's subject (begun before it) or its near object ("signed by X, Y
    and Z"); a list further on is another clause's ("after talks that X, Y and Z watched").
    """
    hits = sorted((h for h in view.hits if h.value.country and h.value.kind != "place" and start <= h.start < end),
                  key=lambda h: h.start)
    best: list[str] = []
    run: list[str] = []
    prev_end = -1
    for h in hits:
        gap = view.text[prev_end:h.start] if prev_end >= 0 else None
        if gap is not None and _LIST_GAP.fullmatch(gap) and h.value.country not in run:
            run.append(h.value.country)
        elif h.start < tpos or (h.start - tpos <= 40 and not re.search(r"[;؛:]", view.text[tpos:h.start])):
            run = [h.value.country]
        else:
            run = []
        prev_end = h.end
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= least else []


_COMMENTER = re.compile(r"\s+(?:has |had )?(?:described|condemned|critici[sz]ed|denounced|protested|"
                        r"وصفت\w*|وصفه\w*|انتقدت\w*|نددت|ادانت\w*|احتجت)(?![\w-])")
_COMMENTED_BY = re.compile(r"(?<![\w])(?:وصفت|وصفتها|وصفته|انتقدت|انتقدتها|انتقدته|ادانت|ادانتها|ادانته)\s+$")
_OBSERVER = re.compile(r"[^,،.;]{0,20}?(?:مراقب\w*|\bobservers?\b)")
_WITH_BEFORE = re.compile(r"(?:\bwith|(?<![\w])مع)\s+(?:the\s+)?$")


def _subject_and_object(view: SentenceView, tpos: int, start: int, end: int) -> tuple[str, str] | None:
    """The trigger's own subject and its "with" object when the sentence names more states: "after
    China signed a pact with Sri Lanka", "بعد أن وقعت الصين اتفاقا مع سريلانكا" (the subject is the
    state right before the verb in English, right after it in Arabic)."""
    here = view.orig(tpos, tpos + 1)[0]
    states = [h for h in view.hits if h.value.country and h.value.kind != "place" and start <= h.start < end]
    obj = next((h for h in states if h.start > here and _WITH_BEFORE.search(view.text[max(0, h.start - 12):h.start])),
               None)
    if obj is None:
        return None
    after = [h for h in states if here < h.start < obj.start and h.start - here <= 20]
    before = [h for h in states if h.end <= here and here - h.end <= 25 and "," not in view.text[h.end:here]
              and "،" not in view.text[h.end:here]]
    subj = (after or before[-1:] or [None])[0]
    if subj is None or subj.value.country == obj.value.country:
        return None
    return subj.value.country, obj.value.country


def _people(view: SentenceView) -> list[Person]:
    out: dict[str, Person] = {}
    for h in view.hits:
        e = h.value
        if e.kind != "person" or e.id in out:
            continue
        out[e.id] = Person(name=h.text, actor_id=e.id, name_ar=e.name_ar, name_en=e.name_en,
                           role=role_of(view, h) or e.role, country=e.country)
    return list(out.values())


def _date(view: SentenceView, tpos: int, published: str | None) -> tuple[str | None, str | None, bool]:
    """(value, precision, future) of the date nearest the trigger in the sentence.

    A month or a year nearer another event word of the sentence is that event's ("the agreement signed
    in 2020", "the exercise planned for April 2026" beside today's talks), not this one's.
    """
    here = view.orig(tpos, tpos + 1)[0]
    others = {view.orig(m.start(), m.end())[0] for m, _ in view.triggers or []} - {here}
    dates = [d for d in view.dates if d.value and not reporting_date(view.text, d.start)  # "said on Thursday"
             and not since_year(view.text, d)]
    head = _DATELINE.match(view.text) if view.idx <= 3 else None  # "BAMAKO, Jan 20 (Reuters) -": the report's day
    if head and any(d.start >= head.end() for d in dates):
        dates = [d for d in dates if d.start >= head.end()]
    if any(d.precision == "day" for d in dates):  # the day is this event's; a year beside it is background
        dates = [d for d in dates if d.precision == "day"]
    best = None
    for d in dates:
        dist = abs(d.start - here)
        if d.precision != "day" and any(abs(d.start - o) < dist for o in others):
            continue
        if best is None or dist < best[0]:
            best = (dist, d)
    if best is None:
        return None, None, False
    d = best[1]
    future = bool(published and d.value[:len(published)] > published[:len(d.value)])
    return d.value, d.precision, future


_COOPERATION_AREAS = keyed([
    "تعاون|التعاون|مجال|مجالات|المجالات|ملف|ملفات|شراكه|الشراكه|تعزيز|تطوير|بحث|بحثا|ناقش|ناقشا|تناول|"
    "cooperation|areas|fields|partnership|discussed|focused on|ties in|strengthen\\w*|boost\\w*|expand\\w*"
])


def _recalled_instrument(lex: Lexicon, trig: Trigger, view: SentenceView, ts: int, te: int) -> bool:
    """Whether an instrument is named as the time anchor or the frame of another event of the sentence
    (``recalled`` cues): an earlier signing recalled, which the merge must join to the real signing."""
    if trig.type not in ("AGREE", "ARMS_DEAL") or trig.attrs.get("delivery"):
        return False  # a delivery "under the contract" is the current event; the contract is not
    before, cues = _clause_before(view.norm.text, ts), lex.cues["recalled"]
    if cues["before"].search(before, words=view.words):
        return True
    return "instrument" not in trig.requires and bool(cues["bare"].search(before, words=view.words))


def _own_date(view: SentenceView, ts: int, te: int) -> tuple[str | None, str | None]:
    """A recalled instrument keeps only a date said in its own phrase ("signed in 2021"), never the day
    of the sentence's current event."""
    start, end = view.orig(ts, te)
    stop = min((i for i in (view.text.find(",", end), view.text.find("،", end)) if i >= 0), default=len(view.text))
    own = [d for d in view.dates if d.value and start <= d.start < min(stop, end + 50)
           and not reporting_date(view.text, d.start)]
    return (own[0].value, own[0].precision) if own else (None, None)


_CLAUSE_MARK = re.compile(r"[,;:.!?\n]")


def _own_clause(text: str, ts: int, te: int) -> str:
    """The clause of the trigger at [ts, te) in folded ``text``: what a recalled instrument is about, not
    the current event's topics ("talks on terrorism, days after they signed a border agreement")."""
    return text[slice(*_clause_span(text, ts, te))]


def _long_before(value: str | None, published: str | None) -> bool:
    """A date more than a year before publication: the article recalls the past."""
    if not value or not published or len(published) < 4:
        return False
    return value[:4] < str(int(published[:4]) - 1) or (value[:4] < published[:4] and value[4:7] < published[4:7])


def _domains(lex: Lexicon, text: str, etype: str) -> list[str]:
    """Cooperation domains named in the clause. A visit or a meeting has a domain only when the text
    says what was cooperated on or discussed, not when a fighter escort or a drone strike is mentioned."""
    areas, domains = _domains_in(lex, text)
    return list(domains) if areas or etype not in ("VISIT", "MEET") else []


@functools.lru_cache(maxsize=256)
def _domains_in(lex: Lexicon, text: str) -> tuple[bool, tuple[str, ...]]:
    """(whether the text says what was cooperated on, the domains it names); several events of one
    sentence ask for the same text."""
    words = word_prefixes(text)
    domains = tuple(name for name, pattern in lex.domains.items() if pattern.search(text, words=words))
    return bool(_COOPERATION_AREAS.search(text, words=words)), domains


def events_in_sentence(lex: Lexicon, view: SentenceView, ctx: ArticleContext, article_id: str,
                       published: str | None, next_text: str = "") -> list[Event]:
    """Every event (asserted or planned) the sentence reports; at most one per type."""
    text = view.norm.text
    by_type: dict[str, Event] = {}
    words = view.words
    hostile = _hostile(lex, text, words) and not _COOPERATION.search(text, words=words)
    pview = _without_witnesses(lex, view)  # the sentence as its parties are read
    hits = list(_trigger_hits(lex, text, view.triggers))
    told_before = _pluperfect_clauses(lex, view, hits)  # "…, weeks after they had met in Khartoum": that clause only
    clauses = _subject_clauses(view, hits)  # "…, while Greece signed a pact with Italy": a clause of its own
    background = bool(lex.cues["background"]["any"].search(_blank(text, told_before), words=words))
    borrowed_ids: set[int] = set()
    extras: dict[tuple[str, int], Event] = {}  # a second event of a type: (type, clause start or -2 if recalled)
    trigger_at: dict[int, int] = {}  # id(event) -> its trigger's offset in view.norm.text
    spans: dict[str, list[tuple[int, int]]] = {}  # every occurrence of each trigger, kept or not
    for m, trig in hits:
        ts, te = m.start(), m.end()
        spans.setdefault(trig.id, []).append((ts, te))
        slot: tuple[str, int] = (trig.type, -1)  # where the event goes: the sentence's own, or a later clause's
        if trig.type in by_type and by_type[trig.type].status != "planned":
            slot = _second_slot(lex, trig, view, by_type[trig.type], ts, te, clauses.get(trig.type, []))
            if slot in extras or slot[1] == -1:
                continue
        if trig.type == "VISIT" and not _is_official_visit(lex, trig, text, ts, te, words):
            ctx.port_call = True  # checked first: a ship's call is one whatever else the trigger needs
            continue
        if trig.id == "en_landed" and _CARGO_FLIGHT.search(text, max(0, ts - 90), ts):
            continue  # "a transport plane carrying the equipment landed at Niamey": a delivery flight
        if trig.type == "VISIT" and _trainers_arrive(lex, text, ts, te, words):
            continue  # "instructors flown into Malabo to train …", "مدربون وصلوا … لتدريب": TRAINING, no visit
        if trig.requires and not any(
            _near(lex.groups[g], text, ts, te, trig.window, trig.around, words) for g in trig.requires
        ):
            continue
        if trig.also and not _near(lex.groups[trig.also], text, ts, te, trig.window + 40, True, words):
            continue
        if hostile and trig.type in ("MEET", "VISIT", "ARMS_DEAL"):
            continue
        if (trig.type == "VISIT" or trig.type == "MEET" and _RECEIVING.search(m.group(0))) \
                and _equipment_object(lex, text, ts, te, words):
            ctx.port_call = ctx.port_call or bool(trig.type == "VISIT" and lex.groups["vessel"].search(text, words=words))
            continue  # "تسلّمت … طائرات", "received two drones": a delivery, not a reception
        if trig.type in ("VISIT", "MEET") and _RECEIVING.search(m.group(0)) and _ship_received(lex, text, ts, te, words):
            ctx.port_call = True
            continue  # "the corvette, named …, was received by the navy commander": a ship arrives, no official
        if trig.type in ("VISIT", "MEET") and _RECEIVING.search(m.group(0)) and _crews_received(lex, text, te):
            continue  # "welcomed the crews on the tarmac", "استقبل الطيارين": a delivery's crews, no official
        if trig.attrs.get("delivery") and _ARRIVAL.match(text, ts) and _official_arrives(lex, text, ts, te, words):
            continue  # "the defence minister arrived in Paris … Rafale": the official travels, no jets arrive
        if trig.type == "AGREE" and _non_security(lex, text, ts, te, words):
            ctx.non_security_signed = True
            continue  # an energy, trade or deposit instrument is not a security agreement
        if trig.type == "ARMS_DEAL" and lex.cues["civil"]["any"].search(text, words=words) \
                and not lex.cues["security"]["any"].search(text, words=words):
            ctx.non_security_signed = True
            continue  # "Vietnam Airlines … to buy 50 jets": airliners, not arms
        if trig.id in _WEAK_IN_QUOTES and _inside_quote(text, ts):
            continue  # "…إلى جانب بحث فرص التعاون" in an analyst's quote: commentary, not a reported meeting
        if trig.type == "MEET" and _RECEIVING.search(m.group(0)) and _near(_CEREMONY, text, ts, te, 90, False, words) \
                and not _TALKS.search(text, words=words):
            continue  # "وسط استقبال رسمي حافل": the reception on arrival is the visit, not talks
        if trig.type == "MEET" and (_COMMITTEE_SESSION.match(text, te)
                                    or _COMMITTEE_MEETS.search(text, max(0, ts - 90), ts)):
            continue  # "اجتماع الدورة الحادية عشرة للجنة…": the committee's session, not bilateral talks
        if trig.type == "VISIT" and ctx.port_call and not lex.groups["delegation"].search(text, words=words) and (
                _ANAPHORIC_VISIT.match(text, max(0, ts - 6), te) or lex.groups["vessel"].search(text, words=words)):
            continue  # "وتأتي هذه الزيارة", "this visit" after a port call: the call, not an official visit
        if trig.attrs.get("delivery") and _port_call(lex, view, ts, te):
            ctx.port_call = True
            continue  # "the Indian Navy frigate arrived at Jeddah": a port call, not a delivery
        mood = modality(lex, trig, view, ts, te)
        if mood is None and trig.type == "AGREE" and lex.cues["intent"]["before"].search(
                _clause_before(text, ts), words=words):
            mood = "planned"  # "agreed to conclude an agreement": a signing to come
        if mood is None and lex.cues["relations"]["before"].search(_clause_before(text, ts, 160), words=words):
            continue  # "شراكة دفاعية تشمل مناورات", "ties that include joint drills": relations, not an event
        if mood is None and trig.type in ("MEET", "VISIT") and lex.cues["generic"]["before"].search(
                text[max(0, ts - 30):ts]):
            continue  # "تبادل الزيارات", "استمرار اللقاءات": the state of relations, not one event
        if trig.id == "ar_visit_verb" and _PLACE_NOUN.search(text, max(0, ts - 12), ts):
            continue  # "مركز زار للتدريب", "قرية زارة": after a place noun the word is a place's name
        if trig.type == "AGREE" and _NO_PACT.search(text, max(0, ts - 20), min(len(text), te + 80)):
            continue  # a ceasefire between belligerents, or a meeting's own minutes: no instrument of cooperation
        if trig.type == "ARMS_DEAL" and _GENERIC_BUYERS.search(text, max(0, ts - 40), ts):
            continue  # "sanctions against countries buying Russian weapons": a class of buyers, no purchase
        if trig.type == "MEET" and _PURCHASE_TALKS.search(text, max(0, ts - 40), min(len(text), te + 60)):
            continue  # "تجري محادثات لشراء دبابات", "is in talks to buy tanks": a negotiation going on, no meeting
        if mood is None and lex.cues["cancelled"]["before"].search(_clause_before(text, ts), words=words):
            mood = "negated"  # "ألغت الحكومة عقدا … لشراء", "cancelled a contract to buy"
        if trig.attrs.get("delivery") and lex.cues["personnel"]["any"].search(
                text[max(0, ts - 60):te + 60], words=words) and not _accompanied(lex, text, words):
            continue  # a flight carrying instructors is not equipment delivered (unless weapons came with them)
        if mood in ("negated", "discussed"):
            continue
        told = next((view.orig(a, b) for a, b in told_before if a <= ts < b), None)
        cview = _clause_view(pview, slot[1], clauses.get(trig.type, [])) if told is None else _own_places(pview, told)
        parties, borrowed = _parties(lex, cview, ctx, trig.type, ts, background)
        if trig.type in ("AGREE", "ARMS_DEAL") and {p.country for p in parties} <= _listed_firms(cview):
            continue  # "dozens of deals with American, French and Chinese companies": a roundup, no dyad
        if len({p.country for p in parties}) < 2:
            continue  # before dating: most triggers of ordinary news name no two sides
        if trig.type == "ARMS_DEAL" and _co_buyers(cview, m.group(0), ts, {p.country for p in parties}):
            continue  # "India, Qatar and Egypt have bought the jet": fellow customers, not a seller and a buyer
        value, precision, future = _date(view, ts, published)
        recollection = not background and (_recalled_instrument(lex, trig, view, ts, te)
                                            or any(a <= ts < b for a, b in told_before))
        if recollection:  # "days after X signed a pact", "under the pact signed in 2021": not today's signing
            (value, precision), future = _own_date(view, ts, te), False
        recalled = background or recollection or _long_before(value, published)
        if recalled != background:  # a date long past: no faction borrowed from the article
            parties, borrowed = _parties(lex, cview, ctx, trig.type, ts, recalled)
        if future and trig.type in ("VISIT", "MEET", "EXERCISE", "COMMITTEE"):
            mood = "planned"
        # the sentence's place is its current event's, not a recalled instrument's
        location = None if recollection else place_in_sentence(view, trig.type, {p.country for p in parties})
        attrs: dict[str, Any] = dict(trig.attrs)
        if value:  # what the sentence leaves open is settled for the whole article (when_where.settle)
            attrs["date_from"] = "sentence"
        if location:
            attrs["location_from"] = "sentence"
        attrs["trigger"] = {"text": view.text[slice(*view.orig(ts, te))], "start": view.start + view.orig(ts, te)[0],
                            "end": view.start + view.orig(ts, te)[1], "id": trig.id}
        domain_text = _own_clause(text, ts, te) if recollection else text
        if not recollection and trig.type in ("AGREE", "COMMITTEE") and re.search(r"تشمل|تتضمن|تنص|include|cover", next_text[:80]):
            domain_text = text + " " + next_text
        status = _status(trig, mood, text, ts, te, lex, attrs)
        ev = Event(
            type=trig.type, parties=parties,
            sources=[Source(article_id=article_id, sentence=view.text, start=view.start, end=view.end)],
            people=_people(view), date=value, date_precision=precision, location=location,
            domains=_domains(lex, domain_text, trig.type), attributes=attrs, status=status,
            confidence=round(trig.weight * (0.8 if borrowed else 1.0), 3), background=recalled,
        )
        _type_attributes(lex, ev, text, ts, te)
        if borrowed:
            borrowed_ids.add(id(ev))
        trigger_at[id(ev)] = ts
        if slot[1] == -1:
            by_type[trig.type] = ev
        elif not any({p.country for p in e.parties} == {p.country for p in parties} and e.background == recalled
                     for e in [by_type[trig.type], *extras.values()] if e.type == trig.type):
            extras[slot] = ev
    out = _suppress(lex, list(by_type.values()))
    for key in sorted({k[1] for k in extras}):  # each later clause (or recollection) on its own
        out += _suppress(lex, [e for k, e in extras.items() if k[1] == key])
    seconds = [twin for ev in out if ev.type in _COORDINABLE and ev.status != "planned" and id(ev) in trigger_at
               for twin in _coordinated(lex, pview, ev, ctx, trigger_at[id(ev)],
                                        spans.get(ev.attributes["trigger"]["id"], []), published)]
    subjects = {(t.type, t.parties[0].country) for t in seconds if t.attributes.get("own_subject")}
    out += [pair for ev in out if ev.type in _LISTABLE and ev.status != "planned" and id(ev) in trigger_at
            for pair in _listed_pairs(pview, ev, ctx, trigger_at[id(ev)])
            if not {(pair.type, p.country) for p in pair.parties} & subjects]  # "…, and Cyprus signed…"
    for twin in seconds:
        twin.attributes.pop("own_subject", None)
        if not any(e.type == twin.type and {p.country for p in e.parties} == {p.country for p in twin.parties}
                   for e in out):
            out.append(twin)
    for ev in out:
        if id(ev) not in borrowed_ids and len(ev.parties) == 2 and ev.status != "planned":
            ctx.note_pair(ev.parties[0].country, ev.parties[1].country)
        elif len(ev.parties) > 2 and ev.status != "planned":
            ctx.note_group({p.country for p in ev.parties})
    return out


# a later clause with a subject of its own: "…, while Greece signed", "and Greece bought" (the state right
# before the verb), "ووقعت اليونان", "فيما وقعت اليونان" (the verb opens the clause, the state follows it)
_CLAUSE_BEFORE_SUBJECT = re.compile(r"(?:[,;]\s*|\b)(?:and|while|whereas|but)\s+(?:the\s+)?$")
_CLAUSE_BEFORE_VERB = re.compile(r"(?:(?<![\w])(?:فيما|بينما|في حين|كما|ثم)\s+|[,،]\s*)$")


def _second_slot(lex: Lexicon, trig: Trigger, view: SentenceView, first: Event, ts: int, te: int,
                 clauses: list[int]) -> tuple[str, int]:
    """Where a second trigger of a type the sentence already has goes: (type, the offset in ``view.text``
    of the later clause it opens with a subject of its own, one of ``clauses``), (type, -2) when it is a
    recollection beside current news (or the news beside a recollection: "building on the accord they
    signed in 2019"), or (type, -1) when it repeats the first event (or is its own words again)."""
    span = first.attributes.get("trigger") or {}
    here, end = view.orig(ts, te)
    if span.get("start", -1) - view.start < end and here < span.get("end", -1) - view.start:
        return trig.type, -1  # "delivered" read by two triggers of the type
    if (_recalled_instrument(lex, trig, view, ts, te) or _pluperfect(lex, view.norm.text, ts)) != first.background:
        return trig.type, -2
    own = _own_subject_clause(view, trig, ts, te)
    return trig.type, own if own is not None and own in clauses else -1


def _own_subject_clause(view: SentenceView, trig: Trigger, ts: int, te: int) -> int | None:
    """The offset in ``view.text`` where the clause of the trigger at [ts, te) (in ``view.norm.text``)
    begins when it has a subject of its own ("…, while Greece signed", "ووقعت اليونان"), else None."""
    here, end = view.orig(ts, te)
    text = view.norm.text
    for h in view.hits:
        if not h.value.country or h.value.kind == "place":
            continue
        if 0 <= here - h.end <= 12 and re.fullmatch(r"\s*(?:\w+\s+)?", view.text[h.end:here]):
            hs = view.norm.normalized_index(h.start)
            if _CLAUSE_BEFORE_SUBJECT.search(text, max(0, hs - 12), hs):
                return view.orig(hs, hs)[0] - 1  # "…, while Greece signed"
        if 0 <= h.start - end <= 3 and (text[ts] == "و" and re.fullmatch(bounded(trig.pattern), text[ts + 1:te])
                                          or _CLAUSE_BEFORE_VERB.search(text, max(0, ts - 10), ts)):
            return max(0, here - 1)  # "ووقعت اليونان", "فيما وقعت اليونان"
    return None


def _subject_clauses(view: SentenceView, hits: list[tuple[re.Match[str], Trigger]]) -> dict[str, list[int]]:
    """For each type, where the later clauses with a subject of their own begin (offsets in ``view.text``)
    that hold a trigger of the type after an earlier one."""
    out: dict[str, list[int]] = {}
    first: dict[str, int] = {}
    for m, trig in hits:
        if trig.type in first and m.start() > first[trig.type]:
            own = _own_subject_clause(view, trig, m.start(), m.end())
            if own is not None and own not in out.setdefault(trig.type, []):
                out[trig.type].append(own)
        first.setdefault(trig.type, m.start())
    return out


def _pluperfect(lex: Lexicon, text: str, ts: int) -> bool:
    """Whether the trigger at ``ts`` (folded ``text``) is told in the pluperfect ("had met", "كانا قد التقيا")."""
    return bool(lex.cues["recalled"]["pluperfect"].search(text, max(0, ts - 16), ts))


def _pluperfect_clauses(lex: Lexicon, view: SentenceView,
                        hits: list[tuple[re.Match[str], Trigger]]) -> list[tuple[int, int]]:
    """The clauses (offsets in ``view.norm.text``) of triggers told in the pluperfect, when the sentence
    also tells an event of the same type in another clause: "met in Cairo on Monday, weeks after they had
    met in Khartoum" is today's meeting and a recalled one, not two recalled ones."""
    text = view.norm.text
    told = [(trig.type, _clause_span(text, m.start(), m.end())) for m, trig in hits if _pluperfect(lex, text, m.start())]
    return [span for ttype, span in told
            if any(t.type == ttype and not span[0] <= m.start() < span[1] for m, t in hits)]


def _clause_span(text: str, ts: int, te: int) -> tuple[int, int]:
    """The clause (between punctuation marks) of the trigger at [ts, te) in folded ``text``."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, 0, ts)]
    after = _CLAUSE_MARK.search(text, te)
    return (marks[-1] if marks else 0, after.start() if after else len(text))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the ``spans`` blanked out (same length)."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _own_places(view: SentenceView, span: tuple[int, int]) -> SentenceView:
    """``view`` as a clause told in the pluperfect sees its parties: the places of other clauses are not
    its own ("visited Khartoum on Monday, months after he had visited Juba")."""
    thin = copy.copy(view)
    thin.hits = [h for h in view.hits if h.value.kind != "place" or span[0] <= h.start < span[1]]
    return thin


def _clause_view(view: SentenceView, start: int, clauses: list[int]) -> SentenceView:
    """``view`` as one clause sees its parties: the states named from ``start`` (-1: the sentence's
    beginning, -2: a recollection, the whole sentence) up to the next of ``clauses`` (the later clauses
    with a subject of their own)."""
    if start == -2 or not clauses and start < 0:
        return view
    stop = min((c for c in clauses if c > start), default=len(view.text))
    thin = copy.copy(view)
    thin.hits = [h for h in view.hits if max(start, 0) <= h.start < stop]
    return thin


_LISTABLE = {"MEET", "VISIT", "AGREE"}
_LIST_GLUE = re.compile(r"\s*(?:,|،|and|&|و|او|or)?\s*(?:and |و)?\s*")


def _listed_pairs(view: SentenceView, ev: Event, ctx: ArticleContext, ts: int) -> list[Event]:
    """"X met the leaders of A, B and C", "وقعت تركيا اتفاقيات مع الصومال وجيبوتي": besides the event
    ``ev`` (X with A), one event for X with each further state of a list after the trigger (states
    joined only by commas and "and"); X is the last state named before the list, on either side of
    the verb (Arabic puts the subject after it). ``ts`` is the trigger's offset in ``view.norm.text``."""
    end = _argument_end(view, ts)
    tpos = view.orig(ts, ts)[0]
    states = [h for h in view.hits if h.value.kind != "place" and h.value.country and h.start < end]
    listed: list[Hit] = []
    for h in (h for h in states if h.start > tpos):
        if listed and _LIST_GLUE.fullmatch(view.text[listed[-1].end:h.start].lower()):
            listed.append(h)
        elif len(listed) < 2:
            listed = [h]
    if len(listed) < 2:
        return []
    heads = [h.value.country for h in states if h.end <= listed[0].start
             and h.value.country not in {x.value.country for x in listed}]
    have = {p.country for p in ev.parties}
    if not heads or heads[-1] not in have:
        return []
    subject, out = heads[-1], []
    for c in dict.fromkeys(h.value.country for h in listed):
        if c == subject or c in have:
            continue
        twin = copy.deepcopy(ev)
        twin.parties = [Party(country=subject, faction=ctx.factions.get(subject)),
                        Party(country=c, faction=ctx.factions.get(c))]
        twin.attributes["listed"] = True
        out.append(twin)
    return out


_COORDINABLE = {"MEET", "VISIT", "AGREE", "ARMS_DEAL"}
# "…with Greece and a protocol with Cyprus", "…نظيره الأردني ثم رئيس الأركان العراقي", "…، كما وقعت…"
_COORDINATOR = re.compile(r"\b(?:and(?: then| also| later)?|as well as|then)\s+|(?<![\w])(?:ثم|كما)\s+|(?<![\w])و(?=\w)")
# what opens a second object of its own: an instrument, an official or a delegation
_SECOND_OBJECT = {  # indefinite: "and the agreement covers…" is the first instrument again
    "AGREE": re.compile(r"(?:(?:اتفاق\w*|مذكر\w*|بروتوكول\w*|معاهد\w*|وثيق\w*|عقدا|عقدين|عقود)"
                        r"|\b(?!(?:the|this|that|its|their|it) )(?:\w+ ){0,3}?(?:agreements?|memorand\w*|mous?|"
                        r"protocols?|accords?|pacts?|treat\w*|contracts?|letters?))(?![\w])"),
    "ARMS_DEAL": re.compile(r"(?:(?:عقدا|عقدين|عقود|صفق\w*)"
                            r"|\b(?!(?:the|this|that|its|their|it) )(?:\w+ ){0,3}?(?:contracts?|deals?))(?![\w])"),
}
_OFFICIAL = re.compile(
    r"(?:(?:ب|ل)?(?:ال)?(?:نظير\w*|رييس|وزير|وزيره|قائد|نائب|مستشار|وفد|ولي|الملك|الامير|الرييس|المشير|الفريق)"
    r"|\b(?:(?:his|her|their|the|a) )?(?:[\w'’]+ ){0,3}?(?:counterparts?|president|prime minister|minister|chief|"
    r"commander|king|prince|delegation|general|admiral))(?![\w])")


def _second_object(etype: str, head: str) -> re.Match[str] | None:
    """The instrument or official a coordinated phrase opens with (``head``: its first words, folded)."""
    return (_SECOND_OBJECT.get(etype) or _OFFICIAL).match(head)


def _coordinated(lex: Lexicon, view: SentenceView, ev: Event, ctx: ArticleContext, ts: int,
                 spans: list[tuple[int, int]], published: str | None) -> list[Event]:
    """"signed an agreement with Greece and a protocol with Cyprus", "met his Jordanian counterpart and then
    the Iraqi chief of staff", "وقعت … مع الصومال، كما وقعت … مع جيبوتي": besides ``ev``, one event per
    coordinated phrase of the trigger's clause that opens with a second instrument or official, or with a
    second occurrence of the same trigger (``spans``, offsets in ``view.norm.text``), and names a state of its
    own; the counterpart it replaces is the last state named before the "and", the subject stays. A second
    occurrence with a state before it has its own subject ("…, and Cyprus signed one with Israel")."""
    if len(ev.parties) != 2:
        return []
    text = view.norm.text
    end_n = view.norm.normalized_index(_argument_end(view, ts))
    states = [h for h in view.hits if h.value.country and (h.value.kind != "place" or ev.type == "VISIT")]
    coords = _coordinators(text, ts + 1, end_n)
    have = {p.country for p in ev.parties}
    out: list[Event] = []
    for i, k in enumerate(coords):
        seg_end = coords[i + 1].start() if i + 1 < len(coords) else end_n
        head = text[k.end():k.end() + 40]
        if k.group(0) == "و" and _second_object(ev.type, text[k.start():k.start() + 40]):
            continue  # "وزير", "وثيقة": a word of its own, not "and"
        second = next(((s, e) for s, e in spans if k.end() <= s < min(seg_end, k.end() + 25)), None)
        opener = _second_object(ev.type, head)
        if second is None and opener is None:
            continue
        lo, hi = view.orig(k.end(), seg_end)
        inside = [h for h in states if lo <= h.start < hi]
        before = [h for h in states if h.end <= view.orig(k.start(), k.start())[0]]
        if not inside or not before:
            continue
        if before[-1].value.country not in have:
            moved = _moved_counterpart(ev, before, inside)
            if moved is None:
                continue
            ev.parties = [p for p in ev.parties if p.country != moved] + [
                Party(country=before[-1].value.country, faction=ctx.factions.get(before[-1].value.country))]
            have = {p.country for p in ev.parties}
            ev.location = place_in_sentence(view, ev.type, have) or ev.location
        subject = next(c for c in have if c != before[-1].value.country) if len(have) == 2 else None
        if second is not None:
            at = view.orig(*second)[0]
            own = [h for h in inside if h.start < at]
            inside = [h for h in inside if h.start >= at and _object_of(view.text, view.orig(*second), h, ev.type)]
            if own:
                subject = own[-1].value.country
        new = next((h.value.country for h in inside if h.value.country not in have | {subject}), None)
        if subject is None or new is None:
            continue
        s, e = second or (k.end() + opener.start(), k.end() + opener.end())
        if ev.type == "AGREE" and _non_security(lex, text[:seg_end], s, e, view.words):
            continue  # "…and an energy agreement with Cyprus": not a security instrument
        out.append(_twin(view, ev, ctx, (subject, new), view.orig(s, e), (lo, hi), published,
                         own_subject=second is not None and subject not in have))
    return out


def _coordinators(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The "and"s of ``text[start:end]`` (folded); "كما وقعت" is one, not two."""
    coords: list[re.Match[str]] = []
    for m in _COORDINATOR.finditer(text, start, end):
        if not coords or m.start() > coords[-1].end():
            coords.append(m)
    return coords


def _moved_counterpart(ev: Event, before: list[Hit], inside: list[Hit]) -> str | None:
    """"visited Athens on Monday and then Cyprus": the visit's counterpart was taken from the second phrase
    (a capital is a place, a state name is not); the state the first phrase names (``before[-1]``) is the
    first visit's. Returns the counterpart that moves to the second event."""
    named = {h.value.country for h in before}
    moved = [h.value.country for h in inside if h.value.country in {p.country for p in ev.parties} - named]
    return moved[0] if ev.type == "VISIT" and len(ev.parties) == 2 and moved else None


_WITH = re.compile(r"(?:\b(?:with|from|to)|(?<![\w])(?:مع|من|الى|إلى))\s+(?:the\s+)?$", re.I)


def _object_of(text: str, span: tuple[int, int], hit: Hit, etype: str) -> bool:
    """Whether the state ``hit`` is the counterpart of the trigger at ``span`` (offsets in ``text``): "with
    Cyprus", "مع جيبوتي", "from Italy", the place right after a travel verb ("visited Cyprus"), or an
    official's nationality ("met the Italian prime minister"), not the topic of the talks ("discussed the
    situation in Iraq", "discussed Ukraine")."""
    at, end = span
    if _WITH.search(text[max(at, hit.start - 12):hit.start]) or etype == "VISIT" and not text[end:hit.start].strip():
        return True
    return bool(_OFFICIAL.search(normalize(text[at:hit.end + 30]).text))


def _twin(view: SentenceView, ev: Event, ctx: ArticleContext, pair: tuple[str, str], evidence: tuple[int, int],
          segment: tuple[int, int], published: str | None, own_subject: bool) -> Event:
    """A copy of ``ev`` for another pair of the same sentence, with its own trigger evidence and, when
    its phrase (``segment``, offsets in ``view.text``) names a day or a venue of its own, that date or place."""
    twin = copy.deepcopy(ev)
    twin.parties = [Party(country=c, faction=ctx.factions.get(c)) for c in pair]
    twin.attributes["listed"] = True  # the pair is part of the mention's id
    twin.attributes["own_subject"] = own_subject
    trig = dict(twin.attributes.get("trigger") or {})
    trig.update(text=view.text[evidence[0]:evidence[1]], start=view.start + evidence[0], end=view.start + evidence[1])
    twin.attributes["trigger"] = trig
    own = [d for d in view.dates if d.value and segment[0] <= d.start < segment[1]
           and not reporting_date(view.text, d.start)]
    if own:
        twin.date, twin.date_precision = own[0].value, own[0].precision
        twin.attributes["date_from"] = "sentence"
    venues = [h for h in venue_hits(view.text, view.hits, twin.type)
              if segment[0] <= h.start < segment[1] and h.value.country in pair]
    if venues:
        twin.location = {"name": venues[0].value.name_en, "country": venues[0].value.country}
        twin.attributes["location_from"] = "sentence"
    elif twin.location and twin.location.get("country") not in pair:  # the first pair's venue
        twin.location = None
        twin.attributes.pop("location_from", None)
    return twin


# people who come to teach, and the purpose that says so
_TRAINERS = re.compile(r"(?<![\w])(?:ال)?(?:مدرب\w*|عسكري(?:ين|ون|ا)?|خبراء|مستشار(?:ين|ون)|جنود)(?![\w])|"
                       r"\b(?:instructors|trainers|troops|soldiers|advis[eo]rs|(?:military )?personnel)\b")
_TO_TRAIN = re.compile(r"(?<![\w])(?:لتدريب|بتدريب|للتدريب)(?![\w])|\bto (?:train|instruct)\b")


# companies named only by a list of nationalities: "American, French and Chinese companies", "شركات أمريكية وصينية"
_FIRMS_LIST = re.compile(r"\b(?:[\w-]+,\s+)*[\w-]+,?\s+and\s+[\w-]+\s+(?:defen[cs]e\s+)?(?:companies|firms|manufacturers)\b"
                         r"|(?<![\w])(?:ال)?شركات\s+\S+(?:\s+(?:و\S+|،\s*\S+))+", re.IGNORECASE)


def _listed_firms(view: SentenceView) -> set[str]:
    """States that the sentence names only as the nationalities of a list of companies (two or more)."""
    out: set[str] = set()
    for m in _FIRMS_LIST.finditer(view.text):
        inside = {h.value.country for h in view.hits if h.value.country and h.value.demonym
                  and m.start() <= h.start < m.end()}
        if len(inside) >= 2:
            out |= inside
    return out


def _trainers_arrive(lex: Lexicon, text: str, ts: int, te: int, words: frozenset[str]) -> bool:
    """Whether the arrival is of trainers who come to train (a TRAINING), not of an official: people
    named as instructors or soldiers beside the verb, a purpose "to train" after it, and no official
    before that purpose."""
    goal = _TO_TRAIN.search(text, te, min(len(text), te + 140))
    if not goal:
        return False
    near = _TRAINERS.search(text, max(0, ts - 90), ts) or (
        _VERB_FIRST.search(text[max(0, ts - 12):ts]) and _TRAINERS.search(text, te, goal.start()))
    return bool(near) and not lex.groups["delegation"].search(text, max(0, ts - 90), goal.start())


# the crews, pilots or sailors of a delivery, welcomed or received
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CREWS = re.compile(r"\b(?:crews?|aircrews?|pilots|sailors)\b|(?<![\w])(?:ال)?(?:طواقم|طاقم|طيارين|طيارون|بحاره)(?![\w])")


def _crews_received(lex: Lexicon, text: str, te: int) -> bool:
    """Whether a welcome or reception is of a delivery's crews, not of an official: crews named right
    after the verb, no official between."""
    crews = _CREWS.search(text, te, min(len(text), te + 40))
    if not crews:
        return False
    between = list(lex.groups["delegation"].regex.finditer(text, te, crews.start()))
    if between and _ARABIC.match(text, between[0].start()) and between[0].start() - te <= 8:
        between = between[1:]  # "استقبل الرئيس المصري الطيارين": the verb's subject comes first
    return not between


def _official_arrives(lex: Lexicon, text: str, ts: int, te: int, words: frozenset[str]) -> bool:
    """Whether an arrival verb's subject is an official: before it ("the defence minister arrived"), or
    right after an Arabic verb ("وصل وزير الدفاع"), with no weapon named first."""
    after = lex.groups["delegation"].regex.match(text, te + 1) if _ARABIC.match(text, ts) else None
    return bool(after) or _official_before(lex, text, ts, words)


def _official_before(lex: Lexicon, text: str, ts: int, words: frozenset[str]) -> bool:
    """Whether the subject just before an arrival verb is an official ("the defence minister arrived"),
    with no weapon named before the verb ("the Rafales ordered by the minister arrived" are jets)."""
    officials = list(lex.groups["delegation"].regex.finditer(text, max(0, ts - 50), ts))
    return bool(officials) and not re.search(r"[.,;:]", text[officials[-1].end():ts]) \
        and not lex.groups["weapon"].search(text, max(0, ts - 90), ts, words)


def _equipment_object(lex: Lexicon, text: str, ts: int, te: int, words: frozenset[str]) -> bool:
    """Whether what is received or arrives is equipment: a weapon right after the verb with no
    official before it ("تسلّمت … طائرات"), or a weapon as the subject just before it ("the jets arrived")."""
    if _ARRIVAL.match(text, ts) and _official_before(lex, text, ts, words):
        return False  # "the defence minister arrived in Paris for a look at the Rafale line"
    weapon = lex.groups["weapon"]
    reach = 110 if _VERB_FIRST.search(text[max(0, ts - 12):ts]) else 45  # "وصلت إلى ميناء …، أمس، دبابات"
    m = weapon.search(text, te, min(len(text), te + reach), words)
    if m and not lex.groups["delegation"].search(text, te, m.start()) and not lex.cues["personnel"]["any"].search(
            text, te, m.start(), words):
        return True  # "تسلّمت … طائرات"
    m = lex.groups["vessel"].search(text, te, min(len(text), te + 45), words)
    if m and not lex.groups["delegation"].search(text, te, len(text)):
        return True  # "في استقبال السفينة الهندية", unless a delegation came aboard
    lo = max(0, ts - 60)
    before = [b for b in weapon.regex.finditer(text, lo, ts)] if weapon.search(text, lo, ts, words) else []
    return bool(before) and not lex.groups["delegation"].search(text, before[-1].end(), ts) \
        and "," not in text[before[-1].end():ts]


_FROM_BEFORE = re.compile(r"(?:\bfrom|(?<![\w])من)\s+(?:the\s+)?$")
_PLACE_NOUN = re.compile(r"(?<![\w])(?:ال)?(?:مركز|قاعده|معسكر|ميدان|مدينه|قريه|بلده|منطقه|ميناء|مطار)\s+$")
# an instrument that is no cooperation pact: a ceasefire or truce, or the minutes of the meeting it ends
# ("اتفاق وقف إطلاق النار الموقع في جنيف", "وقع الجانبان على محضر الاجتماع", "signed the minutes of the meeting")
_NO_PACT = re.compile(r"(?:اتفاق|اتفاقيه|الاتفاق|الاتفاقيه) (?:ال)?(?:وقف (?:ال)?اطلاق (?:ال)?نار|هدنه)|\b(?:ceasefire|truce|armistice)"
                      r"(?: agreement| accord| deal)?\b|(?<![\w])(?:ال)?محضر (?:ال)?(?:اجتماع|جلس[ةه])|\bminutes of (?:the |their |its )?"
                      r"(?:meeting|session|talks)\b")
# buyers named as a class: "countries buying Russian arms", "الدول التي تشتري أسلحة روسية"
_GENERIC_BUYERS = re.compile(r"\b(?:countries|nations|states|governments|buyers|customers|anyone)\s+(?:that\s+|who\s+|which\s+)?$"
                             r"|(?<![\w])(?:ال)?(?:دول|حكومات)\s+(?:التي\s+)?$")
# talks going on about a purchase, not a meeting held: "تجري محادثات لشراء", "is in talks to buy"
_PURCHASE_TALKS = re.compile(r"(?<![\w])(?:[وف]?(?:تجري|يجري|تجريان|يجريان))\s+(?:\S+\s+){0,2}?(?:ال)?(?:محادثات|مفاوضات)\s+"
                             r"(?:\S+\s+){0,3}?ل(?:شراء|اقتناء|بيع|توريد)"
                             r"|\b(?:is|are|has been|have been|remains?)\s+(?:also\s+|still\s+)?in\s+(?:\w+\s+)?talks\s+"
                             r"(?:\S+\s+){0,3}?(?:to|on|over|about|for)\s+(?:the\s+)?(?:buy|purchas|acquir|sale|sell)")
_PASSIVE_BY = re.compile(r"(?:was|were|being) (?:\w+ )?(?:received|welcomed|greeted)(?: by)?$|^\s*by\b")


def _ship_received(lex: Lexicon, text: str, ts: int, te: int, words: frozenset[str]) -> bool:
    """Whether a passive reception's subject is a ship: "The ship, named …, was received by the commander"
    tells of a ship's arrival (a delivery or a port call), not of an official received."""
    if not (_PASSIVE_BY.search(text, max(0, ts - 30), te) or _PASSIVE_BY.match(text, te, min(len(text), te + 6))):
        return False
    lo = max(0, ts - 70)
    ship = [w for w in _WARSHIP.regex.finditer(text, lo, ts)] if _WARSHIP.search(text, lo, ts, words) else []
    return bool(ship) and not lex.groups["delegation"].search(text, ship[-1].end(), ts, words)


# an Arabic verb that opens its clause (or follows a dateline's dash or agency tag: "موسكو - (د ب أ) وصل"):
# its subject comes after it, past the place and the date
_VERB_FIRST = re.compile(r"(?:^|[.,:;\n)\-–—]\s*|(?<![\w])(?:و|ف|ثم))\s*$")
# weapons that come with the instructors: "arrived along with an air defence system", "برفقة شحنة"
_ALONG = re.compile(r"\b(?:along with|together with|accompanied by)\b|(?<![\w])(?:برفقه|بصحبه|ومعهم|يرافقهم|ترافقهم|رافقتهم)(?![\w])")


_WITH_FEW = re.compile(r"\bwith\b|(?<![\w])(?:ومعهم|معهم)(?![\w])")


def _accompanied(lex: Lexicon, text: str, words: frozenset[str]) -> bool:
    """Whether a weapon is named right after an "along with" (or a bare "with") of the clause."""
    weapon = lex.groups["weapon"]
    return any(weapon.search(text, m.end(), min(len(text), m.end() + reach), words)
               for rx, reach in ((_ALONG, 60), (_WITH_FEW, 30)) for m in rx.finditer(text))


# a time phrase: "since the attack", "weeks after the junta expelled", "منذ هجوم", "بعد قصف"
_TIME_PHRASE = re.compile(r"(?:(?<![\w])(?:منذ|بعد|عقب|اثر|قبل)|\b(?:since|after|following|before|wake of))"
                          r"\s+(?:\S+\s+){0,4}$")


def hostile_sentence(lex: Lexicon, text: str) -> bool:
    """Whether a folded sentence tells of fighting or a row, with no cooperation word in it."""
    words = word_prefixes(text)
    return bool(_hostile(lex, text, words) and not _COOPERATION.search(text, words=words))


def _hostile(lex: Lexicon, text: str, words: frozenset[str]) -> bool:
    """Whether the sentence tells of fighting or a row: a hostile word that is not inside a time phrase
    ("the first visit since the attack", "weeks after the junta expelled French troops")."""
    cue = lex.cues["hostile"]["any"]
    if not cue.search(text, words=words):
        return False
    return any(not _TIME_PHRASE.search(text, max(0, m.start() - 45), m.start()) for m in cue.regex.finditer(text))


def _non_security(lex: Lexicon, text: str, ts: int, te: int, words: frozenset[str]) -> bool:
    """An instrument about energy, trade or deposits, with no defence or security word in its clause."""
    clause = text[ts:min(len(text), te + 110)]
    return bool(lex.cues["non_security"]["after"].search(clause)) and not lex.cues["security"]["any"].search(clause)


_WEAK_IN_QUOTES = {"ar_discuss", "en_meet"}


def _inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside an open quotation (folded text: all quote marks are '"')."""
    return text.count('"', 0, pos) % 2 == 1


# a MEET word that receives something (what is received may be equipment); "met", "talks" receive nothing
_RECEIVING = re.compile(r"استقب|تسلم|receiv|welcom")
_ANAPHORIC_VISIT = re.compile(r"(?:.*(?<![\w]))?(?:هذه |تلك )?(?:ال|بال|لل|وال)زياره(?![\w])|.*\b(?:this|the|that) (?:port )?visit\b")
_ARRIVAL = re.compile(r"(?:[وف]?(?:وصل|وصول|حطت|رست))|arriv|dock|call")
_WARSHIP = keyed(["سفين\\w*|سفن|فرقاط\\w*|بارج\\w*|مدمر\\w*|كورفيت|غواص\\w*|زورق\\w*|زوارق|قطع(?:ه)? بحريه|"
                   "ships?|vessels?|frigates?|warships?|destroyers?|corvettes?|submarines?|carriers?"])
_ACQUIRED = keyed(["اشتر\\w*|شراء|اقتن\\w*|تسلم\\w*|تسليم|استلام|جديد|الجديده|الجديد|purchas\\w*|bought|acquir\\w*|"
                   "new|deliver\\w*|handed|commission\\w*"])


def _port_call(lex: Lexicon, view: SentenceView, ts: int, te: int) -> bool:
    """A warship of one state arriving in another's port: the ship's flag (a navy, or the demonym
    beside the ship word) differs from the country it arrives in, and nothing says it was bought."""
    text = view.norm.text
    if not _ARRIVAL.match(text, ts, te) or _ACQUIRED.search(text, words=view.words):
        return False
    ship = _WARSHIP.search(text, words=view.words)
    if not ship:
        return False
    s0, s1 = view.orig(ship.start(), ship.end())
    _, tend = view.orig(ts, te)
    flags = {h.value.country for h in view.hits if h.value.kind != "place" and h.value.country
             and (h.value.id.endswith("-navy") or abs(h.start - s1) <= 25 or abs(h.end - s0) <= 25)}
    dest = {h.value.country for h in view.hits if h.value.country and h.start >= tend} - flags
    return bool(flags and dest)


_RECEPTION_VISIT = {"ar_receive_visit", "en_welcome_visit"}
_CARGO_FLIGHT = re.compile(r"\b(?:transport|cargo|freighter|airlift\w*|carrying|laden)\b")
_PHONE = keyed(["اتصال|اتصالا|هاتفي|هاتفيا|مكالمه|phone|telephone|call|letter|رساله|message"])


def _is_official_visit(lex: Lexicon, trig: Trigger, text: str, ts: int, te: int, words: frozenset[str]) -> bool:
    """A ship's port call or troops arriving are not an official visit unless a delegation comes along;
    a reception is visit wording only for a travelling official, not a resident ambassador or a call."""
    if _near(lex.groups["vessel"], text, ts, te, 40, True, words) and not lex.groups["delegation"].search(
            text, words=words):
        return False
    return trig.id not in _RECEPTION_VISIT or not (
        _near(lex.groups["ambassador"], text, ts, te, 100, False, words) or _near(_PHONE, text, ts, te, 40, False, words)
    )


def _status(trig: Trigger, mood: str | None, text: str, ts: int, te: int, lex: Lexicon,
            attrs: dict[str, Any]) -> str:
    if mood == "planned":
        return "planned"
    if trig.type in ("AGREE",):
        return "signed"
    if trig.type == "ARMS_DEAL":
        if trig.attrs.get("delivery") or re.search(r"تسليم|تسلم|وصول|deliver|handed over|arrived", text):
            attrs["delivery"] = True
            return "implemented"
        return "signed"
    if trig.type == "COMMITTEE":
        if _near(_COMMITTEE_FORMED, text, ts, te, 60, True):
            attrs["formed"] = True
            return "announced"
        attrs["session"] = True
        return "implemented"
    return "implemented"


def _type_attributes(lex: Lexicon, ev: Event, text: str, ts: int, te: int) -> None:
    if ev.type == "AGREE":
        ev.attributes["instrument"] = _instrument(lex, text, ts, te) or "agreement"
    elif ev.type == "ARMS_DEAL":
        ev.attributes["systems"] = sorted({name for pattern, name in lex.systems if pattern.search(text)})
        ev.attributes.setdefault("value_usd", _money(text))
        if "arms_procurement" not in ev.domains:
            ev.domains.append("arms_procurement")
    elif ev.type == "EXERCISE":
        ev.domains = ["joint_exercises"]  # the drill is the domain; its arms are not the cooperation


def _suppress(lex: Lexicon, events: list[Event]) -> list[Event]:
    """An arms contract is an ARMS_DEAL only, not also an AGREE (the signing is the deal).

    A signed instrument with a price for weapons or a sale is a purchase contract, not a cooperation
    agreement; a letter of intent "worth $38 billion" of security cooperation stays an agreement. A
    cooperation pact named beside the purchase ("a defence cooperation agreement and a contract to buy 30
    jets") is an AGREE of its own; an instrument with no topic of its own beside a delivery ("arrived,
    months after the two signed a framework agreement") is the purchase. One current and one recalled
    event of a type are kept.
    """
    cooperation: set[int] = set()  # AGREEs whose own instrument is a cooperation pact ("a defence cooperation agreement")
    for e in list(events):
        sentence = normalize(e.sources[0].sentence).text
        words = word_prefixes(sentence)
        if e.type == "AGREE" and _cooperation_instrument(lex, e):
            cooperation.add(id(e))
        purchase = e.type == "AGREE" and e.status == "signed" and (
            (_money(e.sources[0].sentence.lower()) or 0) >= 1e6 and not _non_security(lex, sentence, 0, 0, words)
            and (lex.groups["weapon"].search(sentence, words=words) or _SALE_WORDS.search(sentence, words=words)
                 or not _COOPERATION_INTENT.search(sentence, words=words))
            or _for_weapons(lex, sentence, words)
            or (e.attributes.get("instrument") == "contract" and _ARMS_MAKER.search(sentence)))
        if not purchase:
            continue
        deal = copy.deepcopy(e) if id(e) in cooperation else e  # the pact stays, the purchase is told beside it
        deal.type = "ARMS_DEAL"
        deal.attributes["instrument"] = "contract"
        if _money(e.sources[0].sentence.lower()):
            deal.attributes["value_usd"] = _money(e.sources[0].sentence.lower())
        _type_attributes(lex, deal, sentence, 0, 0)
        if deal is not e and not any(d.type == "ARMS_DEAL" for d in events):
            events.append(deal)
    deals = [e for e in events if e.type == "ARMS_DEAL" and e.status != "planned" and not e.attributes.get("delivery")]
    if deals:  # the signed instrument of the sentence is the arms contract itself, unless it is a pact of its own
        events = [e for e in events if not (e.type == "AGREE" and e.status != "planned" and id(e) not in cooperation)]
    if any(e.type == "ARMS_DEAL" and e.attributes.get("delivery") and e.status != "planned" for e in events):
        for e in events:  # "arrived …, months after the two signed a framework agreement": the purchase recalled
            if e.type == "AGREE" and e.status != "planned" and id(e) not in cooperation:
                e.type = "ARMS_DEAL"
                e.attributes["instrument"] = "contract"
                _type_attributes(lex, e, normalize(e.sources[0].sentence).text, 0, 0)
        # a contract not told as past beside the delivery is its frame, not a second current deal
        events = [e for e in events if not (e.type == "ARMS_DEAL" and not e.background
                                            and e.attributes.get("instrument") == "contract"
                                            and not e.attributes.get("delivery")
                                            and any(d.attributes.get("delivery") for d in events))] or events
    seen: set[tuple[str, bool]] = set()  # one current and one recalled event of a type
    return [e for e in events if not ((e.type, e.background) in seen or seen.add((e.type, e.background)))]


# where an instrument's own phrase ends: the next instrument or clause ("…agreement and a contract…")
_PHRASE_END = re.compile(r"[,;:]|\b(?:and|as well as|alongside|besides|while|after|before)\b"
                         r"|(?<![\w])(?:الي جانب|اضافه الي|فضلا عن|بعد|قبل|فيما|بينما)(?![\w])"
                         r"|(?<![\w])و(?=(?:ال)?(?:عقد|صفق|اتفاق|مذكر|بروتوكول)\w*)")


def _cooperation_instrument(lex: Lexicon, e: Event) -> bool:
    """Whether the instrument an AGREE signs is a cooperation pact by its own phrase ("a defence
    cooperation agreement", "مذكرة تفاهم للتعاون العسكري"), not a purchase ("a framework agreement to buy")."""
    trig = e.attributes.get("trigger") or {}
    if "start" not in trig:
        return False
    norm = normalize(e.sources[0].sentence)
    text = norm.text
    ts = norm.normalized_index(trig["start"] - e.sources[0].start)
    te = norm.normalized_index(trig["end"] - e.sources[0].start)
    regex = lex.groups["instrument"].regex
    signed = list(regex.finditer(text, ts, min(len(text), te + 140)))  # what the verb signs, or the trigger's own noun
    signed = signed or list(regex.finditer(text, 0, ts))[-1:]
    return any(_pact_phrase(lex, text, m) for m in signed)


def _pact_phrase(lex: Lexicon, text: str, m: re.Match[str]) -> bool:
    """Whether the instrument ``m`` (in folded ``text``) names a cooperation topic in its own phrase and
    nothing bought."""
    left = ""  # an Arabic instrument's topic follows it; an English one's may precede it
    if m.group(0).isascii():
        left = " ".join(text[max(0, m.start() - 40):m.start()].split(" ")[-4:])  # "a defence cooperation agreement"
        cut = list(_PHRASE_END.finditer(left))
        left = left[cut[-1].end():] if cut else left
    right = text[m.end():m.end() + 50]
    stop = _PHRASE_END.search(right)
    phrase = left + m.group(0) + right[:stop.start() if stop else len(right)]
    words, cue = word_prefixes(phrase), lex.cues["pact"]
    return bool(cue["topic"].search(phrase, words=words)) and not cue["purchase"].search(phrase, words=words) \
        and not lex.groups["weapon"].search(phrase, words=words)


# "a contract with Dassault for 30 Rafale jets", "عقدا مع شركة إيطالية لبناء أربع فرقاطات"; an instrument
# under which one side obtains weapons: "under which Kuwait obtains…", "اتفاقية تحصل بموجبها الدوحة على…"
_CONTRACT_FOR = re.compile(r"\b(?:contracts?|deals?|orders?)\b(?:(?!\b(?:and|but|which|that)\b)[^.;]){0,70}?\bfor\b"
                           r"|(?<![\w])(?:عقد|عقدا|عقود|صفقه)(?: \S+){0,6}? (?:ل|ب)?(?:شراء|توريد|بناء|تصنيع|اقتناء|تزويد)(?![\w])"
                           r"|\bunder which (?:\S+ ){1,4}?(?:obtains|acquires|receives|gets|will (?:obtain|acquire|receive|get))\b"
                           r"|(?<![\w])(?:يحصل|تحصل|تتسلم|يتسلم|تقتني|يقتني) بموجب(?:ه|ها) (?:\S+ ){0,4}?علي(?![\w])")


# a contract with a defence maker, or an acquisition contract, is a purchase: "a contract with Turkish
# defence firm Aselsan", "عقدي استحواذ مع شركة بايكار التركية للصناعات الدفاعية"
_ARMS_MAKER = re.compile(r"\b(?:defen[cs]e|arms|weapons) (?:firm|company|maker|manufacturer|contractor|producer)s?\b"
                         r"|\bacquisition contracts?\b|(?<![\w])(?:عقد|عقدا|عقدي|عقود) (?:ال)?استحواذ(?![\w])"
                         r"|(?<![\w])(?:لل|ال)?صناعات (?:ال)?(?:دفاعيه|عسكريه)(?![\w])")
# the weapon named right before the instrument: "signs Arrow 3 contract", "the F-16 deal"
_CONTRACT_NOUN = re.compile(r" (?:(?!and |with )[^\s,;.]+ ){0,2}?(?:contracts?|deals?|orders?)\b")
# the weapon in construct right after it: "عقد منظومة باراك 8", "صفقة مقاتلات"
_CONTRACT_OF = re.compile(r"(?<![\w])(?:عقد|عقدا|عقدي|عقود|صفقه|صفقتي|صفقات) ")


def _for_weapons(lex: Lexicon, sentence: str, words: frozenset[str]) -> bool:
    """Whether a contract or deal of the sentence is for weapons named right after its "for", right
    before the noun or in construct right after it."""
    if any(lex.groups["weapon"].search(sentence, m.end(), min(len(sentence), m.end() + 60), words)
           for m in _CONTRACT_FOR.finditer(sentence)):
        return True
    if any(lex.groups["weapon"].search(sentence, m.end(), min(len(sentence), m.end() + 12), words)
           for m in _CONTRACT_OF.finditer(sentence)):
        return True
    found = lex.groups["weapon"].search(sentence, words=words)
    while found:
        if _CONTRACT_NOUN.match(sentence, found.end()):
            return True
        found = lex.groups["weapon"].search(sentence, found.end(), words=words)
    return False


# what a priced instrument that is not a purchase says it is about
_COOPERATION_INTENT = keyed(["نوايا|تعاون|التعاون|شراكه|الشراكه|intent|cooperation|partnership"])
_TOPIC_OF_OWN = keyed(["تعاون|التعاون|شراكه|الشراكه|شراكتنا|cooperation|partnership|framework|اطاري|اطاريه"])
# "ووقع الاتفاقية…", "The agreement, signed…": the instrument already reported, not a new one
_ANAPHORIC_INSTRUMENT = re.compile(r"(?<![\w])[وف]?(?:الاتفاقيه|الاتفاق|العقد|الصفقه)(?![\w])(?! (?:ال)?\w{2,}(?:يه|ي)(?![\w]))"
                                   r"|\bthe (?:agreement|deal|contract)\b(?! (?:on|for|to) )")
_SALE_WORDS = keyed(["شراء|لشراء|بيع|لبيع|توريد|لتوريد|صفقه|صفقات|مبيعات|sales?|purchases?|buy|deals"])
_TALKS = keyed(["بحث|بحثا|ناقش|ناقشا|تناول|تناولا|تباحث|مباحثات|محادثات|discuss\\w*|talks"])
_CEREMONY = keyed(["حافل|حافله|حار|حاره|رسمي|رسميه|ملكي|مراسم|بمراسم|ceremony|red carpet|guard of honou?r"])


_DEAL_NOUN = re.compile(r"\b(?:deal|package)\b|(?<![\w])[وف]?(?:ال)?صفق(?:ه|ات)(?![\w])")
_AGREEMENT_NOUN = re.compile(r"\b(?:agreements?|memorand\w*|mous?|accords?|treat\w*|letters?)\b|اتفاق|مذكر|معاهد")


def _signs_a_deal(e: Event) -> bool:
    """Whether the instrument signed around the trigger is a "deal" or "package", not an agreement."""
    trig = e.attributes.get("trigger") or {}
    if "start" not in trig:
        return False
    rel = trig["start"] - e.sources[0].start
    clause = normalize(e.sources[0].sentence[max(0, rel - 60):rel + 80]).text
    return bool(_DEAL_NOUN.search(clause)) and not _AGREEMENT_NOUN.search(clause)


def article_level(events: list[Event]) -> list[Event]:
    """What one sentence cannot see: a later "the agreement was signed by…" about an arms contract
    already reported is that contract, not a second instrument; "the meeting" of a committee
    session (or "اجتماعها", its meeting) is the session, not other talks."""
    def parties(e: Event) -> frozenset[str]:
        return frozenset(p.country for p in e.parties)
    deals = {parties(e) for e in events if e.type == "ARMS_DEAL" and e.status != "planned"
             and not e.attributes.get("delivery")}
    delivered = {parties(e) for e in events if e.type == "ARMS_DEAL" and e.status != "planned"
                 and e.attributes.get("delivery")}
    sessions = {parties(e) for e in events if e.type == "COMMITTEE" and e.status != "planned"}
    events = _one_drill(_one_summit(events))
    out = []
    for e in events:
        sentence = normalize(e.sources[0].sentence).text
        if e.type == "AGREE" and parties(e) in deals and (_signs_a_deal(e) or not _TOPIC_OF_OWN.search(sentence)
                                                          and (_ANAPHORIC_INSTRUMENT.search(sentence)
                                                               or _SALE_WORDS.search(sentence))):
            _where_and_when_signed(e, [d for d in events if d.type == "ARMS_DEAL" and parties(d) == parties(e)])
            continue
        if e.type == "VISIT" and _back_reference(e) and any(
                v.type == "VISIT" and v.sources[0].start < e.sources[0].start and parties(v) != parties(e) for v in out):
            continue  # "the visit was also meant to send a signal to China": the visit told before, no new trip
        if e.type == "AGREE" and e.attributes.get("instrument") == "contract" and parties(e) in delivered:
            _as_purchase(e)  # "the kingdom signed the project's contract in 2018": the ships delivered were bought
        trig = (e.attributes.get("trigger") or {}).get("text", "")
        if e.type == "MEET" and parties(e) in sessions and re.match(r"(?:ال|في ال|the |\S+ها$)", normalize(trig).text):
            continue
        out.append(e)
    return out


# "the visit", "this visit", "هذه الزيارة", "وتأتي الزيارة": a visit the text has told already, named again
_BACK_VISIT = re.compile(r"\b(?:the|this|that) (?:\w+ )?$|(?<![\w])(?:هذه |تلك )?(?:وال|ال)$")
_VISIT_OF = re.compile(r"\s+(?:by|of|to)\b|\s+(?:التي|الذي) ")  # "the visit by the navy chief": a new one


def _back_reference(e: Event) -> bool:
    """Whether a VISIT's only travel word is the visit named again with "the"/"this" ("the visit was meant…")."""
    trig = e.attributes.get("trigger") or {}
    said = normalize(trig.get("text", "")).text
    if trig.get("id") not in ("en_visit", "ar_visit_noun") or not re.fullmatch(r"(?:visit|(?:وال|ال)?زياره)", said):
        return False
    src = e.sources[0]
    head = normalize(src.sentence[:trig["start"] - src.start]).text + (said[:-len("زياره")] if said.endswith("زياره") else "")
    tail = src.sentence[trig["end"] - src.start:]
    return bool(_BACK_VISIT.search(head)) and not _VISIT_OF.match(tail)


def _as_purchase(e: Event) -> None:
    """Retype a contract signed between the two sides of a delivery as that purchase (an arms contract is
    an ARMS_DEAL only, never an AGREE)."""
    e.type = "ARMS_DEAL"
    e.attributes["instrument"] = "contract"
    e.attributes.setdefault("systems", [])
    e.attributes.setdefault("value_usd", _money(e.sources[0].sentence.lower()))
    if "arms_procurement" not in e.domains:
        e.domains.append("arms_procurement")


def _where_and_when_signed(signing: Event, deals: list[Event]) -> None:
    """"The contract was signed in Jakarta on 28 March": the signing of an arms deal already told gives
    that deal its day when its own sentence has none, and its place unless the deal's sentence told one
    with its own signing verb (where jets are built or based is not where the contract was signed)."""
    live = [d for d in deals if not d.background and d.status != "planned" and not d.attributes.get("delivery")]
    if not live or signing.background:
        return
    deal = live[0]
    signed_there = (deal.attributes.get("trigger") or {}).get("id") in _SIGNING_TRIGGERS
    if signing.location and signing.attributes.get("location_from") == "sentence" and (
            not signed_there or deal.attributes.get("location_from") != "sentence"):
        deal.location, deal.attributes["location_from"] = dict(signing.location), "sentence"
    if signing.date and signing.attributes.get("date_from") == "sentence" and deal.attributes.get("date_from") != "sentence":
        deal.date, deal.date_precision = signing.date, signing.date_precision
        deal.attributes["date_from"] = "sentence"


# "في المناورات", "the drills", "the exercise": the exercise the article already told
_DEFINITE_DRILL = re.compile(r"(?:^|\s)(?:[وف]?(?:ب|ل)?ال\S|the \S)")


def _one_summit(events: list[Event]) -> list[Event]:
    """A meeting of two states of a multilateral meeting the article reports is that meeting."""
    groups = [{p.country for p in e.parties} for e in events
              if e.type == "MEET" and len(e.parties) > 2 and e.status != "planned"]
    return [e for e in events if not (e.type == "MEET" and len(e.parties) == 2 and e.status != "planned"
                                      and any({p.country for p in e.parties} < g for g in groups))]


def _one_drill(events: list[Event]) -> list[Event]:
    """A later sentence's "the drills" with states of its own adds them to the exercise told before."""
    first: Event | None = None
    out = []
    for e in events:
        if e.type != "EXERCISE" or e.status == "planned":
            out.append(e)
            continue
        trig = e.attributes.get("trigger") or {}
        rel = trig.get("start", e.sources[0].start) - e.sources[0].start
        said = normalize(e.sources[0].sentence[max(0, rel - 4):rel] + trig.get("text", "")).text
        if first is None or e.background or not _DEFINITE_DRILL.search(said):
            first = first or e
            out.append(e)
            continue
        have = {p.country for p in first.parties}
        first.parties += [p for p in e.parties if p.country not in have]
    return out


_SECURITY_OWN = {"ARMS_DEAL", "EXERCISE", "TRAINING", "COMMITTEE"}


def non_security_story(lex: Lexicon, events: list[Event], ctx: ArticleContext, text: str) -> list[Event]:
    """A visit or talks whose whole reported content is trade, energy or another civil matter (a trade or
    energy instrument signed, or such a topic named), in an article (``text``: folded title and body) that
    names no defence or security matter and no weapon (aircraft of an airline are none), is not a security
    event: its visit, talks and signings go; deals, drills and training keep their own evidence."""
    if lex.cues["security"]["any"].search(text) or (
            lex.groups["weapon"].search(text) and not lex.cues["civil"]["any"].search(text)):
        return events
    if not ctx.non_security_signed and len(_civil_topics(lex, text)) < 2:
        return events  # one civil word may be a name ("Port of Spain"); a civil story names several topics
    if any(e.type in _SECURITY_OWN and e.status != "planned" for e in events):
        return events  # a state visit that also bought fighter jets is a security story
    return [e for e in events if e.type not in ("VISIT", "MEET", "AGREE")]


def _civil_topics(lex: Lexicon, text: str) -> set[str]:
    """The distinct trade, energy and other civil topic words of a folded text."""
    return {m.group(0) for m in lex.cues["non_security"]["after"].regex.finditer(text)}


def planned_in_title(lex: Lexicon, title: str | None) -> set[str]:
    """Event types the headline announces as upcoming ("البرهان يزور مصر غدا", "… to visit Cairo")."""
    if not title:
        return set()
    norm = normalize(title)
    view = SentenceView(idx=-1, start=0, end=len(title), text=title, norm=norm)
    out = set()
    for m, trig in _trigger_hits(lex, norm.text):
        if modality(lex, trig, view, m.start(), m.end()) == "planned":
            out.add(trig.type)
    return out
