"""The bundled examples ingested once per test run, for the desk tests (graph, partners, exports, CLI)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner

from alliancemap.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_CACHE: dict[str, str] = {}


def examples_db() -> str:
    """Path of a store holding the ingested examples; tests must not write to it (copy it first)."""
    if "path" not in _CACHE:
        from alliancemap.pipeline import ingest
        from alliancemap.store.db import open_store

        folder = tempfile.mkdtemp(prefix="alliancemap-desk-")
        path = str(Path(folder) / "examples.db")
        store = open_store(path)
        ingest(store, [str(EXAMPLES)])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        _CACHE["path"] = path
    return _CACHE["path"]


def copy_examples_db(dest: Path) -> str:
    """A private copy of the examples store (for tests that write)."""
    target = dest / "examples.db"
    shutil.copyfile(examples_db(), target)
    return str(target)


def event(eid: str, date: str | None, type_: str, parties: list[tuple[str, str | None]], *,
          domains: tuple[str, ...] = (), outlets: tuple[str, ...] = ("outlet-a",), n_sources: int | None = None,
          ) -> dict:
    """A small exported event written by hand (the DESIGN contract fields the desk reads)."""
    return {
        "event_id": eid, "type": type_, "cameo": "", "plover": "", "date": date, "date_precision": "day",
        "parties": [{"actor_id": f"state:{c}", "name": c, "country": c, "faction": f} for c, f in parties],
        "people": [], "location": None, "domains": list(domains), "attributes": {},
        "sources": [{"article_id": f"{eid}-{i}", "url": f"https://{o}.example/{eid}", "outlet": o,
                     "published": date, "sentence": 0, "start": 0, "end": 10} for i, o in enumerate(outlets)],
        "confidence": 0.8, "status": None, "n_sources": n_sources or len(outlets), "n_outlets": len(set(outlets)),
        "conflicts": {}, "related": [],
    }


def run_cli(*args: str):
    """The CLI in-process, exceptions raised so that a failing test shows the traceback."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)
