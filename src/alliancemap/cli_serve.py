"""The ``serve`` command: the web desk and the HTTP API over a store, read-only unless the operator sets a
write token."""

from __future__ import annotations

import os
from pathlib import Path

import click

from alliancemap.cli_common import db_option


def prepare_store(db_path: str) -> dict[str, int] | None:
    """Apply pending migrations and bring the search index and the event summaries up to date (a store
    made before the summary tables gets them here), the one write serving needs.

    Returns the index counts, or None when the file is not writable (search then covers what was
    indexed before).
    """
    from alliancemap.api.write import refresh_indexes
    from alliancemap.store.db import open_store

    if not os.access(db_path, os.W_OK):
        return None
    store = open_store(db_path)
    try:
        return refresh_indexes(store)
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

    The write endpoints (POST /api/ingest, /api/actors/merge, /api/actors/split, /api/review) answer
    403 unless the environment variable ALLIANCEMAP_WRITE_TOKEN is set (an environment variable, not an
    option, so it does not show in `ps`); each write must then send `Authorization: Bearer TOKEN`.

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
    token = os.environ.get("ALLIANCEMAP_WRITE_TOKEN") or None
    click.echo(f"alliancemap desk on http://{host}:{port}/ (Ctrl+C stops); writes "
               + ("need the token of ALLIANCEMAP_WRITE_TOKEN" if token else "disabled"), err=True)
    uvicorn.run(create_app(path, cors_origins=list(cors), write_token=token), host=host, port=port,
                log_level="warning")
