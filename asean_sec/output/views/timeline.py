"""The timeline's view: events grouped by year.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.output import rows
from asean_sec.output.document import Column, Report, keep
from asean_sec.output.views.common import (
    _compact_span,
    _derived,
    _derived_note,
    _inferred_note,
    _label,
    _meeting_chair,
    _place,
    _src_column,
)
from asean_sec.questions import documents, timeline

# --- timeline ------------------------------------------------------------------------------


def _event_row(dataset: Dataset, event: timeline.Event) -> dict:
    r, kind = event.record, event.kind
    name, person = dataset.country_name, dataset.person_name
    row = {"year": event.date.year, "date": str(event.date), "end": None, "kind": kind, "id": None, "text": "",
           "mechanism": None, "country": None, "upcoming": event.upcoming, "sources": []}
    basis = None  # a meeting's chair_basis
    if kind == "meeting":
        m = rows.meeting_row(dataset, r)
        basis = m["chair_basis"]
        chair = _meeting_chair(m)
        row.update(id=r.id, mechanism=r.mechanism, country=r.host,
                   text=", ".join(p for p in (rows.meeting_label(m), _place(m)) if p)
                   + (f"; {'chair' if m['chair_country_name'] else 'co-chairs'} {chair}" if chair else ""),
                   end=m["end"])
    elif kind == "document":
        body = documents.document_body(dataset, r)
        meeting = dataset.meetings_by_id.get(r.meeting) if r.meeting else None
        at = (rows.label_of(dataset, meeting) if meeting else r.place)
        # the document's date is the day it was signed or adopted; entering into force is an event of its own
        done = "signed" if r.status == "in_force" else r.status
        verb = f"{done.replace('_', ' ').capitalize()}: " if done else ""
        row.update(id=r.id, mechanism=body, text=f"{verb}{r.title} ({_label(r.type)}{', ' + at if at else ''})")
    elif kind == "in_force":
        row.update(id=r.id, mechanism=documents.document_body(dataset, r), text=f"In force: {r.title} ({_label(r.type)})")
    elif kind == "chair":
        extra = "" if r.basis == "rotation" else f", {_label(r.basis)}"
        # a chair after the day asked is not yet 'held': its row says it is to come, not both
        status = "" if event.upcoming and r.status == "held" else r.status
        detail = ", ".join(p for p in (status, extra.lstrip(", ")) if p)
        row.update(mechanism="asean", country=r.country,
                   text=f"ASEAN chair: {name(r.country)}" + (f" ({detail})" if detail else ""))
    elif kind == "founded":
        doc = dataset.documents.get(r.founding_document) if r.founding_document else None
        row.update(id=r.id, mechanism=r.id, text=f"{r.acronym} founded" + (f" ({doc.title})" if doc else ""))
    elif kind == "joined":
        row.update(id=r.id, country=r.id, text=f"{r.name} joins ASEAN")
    elif kind in ("office_start", "office_end"):
        verb = "takes office as" if kind == "office_start" else "leaves office as"
        of = f" ({name(r.country)})" if r.country else ""  # an office of ASEAN's own (its Secretary-General) has none
        row.update(id=r.person, country=r.country, text=f"{person(r.person)} {verb} {r.title}{of}")
    elif kind == "role":
        row.update(mechanism=r.mechanism, country=r.country,
                   text=f"{name(r.country)}: {_label(r.role)}, {r.subject}")
    row["sources"] = rows.source_refs(dataset, r.sources)
    dated_by = _DATED_BY.get(kind, ())  # the record's fields this event's dates come from
    row["derived"] = ["date"] if any(f in getattr(r, "derived", ()) for f in dated_by) else []
    # a meeting's chair_basis ("stated" or "rule": its chair inferred, marked in the text), else None
    row["chair_basis"] = basis
    return row


_DATED_BY = {"meeting": ("start", "end"), "document": ("date",), "in_force": ("in_force",),
             "office_start": ("start",), "office_end": ("end",)}


def timeline_report(dataset: Dataset, events: list[timeline.Event], asked: str = "", as_of=None) -> Report:
    found = [_event_row(dataset, e) for e in events]
    # after a past day asked: what the data records since, not what was foreseen on that day
    after = " (recorded later)" if as_of is not None and dataset.before_its_date(as_of) else " (upcoming)"
    columns = [
        keep(Column("Year", "year")),
        keep(Column("Date", lambda r: _compact_span(r["date"], r["end"]) + _derived(r, "date"))),
        Column("Kind", lambda r: _label(r["kind"]), drop=1),
        Column("Event", lambda r: r["text"] + (after if r["upcoming"] else ""), ratio=4, shorten=True),
        _src_column(found),
    ]
    years = sorted({r["year"] for r in found})
    title = f"Timeline {asked}".rstrip() + f" — {len(found)} event{'s' if len(found) != 1 else ''}"
    if years:
        title += f", {years[0]}–{years[-1]}" if len(years) > 1 else f", {years[0]}"
    return Report(title=title, rows=found, columns=columns, empty_message="No event matches those filters.",
                  group_by="year", row_notes=lambda shown: _inferred_note(shown) + _derived_note(shown, "date"))
