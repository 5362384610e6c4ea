"""Briefing answers shaped for output: rows with stable field names, the columns people see,
and two renderers render.py does not have — several sections shown as one document (a
profile), and a listing grouped under headings (the timeline).

Row fields are a public contract like rows.py's: add fields, never rename or remove them.
rich is imported only when a table is drawn.
"""

from __future__ import annotations

import datetime as dt

from asean_sec import briefing, rows
from asean_sec.dataset import Dataset
from asean_sec.names import fold
from asean_sec.render import (MACHINE_FORMATS, Column, Report, color_enabled, flat,
                              markdown_fields, markdown_sources, markdown_table, render,
                              rich_fields_table)

KIND_LABELS = {"summit": "summit", "ministerial": "ministerial meeting",
               "senior_officials": "senior officials' meeting", "working_group": "working group",
               "conference": "conference", "consultation": "consultation with dialogue partners",
               "dialogue": "dialogue", "community": "community pillar", "organisation": "organisation",
               "other": "other"}
RULE_LABELS = {"alphabetical_rotation": "rotates yearly in the alphabetical order of members (Charter Art. 31)",
               "follows_asean_chair": "follows the ASEAN chair", "follows_parent": "follows its parent body's chair",
               "host_rotation": "the host chairs; hosts rotate", "co_chairs": "co-chaired by a member and the partner",
               "elected": "elected", "other": "no single rule"}
ROLE_LABELS = {"head_of_delegation": "head of delegation", "incoming_chair": "incoming chair",
               "secretary_general": "ASEAN Secretary-General", "co_chair": "co-chair",
               "lead_shepherd": "lead shepherd", "voluntary_lead_shepherd": "voluntary lead shepherd"}


def _label(value: str | None) -> str:
    return ROLE_LABELS.get(value, (value or "").replace("_", " "))


def _sources_of(found: list[dict]) -> list[str]:
    refs: list[str] = []
    for row in found:
        refs += [r for r in row.get("sources", ()) if r not in refs]
    return refs


def _merge_sources(*groups) -> list[str]:
    refs: list[str] = []
    for group in groups:
        refs += [r for r in group or () if r not in refs]
    return refs


def _numbers(found: list[int]) -> str:
    """[3, 21, 22, 23, 24] -> '3,21-24'"""
    runs: list[list[int]] = []
    for n in sorted(set(found)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ",".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ",".join(map(str, r)) for r in runs)


def _cited(refs: list[str]):
    """A 'Src' column's text: the row's sources as numbers in the list under the output."""
    where = {ref: i for i, ref in enumerate(refs, 1)}

    def text(row):
        return _numbers([where[r] for r in row.get("sources", ()) if r in where])
    return text


def _src_column(found: list[dict]) -> Column:
    return Column("Src", _cited(_sources_of(found)))


def _span(start, end) -> str:
    start, end = start or "", end or ""
    if start and end and end != start:
        return f"{start}–{end}"
    if end and not start:
        return f"until {end}"
    return start


def _compact_span(start: str, end: str | None) -> str:
    """ISO 8601 interval with the end's repeated leading parts left out: 2024-08-28/29."""
    if not end or end == start:
        return start
    if len(start) == len(end) == 10 and start[:8] == end[:8]:
        return f"{start}/{end[8:]}"
    if len(start) == len(end) == 10 and start[:5] == end[:5]:
        return f"{start}/{end[5:]}"
    return f"{start}/{end}"


def _who(country_name, person_name) -> str:
    return " — ".join(p for p in (country_name, person_name) if p)


def _place(row: dict) -> str:
    return ", ".join(p for p in (row.get("city"), row.get("host_name")) if p)


def _meeting_dates(row: dict) -> str:
    return _compact_span(row.get("start") or "", row.get("end"))


def _keep(column: Column, cut: bool = False) -> Column:
    """A column a table should not wrap (dates, labels, names); `cut`: shorten it with '…'
    rather than widen it (a tree must keep one line a row)."""
    column.no_wrap, column.cut = True, cut
    return column


def _meeting_chair(row: dict) -> str:
    if row.get("chair_country_name"):
        return _who(row["chair_country_name"], row.get("chair_person_name"))
    return " & ".join(_who(s["country_name"], s.get("person_name")) for s in row.get("co_chairs", ()))


def _meeting_line(row: dict | None) -> str:
    """'AMMTC 18, 2024-08-28/2024-08-29, Vientiane, Lao PDR; chair Lao PDR — Vilay Lakhamphong'"""
    if not row:
        return ""
    parts = [rows.meeting_label(row), _compact_span(row.get("start") or "", row.get("end")), _place(row)]
    text = ", ".join(p for p in parts if p)
    chair = _meeting_chair(row)
    if chair:
        text += f"; {'co-chairs' if not row.get('chair_country_name') else 'chair'} {chair}"
    return text


def _chair_dict(dataset: Dataset, answer) -> dict | None:
    return rows.chair_row(dataset, answer) if answer else None


def _chair_line(row: dict | None) -> str:
    if not row or not row.get("country"):
        return "not on record"
    who = _who(row.get("country_name"), row.get("person_name"))
    detail = "; ".join(p for p in (row.get("status"), _label(row.get("basis"))) if p)
    return f"{who} ({detail})" if detail else who


