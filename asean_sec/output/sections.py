"""Reports made of several parts, and how every output format writes them.

`Sections` is a dossier or a profile: a summary record, then its lists. `Grouped` is a listing
shown under a heading per value of one field (the timeline's years). render.py writes a single
Report; this module writes these, citing every source once, by number, under the document.
rich is imported only when a table is drawn.
"""

from __future__ import annotations

from asean_sec.output.render import (MACHINE_FORMATS, Column, Report, color_enabled, flat,
                              markdown_fields, markdown_sources, markdown_table, render,
                              rich_fields_table, source_lines)


def sources_of(found: list[dict]) -> list[str]:
    """Every source the rows cite, in order of first mention, each once."""
    refs: list[str] = []
    for row in found:
        refs += [r for r in row.get("sources", ()) if r not in refs]
    return refs


def numbers(found: list[int]) -> str:
    """[3, 21, 22, 23, 24] -> '3,21-24'"""
    runs: list[list[int]] = []
    for n in sorted(set(found)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ",".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ",".join(map(str, r)) for r in runs)


def cited(refs: list[str]):
    """A 'Src' column's text: the row's sources as numbers in the list under the output."""
    where = {ref: i for i, ref in enumerate(refs, 1)}

    def text(row):
        return numbers([where[r] for r in row.get("sources", ()) if r in where])
    return text


def keep(column: Column, cut: bool = False) -> Column:
    """A column a table should not wrap (dates, labels, names); `cut`: shorten it with '…'
    rather than widen it (a tree must keep one line a row)."""
    column.no_wrap, column.cut = True, cut
    return column


class Sections:
    """Several Reports shown as one document: a profile's summary, then its lists.

    `parts` are (key, Report): JSON is one object with a key per part (an object for a single
    record, an array for a list) and `sources`, every source shown; jsonl and csv/tsv carry a
    `section` field on each row.
    """

    def __init__(self, parts: list[tuple[str, Report]], cite: bool = True):
        self.parts, self.cite = parts, cite
        self.title = parts[0][1].title if parts else ""
        self.empty_message = "Nothing matched."

    @property
    def rows(self) -> list[dict]:
        return [row for _, report in self.parts for row in report.rows]


class Grouped:
    """A listing people see under a heading per value of `field` (the timeline's years); machine
    formats get the plain rows."""

    def __init__(self, report: Report, field: str):
        self.report, self.field = report, field
        self.title, self.empty_message = report.title, report.empty_message

    @property
    def rows(self):
        return self.report.rows

    @property
    def cite(self):
        return self.report.cite

    @cite.setter
    def cite(self, value):
        self.report.cite = value


# --- rendering -----------------------------------------------------------------------------

def render_document(doc, fmt: str, color: str, stream) -> None:
    """Render a Report, Sections or Grouped in an explicit format (not 'auto')."""
    if isinstance(doc, Report):
        if fmt == "table":
            _report_table(doc, stream, color)
        else:
            render(doc, fmt, color, stream)
    elif isinstance(doc, Grouped):
        if fmt in MACHINE_FORMATS:
            render(doc.report, fmt, color, stream)
        else:
            _GROUPED[fmt](doc, stream, color)
    else:
        _SECTIONS[fmt](doc, stream, color)


def _all_refs(doc: Sections) -> list[str]:
    return sources_of(doc.rows)


def _with_src(report: Report, refs: list[str]) -> list[Column]:
    """The report's columns, its Src column renumbered against the whole document's sources."""
    columns = [c for c in report.columns if c.header != "Src"]
    if any(c.header == "Src" for c in report.columns):
        columns.append(Column("Src", cited(refs)))
    return columns


def _sections_json(doc: Sections, stream, color) -> None:
    import json

    payload = {}
    for key, report in doc.parts:
        payload[key] = (report.rows[0] if report.rows else None) if report.single else report.rows
    payload["sources"] = _all_refs(doc)
    stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _sections_jsonl(doc: Sections, stream, color) -> None:
    import json

    for key, report in doc.parts:
        for row in report.rows:
            stream.write(json.dumps({"section": key, **row}, ensure_ascii=False) + "\n")


