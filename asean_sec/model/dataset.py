"""The dataset: raw checked sections, turned into records and indexes on first use."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from typing import Any, Protocol

from asean_sec.model import kinds as model
from asean_sec.model.dates import PartialDate
from asean_sec.model.names import fold

BINDING = ("treaty", "convention", "agreement", "charter")  # document types that parties are bound by


def _date(value) -> PartialDate | None:
    return PartialDate.parse(str(value)) if value not in (None, "") else None


def _seat(raw) -> model.Seat | None:
    if not raw:
        return None
    return model.Seat(raw["country"], raw.get("person"), raw.get("title"))


def build_country(r) -> model.Country:
    return model.Country(r["id"], r["name"], r.get("official_name"), tuple(r.get("aliases", ())),
                         r.get("iso2"), r.get("iso3"), _date(r.get("asean_member_since")),
                         _date(r.get("asean_observer_since")), tuple(r["sources"]),
                         _date(r.get("asean_dialogue_partner_since")))


def build_mechanism(r) -> model.Mechanism:
    return model.Mechanism(r["id"], r["acronym"], r["name"], r["kind"], r.get("parent"),
                           _date(r.get("founded")), r.get("founding_document"),
                           model.ChairRule(r["chair_rule"]), r.get("chair_note"),
                           tuple(r.get("partners", ())), r.get("description"),
                           tuple(r.get("aliases", ())), tuple(r["sources"]),
                           tuple(r.get("chair_rule_sources", ())))


def build_chair_year(r) -> model.ChairYear:
    return model.ChairYear(r["year"], r["country"], model.ChairStatus(r["status"]), r["basis"],
                           r.get("note"), tuple(r["sources"]), r.get("last_verified"), _date(r.get("since")),
                           tuple(r.get("confirmed_by", ())))


def rule_chair(meeting: dict, mechanism: dict | None, asean_chairs: dict, terms: dict | None = None):
    """The chair a body's chair rule gives a meeting no source names a chair for: a country, a list of
    countries (co-chairs, from a term on record), or None.

    Only a rule that is itself sourced (`chair_rule_sources`) is applied, and only to meetings that
    began on or after `chair_rule_from` when the body gives one (before it, `chair_rule_before`
    when the body gives one: host_rotation, the host): host_rotation gives the host;
    follows_asean_chair, and the ASEAN Chairmanship's own rotation (the Chair chairs the Summit),
    give the ASEAN chair (held or confirmed) of the start year. A body whose chairs are the holders of
    a role (`chair_rule_role`: the co-chairs of a three-year cycle, the coordinator of a dialogue
    relation with its partner) gets the holders, and their partners, of the one term on record that
    surely contains the meeting (see term_holders).
    """
    if not mechanism or not mechanism.get("chair_rule_sources"):
        return None
    if meeting.get("chair") or meeting.get("co_chairs") or meeting.get("status") == "cancelled":
        return None
    if meeting.get("chair_by_rule") is False:  # the record says the rule may not cover this meeting
        return None
    if mechanism.get("chair_rule_role"):
        return term_holders(str(meeting.get("start") or ""), (terms or {}).get(mechanism["id"], ()))
    since = mechanism.get("chair_rule_from")
    if since and str(meeting.get("start") or "") < str(since):  # ISO text: a bare year before the day counts as before
        # the rule that held before (`chair_rule_before`), if the body's sources state one: the host chaired
        return meeting.get("host") if mechanism.get("chair_rule_before") == "host_rotation" else None
    if mechanism["chair_rule"] == "host_rotation":
        return meeting.get("host")
    if mechanism["chair_rule"] in ("follows_asean_chair", "alphabetical_rotation"):
        year = str(meeting.get("start") or "")[:4]
        return asean_chairs.get(int(year)) if year.isdigit() else None
    return None


def within(day: str, start, end) -> bool:
    """Whether a meeting that began on `day` (ISO text, as precise as the sources give it) surely falls
    inside a term from `start` to `end` (both needed): after the start and before the end at the
    precision each gives, so that a meeting in a term's first or last year, when the term gives only
    years, or in its first or last month, counts for neither term."""
    if not day or start in (None, "") or end in (None, ""):
        return False
    first, last = str(start), str(end)
    return (len(day) >= len(first) and len(day) >= len(last)
            and day[:len(first)] > first and day[:len(last)] < last)


def term_holders(day: str, terms) -> list[str] | None:
    """The countries (holders first, then their partners) of the one term in `terms` ((start, end,
    country, partner) each) that surely contains `day`; None when no term does, when the terms that do
    name more than one pair, or when they name fewer than two countries."""
    found: list[str] = []
    for start, end, country, partner in terms:
        if within(day, start, end):
            found += [c for c in (country, partner) if c and c not in found]
    return found if len(found) == 2 else None


def names_role(wanted: dict | None, role: dict) -> bool:
    """Whether a body's `chair_rule_role` names this raw role: its fields equal every field given."""
    return bool(wanted) and all(role.get(k) == v for k, v in wanted.items())  # type: ignore[union-attr]


