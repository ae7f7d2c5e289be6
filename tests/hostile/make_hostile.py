"""Regenerate the hostile corpus beside this script: `python tests/hostile/make_hostile.py`.

Every file is written by this script (no third-party text). ``expected.yaml`` says what ingest must do with
each: ``stored`` (a readable file in an awkward encoding) or the rejection reason it must give, per record.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
AR = "وصل وزير الدفاع المصري إلى الرياض يوم الثلاثاء في زيارة رسمية لبحث التعاون العسكري والتدريب المشترك."
AR2 = "وقال المتحدث باسم الوزارة إن الجانبين اتفقا على تنظيم مناورة بحرية مشتركة في البحر الأحمر."
EN = ("CAIRO, 3 June 2025 - The defence ministers of Egypt and Jordan met in Cairo on Tuesday and agreed to "
      "hold a joint naval exercise in the Red Sea later this year, a ministry statement said.")
DEEP = "[" * 100_000 + "]" * 100_000


def files() -> dict[str, bytes]:
    rnd = random.Random(9)
    out: dict[str, bytes] = {
        "deep.json": DEEP.encode(),
        "deep_object.json": ('{"a":' * 30_000 + "1" + "}" * 30_000).encode(),
        "deep_line.jsonl": (json.dumps({"text": EN, "url": "https://eg-news.example/a"}) + "\n" + DEEP + "\n").encode(),
        "deep_item.json": ("[" + json.dumps({"text": EN + " One."}) + "," + DEEP + "]").encode(),
        "broken_ipv6_url.jsonl": (json.dumps({"text": EN + " Two.", "url": "http://[::1/broken"}) + "\n").encode(),
        "meta_undefined.html": (f"<html><head><meta charset=undefined><title>T</title></head><body><article><p>{EN}"
                                " Three.</p></article></body></html>").encode(),
        "random_high_bytes.txt": bytes(rnd.randint(0x80, 0xFF) for _ in range(200_000)),
        "empty.txt": b"",
        "bom_only.txt": b"\xef\xbb\xbf",
        "whitespace.txt": b" \n\t\n   \n",
        "nul_bytes.txt": EN.encode() + b"\x00\x01\x02" * 50 + EN.encode(),
        "invalid.json": b'{"text": "unterminated',
        "wrong_types.json": json.dumps({"text": 42, "title": ["x"], "url": {"a": 1}}).encode(),
        "array_of_numbers.json": b"[1, 2, 3]",
        "unclosed_array.json": ("[" + json.dumps({"text": EN + " Four."}) + ", {\"text\": \"cut").encode(),
        "jsonl_mixed.jsonl": b"\n".join([b"not json", b"[1,2]", b'{"text": ""}', b'{"text": null}',
                                         json.dumps({"maintext": EN + " Five."}).encode()]) + b"\n",
        "huge_line.jsonl": b'{"text": "' + b"a" * 300_000 + b'"}\n' + json.dumps({"text": EN + " Six."}).encode() + b"\n",
        "control_chars.txt": bytes(range(1, 32)) * 200,
        "markup_title.json": json.dumps({"title": "Talks [/b] end [link=http://evil.example]here[/link]",
                                         "text": EN + " Seven [/x] closing [bold]quote[/bold]."}).encode(),
        "only_furniture.html": b"<html><body><nav>Home | News | Contact</nav><script>var x=1;</script></body></html>",
    }
    out["utf16_no_bom.txt"] = (AR + "\n\n" + AR2 + "\n").encode("utf-16-le")
    out["utf8_meta_latin1.html"] = (f"<html><head><meta charset=iso-8859-1><title>زيارة</title></head><body><article>"
                                    f"<p>{AR}</p><p>{AR2}</p></article></body></html>").encode()
    out["utf8_cut_mid_char.txt"] = (AR + "\n\n" + AR2).encode()[:-2]
    out["utf8_mixed_cp1256.txt"] = (AR + "\n\n").encode() + AR2.encode("cp1256") + b"\n"
    return out


EXPECTED = {
    "deep.json": "too_deep", "deep_object.json": "too_deep", "deep_line.jsonl": "stored too_deep",
    "deep_item.json": "stored too_deep", "broken_ipv6_url.jsonl": "stored", "meta_undefined.html": "stored",
    "random_high_bytes.txt": "not_language", "empty.txt": "empty", "bom_only.txt": "empty",
    "whitespace.txt": "empty", "nul_bytes.txt": "binary", "invalid.json": "malformed",
    "wrong_types.json": "no_text", "array_of_numbers.json": "malformed malformed malformed",
    "unclosed_array.json": "stored malformed", "jsonl_mixed.jsonl": "malformed malformed no_text no_text stored",
    "huge_line.jsonl": "too_large stored", "control_chars.txt": "binary", "markup_title.json": "stored",
    "only_furniture.html": "no_text", "utf16_no_bom.txt": "stored", "utf8_meta_latin1.html": "stored",
    "utf8_cut_mid_char.txt": "stored", "utf8_mixed_cp1256.txt": "stored",
}


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
    (HERE / "expected.yaml").write_text("".join(f"{k}: {v}\n" for k, v in sorted(EXPECTED.items())), encoding="utf-8")
