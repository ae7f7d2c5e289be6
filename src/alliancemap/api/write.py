"""The API's write endpoints: ingest by POST, actor merges and splits, review decisions.

Off unless the operator sets a token (``ALLIANCEMAP_WRITE_TOKEN``, read by ``serve``): without one every
write answers 403 ``writes_disabled``; with one, a request must carry ``Authorization: Bearer TOKEN``
(401 otherwise). Each write opens a writable store connection for that request only, brings the search
index and summaries up to date and empties the graph cache, so no read serves the store as it was.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StringConstraints
from starlette.concurrency import run_in_threadpool

from alliancemap.api.security import MAX_BODY_BYTES, ErrorBody
from alliancemap.store.db import Store

ActorId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9:_.\-]{1,120}$")]
LinkIds = Annotated[list[Annotated[int, Field(ge=1)]], Field(max_length=500)]


class MergeBody(BaseModel):
    source: ActorId
    target: ActorId


class SplitBody(BaseModel):
    ref: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9:_.\-]{1,120}$")]


class ReviewBody(BaseModel):
    accept: LinkIds = []
    reject: LinkIds = []


def require_token(request: Request) -> None:
    """403 when the server takes no writes, 401 unless the request carries the operator's token."""
    token: str | None = request.app.state.write_token
    if not token:
        raise HTTPException(403, "this server takes no writes: set ALLIANCEMAP_WRITE_TOKEN before `serve`")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a write needs the header `Authorization: Bearer TOKEN`",
                            headers={"www-authenticate": "Bearer"})


@contextmanager
def writing(app: FastAPI) -> Iterator[Store]:
    """A writable store for one request; after a write that succeeded the search index and summaries
    follow it, and before the answer leaves the graph cache forgets every graph built earlier."""
    from alliancemap.store.db import open_store

    store = open_store(app.state.db_path, create=False)
    try:
        yield store
        refresh_indexes(store)
    finally:
        store.close()
        app.state.cache.clear()


def refresh_indexes(store: Store) -> dict[str, int]:
    """Bring the event summaries and the search index up to date (what ``serve`` does at start)."""
    from alliancemap.store import search, summary
    from alliancemap.text.normalize import fold

    with store.transaction() as conn:
        summary.sync(conn)
        return search.sync_index(conn, fold)


WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "The `Authorization: Bearer` token is missing or wrong"},
    403: {"model": ErrorBody, "description": "This server takes no writes (no ALLIANCEMAP_WRITE_TOKEN set)"},
    409: {"model": ErrorBody, "description": "The store refuses the change (unknown actor or link, nothing to undo)"},
    413: {"model": ErrorBody, "description": "Request body too large"},
}


def _refused(exc: Exception) -> HTTPException:
    return HTTPException(409, str(exc))


def add_routes(app: FastAPI) -> None:
    """The POST routes; each checks the token before anything opens the store."""
    from alliancemap.store import actors as store_actors

    guarded = {"dependencies": [Depends(require_token)], "responses": WRITE_RESPONSES,
               "response_model": dict[str, Any]}

    @app.post("/api/actors/merge", summary="Merge actor `source` into `target` (undo: split)", **guarded)
    def merge(body: MergeBody, request: Request) -> JSONResponse:
        try:
            with writing(request.app) as store:
                merge_id = store_actors.merge_actors(store.conn, body.source, body.target)
        except store_actors.ActorStoreError as exc:
            raise _refused(exc) from exc
        return JSONResponse({"merge_id": merge_id, "source": body.source, "target": body.target})

    @app.post("/api/actors/split", summary="Undo a merge, by merge id or an actor id it involved", **guarded)
    def split(body: SplitBody, request: Request) -> JSONResponse:
        try:
            with writing(request.app) as store:
                merge_id = store_actors.split_actor(store.conn, body.ref)
        except store_actors.ActorStoreError as exc:
            raise _refused(exc) from exc
        return JSONResponse({"undone": merge_id})

    @app.post("/api/review", summary="Accept (adds the alias) or reject doubtful actor links", **guarded)
    def review(body: ReviewBody, request: Request) -> JSONResponse:
        try:
            with writing(request.app) as store, store.transaction() as conn:  # all the decisions or none
                for link_id in body.accept:
                    store_actors.review_link(conn, link_id, True)
                for link_id in body.reject:
                    store_actors.review_link(conn, link_id, False)
        except store_actors.ActorStoreError as exc:
            raise _refused(exc) from exc
        return JSONResponse({"accepted": len(body.accept), "rejected": len(body.reject)})

    @app.post("/api/ingest", summary="Ingest article records (a JSON array or JSON Lines body)",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                  "application/x-ndjson": {"schema": {"type": "string"}}}}}, **guarded)
    async def ingest(request: Request) -> JSONResponse:
        """Async only to read the body under its cap; the ingest runs in a worker thread, so reads go on."""
        body = await _read_body(request)
        return await run_in_threadpool(_ingest, request, body)


async def _read_body(request: Request) -> bytes:
    """The body, refused past the size cap even when no Content-Length announced it (chunked)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HTTPException(413, f"request body over {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest(request: Request, body: bytes) -> JSONResponse:
    """Store the posted records as ``alliancemap ingest`` stores a file of them; answer its counts."""
    from alliancemap.pipeline import ingest
    from alliancemap.sources import read_records

    with writing(request.app) as store:
        report = ingest(store, [], documents=read_records(body, "<request>"))
    return JSONResponse({"counts": dict(report.counts), "events_in_store": report.events,
                         "new_articles": report.new_articles,
                         "duplicates": [article_id for _, article_id in report.duplicates],
                         "rejected": [{"origin": r.origin, "reason": r.reason, "detail": r.detail}
                                      for r in report.rejected]})
