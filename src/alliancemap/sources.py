"""The ``sources`` stage: read files, folders and stdin into RawDocuments.

Inputs arrive as plain-text page dumps, saved HTML pages, JSON records (news-please / CC-NEWS or our
plain fields) and JSON Lines, in UTF-8, UTF-16 or the Windows-1256 code page many Arabic sites still
use. A reader never raises on bad data: an empty, binary, oversized, undecodable or malformed input
becomes a ``Rejection`` with a reason code and, when there is one, the fix — the run goes on.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO
from urllib.parse import urlsplit

from alliancemap.budget import DocumentTimeout, time_budget
from alliancemap.model import RawDocument, Rejection

Result = RawDocument | Rejection

JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<\?xml[^>]*>\s*<html)", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:body|p|div|article)[\s>]", re.I)
_ARABIC = re.compile("[\u0600-\u06ff]")
_SINGLE_BYTE = re.compile(r"^(cp|windows-|iso8859|iso-8859|latin|mac|koi8|tis|ptcp|kz1048|hp_roman)", re.I)
_NON_TEXT_LIMIT = 0.05  # share of control characters above which decoded "text" is binary


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def outlet_from_url(url: str | None) -> str | None:
    """The host of ``url`` without "www." (the outlet name the evaluation uses), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # "http://[::1/broken": not a URL we can take a host from
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _outlet(name: str | None) -> str | None:
    """A given outlet; a bare host name loses its "www." like one taken from a URL."""
    if name and name.lower().startswith("www.") and " " not in name:
        return name[4:]
    return name


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return len(_ARABIC.findall(text)) / len(letters) if letters else 0.0


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):  # UnicodeError: codecs such as "undefined" refuse every input
        return None


@dataclass
class Decoded:
    """Text decoded from bytes, the encoding used and, when bytes had to be replaced, a note saying so."""

    text: str
    encoding: str
    replaced: int = 0
    note: str | None = None


def _guess(data: bytes) -> Decoded | None:
    """Decode bytes that are not UTF-8: charset-normalizer, but cp1256 when it yields Arabic."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guessed = best.encoding if best is not None else None
    arabic = _try(data, "cp1256")
    if arabic is not None and _arabic_share(arabic) >= 0.5 and (
        guessed is None or _SINGLE_BYTE.match(guessed) or _arabic_share(str(best)) < 0.5
    ):
        return Decoded(arabic, "cp1256")
    return Decoded(str(best), str(guessed)) if best is not None else None


def _plain_share(text: str) -> float:
    """Share of characters that are white space, ASCII, Latin-1 letters or Arabic: high for real text."""
    ok = sum(1 for c in text if c.isspace() or " " <= c <= "~" or "\u00c0" <= c <= "\u024f" or "\u0600" <= c <= "\u06ff")
    return ok / len(text) if text else 0.0


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text saved without a byte-order mark: the byte order whose reading looks like text."""
    if len(data) < 4 or len(data) % 2:
        return None
    best: tuple[float, Decoded] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _try(data, encoding)
        if text is None or _mostly_non_text(text):
            continue
        share = _plain_share(text[:20_000])
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, Decoded(text, encoding))
    return best[1] if best else None


def _utf8_with_errors(data: bytes) -> Decoded | None:
    """Mostly UTF-8 with a few bad bytes (a file cut mid-character, or lines in a legacy code page).

    Lines that are valid UTF-8 stay as they are; each bad line is read in the legacy code page when that
    decodes it cleanly as Arabic or Latin text, and otherwise with U+FFFD for the bad bytes. Returns
    None when the file has no real UTF-8 in it (then it is a legacy code page as a whole).
    """
    lines = data.split(b"\n")
    good_multibyte = bad = 0
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
            continue
        good_multibyte += any(ord(c) > 127 for c in text)
    if not good_multibyte and bad:
        return None
    out: list[str] = []
    replaced = legacy = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        lenient = line.decode("utf-8", "replace")
        n_bad = lenient.count("\ufffd") - line.count("\ufffd".encode())
        other = _guess(line) if n_bad > 2 else None
        if other is not None and not _mostly_non_text(other.text) and _arabic_share(other.text) >= 0.5:
            out.append(other.text)
            legacy += 1
        else:
            out.append(lenient)
            replaced += n_bad
    parts = [f"{replaced} invalid UTF-8 byte sequences replaced by U+FFFD"] if replaced else []
    if legacy:
        parts.append(f"{legacy} lines were not UTF-8 and were read as cp1256")
    return Decoded("\n".join(out), "utf-8", replaced, "; ".join(parts) or None)


