"""Classes of extraction errors found on a held-out set written blind (benchmarks/heldout), one table per
class. Every sentence is written for this file, none is taken from a measured set; each row says which
(type, parties) keys the sentence reports, asserted only.
"""

from __future__ import annotations

import pytest

from alliancemap.extract import extract_article
from tests.test_extract_classes import K, _keys, article, class_rows

CASES = {
    # artillery, rocket launchers and radars are weapons in English too
    "weapon_words": [
        ("Romania has taken delivery of the first HIMARS rocket launchers bought from the United States.",
         {K("ARMS_DEAL", "ROU", "USA")}),
        ("Estonia received its first batch of Chunmoo rocket artillery systems from South Korea on Tuesday.",
         {K("ARMS_DEAL", "EST", "KOR")}),
        ("Vietnam received two coastal surveillance radars from Japan under a grant programme.",
         {K("ARMS_DEAL", "VNM", "JPN")}),
        ("تسلّم الجيش المغربي دفعة من مدافع الهاوتزر الفرنسية ذاتية الحركة.", {K("ARMS_DEAL", "MAR", "FRA")}),
    ],
    # a contract or deal signed for a number of weapons is an arms deal, not a cooperation agreement
    "contract_for_weapons": [
        ("Egypt signed a contract with France's Dassault Aviation for 30 additional Rafale jets.",
         {K("ARMS_DEAL", "EGY", "FRA")}),
        ("Morocco on Monday signed a deal with Turkey's Baykar for 13 Akinci drones.", {K("ARMS_DEAL", "MAR", "TUR")}),
        ("Qatar signed a contract with Italy's Fincantieri for four new corvettes, the navy said.",
         {K("ARMS_DEAL", "QAT", "ITA")}),
        ("Jordan and the United States signed a defence cooperation agreement covering training and logistics.",
         {K("AGREE", "JOR", "USA")}),
        # a maker gives its state: Norway's Kongsberg, India's Bharat Forge
        ("Poland signed a contract with Kongsberg for six more NASAMS air defence batteries.",
         {K("ARMS_DEAL", "POL", "NOR")}),
        ("وقعت أرمينيا عقداً مع شركة بهارات فورج لشراء مدافع هاوتزر.", {K("ARMS_DEAL", "ARM", "IND")}),
    ],
    # a ship that unloads weapons delivers them
    "unloaded": [
        ("A Turkish cargo ship unloaded armoured vehicles and ammunition for the Somali army at Mogadishu port.",
         {K("ARMS_DEAL", "TUR", "SOM")}),
        ("أفرغت سفينة روسية في ميناء بورتسودان شحنة من الذخائر والمعدات العسكرية للجيش السوداني.",
         {K("ARMS_DEAL", "RUS", "SDN")}),
    ],
    # equipment that arrives, named after the verb and a place (Arabic verb-first order), is no visit
    "equipment_arrives": [
        ("وصلت إلى ميناء بورتسودان، صباح اليوم الأحد، الدفعة الأولى من المدرعات الروسية المخصصة للجيش السوداني.",
         {K("ARMS_DEAL", "RUS", "SDN")}),
        ("وصلت إلى قاعدة عسكرية قرب العاصمة، مساء أمس، طائرات مسيّرة تركية لصالح الجيش الصومالي.",
         {K("ARMS_DEAL", "TUR", "SOM")}),
    ],
    # a weapon that comes with the instructors is delivered too
    "with_instructors": [
        ("Turkish military instructors arrived in Mogadishu on Friday together with a shipment of armoured vehicles.",
         {K("TRAINING", "TUR", "SOM"), K("ARMS_DEAL", "TUR", "SOM")}),
        ("وصل مدربون عسكريون أتراك إلى مقديشو برفقة شحنة من الطائرات المسيرة.",
         {K("TRAINING", "TUR", "SOM"), K("ARMS_DEAL", "TUR", "SOM")}),
    ],
    # "flew into" is travel
    "flew_into": [
        ("Japan's foreign minister flew into Manila on Sunday for talks with Philippine officials.",
         {K("VISIT", "JPN", "PHL"), K("MEET", "JPN", "PHL")}),
        ("The Kenyan army chief flew into Kampala late on Monday.", {K("VISIT", "KEN", "UGA")}),
    ],
    # two states joined by a hyphen ("India-France", "التركية-المصرية") are both named
    "hyphen_pair": [
        ("The India-France High Committee on Defence Cooperation held its annual meeting in Paris.",
         {K("COMMITTEE", "FRA", "IND")}),
        ("US-Philippine forces began the Balikatan exercise on Monday.", {K("EXERCISE", "PHL", "USA")}),
        ("عقدت اللجنة العسكرية التركية-المصرية المشتركة اجتماعها الأول في أنقرة.", {K("COMMITTEE", "TUR", "EGY")}),
        ("Chinese-made drones were shown at the parade in Belgrade.", set()),
        ("اختتمت اللجنة العسكرية المشتركة الأردنية العراقية اجتماعاتها في بغداد يوم الخميس.",
         {K("COMMITTEE", "JOR", "IRQ")}),
    ],
    # a summit is a meeting; a standing "High Committee" or "Joint Commission" meets in session
    "summit_committee": [
        ("The Japanese and Philippine leaders held a summit in Tokyo on Friday.", {K("MEET", "JPN", "PHL")}),
        ("Kenya and Ethiopia held a summit meeting in Nairobi on Monday.", {K("MEET", "KEN", "ETH")}),
        ("The High Committee for defence cooperation between Egypt and Greece convened in Athens on Monday.",
         {K("COMMITTEE", "EGY", "GRC")}),
        ("The Joint Defence Commission of Pakistan and Turkey held its annual session in Ankara.",
         {K("COMMITTEE", "PAK", "TUR")}),
    ],
    # trainer aircraft are aircraft, not instructors
    "jet_trainers": [
        ("Nigeria received six Italian-built M-346 jet trainers at Kainji air base on Monday.",
         {K("ARMS_DEAL", "NGA", "ITA")}),
        ("Bangladesh took delivery of nine Chinese K-8 trainer aircraft, attended by the air chief.",
         {K("ARMS_DEAL", "BGD", "CHN")}),
    ],
    # what a partnership includes is the state of relations, not an event
    "relations": [
        ("وتربط مصر واليونان شراكة دفاعية متنامية تشمل مناورات جوية مشتركة ودورات تدريبية.", set()),
        ("Greece and Egypt share a growing defence partnership that includes joint air drills and training courses.",
         set()),
    ],
    # "قرار الإلغاء" (with the article) cancels; "تبحث عن" is a search, not talks
    "cancel_search": [
        ("وأوضحت وزارة الدفاع الإسبانية أن قرار الإلغاء يشمل عقداً لشراء صواريخ مضادة للدبابات من إسرائيل.", set()),
        ("وقالت الحكومة الكولومبية إن التجميد يطال صفقة لشراء طائرات مسيرة إسرائيلية.", set()),
        ("تبحث كولومبيا عن بديل للمقاتلات الإسرائيلية القديمة في أسطولها.", set()),
        ("Spain said the cancellation also covers a contract to buy Israeli anti-tank missiles.", set()),
    ],
    # "received" with a quantity is a delivery, not a reception
    "received_quantity": [
        ("Poland has so far received 120 of the tanks it ordered from South Korea.", {K("ARMS_DEAL", "KOR", "POL")}),
        ("Since 2022 Norway has received more than 40 of them from Germany.", set()),
    ],
    # airliners, loans and railways are not security
    "civil": [
        ("Vietnam Airlines signed a deal to buy 50 Boeing 737 MAX jets from the United States.", set()),
        ("وقّعت الخطوط الجوية القطرية صفقة لشراء 20 طائرة ركاب من شركة إيرباص الفرنسية.", set()),
        ("Indonesia signed a loan agreement with Japan to finance a new railway line in Jakarta.", set()),
        ("وقعت مصر واليابان اتفاقية قرض لتمويل مشروع مترو القاهرة.", set()),
    ],
    # a signing verb far from its object: modifiers, a date and a venue between them
    "long_signing": [
        ("وقّع وزير الدفاع الأردني ونظيره الإيطالي غويدو كروسيتو، صباح اليوم الثلاثاء في مقر الوزارة بعمّان، مذكرة تفاهم للتعاون العسكري.",
         {K("AGREE", "JOR", "ITA")}),
        ("Kenya's defence secretary and the British armed forces minister signed on Tuesday, at a ceremony in "
         "Nairobi attended by senior officers of both armies, a new defence cooperation agreement.",
         {K("AGREE", "KEN", "GBR")}),
    ],
    # an exercise whose quoted name is long
    "exercise_name": [
        ("بدأت القوات التايلاندية والأمريكية، الثلاثاء، تدريبات \"كوبرا غولد 2025\" العسكرية المشتركة.",
         {K("EXERCISE", "THA", "USA")}),
        ("نفذت القوات البحرية السعودية والباكستانية تدريبات \"نسيم البحر 15\" البحرية المشتركة في بحر العرب.",
         {K("EXERCISE", "SAU", "PAK")}),
    ],
    # a hostile word inside a time phrase ("since the attack", "after expelling") dates the event, it does
    # not make the sentence hostile
    "hostile_in_time_phrase": [
        ("وصل رئيس الوزراء الإيطالي، اليوم الإثنين، إلى إسرائيل في أول زيارة له منذ هجوم السابع من أكتوبر.",
         {K("VISIT", "ITA", "ISR")}),
        ("The Czech prime minister arrived in Israel on Tuesday, the first such visit since the attack on the border towns.",
         {K("VISIT", "CZE", "ISR")}),
        ("Russian instructors arrived in Mali on Monday with two attack helicopters, weeks after the junta expelled French troops.",
         {K("TRAINING", "MLI", "RUS"), K("ARMS_DEAL", "MLI", "RUS")}),
        ("قصفت إسرائيل مواقع في سوريا بعد زيارة وفد إيراني إلى دمشق.", set()),
    ],
    # what is discussed after the meeting ("وبحث معه الوضع في غزة") is a topic, not a party
    "discussed_topics": [
        ("واجتمع الرئيس القبرصي في القدس برئيس الوزراء الإسرائيلي، وبحث معه الأوضاع الإنسانية في غزة ولبنان.",
         {K("MEET", "CYP", "ISR")}),
        ("The Greek foreign minister met his Israeli counterpart in Jerusalem and discussed the situation in Gaza and Lebanon.",
         {K("MEET", "GRC", "ISR")}),
    ],
    # "عمليات بحث وتدمير" (search and destroy), "بحث وإنقاذ" (search and rescue) are not talks
    "search_operations": [
        ("نفذت وحدات جزائرية بحضور وفد عسكري روسي عمليات بحث وتدمير في منطقة صحراوية.", set()),
        ("شاركت فرق تونسية وإيطالية في عمليات بحث وإنقاذ قبالة السواحل.", set()),
    ],
    # officials of three states at one summit: one meeting of the three
    "trilateral": [
        ("The presidents of Kenya, Uganda and Rwanda held a tripartite summit in Kigali on Friday.",
         {K("MEET", "KEN", "UGA", "RWA")}),
        ("عقد رؤساء مصر والأردن والعراق قمة ثلاثية في بغداد يوم الأحد.", {K("MEET", "EGY", "JOR", "IRQ")}),
    ],
    # an instrument named first and "signed in …" after it (English participle)
    "signed_participle": [
        ("The defence cooperation agreement between Kenya and Britain, signed in 2021, was renewed for five years.",
         {K("AGREE", "KEN", "GBR")}),
        ("A memorandum of understanding on maritime security between Oman and India, signed last year, took effect on Monday.",
         {K("AGREE", "OMN", "IND")}),
    ],
    # a purpose of the clause before ("لتعزيز الجاهزية") does not make "وذلك خلال اجتماع" a plan
    "purpose_before": [
        ("وقعت مصر والسودان اتفاقية تتيح للقوات إجراء تدريبات مشتركة لتعزيز الجاهزية، وذلك خلال اجتماع وزيري الدفاع "
         "في القاهرة.", {K("AGREE", "EGY", "SDN"), K("MEET", "EGY", "SDN")}),
        ("وقعت الأردن والعراق مذكرة تفاهم لتطوير التعاون الأمني، وذلك خلال مباحثات رئيسي أركان الجيشين في عمان.",
         {K("AGREE", "JOR", "IRQ"), K("MEET", "JOR", "IRQ")}),
    ],
    # two states each after "with" are two counterparts of an unnamed subject, not a pair
    "two_objects": [
        ("وهذه ثاني اتفاقية توقعها طوكيو، بعد اتفاقية مماثلة أبرمتها مع أستراليا عام 2022، فيما وقّعت اتفاقية أخرى "
         "مع بريطانيا في العام التالي.", {K("AGREE", "GBR", "JPN")}),  # طوكيو acts; one AGREE per sentence
        ("It is the second such accord, after one signed with Australia in 2022 and another signed with Britain.",
         set()),
    ],
    # the signing verb's own subject and its "with" object, not a third state of the sentence
    "own_subject": [
        ("وتسعى الهند إلى تعزيز حضورها في المحيط الهندي، بعد أن وقعت الصين اتفاقاً أمنياً مع سريلانكا.",
         {K("AGREE", "CHN", "LKA")}),
        ("India is watching closely after China signed a security pact with Sri Lanka last year.",
         {K("AGREE", "CHN", "LKA")}),
    ],
    # a story of a row (expulsion, strikes) lends its two states to no later sentence as counterparts
    "hostile_lead": [
        ("Somalia on Thursday expelled Ethiopia's ambassador over the port deal. The memorandum signed in "
         "January gives Ethiopia access to the sea.", set()),
        ("طردت الصومال السفير الإثيوبي أمس احتجاجاً على صفقة الميناء. وكانت إثيوبيا قد وقعت في يناير مذكرة تفاهم "
         "تمنحها منفذاً على البحر.", set()),
        ("Somalia and Turkey signed a defence pact on Monday. Turkey also signed a memorandum on naval training.",
         {K("AGREE", "SOM", "TUR")}),
    ],
    # an official introduced by "رئيس/President" and a nationality keeps that state when named by surname
    "titled_official": [
        ("وصل رئيس الوزراء التشيكي بيتر فيالا، اليوم الثلاثاء، إلى إسرائيل. واجتمع فيالا في القدس برئيس الوزراء "
         "الإسرائيلي، وبحث معه الأوضاع الإنسانية في غزة.", {K("VISIT", "CZE", "ISR"), K("MEET", "CZE", "ISR")}),
        ("وصل رئيس أركان الجيش الكيني فرانسيس أوغولا إلى كمبالا. والتقى أوغولا بقائد الجيش الأوغندي لبحث أمن الحدود.",
         {K("VISIT", "KEN", "UGA"), K("MEET", "KEN", "UGA")}),
    ],
    # "the drills" of a later sentence are the exercise already told: its participants join it; observers
    # do not take part
    "exercise_participants": [
        ("انطلقت أمس مناورات \"درع الخليج\" بين السعودية والإمارات. وتشارك في المناورات قوات من البحرين والكويت، "
         "فيما أرسلت مصر مراقبين.", {K("EXERCISE", "SAU", "ARE", "BHR", "KWT")}),
        ("Kenyan and Tanzanian troops began the Ushirikiano exercise on Monday. Ugandan and Rwandan units also take "
         "part in the drills, while Burundi sent observers.", {K("EXERCISE", "KEN", "TZA", "UGA", "RWA")}),
        ("Kenyan and Tanzanian troops began their annual exercise on Monday, the largest since the series started "
         "two decades ago. The exercise spokesman said Ugandan and Rwandan units also take part in the drills.",
         {K("EXERCISE", "KEN", "TZA", "UGA", "RWA")}),
    ],
    # a later sentence about the same tripartite meeting is that meeting, not a second one of two states
    "one_summit": [
        ("The presidents of Kenya, Uganda and Rwanda held a tripartite summit in Kigali on Friday. The Rwandan "
         "president hosted Kenya's president and Uganda's president for two days of talks.",
         {K("MEET", "KEN", "UGA", "RWA")}),
        ("عقد رؤساء مصر والأردن والعراق قمة ثلاثية في بغداد يوم الأحد. واستضاف الرئيس العراقي نظيره المصري "
         "والعاهل الأردني لمباحثات استمرت يومين.", {K("MEET", "EGY", "JOR", "IRQ")}),
    ],
}


