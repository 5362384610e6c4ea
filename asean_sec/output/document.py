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

LIST_SEPARATOR = "; "


class Column:
    """One column people see: a header, and a field name or a function of the row.

    `no_wrap`: a short key (a date, a label, a code) that a table never folds; `cut`: shorten it
    with '…' rather than widen it (a tree must keep one line a row).
    """

    def __init__(self, header: str, value, max_width: int | None = None, no_wrap: bool = False,
                 cut: bool = False):
        self.header, self.value, self.max_width = header, value, max_width
        self.no_wrap, self.cut = no_wrap, cut

    def text(self, row: dict) -> str:
        found = self.value(row) if callable(self.value) else row.get(self.value)
        return flat(found)


def keep(column: Column, cut: bool = False) -> Column:
    """`column`, marked as one a table should not wrap (see Column)."""
    column.no_wrap, column.cut = True, cut
    return column


class Report:
    """One section of an answer: rows with stable fields, and how people should see them.

    `single`: one record (JSON is an object; people see "field: value" lines).
    `cite`: people see a numbered list of the rows' sources under them.
    `group_by`: people see the rows under a heading per value of this field.
    """

    def __init__(self, title: str, rows: list[dict], columns: list[Column], single: bool = False,
                 cite: bool = True, empty_message: str = "Nothing matched.", notes: list[str] | None = None,
                 group_by: str | None = None):
        self.title, self.rows, self.columns = title, rows, columns
        self.single, self.cite, self.empty_message = single, cite, empty_message
        self.notes = notes or []
        self.group_by = group_by

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
    document is its first section. `fit`: tables keep their no_wrap columns whole and fit the
    others to the width (the briefing commands); otherwise a piped table is 200 columns wide.
    """

    def __init__(self, parts: list[tuple[str, Report]], compound: bool = False, cite: bool = True,
                 fit: bool = True):
        self.parts, self.compound, self.fit = parts, compound, fit
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


def document(answer, fit: bool = True) -> Document:
    """A Document from what a view returns (a Report or a Document)."""
    if isinstance(answer, Document):
        return answer
    return Document([("", answer)], fit=fit)


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
    """A 'Src' column's text: the row's sources as numbers in the list under the output."""
    where = {ref: i for i, ref in enumerate(refs, 1)}

    def text(row):
        return numbers([where[r] for r in row.get("sources", ()) if r in where])
    return text


def with_src(report: Report, refs: list[str]) -> list[Column]:
    """The report's columns, its Src column renumbered against the whole document's sources."""
    columns = [c for c in report.columns if c.header != "Src"]
    if any(c.header == "Src" for c in report.columns):
        columns.append(Column("Src", cited(refs)))
    return columns


def no_src(report: Report) -> list[Column]:
    return [c for c in report.columns if c.header != "Src"]


def grouped_columns(report: Report, cite: bool) -> list[Column]:
    """A grouped report's columns without the one it is grouped by (and Src when not citing)."""
    columns = [c for c in report.columns if c.value != report.group_by]
    return columns if cite else [c for c in columns if c.header != "Src"]


def source_lines(refs: list[str]) -> str:
    """The numbered list of sources under an answer, one per line: '  [1] https://…'."""
    return "".join(f"  [{i}] {ref}\n" for i, ref in enumerate(refs, 1))
