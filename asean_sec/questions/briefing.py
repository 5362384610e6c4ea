"""Briefing questions: one body, one country, one person; the timeline, full-text search, the
tree of bodies, the priority crimes, the documents.

Pure: no click, no printing, no formatting. Every "current", "last", "next" and "in office"
is relative to the `as_of` day the caller passes.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from asean_sec.questions import query
from asean_sec.model.dataset import Dataset
from asean_sec.model.dates import PartialDate
from asean_sec.model.kinds import (ChairRule, ChairStatus, Country, Crime, Document, Mechanism, Meeting, Office,
                             Person, Role)
from asean_sec.model.names import NameIndex, fold
from asean_sec.problems import LookupFailed
from asean_sec.questions.query import ChairAnswer

# The documents schema's `type` vocabulary (asean_sec/schemas/documents.schema.json).
DOCUMENT_TYPES = ("declaration", "joint_statement", "leaders_statement", "convention", "treaty",
                  "plan_of_action", "work_plan", "mou", "agreement", "charter", "cooperation_plan", "other")
# Roles that make a country the lead of a priority crime area.
SHEPHERD_ROLES = ("lead_shepherd", "voluntary_lead_shepherd", "shepherd", "chair", "co_chair")
# Seats and participant roles that lead a delegation.
LEADING_ROLES = ("chair", "co_chair", "head_of_delegation", "incoming_chair")
RECENT_DELEGATIONS = 8


# --- time ---------------------------------------------------------------------------------

def begun(date: PartialDate | None, day: dt.date) -> bool:
    """The date has certainly come by `day` (a month or year counts from its last day)."""
    return date is not None and date.last_day <= day


def _after(date: PartialDate | None, day: dt.date) -> bool:
    return date is not None and date.first_day > day


def held_by(meeting: Meeting, day: dt.date) -> bool:
    """The meeting took place on or before `day`."""
    return meeting.status not in ("cancelled", "postponed", "scheduled") and begun(meeting.start, day)


def upcoming(meeting: Meeting, day: dt.date) -> bool:
    """The meeting is on record and had not certainly begun on `day`."""
    return meeting.start is not None and meeting.status != "cancelled" and not begun(meeting.start, day)


# --- names --------------------------------------------------------------------------------

def person_id(dataset: Dataset, text: str) -> str:
    """A person by any full name (with or without diacritics), or by words only one person's
    name contains ("Shanmugam"); otherwise LookupFailed with the closest names."""
    try:
        return query.person_id(dataset, text)
    except LookupFailed as err:
        words = fold(text).split()
        found = [p.id for p in dataset.people.values()
                 if words and any(all(w in fold(n).split() for w in words) for n in p.names)]
        if len(found) == 1:
            return found[0]
        if found:
            raise LookupFailed("person", text, [dataset.people[p].name for p in found]) from None
        raise err


def document_type(text: str) -> str:
    """'Joint statement', 'joint-statement', 'JOINT_STATEMENT' -> 'joint_statement'."""
    index = NameIndex("document type", {t: (t, t.replace("_", " ")) for t in DOCUMENT_TYPES})
    return index.lookup(text.replace("_", " "))


# --- bodies and their chairs --------------------------------------------------------------

def children(dataset: Dataset, mechanism: str) -> list[Mechanism]:
    """Bodies whose parent is `mechanism`, in the data's own order."""
    return [m for m in dataset.mechanisms.values() if m.parent == mechanism]


def subtree(dataset: Dataset, mechanism: str) -> list[str]:
    """`mechanism` and every body below it."""
    found, todo = [], [mechanism]
    while todo:
        current = todo.pop(0)
        found.append(current)
        todo += [m.id for m in children(dataset, current)]
    return found


chair_as_of = query.chair_as_of


class ExpectedMeeting(NamedTuple):
    """A meeting the data does not hold yet, expected from the body's rule or a recorded role."""

    mechanism: str
    ordinal: str | None
    year: int
    chair: ChairAnswer | None
    basis: str
    sources: tuple[str, ...]


class CrimeArea(NamedTuple):
    """A priority crime and the countries leading it (lead shepherds, chairs), as of a day."""

    crime: Crime
    leads: tuple[Role, ...]
    former: tuple[Role, ...]  # roles that ended before the day


