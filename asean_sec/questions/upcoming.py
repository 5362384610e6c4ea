"""What comes next, in date order: meetings, chair handovers, terms that end, instruments that
enter into force. Pure: no I/O, no formatting.

A date known only to the month or the year sorts by the first of its days that falls in the
window, and is shown as known (`2026`, `2027-03`).
"""

from __future__ import annotations

import datetime as dt

from asean_sec.model.dataset import Dataset
from asean_sec.model.dates import PartialDate
from asean_sec.model.record import record, replace
from asean_sec.questions import query, rotation
from asean_sec.questions.common import starts_after

MEETING, HANDOVER, TERM_END, IN_FORCE = "meeting", "chair_handover", "term_end", "entry_into_force"


@record
class Event:
    day: dt.date  # the sort key: the first day of `date` inside the window
    date: str  # as known: YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None
    kind: str  # meeting | chair_handover | term_end | entry_into_force
    title: str
    record: str | None  # the id of the record it comes from (meeting, document, mechanism …)
    mechanism: str | None
    country: str | None
    status: str
    basis: str | None
    note: str | None
    sources: tuple[str, ...]
    last_verified: str | None = None
    derived: bool = False  # the date is worked out from what the sources print, not printed in them


def upcoming(dataset: Dataset, as_of: dt.date, until: dt.date) -> list[Event]:
    """Everything on record from `as_of` to `until` (both included). Seen from a day before the
    dataset's own as-of, what the record holds only in hindsight is not passed off as foreseen: a
    meeting held, a term that ended, an instrument that entered into force between that day and the
    dataset's as-of are marked 'later' (recorded later), and a term not yet begun on that day is not
    listed as ending."""
    events = _meetings(dataset, as_of, until) + _handovers(dataset, as_of, until)
    events += _term_ends(dataset, as_of, until) + _entries_into_force(dataset, as_of, until)
    if dataset.before_its_date(as_of):
        recorded = PartialDate.parse(str(dataset.info.as_of)).last_day
        events = [_seen_from(event, as_of, recorded) for event in events]
    order = {MEETING: 0, HANDOVER: 1, TERM_END: 2, IN_FORCE: 3}
    bodies = {body: i for i, body in enumerate(rotation.default_bodies(dataset))}
    return sorted(events, key=lambda e: (e.day, order[e.kind], bodies.get(e.mechanism or "", len(bodies)), e.title))


def _seen_from(event: Event, as_of: dt.date, recorded: dt.date) -> Event:
    """An event dated up to the dataset's as-of (`recorded`), seen from an earlier day: what came of it is
    hindsight. A scheduled meeting keeps its status; a chair handover its own (rotation), unless it is
    'held' at a meeting after that day."""
    if event.day > recorded or event.kind == MEETING and event.status in ("scheduled", "postponed", "cancelled"):
        return event
    if event.kind == HANDOVER and (event.status != "held" or event.day <= as_of):
        return event
    return replace(event, status=query.LATER)  # it happened, as pages written after that day record


def _in_window(start: PartialDate, end: PartialDate | None, as_of: dt.date, until: dt.date) -> bool:
    return (end or start).last_day >= as_of and start.first_day <= until


OVERDUE = "date passed, not reported held yet"  # the basis of a scheduled meeting whose days are over


def _meetings(dataset: Dataset, as_of: dt.date, until: dt.date) -> list[Event]:
    """The meetings from `as_of` to `until`; and, first, those of the year before `as_of` still
    scheduled when their days are over: no page reports them held, and silence would hide it."""
    found = []
    year_before = as_of - dt.timedelta(days=365)
    for meeting in query.meetings(dataset, since=year_before, until=until):
        if meeting.start is None:  # a date filter keeps only dated meetings
            continue
        overdue = (meeting.end or meeting.start).last_day < as_of
        if overdue and meeting.status != "scheduled":
            continue
        name = f"{query.meeting_name(dataset, meeting.mechanism)} {meeting.ordinal}"
        place = ", ".join(p for p in (meeting.city, dataset.country_name(meeting.host or meeting.held_in)) if p)
        seat = meeting.chair or (meeting.co_chairs[0] if meeting.co_chairs else None)
        found.append(Event(max(meeting.start.first_day, as_of), str(meeting.start),
                           str(meeting.end) if meeting.end else None, MEETING,
                           f"{name} ({place})" if place else name, meeting.id, meeting.mechanism,
                           seat.country if seat else meeting.host, meeting.status, OVERDUE if overdue else None,
                           meeting.note,
                           meeting.sources, meeting.last_verified, derived=bool({"start", "end"} & set(meeting.derived))))
    return found


