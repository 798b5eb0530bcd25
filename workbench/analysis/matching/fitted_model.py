"""The fitted scoring model: logistic regression over :data:`FEATURE_NAMES`, and its tiers.

The coefficients live in ``data/match_model.json``, written by
``make calibrate`` (``bench/calibrate.py``), which fits them on MSRP train,
STS headlines 2013-2014 and FNC-1 word-sharing negatives, and validates on
MSRP val and STS 2015. A score is the model's probability that the two
sentences state the same claim. Tiers are score floors chosen on validation
data by measured precision (see the file's ``tiers`` and ``validation``).

The same file holds the headline/body relatedness model fitted on FNC-1.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from workbench.analysis.matching.features import FEATURE_NAMES

__all__ = ["TIERS", "Logistic", "MatchModel", "model"]

TIERS = ("strong", "likely", "possible")
MODEL_FILE = "match_model.json"


@dataclass(frozen=True)
class Logistic:
    """``sigmoid(bias + sum(coef * (x - mean) / scale))``."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    bias: float

    def probability(self, x: Sequence[float]) -> float:
        z = self.bias
        for v, m, s, c in zip(x, self.mean, self.scale, self.coef, strict=True):
            z += c * (v - m) / s
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Logistic:
        return cls(
            tuple(data["features"]),
            tuple(float(v) for v in data["mean"]),
            tuple(float(v) for v in data["scale"]),
            tuple(float(v) for v in data["coef"]),
            float(data["bias"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.names),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "coef": [round(v, 6) for v in self.coef],
            "bias": round(self.bias, 6),
        }


@dataclass(frozen=True)
class MatchModel:
    """Pair model, tier floors, and the headline/body relatedness model."""

    pair: Logistic
    tiers: dict[str, float]
    relatedness: Logistic
    related_threshold: float

    def score(self, features: Sequence[float]) -> float:
        return self.pair.probability(features)

    def tier(self, score: float) -> str:
        """ "strong", "likely", "possible", or "" below the possible floor."""
        for name in TIERS:
            if score >= self.tiers[name]:
                return name
        return ""


def load_model(data: dict[str, Any]) -> MatchModel:
    pair = Logistic.from_json(data["pair"])
    if pair.names != FEATURE_NAMES:
        raise ValueError(f"{MODEL_FILE} was fitted on other features: {pair.names}")
    return MatchModel(
        pair,
        {name: float(v) for name, v in data["tiers"].items()},
        Logistic.from_json(data["relatedness"]),
        float(data["related_threshold"]),
    )


@lru_cache(maxsize=1)
def model() -> MatchModel:
    """The shipped model (``workbench/data/match_model.json``)."""
    text = resources.files("workbench").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return load_model(json.loads(text))
