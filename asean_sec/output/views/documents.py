"""The documents' view.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.output import rows
from asean_sec.output.document import Column, Report, keep
from asean_sec.output.views.common import _acronym, _dated, _derived, _derived_note, _label, _src_column
from asean_sec.questions import documents

# --- documents -----------------------------------------------------------------------------

def documents_report(dataset: Dataset, docs, asked: str = "") -> Report:
    found = []
    for d in docs:
        meeting = dataset.meetings_by_id.get(d.meeting) if d.meeting else None
        body = documents.document_body(dataset, d)
        found.append({
            "id": d.id, "title": d.title, "type": d.type, "date": str(d.date) if d.date else None,
            "place": d.place, "meeting": d.meeting,
            "meeting_label": rows.label_of(dataset, meeting) if meeting else None,
            "mechanism": body, "mechanism_name": _acronym(dataset, body) if body else None,
            "parties": list(d.parties), "party_names": [dataset.country_name(p) for p in d.parties],
            "status": d.status, "in_force": str(d.in_force) if d.in_force else None, "note": d.note,
            "sources": rows.source_refs(dataset, d.sources),
            "derived": list(d.derived),  # "date", "in_force": worked out from the sources, not printed in them
        })
    columns = [
        keep(Column("Date", _dated("date"))),
        Column("Document", "title", ratio=6),
        Column("Type", lambda r: _label(r["type"]), drop=2),
        Column("Adopted at", lambda r: r["meeting_label"] or r["place"] or ""),
        Column("Status", lambda r: f"in force {r['in_force']}{_derived(r, 'in_force')}" if r["in_force"]
               else _label(r["status"] or ""), drop=1),
        _src_column(found),
    ]
    title = f"Documents {asked} — {len(found)}" if asked else f"Documents — {len(found)}"
    return Report(title=title, rows=found, columns=columns, empty_message="No document matches those filters.",
                  row_notes=lambda shown: _derived_note(shown, "date", "in_force"))
