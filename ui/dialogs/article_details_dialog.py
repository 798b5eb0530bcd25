"""Edit an article's details (title, outlet, author, URL, publication date) and
remove an article; both run through the controller, so they are undoable.

The text never changes here. The publication date is what relative times
("Monday", "last week") in the article are resolved against, so the facts
grid reads them again when it is set.
"""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.controller import SessionController
from workbench import ops
from workbench.queries.records import ArticleInfo

FIELDS = ("title", "outlet", "author", "url", "published")


def published_error(value: str) -> str | None:
    """Why ``value`` is not a usable publication date (None when it is, or is empty)."""
    value = value.strip()
    if not value:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        datetime.date.fromisoformat(value)
    except ValueError:
        return f"“{value}” is not a date written YYYY-MM-DD (for example 2026-03-09)."
    return None


class ArticleDetailsDialog(QDialog):
    """The article's details as a form; ``changes()`` gives the fields the user changed."""

    def __init__(self, info: ArticleInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article details")
        self._info = info
        self.title_edit = QLineEdit(info.title)
        self.outlet_edit = QLineEdit(info.outlet or "")
        self.outlet_edit.setPlaceholderText("the outlet that published it")
        self.author_edit = QLineEdit(info.author or "")
        self.url_edit = QLineEdit(info.url or "")
        self.published_edit = QLineEdit(info.published.isoformat() if info.published else "")
        self.published_edit.setPlaceholderText("YYYY-MM-DD (empty: unknown)")
        self.published_edit.setToolTip(
            "Relative times in the text (“Monday”, “last week”) are resolved against this date."
        )
        self.error = QLabel()
        self.error.setStyleSheet("color: #b42318;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        for label, edit in (
            ("&Title:", self.title_edit),
            ("&Outlet:", self.outlet_edit),
            ("&Author:", self.author_edit),
            ("&URL:", self.url_edit),
            ("&Published:", self.published_edit),
        ):
            lab = QLabel(label)
            lab.setBuddy(edit)
            form.addRow(lab, edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def values(self) -> dict[str, str]:
        return {
            "title": " ".join(self.title_edit.text().split()),
            "outlet": " ".join(self.outlet_edit.text().split()),
            "author": " ".join(self.author_edit.text().split()),
            "url": self.url_edit.text().strip(),
            "published": self.published_edit.text().strip(),
        }

    def changes(self) -> dict[str, str]:
        """Fields whose value differs from the article's (``""`` clears one)."""
        info = self._info
        old = {
            "title": info.title,
            "outlet": info.outlet or "",
            "author": info.author or "",
            "url": info.url or "",
            "published": info.published.isoformat() if info.published else "",
        }
        return {k: v for k, v in self.values().items() if v != old[k]}

    def problem(self) -> str | None:
        values = self.values()
        if not values["title"]:
            return "An article needs a title."
        return published_error(values["published"])

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()


def edit_article_details(
    controller: SessionController, article_id: str, parent: QWidget | None = None
) -> ops.Change | None:
    """Ask for the article's details and save the changed ones (one undo step)."""
    detail = controller.detail
    info = next((a for a in detail.articles if a.id == article_id), None) if detail else None
    if info is None:
        return None
    dialog = ArticleDetailsDialog(info, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        changes = dialog.changes()
    finally:
        dialog.deleteLater()
    return save_article_details(controller, article_id, changes)


def save_article_details(
    controller: SessionController, article_id: str, changes: dict[str, str]
) -> ops.Change | None:
    if not changes:
        return None
    lib = controller.lib
    version = controller.version_of(article_id)  # a colleague's edit meanwhile is not overwritten
    return controller.run(
        lambda: ops.update_article(lib, article_id, **changes, expected_version=version)
    )


def remove_article(
    controller: SessionController,
    article_id: str,
    parent: QWidget | None = None,
    *,
    confirm: bool = True,
) -> ops.Change | None:
    """Remove an article with its claims and links, after asking (undo brings all back)."""
    detail = controller.detail
    info = next((a for a in detail.articles if a.id == article_id), None) if detail else None
    if info is None or detail is None:
        return None
    claims = detail.claims_of(article_id)
    ids = {c.id for c in claims}
    links = [lk for lk in detail.links if lk.claim_a_id in ids or lk.claim_b_id in ids]
    if confirm:
        answer = QMessageBox.question(
            parent,
            "Remove article",
            f"Remove “{info.label}” from this session, with its {len(claims)} claims "
            f"and {len(links)} links?\n\nEdit > Undo (Ctrl+Z) brings it all back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    lib = controller.lib
    return controller.run(lambda: ops.remove_article(lib, article_id))
