"""Writing the whole dataset: one JSON document, a directory of CSV files, or a SQLite database.

As careful as git with its lock files. Every writer builds its output in a private temporary
beside the target and moves it into place only when complete: a failed or interrupted run
(SIGINT, SIGTERM, SIGHUP) removes its temporary and leaves nothing behind. Without `force` the
target is created exclusively (a file that appears at the target meanwhile is never overwritten);
with `force`, only a regular file, or a directory this program exported (it holds MARKER and
nothing but the tables), is replaced: a directory of anything else, a device, a FIFO, a symbolic
link, `.` or an empty path is refused. Every failure, SQLite's included, is one OutputRefused.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from asean_sec.output import rows, tables
from asean_sec.output.safe import one_line
from asean_sec.problems import Interrupted, OutputRefused

MARKER = ".asean-sec-export"  # in every CSV export directory: what --force may replace
_MARKER_TEXT = b"asean-sec export: a directory of CSV tables; asean-sec export --force may replace it\n"
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _claim(target: Path, force: bool, directory: bool) -> os.stat_result | None:
    """What is at `target` now (None: nothing), if this export may take its place; else OutputRefused."""
    shown = one_line(str(target))
    if not str(target) or target.name in ("", ".", "..") or str(target).endswith(("/", os.sep)):
        raise OutputRefused(f"{shown!r} is not a file name: give OUTPUT as a path to a new file"
                            + (" or directory" if directory else ""))
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise OutputRefused(f"cannot write {shown}: {getattr(err, 'strerror', None) or err}") from None
    if not force:
        raise OutputRefused(f"{shown} exists; pass --force to replace it")
    if stat.S_ISREG(info.st_mode) and not directory:
        return info
    if stat.S_ISDIR(info.st_mode) and directory:
        foreign = _foreign_entries(target)
        if foreign is None:
            raise OutputRefused(f"{shown} is a directory this program did not export (it has no {MARKER}); "
                                "--force replaces only an earlier export: choose another OUTPUT")
        if foreign:
            raise OutputRefused(f"{shown} holds files that are not the export's ({one_line(foreign[0])!r}"
                                f"{' …' if len(foreign) > 1 else ''}); move them, or choose another OUTPUT")
        return info
    from asean_sec.problems import kind_of

    kind = "a regular file" if stat.S_ISREG(info.st_mode) else kind_of(info.st_mode)
    wanted = "a directory of CSV tables this program exported" if directory else "a regular file"
    raise OutputRefused(f"{shown} is {kind}; --force replaces only {wanted}: choose another OUTPUT")


def _foreign_entries(folder: Path) -> list[str] | None:
    """The names in an export directory that the export did not write; None if it is not one."""
    try:
        names = os.listdir(folder)
        with open(folder / MARKER, "rb") as handle:
            if handle.read(len(_MARKER_TEXT) + 1) != _MARKER_TEXT:
                return None
    except OSError:
        return None
    ours = {MARKER, *(f"{table}.csv" for table in tables.SCHEMA)}
    return sorted(name for name in names if name not in ours)


@contextmanager
def _signals_unwind():
    """While an export is written, SIGINT, SIGTERM and SIGHUP raise Interrupted (so the temporary is
    removed on the way out) instead of ending the process where it stands."""
    def interrupted(signum, frame):
        raise Interrupted(signum)

    saved = {}
    try:
        for number in _SIGNALS:
            try:
                saved[number] = signal.signal(number, interrupted)
            except (ValueError, OSError):  # not the main thread: signals stay as they are
                pass
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


@contextmanager
def _signals_held():
    """Signals wait (are blocked) while a temporary is removed, so that removal is never cut short."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # pragma: no cover - not POSIX
        yield
        return
    old = mask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


def _remove(path: Path) -> None:
    with _signals_held():
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            pass


