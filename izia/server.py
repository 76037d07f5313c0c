"""Starts the Rasa server and the action server together, and knows when they are ready.

``izia run`` and the end-to-end tests share this code, so what the tests start is exactly
what a newcomer runs. Safe by default: both servers listen on 127.0.0.1 (the Rasa server on
``IZIA_HOST`` when an operator opens it; the action server never), Rasa's HTTP API is on only
with a token (``IZIA_API_TOKEN``, see :mod:`bot.rasa_server`), Rasa sends no telemetry, and
the servers log no message text unless ``IZIA_DEBUG=1``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from izia.paths import BOT_DIR, DATA_DIR, MODELS_DIR

LOOPBACK = "127.0.0.1"
HOST_ENV = "IZIA_HOST"
API_TOKEN_ENV = "IZIA_API_TOKEN"
DEBUG_ENV = "IZIA_DEBUG"
DEFAULT_RASA_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055
READY_TIMEOUT_S = 240.0
POLL_INTERVAL_S = 0.5


def free_port() -> int:
    """A loopback port nobody listens on now: for the tests and benchmarks that start servers."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


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
    host: str = field(default_factory=lambda: os.environ.get(HOST_ENV) or LOOPBACK)
    api_token: Optional[str] = field(default_factory=lambda: os.environ.get(API_TOKEN_ENV) or None)
    debug: bool = field(default_factory=lambda: os.environ.get(DEBUG_ENV) == "1")
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def environment(self) -> Dict[str, str]:
        """What both servers share; the API token is not in it (only Rasa's server gets it)."""
        environment = {
            **os.environ,
            "IZIA_ACTIONS_PORT": str(self.actions_port),
            "IZIA_RASA_PORT": str(self.rasa_port),
            "IZIA_DATA_DIR": str(self.data_dir.resolve()),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "RASA_TELEMETRY_ENABLED": "false",
        }
        environment.pop(API_TOKEN_ENV, None)
        return environment

    def start(self, quiet: bool = True) -> "Servers":
        """Starts both servers in the background and returns once both answer."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.start_actions(quiet)
        self.start_rasa(quiet)
        return self

    def start_actions(self, quiet: bool = True) -> None:
        command = [sys.executable, "-m", "rasa_sdk", "--actions", "bot.actions", "-p", str(self.actions_port)]
        self._spawn("actions", command + self._debug_flag(), quiet, {"SANIC_HOST": LOOPBACK})  # rasa_sdk's only way
        self._wait_until_ready("actions", f"http://127.0.0.1:{self.actions_port}/health")

    def start_rasa(self, quiet: bool = True) -> None:
        """Rasa answers once its model is loaded: Sanic opens the port after loading it."""
        self._spawn("rasa", self._rasa_command(), quiet, {API_TOKEN_ENV: self.api_token} if self.api_token else {})
        self._wait_until_ready("rasa", f"{self.url}/webhooks/rest/")

    def _rasa_command(self) -> List[str]:
        return [
            sys.executable,
            "-m",
            "bot.rasa_server",
            "run",
            "--cors",
            "*",
            "--interface",
            self.host,
            "-p",
            str(self.rasa_port),
            "-m",
            str(self.models_dir.resolve()),
            "--endpoints",
            str(BOT_DIR / "endpoints.yml"),
            "--credentials",
            str(self.credentials),
            *self._debug_flag(),
        ]

    def _debug_flag(self) -> List[str]:
        return ["--debug"] if self.debug else []

    def _spawn(self, name: str, command: List[str], quiet: bool, own_environment: Dict[str, str]) -> None:
        output = open(self.log_dir / f"{name}.log", "ab") if quiet else None
        self.processes[name] = subprocess.Popen(
            command,
            cwd=BOT_DIR.parent,
            env={**self.environment(), **own_environment},
            stdout=output,
            stderr=subprocess.STDOUT if quiet else None,
        )

    def _wait_until_ready(self, name: str, url: str) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        process = self.processes[name]
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.stop()
                raise ServerFailed(f"le serveur {name} s'est arrêté (code {process.returncode}), voir {self.log_dir}")
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
            while all(process.poll() is None for process in self.processes.values()):
                time.sleep(POLL_INTERVAL_S)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()
        return max((process.returncode or 0) for process in self.processes.values())

    def stop(self, *names: str) -> None:
        """Stops the named servers (all by default): TERM, then KILL after 30 s."""
        chosen = [process for name, process in self.processes.items() if not names or name in names]
        for process in chosen:
            if process.poll() is None:
                process.terminate()
        for process in chosen:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
