"""Imported by the fork server of ``parallel.worker_pool`` (``ingest --workers``, ``run --workers``) and
nowhere else: importing it loads the KB and compiles the extraction lexicons, so every worker forked
from the server starts warm and none pays for it again."""

from alliancemap.parallel import _warm

_warm()
