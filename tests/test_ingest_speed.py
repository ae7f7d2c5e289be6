"""What makes the ingest path fast must not change what it finds: the KB cache, the per-name fuzzy
cache of the registry, and the batched commits."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from alliancemap.resolve import startup
from alliancemap.resolve.kb import load_kb
from alliancemap.resolve.link import Actor, ActorRegistry, kb_writes
from alliancemap.store.db import open_store

NAMES = ["Sadam Hafter", "صدام حفتر", "Asim Muneer", "عاصم منير", "Hakan Fidan", "هاكان فيدان",
         "Nader Kasimi", "نادر القاسمي", "General Nadir al-Qasimi", "Ishaq Dar"]


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(startup.CACHE_ENV, str(tmp_path / "cache"))
    for fn in (startup._blobs, startup.cached_kb):
        fn.cache_clear()
    yield tmp_path / "cache"
    for fn in (startup._blobs, startup.cached_kb):
        fn.cache_clear()


def test_cached_kb_and_registry_behave_like_freshly_built_ones(fresh_cache: Path) -> None:
    kb, registry, writes = startup.kb_registry()
    assert list(fresh_cache.glob("kb-*.pickle"))  # written for the next run
    startup._blobs.cache_clear()
    startup.cached_kb.cache_clear()
    kb2, registry2, _ = startup.kb_registry()  # read back from the file
    built = ActorRegistry.from_kb(load_kb())
    assert registry.kb is kb and registry2.kb is kb2
    assert writes == kb_writes(built)
    for name in NAMES:
        assert registry2.candidates(name, "person") == built.candidates(name, "person")
        assert [h.value.id for h in kb2.find(name)] == [h.value.id for h in load_kb().find(name)]


def test_each_call_gives_a_registry_of_its_own(fresh_cache: Path) -> None:
    _, first, _ = startup.kb_registry()
    first.add(Actor(id="person:nadir-qasimi", kind="person", name_en="Nadir Qasimi"))
    _, second, _ = startup.kb_registry()
    assert "person:nadir-qasimi" in first and "person:nadir-qasimi" not in second


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(startup.CACHE_ENV, str(blocker / "cache"))
    startup._blobs.cache_clear()
    startup.cached_kb.cache_clear()
    try:
        kb, registry, _ = startup.kb_registry()
        assert registry.candidates("Asim Muneer", "person")
        assert pickle.loads(pickle.dumps(kb)).find("Pakistan")
    finally:
        startup._blobs.cache_clear()
        startup.cached_kb.cache_clear()


def test_fuzzy_cache_scores_new_keys_like_a_full_scan() -> None:
    """A name looked up, then aliases added, then looked up again: the same as a registry that never
    looked it up (new keys enter the remembered best, ties in insertion order)."""
    kb = load_kb()
    warm, cold = ActorRegistry.from_kb(kb), ActorRegistry.from_kb(kb)
    before = {name: warm._similar_keys(name) for name in NAMES}
    new = [("person:nadir-qasimi", "Nadir Qasimi"), ("person:nadir-qasimi", "نادر القاسمي"),
           ("person:nader-kassem", "Nader Kassem"), ("person:sadam-hafar", "Sadam Hafar")]
    for reg in (warm, cold):
        for actor_id, alias in new:
            if actor_id not in reg:
                reg.add(Actor(id=actor_id, kind="person", name_en=alias))
            reg.add_alias(actor_id, alias)
    for name in NAMES:
        assert warm._similar_keys(name) == cold._similar_keys(name)
    assert any(warm._similar_keys(n) != before[n] for n in NAMES)  # the new aliases were found


def test_batched_writes_keep_whole_articles(tmp_path: Path) -> None:
    """A failed block inside a batch rolls back alone; the blocks before it are committed at the end."""
    store = open_store(str(tmp_path / "s.db"))
    with store.batched(every=2) as tick:
        for i in range(5):
            try:
                with store.transaction() as conn:
                    store.set_state(conn, f"k{i}", "v")
                    if i == 3:
                        raise RuntimeError("a write that fails")
            except RuntimeError:
                pass
            tick()
    other = sqlite3.connect(str(tmp_path / "s.db"))
    keys = sorted(r[0] for r in other.execute("SELECT key FROM store_state"))
    assert keys == ["k0", "k1", "k2", "k4"]
    assert not store.conn.in_transaction


def _page(lang: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>News</title></head>'
            f"<body><nav>Home | World</nav><article><h1>Defence talks</h1>{body}</article></body></html>")


EN = ["The defence ministers of Kenya and Somalia met in Nairobi on Tuesday to review their joint"
      " border patrols and the training of coastguard units, officials said.",
      "Both delegations agreed to hold a second round of talks in Mogadishu before the end of the year."]
AR = ["بحث وزيرا الدفاع في كينيا والصومال خلال لقاء في نيروبي يوم الثلاثاء الدوريات المشتركة على"
      " الحدود وتدريب وحدات خفر السواحل، وفق ما أعلنه مسؤولون.",
      "واتفق الوفدان على عقد جولة ثانية من المحادثات في مقديشو قبل نهاية العام."]


FR = ["Les ministres de la Défense du Kenya et de la Somalie se sont réunis mardi à Nairobi pour examiner"
      " leurs patrouilles frontalières communes et la formation des garde-côtes, selon des responsables.",
      "Les deux délégations sont convenues de tenir un second cycle de discussions à Mogadiscio avant la fin"
      " de l'année."]


@pytest.mark.parametrize(("declared", "paragraphs", "expected"), [
    ("en", EN, "en"),
    ("fr", EN, "en"),  # a wrong declaration does not matter either way: the text decides
    ("en", AR, "ar"),  # an Arabic page under an English template
    ("en", FR, "other"),  # a French page declared English is not stored as English
    ("ar", FR, "other"),
])
def test_an_html_page_is_stored_in_the_language_of_its_text(monkeypatch: pytest.MonkeyPatch, declared: str,
                                                             paragraphs: list[str], expected: str) -> None:
    """The declaration is not taken on trust; clear English and Arabic need no langdetect either."""
    from alliancemap.clean import clean
    from alliancemap.model import RawDocument
    from alliancemap.text import lang

    def no_detector(sample: str) -> str:
        raise AssertionError("langdetect was called")

    if expected != "other":
        monkeypatch.setattr(lang, "_langdetect", no_detector)
    html = _page(declared, paragraphs)
    art = clean(RawDocument(f"{declared}.html", "html", html, "x", url="https://example.org/news/1"))
    assert art.lang == expected


@pytest.mark.parametrize("paragraphs", [EN, AR, EN[:1] + ["The minister said the patrols would resume."]])
def test_gated_extraction_folds_the_text_once_and_finds_the_same(monkeypatch: pytest.MonkeyPatch,
                                                                 paragraphs: list[str]) -> None:
    """The gate's folded text and tokens go on to extraction instead of being made again."""
    from alliancemap import extract
    from alliancemap.clean import clean
    from alliancemap.gates import extract_gated
    from alliancemap.model import RawDocument
    from alliancemap.text import normalize as normalize_module

    art = clean(RawDocument("a.txt", "text", "\n\n".join(paragraphs), "x", published="2025-03-04"))
    expected = extract.extract_article(art, load_kb())
    calls: list[str] = []
    original = normalize_module.normalize

    def counting(text: str):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(normalize_module, "normalize", counting)
    monkeypatch.setattr(extract, "normalize", counting)
    got = extract_gated(art, load_kb())
    assert got == expected and got.events
    assert calls.count(art.text) == 1
