"""Run the benchmark suite: ``python -m bench --corpus PATH [--only core,matching,ui]``.

Sections, in order: ``core`` (bench.core), ``matching`` (bench.matching),
``facts`` (bench.facts), ``recall`` (bench.recall), ``ui`` (bench.ui_panes,
then bench.ui_app), ``team`` (bench.team); ``ui_panes`` and ``ui_app`` may
also be chosen alone. Every figure is printed beside a baseline measured in
the same run. The whole run points the XDG data/config/state folders into a
temporary folder, so the user's library and settings are never touched. Qt
runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise.

Exit status: 0 when every section ran, 1 when one failed (the others still
run), 2 for a bad command line or a missing corpus.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from bench.corpus import BODIES_FILE, STANCES_FILE

DEFAULT_CORPUS = Path("../shared/corpora/fnc1")
SECTIONS = ("core", "matching", "facts", "recall", "ui_panes", "ui_app", "team")
ALIASES = {"ui": ("ui_panes", "ui_app")}
TITLES = {
    "core": "core: import, add claims, CSV export, session load (bench/core.py)",
    "matching": "matching: suggestion speed and quality (bench/matching.py)",
    "facts": "facts: precision and recall per facet on hand-labelled FNC-1 sentences "
    "(bench/facts.py)",
    "recall": "recall: claim memory and library search over 100,000 judged claims "
    "(bench/recall.py)",
    "ui_panes": "ui panes: repaint with 1,000 highlights (bench/ui_panes.py)",
    "ui_app": "ui app: start-up and opening a large session (bench/ui_app.py)",
    "team": "team: concurrent writers on SQLite and PostgreSQL, edits seen (bench/team.py)",
}


def parse_args(argv: Sequence[str] | None = None) -> tuple[Path, list[str]]:
    """The corpus folder and the sections to run, in suite order."""
    p = argparse.ArgumentParser(prog="python -m bench", description="Run the benchmark suite.")
    p.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"FNC-1 folder with {BODIES_FILE} and {STANCES_FILE} (default {DEFAULT_CORPUS})",
    )
    p.add_argument(
        "--only",
        default="",
        help="comma-separated sections: core, matching, facts, recall, ui (= ui_panes,ui_app), "
        "ui_panes, ui_app, team (default: all)",
    )
    args = p.parse_args(argv)
    wanted: set[str] = set()
    for name in filter(None, (n.strip() for n in args.only.split(","))):
        if name in ALIASES:
            wanted.update(ALIASES[name])
        elif name in SECTIONS:
            wanted.add(name)
        else:
            p.error(
                f"unknown section {name!r}; choose from core, matching, facts, recall, ui, "
                "ui_panes, ui_app, team"
            )
    return args.corpus, [s for s in SECTIONS if not wanted or s in wanted]


def corpus_problem(corpus: Path) -> str | None:
    """Why the corpus cannot be used, or None when it looks complete."""
    if not corpus.is_dir():
        return (
            f"FNC-1 corpus folder not found: {corpus} (resolved: {corpus.resolve()}). "
            f"Pass --corpus PATH to a folder holding {BODIES_FILE} and {STANCES_FILE}; "
            "the corpus is read at run time and never copied into the repository."
        )
    missing = [name for name in (BODIES_FILE, STANCES_FILE) if not (corpus / name).is_file()]
    if missing:
        return f"FNC-1 corpus folder {corpus} lacks {', '.join(missing)}"
    return None


def _runner(name: str) -> Callable[[Path], None]:
    """The section's ``main``, imported only when it runs."""
    if name == "core":
        from bench.core import main as core

        return core
    if name == "matching":
        from bench.matching import main as matching

        return matching
    if name == "facts":
        from bench.facts import main as facts

        return facts
    if name == "recall":
        from bench.recall import main as recall

        return recall
    if name == "ui_panes":
        from bench.ui_panes import main as ui_panes

        return ui_panes
    if name == "team":
        from bench.team import main as team

        return team
    from bench.ui_app import main as ui_app

    return ui_app


@contextlib.contextmanager
def _qt_quiet(name: str) -> Iterator[None]:
    """For the UI sections, drop the offscreen plugin's size-hint warnings."""
    if not name.startswith("ui"):
        yield
        return
    from bench.ui_app import quiet_offscreen

    with quiet_offscreen():
        yield


def _header(text: str) -> None:
    print(f"\n{'=' * 78}\n== {text}\n{'=' * 78}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen sections; see the module docstring for the exit status."""
    corpus, sections = parse_args(argv)
    problem = corpus_problem(corpus)
    if problem is not None:
        print(f"bench: {problem}", file=sys.stderr)
        return 2
    if any(s.startswith("ui") for s in sections):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.core import isolated_dirs

    print(f"Fact-Check Workbench benchmarks: corpus {corpus.resolve()}")
    print(
        f"python {platform.python_version()} on {platform.platform()}, "
        f"{os.cpu_count()} CPUs; sections: {', '.join(sections)}; "
        f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '(unset)')}"
    )
    failed: list[str] = []
    started = time.perf_counter()
    with isolated_dirs():
        for name in sections:
            _header(TITLES[name])
            t0 = time.perf_counter()
            try:
                with _qt_quiet(name):
                    _runner(name)(corpus)
            except Exception:
                traceback.print_exc()
                failed.append(name)
            sys.stdout.flush()
            print(f"-- {name} took {time.perf_counter() - t0:.1f} s", flush=True)
    print(
        f"\nall sections took {time.perf_counter() - started:.1f} s"
        + (f"; FAILED: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
