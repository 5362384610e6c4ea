"""json: one document. A list answer is an array, a single record an object (null when none);
a compound document one object with a key per section and `sources`, every source shown."""

from __future__ import annotations

from asean_sec.output import jsonout
from asean_sec.output.document import Document, sources_of


def write(doc: Document, stream, style) -> None:
    if doc.compound:
        payload: object = {key: (report.rows[0] if report.rows else None) if report.single else report.rows
                           for key, report in doc.parts}
        payload["sources"] = sources_of(doc.rows)  # type: ignore[index]
    elif doc.report.single:
        payload = doc.report.rows[0] if doc.report.rows else None
    else:
        payload = doc.report.rows
    stream.write(jsonout.dumps(payload, indent=2) + "\n")
