"""Checks across records: references, dates, sources and the rules of each body.

Returns problems with file and line; never prints or exits. Hard faults are errors;
curation doubts (an ordinal gap, a chair that differs from the ASEAN chair without a note)
are warnings, which `asean-sec validate --strict` treats as errors.
"""

from __future__ import annotations

import re

from asean_sec.loading import rules
from asean_sec.model.dates import BadDate, PartialDate
from asean_sec.problems import Problem

# section -> fields that hold a date
DATE_FIELDS = {
    "countries": ("asean_member_since", "asean_observer_since", "asean_dialogue_partner_since",
                  "holders_unverified_from"),
    "mechanisms": ("founded", "chair_rule_from"),
    "meetings": ("start", "end", "last_verified"),
    "offices": ("start", "end", "last_verified"),
    "documents": ("date", "in_force"),
    "roles": ("start", "end", "last_verified"),
    "sources": ("published", "accessed"),
    "asean_chair": ("since", "last_verified"),
}
_SINGULAR = {"sources": "source", "countries": "country", "mechanisms": "mechanism", "meetings": "meeting",
             "people": "person", "documents": "document", "crimes": "crime"}
ID_SECTIONS = ("sources", "countries", "mechanisms", "meetings", "people", "documents", "crimes")


class _Checker:
    def __init__(self, raw, where, unsure, known):
        self.raw, self.where, self.unsure, self.problems = raw, where, unsure, []
        self.ids = {s: {r["id"] for r in raw[s]} | known.get(s, set()) for s in ID_SECTIONS}

    def line(self, section, index, field=None):
        fields = () if field is None else (field,) if isinstance(field, str) else tuple(field)
        return self.where[section].line_of((section, index, *fields))

    def report(self, section, index, field, message, fix=None, warning=False):
        self.problems.append(Problem(self.where[section].file, self.line(section, index, field), message, fix,
                                     warning=warning))

    def ref(self, section, index, field, value, kind):
        if value is not None and value not in self.ids[kind] and kind not in self.unsure:
            import difflib
            close = difflib.get_close_matches(str(value), sorted(self.ids[kind]), n=3)
            fix = f"did you mean {', '.join(close)}?" if close else f"add {value!r} to {kind} or correct the id"
            label = field if isinstance(field, str) else _field_label(field)
            self.report(section, index, field, f"{label} refers to unknown {_SINGULAR[kind]} {value!r}", fix)


