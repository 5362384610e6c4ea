"""plain: aligned text without escape codes, for pipes and scripts that read by eye."""

from __future__ import annotations

from collections.abc import Mapping

from asean_sec.output.document import (
    Column,
    Document,
    Report,
    grouped_columns,
    no_src,
    shown,
    source_lines,
    sources_of,
    with_src,
)


def write(doc: Document, stream, style) -> None:
    if doc.compound:
        _sections(doc, stream)
    elif doc.report.group_by:
        _grouped(doc, stream)
    else:
        _report(doc, stream)


def fields(report: Report, stream) -> None:
    """A single record as 'Field:  value' lines."""
    width = max(len(c.header) for c in report.columns) + 2
    for column in report.columns:
        text = column.text(report.rows[0])
        if text:
            stream.write(f"{column.header + ':':<{width}}{text}\n")


def table(columns: list[Column], found: list[dict], stream, indent: str = "") -> None:
    columns = shown(columns, found)
    cells = [[c.header for c in columns]] + [[c.text(r) for c in columns] for r in found]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    for row in cells:
        stream.write(indent + "  ".join(f"{text:<{w}}" for text, w in zip(row, widths)).rstrip() + "\n")


def _sources(refs: list[str], stream, citations: Mapping) -> None:
    if refs:
        stream.write("Sources:\n" + source_lines(refs, citations))


def _report(doc: Document, stream) -> None:
    report = doc.report
    if not report.rows:
        return
    if report.single:
        fields(report, stream)
    else:
        table(report.columns if doc.cite else no_src(report), report.rows, stream)
    for note in report.notes:
        stream.write(f"{note}\n")
    if doc.cite:
        _sources(sources_of(report.rows), stream, doc.citations)


def _sections(doc: Document, stream) -> None:
    refs = sources_of(doc.rows)
    for i, (_, report) in enumerate(doc.parts):
        if i:
            stream.write("\n")
        stream.write(f"{report.title}\n")
        if not report.rows:
            stream.write(f"  {report.empty_message}\n")
        elif report.single:
            fields(report, stream)
        else:
            table(with_src(report, refs) if doc.cite else no_src(report), report.rows, stream)
        if report.rows:
            for note in report.notes:
                stream.write(f"{note}\n")
    if doc.cite and refs:
        stream.write("\n")
        _sources(refs, stream, doc.citations)


def _grouped(doc: Document, stream) -> None:
    report = doc.report
    columns = shown(grouped_columns(report, doc.cite), report.rows)
    cells = [[c.text(r) for c in columns] for r in report.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    rows_of = iter(cells)
    for i, (key, found) in enumerate(report.groups()):
        stream.write(("\n" if i else "") + f"{key}\n")
        for _ in found:
            row = next(rows_of)
            stream.write("  " + "  ".join(f"{t:<{w}}" for t, w in zip(row, widths)).rstrip() + "\n")
    for note in report.notes:
        stream.write(f"{note}\n")
    if doc.cite:
        stream.write("\n")
        _sources(sources_of(report.rows), stream, doc.citations)
