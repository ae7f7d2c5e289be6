"""Attributed statements: who said what, in what role, with the exact span said.

News in Arabic reports speech with a small set of verbs (قال، أكد، أوضح، أشار، اعتبر، أضاف، شدد، رأى…)
followed by the speaker and إن/أن, then usually a quotation in “ ”. English uses "X said", "said X",
"according to X". A speaker is split into the role as written ("المحلل السياسي الليبي") and the name
("عبد الله الديباني"); a pronoun speaker ("وأكد أنه …") is the previous speaker of the article.
"""

from __future__ import annotations

import functools
import hashlib
import re
from bisect import bisect_left, bisect_right

from alliancemap.model import Article, Claim
from alliancemap.text.normalize import Normalized, fold, normalize
from alliancemap.text.words import Tokens, WordFinder, matches_at

_AR_VERB = (
    r"(?:قال|قالت|اكد|اكدت|اوضح|اوضحت|اشار|اشارت|اعتبر|اعتبرت|اضاف|اضافت|شدد|شددت|راي|رات|صرح|صرحت|"
    r"لفت|لفتت|نفي|نفت|اعلن|اعلنت|كشف|كشفت|ذكر|ذكرت|افاد|افادت|اردف|تابع|تابعت|يقول|تقول|"
    r"يؤكد|تؤكد|يوضح|توضح|ينفي|تنفي|نفوا|انكر|انكرت|ينكر|تنكر|كذب|كذبت)"
)
# Verbs of denial: "نفت الحكومة أن تكون الطائرة قد دخلت" reports that the speaker says it did NOT happen.
_AR_DENIAL = frozenset({"نفي", "نفت", "ينفي", "تنفي", "نفوا", "انكر", "انكرت", "ينكر", "تنكر", "كذب", "كذبت"})
_EN_DENIAL = frozenset({"denied", "denies", "deny", "rejected", "rejects", "dismissed"})
# verb, speaker (lazy), then the complementiser that opens the reported content.
_AR_CLAIM = re.compile(
    rf"(?<![\w])[وف]?(?P<verb>{_AR_VERB})\s+(?P<speaker>[^.:\"!?]{{0,140}}?)\s*,?\s*(?<![\w])(?P<comp>(?:ب|ل)?ان(?:ه|ها|هم)?|:)(?![\w])"
)
_EN_SAID_AFTER = re.compile(
    r"(?=[A-Z])(?P<speaker>(?:[A-Z][\w'.-]+\s){1,4})(?:,\s(?P<role>[^,]{3,80}),\s)?(?P<verb>said|says|told|stated|added|noted|stressed|warned|denied|denies)\b"
)
# "“…,” said Ayesha Qureshi, a defence analyst in Islamabad."
_EN_QUOTE_SAID = re.compile(
    r"[“\"](?P<said>[^”\"]{15,800}?)[,.]?[”\"]\s*,?\s*(?P<verb>said|says|added|noted|stressed|warned)\s+"
    r"(?P<speaker>[^,.]{3,80}?)(?:,\s*(?P<role>[^.]{3,120}?))?(?:\.|$)"
)
# Where a claim can begin: a verb of saying (with و/ف) in Arabic; English patterns need one of these.
_AR_VERBS = frozenset(_AR_VERB.removeprefix("(?:").removesuffix(")").split("|"))


def _is_saying(word: str) -> bool:
    return word in _AR_VERBS or word.startswith(("و", "ف")) and word[1:] in _AR_VERBS


