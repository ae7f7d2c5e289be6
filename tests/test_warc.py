"""WARC input: HTML responses only, URL and crawl date kept, per-record size limit, gzip or not,
FastWARC and the warcio fallback giving the same documents."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from alliancemap.model import RawDocument, Rejection
from alliancemap.pipeline import ingest
from alliancemap.sources import iter_documents
from alliancemap.store.db import open_store

EN_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Talks in Rawalpindi</title></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav><article><h1>Talks in Rawalpindi</h1>
<p>Jordan's army chief, Lieutenant General Yousef Huneiti, met Pakistan's Chief of Army Staff in
Rawalpindi on Tuesday to discuss training and defence industry cooperation, the military said.</p>
<p>Both sides agreed to expand the exchange of instructors between their staff colleges next year,
officials said after the meeting, which lasted more than two hours.</p></article>
<footer>All rights reserved. Subscribe to our newsletter.</footer></body></html>"""
AR_PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>مناورات مشتركة</title></head>
<body><nav>الرئيسية | أخبار | رياضة</nav><article><h1>مناورات مشتركة</h1>
<p>انطلقت صباح الأحد مناورات عسكرية مشتركة بين القوات المصرية والسعودية قرب الحدود الشمالية بمشاركة
وحدات برية وجوية، بحسب بيان المتحدث العسكري.</p>
<p>وقال البيان إن التمرين يهدف إلى تبادل الخبرات وتعزيز القدرة على العمل المشترك بين البلدين.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def _write(path: Path, gzip: bool, big: bytes | None = None) -> None:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        html = [("Content-Type", "text/html; charset=utf-8")]

        def response(url: str, body: bytes, headers: list[tuple[str, str]], date: str) -> None:
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": date}))

        w.write_record(w.create_warc_record("https://news.example/en/1", "request",
                                            payload=io.BytesIO(b"GET /en/1 HTTP/1.1\r\n\r\n")))
        response("https://www.margalla.example/en/talks", EN_PAGE.encode(), html, "2025-03-04T09:00:00Z")
        response("https://www.margalla.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40,
                 [("Content-Type", "image/png")], "2025-03-04T09:00:01Z")
        response("https://nilegate.example/ar/drill", AR_PAGE.encode(), html, "2025-04-06T10:00:00Z")
        if big is not None:
            response("https://nilegate.example/ar/huge", big, html, "2025-04-06T10:00:02Z")


@pytest.mark.parametrize("name,gzip", [("crawl.warc.gz", True), ("crawl.warc", False), ("crawl.bin", False)])
def test_html_responses_become_documents_with_url_and_date(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    _write(path, gzip)
    docs = list(iter_documents([str(path)]))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == ["https://www.margalla.example/en/talks", "https://nilegate.example/ar/drill"]
    assert [d.published for d in docs] == ["2025-03-04", "2025-04-06"]  # pages state no date: crawl date
    assert docs[0].outlet == "margalla.example" and "Huneiti" in docs[0].content
    assert "Subscribe" not in docs[0].content and "الحقوق" not in docs[1].content
    assert docs[0].origin.startswith(str(path) + "@") and docs[0].origin != docs[1].origin


def test_max_bytes_limits_a_record_not_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    big = AR_PAGE.replace("</article>", "<p>" + "نص إضافي طويل. " * 4000 + "</p></article>").encode()
    _write(path, True, big=big)
    assert path.stat().st_size < 20_000 < len(big)
    docs = list(iter_documents([str(path)], max_bytes=20_000))
    assert [type(d).__name__ for d in docs] == ["RawDocument", "RawDocument", "Rejection"]
    assert docs[2].reason == "too_large" and "--max-bytes" in docs[2].detail


def test_warcio_fallback_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write(path, True)
    fast = [(d.url, d.published, d.content) for d in iter_documents([str(path)])]
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)  # import fails: warcio reads it
    slow = [(d.url, d.published, d.content) for d in iter_documents([str(path)])]
    assert fast == slow and len(fast) == 2


def test_truncated_archive_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    _write(path, False)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])
    docs = list(iter_documents([str(path)]))
    assert isinstance(docs[0], RawDocument)
    assert all(isinstance(d, (RawDocument, Rejection)) for d in docs)


def test_ingest_of_an_archive_stores_the_pages(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write(path, True)
    store = open_store(str(tmp_path / "s.db"))
    report = ingest(store, [str(path)])
    assert report.counts["new"] == 2
    urls = {r[0] for r in store.conn.execute("SELECT url FROM articles")}
    assert urls == {"https://www.margalla.example/en/talks", "https://nilegate.example/ar/drill"}
    assert report.events >= 1
