"""Split a written person mention into its titles and the name itself.

News writes people with their rank and office in front ("رئيس أركان القوات البرية الفريق صدام حفتر",
"Pakistan's Chief of Army Staff Field Marshal Syed Asim Munir"). Linking compares names, so the titles
must come off first; they are kept because they are the role the article gives the person. The lists
of ranks, titles and honorifics live in ``data/titles.yaml``.

    >>> split_name("الفريق صدام حفتر").name
    'صدام حفتر'
    >>> split_name("وصدام").name
    'صدام'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from alliancemap.text.normalize import fold

DATA = Path(__file__).parent / "data" / "titles.yaml"

_AR = re.compile(r"[\u0600-\u06ff]")
_TOKEN = re.compile(r"\S+")
_PUNCT = "\"'«»“”‘’()[]،,:;.؛-–—"

# Name parts that begin with a letter that is also a clitic (و ف ب ك ل): never peel those.
# The romanizer's name table is consulted too; this covers frequent names it does not list.
_CLITIC_SAFE = {
    fold(w) for w in (
        "وليد", "وائل", "وسام", "وهبي", "وحيد", "وجدي", "وفاء", "وديع", "وزير", "وداد", "ولي",
        "فيصل", "فهد", "فؤاد", "فاطمة", "فتحي", "فرج", "فارس", "فايز", "فاروق", "فريد", "فلاح", "فالح",
        "فيدان", "فوزي", "فادي", "فراس", "فخري", "فضل", "فهمي", "فتح",
        "بشار", "بلال", "بكر", "بدر", "بسام", "بشير", "باسم", "باسل", "بهاء", "بندر", "بوالراقية",
        "بيرتس", "بيريتس", "بيغيتش", "بن", "بنت", "بو",
        "لؤي", "ليلى", "لطفي", "لبنى", "لاريجاني", "لقمان", "لينا",
        "كمال", "كريم", "كامل", "كاظم", "كلير", "كنعان",
    )
}


class TitlesError(ValueError):
    """titles.yaml is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Titles:
    """Title phrases as token tuples (normalized), with their English gloss."""

    phrases: dict[tuple[str, ...], tuple[str, str]]  # tokens -> (kind, english gloss)
    honorific: frozenset[tuple[str, ...]]
    heads: frozenset[str]
    max_len: int


@dataclass(frozen=True)
class NameParts:
    """A mention split into what is written before the name and the name."""

    name: str  # the name as written, titles, honorifics and a leading clitic removed
    titles: tuple[str, ...]  # titles/ranks as written, in order ("رئيس أركان القوات البرية", "الفريق")
    honorifics: tuple[str, ...]  # "السيد", "Syed", "Dr." as written
    key: str  # normalized name for exact comparison (fold + single spaces)

    @property
    def role(self) -> str | None:
        """The written role: every title phrase joined, or None."""
        return " ".join(self.titles) or None

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


def _norm_tok(tok: str) -> str:
    return fold(tok.strip(_PUNCT)) if tok.strip(_PUNCT) else ""


def _entries(raw: Any, where: str) -> list[tuple[str, str]]:
    if not isinstance(raw, list):
        raise TitlesError(f"{DATA}: key {where}: expected a list")
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            out.append((item, item))
        elif isinstance(item, dict) and isinstance(item.get("title"), str):
            out.append((item["title"], str(item.get("en") or item["title"])))
        else:
            raise TitlesError(f"{DATA}: key {where}[{i}]: expected a string or {{title, en}}, got {item!r}")
    return out


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TitlesError(f"{path}: {exc}") from exc


@functools.lru_cache(maxsize=1)
def load_titles() -> Titles:
    """Read and validate titles.yaml once."""
    data = _read_yaml(DATA)
    if not isinstance(data, dict):
        raise TitlesError(f"{DATA}: expected a mapping with keys ar and en")
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    honor: set[tuple[str, ...]] = set()
    heads: set[str] = set()
    for lang in ("ar", "en"):
        block = data.get(lang)
        if not isinstance(block, dict):
            raise TitlesError(f"{DATA}: key {lang}: missing or not a mapping")
        for kind in ("ranks", "titles", "honorifics"):
            for title, gloss in _entries(block.get(kind, []), f"{lang}.{kind}"):
                toks = tuple(_norm_tok(t) for t in title.split())
                if not all(toks):
                    raise TitlesError(f"{DATA}: key {lang}.{kind}: empty title {title!r}")
                phrases[toks] = (kind, gloss)
                if kind == "honorifics":
                    honor.add(toks)
        for head in block.get("role_heads", []):
            if not isinstance(head, str):
                raise TitlesError(f"{DATA}: key {lang}.role_heads: expected strings, got {head!r}")
            heads.add(_norm_tok(head))
    return Titles(phrases, frozenset(honor), frozenset(heads), max(len(p) for p in phrases))


