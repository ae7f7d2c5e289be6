"""A sentence that reports a current event and names an earlier instrument as its frame or its time
anchor ("days after X signed a pact", "under the agreement signed …", "في إطار الاتفاقية الموقعة"): the
instrument is a recollection (background, not dated by the sentence), the current event keeps the
sentence's date and place. Every sentence is written for this file, none is taken from a measured set.
"""

from __future__ import annotations

import pytest

from alliancemap.extract import extract_article
from alliancemap.model import Event
from tests.test_extract_classes import article

PUBLISHED = "2025-03-12"


def _events(text: str) -> dict[str, Event]:
    """The asserted events by type; of a current and a recalled event of one type, the current one."""
    out: dict[str, Event] = {}
    for e in extract_article(article(text, PUBLISHED)).events:
        if e.status != "planned" and (e.type not in out or out[e.type].background):
            out[e.type] = e
    return out


# (sentence, the current event's type, the recalled instrument's type, the instrument's own year or None)
RECALLED = [
    # the instrument as a time anchor: "days/weeks after … signed"
    ("Three Turkish cargo planes carrying armoured vehicles landed in Tripoli on Tuesday, weeks after Ankara "
     "and Tripoli signed a security accord.", "ARMS_DEAL", "AGREE", None),
    ("Indian army instructors began training Vietnamese officers in Hanoi on Monday, days after New Delhi and "
     "Hanoi signed a defence cooperation agreement.", "TRAINING", "AGREE", None),
    ("وصلت إلى طرابلس يوم الثلاثاء طائرتا شحن تركيتان تحملان مدرعات وذخائر، بعد أيام من توقيع تركيا وليبيا "
     "اتفاقية أمنية.", "ARMS_DEAL", "AGREE", None),
    ("انطلقت يوم الأحد مناورات عسكرية مشتركة بين الأردن ومصر، بعد أسابيع من توقيع البلدين اتفاقية للتعاون "
     "العسكري.", "EXERCISE", "AGREE", None),
    # the instrument as the frame of the current event: "under / in line with / في إطار / بموجب"
    ("Pakistani and Saudi special forces began a joint exercise near Taif on Sunday under the defence "
     "cooperation agreement the two countries signed in 2021.", "EXERCISE", "AGREE", "2021"),
    ("Jordanian and Egyptian forces began a joint military exercise in Aqaba on Monday in line with the military "
     "cooperation pact signed by the two countries.", "EXERCISE", "AGREE", None),
    ("بدأت القوات الأردنية والمصرية يوم الأحد تدريبات مشتركة في العقبة في إطار اتفاقية التعاون العسكري "
     "الموقعة بين البلدين.", "EXERCISE", "AGREE", None),
    ("وصل إلى مقديشو يوم الاثنين فريق من المدربين العسكريين الأتراك لتدريب القوات الصومالية بموجب الاتفاقية "
     "الدفاعية التي وقعها البلدان عام 2020.", "TRAINING", "AGREE", "2020"),
]


@pytest.mark.parametrize(("text", "current", "recalled", "year"), RECALLED)
def test_instrument_named_as_frame_or_anchor_is_recalled(text: str, current: str, recalled: str,
                                                        year: str | None) -> None:
    events = _events(text)
    assert current in events and recalled in events, sorted(events)
    now, then = events[current], events[recalled]
    assert not now.background and now.date, (now.background, now.date)
    assert then.background
    assert then.date != now.date
    assert then.location is None  # the sentence's place is the current event's
    if year:
        assert (then.date or "")[:4] == year
    else:
        assert then.date is None


# the signing itself is the news (a frame or an "after" that is not about the instrument), and a delivery
# framed by its contract is the news too: each keeps the sentence's day
CURRENT = [
    ("Egypt and Somalia signed a defence pact on Tuesday after talks between their defence ministers in Cairo.",
     "AGREE"),
    ("Egypt and Somalia signed an agreement on Tuesday under which Egypt will train Somali army officers.", "AGREE"),
    ("Days after their leaders met, Kenya and Ethiopia signed a border security agreement on Friday.", "AGREE"),
    ("Under the patronage of the emir, Qatar and Rwanda signed a defence cooperation agreement on Sunday.", "AGREE"),
    ("وقع الجانبان المصري والصومالي يوم الأربعاء اتفاقية دفاعية في إطار زيارة الرئيس الصومالي إلى القاهرة.", "AGREE"),
    ("وقعت السعودية وباكستان يوم الاثنين اتفاقية للتعاون العسكري بعد أيام من المباحثات بين وزيري الدفاع.", "AGREE"),
    ("في إطار زيارته الرسمية إلى أنقرة، وقع وزير الدفاع الصومالي ونظيره التركي يوم الخميس اتفاقية أمنية.", "AGREE"),
    ("As part of the visit Egypt and Sudan signed a defence cooperation agreement on Monday.", "AGREE"),
    ("في إطار الزيارة وقعت مصر والسودان يوم الاثنين اتفاقية للتعاون العسكري.", "AGREE"),
    ("Poland received its first K2 tanks from South Korea on Tuesday under a package of contracts the two "
     "countries signed in 2022.", "ARMS_DEAL"),
    ("تسلم العراق يوم الأحد الدفعة الأولى من مقاتلات جيه إف-17 من باكستان بموجب العقد الموقع بين البلدين.",
     "ARMS_DEAL"),
]


@pytest.mark.parametrize(("text", "etype"), CURRENT)
def test_event_reported_as_news_stays_current(text: str, etype: str) -> None:
    events = _events(text)
    assert etype in events, sorted(events)
    ev = events[etype]
    assert not ev.background and ev.date, (ev.background, ev.date)
