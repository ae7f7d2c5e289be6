"""Linking at volume: candidate lookup by blocked phonetic keys, registry size without building sets."""

from __future__ import annotations

import pytest

from alliancemap.resolve import link
from alliancemap.resolve.kb import load_kb
from alliancemap.resolve.link import Actor, ActorRegistry


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.from_kb(load_kb())


@pytest.mark.parametrize("written", ["Sadam Hafter", "صدام حفتر", "Khalifa Hifter", "Asim Muneer", "عاصم منير"])
def test_blocked_lookup_finds_what_the_full_scan_finds(registry: ActorRegistry, written: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    full = registry._similar_keys(written)
    monkeypatch.setattr(link, "_BLOCK_ABOVE", 0)  # every level blocked by trigrams
    blocked = registry._similar_keys(written)
    assert full and full == blocked


def test_overlay_length_counts_new_actors_once(registry: ActorRegistry) -> None:
    child = registry.overlay()
    before = len(child)
    assert before == len(registry.ids())
    child.add(Actor(id="person:new-one", kind="person", name_en="Nadir Qasimi"))
    child.add_alias("person:saddam-haftar", "Sadam Haftar")  # a parent actor copied into the overlay
    assert len(child) == before + 1 == len(child.ids())


def test_new_alias_of_an_overlay_is_found_by_spelling(registry: ActorRegistry) -> None:
    child = registry.overlay()
    child.add(Actor(id="person:nadir-qasimi", kind="person", name_en="Nadir Qasimi"))
    assert "person:nadir-qasimi" in child._similar_keys("Nader Kasimi")
    assert "person:nadir-qasimi" not in registry._similar_keys("Nader Kasimi")
