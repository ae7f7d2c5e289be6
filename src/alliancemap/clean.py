"""The ``clean`` stage: from what a reader found to an Article whose body holds only the article.

Pages come with furniture around the story: theme warnings, comment forms, share and follow-us lines,
"read also" links, bylines, counters, the headline printed two or three times. ``clean`` works line by
line. A line classifier driven by ``data/boilerplate.yaml`` names the furniture it recognises by its
wording; structural cues catch the rest: single-word labels, date-only stamps, stray numbers, repeated
lines, and short lines in the clusters above the first and below the last body paragraph. Short lines
*between* body paragraphs are sub-headings and stay. Every kept line is kept verbatim, so quotes and
offsets taken from the body are exact substrings of what the outlet published.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from alliancemap.model import Article, RawDocument, Rejection
from alliancemap.text.lang import detect_lang
from alliancemap.text.normalize import content_hash
from alliancemap.text.sentences import split_paragraphs, split_sentences

BOILERPLATE_PATH = Path(__file__).parent / "data" / "boilerplate.yaml"

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640\u200c-\u200f\u061c\ufeff]")
_FOLD_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
             **dict(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789", strict=True))}
_TERMINAL = re.compile(r"[.!?؟…][\"'”’»)\]]*$")
_COUNTER = re.compile(r"^[\W\d_]*$")  # digits and punctuation only: page numbers, view counters
# "Baghdad - (AFP)", "مسقط - العمانية", "Riyadh:": a dateline on a line of its own says where the news is from
_DATELINE = re.compile(r"^\w+(?:\s\w+)?\s*(?:[-–—/]\s*\(.+\)\s*:?|[-–—/]\s*\w+(?:\s\w+){0,2}|:)$")  # "جاكرتا/ الأناضول"
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[ \t]+(?:https?://\S+|www\.\S+))?[ \t]*")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|$)")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})\b")
_WORD = re.compile(r"[^\W\d_]{2,}")
_DATE_TOKEN = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*")

MAX_PARAGRAPH_CHARS = 100_000
"""A longer paragraph is not news prose (a log, a dump, an attack); the document is rejected, not cut."""
MIN_WORD_SHARE = 0.5
"""Below this share of characters in word-like tokens, decoded bytes are noise, not language."""
_WORD_MAX = 40  # characters; a longer token is not a word of Arabic or English
_MANY_WORDS_CHARS = 400  # the start of a line in which MANY_WORDS words are looked for first

SHORT_WORDS = 3  # a line of at most this many words is a label unless it sits inside the body
HEADLINE_MAX = 250  # characters; a longer first line is a lead paragraph, not a headline


class BoilerplateError(ValueError):
    """The boilerplate lexicon is malformed; the message names the file and line."""


Category = tuple[str, int, tuple[re.Pattern[str], ...]]
"""(name, max_len, patterns): a line is of the category when it is short enough and a pattern matches."""
Needs = tuple[tuple[str, ...], ...]
"""Strings every match of a pattern holds: each inner tuple is met when one of its strings occurs."""


@dataclass(frozen=True)
class Screen:
    """A category split for screening whole pages: its patterns anchored at a line's start (cheap, always
    searched) and the rest, searched only on a page that holds the literals one of them needs."""

    name: str
    max_len: int
    anchored: tuple[re.Pattern[str], ...]
    loose: tuple[re.Pattern[str], ...]
    loose_needs: tuple[Needs, ...] | None  # per loose pattern; None: one of them needs no literal

    def on(self, page: str) -> Category:
        """The category as it must be searched on the lines of ``page`` (its folded lines)."""
        if self.loose and (self.loose_needs is None or any(_holds(page, needs) for needs in self.loose_needs)):
            return self.name, self.max_len, self.anchored + self.loose
        return self.name, self.max_len, self.anchored


@dataclass(frozen=True)
class Lexicon:
    """The compiled contents of boilerplate.yaml."""

    categories: tuple[Category, ...]
    date_words: frozenset[str]
    months: dict[str, int]
    screens: tuple[Screen, ...] = ()


def light_fold(text: str) -> str:
    """Fold a line for pattern matching: no diacritics, one alef, ي for ى, ه for ة, case folded."""
    return " ".join(_fold_chars(text).split())


def _fold_chars(text: str) -> str:
    """``light_fold`` before white space is collapsed: character by character, so a page's lines can be
    folded in one pass. ``str.replace`` of the mapped characters present is several times faster than
    ``str.translate`` with a dict (which costs ~60 ns a character); nothing maps onto another key."""
    if not text.isascii():
        text = _DIACRITICS.sub("", text)
        for ch, folded in _FOLD_MAP.items():
            if ch in text:
                text = text.replace(ch, folded)
    return text.casefold()


def _fail(path: Path, node: yaml.Node | None, message: str) -> BoilerplateError:
    line = f":{node.start_mark.line + 1}" if node is not None else ""
    return BoilerplateError(f"{path}{line}: {message}")


def _mapping(path: Path, node: yaml.Node | None, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{what} must be a mapping")
    return {k.value: v for k, v in node.value}


def _category(path: Path, name: str, node: yaml.Node) -> tuple[Category, Screen]:
    body = _mapping(path, node, f"category {name!r}")
    if set(body) - {"max_len", "patterns"}:
        raise _fail(path, node, f"category {name!r}: unknown keys {sorted(set(body) - {'max_len', 'patterns'})}")
    max_node, pats_node = body.get("max_len"), body.get("patterns")
    if max_node is None or not str(max_node.value).isdigit():
        raise _fail(path, max_node or node, f"category {name!r}: max_len must be a positive integer")
    if not isinstance(pats_node, yaml.SequenceNode) or not pats_node.value:
        raise _fail(path, pats_node or node, f"category {name!r}: patterns must be a non-empty list")
    patterns = []
    for item in pats_node.value:
        try:
            patterns.append(re.compile(light_fold(str(item.value)) if item.value else "", re.IGNORECASE))
        except re.error as exc:
            raise _fail(path, item, f"category {name!r}: bad pattern {item.value!r}: {exc}") from exc
        if not item.value:
            raise _fail(path, item, f"category {name!r}: empty pattern")
    return (name, int(max_node.value), _one_pattern(patterns)), _screen(name, int(max_node.value), patterns)


def _screen(name: str, max_len: int, patterns: list[re.Pattern[str]]) -> Screen:
    from re import _parser  # the standard library's own pattern parser

    parsed = [(p, list(_parser.parse(p.pattern, p.flags))) for p in patterns]
    anchored = [p for p, items in parsed if items[:1] == [(_parser.AT, _parser.AT_BEGINNING)]]
    loose = [(p, tuple(_needs(items))) for p, items in parsed if p not in anchored]
    loose_needs = None if any(not needs for _, needs in loose) else tuple(needs for _, needs in loose)
    return Screen(name, max_len, _one_pattern(anchored) if anchored else (),
                  _one_pattern([p for p, _ in loose]) if loose else (), loose_needs)


def _holds(page: str, needs: Needs) -> bool:
    return all(any(s in page for s in either) for either in needs)


def _literal_safe(c: str) -> bool:
    """A character that a case-insensitive pattern can only match as itself in case-folded text.

    "i" is out: re's IGNORECASE also matches it with the dotless "ı", which case folding keeps.
    """
    if c.isascii():
        return c != "i" and not c.isupper()
    return "\u0600" <= c <= "\u06ff" or not (c.isalpha() or c.lower() != c.upper())


def _needs(items) -> list[tuple[str, ...]]:
    """What every match of a parsed pattern sequence holds (``Needs``): its runs of plain characters, those
    of its groups and required repeats, and one run per branch of an alternation whose every branch has one.
    Anything else (classes, optional parts, look-arounds) adds nothing, so the needs are never too strict.
    """
    from re import _parser

    out: list[tuple[str, ...]] = []
    run: list[str] = []

    def flush() -> None:
        if "".join(run).strip():
            out.append(("".join(run),))
        run.clear()

    for op, arg in items:
        if op is _parser.LITERAL and _literal_safe(chr(arg)):
            run.append(chr(arg))
            continue
        flush()
        if op is _parser.SUBPATTERN:
            out += _needs(arg[-1])
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and arg[0] >= 1:
            out += _needs(arg[2])
        elif op is _parser.BRANCH:
            best = [max((n[0] for n in _needs(branch) if len(n) == 1), key=len, default="") for branch in arg[1]]
            if all(best):
                out.append(tuple(best))
    flush()
    return out


def _one_pattern(patterns: list[re.Pattern[str]]) -> tuple[re.Pattern[str], ...]:
    """The category's patterns as one alternation (one search per line instead of one per pattern)."""
    try:
        return (re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE),)
    except re.error:  # a pattern that only compiles alone (global inline flags): keep them apart
        return tuple(patterns)


