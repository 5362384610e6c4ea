"""Instruments and statements, filtered by body, type, country and period.
"""

from __future__ import annotations

import datetime as dt

from asean_sec.model.dataset import Dataset
from asean_sec.model.kinds import Document
from asean_sec.questions.common import starts_after


def documents(dataset: Dataset, as_of: dt.date, *, mechanism: str | None = None, doc_type: str | None = None,
              year: int | None = None, party: str | None = None) -> list[Document]:
    """Instruments and statements, oldest first; a document dated after `as_of` is left out.
    A body matches the documents it adopted itself or at one of its meetings; a country those
    whose parties (signatories that ratified, acceding states) it is among."""
    found = []
    for doc in dataset.documents.values():
        if starts_after(doc.date, as_of):
            continue
        if mechanism and document_body(dataset, doc) != mechanism:
            continue
        if doc_type and doc.type != doc_type:
            continue
        if year is not None and (doc.date is None or doc.date.year != year):
            continue
        if party and party not in doc.parties:
            continue
        found.append(doc)
    return sorted(found, key=lambda d: (d.date.sort_key() if d.date else (9999, 0, 0), d.title.casefold()))


def document_body(dataset: Dataset, doc: Document) -> str | None:
    if doc.mechanism:
        return doc.mechanism
    meeting = dataset.meetings_by_id.get(doc.meeting) if doc.meeting else None
    return meeting.mechanism if meeting else None