# --- brief ---------------------------------------------------------------------------------

def brief_report(dataset: Dataset, answer: briefing.Brief) -> Report:
    body = answer.mechanism
    year = answer.as_of.year
    founding = dataset.documents.get(body.founding_document) if body.founding_document else None
    last = rows.meeting_row(dataset, answer.last_meeting) if answer.last_meeting else None
    upcoming = rows.meeting_row(dataset, answer.next_meeting) if answer.next_meeting else None
    expected = _expected_dict(dataset, answer.expected_meeting)
    areas = [_crime_row(dataset, a) for a in answer.priority_areas]
    current, following = _chair_dict(dataset, answer.current_chair), _chair_dict(dataset, answer.next_chair)
    row = {
        "id": body.id,
        "acronym": body.acronym,
        "name": body.name,
        "kind": body.kind,
        "description": body.description,
        "parent": body.parent,
        "parent_name": answer.parent.acronym if answer.parent else None,
        "subsidiaries": [{"id": m.id, "acronym": m.acronym, "name": m.name, "kind": m.kind,
                          "bodies_below": answer.below.get(m.id, 0)} for m in answer.subsidiaries],
        "partner_formats": [{"id": m.id, "acronym": m.acronym, "name": m.name, "partners": list(m.partners),
                             "partner_names": [dataset.country_name(p) for p in m.partners]}
                            for m in answer.partner_formats],
        "partners": list(body.partners),
        "partner_names": [dataset.country_name(p) for p in body.partners],
        "founded": str(body.founded) if body.founded else None,
        "founding_document": body.founding_document,
        "founding_document_title": founding.title if founding else None,
        "chair_rule": body.chair_rule.value,
        "chair_note": body.chair_note,
        "current_chair": current,
        "next_chair": following,
        "last_meeting": last,
        "next_meeting": upcoming,
        "expected_meeting": expected,
        "priority_areas": areas,
        "note": answer.note,
        "as_of": answer.as_of.isoformat(),
    }
    row["sources"] = _merge_sources(
        rows.source_refs(dataset, body.sources),
        rows.source_refs(dataset, founding.sources) if founding else (),
        current and current["sources"], following and following["sources"],
        last and last["sources"], upcoming and upcoming["sources"], expected and expected["sources"],
        *[a["sources"] for a in areas])

    def what(r):
        kind = KIND_LABELS.get(r["kind"], r["kind"])
        return f"{kind[:1].upper()}{kind[1:]}. {r['description']}" if r["description"] else kind.capitalize()

    def founded(r):
        if r["founded"] and r["founding_document_title"]:
            return f"{r['founded']} — {r['founding_document_title']}"
        return r["founded"] or r["founding_document_title"] or ""

    def next_meeting(r):
        if r["next_meeting"]:
            return _meeting_line(r["next_meeting"]) + " (on record)"
        e = r["expected_meeting"]
        if not e:
            return "none on record"
        label = f"{r['acronym']} {e['ordinal']}" if e["ordinal"] else f"next {r['acronym']}"
        chair = f"; {e['chair_country_name']} to chair ({e['status']}; {e['basis']})" if e["chair_country"] else ""
        return f"{label}, expected {e['year']} (not yet on record){chair}"

    columns = [
        Column("Body", lambda r: f"{r['acronym']} — {r['name']}"),
        Column("What it does", what),
        Column("Parent", lambda r: f"{r['parent_name']} — {dataset.mechanisms[r['parent']].name}"
               if r["parent"] in dataset.mechanisms else r["parent"] or ""),
        Column("Subsidiaries", lambda r: "; ".join(
            s["acronym"] + (f" ({s['bodies_below']} bodies below)" if s["bodies_below"] else "")
            for s in r["subsidiaries"])),
        Column("Partner formats", lambda r: "; ".join(
            p["acronym"] + (f" ({', '.join(p['partner_names'])})" if len(p["partners"]) > 1 else "")
            for p in r["partner_formats"])),
        Column("Partners", lambda r: ", ".join(r["partner_names"])),
        Column("Founded", founded),
        Column("Chair rule", lambda r: RULE_LABELS.get(r["chair_rule"], r["chair_rule"])),
        Column("How chosen", "chair_note"),
        Column(f"Chair {year}", lambda r: _chair_line(r["current_chair"])),
        Column(f"Chair {year + 1}", lambda r: _chair_line(r["next_chair"])),
        Column("Last meeting", lambda r: _meeting_line(r["last_meeting"]) or "none on record"),
        Column("Adopted there", lambda r: "; ".join(o["title"] or o["id"] for o in
                                                    (r["last_meeting"] or {}).get("outcomes", ()))),
        Column("Next meeting", next_meeting),
        Column("Priority areas", lambda r: "; ".join(_crime_short(a) for a in r["priority_areas"])),
        Column("Data note", "note"),
    ]
    return Report(title=f"{body.acronym} — brief as of {answer.as_of.isoformat()}", rows=[row], columns=columns,
                  single=True)


def _expected_dict(dataset: Dataset, expected: briefing.ExpectedMeeting | None) -> dict | None:
    if expected is None:
        return None
    chair = expected.chair
    return {
        "mechanism": expected.mechanism,
        "ordinal": expected.ordinal,
        "year": expected.year,
        "chair_country": chair.country if chair else None,
        "chair_country_name": dataset.country_name(chair.country) if chair else None,
        "status": chair.status if chair else None,
        "basis": expected.basis,
        "sources": rows.source_refs(dataset, expected.sources),
    }


