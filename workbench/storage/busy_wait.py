"""A shorter SQLite busy wait for one thread, for a caller that must not block.

The store gives every connection a 5 s busy timeout (``BUSY_TIMEOUT_MS``):
right for the CLI and worker threads, too long for a GUI thread, which would
freeze while another program holds the write lock. Inside
``short_busy_wait(lib, ms)`` connections checked out on this thread wait at
most ``ms``, then raise ``DatabaseBusy`` as usual; afterwards (and on every
other thread) they get the store's timeout back. PostgreSQL keeps its own
lock timeout (row locks there are held for a statement, not a whole file).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from workbench.storage.store import BUSY_TIMEOUT_MS, Library

_local = threading.local()
_WATCHED: set[int] = set()  # engines with the listener below (by id)


def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
    """Give a connection the short wait while ``short_busy_wait`` is on in this
    thread, and the store's own wait again when it is not."""
    wanted = getattr(_local, "ms", None)
    if record.info.get("busy_wait_ms") == wanted:
        return
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS if wanted is None else int(wanted)}")
    finally:
        cur.close()
    record.info["busy_wait_ms"] = wanted


@contextmanager
def short_busy_wait(lib: Library, ms: int) -> Iterator[None]:
    """SQLite writes from this thread wait at most ``ms`` for a lock in the block."""
    if lib.engine.dialect.name == "sqlite" and id(lib.engine) not in _WATCHED:
        event.listen(lib.engine, "checkout", _on_checkout)
        _WATCHED.add(id(lib.engine))
    before = getattr(_local, "ms", None)
    _local.ms = ms
    try:
        yield
    finally:
        _local.ms = before
