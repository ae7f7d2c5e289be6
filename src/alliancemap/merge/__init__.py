"""One event, many outlets: near-duplicate articles and cross-report event coreference.

Extraction yields *mentions*: one Event per article sentence that reports something. Several outlets
report the same visit (a wire story syndicated word for word, a rewrite, an Arabic and an English
account). The package, in the order a newcomer should read it:

- ``duplicates``: near-duplicate articles (MinHash, datasketch), so a syndicated copy is never counted
  as independent corroboration;
- ``dating``: when an undated article was written, estimated from its URL and text (to the day, the
  week or the month);
- ``features`` / ``evidence``: what two mentions share and how that scores (weights in ``scoring.yaml``,
  loaded by ``config``; fitted by ``benchmarks/fit_merge.py``; capitals in ``data/merge_places.yaml``,
  leader roles, leader titles and delegation words in ``visitors.yaml``, kinds of weapons in
  ``categories.yaml``);
- ``blocking``: the (dyad, week) keys that limit an ingest to the clusters its mentions can join;
- ``cluster``: order-independent clustering of a neighbourhood, near misses, links;
- ``consensus``: each event's voted values, conflicts, corroboration and per-article values.

The records (``EventCluster``, ``Member``, ``NearMiss``, ``DuplicateMatch``, ``ArticleDate``) live in
``model``. Pure functions: ``store.events`` persists them.
"""

from alliancemap.merge.blocking import cluster_keys, dyad, lookup_keys
from alliancemap.merge.cluster import cluster_events
from alliancemap.merge.config import MergeConfig, MergeDataError, load_config
from alliancemap.merge.consensus import corroboration
from alliancemap.merge.dating import estimate
from alliancemap.merge.duplicates import (
    SIGNATURE_SCHEME,
    DuplicateIndex,
    index_from_signatures,
    minhash,
    near_duplicate_groups,
    shingles,
)
from alliancemap.merge.evidence import score_pair
from alliancemap.merge.features import Context, parties_label, place_data
from alliancemap.model import DuplicateMatch, EventCluster, Member, NearMiss, mention_id

__all__ = [
    "SIGNATURE_SCHEME", "Context", "DuplicateIndex", "DuplicateMatch", "EventCluster", "Member", "MergeConfig",
    "MergeDataError", "NearMiss", "cluster_events", "cluster_keys", "corroboration", "dyad", "estimate",
    "index_from_signatures", "load_config", "lookup_keys", "mention_id", "minhash", "near_duplicate_groups",
    "parties_label", "place_data", "score_pair", "shingles",
]
