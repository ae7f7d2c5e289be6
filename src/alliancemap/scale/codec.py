"""Records ↔ Parquet rows: one typed schema per table, derived from the model's dataclasses.

Scalar fields keep their type (string, int64, double, bool); nested fields (spans, parties, the
whole extraction) are JSON text. Every partition of every table gets the same explicit schema, so a
folder of partitions reads as one dataset (``pyarrow.dataset``, pandas, DuckDB) even when a column
is empty in one partition.
"""

from __future__ import annotations

import dataclasses
import io
import json
import typing
from functools import cache
from typing import Any

from alliancemap.model import Article, Claim, Event, Extraction, Mention, Rejection, extraction_from_dict

TABLES = ("articles", "rejections", "mentions", "claims", "events")
"""The tables of a partition. ``articles`` (with each extraction as JSON) and ``rejections`` are what
``load`` reads; ``mentions``, ``claims`` and ``events`` (pre-merge event mentions) are flat views of
the same extractions for analysts."""

_KEYS = {"part": int, "seq": int}  # every row: its partition and its place in the input order
_EXTRA = {
    "articles": {"decoding": str, "gate": str, "extraction": dict, "minhash": bytes},
    "rejections": {},
    "mentions": {},
    "claims": {},
    "events": {"article_id": str},
}
_RECORDS: dict[str, type] = {"articles": Article, "rejections": Rejection, "mentions": Mention,
                             "claims": Claim, "events": Event}


def _arrow_type(hint: Any):
    import pyarrow as pa

    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if len(args) == 1 and typing.get_origin(hint) is not list else hint
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(),
            bytes: pa.binary()}.get(base, pa.string())


@cache
def schema(table: str):
    """The Arrow schema of one table: the keys, the record's fields, then the table's extra columns."""
    import pyarrow as pa

    hints = typing.get_type_hints(_RECORDS[table])
    fields = {**_KEYS, **{f.name: hints[f.name] for f in dataclasses.fields(_RECORDS[table])}, **_EXTRA[table]}
    return pa.schema([(name, _arrow_type(hint)) for name, hint in fields.items()])


def _cell(value: Any) -> Any:
    """A scalar as is; a list, tuple or dict as JSON text."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _row(part: int, seq: int, record: Any, **extra: Any) -> dict[str, Any]:
    values = dataclasses.asdict(record)  # nested records as plain dicts, then JSON
    return {"part": part, "seq": seq, **{k: _cell(v) for k, v in values.items()},
            **{k: _cell(v) for k, v in extra.items()}}


def partition_rows(part: int, first_seq: int, results: list[tuple[Any, Article | Rejection, Extraction | None,
                                                                   list[int] | None]]) -> dict[str, list[dict]]:
    """The rows of every table for one partition's prepared documents (document, result, extraction,
    MinHash signature); the signature is kept as little-endian uint32 bytes for ``load``'s duplicate index."""
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for i, (item, result, ext, signature) in enumerate(results):
        seq = first_seq + i
        if isinstance(result, Rejection):
            rows["rejections"].append(_row(part, seq, result))
            continue
        rows["articles"].append(_row(part, seq, result, decoding=getattr(item, "decoding", None),
                                     gate=ext.gate if ext else None,
                                     extraction=dataclasses.asdict(ext) if ext else None,
                                     minhash=_signature_bytes(signature)))
        if ext is None:
            continue
        rows["mentions"] += [_row(part, seq, m) for m in ext.mentions]
        rows["claims"] += [_row(part, seq, c) for c in ext.claims]
        rows["events"] += [_row(part, seq, e, article_id=result.article_id) for e in ext.events]
    return rows


def to_parquet(table: str, rows: list[dict]) -> bytes:
    """One table's rows as Parquet bytes (zstd), in the table's fixed schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema(table)), buf, compression="zstd")
    return buf.getvalue()


def read_rows(path: str) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def _signature_bytes(signature: list[int] | None) -> bytes | None:
    import numpy as np

    return None if signature is None else np.asarray(signature, dtype="<u4").tobytes()


def article_from_row(row: dict) -> tuple[Article, Extraction | None, list[int] | None]:
    """The clean article, its extraction and its MinHash signature (None from a run made before
    signatures were kept: ``load`` then makes it), as ``run`` prepared them."""
    import numpy as np

    fields = {f.name for f in dataclasses.fields(Article)}
    values = {k: v for k, v in row.items() if k in fields}
    for span in ("paragraphs", "sentences"):
        values[span] = [tuple(s) for s in json.loads(values[span])]
    ext = json.loads(row["extraction"]) if row.get("extraction") else None
    raw = row.get("minhash")
    signature = np.frombuffer(raw, dtype="<u4").tolist() if raw else None
    return Article(**values), (extraction_from_dict(ext) if ext is not None else None), signature


def rejection_from_row(row: dict) -> Rejection:
    return Rejection(row["origin"], row["reason"], row["detail"] or "")
