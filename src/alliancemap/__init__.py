"""alliancemap: turn raw Arabic and English news pages into a sourced, queryable map of security alliances."""

__version__ = "0.1.0"
