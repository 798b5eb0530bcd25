"""The words the core and the UI share, free of Qt and of the ORM: link types,
verdict scales and working states, and the ids of things that travel.

Verdict scales: the presets fact-checkers use, plus working states.

A session chooses one scale; its verdicts are stored with the session so a
later change to a preset never rewrites old work. Every scale is preceded by
the same working states (unchecked, in progress, needs a second look).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Literal

LINK_TYPES: tuple[str, ...] = ("same", "corroborates", "contradicts", "differs", "related")
LINK_TYPE_LABELS: dict[str, str] = {
    "same": "Same claim",
    "corroborates": "Corroborates",
    "contradicts": "Contradicts",
    "differs": "Differs in detail",
    "related": "Related",
}


def new_id() -> str:
    """A fresh UUID string for anything that may travel between databases."""
    return str(uuid.uuid4())


Tone = Literal["working", "true", "mixed", "false", "other"]
TONES: tuple[Tone, ...] = ("working", "true", "mixed", "false", "other")

UNCHECKED = "Unchecked"
IN_PROGRESS = "In progress"
SECOND_LOOK = "Needs second look"
WORKING_STATES: tuple[str, ...] = (UNCHECKED, IN_PROGRESS, SECOND_LOOK)
# Audit operations that change a claim's verdict: the verdict history reads them all.
VERDICT_OPERATIONS: tuple[str, ...] = ("set_verdict", "copy_verdict", "uncopy_verdict")


@dataclass(frozen=True)
class Verdict:
    """One label of a scale and its tone (used for colour and summaries)."""

    label: str
    tone: Tone


@dataclass(frozen=True)
class VerdictScale:
    """A named list of verdicts, best first, as a session stores it."""

    name: str
    verdicts: tuple[Verdict, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """The scale's own verdict labels (without the working states)."""
        return tuple(v.label for v in self.verdicts)

    def choices(self) -> tuple[str, ...]:
        """Everything a claim's verdict may be: working states then labels."""
        return WORKING_STATES + self.labels

    def tone_of(self, label: str) -> Tone:
        """The tone of ``label``; working states are ``working``."""
        if label in WORKING_STATES:
            return "working"
        for v in self.verdicts:
            if v.label == label:
                return v.tone
        return "other"

    def to_json(self) -> list[dict[str, str]]:
        return [{"label": v.label, "tone": v.tone} for v in self.verdicts]

    @classmethod
    def from_json(cls, name: str, data: list[dict[str, Any]]) -> VerdictScale:
        verdicts = []
        for item in data:
            tone = item.get("tone", "other")
            verdicts.append(Verdict(str(item["label"]), tone if tone in TONES else "other"))
        return cls(name, tuple(verdicts))


def _scale(name: str, *pairs: tuple[str, Tone]) -> VerdictScale:
    return VerdictScale(name, tuple(Verdict(label, tone) for label, tone in pairs))


PRESETS: dict[str, VerdictScale] = {
    s.name: s
    for s in (
        _scale(
            "politifact",
            ("True", "true"),
            ("Mostly True", "true"),
            ("Half True", "mixed"),
            ("Mostly False", "false"),
            ("False", "false"),
            ("Pants on Fire", "false"),
        ),
        _scale(
            "snopes",
            ("True", "true"),
            ("Mostly True", "true"),
            ("Mixture", "mixed"),
            ("Mostly False", "false"),
            ("False", "false"),
            ("Unproven", "other"),
            ("Unfounded", "false"),
            ("Outdated", "other"),
            ("Miscaptioned", "mixed"),
            ("Misattributed", "mixed"),
            ("Labeled Satire", "other"),
        ),
        _scale(
            "platform",
            ("True", "true"),
            ("Missing Context", "mixed"),
            ("Partly False", "mixed"),
            ("Altered", "false"),
            ("False", "false"),
            ("Satire", "other"),
        ),
        _scale(
            "aap",
            ("True", "true"),
            ("Mostly True", "true"),
            ("Mixture", "mixed"),
            ("Misleading", "mixed"),
            ("Mostly False", "false"),
            ("False", "false"),
            ("Unproven", "other"),
        ),
        # Full Fact style: no rating, a written conclusion in the rationale.
        _scale("conclusion-only", ("Concluded", "other")),
    )
}
DEFAULT_SCALE = "politifact"


def preset(name: str) -> VerdictScale:
    """The preset called ``name`` (case-insensitive); KeyError lists the names."""
    key = name.strip().lower()
    if key not in PRESETS:
        raise KeyError(f"unknown verdict scale {name!r} (presets: {', '.join(PRESETS)})")
    return PRESETS[key]


def custom(name: str, labels: list[str]) -> VerdictScale:
    """A user-defined scale; labels must be unique and not working states."""
    cleaned = [label.strip() for label in labels if label.strip()]
    if not cleaned:
        raise ValueError("a custom scale needs at least one verdict")
    if len(set(cleaned)) != len(cleaned):
        raise ValueError("verdict labels must be unique")
    clash = set(cleaned) & set(WORKING_STATES)
    if clash:
        raise ValueError(f"{', '.join(sorted(clash))} is a working state, not a verdict")
    return VerdictScale(name, tuple(Verdict(label, "other") for label in cleaned))
