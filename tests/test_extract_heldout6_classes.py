"""Classes of extraction errors found on the fifth blind held-out set (benchmarks/heldout6), one table
per class. Every sentence is written for this file, none is taken from a measured set; each row says
which (type, parties) keys the sentence reports (planned events are left out).
"""

from __future__ import annotations

import pytest

from alliancemap.extract import extract_article
from tests.test_extract_classes import K, _keys, article, class_rows

CASES = {
    # a visit or talks whose whole content is trade, energy or investment is no security event
    "civil_visit": [
        ("PARIS — The Spanish prime minister arrived in Paris on Monday for a state visit devoted to trade and "
         "renewable energy, and held talks with the French president on investment in rail links.", set()),
        ("The Indian prime minister visited Tokyo on Tuesday and met his Japanese counterpart; the talks focused "
         "on investment, trade and a high-speed railway.", set()),
        ("وصل رئيس الوزراء الإسباني إلى باريس أمس في زيارة رسمية تركز على التجارة والطاقة المتجددة، وبحث مع "
         "الرئيس الفرنسي الاستثمار في السكك الحديدية.", set()),
        ("زار المستشار النمساوي الرياض أمس لبحث ملف الطاقة والاستثمار مع ولي العهد السعودي.", set()),
        # "artificial intelligence" is a civil topic, not intelligence services
        ("The Chinese president began a state visit to Peru and discussed artificial intelligence, trade and "
         "investment with the Peruvian president.", set()),
        # one civil word in a name is no civil story
        ("The Saudi defence minister arrived in Port of Spain on Tuesday.", {K("VISIT", "SAU", "TTO")}),
        # an airline's jets are no weapons: the leaders who hail the order hold no security talks
        ("Vietnam Airlines signed a deal to buy 50 jets from Boeing, and the Vietnamese and American presidents "
         "met in Hanoi to welcome the order.", set()),
        # a visit that also names a defence matter or a weapon stays a security event
        ("The Indian prime minister visited Tokyo on Tuesday and met his Japanese counterpart; the talks focused "
         "on drones and trade.", {K("VISIT", "IND", "JPN"), K("MEET", "IND", "JPN")}),
        ("زار المستشار النمساوي الرياض أمس لبحث التعاون العسكري والطاقة مع ولي العهد السعودي.",
         {K("VISIT", "AUT", "SAU"), K("MEET", "AUT", "SAU")}),
    ],
}


@pytest.mark.parametrize(("text", "expected"), **class_rows(CASES))
def test_class(text: str, expected: set) -> None:
    assert _keys(text) == expected


def _types(text: str) -> set[str]:
    return {t for t, _ in _keys(text)}


@pytest.mark.parametrize("text", [
    # a place named Zar, a drill named "visit, board, search and seizure", a plan that "came to nothing"
    "نفذت وحدات أرمينية وأمريكية تدريبات مشتركة في مركز زار للتدريب غرب يريفان.",
    "أقيم التمرين في معسكر زار بمشاركة قوات أمريكية وأرمينية.",
    "The drill included visit-board-search-and-seizure boardings by Indian and Tanzanian sailors.",
    "Kenyan and Indian crews rehearsed visit-board-search-and-seizure procedures off Mombasa.",
    "Earlier talks with Ukraine on new armour for the Peruvian army came to nothing.",
    "Plans to buy Swedish fighters for the Colombian air force came to naught last year.",
    # a ship that "was received by" a commander arrives; no official is received
    "The frigate, built in Italy for the Egyptian navy, was received by the Egyptian naval commander at "
    "Alexandria in the presence of Italian officials.",
    "The new corvette from Spain was welcomed by the Qatari navy chief when it docked in Doha.",
])
def test_visit_words_that_are_no_trip(text: str) -> None:
    assert "VISIT" not in _types(text)


