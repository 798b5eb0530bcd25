"""The suggestions panel: where else the selected claim appears, and a
whole-session scan that proposes links. Each entry says why; accepting one
makes ordinary claims and a link (undoable), dismissing one is remembered."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
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
from ui.workers.analysis_worker import AnalysisRunner, busy_bar
from workbench import ops
from workbench.preview import shorten
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES

if TYPE_CHECKING:  # the matchers load in the worker, when first needed
    from workbench.analysis.matching.index import Match, Passage, Proposal, SessionIndex
    from workbench.analysis.text import ArticleText

__all__ = ["SuggestionsPanel"]

TIER_LABELS = {"strong": "Strong", "likely": "Likely", "possible": "Possible", "": "Weak"}
KIND_LABELS = {
    "same": "Same claim",
    "differs": "Differs in detail",
    "contradicts": "Contradicts",
}

ENTRY = 0x0100  # Qt.ItemDataRole.UserRole
MATCH_LIMIT = 12


def build_index(articles: tuple[ArticleText, ...]) -> SessionIndex:
    """The session's sentence index (worker thread: plain texts in)."""
    from workbench.analysis.matching.index import SessionIndex

    return SessionIndex(articles)


def find_matches(index: SessionIndex, quote: str, article_id: str) -> list[Match]:
    """Where else ``quote`` appears (worker thread)."""
    return index.find_in_other_sources(quote, article_id=article_id, limit=MATCH_LIMIT)


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
        # The index, the matches and the scan are computed on this worker; a
        # result for another session, or for articles since changed (the
        # generation counts those changes), is dropped.
        self.runner = AnalysisRunner(self)
        self._generation = 0
        self._match_claim: str | None = None  # the claim whose matches are wanted
        self._matched_for: tuple[str, str] | None = None  # (claim, quote) last asked for
        self.matches: list[Match] = []
        self._match_rows: list[int | None] = []
        self._scan_note = ""
        self.proposals: list[Proposal] = []

        self.claim_title = plain_label(QLabel("Select a claim to see where else it appears."))
        self.claim_title.setWordWrap(True)
        self.busy = busy_bar("Looking for suggestions")
        self.runner.busy_changed.connect(self.busy.setVisible)
        self.runner.progress_changed.connect(self._scan_progress)
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
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Where else this claim appears</b>"), 1)
        head.addWidget(self.busy)
        box.addLayout(head)
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
        elif self._wanted() != self._matched_for:  # the claim was resized or removed
            self.refresh_matches()
        if self.proposals and {"link", "dismissal", "claim"} & set(getattr(change, "kinds", ())):
            self._drop_settled()

    def _token(self) -> Hashable:
        return (self._c.session_id, self._generation)

    def _wanted(self) -> tuple[str, str] | None:
        """The selected claim and its quote: what the matches are for."""
        cid = self._c.selected_claim
        claim = self._c.claim(cid) if cid else None
        return (claim.id, claim.quote) if claim is not None else None

    def _texts(self) -> tuple[ArticleText, ...]:
        from workbench.queries.suggestions import analysis_texts

        assert self._c.detail is not None
        return analysis_texts(self._c.detail, self._c.text)

    def index(self) -> SessionIndex | None:
        """The session's sentence index, once the worker has built it."""
        return self._index

    def is_working(self) -> bool:
        """The index, a claim's matches or a scan is being computed (the bar moves)."""
        return self.runner.busy()

    def wait_until_ready(self, msecs: int = 60_000) -> bool:
        """Block until every running job has shown its result (screenshot, tests)."""
        return self.runner.wait(msecs)

    def _ensure_index(self) -> None:
        """Build the index on the worker unless it is built or being built."""
        if self._index is not None or self.runner.busy("index") or self._c.detail is None:
            return
        texts = self._texts()
        self.runner.submit(
            "index",
            lambda: build_index(texts),
            self._index_ready,
            token=self._token(),
            current=self._token,
            failed=self._match_failed,
        )

    def _index_ready(self, index: SessionIndex) -> None:
        self._index = index
        self.refresh_matches()

    def _outlet(self, article_id: str) -> str:
        return (self._c.detail.label_of(article_id) if self._c.detail else "") or "?"

    # ----------------------------------------------------------------- claim

    def refresh_matches(self, *_signal_args: object) -> None:
        """Show where else the selected claim appears (matched on the worker)."""
        self.match_list.clear()
        self.matches = []
        self._match_rows = []
        cid = self._c.selected_claim
        claim = self._c.claim(cid) if cid else None
        self._match_claim = claim.id if claim is not None else None
        self._matched_for = self._wanted()
        if claim is None or self._c.session_id is None:
            self.claim_title.setText("Select a claim to see where else it appears.")
            self._update_buttons()
            return
        self.claim_title.setText(f"“{shorten(claim.quote, 160)}”")
        self.match_list.addItem("Working… looking in the other articles")
        self._match_rows.append(None)
        self._update_buttons()
        index = self._index
        if index is None:
            self._ensure_index()  # the matches follow once it is built
            return
        quote, article_id, claim_id = claim.quote, claim.article_id, claim.id
        token = (self._c.session_id, self._generation, claim_id)
        self.runner.submit(
            "matches",
            lambda: find_matches(index, quote, article_id),
            self._show_matches,
            token=token,
            current=lambda: (self._c.session_id, self._generation, self._match_claim),
            failed=self._match_failed,
        )

    def _match_failed(self, error: str) -> None:
        self.match_list.clear()
        self._match_rows = []
        self.match_list.addItem(f"No suggestions: {error}")
        self._match_rows.append(None)

    def _show_matches(self, matches: list[Match]) -> None:
        self.match_list.clear()
        self._match_rows = []
        self.matches = list(matches)
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
            if claim is not None and self._show_span is not None:
                # both spans: the claim in its pane, the match in its own
                self._show_span(claim.article_id, claim.start, claim.end)
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
        """Scan the whole session for links on the worker (it builds the index if needed)."""
        from workbench.queries.sessions import dismissed_keys

        if self._c.session_id is None or self._c.detail is None or self.runner.busy("scan"):
            return
        self.scan_button.setEnabled(False)
        self.scan_status.setText("Working… scanning")
        texts = self._texts()
        index = self._index
        dismissed = dismissed_keys(self._c.lib, self._c.session_id)
        runner = self.runner

        def scan() -> tuple[SessionIndex, list[Proposal], str]:
            built = index if index is not None else build_index(texts)
            report = built.scan_report(progress=lambda d, t: runner.progress("scan", d, t))
            return built, [p for p in report.proposals if p.key not in dismissed], report.note

        self.runner.submit(
            "scan",
            scan,
            self._scan_done,
            token=self._token(),
            current=self._token,
            failed=self._scan_failed,
        )
        # A result dropped (the session changed) says so; the button comes back.
        self.runner.busy_changed.connect(self._scan_settled)

    def _scan_settled(self, busy: bool) -> None:
        if self.runner.busy("scan"):
            return
        self.runner.busy_changed.disconnect(self._scan_settled)
        if not self.scan_button.isEnabled():
            self.scan_button.setEnabled(True)
            self.scan_status.setText("Session changed: scan again")

    def wait_for_scan(self) -> None:
        """Block until a running scan has delivered its proposals."""
        self.runner.wait()

    def _scan_progress(self, key: str, done: int, total: int) -> None:
        if key == "scan" and self.runner.busy("scan") and total:
            self.scan_status.setText(f"Working… scanning {100 * done // total}%")

    def _scan_failed(self, error: str) -> None:
        self.scan_button.setEnabled(True)
        self.scan_status.setText(f"The scan failed: {error}")

    def _scan_done(self, result: tuple[SessionIndex, list[Proposal], str]) -> None:
        index, proposals, note = result
        self.scan_button.setEnabled(True)
        if self._index is None:
            self._index = index
        self.proposals = list(proposals)
        self._scan_note = note
        self._drop_settled()

    def _drop_settled(self) -> None:
        """Leave out proposals already linked or dismissed (by keys, spans)."""
        from workbench.queries.suggestions import filter_proposals

        if self._c.session_id is None:
            return
        self.proposals = filter_proposals(
            self._c.lib, self._c.session_id, self.proposals, detail=self._c.detail
        )
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
        """Stop the worker (called before the window goes away); results still
        coming are dropped."""
        self.runner.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()  # a panel shown on its own goes away when closed
        super().closeEvent(event)