# --- crimes --------------------------------------------------------------------------------

def _lead_dict(dataset: Dataset, role) -> dict:
    body = dataset.mechanisms.get(role.mechanism) if role.mechanism else None
    return {"country": role.country, "country_name": dataset.country_name(role.country), "role": role.role,
            "subject": role.subject, "mechanism": role.mechanism, "mechanism_name": body.acronym if body else None,
            "start": str(role.start) if role.start else None, "end": str(role.end) if role.end else None}


def _crime_row(dataset: Dataset, area: briefing.CrimeArea) -> dict:
    return {
        "id": area.crime.id,
        "name": area.crime.name,
        "leads": [_lead_dict(dataset, r) for r in area.leads],
        "former_leads": [_lead_dict(dataset, r) for r in area.former],
        "sources": _merge_sources(rows.source_refs(dataset, area.crime.sources),
                                  *[rows.source_refs(dataset, r.sources) for r in area.leads + area.former]),
    }


def _leads_text(leads: list[dict]) -> str:
    by_country: dict[str, list[str]] = {}
    for lead in leads:
        label = _label(lead["role"]) + (f" from {lead['start']}" if lead["start"] else "")
        label += f" to {lead['end']}" if lead["end"] else ""
        by_country.setdefault(lead["country_name"], [])
        if label not in by_country[lead["country_name"]]:
            by_country[lead["country_name"]].append(label)
    return "; ".join(f"{country} ({', '.join(labels)})" for country, labels in by_country.items())


def _crime_short(area: dict) -> str:
    countries = list(dict.fromkeys(lead["country_name"] for lead in area["leads"]))
    return f"{area['name']} ({', '.join(countries)})" if countries else area["name"]


def crimes_report(dataset: Dataset, areas: list[briefing.CrimeArea], as_of: dt.date) -> Report:
    found = [_crime_row(dataset, a) for a in areas]
    columns = [
        Column("Crime", "name"),
        Column("Led by", lambda r: _leads_text(r["leads"]) or "not on record", max_width=50),
        Column("Body", lambda r: ", ".join(dict.fromkeys(lead["mechanism_name"] for lead in r["leads"]
                                                        if lead["mechanism_name"]))),
        _src_column(found),
    ]
    return Report(title=f"Priority transnational crimes and their lead shepherds, as of {as_of.isoformat()}",
                  rows=found, columns=columns, empty_message="No priority crimes on record.")


# --- country -------------------------------------------------------------------------------

class Sections:
    """Several Reports shown as one document: a profile's summary, then its lists.

    `parts` are (key, Report): JSON is one object with a key per part (an object for a single
    record, an array for a list) and `sources`, every source shown; jsonl and csv/tsv carry a
    `section` field on each row.
    """

    def __init__(self, parts: list[tuple[str, Report]], cite: bool = True):
        self.parts, self.cite = parts, cite
        self.title = parts[0][1].title if parts else ""
        self.empty_message = "Nothing matched."

    @property
    def rows(self) -> list[dict]:
        return [row for _, report in self.parts for row in report.rows]


