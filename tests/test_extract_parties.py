"""Who the parties of an event are, and which mentions are no event at all: one table per class of error.

Every sentence is written for this file (Arabic and English, several phrasings); each row gives the
(type, parties) keys an article made of those sentences reports, asserted events only.
"""

from __future__ import annotations

import pytest

from alliancemap.extract import extract_article
from tests.test_extract_classes import K, _keys, article, class_rows

CASES = {
    # a state named in a relative clause or an "amid …" phrase after the predicate is not its argument
    "subordinate_third_state": [
        ("المغرب يعزز دفاعاته في مواجهة الجزائر.\n\nوقع المغرب الخميس اتفاقية لشراء 24 مروحية من الولايات المتحدة "
         "في خضم توترات متصاعدة مع الجزائر.", {K("ARMS_DEAL", "MAR", "USA")}),
        ("مصر تخشى النفوذ الإيراني.\n\nوقعت مصر عقدا لشراء 12 مقاتلة من فرنسا وسط مخاوف من التهديدات الإيرانية.",
         {K("ARMS_DEAL", "EGY", "FRA")}),
        ("Morocco is wary of Algeria.\n\nMorocco signed a contract to buy 24 helicopters from the United States "
         "amid rising tension with Algeria.", {K("ARMS_DEAL", "MAR", "USA")}),
        ("Poland agreed to buy 96 attack helicopters from the United States, which has stationed troops "
         "near the border with Russia.", {K("ARMS_DEAL", "POL", "USA")}),
        ("وصل وزير الدفاع المصري إلى الخرطوم في زيارة رسمية، التي تأتي بعد أيام من زيارة مماثلة لإثيوبيا.",
         {K("VISIT", "EGY", "SDN")}),
    ],
    # a warship in a foreign port is a port call: neither a delivery nor, later, "this visit"
    "port_call": [
        ("وصلت الفرقاطة الفرنسية بروفانس إلى ميناء الإسكندرية يوم الأحد.\n\n"
         "وتأتي هذه الزيارة في إطار التعاون البحري بين مصر وفرنسا.", set()),
        ("The Indian Navy frigate INS Talwar arrived at the port of Jeddah on Monday.\n\n"
         "This visit reflects the growing naval ties between India and Saudi Arabia.", set()),
        ("وصلت سفينة البحرية الباكستانية إلى ميناء الدمام في إطار التبادلات البحرية بين البلدين.\n\n"
         "وتعكس الزيارة عمق العلاقات بين باكستان والسعودية.", set()),
        # a ship that reaches its new owner is still a delivery
        ("وصلت إلى ميناء الإسكندرية الفرقاطة الجديدة التي اشترتها البحرية المصرية من ألمانيا.",
         {K("ARMS_DEAL", "EGY", "DEU")}),
    ],
    # a state visit that produced only trade or energy instruments is no security event at all
    "non_security_visit": [
        ("وقعت تركيا وإثيوبيا مذكرتي تفاهم في مجالي الطاقة والتجارة خلال زيارة الرئيس التركي إلى أديس أبابا.\n\n"
         "واستقبل رئيس الوزراء الإثيوبي الرئيس التركي بمراسم رسمية، وعقد الزعيمان محادثات حول الاستثمار.", set()),
        ("India and Egypt signed agreements on trade and renewable energy during the Indian prime minister's "
         "visit to Cairo.\n\nThe two leaders also held talks on investment and tourism.", set()),
        ("جرى توقيع مذكرة تفاهم بين بورصة أبوظبي وشركة هندية بشأن التعاون في الخدمات المالية.", set()),
        # a defence instrument signed on the same visit keeps the visit
        ("وقعت تركيا وإثيوبيا اتفاقية للتعاون العسكري خلال زيارة رئيس الوزراء الإثيوبي إلى أنقرة.",
         {K("AGREE", "TUR", "ETH"), K("VISIT", "TUR", "ETH")}),
    ],
    # "in the fields of training and joint exercises", "so that it can take part in drills": a topic or a purpose
    "topic_not_event": [
        ("وبحث الجانبان سبل تعزيز التعاون العسكري بين مصر والسودان، لا سيما في مجالات التدريب وتنفيذ التمارين "
         "المشتركة.", {K("MEET", "EGY", "SDN")}),
        ("وتأتي الهبة الأمريكية في إطار دعم قدرات الجيش التونسي، بما يعزز جاهزيته للمشاركة في التمارين المشتركة.",
         set()),
        ("The two ministers discussed cooperation between Egypt and Sudan, particularly in the fields of "
         "training and joint exercises held by the two armies.", {K("MEET", "EGY", "SDN")}),
        ("ستتوج زيارة السفن الهندية إلى جدة بتمرين بحري مشترك مع البحرية السعودية.", set()),
    ],
    # a treaty or a letter of intent: a signed instrument, with or without a price
    "instruments": [
        ("دخلت معاهدة الشراكة الاستراتيجية بين روسيا وكوريا الشمالية، التي وقعها الرئيسان في بيونغ يانغ، حيز التنفيذ.",
         {K("AGREE", "RUS", "PRK")}),
        ("ووقعت مصر والولايات المتحدة وثيقة نوايا لتعزيز التعاون الأمني بقيمة تفوق 5 مليارات دولار.",
         {K("AGREE", "EGY", "USA")}),
        ("Qatar and the United States signed letters of intent worth $38 billion to strengthen their security "
         "partnership.", {K("AGREE", "QAT", "USA")}),
        # a priced agreement with a defence maker, with no word of cooperation, is a purchase
        ("ووقعت مصر اتفاقا مع شركة لوكهيد مارتن بقيمة ملياري دولار.", {K("ARMS_DEAL", "EGY", "USA")}),
        ("Morocco signed an agreement with Israel Aerospace Industries worth $1 billion.", {K("ARMS_DEAL", "MAR", "ISR")}),
    ],
    # "X met the leaders of A, B and C": one meeting per pair of X's state with each of the list
    "listed_counterparts": [
        ("On the sidelines of the summit, the Chinese president met the leaders of Egypt, Kenya and Nigeria.",
         {K("MEET", "CHN", "EGY"), K("MEET", "CHN", "KEN"), K("MEET", "CHN", "NGA")}),
        ("والتقى الرئيس الصيني على هامش القمة قادة مصر وكينيا ونيجيريا.",
         {K("MEET", "CHN", "EGY"), K("MEET", "CHN", "KEN"), K("MEET", "CHN", "NGA")}),
        ("وقعت تركيا اتفاقيات للتعاون العسكري مع الصومال وجيبوتي.",
         {K("AGREE", "TUR", "SOM"), K("AGREE", "TUR", "DJI")}),
        ("Turkey signed military cooperation agreements with Somalia and Djibouti.",
         {K("AGREE", "TUR", "SOM"), K("AGREE", "TUR", "DJI")}),
        # a state's full name is not a list of states
        ("وقعت سلطنة عمان مذكرة تفاهم للتعاون العسكري مع حكومة المملكة المتحدة لبريطانيا العظمى وإيرلندا الشمالية.",
         {K("AGREE", "OMN", "GBR")}),
        # two states before the verb are the two sides, not a list
        ("Egypt and Sudan met in Cairo with observers from Kenya.", {K("MEET", "EGY", "SDN")}),
    ],
    # "signed an agreement with A and a protocol with B", "met X's minister and then Y's chief of staff": a
    # second object with its own counterpart, joined by "and"/و/ثم, or a second occurrence of the trigger
    "coordinated_counterparts": [
        ("Egypt signed a defence cooperation agreement with Greece and a training protocol with Cyprus.",
         {K("AGREE", "EGY", "GRC"), K("AGREE", "EGY", "CYP")}),
        ("وقّعت مصر اتفاقية تعاون دفاعي مع اليونان وبروتوكول تدريب مع قبرص.",
         {K("AGREE", "EGY", "GRC"), K("AGREE", "EGY", "CYP")}),
        ("India signed a memorandum of understanding on naval cooperation with Oman and a logistics agreement "
         "with the United Arab Emirates.", {K("AGREE", "IND", "OMN"), K("AGREE", "IND", "ARE")}),
        ("وقعت الهند مذكرة تفاهم للتعاون البحري مع سلطنة عمان ومذكرة أخرى للتعاون الدفاعي مع الإمارات.",
         {K("AGREE", "IND", "OMN"), K("AGREE", "IND", "ARE")}),
        ("Egypt signed a defence agreement with Greece on Monday and signed a naval protocol with Cyprus on "
         "Wednesday.", {K("AGREE", "EGY", "GRC"), K("AGREE", "EGY", "CYP")}),
        ("وقعت تركيا اتفاقية تعاون عسكري مع الصومال، كما وقعت بروتوكولا للتدريب مع جيبوتي.",
         {K("AGREE", "TUR", "SOM"), K("AGREE", "TUR", "DJI")}),
        ("The Egyptian defence minister met his Jordanian counterpart on Monday and the Iraqi chief of staff "
         "on Tuesday.", {K("MEET", "EGY", "JOR"), K("MEET", "EGY", "IRQ")}),
        ("التقى وزير الدفاع المصري نظيره الأردني ثم رئيس أركان الجيش العراقي.",
         {K("MEET", "EGY", "JOR"), K("MEET", "EGY", "IRQ")}),
        ("استقبل وزير الدفاع المصري نظيره الأردني ثم رئيس أركان الجيش العراقي.",
         {K("MEET", "EGY", "JOR"), K("VISIT", "EGY", "JOR"), K("MEET", "EGY", "IRQ"), K("VISIT", "EGY", "IRQ")}),
        ("The Saudi crown prince met the French president in Riyadh and then met the Italian prime minister.",
         {K("MEET", "SAU", "FRA"), K("MEET", "SAU", "ITA")}),
        ("وقعت مصر عقدا لشراء مقاتلات رافال من فرنسا وعقدا آخر لشراء فرقاطات من إيطاليا.",
         {K("ARMS_DEAL", "EGY", "FRA"), K("ARMS_DEAL", "EGY", "ITA")}),
        ("Egypt agreed to buy Rafale jets from France and agreed to buy frigates from Italy.",
         {K("ARMS_DEAL", "EGY", "FRA"), K("ARMS_DEAL", "EGY", "ITA")}),
        # a tour: the first visit goes to the capital named first, the second to the state after "then"
        ("The Egyptian defence minister visited Athens on Monday and then visited Cyprus on Wednesday.",
         {K("VISIT", "EGY", "GRC"), K("VISIT", "EGY", "CYP")}),
        ("زار وزير الدفاع المصري أثينا يوم الاثنين ثم زار قبرص يوم الأربعاء.",
         {K("VISIT", "EGY", "GRC"), K("VISIT", "EGY", "CYP")}),
        # the second instrument is about energy: no security agreement with that state
        ("Egypt signed a defence agreement with Greece and an agreement on energy with Cyprus.",
         {K("AGREE", "EGY", "GRC")}),
        ("وقعت مصر اتفاقية تعاون عسكري مع اليونان واتفاقية في مجال الطاقة مع قبرص.", {K("AGREE", "EGY", "GRC")}),
        ("India's army chief met Saudi Arabia's defence minister in Riyadh and Oman's chief of staff in Muscat.",
         {K("MEET", "IND", "SAU"), K("MEET", "IND", "OMN")}),
        # a third state in a relative clause signed nothing today
        ("Egypt signed a defence cooperation agreement with Greece, which also signed one with Cyprus last year.",
         {K("AGREE", "EGY", "GRC")}),
        ("وقعت مصر اتفاقية تعاون دفاعي مع اليونان، التي وقعت اتفاقية مماثلة مع قبرص العام الماضي.",
         {K("AGREE", "EGY", "GRC")}),
        # the second clause has a subject of its own: not the first subject's event
        ("Egypt signed a defence agreement with Greece, and Cyprus signed a naval protocol with Israel.",
         {K("AGREE", "EGY", "GRC"), K("AGREE", "CYP", "ISR")}),
        # "and discussed the situation in Iraq": a topic, not a second counterpart
        ("The Egyptian defence minister met his Jordanian counterpart and discussed the situation in Iraq.",
         {K("MEET", "EGY", "JOR")}),
        ("التقى وزير الدفاع المصري نظيره الأردني وبحث معه الأوضاع في العراق.", {K("MEET", "EGY", "JOR")}),
        ("China's defence minister met his Russian counterpart and the two discussed Ukraine.",
         {K("MEET", "CHN", "RUS")}),
        # "and the agreement covers…": the first instrument again, not a second one
        ("Egypt signed a defence agreement with Greece and the agreement also covers maritime security with Cyprus.",
         {K("AGREE", "EGY", "GRC")}),
        ("وقعت مصر اتفاقية دفاعية مع اليونان والاتفاقية تشمل التعاون مع قبرص.", {K("AGREE", "EGY", "GRC")}),
        # a second official of the same counterpart
        ("التقى وزير الدفاع المصري نظيره الأردني ورئيس أركان الجيش الأردني.", {K("MEET", "EGY", "JOR")}),
    ],
    # an official introduced with a title and a nationality keeps that state when named again by surname
    "named_again": [
        ("زار قائد الجيش الباكستاني الجنرال عاصم منير الرياض الشهر الماضي.\n\n"
         "كما زار منير أبوظبي في الجولة نفسها.", {K("VISIT", "PAK", "SAU"), K("VISIT", "PAK", "ARE")}),
        ("Pakistan's army chief General Asim Munir visited Riyadh last month.\n\n"
         "Munir also visited Abu Dhabi on the same tour.", {K("VISIT", "PAK", "SAU"), K("VISIT", "PAK", "ARE")}),
        ("Indian Army chief General Arvind Verma visited Riyadh in December.\n\n"
         "Verma also travelled to the United Arab Emirates during the trip.",
         {K("VISIT", "IND", "SAU"), K("VISIT", "IND", "ARE")}),
    ],
    # "may have travelled", "قد يكون زار": a hedge, not a report
    "hedged": [
        ("وقالت الصحيفة إن وزير الدفاع الإسرائيلي قد يكون زار المغرب سرا الشهر الماضي.", set()),
        ("The paper said the Israeli defence minister may have travelled to Morocco in secret.", set()),
    ],
    # "reached a new level" is no arrival
    "figurative_arrival": [
        ("ووصلت العلاقات بين مصر والسعودية إلى مستوى غير مسبوق من التنسيق.", set()),
        ("وقال الوزير إن التعاون بين الهند وعمان وصل إلى مرحلة متقدمة.", set()),
    ],
    # travel verbs other than "visit" and "arrive"
    "travel": [
        ("Field Marshal Khalifa Haftar came to Minsk on Monday for talks on military cooperation with Belarus.",
         {K("VISIT", "LBY", "BLR")}),
        ("The Egyptian defence minister travelled to Athens for talks with his Greek counterpart.",
         {K("VISIT", "EGY", "GRC"), K("MEET", "EGY", "GRC")}),
        ("The general came to power in Sudan in 2019 with the backing of Egypt.", set()),
        ("سافر رئيس الأركان الجزائري إلى موسكو على رأس وفد عسكري رفيع.", {K("VISIT", "DZA", "RUS")}),
        ("وتوجه وزير الدفاع المصري صباح اليوم إلى أثينا.", {K("VISIT", "EGY", "GRC")}),
        ("وجّه وزير الخارجية المصري انتقادات إلى إسرائيل.", set()),
    ],
    # a reception with honours and no talks is the visit only
    "reception": [
        ("استقبل الرئيس التركي في أنقرة رئيس الوزراء الإثيوبي بمراسم رسمية وعزف النشيدين الوطنيين.",
         {K("VISIT", "ETH", "TUR")}),
        ("The Ethiopian prime minister was welcomed with full military honours by Turkish President Erdogan "
         "on his arrival in Ankara.", {K("VISIT", "ETH", "TUR")}),
    ],
    # "الرئيس الكوري" without الجنوبي is the president of the Republic of Korea
    "korea": [
        ("استقبل الرئيس الكوري نظيره الإماراتي في سيول.", {K("MEET", "KOR", "ARE"), K("VISIT", "KOR", "ARE")}),
        ("التقى الزعيم الكوري الشمالي الرئيس الروسي في فلاديفوستوك.", {K("MEET", "PRK", "RUS")}),
    ],
    # a deal already reported, called "the package" or "the deal" again, is not a second agreement
    "deal_anaphora": [
        ("Washington agreed on Tuesday to sell Egypt an arms package worth $5 billion.\n\n"
         "\"The package signed today, the biggest defence cooperation deal in American history, deepens our "
         "partnership,\" the statement said.", {K("ARMS_DEAL", "EGY", "USA")}),
        ("وافقت واشنطن على بيع مصر أسلحة بقيمة 5 مليارات دولار.\n\n"
         "وقالت الخارجية إن الصفقة الموقعة اليوم هي أكبر صفقة دفاعية في تاريخ العلاقات.", {K("ARMS_DEAL", "EGY", "USA")}),
    ],
    # supplies and cargo flights
    "supplies": [
        ("وصلت 5 رحلات شحن من بيلا روسيا إلى شرق ليبيا محملة بمواد وإمدادات عسكرية.",
         {K("ARMS_DEAL", "BLR", "LBY")}),
        ("Three cargo flights from Belarus landed in eastern Libya carrying military supplies.",
         {K("ARMS_DEAL", "BLR", "LBY")}),
        # a ship that enters service abroad on its way to its buyer, however far the warship word is
        ("وقد دخلت السفينة (KRI Bung Tomo) الخدمة رسميا في بريطانيا وهي الآن في طريقها إلى إندونيسيا، وتعد "
         "أحدث سفينة حربية تستوردها البحرية الإندونيسية.", {K("ARMS_DEAL", "GBR", "IDN")}),
        # a flight of one state reaching another is no port call, however far the cargo is named
        ("وأكدت الوكالة وصول خمس رحلات شحن من روسيا إلى المنطقة الشرقية من ليبيا محملة بمواد وإمدادات عسكرية.",
         {K("ARMS_DEAL", "RUS", "LBY")}),
    ],
}


