"""RSS and Atom files: one document per entry with its link, date and language; bad feeds rejected."""

from __future__ import annotations

from pathlib import Path

from alliancemap.model import RawDocument, Rejection
from alliancemap.pipeline import ingest
from alliancemap.sources import iter_documents
from alliancemap.store.db import open_store

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Daily — Defence</title><link>https://harbourdaily.example/</link>
<language>en-gb</language>
<item><title>Somali and Turkish navies plan joint patrols</title>
<link>https://harbourdaily.example/2025/01/14/patrols</link><pubDate>Tue, 14 Jan 2025 07:30:00 GMT</pubDate>
<description><![CDATA[<p>Somalia and Turkey agreed on Monday to hold joint naval patrols off the Somali coast
from March, the Somali defence ministry said in a statement.</p><p>The patrols will be
commanded from Mogadishu, officials said.</p>]]></description></item>
<item><title>Photo gallery</title><link>https://harbourdaily.example/gallery</link>
<pubDate>Tue, 14 Jan 2025 09:00:00 GMT</pubDate></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar"><title>بوابة النيل</title>
<id>urn:nilegate</id><updated>2025-04-07T08:00:00Z</updated>
<entry><title>تدريب مشترك</title><id>urn:nilegate:1</id><link href="https://nilegate.example/ar/2025/04/drill"/>
<published>2025-04-06T10:00:00Z</published><updated>2025-04-06T11:00:00Z</updated>
<content type="html">&lt;p&gt;بدأت القوات المصرية والسعودية يوم الأحد تدريبا عسكريا مشتركا قرب الحدود الشمالية
بمشاركة وحدات برية وجوية، بحسب بيان المتحدث العسكري.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries_keep_link_date_and_language(tmp_path: Path) -> None:
    (tmp_path / "defence.rss").write_text(RSS, encoding="utf-8")
    docs = list(iter_documents([str(tmp_path / "defence.rss")]))
    first, second = docs
    assert isinstance(first, RawDocument) and isinstance(second, Rejection)
    assert first.url == "https://harbourdaily.example/2025/01/14/patrols" and first.published == "2025-01-14"
    assert first.lang == "en" and first.outlet == "harbourdaily.example"
    assert first.content.count("\n\n") == 1 and "<p>" not in first.content
    assert second.reason == "no_text" and second.origin.endswith("defence.rss#2")


def test_atom_file_named_xml_is_recognised(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    (doc,) = iter_documents([str(tmp_path / "feed.xml")])
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://nilegate.example/ar/2025/04/drill" and doc.published == "2025-04-06"
    assert doc.lang == "ar" and doc.content.startswith("بدأت القوات")


def test_broken_feed_is_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "broken.rss").write_text("<rss version=\"2.0\"><channel><title>Empty</title>", encoding="utf-8")
    (tmp_path / "good.rss").write_text(RSS, encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"))
    report = ingest(store, [str(tmp_path / "broken.rss"), str(tmp_path / "good.rss")])
    assert report.counts["new"] == 1
    assert {r.reason for r in report.rejected} == {"malformed", "no_text"}
