"""Questions about bodies: the one-screen brief, the tree of bodies with their chairs, the priority
crime areas and their lead shepherds.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from asean_sec.model.dataset import Dataset
from asean_sec.model.kinds import ChairRule, ChairStatus, Crime, Mechanism, Meeting, Role
from asean_sec.questions import query
from asean_sec.questions.common import (
    SHEPHERD_ROLES,
    chair_as_of,
    children,
    held_by,
    raw_record,
    seen_only_after,
    starts_after,
    subtree,
    upcoming,
)
from asean_sec.questions.query import ChairAnswer


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
    later: tuple[Role, ...] = ()  # undated roles that only pages published after the day show


class Brief(NamedTuple):
    mechanism: Mechanism
    parent: Mechanism | None
    subsidiaries: tuple[Mechanism, ...]
    partner_formats: tuple[Mechanism, ...]
    below: dict  # id -> number of bodies below it
    current_chair: ChairAnswer | None
    next_chair: ChairAnswer | None
    last_meeting: Meeting | None
    next_meeting: Meeting | None  # the first on record not yet held: one still scheduled whose days are over first
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
    # a meeting still scheduled when its days are over comes first: no page reports it held, and silence
    # ('none on record') would hide it (upcoming says the same: date passed, not reported held yet)
    overdue = [m for m in own if m.status == "scheduled" and m.start and not upcoming(m, as_of)]
    future = overdue + [m for m in own if upcoming(m, as_of)]
    last = past[-1] if past else None
    # the chair holding the post on as_of: for ASEAN, the year's chair once it took over (2007's in early
    # 2008); for a body whose chair holds it until its next meeting, the last meeting's chair until then
    current_year = query.chair_year_on(dataset, as_of) if query.follows_asean(dataset, mechanism) else as_of.year
    held_over = query.chair_between_meetings(dataset, mechanism, as_of)
    current = held_over or chair_as_of(dataset, current_year, mechanism, as_of)
    next_year = current_year if held_over else current_year + 1  # held over: the year's chair takes over next
    return Brief(
        mechanism=body,
        parent=dataset.mechanisms.get(body.parent) if body.parent else None,
        subsidiaries=tuple(m for m in below if not m.partners),
        partner_formats=tuple(m for m in below if m.partners),
        below={m.id: len(subtree(dataset, m.id)) - 1 for m in below},
        current_chair=current,
        next_chair=chair_as_of(dataset, next_year, mechanism, as_of),
        last_meeting=last,
        next_meeting=future[0] if future else None,
        expected_meeting=None if future else _expected_meeting(dataset, body, past, as_of),
        priority_areas=tuple(_priority_areas(dataset, mechanism, as_of)),
        note=raw_record(dataset, "mechanisms", mechanism).get("note"),
        as_of=as_of,
    )


def _expected_meeting(dataset: Dataset, body: Mechanism, past: list[Meeting],
                      as_of: dt.date) -> ExpectedMeeting | None:
    """The next meeting when the data has none: only from a recorded chair/host role, or from a
    rule that follows another chair for a body that met last year or this year."""
    numbered = [m for m in past if m.ordinal.isdigit()]
    ordinal = str(max(int(m.ordinal) for m in numbered) + 1) if numbered else None
    # the next of a numbered series follows its last numbered meeting, not a retreat held since
    last = max(numbered, key=lambda m: int(m.ordinal)) if numbered else (past[-1] if past else None)
    last_start = last.start if last else None
    last_year = last_start.year if last_start is not None else None
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
        following = chair_as_of(dataset, year, body.id, as_of)
        if following is not None and following.country:
            return ExpectedMeeting(body.id, ordinal, year, following, following.basis, following.sources)
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
                 and not starts_after(r.start, as_of)]
        later = tuple(r for r in roles if seen_only_after(dataset, r, as_of))
        current = tuple(r for r in roles if not (r.end is not None and r.end.last_day < as_of) and r not in later)
        former = tuple(r for r in roles if r not in current and r not in later)
        found.append(CrimeArea(crime, current, former, later))
    return found


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