@pytest.mark.parametrize(("text", "expected"), **class_rows(CASES))
def test_class(text: str, expected: set) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize("text", [
    "The Egyptian president, who visited Athens last July, met the Greek prime minister in Cairo.",
    "Sisi had visited Athens to meet the Greek prime minister.",
    "وكان الرئيس المصري قد زار أثينا في يوليو الماضي والتقى رئيس الوزراء اليوناني.",
])
def test_a_visit_told_as_background_stays_an_event_flagged_as_background(text: str) -> None:
    visits = [e for e in extract_article(article(text)).events if e.type == "VISIT"]
    assert visits and all(e.background for e in visits)
    assert {p.country for p in visits[0].parties} == {"EGY", "GRC"}


@pytest.mark.parametrize("text", [
    "Egypt signed a defence cooperation agreement and a training protocol with Greece.",
    "وقعت مصر اتفاقية تعاون دفاعي وبروتوكول تدريب مع اليونان.",
    "The Egyptian defence minister met his Greek counterpart and the Greek chief of staff in Athens.",
])
def test_one_counterpart_stays_one_event(text: str) -> None:
    events = [e for e in extract_article(article(text)).events if e.type in ("AGREE", "MEET")]
    assert len(events) == 1
    assert {p.country for p in events[0].parties} == {"EGY", "GRC"}


