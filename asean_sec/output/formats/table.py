"""table: rich tables for a terminal. rich is imported only here, when a table is drawn.

Every list table is laid out the same way (`layout`): key columns (`no_wrap`: dates, labels,
codes) get their whole width; the others at least their longest word, so rich wraps them
between words and never folds one; spare room goes to the columns that want it, by `ratio`.
When even that is wider than the terminal, the columns with the highest `drop` are left out
(a note under the table says which) rather than cropped.
"""

from __future__ import annotations

import copy
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

PADDING = 3  # a column's borders and padding in rich's default box: "│ x " ; plus 1 for the last border


def write(doc: Document, stream, style) -> None:
    from rich.console import Console

    # the height too: given the width alone, rich takes a dumb terminal for 80 columns
    console = Console(file=stream, force_terminal=style.color, no_color=not style.color,
                      color_system="standard" if style.color else None, highlight=False, width=style.width,
                      height=50, soft_wrap=False, emoji=False, markup=False)
    console.on_broken_pipe = _closed_pipe  # type: ignore[method-assign]  # rich would exit 1 itself; the command ends it quietly
    bold = "bold" if style.color else None
    if doc.compound:
        refs = sources_of(doc.rows)
        for i, (_, report) in enumerate(doc.parts):
            if i:
                console.print()
            if not report.rows:
                console.print(f"{report.title}: {report.empty_message}", style=bold)
            elif report.single:
                console.print(_fields(report, style))
            else:
                _print_list(console, report, with_src(report, refs) if doc.cite else no_src(report), style)
            if report.rows:
                _notes(console, report, style)
        if doc.cite:
            _sources(console, stream, refs, doc.citations, style)
        return
    report = doc.report
    if not report.rows:
        return
    if report.single:
        console.print(_fields(report, style))
    elif report.group_by:
        _print_list(console, report, grouped_columns(report, doc.cite), style, grouped=True)
    else:
        _print_list(console, report, report.columns if doc.cite else no_src(report), style)
    _notes(console, report, style)
    if doc.cite:
        _sources(console, stream, sources_of(report.rows), doc.citations, style)


def _notes(console, report: Report, style) -> None:
    for note in report.notes:  # a note laid out for a wider screen is wrapped afresh, not twice
        wider = any(_cells(line) > style.width for line in note.split("\n"))
        console.print(" ".join(note.split()) if wider else note)


def _closed_pipe() -> None:
    raise BrokenPipeError


def _fields(report: Report, style):
    """A single record as two columns: field names, then values wrapped between words."""
    from rich.table import Table

    table = Table(title=report.title, show_header=False, box=None, title_justify="left",
                  title_style="bold" if style.color else None, pad_edge=False)
    found = [(c.header, c.text(report.rows[0])) for c in report.columns]
    found = [(header, text) for header, text in found if text]
    key = max(len(header) for header, _ in found)
    table.add_column(style="bold cyan" if style.color else None, no_wrap=True, width=key)
    table.add_column(overflow="fold", width=max(style.width - key - 2, 10))
    for header, text in found:
        table.add_row(header, text)
    return table


