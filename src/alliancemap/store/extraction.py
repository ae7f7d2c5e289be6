"""Storing what ``extract`` found in an article besides events: mentions and claims."""

from __future__ import annotations

import sqlite3

from alliancemap.model import Claim, Extraction

MIGRATIONS: list[tuple[str, str]] = [
    # a denial ("نفت … أن تكون الطائرة قد دخلت") is stored as such, not as the speaker asserting the opposite
    ("claims_002_negated", "ALTER TABLE claims ADD COLUMN negated INTEGER NOT NULL DEFAULT 0"),
]


def replace_extraction(conn: sqlite3.Connection, article_id: str, ext: Extraction) -> None:
    """Replace the article's mentions and claims (inside the caller's transaction)."""
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
    conn.executemany(
        'INSERT INTO mentions (article_id, kind, text, start, "end", sentence, role, actor_id, country,'
        " faction, value) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(article_id, m.kind, m.text, m.start, m.end, m.sentence, m.role, m.actor_id, m.country, m.faction,
          m.value) for m in ext.mentions],
    )
    conn.executemany(
        'INSERT OR REPLACE INTO claims (claim_id, article_id, speaker, speaker_role, speaker_actor_id, text,'
        ' start, "end", sentence, negated) VALUES (?,?,?,?,?,?,?,?,?,?)',
        [(c.claim_id, article_id, c.speaker, c.speaker_role, c.speaker_actor_id, c.text, c.start, c.end,
          c.sentence, int(c.negated)) for c in ext.claims],
    )


def list_claims(conn: sqlite3.Connection, *, speaker: str | None = None, article_id: str | None = None,
                limit: int | None = None) -> list[Claim]:
    """Stored claims, optionally of one speaker or one article.

    ``speaker`` matches the speaker or role as written, or the person the claim is linked to by any of
    their names (``Faisal`` finds a claim whose speaker was written "وزير الخارجية فيصل بن فرحان").
    """
    from alliancemap.store.queries import _like_escape, person_ids

    sql = "SELECT * FROM claims WHERE 1=1"
    args: list = []
    if speaker:
        # as written, or linked to a person any of whose names (any script, any alias) contains it
        ids = [speaker, *person_ids(conn, speaker)]
        pattern = f"%{_like_escape(speaker)}%"
        sql += (" AND (speaker LIKE ? ESCAPE '\\' OR speaker_role LIKE ? ESCAPE '\\'"
                f" OR speaker_actor_id IN ({','.join('?' * len(ids))}))")
        args += [pattern, pattern, *ids]
    if article_id:
        sql += " AND article_id LIKE ?"
        args.append(article_id + "%")
    sql += " ORDER BY article_id, start"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [Claim(article_id=r["article_id"], speaker=r["speaker"], text=r["text"], start=r["start"],
                  end=r["end"], speaker_role=r["speaker_role"], speaker_actor_id=r["speaker_actor_id"],
                  sentence=r["sentence"], claim_id=r["claim_id"], negated=bool(r["negated"]))
            for r in conn.execute(sql, args)]