def country_report(dataset: Dataset, answer: briefing.Dossier) -> Sections:
    c, as_of = answer.country, answer.as_of
    chaired = [rows.chair_row(dataset, a) for a in answer.chair_years]
    ahead = [rows.chair_row(dataset, a) for a in answer.future_chairs]
    summary = {
        "id": c.id,
        "name": c.name,
        "official_name": c.official_name,
        "aliases": list(c.aliases),
        "iso2": c.iso2,
        "iso3": c.iso3,
        "member": answer.member,
        "member_since": str(c.member_since) if c.member_since else None,
        "observer_since": str(c.observer_since) if c.observer_since else None,
        "asean_chair_years": [{"year": r["year"], "status": r["status"], "basis": r["basis"]} for r in chaired],
        "next_asean_chair": [{"year": r["year"], "status": r["status"], "basis": r["basis"]} for r in ahead],
        "note": answer.note,
        "as_of": as_of.isoformat(),
        "sources": _merge_sources(rows.source_refs(dataset, c.sources), *[r["sources"] for r in chaired + ahead]),
    }

    def membership(r):
        if r["member"]:
            return f"member since {r['member_since']}"
        if r["member_since"]:
            return f"member from {r['member_since']}"
        if r["observer_since"]:
            return f"observer since {r['observer_since']}"
        return "not a member"

    head = Report(
        title=f"{c.name} — country dossier as of {as_of.isoformat()}", rows=[summary], single=True, columns=[
            Column("Name", "name"),
            Column("Official name", "official_name"),
            Column("Codes", lambda r: " / ".join(p for p in (r["iso2"], r["iso3"]) if p)),
            Column("Also called", "aliases"),
            Column("ASEAN", membership),
            Column("Chaired ASEAN", lambda r: ", ".join(
                str(y["year"]) + (f" ({_label(y['basis'])})" if y["basis"] not in ("rotation",) else "")
                for y in r["asean_chair_years"])),
            Column("Next ASEAN chair", lambda r: ", ".join(f"{y['year']} ({y['status']})"
                                                           for y in r["next_asean_chair"])),
            Column("Note", "note"),
        ])

    posts = []
    for role, state in answer.posts:
        row = _lead_dict(dataset, role)
        crime = dataset.crimes.get(role.crime) if role.crime else None
        row.update({"partner": role.partner, "partner_name": dataset.country_name(role.partner),
                    "crime": role.crime, "crime_name": crime.name if crime else None, "state": state,
                    "note": role.note, "sources": rows.source_refs(dataset, role.sources)})
        posts.append(row)
    post_report = Report(title="Posts held (coordinator, lead shepherd, chair, host)", rows=posts, columns=[
        Column("Post", lambda r: f"{_label(r['role'])}: {r['subject']}", max_width=60),
        Column("Body", "mechanism_name"),
        _keep(Column("Term", lambda r: _span(r["start"], r["end"]) or "undated")),
        _keep(Column("State", "state")),
        _src_column(posts),
    ], empty_message="No posts on record.")

    led = []
    for item in answer.meetings:
        row = rows.meeting_row(dataset, item.meeting)
        row["roles"] = list(item.roles)
        row["upcoming"] = briefing.upcoming(item.meeting, as_of)
        led.append(row)
    led_report = Report(title=f"Meetings chaired, co-chaired or hosted ({len(led)})", rows=led, columns=[
        _keep(Column("Date", _meeting_dates)),
        _keep(Column("Meeting", rows.meeting_label)),
        Column("Place", _place, max_width=26),
        Column("Role", lambda r: " & ".join(r["roles"]) + (" (upcoming)" if r["upcoming"] else "")),
        Column("Chair / co-chairs", _meeting_chair, max_width=34),
        _src_column(led),
    ], empty_message="No meetings chaired or hosted on record.")

    holders = [_office_row(dataset, s) for s in answer.in_office]
    office_report = Report(title=f"In office on {as_of.isoformat()}", rows=holders, columns=[
        _keep(Column("Person", "person_name")),
        Column("Office", "title", max_width=50),
        _keep(Column("Since", "start")),
        _src_column(holders),
    ], empty_message="No office holder is dated as in office on that day.")

    delegations = []
    for d in answer.delegations:
        delegations.append({
            "meeting": d.meeting.id, "meeting_label": rows.meeting_label(
                {"mechanism_name": _acronym(dataset, d.meeting.mechanism), "ordinal": d.meeting.ordinal}),
            "start": str(d.meeting.start) if d.meeting.start else None,
            "person": d.person, "person_name": dataset.person_name(d.person), "title": d.title, "role": d.role,
            "sources": rows.source_refs(dataset, d.meeting.sources),
        })
    delegation_report = Report(title="Heads of its delegations at recent meetings", rows=delegations, columns=[
        _keep(Column("Date", "start")),
        _keep(Column("Meeting", "meeting_label")),
        _keep(Column("Person", "person_name")),
        Column("Title", "title", max_width=44),
        _keep(Column("Role", lambda r: _label(r["role"]))),
        _src_column(delegations),
    ], empty_message="No delegation heads on record.")

    return Sections([("country", head), ("posts", post_report), ("meetings", led_report),
                     ("in_office", office_report), ("delegations", delegation_report)])


def _acronym(dataset: Dataset, mechanism: str) -> str:
    body = dataset.mechanisms.get(mechanism)
    return body.acronym if body else mechanism


def _office_row(dataset: Dataset, state: briefing.OfficeState) -> dict:
    o = state.office
    text = lambda d: str(d) if d else None  # noqa: E731
    return {"person": o.person, "person_name": dataset.person_name(o.person), "title": o.title,
            "organization": o.organization, "country": o.country, "country_name": dataset.country_name(o.country),
            "start": text(o.start), "end": text(o.end), "status": state.status,
            "superseded_by": state.superseded_by, "superseded_on": text(state.superseded_on),
            "attested_first": text(state.attested_first), "attested_last": text(state.attested_last),
            "note": o.note, "sources": rows.source_refs(dataset, o.sources)}


def _office_status(r: dict) -> str:
    if r["status"] == "superseded":
        return f"superseded ({r['superseded_by']} by {r['superseded_on']})"
    if r["status"] == "attested" and not r["attested_first"]:
        return "attested, dates not sourced"
    first, last = r["attested_first"], r["attested_last"]
    seen = ("" if not first else f"; seen at a meeting {first}" if first == last
            else f"; seen at meetings {first} to {last}")
    return r["status"] + seen


# --- person --------------------------------------------------------------------------------

