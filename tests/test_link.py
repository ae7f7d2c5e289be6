"""Linking mentions to actors: across scripts, partial names, the family-name problem, new actors."""


import pytest

from alliancemap.model import Article, Claim, Event, Extraction, Mention, Party, Person, Source
from alliancemap.resolve.link import (
    ACCEPT,
    Actor,
    ActorRegistry,
    evaluate_pairs,
    link_extraction,
    link_pair,
    name_similarity,
    read_pairs,
)
from tests.conftest import kb_entry


def _mention(text: str, written: str, kind: str = "person", occurrence: int = 0, **kw) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(written, start + 1)
    return Mention("art1", kind, written, start, start + len(written), **kw)


@pytest.fixture()
def registry() -> ActorRegistry:
    reg = ActorRegistry()
    reg.add(Actor("person:asim-munir", "person", "Asim Munir", "عاصم منير", country="PAK",
                  role="Chief of Army Staff", aliases=["Syed Asim Munir"]))
    reg.add(Actor("person:khalifa-haftar", "person", "Khalifa Haftar", "خليفة حفتر", country="LBY",
                  faction="east"))
    return reg


AR_TEXT = ("وصل رئيس أركان القوات البرية الفريق صدام حفتر إلى إسلام آباد، حيث استقبله المشير عاصم منير. "
           "وبحث صدام مع منير سبل التدريب المشترك.")


def test_arabic_article_links_known_and_new_people(registry: ActorRegistry) -> None:
    ext = Extraction("art1", mentions=[
        _mention(AR_TEXT, "الفريق صدام حفتر", role="رئيس أركان القوات البرية الفريق", country="LBY"),
        _mention(AR_TEXT, "عاصم منير", role="المشير"),
        _mention(AR_TEXT, "صدام", occurrence=1),
        _mention(AR_TEXT, "منير", occurrence=1),
    ])
    result = link_extraction(ext, Article("art1", AR_TEXT, published="2025-07-20"), registry)
    ids = [m.actor_id for m in result.extraction.mentions]
    assert ids[1] == "person:asim-munir"  # Arabic name of a Latin-registered actor: exact alias
    assert ids[0] == "person:saddam-haftar"  # unknown → new actor, id from the romanized name
    assert ids[2] == ids[0] and ids[3] == ids[1]  # partial names go back to the full mentions
    new = {a.id: a for a in result.new_actors}
    assert new["person:saddam-haftar"].country == "LBY"
    assert new["person:saddam-haftar"].name_ar == "صدام حفتر"
    roles = {(r.actor_id, r.role, r.seen_date) for r in result.roles}
    assert ("person:saddam-haftar", "رئيس أركان القوات البرية الفريق", "2025-07-20") in roles
    assert not any(lk.doubtful for lk in result.links)
    # pure: neither the input extraction nor the registry changed
    assert ext.mentions[0].actor_id is None
    assert "person:saddam-haftar" not in registry


def test_family_name_shared_by_two_people_is_doubtful(registry: ActorRegistry) -> None:
    text = "التقى الفريق صدام حفتر بالوفد، ثم استقبل المشير خليفة حفتر الضيوف. وقال حفتر إن التعاون مستمر."
    ext = Extraction("art1", mentions=[
        _mention(text, "صدام حفتر", role="الفريق"),
        _mention(text, "خليفة حفتر", role="المشير"),
        _mention(text, "حفتر", occurrence=2),
    ])
    result = link_extraction(ext, Article("art1", text), registry)
    last = next(lk for lk in result.links if lk.text == "حفتر")
    assert last.actor_id == "person:khalifa-haftar"  # nearest preceding full mention
    assert last.doubtful and last.score < ACCEPT
    assert all(a.alias != "حفتر" for a in result.aliases)  # a doubtful link adds no alias


