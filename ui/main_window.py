"""The main window: start page, or a session's panes, claim list and inspector."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import screen
from ui.actions import ActionSpec, make_action, shortcut_rows
from ui.controller import SessionController
from ui.dialogs.link_dialog import LinkTypeDialog
from ui.panes.find_bar import FindBar
from ui.panes.pane_row import PaneRow
from ui.settings import app_settings
from ui.side.claims_panel import ClaimsPanel
from ui.side.inspector import Inspector
from ui.start.session_browser import SessionBrowser
from ui.workers.analysis_worker import AnalysisRunner
from ui.workers.recall_worker import SessionRecall, shutdown_recalls
from workbench import ops
from workbench.errors import WorkbenchError
from workbench.queries.claims import anchor_problems, resolve_id
from workbench.queries.sessions import list_sessions
from workbench.storage.search_index import Hit
from workbench.storage.store import Library

if TYPE_CHECKING:
    from ui.dialogs.search_dialog import LibrarySearchDialog

APP_TITLE = "Fact-Check Workbench"
# Actions that change the library: off for a read-only library.
EDIT_ACTIONS = ("import", "paste", "mark", "link", "resize", "delete", "undo", "redo")


class MainWindow(QMainWindow):
    """Owns the layout, the actions and their keys; the work is done by the
    controller (edits), the panes, the claim list and the inspector."""

    def __init__(self, lib: Library, settings: QSettings | None = None) -> None:
        super().__init__()
        self.lib = lib
        self.settings = settings or app_settings()
        self.controller = SessionController(lib, self)
        # Checks that grow with the session (the anchors) run here, off the GUI thread.
        self.analysis = AnalysisRunner(self)
        self._search: LibrarySearchDialog | None = None
        self._link_from: str | None = None
        self.web_task: QObject | None = None  # a fetch from the web in progress
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)

        self.pages = QStackedWidget()
        # The start page lists every session: built when it is first shown
        # (a start that opens a session never needs it).
        self._browser: SessionBrowser | None = None
        self.pages.addWidget(QWidget())
        self.pages.addWidget(self._build_workspace())
        self.read_only_banner = self._build_read_only_banner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus()
        self.statusBar().showMessage("Ready")
        self.progress_label = QLabel()
        self.statusBar().addPermanentWidget(self.progress_label)

        c = self.controller
        c.failed.connect(self._show_failure)
        c.stale.connect(self._offer_reload)
        c.status.connect(self._status_message)
        c.claim_selected.connect(self._claim_selected)
        c.changed.connect(self._update_title)
        c.session_loaded.connect(self._update_title)
        self._restore_window()
        self._set_session_actions(False)
        if lib.read_only:
            self.inspector.set_read_only(True)

    # ---------------------------------------------------------------- layout

    @property
    def browser(self) -> SessionBrowser:
        """The start page (the session browser), built on first use."""
        return self._browser or self._build_browser()

    def _build_browser(self) -> SessionBrowser:
        if self._browser is None:
            browser = SessionBrowser(self.lib, self)
            browser.open_requested.connect(self.open_session)
            browser.changed.connect(self._session_changed_elsewhere)
            on_start_page = self.pages.currentIndex() == 0
            placeholder = self.pages.widget(0)
            self.pages.insertWidget(0, browser)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages.setCurrentIndex(0 if on_start_page else 1)
            self._browser = browser
        return self._browser

    def _build_read_only_banner(self) -> QLabel:
        """A library that cannot be written opens for reading: this says so."""
        where = self.lib.sqlite_path or self.lib.url
        banner = QLabel(
            f"Read-only library: {where} cannot be written (its file or folder is "
            "read-only), so nothing can be changed. You can read, search, review and "
            "export. To edit, copy the file to a folder you can write to and open the copy."
        )
        banner.setObjectName("readOnlyBanner")
        banner.setTextFormat(Qt.TextFormat.PlainText)
        banner.setWordWrap(True)
        banner.setStyleSheet(
            "#readOnlyBanner { background: #fff4ce; color: #3b2f00; padding: 6px 10px; "
            "border-bottom: 1px solid #e0c96b; }"
        )
        banner.setVisible(self.lib.read_only)
        return banner

    def _build_workspace(self) -> QWidget:
        c = self.controller
        self.pane_row = PaneRow(c)
        self.find_bar = FindBar(self.pane_row)
        self.find_bar.hide()
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.setSpacing(0)
        lbox.addWidget(self.pane_row, 1)
        lbox.addWidget(self.find_bar)

        self.pane_row.link_requested.connect(self.start_link)
        self.claims_panel = ClaimsPanel(c)
        self.claims_panel.claim_activated.connect(self.pane_row.jump_to_claim)
        self.inspector = Inspector(c)
        self.inspector.jump_requested.connect(self.pane_row.jump_to_claim)
        self.inspector.snapshot_requested.connect(self.snapshot_evidence)
        self.inspector.checked_before.open_requested.connect(self.open_past_claim)
        self.session_recall = SessionRecall(c)  # marks sentences judged in other sessions
        self.session_recall.found.connect(self._show_recalled)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.claims_panel, "Claims")
        self._add_suggestion_tabs()
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(self.side_tabs)
        self.side.addWidget(self.inspector)
        self.side.setStretchFactor(0, 1)
        self.side.setStretchFactor(1, 1)

        self.workspace = QSplitter(Qt.Orientation.Horizontal)
        self.workspace.addWidget(left)
        self.workspace.addWidget(self.side)
        self.workspace.setStretchFactor(0, 3)
        self.workspace.setStretchFactor(1, 1)
        return self.workspace

    def _add_suggestion_tabs(self) -> None:
        from ui.side.facts_grid import FactsGrid
        from ui.side.suggestions_panel import SuggestionsPanel

        self.suggestions = SuggestionsPanel(self.controller, self.show_span)
        self.facts = FactsGrid(self.controller, self.show_span)
        self.side_tabs.addTab(self.suggestions, "Suggestions")
        self.side_tabs.addTab(self.facts, "Facts")

    def _build_actions(self) -> None:
        S = ActionSpec
        a = make_action
        self.act: dict[str, QAction] = {}
        specs = [
            (S("start_page", "&Sessions…", ("Ctrl+O",), "Show all sessions"), self.show_start_page),
            (S("import", "&Import files…", ("Ctrl+I",), "Import article files"), self.import_files),
            (
                S("paste", "&Paste article…", ("Ctrl+Shift+V",), "Import pasted text"),
                self.paste_article,
            ),
            (
                S(
                    "import_web",
                    "Import from &web address…",
                    ("Ctrl+Shift+I",),
                    "Fetch an article by its address and keep a snapshot of the page",
                ),
                self.import_from_web,
            ),
            (
                S("export_csv", "Export &CSV…", ("Ctrl+E",), "Write the report for editors"),
                self.export_csv,
            ),
            (S("backup", "&Back up library now", (), "Write a verified backup"), self.backup_now),
            (
                S("backup_folder", "Backup &folder…", (), "Choose where backups are kept"),
                self.choose_backup_folder,
            ),
            (S("quit", "&Quit", ("Ctrl+Q",), "Close the Workbench"), self.close),
            (S("find", "&Find in articles…", ("Ctrl+F",), "Search all panes"), self.show_find),
            (
                S(
                    "search_library",
                    "&Search the library…",
                    ("Ctrl+Shift+F",),
                    "Every article, claim, rationale and note, in every session",
                ),
                self.search_library,
            ),
            (
                S("mark", "&Mark claim", ("C",), "Mark the selected words as a claim"),
                self.mark_claim,
            ),
            (
                S(
                    "link",
                    "&Link claim…",
                    ("L",),
                    "Link the selected claim: then click a claim in another pane",
                ),
                self.start_link,
            ),
            (
                S(
                    "resize",
                    "&Resize claim to selection",
                    ("Shift+R",),
                    "Make the selected claim cover the selected words",
                ),
                self.resize_claim,
            ),
            (
                S("delete", "&Delete claim", ("Del",), "Delete the selected claim"),
                self.delete_selected,
            ),
            (
                S("next", "&Next claim", ("J", "N"), "Go to the next claim"),
                lambda: self.step_claim(1),
            ),
            (
                S("prev", "&Previous claim", ("K", "P"), "Go to the previous claim"),
                lambda: self.step_claim(-1),
            ),
            (
                S("cancel", "Cancel linking", ("Esc",), "Stop choosing a claim to link"),
                self.cancel_link,
            ),
            (
                S("zoom_in", "Zoom &in", ("Ctrl++", "Ctrl+="), "Larger text"),
                lambda: self.pane_row.zoom_in(),
            ),
            (
                S("zoom_out", "Zoom &out", ("Ctrl+-",), "Smaller text"),
                lambda: self.pane_row.zoom_out(),
            ),
            (
                S("zoom_reset", "&Actual size", ("Ctrl+0",), "Default text size"),
                lambda: self.pane_row.zoom_reset(),
            ),
            (
                S("review", "&Review mode…", ("Ctrl+R",), "Walk through the claims read-only"),
                self.show_review,
            ),
            (
                S("shortcuts", "&Keyboard shortcuts", ("F1",), "Every key at a glance"),
                self.show_shortcuts,
            ),
            (S("about", "&About", (), ""), self.show_about),
            (
                S("user_name", "Your &name…", (), "The name your edits carry in the audit trail"),
                self.choose_user_name,
            ),
        ]
        for spec, slot in specs:
            self.act[spec.name] = a(self, spec, cast(Callable[[], object], slot))
        for name, text, keys, slot in (
            ("find_next", "Find &next", ("F3",), lambda: self.find_bar.find_next()),
            ("find_prev", "Find pre&vious", ("Shift+F3",), lambda: self.find_bar.find_previous()),
            (
                "show_panes",
                "Show &all panes",
                ("Ctrl+Shift+A",),
                lambda: self.pane_row.show_all_panes(),
            ),
        ):
            self.act[name] = a(self, S(name, text, keys, text.replace("&", "")), slot)
        self.act["sync"] = a(
            self,
            S("sync", "&Synchronized scrolling", ("Ctrl+Shift+S",), "Scroll all panes together"),
            self._toggle_sync,
            True,
        )
        self.act["snap_words"] = a(
            self,
            S(
                "snap_words",
                "Snap selection to &whole words",
                (),
                "Widen a mouse selection to whole words (Alt-drag selects exact characters)",
            ),
            self._toggle_snap,
            True,
        )
        self.act["focus_next"] = a(
            self,
            S("focus_next", "Next &region", ("F6",), "Move the keyboard to the next pane or panel"),
            lambda: self.focus_region(1),
        )
        self.act["focus_prev"] = a(
            self,
            S("focus_prev", "Previous re&gion", ("Shift+F6",), "Move the keyboard back"),
            lambda: self.focus_region(-1),
        )
        self.act["side_panel"] = a(
            self,
            S("side_panel", "Side &panel", ("Ctrl+B",), "Show or hide the claims and inspector"),
            self.toggle_side_panel,
            True,
        )
        undo = a(self, S("undo", "&Undo", ("Ctrl+Z",), "Undo the last edit"), self.undo)
        redo = a(self, S("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"), self.redo)
        stack = self.controller.undo_stack
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.act["undo"], self.act["redo"] = undo, redo
        self.verdict_actions: list[QAction] = []
        for n in range(10):
            key = str(n)
            act = QAction(self)
            act.setShortcut(QKeySequence(key))
            act.triggered.connect(lambda _c=False, n=n: self.set_verdict_key(n))
            self.addAction(act)
            self.verdict_actions.append(act)
        self._update_verdict_texts()
        self.controller.session_loaded.connect(self._update_verdict_texts)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file = mb.addMenu("&File")
        for name in ("start_page", "import", "import_web", "paste"):
            file.addAction(self.act[name])
        export = file.addMenu("&Export")
        export.addAction(self.act["export_csv"])
        from ui import export_menu

        self.exports = export_menu.install(self, export, file)
        file.addSeparator()
        file.addAction(self.act["backup"])
        file.addAction(self.act["backup_folder"])
        file.addSeparator()
        file.addAction(self.act["quit"])
        edit = mb.addMenu("&Edit")
        edit.addAction(self.act["undo"])
        edit.addAction(self.act["redo"])
        edit.addSeparator()
        edit.addAction(self.act["find"])
        edit.addAction(self.act["find_next"])
        edit.addAction(self.act["find_prev"])
        edit.addAction(self.act["search_library"])
        edit.addSeparator()
        edit.addAction(self.act["user_name"])
        claim = mb.addMenu("&Claim")
        for name in ("mark", "link", "cancel", "resize", "delete"):
            claim.addAction(self.act[name])
        claim.addSeparator()
        claim.addAction(self.act["next"])
        claim.addAction(self.act["prev"])
        verdicts = claim.addMenu("&Verdict")
        for act in self.verdict_actions:
            verdicts.addAction(act)
        view = mb.addMenu("&View")
        view.addAction(self.act["show_panes"])
        view.addAction(self.act["side_panel"])
        view.addAction(self.act["focus_next"])
        view.addAction(self.act["focus_prev"])
        view.addAction(self.act["sync"])
        view.addAction(self.act["snap_words"])
        colours = view.addMenu("&Colours")
        self.theme_group = QActionGroup(self)
        chosen = self.settings.value("view/theme", "system", str)
        for choice, text in (
            ("system", "Follow the &system"),
            ("light", "&Light"),
            ("dark", "&Dark"),
        ):
            act = colours.addAction(text)
            act.setObjectName(f"theme_{choice}")
            act.setCheckable(True)
            act.setChecked(choice == chosen)
            act.triggered.connect(lambda _on=False, c=choice: self.set_theme(c))
            self.theme_group.addAction(act)
        view.addSeparator()
        for name in ("zoom_in", "zoom_out", "zoom_reset"):
            view.addAction(self.act[name])
        view.addSeparator()
        view.addAction(self.act["review"])
        help_ = mb.addMenu("&Help")
        help_.addAction(self.act["shortcuts"])
        help_.addAction(self.act["about"])
        tb = self.addToolBar("Main")
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        for name in (
            "start_page",
            "import",
            "mark",
            "link",
            "undo",
            "redo",
            "find",
            "review",
            "export_csv",
        ):
            tb.addAction(self.act[name])

    # ---------------------------------------------------------------- sessions

    def open_session(self, session_id: str) -> None:
        self.inspector.flush()
        try:
            self.controller.open_session(session_id)
        except WorkbenchError as err:
            QMessageBox.warning(self, APP_TITLE, f"The session could not be opened.\n\n{err}")
            return
        self.pages.setCurrentIndex(1)
        self._update_title()
        self._check_anchors(session_id)
        self.settings.setValue("last_session", session_id)
        state = self.settings.value(f"panes/{session_id}")
        if isinstance(state, QByteArray):
            self.pane_row.restore_splitter_state(bytes(state.data()))
        elif isinstance(state, bytes):
            self.pane_row.restore_splitter_state(state)
        self._set_session_actions(True)

    def _check_anchors(self, session_id: str) -> None:
        """Every claim's quote must still match its span (the text never changes;
        a mismatch means the file was altered outside the Workbench). Checked on
        the worker, on the session as loaded; the warning comes when it is done."""
        d = self.controller.detail
        if d is None:
            return
        texts = {a.id: self.controller.text(a.id) for a in d.articles}
        self.analysis.submit(
            "anchors",
            lambda: anchor_problems(d, texts),
            self._warn_broken_anchors,
            token=session_id,
            current=lambda: self.controller.session_id,
        )

    def _warn_broken_anchors(self, problems: list[tuple[str, str]]) -> None:
        if problems:
            QMessageBox.warning(
                self,
                APP_TITLE,
                f"{len(problems)} claim(s) of this session no longer match their article text; "
                "the library may have been changed outside the Workbench. Run `workbench "
                "check` for the list, or restore a backup.\n\n"
                + "\n".join(f"{ident[:8]}: {why}" for ident, why in problems[:5]),
            )

    def show_start_page(self) -> None:
        self.inspector.flush()
        self._save_pane_state()
        self.browser.reload()
        self.pages.setCurrentIndex(0)
        self._set_session_actions(False)
        self._update_title()

    def _set_session_actions(self, enabled: bool) -> None:
        for name in (
            "import",
            "import_web",
            "paste",
            "export_csv",
            "find",
            "find_next",
            "find_prev",
            "show_panes",
            "mark",
            "link",
            "resize",
            "delete",
            "next",
            "prev",
            "review",
            "zoom_in",
            "zoom_out",
            "zoom_reset",
            "sync",
        ):
            self.act[name].setEnabled(enabled)
        for act in self.verdict_actions:
            act.setEnabled(enabled)
        if self.lib.read_only:
            for name in EDIT_ACTIONS:
                self.act[name].setEnabled(False)
            for act in self.verdict_actions:
                act.setEnabled(False)

    def undo(self) -> None:
        # Text still being typed is saved first, so it is what gets undone.
        self.inspector.flush()
        self.controller.undo_stack.undo()

    def redo(self) -> None:
        self.inspector.flush()
        self.controller.undo_stack.redo()

    def _undo_text_changed(self, text: str) -> None:
        # The menu names the step; the toolbar button keeps a fixed "Undo", so
        # an edit never re-lays the toolbar (and repaints the whole window).
        self.act["undo"].setText(f"&Undo {text}".strip())
        self.act["undo"].setIconText("Undo")

    def _redo_text_changed(self, text: str) -> None:
        self.act["redo"].setText(f"&Redo {text}".strip())
        self.act["redo"].setIconText("Redo")

    def _status_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 4000)

    def _update_title(self, *_signal_args: object) -> None:
        d = self.controller.detail
        if d is None or self.pages.currentIndex() == 0:
            self.setWindowTitle(APP_TITLE)
            self.progress_label.setText("")
            return
        s = d.summary
        self.setWindowTitle(f"{s.title} — {APP_TITLE}")
        self.progress_label.setText(
            f"{s.articles} articles · {s.claims} claims · {s.links} links · "
            f"{s.checked}/{s.claims} checked · " + ("read-only" if self.lib.read_only else "saved")
        )

    # ---------------------------------------------------------------- claims

    def mark_claim(self) -> None:
        pane = self.pane_row.current_pane()
        if pane is None or pane.mark_selection_as_claim() is None:
            self.statusBar().showMessage("Select the words of the claim in an article first", 4000)

    def resize_claim(self) -> None:
        cid = self.controller.selected_claim
        claim = self.controller.claim(cid) if cid else None
        pane = self.pane_row.pane_for(claim.article_id) if claim else None
        if claim is None or pane is None or not pane.resize_claim_to_selection(claim.id):
            self.statusBar().showMessage(
                "Select a claim, then select the new words in the same article", 4000
            )

    def show_span(self, article_id: str, start: int, end: int) -> None:
        """Show a passage in its pane (bringing the pane into view) and select it."""
        pane = self.pane_row.pane_for(article_id)
        if pane is None:
            return
        if article_id not in self.pane_row.shown_ids():
            self.pane_row.show_pane(article_id)
        pane.view.select_span(start, end)
        self.pane_row.reveal(pane)

    def delete_selected(self) -> None:
        if self.controller.selected_claim:
            cid = self.controller.selected_claim
            self.controller.run(lambda: ops.remove_claim(self.lib, cid))
        elif self.controller.selected_link:
            lid = self.controller.selected_link
            self.controller.run(lambda: ops.unlink(self.lib, lid))

    def step_claim(self, step: int) -> None:
        ids = self.claims_panel.visible_claim_ids()
        if not ids:
            return
        current = self.controller.selected_claim
        index = ids.index(current) + step if current in ids else (0 if step > 0 else -1)
        cid = ids[index % len(ids)]
        self.controller.select_claim(cid)
        self.pane_row.jump_to_claim(cid)

    def set_verdict_key(self, n: int) -> None:
        cid = self.controller.selected_claim
        scale = self.controller.scale
        if not cid or scale is None:
            self.statusBar().showMessage("Select a claim first", 3000)
            return
        verdict = (
            "Unchecked" if n == 0 else (scale.labels[n - 1] if n - 1 < len(scale.labels) else None)
        )
        if verdict is None:
            return
        self.inspector.flush()
        version = self.controller.version_of(cid)
        self.controller.run(
            lambda: ops.set_verdict(self.lib, cid, verdict, expected_version=version)
        )

    def _update_verdict_texts(self) -> None:
        scale = self.controller.scale
        labels = scale.labels if scale else ()
        for n, act in enumerate(self.verdict_actions):
            if n == 0:
                act.setText("Unchecked")
            elif n - 1 < len(labels):
                act.setText(labels[n - 1])
            else:
                act.setText(f"(key {n} unused)")
            act.setVisible(n == 0 or n - 1 < len(labels))

    # ---------------------------------------------------------------- linking

    def start_link(self, claim_id: str | None = None) -> None:
        cid = claim_id or self.controller.selected_claim
        if not cid:
            self.statusBar().showMessage("Select a claim first, then press L", 4000)
            return
        self._link_from = cid
        self.statusBar().showMessage(
            "Now click the claim to link to, in another pane (Esc cancels)"
        )

    def cancel_link(self) -> None:
        if self._link_from:
            self._link_from = None
            self.statusBar().showMessage("Linking cancelled", 3000)
        elif self.find_bar.isVisible():
            self.find_bar.hide()

    def _claim_selected(self, claim_id: object) -> None:
        if not self._link_from or not isinstance(claim_id, str) or claim_id == self._link_from:
            return
        first = self.controller.claim(self._link_from)
        second = self.controller.claim(claim_id)
        self._link_from = None
        if first is None or second is None:
            return
        if first.article_id == second.article_id:
            self.statusBar().showMessage("Links connect claims in different articles", 5000)
            return
        QTimer.singleShot(0, lambda: self.link_claims(first.id, second.id))

    def link_claims(self, first: str, second: str, link_type: str | None = None) -> None:
        """Ask for the link type (unless given) and link the two claims."""
        a, b = self.controller.claim(first), self.controller.claim(second)
        if a is None or b is None:
            return
        note = ""
        if link_type is None:
            dialog = LinkTypeDialog(a.quote, b.quote, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.statusBar().showMessage("Not linked", 3000)
                return
            link_type, note = dialog.link_type(), dialog.note.text()
        kind = link_type
        change = self.controller.run(
            lambda: ops.link_claims(self.lib, first, second, kind, note=note)
        )
        if change:
            self.statusBar().showMessage(change.description, 4000)

    # ---------------------------------------------------------------- import/export

    def import_files(self, paths: list[Path] | None = None) -> None:
        from ui.dialogs.import_dialog import choose_files, import_files_async

        sid = self.controller.session_id
        if sid is None:
            return
        paths = paths or choose_files(self)
        if paths:
            # Each batch becomes one undo step; the views show the new articles.
            import_files_async(self, self.lib, sid, paths, session=self.controller)

    def _session_changed_elsewhere(self, change: object) -> None:
        """The start page renamed or deleted a session: keep the open one current."""
        if getattr(change, "session_id", None) == self.controller.session_id:
            self.controller.refresh()
            self._update_title()

    def import_from_web(self, urls: list[str] | None = None) -> None:
        """Ask for web addresses (unless given) and import them on a worker thread."""
        from ui.dialogs.web_import import WebAddressDialog, import_from_web

        sid = self.controller.session_id
        if sid is None:
            return
        if urls is None:
            dialog = WebAddressDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            urls = dialog.urls()
        self.web_task = import_from_web(
            self, self.lib, sid, urls, self._imported_from_web, session=self.controller
        )

    def _imported_from_web(self, batch: object, error: str) -> None:
        from ui.dialogs.web_import import report_batch

        self.web_task = None
        self.statusBar().showMessage(report_batch(self, batch, error), 6000)

    def snapshot_evidence(self, evidence_id: str, url: str) -> None:
        """Fetch an evidence URL now and keep the page as it is."""
        from ui.dialogs.web_import import snapshot_evidence_async

        self.web_task = snapshot_evidence_async(
            self, self.lib, evidence_id, url, self._snapshot_saved
        )

    def _snapshot_saved(self, snapshot_id: object, error: str) -> None:
        self.web_task = None
        if snapshot_id is None:
            if error and error != "cancelled":
                QMessageBox.warning(self, APP_TITLE, f"No snapshot was saved.\n\n{error}")
            self.statusBar().showMessage("No snapshot saved", 4000)
            return
        self.inspector.refresh()
        self.statusBar().showMessage("Snapshot of the page saved", 6000)

    def paste_article(self) -> None:
        from ui.dialogs.paste_dialog import PasteDialog

        sid = self.controller.session_id
        if sid is None:
            return
        PasteDialog(self.lib, sid, self, session=self.controller).exec()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.controller.session_id and not self.lib.read_only:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.lib.read_only:
            return
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def export_csv(self, path: str | None = None) -> Path | None:
        from workbench.export.csv_report import export_report

        d = self.controller.detail
        if d is None:
            return None
        if path is None:
            default = str(Path.home() / f"{_safe_name(d.summary.title)}.csv")
            path, _ = QFileDialog.getSaveFileName(
                self, "Export CSV report", default, "CSV files (*.csv)"
            )
            if not path:
                return None
        self.inspector.flush()
        try:
            written = export_report(self.lib, d.summary.id, path)
        except (OSError, WorkbenchError) as err:
            QMessageBox.warning(self, APP_TITLE, f"The report could not be written.\n\n{err}")
            return None
        self.statusBar().showMessage(f"Exported {written.rows} claims to {path}", 6000)
        warnings = written.warnings()
        if warnings:
            QMessageBox.warning(
                self,
                APP_TITLE,
                f"The report was written to {path}, but:\n\n" + "\n\n".join(warnings),
            )
        return Path(path)

    def backup_now(self) -> None:
        from workbench.storage import backup

        try:
            out = backup.take_backup(self.lib, reason="manual", folder=self.backup_folder())
        except (OSError, WorkbenchError) as err:
            QMessageBox.warning(self, APP_TITLE, f"The backup failed.\n\n{err}")
            return
        self.statusBar().showMessage(f"Backup written and verified: {out}", 6000)

    def backup_folder(self) -> Path:
        """Where backups go: the folder chosen in File > Backup folder, else the default."""
        from workbench.storage import backup

        chosen = self.settings.value("backup/folder", "", str)
        return backup.backup_folder(self.lib, chosen if isinstance(chosen, str) else None)

    def choose_user_name(self, name: str | None = None) -> str:
        """Ask for (or set) the name every edit from this window is recorded
        under; colleagues see it in verdict histories and review mode."""
        if name is None:
            from PySide6.QtWidgets import QInputDialog

            chosen, ok = QInputDialog.getText(
                self, "Your name", "Your edits are recorded under this name:", text=self.lib.actor
            )
            if not ok:
                return self.lib.actor
            name = chosen
        name = " ".join(name.split())[:200]
        if name:
            self.lib.actor = name
            self.settings.setValue("user/name", name)
            self.statusBar().showMessage(f"Your edits are now recorded as {name}", 4000)
        return self.lib.actor

    def choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Keep backups in", str(self.backup_folder())
        )
        if folder:
            self.settings.setValue("backup/folder", folder)
            self.statusBar().showMessage(f"Backups will be kept in {folder}", 6000)

    # ---------------------------------------------------------------- views

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.activate()

    def set_theme(self, choice: str) -> None:
        """Light, dark or the system's colours, now and at the next start."""
        from PySide6.QtWidgets import QApplication

        from ui import theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, choice)
        self.settings.setValue("view/theme", choice)
        for act in self.theme_group.actions():
            act.setChecked(act.objectName() == f"theme_{choice}")

    def _toggle_snap(self) -> None:
        self.pane_row.set_snap_to_words(self.act["snap_words"].isChecked())

    def _toggle_sync(self) -> None:
        self.pane_row.set_sync_scroll(self.act["sync"].isChecked())

    def search_library(self) -> LibrarySearchDialog:
        """Show the library search (one window, kept between uses)."""
        from ui.dialogs.search_dialog import LibrarySearchDialog

        if self._search is None:
            self._search = LibrarySearchDialog(self.lib, self)
            self._search.open_requested.connect(self.open_search_hit)
        self._search.show()
        self._search.raise_()
        self._search.activateWindow()
        self._search.query.setFocus()
        self._search.query.selectAll()
        return self._search

    def open_search_hit(self, hit: Hit) -> bool:
        """Open a search result's session at its passage."""
        if self.controller.session_id != hit.session_id:
            self.open_session(hit.session_id)
        detail = self.controller.detail
        if detail is None:
            return False
        claim_id = hit.id if hit.kind in ("claim", "rationale") else None
        if hit.kind == "note":
            note = next((n for n in detail.notes if n.id == hit.id), None)
            if note is not None and note.target_kind == "claim":
                claim_id = note.target_id
            elif note is not None and note.target_kind == "link":
                self.controller.select_link(note.target_id)
                return True
        if claim_id is not None:
            return self.pane_row.jump_to_claim(claim_id)
        pane = self.pane_row.pane_for(hit.article_id) if hit.article_id else None
        if pane is None:
            return False
        self.pane_row.show_pane(pane.article_id)
        self.pane_row.reveal(pane)
        if hit.start is not None and hit.end is not None:
            pane.view.select_span(hit.start, hit.end)
        pane.view.setFocus()
        return True

    def open_past_claim(self, session_id: str, claim_id: str) -> bool:
        """Open a claim judged before (in "Checked before"): its session, at the claim."""
        if self.controller.session_id != session_id:
            self.open_session(session_id)
        return self.controller.session_id == session_id and self.pane_row.jump_to_claim(claim_id)

    def _show_recalled(self, article_id: str, sentences: object) -> None:
        pane = self.pane_row.pane_for(article_id)
        if pane is not None and isinstance(sentences, list):
            pane.markers.set_recalled(sentences)

    def show_review(self) -> None:
        from ui.review.review_view import ReviewWindow

        if self.controller.detail is None:
            return
        self.inspector.flush()
        if getattr(self, "review", None) is None:
            self.review = ReviewWindow(self.controller, self)
            self.review.jump_requested.connect(self.pane_row.jump_to_claim)
        self.review.show()
        self.review.raise_()

    def show_shortcuts(self) -> None:
        rows = shortcut_rows([a for a in self.actions() if a.isVisible()])
        dialog = QDialog(self)
        dialog.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels(["Keys", "Action"])
        table.verticalHeader().hide()
        for r, (keys, text) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(keys))
            table.setItem(r, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        box = QVBoxLayout(dialog)
        box.addWidget(table)
        dialog.resize(440, 560)
        self.shortcuts_dialog = dialog
        dialog.show()

    def show_about(self) -> None:
        from ui.dialogs.about_dialog import AboutDialog

        backups = self.backup_folder() if self.lib.sqlite_path is not None else None
        self.about_dialog = AboutDialog(
            self.lib.url, backups=backups, settings_file=self.settings.fileName(), parent=self
        )
        self.about_dialog.show()

    def _offer_reload(self, message: str) -> None:
        """Someone else changed what the user edited: nothing was overwritten;
        offer to show their change."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            APP_TITLE,
            f"Your change was not saved, so that nobody's work is overwritten.\n\n{message}",
            parent=self,
        )
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep my screen", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload)
        box.exec()
        if box.clickedButton() is reload:
            self.controller.reload()

    def _show_failure(self, message: str, retryable: bool) -> None:
        if not retryable:
            self.statusBar().showMessage(message, 6000)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_TITLE,
            f"Your last change was not saved.\n\n{message}",
            parent=self,
        )
        retry = box.addButton("Retry", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is retry:
            self.controller.retry_pending()

    def prepare_screenshot(self) -> None:
        """Select a linked claim so a screenshot shows the inspector at work."""
        d = self.controller.detail
        if d is None or not d.links:
            return
        linked = {lk.claim_a_id for lk in d.links} | {lk.claim_b_id for lk in d.links}
        with_evidence = {e.claim_id for e in d.evidence}
        order = {a.id: a.position for a in d.articles}
        candidates = sorted(
            (c for c in d.claims if c.id in linked and c.verdict != "Unchecked"),
            key=lambda c: (c.id not in with_evidence, order[c.article_id], c.start),
        )
        first = candidates[0] if candidates else None
        if first is not None:
            self.controller.select_claim(first.id)
            self.pane_row.jump_to_claim(first.id)

    # ---------------------------------------------------------------- persistence

    def _restore_window(self) -> None:
        area = screen.available_geometry()
        geometry = self.settings.value("window/geometry")
        if not (
            isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry))
        ):
            self.setGeometry(screen.first_start_geometry(area))
        if self.width() > area.width() or self.height() > area.height():
            # Saved on a bigger monitor: fit the screen the window opens on now.
            self.setGeometry(screen.first_start_geometry(area))
        split = self.settings.value("window/workspace")
        # Nothing saved: share the width once the window has its real size.
        self._share_on_show = not (
            isinstance(split, QByteArray | bytes) and self.workspace.restoreState(QByteArray(split))
        )
        show_side = bool(self.settings.value("view/side_panel", True, type=bool))
        self.side.setHidden(not show_side)
        self.act["side_panel"].setChecked(show_side)
        self.act["sync"].setChecked(bool(self.settings.value("view/sync", False, type=bool)))
        snap = bool(self.settings.value("view/snap_words", True, type=bool))
        self.act["snap_words"].setChecked(snap)
        self.pane_row.set_snap_to_words(snap)

    def _share_width(self) -> None:
        """Panes take most of the width, the side panel a sensible share."""
        side = screen.side_panel_width(self.width())
        self.workspace.setSizes([max(self.width() - side, 1), side])

    def focus_regions(self) -> list[QWidget]:
        """Where F6 goes, in order: each pane on screen, the side panel's tab, the inspector."""
        regions: list[QWidget] = [p.view for p in self.pane_row.panes()]
        if not self.side.isHidden():
            tab = self.side_tabs.currentWidget()
            target = getattr(tab, "table", None) or tab
            regions.append(target)
            regions.append(self.inspector)
        return regions

    def focus_region(self, step: int) -> None:
        """Move the keyboard focus to the next (or previous) region."""
        regions = self.focus_regions()
        if not regions:
            return
        focus = self.focusWidget()
        current = next(
            (i for i, w in enumerate(regions) if w is focus or w.isAncestorOf(focus)), None
        )
        index = 0 if current is None and step > 0 else (current or 0) + step
        target = regions[index % len(regions)]
        if target is self.inspector:
            first = next(
                (
                    w
                    for w in target.findChildren(QWidget)
                    if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                ),
                target,
            )
            first.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            target.setFocus(Qt.FocusReason.TabFocusReason)
        if target in [p.view for p in self.pane_row.panes()]:
            self.pane_row.reveal(self.pane_row.panes()[regions.index(target)])

    def toggle_side_panel(self) -> None:
        """Hide or show the claims/inspector panel (the panes take the room)."""
        show = self.act["side_panel"].isChecked()
        if show != self.side.isHidden():
            return
        if show:
            self.side.show()
            sizes = self.workspace.sizes()
            if len(sizes) == 2 and sizes[1] < screen.SIDE_MIN // 2:
                self._share_width()
        else:
            if self.side.isAncestorOf(self.focusWidget()):
                self.pane_row.setFocus()
                pane = self.pane_row.current_pane()
                if pane is not None:
                    pane.view.setFocus()
            self.side.hide()

    def _save_pane_state(self) -> None:
        sid = self.controller.session_id
        if sid:
            self.settings.setValue(f"panes/{sid}", QByteArray(self.pane_row.splitter_state()))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/workspace", self.workspace.saveState())
        self.settings.setValue("view/sync", self.act["sync"].isChecked())
        self.settings.setValue("view/side_panel", self.act["side_panel"].isChecked())
        self.settings.setValue("view/snap_words", self.act["snap_words"].isChecked())
        self._save_pane_state()
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        if self.pages.currentIndex() == 0 and self._browser is None:
            self._build_browser()  # shown with the start page: it lists the sessions now
        super().showEvent(event)
        if self._share_on_show:
            self._share_on_show = False
            self._share_width()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.inspector.flush()
        self.save_settings()
        self.session_recall.stop()
        shutdown_recalls()  # claim memory reads the library: done before it closes
        self.stop_workers()
        event.accept()

    def wait_for_analysis(self, msecs: int = 60_000) -> bool:
        """Block until the workers (facts, index, matches, scan, anchors) have
        shown their results; the screenshot waits for this. True if they did."""
        return self.analysis.wait(msecs) and all(
            panel.wait_until_ready(msecs) for panel in (self.facts, self.suggestions)
        )

    def stop_workers(self) -> None:
        """Stop the workers; a result still coming is dropped."""
        self.analysis.stop()
        self.facts.shutdown()
        self.suggestions.shutdown()

    def hold_analysis_until_painted(self) -> None:
        """Start-up: the session's analysis (facts, anchors, index) waits until the
        window's first frame is on screen, so it never delays that frame."""
        runners = (self.analysis, self.facts.runner, self.suggestions.runner)
        for runner in runners:
            runner.hold()

        def release() -> None:
            for runner in runners:
                runner.release()

        self._first_frame = _AfterFirstFrame(self, release)


class _AfterFirstFrame(QObject):
    """Calls ``then`` once the watched window has painted its first frame."""

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after the rest of the frame is painted
        return False


def _safe_name(title: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in " -_" else "-" for ch in title).strip()
    return keep[:80] or "report"


def session_or_demo(lib: Library, wanted: str | None, last: str | None) -> str | None:
    """The session to open: the one asked for, the last one used, or the demo.

    A read-only library cannot get a demo session: its most recently changed
    session, or None (the start page) when it has none."""
    for candidate in (wanted, last):
        if candidate:
            try:
                return resolve_id(lib, candidate, "session")[1]
            except WorkbenchError:
                if candidate is wanted:
                    raise
    if lib.read_only:
        sessions = sorted(list_sessions(lib), key=lambda s: s.updated, reverse=True)
        return sessions[0].id if sessions else None
    from workbench.demo import ensure_demo_session  # the importers: only for a first start

    return ensure_demo_session(lib)