def person_report(dataset: Dataset, answer: briefing.Profile) -> Sections:
    p, as_of = answer.person, answer.as_of
    offices = [_office_row(dataset, s) for s in answer.offices]
    current = [o for o in offices if o["status"] == "in office"]
    summary = {
        "id": p.id, "name": p.name, "native_name": p.native_name, "aliases": list(p.aliases),
        "country": p.country, "country_name": dataset.country_name(p.country),
        "in_office": [{"title": o["title"], "start": o["start"]} for o in current],
        "note": answer.note, "as_of": as_of.isoformat(),
        "sources": rows.source_refs(dataset, p.sources),
    }
    head = Report(title=f"{p.name} — profile as of {as_of.isoformat()}", rows=[summary], single=True, columns=[
        Column("Name", "name"),
        Column("Native name", "native_name"),
        Column("Also written", "aliases"),
        Column("Country", "country_name"),
        Column(f"In office on {as_of.isoformat()}", lambda r: "; ".join(
            o["title"] + (f" (since {o['start']})" if o["start"] else "") for o in r["in_office"]) or
            "none dated as in office"),
        Column("Note", "note"),
    ])
    office_report = Report(title="Offices", rows=offices, columns=[
        Column("Office", "title", max_width=48),
        _keep(Column("From", "start")),
        _keep(Column("To", "end")),
        Column("Status", _office_status, max_width=34),
        _src_column(offices),
    ], empty_message="No offices on record.")
    attended = []
    for item in answer.meetings:
        row = rows.meeting_row(dataset, item.meeting)
        row["roles"] = list(item.roles)
        row["title_then"] = item.title
        attended.append(row)
    meeting_report = Report(title=f"Meetings attended, chaired or spoken at ({len(attended)})", rows=attended,
                            columns=[
                                _keep(Column("Date", _meeting_dates)),
                                _keep(Column("Meeting", rows.meeting_label)),
                                Column("Place", _place, max_width=26),
                                Column("Role", lambda r: ", ".join(_label(x) for x in r["roles"])),
                                Column("Title then", "title_then", max_width=40),
                                _src_column(attended),
                            ], empty_message="No meetings on record.")
    return Sections([("person", head), ("offices", office_report), ("meetings", meeting_report)])


# --- timeline ------------------------------------------------------------------------------

class Grouped:
    """A listing people see under a heading per value of `field` (the timeline's years); machine
    formats get the plain rows."""

    def __init__(self, report: Report, field: str):
        self.report, self.field = report, field
        self.title, self.empty_message = report.title, report.empty_message

    @property
    def rows(self):
        return self.report.rows

    @property
    def cite(self):
        return self.report.cite

    @cite.setter
    def cite(self, value):
        self.report.cite = value


def _event_row(dataset: Dataset, event: briefing.Event) -> dict:
    r, kind = event.record, event.kind
    name, person = dataset.country_name, dataset.person_name
    row = {"year": event.date.year, "date": str(event.date), "end": None, "kind": kind, "id": None, "text": "",
           "mechanism": None, "country": None, "upcoming": event.upcoming, "sources": []}
    if kind == "meeting":
        m = rows.meeting_row(dataset, r)
        chair = _meeting_chair(m)
        row.update(id=r.id, mechanism=r.mechanism, country=r.host,
                   text=", ".join(p for p in (rows.meeting_label(m), _place(m)) if p)
                   + (f"; {'chair' if m['chair_country_name'] else 'co-chairs'} {chair}" if chair else ""),
                   end=m["end"])
    elif kind == "document":
        body = briefing.document_body(dataset, r)
        meeting = dataset.meetings_by_id.get(r.meeting) if r.meeting else None
        at = (f"{_acronym(dataset, meeting.mechanism)} {meeting.ordinal}" if meeting else r.place)
        verb = f"{r.status.replace('_', ' ').capitalize()}: " if r.status else ""
        row.update(id=r.id, mechanism=body, text=f"{verb}{r.title} ({_label(r.type)}{', ' + at if at else ''})")
    elif kind == "chair":
        extra = "" if r.basis == "rotation" else f", {_label(r.basis)}"
        row.update(mechanism="asean", country=r.country,
                   text=f"ASEAN chair: {name(r.country)} ({r.status}{extra})")
    elif kind == "founded":
        doc = dataset.documents.get(r.founding_document) if r.founding_document else None
        row.update(id=r.id, mechanism=r.id, text=f"{r.acronym} founded" + (f" ({doc.title})" if doc else ""))
    elif kind == "joined":
        row.update(id=r.id, country=r.id, text=f"{r.name} joins ASEAN")
    elif kind in ("office_start", "office_end"):
        verb = "takes office as" if kind == "office_start" else "leaves office as"
        row.update(id=r.person, country=r.country, text=f"{person(r.person)} {verb} {r.title} ({name(r.country)})")
    elif kind == "role":
        row.update(mechanism=r.mechanism, country=r.country,
                   text=f"{name(r.country)}: {_label(r.role)}, {r.subject}")
    row["sources"] = rows.source_refs(dataset, r.sources)
    return row


def timeline_report(dataset: Dataset, events: list[briefing.Event]) -> Grouped:
    found = [_event_row(dataset, e) for e in events]
    columns = [
        _keep(Column("Year", "year")),
        _keep(Column("Date", lambda r: _compact_span(r["date"], r["end"]))),
        Column("Kind", lambda r: _label(r["kind"])),
        Column("Event", lambda r: r["text"] + (" (upcoming)" if r["upcoming"] else ""), max_width=64),
        _src_column(found),
    ]
    years = sorted({r["year"] for r in found})
    title = f"Timeline: {len(found)} event{'s' if len(found) != 1 else ''}"
    if years:
        title += f", {years[0]}–{years[-1]}" if len(years) > 1 else f", {years[0]}"
    return Grouped(Report(title=title, rows=found, columns=columns,
                          empty_message="No event matches those filters."), "year")


# --- search --------------------------------------------------------------------------------

