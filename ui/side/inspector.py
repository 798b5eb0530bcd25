"""The inspector: verdict, rationale, evidence, notes and links of the
selected claim (or the selected link). Every change is saved at once."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.autosave import AutosaveEdit
from ui.controller import SessionController
from ui.dialogs.evidence_dialog import EvidenceDialog
from ui.safe_text import escape, plain_label
from ui.safe_text import tooltip as safe_tooltip
from ui.side.checked_before import CheckedBefore
from workbench import ops
from workbench.preview import shorten
from workbench.queries.claims import verdict_history
from workbench.queries.records import ClaimInfo, EvidenceInfo, LinkInfo
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES, WORKING_STATES, new_id

ITEM_ID = 0x0100  # Qt.ItemDataRole.UserRole


def _when(iso: str) -> str:
    """A snapshot's fetch time in local time, short ("1 Dec 09:12")."""
    stamp = datetime.fromisoformat(iso).astimezone()
    return f"{stamp.day} {stamp:%b %H:%M}"


def _item(text: str, ident: str, tooltip: str = "") -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(ITEM_ID, ident)
    if tooltip:
        item.setToolTip(safe_tooltip(tooltip))
    return item


class Inspector(QWidget):
    """Shows and edits the selected claim or link through the controller."""

    jump_requested = Signal(str)  # a claim id to show in its pane
    snapshot_requested = Signal(str, str)  # evidence id, its URL: keep the page as it is now

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self._claim_id: str | None = None
        self._link_id: str | None = None
        self._note_id: str | None = None
        self._filling = False

        self.stack = QStackedWidget()
        self.empty = QLabel(
            "Select a claim in an article or in the list.\n\n"
            "Select words and press C to mark a claim."
        )
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty.setStyleSheet("padding: 16px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_claim_page())
        self.stack.addWidget(self._build_link_page())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        controller.claim_selected.connect(self._on_claim_selected)
        controller.link_selected.connect(self._on_link_selected)
        controller.changed.connect(self._on_change)
        controller.session_loaded.connect(self._on_session_loaded)

    # ---------------------------------------------------------------- layout

    def _build_claim_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.source = plain_label(QLabel())
        self.source.setStyleSheet("font-weight: 600;")
        self.quote = plain_label(QLabel())
        self.quote.setWordWrap(True)
        self.quote.setStyleSheet("font-style: italic; padding: 4px 0;")
        box.addWidget(self.source)
        box.addWidget(self.quote)

        form = QFormLayout()
        self.verdict = QComboBox()
        self.verdict.activated.connect(self._verdict_chosen)
        form.addRow("Verdict", self.verdict)
        self.judged = plain_label(QLabel())
        self.judged.setStyleSheet("color: palette(dark);")
        form.addRow("", self.judged)
        self.rationale = AutosaveEdit(self._save_rationale)
        self.rationale.setPlaceholderText("Why this verdict? (saved as you type)")
        self.rationale.setMaximumHeight(90)
        form.addRow("Rationale", self.rationale)
        box.addLayout(form)
        self.checked_before = CheckedBefore(self._c)  # past verdicts of other sessions
        self.checked_before.about_to_edit.connect(self.flush)
        box.addWidget(self.checked_before)

        ev = QGroupBox("Evidence")
        evl = QVBoxLayout(ev)
        self.evidence = QListWidget()
        self.evidence.setMaximumHeight(90)
        self.evidence.itemDoubleClicked.connect(lambda _i: self._open_evidence())
        evl.addWidget(self.evidence)
        row = QGridLayout()  # two rows, so a narrow side panel needs no scrolling
        self.evidence_buttons: list[QPushButton] = []  # off in a read-only library
        for n, (label, slot, tip) in enumerate(
            (
                ("Add…", self._add_evidence, "Add a source for the verdict"),
                ("Edit…", self._edit_evidence, "Edit the selected source"),
                ("Remove", self._remove_evidence, "Remove the selected source"),
                ("Open", self._open_evidence, "Open the source's web address"),
                ("Snapshot", self._snapshot_evidence, "Fetch the page now and keep it as it is"),
            )
        ):
            b = QPushButton(label)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            row.addWidget(b, n // 3, n % 3)
            if label != "Open":
                self.evidence_buttons.append(b)
        evl.addLayout(row)
        box.addWidget(ev)

        notes = QGroupBox("Notes")
        nl = QVBoxLayout(notes)
        self.notes = QListWidget()
        self.notes.setMaximumHeight(70)
        self.notes.currentItemChanged.connect(self._note_chosen)
        nl.addWidget(self.notes)
        self.note_edit = AutosaveEdit(self._save_note)
        self.note_edit.setPlaceholderText("Write a note… (saved as you type)")
        self.note_edit.setMaximumHeight(80)
        nl.addWidget(self.note_edit)
        nrow = QHBoxLayout()
        self.new_note = QPushButton("New note")
        self.new_note.clicked.connect(self._start_new_note)
        self.remove_note = QPushButton("Remove note")
        self.remove_note.clicked.connect(self._remove_note)
        nrow.addWidget(self.new_note)
        nrow.addWidget(self.remove_note)
        nrow.addStretch()
        nl.addLayout(nrow)
        box.addWidget(notes)

        links = QGroupBox("Linked claims")
        ll = QVBoxLayout(links)
        self.links = QListWidget()
        self.links.setMaximumHeight(110)
        self.links.itemActivated.connect(self._jump_to_linked)
        self.links.itemClicked.connect(self._jump_to_linked)
        ll.addWidget(self.links)
        box.addWidget(links)
        box.addStretch()
        return page

    def _build_link_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        title = QLabel("Link")
        title.setStyleSheet("font-weight: 600;")
        box.addWidget(title)
        self.link_ends = QLabel()
        self.link_ends.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts
        self.link_ends.setWordWrap(True)
        box.addWidget(self.link_ends)
        form = QFormLayout()
        self.link_type = QComboBox()
        for t in LINK_TYPES:
            self.link_type.addItem(LINK_TYPE_LABELS[t], t)
        self.link_type.activated.connect(self._link_type_chosen)
        form.addRow("Type", self.link_type)
        self.link_note = AutosaveEdit(self._save_link_note)
        self.link_note.setPlaceholderText("Why are these linked?")
        self.link_note.setMaximumHeight(90)
        form.addRow("Note", self.link_note)
        box.addLayout(form)
        row = QHBoxLayout()
        self.unlink_button = QPushButton("Remove link")
        self.unlink_button.clicked.connect(self._unlink)
        row.addWidget(self.unlink_button)
        row.addStretch()
        box.addLayout(row)
        box.addStretch()
        return page

    def set_read_only(self, read_only: bool) -> None:
        """Show everything, change nothing: a read-only library."""
        for edit in (self.rationale, self.note_edit, self.link_note):
            edit.setReadOnly(read_only)
        for w in (
            self.verdict,
            self.new_note,
            self.remove_note,
            self.link_type,
            self.unlink_button,
            *self.evidence_buttons,
        ):
            w.setEnabled(not read_only)
        if read_only:
            self.rationale.setPlaceholderText("")
            self.note_edit.setPlaceholderText("")
        self.checked_before.set_read_only(read_only)

    # ---------------------------------------------------------------- state

    def flush(self) -> None:
        """Save any text being typed (before a switch, a close or a signal)."""
        self.rationale.flush()
        self.note_edit.flush()
        self.link_note.flush()

    def _on_session_loaded(self) -> None:
        self.flush()  # text being typed belongs to the claim shown until now
        self._claim_id = self._link_id = self._note_id = None
        self._fill()

    def _on_claim_selected(self, claim_id: object) -> None:
        self.flush()
        self._claim_id = claim_id if isinstance(claim_id, str) else None
        if self._claim_id:
            self._link_id = None
        self._note_id = None
        self._fill()

    def _on_link_selected(self, link_id: object) -> None:
        self.flush()
        self._link_id = link_id if isinstance(link_id, str) else None
        if self._link_id:
            self._claim_id = None
        self._fill()

    def refresh(self) -> None:
        """Show the selected claim or link afresh (e.g. after a snapshot was kept)."""
        self._fill()

    def _fill(self, *_signal_args: object) -> None:
        self._filling = True
        try:
            claim = self._c.claim(self._claim_id) if self._claim_id else None
            link = self._c.link(self._link_id) if self._link_id else None
            if claim is not None:
                self._fill_claim(claim)
                self.stack.setCurrentIndex(1)
            elif link is not None:
                self._fill_link(link)
                self.stack.setCurrentIndex(2)
            else:
                self.stack.setCurrentIndex(0)
        finally:
            self._filling = False

    def _outlet(self, article_id: str) -> str:
        return self._c.detail.label_of(article_id) if self._c.detail else ""

    def _on_change(self, change: ops.Change) -> None:
        """Refill only the parts of the inspector that ``change`` touched: a
        typed rationale re-reads nothing, a verdict refills the verdict row
        (and its history), evidence, notes or links their own list."""
        if {"article", "scale", "session"} & change.kinds:
            self._fill()
            return
        ids = change.ids
        if self._link_id is not None and self.stack.currentIndex() == 2:
            link = self._c.link(self._link_id)
            if link is None or ids & {link.id, link.claim_a_id, link.claim_b_id}:
                self._fill()
            return
        if self._claim_id is None or self.stack.currentIndex() != 1:
            if self._claim_id is not None or self._link_id is not None:
                self._fill()  # what was selected appeared (an undone deletion)
            return
        claim = self._c.claim(self._claim_id)
        if claim is None:
            self._fill()
            return
        d = self._c.detail
        linked = {lk.other(claim.id) for lk in d.links_of(claim.id)} if d else set()
        if claim.id not in ids and not (ids & linked) and "link" not in change.kinds:
            return
        self._filling = True
        try:
            if claim.id in ids:
                self._fill_header(claim)
                if change.operation != "set_rationale" or self.verdict.currentText() != (
                    claim.verdict
                ):
                    self._fill_verdict(claim)
                if self._c.pending_edits == 0:
                    self.rationale.load(claim.rationale)
                if "evidence" in change.kinds:
                    self._fill_evidence(claim)
                if "note" in change.kinds:
                    self._fill_notes(claim)
            if "link" in change.kinds or ids & linked:
                self._fill_links(claim)
        finally:
            self._filling = False

    def _fill_claim(self, claim: ClaimInfo) -> None:
        self._fill_header(claim)
        self._fill_verdict(claim)
        # While edits wait to be saved (busy or full disk), the editors keep
        # showing what was typed rather than the older stored text.
        if self._c.pending_edits == 0:
            self.rationale.load(claim.rationale)
        self._fill_evidence(claim)
        self._fill_notes(claim)
        self._fill_links(claim)

    def _fill_header(self, claim: ClaimInfo) -> None:
        self.source.setText(self._outlet(claim.article_id))
        self.quote.setText(f"“{claim.quote}”")

    def _fill_verdict(self, claim: ClaimInfo) -> None:
        d = self._c.detail
        assert d is not None
        self.verdict.clear()
        for choice in d.scale.choices():
            self.verdict.addItem(choice)
        if claim.verdict not in d.scale.choices():  # given under an earlier scale
            self.verdict.addItem(claim.verdict)
        self.verdict.setCurrentText(claim.verdict)
        history = verdict_history(self._c.lib, claim.id)
        self.verdict.setToolTip(
            "\n".join(
                f"{when.astimezone():%d %b %H:%M} {who}: {before} → {after}"
                for when, who, before, after in history
            )
            or "No verdict changes yet"
        )
        if history:
            when, who, _before, _after = history[-1]
            # After an undo back to a working state nobody has judged the claim.
            done = "Judged" if claim.verdict not in WORKING_STATES else "Verdict changed"
            self.judged.setText(f"{done} by {who}, {when.astimezone():%d %b %Y %H:%M}")
        else:
            self.judged.setText("")
        self.judged.setVisible(bool(history))

    def _fill_evidence(self, claim: ClaimInfo) -> None:
        d = self._c.detail
        assert d is not None
        self.evidence.clear()
        from workbench.importers.web_import import snapshots  # here: keeps lxml out of start-up

        for e in d.evidence_of(claim.id):
            label = e.title or e.url or e.citation
            tip = e.url or e.citation
            kept = snapshots(self._c.lib, evidence_id=e.id) if e.url else []
            if kept:
                label += f" · snapshot {_when(kept[0].fetched)}"
                tip += f"\nSnapshot fetched {kept[0].fetched}, SHA-256 {kept[0].sha256}"
            self.evidence.addItem(_item(label, e.id, tip))

    def _fill_notes(self, claim: ClaimInfo) -> None:
        d = self._c.detail
        assert d is not None
        current_note = self._note_id
        self.notes.clear()
        for n in d.notes_of(claim.id):
            first = n.text.strip().splitlines()[0] if n.text.strip() else "(empty)"
            self.notes.addItem(_item(shorten(first, 80), n.id, n.text))
        if self._c.pending_edits == 0:
            self._select_note(current_note)

    def _fill_links(self, claim: ClaimInfo) -> None:
        d = self._c.detail
        assert d is not None
        self.links.clear()
        for lk in d.links_of(claim.id):
            other = self._c.claim(lk.other(claim.id))
            if other is None:
                continue
            text = (
                f"{LINK_TYPE_LABELS[lk.type]} — {self._outlet(other.article_id)}: "
                f"“{shorten(other.quote, 70)}”"
            )
            self.links.addItem(_item(text, other.id, lk.note))

    def _select_note(self, note_id: str | None) -> None:
        d = self._c.detail
        note = next((n for n in d.notes if n.id == note_id), None) if d and note_id else None
        self._note_id = note.id if note else None
        for row in range(self.notes.count()):
            if self.notes.item(row).data(ITEM_ID) == self._note_id:
                self.notes.setCurrentRow(row)
        self.note_edit.load(note.text if note else "")

    def _fill_link(self, link: LinkInfo) -> None:
        a, b = self._c.claim(link.claim_a_id), self._c.claim(link.claim_b_id)
        if a and b:
            qa, qb = escape(shorten(a.quote, 120)), escape(shorten(b.quote, 120))
            self.link_ends.setText(
                f"<b>{escape(self._outlet(a.article_id))}</b>: “{qa}”<br><br>"
                f"<b>{escape(self._outlet(b.article_id))}</b>: “{qb}”"
            )
        self.link_type.setCurrentIndex(LINK_TYPES.index(link.type))
        self.link_note.load(link.note)

    # ---------------------------------------------------------------- edits

    def _verdict_chosen(self, _index: int) -> None:
        if self._filling or not self._claim_id:
            return
        cid, verdict = self._claim_id, self.verdict.currentText()
        self.rationale.flush()
        self._c.run(
            lambda: ops.set_verdict(
                self._c.lib, cid, verdict, expected_version=self._c.version_of(cid)
            )
        )

    def _save_rationale(self, text: str) -> bool:
        if not self._claim_id:
            return True
        cid = self._claim_id
        # Only the rationale: a queued save must never put back an older verdict.
        return self._c.saved_or_queued(
            self._c.run(
                lambda: ops.set_rationale(
                    self._c.lib, cid, text, expected_version=self._c.version_of(cid)
                ),
                merge_key=f"rationale:{cid}",
            )
        )

    def _add_evidence(self) -> None:
        if not self._claim_id:
            return
        dialog = EvidenceDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            cid, values = self._claim_id, dialog.values()
            self._c.run(lambda: ops.add_evidence(self._c.lib, cid, **values))

    def _current_evidence(self) -> EvidenceInfo | None:
        item = self.evidence.currentItem()
        d = self._c.detail
        if item is None or d is None:
            return None
        return next((e for e in d.evidence if e.id == item.data(ITEM_ID)), None)

    def _edit_evidence(self) -> None:
        ev = self._current_evidence()
        if ev is None:
            return
        dialog = EvidenceDialog(self, ev)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            self._c.run(
                lambda: ops.edit_evidence(self._c.lib, ev.id, **values, expected_version=ev.version)
            )

    def _remove_evidence(self) -> None:
        ev = self._current_evidence()
        if ev is not None:
            self._c.run(lambda: ops.remove_evidence(self._c.lib, ev.id))

    def _snapshot_evidence(self) -> None:
        """Ask the window to fetch the evidence URL now and keep the page."""
        ev = self._current_evidence()
        if ev is not None and ev.url.strip():
            self.snapshot_requested.emit(ev.id, ev.url)

    def _open_evidence(self) -> None:
        ev = self._current_evidence()
        if ev is not None and ev.url.startswith(("http://", "https://")):
            QDesktopServices.openUrl(QUrl(ev.url))

    def _note_chosen(self, current: QListWidgetItem | None, _prev: object) -> None:
        if self._filling or current is None:
            return
        self.note_edit.flush()
        self._select_note(current.data(ITEM_ID))

    def _start_new_note(self) -> None:
        self.note_edit.flush()
        self._note_id = None
        self.notes.clearSelection()
        self.note_edit.load("")
        self.note_edit.setFocus()

    def _save_note(self, text: str) -> bool:
        if not self._claim_id:
            return True
        if self._note_id is None:
            if not text.strip():
                return True
            # The id is chosen first so the refresh this edit causes already
            # knows which note the editor shows.
            cid, nid = self._claim_id, new_id()
            self._note_id = nid
            change = self._c.run(lambda: ops.add_note(self._c.lib, cid, text, note_id=nid))
            if not self._c.saved_or_queued(change):
                self._note_id = None
                return False
            return True
        nid = self._note_id
        return self._c.saved_or_queued(
            self._c.run(
                lambda: ops.edit_note(
                    self._c.lib, nid, text, expected_version=self._c.version_of(nid)
                ),
                merge_key=f"note:{nid}",
            )
        )

    def _remove_note(self) -> None:
        if self._note_id:
            nid, self._note_id = self._note_id, None
            self._c.run(lambda: ops.remove_note(self._c.lib, nid))

    def _jump_to_linked(self, item: QListWidgetItem) -> None:
        self.jump_requested.emit(item.data(ITEM_ID))

    def _link_type_chosen(self, _index: int) -> None:
        if self._filling or not self._link_id:
            return
        lid, kind = self._link_id, self.link_type.currentData()
        self._c.run(
            lambda: ops.update_link(
                self._c.lib, lid, type=kind, expected_version=self._c.version_of(lid)
            )
        )

    def _save_link_note(self, text: str) -> bool:
        if not self._link_id:
            return True
        lid = self._link_id
        return self._c.saved_or_queued(
            self._c.run(
                lambda: ops.update_link(
                    self._c.lib, lid, note=text, expected_version=self._c.version_of(lid)
                ),
                merge_key=f"link-note:{lid}",
            )
        )

    def _unlink(self) -> None:
        if self._link_id:
            lid = self._link_id
            self._c.run(lambda: ops.unlink(self._c.lib, lid))