class Brief(NamedTuple):
    mechanism: Mechanism
    parent: Mechanism | None
    subsidiaries: tuple[Mechanism, ...]
    partner_formats: tuple[Mechanism, ...]
    below: dict  # id -> number of bodies below it
    current_chair: ChairAnswer | None
    next_chair: ChairAnswer | None
    last_meeting: Meeting | None
    next_meeting: Meeting | None
    expected_meeting: ExpectedMeeting | None
    priority_areas: tuple[CrimeArea, ...]
    note: str | None
    as_of: dt.date


def brief(dataset: Dataset, mechanism: str, as_of: dt.date) -> Brief:
    """Everything essential about one body, as on `as_of`."""
    body = dataset.mechanisms[mechanism]
    below = children(dataset, mechanism)
    own = query.meetings(dataset, mechanism=mechanism)
    past = [m for m in own if held_by(m, as_of)]
    future = [m for m in own if upcoming(m, as_of)]
    last = past[-1] if past else None
    return Brief(
        mechanism=body,
        parent=dataset.mechanisms.get(body.parent) if body.parent else None,
        subsidiaries=tuple(m for m in below if not m.partners),
        partner_formats=tuple(m for m in below if m.partners),
        below={m.id: len(subtree(dataset, m.id)) - 1 for m in below},
        current_chair=chair_as_of(dataset, as_of.year, mechanism, as_of),
        next_chair=chair_as_of(dataset, as_of.year + 1, mechanism, as_of),
        last_meeting=last,
        next_meeting=future[0] if future else None,
        expected_meeting=None if future else _expected_meeting(dataset, body, past, as_of),
        priority_areas=tuple(_priority_areas(dataset, mechanism, as_of)),
        note=_raw(dataset, "mechanisms", mechanism).get("note"),
        as_of=as_of,
    )


def _expected_meeting(dataset: Dataset, body: Mechanism, past: list[Meeting],
                      as_of: dt.date) -> ExpectedMeeting | None:
    """The next meeting when the data has none: only from a recorded chair/host role, or from a
    rule that follows another chair for a body that met last year or this year."""
    numbered = [int(m.ordinal) for m in past if m.ordinal.isdigit()]
    ordinal = str(max(numbered) + 1) if numbered else None
    last_year = past[-1].start.year if past else None
    for role in dataset.roles:
        if (role.mechanism == body.id and role.role in ("chair", "co_chair", "host") and role.start
                and (last_year is None or role.start.year > last_year) and role.start.year >= as_of.year):
            year = role.start.year
            chair = ChairAnswer(year, body.id, role.country,
                                (ChairStatus.HELD if year <= as_of.year else ChairStatus.CONFIRMED).value,
                                f"{role.role.replace('_', '-')}: {role.subject}", role.note, role.sources)
            return ExpectedMeeting(body.id, ordinal, year, chair, chair.basis, role.sources)
    follows = body.chair_rule in (ChairRule.FOLLOWS_ASEAN_CHAIR, ChairRule.FOLLOWS_PARENT)
    if follows and last_year is not None and last_year >= as_of.year - 1:
        year = last_year + 1
        chair = chair_as_of(dataset, year, body.id, as_of)
        if chair is not None and chair.country:
            return ExpectedMeeting(body.id, ordinal, year, chair, chair.basis, chair.sources)
    return None


def _priority_areas(dataset: Dataset, mechanism: str, as_of: dt.date) -> list[CrimeArea]:
    """The priority crimes of a body: all of them when every crime role sits in its subtree
    (the AMMTC, the SOMTC), else only the crimes a role ties to its subtree."""
    below = set(subtree(dataset, mechanism))
    tied = [r for r in dataset.roles if r.crime]
    mine = [r for r in tied if r.mechanism in below]
    if not mine:
        return []
    every = len(mine) == len(tied)
    return [area for area in crime_areas(dataset, as_of) if every or any(r.crime == area.crime.id for r in mine)]


def crime_areas(dataset: Dataset, as_of: dt.date) -> list[CrimeArea]:
    """Every priority crime with the countries leading it on `as_of` (roles not yet begun left out)."""
    found = []
    for crime in dataset.crimes.values():
        roles = [r for r in dataset.roles if r.crime == crime.id and r.role in SHEPHERD_ROLES
                 and not _after(r.start, as_of)]
        current = tuple(r for r in roles if not (r.end is not None and r.end.last_day < as_of))
        former = tuple(r for r in roles if r not in current)
        found.append(CrimeArea(crime, current, former))
    return found


