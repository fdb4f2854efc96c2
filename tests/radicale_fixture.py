"""A real CalDAV server for the tests: Radicale on 127.0.0.1, a free port, a temporary folder.

:func:`start_radicale` runs ``python -m radicale`` with no configuration file
of this machine, its storage in a temporary folder, and either no
authentication (any user name is accepted) or a plain htpasswd file of the
users given.  Every wait is bounded and the server is always terminated.
Only :mod:`http.client` talks to it here (:meth:`Server.request`); the code
under test brings its own client.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs
import pytest

STARTUP_TIMEOUT = 30.0  # seconds
REQUEST_TIMEOUT = 30.0
USER = "vuosikello"


@attrs.frozen
class Server:
    host: str
    port: int
    user: str = USER
    password: str = "x"
    process: subprocess.Popen[bytes] | None = attrs.field(default=None, eq=False, repr=False)
    """The server's process (to stop it in the middle of a test)."""

    @property
    def url(self) -> str:
        """The user's calendar home (Radicale: ``/USER/``)."""
        return f"http://{self.host}:{self.port}/{self.user}/"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        credentials = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        auth = {"Authorization": f"Basic {credentials}"}
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers={**auth, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def start_radicale(
    root: Path, users: Mapping[str, str] | None = None, *, port: int | None = None
) -> Iterator[Server]:
    """Radicale serving ``root``; with ``users`` (name → password) only they get in.

    ``port``: that port instead of a free one (a server started again on its storage).
    """
    log_path = root / "radicale.log"
    host, port = "127.0.0.1", port or free_port()
    auth = ["--auth-type", "none"]
    server = Server(host, port)
    if users:
        htpasswd = root / "users"
        htpasswd.write_text("".join(f"{name}:{pw}\n" for name, pw in users.items()))
        auth = [
            "--auth-type",
            "htpasswd",
            "--auth-htpasswd-filename",
            str(htpasswd),
            "--auth-htpasswd-encryption",
            "plain",
        ]
        name, password = next(iter(users.items()))
        server = Server(host, port, name, password)
    command = [
        sys.executable,
        "-m",
        "radicale",
        "--server-hosts",
        f"{host}:{port}",
        *auth,
        "--storage-filesystem-folder",
        str(root / "collections"),
        "--config",  # no values: read no configuration file of this machine
    ]
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    server = attrs.evolve(server, process=process)
    try:
        _wait_until_up(server, process, log_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_up(server: Server, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    last_error = "no attempt"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"Radicale exited with status {process.returncode} before answering:\n"
                + log_path.read_text(errors="replace")
            )
        try:
            status, _body = server.request("GET", "/")
            if status < 500:
                return
            last_error = f"HTTP {status}"
        except OSError as error:
            last_error = f"{type(error).__name__}: {error}"
        time.sleep(0.1)
    pytest.fail(
        f"Radicale did not answer on {server.host}:{server.port} within {STARTUP_TIMEOUT} s "
        f"({last_error}):\n" + log_path.read_text(errors="replace")
    )
