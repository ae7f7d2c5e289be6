"""RSS and Atom feeds as input (feedparser): one document per entry, its link, date and language kept.

An entry's full content is used when the feed carries it, else its summary; the HTML of either is
reduced to paragraphs. Entries without text are rejected with the feed's name and the entry's
position, and the rest of the feed goes on.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alliancemap.model import RawDocument, Rejection

SUFFIXES = (".rss", ".atom")


def is_feed(path: Path) -> bool:
    """True for a file named .rss/.atom, or an XML file whose root element is <rss> or <feed>."""
    name = path.name.lower()
    if name.endswith(SUFFIXES):
        return True
    if not name.endswith(".xml"):
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(2048).lower()
    except OSError:
        return False
    return b"<rss" in head or b"<feed" in head


def read_feed(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Every entry of the feed file at ``path`` as a RawDocument (or a Rejection)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Rejection(str(path), "too_large", f"{size} bytes is over the limit of {max_bytes}; raise --max-bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(str(path), "unreadable", f"{exc.strerror or exc}")
        return
    yield from parse_feed(data, str(path))


def parse_feed(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    """Entries of one feed document (from a file or a fetch)."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a readable RSS/Atom feed ({feed.get('bozo_exception') or 'no entries'})"
        yield Rejection(origin, "malformed", reason)
        return
    lang = (feed.feed.get("language") or "").lower()[:2] or None
    for i, entry in enumerate(feed.entries, 1):
        yield _entry(entry, f"{origin}#{i}", lang)


def _entry(entry: Any, origin: str, lang: str | None) -> RawDocument | Rejection:
    from alliancemap.sources import outlet_from_url

    html = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
    body = _paragraphs(html or "")
    if not body:
        return Rejection(origin, "no_text", "the feed entry carries no text (only a link?); ingest the page itself")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    link = entry.get("link")
    return RawDocument(origin=origin, kind="record", content=body,
                       raw_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(), url=link,
                       title=entry.get("title"), outlet=outlet_from_url(link),
                       published=time.strftime("%Y-%m-%d", stamp) if stamp else None,
                       lang=(entry.get("language") or lang))


def _paragraphs(html: str) -> str:
    """The text of an entry's HTML, one paragraph per block element, blank lines between."""
    if "<" not in html:
        return "\n\n".join(p.strip() for p in html.split("\n\n") if p.strip())
    import lxml.html

    root = lxml.html.fromstring(f"<div>{html}</div>")
    blocks = root.xpath("//p|//li|//h1|//h2|//h3|//blockquote") or [root]
    texts = (" ".join(b.text_content().split()) for b in blocks)
    return "\n\n".join(t for t in texts if t)
