"""Looking across and ahead: the rotation grid and the list of what is coming up.

The rotation's rows are one per year and body (the `chair` fields); people see a grid, years
down and bodies across, each cell a country code and a status letter, with a legend. Upcoming
rows are one per event, in date order; `ics` makes them a calendar.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.output import rows
from asean_sec.output.document import Column, Report, keep
from asean_sec.output.views.common import _compact_span, _derived, _derived_note
from asean_sec.questions.upcoming import OVERDUE

STATUS_LETTERS = {"held": "h", "confirmed": "c", "projected": "p", "inferred": "i", "attested": "a", "later": "l"}
LEGEND = ("h held (its year has begun, or is over) · c confirmed by a source · p projected by the Charter's rotation · "
          "i inferred from a rule (the body follows another chair, or rotates) · a attested, undated · "
          "l recorded later (seen from an earlier --as-of: known from later pages) · — not known")
WIDTH = 78
# Column headers short enough for 80 columns; a body not named here is headed by its acronym.
SHORT_HEADERS = {"admm-plus": "ADMM+", "aseanapol": "APOL"}


def _code(dataset: Dataset, country: str | None) -> str:
    record = dataset.countries.get(country) if country else None
    return (record.iso2 or record.id.upper()) if record else (country or "").upper()


def _header(dataset: Dataset, body: str) -> str:
    mechanism = dataset.mechanisms.get(body)
    return SHORT_HEADERS.get(body) or (mechanism.acronym if mechanism else body.upper())


def rotation_report(dataset: Dataset, answers, bodies: list[str], years: range, cite: bool = True) -> Report:
    """Rows for machines (one per year and body); people see `for_people`, the grid (with a line on
    the sources under it when they are shown: `cite`)."""
    found = [rows.chair_row(dataset, answer) for answer in answers]
    report = Report(title=f"Chairs {years.start}-{years.stop - 1}", rows=found, columns=[
        Column("Year", "year"), Column("Body", "mechanism_name"), Column("Chair", "country_name"),
        Column("Status", "status"), Column("Basis", "basis")],
        empty_message="No year or body to show.")
    cells: dict[int, dict] = {}
    for row in found:
        line = cells.setdefault(row["year"], {"year": row["year"]})
        letter = STATUS_LETTERS.get(row["status"])
        line[row["mechanism"]] = f"{_code(dataset, row['country'])} {letter}" if row["country"] and letter else "—"
    columns = [Column("Year", "year")] + [Column(_header(dataset, b), b) for b in bodies]
    names = [f"{_header(dataset, b)} = {dataset.mechanisms[b].acronym}" for b in bodies
             if b in dataset.mechanisms and _header(dataset, b) != dataset.mechanisms[b].acronym]
    codes = sorted({(_code(dataset, r["country"]), r["country_name"]) for r in found if r["country"]})
    notes = [LEGEND]
    if names:
        notes.append("; ".join(names))
    if codes:
        notes.append(" · ".join(f"{code} {name}" for code, name in codes))
    if cite:
        notes.append("Sources below: those of the cells not marked h (a chair confirmed, projected, inferred or "
                     "attested); --format json gives every cell's.")
    grid_rows = list(cells.values())
    for line in grid_rows:
        line["sources"] = []
    for row in found:
        if row["status"] not in ("held", "unknown"):
            line = cells[row["year"]]
            line["sources"] += [ref for ref in row["sources"] if ref not in line["sources"]]
    report.for_people = Report(title=report.title, rows=grid_rows, columns=columns, notes=[_wrap(n) for n in notes])
    return report


def _wrap(text: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, WIDTH))


# --- upcoming ------------------------------------------------------------------------------

KIND_LABELS = {"meeting": "meeting", "chair_handover": "chair", "term_end": "term ends",
               "entry_into_force": "in force"}


def upcoming_report(dataset: Dataset, events, until) -> Report:
    found = [_event_row(dataset, event) for event in events]
    columns = [
        keep(Column("Date", lambda r: _compact_span(r["date"], r.get("end")) + _derived(r, "date"))),
        Column("What", lambda r: KIND_LABELS.get(r["kind"], r["kind"]), drop=1),
        Column("Event", "title", ratio=4),
        Column("Status", _event_status),
    ]

    def notes(shown):
        later = ["recorded later: it happened after the day asked, as pages written since record; "
                 "from that day it could not be foreseen"] if any(r["status"] == "later" for r in shown) else []
        return _derived_note(shown, "date") + later

    return Report(title=f"Coming up until {until}", rows=found, columns=columns,
                  empty_message=f"Nothing on record between now and {until}.", calendar="upcoming",
                  row_notes=notes)


def _event_status(r: dict) -> str:
    if r["basis"] == OVERDUE:
        return f"{r['status']} ({r['basis']})"
    return "recorded later" if r["status"] == "later" else r["status"]


def _event_row(dataset: Dataset, event) -> dict:
    mechanism = dataset.mechanisms.get(event.mechanism) if event.mechanism else None
    return {
        "date": str(event.date),
        "end": str(event.end) if event.end else None,
        "kind": event.kind,
        "title": event.title,
        "record": event.record,
        "mechanism": event.mechanism,
        "mechanism_name": mechanism.acronym if mechanism else None,
        "country": event.country,
        "country_name": dataset.country_name(event.country),
        "status": event.status,
        "basis": event.basis,
        "note": event.note,
        "sources": rows.source_refs(dataset, event.sources),
        "last_verified": event.last_verified,
        "derived": ["date"] if event.derived else [],  # the date worked out from the sources, not printed in them
    }
