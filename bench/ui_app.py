"""How fast the desktop app starts and opens a large session, beside bare Qt.

Run from the repository root (no display needed)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench --corpus ../shared/corpora/fnc1 --only ui

What it prints, in one run:

1. Start to first painted window: a fresh process each time, timed from just
   before the parent spawns it (wall clock handed over in ``argv``) until the
   main window's first frame is complete (a zero timer posted from its first
   ``Paint`` event fires once the whole frame is painted). The app runs the
   real start-up path, ``ui.app.run(["--db", LIB, "--session", DEMO])`` on a
   library that already holds the demo session; the baseline process shows a
   bare ``QMainWindow`` of the same size the same way. One untimed warm-up of
   each, then the runs alternate; medians and the ratio are printed. The
   children keep compiled bytecode in the run's temporary folder, as an
   installed app has it, even under ``PYTHONDONTWRITEBYTECODE``. Also the
   median time until the child's own code starts (interpreter start-up), the
   same for both.
2. Time to interactive for a session of 50 FNC-1 articles with 1,000 claims
   and 300 links (built through the operations beforehand): from
   ``MainWindow.open_session`` until every article view, link map and the
   claims table that is on screen has painted. Beside it, the same 50
   articles without claims or links through the same window, and bare Qt:
   50 ``QPlainTextEdit`` with the same texts in a splitter in a scroll area.
   Median of 3 each, alternating.
3. Memory: the resident set size (``VmRSS``) of a fresh app process that
   opened the 50-article session of 2 through ``ui.app.run`` and whose
   analysis (facts, anchor check) has finished, beside a fresh bare
   ``QMainWindow`` process's, both read at the same point (after the first
   frame); also each one's peak (``VmHWM``). Median of ``MEMORY_RUNS``.

The child processes are started as ``python -m bench.ui_app --child app|bare``;
this module imports only the standard library at the top so a child starts as
light as the baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
START_RUNS = 5
MEMORY_RUNS = 3
START_GOAL = 2.5  # issue 11: start to first paint at most 2.5x a bare QMainWindow
OPEN_RUNS = 3
ARTICLES = 50
CLAIMS = 1_000
LINKS = 300
WINDOW_SIZE = (1600, 950)
CHILD_TIMEOUT_S = 120
PAINT_TIMEOUT_S = 60.0
LINK_TYPES = ("same", "corroborates", "contradicts", "differs")
# The offscreen platform prints this for every window shown; it is not ours.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


@contextlib.contextmanager
def quiet_offscreen() -> Iterator[None]:
    """Drop the offscreen plugin's ``propagateSizeHints`` warning from Qt's log
    (every other message still goes to stderr) while the block runs."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message != OFFSCREEN_NOISE:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


# ------------------------------------------------------------------ child side


