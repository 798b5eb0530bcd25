"""Paste an article's text and type its metadata.

The text box only ever holds plain text: a paste that carries text/plain uses
it; one that carries only HTML is reduced to its text here, by Python's
HTML parser, never by Qt's rich-text engine (which would load local files
named in ``<img src>``; see design/reliability.md).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from PySide6.QtCore import QDate, QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.controller import SessionController
from ui.undo import short_busy_wait
from workbench.errors import ImportRefused, WorkbenchError
from workbench.importers import batch, from_pasted_text
from workbench.storage.store import Library

_SKIP = frozenset(
    {
        "script",
        "style",
        "head",
        "title",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
        "button",
        "select",
    }
)
# Blocks become paragraphs (a blank line around them); lines just a line break.
_BLOCK = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "hr",
        "figcaption",
    }
)
_LINE = frozenset({"br", "li", "tr", "dd", "dt"})


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK or tag in _LINE:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment, one line per block; nothing is loaded."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class PlainPasteEdit(QPlainTextEdit):
    """A QPlainTextEdit that turns HTML-only pastes and drops into plain text."""

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(source.text())
        elif source.hasHtml():
            self.insertPlainText(html_to_text(source.html()))


class PasteDialog(QDialog):
    """Create an article from pasted text plus metadata typed by the user.

    On OK the text goes through ``importers.from_pasted_text`` and
    ``batch.add_imported`` (refused duplicates and bad dates are
    shown in the dialog, which stays open); with ``session`` the new article
    is an undo step there. Emits ``imported(article_id)``.
    """

    imported = Signal(str)

    def __init__(
        self,
        lib: Library,
        session_id: str,
        parent: QWidget | None = None,
        *,
        session: SessionController | None = None,
    ) -> None:
        super().__init__(parent)
        self._lib = lib
        self._session_id = session_id
        self._session = session  # records the new article as an undo step
        self.article_id: str | None = None
        self.setWindowTitle("Paste article")
        self.resize(820, 520)

        self.text_edit = PlainPasteEdit()
        self.text_edit.setPlaceholderText("Paste the article's text here.")
        self.text_edit.setTabChangesFocus(True)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("From the first line if empty")
        self.outlet_edit = QLineEdit()
        self.outlet_edit.setPlaceholderText("e.g. Northern Courier")
        self.author_edit = QLineEdit()
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…")
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_unknown = QCheckBox("Unknown")
        self.date_unknown.setChecked(True)
        self.date_unknown.toggled.connect(self._date_toggled)
        self._date_toggled(True)
        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date_edit, 1)
        date_row.addWidget(self.date_unknown)

        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Outlet:", self.outlet_edit)
        form.addRow("&Author:", self.author_edit)
        form.addRow("&URL:", self.url_edit)
        date_label = QLabel("&Published:")
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, date_row)
        meta = QWidget()
        meta_layout = QVBoxLayout(meta)
        meta_layout.setContentsMargins(0, 0, 0, 0)
        meta_layout.addLayout(form)
        meta_layout.addStretch(1)

        text_label = QLabel("Article &text:")
        text_label.setBuddy(self.text_edit)
        text_col = QVBoxLayout()
        text_col.addWidget(text_label)
        text_col.addWidget(self.text_edit, 1)
        text_col.addWidget(self.count_label)
        columns = QHBoxLayout()
        columns.addLayout(text_col, 3)
        columns.addSpacing(12)
        columns.addWidget(meta, 2)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {palette.theme().error.name()};")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Add article")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._text_changed)
        self._text_changed()

    def published(self) -> str | None:
        """The published date as YYYY-MM-DD, or None when unknown."""
        if self.date_unknown.isChecked():
            return None
        return self.date_edit.date().toString("yyyy-MM-dd")

    def _date_toggled(self, unknown: bool) -> None:
        self.date_edit.setEnabled(not unknown)

    def _text_changed(self) -> None:
        text = self.text_edit.toPlainText()
        self.ok_button.setEnabled(bool(text.strip()))
        words = len(text.split())
        self.count_label.setText(f"{words:,} words, {len(text):,} characters" if text else "")
        self.error_label.hide()

    def accept(self) -> None:
        def field(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        try:
            article = from_pasted_text(
                self.text_edit.toPlainText(),
                title=field(self.title_edit),
                outlet=field(self.outlet_edit),
                author=field(self.author_edit),
                url=field(self.url_edit),
                published=self.published(),
            )
            with short_busy_wait(self._lib):  # a busy library: say so, never freeze
                change = batch.add_imported(self._lib, self._session_id, article)
        except ImportRefused as err:
            self._show_error(err.reason)
            return
        except WorkbenchError as err:
            self._show_error(str(err))
            return
        self.article_id = change.target_id
        assert self.article_id is not None
        if self._session is not None:
            self._session.record_batch([change], f"Paste {article.title}")
        self.imported.emit(self.article_id)
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(f"Not added: {text}")
        self.error_label.show()
