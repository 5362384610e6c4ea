"""csv and tsv: a header row, then a row per record; lists of plain values joined with "; ";
nested values, such as a meeting's participants, as JSON text in the cell, so nothing is lost.
A compound document's rows carry a `section` field and the union of its sections' fields."""

from __future__ import annotations

from asean_sec.output.document import Document, flat


def write_csv(doc: Document, stream, style) -> None:
    _write(doc, stream, ",")


def write_tsv(doc: Document, stream, style) -> None:
    _write(doc, stream, "\t")


def cell(value) -> str:
    """A field value for a CSV/TSV cell: a dict, or a list holding dicts or lists, as JSON text
    (as sqlite-utils stores them), so nothing is lost; anything else as flat() writes it."""
    if isinstance(value, dict) or (isinstance(value, (list, tuple))
                                   and any(isinstance(v, (dict, list, tuple)) for v in value)):
        from asean_sec.output import jsonout

        return jsonout.dumps(value)
    return flat(value)


def _cell(value) -> str:
    """flat(), and a record without a title or name as its values: '2004, held, rotation'."""
    if isinstance(value, dict) and not flat(value):
        return ", ".join(str(v) for v in value.values() if isinstance(v, (str, int)) and v is not None)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return flat(value)


def _write(doc: Document, stream, delimiter: str) -> None:
    import csv

    if delimiter == "\t":  # TSV as IANA defines it: no quoting (a tab or a line break in a value is a space)
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_NONE,
                            quotechar=None, escapechar=None)
    else:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
    if doc.compound:
        names = ["section"]
        for _, report in doc.parts:
            for row in report.rows:
                names += [n for n in row if n not in names]
        lines = [[key] + [_cell(row.get(n)) for n in names[1:]] for key, report in doc.parts for row in report.rows]
    else:
        found = doc.report.rows
        if not found:
            return
        names = list(found[0])
        lines = [[cell(row[name]) for name in names] for row in found]
    writer.writerow([n.replace("\t", " ") for n in names] if delimiter == "\t" else names)
    for cells in lines:
        if delimiter == "\t":
            cells = [c.replace("\t", " ").replace("\r", " ").replace("\n", " ") for c in cells]
        writer.writerow(cells)