@functools.lru_cache(maxsize=4)
def load_boilerplate(path: str | Path = BOILERPLATE_PATH) -> Lexicon:
    """Read and validate the boilerplate lexicon once; errors name the file and line."""
    path = Path(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BoilerplateError(f"{path}: not valid YAML: {exc}") from exc
    top = _mapping(path, root, "the file")
    missing = {"categories", "date_words", "months"} - set(top)
    if missing:
        raise _fail(path, root, f"missing keys {sorted(missing)}")
    built = [_category(path, k, v) for k, v in _mapping(path, top["categories"], "categories").items()]
    cats, screens = tuple(c for c, _ in built), tuple(sc for _, sc in built)
    words_node = top["date_words"]
    if not isinstance(words_node, yaml.SequenceNode):
        raise _fail(path, words_node, "date_words must be a list")
    months: dict[str, int] = {}
    for name, num in _mapping(path, top["months"], "months").items():
        if not str(num.value).isdigit() or not 1 <= int(num.value) <= 12:
            raise _fail(path, num, f"month {name!r} must map to 1..12")
        months[light_fold(name)] = int(num.value)
    words = frozenset(light_fold(str(w.value)) for w in words_node.value) | frozenset(
        part for m in months for part in m.split()
    )
    return Lexicon(cats, words, months, screens)


MANY_WORDS = 25  # a line of this many words is body text whatever else it is (see ``_Line.body``)


def _word_count(line: str) -> int:
    """Words of ``line``, counted exactly up to ``MANY_WORDS``: a long line is counted on its start alone
    (the lines' tests compare counts with thresholds of at most ``MANY_WORDS``)."""
    if len(line) > _MANY_WORDS_CHARS:
        found = len(_WORD.findall(line, 0, _MANY_WORDS_CHARS))
        if found >= MANY_WORDS:
            return found
    return len(_WORD.findall(line))


def _is_date_only(folded: str, lexicon: Lexicon) -> bool:
    """A line made of nothing but a date, a weekday, a time and the like ("Tuesday 27 August 2024")."""
    month = False
    for found in _DATE_TOKEN.finditer(folded):  # a long line fails at its first ordinary word
        if found[0] not in lexicon.date_words:
            return False
        month = month or found[0] in lexicon.months
    if not any(c.isdigit() for c in folded):
        return False
    return month or bool(_ISO_DATE.search(folded) or _DMY_DATE.search(folded))


def classify_line(line: str, *, lexicon: Lexicon | None = None) -> str | None:
    """Name the kind of furniture ``line`` is by its own wording, or None for a possible article line.

    Args:
        line: one line of a page (leading/trailing space ignored).
        lexicon: a loaded boilerplate lexicon; the packaged one by default.

    Returns:
        A category of boilerplate.yaml ("comment_form", "share", …), "counter" for a line of digits
        and punctuation only, "date" for a date-only stamp, or None.
    """
    stripped = line.strip()
    return _classify(stripped, light_fold(stripped), lexicon or load_boilerplate()) if stripped else None


def _classify(stripped: str, folded: str, lexicon: Lexicon, categories=None) -> str | None:
    """``classify_line`` of a stripped line whose light fold is already made.

    ``categories``: those that can match on this line's page (``_possible``); all by default.
    """
    if _is_date_only(folded, lexicon):
        return "date"
    if _COUNTER.match(stripped):
        return "counter"
    for name, max_len, patterns in lexicon.categories if categories is None else categories:
        if len(stripped) <= max_len and any(p.search(folded) for p in patterns):
            return name
    return None


def _possible(lexicon: Lexicon, page: str) -> tuple[Category, ...]:
    """The categories as they can match on the lines of ``page`` (its folded lines): a pattern whose
    literals the page lacks is left out. A few substring tests per page instead of regex searches per line
    (those searches cost more than the rest of ``clean``, and most pages hold no furniture of most kinds).
    """
    if not lexicon.screens:
        return lexicon.categories
    return tuple(screen.on(page) for screen in lexicon.screens)


def parse_date(text: str | None, lexicon: Lexicon | None = None) -> str | None:
    """Read a date written as ISO, D/M/Y or with a month name (Arabic or English) as YYYY-MM-DD."""
    if not text:
        return None
    lexicon = lexicon or load_boilerplate()
    folded = light_fold(text)
    found = _ISO_DATE.search(folded)
    if found:
        return _valid(int(found[1]), int(found[2]), int(found[3]))
    found = _DMY_DATE.search(folded)
    if found:
        a, b, year = int(found[1]), int(found[2]), int(found[3])
        return _valid(year, a, b) if b > 12 else _valid(year, b, a)
    return _named_month_date(folded, lexicon)


def _named_month_date(folded: str, lexicon: Lexicon) -> str | None:
    names = "|".join(sorted((re.escape(m) for m in lexicon.months), key=len, reverse=True))
    day_first = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:of\s+)?({names})\b\.?,?\s+((?:19|20)\d{{2}})", folded)
    if day_first:
        return _valid(int(day_first[3]), lexicon.months[day_first[2]], int(day_first[1]))
    month_first = re.search(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})", folded)
    if month_first:
        return _valid(int(month_first[3]), lexicon.months[month_first[1]], int(month_first[2]))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass
