"""Shared test fixtures: the hand-written input files and a writer for generated ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from alliancemap.store import db as store_db
from tests.web_support import desk_store  # noqa: F401 - the web tests' shared store

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


@pytest.fixture(scope="session")
def inputs_dir() -> Path:
    """Folder of the small hand-written input files (good and broken)."""
    return INPUTS


@pytest.fixture
def write_file(tmp_path: Path):
    """Write bytes (or text as UTF-8) to a file under tmp_path and return its path."""

    def _write(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return _write


SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
EVAL_DEV = SHARED / "eval" / "dev"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    """A fresh store file for one test."""
    return str(tmp_path / "test.db")


def kb_entry(id: str, kind: str, name_en: str, name_ar: str | None, country: str | None, **kw):
    """A knowledge-base entry for tests that build a small KB of their own."""
    from alliancemap.resolve.kb import KBEntry

    return KBEntry(id, kind, name_en, name_ar, country, kw.pop("faction", None), kw.pop("sector", None),
                   kw.pop("wikidata", None), **kw)


@pytest.fixture()
def traced(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, list[str]]:
    """A store path and the list every SQL statement run on a store connection is appended to."""
    statements: list[str] = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(store_db.sqlite3, "connect", connect)
    return tmp_path / "plans.db", statements