@pytest.mark.parametrize(("text", "expected"), **class_rows(CASES))
def test_class(text: str, expected: set) -> None:
    assert _keys(text) == expected


def _places(text: str, published: str = "2025-03-10") -> set[tuple[str, str | None]]:
    return {(e.type, (e.location or {}).get("name")) for e in extract_article(article(text, published)).events
            if e.status != "planned"}


@pytest.mark.parametrize(("text", "expected"), [
    # a capital that acts or that a side is paired with is not where the event happened
    ("Russian instructors arrived in Niger on Monday with two helicopters, as the junta moves closer to Moscow.",
     {("TRAINING", None), ("ARMS_DEAL", None)}),
    ("Mali received two attack helicopters from Russia on Thursday, deepening its ties with Moscow.",
     {("ARMS_DEAL", None)}),
    ("Washington also delivered a C-130 transport aircraft to the Philippine Air Force.", {("ARMS_DEAL", None)}),
    ("وكانت وارسو قد وقعت في يوليو عقدا لشراء دبابات من كوريا الجنوبية.", {("ARMS_DEAL", None)}),
    ("تسلم الجيش المالي مروحيتين من روسيا في باماكو، في إطار شراكة متنامية مع موسكو.", {("ARMS_DEAL", "Bamako")}),
    ("Russian instructors arrived in Niamey on Monday with two helicopters.",
     {("TRAINING", "Niamey"), ("ARMS_DEAL", "Niamey")}),
    # capitals of every region are in the gazetteer
    ("The Estonian defence minister arrived in Riga on Monday.", {("VISIT", "Riga")}),
    ("وصل وزير الدفاع الكولومبي إلى ليما يوم الثلاثاء في زيارة رسمية إلى البيرو.", {("VISIT", "Lima")}),
])
def test_a_capital_that_acts_is_no_venue(text: str, expected: set) -> None:
    assert _places(text) == expected


