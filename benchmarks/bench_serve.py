"""The feed server under waitress vs the same bytes as a static file, in one run.

Run:  python benchmarks/bench_serve.py [--clients N] [--requests M]

One waitress server on 127.0.0.1 (8 threads) serves two WSGI applications
side by side, by path prefix:

* ``/app/…`` – :class:`opiskeluhuolto.web.FeedServer` over the embedded data
  (the rolling range of 3.12.2026): the feed of ``ohr-lapua`` as it serves
  every request (the data checked for changes, the bytes from its cache,
  ETag hashed, conditional headers read);
* ``/static/…`` – the same feed's bytes written to a file, read from disk on
  every request and sent with the same headers: what a static web server
  would do, in the same server and the same process.

``--clients`` threads (default 8) each make ``--requests`` GETs (default 200)
of one, on keep-alive connections; every response is checked (status 200 and
the feed's exact bytes) before anything is reported.  The first request of the
application (reading the data, rendering the feed) is made before timing;
it is reported on its own.  Reported: requests per second of both and
application / static (goal: >= 0.5 – serving from the computed site costs at
most twice a static file once the feed is made).
This is a report, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import os
import platform
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import waitress

from opiskeluhuolto.web import FeedServer

PATH = "ohr-lapua/vuosikello.ics"
TODAY = dt.date(2026, 12, 3)


def static_app(path: str) -> Callable[..., Iterable[bytes]]:
    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with open(path, "rb") as handle:
            body = handle.read()
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("ETag", '"' + hashlib.sha256(body).hexdigest()[:32] + '"'),
                ("Cache-Control", "public, no-cache"),
            ],
        )
        return [body]

    return serve


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hammer(port: int, path: str, clients: int, requests: int, digest: str) -> float:
    """Requests per second of ``clients`` × ``requests`` GETs, every answer checked."""
    wrong: list[str] = []

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(requests):
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200 or hashlib.sha256(body).hexdigest() != digest:
                wrong.append(f"{response.status}")
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    assert not wrong, f"{len(wrong)} wrong answers, e.g. {wrong[:3]}"
    return clients * requests / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)

    feed_server = FeedServer(today=lambda: TODAY)
    began = time.perf_counter()
    body = feed_server.generation().builder.render(PATH)  # type: ignore[union-attr]
    first = time.perf_counter() - began
    digest = hashlib.sha256(body).hexdigest()
    with tempfile.TemporaryDirectory() as folder:
        static_file = os.path.join(folder, "vuosikello.ics")
        with open(static_file, "wb") as handle:
            handle.write(body)
        static = static_app(static_file)

        def both(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "")
            if path.startswith("/static/"):
                return static(environ, start_response)
            environ["PATH_INFO"] = path.removeprefix("/app")
            return feed_server(environ, start_response)

        port = free_port()
        httpd = waitress.create_server(both, host="127.0.0.1", port=port, threads=8)
        thread = threading.Thread(target=httpd.run, daemon=True)
        thread.start()
        time.sleep(0.2)
        try:
            hammer(port, f"/app/{PATH}", 2, 10, digest)  # warm both paths
            hammer(port, f"/static/{PATH}", 2, 10, digest)
            app_rps = static_rps = 0.0
            for _round in range(3):  # interleaved, best of three
                app_rps = max(
                    app_rps, hammer(port, f"/app/{PATH}", args.clients, args.requests, digest)
                )
                static_rps = max(
                    static_rps, hammer(port, f"/static/{PATH}", args.clients, args.requests, digest)
                )
        finally:
            time.sleep(0.5)  # let the last channels finish before the sockets close
            httpd.close()
    ratio = app_rps / static_rps
    print(
        f"Python {platform.python_version()}, waitress 8 threads, {args.clients} clients × "
        f"{args.requests} requests of {PATH} ({len(body)} bytes), every answer checked"
    )
    print(f"first request (read the data, render the feed): {first * 1000:.0f} ms")
    print(f"feed server  {app_rps:8.0f} requests/s")
    print(f"static file  {static_rps:8.0f} requests/s")
    verdict = "goal met" if ratio >= 0.5 else "goal missed"
    print(f"feed server / static file: {ratio:.2f} (goal >= 0.5: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
