"""Writing the whole dataset: one JSON document, a directory of CSV files, or a SQLite database.

Every writer builds its output beside the target and renames it into place, so a failed run
leaves nothing behind, and an existing target is replaced only with `force`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from asean_sec.output import rows
from asean_sec.output import tables
from asean_sec.problems import OutputRefused


def _claim(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise OutputRefused(f"{target} exists; pass --force to replace it")


def _replace(temporary: Path, target: Path) -> None:
    if target.is_dir() and not target.is_symlink():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(temporary, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(temporary, target)


def _give_default_permissions(path: Path) -> None:
    """mkstemp/mkdtemp make private files; an export gets the mode any new file would get."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def _build_beside(target: Path, force: bool, make, directory: bool = False) -> None:
    """Run make(temporary_path) beside `target`, then move the result into place."""
    _claim(target, force)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        temporary = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.") if directory
                         else tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".part")[1])
    except OSError as err:
        raise OutputRefused(f"cannot write in {parent}: {err.strerror}") from None
    try:
        make(temporary)
        _give_default_permissions(temporary)
        _replace(temporary, target)
    except BaseException as err:
        if temporary.is_dir():
            shutil.rmtree(temporary, ignore_errors=True)
        else:
            temporary.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputRefused(f"cannot write {target}: {err.strerror or err}") from None
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

    built = tables.build(dataset.raw)

    def make(folder: Path) -> None:
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

    built = tables.build(dataset.raw)
    beside = metadata_path(target)
    _claim(beside, force)
    text = json.dumps(datasette.metadata(dataset.raw, target.stem), ensure_ascii=False, indent=2) + "\n"
    _build_beside(target, force, lambda path: _fill_sqlite(path, built))
    _build_beside(beside, True, lambda path: path.write_text(text, encoding="utf-8"))


def _fill_sqlite(path: Path, built: dict) -> None:
    import sqlite3

    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
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