def known_name_part(token: str) -> bool:
    """A normalized token is a known first or family name (romanizer table or clitic-safe list)."""
    from alliancemap.resolve.romanize import name_table

    return token in _CLITIC_SAFE or token in name_table()


def strip_clitic(token: str) -> str:
    """Peel a conjunction/preposition glued to an Arabic name part: "وصدام" → "صدام", "ووليد" → "وليد".

    A prefix is removed only when the rest is a known name part and the whole token is not, so "وليد"
    and "فيصل" stay whole.
    """
    norm = _norm_tok(token)
    if not _AR.match(norm) or known_name_part(norm):
        return token
    for prefix in ("و", "ف", "ب", "ل", "ك"):
        if norm.startswith(prefix) and known_name_part(norm[1:]):
            return token[token.index(prefix) + 1:] if token.startswith(prefix) else token[1:]
    if norm[:2] in ("وب", "ول", "فب", "فل") and known_name_part(norm[2:]):
        return token[2:]
    return token


def _match_title(norms: list[str], i: int, titles: Titles) -> int:
    """Length (in tokens) of the longest title phrase starting at token ``i``, clitic-aware; 0 if none."""
    for n in range(min(titles.max_len, len(norms) - i), 0, -1):
        cand = tuple(norms[i:i + n])
        if cand in titles.phrases:
            return n
        first = cand[0]
        if _AR.match(first) and first[:1] in "وفبل" and (first[1:], *cand[1:]) in titles.phrases:
            return n
    return 0


def _is_role_filler(tok: str, norm: str, titles: Titles, in_role: bool, first: bool) -> bool:
    """A token that belongs to a role phrase rather than the name (a leading Arabic ال-word opens one)."""
    if norm in titles.heads or tok.endswith(("'s", "’s")):
        return True
    if not in_role and not (first and _AR.match(norm) and norm.startswith("ال")):
        return False
    if _AR.match(norm):
        if not in_role and norm.startswith("ال") and known_name_part(norm[2:]):
            return False  # a name written with the article: السعيد
        # construct complements are definite: الجيش، القوات، البرية، بالجيش، الليبي
        return norm.startswith(("ال", "بال", "لل", "وال"))
    return tok[:1].islower()


@functools.lru_cache(maxsize=200_000)  # pure and called for every alias and mention
def split_name(text: str) -> NameParts:
    """Split ``text`` into titles, honorifics and name.

    Args:
        text: a person mention as written, with or without titles.

    Returns:
        ``NameParts``; when nothing but titles is written, ``name`` is empty.
    """
    titles = load_titles()
    toks = _TOKEN.findall(text.strip())
    norms = [_norm_tok(t) for t in toks]
    found: list[str] = []
    honor: list[str] = []
    i, in_role, role_start = 0, False, 0
    while i < len(toks):
        if not norms[i]:
            i += 1
            continue
        n = _match_title(norms, i, titles)
        if n:
            phrase = " ".join(toks[i:i + n])
            kind = titles.phrases.get(tuple(norms[i:i + n]), ("titles", ""))[0]
            if tuple(norms[i:i + n]) in titles.honorific:
                honor.append(phrase)
            elif in_role and found and kind == "titles":
                found[-1] = " ".join(toks[role_start:i + n])
            else:
                found.append(phrase)
                role_start = i
            in_role = kind == "titles"
            i += n
            continue
        if _is_role_filler(toks[i], norms[i], titles, in_role, not found and not honor):
            if in_role and found:
                found[-1] = " ".join(toks[role_start:i + 1])
            else:
                found.append(toks[i])
                role_start, in_role = i, True
            i += 1
            continue
        break
    rest = [t.strip(_PUNCT) for t in toks[i:]]
    rest = [t for t in rest if t]
    if not rest and found and _AR.match(norms[-1]) and norms[-1] not in titles.heads \
            and not _match_title(norms, len(norms) - 1, titles):
        # only a family name written with its article ("الدبيبة"): that word is the name
        rest = [toks[-1].strip(_PUNCT)]
        found[-1] = found[-1][: -len(toks[-1])].strip()
        found = [f for f in found if f]
    if rest:
        rest[0] = strip_clitic(rest[0])
    name = " ".join(rest)
    return NameParts(name, tuple(found), tuple(honor), " ".join(fold(name).split()))