class _Line:
    text: str  # stripped
    category: str | None
    words: int  # exact up to MANY_WORDS (``_word_count``)
    key: str  # folded form, for finding repeats

    @property
    def body(self) -> bool:
        """A line that can only be article text: a long or a complete sentence-bearing line."""
        if self.category:
            return False
        return self.words >= MANY_WORDS or len(self.text) >= 200 or (self.words >= 6 and bool(_TERMINAL.search(self.text)))

    @property
    def short(self) -> bool:
        return self.words <= SHORT_WORDS and not _TERMINAL.search(self.text) and not _DATELINE.match(self.text)


def _looks_like_headline(line: _Line) -> bool:
    return (
        not line.category
        and line.words >= 3
        and len(line.text) <= HEADLINE_MAX
        and not line.text.endswith((":", "،", ","))
        and not (_TERMINAL.search(line.text) and line.words >= MANY_WORDS)
    )


def _find_title(lines: list[_Line], first_body: int) -> int | None:
    """Index of the headline among the lines above the first body paragraph (a repeated one first)."""
    top = [i for i in range(first_body) if _looks_like_headline(lines[i])]
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.key] = counts.get(line.key, 0) + 1
    repeated = [i for i in top if counts[lines[i].key] > 1]
    if repeated:
        return repeated[0]
    if top:
        return top[0]
    if first_body < len(lines) and _looks_like_headline(lines[first_body]) and not _TERMINAL.search(lines[first_body].text):
        return first_body
    return None


