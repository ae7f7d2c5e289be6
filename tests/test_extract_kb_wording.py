"""Knowledge and wording classes that blind news sets missed (issue 12): the knowledge base (capitals,
defence producers, cased acronyms), Arabic nisba surnames, drill / training / committee wordings, page
furniture that lists other stories' headlines, and events that only the headline reports.

Every sentence is written for this file; each class has Arabic and English rows and at least one row
that must not fire.
"""

from __future__ import annotations

import pytest

from alliancemap.clean import clean
from alliancemap.extract import extract_article
from alliancemap.gates import extract_gated
from alliancemap.model import RawDocument
from alliancemap.resolve.kb import DATA, _tsv, load_kb
from tests.test_extract_classes import K, _keys, article, class_rows

CASES = {
    # a contract with a defence producer gives the producer's state as the seller
    "kb_companies": [
        ("Poland signed a contract with Nammo to buy artillery ammunition.", {K("ARMS_DEAL", "POL", "NOR")}),
        ("Armenia signed a contract with BEL to buy air defence radars.", {K("ARMS_DEAL", "ARM", "IND")}),
        ("Morocco signed a contract with EDGE to buy armed drones.", {K("ARMS_DEAL", "MAR", "ARE")}),
        ("Vietnam signed a contract with Dassault for 12 fighter jets.", {K("ARMS_DEAL", "VNM", "FRA")}),
        ("وقّع المغرب عقدا مع مؤسسة أفيك لشراء طائرات مسيّرة.", {K("ARMS_DEAL", "MAR", "CHN")}),
        ("وقعت الفلبين عقدا مع هيونداي روتم لشراء دبابات.", {K("ARMS_DEAL", "PHL", "KOR")}),
        ("وقعت بولندا عقدا مع شركة كونغسبرغ لشراء صواريخ مضادة للسفن.", {K("ARMS_DEAL", "POL", "NOR")}),
        ("وقعت الجزائر عقدا مع روس أوبورون إكسبورت لشراء مروحيات قتالية.", {K("ARMS_DEAL", "DZA", "RUS")}),
        ("أبرمت صربيا عقدا مع نورنكو لتوريد منظومات دفاع جوي.", {K("ARMS_DEAL", "SRB", "CHN")}),
        # an acronym in lower case is a word, not the company
        ("Morocco signed a contract to buy armed drones that give its army an edge.", set()),
    ],
    # a contract named after its weapon is the arms deal; a contract on training stays an agreement
    "weapon_contract": [
        ("Germany signs Arrow 3 contract with Israel.", {K("ARMS_DEAL", "DEU", "ISR")}),
        ("Poland and South Korea sign K9 howitzer contract.", {K("ARMS_DEAL", "POL", "KOR")}),
        ("المغرب وإسرائيل يوقعان عقد منظومة باراك 8.", {K("ARMS_DEAL", "MAR", "ISR")}),
        ("Egypt and France signed a defence cooperation agreement and a contract on training.",
         {K("AGREE", "EGY", "FRA")}),
        # a contract with a defence maker or to acquire is a purchase; a cooperation agreement with one is not
        ("وقع وزير الدفاع الكويتي عقدي استحواذ مع شركة أسيلسان التركية للصناعات الدفاعية.", {K("ARMS_DEAL", "KWT", "TUR")}),
        ("Qatar signed a contract with Turkish defence firm Aselsan on Tuesday.", {K("ARMS_DEAL", "QAT", "TUR")}),
        ("Qatar signed a cooperation agreement with Turkish defence firm Aselsan.", {K("AGREE", "QAT", "TUR")}),
    ],
    # every member state's capital is a place of its state, in both scripts
    "kb_capitals": [
        ("The Indian defence minister visited Jerusalem on Monday.", {K("VISIT", "IND", "ISR")}),
        ("زار وزير الدفاع الهندي القدس يوم الاثنين.", {K("VISIT", "IND", "ISR")}),
        ("The Polish defence minister arrived in Seoul for a two-day visit.", {K("VISIT", "POL", "KOR")}),
        ("The Saudi foreign minister arrived in Port of Spain on Tuesday.", {K("VISIT", "SAU", "TTO")}),
        ("The Ghanaian president flew to Yamoussoukro for talks.", {K("VISIT", "GHA", "CIV")}),
        ("Male and female cadets of the Kenyan navy paraded in Mombasa.", set()),
    ],
    # compound and regional demonyms: the whole compound is one state's
    "kb_demonyms": [
        ("وصل الرئيس الجنوب أفريقي إلى القاهرة في زيارة رسمية.", {K("VISIT", "ZAF", "EGY")}),
        ("التقى وزير الدفاع الجنوب سوداني نظيره الأوغندي في كمبالا.", {K("MEET", "SSD", "UGA")}),
        ("تسلم الجيش البولوني دفعة من الدبابات الكورية الجنوبية.", {K("ARMS_DEAL", "POL", "KOR")}),
    ],
    # a nisba that ends a person's name is no state; a nisba after a definite noun still is
    "nisba": [
        ("قال العقيد سامر السوري إن الجيش اللبناني تسلم ست مروحيات أمريكية.", {K("ARMS_DEAL", "LBN", "USA")}),
        ("قال المتحدث يوسف التركي إن الجيش اللبناني تسلم ست مروحيات أمريكية.", {K("ARMS_DEAL", "LBN", "USA")}),
        ("أكد عبد الله العراقي أن الكويت تسلمت دفعة من المدرعات الفرنسية.", {K("ARMS_DEAL", "KWT", "FRA")}),
        ("Lebanese army spokesman Nabil al-Turki said the army received six US helicopters.",
         {K("ARMS_DEAL", "LBN", "USA")}),
        ("التقى الوزير المصري نظيره الأردني في عمّان.", {K("MEET", "EGY", "JOR")}),
        # a definite noun behind a clitic and after a title is still the nisba's noun
        ("رحب أمير قطر بالرئيس التركي لدى وصوله إلى الدوحة في زيارة رسمية.", {K("VISIT", "QAT", "TUR")}),
        ("وقال الوزير المصري إن بلاده وقعت مع الأردن اتفاقية للتعاون الدفاعي.", {K("AGREE", "EGY", "JOR")}),
    ],
    # drills, war games, manoeuvres, live firing; not a fire or evacuation drill, not drills to come
    "exercise": [
        ("Egyptian and Greek forces staged war games in the Mediterranean this week.", {K("EXERCISE", "EGY", "GRC")}),
        ("Indonesian and Australian troops began a field training exercise in Darwin.",
         {K("EXERCISE", "IDN", "AUS")}),
        ("Jordanian and American troops carried out live-fire drills in the Jordanian desert.",
         {K("EXERCISE", "JOR", "USA")}),
        ("اختتمت القوات البحرية الباكستانية والتركية تمرينا بحريا مشتركا في بحر العرب.", {K("EXERCISE", "PAK", "TUR")}),
        ("أجرت وحدات من الجيشين الأردني والأمريكي رماية بالذخيرة الحية في ختام المناورات.",
         {K("EXERCISE", "JOR", "USA")}),
        ("Egyptian and Saudi paratroopers practised joint airborne assaults during the drills.",
         {K("EXERCISE", "EGY", "SAU")}),
        ("French and Emirati jets flew joint sorties as part of the Desert Flag exercise.", {K("EXERCISE", "FRA", "ARE")}),
        ("Egyptian and American forces start joint drills in the Western Desert.", {K("EXERCISE", "EGY", "USA")}),
        ("Oman hosted the Indian navy for the Naseem Al Bahr naval exercise.", {K("EXERCISE", "OMN", "IND")}),
        ("A fire drill was held at the Kenyan embassy in Cairo.", set()),
        ("The exercise is set to start on Sunday with Saudi and Pakistani troops.", set()),
        ("نفذت السفارة الكويتية في القاهرة تمرين إخلاء للموظفين المصريين.", set()),
        ("The two sides discussed holding joint drills next year, Egypt and Sudan said.", set()),
    ],
    # training that forces received or underwent; a civilian graduation is none
    "training": [
        ("تلقى طيارون عراقيون تدريبا على قيادة المقاتلات في الولايات المتحدة.", {K("TRAINING", "IRQ", "USA")}),
        ("خضع ضباط ليبيون لدورة تدريبية في الأكاديمية العسكرية التركية.", {K("TRAINING", "LBY", "TUR")}),
        ("Iraqi pilots underwent flight training in Pakistan last month.", {K("TRAINING", "IRQ", "PAK")}),
        ("Nigerian officers received training from Chinese instructors near Abuja.", {K("TRAINING", "NGA", "CHN")}),
        ("Pakistan has trained hundreds of Saudi officers at its military academy in Kakul.",
         {K("TRAINING", "PAK", "SAU")}),
        ("A team of US Marines trained Lebanese commandos in urban warfare.", {K("TRAINING", "USA", "LBN")}),
        ("Chinese instructors are teaching Algerian crews to operate the new frigates.", {K("TRAINING", "CHN", "DZA")}),
        # the training of forces named as a topic of talks is no training (the talks are a meeting)
        ("The ministers discussed joint production and the training of Armenian officers at Indian academies.",
         {K("MEET", "ARM", "IND")}),
        ("أنهى ضباط سودانيون دورة تدريبية في الكلية الحربية المصرية.", {K("TRAINING", "SDN", "EGY")}),
        ("تخرجت دفعة جديدة من الطلبة العسكريين الليبيين من الأكاديمية العسكرية التركية.", {K("TRAINING", "LBY", "TUR")}),
        ("أقامت البحرية المصرية دورة تدريبية لعناصر من خفر السواحل الليبي.", {K("TRAINING", "EGY", "LBY")}),
        ("اختتمت في إسلام آباد دورة لضباط من الجيش السعودي في مكافحة الإرهاب.", {K("TRAINING", "PAK", "SAU")}),
        ("Dozens of Ugandan students graduated from a Chinese university in Beijing.", set()),
    ],
    # 2+2 dialogues, steering groups and rounds of a strategic dialogue are standing joint bodies; a parliament's committee is none
    "committee": [
        ("India and the United States held their 2+2 dialogue in New Delhi on Friday.", {K("COMMITTEE", "IND", "USA")}),
        ("The India-Japan 2+2 ministerial dialogue took place in Tokyo.", {K("COMMITTEE", "IND", "JPN")}),
        ("عقدت الهند واليابان حوار 2+2 بين وزيري الدفاع والخارجية في طوكيو.", {K("COMMITTEE", "IND", "JPN")}),
        ("Turkey and Libya set up a steering group to oversee defence cooperation.", {K("COMMITTEE", "TUR", "LBY")}),
        ("Pakistan and China held the 12th round of their strategic dialogue in Beijing.", {K("COMMITTEE", "PAK", "CHN")}),
        ("عقد الجانبان الباكستاني والصيني جولة جديدة من الحوار الاستراتيجي في بكين.", {K("COMMITTEE", "PAK", "CHN")}),
        ("عقد مجلس التنسيق السعودي المصري اجتماعه الثالث في الرياض.", {K("COMMITTEE", "SAU", "EGY")}),
        ("استضافت الرياض الاجتماع الخامس لمجموعة العمل الدفاعية السعودية الأمريكية.", {K("COMMITTEE", "SAU", "USA")}),
        ("The committee of the Egyptian parliament discussed the budget.", set()),
        ("Egypt and Turkey agreed to launch a strategic dialogue next year.", set()),
        ("دعا البلدان مصر وتركيا إلى حوار استراتيجي بينهما.", set()),
    ],
}


