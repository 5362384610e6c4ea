"""Views of bodies: the brief, the tree of bodies, the priority crimes.
"""

from __future__ import annotations

import datetime as dt
import re

from asean_sec.model.dataset import Dataset
from asean_sec.output import rows
from asean_sec.output.document import Column, Report, keep
from asean_sec.output.views.common import (
    KIND_LABELS,
    RULE_LABELS,
    _chair_dict,
    _chair_line,
    _derived_note,
    _label,
    _lead_dict,
    _meeting_line,
    _merge_sources,
    _outcomes,
    _src_column,
)
from asean_sec.questions import bodies

# --- brief ---------------------------------------------------------------------------------

def _overdue(meeting, as_of: dt.date) -> bool:
    """A meeting still 'scheduled' whose days are over: not reported held yet."""
    days = meeting.end or meeting.start if meeting else None
    return bool(meeting and days and meeting.status == "scheduled" and days.last_day < as_of)


def brief_report(dataset: Dataset, answer: bodies.Brief) -> Report:
    body = answer.mechanism
    year = answer.current_chair.year if answer.current_chair else answer.as_of.year
    following_year = answer.next_chair.year if answer.next_chair else year + 1
    now_label, next_label = f"Chair {year}", f"Chair {following_year}"
    if following_year != year + 1:
        # a chair held until the body's next meeting (from an earlier year), and the chair who takes over at it
        now_label = "Chair now"
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
        "chair_rule_sources": rows.source_refs(dataset, body.chair_rule_sources),
        "chair_note": body.chair_note,
        "current_chair": current,
        "next_chair": following,
        "last_meeting": last,
        "next_meeting": upcoming,
        # the next meeting is still 'scheduled' though its days are over (not reported held yet)
        "next_meeting_overdue": _overdue(answer.next_meeting, answer.as_of),
        # seen from a past day: the next meeting was held after it, as pages written since record (its chair,
        # delegations and outcomes are hindsight)
        "next_meeting_recorded_later": bool(answer.next_meeting and answer.next_meeting.status == "held"),
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
            if r["next_meeting_overdue"]:
                return _meeting_line(r["next_meeting"]) + " — date passed, not reported held yet"
            if r.get("next_meeting_recorded_later"):
                return _meeting_line(r["next_meeting"]) + " — recorded later: held after this day, as pages written since record"
            return _meeting_line(r["next_meeting"]) + " — on record"
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
            s["acronym"] + (f" ({s['bodies_below']} {'body' if s['bodies_below'] == 1 else 'bodies'} below)"
                            if s["bodies_below"] else "")
            for s in r["subsidiaries"])),
        Column("Partner formats", lambda r: "; ".join(
            p["acronym"] + (f" ({', '.join(p['partner_names'])})" if len(p["partners"]) > 1 else "")
            for p in r["partner_formats"])),
        Column("Partners", lambda r: ", ".join(r["partner_names"])),
        Column("Founded", founded),
        Column("Chair rule", _rule_line),
        Column("How chosen", lambda r: _gist(r["chair_note"])),
        Column(now_label, lambda r: _chair_line(r["current_chair"])),
        Column(next_label, lambda r: _chair_line(r["next_chair"])),
        Column("Last meeting", lambda r: _meeting_line(r["last_meeting"]) or "none on record"),
        Column("Adopted there", lambda r: _outcomes(r["last_meeting"], adopted=True)),
        Column("Other outcomes", lambda r: _outcomes(r["last_meeting"], adopted=False)),
        Column("Next meeting", next_meeting),
        Column("Priority areas", lambda r: "; ".join(_crime_short(a) for a in r["priority_areas"])),
        Column("Data note", lambda r: _gist(r["note"])),
    ]
    shown: list[dict] = [m for m in (last, upcoming) if m]
    return Report(title=f"{body.acronym} — brief as of {answer.as_of.isoformat()}", rows=[row], columns=columns,
                  single=True, notes=_derived_note(shown, "start", "end"))


def _expected_dict(dataset: Dataset, expected: bodies.ExpectedMeeting | None) -> dict | None:
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