def _memory_kb() -> tuple[int, int]:
    """This process's resident set size and its peak, in kB (Linux ``/proc``;
    elsewhere the peak from ``getrusage`` for both)."""
    try:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        )
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
    except (OSError, KeyError, ValueError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak = peak // 1024 if sys.platform == "darwin" else peak
        return peak, peak


def _child(kind: str, t0: float, db: str, session: str, memory: bool = False) -> int:
    """Start the app (or a bare window), print seconds since ``t0`` at the
    first complete frame and at the start of this function, then quit. With
    ``memory`` the app first waits for the session's analysis to finish, and
    both print their memory (``RSS`` kB, peak kB)."""
    entered = time.time() - t0
    windows: list[Any] = []
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    class FirstFrame(QObject):
        """Quits the application once the watched window's first frame is done."""

        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            print(f"ENTERED {entered:.6f}", flush=True)
            print(f"FIRST_FRAME {time.time() - t0:.6f}", flush=True)
            app = QApplication.instance()
            if memory:
                wait = getattr(windows[0], "wait_for_analysis", None)
                if callable(wait) and not wait():
                    raise RuntimeError("the session's analysis did not finish")
                assert app is not None
                app.processEvents()
                import gc

                gc.collect()
                rss, peak = _memory_kb()
                print(f"RSS {rss} {peak}", flush=True)
            assert app is not None
            app.quit()

    probe = FirstFrame()
    if kind == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setWindowTitle("Bare")
        window.setCentralWidget(QLabel("Bare QMainWindow"))
        window.resize(*WINDOW_SIZE)
        window.installEventFilter(probe)
        windows.append(window)
        window.show()
        status = app.exec()
        window.close()
        return status

    # The real start-up path; the class is swapped for a subclass that only
    # watches its own paint events (ui.app imports MainWindow when it runs).
    import ui.main_window as main_window
    from ui.app import run

    imported = time.time() - t0
    print(f"IMPORTED {imported:.6f}", flush=True)

    base_cls = main_window.MainWindow

    class ProbedWindow(base_cls):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            windows.append(self)
            self.installEventFilter(probe)

    main_window.MainWindow = ProbedWindow  # type: ignore[misc]
    return run(["--db", db, "--session", session])


# ------------------------------------------------------------------ 1. start-up


def _child_env(cache: Path | None = None) -> dict[str, str]:
    """The children's environment; with ``cache``, compiled bytecode is kept
    there (``PYTHONPYCACHEPREFIX``) even where ``PYTHONDONTWRITEBYTECODE`` is
    set, so the timed runs start as an installed app does (pip compiles the
    bytecode at install) rather than compiling every module from source; the
    untimed warm-up fills it, for the bare window and the app alike."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if cache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _run_child(kind: str, db: Path, session: str, *extra: str) -> dict[str, list[str]]:
    """Run one child; its ``KEY value...`` lines by key (RuntimeError if it failed)."""
    t0 = time.time()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.ui_app",
            "--child",
            kind,
            "--t0",
            repr(t0),
            "--db",
            str(db),
            "--session",
            session,
            *extra,
        ],
        cwd=ROOT,
        env=_child_env(db.parent / "pycache"),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    values = {}
    for line in proc.stdout.splitlines():
        key, *fields = line.split()
        if key in ("ENTERED", "FIRST_FRAME", "IMPORTED", "RSS"):
            values[key] = fields
    if proc.returncode != 0 or "FIRST_FRAME" not in values or "ENTERED" not in values:
        raise RuntimeError(
            f"child {kind} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    return values


def _spawn(kind: str, db: Path, session: str) -> tuple[float, float, float | None]:
    """Run one child: seconds until its code runs, until its first frame, and
    (app only) until ``ui.app`` and ``ui.main_window`` are imported."""
    values = _run_child(kind, db, session)
    imported = values.get("IMPORTED")
    return (
        float(values["ENTERED"][0]),
        float(values["FIRST_FRAME"][0]),
        float(imported[0]) if imported else None,
    )


def bench_memory(db: Path, session: str) -> dict[str, list[tuple[int, int]]]:
    """(RSS, peak) in kB of the app with ``session`` open and analysed, and of a
    bare window, ``MEMORY_RUNS`` fresh processes each."""
    runs: dict[str, list[tuple[int, int]]] = {"app": [], "bare": []}
    for _ in range(MEMORY_RUNS):
        for kind in ("bare", "app"):
            rss = _run_child(kind, db, session, "--memory").get("RSS")
            if not rss:
                raise RuntimeError(f"child {kind} printed no memory figure")
            runs[kind].append((int(rss[0]), int(rss[1])))
    return runs


def _bench_session(db: Path) -> str:
    """The id of the 50-article session with claims and links that 2 built."""
    from workbench.queries.sessions import list_sessions
    from workbench.storage.store import open_library

    lib = open_library(db, actor="bench")
    try:
        return next(s.id for s in list_sessions(lib) if "1,000 claims" in s.title)
    finally:
        lib.close()


Spawned = tuple[float, float, float | None]


def bench_startup(folder: Path) -> dict[str, list[Spawned]]:
    """Warm up, then alternate app and bare children ``START_RUNS`` times each."""
    from workbench.demo import ensure_demo_session
    from workbench.storage.store import open_library

    db = folder / "startup.sqlite3"
    lib = open_library(db, actor="bench")
    try:
        sid = ensure_demo_session(lib)
    finally:
        lib.close()
    for kind in ("bare", "app"):
        _spawn(kind, db, sid)  # warm-up: disk cache, fontconfig, first settings
    runs: dict[str, list[Spawned]] = {"app": [], "bare": []}
    for _ in range(START_RUNS):
        for kind in ("bare", "app"):
            runs[kind].append(_spawn(kind, db, sid))
    return runs


# ------------------------------------------------------------------ 2. open a session


def build_session(lib: object, corpus: Path) -> tuple[str, str, dict[str, str]]:
    """A session of ``ARTICLES`` corpus bodies with claims and links, and a
    second one with the same articles only; returns both ids and the texts."""
    from bench.core import claim_spans
    from bench.corpus import load_bodies
    from workbench import ops
    from workbench.errors import WorkbenchError
    from workbench.importers import from_pasted_text
    from workbench.importers.batch import import_article
    from workbench.queries.sessions import article_texts
    from workbench.storage.store import Library

    assert isinstance(lib, Library)
    full = ops.create_session(lib, "Bench: 50 articles, 1,000 claims, 300 links").target_id
    plain = ops.create_session(lib, "Bench: 50 articles, no claims").target_id
    assert full is not None and plain is not None
    seen: set[str] = set()
    for body_id, body in load_bodies(corpus):
        if len(seen) == ARTICLES:
            break
        try:
            art = from_pasted_text(body, title=f"FNC-1 body {body_id}")
        except WorkbenchError:
            continue
        if art.text in seen:
            continue
        seen.add(art.text)
        import_article(lib, full, art)
        import_article(lib, plain, art)
    texts = article_texts(lib, full)
    claims = [ops.add_claim(lib, aid, s, e).target_id for aid, s, e in claim_spans(texts, CLAIMS)]
    # Spans go round robin over the articles, so neighbours are in different ones.
    for k in range(LINKS):
        a, b = claims[3 * k], claims[3 * k + 1]
        assert a is not None and b is not None
        ops.link_claims(lib, a, b, LINK_TYPES[k % len(LINK_TYPES)])
    return full, plain, texts


def _wait_painted(app: Any, targets: Callable[[], Sequence[Any]], painted: set[int]) -> bool:
    """Process events until every target on screen has painted; False on timeout."""
    deadline = time.perf_counter() + PAINT_TIMEOUT_S
    while time.perf_counter() < deadline:
        app.processEvents()
        shown = [w for w in targets() if w.isVisible() and not w.visibleRegion().isEmpty()]
        if shown and all(id(w) in painted for w in shown):
            return True
    return False


def _paint_recorder() -> tuple[Any, set[int]]:
    """An event filter that records which watched widgets have painted."""
    from PySide6.QtCore import QEvent, QObject

    painted: set[int] = set()

    class Recorder(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.add(id(watched))
            return False

    return Recorder(), painted


def time_open_session(app: Any, lib: object, session_id: str, settings_path: Path) -> float:
    """Seconds from ``open_session`` until the on-screen panes have painted, on a
    fresh main window already showing its start page."""
    from PySide6.QtCore import QEvent, QSettings

    from ui.main_window import MainWindow
    from workbench.storage.store import Library

    assert isinstance(lib, Library)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(lib, settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    for _ in range(5):
        app.processEvents()
    recorder, painted = _paint_recorder()

    def targets() -> list[Any]:
        row = window.pane_row
        return (
            [p.view.viewport() for p in row.panes()]
            + list(row.link_maps())
            + [window.claims_panel.table.viewport()]
        )

    t0 = time.perf_counter()
    window.open_session(session_id)
    for widget in targets():
        widget.installEventFilter(recorder)
    ok = _wait_painted(app, targets, painted)
    elapsed = time.perf_counter() - t0
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    if not ok:
        raise RuntimeError("the session's panes did not paint within the time limit")
    return elapsed


def time_bare_panes(app: Any, texts: Sequence[str]) -> float:
    """Seconds to show the same texts in bare ``QPlainTextEdit``s in a splitter
    in a scroll area, in a window already shown, until the visible ones painted."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtWidgets import QLabel, QMainWindow, QPlainTextEdit, QScrollArea, QSplitter

    window = QMainWindow()
    window.setCentralWidget(QLabel("start page"))
    window.resize(*WINDOW_SIZE)
    window.show()
    for _ in range(5):
        app.processEvents()
    recorder, painted = _paint_recorder()
    editors: list[QPlainTextEdit] = []

    t0 = time.perf_counter()
    splitter = QSplitter(Qt.Orientation.Horizontal)
    for text in texts:
        edit = QPlainTextEdit()
        edit.setReadOnly(True)
        edit.setMinimumWidth(340)
        edit.setPlainText(text)
        edit.viewport().installEventFilter(recorder)
        splitter.addWidget(edit)
        editors.append(edit)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(splitter)
    window.setCentralWidget(area)
    ok = _wait_painted(app, lambda: [e.viewport() for e in editors], painted)
    elapsed = time.perf_counter() - t0
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    if not ok:
        raise RuntimeError("the bare editors did not paint within the time limit")
    return elapsed


def bench_open(corpus: Path, folder: Path) -> tuple[dict[str, list[float]], str]:
    """Build the sessions, then alternate the three ways of showing them."""
    from PySide6.QtWidgets import QApplication

    from workbench.storage.store import open_library

    app = QApplication.instance() or QApplication([])
    lib = open_library(folder / "open.sqlite3", actor="bench")
    try:
        t0 = time.perf_counter()
        full, plain, texts = build_session(lib, corpus)
        built = (
            f"data: {len(texts)} articles ({sum(map(len, texts.values())):,} chars), "
            f"{CLAIMS:,} claims, {LINKS} links, built through the operations in "
            f"{time.perf_counter() - t0:.1f} s (not timed below)"
        )
        runs: dict[str, list[float]] = {"full": [], "plain": [], "bare": []}
        ordered = list(texts.values())
        for k in range(OPEN_RUNS):
            runs["bare"].append(time_bare_panes(app, ordered))
            runs["plain"].append(time_open_session(app, lib, plain, folder / f"p{k}.ini"))
            runs["full"].append(time_open_session(app, lib, full, folder / f"f{k}.ini"))
    finally:
        lib.close()
    return runs, built


# ------------------------------------------------------------------ report


def main(corpus: Path) -> None:
    """Run both UI application benchmarks and print the figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.core import isolated_dirs, ratio

    with (
        isolated_dirs(),
        quiet_offscreen(),
        tempfile.TemporaryDirectory(prefix="fcwb-bench-ui-") as tmp,
    ):
        folder = Path(tmp)
        runs = bench_startup(folder)
        med = {
            k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v))
            for k, v in runs.items()
        }
        imports = statistics.median(r[2] for r in runs["app"] if r[2] is not None)
        print(
            f"1. start to first painted window (fresh process each, {START_RUNS} runs after "
            f"a warm-up, median; QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']})"
        )
        print(
            f"   app  (ui.app.run, demo session): {med['app'][1] * 1000:7.0f} ms   "
            f"runs {', '.join(f'{r[1] * 1000:.0f}' for r in runs['app'])}"
        )
        print(
            f"   bare QMainWindow baseline      : {med['bare'][1] * 1000:7.0f} ms   "
            f"runs {', '.join(f'{r[1] * 1000:.0f}' for r in runs['bare'])}"
        )
        print(
            f"   ratio                          : {ratio(med['app'][1], med['bare'][1])}   "
            f"(goal: at most {START_GOAL:.1f}x)"
        )
        print(
            f"   (interpreter start until the child's code runs: app "
            f"{med['app'][0] * 1000:.0f} ms, bare {med['bare'][0] * 1000:.0f} ms; "
            f"app's ui.app + ui.main_window imported at {imports * 1000:.0f} ms)"
        )

        opened, built = bench_open(corpus, folder)
        full, plain, bare = (statistics.median(opened[k]) for k in ("full", "plain", "bare"))
        print(f"2. open a session to interactive (panes on screen painted), median of {OPEN_RUNS}")
        print(f"   {built}")
        print(
            f"   50 articles + 1,000 claims + 300 links: {full * 1000:7.0f} ms   "
            f"runs {', '.join(f'{s * 1000:.0f}' for s in opened['full'])}"
        )
        print(
            f"   same articles, no claims or links     : {plain * 1000:7.0f} ms   "
            f"ratio {ratio(full, plain)}"
        )
        print(
            f"   bare Qt: 50 QPlainTextEdit in splitter: {bare * 1000:7.0f} ms   "
            f"ratio {ratio(full, bare)}"
        )
        goal = 4.0  # opening the full session: at most this many times the bare panes
        print(
            f"   goal: 50 articles + 1,000 claims + 300 links at most {goal:.0f}x the bare "
            f"panes of this run: {full / bare:.1f}x, "
            + ("within" if full <= goal * bare else "over")
        )

        db = folder / "open.sqlite3"
        memory = bench_memory(db, _bench_session(db))
        rss = {k: statistics.median(r[0] for r in v) / 1024 for k, v in memory.items()}
        peak = {k: statistics.median(r[1] for r in v) / 1024 for k, v in memory.items()}
        print(
            f"3. memory (RSS, fresh process each, median of {MEMORY_RUNS}; after the first "
            "frame, the app once its analysis has finished)"
        )
        print(f"   app, 50-article session open: {rss['app']:6.0f} MB   peak {peak['app']:.0f} MB")
        print(
            f"   bare QMainWindow            : {rss['bare']:6.0f} MB   peak {peak['bare']:.0f} MB"
        )
        print(
            f"   app - bare                  : {rss['app'] - rss['bare']:6.0f} MB   "
            f"ratio {ratio(rss['app'], rss['bare'])}"
        )


def _parse_child(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.ui_app")
    p.add_argument("--child", choices=("app", "bare"), required=True)
    p.add_argument("--t0", type=float, required=True, help="time.time() at spawn")
    p.add_argument("--db", required=True)
    p.add_argument("--session", required=True)
    p.add_argument("--memory", action="store_true", help="print the memory at the end")
    return p.parse_args(argv)


if __name__ == "__main__":
    _args = _parse_child(sys.argv[1:])
    sys.exit(_child(_args.child, _args.t0, _args.db, _args.session, _args.memory))