@pytest.mark.parametrize(("text", "second"), [
    ("Egypt signed a defence cooperation agreement with Greece and a training protocol with Cyprus.", "protocol"),
    ("وقعت مصر اتفاقية تعاون دفاعي مع اليونان وبروتوكول تدريب مع قبرص.", "بروتوكول"),
    ("Egypt signed a defence agreement with Greece on Monday and signed a naval protocol with Cyprus on "
     "Wednesday.", "signed"),
])
def test_each_counterpart_has_its_own_evidence_and_id(text: str, second: str) -> None:
    events = [e for e in extract_article(article(text)).events if e.type == "AGREE"]
    by_party = {next(p.country for p in e.parties if p.country != "EGY"): e for e in events}
    assert set(by_party) == {"GRC", "CYP"}
    first, other = by_party["GRC"].attributes["trigger"], by_party["CYP"].attributes["trigger"]
    assert other["start"] > first["start"]
    assert text[other["start"]:other["end"]] == other["text"] and second in other["text"]
    assert by_party["GRC"].event_id != by_party["CYP"].event_id


def test_each_counterpart_keeps_its_own_day() -> None:
    text = ("The Egyptian defence minister met his Jordanian counterpart on Monday and the Iraqi chief of staff "
            "on Tuesday.")
    meets = {next(p.country for p in e.parties if p.country != "EGY"): e
             for e in extract_article(article(text, "2025-03-12")).events if e.type == "MEET"}
    assert meets["JOR"].date == "2025-03-10" and meets["IRQ"].date == "2025-03-11"


