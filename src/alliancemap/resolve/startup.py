"""The knowledge base and the KB's actor registry, built once and kept in a cache file.

Building them reads and validates every data file and computes the name keys of every alias: about
4 s, paid by every ingest and by every worker process before this cache. The cache is a pickle of
(KB, registry, seed rows) named by a hash of the package's code and data files, so any edit to a data
file or to the code that reads it builds a fresh one. It lives in ``$ALLIANCEMAP_CACHE_DIR``, else
``$XDG_CACHE_HOME/alliancemap`` or ``~/.cache/alliancemap``; when that place cannot be written the run
simply builds the KB as before. A cache file is only ever read from the user's own cache directory.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent.parent
CACHE_ENV = "ALLIANCEMAP_CACHE_DIR"


@functools.lru_cache(maxsize=1)
def code_and_data_key() -> str:
    """Hash of every source and data file of the package (and the Python version): the cache's name."""
    h = hashlib.sha256(sys.version.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".db"}:
            h.update(str(path.relative_to(PACKAGE)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:24]


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "alliancemap"


class _KBPickler(pickle.Pickler):
    """Pickles the registry with its KB left out (written once, beside it)."""

    def __init__(self, file: Any, kb: Any) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.kb = kb

    def persistent_id(self, obj: Any) -> str | None:
        return "kb" if obj is self.kb else None


class _KBUnpickler(pickle.Unpickler):
    def __init__(self, file: Any, kb: Any) -> None:
        super().__init__(file)
        self.kb = kb

    def persistent_load(self, pid: Any) -> Any:
        if pid != "kb":
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return self.kb


@functools.lru_cache(maxsize=1)
def _blobs() -> tuple[bytes, bytes]:
    """(pickled KB, pickled registry and seed rows): read from the cache, or built and written to it."""
    path = cache_dir() / f"kb-{code_and_data_key()}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError):
        pass
    from alliancemap.resolve.kb import load_kb
    from alliancemap.resolve.link import ActorRegistry, kb_writes

    kb = load_kb()
    registry = ActorRegistry.from_kb(kb)
    buf = io.BytesIO()
    _KBPickler(buf, kb).dump((registry, kb_writes(registry)))
    blobs = (pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL), buf.getvalue())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".kb-", delete=False) as fh:
            pickle.dump(blobs, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError:
        pass
    return blobs


@functools.lru_cache(maxsize=1)
def cached_kb() -> Any:
    """The packaged knowledge base (equal to ``resolve.kb.load_kb()``), from the cache when it is there."""
    return pickle.loads(_blobs()[0])


def kb_registry() -> tuple[Any, Any, Any]:
    """(KB, a fresh ``ActorRegistry.from_kb`` of it, ``kb_writes`` of that registry).

    The registry is a new copy at each call (the caller adds the store's actors to it); its KB is
    ``cached_kb()``.
    """
    kb = cached_kb()
    registry, writes = _KBUnpickler(io.BytesIO(_blobs()[1]), kb).load()
    return kb, registry, writes
