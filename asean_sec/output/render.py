"""Output: one Report, many formats. rich is imported only when a table is drawn.

Formats: table (rich), plain (aligned text, no escape codes), markdown (a memo-ready block
with a Sources list), json (one document), jsonl (one record a line), csv and tsv (header
row; lists of plain values joined with "; "; nested values, such as a meeting's participants,
as JSON text in the cell, so nothing is lost).
"""

from __future__ import annotations

import os
import sys

FORMATS = ("auto", "table", "plain", "markdown", "json", "jsonl", "csv", "tsv")
MACHINE_FORMATS = ("json", "jsonl", "csv", "tsv")
COLORS = ("auto", "always", "never")
LIST_SEPARATOR = "; "


class Column:
    """One column people see: a header, and a field name or a function of the row."""

    def __init__(self, header: str, value, max_width: int | None = None):
        self.header, self.value, self.max_width = header, value, max_width

    def text(self, row: dict) -> str:
        found = self.value(row) if callable(self.value) else row.get(self.value)
        return flat(found)


class Report:
    """What a command answers: rows with stable fields, and how people should see them.

    `single`: one record (JSON is an object; people see "field: value" lines).
    `cite`: people see a numbered list of the rows' sources under them.
    """

    def __init__(self, title: str, rows: list[dict], columns: list[Column], single: bool = False,
                 cite: bool = True, empty_message: str = "Nothing matched.", notes: list[str] | None = None):
        self.title, self.rows, self.columns = title, rows, columns
        self.single, self.cite, self.empty_message = single, cite, empty_message
        self.notes = notes or []