# --- offices ------------------------------------------------------------------------------

class OfficeState(NamedTuple):
    """An office and what is known of it on a day.

    status: `in office`, `ended`, `not yet` (starts later), `superseded` (a later holder of the
    same post is on record), or `attested` (no dates: only seen at `attested_first`..`_last`).
    """

    office: Office
    status: str
    superseded_by: str | None = None
    superseded_on: PartialDate | None = None
    attested_first: PartialDate | None = None
    attested_last: PartialDate | None = None


def _post_evidence(dataset: Dataset) -> list[tuple[str | None, str, str, PartialDate, bool]]:
    """(country, folded title, person, date, at a meeting) for every dated sign that someone held
    a post: the start of an office, or the title someone had at a meeting."""
    found = [(o.country, fold(o.title), o.person, o.start, False) for o in dataset.offices if o.start]
    for meeting in dataset.meetings:
        if meeting.start is None or meeting.status != "held":
            continue
        seats = ([meeting.chair] if meeting.chair else []) + list(meeting.co_chairs)
        found += [(s.country, fold(s.title), s.person, meeting.start, True) for s in seats
                  if s.person and s.title]
        found += [(p.country, fold(p.title), p.person, meeting.start, True) for p in meeting.participants
                  if p.person and p.title]
    return found


def office_state(dataset: Dataset, office: Office, as_of: dt.date, evidence=None) -> OfficeState:
    evidence = _post_evidence(dataset) if evidence is None else evidence
    title = fold(office.title)
    seen = sorted((d for c, t, p, d, met in evidence if met and p == office.person and t == title),
                  key=PartialDate.sort_key)
    seen = [d for d in seen if not _after(d, as_of)]
    first, last = (seen[0], seen[-1]) if seen else (None, None)
    if _after(office.start, as_of):
        return OfficeState(office, "not yet")
    if office.end is not None and office.end.last_day < as_of:
        return OfficeState(office, "ended", attested_first=first, attested_last=last)
    if office.start is None:
        return OfficeState(office, "attested", attested_first=first, attested_last=last)
    later = sorted(((d, p) for c, t, p, d, _ in evidence
                    if c == office.country and t == title and p != office.person
                    and d.first_day > office.start.last_day and not _after(d, as_of)),
                   key=lambda e: e[0].sort_key())
    if later:
        day, person = later[0]
        return OfficeState(office, "superseded", dataset.person_name(person), day, first, last)
    return OfficeState(office, "in office", attested_first=first, attested_last=last)


def merged_offices(dataset: Dataset) -> list[Office]:
    """Every office, an undated record folded into a dated record of the same person and title
    (its sources kept): the undated one only attests part of the same tenure."""
    dated = {(o.person, fold(o.title)) for o in dataset.offices if o.start or o.end}
    extra: dict[tuple[str, str], tuple[str, ...]] = {}
    for o in dataset.offices:
        key = (o.person, fold(o.title))
        if not (o.start or o.end) and key in dated:
            extra[key] = extra.get(key, ()) + o.sources
    merged = []
    for o in dataset.offices:
        key = (o.person, fold(o.title))
        if o.start or o.end:
            merged.append(o._replace(sources=tuple(dict.fromkeys(o.sources + extra[key]))) if key in extra else o)
        elif key not in dated:
            merged.append(o)
    return merged


def _office_order(state: OfficeState):
    office = state.office
    when = office.start or state.attested_first or office.end or state.attested_last
    return (when.sort_key() if when else (9999, 0, 0), office.title)


# --- a country ----------------------------------------------------------------------------

class MeetingRoles(NamedTuple):
    """A meeting and what one country or person did there."""

    meeting: Meeting
    roles: tuple[str, ...]  # host, chair, co-chair, head_of_delegation, speaker, named in note …
    title: str | None = None


class Delegation(NamedTuple):
    meeting: Meeting
    person: str
    title: str | None
    role: str


