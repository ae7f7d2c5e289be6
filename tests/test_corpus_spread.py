"""The volume benchmarks' generator: a fixed span of dates by default, or a span growing with the corpus."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402 - the benchmark's generator, written for this project


def _days(n: int, per_10k: int | None) -> list[dt.date]:
    return [dt.date.fromisoformat(r["published"]) for r in corpus.articles(n, seed=3, chars=50, days_per_10k=per_10k)]


def test_a_spread_corpus_covers_time_in_proportion_to_its_size():
    small, big = _days(2000, 700), _days(20000, 700)
    assert 100 <= (max(small) - min(small)).days < 140  # 2,000 articles: about 140 days
    assert 1300 <= (max(big) - min(big)).days < 1400  # 20,000: about 1,400 days
    assert max(big) < corpus.LAST_DAY and max(small) < corpus.LAST_DAY
    # the same number of articles a day, whatever the size
    assert abs(len(big) / len(set(big)) - len(small) / len(set(small))) < 1.5


def test_the_default_corpus_keeps_its_700_days_whatever_its_size():
    days = _days(20000, None)
    assert (max(days) - min(days)).days < 700 and min(days) >= dt.date(2024, 1, 1)