def role_terms(raw) -> dict[str, list[tuple]]:
    """Body id -> the terms ((start, end, country, partner) each) of the roles its `chair_rule_role`
    names."""
    out: dict[str, list[tuple]] = {}
    for body in raw["mechanisms"]:
        wanted = body.get("chair_rule_role")
        if wanted:
            out[body["id"]] = [(r.get("start"), r.get("end"), r["country"], r.get("partner"))
                               for r in raw.get("roles", ()) if names_role(wanted, r)]
    return out


def index_context(raw) -> tuple[dict, dict, dict]:
    """What meeting_keys needs besides the meeting: the bodies whose chair rule is sourced, the
    ASEAN chair (held or confirmed) of each year, and the terms of the roles some bodies' chairs hold."""
    bodies = {m["id"]: m for m in raw["mechanisms"] if m.get("chair_rule_sources")}
    asean_chairs = {c["year"]: c["country"] for c in raw["asean_chair"] if c["status"] in ("held", "confirmed")}
    return bodies, asean_chairs, role_terms(raw)


def meeting_keys(raw: dict, bodies: dict, asean_chairs: dict, terms: dict | None = None):
    """The keys of the meeting index (see Dataset.meeting_index) one meeting is listed under, each
    once, and the chair its body's sourced rule gives it (None when none is inferred; a list of
    countries when co-chairs are)."""
    seat = raw.get("chair")
    chair = seat.get("country") if seat else None
    people: set = {seat.get("person")} if seat else set()
    by_rule = rule_chair(raw, bodies.get(raw["mechanism"]), asean_chairs, terms)
    leaders: set = set()
    if isinstance(by_rule, str):
        chair = by_rule
    elif by_rule:
        leaders.update(by_rule)
    host = raw.get("host")
    leaders.add(chair)
    present: set = {host, chair}
    for seat in raw.get("co_chairs", ()):
        leaders.add(seat.get("country"))
        people.add(seat.get("person"))
    present |= leaders
    for seat in raw.get("participants", ()):
        present.add(seat.get("country"))
        people.add(seat.get("person"))
    leaders.discard(None)
    present.discard(None)
    people.discard(None)
    keys: list[tuple] = [("mechanism", raw["mechanism"])]
    if chair:
        keys.append(("chair", chair))
    if host:
        keys.append(("host", host))
    if raw.get("held_in"):  # where a meeting with no host on record met
        keys.append(("held in", raw["held_in"]))
    keys += [("leader", country) for country in leaders]
    keys += [("present", country) for country in present]
    keys += [("person", person) for person in people]
    if raw.get("all_members_attended"):
        keys.append(("all members",))
    return keys, by_rule