def decode(data: bytes, declared: str | None = None) -> Decoded | None:
    """Decode file bytes: BOM, UTF-8, UTF-16 without BOM, the declared charset, then detection.

    UTF-8 that decodes cleanly wins over a declared charset (pages often declare iso-8859-1 and are
    UTF-8). Invalid UTF-8 is never silently re-read as a code page: when most of the file is UTF-8 the
    bad bytes are replaced and the ``note`` says how many.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom):], encoding)
            if text is not None:
                return Decoded(text, encoding)
            lenient = data[len(bom):].decode(encoding, "replace")
            n = lenient.count("\ufffd")
            return Decoded(lenient, encoding, n, f"{n} invalid {encoding} sequences replaced by U+FFFD")
    if b"\x00" in data:  # NUL bytes: UTF-16 without a BOM, or not text at all
        return _utf16_without_bom(data)
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    if declared:
        text = _try(data, declared)
        if text is not None and not _mostly_non_text(text):
            return Decoded(text, declared)
    return _utf8_with_errors(data) or _guess(data)


def decode_bytes(data: bytes, declared: str | None = None) -> str | None:
    """Decode file bytes to text (see ``decode``); None when no encoding gives a readable text."""
    found = decode(data, declared)
    return found.text if found is not None else None


def _mostly_non_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for c in text if c == "\ufffd" or (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v"))
    return bad / len(text) > _NON_TEXT_LIMIT


def _declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:8192])
    if not found:
        return None
    name = found.group(1).decode("ascii", "ignore")
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    return codec.name if _try(b"abc", codec.name) == "abc" else None  # "undefined" & co. decode nothing


def _str(value: Any) -> str | None:
    """A metadata value as a stripped string; containers and empties become None."""
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def record_to_document(obj: Any, origin: str, raw_sha256: str) -> Result:
    """Map one JSON record (news-please / CC-NEWS or plain fields) to a RawDocument of kind "record"."""
    if not isinstance(obj, dict):
        return Rejection(origin, "malformed", f"expected a JSON object, got {type(obj).__name__}")
    body = next((v for k in ("maintext", "text", "description") if (v := obj.get(k)) and isinstance(v, str)
                 and v.strip()), None)
    if body is None:
        return Rejection(origin, "no_text", "record has no maintext, text or description")
    url = _str(obj.get("url"))
    return RawDocument(
        origin=origin,
        kind="record",
        content=body,
        raw_sha256=raw_sha256,
        url=url,
        title=_str(obj.get("title")),
        outlet=_outlet(_str(obj.get("source_domain")) or _str(obj.get("outlet"))) or outlet_from_url(url),
        published=_str(obj.get("date_publish")) or _str(obj.get("date")),
        lang=_str(obj.get("language")) or _str(obj.get("lang")),
    )


def extract_html(html: str, *, origin: str, raw_sha256: str, url: str | None = None) -> Result:
    """Extract the main text and metadata of an HTML page with trafilatura (date by htmldate).

    Paragraphs of the extracted text are separated by blank lines. Returns a RawDocument of kind
    "record", or Rejection("no_text") when the page has no main text.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - third-party parser: any failure means an unusable page
        return Rejection(origin, "malformed", f"HTML could not be parsed: {exc}")
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return Rejection(origin, "no_text", "no article text found in the page; is it an index or a login page?")
    page_url = _str(getattr(doc, "url", None)) or url
    published = _str(getattr(doc, "date", None)) or _html_date(html)
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return RawDocument(
        origin=origin,
        kind="record",
        content=body,
        raw_sha256=raw_sha256,
        url=page_url,
        title=_str(getattr(doc, "title", None)),
        outlet=outlet_from_url(page_url) or _str(getattr(doc, "sitename", None)),
        published=published,
        lang=_str(getattr(doc, "language", None)),  # None: ``clean`` detects it from the text
    )


