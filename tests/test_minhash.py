"""The numpy MinHash and LSH of ``merge.duplicates`` against datasketch, bit for bit.

Stores written before keep their signatures and duplicate groups only if the signatures, the LSH bands
and the Jaccard estimates are datasketch's own; these tests compare them on the example articles and
on edited copies of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alliancemap.merge.duplicates import (
    _LSH_PARAMS,
    SIGNATURE_SCHEME,
    DuplicateIndex,
    _lsh_params,
    minhash,
    shingles,
)

datasketch = pytest.importorskip("datasketch")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _texts() -> list[str]:
    out = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text, text.replace("\n\n", "\n", 3), text[: len(text) * 2 // 3], text + "\nShare this story."]
    out += ["", "one two", "وقع الجانبان اتفاقا"]
    return out


def _reference(text: str, num_perm: int = 128):
    m = datasketch.MinHash(num_perm=num_perm)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return m


@pytest.mark.parametrize("num_perm", [128, 64])
def test_signatures_equal_datasketch(num_perm):
    texts = _texts()
    assert len(texts) > 10
    for text in texts:
        ref = _reference(text, num_perm)
        assert minhash(text, num_perm).tolist() == [int(v) for v in ref.hashvalues]
        assert ref.scheme == SIGNATURE_SCHEME


def test_lsh_bands_are_datasketchs():
    for (threshold, num_perm), params in _LSH_PARAMS.items():
        lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert params == (lsh.b, lsh.r)
    lsh = datasketch.MinHashLSH(threshold=0.6, num_perm=64)
    assert _lsh_params(0.6, 64) == (lsh.b, lsh.r)


def test_index_finds_what_datasketch_finds():
    """Same candidates, same Jaccard estimates, for every text against every earlier one."""
    texts = _texts()
    index = DuplicateIndex()
    lsh = datasketch.MinHashLSH(threshold=0.8, num_perm=128)
    refs = {}
    for i, text in enumerate(texts):
        ref = _reference(text)
        expected = sorted((k, refs[k].jaccard(ref)) for k in lsh.query(ref)
                          if refs[k].jaccard(ref) >= 0.8 and not refs[k].is_empty()) if not ref.is_empty() else []
        assert sorted(index.query(text)) == expected
        index.add(f"t{i}", text)
        lsh.insert(f"t{i}", ref)
        refs[f"t{i}"] = ref
    assert any(index.canonical[k] != k for k in index.canonical)  # the edited copies were grouped