def _dates(text: str, published: str) -> set[tuple[str, str | None]]:
    return {(e.type, e.date) for e in extract_article(article(text, published)).events if e.status != "planned"}


@pytest.mark.parametrize(("text", "published", "expected"), [
    # the day a statement was made ("أعلن التلفزيون …، مساء الخميس") or a report filed (the dateline's day)
    # does not date the event the sentence reports
    ("أعلن التلفزيون الرسمي في النيجر، مساء الخميس، أن مدربين عسكريين روساً وصلوا الأربعاء إلى نيامي.",
     "2024-04-11", {("TRAINING", "2024-04-10")}),
    ("BAMAKO, Jan 20 (Reuters) - Mali's army received two helicopters from Russia on Thursday.", "2023-01-20",
     {("ARMS_DEAL", "2023-01-19")}),
    ("NIAMEY, April 12 (AFP) - Russian instructors arrived in Niger on Wednesday with two helicopters.", "2024-04-12",
     {("TRAINING", "2024-04-10"), ("ARMS_DEAL", "2024-04-10")}),
    ("KIGALI, March 3 (Reuters) - Rwanda and Kenya signed a defence cooperation agreement.", "2025-03-03",
     {("AGREE", "2025-03-03")}),
])
def test_a_reports_day_does_not_date_the_event(text: str, published: str, expected: set) -> None:
    assert _dates(text, published) == expected
