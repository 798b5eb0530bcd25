"""The start page: every session in the library, to open, create, rename or delete.

Session-level edits call ``workbench.ops`` directly rather than going through
the ``SessionController``'s undo stack: that stack belongs to the open
session and is cleared whenever another session opens, so a session's own
creation or deletion has no place on it. Deleting asks first, and a banner
then offers Undo (``ops.apply`` of the change's inverse restores the session
with everything in it). Every edit is announced with ``changed(ops.Change)``
so the main window can refresh or close the session it has open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.safe_text import plain_label
from ui.start.sessions_model import (
    ID_ROLE,
    Column,
    ProgressDelegate,
    SessionsModel,
    SessionsProxy,
    scale_label,
)
from workbench import ops, vocabulary
from workbench.errors import WorkbenchError
from workbench.queries.records import SessionSummary
from workbench.queries.sessions import list_sessions
from workbench.storage.store import Library

CUSTOM = "__custom__"
CUSTOM_SCALE_NAME = "custom"

# confirm(parent, title, text) -> True to go ahead; injectable for tests.
Confirm = Callable[[QWidget, str, str], bool]


def ask_confirmation(parent: QWidget, title: str, text: str) -> bool:
    """A Delete / Cancel question; Cancel is the default button."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is delete


def delete_question(s: SessionSummary) -> str:
    """The confirmation text: names the session and what goes with it."""

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return (
        f"Delete the session “{s.title}”?\n\n"
        f"It holds {n(s.articles, 'article')}, {n(s.claims, 'claim')} "
        f"({s.checked} checked) and {n(s.links, 'link')}. "
        "All of it will be deleted."
    )


@dataclass(frozen=True)
class SessionForm:
    """What the session dialog collected."""

    title: str
    description: str
    scale: str  # a preset name, or CUSTOM_SCALE_NAME
    custom_verdicts: list[str] | None