@pytest.mark.parametrize(("text", "expected"), **class_rows(CASES))
def test_class(text: str, expected: set) -> None:
    assert _keys(text) == expected


def test_every_member_state_has_its_capital() -> None:
    """The stated rule of docs/lexicons.md: each UN member state's capital is a place standing for it."""
    kb = load_kb()
    members = {row["iso3"] for _, row in _tsv(DATA / "countries.tsv") if row["status"].strip() == "member"}
    capitals = {kb.stands_for(e.id).country for e in kb.entries("place") if kb.stands_for(e.id)}
    assert len(members) == 193
    assert members - capitals == set()


@pytest.mark.parametrize(("text", "found"), [
    ("KAI and HAL bid for the trainer jet order, BEL supplies the radar and TAI builds the drone.",
     ["org:kor-kai", "org:ind-hal", "org:ind-bel", "org:tur-tusas"]),
    ("Tai chi in the hal of the kai, a bel canto evening and the cutting edge of sami poetry.", []),
])
def test_acronyms_match_only_in_capitals(text: str, found: list[str]) -> None:
    assert [h.value.id for h in load_kb().find(text) if h.value.kind == "organization"] == found


PAGES = {
    "en": """Kenya and Turkey sign defence pact

NAIROBI - Kenya and Turkey signed a defence cooperation agreement in Nairobi on Monday, officials said.

Related

Egypt and Greece hold joint naval drill in the Aegean Sea this week

Saudi Arabia signs deal to buy Chinese drones worth $4 billion

The agreement covers training, border security and the defence industry, the Kenyan ministry said in a statement.

Most read

1. Pakistan signs deal with China to buy 40 J-35 stealth fighter jets

2. Indian army chief visits Riyadh for talks with Saudi commanders
""",
    "ar": """الأردن والإمارات يوقعان اتفاقية للتعاون العسكري

عمّان - وقّع الأردن والإمارات، الأحد، اتفاقية للتعاون العسكري في العاصمة عمّان، وفق بيان رسمي.

أخبار ذات صلة

مصر واليونان تجريان مناورات بحرية مشتركة في بحر إيجه

السعودية توقع صفقة لشراء مسيرات صينية بقيمة 4 مليارات دولار

وتشمل الاتفاقية التدريب وتبادل الخبرات وأمن الحدود، بحسب البيان الذي نشرته وكالة الأنباء الأردنية.

شاهد أيضا

1- باكستان توقع صفقة مع الصين لشراء 40 مقاتلة من طراز جي-35

2- قائد الجيش الهندي يزور الرياض ويلتقي قادة سعوديين
""",
}


