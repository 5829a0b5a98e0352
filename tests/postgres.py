"""A throwaway PostgreSQL server on 127.0.0.1, from the Debian package (./run.sh test installs it), for the
DuckLake tests: its catalog database. Started once per test module that asks for it, stopped after."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Server:
    port: int
    binaries: Path
    as_postgres: tuple[str, ...]

    def create_database(self, name: str) -> str:
        """Makes database ``name``; returns its libpq connection string."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"dbname={name} host=127.0.0.1 port={self.port} user=postgres"

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self.as_postgres, str(self.binaries / program), *args], check=True, capture_output=True)


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: ./run.sh test installs it (apt-get install postgresql)")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[Server]:
    binaries = _binaries()
    root = Path(tempfile.mkdtemp(prefix="fiscal-postgres-"))
    # PostgreSQL refuses to run as root: as root, it runs as the package's postgres user.
    as_postgres: tuple[str, ...] = ()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_postgres = ("runuser", "-u", "postgres", "--")
    server = Server(port=_free_port(), binaries=binaries, as_postgres=as_postgres)
    data = root / "data"
    server._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
    server._run(
        "pg_ctl", "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60", "-o",
        f"-c listen_addresses=127.0.0.1 -p {server.port} -k {root} -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off",
        "start",
    )
    try:
        yield server
    finally:
        subprocess.run(
            [*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