def _crime_row(dataset: Dataset, area: bodies.CrimeArea) -> dict:
    return {
        "id": area.crime.id,
        "name": area.crime.name,
        "leads": [_lead_dict(dataset, r) for r in area.leads],
        "former_leads": [_lead_dict(dataset, r) for r in area.former],
        # undated leads that only pages published after --as-of show (recorded later)
        "later_leads": [_lead_dict(dataset, r) for r in area.later],
        "sources": _merge_sources(rows.source_refs(dataset, area.crime.sources),
                                  *[rows.source_refs(dataset, r.sources)
                                    for r in area.leads + area.former + area.later]),
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


def crimes_report(dataset: Dataset, areas: list[bodies.CrimeArea], as_of: dt.date) -> Report:
    found = [_crime_row(dataset, a) for a in areas]
    columns = [
        Column("Crime", "name"),
        Column("Led by", lambda r: "; ".join(p for p in (
            _leads_text(r["leads"]),
            _leads_text(r["later_leads"]) + " — recorded later, undated" if r["later_leads"] else "") if p)
            or "not on record", ratio=3),
        Column("Body", lambda r: ", ".join(dict.fromkeys(lead["mechanism_name"] for lead in r["leads"]
                                                        if lead["mechanism_name"])), ratio=2, drop=1),
        _src_column(found),
    ]
    return Report(title=f"Priority transnational crimes and their lead shepherds, as of {as_of.isoformat()}",
                  rows=found, columns=columns, empty_message="No priority crimes on record.")


# --- mechanisms ----------------------------------------------------------------------------

def _branch(node: bodies.TreeNode) -> str:
    if node.depth == 0:
        return ""
    lead = "".join("   " if last else "│  " for last in node.lasts[1:-1])
    return lead + ("└─ " if node.lasts[-1] else "├─ ")


def mechanisms_report(dataset: Dataset, nodes: list[bodies.TreeNode], year: int) -> Report:
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
            "chair_co_chairs": chair["co_chairs"] if chair else [],
        })

    def chair_text(r):  # the country alone: a tree keeps a line a body (`brief` names the person)
        if not r["chair_country_name"]:
            return ""
        names = [s["country_name"] or s["country"] for s in r["chair_co_chairs"]] or [r["chair_country_name"]]
        return f"{', '.join(names)} ({r['chair_status']})"

    columns = [
        keep(Column("Body", "tree", hang=True)),
        Column(f"Chair {year}", chair_text),  # wraps before the tree does (a narrow terminal)
        Column("Name", "name", ratio=3, drop=1),
    ]
    shown = {r["chair_status"] for r in found if r["chair_country_name"]}
    notes = [" · ".join(f"({status}): {meaning}" for status, meaning in _TREE_STATUSES.items() if status in shown)]
    return Report(title=f"ASEAN security bodies and their chairs in {year}", rows=found, columns=columns,
                  empty_message="No bodies on record.", notes=[n for n in notes if n])


# What a chair's status in the tree says (the words `chair` uses for them, shortened to fit a line).
_TREE_STATUSES = {"held": "its year has begun, or is over", "confirmed": "a source names the chair to come",
                  "projected": "by the Charter's rotation", "inferred": "no source names the chair; it follows "
                  "from the body's sourced chair rule (for a year to come, a pattern of its past chairs "
                  "if no source states one: `chair` says which)", "later": "known from pages written after the date asked"}


GIST = 400  # characters of a long note a brief shows (a brief is one screen; JSON has the note whole)


def _gist(text: str | None) -> str | None:
    """A long note cut after the last sentence that ends within GIST characters, saying so."""
    if not text or len(text) <= GIST:
        return text
    ends = [m.end() for m in re.finditer(r"(?<!\.)\.\s+(?=[A-Z(])", text[:GIST + 1])]  # not '...'
    cut = text[:ends[-1]].rstrip() if ends else text[:GIST].rsplit(" ", 1)[0]
    return cut + " … (the whole note: --format json)"


def _rule_line(row: dict) -> str:
    """The body's chair rule in words, and whether a source states it (only then are chairs inferred
    from it for past years and meetings)."""
    rule = RULE_LABELS.get(row["chair_rule"], row["chair_rule"])
    if row["chair_rule"] in ("follows_asean_chair", "follows_parent", "host_rotation"):
        rule += " (a source states it)" if row.get("chair_rule_sources") else " (a pattern: no source states it as a rule)"
    elif row["chair_rule"] == "co_chairs" and row.get("chair_rule_sources"):
        rule += " (a source states who: the holders of a term on record)"
    return rule
