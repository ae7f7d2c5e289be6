"""The merge's scoring as data: weights, windows and the threshold from ``scoring.yaml``.

``benchmarks/fit_merge.py`` varies these and prints merge precision and recall per setting, so a change
of weight is a measured choice, not an edit in the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = Path(__file__).parent / "scoring.yaml"


class MergeDataError(ValueError):
    """A data file for merge is malformed; the message names the file and key."""


@dataclass(frozen=True)
class MergeConfig:
    threshold: float = 0.6
    windows: dict[str, int] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)

    def w(self, name: str) -> float:
        return self.weights[name]

    def days(self, name: str) -> int:
        return self.windows[name]

    def with_changes(self, threshold: float | None = None, **changes: float) -> MergeConfig:
        """A copy with some weights or windows changed (the fitting script's settings)."""
        weights, windows = dict(self.weights), dict(self.windows)
        for key, value in changes.items():
            if key in weights:
                weights[key] = float(value)
            elif key in windows:
                windows[key] = int(value)
            else:
                raise KeyError(f"{CONFIG_FILE}: no weight or window named {key!r}")
        return replace(self, threshold=self.threshold if threshold is None else threshold,
                       weights=weights, windows=windows)


def read_yaml(path: Path) -> Any:
    """A merge data file's YAML; a syntax error names the file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MergeDataError(f"{path}: invalid YAML: {exc}") from exc


@lru_cache(maxsize=4)
def load_config(path: Path = CONFIG_FILE) -> MergeConfig:
    """The scoring config, validated (numbers only, every section present)."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise MergeDataError(f"{path}: expected a mapping")
    for key in ("threshold", "windows", "weights"):
        if key not in raw:
            raise MergeDataError(f"{path}: missing key {key!r}")
    for section in ("windows", "weights"):
        if not isinstance(raw[section], dict) or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in raw[section].values()):
            raise MergeDataError(f"{path}: {section}: expected a mapping of names to numbers")
    return MergeConfig(float(raw["threshold"]), {k: int(v) for k, v in raw["windows"].items()},
                       {k: float(v) for k, v in raw["weights"].items()})
