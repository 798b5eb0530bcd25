"""The suggestions panel: where else the selected claim appears, and a
whole-session scan that proposes links. Each entry says why; accepting one
makes ordinary claims and a link (undoable), dismissing one is remembered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.controller import SessionController
from ui.dialogs.link_dialog import swatch
from ui.palette import link_color
from ui.safe_text import plain_label, tooltip
from ui.side.facts_grid import FactsGrid
from workbench import ops
from workbench.analysis.matching.index import ArticleText, Match, Passage, Proposal, SessionIndex
from workbench.preview import shorten
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES

__all__ = ["FactsGrid", "SuggestionsPanel"]

TIER_LABELS = {"strong": "Strong", "likely": "Likely", "possible": "Possible", "": "Weak"}
KIND_LABELS = {
    "same": "Same claim",
    "differs": "Differs in detail",
    "contradicts": "Contradicts",
}

ENTRY = 0x0100  # Qt.ItemDataRole.UserRole


class ScanWorker(QObject):
    """Builds the index and scans the session off the GUI thread."""

    done = Signal(object, object, str)  # SessionIndex, list[Proposal], note
    progress = Signal(int, int)  # sentences done, total

    def __init__(self, articles: tuple[ArticleText, ...], dismissed: set[str]) -> None:
        super().__init__()
        self._articles = articles
        self._dismissed = dismissed

    def run(self) -> None:
        index = SessionIndex(self._articles)
        report = index.scan_report(progress=self.progress.emit)
        proposals = [p for p in report.proposals if p.key not in self._dismissed]
        self.done.emit(index, proposals, report.note)


class SuggestionsPanel(QWidget):
    """Suggestions for the selected claim (top) and for the whole session (bottom)."""

    def __init__(
        self,
        controller: SessionController,
        show_span: Callable[[str, int, int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._c = controller
        self._show_span = show_span
        self._index: SessionIndex | None = None
        self._thread: QThread | None = None
        self._worker: ScanWorker | None = None
        # Which session and which version of its articles a scan was for: a
        # result that arrives after a switch or an import is dropped.
        self._scan_for: tuple[str | None, int] = (None, 0)
        self._generation = 0
        self.matches: list[Match] = []
        self._match_rows: list[int | None] = []
        self._scan_note = ""
        self.proposals: list[Proposal] = []

        self.claim_title = plain_label(QLabel("Select a claim to see where else it appears."))
        self.claim_title.setWordWrap(True)
        self.match_list = QListWidget()
        self.match_list.setWordWrap(True)
        self.match_list.currentRowChanged.connect(self._show_match)
        self.match_type = QComboBox()
        for t in LINK_TYPES:
            self.match_type.addItem(swatch(link_color(t)), LINK_TYPE_LABELS[t], t)
        self.link_match = QPushButton("Link")
        self.link_match.setToolTip(
            "Link the claim to this passage (a claim is made for it); "
            "Enter in the list links it as suggested"
        )
        self.link_match.clicked.connect(self.accept_match)
        self.match_list.installEventFilter(self)

        mrow = QHBoxLayout()
        mrow.addWidget(self.match_type, 1)
        mrow.addWidget(self.link_match)

        self.scan_button = QPushButton("Scan session")
        self.scan_button.setToolTip("Propose links across all articles of the session")
        self.scan_button.clicked.connect(self.start_scan)
        self.scan_status = QLabel("")
        self.proposal_list = QListWidget()
        self.proposal_list.setWordWrap(True)
        self.proposal_list.currentRowChanged.connect(self._show_proposal)
        self.proposal_list.installEventFilter(self)
        self.proposal_type = QComboBox()
        for t in LINK_TYPES:
            self.proposal_type.addItem(swatch(link_color(t)), LINK_TYPE_LABELS[t], t)
        self.accept_button = QPushButton("Accept")
        self.accept_button.clicked.connect(self.accept_proposal)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.clicked.connect(self.dismiss_proposal)
        prow = QHBoxLayout()
        prow.addWidget(self.proposal_type, 1)
        prow.addWidget(self.accept_button)
        prow.addWidget(self.dismiss_button)

        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        head = QLabel("<b>Where else this claim appears</b>")
        box.addWidget(head)
        box.addWidget(self.claim_title)
        box.addWidget(self.match_list, 2)
        box.addLayout(mrow)
        srow = QHBoxLayout()
        srow.addWidget(QLabel("<b>Whole session</b>"))
        srow.addStretch()
        srow.addWidget(self.scan_status)
        srow.addWidget(self.scan_button)
        box.addLayout(srow)
        box.addWidget(self.proposal_list, 3)
        box.addLayout(prow)

        controller.session_loaded.connect(self._session_loaded)
        controller.claim_selected.connect(self.refresh_matches)
        controller.changed.connect(self._on_change)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a list links the selected result with its suggested type."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            if watched is self.match_list:
                self.link_as_suggested()
                return True
            if watched is self.proposal_list:
                self.accept_as_proposed()
                return True
        return super().eventFilter(watched, event)

    # ----------------------------------------------------------------- index

    def _session_loaded(self) -> None:
        self._generation += 1
        self._index = None
        self.proposals = []
        self.proposal_list.clear()
        self.scan_status.setText("")
        self.refresh_matches()

    def _on_change(self, change: Any) -> None:
        if "article" in getattr(change, "kinds", ()):
            self._generation += 1
            self._index = None
        self.refresh_matches()
        if self.proposals and {"link", "dismissal", "claim"} & set(getattr(change, "kinds", ())):
            self._drop_settled()

    def index(self) -> SessionIndex:
        """The session's sentence index (built on first use; a few ms per article)."""
        if self._index is None:
            from workbench.queries.suggestions import session_texts

            assert self._c.session_id is not None
            self._index = SessionIndex(session_texts(self._c.lib, self._c.session_id).articles)
        return self._index

    def _outlet(self, article_id: str) -> str:
        return (self._c.detail.label_of(article_id) if self._c.detail else "") or "?"

    # ----------------------------------------------------------------- claim

    def refresh_matches(self, *_signal_args: object) -> None:
        from workbench.queries.suggestions import suggest_for_claim

        self.match_list.clear()
        self.matches = []
        self._match_rows = []
        cid = self._c.selected_claim
        claim = self._c.claim(cid) if cid else None
        if claim is None or self._c.session_id is None:
            self.claim_title.setText("Select a claim to see where else it appears.")
            self._update_buttons()
            return
        self.claim_title.setText(f"“{shorten(claim.quote, 160)}”")
        self.matches = suggest_for_claim(self._c.lib, claim.id, limit=12, index=self.index())
        # Grouped by article: a header row per outlet, then its passages best first.
        by_article: dict[str, list[int]] = {}
        for k, m in enumerate(self.matches):
            by_article.setdefault(m.passage.article_id, []).append(k)
        for article_id, ks in by_article.items():
            header = QListWidgetItem(f"{self._outlet(article_id)}")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
            self.match_list.addItem(header)
            self._match_rows.append(None)
            for k in ks:
                m = self.matches[k]
                tier = TIER_LABELS.get(m.tier, "weak")
                item = QListWidgetItem(
                    f"{tier} · {m.score:.0%} · "
                    f"{LINK_TYPE_LABELS.get(m.suggested_type, m.suggested_type)}\n"
                    f"“{shorten(m.passage.text, 200)}”\n" + "; ".join(m.reasons)
                )
                item.setIcon(swatch(link_color(m.suggested_type)))
                item.setToolTip(tooltip("\n".join(m.reasons)))
                self.match_list.addItem(item)
                self._match_rows.append(k)
        if not self.matches:
            self.match_list.addItem("No passage of the other articles shares a word with it.")
            self._match_rows.append(None)
        self._update_buttons()

    def match_row(self, index: int) -> int:
        """The list row showing ``self.matches[index]`` (rows include article headers)."""
        return self._match_rows.index(index)

    def selected_match(self) -> Match | None:
        row = self.match_list.currentRow()
        k = self._match_rows[row] if 0 <= row < len(self._match_rows) else None
        return self.matches[k] if k is not None else None

    def _show_match(self, row: int) -> None:
        m = self.selected_match()
        if m is not None:
            self.match_type.setCurrentIndex(
                LINK_TYPES.index(m.suggested_type) if m.suggested_type in LINK_TYPES else 0
            )
            claim = self._c.claim(self._c.selected_claim) if self._c.selected_claim else None
            if claim is not None:  # both spans: the claim in its pane, the match in its own
                self._show(Passage(claim.article_id, claim.start, claim.end, claim.quote))
            self._show(m.passage)
        self._update_buttons()

    def link_as_suggested(self) -> None:
        """Link the claim to the selected passage with the suggested type (the Enter key)."""
        m = self.selected_match()
        if m is None:
            return
        kind = m.suggested_type if m.suggested_type in LINK_TYPES else "related"
        self.match_type.setCurrentIndex(LINK_TYPES.index(kind))
        self.accept_match()

    def accept_match(self) -> None:
        cid = self._c.selected_claim
        claim = self._c.claim(cid) if cid else None
        match = self.selected_match()
        if claim is None or match is None:
            return
        p = match.passage
        kind = self.match_type.currentData()
        self._c.run(
            lambda: ops.link_passages(
                self._c.lib,
                claim.article_id,
                claim.start,
                claim.end,
                p.article_id,
                p.start,
                p.end,
                kind,
                note="Accepted suggestion: " + "; ".join(match.reasons),
            )
        )

    # ----------------------------------------------------------------- scan

    def start_scan(self) -> None:
        from workbench.queries.sessions import dismissed_keys
        from workbench.queries.suggestions import session_texts

        if self._c.session_id is None or self._thread is not None:
            return
        self.scan_button.setEnabled(False)
        self.scan_status.setText("Scanning…")
        texts = session_texts(self._c.lib, self._c.session_id).articles
        dismissed = dismissed_keys(self._c.lib, self._c.session_id)
        self._scan_for = (self._c.session_id, self._generation)
        self._thread = QThread(self)
        self._worker = ScanWorker(texts, dismissed)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # The thread ends itself when the work is done; results arrive queued.
        # (QThread.quit is thread-safe: call it directly from the worker's thread.)
        self._worker.done.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.done.connect(self._scan_done)
        self._worker.progress.connect(self._scan_progress)
        self._thread.start()

    def wait_for_scan(self) -> None:
        """Block until a running scan has delivered its proposals."""
        if self._thread is not None:
            self._thread.wait()
            QCoreApplication.processEvents()  # deliver the queued results

    def _scan_progress(self, done: int, total: int) -> None:
        if self._thread is not None and total:
            self.scan_status.setText(f"Scanning… {100 * done // total}%")

    def _scan_done(self, index: SessionIndex, proposals: list[Proposal], note: str = "") -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self.scan_button.setEnabled(True)
        if self._scan_for != (self._c.session_id, self._generation):
            self.scan_status.setText("Session changed: scan again")
            return
        self._index = index
        self.proposals = list(proposals)
        self._scan_note = note
        self._drop_settled()

    def _drop_settled(self) -> None:
        """Leave out proposals already linked or dismissed (by keys, spans)."""
        from workbench.queries.suggestions import filter_proposals

        if self._c.session_id is None:
            return
        self.proposals = filter_proposals(self._c.lib, self._c.session_id, self.proposals)
        self.proposal_list.clear()
        for p in self.proposals:
            label = KIND_LABELS.get(p.kind, p.kind)
            group = f" · {p.group_label}" if p.group_label else ""
            item = QListWidgetItem(
                f"{label} · {TIER_LABELS.get(p.tier, 'Weak')} {p.score:.0%}{group}\n"
                f"{self._outlet(p.a.article_id)}: “{shorten(p.a.text, 110)}”\n"
                f"{self._outlet(p.b.article_id)}: “{shorten(p.b.text, 110)}”"
            )
            item.setIcon(swatch(link_color(p.kind if p.kind in LINK_TYPES else "related")))
            item.setToolTip(tooltip("\n".join(p.reasons)))
            self.proposal_list.addItem(item)
        status = f"{len(self.proposals)} proposals"
        if self._scan_note:
            status += f" ({self._scan_note})"
        self.scan_status.setText(status)
        self._update_buttons()

    def _show_proposal(self, row: int) -> None:
        if 0 <= row < len(self.proposals):
            p = self.proposals[row]
            kind = p.kind if p.kind in LINK_TYPES else "related"
            self.proposal_type.setCurrentIndex(LINK_TYPES.index(kind))
            self._show(p.a)
            self._show(p.b)
        self._update_buttons()

    def accept_proposal(self) -> None:
        row = self.proposal_list.currentRow()
        if not (0 <= row < len(self.proposals)):
            return
        p = self.proposals[row]
        kind = self.proposal_type.currentData()
        self._c.run(
            lambda: ops.link_passages(
                self._c.lib,
                p.a.article_id,
                p.a.start,
                p.a.end,
                p.b.article_id,
                p.b.start,
                p.b.end,
                kind,
                note="Accepted suggestion: " + "; ".join(p.reasons),
            )
        )

    def accept_as_proposed(self) -> None:
        """Accept the selected proposal with its proposed type (the Enter key)."""
        row = self.proposal_list.currentRow()
        if not (0 <= row < len(self.proposals)):
            return
        kind = self.proposals[row].kind
        kind = kind if kind in LINK_TYPES else "related"
        self.proposal_type.setCurrentIndex(LINK_TYPES.index(kind))
        self.accept_proposal()

    def dismiss_proposal(self) -> None:
        row = self.proposal_list.currentRow()
        if not (0 <= row < len(self.proposals)) or self._c.session_id is None:
            return
        sid, key = self._c.session_id, self.proposals[row].key
        self._c.run(lambda: ops.dismiss_suggestion(self._c.lib, sid, key))

    # ----------------------------------------------------------------- misc

    def _show(self, p: Passage) -> None:
        if self._show_span is not None:
            self._show_span(p.article_id, p.start, p.end)

    def _update_buttons(self) -> None:
        self.link_match.setEnabled(
            self.selected_match() is not None
            and self._c.selected_claim is not None
            and not self._c.read_only
        )
        has = 0 <= self.proposal_list.currentRow() < len(self.proposals) and not self._c.read_only
        self.accept_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)

    def shutdown(self) -> None:
        """Wait for a running scan (called before the window goes away)."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
