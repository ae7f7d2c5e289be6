"""Property-based fuzzing (hypothesis) of every reader, the text stages and the CLI.

Bounded for CI: each property runs ``FUZZ_EXAMPLES`` examples (``ALLIANCEMAP_FUZZ_EXAMPLES`` raises it for a
longer local run, see docs/robustness.md). The property is always the same: no exception escapes, and
every result is a RawDocument / Article or a Rejection with a reason.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliancemap.clean import clean
from alliancemap.cli import main
from alliancemap.model import Article, RawDocument, Rejection
from alliancemap.sources import iter_documents, outlet_from_url, read_file
from alliancemap.text.dates import find_dates, resolve_relative
from alliancemap.text.normalize import fold, normalize

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PAGES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".html", ".txt", ".jsonl"})
N = int(os.environ.get("ALLIANCEMAP_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=N, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SUFFIXES = [".txt", ".html", ".json", ".jsonl", ""]


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, cut length, insertion) edits: byte flips, cuts, splices of hostile bytes."""
    out = bytearray(data)
    for pos, cut, insert in edits:
        at = pos % (len(out) + 1)
        out[at:at + cut] = insert
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 64),
                           st.sampled_from([b"", b"\x00", b"\xff\xfe", b"[[[[", b'"', b"\xd9", b"<meta charset=undefined>",
                                            b"[/b]", b"\xef\xbb\xbf", b"}", b"\n\n", b"\\u00"]) | st.binary(max_size=16)),
                 max_size=8)


def _check(results) -> None:
    for r in results:
        assert isinstance(r, RawDocument | Rejection)
        if isinstance(r, RawDocument):
            assert _clean_ok(clean(r))


def _clean_ok(result) -> bool:
    return isinstance(result, Article | Rejection) and (isinstance(result, Rejection) or bool(result.text))


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_readers_on_arbitrary_bytes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fz") / f"input{suffix}"
    path.write_bytes(data)
    _check(read_file(path, max_bytes=3000))


@FUZZ
@given(page=st.sampled_from(PAGES), edits=EDITS)
def test_readers_on_mutated_example_pages(tmp_path_factory, page, edits):
    path = tmp_path_factory.mktemp("mut") / page.name
    path.write_bytes(_mutate(page.read_bytes(), edits))
    _check(read_file(path))


@FUZZ
@given(lines=st.lists(st.binary(max_size=300) | st.text(max_size=300), max_size=6))
def test_stdin_json_lines_on_arbitrary_input(lines):
    text = "\n".join(x.decode("utf-8", "replace") if isinstance(x, bytes) else x for x in lines)
    _check(iter_documents(["-"], stdin=io.StringIO(text)))


@FUZZ
@given(text=st.text(max_size=3000), kind=st.sampled_from(["text", "record", "html"]),
       title=st.none() | st.text(max_size=80), url=st.none() | st.text(max_size=60))
def test_clean_on_arbitrary_text(text, kind, title, url):
    assert _clean_ok(clean(RawDocument("fuzz", kind, text, "x", url=url, title=title)))
    outlet_from_url(url)


@FUZZ
@given(text=st.text(max_size=2000))
def test_normalize_and_dates_on_arbitrary_text(text):
    assert isinstance(fold(text), str)
    normalize(text)
    find_dates(text, published="2025-01-01")
    resolve_relative(text, "2025-01-01")


@FUZZ
@given(page=st.sampled_from(PAGES), edits=EDITS)
def test_extract_on_mutated_articles(page, edits):
    from alliancemap.extract import extract_article
    from alliancemap.resolve.kb import load_kb

    data = _mutate(page.read_bytes(), edits).decode("utf-8", "replace")
    article = clean(RawDocument(page.name, "text", data, "x"))
    if isinstance(article, Article):
        ext = extract_article(article, load_kb())
        for m in ext.mentions:  # provenance stays inside the article
            assert 0 <= m.start <= m.end <= len(article.text)


@settings(max_examples=max(N // 5, 5), deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(files=st.lists(st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=2000)), min_size=1, max_size=4))
def test_cli_ingest_on_arbitrary_files(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("cli")
    for i, (suffix, data) in enumerate(files):
        (folder / f"f{i}{suffix}").write_bytes(data)
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(folder / "s.db"), str(folder)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    listed = CliRunner().invoke(main, ["articles", "--db", str(folder / "s.db")])
    assert listed.exit_code == 0, listed.output
