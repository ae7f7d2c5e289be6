"""The HTTP API (FastAPI) and the web page it serves at ``/``.

Read-only by default: every GET gets its own ``mode=ro`` SQLite connection. The POST routes of
``api.write`` (ingest, actor merge and split, review) refuse unless the operator set a write token.
Field names are the exported-event contract of DESIGN.md; lists are paged by an opaque ``cursor``.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import StringConstraints

from alliancemap.api import data, views, write
from alliancemap.api.security import ErrorBody, SecurityMiddleware, install_error_handlers
from alliancemap.store import summary

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_LIMIT = 500
"""The largest page any list endpoint returns."""

SIDE = r"^[A-Za-z]{3}(:[A-Za-z0-9_-]{1,40})?$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID = r"^[A-Za-z0-9:_.\-]{1,120}$"


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter that parses but cannot be used (e.g. a stale cursor)"},
    404: {"model": ErrorBody, "description": "No such record"},
    422: {"model": ErrorBody, "description": "A parameter outside its type or range"},
    503: {"model": ErrorBody, "description": "The store lacks something this request needs"},
}


def create_app(db_path: str, *, cors_origins: list[str] | None = None, write_token: str | None = None) -> FastAPI:
    """The application over the store at ``db_path`` (opened read-only per request, writable only for
    the request of an authorized write).

    Args:
        db_path: an existing alliancemap store.
        cors_origins: origins allowed to call the API from other sites (GET only); none by default.
        write_token: the bearer token a write must carry; None refuses every write (403).
    """
    app = FastAPI(title="alliancemap", version="1", docs_url=None, redoc_url=None, responses=ERROR_RESPONSES,
                  description="Sourced, queryable map of security alliances (writes need the operator's token).",
                  lifespan=_warm_graph)
    app.state.db_path = db_path
    app.state.write_token = write_token
    app.state.cache = views.GraphCache()
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"], allow_headers=[])
    app.add_middleware(SecurityMiddleware)
    install_error_handlers(app)
    _routes(app)
    write.add_routes(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


@asynccontextmanager
async def _warm_graph(app: FastAPI) -> AsyncIterator[None]:
    """Build the unfiltered graph before the first request: the page opens on it, and on a large store
    building it costs more than serving it. Skipped on a store not summarized (it would read every
    event; ``serve`` summarizes first)."""
    conn = data.connect_readonly(app.state.db_path)
    try:
        if summary.is_synced(conn):
            app.state.cache.get(conn, app.state.db_path, _filters())
    finally:
        conn.close()
    _settle_memory()
    yield


def _settle_memory() -> None:
    """Leave what startup loaded (the libraries, the KB's names, the first graph) out of the garbage
    collector's full passes: they live as long as the server, and a full pass over them cost 50 to 130 ms
    inside whichever request triggered it (the slowest of the filtered graph's first calls)."""
    gc.collect()
    gc.freeze()


def get_conn(request: Request) -> Iterator[sqlite3.Connection]:
    conn = data.connect_readonly(request.app.state.db_path)
    try:
        yield conn
    finally:
        conn.close()


Conn = Annotated[sqlite3.Connection, Depends(get_conn)]


def _filters(
    country: Annotated[str | None, Query(pattern=SIDE, description="A party of this country: PAK or LBY:east")] = None,
    faction: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,40}$")] = None,
    party: Annotated[list[Annotated[str, StringConstraints(pattern=SIDE)]] | None, Query(max_length=4, description="Repeat: every side takes part (PAK, LBY:east)")] = None,
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,20}$")] = None,  # noqa: A002 - contract name
    domain: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$")] = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
    min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
    q: Annotated[str | None, Query(max_length=200, description="Full-text search, Arabic-normalized")] = None,
) -> dict[str, Any]:
    return {"country": country, "faction": faction, "party": party or [], "type": type, "domain": domain,
            "date_from": date_from, "date_to": date_to, "min_sources": min_sources, "q": q}


