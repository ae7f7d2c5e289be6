"""The SQLite store: opening, migrations, articles, sentences and the ingest log.

``store`` is the only package that imports sqlite3 and the only stage that writes. The database runs in
WAL mode so readers (the CLI, later the API) never block an ingest, and every batch of writes for one
article is one transaction: a crash or a bad file never leaves half an article behind.
"""

from __future__ import annotations

import importlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alliancemap.model import Article

DEFAULT_DB = "alliancemap.db"
"""Used when neither ``--db`` nor ``ALLIANCEMAP_DB`` is given: a file in the current directory."""

CORE_MIGRATIONS: list[tuple[str, str]] = [
    (
        "core_001_articles",
        """
        CREATE TABLE articles (
            article_id TEXT PRIMARY KEY,
            url TEXT, outlet TEXT, title TEXT, published TEXT, lang TEXT,
            text TEXT NOT NULL,
            paragraphs TEXT NOT NULL DEFAULT '[]',
            raw_sha256 TEXT, origin TEXT, removed_lines INTEGER DEFAULT 0,
            ingested_at TEXT NOT NULL,
            extracted_at TEXT
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE article_sources (
            article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
            origin TEXT NOT NULL, raw_sha256 TEXT, url TEXT, seen_at TEXT NOT NULL,
            PRIMARY KEY (article_id, origin)
        );
        CREATE TABLE ingest_runs (
            run_id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL, finished_at TEXT,
            inputs TEXT NOT NULL, new INTEGER DEFAULT 0, duplicate INTEGER DEFAULT 0,
            rejected INTEGER DEFAULT 0
        );
        CREATE TABLE ingest_log (
            run_id INTEGER NOT NULL REFERENCES ingest_runs(run_id),
            origin TEXT NOT NULL, status TEXT NOT NULL, article_id TEXT, reason TEXT, detail TEXT
        );
        CREATE INDEX ingest_log_run ON ingest_log(run_id);
        """,
    ),
    (
        "core_002_claims",
        """
        CREATE TABLE claims (
            claim_id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
            speaker TEXT NOT NULL, speaker_role TEXT, speaker_actor_id TEXT,
            text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence INTEGER
        );
        CREATE INDEX claims_article ON claims(article_id);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
            kind TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            sentence INTEGER, role TEXT, actor_id TEXT, country TEXT, faction TEXT, value TEXT
        );
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_actor ON mentions(actor_id);
        """,
    ),
    (
        "core_003_run_status",
        """
        ALTER TABLE ingest_runs ADD COLUMN status TEXT NOT NULL DEFAULT 'running';
        UPDATE ingest_runs SET status = CASE WHEN finished_at IS NULL THEN 'interrupted' ELSE 'finished' END;
        CREATE TABLE store_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
]

# Stage-specific tables live beside the code that owns them; each module exposes MIGRATIONS.
_MIGRATION_MODULES = ("alliancemap.store.actors", "alliancemap.store.events", "alliancemap.store.extraction",
                      "alliancemap.store.search", "alliancemap.store.indexes", "alliancemap.store.summary")


def _all_migrations() -> list[tuple[str, str]]:
    out = list(CORE_MIGRATIONS)
    for name in _MIGRATION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        out.extend(getattr(module, "MIGRATIONS", []))
    return out


def like_escape(text: str, escape: str = "\\") -> str:
    """``text`` with LIKE's wildcards (``%``, ``_``) and the escape character escaped.

    Use with ``... LIKE ? ESCAPE '\\'`` so user text (a speaker, an id prefix) matches literally, e.g.
    ``conn.execute("... WHERE name LIKE ? ESCAPE '\\'", ("%" + like_escape(user) + "%",))``.
    """
    return text.replace(escape, escape * 2).replace("%", escape + "%").replace("_", escape + "_")


LIKE_ESCAPE = "ESCAPE '\\'"
"""The clause to write after ``LIKE ?`` when the pattern was built with ``like_escape``."""


def resolve_db_path(path: str | None) -> str:
    """``--db`` wins, then ``ALLIANCEMAP_DB``, then ``./alliancemap.db``."""
    return path or os.environ.get("ALLIANCEMAP_DB") or DEFAULT_DB


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class StoreError(Exception):
    """The database cannot be opened or is not an alliancemap store."""


@dataclass
class Store:
    path: str
    conn: sqlite3.Connection
    on_wait: Callable[[], None] | None = None  # called once when another run holds the writer lock

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of writes: committed whole or rolled back whole.

        Inside an open transaction (e.g. the merge phase, which holds the write lock from reading the
        mentions to saving the events) it becomes a savepoint of that transaction.
        """
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT store_tx")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO store_tx")
                self.conn.execute("RELEASE store_tx")
                raise
            self.conn.execute("RELEASE store_tx")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    @contextmanager
    def batched(self, every: int = 50) -> Iterator[Callable[..., None]]:
        """Run the ``transaction()`` blocks inside as savepoints of one transaction committed every
        ``every`` ticks (and at the end, even on an exception: a failed block has already rolled back).

        A commit costs about a millisecond, more than storing a small article; each article still goes
        in whole or not at all, and an interrupted run loses at most the articles since the last commit
        (not stored, so the next run reads them again).
        """
        count = 0

        def tick(commit: bool = False) -> None:
            """Count one block; ``commit``: commit now (before a step that should start from saved work)."""
            nonlocal count
            count += 1
            if (commit or count % every == 0) and self.conn.in_transaction:
                self.conn.execute("COMMIT")
            if not self.conn.in_transaction:
                self.conn.execute("BEGIN IMMEDIATE")

        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield tick
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the store's single-writer lock (a ``flock`` on ``DB.lock`` beside the database).

        An ingest or a re-extraction holds it from start to finish, so runs started side by side run one
        after another and give exactly the events of a sequential run; readers never take it (WAL). The
        kernel drops the lock when its process dies, so a ``kill -9`` never leaves the store locked.
        """
        try:
            import fcntl
        except ImportError:  # not POSIX: SQLite's own locking still keeps every transaction atomic
            yield
            return
        with open(f"{self.path}.lock", "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if self.on_wait is not None:
                    self.on_wait()
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- small persistent flags -----------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM store_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, conn: sqlite3.Connection, key: str, value: str | None) -> None:
        """Set (or, with None, clear) a flag inside the caller's transaction."""
        if value is None:
            conn.execute("DELETE FROM store_state WHERE key = ?", (key,))
        else:
            conn.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self.conn.close()

    # -- articles -------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        return row is not None

    def add_article(self, conn: sqlite3.Connection, article: Article) -> None:
        """Insert an article and its sentences (inside the caller's transaction)."""
        conn.execute(
            "INSERT INTO articles (article_id, url, outlet, title, published, lang, text, paragraphs,"
            " raw_sha256, origin, removed_lines, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.article_id, article.url, article.outlet, article.title, article.published,
             article.lang, article.text, json.dumps(article.paragraphs), article.raw_sha256,
             article.origin, article.removed_lines, now()),
        )
        conn.executemany(
            'INSERT INTO sentences (article_id, idx, start, "end") VALUES (?,?,?,?)',
            [(article.article_id, i, s, e) for i, (s, e) in enumerate(article.sentences)],
        )
        self.add_article_source(conn, article)

    def add_article_source(self, conn: sqlite3.Connection, article: Article) -> None:
        """Remember one more file or record that carried this article (duplicates included)."""
        conn.execute(
            "INSERT OR IGNORE INTO article_sources (article_id, origin, raw_sha256, url, seen_at)"
            " VALUES (?,?,?,?,?)",
            (article.article_id, article.origin, article.raw_sha256, article.url, now()),
        )

    def get_article(self, article_id: str) -> Article | None:
        """An article by id, or by a unique id prefix (as shown in tables)."""
        row = self.conn.execute("SELECT * FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= 4:
            rows = self.conn.execute(
                f"SELECT * FROM articles WHERE article_id LIKE ? {LIKE_ESCAPE} LIMIT 2",
                (like_escape(article_id) + "%",),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return _article_from_row(self.conn, row) if row else None

    def iter_articles(self, chunk: int = 500) -> Iterator[Article]:
        """Every article in (published, id) order, ``chunk`` texts at a time: a re-extraction of a big
        store holds its ids, not all its texts (at 100,000 articles, ~600 MB)."""
        ids = [r[0] for r in self.conn.execute("SELECT article_id FROM articles ORDER BY published, article_id")]
        for i in range(0, len(ids), chunk):
            part = ids[i:i + chunk]
            rows = {r["article_id"]: r for r in self.conn.execute(
                f"SELECT * FROM articles WHERE article_id IN ({','.join('?' * len(part))})", part)}
            for aid in part:
                if aid in rows:  # removed while the walk went on
                    yield _article_from_row(self.conn, rows[aid])

    def article_rows(self, limit: int | None = None) -> list[sqlite3.Row]:
        sql = ("SELECT article_id, url, outlet, title, published, lang, length(text) AS chars, text"
               " FROM articles ORDER BY published, article_id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.conn.execute(sql).fetchall()

    # -- ingest log -----------------------------------------------------------------------------
    def start_run(self, inputs: list[str]) -> int:
        with self.transaction() as c:
            cur = c.execute("INSERT INTO ingest_runs (started_at, inputs) VALUES (?, ?)",
                            (now(), json.dumps(inputs, ensure_ascii=False)))
            return int(cur.lastrowid or 0)

    def log(self, conn: sqlite3.Connection, run_id: int, origin: str, status: str,
            article_id: str | None = None, reason: str | None = None, detail: str | None = None) -> None:
        conn.execute(
            "INSERT INTO ingest_log (run_id, origin, status, article_id, reason, detail) VALUES (?,?,?,?,?,?)",
            (run_id, origin, status, article_id, reason, detail),
        )

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE ingest_runs SET finished_at = ?, new = ?, duplicate = ?, rejected = ?, status = 'finished'"
                " WHERE run_id = ?",
                (now(), counts.get("new", 0), counts.get("duplicate", 0), counts.get("rejected", 0), run_id),
            )

    def mark_interrupted_runs(self) -> int:
        """Mark runs left 'running' by a process that died as 'interrupted' (call under ``writer_lock``)."""
        with self.transaction() as c:
            return c.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'").rowcount

    def stats(self) -> dict[str, Any]:
        """Counts a person checks first: articles by language and outlet, runs, events, actors."""
        q = self.conn.execute
        out: dict[str, Any] = {"database": self.path}
        out["articles"] = q("SELECT count(*) FROM articles").fetchone()[0]
        out["by_lang"] = dict(q("SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY 2 DESC").fetchall())
        out["outlets"] = q("SELECT count(DISTINCT outlet) FROM articles").fetchone()[0]
        out["sentences"] = q("SELECT count(*) FROM sentences").fetchone()[0]
        out["ingest_runs"] = q("SELECT count(*) FROM ingest_runs").fetchone()[0]
        for table in ("event_mentions", "events", "claims", "actors"):
            if _table_exists(self.conn, table):
                out[table] = q(f"SELECT count(*) FROM {table}").fetchone()[0]
        out["schema"] = [r[0] for r in q("SELECT name FROM _migrations ORDER BY rowid").fetchall()]
        return out


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
    return row is not None


def _article_from_row(conn: sqlite3.Connection, row: sqlite3.Row) -> Article:
    sents = conn.execute(
        'SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (row["article_id"],)
    ).fetchall()
    return Article(
        article_id=row["article_id"], text=row["text"], url=row["url"], outlet=row["outlet"],
        title=row["title"], published=row["published"], lang=row["lang"],
        paragraphs=[tuple(p) for p in json.loads(row["paragraphs"] or "[]")],
        sentences=[(s["start"], s["end"]) for s in sents], raw_sha256=row["raw_sha256"] or "",
        origin=row["origin"] or "", removed_lines=row["removed_lines"] or 0,
    )


def _pending(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    done = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
    return [(name, sql) for name, sql in _all_migrations() if name not in done]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded, all under SQLite's write lock. Returns the names applied.

    The list of applied migrations is read again once the lock is held, so stores opened side by side
    (three ingests started at once on a new file) apply each migration exactly once. A store already
    up to date is only read: readers never wait for the write lock.
    """
    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'").fetchone()
    if has_table and not _pending(conn):
        return []
    applied = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        for name, sql in _pending(conn):
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, now()))
            applied.append(name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


BUSY_SECONDS = 600
"""How long a write waits for another process's transaction (a long merge of a big store) before failing."""


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; on a brand-new file opened by several processes at once SQLite may answer "busy"
    without waiting, so retry for a while."""
    deadline = time.monotonic() + 60
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _refuse_foreign(conn: sqlite3.Connection, db_path: str) -> None:
    """An SQLite file of another program (tables, none of ours) is left untouched."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    if tables and "_migrations" not in tables:
        conn.close()
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise StoreError(f"{db_path} is an SQLite database of another program (tables: {shown}); alliancemap"
                         " will not modify it. Give --db a new file name or an alliancemap store.")


def open_store(path: str | None = None, *, create: bool = True) -> Store:
    """Open the store at ``path`` / ``$ALLIANCEMAP_DB`` / ``./alliancemap.db``.

    ``create=False`` (read commands) refuses a missing file, so a mistyped ``--db`` does not leave an
    empty store behind. An SQLite file that is not an alliancemap store is refused, never migrated.
    """
    db_path = resolve_db_path(path)
    parent = Path(db_path).expanduser().resolve().parent
    if not parent.is_dir():
        raise StoreError(f"cannot open database {db_path}: folder {parent} does not exist")
    if not create and not Path(db_path).expanduser().is_file():
        raise StoreError(f"no store at {db_path}: check --db / $ALLIANCEMAP_DB, or create one with"
                         f" `alliancemap ingest --db {db_path} FILES`")
    try:
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=BUSY_SECONDS)
        _refuse_foreign(conn, db_path)
        conn.row_factory = sqlite3.Row
        _set_wal(conn)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open database {db_path}: {exc} (is it an alliancemap store?)") from exc
    return Store(db_path, conn)