def test_written_role_settles_the_family_name(registry: ActorRegistry) -> None:
    text = "زار الفريق صدام حفتر باكستان، بينما بقي المشير خليفة حفتر في بنغازي. وأكد الفريق حفتر أهمية الزيارة."
    ext = Extraction("art1", mentions=[
        _mention(text, "صدام حفتر", role="الفريق"),
        _mention(text, "خليفة حفتر", role="المشير"),
        _mention(text, "الفريق حفتر", occurrence=0),
    ])
    result = link_extraction(ext, Article("art1", text), registry)
    link = next(lk for lk in result.links if lk.text == "الفريق حفتر")
    assert link.actor_id == result.extraction.mentions[0].actor_id
    assert not link.doubtful


def test_english_spelling_variant_and_event_people_and_claims(registry: ActorRegistry) -> None:
    text = ("Field Marshal Syed Asim Munir received Lt. Gen. Sadam Hafter in Rawalpindi. "
            "Munir said the two armies would train together.")
    ext = Extraction(
        "art1",
        mentions=[_mention(text, "Syed Asim Munir", role="Field Marshal")],
        events=[Event("MEET", [Party("PAK"), Party("LBY", "east", actor_id="faction:LBY-east")],
                      [Source("art1", text[:80], 0, 80)],
                      people=[Person("Asim Munir"), Person("Lt. Gen. Sadam Hafter")])],
        claims=[Claim("art1", "Munir", "the two armies would train together", 90, 126)],
    )
    known = ActorRegistry(parent=registry)
    known.add(Actor("person:saddam-haftar", "person", "Saddam Haftar", "صدام حفتر", country="LBY"))
    result = link_extraction(ext, Article("art1", text), known)
    ev = result.extraction.events[0]
    assert [p.actor_id for p in ev.people] == ["person:asim-munir", "person:saddam-haftar"]
    assert ev.people[1].name_ar == "صدام حفتر"
    assert ev.parties[1].actor_id == "faction:LBY-east"  # parties keep their ids
    assert result.extraction.claims[0].speaker_actor_id == "person:asim-munir"
    hafter = next(lk for lk in result.links if "Hafter" in lk.text)
    assert hafter.reason == "romanized" and not hafter.doubtful


def test_kb_id_from_the_extractor_is_kept(registry: ActorRegistry) -> None:
    text = "قائد الجيش الباكستاني عاصم منير"
    m = _mention(text, "عاصم منير", actor_id="person:asim-munir")
    result = link_extraction(Extraction("art1", mentions=[m]), Article("art1", text), registry)
    assert result.links[0].reason == "kb"


def test_subset_needs_the_same_family_name(registry: ActorRegistry) -> None:
    reg = ActorRegistry(parent=registry)
    reg.add(Actor("person:omar-said", "person", "Omar Said", country="EGY"))
    text = "The analyst Umar Saeed al-Masri said"
    r = link_extraction(Extraction("art1", mentions=[_mention(text, "Umar Saeed al-Masri")]), Article("art1", text), reg)
    assert r.links[0].actor_id != "person:omar-said" or r.links[0].doubtful


def test_new_id_gets_a_suffix_when_taken(registry: ActorRegistry) -> None:
    reg = ActorRegistry(parent=registry)
    reg.add(Actor("person:umar-saeed", "person", "Someone Else"))
    text = "The analyst Umar Saeed said"
    r = link_extraction(Extraction("art1", mentions=[_mention(text, "Umar Saeed")]), Article("art1", text), reg)
    new_id = r.new_actors[0].id
    assert new_id.startswith("person:umar-saeed-") and len(new_id) == len("person:umar-saeed-") + 6


@pytest.mark.parametrize("a, b", [
    ("Khalifa Haftar", "Saddam Haftar"),
    ("Shehbaz Sharif", "Nawaz Sharif"),
    ("Khalid bin Salman", "Mohammed bin Salman"),
    ("Asim Munir", "Munir Akram"),
    ("خالد النجار", "خالد النمر"),
])
def test_hard_negatives_stay_apart(a: str, b: str) -> None:
    assert name_similarity(a, b)[0] < 0.72
    assert link_pair(a, b, ActorRegistry())[0] is False


