"""Questions about countries and people: a country's dossier (offices, posts, meetings led, hosted
and attended, delegations) and a person's profile.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from asean_sec.model.dataset import Dataset
from asean_sec.model.dates import PartialDate
from asean_sec.model.kinds import ChairStatus, Country, Meeting, Office, Person, Role
from asean_sec.model.names import fold, held_by_several, post_of
from asean_sec.model.record import replace
from asean_sec.questions import query
from asean_sec.questions.common import (
    LEADING_ROLES,
    RECENT_DELEGATIONS,
    held_by,
    raw_record,
    seen_only_after,
    starts_after,
)
from asean_sec.questions.query import ChairAnswer

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


def _post_evidence(offices: list[Office], meetings: list[Meeting]) -> list[tuple[str | None, str, str, PartialDate, bool]]:
    """(country, folded title, person, date, at a meeting) for every dated sign that someone held
    a post: the start of one of `offices`, or the title someone had at one of `meetings`."""
    found = [(o.country, fold(o.title), o.person, o.start, False) for o in offices if o.start]
    for meeting in meetings:
        if meeting.start is None or meeting.status != "held":
            continue
        seats = ([meeting.chair] if meeting.chair else []) + list(meeting.co_chairs)
        found += [(s.country, fold(s.title), s.person, meeting.start, True) for s in seats
                  if s.person and s.title]
        found += [(p.country, fold(p.title), p.person, meeting.start, True) for p in meeting.participants
                  if p.person and p.title]
    return found


def _evidence_for(dataset: Dataset, offices: list[Office], near: list[Office],
                  also: set[int] | frozenset[int] = frozenset()) -> list:
    """The post evidence `office_state` needs for `offices`: what their holders held (meetings where
    they sat) and who came later (the offices `near` them, Dataset.offices_near, and meetings where
    their countries had a seat), read from those meetings only."""
    positions = dataset.positions_with(present=tuple({o.country for o in offices if o.country}),
                                       seated=tuple({o.person for o in offices}))
    return _post_evidence(near, _in_order(dataset, positions | also))


def _in_order(dataset: Dataset, positions) -> list[Meeting]:
    """The meetings at `positions` in date order (as query.meetings lists them)."""
    return sorted(dataset.meetings_at(sorted(positions)), key=query.meeting_order)


def office_state(dataset: Dataset, office: Office, as_of: dt.date, evidence: list) -> OfficeState:
    """Whether `office` was held on `as_of`, and what shows it (`evidence`: what _evidence_for gives)."""
    title = fold(office.title)
    seen = sorted((d for c, t, p, d, met in evidence if met and p == office.person and t == title),
                  key=PartialDate.sort_key)
    seen = [d for d in seen if not starts_after(d, as_of)]
    seen = [d for d in seen if _within(d, office)]  # a dated term is seen only at the meetings within it
    first, last = (seen[0], seen[-1]) if seen else (None, None)
    if starts_after(office.start, as_of):
        return OfficeState(office, "not yet")
    if office.end is not None and office.end.last_day < as_of:
        return OfficeState(office, "ended", attested_first=first, attested_last=last)
    if office.start is None:
        return OfficeState(office, "attested", attested_first=first, attested_last=last)
    later = sorted(((d, p) for c, t, p, d, _ in evidence
                    if c == office.country and t == title and p != office.person
                    and d.first_day > office.start.last_day and not starts_after(d, as_of)),
                   key=lambda e: e[0].sort_key())
    if later:
        day, person = later[0]
        return OfficeState(office, "superseded", dataset.person_name(person), day, first, last)
    return OfficeState(office, "in office", attested_first=first, attested_last=last)


def _within(day: PartialDate, office: Office) -> bool:
    """Whether `day` can fall within the office's term (as far as its dates are known)."""
    return not (office.start and day.last_day < office.start.first_day) and \
        not (office.end and day.first_day > office.end.last_day)


def merged_offices(offices: list[Office]) -> list[Office]:
    """The offices (all of a person's among them), an undated record folded into a dated record of
    the same person and title (its sources kept): the undated one only attests part of the same tenure."""
    dated = {(o.person, fold(o.title)) for o in offices if o.start or o.end}
    extra: dict[tuple[str, str], tuple[str, ...]] = {}
    for o in offices:
        key = (o.person, fold(o.title))
        if not (o.start or o.end) and key in dated:
            extra[key] = extra.get(key, ()) + o.sources
    merged = []
    for o in offices:
        key = (o.person, fold(o.title))
        if o.start or o.end:
            merged.append(replace(o, sources=tuple(dict.fromkeys(o.sources + extra[key]))) if key in extra else o)
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


