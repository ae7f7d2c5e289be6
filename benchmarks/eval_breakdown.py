"""Break an evaluation score down by language, by halves of the set and by event type.

A single F1 over a whole set hides where the extractor is weak: English against Arabic, or the
half of a set whose stories the rules were not written against. This script re-scores subsets of a
gold set (symlinked into a temporary folder) with the set's own scorer, so every figure means
exactly what the scorer's figure means.

    python benchmarks/eval_breakdown.py SET_DIR EVENTS.jsonl [--scorer PATH] [--json] [--verbose]

SET_DIR has the layout of ../shared/eval/*: articles/NNN.json and gold/NNN.json. The scorer
defaults to SET_DIR/../score.py, else ../shared/eval/score.py beside the
repository (for benchmarks/heldout*). Subsets: all, each `lang`, first and second half by file name.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def _subsets(set_dir: Path) -> dict[str, list[str]]:
    """Name → list of article file names, for the whole set, each language and the two halves."""
    names = sorted(p.name for p in (set_dir / "gold").glob("*.json"))
    out: dict[str, list[str]] = {"all": names}
    for name in names:
        art = json.loads((set_dir / "articles" / name).read_text(encoding="utf-8"))
        out.setdefault(f"lang={art.get('lang') or '?'}", []).append(name)
    half = (len(names) + 1) // 2
    if names:
        out[f"half1 {names[0][:-5]}-{names[half - 1][:-5]}"] = names[:half]
    if names[half:]:
        out[f"half2 {names[half][:-5]}-{names[-1][:-5]}"] = names[half:]
    return out


def _score(scorer: Path, set_dir: Path, names: list[str], events: Path, verbose: bool) -> dict:
    """Run the scorer on a temporary set that holds only `names`."""
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp)
        for part in ("articles", "gold"):
            (sub / part).mkdir()
            for name in names:
                (sub / part / name).symlink_to((set_dir / part / name).resolve())
        cmd = [sys.executable, str(scorer), str(sub), str(events), "--json"]
        if verbose:
            cmd.append("--verbose")
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def _row(name: str, r: dict) -> str:
    k = r["key"]
    return (f"{name:<16} n={r['articles']:<3} key P {k['precision']:.3f} R {k['recall']:.3f} "
            f"F1 {k['f1']:.3f} (tp {k['tp']} fp {k['fp']} fn {k['fn']})  distr_fp {r['distractor_fp']}  "
            f"date {r['date_acc']} (n {r['date_n']})  loc {r['location_acc']} (n {r['location_n']})  "
            f"merge F1 {r['merge']['f1']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("events", type=Path)
    ap.add_argument("--scorer", type=Path, default=None)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--verbose", action="store_true", help="also list per-article misses")
    args = ap.parse_args(argv)
    beside = args.set_dir.resolve().parent / "score.py"  # ../shared/eval/SET: the set's own scorer
    shared = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"  # our held-out sets
    scorer = args.scorer or (beside if beside.is_file() else shared)
    if not scorer.is_file():
        print(f"error: scorer {scorer} not found; pass --scorer PATH", file=sys.stderr)
        return 2
    results = {name: _score(scorer, args.set_dir, names, args.events, args.verbose)
               for name, names in _subsets(args.set_dir).items()}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for name, r in results.items():
        print(_row(name, r))
    print("per type (all):")
    for t, c in results["all"]["per_type"].items():
        tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        print(f"  {t:<10} tp {tp:<3} fp {fp:<3} fn {fn:<3} F1 {f1:.3f}")
    for d in results["all"].get("details", []):
        print(json.dumps(d, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