def _same_as_title(line: _Line, title_key: str) -> bool:
    if not title_key:
        return False
    if line.key == title_key:
        return True
    # "Headline - Outlet" in <title> against "Headline" on the page
    return line.words >= 4 and title_key.startswith(line.key) and len(line.key) >= 0.6 * len(title_key)


def _is_label(line: _Line, *, outside_body: bool) -> bool:
    """A single word anywhere, or a short line above or below the body (sub-headings inside stay)."""
    single = line.words <= 1 and not _TERMINAL.search(line.text) and not _DATELINE.match(line.text)
    return single or (line.short and outside_body)


_HEADING_WORDS = 5  # "More stories from our correspondents" at most; a longer line carries a headline itself
_NUMBERED = re.compile(r"^\(?\d{1,2}\s*[.)\-–—]\s*\S")  # "1. …", "2) …", "3- …": an item of a numbered list


def _mark_related(lines: list[_Line], last_body: int) -> None:
    """Other stories' headlines: the lines under a "Related" / "أخبار ذات صلة" heading up to the next body
    paragraph, and a numbered list of headlines below the body. A headline is never a body line
    (``_Line.body``), so a paragraph of the story ends the list."""
    heading = False
    for i, line in enumerate(lines):
        if line.category == "related" and _is_heading(line):
            heading = True
        elif line.body:
            heading = False
        elif not line.category and not _DATELINE.match(line.text) \
                and (heading or (i > last_body and _NUMBERED.match(line.text))):
            line.category = "related"  # a dateline ("عمّان - ") under a sidebar heading opens the story