def _field_label(path) -> str:
    """('participants', 1, 'country') -> 'participants[1].country'."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def check(dataset, where, unsure=frozenset(), known=None) -> list[Problem]:
    """All problems in `dataset.raw`; `where` maps a section to its yamlio.Document.

    `unsure` names sections (and "dataset") that could not be read, so nothing is checked
    against them; `known` maps a section to ids of records left out because they are broken.
    """
    c = _Checker(dataset.raw, where, unsure, known or {})
    raw = dataset.raw
    _unique_ids(c)
    _ambiguous_names(c)
    dates = _dates(c)
    if "dataset" not in c.unsure:
        _as_of(c)
        _chairs(c, raw["dataset"]["as_of"])
        _verified(c, dates, raw["dataset"]["as_of"])
    _sources(c)
    _references(c)
    _parent_cycles(c, "mechanisms")
    _parent_cycles(c, "meetings")
    _ordinals(c)
    _date_order(c, dates)
    _overlapping_terms(c, dates)
    rules.meeting_rules(c, dates)
    rules.chair_basis(c)
    rules.outcomes(c)
    rules.derived(c)
    rules.offices(c, dates)
    return c.problems


def _unique_ids(c):
    for section in ID_SECTIONS:
        seen: dict[str, int] = {}
        for i, record in enumerate(c.raw[section]):
            first = seen.setdefault(record["id"], i)
            if first != i:
                where = f"first at line {c.line(section, first, 'id')}"
                c.report(section, i, "id", f"duplicate id {record['id']!r} ({where})",
                         f"give each {_SINGULAR[section]} its own id")
    years: dict[int, int] = {}
    for i, record in enumerate(c.raw["asean_chair"]):
        first = years.setdefault(record["year"], i)
        if first != i:
            c.report("asean_chair", i, "year", f"two records for the year {record['year']} "
                     f"(first at line {c.line('asean_chair', first, 'year')})", "keep one per year")


# section -> fields whose values users type to find a record
_NAME_FIELDS = {"countries": ("id", "name", "official_name", "iso2", "iso3", "aliases"),
                "mechanisms": ("id", "acronym", "name", "aliases")}


def _ambiguous_names(c):
    """A name that two records answer to: a query would silently pick one of them."""
    from asean_sec.model.names import fold

    for section, fields in _NAME_FIELDS.items():
        owner: dict[str, tuple[int, str]] = {}
        for i, record in enumerate(c.raw[section]):
            for field, name in _names_of(record, fields):
                first = owner.setdefault(fold(name), record["id"])
                if first != record["id"] and fold(name):
                    c.report(section, i, field, f"{name!r} names both {first!r} and {record['id']!r}",
                             "give each name to one record only")


def _names_of(record, fields):
    for field in fields:
        value = record.get(field)
        if isinstance(value, list):
            yield from ((("aliases", j), name) for j, name in enumerate(value))
        elif value:
            yield field, value


def _dates(c):
    parsed: dict = {}
    seen: dict[tuple, PartialDate | BadDate] = {}  # dates repeat: each distinct text is parsed once
    for section, fields in DATE_FIELDS.items():
        for i, record in enumerate(c.raw[section]):
            for field in fields:
                value = record.get(field)
                if value is None:
                    continue
                key = (type(value), value)
                if key not in seen:
                    try:
                        seen[key] = _real_date(value)
                    except BadDate as err:
                        seen[key] = err
                date = seen[key]
                if isinstance(date, BadDate):
                    c.report(section, i, field, f"{field}: {date}", "give a real date")
                else:
                    parsed[section, i, field] = date
    return parsed


def _real_date(value) -> PartialDate:
    """A PartialDate whose first and last days exist (year 0000 parses but has no days)."""
    date = PartialDate.parse(str(value))
    try:
        date.first_day, date.last_day  # noqa: B018 - year 0000 raises here
    except ValueError:
        raise BadDate(f"{str(value)!r} is out of range: years run from 0001 to 9999") from None
    return date


def _as_of(c):
    document = c.where["dataset"]
    try:
        day = _real_date(c.raw["dataset"]["as_of"])
    except BadDate as err:
        c.problems.append(Problem(document.file, document.line_of(("as_of",)), f"as_of: {err}",
                                  "give a real date"))
        return
    if day.day is None:
        c.problems.append(Problem(document.file, document.line_of(("as_of",)), "as_of needs a day",
                                  "write YYYY-MM-DD"))


# a well-formed http(s) URL: a host name (letters of any script, digits, dots, hyphens), an optional
# port, then a path, query and fragment without spaces, quotes, angle brackets or backslashes, which
# could end a markdown link or an HTML attribute early and start another
_URL = re.compile(r"^https?://[\w.-]+(?::[0-9]{1,5})?(?:[/?#][^\s<>\"'`{}|\\^]*)?$")


def _sources(c):
    for i, source in enumerate(c.raw["sources"]):
        url = source.get("url")
        if isinstance(url, str) and (len(url) > 2000 or not _URL.match(url) or ".." in url.split("/")[2]):
            c.report("sources", i, "url", f"source {source['id']!r} has a url that is not a well-formed http(s) URL",
                     "give the address as a browser shows it: https://host/path, with spaces written %20")
        if not source.get("url") and not source.get("document"):
            c.report("sources", i, None, f"source {source['id']!r} has neither url nor document",
                     "add the URL you read, or name the document")
    for section in c.where:
        if section in ("sources", "dataset"):
            continue
        known = c.ids["sources"]
        for i, record in enumerate(c.raw[section]):
            for j, source_id in enumerate(record.get("sources", ())):
                if source_id not in known:
                    c.ref(section, i, ("sources", j), source_id, "sources")


def _seats(meeting):
    if meeting.get("chair"):
        yield ("chair",), meeting["chair"]
    for j, seat in enumerate(meeting.get("co_chairs", ())):
        yield ("co_chairs", j), seat
    for j, seat in enumerate(meeting.get("participants", ())):
        yield ("participants", j), seat


def _references(c):
    raw = c.raw
    for i, m in enumerate(raw["mechanisms"]):
        c.ref("mechanisms", i, "parent", m.get("parent"), "mechanisms")
        c.ref("mechanisms", i, "founding_document", m.get("founding_document"), "documents")
        for j, partner in enumerate(m.get("partners", ())):
            c.ref("mechanisms", i, ("partners", j), partner, "countries")
    for i, chair in enumerate(raw["asean_chair"]):
        c.ref("asean_chair", i, "country", chair["country"], "countries")
    known = c.ids
    countries, people, meetings = (known[kind] | {None} for kind in ("countries", "people", "meetings"))
    for i, meeting in enumerate(raw["meetings"]):  # the largest section: check first, report after
        if meeting["mechanism"] not in known["mechanisms"] or meeting.get("host") not in countries \
                or meeting.get("parent") not in meetings or meeting.get("held_in") not in countries:
            c.ref("meetings", i, "mechanism", meeting["mechanism"], "mechanisms")
            c.ref("meetings", i, "host", meeting.get("host"), "countries")
            c.ref("meetings", i, "held_in", meeting.get("held_in"), "countries")
        if meeting.get("held_in") and meeting.get("host"):
            c.report("meetings", i, "held_in", f"{meeting['id']}: held_in is for a meeting with no host on record",
                     "drop held_in: the host says where it met")
            c.ref("meetings", i, "parent", meeting.get("parent"), "meetings")
        for path, seat in _seats(meeting):
            country, person = seat.get("country"), seat.get("person")
            if not country and not person:
                c.report("meetings", i, path, "a participant needs a country, a person or both",
                         "add `country:` or `person:`")
            if country not in countries or person not in people:
                c.ref("meetings", i, path + ("country",), country, "countries")
                c.ref("meetings", i, path + ("person",), person, "people")
        for j, doc in enumerate(meeting.get("outcomes", ())):
            if doc not in known["documents"]:
                c.ref("meetings", i, ("outcomes", j), doc, "documents")
    for i, person in enumerate(raw["people"]):
        c.ref("people", i, "country", person.get("country"), "countries")
    for i, office in enumerate(raw["offices"]):
        c.ref("offices", i, "person", office["person"], "people")
        c.ref("offices", i, "country", office.get("country"), "countries")
    for i, doc in enumerate(raw["documents"]):
        c.ref("documents", i, "meeting", doc.get("meeting"), "meetings")
        c.ref("documents", i, "mechanism", doc.get("mechanism"), "mechanisms")
        for j, party in enumerate(doc.get("parties", ())):
            c.ref("documents", i, ("parties", j), party, "countries")
        for j, joined in enumerate(doc.get("party_dates", ())):
            if joined["country"] not in doc.get("parties", ()):
                c.report("documents", i, ("party_dates", j, "country"),
                         f"party_dates[{j}].country {joined['country']!r} is not among the document's parties",
                         f"add {joined['country']!r} to parties, or remove its date")
    for i, role in enumerate(raw["roles"]):
        c.ref("roles", i, "country", role["country"], "countries")
        c.ref("roles", i, "partner", role.get("partner"), "countries")
        c.ref("roles", i, "crime", role.get("crime"), "crimes")
        c.ref("roles", i, "mechanism", role.get("mechanism"), "mechanisms")


def _parent_cycles(c, section):
    """A record that is its own ancestor would send every question about it round in circles."""
    parents = {r["id"]: r.get("parent") for r in c.raw[section]}
    for i, record in enumerate(c.raw[section]):
        chain = [record["id"]]
        while parents.get(chain[-1]) in parents and parents[chain[-1]] not in chain:
            chain.append(parents[chain[-1]])
        if parents.get(chain[-1]) == record["id"]:
            loop = " -> ".join(chain + [record["id"]])
            message = f"{_SINGULAR[section]} {record['id']!r} is its own ancestor ({loop})"
            c.report(section, i, "parent", message, "correct a parent so that the chain ends")


def _ordinals(c):
    for i, meeting in enumerate(c.raw["meetings"]):
        text = str(meeting["ordinal"])
        if text.isdigit() and not text.isascii():
            c.report("meetings", i, "ordinal", f"ordinal {text!r} is not written with the digits 0-9",
                     "write the number with the digits 0-9")


def _date_order(c, dates):
    for section in ("meetings", "offices", "roles"):
        for i, _ in enumerate(c.raw[section]):
            start, end = dates.get((section, i, "start")), dates.get((section, i, "end"))
            if start and end and end.last_day < start.first_day:
                c.report(section, i, "end", f"end {end} is before start {start}", "swap or correct the dates")


def _overlapping_terms(c, dates) -> None:
    """A warning for two holders of a post one person holds at a time (same country, title and
    organisation) whose terms, both dated to the day, overlap, unless either record's note names the
    other holder (a note that says why: appointed the evening before the hand-over)."""
    from asean_sec.model.names import fold, held_by_several, post_of

    if "offices" in c.unsure or "people" in c.unsure:
        return
    names = {p["id"]: fold(p["name"]) for p in c.raw["people"]}
    posts: dict[tuple, list] = {}
    for i, office in enumerate(c.raw["offices"]):
        title = post_of(office["title"])
        start, end = dates.get(("offices", i, "start")), dates.get(("offices", i, "end"))
        if not office.get("country") or held_by_several(title) or start is None or start.first_day != start.last_day:
            continue
        exact_end = end if end is not None and end.first_day == end.last_day else None
        posts.setdefault((office["country"], title, office.get("organization")), []).append((start, exact_end, i))
    for terms in posts.values():
        terms.sort(key=lambda t: t[0].first_day)
        for (_start, end, i), (later, _, j) in zip(terms, terms[1:]):
            a, b = c.raw["offices"][i], c.raw["offices"][j]
            if a["person"] == b["person"] or end is None or end.first_day <= later.first_day:
                continue
            notes = fold(f"{a.get('note', '')} {b.get('note', '')}")
            if any(_named(names.get(p, ""), notes) for p in (a["person"], b["person"])):
                continue
            c.report("offices", j, "start", f"{b['person']}'s term as {b['title']} starts {later}, before "
                     f"{a['person']}'s ends ({end})", "correct a date, or say why in a note", warning=True)


def _named(name: str, text: str) -> bool:
    """Whether `text` names the person (every word of the name but initials: 'Albert F. del Rosario')."""
    words = [w for w in name.split() if len(w.strip(".")) > 2]
    return bool(words) and all(w in text for w in words)


def _chairs(c, as_of):
    as_of_year = int(str(as_of)[:4])
    for i, chair in enumerate(c.raw["asean_chair"]):
        for j, source in enumerate(chair.get("confirmed_by", ())):
            if source not in chair["sources"]:
                c.report("asean_chair", i, ("confirmed_by", j), f"confirmed_by names {source!r}, not among its sources",
                         "add it to sources or correct the id")
        if chair["status"] == "confirmed" and chair["year"] <= as_of_year:
            c.report("asean_chair", i, "status", f"{chair['year']} has begun, so it is held, not confirmed",
                     "write status: held", warning=True)
        if chair["status"] == "held" and chair["year"] > as_of_year:
            c.report("asean_chair", i, "status", f"{chair['year']} is after the dataset's as_of date",
                     "write status: confirmed")


def changeable(section: str, record: dict, as_of_year: int) -> bool:
    """Whether a record states something that can still change, and so needs `last_verified`:
    a chair year not yet held, a meeting not yet held, an office with no end, a post whose term
    runs to the as-of year or later."""
    if section == "asean_chair":
        return record.get("status") in ("confirmed", "projected")
    if section == "meetings":
        return record.get("status", "held") in ("scheduled", "postponed")
    if section == "offices":
        return record.get("end") is None
    if section == "roles":
        end = str(record.get("end") or "")
        return record.get("start") is not None and (not end or int(end[:4]) >= as_of_year)
    return False


def _verified(c, dates, as_of):
    as_of_year = int(str(as_of)[:4])
    for section in ("asean_chair", "meetings", "offices", "roles"):
        for i, record in enumerate(c.raw[section]):
            checked = dates.get((section, i, "last_verified"))
            if checked is None and changeable(section, record, as_of_year):
                c.report(section, i, None, f"{_label(section, record)} can still change but has no last_verified date",
                         "add `last_verified: YYYY-MM-DD`, the day you last checked its sources", warning=True)
            elif checked is not None and str(checked) > str(as_of):
                c.report(section, i, "last_verified", f"last_verified {checked} is after the dataset's as_of {as_of}",
                         "correct the date, or move as_of in dataset.yaml forward")


def _label(section: str, record: dict) -> str:
    if section == "asean_chair":
        return f"ASEAN chair {record.get('year')}"
    if section == "offices":
        return f"{record.get('person')}'s office {record.get('title')!r}"
    if section == "roles":
        return f"{record.get('country')}'s post {record.get('subject')!r}"
    return f"meeting {record.get('id')}"
