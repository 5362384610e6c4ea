"""ics: iCalendar (RFC 5545), one all-day event per meeting (or coming event, for a report whose
`calendar` is "upcoming") whose start day is known. Offered by the commands that list meetings
or what is coming up."""

from __future__ import annotations

from asean_sec.output import rows
from asean_sec.output.document import Document


def _text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued with a leading space."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _stamp(doc: Document, start: str) -> str:
    """DTSTAMP: when the information was last checked (the data's as-of day), not the event's day;
    the event's day only when no dataset is at hand."""
    day = doc.stamp if doc.stamp and len(doc.stamp) == 10 else start
    return f"{day.replace('-', '')}T000000Z"


def write(doc: Document, stream, style) -> None:
    if doc.report.calendar == "upcoming":
        _upcoming(doc, stream)
    else:
        _meetings(doc, stream)
    key = "date" if doc.report.calendar == "upcoming" else "start"
    left = sum(1 for row in doc.rows if len(row.get(key) or "") != 10)
    if left:  # an empty calendar should not look like nothing on record
        import sys

        what = "events" if key == "date" else "meetings"
        sys.stderr.write(f"asean-sec: note: {left} of the {len(doc.rows)} {what} are not in the calendar: their day "
                         "is not known (a month or a year is not a calendar day); --format plain lists them\n")


def _meetings(doc: Document, stream) -> None:
    import datetime as dt

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//asean-sec//meetings//EN", "CALSCALE:GREGORIAN"]
    for row in doc.rows:
        start = row.get("start") or ""
        if len(start) != 10 or "ordinal" not in row:
            continue  # a month or a year is not a calendar day
        end = row.get("end") if len(row.get("end") or "") == 10 else start
        after = dt.date.fromisoformat(str(end)) + dt.timedelta(days=1)
        place = rows.place(row)
        lines += ["BEGIN:VEVENT", f"UID:{row['id']}@asean-sec", f"DTSTAMP:{_stamp(doc, start)}",
                  f"DTSTART;VALUE=DATE:{start.replace('-', '')}", f"DTEND;VALUE=DATE:{after:%Y%m%d}",
                  f"SUMMARY:{_text(row['mechanism_name'] + ' ' + row['ordinal'])}"]
        if place:
            lines.append(f"LOCATION:{_text(place)}")
        if row.get("status") and row["status"] != "held":
            lines.append("STATUS:TENTATIVE" if row["status"] == "scheduled" else "STATUS:CANCELLED"
                         if row["status"] == "cancelled" else "STATUS:TENTATIVE")
        if row.get("sources"):
            lines.append(f"DESCRIPTION:{_text('Sources: ' + ' '.join(row['sources']))}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    stream.write("".join(_fold(line) + "\r\n" for line in lines))


def _upcoming(doc: Document, stream) -> None:
    """An all-day event for each row whose day is known (a month or a year is not a calendar day);
    tentative unless held or in force."""
    import datetime as dt

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//asean-sec//upcoming//EN", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:asean-sec: coming up"]
    for row in doc.rows:
        start = row["date"]
        if len(start) != 10:
            continue
        end = row["end"] if len(row.get("end") or "") == 10 else start
        after = dt.date.fromisoformat(end) + dt.timedelta(days=1)
        description = "\n".join(p for p in (f"Basis: {row['basis']}." if row.get("basis") else None,
                                             row.get("note")) if p)
        if row["sources"]:
            description += ("\n" if description else "") + "Sources: " + " ".join(row["sources"])
        uid = f"{row['kind']}-{row['record'] or row['title']}-{start}".replace(" ", "-")
        lines += ["BEGIN:VEVENT", f"UID:{_text(uid)}@asean-sec", f"DTSTAMP:{_stamp(doc, start)}",
                  f"DTSTART;VALUE=DATE:{start.replace('-', '')}", f"DTEND;VALUE=DATE:{after:%Y%m%d}",
                  f"SUMMARY:{_text(row['title'])}",
                  f"STATUS:{'CONFIRMED' if row['status'] in ('held', 'confirmed', 'in_force', 'due', 'later') else 'TENTATIVE'}"]
        if description:
            lines.append(f"DESCRIPTION:{_text(description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    stream.write("".join(_fold(line) + "\r\n" for line in lines))