def flat(value) -> str:
    """A field value as one line of text (lists joined, None empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return value.get("title") or value.get("country_name") or value.get("id") or ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(flat(v) for v in value)
    return str(value)


def cell(value) -> str:
    """A field value for a CSV/TSV cell: a dict, or a list holding dicts or lists, as JSON text
    (as sqlite-utils stores them), so nothing is lost; anything else as flat() writes it."""
    if isinstance(value, dict) or (isinstance(value, (list, tuple))
                                   and any(isinstance(v, (dict, list, tuple)) for v in value)):
        from asean_sec.output import jsonout

        return jsonout.dumps(value)
    return flat(value)


def resolve_format(fmt: str, stream) -> str:
    if fmt != "auto":
        return fmt
    return "table" if _isatty(stream) else "plain"


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def color_enabled(color: str, stream) -> bool:
    """`--color`: never, always, or auto (a terminal, and neither NO_COLOR nor TERM=dumb)."""
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    if color == "always":
        return True
    return _isatty(stream) and os.environ.get("TERM") != "dumb"


def render(report: Report, fmt: str, color: str = "auto", stream=None) -> None:
    stream = stream or sys.stdout
    fmt = resolve_format(fmt, stream)
    _RENDERERS[fmt](report, stream, color)


def _sources_of(report: Report) -> list[str]:
    found = []
    for row in report.rows:
        for ref in row.get("sources", ()):
            if ref not in found:
                found.append(ref)
    return found


def _json(report: Report, stream, color) -> None:
    from asean_sec.output import jsonout

    payload = report.rows[0] if report.single and report.rows else report.rows
    if report.single and not report.rows:
        payload = None
    stream.write(jsonout.dumps(payload, indent=2) + "\n")


def _jsonl(report: Report, stream, color) -> None:
    from asean_sec.output import jsonout

    for row in report.rows:
        stream.write(jsonout.dumps(row) + "\n")


def _delimited(delimiter: str):
    def write(report: Report, stream, color) -> None:
        import csv

        if not report.rows:
            return
        names = list(report.rows[0])
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        writer.writerow(names)
        for row in report.rows:
            cells = [cell(row[name]) for name in names]
            if delimiter == "\t":
                cells = [c.replace("\t", " ").replace("\n", " ") for c in cells]
            writer.writerow(cells)
    return write


def _plain(report: Report, stream, color) -> None:
    if not report.rows:
        return
    if report.single:
        width = max(len(c.header) for c in report.columns) + 2
        for column in report.columns:
            text = column.text(report.rows[0])
            if text:
                stream.write(f"{column.header + ':':<{width}}{text}\n")
    else:
        cells = [[c.header for c in report.columns]] + [[c.text(r) for c in report.columns] for r in report.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(report.columns))]
        for row in cells:
            stream.write("  ".join(f"{text:<{w}}" for text, w in zip(row, widths)).rstrip() + "\n")
    _plain_footer(report, stream)


def source_lines(refs: list[str]) -> str:
    """The numbered list of sources under an answer, one per line: '  [1] https://…'."""
    return "".join(f"  [{i}] {ref}\n" for i, ref in enumerate(refs, 1))


def _plain_footer(report: Report, stream) -> None:
    for note in report.notes:
        stream.write(f"{note}\n")
    if report.cite:
        refs = _sources_of(report)
        if refs:
            stream.write("Sources:\n" + source_lines(refs))


def rich_fields_table(report: Report, use_color: bool, title: bool = True, pad_edge: bool = True):
    """A single record as a two-column rich table: field names, then values."""
    from rich.table import Table

    table = Table(title=report.title if title else None, show_header=False, box=None, title_justify="left",
                  title_style="bold" if use_color else None, pad_edge=pad_edge)
    table.add_column(style="bold cyan" if use_color else None, no_wrap=True)
    table.add_column(overflow="fold")
    for column in report.columns:
        text = column.text(report.rows[0])
        if text:
            table.add_row(column.header, text)
    return table


def _table(report: Report, stream, color) -> None:
    from rich.console import Console
    from rich.table import Table

    use_color = color_enabled(color, stream)
    terminal = _isatty(stream)
    console = Console(file=stream, force_terminal=use_color, no_color=not use_color,
                      color_system="standard" if use_color else None, highlight=False,
                      width=None if terminal else 200, soft_wrap=False, emoji=False, markup=False)
    if not report.rows:
        return
    if report.single:
        table = rich_fields_table(report, use_color)
    else:
        table = Table(title=report.title, title_justify="left", header_style="bold" if use_color else None,
                      title_style="bold" if use_color else None)
        for column in report.columns:
            table.add_column(column.header, overflow="fold", max_width=column.max_width)
        for row in report.rows:
            table.add_row(*(column.text(row) for column in report.columns))
    console.print(table)
    for note in report.notes:
        console.print(note)
    if report.cite:
        refs = _sources_of(report)
        if refs:
            console.print("Sources:", style="bold" if use_color else None)
            # written as they are, not through rich: a URL folded at the terminal's width breaks
            # when copied, and rich's rendering of plain lines costs more than the table
            stream.write(source_lines(refs))


def markdown_cell(text: str) -> str:
    from asean_sec.output.safe import markdown_cell as escaped

    return escaped(text)


def markdown_fields(report: Report, stream) -> None:
    """A single record as '- **Field:** value' lines."""
    for column in report.columns:
        text = column.text(report.rows[0])
        if text:
            stream.write(f"- **{column.header}:** {markdown_cell(text)}\n")


def markdown_table(columns: list[Column], rows: list[dict], stream) -> None:
    stream.write("| " + " | ".join(c.header for c in columns) + " |\n")
    stream.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        stream.write("| " + " | ".join(markdown_cell(c.text(row)) for c in columns) + " |\n")


def markdown_sources(refs: list[str], stream) -> None:
    from asean_sec.output.safe import markdown_link

    if refs:
        stream.write("\n**Sources**\n\n" + "".join(f"{i}. {markdown_link(ref)}\n" for i, ref in enumerate(refs, 1)))


def _markdown(report: Report, stream, color) -> None:
    if not report.rows:
        return
    stream.write(f"### {report.title}\n\n")
    if report.single:
        markdown_fields(report, stream)
    else:
        markdown_table(report.columns, report.rows, stream)
    for note in report.notes:
        stream.write(f"\n{note}\n")
    if report.cite:
        markdown_sources(_sources_of(report), stream)


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued with a leading space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _ics(report: Report, stream, color) -> None:
    """iCalendar (RFC 5545): one all-day event per meeting whose start day is known."""
    import datetime as dt

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//asean-sec//meetings//EN", "CALSCALE:GREGORIAN"]
    for row in report.rows:
        start = row.get("start") or ""
        if len(start) != 10:
            continue  # a month or a year is not a calendar day
        end = row.get("end") if len(row.get("end") or "") == 10 else start
        after = dt.date.fromisoformat(end) + dt.timedelta(days=1)
        place = ", ".join(p for p in (row.get("city"), row.get("host_name")) if p)
        lines += ["BEGIN:VEVENT", f"UID:{row['id']}@asean-sec", f"DTSTAMP:{start.replace('-', '')}T000000Z",
                  f"DTSTART;VALUE=DATE:{start.replace('-', '')}", f"DTEND;VALUE=DATE:{after:%Y%m%d}",
                  f"SUMMARY:{_ics_text(row['mechanism_name'] + ' ' + row['ordinal'])}"]
        if place:
            lines.append(f"LOCATION:{_ics_text(place)}")
        if row.get("status") and row["status"] != "held":
            lines.append("STATUS:TENTATIVE" if row["status"] == "scheduled" else "STATUS:CANCELLED"
                         if row["status"] == "cancelled" else "STATUS:TENTATIVE")
        if row.get("sources"):
            lines.append(f"DESCRIPTION:{_ics_text('Sources: ' + ' '.join(row['sources']))}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    stream.write("".join(_ics_fold(line) + "\r\n" for line in lines))


_RENDERERS = {
    "ics": _ics,
    "markdown": _markdown,
    "table": _table,
    "plain": _plain,
    "json": _json,
    "jsonl": _jsonl,
    "csv": _delimited(","),
    "tsv": _delimited("\t"),
}
