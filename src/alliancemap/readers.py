"""Readers beyond the core formats, each in a module of its own, chosen by file name or magic bytes.

``sources.read_file`` asks ``reader_for`` first; ``None`` means the file is one of the core formats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from alliancemap.model import RawDocument, Rejection

Reader = Callable[[Path, int], Iterator[RawDocument | Rejection]]


def reader_for(path: Path) -> Reader | None:
    """The reader of a web archive (WARC/ARC) or a feed (RSS/Atom) at ``path``, else None."""
    from alliancemap import feeds, warc

    if warc.is_archive(path):
        return warc.read_archive
    if feeds.is_feed(path):
        return feeds.read_feed
    return None
