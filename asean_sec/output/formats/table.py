"""table: rich tables for a terminal. rich is imported only here, when a table is drawn."""

from __future__ import annotations

from asean_sec.output.document import (Column, Document, Report, grouped_columns, no_src, source_lines,
                                       sources_of, with_src)
from asean_sec.output.render import color_enabled, isatty


def write(doc: Document, stream, color: str) -> None:
    if doc.compound:
        _sections(doc, stream, color)
    elif doc.report.group_by:
        _grouped(doc, stream, color)
    elif doc.fit:
        _report(doc, stream, color)
    else:
        _wide(doc, stream, color)


def _console(stream, color: str, piped_width: int):
    from rich.console import Console

    use_color = color_enabled(color, stream)
    return Console(file=stream, force_terminal=use_color, no_color=not use_color,
                   color_system="standard" if use_color else None, highlight=False,
                   width=None if isatty(stream) else piped_width, soft_wrap=False, emoji=False,
                   markup=False), use_color


def fields_table(report: Report, use_color: bool, title: bool = True, pad_edge: bool = True):
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


def _wide(doc: Document, stream, color: str) -> None:
    """A table as wide as the terminal (200 columns when piped), every column folding."""
    from rich.table import Table

    report = doc.report
    console, use_color = _console(stream, color, 200)
    if not report.rows:
        return
    if report.single:
        table = fields_table(report, use_color)
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
    if doc.cite:
        refs = sources_of(report.rows)
        if refs:
            console.print("Sources:", style="bold" if use_color else None)
            # written as they are, not through rich: a URL folded at the terminal's width breaks
            # when copied, and rich's rendering of plain lines costs more than the table
            stream.write(source_lines(refs))


def _list(report: Report, columns: list[Column], use_color: bool, width: int = 100):
    """A table `width` wide at most: no_wrap columns get their full width, `cut` columns share
    what is left (shortened with '…'), the others wrap."""
    from rich.table import Table

    table = Table(title=report.title, title_justify="left", header_style="bold" if use_color else None,
                  title_style="bold" if use_color else None)
    cells = [[column.text(row) for column in columns] for row in report.rows]
    widest = [max([len(c.header)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    cut = [c.cut for c in columns]
    keep = [(c.no_wrap and not cut[i]) or c.header == "Src" for i, c in enumerate(columns)]
    wanted = [min(widest[i], c.max_width or widest[i]) for i, c in enumerate(columns)]
    room = width - (3 * len(columns) + 1) - sum(w for w, k in zip(wanted, keep) if k)
    room -= sum(w for i, w in enumerate(wanted) if not keep[i] and not cut[i])
    shares = _share(room, [w for i, w in enumerate(wanted) if cut[i]])
    for i, column in enumerate(columns):
        fixed = wanted[i] if keep[i] else shares.pop(0) if cut[i] else None
        table.add_column(column.header, overflow="ellipsis" if cut[i] else "fold", no_wrap=keep[i] or cut[i],
                         max_width=fixed or column.max_width, min_width=fixed)
    for row in cells:
        table.add_row(*row)
    return table


def _share(room: int, wanted: list[int]) -> list[int]:
    """Split `room` columns among widths that want `wanted`, none given more than it wants."""
    given = [0] * len(wanted)
    left = max(room, 4 * len(wanted))
    while left > 0 and any(g < w for g, w in zip(given, wanted)):
        open_ = [i for i, (g, w) in enumerate(zip(given, wanted)) if g < w]
        step = max(1, left // len(open_))
        for i in open_:
            extra = min(step, wanted[i] - given[i], left)
            given[i] += extra
            left -= extra
    return [max(g, 4) for g in given]


def _sources(console, refs: list[str], use_color: bool) -> None:
    if refs:
        console.print("Sources:", style="bold" if use_color else None)
        for i, ref in enumerate(refs, 1):
            console.print(f"  [{i}] {ref}", soft_wrap=True)  # a URL stays one line: copyable


def _report(doc: Document, stream, color: str) -> None:
    report = doc.report
    console, use_color = _console(stream, color, 100)
    if not report.rows:
        return
    if report.single:
        console.print(fields_table(report, use_color, pad_edge=False))
    else:
        console.print(_list(report, report.columns, use_color, console.width))
    for note in report.notes:
        console.print(note)
    if doc.cite:
        _sources(console, sources_of(report.rows), use_color)


def _sections(doc: Document, stream, color: str) -> None:
    console, use_color = _console(stream, color, 100)
    refs = sources_of(doc.rows)
    for i, (_, report) in enumerate(doc.parts):
        if i:
            console.print()
        if not report.rows:
            console.print(f"{report.title}: {report.empty_message}", style="bold" if use_color else None)
        elif report.single:
            console.print(fields_table(report, use_color, pad_edge=False))
        else:
            columns = with_src(report, refs) if doc.cite else no_src(report)
            console.print(_list(report, columns, use_color, console.width))
    if doc.cite:
        console.print()
        _sources(console, refs, use_color)


def _grouped(doc: Document, stream, color: str) -> None:
    from rich.table import Table

    report = doc.report
    console, use_color = _console(stream, color, 100)
    columns = [c for c in report.columns if c.value == report.group_by] + grouped_columns(report, doc.cite)
    table = Table(title=report.title, title_justify="left", header_style="bold" if use_color else None,
                  title_style="bold" if use_color else None)
    for column in columns:
        table.add_column(column.header, overflow="fold", max_width=column.max_width,
                         no_wrap=column.no_wrap or column.header == "Src",
                         style="bold" if use_color and column.value == report.group_by else None)
    for key, found in report.groups():
        for j, row in enumerate(found):
            cells = [column.text(row) for column in columns]
            if j:
                cells[0] = ""
            table.add_row(*cells, end_section=j == len(found) - 1)
    console.print(table)
    if doc.cite:
        _sources(console, sources_of(report.rows), use_color)
