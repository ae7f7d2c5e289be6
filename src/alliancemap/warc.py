"""Web archives as input: WARC (FastWARC, falling back to warcio) and ARC (warcio), gzipped or not.

Only HTTP responses whose Content-Type is HTML become documents; each keeps the record's target URL
(which also gives the outlet) and, when the page states no date of its own, the crawl date of the
record. ``--max-bytes`` limits one record, never the archive, and records are read one at a time, so
an archive of any size streams in bounded memory. A record that cannot be read becomes a Rejection
naming the archive and the record's offset; the rest of the archive goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alliancemap.model import RawDocument, Rejection

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_archive(path: Path) -> bool:
    """True for a file named like a WARC/ARC archive or starting with the WARC magic bytes."""
    name = path.name.lower()
    if name.endswith(SUFFIXES):
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"WARC/"
    except OSError:
        return False


def read_archive(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Every HTML response of the archive at ``path`` as a RawDocument (or a Rejection)."""
    records = _records_warcio(path) if ".arc" in path.name.lower() else _records(path)
    try:
        for offset, url, ctype, date, read in records:
            if ctype.split(";")[0].strip().lower() not in _HTML_TYPES:
                continue
            yield _document(path, offset, url, ctype, date, read, max_bytes)
    except Exception as exc:  # a truncated or corrupt archive: what was read so far stays
        yield Rejection(str(path), "malformed", f"archive cannot be read past this point ({exc}); check the file")


def _records(path: Path) -> Iterator[tuple[int, str | None, str, str | None, Any]]:
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        yield from _records_warcio(path)
        return
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
            ctype = (rec.http_headers.get("Content-Type") if rec.http_headers else None) or ""
            date = rec.record_date.date().isoformat() if rec.record_date else None
            yield rec.stream_pos, rec.headers.get("WARC-Target-URI"), ctype, date, rec.reader.read


def _records_warcio(path: Path) -> Iterator[tuple[int, str | None, str, str | None, Any]]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        it = ArchiveIterator(fh, arc2warc=True)
        for rec in it:
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = rec.http_headers.get_header("Content-Type") or ""
            date = (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None
            yield it.offset, rec.rec_headers.get_header("WARC-Target-URI"), ctype, date, \
                rec.content_stream().read


def _read_upto(read: Any, limit: int) -> bytes:
    """Up to ``limit`` bytes of a record stream (its reads may return less than asked)."""
    chunks, size = [], 0
    while size < limit:
        chunk = read(min(1 << 16, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _document(path: Path, offset: int, url: str | None, ctype: str, date: str | None, read: Any,
              max_bytes: int) -> RawDocument | Rejection:
    from alliancemap.sources import decode_bytes, extract_html

    origin = f"{path}@{offset}"
    data = _read_upto(read, max_bytes + 1)
    if len(data) > max_bytes:
        return Rejection(origin, "too_large", f"record is over the limit of {max_bytes} bytes; raise --max-bytes")
    charset = ctype.split("charset=")[1].split(";")[0].strip() if "charset=" in ctype else None
    text = decode_bytes(data, charset)
    if text is None:
        return Rejection(origin, "unreadable", "unknown text encoding in this record")
    doc = extract_html(text, origin=origin, raw_sha256=hashlib.sha256(data).hexdigest(), url=url)
    if isinstance(doc, RawDocument):
        doc.url = doc.url or url
        doc.published = doc.published or date
    return doc
