"""Instruments and statements, filtered by body, type, country and period.
"""

from __future__ import annotations

import datetime as dt

from asean_sec.model.dataset import Dataset
from asean_sec.model.dates import PartialDate
from asean_sec.model.kinds import Document
from asean_sec.model.record import replace
from asean_sec.questions.common import starts_after


def documents(dataset: Dataset, as_of: dt.date, *, mechanism: str | None = None, doc_type: str | None = None,
              year: int | None = None, party: str | None = None) -> list[Document]:
    """Instruments and statements, oldest first, each as seen on `as_of` (see `as_seen`): one dated
    after `as_of`, or undated and adopted at a meeting held after it, is left out. A body matches the
    documents it adopted itself or at one of its meetings; a country those whose parties (signatories
    that ratified, acceding states) it was among on `as_of`."""
    found = []
    for doc in dataset.documents.values():
        seen = as_seen(dataset, doc, as_of)
        if seen is None:
            continue
        doc = seen
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


def as_seen(dataset: Dataset, doc: Document, as_of: dt.date) -> Document | None:
    """`doc` as it stood on `as_of`: None when it did not exist yet (dated later, or undated and adopted
    at a meeting that began later); else without the parties whose own ratification or accession is dated
    later, and, when it entered into force later, without that date and 'signed' where it says 'in force'.
    A party with no date of its own is kept once the instrument is in force (the sources do not say when it
    joined), but not before: a state listed as ratifying a treaty not yet in force would be a guess."""
    when = doc.date
    if when is None and doc.meeting:
        meeting = dataset.raw_record("meetings", doc.meeting)  # one record, without building every meeting
        when = PartialDate.parse(str(meeting["start"])) if meeting and meeting.get("start") else None
    if starts_after(when, as_of):
        return None
    later = {party for party, day in doc.party_dates if starts_after(day, as_of)}
    in_force_later = starts_after(doc.in_force, as_of)
    if in_force_later:
        later |= set(undated_parties(doc))
    if not later and not in_force_later:
        return doc
    return replace(doc, parties=tuple(p for p in doc.parties if p not in later),
                   party_dates=tuple((p, day) for p, day in doc.party_dates if p not in later),
                   in_force=None if in_force_later else doc.in_force,
                   status=_before_in_force(doc.status) if in_force_later else doc.status)


def undated_parties(doc: Document) -> list[str]:
    """Its parties whose own ratification or accession has no day on record."""
    dated = {party for party, _ in doc.party_dates}
    return [party for party in doc.parties if party not in dated]


def _before_in_force(status: str | None) -> str | None:
    """A document's status on a day before it entered into force: 'signed' where the record says 'in force'."""
    return "signed" if status == "in_force" else status


def bound_as_of(treaties: list[dict], as_of: dt.date) -> list[dict]:
    """A country's instruments (`Dataset.treaties_of`) as they stood on `as_of`: none it joined later,
    none dated later; one that entered into force later shows no entry into force, and is left out when
    the country's own ratification has no day on record (as_seen)."""
    found = []
    for row in treaties:
        if any(row[key] and starts_after(PartialDate.parse(row[key]), as_of) for key in ("date", "party_date")):
            continue
        if row["in_force"] and starts_after(PartialDate.parse(row["in_force"]), as_of):
            if not row["party_date"]:
                continue
            row = {**row, "in_force": None, "status": _before_in_force(row["status"])}
        found.append(row)
    return found
