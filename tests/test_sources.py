"""Readers: every format, every encoding, and every kind of bad input becoming a Rejection."""

from __future__ import annotations

import io
import json
import os

import pytest

from alliancemap.model import RawDocument, Rejection
from alliancemap.sources import decode_bytes, iter_documents, outlet_from_url, read_file

ARABIC = (
    "وقّع وزيرا الدفاع في البلدين اتفاقية للتعاون العسكري تشمل التدريب وتبادل الخبرات.\n\n"
    "وأكد الجانبان أن الاتفاقية تفتح صفحة جديدة في العلاقات الثنائية بين الجيشين.\n"
)


def docs(paths, **kwargs) -> list[RawDocument | Rejection]:
    return list(iter_documents([str(p) for p in paths], **kwargs))


def only(results):
    assert len(results) == 1, results
    return results[0]


def test_plain_text_dump_is_kind_text(inputs_dir):
    doc = only(docs([inputs_dir / "en_dump.txt"]))
    assert isinstance(doc, RawDocument)
    assert doc.kind == "text"
    assert doc.content == (inputs_dir / "en_dump.txt").read_text(encoding="utf-8")
    assert len(doc.raw_sha256) == 64


def test_html_page_gives_text_and_metadata(inputs_dir):
    doc = only(docs([inputs_dir / "page.html"]))
    assert isinstance(doc, RawDocument) and doc.kind == "record"
    assert doc.url == "https://www.eastafrica-monitor.example/2024/06/12/kenya-ethiopia-border-talks"
    assert doc.outlet == "eastafrica-monitor.example"
    assert doc.published.startswith("2024-06-12")
    assert "Kenya and Ethiopia open border security talks" in doc.title
    paragraphs = doc.content.split("\n\n")
    assert any(p.startswith("NAIROBI - Senior security officials") for p in paragraphs)
    assert any(p.startswith("The delegations agreed") for p in paragraphs)
    assert "Home" not in paragraphs


def test_html_meta_charset_cp1256_is_honoured(write_file):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>خبر</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARABIC.split("\n\n"))
        + "</article></body></html>"
    )
    path = write_file("page_ar.htm", html.encode("cp1256"))
    doc = only(docs([path]))
    assert isinstance(doc, RawDocument)
    assert "اتفاقية للتعاون العسكري" in doc.content


def test_html_without_main_text_is_no_text(write_file):
    path = write_file("app.html", "<html><head><title>App</title></head><body><script>var a = 1;</script></body></html>")
    rej = only(docs([path]))
    assert isinstance(rej, Rejection) and rej.reason == "no_text"


def test_html_is_sniffed_without_extension(write_file):
    body = "<p>" + ARABIC.split("\n\n")[0] + "</p>"
    path = write_file("saved_page", f"<!DOCTYPE html><html><body><article>{body}</article></body></html>")
    doc = only(docs([path]))
    assert doc.kind == "record" and "<p>" not in doc.content


def test_news_please_json_fields(inputs_dir):
    doc = only(docs([inputs_dir / "newsplease.json"]))
    assert doc.kind == "record"
    assert doc.title == "Iraq and Turkey sign security memorandum"
    assert doc.content.startswith("ANKARA - The defence ministers")  # maintext, not description
    assert doc.published == "2024-08-15 18:20:00"
    assert doc.outlet == "regional-wire.example"
    assert doc.lang == "en"


def test_json_list_gives_one_document_per_object_with_description_fallback(inputs_dir):
    first, second = docs([inputs_dir / "list.json"])
    assert first.origin.endswith("list.json[0]") and second.origin.endswith("list.json[1]")
    assert first.content.startswith("Only a description")
    assert first.outlet == "news.example.com" and first.published == "2024-05-01"
    assert second.outlet == "News Example" and second.lang == "en"


def test_jsonl_bad_line_is_rejected_and_reading_goes_on(inputs_dir):
    results = docs([inputs_dir / "records.jsonl"])
    origins = [r.origin.rsplit(":", 1)[1] for r in results]
    assert origins == ["1", "2", "3", "5"]  # line 4 is blank
    good1, bad, good3, empty = results
    assert isinstance(bad, Rejection) and bad.reason == "malformed" and "column" in bad.detail
    assert good1.title == "Oman and India sign naval cooperation pact"
    assert good3.lang == "ar" and good3.outlet == "alkhabar.example"
    assert isinstance(empty, Rejection) and empty.reason == "no_text"


