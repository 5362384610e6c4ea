"""The documents' view.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.output import rows
from asean_sec.output.document import Column, Report, keep
from asean_sec.output.views.common import (
    ADOPTED,
    _acronym,
    _dated,
    _derived,
    _derived_note,
    _label,
    _outcome_mark,
    _src_column,
)
from asean_sec.questions import documents

# --- documents -----------------------------------------------------------------------------

def _document_row(dataset: Dataset, d) -> dict:
    meeting = dataset.meetings_by_id.get(d.meeting) if d.meeting else None
    body = documents.document_body(dataset, d)
    joined = {party: str(day) for party, day in d.party_dates}
    return {
        "id": d.id, "title": d.title, "type": d.type, "date": str(d.date) if d.date else None,
        "place": d.place, "meeting": d.meeting,
        "meeting_label": rows.label_of(dataset, meeting) if meeting else None,
        "mechanism": body, "mechanism_name": _acronym(dataset, body) if body else None,
        "parties": list(d.parties), "party_names": [dataset.country_name(p) for p in d.parties],
        "status": d.status, "in_force": str(d.in_force) if d.in_force else None, "note": d.note,
        "sources": rows.source_refs(dataset, d.sources),
        "derived": list(d.derived),  # "date", "in_force": worked out from the sources, not printed in them
        # when each party ratified or acceded, where a source gives it (the others: null)
        "party_dates": [{"country": p, "country_name": dataset.country_name(p), "date": joined.get(p)}
                        for p in d.parties],
    }


def document_report(dataset: Dataset, d, as_of=None) -> Report:
    """One document on one screen: title, type, when and where adopted, by which meeting, its parties
    (each with the day it ratified or acceded, where known), status and entry into force, note, sources.
    JSON: the `documents` fields. Seen from a day before the data's own (`as_of`), what the record cannot
    date is said: a party with no day of its own, an entry into force with no day."""
    past = as_of is not None and dataset.before_its_date(as_of)

    def parties(r):
        return "; ".join(f"{p['country_name'] or p['country']}" + (f" ({p['date']})" if p["date"] else "")
                         for p in r["party_dates"])

    def status(r):
        words = _label(r["status"] or "")
        if r["status"] == "in_force" and not r["in_force"]:
            words += " (the day it entered into force is not on record" + (
                f": it may not yet have been in force on {as_of})" if past else ")")
        return words

    columns = [
        Column("Document", "title"),
        Column("Type", lambda r: _label(r["type"])),
        Column("Date", _dated("date")),
        Column("Place", "place"),
        Column("Adopted at", lambda r: r["meeting_label"] if r["status"] in ADOPTED else ""),
        # a meeting it is recorded at whose adoption the record does not give
        Column("At meeting", lambda r: (r["meeting_label"] + _outcome_mark(r["status"]))
               if r["meeting_label"] and r["status"] not in ADOPTED else ""),
        Column("Body", "mechanism_name"),
        Column("Parties", parties),
        Column("Status", status),
        Column("In force", _dated("in_force")),
        Column("Note", "note"),
    ]
    found = [_document_row(dataset, d)]
    notes = _derived_note(found, "date", "in_force")
    undated = [p["country_name"] or p["country"] for p in found[0]["party_dates"] if not p["date"]]
    if past and undated:
        notes.append(f"Seen from {as_of}: {len(undated)} of its parties have no day of ratification or accession "
                     "on record and are listed as parties on any day; some may have joined later.")
    whole = dataset.document(d.id)
    if past and whole is not None and whole.in_force and not d.in_force:
        left = len(documents.undated_parties(whole))
        if left:
            notes.append(f"Seen from {as_of}: not yet in force; the {left} parties whose day of ratification or "
                         "accession is not on record are not listed (some may have ratified by then).")
    return Report(title=d.title, rows=found, columns=columns, single=True, notes=notes)


def documents_report(dataset: Dataset, docs, asked: str = "") -> Report:
    found = [_document_row(dataset, d) for d in docs]
    label = min(15, max((len(r["meeting_label"]) for r in found if r["meeting_label"]), default=0))
    columns = [
        keep(Column("Date", _dated("date"))),
        Column("Document", "title", ratio=6),
        Column("Type", lambda r: _label(r["type"]), drop=2),
        # a meeting's label whole ('ASEAN Summit 13'), where the width allows it; a place may wrap
        Column("Meeting or place", lambda r: (r["meeting_label"] + _outcome_mark(r["status"])) if r["meeting_label"]
               else r["place"] or "", min_width=label, max_width=max(label, 15) if label else None),
        Column("Status", lambda r: f"in force {r['in_force']}{_derived(r, 'in_force')}" if r["in_force"]
               else _label(r["status"] or ""), drop=1),
        _src_column(found),
    ]
    title = f"Documents {asked} — {len(found)}" if asked else f"Documents — {len(found)}"
    return Report(title=title, rows=found, columns=columns, empty_message="No document matches those filters.",
                  row_notes=lambda shown: _derived_note(shown, "date", "in_force"))