class Dossier(NamedTuple):
    country: Country
    member: bool
    chair_years: tuple[ChairAnswer, ...]  # recorded years up to the as-of year
    future_chairs: tuple[ChairAnswer, ...]  # confirmed or projected, over one full rotation
    posts: tuple[tuple[Role, str], ...]  # (role, current | ended | from later | undated)
    meetings: tuple[MeetingRoles, ...]  # chaired, co-chaired or hosted
    in_office: tuple[OfficeState, ...]
    delegations: tuple[Delegation, ...]  # the most recent first
    note: str | None
    as_of: dt.date


def country_dossier(dataset: Dataset, country: str, as_of: dt.date) -> Dossier:
    record = dataset.countries[country]
    past = [query.asean_chair(dataset, y) for y in sorted(dataset.asean_chair) if y <= as_of.year]
    mine_past = tuple(a._replace(status=ChairStatus.HELD.value) for a in past if a and a.country == country)
    horizon = len(query.members_in(dataset, as_of.year + 1)) + 1
    ahead = [query.asean_chair(dataset, y) for y in range(as_of.year + 1, as_of.year + 1 + horizon)]
    mine_ahead = tuple(a for a in ahead if a and a.country == country)
    posts = tuple((r, _role_state(r, as_of)) for r in sorted(
        (r for r in dataset.roles if r.country == country),
        key=lambda r: ((r.start or r.end).sort_key() if (r.start or r.end) else (9999, 0, 0), r.subject)))
    evidence = _post_evidence(dataset)
    states = [office_state(dataset, o, as_of, evidence) for o in merged_offices(dataset) if o.country == country]
    return Dossier(
        country=record,
        member=record.is_member_on(as_of),
        chair_years=mine_past,
        future_chairs=mine_ahead,
        posts=posts,
        meetings=tuple(_led_or_hosted(dataset, country)),
        in_office=tuple(sorted((s for s in states if s.status == "in office"), key=_office_order)),
        delegations=tuple(_delegations(dataset, country, as_of)),
        note=_raw(dataset, "countries", country).get("note"),
        as_of=as_of,
    )


def _role_state(role: Role, as_of: dt.date) -> str:
    if role.start is None and role.end is None:
        return "undated"
    if _after(role.start, as_of):
        return "from later"
    if role.end is not None and role.end.last_day < as_of:
        return "ended"
    return "current"


def _led_or_hosted(dataset: Dataset, country: str):
    for meeting in query.meetings(dataset):
        roles = []
        if meeting.host == country:
            roles.append("host")
        if meeting.chair and meeting.chair.country == country:
            roles.append("chair")
        if any(s.country == country for s in meeting.co_chairs):
            roles.append("co-chair")
        if roles:
            yield MeetingRoles(meeting, tuple(roles))


def _delegations(dataset: Dataset, country: str, as_of: dt.date):
    held = [m for m in query.meetings(dataset) if held_by(m, as_of)]
    shown = 0
    for meeting in reversed(held):
        found: dict[str, Delegation] = {}
        seats = [("chair", meeting.chair)] if meeting.chair else []
        seats += [("co_chair", s) for s in meeting.co_chairs]
        for role, seat in seats:
            if seat.country == country and seat.person:
                found.setdefault(seat.person, Delegation(meeting, seat.person, seat.title, role))
        for p in meeting.participants:
            if p.country == country and p.person and p.role in LEADING_ROLES:
                known = found.get(p.person)
                if known is None or (known.title is None and p.title):
                    found[p.person] = Delegation(meeting, p.person, p.title or (known and known.title),
                                                 known.role if known else p.role)
        if found:
            yield from found.values()
            shown += 1
            if shown == RECENT_DELEGATIONS:
                return


# --- a person -----------------------------------------------------------------------------

class Profile(NamedTuple):
    person: Person
    offices: tuple[OfficeState, ...]
    meetings: tuple[MeetingRoles, ...]
    note: str | None
    as_of: dt.date


def person_profile(dataset: Dataset, person: str, as_of: dt.date) -> Profile:
    record = dataset.people[person]
    evidence = _post_evidence(dataset)
    states = [office_state(dataset, o, as_of, evidence) for o in merged_offices(dataset)
              if o.person == person]
    return Profile(
        person=record,
        offices=tuple(sorted((s for s in states if s.status != "not yet"), key=_office_order)),
        meetings=tuple(_attended(dataset, record, as_of)),
        note=_raw(dataset, "people", person).get("note"),
        as_of=as_of,
    )


