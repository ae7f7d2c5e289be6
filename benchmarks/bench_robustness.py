"""Clean time against paragraph size: linear since the abbreviation check walks back over one word.

Prints, for growing sizes of one paragraph full of abbreviations ("Dr.", "Gen."), the time ``clean`` takes
and the time per 100k characters, as a ratio against the smallest size measured in the same run (a
linear stage keeps the ratio near 1; the old quadratic one grew it with the size: 100k chars 3.6 s, 400k
chars 56 s). The paragraph limit (100k characters, beyond it a rejection) is lifted here. Run: ``nice python benchmarks/bench_robustness.py [--max 1600000]``.
"""

from __future__ import annotations

import argparse
import time

import alliancemap.clean as clean_module
from alliancemap.clean import clean
from alliancemap.model import RawDocument

SENTENCE = "Dr. Khan met Gen. Asim and the U.S. envoy in Riyadh on Monday, officials said. "


def time_clean(chars: int) -> float:
    text = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    start = time.perf_counter()
    clean(RawDocument("bench", "text", text, "x"))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max", type=int, default=1_600_000, help="largest paragraph, in characters")
    args = parser.parse_args()
    clean_module.MAX_PARAGRAPH_CHARS = args.max  # lifted, so the cleaning itself is timed, not the rejection
    time_clean(1000)  # load the lexicons once
    sizes, size = [], 25_000
    while size <= args.max:
        sizes.append(size)
        size *= 2
    base = None
    print(f"{'chars':>10} {'seconds':>9} {'s/100k':>8} {'ratio':>6}")
    for n in sizes:
        seconds = time_clean(n)
        per = seconds / n * 100_000
        base = base or per
        print(f"{n:>10} {seconds:>9.3f} {per:>8.3f} {per / base:>6.2f}")


if __name__ == "__main__":
    main()
