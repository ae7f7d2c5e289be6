"""Two classes of merge errors met on held-out news, each with reports written for this file (both languages).

- A head of state or government's visit (or talks) and a delegation's visit to the same capital are two
  trips: one report names the leader travelling, the other only a delegation. A leader who receives a
  delegation, or travels at the head of one, is named with it and still joins.
- A recollection that calls the instrument "the pact" or "the agreement" recalls the protocol or MoU its
  signing named: instrument names do not conflict when one report is a recollection, and an undated
  recollection written within the undated window after a dated signing recalls that recent signing.
"""

from __future__ import annotations

import pytest

from alliancemap.merge import cluster_events, score_pair
from alliancemap.model import Event, Person

try:
    from tests.test_merge_classes import mention
except ImportError:
    from test_merge_classes import mention

def _person(name: str, key: str, role: str, country: str) -> Person:
    arabic = any("\u0600" <= c <= "\u06ff" for c in name)
    return Person(name, actor_id=f"person:{key}", name_ar=name if arabic else None,
                  name_en=None if arabic else name, role=role, country=country)


SHARIF = _person("Shehbaz Sharif", "shehbaz-sharif", "Prime Minister of Pakistan", "PAK")
SHARIF_AR = _person("شهباز شريف", "shehbaz-sharif", "Prime Minister of Pakistan", "PAK")
MBS = _person("Mohammed bin Salman", "mbs", "Crown Prince and Prime Minister of Saudi Arabia", "SAU")
MODI = _person("Narendra Modi", "narendra-modi", "Prime Minister of India", "IND")
MACRON_AR = _person("إيمانويل ماكرون", "emmanuel-macron", "President of France", "FRA")
CHIEF = _person("Sahir Shamshad Mirza", "ssm", "Chairman Joint Chiefs of Staff Committee", "PAK")


def _with(ev: Event, people: list[Person]) -> Event:
    ev.people = people
    return ev


# (leader's report, delegation's report): two trips
TWO_TRIPS = [
    # both undated news, the same capital
    (_with(mention("ar-pm", "VISIT", ("PAK", "SAU"), place=("Riyadh", "SAU"),
                   sentence="وصل رئيس الوزراء الباكستاني شهباز شريف إلى الرياض في زيارة رسمية يلتقي خلالها ولي العهد."),
           [SHARIF_AR]),
     mention("en-del", "VISIT", ("SAU", "PAK"), place=("Riyadh", "SAU"),
             sentence="A Pakistani military delegation arrived in Riyadh for talks on joint training.")),
    (_with(mention("en-pm", "VISIT", ("PAK", "SAU"), place=("Riyadh", "SAU"),
                   sentence="Prime Minister Shehbaz Sharif landed in Riyadh on an official visit."), [SHARIF]),
     mention("ar-del", "VISIT", ("SAU", "PAK"), place=("Riyadh", "SAU"),
             sentence="ووصل إلى الرياض وفد من وزارة الدفاع الباكستانية لبحث التعاون في مجال الصناعات الدفاعية.")),
    # a recollection of the leader's visit against undated news of a delegation
    (_with(mention("ar-rec", "VISIT", ("IND", "FRA"), date="2025-02", place=("Paris", "FRA"), background=True,
                   published="2025-04-29",
                   sentence="وكان رئيس الوزراء الهندي قد زار فرنسا في فبراير الماضي وأجرى مباحثات مع الرئيس ماكرون."),
           [MODI, MACRON_AR]),
     mention("en-hcdc", "VISIT", ("FRA", "IND"), place=("Paris", "FRA"),
             sentence="The visiting Indian defence delegation also called on France's chief of defence staff.")),
    # talks: the leader's against a delegation's
    (_with(mention("en-talks", "MEET", ("PAK", "SAU"), place=("Riyadh", "SAU"),
                   sentence="Sharif and the crown prince discussed defence cooperation in Riyadh."), [SHARIF, MBS]),
     mention("ar-talks", "MEET", ("SAU", "PAK"), place=("Riyadh", "SAU"),
             sentence="وبحث الوفد العسكري الباكستاني في الرياض مع مسؤولين سعوديين برامج التدريب المشترك.")),
]


@pytest.mark.parametrize(("leader", "delegation"), TWO_TRIPS)
def test_a_leaders_trip_and_a_delegations_trip_stay_apart(leader, delegation):
    score, reasons = score_pair(leader, delegation)
    assert score < 0.55 and any("another trip" in r for r in reasons), reasons
    assert len(cluster_events([leader, delegation])) == 2