def _attended(dataset: Dataset, person: Person, as_of: dt.date):
    names = [fold(n) for n in (person.name, person.native_name, *person.aliases) if n]
    for meeting in query.meetings(dataset):
        if not (held_by(meeting, as_of) or meeting.start is None):
            continue
        roles, title = [], None
        if meeting.chair and meeting.chair.person == person.id:
            roles.append("chair")
            title = meeting.chair.title
        for seat in meeting.co_chairs:
            if seat.person == person.id:
                roles.append("co_chair")
                title = title or seat.title
        for p in meeting.participants:
            if p.person == person.id:
                if p.role not in roles:
                    roles.append(p.role)
                title = p.title or title
        if not roles and meeting.note and any(n in fold(meeting.note) for n in names):
            roles.append("named in note")
        if roles:
            yield MeetingRoles(meeting, tuple(roles), title)


# --- the timeline -------------------------------------------------------------------------

class Event(NamedTuple):
    """Something that happened (or is due) on a date: kind is meeting, document, chair, founded,
    joined, office_start, office_end or role; `record` is the record it comes from."""

    date: PartialDate
    kind: str
    record: object
    upcoming: bool


_KIND_ORDER = ("joined", "chair", "founded", "meeting", "document", "role", "office_start", "office_end")


def timeline(dataset: Dataset, as_of: dt.date, *, mechanism: str | None = None, country: str | None = None,
             since: dt.date | None = None, until: dt.date | None = None) -> list[Event]:
    """Dated events, oldest first, filtered by body, country and date span (ids, not names)."""
    meetings = [m for m in dataset.meetings if m.start
                and (mechanism is None or m.mechanism == mechanism)
                and (country is None or query.attended(dataset, m, country))]
    meeting_ids = {m.id for m in meetings}
    events = [Event(m.start, "meeting", m, upcoming(m, as_of)) for m in meetings]
    for doc in dataset.documents.values():
        adopted_at = dataset.meetings_by_id.get(doc.meeting) if doc.meeting else None
        body = doc.mechanism or (adopted_at.mechanism if adopted_at else None)
        if doc.date is None or (mechanism and body != mechanism):
            continue
        if country and country not in doc.parties and doc.meeting not in meeting_ids:
            continue
        events.append(Event(doc.date, "document", doc, _after(doc.date, as_of)))
    if mechanism in (None, query.ASEAN):
        for year in sorted(dataset.asean_chair):
            answer = query.asean_chair(dataset, year)
            if country is None or answer.country == country:
                events.append(Event(PartialDate(year), "chair", answer, year > as_of.year))
    for body in dataset.mechanisms.values():
        if body.founded and (mechanism is None or body.id == mechanism) and country is None:
            events.append(Event(body.founded, "founded", body, _after(body.founded, as_of)))
    if mechanism is None:
        for member in dataset.countries.values():
            if member.member_since and (country is None or member.id == country):
                events.append(Event(member.member_since, "joined", member, _after(member.member_since, as_of)))
        for office in dataset.offices:
            if country is None or office.country == country:
                if office.start:
                    events.append(Event(office.start, "office_start", office, _after(office.start, as_of)))
                if office.end:
                    events.append(Event(office.end, "office_end", office, _after(office.end, as_of)))
    for role in dataset.roles:
        if role.start and (mechanism is None or role.mechanism == mechanism) and (
                country is None or role.country == country):
            events.append(Event(role.start, "role", role, _after(role.start, as_of)))
    if since:
        events = [e for e in events if _event_end(e).last_day >= since]
    if until:
        events = [e for e in events if e.date.first_day <= until]
    return sorted(events, key=lambda e: (_event_day(dataset, e), _KIND_ORDER.index(e.kind), _event_id(e)))


def _event_day(dataset: Dataset, event: Event) -> tuple[int, int, int]:
    """Sort key: a document dated only to the month or year of the meeting that adopted it
    sorts on that meeting's day."""
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


# --- full-text search ---------------------------------------------------------------------

class Hit(NamedTuple):
    kind: str  # country, mechanism, meeting, person, office, document, role, crime, chair
    id: str
    label: str
    score: int
    field: str  # the best field that matched
    text: str  # that field's text
    sources: tuple[str, ...]


