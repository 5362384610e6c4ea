"""Briefing answers shaped for output: rows with stable field names and the columns people see,
as Reports (render.py writes them) or as Sections and Grouped documents (sections.py does).

Row fields are a public contract like rows.py's: add fields, never rename or remove them.
"""

from __future__ import annotations

import datetime as dt

from asean_sec.questions import briefing
from asean_sec.output import rows
from asean_sec.model.dataset import Dataset
from asean_sec.model.names import fold
from asean_sec.output.sections import Grouped, Sections, cited, keep, sources_of
from asean_sec.output.render import Column, Report

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


def _merge_sources(*groups) -> list[str]:
    refs: list[str] = []
    for group in groups:
        refs += [r for r in group or () if r not in refs]
    return refs


def _src_column(found: list[dict]) -> Column:
    return Column("Src", cited(sources_of(found)))


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
        keep(Column("Term", lambda r: _span(r["start"], r["end"]) or "undated")),
        keep(Column("State", "state")),
        _src_column(posts),
    ], empty_message="No posts on record.")

    led = []
    for item in answer.meetings:
        row = rows.meeting_row(dataset, item.meeting)
        row["roles"] = list(item.roles)
        row["upcoming"] = briefing.upcoming(item.meeting, as_of)
        led.append(row)
    led_report = Report(title=f"Meetings chaired, co-chaired or hosted ({len(led)})", rows=led, columns=[
        keep(Column("Date", _meeting_dates)),
        keep(Column("Meeting", rows.meeting_label)),
        Column("Place", _place, max_width=26),
        Column("Role", lambda r: " & ".join(r["roles"]) + (" (upcoming)" if r["upcoming"] else "")),
        Column("Chair / co-chairs", _meeting_chair, max_width=34),
        _src_column(led),
    ], empty_message="No meetings chaired or hosted on record.")

    holders = [_office_row(dataset, s) for s in answer.in_office]
    office_report = Report(title=f"In office on {as_of.isoformat()}", rows=holders, columns=[
        keep(Column("Person", "person_name")),
        Column("Office", "title", max_width=50),
        keep(Column("Since", "start")),
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
        keep(Column("Date", "start")),
        keep(Column("Meeting", "meeting_label")),
        keep(Column("Person", "person_name")),
        Column("Title", "title", max_width=44),
        keep(Column("Role", lambda r: _label(r["role"]))),
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
        keep(Column("From", "start")),
        keep(Column("To", "end")),
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
                                keep(Column("Date", _meeting_dates)),
                                keep(Column("Meeting", rows.meeting_label)),
                                Column("Place", _place, max_width=26),
                                Column("Role", lambda r: ", ".join(_label(x) for x in r["roles"])),
                                Column("Title then", "title_then", max_width=40),
                                _src_column(attended),
                            ], empty_message="No meetings on record.")
    return Sections([("person", head), ("offices", office_report), ("meetings", meeting_report)])


# --- timeline ------------------------------------------------------------------------------


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
        keep(Column("Year", "year")),
        keep(Column("Date", lambda r: _compact_span(r["date"], r["end"]))),
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
        keep(Column("#", "rank")),
        keep(Column("Kind", "kind")),
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
        keep(Column("Body", _tree_handle)),
        keep(Column(f"Chair {year}", chair_text, max_width=34), cut=True),
        keep(Column("Name", "name", max_width=44), cut=True),
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
        keep(Column("Date", "date")),
        Column("Document", "title", max_width=56),
        Column("Type", lambda r: _label(r["type"])),
        Column("Adopted at", lambda r: r["meeting_label"] or r["place"] or ""),
        Column("Status", "status"),
        _src_column(found),
    ]
    return Report(title=f"{len(found)} document{'s' if len(found) != 1 else ''}", rows=found, columns=columns,
                  empty_message="No document matches those filters.")