def _cell(value) -> str:
    """flat(), and a record without a title or name as its values: '2004, held, rotation'."""
    if isinstance(value, dict) and not flat(value):
        return ", ".join(str(v) for v in value.values() if isinstance(v, (str, int)) and v is not None)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return flat(value)


def _sections_delimited(delimiter: str):
    def write(doc: Sections, stream, color) -> None:
        import csv

        names = ["section"]
        for _, report in doc.parts:
            for row in report.rows:
                names += [n for n in row if n not in names]
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        writer.writerow(names)
        for key, report in doc.parts:
            for row in report.rows:
                cells = [key] + [_cell(row.get(n)) for n in names[1:]]
                if delimiter == "\t":
                    cells = [c.replace("\t", " ").replace("\n", " ") for c in cells]
                writer.writerow(cells)
    return write


def _plain_table(columns: list[Column], found: list[dict], stream, indent: str = "") -> None:
    cells = [[c.header for c in columns]] + [[c.text(r) for c in columns] for r in found]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    for row in cells:
        stream.write(indent + "  ".join(f"{text:<{w}}" for text, w in zip(row, widths)).rstrip() + "\n")


def _plain_single(report: Report, stream) -> None:
    width = max(len(c.header) for c in report.columns) + 2
    for column in report.columns:
        text = column.text(report.rows[0])
        if text:
            stream.write(f"{column.header + ':':<{width}}{text}\n")


def _plain_sources(refs: list[str], stream) -> None:
    if refs:
        stream.write("Sources:\n" + source_lines(refs))


def _sections_plain(doc: Sections, stream, color) -> None:
    refs = _all_refs(doc)
    for i, (_, report) in enumerate(doc.parts):
        if i:
            stream.write("\n")
        stream.write(f"{report.title}\n")
        if not report.rows:
            stream.write(f"  {report.empty_message}\n")
        elif report.single:
            _plain_single(report, stream)
        else:
            _plain_table(_with_src(report, refs) if doc.cite else _no_src(report), report.rows, stream)
    if doc.cite and refs:
        stream.write("\n")
        _plain_sources(refs, stream)


def _no_src(report: Report) -> list[Column]:
    return [c for c in report.columns if c.header != "Src"]