@pytest.mark.parametrize("text", [
    "India's army chief met Saudi Arabia's defence minister in Riyadh and Oman's chief of staff in Muscat.",
    "التقى قائد الجيش الهندي وزير الدفاع السعودي في الرياض ورئيس أركان الجيش العماني في مسقط.",
])
def test_each_counterpart_keeps_its_own_venue(text: str) -> None:
    meets = {next(p.country for p in e.parties if p.country != "IND"): e
             for e in extract_article(article(text)).events if e.type == "MEET"}
    assert meets["SAU"].location["country"] == "SAU" and meets["OMN"].location["country"] == "OMN"


@pytest.mark.parametrize("text", [
    "The Egyptian defence minister visited Athens on Monday and then visited Cyprus on Wednesday.",
    "زار وزير الدفاع المصري أثينا يوم الاثنين ثم زار قبرص يوم الأربعاء.",
])
def test_a_tour_dates_each_visit_by_its_own_day(text: str) -> None:
    visits = {next(p.country for p in e.parties if p.country != "EGY"): e
              for e in extract_article(article(text, "2025-03-12")).events if e.type == "VISIT"}
    assert visits["GRC"].date == "2025-03-10" and visits["CYP"].date == "2025-03-12"
    assert visits["GRC"].location == {"name": "Athens", "country": "GRC"}