def test_bundled_pairs_file_scores_well() -> None:
    from alliancemap.cli_actors import PAIRS

    pairs = read_pairs(str(PAIRS))
    assert len(pairs) >= 150
    assert {p[2] for p in pairs} == {True, False}
    scores = evaluate_pairs(pairs, ActorRegistry())
    assert scores.precision >= 0.95 and scores.recall >= 0.9


def test_read_pairs_names_the_bad_line(tmp_path) -> None:
    f = tmp_path / "p.tsv"
    f.write_text("a\tb\tsame\tnote\nSaddam Haftar\tصدام حفتر\tyes\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"p.tsv:2"):
        read_pairs(str(f))


_Entry = kb_entry


class _FakeKB:
    """The KB interface other modules code against: aliases and find()."""

    def __init__(self) -> None:
        pak = _Entry("state:PAK", "state", "Pakistan", "باكستان", "PAK")
        self._aliases = [("Pakistan", pak), ("باكستان", pak),
                         ("الباكستاني", _Entry("state:PAK", "state", "Pakistan", "باكستان", "PAK", demonym=True)),
                         ("Asim Munir", _Entry("person:asim-munir", "person", "Asim Munir", "عاصم منير", "PAK"))]

    def aliases(self):
        return list(self._aliases)

    def find(self, text):
        from alliancemap.text.matcher import PhraseMatcher

        m = PhraseMatcher()
        m.add_many(self._aliases)
        return m.find(text)


def test_registry_from_kb_and_country_from_role() -> None:
    reg = ActorRegistry.from_kb(_FakeKB())
    assert "person:asim-munir" in reg and "state:PAK" in reg
    text = "وقال قائد البحرية الباكستانية الأدميرال نافيد أشرف إن"
    m = _mention(text, "نافيد أشرف", role="قائد البحرية الباكستاني الأدميرال")
    result = link_extraction(Extraction("art1", mentions=[m]), Article("art1", text), reg)
    assert result.new_actors[0].country == "PAK"


def test_institutions_link_exactly_against_the_real_kb() -> None:
    kb_module = pytest.importorskip("alliancemap.resolve.kb")
    reg = ActorRegistry.from_kb(kb_module.load_kb())
    text = "وقع الجيش الباكستاني اتفاقا مع Pakistani Army"
    ms = [Mention("a", "organization", "الجيش الباكستاني", 4, 20), Mention("a", "organization", "Pakistani Army", 31, 45)]
    result = link_extraction(Extraction("a", mentions=ms), Article("a", text), reg)
    ids = {m.actor_id for m in result.extraction.mentions}
    assert len(ids) == 1 and None not in ids
    assert not any(lk.reason.startswith("fuzzy") and not lk.doubtful for lk in result.links)


@pytest.mark.parametrize("speaker, role, expected", [
    ("فؤاد حسين - في تدوينة عبر منصة (إكس)", "وزير الخارجية العراقي", "فؤاد حسين"),
    ("Foreign Minister Hakan Fidan", None, "Hakan Fidan"),
    ("المتحدث باسم الجيش", None, None),
    ("البيان", None, None),
    ("أمنية لصحيفة محلية", "مصادر", None),
    ("He", None, None),
])
def test_claim_speakers_keep_the_name_or_make_no_actor(speaker: str, role: str | None, expected: str | None) -> None:
    text = f"وقال {speaker} إن التعاون مستمر"
    claim = Claim("art1", speaker, "التعاون مستمر", 5, 5 + len(speaker), speaker_role=role)
    result = link_extraction(Extraction("art1", claims=[claim]), Article("art1", text), ActorRegistry())
    if expected is None:
        assert result.links == [] and result.new_actors == []
        assert result.extraction.claims[0].speaker_actor_id is None
    else:
        assert [lk.alias for lk in result.links] == [expected]
        assert result.new_actors[0].aliases == [expected]


def test_a_lone_word_makes_no_new_actor(registry: ActorRegistry) -> None:
    text = "وقال الورفلي إن الزيارة مهمة"
    ext = Extraction("art1", mentions=[_mention(text, "الورفلي")])
    assert link_extraction(ext, Article("art1", text), registry).new_actors == []


def test_saved_result_teaches_the_registry_for_the_next_article(registry: ActorRegistry) -> None:
    first = "قال المحلل سالم الورفلي إن الزيارة مهمة"
    r1 = link_extraction(Extraction("a1", mentions=[_mention(first, "سالم الورفلي")]), Article("a1", first), registry)
    assert "person:salam-al-wrfli" not in registry  # linking alone changes nothing
    r1.commit()
    second = "Analyst Salem Warfali said"
    r2 = link_extraction(Extraction("a2", mentions=[_mention(second, "Salem Warfali")]), Article("a2", second),
                         registry)
    assert r2.new_actors == [] and r2.links[0].actor_id == "person:salam-al-wrfli"


def test_institution_cut_after_its_clitic_gets_its_article_back() -> None:
    reg = ActorRegistry()
    reg.add(Actor("org:lby-army", "organization", "Libya Army", "الجيش الليبي", country="LBY"))
    text = "دعم للجيش الليبي"
    m = Mention("a", "organization", "لجيش الليبي", 5, 16, actor_id="org:lby-army")
    result = link_extraction(Extraction("a", mentions=[m]), Article("a", text), reg)
    assert [a.alias for a in result.aliases] == ["الجيش الليبي"]


def test_linking_fills_a_copy_and_leaves_the_extraction_as_it_was(registry: ActorRegistry) -> None:
    """Event people, claim speakers and mentions are filled in the result only (the input is not shared)."""
    text = ("Pakistan's army chief Asim Munir received Lieutenant General Saddam Haftar in Rawalpindi. "
            "Munir said the two armies would train together.")
    people = [Person("Asim Munir"), Person("Saddam Haftar", role="Lieutenant General", country="LBY")]
    event = Event("MEET", [Party("PAK"), Party("LBY", "east")], [Source("art1", text[:88], 0, 88)], people=people)
    claim = Claim("art1", "Munir", "the two armies would train together", 95, 100)
    ext = Extraction("art1", events=[event], mentions=[_mention(text, "Asim Munir")], claims=[claim])
    result = link_extraction(ext, Article("art1", text, published="2025-07-20"), registry)
    out = result.extraction
    assert [p.actor_id for p in out.events[0].people] == ["person:asim-munir", "person:saddam-haftar"]
    assert out.events[0].people[0].name_ar == "عاصم منير"
    assert out.mentions[0].actor_id == out.claims[0].speaker_actor_id == "person:asim-munir"
    assert [(p.actor_id, p.name_ar) for p in event.people] == [(None, None), (None, None)]
    assert ext.mentions[0].actor_id is None and claim.speaker_actor_id is None
    assert out.events[0] is not event and out.events[0].sources == event.sources


def test_linking_never_counts_the_registry(registry: ActorRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    """``len`` of an overlaid registry walks every actor of its parents; a test of the parent by truthiness
    ran it on every lookup (quadratic over a long run). Linking must not need it."""
    run = registry.overlay()  # the run's registry over the KB's, as in ``ingest``
    run.add(Actor("person:nadia-karimi", "person", "Nadia Karimi", "نادية كريمي", country="TUN"))

    def no_len(self) -> int:
        raise AssertionError("len(registry) was called")

    monkeypatch.setattr(ActorRegistry, "__len__", no_len)
    text = "وصل الفريق صدام حفتر إلى تونس، حيث استقبلته نادية كريمي. وقال حفتر إن التعاون سيتسع."
    ext = Extraction("art1", mentions=[_mention(text, "الفريق صدام حفتر"), _mention(text, "نادية كريمي"),
                                        _mention(text, "حفتر", occurrence=1)])
    out = link_extraction(ext, Article("art1", text), run).extraction
    assert [m.actor_id for m in out.mentions] == ["person:saddam-haftar", "person:nadia-karimi", "person:saddam-haftar"]
