"""A throwaway PostgreSQL cluster on 127.0.0.1 for the tests marked ``pg``.

``make test-pg`` installs Debian's ``postgresql`` package when ``initdb`` is
missing; the cluster lives in a temporary folder, listens on a free loopback
port, trusts local connections (nothing else can reach it) and is stopped at
the end of the run. As root (CI), the server runs as the ``postgres`` user,
because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

USER = "workbench"


def find_bin(name: str) -> str | None:
    """``initdb``/``pg_ctl`` from PATH or Debian's versioned folder (newest first)."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    folder: Path
    port: int
    run_as: list[str]

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        pg_ctl = find_bin("pg_ctl")
        if pg_ctl is not None:
            subprocess.run(
                [*self.run_as, pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
                capture_output=True,
                check=False,
                timeout=60,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def why_unavailable() -> str | None:
    """None when a cluster can be started here, else the reason."""
    if find_bin("initdb") is None or find_bin("pg_ctl") is None:
        return "PostgreSQL's initdb/pg_ctl are not installed (make test-pg installs them)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install '.[postgres]')"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: PostgreSQL refuses to run as root"
    return None


def start() -> Cluster:
    """Start a cluster; the caller stops it."""
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    assert initdb and pg_ctl
    folder = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    port = _free_port()
    data = folder / "data"
    subprocess.run(
        [*run_as, initdb, "-D", str(data), "-A", "trust", "-U", USER, "--no-sync", "-E", "UTF8"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    subprocess.run(
        [*run_as, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return Cluster(folder, port, run_as)