def title_gloss(title: str) -> str | None:
    """English gloss of a known title phrase ("الفريق" → "Lieutenant General"), else None."""
    toks = tuple(_norm_tok(t) for t in title.split())
    hit = load_titles().phrases.get(toks)
    return hit[1] if hit else None


SPEAKERS = Path(__file__).parent / "data" / "speakers.yaml"
_DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")
_SEGMENT = re.compile(r"[،,:;؛()\[\]«»\"“”]|\s[-–—]\s|\s[-–—]$|^[-–—]\s")
_LATIN_PARTICLES = {"bin", "ibn", "al", "el", "al-", "el-", "de", "da", "van", "von", "der", "ben", "bint", "ul",
                    "ud", "abu", "ould"}
_LATIN_ARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ud-", "ul-", "bin-", "ibn-")


@dataclass(frozen=True)
class SpeakerWords:
    """The word lists of ``data/speakers.yaml``: cut words (raw), non-name words (normalized)."""

    cut: frozenset[str]
    not_name: frozenset[str]
    anonymous: frozenset[str]


def _raw(tok: str) -> str:
    """A token compared as written (ى and ي stay apart: "على" is a preposition, "علي" a name)."""
    return _DIACRITICS.sub("", tok.strip(_PUNCT)).lower()


@functools.lru_cache(maxsize=1)
def load_speaker_words() -> SpeakerWords:
    """Read and validate speakers.yaml once."""
    data = _read_yaml(SPEAKERS)
    cut: set[str] = set()
    not_name: set[str] = set()
    anonymous: set[str] = set()
    for lang in ("ar", "en"):
        block = data.get(lang) if isinstance(data, dict) else None
        if not isinstance(block, dict):
            raise TitlesError(f"{SPEAKERS}: key {lang}: missing or not a mapping")
        for key, target in (("cut", cut), ("not_name", not_name), ("anonymous_roles", anonymous)):
            words = block.get(key)
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise TitlesError(f"{SPEAKERS}: key {lang}.{key}: expected a list of strings")
            for w in words:
                if key == "cut":
                    target.add(_raw(w))
                else:
                    target.add(" ".join(_norm_tok(t).lower() for t in w.split()))
    return SpeakerWords(frozenset(cut), frozenset(not_name), frozenset(anonymous))


def _is_cut(tok: str, words: SpeakerWords) -> bool:
    raw = _raw(tok)
    if raw in words.cut:
        return True
    return bool(_AR.match(raw)) and raw[:1] in "وف" and raw[1:] in words.cut


def _not_name(tok: str, words: SpeakerWords) -> bool:
    norm = _norm_tok(tok).lower()
    if not norm or norm in words.not_name or any(ch.isdigit() for ch in norm):
        return True
    return bool(_AR.match(norm)) and norm[:1] in "وفبل" and norm[1:] in words.not_name \
        and not known_name_part(norm)


def is_anonymous_role(role: str | None) -> bool:
    """The role names an unnamed source ("مصادر أمنية", "a senior official"): no person to link."""
    if not role:
        return False
    norm = " ".join(_norm_tok(t).lower() for t in role.split())
    anonymous = load_speaker_words().anonymous
    return norm in anonymous or norm.split()[0] in anonymous


def looks_like_name(name: str) -> bool:
    """Could ``name`` (titles already removed) be a person's name? No institution, pronoun, office,
    time or place word; Latin words capitalized except particles; one to five words."""
    toks = [t for t in (t.strip(_PUNCT) for t in name.split()) if t]
    if not 1 <= len(toks) <= 5:
        return False
    words = load_speaker_words()
    definite = [t for i, t in enumerate(toks) if _AR.match(t) and _norm_tok(t).startswith("ال")
                and not (i and _norm_tok(toks[i - 1]) in ("عبد", "ابو", "بن", "ابن"))]
    if len(definite) >= 2:  # "مركز التدريب البحري المشترك": a noun phrase, not a name
        return False
    for tok in toks:
        if _not_name(tok, words) or _is_cut(tok, words):
            return False
        lower = tok.lower()
        if not _AR.match(tok) and not tok[:1].isupper() and lower not in _LATIN_PARTICLES \
                and not lower.startswith(_LATIN_ARTICLES):
            return False
    return True


