"""Looking across and ahead: the rotation grid and the list of what is coming up.

The rotation's rows are one per year and body (the `chair` fields); people see a grid, years
down and bodies across, each cell a country code and a status letter, with a legend. Upcoming
rows are one per event, in date order; `ics` makes them a calendar.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.output import rows
from asean_sec.output.render import MACHINE_FORMATS, Column, Report, render

STATUS_LETTERS = {"held": "h", "confirmed": "c", "projected": "p", "inferred": "i", "attested": "a"}
LEGEND = ("h held · c confirmed by a source · p projected by the Charter's rotation · "
          "i inferred from a rule (the body follows another chair, or rotates) · a attested, undated · "
          "— not known")
WIDTH = 78
# Column headers short enough for 80 columns; a body not named here is headed by its acronym.
SHORT_HEADERS = {"admm-plus": "ADMM+", "aseanapol": "APOL"}


def _code(dataset: Dataset, country: str | None) -> str:
    record = dataset.countries.get(country) if country else None
    return (record.iso2 or record.id.upper()) if record else (country or "").upper()


def _header(dataset: Dataset, body: str) -> str:
    mechanism = dataset.mechanisms.get(body)
    return SHORT_HEADERS.get(body) or (mechanism.acronym if mechanism else body.upper())


class RotationReport(Report):
    """Rows for machines (one per year and body); `grid` for people."""

    grid: Report


def rotation_report(dataset: Dataset, answers, bodies: list[str], years: range) -> RotationReport:
    found = [rows.chair_row(dataset, answer) for answer in answers]
    report = RotationReport(title=f"Chairs {years.start}-{years.stop - 1}", rows=found, columns=[
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
    notes.append("Sources below: those of the years not yet held; --format json gives every cell's.")
    grid_rows = list(cells.values())
    for line in grid_rows:
        line["sources"] = []
    for row in found:
        if row["status"] not in ("held", "unknown"):
            line = cells[row["year"]]
            line["sources"] += [ref for ref in row["sources"] if ref not in line["sources"]]
    report.grid = Report(title=report.title, rows=grid_rows, columns=columns, notes=[_wrap(n) for n in notes])
    return report


def _wrap(text: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, WIDTH))


def render_rotation(report: RotationReport, fmt: str, color: str, stream) -> None:
    if fmt in MACHINE_FORMATS:
        render(report, fmt, color, stream)
    else:
        report.grid.cite = report.cite
        render(report.grid, fmt, color, stream)


# --- upcoming ------------------------------------------------------------------------------

KIND_LABELS = {"meeting": "meeting", "chair_handover": "chair", "term_end": "term ends",
               "entry_into_force": "in force"}


def upcoming_report(dataset: Dataset, events, until) -> Report:
    found = [_event_row(dataset, event) for event in events]
    columns = [
        Column("Date", _when),
        Column("What", lambda r: KIND_LABELS.get(r["kind"], r["kind"])),
        Column("", "title", max_width=44),
        Column("Status", "status"),
    ]
    return Report(title=f"Coming up until {until}", rows=found, columns=columns,
                  empty_message=f"Nothing on record between now and {until}.")


def _when(row) -> str:
    end = row.get("end")
    return f"{row['date']}/{end}" if end and end != row["date"] else row["date"]


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
    }


def render_upcoming(report: Report, fmt: str, color: str, stream) -> None:
    if fmt == "ics":
        _ics(report, stream)
    else:
        render(report, fmt, color, stream)


def _ics(report: Report, stream) -> None:
    """iCalendar (RFC 5545): an all-day event for each row whose day is known (a month or a year is
    not a calendar day); tentative unless held or in force."""
    import datetime as dt

    from asean_sec.output.render import _ics_fold, _ics_text

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//asean-sec//upcoming//EN", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:asean-sec: coming up"]
    for row in report.rows:
        start = row["date"]
        if len(start) != 10:
            continue
        end = row["end"] if len(row.get("end") or "") == 10 else start
        after = dt.date.fromisoformat(end) + dt.timedelta(days=1)
        description = " ".join(p for p in (row.get("basis"), row.get("note")) if p)
        if row["sources"]:
            description += ("\n" if description else "") + "Sources: " + " ".join(row["sources"])
        uid = f"{row['kind']}-{row['record'] or row['title']}-{start}".replace(" ", "-")
        lines += ["BEGIN:VEVENT", f"UID:{_ics_text(uid)}@asean-sec", f"DTSTAMP:{start.replace('-', '')}T000000Z",
                  f"DTSTART;VALUE=DATE:{start.replace('-', '')}", f"DTEND;VALUE=DATE:{after:%Y%m%d}",
                  f"SUMMARY:{_ics_text(row['title'])}",
                  f"STATUS:{'CONFIRMED' if row['status'] in ('held', 'confirmed', 'in_force') else 'TENTATIVE'}"]
        if description:
            lines.append(f"DESCRIPTION:{_ics_text(description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    stream.write("".join(_ics_fold(line) + "\r\n" for line in lines))