def _cells(text: str) -> int:
    """Terminal cells the text takes (a CJK character takes two)."""
    if text.isascii() and text.isprintable():  # one cell a character
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _wrap(text: str, width: int, fold: bool = True, size_of=None) -> list[str]:
    """`text` in lines of at most `width` terminal cells, broken between words, as rich wraps a
    column with overflow="fold": a word wider than a line is folded (or, not to `fold`, given a
    line of its own). `size_of` measures a word (terminal cells by default)."""
    size_of = size_of or _cells
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        size = size_of(word)
        while fold and size > width:  # fold: as much as fits, on a line of its own
            if line:
                lines.append(line)
                line, used = "", 0
            cut = len(word)
            while _cells(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            size = size_of(word)
        if line and used + 1 + size > width:
            lines.append(line)
            line, used = word, size
        elif line:
            line, used = f"{line} {word}", used + 1 + size
        else:
            line, used = word, size
    if line or not lines:
        lines.append(line)
    return lines


_BRANCH = "│├└─ "


def _hung(text: str, width: int) -> str:
    """A tree row ('│  ├─ SOMTC WG on Cybercrime') wrapped to `width` under its text, each further
    line behind the branch's continuation ('│  │  Cybercrime')."""
    if _cells(text) <= width:
        return text
    name = text.lstrip(_BRANCH)
    prefix = text[:len(text) - len(name)]
    if not prefix or width - len(prefix) < 8:  # no branch, or no room beside it: wrap as any text
        return text
    carried = prefix[:-3] + {"├─ ": "│  ", "└─ ": "   "}.get(prefix[-3:], prefix[-3:])
    lines = _wrap(name, width - len(prefix))
    return "\n".join([prefix + lines[0]] + [carried + line for line in lines[1:]])


def _words(text: str) -> int:
    return max((_cells(word) for word in text.split()), default=0)


def _hung_words(text: str) -> int:
    """The narrowest a tree row can wrap to: its branch and the widest word of its name (_hung)."""
    name = text.lstrip(_BRANCH)
    return len(text) - len(name) + _words(name)


def layout(columns: list[Column], cells: list[list[str]], width: int, without: frozenset[int] | set[int] = frozenset()
           ) -> tuple[list[int], list[int]]:
    """Which columns to show (their indexes) and how wide, so the table fits `width`."""
    headers = [c.header for c in columns]
    full = [max([_cells(h)] + [_cells(line) for row in cells for line in row[i].split("\n")])
            for i, h in enumerate(headers)]
    full = [min(f, c.max_width) if c.max_width and not c.no_wrap else f for f, c in zip(full, columns)]
    word = [max([_words(h)] + [(_hung_words if c.hang else _words)(row[i]) for row in cells])
            for i, (h, c) in enumerate(zip(headers, columns))]
    least = [min(full[i], 8) if c.cut else full[i] if c.no_wrap and not c.hang
             else max(min(full[i], word[i]), c.min_width)
             for i, c in enumerate(columns)]
    kept = [i for i in range(len(columns)) if i not in without]

    def needed(indexes, floor):
        return sum(floor[i] for i in indexes) + PADDING * len(indexes) + 1

    droppable = sorted((i for i in kept if columns[i].drop), key=lambda i: -columns[i].drop)
    while needed(kept, least) > width and droppable:
        kept.remove(droppable.pop(0))
    deficit = needed(kept, least) - width
    for i in sorted(kept, key=lambda i: -least[i]):  # the widest keys wrap between words, not cropped
        if deficit <= 0:
            break
        cut = min(deficit, least[i] - max(word[i], columns[i].min_width, 1))
        if cut > 0:
            least[i] -= cut
            deficit -= cut
    while needed(kept, least) > width and len(kept) > 1:  # still too wide: the last columns go
        kept.pop(max(range(len(kept)), key=lambda k: (columns[kept[k]].header != "Src", k)))
    widths = {i: least[i] for i in kept}
    room = width - needed(kept, least)
    while room > 0:
        wanting = [i for i in kept if widths[i] < full[i]]
        if not wanting:
            break
        weight = sum(columns[i].ratio for i in wanting) or 1
        given = 0
        for i in wanting:
            extra = min(full[i] - widths[i], max(1, room * columns[i].ratio // weight), room - given)
            widths[i] += extra
            given += extra
        room -= given
        if not given:
            break
    return kept, [widths[i] for i in kept]


def _height(cells: list[list[str]], kept: list[int], widths: list[int]) -> int:
    """The most lines any record takes (rich wraps between words; a word is never wider than its
    column here, see layout)."""
    most = 1
    for row in cells:
        for i, w in zip(kept, widths):
            lines = sum(len(_wrap(part, w, fold=False, size_of=len)) if len(part) > w else 1
                        for part in row[i].split("\n"))
            most = max(most, lines)
    return most


def _shortened(text: str, width: int, lines: int) -> str:
    """`text` (parts on lines of their own) as at most `lines` lines of `width`, cut between words
    and ending with ' …' when anything is left out."""
    wrapped = [(n, line) for n, part in enumerate(text.split("\n"))
               for line in _wrap(part, width, fold=False, size_of=len)]
    if len(wrapped) <= lines:
        return text
    kept = wrapped[:lines]
    n, last = kept[-1]
    while _cells(last + " …") > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    kept[-1] = (n, last + " …")
    parts: dict[int, list[str]] = {}
    for n, line in kept:
        parts.setdefault(n, []).append(line)
    return "\n".join(" ".join(found) for found in parts.values())


def _stacked(columns: list[Column], cells: list[list[str]]) -> tuple[list[Column], list[list[str]]]:
    """Each `stack` column's text moved under the previous column's, in the same cell."""
    out_columns: list[Column] = []
    out_cells: list[list[str]] = [[] for _ in cells]
    for i, column in enumerate(columns):
        if column.stack and out_columns:
            joined = out_columns[-1]
            key = max((_cells(line) for out in out_cells for line in out[-1].split("\n")), default=0)
            out_columns[-1] = Column(f"{joined.header} / {column.header}", joined.value,
                                     ratio=joined.ratio + column.ratio, shorten=joined.shorten or column.shorten,
                                     min_width=max(joined.min_width, key if joined.no_wrap else 0))
            for row, out in zip(cells, out_cells):
                out[-1] = "\n".join(t for t in (out[-1], row[i]) if t)
            continue
        out_columns.append(column)
        for row, out in zip(cells, out_cells):
            out.append(row[i])
    return out_columns, out_cells


def _print_list(console, report: Report, columns: list[Column], style, grouped: bool = False) -> None:
    from rich.table import Table

    columns = shown(columns, report.rows)
    cells = [[c.text(row) for c in columns] for row in report.rows]
    kept, widths = layout(columns, cells, style.width)
    most = 2 if style.width >= 100 else 3
    if any(c.stack for c in columns) and (_height(cells, kept, widths) > most or len(kept) < len(columns)):
        columns, cells = _stacked(columns, cells)
        kept, widths = layout(columns, cells, style.width)
        if _height(cells, kept, widths) > most:  # the stacked key on one line costs a record a line: let it wrap
            loose = [copy.copy(c) for c in columns]
            for column in loose:
                column.min_width = 0
            kept_loose, widths_loose = layout(loose, cells, style.width)
            if _height(cells, kept_loose, widths_loose) < _height(cells, kept, widths):
                columns, kept, widths = loose, kept_loose, widths_loose
    spare = sorted((i for i in kept if columns[i].drop), key=lambda i: -columns[i].drop)
    while spare and _height(cells, kept, widths) > most:  # too tall: leave out what matters least
        dropped = spare.pop(0)
        kept, widths = layout(columns, cells, style.width, without={dropped} | set(range(len(columns))) - set(kept))
    cut = False  # some long text ended with ' …' to keep each record to a few lines
    if _height(cells, kept, widths) > most and any(columns[i].shorten for i in kept):
        # the last resort: source numbers on one line, long text cut between words with ' …'
        left_out = set(range(len(columns))) - set(kept)
        cells = [[text.replace(", ", ",") if columns[i].header == "Src" else text for i, text in enumerate(row)]
                 for row in cells]
        kept, widths = layout(columns, cells, style.width, without=left_out)
        for i, w in zip(kept, widths):
            if columns[i].shorten:
                for row in cells:
                    whole = row[i]
                    row[i] = _shortened(whole, w, most)
                    cut = cut or row[i] != whole
    for i, w in zip(kept, widths):
        if columns[i].hang:
            for row in cells:
                row[i] = _hung(row[i], w)
    table = Table(title=report.title, title_justify="left", header_style="bold" if style.color else None,
                  title_style="bold" if style.color else None)
    for i, w in zip(kept, widths):
        column = columns[i]
        wide = any(_cells(line) > w for row in cells for line in row[i].split("\n"))
        header_fits = _cells(column.header) <= w
        if wide and header_fits and not column.cut:
            # wrapped here as rich would (see _wrap, which folds a word wider than the column), so
            # rich only lays the lines out: its own wrapping of every cell costs more than the rest
            for row in cells:
                row[i] = "\n".join(line for part in row[i].split("\n") for line in _wrap(part, w))
            wide = False
        table.add_column(column.header, width=w, no_wrap=column.cut or (header_fits and not wide),
                         overflow="ellipsis" if column.cut else "fold")
    ends = set()
    if grouped:
        position = 0
        for _, found in report.groups():
            position += len(found)
            ends.add(position - 1)
    for n, row in enumerate(cells):
        table.add_row(*(row[i] for i in kept), end_section=n in ends)
    console.print(table)
    left_out = [columns[i].header for i in range(len(columns)) if i not in kept]
    if left_out:
        console.print(f"(Not shown at this width: {', '.join(left_out)}; --format plain shows every column.)",
                      style="dim" if style.color else None)
    if cut:
        console.print("(Text ending in '…' is shortened at this width; --format plain shows it whole.)",
                      style="dim" if style.color else None)


def _sources(console, stream, refs: list[str], citations: Mapping, style) -> None:
    """Each source's title, publisher and date (wrapped between words under its number), then
    its URL whole on a line of its own: written as it is, not through rich, since a URL folded
    at the terminal's width breaks when copied."""
    if not refs:
        return
    console.print("Sources:", style="bold" if style.color else None)
    for line in source_lines(refs, citations).splitlines():
        if _cells(line) <= style.width or (line.startswith("      ") and " " not in line.strip()):
            stream.write(line + "\n")  # fits, or a URL: whole
            continue
        if line.startswith("      "):  # a document named in words, not a URL: wrapped between them
            stream.write("\n".join("      " + text for text in _wrap(line.strip(), style.width - 6, fold=False,
                                                                       size_of=len)) + "\n")
            continue
        number, label = line.split("] ", 1)
        indent = " " * (len(number) + 2)
        wrapped = _wrap(label, style.width - len(indent))
        stream.write("\n".join((f"{number}] " if n == 0 else indent) + text for n, text in enumerate(wrapped)) + "\n")