@pytest.mark.parametrize(("lang", "expected"), [("en", {K("AGREE", "KEN", "TUR")}), ("ar", {K("AGREE", "JOR", "ARE")})])
def test_other_stories_headlines_yield_no_events(lang: str, expected: set) -> None:
    art = clean(RawDocument("r", "record", PAGES[lang], "x", lang=lang, published="2025-03-09"))
    keys = {(e.type, frozenset(p.country for p in e.parties)) for e in extract_article(art).events}
    assert keys == expected
    assert "Aegean" not in art.text and "إيجه" not in art.text
    assert ("statement" in art.text) if lang == "en" else ("وكالة الأنباء الأردنية" in art.text)


def _headed(title: str, body: str):
    art = article(body, "2025-03-10")
    art.title = title
    return extract_article(art).events


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("Egypt and Sudan sign military cooperation agreement",
     "The deal covers training, border security and the exchange of expertise. Cairo has sought closer ties "
     "with the army in Khartoum since the start of the war, analysts say.", K("AGREE", "EGY", "SDN")),
    ("مصر والسودان توقعان اتفاقية للتعاون العسكري",
     "وتشمل الاتفاقية التدريب وتأمين الحدود وتبادل الخبرات. وتسعى القاهرة منذ بداية الحرب إلى تعزيز علاقاتها "
     "مع الجيش في الخرطوم، بحسب محللين.", K("AGREE", "EGY", "SDN")),
    ("Pakistani and Saudi navies hold joint drills in Arabian Sea",
     "The exercise focused on maritime security and anti-piracy operations, the navy said in a statement.",
     K("EXERCISE", "PAK", "SAU")),
])
def test_an_event_only_the_headline_reports_is_extracted_once(title: str, body: str, expected) -> None:
    events = _headed(title, body)
    assert [(e.type, frozenset(p.country for p in e.parties)) for e in events] == [expected]
    assert events[0].date == "2025-03-10" and events[0].sources[0].sentence == title


@pytest.mark.parametrize(("title", "body"), [
    ("Egypt and Sudan sign military cooperation agreement",
     "Egypt and Sudan signed a military cooperation agreement in Cairo on Sunday. It covers border security."),
    ("Why Egypt and Sudan need a defence pact", "Analysts say the two countries share threats along the Nile."),
    ("Sudan's Burhan to visit Cairo next week", "The visit will focus on the war and border security."),
])
def test_a_headline_adds_nothing_the_body_tells_or_that_is_not_news(title: str, body: str) -> None:
    assert all(not e.attributes.get("from_title") for e in _headed(title, body))


def test_the_keyword_gate_lets_a_headline_event_through() -> None:
    art = article("The pact covers joint patrols on the Red Sea and the sharing of radar data, diplomats say.")
    art.title = "Eritrea and Egypt sign naval cooperation agreement"
    ext = extract_gated(art)
    assert ext.gate is None
    assert [(e.type, frozenset(p.country for p in e.parties)) for e in ext.events] == [K("AGREE", "ERI", "EGY")]