def _handovers(dataset: Dataset, as_of: dt.date, until: dt.date) -> list[Event]:
    """Each body's chair for every year that begins in the window, when known; a body whose
    chair passes at its meeting (host rotation) hands over on that meeting's first day."""
    found = []
    for body in rotation.default_bodies(dataset):
        acronym = dataset.mechanisms[body].acronym if body in dataset.mechanisms else body.upper()
        at_meeting = dataset.holds_chair_until_next_meeting(body)
        for year in range(as_of.year, until.year + 1):  # this year's: a meeting, or a mid-year take-over, ahead
            answer = rotation.chair_cell(dataset, year, body, as_of)
            if not answer.country:
                continue
            day, date = dt.date(year, 1, 1), f"{year}-01-01"
            took_over = dataset.asean_chair[year].since if body == query.ASEAN and year in dataset.asean_chair else None
            if took_over:  # Thailand on 24 July 2008
                day, date = took_over.first_day, str(took_over)
            hosted = answer.basis.startswith("hosts ") and dataset.meetings_by_id.get(answer.basis[6:])
            if hosted and hosted.start:
                day, date = hosted.start.first_day, str(hosted.start)
            if at_meeting:  # the chair passes at the year's meeting; a year without one keeps the last one's chair
                met = [m.start for m in query.meetings(dataset, mechanism=body)
                       if m.start and m.start.year == year and m.status != "cancelled"]
                if not met or met[0].last_day < as_of:
                    continue
                day, date = max(met[0].first_day, as_of), str(met[0])
            if not as_of <= day <= until:
                continue
            before = rotation.chair_cell(dataset, year - 1, body, as_of)
            if before.country == answer.country:  # the chair stays with the country: no hand-over
                continue
            name = dataset.country_name(answer.country)
            title = f"{name} takes the {acronym} chair for {year}"
            if before.country:
                title += f" from {dataset.country_name(before.country)}"
            found.append(Event(day, date, None, HANDOVER, title, body, body, answer.country, answer.status,
                               answer.basis, answer.note, answer.sources, answer.last_verified))
    return found


def _term_ends(dataset: Dataset, as_of: dt.date, until: dt.date) -> list[Event]:
    """Roles (coordinators, lead shepherds, co-chair cycles) and offices whose end falls in the
    window (an end known to the month or the year: one that overlaps it), held on `as_of`: one that
    had not begun is not listed as ending. Sorted, like a meeting, by its first day in the window."""
    found = []
    for role in dataset.roles:
        if role.end is None or not _in_window(role.end, None, as_of, until) or starts_after(role.start, as_of):
            continue
        what = role.role.replace("_", "-")
        title = f"{dataset.country_name(role.country)} ends its term as {what} ({role.subject})"
        found.append(Event(max(role.end.first_day, as_of), str(role.end), None, TERM_END, title, role.mechanism,
                           role.mechanism, role.country, "scheduled", f"role: {role.subject}", role.note,
                           role.sources, role.last_verified))
    for office in dataset.offices:
        if office.end is None or not _in_window(office.end, None, as_of, until) or starts_after(office.start, as_of):
            continue
        where = f", {office.organization}" if office.organization else ""
        title = f"{dataset.person_name(office.person)} ends a term as {office.title}{where}"
        found.append(Event(max(office.end.first_day, as_of), str(office.end), None, TERM_END, title, office.person, None,
                           office.country, "scheduled", "office", office.note, office.sources,
                           office.last_verified, derived="end" in office.derived))
    return found


def _entries_into_force(dataset: Dataset, as_of: dt.date, until: dt.date) -> list[Event]:
    found = []
    for document in dataset.documents.values():
        if document.in_force is None or not _in_window(document.in_force, None, as_of, until):
            continue
        found.append(Event(max(document.in_force.first_day, as_of), str(document.in_force), None, IN_FORCE,
                           f"{document.title} enters into force", document.id, document.mechanism, None,
                           "due", "in_force date on record", document.note,
                           document.sources, derived="in_force" in document.derived))
    return found
