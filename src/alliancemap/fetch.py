"""A polite fetcher for a file of feed URLs (``ingest --feeds FILE``).

Polite means: a timeout on every request, a few retries with growing waits on network errors and
5xx answers, a delay between two requests to the same host, an identifying User-Agent, and conditional
GET: the ETag and Last-Modified of each feed are remembered (a JSON file beside the store), so an
unchanged feed costs one 304 answer and yields nothing. A feed that cannot be fetched becomes a
Rejection naming its URL and the reason; the other feeds go on.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from alliancemap import __version__
from alliancemap.model import RawDocument, Rejection

USER_AGENT = f"alliancemap/{__version__} (+feed reader; polite: conditional GET, per-host delay)"


def read_feed_list(path: str | Path) -> list[str]:
    """The URLs of a feed list: one a line, blank lines and '#' comments ignored."""
    urls = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            urls.append(line)
    return urls


@dataclass
class Fetcher:
    """Fetches URLs politely; ``state`` maps URL → {"etag", "modified"} across runs."""

    state_path: Path | None = None
    timeout: float = 20.0
    retries: int = 2
    host_delay: float = 1.0
    backoff: float = 1.0
    state: dict[str, dict[str, str]] = field(default_factory=dict)
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.state_path is not None and self.state_path.exists():
            try:
                self.state = json.loads(self.state_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.state = {}

    def fetch(self, url: str) -> bytes | None | Rejection:
        """The body of ``url``; None when unchanged since the last run (304); a Rejection on failure."""
        headers = {"User-Agent": USER_AGENT}
        known = self.state.get(url, {})
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("modified"):
            headers["If-Modified-Since"] = known["modified"]
        last_error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                            timeout=self.timeout) as resp:
                    body = resp.read()
                    self.state[url] = {k: v for k, v in (("etag", resp.headers.get("ETag")),
                                                         ("modified", resp.headers.get("Last-Modified"))) if v}
                    return body
            except urllib.error.HTTPError as exc:
                if exc.code == 304:
                    return None
                last_error = f"HTTP {exc.code} {exc.reason}"
                if exc.code < 500:
                    break  # 4xx: asking again will not help
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                last_error = str(getattr(exc, "reason", exc))
        return Rejection(url, "unreachable", f"{last_error}; check the URL or try again later")

    def _wait_for_host(self, url: str) -> None:
        host = urllib.parse.urlsplit(url).netloc
        wait = self._last.get(host, -1e9) + self.host_delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last[host] = time.monotonic()

    def save(self) -> None:
        if self.state_path is not None:
            self.state_path.write_text(json.dumps(self.state, indent=1, sort_keys=True), encoding="utf-8")


def iter_feeds(urls: list[str], fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    """Entries of every feed in ``urls`` (unchanged feeds yield nothing); the state is saved at the end."""
    from alliancemap.feeds import parse_feed

    for url in urls:
        body = fetcher.fetch(url)
        if isinstance(body, Rejection):
            yield body
        elif body is not None:
            yield from parse_feed(body, url)
    fetcher.save()