def _is_heading(line: _Line) -> bool:
    """A furniture line that only announces what follows ("Related", "الأكثر قراءة:"), not "Read also: X"."""
    head, _, rest = line.text.partition(":")
    return not rest.strip() and len(head.split()) <= _HEADING_WORDS


def _mark_structure(lines: list[_Line], title_key: str) -> None:
    """Label lines by position: title copies, repeats, related headlines, labels above/below the body."""
    bodies = [i for i, line in enumerate(lines) if line.body]
    first_body = bodies[0] if bodies else len(lines)
    last_body = bodies[-1] if bodies else -1
    _mark_related(lines, last_body)
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line.category:
            continue
        if _same_as_title(line, title_key):
            line.category = "title"
        elif line.key in seen:
            line.category = "repeated"
        elif _is_label(line, outside_body=i < first_body or i > last_body):
            line.category = "label"
        seen.add(line.key)


def _strip_date_prefix(text: str) -> tuple[str, str | None]:
    """Remove a leading " date YYYY-MM-DD [URL]" crawl stamp; return the text and the date."""
    found = _DATE_PREFIX.match(text)
    if not found:
        return text, None
    return text[found.end():], found[1]


def _make_lines(text: str, lexicon: Lexicon) -> list[_Line]:
    raw, folded = text.splitlines(), _fold_chars(text).splitlines()  # folding keeps every line break
    if len(folded) != len(raw):  # never expected; the line-by-line fold is the definition
        folded = list(map(_fold_chars, raw))
    pairs = [(s, " ".join(f.split())) for line, f in zip(raw, folded, strict=True) if (s := line.strip())]
    possible = _possible(lexicon, "\n".join(folded for _, folded in pairs))
    return [_Line(s, _classify(s, folded, lexicon, possible), _word_count(s), folded) for s, folded in pairs]


def _published(raw: RawDocument, prefix_date: str | None, lines: list[_Line], lexicon: Lexicon) -> str | None:
    """The article date: metadata first, then the crawl stamp, a date line on the page, the URL."""
    for candidate in (raw.published, prefix_date):
        parsed = parse_date(candidate, lexicon)
        if parsed:
            return parsed
    for line in lines:
        if line.category in {"date", "byline"}:
            parsed = parse_date(line.text, lexicon)
            if parsed:
                return parsed
    found = _URL_DATE.search(raw.url or "")
    return _valid(int(found[1]), int(found[2]), int(found[3])) if found else None


def _ensure_record(raw: RawDocument) -> RawDocument | Rejection:
    if raw.kind != "html":
        return raw
    from alliancemap.sources import extract_html  # sources imports trafilatura; load it only if needed

    return extract_html(raw.content, origin=raw.origin, raw_sha256=raw.raw_sha256, url=raw.url)


def _script(c: str) -> str:
    if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u08ff" or "\ufb50" <= c <= "\ufeff":
        return "arabic"
    if c < "\u0250":
        return "latin"
    return unicodedata.name(c, "?").split(" ", 1)[0]


