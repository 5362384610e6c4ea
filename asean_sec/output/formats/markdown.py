"""markdown: a memo-ready block, a heading per section, tables, and a numbered Sources list."""

from __future__ import annotations

from collections.abc import Mapping

from asean_sec.output.document import (
    Column,
    Document,
    Report,
    citation_label,
    grouped_columns,
    no_src,
    shown,
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


def cell(text: str) -> str:
    from asean_sec.output.safe import markdown_cell

    return markdown_cell(text)


def fields(report: Report, stream) -> None:
    """A single record as '- **Field:** value' lines."""
    for column in report.columns:
        text = column.text(report.rows[0])
        if text:
            stream.write(f"- **{column.header}:** {cell(text)}\n")


def table(columns: list[Column], rows: list[dict], stream) -> None:
    columns = shown(columns, rows)
    stream.write("| " + " | ".join(c.header for c in columns) + " |\n")
    stream.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        stream.write("| " + " | ".join(cell(c.text(row)) for c in columns) + " |\n")


def sources(refs: list[str], stream, citations: Mapping) -> None:
    """'1. Title — Publisher — date. <https://…>'"""
    from asean_sec.output.safe import markdown_link

    if refs:
        lines = []
        for i, ref in enumerate(refs, 1):
            label = citation_label(citations.get(ref))
            where = markdown_link(ref)
            lines.append(f"{i}. {cell(label)}. {where}\n" if label else f"{i}. {where}\n")
        stream.write("\n**Sources**\n\n" + "".join(lines))


def _report(doc: Document, stream) -> None:
    report = doc.report
    if not report.rows:
        return
    stream.write(f"### {report.title}\n\n")
    if report.single:
        fields(report, stream)
    else:
        table(report.columns if doc.cite else no_src(report), report.rows, stream)
    for note in report.notes:
        stream.write(f"\n{note}\n")
    if doc.cite:
        sources(sources_of(report.rows), stream, doc.citations)


def _sections(doc: Document, stream) -> None:
    refs = sources_of(doc.rows)
    for i, (_, report) in enumerate(doc.parts):
        stream.write(f"{'###' if i == 0 else chr(10) + '####'} {report.title}\n\n")
        if not report.rows:
            stream.write(f"{report.empty_message}\n")
        elif report.single:
            fields(report, stream)
        else:
            table(with_src(report, refs) if doc.cite else no_src(report), report.rows, stream)
        if report.rows:
            for note in report.notes:
                stream.write(f"\n{note}\n")
    if doc.cite:
        sources(refs, stream, doc.citations)


def _grouped(doc: Document, stream) -> None:
    report = doc.report
    columns = grouped_columns(report, doc.cite)
    stream.write(f"### {report.title}\n")
    for key, found in report.groups():
        stream.write(f"\n#### {key}\n\n")
        table(columns, found, stream)
    for note in report.notes:
        stream.write(f"\n{note}\n")
    if doc.cite:
        sources(sources_of(report.rows), stream, doc.citations)