def _html_date(html: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a date we cannot find is simply unknown
        return None


MAX_DEPTH = 64
"""Deepest JSON nesting read; a news record is 2-3 levels deep, 100,000 levels is an attack on the parser."""

_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def _json_depth(data: bytes, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of JSON ``data`` (strings skipped), counted without recursion; stops past ``limit``."""
    depth = deepest = 0
    for m in _JSON_TOKEN.finditer(data):
        c = data[m.start()]
        if c in b"[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif c in b"]}":
            depth -= 1
    return deepest


def _parse_record(raw: bytes, where: str) -> Any | Rejection:
    """One JSON value from bytes, with bounded depth: the object, or a Rejection naming the problem."""
    openers = raw.count(b"[") + raw.count(b"{")  # the depth is at most this: most records need no scan
    if openers > MAX_DEPTH and _json_depth(raw) > MAX_DEPTH:
        return Rejection(where, "too_deep", f"JSON nested more than {MAX_DEPTH} levels deep; not a news record")
    found = decode(raw)
    if found is None:
        return Rejection(where, "unreadable", "unknown text encoding; save as UTF-8")
    try:
        return json.loads(found.text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        return Rejection(where, "malformed", f"line {exc.lineno} column {exc.colno}: {exc.msg}; fix the JSON")
    except (RecursionError, ValueError) as exc:
        return Rejection(where, "malformed", f"JSON could not be read: {exc}")


def _record(raw: bytes, where: str) -> Result:
    obj = _parse_record(raw, where)
    if isinstance(obj, Rejection):
        return obj
    return record_to_document(obj, where, _sha256(raw.strip()))


_CHUNK = 1 << 16
_ARRAY_STOP = re.compile(rb'[\[\]{}",]')
_STRING_STOP = re.compile(rb'[\\"]')


class _ArrayItems:
    """Split a JSON array read in chunks into the raw bytes of its items, one item in memory at a time.

    Only brackets, strings and top-level commas are tracked (linear, no recursion); each item is then
    parsed alone. An item over ``max_bytes`` is skipped (not kept) and reported; so is one nested too deep.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.depth = self.deepest = self.size = 0
        self.in_string = self.escape = self.done = False
        self.parts: list[bytes] = []

    def _emit(self) -> tuple[str, bytes | int]:
        if self.size > self.max_bytes:
            item: tuple[str, bytes | int] = ("too_large", self.size)
        elif self.deepest > MAX_DEPTH:
            item = ("too_deep", self.deepest)
        else:
            item = ("item", b"".join(self.parts))
        self.parts, self.size, self.deepest = [], 0, 0
        return item

    def _keep(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size <= self.max_bytes and self.deepest <= MAX_DEPTH:
            self.parts.append(piece)
        else:
            self.parts = []

    def feed(self, chunk: bytes) -> Iterator[tuple[str, bytes | int]]:
        i, n, seg = 0, len(chunk), 0
        while i < n and not self.done:
            if self.in_string:
                if self.escape:
                    self.escape, i = False, i + 1
                    continue
                m = _STRING_STOP.search(chunk, i)
                if m is None:
                    break
                i = m.end()
                if chunk[m.start()] == 0x5C:  # backslash
                    self.escape = True
                else:
                    self.in_string = False
                continue
            m = _ARRAY_STOP.search(chunk, i)
            if m is None:
                break
            c, i = chunk[m.start()], m.end()
            if c == 0x22:  # "
                self.in_string = True
            elif c in b"[{":
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)
            elif c in b"]}" and self.depth:
                self.depth -= 1
            elif self.depth == 0:  # a top-level "," or the closing "]"
                self._keep(chunk[seg:m.start()])
                seg = i
                item = self._emit()
                if c != 0x2C:
                    self.done = True
                if item[0] != "item" or (isinstance(item[1], bytes) and item[1].strip()) or c == 0x2C:
                    yield item
        if not self.done:
            self._keep(chunk[seg:])


def _read_json_stream(f: BinaryIO, origin: str, max_bytes: int, first: bytes) -> Iterator[Result]:
    """The items of a JSON array, read chunk by chunk; ``first`` holds the bytes after the opening "["."""
    items = _ArrayItems(max_bytes)
    index = 0
    chunk = first
    while True:
        for kind, value in items.feed(chunk):
            where = f"{origin}[{index}]"
            index += 1
            if kind == "too_large":
                yield Rejection(where, "too_large", f"record is {value} bytes; raise --max-bytes to read it")
            elif kind == "too_deep":
                yield Rejection(where, "too_deep", f"JSON nested more than {MAX_DEPTH} levels deep; not a news record")
            elif isinstance(value, bytes) and not value.strip():
                yield Rejection(where, "malformed", "empty item in the JSON array; fix the JSON")
            else:
                yield _record(value, where) if isinstance(value, bytes) else Rejection(where, "malformed", "?")
        if items.done:
            return
        chunk = f.read(_CHUNK)
        if not chunk:
            yield Rejection(f"{origin}[{index}]", "malformed", "the JSON array is not closed (file cut short?)")
            return


def _read_jsonl(lines: Iterable[bytes | str | _Oversized], origin: str, max_bytes: int) -> Iterator[Result]:
    """One record per line; a bad line is rejected and the next one is read."""
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        try:
            if isinstance(line, _Oversized):
                yield Rejection(where, "too_large", f"line is {line.size} bytes; raise --max-bytes to read it")
                continue
            raw = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield Rejection(where, "too_large", f"line is {len(raw)} bytes; raise --max-bytes to read it")
                continue
            yield _record(raw, where)
        except Exception as exc:  # noqa: BLE001 - one bad line must never stop the file
            yield _internal(where, exc)


@dataclass
class _Oversized:
    """A line longer than the record limit, already skipped; only its size is kept."""

    size: int


def _binary_lines(f: BinaryIO, max_bytes: int) -> Iterator[bytes | _Oversized]:
    """Lines of a binary file, never holding more than ``max_bytes`` + 1 bytes of one line in memory."""
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = f.readline(_CHUNK)
                size += len(line)
            yield _Oversized(size)
            continue
        yield line


def _stdin_lines(stream: TextIO | BinaryIO, max_bytes: int) -> Iterator[bytes | str | _Oversized]:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from _binary_lines(buffer, max_bytes)
    else:
        yield from stream  # a text stream (tests, io.StringIO)


def _internal(where: str, exc: BaseException) -> Rejection:
    return Rejection(where, "internal_error",
                     f"{type(exc).__name__}: {exc}; the rest of the batch went on — please report this input")


def _format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES or _HTML_START.match(text[:2000]):
        return "html"
    if suffix == "" and text.lstrip()[:1] in ("{", "["):
        return "json"
    if _HTML_TAGS.search(text[:5000]) and text.count("<") > 20:
        return "html"
    return "text"


def _os_rejection(origin: str, exc: OSError) -> Rejection:
    if isinstance(exc, FileNotFoundError):
        return Rejection(origin, "unreadable", "no such file; check the path")
    if isinstance(exc, PermissionError):
        return Rejection(origin, "unreadable", "permission denied; check the file's permissions")
    if exc.errno == errno.ELOOP:
        return Rejection(origin, "unreadable", "a loop of symbolic links; point the link at a real file")
    if isinstance(exc, IsADirectoryError):
        return Rejection(origin, "unreadable", "a folder where a file was expected")
    return Rejection(origin, "unreadable", f"{exc.strerror or exc}")


def read_file(path: str | Path, *, max_bytes: int = 5_000_000) -> Iterator[Result]:
    """Read one file of any supported format into documents or rejections (never raises).

    ``max_bytes`` bounds one record: a JSON Lines line, an item of a JSON array, or a whole text, HTML or
    single-record JSON file. JSON Lines and JSON arrays are streamed, so their files may be larger.
    """
    path = Path(path)
    origin = str(path)
    from alliancemap.readers import reader_for  # WARC/ARC, RSS/Atom: modules of their own (issue 11)

    try:
        reader = reader_for(path)
    except OSError as exc:
        yield _os_rejection(origin, exc)
        return
    if reader is not None:
        try:
            yield from reader(path, max_bytes)
        except Exception as exc:  # noqa: BLE001 - a broken archive or feed must not stop the batch
            yield _internal(origin, exc)
        return
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size == 0:
                yield Rejection(origin, "empty", "the file is empty")
                return
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from _read_jsonl(_binary_lines(f, max_bytes), origin, max_bytes)
                return
            head = f.read(min(size, max_bytes + 1, _CHUNK))
            if path.suffix.lower() in JSON_SUFFIXES or (path.suffix == "" and head.lstrip()[:1] == b"["):
                start = head.lstrip(b" \t\r\n").removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
                if start[:1] == b"[":
                    yield from _read_json_stream(f, origin, max_bytes, start[1:])
                    return
            if size > max_bytes:
                yield Rejection(origin, "too_large", f"{size} bytes is over the limit of {max_bytes}; raise --max-bytes")
                return
            data = head + f.read()
    except OSError as exc:
        yield _os_rejection(origin, exc)
        return
    try:
        with time_budget():  # trafilatura on a hostile page must not hang the run
            results = list(_read_whole(path, data, max_bytes))
    except DocumentTimeout:
        results = [Rejection(origin, "too_slow", "took too long to read; split the file or raise ALLIANCEMAP_DOC_SECONDS")]
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the batch
        results = [_internal(origin, exc)]
    yield from results


def _read_whole(path: Path, data: bytes, max_bytes: int) -> Iterator[Result]:
    origin = str(path)
    has_bom = any(data.startswith(bom) for bom, _ in _BOMS)
    found = decode(data, _declared_charset(data))
    if found is None:
        if b"\x00" in data and not has_bom:
            yield Rejection(origin, "binary", "contains NUL bytes; not a text, HTML or JSON file")
        else:
            yield Rejection(origin, "unreadable", "unknown text encoding; save as UTF-8")
        return
    text = found.text
    if _mostly_non_text(text):
        yield Rejection(origin, "binary", "mostly non-text bytes; not a text, HTML or JSON file")
        return
    text = text.lstrip("\ufeff")
    if not text.strip():
        yield Rejection(origin, "empty", "the file holds only white space (or a byte-order mark)")
        return
    for item in _dispatch(path, text, data, max_bytes):
        if isinstance(item, RawDocument) and found.note:
            item.decoding = found.note
        yield item


def _dispatch(path: Path, text: str, data: bytes, max_bytes: int) -> Iterator[Result]:
    origin = str(path)
    sha = _sha256(data)
    kind = _format(path, text)
    if kind == "json":
        yield _record(text.encode("utf-8", "surrogatepass"), origin)
    elif kind == "jsonl":
        yield from _read_jsonl(text.split("\n"), origin, max_bytes)
    elif kind == "html":
        yield extract_html(text, origin=origin, raw_sha256=sha)
    else:
        yield RawDocument(origin=origin, kind="text", content=text, raw_sha256=sha)


# Files a folder of articles often carries beside them (its own documentation, scripts, settings): a walk
# skips them; naming one on the command line still reads it.
_NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|changelog)(?:\..*)?$|\.(?:md|rst|ya?ml|toml|py|sh|cfg|ini)$", re.I)


def _walk(root: Path) -> Iterator[Path | Rejection]:
    """Files under ``root`` in sorted order, lazily, skipping hidden files and folders and documentation."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            err = errors.pop(0)
            yield Rejection(str(err.filename or root), "unreadable", f"{err.strerror or err}; check the folder's permissions")
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not _NOT_ARTICLES.search(name):
                yield Path(dirpath) / name
    for err in errors:
        yield Rejection(str(err.filename or root), "unreadable", f"{err.strerror or err}; check the folder's permissions")


def read_records(data: bytes, origin: str, *, max_bytes: int = 5_000_000) -> Iterator[Result]:
    """Article records sent as one body (the API's ``POST /api/ingest``): a JSON array or JSON Lines,
    read the way ``ingest`` reads a file of either, so both paths accept and reject the same records."""
    start = data.lstrip(b" \t\r\n").removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
    if not start:
        yield Rejection(origin, "empty", "the body is empty")
    elif start[:1] == b"[":
        yield from _read_json_stream(io.BytesIO(), origin, max_bytes, start[1:])
    else:
        yield from _read_jsonl(start.split(b"\n"), origin, max_bytes)


def iter_documents(
    paths: Iterable[str], *, max_bytes: int = 5_000_000, stdin: TextIO | None = None
) -> Iterator[RawDocument | Rejection]:
    """Yield a RawDocument or a Rejection for every input found under ``paths``.

    Args:
        paths: files, folders (walked lazily and recursively in sorted order, hidden entries skipped) or
            "-" for JSON Lines on standard input.
        max_bytes: the largest record read (a JSON Lines line, a JSON array item, a whole other file).
        stdin: the stream "-" reads (``sys.stdin`` by default).

    Returns:
        An iterator; bad inputs come out as Rejections and never stop the iteration.
    """
    for raw_path in paths:
        if raw_path == "-":
            yield from _read_jsonl(_stdin_lines(stdin if stdin is not None else sys.stdin, max_bytes),
                                   "<stdin>", max_bytes)
            continue
        path = Path(raw_path)
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            yield _os_rejection(raw_path, exc)
            continue
        items = _walk(path) if is_dir else iter([path])
        for item in items:
            if isinstance(item, Rejection):
                yield item
                continue
            try:
                yield from read_file(item, max_bytes=max_bytes)
            except Exception as exc:  # noqa: BLE001 - last line of defence: the next file is still read
                yield _internal(str(item), exc)
