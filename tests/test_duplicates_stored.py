"""The near-duplicate check reads the store's LSH band index: the groups of the in-memory index, without
loading every signature at the start of a run, and stores signed before the index are banded once."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from alliancemap.merge import near_duplicate_groups
from alliancemap.pipeline import ingest
from alliancemap.store.db import open_store
from tests.test_merge import OTHER, REWRITE, WIRE

COPY_NOTE = "Copies of this report may be shared by partner outlets with credit."
ARABIC = ("استقبل قائد القوات البرية في الجيش الليبي وفدا عسكريا باكستانيا في بنغازي يوم الأحد، وبحث الجانبان"
          " سبل تطوير التعاون في مجال التدريب العسكري وتبادل الخبرات بين الكليات الحربية في البلدين، واتفقا على"
          " تشكيل لجنة مشتركة تتابع تنفيذ البرامج التي جرى التوقيع عليها خلال الزيارة الأخيرة إلى راولبندي.")
ARABIC_COPY = "بنغازي - خاص\n" + ARABIC + "\nجميع الحقوق محفوظة للموقع."


def _records(path: Path, items: list[tuple[str, str, str]]) -> str:
    """A JSON Lines file of English and Arabic records ``(outlet, slug, text)``."""
    with path.open("w", encoding="utf-8") as fh:
        for outlet, slug, text in items:
            lang = "ar" if text[:1] in "اأإآءبتثجحخدذرزسشصضطظعغفقكلمنهوي" else "en"
            fh.write(json.dumps({"url": f"https://{outlet}.example/{slug}", "outlet": outlet, "lang": lang,
                                 "published": "2025-07-15", "title": slug, "text": text}, ensure_ascii=False) + "\n")
    return str(path)


FIRST = [("wirewire", "haftar-ghq", WIRE), ("navalpost", "benghazi-navy", OTHER), ("sahelnet", "wafd", ARABIC)]
SECOND = [("mirrorpk", "haftar-copy", WIRE + "\n" + COPY_NOTE), ("dailyrwp", "haftar-rewrite", REWRITE),
          ("libyanow", "wafd-copy", ARABIC_COPY)]


def _groups(db: str) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT a.url, c.url FROM article_duplicates d JOIN articles a ON"
                                 " a.article_id = d.article_id JOIN articles c ON c.article_id = d.canonical_id"))
    finally:
        conn.close()


def _expected(db: str) -> dict[str, str]:
    """The in-memory index over the stored texts, in the order they were signed."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT a.url, a.text FROM article_minhash m JOIN articles a"
                            " ON a.article_id = m.article_id ORDER BY m.seq").fetchall()
    finally:
        conn.close()
    return near_duplicate_groups(rows)


@pytest.fixture()
def two_runs(tmp_path: Path) -> str:
    db = str(tmp_path / "dup.db")
    ingest(open_store(db), [_records(tmp_path / "a.jsonl", FIRST)])
    ingest(open_store(db), [_records(tmp_path / "b.jsonl", SECOND)])
    return db


def test_stored_bands_give_the_groups_of_the_in_memory_index(two_runs):
    groups = _groups(two_runs)
    assert groups == _expected(two_runs)
    wire = "https://wirewire.example/haftar-ghq"
    assert groups["https://mirrorpk.example/haftar-copy"] == wire
    assert groups["https://dailyrwp.example/haftar-rewrite"] == wire
    assert groups["https://libyanow.example/wafd-copy"] == "https://sahelnet.example/wafd"
    assert groups["https://navalpost.example/benghazi-navy"] == "https://navalpost.example/benghazi-navy"


def test_a_run_does_not_load_every_signature(tmp_path, traced):
    db, statements = str(traced[0]), traced[1]
    ingest(open_store(db), [_records(tmp_path / "a.jsonl", FIRST)])
    statements.clear()  # only the second run's statements
    ingest(open_store(db), [_records(tmp_path / "b.jsonl", SECOND)])
    assert any("FROM article_bands" in s for s in statements)
    assert not [s for s in statements if "signature FROM article_minhash ORDER BY seq" in s]


def test_a_store_signed_before_the_band_index_is_banded_once(tmp_path):
    db = str(tmp_path / "old.db")
    ingest(open_store(db), [_records(tmp_path / "a.jsonl", FIRST)])
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM article_bands")  # as a store written before events_006 holds it
    conn.close()
    ingest(open_store(db), [_records(tmp_path / "b.jsonl", SECOND)])
    assert _groups(db)["https://mirrorpk.example/haftar-copy"] == "https://wirewire.example/haftar-ghq"
    assert _groups(db) == _expected(db)