@functools.lru_cache(maxsize=50_000)  # pure; the same speakers ("وزير الخارجية", "the ministry") recur
def speaker_names(text: str) -> tuple[NameParts, ...]:
    """The name-like pieces of a claim speaker as written, best first.

    "فؤاد حسين، في تدوينة عبر منصة إكس" gives "فؤاد حسين"; "المتحدث باسم الجيش" gives nothing.
    The text is cut at punctuation and at the words of ``speakers.yaml`` (cut); each piece loses its
    titles; pieces of two or more name words come before one-word pieces (family names).
    """
    words = load_speaker_words()
    full: list[NameParts] = []
    single: list[NameParts] = []
    for segment in _SEGMENT.split(text):
        piece: list[str] = []
        for tok in [*segment.split(), ""]:
            if tok and not _is_cut(tok, words):
                piece.append(tok)
                continue
            if piece:
                parts = _trim_role_words(split_name(" ".join(piece)))
                if parts.name and looks_like_name(parts.name):
                    (full if len(parts.tokens) > 1 else single).append(parts)
            piece = []
    return (*full, *single)


def _trim_role_words(parts: NameParts) -> NameParts:
    """Drop leading role leftovers that never begin a name: a glued clitic before the article
    ("والعسكرية رشيد الوزاني" → "رشيد الوزاني") or a definite feminine adjective ("الأمنية")."""
    toks = parts.name.split()
    i = 0
    while len(toks) - i > 2:
        norm = _norm_tok(toks[i])
        leftover = norm.startswith(("وال", "بال", "لل", "فال")) or (norm.startswith("ال") and norm.endswith("ه"))
        if not _AR.match(norm) or not leftover or known_name_part(norm) or _norm_tok(toks[i + 1]) in ("بن", "ابن"):
            break
        i += 1
    if i == 0:
        return parts
    name = " ".join(toks[i:])
    role = " ".join((*parts.titles, *toks[:i])) or None
    return NameParts(name, (role,) if role else (), parts.honorifics, " ".join(fold(name).split()))


# words that chain an Arabic name ("عبد الله", "أبو بكر", "خالد بن سلمان"): the word after them is a name
_NAME_CHAIN = {fold(w) for w in ("عبد", "أبو", "ابو", "بن", "ابن", "بنت")}
_DEFINITE = re.compile(r"^[وفبكل]?(?:ال|لل)")  # a word with the article, after a clitic or not


def _name_before(norms: list[str], raws: list[str], titles: Titles) -> bool:
    """The last of ``norms`` is a given name: a known name part, the second word of a name chain, or a word
    right after a title ("العقيد سامر"). A word with the article or the preposition على is no given name."""
    if not norms or not _AR.match(norms[-1]):
        return False
    last, before = norms[-1], norms[:-1]
    if raws[-1].strip(_PUNCT) == "على":  # the preposition folds to the name "علي"
        return False
    if before and before[-1] in _NAME_CHAIN:
        return True
    if _DEFINITE.match(last) and not known_name_part(last):  # "الوزير", "بالرئيس", "والرئيس"; not "فالح"
        return False
    if known_name_part(last):
        return True
    return any(tuple(before[len(before) - n:]) in titles.phrases for n in range(1, min(titles.max_len, len(before)) + 1))


def is_nisba_surname(text: str, start: int) -> bool:
    """The Arabic nisba word at ``start`` ("المصري", "العراقي") ends a person's name ("محمد المصري",
    "العقيد سامر السوري"), so it names no state. A nisba agrees with a definite noun before it
    ("الوزير المصري", "نظيره المصري"); only a name may stand bare before it."""
    if not text.startswith("ال", start):
        return False
    raws = _TOKEN.findall(text[:start])[-4:]
    if not raws or raws[-1][-1:] in _PUNCT:
        return False
    return _name_before([_norm_tok(t) for t in raws], raws, load_titles())
