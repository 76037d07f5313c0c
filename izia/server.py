"""Starts the Rasa server and the action server together, and knows when they are ready.

``izia run`` and the end-to-end tests share this code, so what the tests start is exactly
what a newcomer runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

from izia.paths import BOT_DIR, DATA_DIR, MODELS_DIR

DEFAULT_RASA_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055
READY_TIMEOUT_S = 240.0
POLL_INTERVAL_S = 0.5


class ServerFailed(RuntimeError):
    pass


@dataclass
class Servers:
    rasa_port: int = DEFAULT_RASA_PORT
    actions_port: int = DEFAULT_ACTIONS_PORT
    data_dir: Path = DATA_DIR
    models_dir: Path = MODELS_DIR
    log_dir: Path = DATA_DIR / "logs"
    credentials: Path = BOT_DIR / "credentials.yml"
    processes: List[subprocess.Popen] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def environment(self) -> Dict[str, str]:
        return {
            **os.environ,
            "IZIA_ACTIONS_PORT": str(self.actions_port),
            "IZIA_RASA_PORT": str(self.rasa_port),
            "IZIA_DATA_DIR": str(self.data_dir.resolve()),
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }

    def start(self, quiet: bool = True) -> "Servers":
        """Starts both servers in the background and returns once both answer."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._spawn("actions", [sys.executable, "-m", "rasa_sdk", "--actions", "bot.actions", "-p", str(self.actions_port)], quiet)
        self._spawn("rasa", self._rasa_command(), quiet)
        self._wait_until_ready(f"http://127.0.0.1:{self.actions_port}/health")
        self._wait_until_ready(f"{self.url}/status")
        return self

    def _rasa_command(self) -> List[str]:
        return [
            sys.executable, "-m", "rasa", "run",
            "--enable-api", "--cors", "*",
            "-p", str(self.rasa_port),
            "-m", str(self.models_dir.resolve()),
            "--endpoints", str(BOT_DIR / "endpoints.yml"),
            "--credentials", str(self.credentials),
        ]  # fmt: skip

    def _spawn(self, name: str, command: List[str], quiet: bool) -> None:
        output = open(self.log_dir / f"{name}.log", "ab") if quiet else None
        self.processes.append(
            subprocess.Popen(command, cwd=BOT_DIR.parent, env=self.environment(), stdout=output, stderr=subprocess.STDOUT if quiet else None)
        )

    def _wait_until_ready(self, url: str) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    self.stop()
                    raise ServerFailed(f"{process.args[2]} s'est arrêté (code {process.returncode}), voir {self.log_dir}")
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(POLL_INTERVAL_S)
        self.stop()
        raise ServerFailed(f"{url} ne répond pas après {READY_TIMEOUT_S:.0f} s, voir {self.log_dir}")

    def wait(self) -> int:
        """Blocks until one server exits (or Ctrl-C), then stops the other."""
        try:
            while all(process.poll() is None for process in self.processes):
                time.sleep(POLL_INTERVAL_S)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()
        return max((process.returncode or 0) for process in self.processes)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
