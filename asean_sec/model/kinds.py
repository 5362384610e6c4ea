"""The records of the dataset: frozen, typed, free of I/O.

Records are `@record` classes (see record.py): typed and immutable like frozen dataclasses,
and nearly free to define, which matters because every question is a fresh process.
"""

from __future__ import annotations

from enum import Enum

from asean_sec.model.dates import PartialDate
from asean_sec.model.record import record, replace


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


@record
class Source:
    id: str
    url: str | None = None
    document: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    accessed: str | None = None

    @property
    def ref(self) -> str:
        """What an answer cites of it: its URL, else the document it is, else its id."""
        return self.url or self.document or self.id

    @property
    def citation(self) -> str:
        """One line naming the source: its title and publisher, then its URL."""
        label = " — ".join(p for p in (self.title, self.publisher, self.published) if p)
        where = self.url or self.document or ""
        return f"{label} <{where}>" if label and self.url else (label or where)


@record
class Country:
    id: str
    name: str
    official_name: str | None
    aliases: tuple[str, ...]
    iso2: str | None
    iso3: str | None
    member_since: PartialDate | None
    observer_since: PartialDate | None
    sources: tuple[str, ...]
    dialogue_partner_since: PartialDate | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every string a user may type for this country."""
        found = [self.id, self.name, *self.aliases]
        found += [n for n in (self.official_name, self.iso2, self.iso3) if n]
        return tuple(found)

    def is_member_on(self, day) -> bool:
        return self.member_since is not None and self.member_since.first_day <= day


@record
class Mechanism:
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
    chair_rule_sources: tuple[str, ...] = ()  # sources stating the rule: only then are chairs inferred

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, self.acronym, self.name, *self.aliases)


@record
class ChairYear:
    """Who holds the ASEAN Chairmanship in one calendar year."""

    year: int
    country: str
    status: ChairStatus
    basis: str
    note: str | None
    sources: tuple[str, ...]
    last_verified: str | None = None
    since: PartialDate | None = None  # the day it took over, when that was during the year (2008)
    confirmed_by: tuple[str, ...] = ()  # of `sources`, those naming this chair (others: context, earlier plans)


@record
class Seat:
    """A country at a table, and the person who sat there for it, if known."""

    country: str
    person: str | None = None
    title: str | None = None


@record
class Participant:
    country: str | None
    role: str
    person: str | None = None
    title: str | None = None


@record
class Meeting:
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
    last_verified: str | None = None  # the day its sources were last checked (scheduled meetings)
    chair_basis: str | None = None  # "stated" (a source names the chair) | "rule" (inferred) | None: no chair
    derived: tuple[str, ...] = ()  # fields worked out from what the sources print, not printed (start, end)
    venue: str | None = None  # the building or hotel, where a source names it
    held_in: str | None = None  # the country it met in, for a meeting with no host on record

    @property
    def chair_inferred(self) -> bool:
        """Whether its chair (or its co-chairs) is inferred from the body's sourced rule, not named."""
        return self.chair_basis == "rule" and (self.chair is not None or bool(self.co_chairs))

    def stated_only(self) -> Meeting:
        """This meeting without a chair or co-chairs that no source names."""
        return replace(self, chair=None, co_chairs=(), chair_basis=None) if self.chair_inferred else self

    @property
    def leaders(self) -> tuple[str, ...]:
        """Countries that chaired or co-chaired."""
        seats = ((self.chair,) if self.chair else ()) + self.co_chairs
        return tuple(dict.fromkeys(s.country for s in seats))


@record
class Person:
    id: str
    name: str
    native_name: str | None
    aliases: tuple[str, ...]
    country: str | None
    sources: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.id, self.name, self.native_name, *self.aliases) if n)


@record
class Office:
    person: str
    title: str
    organization: str | None
    country: str | None
    start: PartialDate | None
    end: PartialDate | None
    note: str | None
    sources: tuple[str, ...]
    last_verified: str | None = None
    derived: tuple[str, ...] = ()  # fields worked out from what the sources print, not printed (start, end)


@record
class Document:
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
    derived: tuple[str, ...] = ()  # fields worked out from what the sources print, not printed (date, in_force)
    party_dates: tuple[tuple[str, PartialDate], ...] = ()  # (party, the day it ratified or acceded), where known


@record
class Role:
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
    last_verified: str | None = None


@record
class Crime:
    id: str
    name: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]


@record
class DatasetInfo:
    name: str
    as_of: str
    sources_note: str | None = None
