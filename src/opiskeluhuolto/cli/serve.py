"""``opiskeluhuolto serve``: the feed server (``opiskeluhuolto.web``) under waitress.

The data is checked before the server starts (errors: exit 2, as every
command); after that a change to the data is picked up on the next request,
and a data error is answered with 500 and ``check``'s lines until it is
mended.  waitress is the ``serve`` extra: without it the command says how to
install it.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from typing import TextIO

from opiskeluhuolto.cli._common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, CliError
from opiskeluhuolto.cli._context import prepare
from opiskeluhuolto.fmt import Lang, pick

__all__ = ["run"]


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    try:
        import waitress
    except ImportError:
        raise CliError(
            pick(
                lang,
                "serve tarvitsee waitress-palvelimen: pip install 'opiskeluhuolto[serve]'",
                "serve needs the waitress server: pip install 'opiskeluhuolto[serve]'",
                "serve behöver servern waitress: pip install 'opiskeluhuolto[serve]'",
            )
        ) from None
    from opiskeluhuolto.publishing import BaseUrlError
    from opiskeluhuolto.web import FeedServer

    args.group = None
    context = prepare(args, lang, with_range=False)
    port = int(args.port) if str(args.port).isdigit() else -1
    if not 0 <= port <= 65535:
        raise CliError(
            pick(
                lang,
                f"--port: {args.port!r} ei ole portin numero (0–65535)",
                f"--port: {args.port!r} is not a port number (0–65535)",
                f"--port: {args.port!r} är inget portnummer (0–65535)",
            )
        )
    fixed = context.today
    try:
        app = FeedServer(
            args.data,
            base_url=args.base_url,
            lang=lang,
            state=args.state,
            records=getattr(args, "records", None),
            # --today fixes the rolling range (planning, tests); else it moves with the date.
            today=(lambda: fixed) if getattr(args, "today", None) else _dt.date.today,
        )
    except BaseUrlError as exc:
        raise CliError(f"--base-url: {exc.message(lang)}") from None
    generation = app.generation()
    if generation.builder is None:  # the records' problems (the data was checked above)
        print(generation.problems, file=err)
        return EXIT_USAGE
    try:
        # Bind first: a port in use is one line, before anything says it is listening.
        server = waitress.create_server(app, host=args.host, port=port, threads=8)
    except OSError as exc:
        print(f"opiskeluhuolto: {args.host}:{port}: {exc.strerror or exc}", file=err)
        return EXIT_FAILURE
    print(
        pick(
            lang,
            f"syötepalvelin osoitteessa http://{args.host}:{port}/ – Ctrl-C lopettaa",
            f"feed server at http://{args.host}:{port}/ – Ctrl-C stops it",
            f"flödesservern på http://{args.host}:{port}/ – Ctrl-C avslutar",
        ),
        file=err,
        flush=True,
    )
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return EXIT_OK
