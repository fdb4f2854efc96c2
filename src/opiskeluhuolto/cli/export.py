"""``opiskeluhuolto export FORMAT`` and ``opiskeluhuolto exporters``.

Only these commands (and ``show``, which is the ``text`` exporter) import
the plugin machinery, and ``export NAME`` imports only the plugin whose entry
point is called ``NAME`` (see :func:`opiskeluhuolto.plugins.registry`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from opiskeluhuolto.cli._common import EXIT_OK, CliError
from opiskeluhuolto.cli._context import prepare, write_output
from opiskeluhuolto.fmt import Lang, format_span, pick, wrap

if TYPE_CHECKING:
    from opiskeluhuolto.exporting import ExportContext, Rendered
    from opiskeluhuolto.plugins import RegisteredExporter, Registry

__all__ = ["Progress", "find_exporter", "render", "run", "run_exporters", "write_stdout"]


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto import output
    from opiskeluhuolto.cli._records import read_records
    from opiskeluhuolto.exporting import ExportContext, OptionError, Output
    from opiskeluhuolto.recurrence import SchoolYear

    exporter = find_exporter(args.format, lang, err)
    try:
        options = exporter.parse_options(_parse_option_pairs(args.option, lang))
    except OptionError as exc:
        raise CliError(exc.message(lang)) from None
    context = prepare(args, lang)
    start, end = context.span
    school_year = context.school_year
    if exporter.publishes and not (args.school_year or args.date_from or args.date_to):
        from opiskeluhuolto.publishing import rolling_range

        # Feeds people subscribe to: this school year and the next.
        start, end = rolling_range(context.today)
        school_year = None
    year = school_year or SchoolYear.containing(start)
    records = read_records(args, context.organisation, year, lang, err, default=False)
    to_stdout = exporter.output is Output.STDOUT or args.output == "-"
    target = args.output or exporter.default_path or f"{exporter.name}.out"
    progress = Progress(err)

    def warn(message: str) -> None:
        progress.close()
        print(
            f"opiskeluhuolto: {pick(lang, 'varoitus', 'warning', 'varning')}: {message}", file=err
        )

    export_context = ExportContext(
        organisation=context.organisation,
        start=start,
        end=end,
        group=context.group,
        options=options,
        lang=lang,
        school_year=school_year,
        today=context.today,
        target=None if to_stdout else target,
        warn=warn,
        progress=progress,
        records=records,
    )
    if exporter.output is Output.FOLDER and args.output == "-":
        raise CliError(
            pick(
                lang,
                f"viejä {exporter.name} kirjoittaa kansion: anna -o KANSIO",
                f"exporter {exporter.name} writes a folder: give -o FOLDER",
                f"exportören {exporter.name} skriver en mapp: ange -o MAPP",
            )
        )
    wanted = exporter.suffixes(options)
    if not to_stdout and wanted and not target.lower().endswith(wanted):
        raise CliError(
            pick(
                lang,
                f"-o {target}: viejä {exporter.name} kirjoittaa tiedoston, jonka pääte on "
                f"{' tai '.join(wanted)}",
                f"-o {target}: exporter {exporter.name} writes a file ending in "
                f"{' or '.join(wanted)}",
                f"-o {target}: exportören {exporter.name} skriver en fil som slutar på "
                f"{' eller '.join(wanted)}",
            )
        )
    try:
        # Refuse a target that cannot be written before doing the work.
        if not to_stdout and exporter.output is Output.FOLDER:
            output.check_folder_target(target)
        elif not to_stdout:
            output.check_file_target(target)
    except output.OutputError as exc:
        raise CliError(f"-o {target}: {exc.message(lang)}") from None
    try:
        rendered = render(exporter, export_context)
    finally:
        progress.close()
    if to_stdout:
        assert isinstance(rendered, bytes)
        write_stdout(out, rendered)
        return EXIT_OK
    size = write_output(target, rendered, lang)
    print(
        pick(
            lang,
            f"Kirjoitettu {target} ({size}, {format_span(start, end, lang)})",
            f"Wrote {target} ({size}, {format_span(start, end, lang)})",
            f"Skrev {target} ({size}, {format_span(start, end, lang)})",
        ),
        file=err,
    )
    return EXIT_OK


def find_exporter(
    name: str, lang: Lang, err: TextIO, *, unknown: tuple[str, str, str] | None = None
) -> RegisteredExporter:
    """The exporter called ``name``, importing only what it takes to find it.

    Plugins that failed are named on ``err``; a refused or unknown name is a
    CliError (``unknown``: its message, Finnish, English and Swedish, instead of the list).
    """
    from opiskeluhuolto import plugins

    found = _plugin_registry(lang, err, quiet=name)
    try:
        return found.get(name)
    except plugins.DuplicateExporterError as exc:
        raise CliError(exc.message(lang)) from None
    except plugins.UnknownExporterError as exc:
        known = ", ".join(exc.known) or "–"
        raise CliError(
            pick(lang, *unknown)
            if unknown is not None
            else pick(
                lang,
                f"tuntematon muoto {exc.name!r}; saatavilla: {known}",
                f"unknown format {exc.name!r}; available: {known}",
                f"okänt format {exc.name!r}; tillgängliga: {known}",
            )
        ) from None


def render(exporter: RegisteredExporter, context: ExportContext) -> Rendered:
    """Run the exporter; its own refusal of the data or its options is bad input (exit 2)."""
    from opiskeluhuolto.errors import BilingualError
    from opiskeluhuolto.exporting import OptionError

    try:
        # Checked against the exporter's output: bytes for a file, path → bytes for a folder.
        return exporter.render(context)
    except (OptionError, ValueError) as exc:
        message = exc.message(context.lang) if isinstance(exc, BilingualError) else str(exc)
        raise CliError(f"{exporter.name}: {message}") from None


def write_stdout(out: TextIO, rendered: bytes, *, text: bool = False) -> None:
    """The bytes to standard output (its binary buffer, unless ``text`` or there is none)."""
    stream = None if text else getattr(out, "buffer", None)
    if stream is not None:
        stream.write(rendered)
        stream.flush()
    else:
        out.write(rendered.decode("utf-8"))


class Progress:
    """A long export's progress on a terminal: ``[12/40]`` rewritten in place, else nothing.

    Shown only when ``err`` is a terminal, so logs and pipes stay quiet.
    """

    def __init__(self, err: TextIO) -> None:
        isatty = getattr(err, "isatty", None)
        self.err = err
        self.shown = bool(isatty()) if callable(isatty) else False
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.shown:
            return
        self.err.write(f"\r[{done}/{total}]")
        self.err.flush()
        self.drawn = True

    def close(self) -> None:
        """End the progress line (before anything else is said)."""
        if self.drawn:
            self.err.write("\r\x1b[K")
            self.err.flush()
            self.drawn = False


def _parse_option_pairs(pairs: Sequence[str], lang: Lang) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CliError(
                pick(
                    lang,
                    f"--option {pair!r}: odotettiin muotoa AVAIN=ARVO",
                    f"--option {pair!r}: expected KEY=VALUE",
                    f"--option {pair!r}: formen NYCKEL=VÄRDE väntades",
                )
            )
        options[key.strip()] = value.strip()
    return options


def _plugin_registry(lang: Lang, err: TextIO, *, quiet: str | None = None) -> Registry:
    """Ask the plugins once; name every one that failed, and every refused name.

    With ``quiet`` (the exporter a command asks for) only the plugins needed
    to find it are imported, and its own refused name is left to the
    command's message, so that it is said once.
    """
    from opiskeluhuolto import plugins

    found = plugins.registry(exporter=quiet)
    for load_error in plugins.load_errors():
        print(f"opiskeluhuolto: {load_error.message(lang)}", file=err)
    for problem in found.problems:
        if isinstance(problem, plugins.DuplicateExporterError) and problem.name == quiet:
            continue
        print(f"opiskeluhuolto: {problem.message(lang)}", file=err)
    return found


_OUTPUT_KIND = {
    "file": ("tiedosto", "file", "fil"),
    "folder": ("kansio", "folder", "mapp"),
    "stdout": ("vakiotuloste", "stdout", "standardutmatning"),
}


def run_exporters(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    exporters = _plugin_registry(lang, err).exporters
    if not exporters:
        print(pick(lang, "Ei viejiä.", "No exporters.", "Inga exportörer."), file=out)
    for name, exporter in exporters.items():
        origin = pick(lang, "laajennus", "plugin", "tillägg")
        kind = pick(lang, *_OUTPUT_KIND[exporter.output.value])
        print(f"{name:<10} {exporter.describe(lang)}", file=out)
        print(f"{'':<10} {origin}: {exporter.plugin}; {kind}", file=out)
        for option in exporter.options:
            for line in wrap(" " * 13 + "--option ", option.describe(lang), 15):
                print(line, file=out)
    return EXIT_OK
