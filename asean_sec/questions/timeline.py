"""The timeline: everything dated, filtered by body, country and period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from asean_sec.model.dataset import Dataset
from asean_sec.model.dates import PartialDate
from asean_sec.questions import query
from asean_sec.questions.common import starts_after, upcoming

# --- the timeline -------------------------------------------------------------------------

class Event(NamedTuple):
    """Something that happened (or is due) on a date: kind is meeting, document (signed or adopted),
    in_force (a document entering into force), chair, founded, joined, office_start, office_end or
    role; `record` is the record it comes from."""

    date: PartialDate
    kind: str
    record: Any  # Meeting, Document, ChairAnswer, Mechanism, Country, Office or Role
    upcoming: bool


_KIND_ORDER = ("joined", "chair", "founded", "meeting", "document", "in_force", "role", "office_start", "office_end")


def timeline(dataset: Dataset, as_of: dt.date, *, mechanism: str | None = None, country: str | None = None,
             since: dt.date | None = None, until: dt.date | None = None) -> list[Event]:
    """Dated events, oldest first, filtered by body, country and date span (ids, not names)."""
    meetings = [m for m in dataset.meetings if m.start
                and (mechanism is None or m.mechanism == mechanism)
                and (country is None or query.attended(dataset, m, country))]
    meeting_ids = {m.id for m in meetings}
    events = [Event(m.start, "meeting", m, upcoming(m, as_of)) for m in meetings if m.start]
    for doc in dataset.documents.values():
        adopted_at = dataset.meetings_by_id.get(doc.meeting) if doc.meeting else None
        body = doc.mechanism or (adopted_at.mechanism if adopted_at else None)
        if doc.date is None or (mechanism and body != mechanism):
            continue
        if country and country not in doc.parties and doc.meeting not in meeting_ids:
            continue
        events.append(Event(doc.date, "document", doc, starts_after(doc.date, as_of)))
        if doc.in_force:  # a treaty's entry into force is an event of its own, on its own day
            events.append(Event(doc.in_force, "in_force", doc, starts_after(doc.in_force, as_of)))
    if mechanism in (None, query.ASEAN):
        for year in sorted(dataset.asean_chair):
            answer = query.asean_chair(dataset, year)
            if answer is not None and (country is None or answer.country == country):
                took_over = dataset.asean_chair[year].since  # a chair that took over during its year, on that day
                events.append(Event(took_over or PartialDate(year), "chair", answer,
                                    starts_after(took_over, as_of) if took_over else year > as_of.year))
    for body in dataset.mechanisms.values():
        if body.founded and (mechanism is None or body.id == mechanism) and country is None:
            events.append(Event(body.founded, "founded", body, starts_after(body.founded, as_of)))
    if mechanism is None:
        for member in dataset.countries.values():
            if member.member_since and (country is None or member.id == country):
                events.append(Event(member.member_since, "joined", member, starts_after(member.member_since, as_of)))
        for office in dataset.offices:
            if country is None or office.country == country:
                if office.start:
                    events.append(Event(office.start, "office_start", office, starts_after(office.start, as_of)))
                if office.end:
                    events.append(Event(office.end, "office_end", office, starts_after(office.end, as_of)))
    for role in dataset.roles:
        if role.start and (mechanism is None or role.mechanism == mechanism) and (
                country is None or role.country == country):
            events.append(Event(role.start, "role", role, starts_after(role.start, as_of)))
    if since:
        events = [e for e in events if _event_end(e).last_day >= since]
    if until:
        events = [e for e in events if e.date.first_day <= until]
    return sorted(events, key=lambda e: (_event_day(dataset, e), _KIND_ORDER.index(e.kind), _event_id(e)))


def _event_day(dataset: Dataset, event: Event) -> tuple[int, int, int]:
    """Sort key: a document dated only to the month or year of the meeting that adopted it
    sorts on that meeting's day; an office ended in a month or year, not on a day, sorts at the end of
    it (so never before its own start in the same year)."""
    if event.kind == "office_end" and not event.date.day:
        last = event.date.last_day
        return (last.year, last.month, last.day)
    if event.kind == "document" and event.record.meeting:
        meeting = dataset.meetings_by_id.get(event.record.meeting)
        if meeting and meeting.start and meeting.start.first_day >= event.date.first_day \
                and meeting.start.last_day <= event.date.last_day:
            return max(event.date.sort_key(), meeting.start.sort_key())
    return event.date.sort_key()


def _event_end(event: Event) -> PartialDate:
    if event.kind == "meeting" and event.record.end:
        return event.record.end
    return event.date


def _event_id(event: Event) -> str:
    record = event.record
    return str(getattr(record, "id", None) or getattr(record, "person", None) or getattr(record, "year", ""))