def _console(stream, color):
    from rich.console import Console

    use_color = color_enabled(color, stream)
    terminal = _isatty(stream)
    return Console(file=stream, force_terminal=use_color, no_color=not use_color,
                   color_system="standard" if use_color else None, highlight=False,
                   width=None if terminal else 100, soft_wrap=False, emoji=False, markup=False), use_color


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _rich_list(report: Report, columns: list[Column], use_color: bool, width: int = 100):
    """A table `width` wide at most: columns marked by keep() get their full width, `cut`
    columns share what is left (shortened with '…'), the others wrap."""
    from rich.table import Table

    table = Table(title=report.title, title_justify="left", header_style="bold" if use_color else None,
                  title_style="bold" if use_color else None)
    cells = [[column.text(row) for column in columns] for row in report.rows]
    widest = [max([len(c.header)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    cut = [getattr(c, "cut", False) for c in columns]
    keep = [(getattr(c, "no_wrap", False) and not cut[i]) or c.header == "Src" for i, c in enumerate(columns)]
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


def _rich_sources(console, refs: list[str], use_color: bool) -> None:
    if refs:
        console.print("Sources:", style="bold" if use_color else None)
        for i, ref in enumerate(refs, 1):
            console.print(f"  [{i}] {ref}", soft_wrap=True)  # a URL stays one line: copyable


def _report_table(report: Report, stream, color) -> None:
    """render.py's table, keeping the columns marked by keep() unwrapped."""
    console, use_color = _console(stream, color)
    if not report.rows:
        return
    if report.single:
        console.print(rich_fields_table(report, use_color, pad_edge=False))
    else:
        console.print(_rich_list(report, report.columns, use_color, console.width))
    for note in report.notes:
        console.print(note)
    if report.cite:
        _rich_sources(console, sources_of(report.rows), use_color)


def _sections_table(doc: Sections, stream, color) -> None:
    console, use_color = _console(stream, color)
    refs = _all_refs(doc)
    for i, (_, report) in enumerate(doc.parts):
        if i:
            console.print()
        if not report.rows:
            console.print(f"{report.title}: {report.empty_message}", style="bold" if use_color else None)
        elif report.single:
            console.print(rich_fields_table(report, use_color, pad_edge=False))
        else:
            columns = _with_src(report, refs) if doc.cite else _no_src(report)
            console.print(_rich_list(report, columns, use_color, console.width))
    if doc.cite:
        console.print()
        _rich_sources(console, refs, use_color)


def _sections_markdown(doc: Sections, stream, color) -> None:
    refs = _all_refs(doc)
    for i, (_, report) in enumerate(doc.parts):
        stream.write(f"{'###' if i == 0 else chr(10) + '####'} {report.title}\n\n")
        if not report.rows:
            stream.write(f"{report.empty_message}\n")
        elif report.single:
            markdown_fields(report, stream)
        else:
            markdown_table(_with_src(report, refs) if doc.cite else _no_src(report), report.rows, stream)
    if doc.cite:
        markdown_sources(refs, stream)


_SECTIONS = {
    "json": _sections_json,
    "jsonl": _sections_jsonl,
    "csv": _sections_delimited(","),
    "tsv": _sections_delimited("\t"),
    "plain": _sections_plain,
    "table": _sections_table,
    "markdown": _sections_markdown,
}


def _groups(doc: Grouped) -> list[tuple[object, list[dict]]]:
    groups: list[tuple[object, list[dict]]] = []
    for row in doc.rows:
        if not groups or groups[-1][0] != row[doc.field]:
            groups.append((row[doc.field], []))
        groups[-1][1].append(row)
    return groups


def _grouped_columns(doc: Grouped) -> list[Column]:
    columns = [c for c in doc.report.columns if c.value != doc.field]
    return columns if doc.cite else [c for c in columns if c.header != "Src"]


def _grouped_plain(doc: Grouped, stream, color) -> None:
    columns = _grouped_columns(doc)
    cells = [[c.text(r) for c in columns] for r in doc.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    rows_of = iter(cells)
    for i, (key, found) in enumerate(_groups(doc)):
        stream.write(("\n" if i else "") + f"{key}\n")
        for _ in found:
            row = next(rows_of)
            stream.write("  " + "  ".join(f"{t:<{w}}" for t, w in zip(row, widths)).rstrip() + "\n")
    for note in doc.report.notes:
        stream.write(f"{note}\n")
    if doc.cite:
        stream.write("\n")
        _plain_sources(sources_of(doc.rows), stream)


def _grouped_table(doc: Grouped, stream, color) -> None:
    from rich.table import Table

    console, use_color = _console(stream, color)
    columns = [c for c in doc.report.columns if c.value == doc.field] + _grouped_columns(doc)
    table = Table(title=doc.title, title_justify="left", header_style="bold" if use_color else None,
                  title_style="bold" if use_color else None)
    for column in columns:
        table.add_column(column.header, overflow="fold", max_width=column.max_width,
                         no_wrap=getattr(column, "no_wrap", False) or column.header == "Src",
                         style="bold" if use_color and column.value == doc.field else None)
    for key, found in _groups(doc):
        for j, row in enumerate(found):
            cells = [column.text(row) for column in columns]
            if j:
                cells[0] = ""
            table.add_row(*cells, end_section=j == len(found) - 1)
    console.print(table)
    if doc.cite:
        _rich_sources(console, sources_of(doc.rows), use_color)


def _grouped_markdown(doc: Grouped, stream, color) -> None:
    columns = _grouped_columns(doc)
    stream.write(f"### {doc.title}\n")
    for key, found in _groups(doc):
        stream.write(f"\n#### {key}\n\n")
        markdown_table(columns, found, stream)
    if doc.cite:
        markdown_sources(sources_of(doc.rows), stream)


_GROUPED = {"plain": _grouped_plain, "table": _grouped_table, "markdown": _grouped_markdown}