@pytest.mark.parametrize(("text", "expected"), [
    # "the visit" named again brings no new trip with the state it sends a message to
    ("The Indian defence minister arrived in Maputo on Sunday. Officials said the visit was also meant as a "
     "message to China.", {K("VISIT", "IND", "MOZ")}),
    ("وصل وزير الدفاع الهندي إلى مابوتو أمس. وقال مسؤولون إن الزيارة تحمل أيضا رسالة إلى الصين.",
     {K("VISIT", "IND", "MOZ")}),
    # a visit named with its own visitor is another trip; an official received, or a verb "زار", is a visit
    ("The Indian defence minister arrived in Maputo on Sunday. The visit by the Chinese navy chief to Maputo "
     "came a week later.", {K("VISIT", "IND", "MOZ"), K("VISIT", "CHN", "MOZ")}),
    ("The Egyptian defence minister was received by the Italian navy chief in Rome.",
     {K("VISIT", "EGY", "ITA"), K("MEET", "EGY", "ITA")}),
    ("زار وزير الدفاع الأمريكي يريفان أمس.", {K("VISIT", "USA", "ARM")}),
    ("The Chinese defence minister came to Lima on Monday.", {K("VISIT", "CHN", "PER")}),
])
def test_visits_told_again_and_new_ones(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a ship a navy takes, a combat or patrol ship, interceptor craft: a delivery of arms
    ("تسلمت البحرية الماليزية السفينة الأولى من أصل سفينتين بنتهما شركة تركية.", {K("ARMS_DEAL", "MYS", "TUR")}),
    ("The Indian defence minister handed over two fast interceptor craft to the Kenyan navy in Mombasa on Monday.",
     {K("ARMS_DEAL", "IND", "KEN")}),
    ("The Philippine Navy took delivery of the first of two offshore patrol vessels from South Korea on Friday.",
     {K("ARMS_DEAL", "KOR", "PHL")}),
    # the contract signed for the ships delivered is the purchase, not an agreement of cooperation
    ("تسلمت البحرية الماليزية أمس السفينة الأولى من السفينتين متعددتي المهام من تركيا. وكانت ماليزيا قد وقعت "
     "عقد شراء السفينتين مع الجانب التركي عام 2021.", {K("ARMS_DEAL", "MYS", "TUR")}),
    ("Malaysia's navy took delivery of its first Turkish-built combat ship on Monday. Malaysia signed the contract "
     "for the two ships with Turkey in 2021.", {K("ARMS_DEAL", "MYS", "TUR")}),
    # a merchant ship is no weapon
    ("تسلمت شركة الملاحة القطرية سفينة حاويات جديدة من كوريا الجنوبية.", set()),
    ("A Greek shipping company took delivery of two tankers built in South Korea.", set()),
])
def test_ships_a_navy_takes(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a declaration the leaders sign is an instrument
    ("The presidents of Kenya and Uganda signed a declaration on defence cooperation in Nairobi on Monday.",
     {K("AGREE", "KEN", "UGA")}),
    ("Both leaders signed the Ankara Declaration, which commits Turkey and Somalia to joint naval patrols.",
     {K("AGREE", "SOM", "TUR")}),
    ("وقع الرئيسان التونسي والجزائري في تونس على إعلان مشترك للتعاون الأمني.", {K("AGREE", "DZA", "TUN")}),
    # war or an emergency declared, an announcement of results: no instrument
    ("The Kenyan president signed a declaration of a state of emergency in the north.", set()),
    ("The Ugandan and Kenyan presidents issued a joint declaration of war on poaching after talks.", set()),
])
def test_declarations_signed(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize("text", [
    "تسلمت البحرية الماليزية أمس السفينة الأولى من السفينتين متعددتي المهام من تركيا. وكانت ماليزيا قد وقعت عقد "
    "شراء السفينتين مع الجانب التركي.",
    "Malaysia's navy took delivery of its first Turkish-built combat ship on Monday. Malaysia signed the contract "
    "for the two ships with Turkey.",
])
def test_the_contract_of_a_delivery_stays_its_own_event(text: str) -> None:
    deals = [e for e in extract_article(article(text)).events if e.type == "ARMS_DEAL" and e.status != "planned"]
    assert sorted(bool(e.attributes.get("delivery")) for e in deals) == [False, True]


@pytest.mark.parametrize(("text", "expected"), [
    # a purchase intended, negotiated or made by a class of buyers is no deal; talks going on are no meeting
    ("Jakarta had intended to acquire 11 Su-35s from Russia.", set()),
    ("The plan stalled after Washington threatened sanctions against countries buying major Russian weapons.",
     set()),
    ("هددت واشنطن بفرض عقوبات على الدول التي تشتري أسلحة روسية.", set()),
    ("Peru is also in talks with South Korea to buy K2 tanks.", set()),
    ("كما تجري بيرو محادثات مع كوريا الجنوبية لشراء دبابات كورية.", set()),
    # a trip's purpose is no meeting held
    ("ومن المقرر أن يزور الرئيس حسن شيخ محمود بعد ذلك العاصمة الكينية نيروبي لحضور قمة إقليمية.", set()),
    ("وصل الرئيس الصومالي إلى نيروبي أمس لحضور قمة مع الرئيس الكيني.", {K("VISIT", "SOM", "KEN")}),
    # a contract signed after talks, and a purchase made, stay deals
    ("Peru signed a contract with South Korea to buy K2 tanks after two years of talks.",
     {K("ARMS_DEAL", "KOR", "PER")}),
    ("وقعت بيرو عقدا لشراء دبابات كورية بعد مفاوضات استمرت عامين.", {K("ARMS_DEAL", "KOR", "PER")}),
    ("Egypt bought Russian fighter jets last year.", {K("ARMS_DEAL", "EGY", "RUS")}),
])
def test_plans_and_talks(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # three states joined by hyphens all take part; a drill that "got under way" was held
    ("The India-Mozambique-Tanzania trilateral maritime exercise got under way on Thursday at Zanzibar.",
     {K("EXERCISE", "IND", "MOZ", "TZA")}),
    ("The Egypt-Greece-Cyprus air exercise began on Monday near Souda Bay.", {K("EXERCISE", "CYP", "EGY", "GRC")}),
    ("بدأ التمرين المصري-اليوناني-القبرصي أمس قرب جزيرة كريت.", {K("EXERCISE", "CYP", "EGY", "GRC")}),
    # a pair stays a pair, a chain of words that are not all states is no party list
    ("The India-France naval exercise got under way on Thursday off Goa.", {K("EXERCISE", "FRA", "IND")}),
    ("The anti-piracy drill of the Indian navy got under way off Goa on Thursday.", set()),
])
def test_hyphened_party_chains(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a meeting named by its format, beside a signing, is a meeting
    ("After a one-on-one meeting, the Greek prime minister and the Emirati crown prince oversaw the signing of "
     "the strategic partnership.", {K("MEET", "ARE", "GRC")}),
    ("The Turkish and Azerbaijani presidents held a tête-à-tête meeting, followed by talks between the "
     "delegations, before signing the declaration.", {K("MEET", "AZE", "TUR"), K("AGREE", "AZE", "TUR")}),
    ("Kenya's president held closed-door talks with the Ugandan president in Kampala.", {K("MEET", "KEN", "UGA")}),
    # one still to be held is no meeting
    ("The two ministers will hold delegation-level talks in Baku next week.", set()),
])
def test_meetings_named_by_format(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # forces being trained by a foreign team: training going on is training
    ("An Indian Navy team has also been training Mozambican sailors to operate the craft, officials said.",
     {K("TRAINING", "IND", "MOZ")}),
    ("A Turkish team is training Somali officers at a base in Mogadishu.", {K("TRAINING", "SOM", "TUR")}),
    ("يقوم فريق من البحرية الهندية بتدريب البحارة الموزمبيقيين على تشغيل الزوارق.", {K("TRAINING", "IND", "MOZ")}),
    # a navy training on its own trains no one else
    ("The Indian Navy is training hard for the monsoon season.", set()),
])
def test_training_going_on(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the airspace a flight crossed names no party
    ("The Israeli defence minister landed in Manama on Wednesday aboard a plane that flew over Saudi airspace.",
     {K("VISIT", "ISR", "BHR")}),
    ("وصل وزير الدفاع الإسرائيلي إلى المنامة أمس على متن طائرة عبرت الأجواء السعودية.", {K("VISIT", "ISR", "BHR")}),
    # trainer aircraft are no trainers of troops
    ("The Peruvian Air Force has flown KT-1P turboprop trainers built in South Korea since 2014, and their pilots "
     "train at Las Palmas.", set()),
    ("The Peruvian Air Force sent its KT-1P turboprop trainers, built in South Korea, to a mission in the north.",
     set()),
    # a ceasefire between belligerents and a meeting's own minutes are no instruments of cooperation
    ("The parties to the Libyan conflict signed a ceasefire agreement in Geneva, backed by Russia and Turkey.", set()),
    ("أشاد الجانبان الروسي والليبي باتفاق وقف إطلاق النار الموقع في جنيف.", set()),
    ("At the end of the session the Indian and Omani sides signed the minutes of the meeting.", set()),
    # a security text signed as minutes is an instrument; instructors who train troops are training
    ("وقع العراق وإيران على محضر أمني لضبط الحدود المشتركة.", {K("AGREE", "IRN", "IRQ")}),
    ("Russian instructors arrived in Mali to train the army.", {K("TRAINING", "RUS", "MLI")}),
])
def test_routes_aircraft_and_non_pacts(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a state whose displeasure a trip drew is no party to it, also when the traveller's state is not named
    ("وفي وقت سابق، أرسلت زوجة رئيس الوزراء مساعدات إنسانية إلى أوكرانيا خلال زيارة لكييف، وهو ما أثار بدوره "
     "استياء موسكو.", set()),
    ("Earlier this month the prime minister's wife took aid to Ukraine during a visit to Kyiv, which angered "
     "Moscow.", set()),
    ("زار وزير الدفاع الأرميني كييف الأسبوع الماضي، وهو ما أثار استياء موسكو.", {K("VISIT", "ARM", "UKR")}),
    ("The Armenian defence minister visited Kyiv last week, a trip that angered Moscow.", {K("VISIT", "ARM", "UKR")}),
    ("The Armenian defence minister visited Kyiv last week, to Moscow's displeasure.", {K("VISIT", "ARM", "UKR")}),
    # the state visited stays the host
    ("The Armenian defence minister visited Moscow last week.", {K("VISIT", "ARM", "RUS")}),
])
def test_a_displeased_state_looks_on(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "has taken delivery of" a combat ship, "completed … training with" a foreign navy
    ("The Indonesian Navy has formally taken delivery of the first of two multipurpose combat ships bought from "
     "Fincantieri, at the yard in La Spezia on Thursday.", {K("ARMS_DEAL", "IDN", "ITA")}),
    ("The Greek navy is taking delivery of a new frigate from France this week.", {K("ARMS_DEAL", "FRA", "GRC")}),
    ("Before the ceremony the Indonesian crew completed several months of training with the Italian Navy.",
     {K("TRAINING", "IDN", "ITA")}),
    ("أنهى طاقم السفينة الإندونيسي دورات تدريبية في إيطاليا.", {K("TRAINING", "IDN", "ITA")}),
    # a course on condition, a training centre built, a drill of one army: no training of another state's forces
    ("Denmark will hand over the jets provided Ukrainian pilots had completed their training.", set()),
    ("Workers finished building a new training centre for the Kenyan army.", set()),
    ("The Kenyan army completed its annual training exercise near Nanyuki.", set()),
])
def test_deliveries_and_courses_completed(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a state whose relations a body reviews is the topic of its meeting, not a participant
    ("وكان المجلس الأعلى للأمن قد قرر الأسبوع الماضي، في اجتماع ترأسه الرئيس الجزائري، مراجعة العلاقات مع الرباط.",
     set()),
    ("The Algerian High Security Council decided at a meeting chaired by the president last week to review "
     "relations with Rabat.", set()),
    # the counterpart met stays a party
    ("The Algerian foreign minister met his Moroccan counterpart in Rabat to review relations with Morocco.",
     {K("MEET", "DZA", "MAR")}),
])
def test_relations_under_review_are_a_topic(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # two sellers named after "from" are never a pair: the buyer named by its capital is the other party
    ("Since then Yerevan has frozen its participation in a Russian-led bloc and has bought air-defence radars "
     "from France and artillery from India.", {K("ARMS_DEAL", "ARM", "FRA")}),
    ("اشترت يريفان رادارات من فرنسا ومدافع من الهند.", {K("ARMS_DEAL", "ARM", "FRA")}),
    # a buyer named as a state stays the buyer
    ("Armenia has bought air-defence radars from France and artillery from India.", {K("ARMS_DEAL", "ARM", "FRA")}),
])
def test_two_sellers_and_a_buyer(text: str, expected: set) -> None:
    assert _keys(text) == expected