def _place(temporary: Path, target: Path, found: os.stat_result | None, directory: bool) -> None:
    """Move the finished temporary to `target`: exclusively when nothing was there, else in place of
    what _claim approved (checked again: it must still be the same file)."""
    if found is None:
        if directory:
            try:  # a directory rename fails on any file, and on any non-empty directory, at the target
                os.rename(temporary, target)
            except (FileExistsError, NotADirectoryError, IsADirectoryError):
                raise OutputRefused(f"{one_line(str(target))} appeared while the export ran; it was kept") from None
            except OSError as err:
                if err.errno == errno.ENOTEMPTY:
                    raise OutputRefused(f"{one_line(str(target))} appeared while the export ran; it was kept") from None
                raise
            return
        try:
            os.link(temporary, target)  # fails if anything is at the target: never overwrites
        except FileExistsError:
            raise OutputRefused(f"{one_line(str(target))} appeared while the export ran; it was kept") from None
        except OSError:  # a file system without hard links: a last look, then rename
            if os.path.lexists(target):
                raise OutputRefused(f"{one_line(str(target))} appeared while the export ran; it was kept") from None
            os.rename(temporary, target)
            return
        os.unlink(temporary)
        return
    try:
        now = os.lstat(target)
    except FileNotFoundError:
        now = None
    if now is None or (now.st_dev, now.st_ino) != (found.st_dev, found.st_ino):
        raise OutputRefused(f"{one_line(str(target))} changed while the export ran; it was kept")
    if directory:
        old = Path(tempfile.mkdtemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.old-"))
        os.replace(target, old / "export")
        os.rename(temporary, target)
        _remove(old)
    else:
        os.replace(temporary, target)


def _give_default_permissions(path: Path) -> None:
    """mkstemp/mkdtemp make private files; an export gets the mode any new file would get."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def _build_beside(target: Path, force: bool, make, directory: bool = False) -> None:
    """Run make(temporary_path) beside `target`, then move the result into place."""
    import sqlite3

    found = _claim(target, force, directory)
    parent = target.parent if str(target.parent) else Path(".")
    temporary = None
    with _signals_unwind():
        try:
            with _signals_held():  # created and named together: a signal comes after, to the cleanup below
                temporary = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.") if directory
                                 else tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".part")[1])
            make(temporary)
            _give_default_permissions(temporary)
            with _signals_held():  # the renames complete, or do not start
                _place(temporary, target, found, directory)
        except BaseException as err:
            if temporary is not None:
                _remove(temporary)
            if isinstance(err, (OSError, sqlite3.Error, ValueError)):
                reason = one_line(getattr(err, "strerror", None) or str(err) or type(err).__name__)
                if temporary is None:
                    raise OutputRefused(f"cannot write in {one_line(str(parent))}: {reason}") from None
                raise OutputRefused(f"cannot write {one_line(str(target))}: {reason}") from None
            raise


def json_text(dataset) -> str:
    import json

    return json.dumps(rows.dataset_document(dataset), ensure_ascii=False, indent=2) + "\n"


def write_json(dataset, target: Path, force: bool) -> None:
    text = json_text(dataset).encode("utf-8")
    _build_beside(target, force, lambda path: path.write_bytes(text))


def write_csv(dataset, target: Path, force: bool) -> None:
    """A directory with one CSV file (header row first) per table."""
    import csv

    built = tables.build({**dataset.raw, "meetings": rows.exported_meetings(dataset)})

    def make(folder: Path) -> None:
        (folder / MARKER).write_bytes(_MARKER_TEXT)
        for table, records in built.items():
            with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(tables.columns(table))
                writer.writerows(records)

    _build_beside(target, force, make, directory=True)


def metadata_path(target: Path) -> Path:
    """OUT.metadata.json beside OUT.db."""
    return target.with_suffix(".metadata.json")


def write_sqlite(dataset, target: Path, force: bool) -> None:
    """One table per record kind, with keys, foreign keys and full-text indexes, and Datasette's
    metadata (title, licence, descriptions, labels, facets) beside it."""
    import json

    from asean_sec.output import datasette

    built = tables.build({**dataset.raw, "meetings": rows.exported_meetings(dataset)})
    beside = metadata_path(target)
    _claim(target, force, False)  # both refused before anything is written, the database first
    _claim(beside, force, False)
    text = json.dumps(datasette.metadata(dataset.raw, target.stem), ensure_ascii=False, indent=2) + "\n"
    _build_beside(target, force, lambda path: _fill_sqlite(path, built))
    _build_beside(beside, force, lambda path: path.write_text(text, encoding="utf-8"))


def _fill_sqlite(path: Path, built: dict) -> None:
    import sqlite3

    # the empty temporary file is a valid empty database: opened where it is, never unlinked and
    # re-created (a name someone could take meanwhile); no journal beside it (the rename is the commit)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        for table, spec in tables.SCHEMA.items():
            connection.execute(_create_statement(table, spec))
        for table, records in built.items():
            marks = ", ".join("?" for _ in tables.SCHEMA[table])
            connection.executemany(f'INSERT INTO "{table}" VALUES ({marks})', records)
        for table, text_columns in tables.FULL_TEXT.items():
            listed = ", ".join(f'"{c}"' for c in text_columns)
            connection.execute(f'CREATE VIRTUAL TABLE "{table}_fts" USING fts5({listed}, '
                               f"content=\"{table}\", content_rowid='rowid', tokenize='porter unicode61')")
            connection.execute(f"INSERT INTO \"{table}_fts\"(\"{table}_fts\") VALUES ('rebuild')")
        connection.commit()
    finally:
        connection.close()


def _create_statement(table: str, spec) -> str:
    parts = []
    for column, kind, reference in spec:
        sql_type, _, key = kind.partition(" ")
        text = f'"{column}" {sql_type}'
        if key == "pk":
            text += " PRIMARY KEY"
        if reference:
            other, _, other_column = reference.partition("(")
            text += f' REFERENCES "{other}"("{other_column.rstrip(")")}")'
        parts.append(text)
    return f'CREATE TABLE "{table}" ({", ".join(parts)})'