def _snippet(text: str, words: list[str], width: int = 12) -> str:
    tokens = text.split()
    folded = [fold(t) for t in tokens]
    at = next((i for i, f in enumerate(folded) if any(w in f for w in words)), 0)
    start = max(0, at - width // 3)
    piece = " ".join(tokens[start:start + width])
    return ("… " if start else "") + piece + (" …" if start + width < len(tokens) else "")


def search_report(dataset: Dataset, hits: list[briefing.Hit], text: str, limit: int | None) -> Report:
    words = fold(text).split()
    shown = hits[:limit] if limit else hits
    found = [{"rank": i, "kind": h.kind, "id": h.id, "label": h.label, "score": h.score, "field": h.field,
              "match": _snippet(h.text, words), "sources": rows.source_refs(dataset, h.sources)}
             for i, h in enumerate(shown, 1)]
    notes = []
    if len(shown) < len(hits):
        notes.append(f"… {len(hits) - len(shown)} more (use --limit 0 to see all)")
    columns = [
        _keep(Column("#", "rank")),
        _keep(Column("Kind", "kind")),
        Column("Record", "label", max_width=44),
        Column("Matched", lambda r: f"{r['field'].replace('_', ' ')}: {r['match']}", max_width=60),
    ]
    return Report(title=f"{len(hits)} record{'s' if len(hits) != 1 else ''} matching {text!r}", rows=found,
                  columns=columns, notes=notes, empty_message=f"Nothing matches {text!r}.")


# --- mechanisms ----------------------------------------------------------------------------

def _branch(node: briefing.TreeNode) -> str:
    if node.depth == 0:
        return ""
    lead = "".join("   " if last else "│  " for last in node.lasts[1:-1])
    return lead + ("└─ " if node.lasts[-1] else "├─ ")


def _tree_handle(row: dict) -> str:
    """The tree cell; an acronym too long for a table gives way to the id (a name too)."""
    if len(row["acronym"]) <= 28:
        return row["tree"]
    return row["tree"][:len(row["tree"]) - len(row["acronym"])] + row["id"]


def mechanisms_report(dataset: Dataset, nodes: list[briefing.TreeNode], year: int) -> Report:
    found = []
    for node in nodes:
        m, chair = node.mechanism, _chair_dict(dataset, node.chair)
        found.append({
            "id": m.id, "acronym": m.acronym, "name": m.name, "kind": m.kind, "parent": m.parent,
            "depth": node.depth, "tree": _branch(node) + m.acronym,
            "chair_rule": m.chair_rule.value,
            "partners": list(m.partners), "chair_year": year,
            "chair_country": chair["country"] if chair else None,
            "chair_country_name": chair["country_name"] if chair else None,
            "chair_person": chair["person"] if chair else None,
            "chair_person_name": chair["person_name"] if chair else None,
            "chair_status": chair["status"] if chair else None,
            "chair_basis": chair["basis"] if chair else None,
            "sources": rows.source_refs(dataset, m.sources),
        })

    def chair_text(r):
        who = _who(r["chair_country_name"], r["chair_person_name"])
        return f"{who} ({r['chair_status']})" if who else ""

    columns = [
        _keep(Column("Body", _tree_handle)),
        _keep(Column(f"Chair {year}", chair_text, max_width=34), cut=True),
        _keep(Column("Name", "name", max_width=44), cut=True),
    ]
    return Report(title=f"ASEAN security bodies and their chairs in {year}", rows=found, columns=columns,
                  empty_message="No bodies on record.")


# --- documents -----------------------------------------------------------------------------

def documents_report(dataset: Dataset, docs) -> Report:
    found = []
    for d in docs:
        meeting = dataset.meetings_by_id.get(d.meeting) if d.meeting else None
        body = briefing.document_body(dataset, d)
        found.append({
            "id": d.id, "title": d.title, "type": d.type, "date": str(d.date) if d.date else None,
            "place": d.place, "meeting": d.meeting,
            "meeting_label": f"{_acronym(dataset, meeting.mechanism)} {meeting.ordinal}" if meeting else None,
            "mechanism": body, "mechanism_name": _acronym(dataset, body) if body else None,
            "parties": list(d.parties), "party_names": [dataset.country_name(p) for p in d.parties],
            "status": d.status, "in_force": str(d.in_force) if d.in_force else None, "note": d.note,
            "sources": rows.source_refs(dataset, d.sources),
        })
    columns = [
        _keep(Column("Date", "date")),
        Column("Document", "title", max_width=56),
        Column("Type", lambda r: _label(r["type"])),
        Column("Adopted at", lambda r: r["meeting_label"] or r["place"] or ""),
        Column("Status", "status"),
        _src_column(found),
    ]
    return Report(title=f"{len(found)} document{'s' if len(found) != 1 else ''}", rows=found, columns=columns,
                  empty_message="No document matches those filters.")


# --- rendering: sections and groups --------------------------------------------------------

def render_document(doc, fmt: str, color: str, stream) -> None:
    """Render a Report, Sections or Grouped in an explicit format (not 'auto')."""
    if isinstance(doc, Report):
        if fmt == "table":
            _report_table(doc, stream, color)
        else:
            render(doc, fmt, color, stream)
    elif isinstance(doc, Grouped):
        if fmt in MACHINE_FORMATS:
            render(doc.report, fmt, color, stream)
        else:
            _GROUPED[fmt](doc, stream, color)
    else:
        _SECTIONS[fmt](doc, stream, color)


def _all_refs(doc: Sections) -> list[str]:
    return _sources_of(doc.rows)


def _with_src(report: Report, refs: list[str]) -> list[Column]:
    """The report's columns, its Src column renumbered against the whole document's sources."""
    columns = [c for c in report.columns if c.header != "Src"]
    if any(c.header == "Src" for c in report.columns):
        columns.append(Column("Src", _cited(refs)))
    return columns


def _sections_json(doc: Sections, stream, color) -> None:
    import json

    payload = {}
    for key, report in doc.parts:
        payload[key] = (report.rows[0] if report.rows else None) if report.single else report.rows
    payload["sources"] = _all_refs(doc)
    stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _sections_jsonl(doc: Sections, stream, color) -> None:
    import json

    for key, report in doc.parts:
        for row in report.rows:
            stream.write(json.dumps({"section": key, **row}, ensure_ascii=False) + "\n")


def _cell(value) -> str:
    """flat(), and a record without a title or name as its values: '2004, held, rotation'."""
    if isinstance(value, dict) and not flat(value):
        return ", ".join(str(v) for v in value.values() if isinstance(v, (str, int)) and v is not None)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return flat(value)


def _sections_delimited(delimiter: str):
    def write(doc: Sections, stream, color) -> None:
        import csv

        names = ["section"]
        for _, report in doc.parts:
            for row in report.rows:
                names += [n for n in row if n not in names]
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        writer.writerow(names)
        for key, report in doc.parts:
            for row in report.rows:
                cells = [key] + [_cell(row.get(n)) for n in names[1:]]
                if delimiter == "\t":
                    cells = [c.replace("\t", " ").replace("\n", " ") for c in cells]
                writer.writerow(cells)
    return write


def _plain_table(columns: list[Column], found: list[dict], stream, indent: str = "") -> None:
    cells = [[c.header for c in columns]] + [[c.text(r) for c in columns] for r in found]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    for row in cells:
        stream.write(indent + "  ".join(f"{text:<{w}}" for text, w in zip(row, widths)).rstrip() + "\n")


def _plain_single(report: Report, stream) -> None:
    width = max(len(c.header) for c in report.columns) + 2
    for column in report.columns:
        text = column.text(report.rows[0])
        if text:
            stream.write(f"{column.header + ':':<{width}}{text}\n")


def _plain_sources(refs: list[str], stream) -> None:
    if refs:
        stream.write("Sources:\n" + "".join(f"  [{i}] {ref}\n" for i, ref in enumerate(refs, 1)))


def _sections_plain(doc: Sections, stream, color) -> None:
    refs = _all_refs(doc)
    for i, (_, report) in enumerate(doc.parts):
        if i:
            stream.write("\n")
        stream.write(f"{report.title}\n")
        if not report.rows:
            stream.write(f"  {report.empty_message}\n")
        elif report.single:
            _plain_single(report, stream)
        else:
            _plain_table(_with_src(report, refs) if doc.cite else _no_src(report), report.rows, stream)
    if doc.cite and refs:
        stream.write("\n")
        _plain_sources(refs, stream)


def _no_src(report: Report) -> list[Column]:
    return [c for c in report.columns if c.header != "Src"]


def _console(stream, color):
    from rich.console import Console

    use_color = color_enabled(color, stream)
    terminal = _isatty(stream)
    return Console(file=stream, force_terminal=use_color, no_color=not use_color,
                   color_system="standard" if use_color else None, highlight=False,
                   width=None if terminal else 100, soft_wrap=False, emoji=False, markup=False), use_color


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _rich_list(report: Report, columns: list[Column], use_color: bool, width: int = 100):
    """A table `width` wide at most: columns marked by _keep() get their full width, `cut`
    columns share what is left (shortened with '…'), the others wrap."""
    from rich.table import Table

    table = Table(title=report.title, title_justify="left", header_style="bold" if use_color else None,
                  title_style="bold" if use_color else None)
    cells = [[column.text(row) for column in columns] for row in report.rows]
    widest = [max([len(c.header)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    cut = [getattr(c, "cut", False) for c in columns]
    keep = [(getattr(c, "no_wrap", False) and not cut[i]) or c.header == "Src" for i, c in enumerate(columns)]
    wanted = [min(widest[i], c.max_width or widest[i]) for i, c in enumerate(columns)]
    room = width - (3 * len(columns) + 1) - sum(w for w, k in zip(wanted, keep) if k)
    room -= sum(w for i, w in enumerate(wanted) if not keep[i] and not cut[i])
    shares = _share(room, [w for i, w in enumerate(wanted) if cut[i]])
    for i, column in enumerate(columns):
        fixed = wanted[i] if keep[i] else shares.pop(0) if cut[i] else None
        table.add_column(column.header, overflow="ellipsis" if cut[i] else "fold", no_wrap=keep[i] or cut[i],
                         max_width=fixed or column.max_width, min_width=fixed)
    for row in cells:
        table.add_row(*row)
    return table


def _share(room: int, wanted: list[int]) -> list[int]:
    """Split `room` columns among widths that want `wanted`, none given more than it wants."""
    given = [0] * len(wanted)
    left = max(room, 4 * len(wanted))
    while left > 0 and any(g < w for g, w in zip(given, wanted)):
        open_ = [i for i, (g, w) in enumerate(zip(given, wanted)) if g < w]
        step = max(1, left // len(open_))
        for i in open_:
            extra = min(step, wanted[i] - given[i], left)
            given[i] += extra
            left -= extra
    return [max(g, 4) for g in given]


def _rich_sources(console, refs: list[str], use_color: bool) -> None:
    if refs:
        console.print("Sources:", style="bold" if use_color else None)
        for i, ref in enumerate(refs, 1):
            console.print(f"  [{i}] {ref}", soft_wrap=True)  # a URL stays one line: copyable


def _report_table(report: Report, stream, color) -> None:
    """render.py's table, keeping the columns marked by _keep() unwrapped."""
    console, use_color = _console(stream, color)
    if not report.rows:
        return
    if report.single:
        console.print(rich_fields_table(report, use_color, pad_edge=False))
    else:
        console.print(_rich_list(report, report.columns, use_color, console.width))
    for note in report.notes:
        console.print(note)
    if report.cite:
        _rich_sources(console, _sources_of(report.rows), use_color)


def _sections_table(doc: Sections, stream, color) -> None:
    console, use_color = _console(stream, color)
    refs = _all_refs(doc)
    for i, (_, report) in enumerate(doc.parts):
        if i:
            console.print()
        if not report.rows:
            console.print(f"{report.title}: {report.empty_message}", style="bold" if use_color else None)
        elif report.single:
            console.print(rich_fields_table(report, use_color, pad_edge=False))
        else:
            columns = _with_src(report, refs) if doc.cite else _no_src(report)
            console.print(_rich_list(report, columns, use_color, console.width))
    if doc.cite:
        console.print()
        _rich_sources(console, refs, use_color)


def _sections_markdown(doc: Sections, stream, color) -> None:
    refs = _all_refs(doc)
    for i, (_, report) in enumerate(doc.parts):
        stream.write(f"{'###' if i == 0 else chr(10) + '####'} {report.title}\n\n")
        if not report.rows:
            stream.write(f"{report.empty_message}\n")
        elif report.single:
            markdown_fields(report, stream)
        else:
            markdown_table(_with_src(report, refs) if doc.cite else _no_src(report), report.rows, stream)
    if doc.cite:
        markdown_sources(refs, stream)


_SECTIONS = {
    "json": _sections_json,
    "jsonl": _sections_jsonl,
    "csv": _sections_delimited(","),
    "tsv": _sections_delimited("\t"),
    "plain": _sections_plain,
    "table": _sections_table,
    "markdown": _sections_markdown,
}


def _groups(doc: Grouped) -> list[tuple[object, list[dict]]]:
    groups: list[tuple[object, list[dict]]] = []
    for row in doc.rows:
        if not groups or groups[-1][0] != row[doc.field]:
            groups.append((row[doc.field], []))
        groups[-1][1].append(row)
    return groups


def _grouped_columns(doc: Grouped) -> list[Column]:
    columns = [c for c in doc.report.columns if c.value != doc.field]
    return columns if doc.cite else [c for c in columns if c.header != "Src"]


def _grouped_plain(doc: Grouped, stream, color) -> None:
    columns = _grouped_columns(doc)
    cells = [[c.text(r) for c in columns] for r in doc.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    rows_of = iter(cells)
    for i, (key, found) in enumerate(_groups(doc)):
        stream.write(("\n" if i else "") + f"{key}\n")
        for _ in found:
            row = next(rows_of)
            stream.write("  " + "  ".join(f"{t:<{w}}" for t, w in zip(row, widths)).rstrip() + "\n")
    for note in doc.report.notes:
        stream.write(f"{note}\n")
    if doc.cite:
        stream.write("\n")
        _plain_sources(_sources_of(doc.rows), stream)


def _grouped_table(doc: Grouped, stream, color) -> None:
    from rich.table import Table

    console, use_color = _console(stream, color)
    columns = [c for c in doc.report.columns if c.value == doc.field] + _grouped_columns(doc)
    table = Table(title=doc.title, title_justify="left", header_style="bold" if use_color else None,
                  title_style="bold" if use_color else None)
    for column in columns:
        table.add_column(column.header, overflow="fold", max_width=column.max_width,
                         no_wrap=getattr(column, "no_wrap", False) or column.header == "Src",
                         style="bold" if use_color and column.value == doc.field else None)
    for key, found in _groups(doc):
        for j, row in enumerate(found):
            cells = [column.text(row) for column in columns]
            if j:
                cells[0] = ""
            table.add_row(*cells, end_section=j == len(found) - 1)
    console.print(table)
    if doc.cite:
        _rich_sources(console, _sources_of(doc.rows), use_color)


def _grouped_markdown(doc: Grouped, stream, color) -> None:
    columns = _grouped_columns(doc)
    stream.write(f"### {doc.title}\n")
    for key, found in _groups(doc):
        stream.write(f"\n#### {key}\n\n")
        markdown_table(columns, found, stream)
    if doc.cite:
        markdown_sources(_sources_of(doc.rows), stream)


_GROUPED = {"plain": _grouped_plain, "table": _grouped_table, "markdown": _grouped_markdown}
