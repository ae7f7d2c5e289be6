"""The seed knowledge base finds and types realistic mentions, and its data stays consistent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alliancemap.resolve import kb as kbmod
from alliancemap.resolve.kb import KBError, KnowledgeBase, build_kb, demonym_forms, load_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


def _hits(kb: KnowledgeBase, text: str) -> list[tuple[str, str]]:
    return [(h.text, h.value.id) for h in kb.find(text)]


@pytest.mark.parametrize(
    ("text", "surface", "entry_id"),
    [
        ("وصل وقائد الجيش الباكستاني إلى المدينة", "الجيش الباكستاني", "org:pak-army"),
        ("وفي بيان للقيادة العامة صدر مساء أمس", "لقيادة العامة", "org:lby-general-command"),
        ("التحق عدد من الضباط بالجيش الوطني الليبي منذ سنوات", "الجيش الوطني الليبي", "org:lby-laaf"),
        ("Pakistan's army chief arrived on Monday", "Pakistan's army", "org:pak-army"),
        ("officers of the Libyan National Army (LNA) attended", "Libyan National Army", "org:lby-laaf"),
        ("a statement by ISPR said the talks went well", "ISPR", "org:pak-ispr"),
        ("استقبل رئيس حكومة حماد الوفد الزائر", "حكومة حماد", "org:lby-gns"),
        ("أكدت وزارة الدفاع بطرابلس أن", "وزارة الدفاع بطرابلس", "org:lby-defence-ministry"),
        ("واشتبكت قوات الدعم السريع مع وحدات أخرى", "قوات الدعم السريع", "faction:SDN-RSF"),
        ("Houthi forces fired a missile", "Houthi", "faction:YEM-Houthi"),
        ("the Turkish defence ministry said on Friday", "Turkish defence ministry", "org:tur-defence-ministry"),
        ("ومن المتوقع أن يصل إلى إسلام آباد غدا", "إسلام آباد", "place:islamabad"),
        ("ثم توجه الوفد إلى اسلام اباد", "اسلام اباد", "place:islamabad"),
        ("Saudi Arabia's crown prince", "Saudi Arabia's", "state:SAU"),
        ("وأشاد بالدور الذي تقوم به تركيا", "تركيا", "state:TUR"),
        ("talks in Türkiye on Tuesday", "Türkiye", "state:TUR"),
    ],
)
def test_finds_and_types_mentions(kb: KnowledgeBase, text: str, surface: str, entry_id: str) -> None:
    assert (surface, entry_id) in _hits(kb, text)


def test_hit_offsets_point_at_the_original_text(kb: KnowledgeBase) -> None:
    text = "وقال إنَّ الجيشَ الباكستانيَّ مستعد"
    (hit,) = kb.find(text)
    assert text[hit.start:hit.end] == hit.text == "الجيشَ الباكستانيَّ"


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("الباكستاني", "PAK"), ("الباكستانية", "PAK"), ("الباكستانيون", "PAK"), ("الباكستانيين", "PAK"),
        ("الباكستانيات", "PAK"), ("ليبية", "LBY"), ("والليبيين", "LBY"), ("الأتراك", "TUR"),
        ("الأمريكان", "USA"), ("الأميركية", "USA"), ("المصريون", "EGY"), ("العراقيين", "IRQ"),
        ("المغاربة", "MAR"), ("الكوري الجنوبي", "KOR"), ("Libyan", "LBY"), ("Pakistanis", "PAK"),
        ("Turks", "TUR"), ("Emirati", "ARE"),
        # states that had no demonym row: news names them by their people as often as by name
        ("الفلبينية", "PHL"), ("Filipino", "PHL"), ("Philippine", "PHL"), ("الكمبودية", "KHM"),
        ("Cambodian", "KHM"), ("التشيكي", "CZE"), ("Czech", "CZE"), ("الفيتنامية", "VNM"), ("Ghanaian", "GHA"),
        ("التنزانية", "TZA"), ("Mexican", "MEX"), ("الأرجنتيني", "ARG"), ("Papua New Guinean", "PNG"),
        ("روساً", "RUS"), ("أتراكاً", "TUR"),  # the accusative of a broken plural (مدربين روساً)
    ],
)
def test_demonyms_map_to_their_state(kb: KnowledgeBase, word: str, iso3: str) -> None:
    (hit,) = kb.find(f"قال {word} أمس" if not word.isascii() else f"the {word} said")
    assert hit.value.id == f"state:{iso3}" and hit.value.demonym is True and hit.value.kind == "state"


def test_country_name_is_not_a_demonym(kb: KnowledgeBase) -> None:
    (hit,) = kb.find("زار باكستان")
    assert hit.value.id == "state:PAK" and hit.value.demonym is False


def test_regular_and_irregular_demonym_rule() -> None:
    regular = demonym_forms({"ar_masc": "ليبي", "en_adj": "Libyan", "en_plural": "Libyans"})
    assert regular["ar_fem"] == ["ليبية"]
    assert regular["ar_pl_masc"] == ["ليبيون", "ليبيين"] and regular["ar_pl_fem"] == ["ليبيات"]
    irregular = demonym_forms({"ar_masc": "تركي", "ar_pl_masc": "أتراك"})
    assert irregular["ar_pl_masc"] == ["أتراك"] and irregular["ar_fem"] == ["تركية"]
    extra = demonym_forms({"ar_masc": "روسي", "ar_pl_masc": "+روس"})
    assert extra["ar_pl_masc"] == ["روسيون", "روسيين", "روس"]


def test_haftars_are_separate_and_family_name_alone_matches_nobody(kb: KnowledgeBase) -> None:
    text = "التقى المشير خليفة حفتر بنجله الفريق صدام حفتر، وقال حفتر إن"
    people = [h.value.id for h in kb.find(text) if h.value.kind == "person"]
    assert people == ["person:khalifa-haftar", "person:saddam-haftar"]
    assert kb.find("وقال حفتر إن الزيارة ناجحة") == []
    assert kb.find("Haftar said the visit went well") == []
    assert kb.get("person:saddam-haftar").role.startswith("Deputy General Commander")


def test_sharif_alone_matches_nobody(kb: KnowledgeBase) -> None:
    hits = kb.find("Shehbaz Sharif met Nawaz Sharif; Sharif later said")
    assert [h.value.id for h in hits] == ["person:shehbaz-sharif", "person:nawaz-sharif"]


@pytest.mark.parametrize(
    ("text", "iso3", "faction"),
    [
        ("القيادة العامة", "LBY", "east"),
        ("General Command", "LBY", "east"),
        ("حكومة الوحدة الوطنية", "LBY", "west"),
        ("المجلس الرئاسي", "LBY", "west"),
        ("الجيش السوداني", "SDN", "SAF"),
        ("قوات الدعم السريع", "SDN", "RSF"),
        ("RSF", "SDN", "RSF"),
    ],
)
def test_institutions_carry_their_faction(kb: KnowledgeBase, text: str, iso3: str, faction: str) -> None:
    (hit,) = kb.find(text)
    assert (hit.value.country, hit.value.faction) == (iso3, faction)


def test_split_states_list_their_factions(kb: KnowledgeBase) -> None:
    assert {f.faction for f in kb.factions("LBY")} == {"east", "west"}
    assert {f.faction for f in kb.factions("SDN")} == {"SAF", "RSF"}
    assert kb.factions("PAK") == []
    assert kb.faction("LBY", "east").id == "faction:LBY-east"


def test_seats_and_capitals_stand_for_parties(kb: KnowledgeBase) -> None:
    assert kb.stands_for("place:benghazi").id == "faction:LBY-east"
    assert kb.stands_for("place:tripoli").id == "faction:LBY-west"
    assert kb.stands_for("place:port-sudan").id == "faction:SDN-SAF"
    assert kb.stands_for("place:ankara").id == "state:TUR"
    assert kb.stands_for("place:lahore") is None


def test_shared_names_default_to_the_state_and_list_alternatives(kb: KnowledgeBase) -> None:
    (hit,) = kb.find("وصل الوفد إلى الجزائر")
    assert hit.value.id == "state:DZA"
    assert {e.id for e in kb.alternatives("الجزائر")} == {"state:DZA", "place:algiers"}
    assert [h.value.id for h in kb.find("في الجزائر العاصمة")] == ["place:algiers"]


def test_common_words_are_not_countries(kb: KnowledgeBase) -> None:
    assert kb.find("قدمت دعما ماليا ووزارة المالية ودعم مالي") == []


def test_every_state_has_both_names_and_a_valid_code(kb: KnowledgeBase) -> None:
    states = kb.entries("state")
    assert len(states) >= 195
    for s in states:
        assert s.name_en and s.name_ar and len(s.country) == 3
        assert any("\u0600" <= c <= "\u06ff" for c in s.name_ar), s.id
    assert kb.by_country("PAK").name_ar == "باكستان"


def test_person_roles_and_aliases(kb: KnowledgeBase) -> None:
    roles = kb.roles("person:asim-munir")
    assert roles[0].role_en == "Chief of Army Staff" and roles[0].since == "2022-11-29"
    assert "أسيم منير" in kb.aliases("person:asim-munir")
    assert [h.value.id for h in kb.find("Field Marshal Asim Munir")] == ["person:asim-munir"]


# ------------------------------------------------------------------ validation of broken data


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(kbmod.DATA, dst)
    return dst


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


def test_bad_places_row_names_file_and_line(data_copy: Path) -> None:
    path = data_copy / "places.tsv"
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    _append(path, "place:atlantis\tAtlantis\tأتلانتس\tXXX\t\t\t\n")
    with pytest.raises(KBError, match=rf"places\.tsv:{n_lines + 1}: unknown country"):
        build_kb(data_copy)


def test_alias_shared_by_two_countries_is_an_error_unless_marked(data_copy: Path) -> None:
    path = data_copy / "places.tsv"
    _append(path, "place:fake-city\tFakecity\tمدينة وهمية\tEGY\t\tبنغازي\t\n")
    with pytest.raises(KBError, match=r"places\.tsv:\d+: alias 'بنغازي'"):
        build_kb(data_copy)
    text = path.read_text(encoding="utf-8").replace("\tبنغازي\t\n", "\t~بنغازي\t\n")
    path.write_text(text, encoding="utf-8")
    kb = build_kb(data_copy)
    assert [h.value.id for h in kb.find("بنغازي")] == ["place:benghazi"]


def test_family_name_alias_is_rejected(data_copy: Path) -> None:
    path = data_copy / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("aliases_ar: [بلقاسم خليفة حفتر]", "aliases_ar: [بلقاسم خليفة حفتر, حفتر]")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KBError, match=r"actors\.yaml:\d+: one-word alias 'حفتر'"):
        build_kb(data_copy)


def test_bad_sector_names_the_yaml_line(data_copy: Path) -> None:
    path = data_copy / "factions.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if "id: faction:SDN-RSF" in line)
    lines = [line.replace("sector: REB", "sector: XXX") if i > n and i < n + 6 else line
             for i, line in enumerate(lines)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(KBError, match=rf"factions\.yaml:{n + 1}: sector 'XXX'"):
        build_kb(data_copy)
