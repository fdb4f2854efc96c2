"""``opiskeluhuolto sync caldav URL``: one CalDAV calendar per group, kept in step.

The data are loaded and checked first (``_context.prepare``: data errors are
FILE:LINE lines and exit 2 before the server is asked anything), then the
server: its URL, the user and the password (read from ``--password-file``,
never from the command line).  The events come from the ``ical`` exporter
through the plugin registry.  The report, per group (and per calendar of a
group that has left the data, emptied of our events) and in total, goes to
standard output; progress goes to standard error when it is a terminal.
Exit status: 0 done, 2 bad arguments, data, credentials or URL, 1 the
server's or the network's failure, 130 an interruption (each a line that
says how far the run got: the next run completes it).
"""

from __future__ import annotations

import argparse
import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from opiskeluhuolto.cli._common import EXIT_OK, CliError
from opiskeluhuolto.cli._context import prepare
from opiskeluhuolto.fmt import Lang, format_span, pick

if TYPE_CHECKING:
    from opiskeluhuolto.sync.run import Counts, GroupSync

__all__ = ["format_counts", "run"]

_PASSWORD_MAX = 4096


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto.sync.caldav_server import INSTALL_HINT, caldav_available

    if not caldav_available():
        raise CliError(
            pick(
                lang,
                f"sync caldav tarvitsee caldav-paketin: {INSTALL_HINT}",
                f"sync caldav needs the caldav package: {INSTALL_HINT}",
                f"sync caldav behöver paketet caldav: {INSTALL_HINT}",
            )
        )
    from opiskeluhuolto.cli.export import Progress, find_exporter
    from opiskeluhuolto.publishing import rolling_range
    from opiskeluhuolto.sync import run as sync_run
    from opiskeluhuolto.sync.caldav_server import CalDavServer, SyncError

    password = _password(args, lang)
    exporter = find_exporter("ical", lang, err)
    # The data first: its problems are FILE:LINE lines before any server is asked.
    with_range = bool(args.school_year or args.date_from or args.date_to)
    context = prepare(args, lang, with_range=with_range)
    start, end = context.span if with_range else rolling_range(context.today)
    progress = Progress(err)  # on a terminal only
    done = total = 0
    try:
        with CalDavServer(args.url, user=args.user, password=password) as server:
            home = server.connect()
            syncs = sync_run.prepare(
                server,
                context.organisation,
                start,
                end,
                exporter=exporter,
                groups=None if context.group is None else [context.group],
                lang=lang,
                today=context.today,
                dry_run=args.dry_run,
            )
            total = sum(len(s.plan.operations) for s in syncs)
            if not args.dry_run:

                def step(count: int, of: int) -> None:
                    nonlocal done
                    done = count
                    progress(count, of)

                sync_run.carry_out(
                    syncs, modified=_dt.datetime.now(_dt.UTC).replace(microsecond=0), progress=step
                )
            progress.close()
    except KeyboardInterrupt:
        progress.close()
        print(_stopped(lang, ("keskeytetty", "interrupted", "avbrutet"), done, total), file=err)
        return 130
    except SyncError as exc:
        progress.close()
        message = exc.message(lang)
        if total:
            message += "; " + _stopped(lang, ("", "", ""), done, total)
        raise CliError(message, exc.status) from None
    _report(out, lang, home, syncs, start, end, dry_run=args.dry_run)
    return EXIT_OK


def _stopped(lang: Lang, head_text: tuple[str, str, str], done: int, total: int) -> str:
    fi_text = f"tehty {done}/{total} muutosta; seuraava ajo jatkaa siitä"
    en_text = f"{done} of {total} changes made; the next run completes them"
    sv_text = f"{done} av {total} ändringar gjorda; nästa körning fortsätter därifrån"
    text = pick(lang, fi_text, en_text, sv_text)
    head = pick(lang, *head_text)
    return f"opiskeluhuolto: {head}: {text}" if head else text


