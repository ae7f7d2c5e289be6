"""Indexes for the hot queries of ingest, merge and the desk commands (issue 11).

They live in their own migration module, registered last in ``store/db.py``, so they apply on top of
whatever tables the other store modules created; ``IF NOT EXISTS`` keeps them harmless if a module later
creates the same index itself. ``tests/test_query_plans.py`` checks that the hot queries use them.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "indexes_001_hot_queries",
        """
        CREATE INDEX IF NOT EXISTS hot_event_parties_event ON event_parties(event_id);
        CREATE INDEX IF NOT EXISTS hot_event_people_event ON event_people(event_id);
        CREATE INDEX IF NOT EXISTS hot_event_domains_event ON event_domains(event_id);
        CREATE INDEX IF NOT EXISTS hot_article_minhash_seq ON article_minhash(seq)
        """,
    ),
]
