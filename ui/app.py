"""Application start-up: arguments, library, single instance, signals, screenshot."""

from __future__ import annotations

import argparse
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ui import instance
from ui.appdata import APP_ID, app_icon
from ui.gc_guard import collect_on_gui_thread
from ui.settings import app_settings
from workbench.errors import DatabaseDamaged, DatabaseTooNew, WorkbenchError
from workbench.storage.store import Library, open_library, resolve_url

ORG, APP = "FactCheckWorkbench", "Workbench"


class _VersionAction(argparse.Action):
    """``--version``: ``workbench.about``'s action with the running Qt, loaded
    only when asked for (start-up imports what the first window needs)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version, the library, backup and settings paths")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from ui.dialogs.about_dialog import qt_text
        from workbench import about

        action = about.VersionAction(self.option_strings, self.dest, qt=qt_text)
        action(parser, namespace, values, option_string)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    # prog: main.py, factcheck-workbench or the bundle, as started
    p = argparse.ArgumentParser(description="Fact-Check Workbench desktop app")
    p.add_argument("--version", action=_VersionAction)
    p.add_argument("--db", help="library database: a file path or a database URL")
    p.add_argument("--session", help="open this session (id or 8+ character prefix)")
    p.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="render the main window offscreen to a PNG and exit",
    )
    p.add_argument("--size", default="1600x950", help="window size for --screenshot (WxH)")
    p.add_argument(
        "--install-desktop",
        action="store_true",
        help="add the menu entry, icons and AppStream data for this user (Linux) and exit",
    )
    p.add_argument(
        "--uninstall-desktop", action="store_true", help="remove what --install-desktop added"
    )
    p.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        help="colours: follow the system (the default, remembered), or light or dark",
    )
    return p.parse_args(argv)


class SignalBridge:
    """Turns SIGTERM/SIGINT into a clean close inside the Qt event loop.

    Python runs signal handlers only when the interpreter gets control; the
    wake-up fd makes the Qt loop notice at once.
    """

    def __init__(self, on_signal: object) -> None:
        self._on_signal = on_signal
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        signal.set_wakeup_fd(self._write.fileno())
        self.notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self._drain)
        self._previous: dict[int, Any] = {}
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):  # SIGHUP: the desktop session ends
            sig = getattr(signal, name, None)
            if sig is not None:
                self._previous[sig] = signal.signal(sig, lambda *_: None)  # the fd does the work

    def _drain(self) -> None:
        try:
            data = self._read.recv(64)
        except BlockingIOError:
            return
        if data:
            self._on_signal()  # type: ignore[operator]

    def close(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(-1)
        self.notifier.setEnabled(False)
        self._read.close()
        self._write.close()


def _open_library_interactively(target: str | None, gui: bool) -> Library | None:
    """Open the library; on damage offer the newest good backup."""
    from workbench.storage import recovery

    chosen_name = app_settings().value("user/name", "", str)
    actor = chosen_name if isinstance(chosen_name, str) and chosen_name.strip() else None
    try:
        return open_library(target, actor=actor)
    except DatabaseTooNew as err:
        _tell(gui, str(err))
        return None
    except DatabaseDamaged as err:
        chosen = app_settings().value("backup/folder", "", str)
        folder = Path(chosen) if isinstance(chosen, str) and chosen else None
        plan = recovery.plan_recovery(resolve_url(target), folder)
        if plan is None:
            _tell(gui, f"The library is damaged and no good backup was found.\n\n{err.reason}")
            return None
        question = (
            f"{err.reason[:1].upper()}{err.reason[1:]}.\n\nThe newest good backup is from "
            f"{plan.backup.taken.astimezone():%d %b %Y %H:%M}. Restore it? The damaged "
            f"file will be kept aside, not deleted."
        )
        if (
            gui
            and QMessageBox.question(None, "Fact-Check Workbench", question)
            != QMessageBox.StandardButton.Yes
        ):
            return None
        moved = recovery.restore(plan)
        _tell(gui, f"Restored from the backup. The damaged file was kept as {moved}.")
        return open_library(target, actor=actor)
    except WorkbenchError as err:
        _tell(gui, str(err))
        return None


def _tell(gui: bool, message: str) -> None:
    print(message, file=sys.stderr)
    if gui:
        QMessageBox.warning(None, "Fact-Check Workbench", message)


def run(argv: Sequence[str] | None = None) -> int:
    """Start the app: ``main.py``, ``factcheck-workbench`` and the bundle all land here."""
    args = parse_args(argv)
    if args.install_desktop or args.uninstall_desktop:
        from ui import desktop_install

        return desktop_install.main(["--uninstall"] if args.uninstall_desktop else [])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(app)  # worker threads run Python: no collection there
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationDisplayName("Fact-Check Workbench")
    app.setDesktopFileName(APP_ID)  # Wayland matches the window to its menu entry by this
    app.setWindowIcon(app_icon())
    gui = args.screenshot is None
    # From here on SIGTERM (logout) closes the window cleanly, even while the
    # library, the window and the demo are still being made: the signal
    # waits in the bridge's socket until the event loop runs.
    windows: list[QMainWindow] = []
    bridge = SignalBridge(lambda: windows[0].close() if windows else None) if gui else None
    from ui import theme

    stored = app_settings().value("view/theme", "system", str)
    choice = args.theme or (stored if stored in theme.CHOICES else "system")
    theme.apply(app, str(choice))
    if args.theme and gui:
        app_settings().setValue("view/theme", args.theme)

    lib = _open_library_interactively(args.db, gui)
    if lib is None:
        if bridge is not None:
            bridge.close()
        return 1
    lock: QLockFile | None = None
    # One window per library guards edits; a read-only library takes none (and
    # its folder may not even allow the lock file).
    if gui and lib.sqlite_path is not None and not lib.read_only:
        lock = instance.acquire(lib.sqlite_path)
        if lock is None:
            pid = instance.owner(lib.sqlite_path)
            lib.close()
            if bridge is not None:
                bridge.close()
            _tell(
                True,
                "This library is already open in another Workbench window"
                + (f" (process {pid})" if pid else "")
                + ". Switch to that window: "
                "only one window may edit a library at a time.",
            )
            return 1
    from ui.main_window import MainWindow, session_or_demo

    settings = app_settings()
    window = MainWindow(lib, settings)
    windows.append(window)
    status = 0
    try:
        try:
            last = settings.value("last_session", None, str)
            sid = session_or_demo(lib, args.session, last if isinstance(last, str) else None)
        except WorkbenchError as err:
            _tell(gui, f"Cannot open the session: {err}")
            return 1
        if sid is not None:
            # The panes and the claims come up with the window; the analysis
            # (facts, anchors, where else) starts once its first frame is painted.
            window.hold_analysis_until_painted()
            window.open_session(sid)
        if lib.created:
            note = f"Created a new library at {lib.sqlite_path}"
            print(note, file=sys.stderr)
            window.statusBar().showMessage(note, 15000)
        if args.screenshot:
            status = _screenshot(app, window, Path(args.screenshot), args.size)
        else:
            from workbench.storage import environment

            window.show()
            window.controller.watch_outside()  # colleagues' and the CLI's edits appear
            warnings = environment.storage_warnings(lib)
            if warnings:  # a risk to the user's work: say it where it cannot be missed
                QTimer.singleShot(
                    300,
                    lambda: QMessageBox.warning(
                        window, "Fact-Check Workbench", "\n\n".join(warnings)
                    ),
                )
            if not lib.read_only:  # a read-only library never changes: nothing to back up
                QTimer.singleShot(1000, lambda: _maybe_backup(lib, window.backup_folder()))
                backups = QTimer(window)  # long sessions get backups too
                backups.timeout.connect(lambda: _maybe_backup(lib, window.backup_folder()))
                backups.start(30 * 60 * 1000)
            status = app.exec()
    finally:
        if bridge is not None:
            bridge.close()
        # Tear the window down while the interpreter is whole (see reliability.md:
        # PySide6 crashed at exit when widgets outlived the event loop).
        window.controller.stop_watching()
        window.close()
        window.deleteLater()
        app.processEvents()
        lib.close()
        if lock is not None:
            lock.unlock()
    return status


def _maybe_backup(lib: Library, folder: Path) -> None:
    from workbench.storage import backup

    try:
        backup.automatic_backup(lib, folder=folder)
    except (OSError, WorkbenchError) as err:
        print(f"automatic backup failed: {err}", file=sys.stderr)


def _screenshot(app: QApplication, window: object, out: Path, size: str) -> int:
    from PySide6.QtWidgets import QMainWindow

    assert isinstance(window, QMainWindow)
    w, h = (int(x) for x in size.lower().split("x"))
    window.resize(w, h)
    window.show()
    for _ in range(5):
        app.processEvents()
    select = getattr(window, "prepare_screenshot", None)
    if callable(select):
        select()
        for _ in range(5):
            app.processEvents()
    wait = getattr(window, "wait_for_analysis", None)
    if callable(wait):  # the facts and suggestions are computed on workers: show them done
        wait()
        for _ in range(5):
            app.processEvents()
    ok = window.grab().save(str(out))
    if not ok:
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(out)
    return 0
