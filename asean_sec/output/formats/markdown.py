"""markdown: a memo-ready block, a heading per section, tables, and a numbered Sources list."""

from __future__ import annotations

from asean_sec.output.document import Column, Document, Report, grouped_columns, no_src, sources_of, with_src


def write(doc: Document, stream, color: str) -> None:
    if doc.compound:
        _sections(doc, stream)
    elif doc.report.group_by:
        _grouped(doc, stream)
    else:
        _report(doc, stream)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fields(report: Report, stream) -> None:
    """A single record as '- **Field:** value' lines."""
    for column in report.columns:
        text = column.text(report.rows[0])
        if text:
            stream.write(f"- **{column.header}:** {cell(text)}\n")


def table(columns: list[Column], rows: list[dict], stream) -> None:
    stream.write("| " + " | ".join(c.header for c in columns) + " |\n")
    stream.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        stream.write("| " + " | ".join(cell(c.text(row)) for c in columns) + " |\n")


def sources(refs: list[str], stream) -> None:
    if refs:
        stream.write("\n**Sources**\n\n" + "".join(f"{i}. <{ref}>\n" if ref.startswith("http") else
                                                     f"{i}. {ref}\n" for i, ref in enumerate(refs, 1)))


def _report(doc: Document, stream) -> None:
    report = doc.report
    if not report.rows:
        return
    stream.write(f"### {report.title}\n\n")
    if report.single:
        fields(report, stream)
    else:
        table(report.columns, report.rows, stream)
    for note in report.notes:
        stream.write(f"\n{note}\n")
    if doc.cite:
        sources(sources_of(report.rows), stream)


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
    if doc.cite:
        sources(refs, stream)


def _grouped(doc: Document, stream) -> None:
    report = doc.report
    columns = grouped_columns(report, doc.cite)
    stream.write(f"### {report.title}\n")
    for key, found in report.groups():
        stream.write(f"\n#### {key}\n\n")
        table(columns, found, stream)
    if doc.cite:
        sources(sources_of(report.rows), stream)