def _date_key(date: PartialDate | None) -> tuple:
    return date.sort_key() if date is not None else (9999, 0, 0)


def country_dossier(dataset: Dataset, country: str, as_of: dt.date, stated_only: bool = False) -> Dossier:
    """A country's dossier on `as_of`; with `stated_only`, a chair inferred from a body's rule is not
    counted (the meeting is listed only if the country hosted or co-chaired it)."""
    record = dataset.countries[country]
    current = query.chair_year_on(dataset, as_of)  # 2007 until Thailand took over on 24 July 2008
    past = [query.asean_chair(dataset, y) for y in sorted(dataset.asean_chair) if y <= current]
    mine_past = tuple(replace(a, status=ChairStatus.HELD.value) for a in past if a and a.country == country)
    horizon = len(query.members_in(dataset, current + 1)) + 1
    ahead = [query.asean_chair(dataset, y) for y in range(current + 1, current + 1 + horizon)]
    mine_ahead = tuple(seen for a in ahead if a and a.country == country  # a year to come is not held yet
                       if (seen := query.seen_from(dataset, a, as_of)) is not None)
    posts = tuple((r, "attested later" if seen_only_after(dataset, r, as_of) else _role_state(r, as_of)) for r in sorted(
        (r for r in dataset.roles if r.country == country),
        key=lambda r: (_date_key(r.start or r.end), r.subject)))
    near = dataset.offices_near({country})
    offices = [o for o in merged_offices(near) if o.country == country]
    # where it had a seat or was the host, and the meetings with no host on record that met there (held_in)
    present = dataset.positions_with(present=(country,)) | set(dataset.index_entry(("held in", country)))
    evidence = _evidence_for(dataset, offices, near, present)
    states = _ended_by_successor(dataset, [office_state(dataset, o, as_of, evidence) for o in offices], as_of)
    mine = _in_order(dataset, present)
    if stated_only:
        mine = [m.stated_only() for m in mine]
    return Dossier(
        country=record,
        member=record.is_member_on(as_of),
        chair_years=mine_past,
        future_chairs=mine_ahead,
        posts=posts,
        meetings=tuple(_led_or_hosted(mine, country)),
        in_office=tuple(sorted([s for s in states if s.status == "in office"] + _recently_attested(dataset, states, as_of),
                               key=_office_order)),
        delegations=tuple(_delegations(mine, country, as_of)),
        note=raw_record(dataset, "countries", country).get("note"),
        as_of=as_of,
    )


RECENTLY = dt.timedelta(days=548)  # about 18 months: an undated office seen this recently is listed as held
_NEVER = PartialDate.parse("1900")


def latest_evidence(dataset: Dataset, state: OfficeState, as_of: dt.date) -> PartialDate | None:
    """The newest date, up to `as_of`, among an office's dated sources and the meetings its holder
    was seen at in it."""
    dates = [PartialDate.parse(s.published) for s in (dataset.source(i) for i in state.office.sources)
             if s and s.published]
    if state.attested_last:
        dates.append(state.attested_last)
    dates = [d for d in dates if not starts_after(d, as_of)]
    return max(dates, key=PartialDate.sort_key, default=None)


def _recently_attested(dataset: Dataset, states: list[OfficeState], as_of: dt.date) -> list[OfficeState]:
    """Offices with no start date on record whose holder was seen in them within RECENTLY before
    `as_of` (the newest per post): a current holder the sources show but do not date."""
    newest: dict[tuple, tuple[PartialDate, OfficeState]] = {}
    # the post's holder in office on the day with a dated start: one seen only before that start is not listed
    # (a post held by one person at a time; deputies and the like are held by several)
    taken = {(s.office.country, post_of(s.office.title)): s.office.start for s in states
             if s.status == "in office" and s.office.start and not held_by_several(post_of(s.office.title))}
    for state in states:
        if state.status != "attested":
            continue
        seen = latest_evidence(dataset, state, as_of)
        if seen is None or seen.last_day > as_of or seen.last_day < as_of - RECENTLY:
            continue
        if seen.last_day < taken.get((state.office.country, post_of(state.office.title)), _NEVER).first_day:
            continue
        key = (state.office.country, fold(state.office.title))
        if key not in newest or seen.sort_key() > newest[key][0].sort_key():
            newest[key] = (seen, state)
    return [state for _, state in newest.values()]


def _end_begun(state: OfficeState, as_of: dt.date) -> bool:
    """In office on `as_of`, in a post one person holds at a time, with an end known only to the year or
    the month, and that year or month begun."""
    end = state.office.end
    return state.status == "in office" and end is not None and end.first_day != end.last_day \
        and end.first_day <= as_of and not held_by_several(post_of(state.office.title))


