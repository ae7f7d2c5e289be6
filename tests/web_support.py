"""Shared by the API, schemathesis and browser tests: a store of the bundled examples plus a hostile
article, and a uvicorn server on a free port."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
WEB_FIXTURES = Path(__file__).parent / "fixtures" / "web"


def build_store(path: Path) -> str:
    """Ingest the examples and the hostile article, then build the search index as ``serve`` does."""
    from alliancemap.cli import main
    from alliancemap.cli_serve import prepare_store

    result = CliRunner().invoke(main, ["ingest", "--db", str(path), str(EXAMPLES), str(WEB_FIXTURES)])
    assert "rejected" in result.output, result.output
    prepare_store(str(path))
    return str(path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(db_path: str) -> Iterator[str]:
    """uvicorn serving ``create_app(db_path)`` in a thread; yields the base URL."""
    import uvicorn

    from alliancemap.api import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def desk_store(tmp_path_factory) -> str:
    """One store of the examples and the hostile article for every web test module (read-only use)."""
    return build_store(tmp_path_factory.mktemp("desk") / "desk.db")