def build_meeting(r, inferred_chair: str | list | None = None) -> model.Meeting:
    """A meeting; `inferred_chair` is what its body's sourced rule gives when no source names a chair
    (a country: the chair; a list: co-chairs), marked `chair_basis` "rule"."""
    chair = _seat(r.get("chair"))
    co_chairs = tuple(model.Seat(s["country"], s.get("person"), s.get("title")) for s in r.get("co_chairs", ()))
    basis = r.get("chair_basis", "stated") if chair or co_chairs else None
    if chair is None and not co_chairs and inferred_chair:
        if isinstance(inferred_chair, str):
            chair = model.Seat(inferred_chair)
        else:
            co_chairs = tuple(model.Seat(country) for country in inferred_chair)
        basis = "rule"
    return model.Meeting(
        id=r["id"], mechanism=r["mechanism"], ordinal=str(r["ordinal"]),
        start=_date(r.get("start")), end=_date(r.get("end")), city=r.get("city"), host=r.get("host"),
        chair=chair, chair_basis=basis, co_chairs=co_chairs,
        format=r.get("format"), parent=r.get("parent"),
        all_members_attended=bool(r.get("all_members_attended", False)),
        participants=tuple(model.Participant(p.get("country"), p.get("role", "delegate"), p.get("person"),
                                             p.get("title")) for p in r.get("participants", ())),
        outcomes=tuple(r.get("outcomes", ())), theme=r.get("theme"), note=r.get("note"),
        sources=tuple(r["sources"]), status=r.get("status", "held"), last_verified=r.get("last_verified"),
        derived=tuple(r.get("derived", ())), venue=r.get("venue"), held_in=r.get("held_in"))


def build_person(r) -> model.Person:
    return model.Person(r["id"], r["name"], r.get("native_name"), tuple(r.get("aliases", ())),
                        r.get("country"), tuple(r["sources"]))


def build_office(r) -> model.Office:
    return model.Office(r["person"], r["title"], r.get("organization"), r.get("country"),
                        _date(r.get("start")), _date(r.get("end")), r.get("note"), tuple(r["sources"]),
                        r.get("last_verified"), tuple(r.get("derived", ())))


def build_document(r) -> model.Document:
    return model.Document(r["id"], r["title"], r["type"], _date(r.get("date")), r.get("place"),
                          r.get("meeting"), r.get("mechanism"), tuple(r.get("parties", ())),
                          r.get("status"), _date(r.get("in_force")), r.get("note"), tuple(r["sources"]),
                          tuple(r.get("derived", ())),
                          tuple((j["country"], PartialDate.parse(str(j["date"]))) for j in r.get("party_dates", ())))


def build_role(r) -> model.Role:
    return model.Role(r["country"], r["role"], r["subject"], r.get("partner"), r.get("crime"),
                      r.get("mechanism"), _date(r.get("start")), _date(r.get("end")), r.get("note"),
                      tuple(r["sources"]), r.get("last_verified"))


def build_crime(r) -> model.Crime:
    return model.Crime(r["id"], r["name"], tuple(r.get("aliases", ())), tuple(r["sources"]))


def build_source(r) -> model.Source:
    return model.Source(r["id"], r.get("url"), r.get("document"), r.get("title"), r.get("publisher"),
                        None if r.get("published") is None else str(r["published"]), r.get("accessed"))


def _by_id(records) -> dict:
    return {r.id: r for r in records}


class StoredParts(Protocol):
    """What a store of checked data (the cache) answers one part at a time, so that a question
    reads only the meetings and sources it shows. The model knows no more of the store than this."""

    def meeting_count(self) -> int: ...

    def meeting(self, position: int) -> dict: ...

    def index_entry(self, key: tuple) -> list: ...

    def record(self, section: str, record_id: str) -> dict | None: ...

    def by_id(self, section: str) -> bool: ...

    def source_ref(self, source_id: str) -> str | None: ...

    def memo(self, name: str, compute: Callable[[], Any]) -> Any: ...