def _password(args: argparse.Namespace, lang: Lang) -> str | None:
    """The password from ``--password-file`` (its first line), never from argv."""
    if (args.user is None) != (args.password_file is None):
        raise CliError(
            pick(
                lang,
                "--user ja --password-file annetaan yhdessä",
                "--user and --password-file go together",
                "--user och --password-file ges tillsammans",
            )
        )
    if args.password_file is None:
        return None
    path = Path(args.password_file)
    try:
        with path.open("rb") as handle:
            raw = handle.read(_PASSWORD_MAX + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CliError(
            pick(
                lang,
                f"--password-file {path}: ei voi lukea: {reason}",
                f"--password-file {path}: cannot read: {reason}",
                f"--password-file {path}: kan inte läsas: {reason}",
            )
        ) from None
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        lines = []
    if len(raw) > _PASSWORD_MAX or not lines or not lines[0]:
        raise CliError(
            pick(
                lang,
                f"--password-file {path}: tiedoston ensimmäisellä rivillä pitää olla salasana "
                "(UTF-8)",
                f"--password-file {path}: the file's first line must hold the password (UTF-8)",
                f"--password-file {path}: filens första rad ska innehålla lösenordet (UTF-8)",
            )
        )
    return lines[0]


def format_counts(counts: Counts, lang: Lang, *, dry_run: bool) -> str:
    """``luotu 3, päivitetty 1, poistettu 0, ennallaan 97`` (dry: ``luotaisiin 3, …``)."""
    if dry_run:
        text = pick(
            lang,
            f"luotaisiin {counts.created}, päivitettäisiin {counts.updated}, "
            f"poistettaisiin {counts.deleted}, ennallaan {counts.unchanged}",
            f"would create {counts.created}, update {counts.updated}, "
            f"delete {counts.deleted}; unchanged {counts.unchanged}",
            f"skulle skapa {counts.created}, uppdatera {counts.updated}, "
            f"radera {counts.deleted}, oförändrade {counts.unchanged}",
        )
    else:
        text = pick(
            lang,
            f"luotu {counts.created}, päivitetty {counts.updated}, "
            f"poistettu {counts.deleted}, ennallaan {counts.unchanged}",
            f"created {counts.created}, updated {counts.updated}, "
            f"deleted {counts.deleted}, unchanged {counts.unchanged}",
            f"skapade {counts.created}, uppdaterade {counts.updated}, "
            f"raderade {counts.deleted}, oförändrade {counts.unchanged}",
        )
    if counts.conflicts:
        text += pick(
            lang,
            f"; {counts.conflicts} jätetty koskematta (vieras tapahtuma samalla UID:llä)",
            f"; {counts.conflicts} left alone (a foreign event has the UID)",
            f"; {counts.conflicts} lämnade orörda (en främmande händelse har samma UID)",
        )
    return text


def _calendars(count: int, lang: Lang) -> str:
    return pick(
        lang,
        f"{count} kalenteri" if count == 1 else f"{count} kalenteria",
        f"{count} calendar" if count == 1 else f"{count} calendars",
        f"{count} kalender" if count == 1 else f"{count} kalendrar",
    )


def _removed_line(sync: GroupSync, lang: Lang, *, dry_run: bool) -> str:
    """``poistunut ryhmä tyhja: poistettu 8`` (dry: ``poistettaisiin 8``)."""
    deleted = len(sync.plan.deletes)
    if dry_run:
        return pick(
            lang,
            f"poistunut ryhmä {sync.group}: poistettaisiin {deleted}",
            f"removed group {sync.group}: would delete {deleted}",
            f"borttagen grupp {sync.group}: skulle radera {deleted}",
        )
    return pick(
        lang,
        f"poistunut ryhmä {sync.group}: poistettu {deleted}",
        f"removed group {sync.group}: deleted {deleted}",
        f"borttagen grupp {sync.group}: raderade {deleted}",
    )


def _removed_calendars(count: int, lang: Lang) -> str:
    """`` ja 1 poistuneen ryhmän kalenteri`` (the heading's tail)."""
    return pick(
        lang,
        " ja 1 poistuneen ryhmän kalenteri"
        if count == 1
        else f" ja {count} poistuneiden ryhmien kalenteria",
        " and 1 calendar of a removed group"
        if count == 1
        else f" and {count} calendars of removed groups",
        " och 1 kalender för en borttagen grupp"
        if count == 1
        else f" och {count} kalendrar för borttagna grupper",
    )


def _new_calendars(new: int, of: int, lang: Lang, *, dry_run: bool) -> str:
    """``, joista 18 uutta`` / ``(uusi)``; dry: ``, joista 18 luotaisiin`` / ``(luotaisiin)``."""
    if of == 1:
        return pick(
            lang,
            " (luotaisiin)" if dry_run else " (uusi)",
            " (to be made)" if dry_run else " (new)",
            " (skulle skapas)" if dry_run else " (ny)",
        )
    return pick(
        lang,
        f", joista {new} luotaisiin" if dry_run else f", joista {new} uutta",
        f", {new} of them to be made" if dry_run else f", {new} of them new",
        f", varav {new} skulle skapas" if dry_run else f", varav {new} nya",
    )


def _report(
    out: TextIO,
    lang: Lang,
    home: str,
    syncs: Sequence[GroupSync],
    start: _dt.date,
    end: _dt.date,
    *,
    dry_run: bool,
) -> None:
    from opiskeluhuolto.sync.run import Counts, counts

    span = format_span(start, end, lang)
    if dry_run:
        print(
            pick(
                lang,
                f"Harjoitusajo (--dry-run), mitään ei muutettu: {home}, {span}",
                f"Dry run (--dry-run), nothing changed: {home}, {span}",
                f"Provkörning (--dry-run), ingenting ändrades: {home}, {span}",
            ),
            file=out,
        )
    else:
        print(f"CalDAV {home}, {span}", file=out)
    current = [s for s in syncs if not s.removed]
    removed = [s for s in syncs if s.removed]
    width = max((len(s.group) for s in current), default=0) + 2
    total = Counts()
    for sync in current:
        found = counts(sync)
        total += found
        line = f"  {sync.group + ':':<{width}}{format_counts(found, lang, dry_run=dry_run)}"
        if sync.new_calendar:
            line += pick(
                lang,
                " (uusi kalenteri)" if not dry_run else " (kalenteri luotaisiin)",
                " (new calendar)" if not dry_run else " (calendar would be made)",
                " (ny kalender)" if not dry_run else " (kalendern skulle skapas)",
            )
        print(line, file=out)
    for sync in removed:
        total += counts(sync)
        print(f"  {_removed_line(sync, lang, dry_run=dry_run)}", file=out)
    heading = pick(lang, "Yhteensä", "Total", "Totalt") + f" {_calendars(len(current), lang)}"
    if total.new_calendars:
        heading += _new_calendars(total.new_calendars, len(current), lang, dry_run=dry_run)
        if removed and len(current) != 1:
            heading += ","
    if removed:
        heading += _removed_calendars(len(removed), lang)
    print(f"{heading}: {format_counts(total, lang, dry_run=dry_run)}", file=out)