class SessionDialog(QDialog):
    """New session (title, verdict scale, description) or edit (title, description).

    ``submit`` runs the edit; if it raises ``WorkbenchError`` the message is
    shown in the dialog, which stays open. Open it with ``open()``.
    """

    def __init__(
        self,
        parent: QWidget | None,
        submit: Callable[[SessionForm], object],
        *,
        existing: SessionSummary | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._editing = existing is not None
        self.setWindowTitle("Edit session" if existing else "New session")
        self.setMinimumWidth(460)

        self.title_edit = QLineEdit(existing.title if existing else "")
        self.title_edit.setPlaceholderText("e.g. Strike on the port, 10 March")
        self.scale_combo = QComboBox()
        for name, scale in vocabulary.PRESETS.items():
            self.scale_combo.addItem(scale_label(name), name)
            self.scale_combo.setItemData(
                self.scale_combo.count() - 1, ", ".join(scale.labels), Qt.ItemDataRole.ToolTipRole
            )
        self.scale_combo.addItem("Custom…", CUSTOM)
        self.scale_combo.setCurrentIndex(self.scale_combo.findData(vocabulary.DEFAULT_SCALE))
        self.scale_hint = QLabel()
        self.scale_hint.setWordWrap(True)
        self.scale_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.custom_edit = QLineEdit()
        self.custom_edit.setPlaceholderText("Comma-separated, best first: Accurate, Inaccurate")
        self.description_edit = QPlainTextEdit(existing.description if existing else "")
        self.description_edit.setPlaceholderText("What is being checked, for whom (optional)")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(90)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {palette.theme().error.name()};")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        if not self._editing:
            form.addRow("Verdict &scale:", self.scale_combo)
            form.addRow("", self.scale_hint)
            form.addRow("&Verdicts:", self.custom_edit)
        form.addRow("&Description:", self.description_edit)
        self._form = form

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save" if self._editing else "Create session")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.title_edit.textChanged.connect(self._update)
        self.custom_edit.textChanged.connect(self._update)
        self.scale_combo.currentIndexChanged.connect(self._update)
        self._update()

    def form(self) -> SessionForm:
        """The values as entered (custom verdicts split on commas)."""
        key = self.scale_combo.currentData()
        custom = None
        if key == CUSTOM:
            custom = [p.strip() for p in self.custom_edit.text().split(",") if p.strip()]
        return SessionForm(
            self.title_edit.text().strip(),
            self.description_edit.toPlainText().strip(),
            CUSTOM_SCALE_NAME if key == CUSTOM else str(key),
            custom,
        )

    def _update(self) -> None:
        custom = self.scale_combo.currentData() == CUSTOM and not self._editing
        self.custom_edit.setVisible(custom)
        label = self._form.labelForField(self.custom_edit)
        if label is not None:
            label.setVisible(custom)
        if custom:
            self.scale_hint.setText(
                "Working states (Unchecked, In progress, Needs second "
                "look) are added to every scale."
            )
        else:
            key = str(self.scale_combo.currentData())
            self.scale_hint.setText(" · ".join(vocabulary.PRESETS[key].labels))
        ok = bool(self.title_edit.text().strip())
        if custom:
            ok = ok and bool(self.custom_edit.text().replace(",", "").strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        form = self.form()
        if form.custom_verdicts is not None:
            try:
                vocabulary.custom(form.scale, form.custom_verdicts)
            except ValueError as err:
                self._show_error(str(err))
                return
        try:
            self._submit(form)
        except WorkbenchError as err:
            self._show_error(str(err))
            return
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text[:1].upper() + text[1:])
        self.error_label.show()


class LocalKeys(QObject):
    """Keys that belong to one widget while it has focus (an event filter).

    Claiming them at ShortcutOverride keeps window-wide actions with the same
    keys (the main window's Del for "delete claim") from taking them, or from
    making them ambiguous so that nothing happens.
    """

    def __init__(
        self,
        keys: dict[tuple[Qt.Key, Qt.KeyboardModifier], Callable[[], object]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._keys = keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        slot = self._keys.get((Qt.Key(event.key()), Qt.KeyboardModifier(modifiers.value)))
        if slot is None:
            return False
        event.accept()
        if event.type() == QEvent.Type.KeyPress:
            slot()
        return True


class SessionBrowser(QWidget):
    """The session list with New / Open / Rename / Delete and a text filter.

    ``SessionBrowser(lib, parent=None, *, confirm=ask_confirmation)``.
    Methods: ``reload()``, ``selected_id()``, ``select(id)``, ``new_session()``
    and ``rename_selected()`` (open their dialog, non-blocking, and return
    it), ``delete_selected()``, ``undo_delete()``, ``open_selected()``,
    ``open_demo()``. Keys on the table: Enter opens, Del deletes, F2 renames,
    Ctrl+N new, Ctrl+F filter.
    """

    open_requested = Signal(str)  # session id to open in the main window
    changed = Signal(object)  # ops.Change after create, rename, delete or undo
    status_message = Signal(str)  # short note for the status bar

    def __init__(
        self, lib: Library, parent: QWidget | None = None, *, confirm: Confirm = ask_confirmation
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self._confirm = confirm
        self._last_delete: ops.Change | None = None
        self.read_only = lib.read_only  # no New, Rename, Delete or demo creation

        self.model = SessionsModel(self)
        self.proxy = SessionsProxy(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel("Fact-check sessions")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by title, description or scale…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(self._filter)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.search)

        self.new_button = QPushButton("&New session…")
        self.open_button = QPushButton("&Open")
        self.rename_button = QPushButton("&Rename…")
        self.delete_button = QPushButton("&Delete…")
        self.demo_button = QPushButton("Open the de&mo")
        self.new_button.clicked.connect(self.new_session)
        self.open_button.clicked.connect(self.open_selected)
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.demo_button.clicked.connect(self.open_demo)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)

        self.table = self._make_table()
        self.empty_page = self._make_empty_page()
        self.no_match = QLabel()
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self.no_match)

        self.banner = QFrame()
        self.banner.setObjectName("undoBanner")
        self.banner.setStyleSheet(
            f"#undoBanner {{ background: {palette.theme().banner.name()}; border-radius: 4px; }}"
        )
        self.banner_label = plain_label(QLabel())
        self.undo_button = QPushButton("Undo")
        self.undo_button.clicked.connect(self.undo_delete)
        dismiss = QPushButton("Dismiss")
        dismiss.setFlat(True)
        dismiss.clicked.connect(self._hide_banner)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(dismiss)
        self.banner.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)

        keys = LocalKeys(
            {
                (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier): self.delete_selected,
                (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier): self.rename_selected,
                (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier): self.new_session,
                (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier): self.search.setFocus,
            },
            self,
        )
        self.table.installEventFilter(keys)
        self.reload()

    # ------------------------------------------------------------ building

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.UPDATED, Qt.SortOrder.DescendingOrder)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(34)
        table.setItemDelegateForColumn(Column.CHECKED, ProgressDelegate(table))
        table.setStyleSheet("QTableView::item { padding: 0 8px; }")
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        widths = {
            Column.ARTICLES: 80,
            Column.CLAIMS: 80,
            Column.LINKS: 70,
            Column.CHECKED: 150,
            Column.SCALE: 175,
            Column.UPDATED: 150,
        }
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(col, width)
        header.setMinimumSectionSize(60)
        table.activated.connect(self._activated)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        return table

    def _make_empty_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel("No sessions yet")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(
            "This library is read-only, so no session can be created in it."
            if self.read_only
            else "Create one to start comparing reports of a story, "
            "or open the demo to see a worked example."
        )
        text.setWordWrap(True)
        text.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        new = QPushButton("New session…")
        new.clicked.connect(self.new_session)
        demo = QPushButton("Open the demo")
        demo.clicked.connect(self.open_demo)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(new)
        row.addWidget(demo)
        row.addStretch(1)
        col = QVBoxLayout(page)
        col.addStretch(1)
        for w in (heading, text):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            col.addWidget(w)
        col.addSpacing(12)
        col.addLayout(row)
        col.addStretch(2)
        return page

    # ------------------------------------------------------------ state

    def reload(self) -> None:
        """Re-read the sessions, keeping the selected one (else selecting the top row)."""
        keep = self.selected_id()
        self.model.set_sessions(list_sessions(self.lib))
        if keep is None or not self.select(keep):
            self._select_top()
        self._update_page()
        self._update_buttons()

    def _select_top(self) -> None:
        # Keyboard first: Enter opens the most recent session straight away.
        if self.proxy.rowCount():
            top = self.proxy.index(0, 0).data(ID_ROLE)
            self.select(str(top))

    def selected_id(self) -> str | None:
        """The id of the selected session, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(self.proxy.mapToSource(rows[0]).data(ID_ROLE))

    def select(self, session_id: str) -> bool:
        """Select (and scroll to) a session; False if it is not shown."""
        row = self.model.row_of(session_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_page()
        self._update_buttons()

    def _update_page(self) -> None:
        if self.model.rowCount() == 0:
            self.stack.setCurrentWidget(self.empty_page)
        elif self.proxy.rowCount() == 0:
            self.no_match.setText(f"No session matches “{self.search.text().strip()}”.")
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)
        has_rows = self.model.rowCount() > 0
        for b in (self.open_button, self.rename_button, self.delete_button, self.demo_button):
            b.setVisible(has_rows)
        if self.read_only:
            for b in (self.new_button, self.rename_button, self.delete_button, self.demo_button):
                b.setVisible(False)
            for b in self.empty_page.findChildren(QPushButton):
                b.setVisible(False)

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.open_button.setEnabled(has)
        for b in (self.rename_button, self.delete_button):
            b.setEnabled(has and not self.read_only)

    # ------------------------------------------------------------ actions

    def _activated(self, index: QModelIndex) -> None:
        sid = self.proxy.mapToSource(index).data(ID_ROLE)
        if sid:
            self.open_requested.emit(str(sid))

    def open_selected(self) -> None:
        """Ask the main window to open the selected session."""
        sid = self.selected_id()
        if sid is not None:
            self.open_requested.emit(sid)

    def open_demo(self) -> None:
        """Create the demo session if it is missing, then ask to open it."""
        from workbench import demo

        try:
            sid = demo.ensure_demo_session(self.lib)
        except WorkbenchError as err:
            QMessageBox.warning(self, "Demo", f"The demo session could not be created: {err}")
            return
        self.reload()
        self.select(sid)
        self.open_requested.emit(sid)

    def new_session(self) -> SessionDialog | None:
        """Open the New session dialog (non-blocking); it creates on OK.
        None when the library is read-only."""
        if self.read_only:
            self.status_message.emit("This library is read-only: no new sessions")
            return None

        def submit(form: SessionForm) -> None:
            change = ops.create_session(
                self.lib,
                form.title,
                scale=form.scale,
                description=form.description,
                custom_verdicts=form.custom_verdicts,
            )
            self._after(change, select=change.target_id)

        dialog = SessionDialog(self, submit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def rename_selected(self) -> SessionDialog | None:
        """Open the Edit dialog (title, description) for the selected session."""
        sid = self.selected_id()
        summary = self.model.summary(sid) if sid else None
        if sid is None or summary is None or self.read_only:
            return None

        def submit(form: SessionForm) -> None:
            change = ops.update_session(
                self.lib, sid, title=form.title, description=form.description
            )
            self._after(change, select=sid)

        dialog = SessionDialog(self, submit, existing=summary)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        """Delete the selected session after confirmation; True if deleted."""
        sid = self.selected_id()
        summary = self.model.summary(sid) if sid else None
        if sid is None or summary is None or self.read_only:
            return False
        if not self._confirm(self, "Delete session", delete_question(summary)):
            return False
        try:
            change = ops.delete_session(self.lib, sid)
        except WorkbenchError as err:
            QMessageBox.warning(self, "Delete session", f"Nothing was deleted: {err}")
            return False
        self._last_delete = change
        self._after(change)
        self.table.clearSelection()
        self._update_buttons()
        self.banner_label.setText(f"Deleted “{summary.title}”.")
        self.banner.show()
        self.undo_button.setFocus()
        return True

    def undo_delete(self) -> bool:
        """Restore the last deleted session; True if restored."""
        change, self._last_delete = self._last_delete, None
        self._hide_banner()
        if change is None:
            return False
        try:
            restored = ops.apply(self.lib, change.inverse)
        except WorkbenchError as err:
            QMessageBox.warning(self, "Undo delete", f"The session could not be restored: {err}")
            return False
        self._after(restored, select=change.session_id)
        return True

    def _hide_banner(self) -> None:
        self.banner.hide()

    def _after(self, change: ops.Change, *, select: str | None = None) -> None:
        if change.operation != "delete_session":
            self._hide_banner()
            self._last_delete = None
        self.reload()
        if select is not None:
            self.select(select)
            self._update_buttons()
        self.status_message.emit(change.description)
        self.changed.emit(change)