_AR_SAYING = WordFinder(_is_saying)
_EN_SAYING = ("said", "says", "told", "stated", "added", "noted", "stressed", "warned", "denied", "denies")
_EN_SAYING_WORDS = WordFinder(frozenset(_EN_SAYING).__contains__)
_SAID_REACH = 400
_LETTERS = re.compile(r"\w+")
_ROLE_STOP = {
    "في", "شوون", "مجال", "قضايا", "مركز", "معهد", "جامعه", "كليه", "اركان", "قوات", "دفاع", "خارجيه", "حكومه",
    "وزاره", "مجلس", "لجنه", "رئيس", "وزير", "قائد", "نائب", "مدير", "عضو", "استاذ", "باسم", "لدي", "عن", "من",
    "بين", "و", "اكاديميه", "دراسات", "شؤون",
}
_INSTITUTIONS = {
    "قوات", "القوات", "وزاره", "الوزاره", "حكومه", "الحكومه", "مجلس", "المجلس", "الجيش", "جيش", "القياده",
    "قياده", "رئاسه", "الرئاسه", "هيئه", "الهيئه", "السفاره", "سفاره", "الخارجيه", "الدفاع", "وكاله", "الوكاله",
}
_PRONOUNS = {"", "انه", "انها", "انهم", "ان", "علي", "الي", "عن", "في"}
# "شدد امطيريد على أن": the preposition the verb governs is not part of the speaker
_TRAILING_PREP = re.compile(r"\s+(?:على|علي|عن|إلى|الى|في)$")
# "وأكد بيان صادر عن القوات في شرق ليبيا أن": the speaker is the body that issued the statement
_STATEMENT = re.compile(r"^(?:ال)?بيان(?:ا)?\s+(?:ال)?(?:صادر|الصادر)\s+(?:عن|من)\s+")


@functools.lru_cache(maxsize=16384)
def _folded(word: str) -> str:
    """``fold`` of a speaker's word; speakers repeat, and so do the words of their titles."""
    return fold(word)


def _split_speaker(speaker: str) -> tuple[str, str | None]:
    """(name, role) from a written speaker: the role is what precedes the first name-like token."""
    norm = normalize(speaker)
    m = _STATEMENT.match(norm.text)
    if m:
        return speaker[norm.original_index(m.end()):].strip(), "بيان"
    toks = speaker.split()
    folded = [_folded(t) for t in toks]
    if folded and (folded[0] in _INSTITUTIONS or not folded[0].startswith("ال") and folded[0] not in _ROLE_STOP):
        return speaker.strip(), None  # "محمد امطيريد" or "قوات شرق ليبيا": a name from the first word
    start = None
    for i, f in enumerate(folded):
        if i == 0:
            continue  # the first token is the role head ("المحلل") or the name itself
        if not f.startswith("ال") and f not in _ROLE_STOP and not f.startswith(("بال", "لل")):
            start = i
            break
    if start is None:
        return speaker.strip(), None
    return " ".join(toks[start:]).strip(), " ".join(toks[:start]).strip() or None


