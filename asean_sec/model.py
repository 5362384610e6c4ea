"""The records of the dataset: frozen, typed, free of I/O.

Records are typed NamedTuples: immutable like frozen dataclasses, and several times cheaper to
define, which matters because every question is a fresh process.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from asean_sec.dates import PartialDate


class ChairStatus(str, Enum):
    HELD = "held"  # the year has begun: the country holds or held the chair
    CONFIRMED = "confirmed"  # a future year a source has announced
    PROJECTED = "projected"  # a future year computed from the Charter rule, no source


class ChairRule(str, Enum):
    ALPHABETICAL_ROTATION = "alphabetical_rotation"  # the ASEAN Chairmanship itself (Charter Art. 31)
    FOLLOWS_ASEAN_CHAIR = "follows_asean_chair"
    FOLLOWS_PARENT = "follows_parent"
    HOST_ROTATION = "host_rotation"
    CO_CHAIRS = "co_chairs"
    ELECTED = "elected"
    OTHER = "other"


class Source(NamedTuple):
    id: str
    url: str | None = None
    document: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    accessed: str | None = None

    @property
    def citation(self) -> str:
        """One line naming the source: its title and publisher, then its URL."""
        label = " — ".join(p for p in (self.title, self.publisher, self.published) if p)
        where = self.url or self.document or ""
        return f"{label} <{where}>" if label and self.url else (label or where)


class Country(NamedTuple):
    id: str
    name: str
    official_name: str | None
    aliases: tuple[str, ...]
    iso2: str | None
    iso3: str | None
    member_since: PartialDate | None
    observer_since: PartialDate | None
    sources: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every string a user may type for this country."""
        found = [self.id, self.name, *self.aliases]
        found += [n for n in (self.official_name, self.iso2, self.iso3) if n]
        return tuple(found)

    def is_member_on(self, day) -> bool:
        return self.member_since is not None and self.member_since.first_day <= day


class Mechanism(NamedTuple):
    id: str
    acronym: str
    name: str
    kind: str
    parent: str | None
    founded: PartialDate | None
    founding_document: str | None
    chair_rule: ChairRule
    chair_note: str | None
    partners: tuple[str, ...]
    description: str | None
    aliases: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, self.acronym, self.name, *self.aliases)


class ChairYear(NamedTuple):
    """Who holds the ASEAN Chairmanship in one calendar year."""

    year: int
    country: str
    status: ChairStatus
    basis: str
    note: str | None
    sources: tuple[str, ...]
    last_verified: str | None = None


class Seat(NamedTuple):
    """A country at a table, and the person who sat there for it, if known."""

    country: str
    person: str | None = None
    title: str | None = None


class Participant(NamedTuple):
    country: str | None
    role: str
    person: str | None = None
    title: str | None = None


class Meeting(NamedTuple):
    id: str
    mechanism: str
    ordinal: str
    start: PartialDate | None
    end: PartialDate | None
    city: str | None
    host: str | None
    chair: Seat | None
    co_chairs: tuple[Seat, ...]
    format: str | None
    parent: str | None
    all_members_attended: bool
    participants: tuple[Participant, ...]
    outcomes: tuple[str, ...]
    theme: str | None
    note: str | None
    sources: tuple[str, ...]
    status: str = "held"

    @property
    def leaders(self) -> tuple[str, ...]:
        """Countries that chaired or co-chaired."""
        seats = ((self.chair,) if self.chair else ()) + self.co_chairs
        return tuple(dict.fromkeys(s.country for s in seats))


class Person(NamedTuple):
    id: str
    name: str
    native_name: str | None
    aliases: tuple[str, ...]
    country: str | None
    sources: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.id, self.name, self.native_name, *self.aliases) if n)


class Office(NamedTuple):
    person: str
    title: str
    organization: str | None
    country: str | None
    start: PartialDate | None
    end: PartialDate | None
    note: str | None
    sources: tuple[str, ...]
    last_verified: str | None = None


class Document(NamedTuple):
    id: str
    title: str
    type: str
    date: PartialDate | None
    place: str | None
    meeting: str | None
    mechanism: str | None
    parties: tuple[str, ...]
    status: str | None
    in_force: PartialDate | None
    note: str | None
    sources: tuple[str, ...]


class Role(NamedTuple):
    """A country holding a post: coordinator, lead shepherd, co-chair …"""

    country: str
    role: str
    subject: str
    partner: str | None
    crime: str | None
    mechanism: str | None
    start: PartialDate | None
    end: PartialDate | None
    note: str | None
    sources: tuple[str, ...]


class Crime(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]


class DatasetInfo(NamedTuple):
    name: str
    as_of: str
    sources_note: str | None = None
