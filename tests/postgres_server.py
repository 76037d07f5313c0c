"""A throwaway PostgreSQL server for tests: its own cluster in a temporary folder, a free port,
trust authentication, stopped and deleted afterwards. Debian's ``postgresql`` package provides
the binaries (``make test`` installs it); as root, the server runs as the ``postgres`` user,
since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import List, Optional

import psycopg2

from izia.server import free_port

USER = "izia"
READY_TIMEOUT_S = 60.0
POLL_INTERVAL_S = 0.2


def binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise RuntimeError(
            f"{name} introuvable : installez PostgreSQL (apt-get install postgresql, fait par `make test`)"
        )
    return found[-1]


class PostgresServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="izia-pg-"))
        self.port = free_port()
        self.process: Optional[subprocess.Popen] = None

    def url(self, database: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> "PostgresServer":
        data, sockets = self.root / "data", self.root / "run"
        sockets.mkdir()
        self._hand_over_to_postgres_user()
        self._run([binary("initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale"])
        server = [
            binary("postgres"),
            "-D",
            str(data),
            "-p",
            str(self.port),
            "-k",
            str(sockets),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
        ]
        self.process = subprocess.Popen(self._as_owner(server), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_until_ready()
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # PostgreSQL's « fast » shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def _as_owner(self, command: List[str]) -> List[str]:
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def _hand_over_to_postgres_user(self) -> None:
        if os.geteuid() != 0:
            return
        shutil.chown(self.root, "postgres")
        shutil.chown(self.root / "run", "postgres")

    def _run(self, command: List[str]) -> None:
        result = subprocess.run(self._as_owner(command), capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"{command[0]} a échoué : {result.stderr[-2000:]}")

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"PostgreSQL s'est arrêté (code {self.process.returncode})")
            try:
                psycopg2.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres").close()
                return
            except psycopg2.OperationalError:
                time.sleep(POLL_INTERVAL_S)
        self.stop()
        raise RuntimeError(f"PostgreSQL ne répond pas après {READY_TIMEOUT_S:.0f} s")