Filters = Annotated[dict[str, Any], Depends(_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


def _json(body: Any) -> Response:
    """JSON written directly (orjson): the values are plain JSON already, and FastAPI's ``jsonable_encoder``
    walks every one of them (about 40 ms for a page of 50 events, most of a request's time)."""
    return Response(data.to_json(body), media_type="application/json")


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} {key!r} in this store")


def _routes(app: FastAPI) -> None:  # noqa: C901 - one place lists every route
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/api/meta", summary="What the store holds and the names the page needs", response_model=dict[str, Any])
    def meta(conn: Conn) -> Response:
        return _json(views.meta(conn))

    @app.get("/api/events", summary="Events (exported-event contract), filtered, searched and paged", response_model=dict[str, Any])
    def events(conn: Conn, filters: Filters, limit: Limit = 50,
               cursor: Annotated[str | None, Query(max_length=400, pattern=r"^[A-Za-z0-9_-]+$")] = None) -> Response:
        if filters["q"] and not data.table_exists(conn, "search_fts"):
            raise HTTPException(503, "this store has no search index yet: run `alliancemap serve` once with write access")
        if not cursor:
            items, nxt, total = data.first_page(conn, filters, limit)
            return _json({"items": items, "next_cursor": nxt, "total": total})
        try:
            items, nxt = data.list_events(conn, filters, limit, cursor)
        except data.CursorError as exc:
            raise HTTPException(400, str(exc)) from exc
        return _json({"items": items, "next_cursor": nxt, "total": None})

    @app.get("/api/events/{event_id}", summary="One event with each source, its values and its evidence", response_model=dict[str, Any])
    def event(conn: Conn, event_id: Annotated[str, PathParam(pattern=ID)]) -> Response:
        found = data.get_event(conn, event_id)
        if found is None:
            raise _not_found("event", event_id)
        return _json(found)

    @app.get("/api/articles", summary="Articles, newest first, or matching a search", response_model=dict[str, Any])
    def articles(conn: Conn, limit: Limit = 50, offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                 q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
        return _json({"items": data.list_articles(conn, limit, offset, q)})

    @app.get("/api/articles/{article_id}", summary="One article with its clean text and its events", response_model=dict[str, Any])
    def article(conn: Conn, article_id: Annotated[str, PathParam(pattern=ID)]) -> Response:
        found = data.get_article(conn, article_id)
        if found is None:
            raise _not_found("article", article_id)
        return _json(found)

    @app.get("/api/actors", summary="Actors whose name or alias matches, in either script", response_model=dict[str, Any])
    def actors(conn: Conn, q: Annotated[str, Query(max_length=200)] = "",
               kind: Annotated[str | None, Query(pattern=r"^(person|organization|state|faction)$")] = None,
               country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
               limit: Limit = 50) -> Response:
        return _json({"items": views.actors(conn, q, kind, country, limit)})

    @app.get("/api/actors/{actor_id}", summary="One actor: names, roles, events and partners", response_model=dict[str, Any])
    def actor(conn: Conn, actor_id: Annotated[str, PathParam(pattern=ID)]) -> Response:
        found = views.actor(conn, actor_id)
        if found is None:
            raise _not_found("actor", actor_id)
        return _json(found)

    @app.get("/api/parties/{side}", summary="A state or faction: partners, events per month, claims", response_model=dict[str, Any])
    def party(conn: Conn, request: Request, side: Annotated[str, PathParam(pattern=SIDE)],
              filters: Filters,
              event_ids: Annotated[bool, Query(description="Also list each partner tie's event ids")] = False,
              ) -> Response:
        return _json(views.party(conn, request.app.state.cache, request.app.state.db_path, side, filters,
                                 event_ids))

    @app.get("/api/dyads/{a}/{b}", summary="The timeline of two sides, in either order", response_model=dict[str, Any])
    def dyad(conn: Conn, a: Annotated[str, PathParam(pattern=SIDE)], b: Annotated[str, PathParam(pattern=SIDE)],
             filters: Filters) -> Response:
        return _json(views.dyad(conn, a, b, filters))

    @app.get("/api/graph", summary="The alliance graph: parties as nodes, ties weighted by events",
             response_class=Response, responses={200: {"content": {"application/json": {}}}})
    def graph(conn: Conn, request: Request, filters: Filters,
              event_ids: Annotated[bool, Query(description="Also list each tie's event ids")] = False,
              outlets: Annotated[bool, Query(description="List each tie's outlets (n_outlets is always there)")] = True,
              ) -> Response:
        _, body = request.app.state.cache.get(conn, request.app.state.db_path, filters, event_ids, outlets)
        return Response(body, media_type="application/json")

    @app.get("/api/claims", summary="Attributed statements", response_model=dict[str, Any])
    def claims(conn: Conn, speaker: Annotated[str | None, Query(max_length=200)] = None,
               article_id: Annotated[str | None, Query(pattern=ID)] = None, limit: Limit = 100) -> Response:
        return _json({"items": views.claims(conn, speaker, article_id, limit)})

    @app.get("/api/export/events.{fmt}", summary="Download the filtered events (streamed)",
             response_class=StreamingResponse,
             responses={200: {"content": {"text/csv": {"schema": {"type": "string"}},
                                          "application/x-ndjson": {"schema": {"type": "string"}}}}})
    def export_events(conn: Conn, request: Request, filters: Filters,
                      fmt: Annotated[str, PathParam(pattern=r"^(csv|jsonl)$")]) -> StreamingResponse:
        db_path = request.app.state.db_path
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
        return StreamingResponse(_stream(db_path, filters, fmt), media_type=media,
                                 headers={"content-disposition": f'attachment; filename="events.{fmt}"'})

    @app.get("/healthz", include_in_schema=False)
    def health(conn: Conn) -> JSONResponse:
        conn.execute("SELECT 1").fetchone()
        return JSONResponse({"ok": True})


def _stream(db_path: str, filters: dict[str, Any], fmt: str) -> Iterator[str]:
    """Pages of 500 events, each written as soon as it is read (memory stays flat on a big store)."""
    from alliancemap.export import CSV_FIELDS, csv_row

    conn = data.connect_readonly(db_path)
    try:
        cursor, first = None, True
        while True:
            items, cursor = data.list_events(conn, filters, 500, cursor)
            buf = io.StringIO(newline="")
            if fmt == "csv":
                writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
                if first:
                    writer.writeheader()
                for ev in items:
                    writer.writerow(csv_row(ev))
            else:
                for ev in items:
                    buf.write(json.dumps(ev, ensure_ascii=False) + "\n")
            first = False
            yield buf.getvalue()
            if cursor is None:
                break
    finally:
        conn.close()
