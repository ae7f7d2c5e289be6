"""The ``sources`` stage: read files, folders and stdin into RawDocuments.

Inputs arrive as plain-text page dumps, saved HTML pages, JSON records (news-please / CC-NEWS or our
plain fields) and JSON Lines, in UTF-8, UTF-16 or the Windows-1256 code page many Arabic sites still
use. A reader never raises on bad data: an empty, binary, oversized, undecodable or malformed input
becomes a ``Rejection`` with a reason code and, when there is one, the fix — the run goes on.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

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
    host = urlsplit(url.strip()).hostname
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
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> str | None:
    """Decode bytes that are not UTF-8: charset-normalizer, but cp1256 when it yields Arabic."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guessed = best.encoding if best is not None else None
    arabic = _try(data, "cp1256")
    if arabic is not None and _arabic_share(arabic) >= 0.5 and (
        guessed is None or _SINGLE_BYTE.match(guessed) or _arabic_share(str(best)) < 0.5
    ):
        return arabic
    return str(best) if best is not None else None


def decode_bytes(data: bytes, declared: str | None = None) -> str | None:
    """Decode file bytes to text: BOM, then a declared charset, then UTF-8, then detection.

    Args:
        data: the raw bytes.
        declared: a charset named by the container (HTML ``<meta charset>``), tried first.

    Returns:
        The text, or None when no encoding gives a clean decode.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _try(data[len(bom):], encoding)
    if declared:
        text = _try(data, declared)
        if text is not None:
            return text
    text = _try(data, "utf-8")
    return text if text is not None else _guess(data)


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
        return codecs.lookup(name).name
    except LookupError:
        return None


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
        lang=_str(getattr(doc, "language", None)),
    )


def _html_date(html: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a date we cannot find is simply unknown
        return None


def _read_json(text: str, origin: str, raw_sha256: str) -> Iterator[Result]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(origin, "malformed", f"line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    if isinstance(data, list):
        for i, item in enumerate(data):
            item_sha = _sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8"))
            yield record_to_document(item, f"{origin}[{i}]", item_sha)
    else:
        yield record_to_document(data, origin, raw_sha256)


def _read_jsonl(lines: Iterable[str], origin: str, max_bytes: int) -> Iterator[Result]:
    """One record per line; a bad line is rejected and the next one is read."""
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        encoded = line.encode("utf-8", "surrogatepass")
        if len(encoded) > max_bytes:
            yield Rejection(where, "too_large", f"line is {len(encoded)} bytes; raise --max-bytes to read it")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, "malformed", f"line {number} column {exc.colno}: {exc.msg}")
            continue
        yield record_to_document(obj, where, _sha256(encoded))


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


def _read_bytes(path: Path, max_bytes: int) -> bytes | Rejection:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Rejection(origin, "too_large", f"{size} bytes is over the limit of {max_bytes}; raise --max-bytes")
        if size == 0:
            return Rejection(origin, "empty", "the file is empty")
        return path.read_bytes()
    except FileNotFoundError:
        return Rejection(origin, "unreadable", "no such file; check the path")
    except PermissionError:
        return Rejection(origin, "unreadable", "permission denied; check the file's permissions")
    except OSError as exc:
        return Rejection(origin, "unreadable", f"{exc.strerror or exc}")


def read_file(path: str | Path, *, max_bytes: int = 5_000_000) -> Iterator[Result]:
    """Read one file of any supported format into documents or rejections."""
    path = Path(path)
    origin = str(path)
    from alliancemap.readers import reader_for  # WARC/ARC, RSS/Atom: modules of their own (issue 11)

    if (reader := reader_for(path)) is not None:
        yield from reader(path, max_bytes)
        return
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Rejection):
        yield data
        return
    has_bom = any(data.startswith(bom) for bom, _ in _BOMS)
    if b"\x00" in data and not has_bom:
        yield Rejection(origin, "binary", "contains NUL bytes; not a text, HTML or JSON file")
        return
    text = decode_bytes(data, _declared_charset(data))
    if text is None:
        yield Rejection(origin, "unreadable", "unknown text encoding; save as UTF-8")
        return
    if _mostly_non_text(text):
        yield Rejection(origin, "binary", "mostly non-text bytes; not a text, HTML or JSON file")
        return
    text = text.lstrip("\ufeff")
    if not text.strip():
        yield Rejection(origin, "empty", "the file holds only white space")
        return
    yield from _dispatch(path, text, _sha256(data), max_bytes)


def _dispatch(path: Path, text: str, sha: str, max_bytes: int) -> Iterator[Result]:
    origin = str(path)
    kind = _format(path, text)
    if kind == "json":
        yield from _read_json(text, origin, sha)
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
    """Files under ``root`` in sorted order, skipping hidden files and folders and documentation."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not _NOT_ARTICLES.search(name):
                yield Path(dirpath) / name
    for err in errors:
        yield Rejection(str(err.filename or root), "unreadable", f"{err.strerror or err}; check the folder's permissions")


def iter_documents(
    paths: Iterable[str], *, max_bytes: int = 5_000_000, stdin: TextIO | None = None
) -> Iterator[RawDocument | Rejection]:
    """Yield a RawDocument or a Rejection for every input found under ``paths``.

    Args:
        paths: files, folders (walked recursively in sorted order, hidden entries skipped) or "-" for
            JSON Lines on standard input.
        max_bytes: larger files are rejected as "too_large" before being read.
        stdin: the stream "-" reads (``sys.stdin`` by default).

    Returns:
        An iterator; bad inputs come out as Rejections and never stop the iteration.
    """
    for raw_path in paths:
        if raw_path == "-":
            yield from _read_jsonl(stdin if stdin is not None else sys.stdin, "<stdin>", max_bytes)
            continue
        path = Path(raw_path)
        if path.is_dir():
            for item in _walk(path):
                if isinstance(item, Rejection):
                    yield item
                else:
                    yield from read_file(item, max_bytes=max_bytes)
        else:
            yield from read_file(path, max_bytes=max_bytes)