_ARABIC_OR_SIGNS = re.compile("[\u0600-\u06ff\u0750-\u08ff\ufb50-\ufeff\x00-@\\[-`{-\x7f]*")
"""Arabic-block characters and ASCII characters that are not letters: a token of one script."""


def _one_script(token: str) -> bool:
    if token.isascii() or _ARABIC_OR_SIGNS.fullmatch(token):  # the common cases, without a loop
        return True
    first = None
    for c in token:
        if c.isalpha():
            script = _script(c)
            if first is None:
                first = script
            elif script != first:
                return False
    return True


def word_share(text: str, sample: int = 100_000) -> float:
    """Share of the characters of ``text`` (its first ``sample``) that sit in word-like tokens.

    A word-like token is at most 40 characters long and writes its letters in one script. Arabic or
    English prose scores above 0.9; random high bytes read through a code page score near 0, because
    they have almost no spaces and mix Arabic letters with Latin accented ones. The tokens outside ASCII
    are checked in one scan together; only when that fails (accents, other scripts, noise) one by one.
    """
    tokens = text[:sample].split()
    total = sum(map(len, tokens))
    if not total:
        return 0.0
    bad = sum(len(t) for t in tokens if len(t) > _WORD_MAX)
    foreign = [t for t in tokens if not t.isascii()]
    if foreign and not _ARABIC_OR_SIGNS.fullmatch(" ".join(foreign)):  # some token may mix scripts
        bad += sum(len(t) for t in foreign if len(t) <= _WORD_MAX and not _one_script(t))
    return (total - bad) / total


def _bounds_rejection(raw: RawDocument, content: str) -> Rejection | None:
    share = word_share(content)
    if share < MIN_WORD_SHARE:
        return Rejection(raw.origin, "not_language",
                         f"only {share:.0%} of the text is words; binary data or a wrong text encoding —"
                         " check the file and save it as UTF-8")
    longest = max((len(p) for p in content.split("\n")), default=0)
    if longest > MAX_PARAGRAPH_CHARS:
        return Rejection(raw.origin, "too_long_paragraph",
                         f"a paragraph of {longest} characters (limit {MAX_PARAGRAPH_CHARS}); is it a page dump"
                         " without line breaks? split it into paragraphs")
    return None


def clean(raw: RawDocument) -> Article | Rejection:
    """Turn a reader's document into an Article with a furniture-free body and its structure.

    Args:
        raw: a RawDocument of kind "text" (a page dump), "record" (text already extracted) or "html".

    Returns:
        The Article (title, YYYY-MM-DD date when readable, language, paragraph and sentence spans into
        the body), or Rejection("no_text") when nothing of the article is left.
    """
    raw = _ensure_record(raw)
    if isinstance(raw, Rejection):
        return raw
    lexicon = load_boilerplate()
    content = raw.content.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    bad = _bounds_rejection(raw, content)
    if bad is not None:
        return bad
    content, prefix_date = _strip_date_prefix(content)
    lines = _make_lines(content, lexicon)
    title = (raw.title or "").strip() or None
    if title is None:
        bodies = [i for i, line in enumerate(lines) if line.body]
        found = _find_title(lines, bodies[0] if bodies else len(lines))
        title = lines[found].text if found is not None else None
    _mark_structure(lines, light_fold(title) if title else "")
    kept = [line.text for line in lines if not line.category]
    body = "\n\n".join(kept)
    if not body.strip():
        return Rejection(raw.origin, "no_text", "nothing but page furniture was found; check the input is an article")
    stated = (raw.lang or "").lower()[:2]  # a record that states ar/en is not detected again (issue 11)
    lang = stated if stated in {"ar", "en"} else detect_lang(body)
    return Article(
        article_id=content_hash(body),
        text=body,
        url=raw.url,
        outlet=raw.outlet,
        title=title,
        published=_published(raw, prefix_date, lines, lexicon),
        lang=lang,
        paragraphs=split_paragraphs(body),
        sentences=split_sentences(body),
        raw_sha256=raw.raw_sha256,
        origin=raw.origin,
        removed_lines=len(lines) - len(kept),
    )
