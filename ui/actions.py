"""The window's actions with their keys, in one table (Help lists it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    keys: tuple[str, ...] = ()
    tip: str = ""


def make_action(
    parent: QWidget, spec: ActionSpec, slot: Callable[[], object], checkable: bool = False
) -> QAction:
    action = QAction(spec.text, parent)
    action.setObjectName(spec.name)
    if spec.keys:
        action.setShortcuts([QKeySequence(k) for k in spec.keys])
    if spec.tip:
        action.setStatusTip(spec.tip)
        action.setToolTip(f"{spec.tip} ({', '.join(spec.keys)})" if spec.keys else spec.tip)
    action.setCheckable(checkable)
    if checkable:
        action.toggled.connect(lambda _on: slot())
    else:
        action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)
    return action


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action that has keys."""
    rows = []
    for a in actions:
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in a.shortcuts())
        if keys:
            rows.append((keys, a.text().replace("&", "")))
    return rows