class Dataset:
    """Every record of one data directory. Records are built from `raw` (a mapping of section
    name to records) on first use; with `parts`, single meetings, sources and entries of the
    meeting index are read from the store instead of from whole sections."""

    def __init__(self, raw, directory: str | os.PathLike, parts: StoredParts | None = None):
        self.raw = raw
        self.directory = directory
        self.parts = parts
        self.refs_alone = False  # see source_ref

    @cached_property
    def info(self) -> model.DatasetInfo:
        meta = self.raw["dataset"]
        return model.DatasetInfo(meta["name"], meta["as_of"], meta.get("description"))

    def before_its_date(self, day) -> bool:
        """Whether `day` (a date) is before the data's own as-of date: what the data records after it
        is hindsight there (ISO text compared, as the dates are written)."""
        return day.isoformat() < str(self.info.as_of)

    def holds_chair_until_next_meeting(self, mechanism: str) -> bool:
        """Whether a body's chair holds the post from one meeting until the next (its
        `chair_until_next_meeting`, from its rule's sources): ASEANAPOL's."""
        return bool((self.raw_record("mechanisms", mechanism) or {}).get("chair_until_next_meeting"))

    @cached_property
    def sources(self) -> dict[str, model.Source]:
        return _by_id(build_source(r) for r in self.raw["sources"])

    def source(self, source_id: str) -> model.Source | None:
        """One source, built on its own (answers cite a few of hundreds)."""
        if "sources" in self.__dict__:
            return self.sources.get(source_id)
        built = self._built_sources
        if source_id not in built:
            raw = self.raw_record("sources", source_id)
            built[source_id] = build_source(raw) if raw else None
        return built[source_id]

    def source_ref(self, source_id: str) -> str:
        """What an answer cites of a source: its URL, else the document it is, else its id (also for
        an id with no source). From the store, with `refs_alone` (an answer that will not list its
        sources in full: JSON, CSV), only that is read, not the whole record."""
        if self.refs_alone and self.parts is not None and "sources" not in self.__dict__ \
                and source_id not in self._built_sources:
            return self.parts.source_ref(source_id) or source_id
        source = self.source(source_id)
        return source.ref if source else source_id

    @cached_property
    def _built_sources(self) -> dict[str, model.Source | None]:
        return {}

    def sources_built(self) -> list[model.Source]:
        """The sources built so far (every source once the whole section was asked for)."""
        if "sources" in self.__dict__:
            return list(self.sources.values())
        return [s for s in self._built_sources.values() if s is not None]

    @cached_property
    def countries(self) -> dict[str, model.Country]:
        return _by_id(build_country(r) for r in self.raw["countries"])

    @cached_property
    def mechanisms(self) -> dict[str, model.Mechanism]:
        return _by_id(build_mechanism(r) for r in self.raw["mechanisms"])

    @cached_property
    def asean_chair(self) -> dict[int, model.ChairYear]:
        return {c.year: c for c in (build_chair_year(r) for r in self.raw["asean_chair"])}

    @cached_property
    def meetings(self) -> list[model.Meeting]:
        inferred = self.inferred_chairs
        return [build_meeting(r, inferred.get(p)) for p, r in enumerate(self.raw["meetings"])]

    @cached_property
    def inferred_chairs(self) -> dict[int, str | list]:
        """Meeting position -> the chair country (or the co-chairs, a list) its body's sourced rule
        gives (no chair stated)."""
        if self.parts is not None:  # from the store: only this entry of the index is read
            pairs = self.parts.index_entry(("inferred",))
        else:
            pairs = self.meeting_index.get(("inferred",), [])
        return {position: country for position, country in pairs}

    @cached_property
    def meeting_index(self) -> dict[tuple, list]:
        """Positions of meetings by ("mechanism", id) and, for each country, by ("chair", id),
        ("leader", id) (chair or co-chair), ("host", id) and ("present", id) (any seat or
        delegation, or the host); for each person, by ("person", id) (a seat or a delegation); by
        ("all members",) for meetings every member attended; ("inferred",): [position, country] for
        each chair inferred from its body's sourced rule (counted as the chair in the entries above), or
        [position, [country, country]] for co-chairs inferred from a term (counted as leaders)."""
        index: dict[tuple, list] = {}
        inferred: list[list] = []
        context = index_context(self.raw)
        for position, raw in enumerate(self.raw["meetings"]):
            keys, by_rule = meeting_keys(raw, *context)
            for key in keys:
                found = index.get(key)
                if found is None:
                    index[key] = [position]
                else:
                    found.append(position)
            if by_rule:
                inferred.append([position, by_rule])
        if inferred:
            index[("inferred",)] = inferred
        return index

    def folded_notes(self) -> list:
        """[position, note folded (see names.fold)] for each meeting with a note: made once from every
        meeting and kept beside the store's entry (memo), so that a question about a person reads it,
        not every meeting."""
        def make():
            return [[p, fold(r["note"])] for p, r in enumerate(self.raw["meetings"]) if r.get("note")]
        return self.memo("notes", make)

    def treaties_of(self, country: str) -> list[dict]:
        """The instruments that bind `country` (treaties, conventions, agreements, the Charter,
        anything with an entry into force, its accessions) among whose parties it is, oldest first,
        each as {id, title, type, status, date, in_force, derived, party_date} (party_date: the day the country's
        own instrument was deposited, where a source gives it): made once for every country and kept beside
        the store's entry (memo), so a dossier reads neither the documents nor the others'."""
        def make():
            by_country: dict[str, list] = {}
            dated = sorted(self.raw["documents"], key=lambda d: (str(d.get("date") or "9999"), d["id"]))
            for document in dated:
                if document["type"] in BINDING or document.get("in_force") or "accession" in document["id"]:
                    row = {"id": document["id"], "title": document["title"], "type": document["type"],
                           "status": document.get("status"),
                           **{key: str(document[key]) if document.get(key) else None for key in ("date", "in_force")},
                           "derived": list(document.get("derived", ()))}  # dates worked out, not printed
                    joined = {d["country"]: str(d["date"]) for d in document.get("party_dates", ())}
                    for party in document.get("parties", ()):
                        by_country.setdefault(party, []).append({**row, "party_date": joined.get(party)})
            return by_country
        return self.memo("treaties", make).get(country, [])

    def memo(self, name: str, compute: Callable[[], Any]):
        """What `compute()` returns: a value derived from the whole dataset (a search index), made
        once and kept beside the store's entry when there is one, so later runs only read it.
        It must be made of what marshal stores (str, int, tuple, list, dict, None)."""
        if self.parts is not None:
            return self.parts.memo(name, compute)
        return compute()

    def meetings_at(self, positions) -> list[model.Meeting]:
        """The meetings at `positions`, built without reading the others (each once: a question
        that asks for some of them again gets them from what was built)."""
        if "meetings" in self.__dict__:
            return [self.meetings[p] for p in positions]
        built = self._built_meetings
        missing = [p for p in positions if p not in built]
        if missing:
            inferred = self.inferred_chairs
            for p in missing:
                raw = self.parts.meeting(p) if self.parts is not None else self.raw["meetings"][p]
                built[p] = build_meeting(raw, inferred.get(p))
        return [built[p] for p in positions]

    @cached_property
    def _built_meetings(self) -> dict[int, model.Meeting]:
        return {}

    def meeting_positions(self, mechanism: str | None = None, *, chaired_by: str | None = None,
                          hosted_by: str | None = None, led_by: str | None = None,
                          attended_by: str | None = None) -> list[int]:
        """Positions of the meetings that may match every filter given (all of them when none is):
        in the mechanism, chaired, hosted, led and attended by those countries (attended: present,
        or there as one of all members)."""
        wanted = [self._meeting_positions(key) for key in (
            ("mechanism", mechanism), ("chair", chaired_by), ("leader", led_by)) if key[1]]
        if hosted_by:  # hosted, or (no host on record) held there
            wanted.append(self._meeting_positions(("host", hosted_by)) | self._meeting_positions(("held in", hosted_by)))
        if attended_by:
            wanted.append(self._meeting_positions(("present", attended_by)) | self._meeting_positions(("all members",)))
        if not wanted:
            count = self.parts.meeting_count() if self.parts is not None else len(self.raw["meetings"])
            return list(range(count))
        return sorted(set.intersection(*wanted))

    def _meeting_positions(self, key: tuple) -> set[int]:
        return set(self.index_entry(key))

    def index_entry(self, key: tuple) -> list:
        """One entry of the meeting index (see meeting_index), [] when there is none."""
        if self.parts is not None:  # from the store: only this entry of the index is read
            return self.parts.index_entry(key)
        return self.meeting_index.get(key, [])

    def positions_with(self, *, present: tuple[str, ...] = (), seated: tuple[str, ...] = ()) -> set[int]:
        """Positions of the meetings where any of the countries `present` was there (a seat, a
        delegation or the host; not a meeting all members attended) or any of the people `seated`
        had a seat or led a delegation."""
        found: set[int] = set()
        for key in [("present", c) for c in present] + [("person", p) for p in seated]:
            found.update(self.index_entry(key))
        return found

    @cached_property
    def meetings_by_id(self) -> dict[str, model.Meeting]:
        return _by_id(self.meetings)

    @cached_property
    def people(self) -> dict[str, model.Person]:
        return _by_id(build_person(r) for r in self.raw["people"])

    @cached_property
    def offices(self) -> list[model.Office]:
        return [build_office(r) for r in self.raw["offices"]]

    def offices_near(self, countries=(), people=()) -> list[model.Office]:
        """The offices an answer about `countries` or `people` needs to tell who held what when, in
        file order, built without the others (it needs a few dozen): those held in the countries, or
        in a country where one of the people held office, and every office of anyone who held one."""
        raw = self.raw["offices"]
        countries = set(countries) | {r.get("country") for r in raw if r["person"] in people}
        holders = set(people) | {r["person"] for r in raw if r.get("country") in countries}
        if "offices" in self.__dict__:
            return [o for o in self.offices if o.country in countries or o.person in holders]
        return [build_office(r) for r in raw if r.get("country") in countries or r["person"] in holders]

    @cached_property
    def documents(self) -> dict[str, model.Document]:
        return _by_id(build_document(r) for r in self.raw["documents"])

    @cached_property
    def roles(self) -> list[model.Role]:
        return [build_role(r) for r in self.raw["roles"]]

    @cached_property
    def crimes(self) -> dict[str, model.Crime]:
        return _by_id(build_crime(r) for r in self.raw["crimes"])

    def rule_sources(self, meeting: model.Meeting) -> tuple[str, ...]:
        """The sources an inferred chair rests on: its body's `chair_rule_sources` and, for co-chairs
        inferred from a term, the sources of that term's roles; () for a chair a source names."""
        body = self.mechanisms.get(meeting.mechanism)
        if not meeting.chair_inferred or body is None:
            return ()
        found = list(body.chair_rule_sources)
        wanted = self.chair_rule_role(body.id)
        if wanted and meeting.co_chairs:
            day = str(meeting.start or "")
            terms = [r for r in self.raw.get("roles", ()) if names_role(wanted, r)]
            used = [r for r in terms if within(day, r.get("start"), r.get("end"))]
            # the rule's sources that speak of another term (Malaysia's, for a meeting in the Philippines')
            # are left out; the term's own sources are added
            other = {source for r in terms if r not in used for source in r["sources"]} - {
                source for r in used for source in r["sources"]}
            found = [source for source in found if source not in other]
            for role in used:
                found += role["sources"]
        return tuple(dict.fromkeys(found))

    def chair_rule_role(self, mechanism: str) -> dict | None:
        """The roles whose holders co-chair a body (its `chair_rule_role`), or None."""
        return next((m.get("chair_rule_role") for m in self.raw["mechanisms"] if m["id"] == mechanism), None)

    def country_name(self, country_id: str | None) -> str | None:
        if country_id is None:
            return None
        country = self.countries.get(country_id)
        return country.name if country else country_id

    def person(self, person_id: str) -> model.Person | None:
        """One person, built on their own (a person's answer needs only them)."""
        if "people" in self.__dict__:
            return self.people.get(person_id)
        raw = self.raw_record("people", person_id)
        return build_person(raw) if raw else None

    def person_name(self, person_id: str | None) -> str | None:
        if person_id is None:
            return None
        if "people" in self.__dict__:
            person = self.people.get(person_id)
            return person.name if person else person_id
        raw = self.raw_record("people", person_id)  # a name, without building every person
        return raw["name"] if raw else person_id

    def document(self, document_id: str) -> model.Document | None:
        """One document, built on its own (a list of meetings names a few of them)."""
        if "documents" in self.__dict__:
            return self.documents.get(document_id)
        raw = self.raw_record("documents", document_id)
        return build_document(raw) if raw else None

    def raw_record(self, section: str, record_id: str | None) -> dict | None:
        """The raw record of `section` with this id (None when there is none): from the store when it
        keeps the section by id and the section has not been read whole, else from an index of the
        section by id made on first use."""
        if record_id is None:
            return None
        found = self._raw_indexes.get(section)
        if found is None and self.parts is not None and self.parts.by_id(section):
            read = self._stored_records.setdefault(section, {})
            if record_id not in read:
                read[record_id] = self.parts.record(section, record_id)
            return read[record_id]
        if found is None:
            found = self._raw_indexes[section] = {r["id"]: r for r in self.raw.get(section, ())}
        return found.get(record_id)

    @cached_property
    def _stored_records(self) -> dict[str, dict]:
        return {}

    @cached_property
    def _raw_indexes(self) -> dict[str, dict]:
        return {}
