"""The ``serve`` command: the web desk and the HTTP API over a store, read-only."""

from __future__ import annotations

from pathlib import Path

import click

from alliancemap.cli_common import db_option


def prepare_store(db_path: str) -> dict[str, int] | None:
    """Apply pending migrations and bring the search index and the event summaries up to date (a store
    made before the summary tables gets them here), the one write serving needs.

    Returns the index counts, or None when the file is not writable (search then covers what was
    indexed before).
    """
    import os

    from alliancemap.store import search, summary
    from alliancemap.store.db import open_store
    from alliancemap.text.normalize import fold

    if not os.access(db_path, os.W_OK):
        return None
    store = open_store(db_path)
    try:
        with store.transaction() as conn:
            summary.sync(conn)
            return search.sync_index(conn, fold)
    finally:
        store.close()


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0: the whole network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--cors-origin", "cors", envvar="ALLIANCEMAP_CORS_ORIGINS", multiple=True,
              help="A site allowed to call the API from a browser (repeatable) [env: ALLIANCEMAP_CORS_ORIGINS, "
                   "space-separated; default: none].")
def serve(db_path: str | None, host: str, port: int, cors: tuple[str, ...]) -> None:
    """Serve the web desk (map, network, party, dyad and event pages) and the HTTP API, read-only.

    The page is at http://HOST:PORT/ and the API description at /openapi.json. The store is opened
    read-only; only the search index is brought up to date first. Other sites may call the API only
    when --cors-origin names them.

    \b
    Example:
        alliancemap serve --db examples.db --port 8000
    """
    import uvicorn

    from alliancemap.api import create_app
    from alliancemap.store.db import StoreError, resolve_db_path

    path = resolve_db_path(db_path)
    if not Path(path).is_file():
        raise click.ClickException(f"no store at {path}: run `alliancemap ingest --db {path} FOLDER` first")
    try:
        counts = prepare_store(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if counts is None:
        click.echo(f"{path} is not writable: search uses the index as it was last built", err=True)
    elif counts["indexed"] or counts["removed"]:
        click.echo(f"search index: {counts['indexed']} indexed, {counts['removed']} removed", err=True)
    click.echo(f"alliancemap desk on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(create_app(path, cors_origins=list(cors)), host=host, port=port, log_level="warning")
