#!/usr/bin/env python3
"""Generate a large synthetic news corpus (JSON Lines, HTML folder or WARC) for the volume benchmarks.

Every article is built from templates written for this benchmark: a dated lead sentence naming two
states (many dyads), their officials (many generated person names with titles), an event verb, a
place; a few follow-up sentences (partial names, a quote); and ordinary filler sentences
(``benchmarks/filler``) up to about ``--chars`` characters. URLs, outlets and dates vary, so every
article is new to the store.

    python benchmarks/corpus.py --n 10000 --format jsonl --out /tmp/c10k.jsonl
    python benchmarks/corpus.py --n 100000 --days-per-10k 700 --out /tmp/c100k.jsonl   # dates spread with size
    python benchmarks/corpus.py --n 2000 --format warc --out /tmp/c2k.warc.gz
    python benchmarks/corpus.py --n 500 --format html --out /tmp/pages/
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

FILLER = Path(__file__).resolve().parent / "filler"

STATES_EN = [
    ("Pakistan", "Pakistani"), ("Egypt", "Egyptian"), ("Turkey", "Turkish"), ("Saudi Arabia", "Saudi"),
    ("Qatar", "Qatari"), ("Jordan", "Jordanian"), ("Morocco", "Moroccan"), ("Algeria", "Algerian"),
    ("Tunisia", "Tunisian"), ("Libya", "Libyan"), ("Iraq", "Iraqi"), ("Oman", "Omani"),
    ("Somalia", "Somali"), ("Sudan", "Sudanese"), ("Indonesia", "Indonesian"), ("Malaysia", "Malaysian"),
    ("Bangladesh", "Bangladeshi"), ("Kenya", "Kenyan"), ("Nigeria", "Nigerian"), ("Italy", "Italian"),
    ("France", "French"), ("Greece", "Greek"), ("Azerbaijan", "Azerbaijani"), ("Kuwait", "Kuwaiti"),
]
STATES_AR = ["باكستان", "مصر", "تركيا", "السعودية", "قطر", "الأردن", "المغرب", "الجزائر", "تونس", "ليبيا",
             "العراق", "عمان", "الصومال", "السودان", "إندونيسيا", "ماليزيا", "بنغلاديش", "كينيا", "نيجيريا",
             "إيطاليا", "فرنسا", "اليونان", "أذربيجان", "الكويت"]
GIVEN_EN = ["Tariq", "Hamid", "Nabil", "Karim", "Yusuf", "Adel", "Samir", "Omar", "Faisal", "Rashid",
            "Walid", "Bilal", "Hassan", "Ziad", "Mounir", "Khaled", "Imran", "Jamal", "Salim", "Anwar"]
FAMILY_EN = ["Qureshi", "Mansour", "Haddad", "Bakri", "Siddiqui", "Farouk", "Naseer", "Khatib", "Rahmani",
             "Tahir", "Aziz", "Shaheen", "Darwish", "Saleh", "Barakat", "Hashmi", "Zubair", "Obeidi",
             "Nouri", "Kazmi"]
GIVEN_AR = ["طارق", "حامد", "نبيل", "كريم", "يوسف", "عادل", "سمير", "عمر", "فيصل", "راشد", "وليد", "بلال",
            "حسن", "زياد", "منير", "خالد", "عمران", "جمال", "سالم", "أنور"]
FAMILY_AR = ["القرشي", "منصور", "الحداد", "البكري", "الصديقي", "فاروق", "نصير", "الخطيب", "الرحماني",
             "طاهر", "عزيز", "شاهين", "درويش", "صالح", "بركات", "الهاشمي", "الزبير", "العبيدي", "النوري",
             "الكاظمي"]
TITLES_EN = ["Defence Minister", "Chief of Army Staff General", "Air Chief Marshal", "Navy commander Admiral",
             "Foreign Minister", "Chief of General Staff Lieutenant General"]
TITLES_AR = ["وزير الدفاع", "رئيس أركان الجيش الفريق", "قائد القوات الجوية اللواء", "قائد القوات البحرية الفريق",
             "وزير الخارجية", "رئيس الأركان العامة الفريق أول"]
LEADS_EN = [
    "{t1} {p1} of {a} met {t2} {p2} in {city} on {date} to discuss defence cooperation between {a} and {b}.",
    "{a} and {b} signed a memorandum of understanding on military training in {city} on {date}, officials said.",
    "The armed forces of {a} and {b} began a joint military exercise near {city} on {date}, the army said.",
    "{t1} {p1} arrived in {b} on {date} on an official visit during which he will meet {t2} {p2}.",
    "{a} agreed on {date} to buy drones from {b} under a contract signed in {city}, the ministry said.",
]
LEADS_AR = [
    "التقى {t1} {p1} في {city} يوم {date} {t2} {p2} وبحثا سبل تعزيز التعاون العسكري بين {a} و{b}.",
    "وقعت {a} و{b} في {city} يوم {date} مذكرة تفاهم للتعاون في مجال التدريب العسكري.",
    "انطلقت يوم {date} قرب {city} مناورات عسكرية مشتركة بين القوات المسلحة في {a} و{b}.",
    "وصل {t1} {p1} إلى {b} يوم {date} في زيارة رسمية يلتقي خلالها {t2} {p2}.",
]
FOLLOW_EN = [
    "{f2} said the talks covered counterterrorism and the exchange of expertise.",
    "\"Our cooperation with {b} is growing every year,\" {f1} told reporters after the meeting.",
    "The two sides also discussed regional security and matters of mutual interest.",
]
FOLLOW_AR = [
    "وقال {f2} إن المباحثات تناولت مكافحة الإرهاب وتبادل الخبرات.",
    "وأكد {f1} أن التعاون مع {b} يشهد تطورا مستمرا.",
    "كما ناقش الجانبان الأوضاع الأمنية في المنطقة والقضايا ذات الاهتمام المشترك.",
]
CITIES_EN = ["Islamabad", "Cairo", "Ankara", "Riyadh", "Doha", "Amman", "Rabat", "Algiers", "Tunis", "Baghdad"]
CITIES_AR = ["إسلام آباد", "القاهرة", "أنقرة", "الرياض", "الدوحة", "عمان", "الرباط", "الجزائر", "تونس", "بغداد"]
OUTLETS = ["harbourdaily", "sahelpost", "gulfcourier", "deltanews", "atlasobserver", "steppewire",
           "nilechronicle", "levantledger", "maghrebtimes", "horndispatch"]
AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
             "نوفمبر", "ديسمبر"]


def _filler(lang: str) -> list[str]:
    lines = (FILLER / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [x for x in lines if x.strip() and not x.startswith("#")]


LAST_DAY = dt.date(2025, 12, 1)  # every corpus ends here; a spread corpus starts further back
SPAN = 700  # days the default corpus covers, whatever its size


def span_days(n: int, days_per_10k: int | None) -> int:
    """Days the corpus covers: ``SPAN`` whatever its size, or ``days_per_10k`` for every 10,000 articles,
    as a news archive grows by covering more time rather than by packing more stories into the same days
    (a fixed span fills the merge's blocking windows as the corpus grows)."""
    return SPAN if days_per_10k is None else max(1, round(n * days_per_10k / 10_000))


def article(i: int, rng: random.Random, fillers: dict[str, list[str]], chars: int, span: int = SPAN) -> dict:
    """One synthetic article as a JSON record (text, lang, url, outlet, title, published)."""
    lang = "ar" if i % 3 == 0 else "en"
    ia, ib = rng.sample(range(len(STATES_EN)), 2)
    day = LAST_DAY - dt.timedelta(days=span) + dt.timedelta(days=rng.randrange(span))
    g1, g2 = rng.randrange(20), rng.randrange(20)
    f1, f2 = rng.randrange(20), rng.randrange(20)
    t1, t2 = rng.randrange(6), rng.randrange(6)
    if lang == "en":
        date = day.strftime("%B %d, %Y").replace(" 0", " ")
        slots = dict(a=STATES_EN[ia][0], b=STATES_EN[ib][0], t1=TITLES_EN[t1], t2=TITLES_EN[t2],
                     p1=f"{GIVEN_EN[g1]} {FAMILY_EN[f1]}", p2=f"{GIVEN_EN[g2]} {FAMILY_EN[f2]}",
                     f1=FAMILY_EN[f1], f2=FAMILY_EN[f2], city=rng.choice(CITIES_EN), date=date)
        leads, follows = LEADS_EN, FOLLOW_EN
        title = f"{STATES_EN[ia][1]} and {STATES_EN[ib][1]} officials hold talks"
    else:
        date = f"{day.day} {AR_MONTHS[day.month - 1]} {day.year}"
        slots = dict(a=STATES_AR[ia], b=STATES_AR[ib], t1=TITLES_AR[t1], t2=TITLES_AR[t2],
                     p1=f"{GIVEN_AR[g1]} {FAMILY_AR[f1]}", p2=f"{GIVEN_AR[g2]} {FAMILY_AR[f2]}",
                     f1=FAMILY_AR[f1], f2=FAMILY_AR[f2], city=rng.choice(CITIES_AR), date=date)
        leads, follows = LEADS_AR, FOLLOW_AR
        title = f"مباحثات بين {STATES_AR[ia]} و{STATES_AR[ib]}"
    paras = [rng.choice(leads).format(**slots)]
    body = [f.format(**slots) for f in rng.sample(follows, 2)]
    pool = fillers[lang]
    while sum(len(p) for p in paras + body) < chars:
        body.append(" ".join(rng.sample(pool, 3)))
    rng.shuffle(body)
    outlet = OUTLETS[i % len(OUTLETS)]
    return {"text": "\n\n".join(paras + body), "lang": lang, "title": title, "outlet": outlet,
            "url": f"https://www.{outlet}.example/{day.isoformat()}/story-{i}", "published": day.isoformat()}


def articles(n: int, seed: int = 7, chars: int = 5000, days_per_10k: int | None = None) -> Iterator[dict]:
    """``n`` synthetic article records, deterministic for a seed; dates over ``span_days``."""
    rng = random.Random(seed)
    fillers = {"en": _filler("en"), "ar": _filler("ar")}
    span = span_days(n, days_per_10k)
    for i in range(n):
        yield article(i, rng, fillers, chars, span)


def to_html(rec: dict) -> str:
    """A news page around the article: navigation, share bar and footer boilerplate included."""
    paras = "".join(f"<p>{p}</p>\n" for p in rec["text"].split("\n\n"))
    direction = ' dir="rtl"' if rec["lang"] == "ar" else ""
    return (f'<!DOCTYPE html><html lang="{rec["lang"]}"{direction}><head><meta charset="utf-8">'
            f'<title>{rec["title"]}</title><meta property="article:published_time" content="{rec["published"]}">'
            f'</head><body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>'
            f'<div class="share">Share on Facebook · Share on X · Email</div><article><h1>{rec["title"]}</h1>'
            f'{paras}</article><footer>© {rec["outlet"]} — all rights reserved. Subscribe to our newsletter.'
            f'</footer></body></html>')


def write_warc(recs: Iterator[dict], out: Path, gzip: bool = True) -> int:
    """Write one WARC response record per page (plus a non-HTML record every 50 pages)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i, rec in enumerate(recs):
            payload = to_html(rec).encode("utf-8")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            date = rec["published"] + "T08:00:00Z"
            writer.write_record(writer.create_warc_record(rec["url"], "response", payload=io.BytesIO(payload),
                                                          http_headers=http, warc_headers_dict={"WARC-Date": date}))
            if i % 50 == 49:
                img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(rec["url"] + ".png", "response",
                                                              payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
                                                              http_headers=img))
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--chars", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--days-per-10k", type=int, default=None, metavar="DAYS",
                    help="spread dates over DAYS for every 10,000 articles (e.g. 700), ending 2025-12-01; "
                         f"default: all sizes over the same {SPAN} days")
    ap.add_argument("--format", choices=("jsonl", "html", "warc"), default="jsonl")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    out = Path(args.out)
    recs = articles(args.n, args.seed, args.chars, args.days_per_10k)
    if args.format == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for rec in recs:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif args.format == "html":
        out.mkdir(parents=True, exist_ok=True)
        for i, rec in enumerate(recs):
            (out / f"page-{i:06d}.html").write_text(to_html(rec), encoding="utf-8")
    else:
        write_warc(recs, out, gzip=out.suffix == ".gz")
    print(f"wrote {args.n} articles to {out}")


if __name__ == "__main__":
    main()
