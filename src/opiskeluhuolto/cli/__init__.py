"""The ``opiskeluhuolto`` command line.

Finnish by default, ``--lang en`` for English, ``--lang sv`` for Swedish.  Exit status: 0 success,
2 bad input or arguments (one clear message, never a traceback), 1 an
unexpected failure.  One module per command (``show``, ``check``, ``export``
with ``exporters``, ``agenda``), imported only when it runs; the parser is
built from one table of flags (``_parser``); ``show``, ``export`` and
``agenda`` start with one shared step (``_context.prepare``).  Exporters are
looked up lazily, so commands that do not export never load a plugin.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from opiskeluhuolto.cli._common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, CliError
from opiskeluhuolto.fmt import language, pick

if TYPE_CHECKING:
    from opiskeluhuolto.fmt import Lang

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "CliError", "main"]


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (0, 1 or 2)."""
    from opiskeluhuolto.cli import _parser

    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = _parser.pre_scan_lang(arguments)
    with _parser.argparse_language(lang):
        parser = _parser.build_parser(lang)
        try:
            # argparse prints help and usage errors itself: route them to our streams.
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                args = parser.parse_args(arguments)
        except SystemExit as exc:
            return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
        if args.command is None:
            parser.print_help(out)
            return EXIT_USAGE
    lang = language(getattr(args, "lang", lang))
    command = next(c for c in _parser.COMMANDS if c.name == args.command)
    try:
        module = importlib.import_module(f"opiskeluhuolto.cli.{command.module}")
        handler: Callable[..., int] = getattr(module, command.function)
        return handler(args, lang, out, err)
    except CliError as exc:
        print(f"opiskeluhuolto: {exc}", file=err)
        return exc.status
    except KeyboardInterrupt:
        print(pick(lang, "keskeytetty", "interrupted", "avbrutet"), file=err)
        return 130
    except BrokenPipeError:
        return EXIT_FAILURE
    except (Exception, SystemExit) as exc:
        return _failed(exc, lang, err)


def _failed(exc: Exception | SystemExit, lang: Lang, err: TextIO) -> int:
    """Report a command's failure: bad data (2), a plugin's (named), or the unexpected (1).

    The data's and the plugins' errors are known only if their modules were
    imported (a command that exports nothing never imports pluggy for them).
    """
    loading = sys.modules.get("opiskeluhuolto.loading")
    if loading is not None and isinstance(exc, loading.LoadError):
        for problem in exc.problems:
            print(problem.format(lang), file=err)
        return EXIT_USAGE
    plugins = sys.modules.get("opiskeluhuolto.plugins")
    if plugins is not None and isinstance(exc, plugins.PluginError):
        # named by plugin; the status is the host's (1, 2 or 130)
        print(f"opiskeluhuolto: {exc.message(lang)}", file=err)
        if os.environ.get("OPISKELUHUOLTO_DEBUG") and exc.__cause__ is not None:
            raise exc.__cause__ from None
        status: int = exc.status
        return status
    # an unexpected failure: one line, status 1
    print(
        pick(
            lang,
            f"opiskeluhuolto: odottamaton virhe: {type(exc).__name__}: {exc}",
            f"opiskeluhuolto: unexpected error: {type(exc).__name__}: {exc}",
            f"opiskeluhuolto: oväntat fel: {type(exc).__name__}: {exc}",
        ),
        file=err,
    )
    if os.environ.get("OPISKELUHUOLTO_DEBUG"):
        raise exc
    return EXIT_FAILURE
