"""A name shared by a state and another state's city: unvocalised "عمان" is Oman and Amman. Each row is
written for this file and says which (type, parties) keys the sentence reports and whether Oman is a party."""

from __future__ import annotations

import pytest

from alliancemap.extract import extract_article
from tests.test_extract_classes import K, _keys, article

CASES = [
    # the city of the state the sentence names, after a place preposition, beside another state: Amman
    ("استقبل العاهل الأردني الملك عبدالله الثاني في عمان يوم الأحد وزير الدفاع الباكستاني وبحث معه التعاون "
     "العسكري بين البلدين.", {K("VISIT", "JOR", "PAK")}),
    ("وصل وزير الدفاع الإيطالي إلى عمان أمس في زيارة رسمية للأردن يلتقي خلالها رئيس هيئة الأركان الأردنية.",
     {K("VISIT", "ITA", "JOR")}),
    ("وقع الأردن وتركيا بعمان اتفاقية للتعاون العسكري والتدريب.", {K("AGREE", "JOR", "TUR")}),
    ("التقى رئيس هيئة الأركان المشتركة الأردنية في عمان قائد القيادة المركزية الأمريكية.",
     {K("MEET", "JOR", "USA")}),
    # Oman itself: a Jordanian visitor arriving there, the Sultanate named, an Omani signal beside it
    ("وصل العاهل الأردني إلى عمان في زيارة رسمية يلتقي خلالها السلطان هيثم بن طارق.", {K("VISIT", "JOR", "OMN")}),
    ("وقعت سلطنة عمان والهند مذكرة تفاهم للتعاون العسكري في مسقط.", {K("AGREE", "OMN", "IND")}),
    ("وقع الأردن وعمان اتفاقية للتعاون الأمني.", {K("AGREE", "JOR", "OMN")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_amman_or_oman(text: str, expected: set) -> None:
    assert expected <= _keys(text)
    if not any("OMN" in parties for _, parties in expected):
        assert not any("OMN" in parties for _, parties in _keys(text))


def test_amman_is_the_place() -> None:
    events = extract_article(article("وقع الأردن وتركيا بعمان اتفاقية للتعاون العسكري والتدريب.")).events
    assert [e.location["name"] for e in events if e.type == "AGREE"] == ["Amman"]