# (report, report): one trip, the rule must not fire
ONE_TRIP = [
    # the leader at the head of a delegation
    (_with(mention("en-head", "VISIT", ("PAK", "SAU"), place=("Riyadh", "SAU"),
                   sentence="Sharif arrived in Riyadh at the head of a high-level delegation."), [SHARIF]),
     mention("ar-del2", "VISIT", ("SAU", "PAK"), place=("Riyadh", "SAU"),
             sentence="وصل الوفد الباكستاني رفيع المستوى إلى الرياض.")),
    # the host leader receives the delegation
    (_with(mention("ar-host", "VISIT", ("PAK", "SAU"), place=("Riyadh", "SAU"),
                   sentence="استقبل ولي العهد السعودي في الرياض وفدا عسكريا باكستانيا برئاسة الجنرال ساحر شمشاد ميرزا."),
           [MBS, CHIEF]),
     mention("en-del3", "VISIT", ("SAU", "PAK"), place=("Riyadh", "SAU"),
             sentence="A Pakistani military delegation led by General Sahir Shamshad Mirza is in Riyadh.")),
    # both reports name the leader
    (_with(mention("en-pm2", "VISIT", ("PAK", "SAU"), place=("Riyadh", "SAU"),
                   sentence="Prime Minister Shehbaz Sharif landed in Riyadh on an official visit."), [SHARIF]),
     _with(mention("ar-pm2", "VISIT", ("SAU", "PAK"), place=("Riyadh", "SAU"),
                   sentence="وصل شهباز شريف إلى الرياض في زيارة رسمية."), [SHARIF_AR])),
    # a report that names neither a leader nor a delegation
    (_with(mention("en-pm3", "VISIT", ("PAK", "SAU"), place=("Riyadh", "SAU"),
                   sentence="Prime Minister Shehbaz Sharif landed in Riyadh on an official visit."), [SHARIF]),
     mention("ar-visit", "VISIT", ("SAU", "PAK"), place=("Riyadh", "SAU"),
             sentence="بدأت في الرياض زيارة رسمية باكستانية تستمر يومين.")),
]


@pytest.mark.parametrize(("a", "b"), ONE_TRIP)
def test_one_trip_told_with_and_without_its_delegation_still_joins(a, b):
    score, reasons = score_pair(a, b)
    assert score >= 0.55 and not any("another trip" in r for r in reasons), reasons
    assert len(cluster_events([a, b])) == 1


# --------------------------------------------------------------------------------------------------
# A recollection calls the instrument by another name
# --------------------------------------------------------------------------------------------------


def _signed(article: str, instrument: str, sentence: str, **kw) -> Event:
    ev = mention(article, "AGREE", ("EGY", "SOM"), sentence=sentence, **kw)
    ev.attributes["instrument"] = instrument
    return ev


SIGNINGS = [
    (_signed("ar-sign", "protocol", "وقعت مصر والصومال في القاهرة بروتوكولا للتعاون العسكري.",
             date="2024-08-14", published="2024-08-14", place=("Cairo", "EGY")),
     _signed("en-rec", "agreement", "Two Egyptian aircraft landed in Mogadishu, days after the two "
             "governments signed a defence pact.", background=True, published="2024-08-28")),
    (_signed("en-sign", "mou", "Egypt and Somalia signed a memorandum of understanding on military "
             "cooperation in Cairo.", date="2024-08-14", published="2024-08-15", place=("Cairo", "EGY")),
     _signed("ar-rec", "agreement", "وتأتي الشحنة في إطار الاتفاقية الدفاعية الموقعة بين البلدين.",
             background=True, published="2024-09-02")),
    (_signed("ar-sign2", "protocol", "شهد الرئيسان توقيع بروتوكول للتعاون الدفاعي بين البلدين.",
             date="2024-08-14", published="2024-08-14"),
     _signed("en-rec2", "agreement", "Weeks after Cairo and Mogadishu inked a defence accord, the first "
             "Egyptian instructors arrived.", background=True, published="2024-09-01")),
]


@pytest.mark.parametrize(("signing", "recalled"), SIGNINGS)
def test_a_recollection_naming_the_instrument_otherwise_joins_the_recent_signing(signing, recalled):
    score, reasons = score_pair(signing, recalled)
    assert score >= 0.55, reasons
    assert not any("instruments differ" in r for r in reasons)
    assert len(cluster_events([signing, recalled])) == 1


def test_two_reports_told_as_news_still_differ_on_the_instrument():
    a = _signed("a", "protocol", "وقعت مصر والصومال بروتوكولا للتعاون العسكري.", published="2024-08-14")
    b = _signed("b", "mou", "Egypt and Somalia signed an MoU on defence.", published="2024-08-14")
    assert any("instruments differ" in r for r in score_pair(a, b)[1])


def test_a_recollection_written_months_after_the_signing_needs_more_than_the_pair():
    signing = SIGNINGS[0][0]
    later = _signed("en-late", "agreement", "The shipment falls under the defence pact the two signed.",
                    background=True, published="2024-12-20")
    score, reasons = score_pair(signing, later)
    assert score < 0.55, reasons
