"""The one document model every command answers with, and every format writes.

A `Document` is one or several sections, each a `Report`: rows with stable field names, and the
columns people see. A document of one plain section is a single answer (JSON: the rows, or the
record for a `single` report); a `compound` document is a dossier or a profile (JSON: one
object with a key per section and `sources`; jsonl and csv/tsv carry a `section` field on every
row). A report with `group_by` is a listing people see under a heading per value of that field
(the timeline's years); machine formats get its plain rows.

Nothing here imports rich: the formats (output/formats/) do, when they draw a table.
"""

from __future__ import annotations

from collections.abc import Mapping

LIST_SEPARATOR = "; "


class Column:
    """One column people see: a header, and a field name or a function of the row.

    How a table lays it out: `no_wrap`, a short key (a date, a label, a code) kept whole on one
    line; `cut`, shortened with '…' rather than wrapped (a tree keeps one line a row); others
    wrap between words, never inside one. `max_width` caps it, `ratio` weighs its share of
    spare room. `drop`: when a table cannot fit, columns with the highest `drop` go first (0:
    never). `hide_zero`: a count not worth a column when it is 0 in every row. `stack`: when
    the table would take too many lines a record, this column's text goes under the previous
    column's, in its cell, rather than in a column of its own. `shorten`: long text (a title in a
    list) that, as a last resort, a table ends with ' …' after as many lines as a record may take;
    the other formats keep it whole. `min_width`: a table gives it at least this many cells (a key
    with another column stacked under it stays on one line). `hang`: the text follows a tree's
    branch ('│  ├─ '); a table that must wrap it continues it under the text, the branch's line
    carried down ('│  │  '), so the tree stays whole.
    """

    def __init__(self, header: str, value, max_width: int | None = None, no_wrap: bool = False,
                 cut: bool = False, ratio: int = 1, drop: int = 0, hide_zero: bool = False, stack: bool = False,
                 shorten: bool = False, min_width: int = 0, hang: bool = False):
        self.header, self.value, self.max_width = header, value, max_width
        self.no_wrap, self.cut, self.ratio, self.drop, self.hide_zero = no_wrap, cut, ratio, drop, hide_zero
        self.stack, self.shorten, self.min_width, self.hang = stack, shorten, min_width, hang

    def text(self, row: dict) -> str:
        found = self.value(row) if callable(self.value) else row.get(self.value)
        return flat(found)


def keep(column: Column, cut: bool = False) -> Column:
    """`column`, marked as one a table should not wrap (see Column)."""
    column.no_wrap, column.cut = True, cut
    return column


def shown(columns: list[Column], found: list[dict]) -> list[Column]:
    """The columns worth showing: none empty in every row (or 0 in every row, if `hide_zero`)."""
    if not found:
        return columns
    blank = ("", "0")
    return [c for c in columns
            if any(c.text(r) not in (blank if c.hide_zero else ("",)) for r in found)]


class Report:
    """One section of an answer: rows with stable fields, and how people should see them.

    `single`: one record (JSON is an object; people see "field: value" lines).
    `cite`: people see a numbered list of the rows' sources under them.
    `group_by`: people see the rows under a heading per value of this field.
    `for_people`: another Report people see instead (table, plain, markdown), while machine
    formats get these rows (the rotation: a grid for people, a row per year and body for machines).
    `calendar`: which events `ics` makes of the rows ("meetings" or "upcoming").
    `row_notes`: notes that hold only when some row needs them (a marker's meaning): a function of
    the rows, asked again when the rows are cut (--limit), so a note never explains what is not shown.
    """

    def __init__(self, title: str, rows: list[dict], columns: list[Column], single: bool = False,
                 cite: bool = True, empty_message: str = "Nothing matched.", notes: list[str] | None = None,
                 group_by: str | None = None, calendar: str = "meetings", row_notes=None):
        self.title, self.rows, self.columns = title, rows, columns
        self.single, self.cite, self.empty_message = single, cite, empty_message
        self.row_notes = row_notes
        self.notes = (notes or []) + (row_notes(rows) if row_notes else [])
        self.group_by, self.calendar = group_by, calendar
        self.for_people: Report | None = None

    def keep_rows(self, rows: list[dict]) -> None:
        """Show `rows` (the list reversed or cut): notes that only the left-out rows needed go with
        them, and the Src column is numbered for the rows kept, as the sources under them are."""
        if self.row_notes:
            before = self.row_notes(self.rows)
            self.notes = [n for n in self.notes if n not in before] + self.row_notes(rows)
        self.rows = rows
        self.columns = [src_column(sources_of(rows)) if c.header == "Src" else c for c in self.columns]

    def groups(self) -> list[tuple[object, list[dict]]]:
        """The rows in runs of one `group_by` value: [(value, rows), …]."""
        found: list[tuple[object, list[dict]]] = []
        for row in self.rows:
            if not found or found[-1][0] != row[self.group_by]:
                found.append((row[self.group_by], []))
            found[-1][1].append(row)
        return found


