"""The inspector's "Checked before": judged claims of other sessions that
resemble the selected claim.

Recall runs on a worker thread (``ui.workers.recall_worker``) each time a
claim is selected, marked or resized; the section says it is searching, and a
result for a claim that is no longer selected is dropped. Each entry shows the
past quote, its verdict and rationale, the session, when and by whom it was
judged (tier, score and reasons on hover). Clicking an entry asks the window
to open that session at that claim; "Use this verdict" copies the verdict,
rationale and evidence onto the selected claim (``ops.copy_verdict``, one
undo step, recorded in the audit trail as copied).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.controller import SessionController
from ui.safe_text import plain_label
from ui.safe_text import tooltip as safe_tooltip
from ui.workers.recall_worker import RecallJob, recall_claim
from workbench import ops
from workbench.preview import shorten

if TYPE_CHECKING:  # the matcher loads when recall first runs, not at start-up
    from workbench.queries.recall import PastVerdict

# Tiers shown: "possible" matches are too loose to present as "checked before".
SHOWN_TIERS = ("strong", "likely")
LIMIT = 5
QUOTE_CHARS = 160
RATIONALE_CHARS = 140
TIER_LABELS = {"strong": "Strong match", "likely": "Likely match"}
TITLE = "Checked before"
SEARCHING = "Checked before? Searching the library…"
NOTHING = "Not checked before"

Key = tuple[str | None, str, str]  # session, claim, quote: a resize asks again


def judged_line(p: PastVerdict) -> str:
    """ "Strike, week 1 · 3 Nov 2026 · Ana" (session, when, who)."""
    parts = [p.session_title]
    if p.judged is not None:
        when = p.judged.astimezone()
        parts.append(f"{when.day} {when:%b %Y}")
    if p.judged_by:
        parts.append(p.judged_by)
    return " · ".join(parts)


def hover_text(p: PastVerdict) -> str:
    lines = [f"{TIER_LABELS.get(p.tier, p.tier)} · {p.score:.0%}", *p.reasons]
    lines.append(f"Judged claim: “{shorten(p.quote, 400, one_line=False)}”")
    if p.rationale.strip():
        lines.append(f"Rationale: {shorten(p.rationale, 400, one_line=False)}")
    lines.append("Click to open it in its session")
    return "\n".join(lines)


class PastEntry(QFrame):
    """One judged claim: verdict, session, quote, rationale and two actions."""

    open_requested = Signal(str, str)  # session id, claim id
    copy_requested = Signal(str)  # the past claim's id

    def __init__(self, past: PastVerdict, tone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.past = past
        self.setObjectName("pastEntry")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(safe_tooltip(hover_text(past)))
        self.setAccessibleName(f"Checked before: {past.verdict} in {past.session_title}")
        fill = palette.tone_fill(tone)
        self.verdict = plain_label(QLabel(past.verdict))
        self.verdict.setStyleSheet(
            f"background: {fill.name()}; color: {palette.theme().tone_text.name()}; "
            "border-radius: 3px; padding: 1px 6px; font-weight: 600;"
        )
        self.verdict.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.where = plain_label(QLabel(judged_line(past)))
        self.where.setWordWrap(True)
        self.where.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.where, 1)
        self.quote = plain_label(QLabel(f"“{shorten(past.quote, QUOTE_CHARS)}”"))
        self.quote.setWordWrap(True)
        self.quote.setStyleSheet("font-style: italic;")
        self.rationale = plain_label(QLabel(shorten(past.rationale, RATIONALE_CHARS)))
        self.rationale.setWordWrap(True)
        self.rationale.setVisible(bool(past.rationale.strip()))
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open this claim in its session")
        self.open_button.clicked.connect(self._open)
        self.copy_button = QPushButton("Use this verdict")
        self.copy_button.setToolTip(
            "Give the selected claim this verdict, rationale and evidence as a starting "
            "point (recorded as copied; Ctrl+Z undoes it)"
        )
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(past.claim_id))
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.copy_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 5, 6, 5)
        box.setSpacing(3)
        box.addLayout(top)
        box.addWidget(self.quote)
        box.addWidget(self.rationale)
        box.addLayout(buttons)

    def _open(self) -> None:
        self.open_requested.emit(self.past.session_id, self.past.claim_id)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self._open()
            event.accept()
            return
        super().mouseReleaseEvent(event)


class CheckedBefore(QWidget):
    """Past verdicts for the selected claim, found in the background: a box of
    entries, or one grey line (searching, nothing found)."""

    open_requested = Signal(str, str)  # session id, claim id of a past claim
    about_to_edit = Signal()  # before a copy: text being typed is saved first

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self._job: RecallJob | None = None
        self._wanted: Key | None = None  # what the section should show
        self._shown: Key | None = None  # what it shows
        self._read_only = controller.read_only
        self.entries: list[PastEntry] = []
        self.status = plain_label(QLabel())
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setWordWrap(True)
        self.box = QGroupBox(TITLE)
        self._box = QVBoxLayout(self.box)
        self._box.setSpacing(4)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.status)
        column.addWidget(self.box)
        controller.claim_selected.connect(self._on_selected)
        controller.changed.connect(self._on_changed)
        controller.session_loaded.connect(self._ask)
        self._ask()

    # ---------------------------------------------------------------- state

    @property
    def searching(self) -> bool:
        return self._wanted is not None and self._shown != self._wanted

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for e in self.entries:
            e.copy_button.setEnabled(not read_only)

    def _key(self) -> Key | None:
        cid = self._c.selected_claim
        claim = self._c.claim(cid) if cid else None
        if claim is None:
            return None
        return (self._c.session_id, claim.id, claim.quote)

    def _on_selected(self, _claim_id: object) -> None:
        self._ask()

    def _on_changed(self, change: ops.Change) -> None:
        # A new or resized claim has new words; everything else keeps its matches.
        if self._key() != self._wanted:
            self._ask()

    def _ask(self) -> None:
        key = self._key()
        if key == self._wanted:
            return
        self._wanted = key
        if key is None:
            self._show(None, [])
            return
        self._shown = None
        self._clear()
        self._compact(SEARCHING)
        self.show()
        self._start()

    def _start(self) -> None:
        if self._job is not None or self._wanted is None:
            return  # one at a time: the newest wish starts when this one ends
        self._job = recall_claim(self._c.lib, self._wanted, self._wanted[1], limit=LIMIT)
        self._job.done.connect(self._arrived)
        self._job.failed.connect(self._gone_wrong)

    def _arrived(self, key: object, found: object) -> None:
        self._job = None
        if key != self._wanted:  # another claim was selected meanwhile
            self._start()
            return
        past = cast("list[PastVerdict]", found)
        self._show(self._wanted, [p for p in past if p.tier in SHOWN_TIERS])

    def _gone_wrong(self, key: object, message: str) -> None:
        self._job = None
        if key != self._wanted:
            self._start()
            return
        self._shown = self._wanted
        self._clear()
        self._compact(f"Could not search the library: {message}")

    def wait(self) -> None:
        """Block until the recall under way has been shown (tests, screenshots)."""
        while self._job is not None:
            self._job.wait(cancel=False)

    # ---------------------------------------------------------------- entries

    def _clear(self) -> None:
        for e in self.entries:
            self._box.removeWidget(e)
            e.deleteLater()
        self.entries = []

    def _compact(self, line: str) -> None:
        """One grey line instead of the box: searching, nothing found, or why not."""
        self.box.hide()
        self.status.setText(line)
        self.status.show()

    def _show(self, key: Key | None, found: list[PastVerdict]) -> None:
        self._shown = key
        self._clear()
        if key is None:
            self.hide()
            return
        self.show()
        if not found:
            self._compact(NOTHING)
            return
        self.status.hide()
        self.box.show()
        scale = self._c.scale
        for p in found:
            tone = scale.tone_of(p.verdict) if scale is not None else "other"
            entry = PastEntry(p, tone, self.box)
            entry.open_requested.connect(self.open_requested)
            entry.copy_requested.connect(self.copy_verdict)
            entry.copy_button.setEnabled(not self._read_only)
            self._box.addWidget(entry)
            entry.show()  # at once, not at the layout's next pass
            self.entries.append(entry)

    def copy_verdict(self, from_claim_id: str) -> ops.Change | None:
        """Give the selected claim the verdict, rationale and evidence of a past claim."""
        cid = self._c.selected_claim
        if cid is None:
            return None
        self.about_to_edit.emit()
        lib, version = self._c.lib, self._c.version_of(cid)
        change = self._c.run(
            lambda: ops.copy_verdict(lib, cid, from_claim_id, expected_version=version)
        )
        if change is not None:
            self._c.status.emit(change.description)
        return change