# How much a match in each field counts: names first, places and people next, notes last.
_WEIGHTS = {"name": 12, "acronym": 12, "title": 10, "id": 8, "alias": 8, "native_name": 10, "official_name": 8,
            "place": 6, "city": 6, "host": 4, "chair": 5, "person": 6, "participants": 4, "outcomes": 5,
            "theme": 4, "subject": 5, "description": 3, "organization": 4, "country": 3, "type": 3,
            "parties": 3, "crime": 4, "mechanism": 3, "note": 1, "chair_note": 1}


def search(dataset: Dataset, text: str) -> list[Hit]:
    """Records whose text holds every word of `text` (folded: case and diacritics ignored),
    best first: a match in a name outranks one in a place, which outranks one in a note."""
    words = fold(text).split()
    if not words:
        return []
    hits = []
    for kind, record_id, label, fields, sources in _documents(dataset):
        folded = [(name, value, fold(value), fold(value).replace(" ", "")) for name, value in fields if value]
        score, best = 0, None
        for word in words:
            scored = [(_word_score(word, f, compact) * _WEIGHTS.get(name, 1), name, value)
                      for name, value, f, compact in folded]
            scored = [s for s in scored if s[0]]
            if not scored:
                break
            top = max(scored, key=lambda s: s[0])
            score += top[0]
            best = best or top
        else:
            phrase = " ".join(words)
            if len(words) > 1 and any(phrase in f for _, _, f, _ in folded):
                score += 10
            hits.append(Hit(kind, record_id, label, score, best[1], best[2], sources))
    return sorted(hits, key=lambda h: (-h.score, _SEARCH_KINDS.index(h.kind), h.label.casefold(), h.id))


def _word_score(word: str, folded: str, compact: str) -> int:
    tokens = folded.split()
    if word in tokens:
        return 4 if tokens[0] == word else 3  # "Luong Tam Quang" before "Le Luong Minh"
    if any(t.startswith(word) for t in tokens):
        return 2
    if word in folded or word in compact:
        return 1
    return 0


_SEARCH_KINDS = ("mechanism", "country", "person", "meeting", "document", "crime", "role", "office", "chair")


def _documents(dataset: Dataset):
    """(kind, id, label, [(field, text)], sources) for every record worth searching."""
    name = dataset.country_name
    person = dataset.person_name
    for c in dataset.countries.values():
        raw = _raw(dataset, "countries", c.id)
        yield ("country", c.id, c.name,
               [("name", c.name), ("official_name", c.official_name), ("id", c.id),
                *[("alias", a) for a in c.aliases], ("alias", c.iso2), ("alias", c.iso3),
                ("note", raw.get("note"))], c.sources)
    for m in dataset.mechanisms.values():
        raw = _raw(dataset, "mechanisms", m.id)
        yield ("mechanism", m.id, f"{m.acronym} — {m.name}",
               [("acronym", m.acronym), ("name", m.name), ("id", m.id), *[("alias", a) for a in m.aliases],
                ("description", m.description), ("chair_note", m.chair_note), ("note", raw.get("note")),
                *[("country", name(p)) for p in m.partners]], m.sources)
    for m in dataset.meetings:
        body = dataset.mechanisms.get(m.mechanism)
        acronym = body.acronym if body else m.mechanism
        seats = ([m.chair] if m.chair else []) + list(m.co_chairs)
        where = ", ".join(str(p) for p in (m.start, m.city or name(m.host)) if p)
        yield ("meeting", m.id, f"{acronym} {m.ordinal}" + (f" ({where})" if where else ""),
               [("name", f"{acronym} {m.ordinal}"), ("id", m.id), ("name", body.name if body else None),
                ("city", m.city), ("host", name(m.host)), ("theme", m.theme),
                *[("chair", name(s.country)) for s in seats], *[("person", person(s.person)) for s in seats],
                *[("participants", person(p.person)) for p in m.participants],
                *[("participants", p.title) for p in m.participants],
                *[("outcomes", dataset.documents[d].title) for d in m.outcomes if d in dataset.documents],
                ("note", m.note)], m.sources)
    for p in dataset.people.values():
        raw = _raw(dataset, "people", p.id)
        yield ("person", p.id, p.name,
               [("name", p.name), ("native_name", p.native_name), ("id", p.id),
                *[("alias", a) for a in p.aliases], ("country", name(p.country)), ("note", raw.get("note"))],
               p.sources)
    for o in merged_offices(dataset):
        yield ("office", o.person, f"{person(o.person)}: {o.title}" + (f" (from {o.start})" if o.start else ""),
               [("title", o.title), ("person", person(o.person)), ("organization", o.organization),
                ("country", name(o.country)), ("note", o.note)], o.sources)
    for d in dataset.documents.values():
        yield ("document", d.id, d.title,
               [("title", d.title), ("id", d.id), ("type", d.type.replace("_", " ")), ("place", d.place),
                *[("parties", name(p)) for p in d.parties], ("note", d.note)], d.sources)
    for r in dataset.roles:
        crime = dataset.crimes.get(r.crime) if r.crime else None
        yield ("role", r.country, f"{name(r.country)}: {r.role.replace('_', ' ')}, {r.subject}",
               [("subject", r.subject), ("country", name(r.country)), ("title", r.role.replace("_", " ")),
                ("crime", crime.name if crime else None), ("country", name(r.partner)), ("note", r.note)],
               r.sources)
    for c in dataset.crimes.values():
        yield ("crime", c.id, c.name, [("name", c.name), *[("alias", a) for a in c.aliases]], c.sources)
    for year, c in sorted(dataset.asean_chair.items()):
        yield ("chair", str(year), f"ASEAN chair {year}: {name(c.country)}",
               [("name", f"ASEAN chair {year}"), ("country", name(c.country)), ("note", c.note)], c.sources)


# --- the tree of bodies, crimes, documents ------------------------------------------------

class TreeNode(NamedTuple):
    mechanism: Mechanism
    depth: int
    lasts: tuple[bool, ...]  # for each level down to this node: was that node its parent's last child
    chair: ChairAnswer | None


def mechanism_tree(dataset: Dataset, year: int, as_of: dt.date, root: str | None = None) -> list[TreeNode]:
    """Every body under its parent (the ASEAN chair first, then the bodies that have others below
    them, then the rest, each in the data's order), with its chair in `year`."""
    if root is not None:
        roots = [dataset.mechanisms[root]]
    else:
        tops = [m for m in dataset.mechanisms.values() if not m.parent or m.parent not in dataset.mechanisms]
        roots = sorted(tops, key=lambda m: (m.id != query.ASEAN, not children(dataset, m.id)))
    found: list[TreeNode] = []

    def walk(body: Mechanism, lasts: tuple[bool, ...]) -> None:
        found.append(TreeNode(body, len(lasts) - 1, lasts, chair_as_of(dataset, year, body.id, as_of)))
        below = children(dataset, body.id)
        for i, child in enumerate(below):
            walk(child, lasts + (i == len(below) - 1,))

    for i, body in enumerate(roots):
        walk(body, (i == len(roots) - 1,))
    return found


def documents(dataset: Dataset, as_of: dt.date, *, mechanism: str | None = None, doc_type: str | None = None,
              year: int | None = None) -> list[Document]:
    """Instruments and statements, oldest first; a document dated after `as_of` is left out.
    A body matches the documents it adopted itself or at one of its meetings."""
    found = []
    for doc in dataset.documents.values():
        if _after(doc.date, as_of):
            continue
        if mechanism and document_body(dataset, doc) != mechanism:
            continue
        if doc_type and doc.type != doc_type:
            continue
        if year is not None and (doc.date is None or doc.date.year != year):
            continue
        found.append(doc)
    return sorted(found, key=lambda d: (d.date.sort_key() if d.date else (9999, 0, 0), d.title.casefold()))


def document_body(dataset: Dataset, doc: Document) -> str | None:
    if doc.mechanism:
        return doc.mechanism
    meeting = dataset.meetings_by_id.get(doc.meeting) if doc.meeting else None
    return meeting.mechanism if meeting else None


# --- raw fields the records do not carry --------------------------------------------------

def _raw(dataset: Dataset, section: str, record_id: str) -> dict:
    for raw in dataset.raw.get(section, ()):
        if raw.get("id") == record_id:
            return raw
    return {}