def _ended_by_successor(dataset: Dataset, states: list[OfficeState], as_of: dt.date) -> list[OfficeState]:
    """A holder whose term ends in a year (or month) under way, once another holder of the same post with
    no start on record has been seen in it within that year (or month) by `as_of`, is superseded by them
    (Yar Pyae's term as Myanmar's Home Affairs minister ends in 2025; Tun Tun Naung is attested in the post
    on 31 July 2025): the post is held by one person at a time."""
    if not any(_end_begun(s, as_of) for s in states):
        return states
    found = []
    for state in states:
        end = state.office.end
        if end is not None and _end_begun(state, as_of):
            post = (state.office.country, post_of(state.office.title))
            seen = [(d, other) for other in states
                    if other.status == "attested" and other.office.person != state.office.person
                    and (other.office.country, post_of(other.office.title)) == post
                    and (d := latest_evidence(dataset, other, as_of)) is not None
                    and end.first_day <= d.first_day and d.last_day <= as_of]
            if seen:
                day, other = min(seen, key=lambda e: e[0].sort_key())
                state = OfficeState(state.office, "superseded", dataset.person_name(other.office.person), day,
                                    state.attested_first, state.attested_last)
        found.append(state)
    return found


def _role_state(role: Role, as_of: dt.date) -> str:
    if role.start is None and role.end is None:
        return "undated"
    if starts_after(role.start, as_of):
        return "from later"
    if role.end is not None and role.end.last_day < as_of:
        return "ended"
    if role.start is None:  # only its end is known: held on the day or not, no source says
        return "start unknown"
    return "current"


def _led_or_hosted(meetings: list[Meeting], country: str):
    """The meetings (those where `country` had a seat or was the host, or that met there with no host on
    record) it hosted, chaired or co-chaired, or that met there."""
    for meeting in meetings:
        roles = []
        if meeting.host == country:
            roles.append("host")
        elif meeting.host is None and meeting.held_in == country:
            roles.append("held there")  # no host on record; a source places it in the country
        if meeting.chair and meeting.chair.country == country:
            roles.append("chair")
        if any(s.country == country for s in meeting.co_chairs):
            roles.append("co-chair")
        if roles:
            yield MeetingRoles(meeting, tuple(roles))


def _delegations(meetings: list[Meeting], country: str, as_of: dt.date):
    held = [m for m in meetings if held_by(m, as_of)]
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
    # offices with no start on record in which the person was seen within RECENTLY: listed as held,
    # as `country` lists them
    recently_seen: tuple[OfficeState, ...] = ()


def person_profile(dataset: Dataset, person: str, as_of: dt.date) -> Profile:
    record = dataset.person(person)
    if record is None:
        raise KeyError(person)
    near = dataset.offices_near(people={person})
    offices = [o for o in merged_offices(near) if o.person == person]
    evidence = _evidence_for(dataset, offices, near)
    states = [office_state(dataset, o, as_of, evidence) for o in offices]
    for country in {s.office.country for s in states if _end_begun(s, as_of) and s.office.country}:
        # a term ending in a year (or month) under way: its country's other holders of the post may show its end
        country_near = dataset.offices_near({country})
        theirs = [o for o in merged_offices(country_near) if o.country == country]
        proof = _evidence_for(dataset, theirs, country_near, dataset.positions_with(present=(country,)))
        others = [office_state(dataset, o, as_of, proof) for o in theirs if o.person != person]
        states = [s for s in _ended_by_successor(dataset, states + others, as_of) if s.office.person == person]
    # an office with no dates whose every sign (a meeting, a dated source) comes after as_of: known later
    states = [s._replace(status="attested later") if s.status == "attested" and s.attested_first is None
              and latest_evidence(dataset, s, as_of) is None
              and latest_evidence(dataset, office_state(dataset, s.office, dt.date.max, evidence), dt.date.max)
              else s for s in states]
    return Profile(
        person=record,
        offices=tuple(sorted((s for s in states if s.status != "not yet"), key=_office_order)),
        meetings=tuple(_attended(dataset, record, as_of)),
        note=raw_record(dataset, "people", person).get("note"),
        as_of=as_of,
        recently_seen=tuple(_recently_attested(dataset, states, as_of)),
    )


def _attended(dataset: Dataset, person: Person, as_of: dt.date):
    """The meetings where the person had a seat or led a delegation, or that name them in a note."""
    names = [fold(n) for n in (person.name, person.native_name, *person.aliases) if n]
    positions = dataset.positions_with(seated=(person.id,))
    positions.update(p for p, note in dataset.folded_notes() if any(n in note for n in names))
    for meeting in _in_order(dataset, positions):
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