class Document:
    """What a command answers: one or several sections (key, Report).

    `compound`: the sections are the parts of one dossier (see the module's note); otherwise the
    document is its first section. `citations`: source reference -> the Source record, for
    the list people read under the answer (title, publisher, date, then the URL). `stamp`: the day
    the data was last checked (its as-of date), which a calendar gives as each event's DTSTAMP.
    """

    def __init__(self, parts: list[tuple[str, Report]], compound: bool = False, cite: bool = True):
        self.parts, self.compound = parts, compound
        self.citations: Mapping = {}
        self.stamp: str | None = None
        self.cite = cite and all(report.cite for _, report in parts)
        self.title = parts[0][1].title if parts else ""
        first = parts[0][1] if parts else None
        self.empty_message = first.empty_message if first and not compound else "Nothing matched."

    @property
    def report(self) -> Report:
        """The first section (the whole answer of a document that is not compound)."""
        return self.parts[0][1]

    @property
    def rows(self) -> list[dict]:
        return [row for _, report in self.parts for row in report.rows]


def document(answer) -> Document:
    """A Document from what a view returns (a Report or a Document)."""
    if isinstance(answer, Document):
        return answer
    return Document([("", answer)])


def sections(parts: list[tuple[str, Report]]) -> Document:
    """A dossier or a profile: a summary record, then its lists."""
    return Document(parts, compound=True)


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
    """A 'Src' column's text: the row's sources as numbers in the list under the output, sorted,
    in ranges ('3, 21-24': a table may wrap it between numbers)."""
    where = {ref: i for i, ref in enumerate(refs, 1)}

    def text(row):
        return numbers([where[r] for r in row.get("sources", ()) if r in where]).replace(",", ", ")
    return text


def src_column(refs: list[str]) -> Column:
    """The Src column: each row's sources as their numbers in `refs`, the list under the answer."""
    return Column("Src", cited(refs), ratio=0)


def with_src(report: Report, refs: list[str]) -> list[Column]:
    """The report's columns, its Src column renumbered against the whole document's sources."""
    columns = [c for c in report.columns if c.header != "Src"]
    if any(c.header == "Src" for c in report.columns):
        columns.append(src_column(refs))
    return columns


def no_src(report: Report) -> list[Column]:
    return [c for c in report.columns if c.header != "Src"]


def grouped_columns(report: Report, cite: bool) -> list[Column]:
    """A grouped report's columns without the one it is grouped by (and Src when not citing)."""
    columns = [c for c in report.columns if c.value != report.group_by]
    return columns if cite else [c for c in columns if c.header != "Src"]


def source_lines(refs: list[str], citations: Mapping | None = None) -> str:
    """The numbered list of sources under an answer: '  [1] Title — Publisher — date', then the
    URL whole on a line of its own (copyable); a source not described is its URL alone."""
    out = []
    for i, ref in enumerate(refs, 1):
        label = citation_label((citations or {}).get(ref))
        out.append(f"  [{i}] {label}\n      {ref}\n" if label else f"  [{i}] {ref}\n")
    return "".join(out)


def citation_label(source) -> str:
    """'Title — Publisher — 2024-08-21' of a Source record ('' when it has none of them)."""
    if source is None:
        return ""
    return " — ".join(p for p in (source.title, source.publisher, source.published) if p)