def test_stdin_json_lines():
    stream = io.StringIO(
        json.dumps({"url": "https://www.x.example/1", "text": ARABIC}, ensure_ascii=False) + "\n" + "{oops\n"
    )
    doc, bad = docs(["-"], stdin=stream)
    assert doc.origin == "<stdin>:1" and doc.content == ARABIC and doc.outlet == "x.example"
    assert bad.origin == "<stdin>:2" and bad.reason == "malformed"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-be"),
        lambda t: codecs_bom_be(t),
        lambda t: t.encode("cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-nobom", "utf16-be-bom", "cp1256"],
)
def test_encodings_give_identical_text(write_file, encode):
    path = write_file("article.txt", encode(ARABIC))
    result = only(docs([path]))
    assert isinstance(result, RawDocument)
    assert result.content == ARABIC


def codecs_bom_be(text: str) -> bytes:
    return b"\xfe\xff" + text.encode("utf-16-be")


def test_cp1256_preferred_over_other_single_byte_guesses():
    short = "اتفاقية دفاع مشترك".encode("cp1256")
    assert decode_bytes(short) == "اتفاقية دفاع مشترك"


def test_latin1_text_is_not_forced_to_arabic():
    text = "Le ministre a signé l'accord à Alger, a précisé le communiqué officiel du ministère."
    assert decode_bytes(text.encode("cp1252")) == text


def test_empty_file(inputs_dir):
    rej = only(docs([inputs_dir / "empty.txt"]))
    assert (rej.reason, rej.origin) == ("empty", str(inputs_dir / "empty.txt"))


def test_whitespace_only_file_is_empty(write_file):
    assert only(docs([write_file("blank.txt", " \n\n\t\n")])).reason == "empty"


def test_nul_bytes_are_binary(write_file):
    path = write_file("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert only(docs([path])).reason == "binary"


def test_control_characters_are_binary(write_file):
    path = write_file("noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 20 + b"abc")
    assert only(docs([path])).reason == "binary"


def test_too_large_is_checked_before_reading(write_file):
    path = write_file("big.txt", "word " * 100)
    rej = only(docs([path], max_bytes=100))
    assert rej.reason == "too_large" and "--max-bytes" in rej.detail


def test_malformed_json_reports_line_and_column(inputs_dir):
    rej = only(docs([inputs_dir / "malformed.json"]))
    assert rej.reason == "malformed"
    assert "line 2" in rej.detail and "column" in rej.detail


def test_json_array_of_non_objects_is_malformed(write_file):
    results = docs([write_file("numbers.json", "[1, {\"text\": \"a real record body\"}]")])
    assert results[0].reason == "malformed" and results[1].content == "a real record body"


def test_missing_file_is_unreadable(tmp_path):
    rej = only(docs([tmp_path / "nope.txt"]))
    assert rej.reason == "unreadable" and "path" in rej.detail


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_permission_denied_is_unreadable(write_file):
    path = write_file("secret.txt", "text")
    path.chmod(0)
    assert only(docs([path])).reason == "unreadable"


def test_undecodable_bytes_are_unreadable_or_binary(write_file):
    # Random high bytes with no NUL: not UTF-8 and not a text in any code page that makes sense.
    path = write_file("garbage.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 3)
    result = only(docs([path]))
    assert isinstance(result, Rejection) or "\ufffd" not in result.content


def test_directory_walk_is_sorted_and_skips_hidden(inputs_dir):
    origins = [r.origin for r in docs([inputs_dir / "folder"])]
    assert origins == [str(inputs_dir / "folder" / "b.txt"), str(inputs_dir / "folder" / "sub" / "a.jsonl") + ":1"]


def test_read_file_and_iter_documents_agree(inputs_dir):
    path = inputs_dir / "newsplease.json"
    assert list(read_file(path)) == docs([path])


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.aljazeera.net/news/1", "aljazeera.net"),
        ("http://ar.libyaobserver.ly/x", "ar.libyaobserver.ly"),
        ("https://WWW.Example.COM:8080/a", "example.com"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet
