"""The feed fetcher against a local HTTP server only: conditional GET, retries, per-host delay, errors."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliancemap.cli import main
from alliancemap.fetch import Fetcher, iter_feeds, read_feed_list
from alliancemap.model import RawDocument, Rejection
from tests.test_feeds import RSS


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: list[tuple[str, str | None]] = []
    flaky_left = 1

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Handler.hits.append((self.path, self.headers.get("If-None-Match")))
        if self.path == "/flaky.rss" and _Handler.flaky_left > 0:
            _Handler.flaky_left -= 1
            self.send_error(503)
            return
        if self.path == "/missing.rss":
            self.send_error(404)
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        body = RSS.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    _Handler.hits, _Handler.flaky_left = [], 1
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_second_run_is_a_conditional_get_that_yields_nothing(server: str, tmp_path: Path) -> None:
    state = tmp_path / "feeds.json"
    first = list(iter_feeds([f"{server}/a.rss"], Fetcher(state, host_delay=0)))
    assert [type(d) for d in first] == [RawDocument, Rejection]  # the entry without text is rejected
    assert first[0].url == "https://harbourdaily.example/2025/01/14/patrols"
    again = list(iter_feeds([f"{server}/a.rss"], Fetcher(state, host_delay=0)))
    assert again == [] and _Handler.hits[-1] == ("/a.rss", '"v1"')


def test_retries_a_5xx_and_reports_a_4xx_by_url(server: str) -> None:
    waits: list[float] = []
    fetcher = Fetcher(None, host_delay=0, backoff=0.5, sleep=waits.append)
    docs = list(iter_feeds([f"{server}/flaky.rss", f"{server}/missing.rss"], fetcher))
    assert isinstance(docs[0], RawDocument)  # the second attempt got the feed
    missing = docs[-1]
    assert isinstance(missing, Rejection) and missing.origin.endswith("/missing.rss") and "404" in missing.detail
    assert [p for p, _ in _Handler.hits].count("/missing.rss") == 1  # a 404 is not asked again
    assert 0.5 in waits


def test_requests_to_one_host_are_spaced(server: str) -> None:
    waits: list[float] = []
    fetcher = Fetcher(None, host_delay=5.0, sleep=waits.append)
    list(iter_feeds([f"{server}/a.rss", f"{server}/b.rss"], fetcher))
    assert len(waits) == 1 and 0 < waits[0] <= 5.0  # the second request waited out the rest of the delay


def test_ingest_feeds_option(server: str, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# my feeds\n{server}/a.rss\n\n", encoding="utf-8")
    assert read_feed_list(feeds) == [f"{server}/a.rss"]
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), "--feeds", str(feeds)])
    assert "1 new" in result.output and "no_text" in result.output
    assert (tmp_path / "s.db.feeds.json").exists()
