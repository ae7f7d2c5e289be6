"""Classes of extraction errors found on the fourth blind held-out set (benchmarks/heldout5), one table
per class. Every sentence is written for this file, none is taken from a measured set; each row says
which (type, parties) keys the sentence reports (planned events are left out).
"""

from __future__ import annotations

import pytest

from tests.test_extract_classes import K, _keys, class_rows

CASES = {
    # equipment that arrives or lands is a delivery; a named system ("Rafales", "Typhoons") is a weapon
    "equipment_arrives": [
        ("The first four Rafales built for the Greek air force arrived at Tanagra air base after a flight "
         "from France.", {K("ARMS_DEAL", "GRC", "FRA")}),
        ("Two Italian-made Typhoons for the Kuwaiti air force landed at Ali Al Salem air base on Sunday.",
         {K("ARMS_DEAL", "KWT", "ITA")}),
        ("وصلت أول ست طائرات رافال فرنسية مخصصة لسلاح الجو الهندي إلى قاعدة أمبالا الجوية.",
         {K("ARMS_DEAL", "IND", "FRA")}),
        ("حطت في قاعدة دخان الجوية أولى طائرات تايفون البريطانية المخصصة لسلاح الجو القطري.",
         {K("ARMS_DEAL", "QAT", "GBR")}),
        # an official who arrives to talk about the jets is still a visit
        ("The Greek defence minister arrived in Paris on Monday for a visit to the Rafale assembly line.",
         {K("VISIT", "GRC", "FRA")}),
        ("وصل وزير الدفاع اليوناني إلى باريس لزيارة خط تجميع طائرات رافال.", {K("VISIT", "GRC", "FRA")}),
    ],
    # instructors who arrive to train are TRAINING only, also after a dateline's agency tag
    "trainers_arrive": [
        ("بماكو - (أ ف ب) وصل عشرات المدربين العسكريين الروس أمس إلى مالي لتدريب الجيش المالي.",
         {K("TRAINING", "RUS", "MLI")}),
        ("نيامي - (رويترز) وصل 40 مدربا عسكريا تركيا إلى النيجر لتدريب القوات الخاصة.", {K("TRAINING", "TUR", "NER")}),
        ("موسكو - (د ب أ) وصل 200 مدرب عسكري روسي أمس إلى بوركينا فاسو لتدريب وحدات الجيش.",
         {K("TRAINING", "RUS", "BFA")}),
        ("MALABO (AFP) - Dozens of Russian instructors arrived in Equatorial Guinea on Monday to train the "
         "presidential guard.", {K("TRAINING", "RUS", "GNQ")}),
        # a minister who arrives with a purpose of training talks is a visit
        ("بماكو - (أ ف ب) وصل وزير الدفاع الروسي أمس إلى مالي في زيارة تتناول تدريب الجيش المالي.",
         {K("VISIT", "RUS", "MLI")}),
    ],
    # a leader who welcomes the crews or pilots of a delivery receives no visiting official
    "crews_welcomed": [
        ("The Greek prime minister welcomed the French crews on the tarmac after the Rafales landed.",
         {K("ARMS_DEAL", "GRC", "FRA")}),
        ("Argentina's president welcomed the Danish pilots who ferried the F-16s across the Atlantic.",
         {K("ARMS_DEAL", "ARG", "DNK")}),
        ("استقبل الرئيس المصري الطيارين الفرنسيين الذين نقلوا طائرات رافال الجديدة إلى القاهرة.", set()),
        # a leader who welcomes a foreign official is the visit
        ("The Greek prime minister welcomed the French defence minister in Athens on Monday.",
         {K("VISIT", "FRA", "GRC")}),
        ("استقبل الرئيس المصري وزير الدفاع الفرنسي في القاهرة.", {K("VISIT", "FRA", "EGY"), K("MEET", "FRA", "EGY")}),
    ],
    # "visiting forces" in the text of an agreement is a legal category, not a trip
    "visiting_forces": [
        ("The pact sets out how visiting forces of Japan and Britain are treated under local law.", set()),
        ("Like its 1960 agreement with the United States, Japan's new treaty covers visiting forces on its soil.",
         set()),
        ("A status-of-visiting-forces agreement between the Philippines and Australia governs their joint drills.",
         set()),
        # a visit by a force's commander is a visit
        ("Japan's top military commander was visiting Britain this week for talks with his counterpart.",
         {K("VISIT", "JPN", "GBR"), K("MEET", "JPN", "GBR")}),
    ],
    # later legs of a tour, "looking to acquire", purposes: what has not happened yet
    "not_yet": [
        ("ويتوجه الرئيس التركي بعد ذلك إلى إندونيسيا ثم باكستان.", set()),
        ("ويزور الوزير الفرنسي عقب ذلك الهند في إطار جولته الآسيوية.", set()),
        ("The Turkish president then travels on to Indonesia and Pakistan.", set()),
        ("Erdogan will then travel to Indonesia for talks with President Prabowo.", set()),
        ("The Philippine Army is looking to acquire more BrahMos batteries from India.", set()),
        ("Vietnam is looking to acquire anti-ship missiles from India for its coastal batteries.", set()),
        ("تدرس الفلبين شراء بطاريات إضافية من صواريخ براهموس من الهند.", set()),
        ("دخلت اتفاقية الوصول المتبادل بين اليابان وبريطانيا حيز التنفيذ، ما يسهل إجراء التدريبات المشتركة.", set()),
        ("The access agreement between Japan and Britain entered into force, making it easier to hold joint "
         "exercises.", set()),
        ("The access agreement between Japan and Britain took effect today to facilitate joint drills.", set()),
        # the leg already travelled, and a drill that took place, stay events
        ("وتوجه الرئيس التركي بعد ذلك إلى إندونيسيا حيث التقى الرئيس برابوو.",
         {K("VISIT", "TUR", "IDN"), K("MEET", "TUR", "IDN")}),
        ("Japanese and British troops held their first joint exercise under the access agreement.",
         {K("EXERCISE", "JPN", "GBR")}),
    ],
}


@pytest.mark.parametrize(("text", "expected"), **class_rows(CASES))
def test_class(text: str, expected: set) -> None:
    assert expected == _keys(text)
