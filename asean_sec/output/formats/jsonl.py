"""jsonl: one record a line; in a compound document each with a `section` field."""

from __future__ import annotations

from asean_sec.output import jsonout
from asean_sec.output.document import Document


def write(doc: Document, stream, style) -> None:
    for key, report in doc.parts:
        for row in report.rows:
            stream.write(jsonout.dumps({"section": key, **row} if doc.compound else row) + "\n")