def _quote_span(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The quotation opening within a few characters of ``pos``, up to its closing mark."""
    m = re.compile(r"\s*[“«\"]").match(text, pos)
    if not m:
        return None
    open_at = m.end()
    close = re.compile(r"[”»\"]").search(text, open_at, limit)
    if not close:
        return None
    return open_at, close.start()


def find_claims(article: Article, norm: Normalized | None = None, tokens: Tokens | None = None) -> list[Claim]:
    """Every attributed statement in the article, with the speaker as written and exact offsets.

    The patterns are tried only where a verb of saying begins (the English quotation pattern in
    paragraphs holding one): most of a long article is neither.

    Args:
        norm: ``normalize(article.text)`` when the caller has it already.
        tokens: ``Tokens(norm.text)`` when the caller has it already.
    """
    text = article.text
    whole = norm or normalize(text)
    tokens = tokens or Tokens(whole.text)
    verbs = [whole.original_index(v) for v in _AR_SAYING.positions(whole.text, tokens)]
    said_at = [whole.original_index(v) for v in _EN_SAYING_WORDS.positions(whole.text, tokens)]
    claims: list[Claim] = []
    last: tuple[str, str | None] | None = None
    paragraphs = article.paragraphs or [(0, len(text))]
    for pstart, pend in paragraphs:
        ar_verbs = verbs[bisect_left(verbs, pstart):bisect_left(verbs, pend)]
        en_verbs = said_at[bisect_left(said_at, pstart):bisect_left(said_at, pend)]
        if not ar_verbs and not en_verbs:
            continue
        para = text[pstart:pend]
        pnorm = whole.slice(pstart, pend)
        starts = [pnorm.normalized_index(v - pstart) for v in ar_verbs]
        for m in matches_at(_AR_CLAIM, pnorm.text, starts):
            speaker_n = m.group("speaker").strip(" ,")
            s0, s1 = pnorm.original_span(m.start("speaker"), m.start("speaker") + len(speaker_n))
            speaker = _TRAILING_PREP.sub("", para[s0:s1].strip())
            if not speaker or _folded(speaker) in _PRONOUNS:
                if last is None:
                    continue
                name, role = last
            else:
                name, role = _split_speaker(speaker)
                last = (name, role)
            _, comp_end = pnorm.original_span(m.start("comp"), m.end("comp"))
            span = _quote_span(para, comp_end, len(para))
            if span is None:
                end = _sentence_end(para, comp_end)
                span = (comp_end, end)
            a, b = span
            said = para[a:b].strip()
            if len(said) < 15:
                continue
            a = para.find(said, a)
            denied = _folded(m.group("verb")) in _AR_DENIAL
            claims.append(_claim(article, name, role, said, pstart + a, pstart + a + len(said), denied))
        if not en_verbs:
            continue
        for m in _EN_QUOTE_SAID.finditer(para):
            name, role = m.group("speaker").strip(), m.group("role")
            if name.split()[0] in ("the", "The", "a", "an"):  # "said the minister": the role is the speaker
                name, role = name, None
            claims.append(_claim(article, name, role.strip() if role else None, m.group("said"),
                                 pstart + m.start("said"), pstart + m.end("said")))
        for m in _said_after(para, [v - pstart for v in en_verbs]):
            speaker = m.group("speaker").strip()
            if speaker.split()[0] in ("The", "He", "She", "It", "They", "This", "A", "An"):
                continue
            span = _quote_span(para, m.end(), len(para)) or (m.end(), _sentence_end(para, m.end()))
            said = _THAT.sub("", para[span[0]:span[1]].strip(" ,"))
            if len(said) >= 15:
                a = para.find(said, span[0])
                claims.append(_claim(article, speaker, m.group("role"), said, pstart + a, pstart + a + len(said),
                                     m.group("verb") in _EN_DENIAL))
    return claims


def _said_after(para: str, verbs: list[int]) -> list[re.Match[str]]:
    """``_EN_SAID_AFTER.finditer(para)``, searched only in a window before each verb of saying.

    A speaker is at most four words and a role 80 characters, so a match ending at a verb begins
    within ``_SAID_REACH`` characters of it; matches are taken left to right without overlap.
    """
    out: list[re.Match[str]] = []
    last = 0
    for v in verbs:
        end = _LETTERS.match(para, v)
        if end is None or v < last:
            continue
        m = _EN_SAID_AFTER.search(para, max(v - _SAID_REACH, last), end.end() + 1)
        if m:
            out.append(m)
            last = m.end()
    return out


_THAT = re.compile(r"^(?:that|reports that|claims that)\s+")


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"[.!?؟\n]").search(text, pos)
    return m.start() if m else len(text)


def _claim(article: Article, speaker: str, role: str | None, said: str, start: int, end: int,
           negated: bool = False) -> Claim:
    """A claim; ``negated`` when the speaker denies what ``said`` describes (the span is what was denied)."""
    i = bisect_right(article.sentences, start, key=lambda span: span[0]) - 1
    sentence = i if i >= 0 and article.sentences[i][0] <= start < article.sentences[i][1] else -1
    cid = hashlib.sha1(f"{article.article_id}:{start}:{end}".encode()).hexdigest()[:16]
    return Claim(article_id=article.article_id, speaker=speaker, text=said, start=start, end=end,
                 speaker_role=role, sentence=sentence, claim_id=cid, negated=negated)
