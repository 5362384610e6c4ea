"""What the views share: labels, spans of dates, places, chairs and source columns.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.output import rows
from asean_sec.output.document import Column, sources_of, src_column

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
    return ROLE_LABELS.get(value or "", (value or "").replace("_", " "))


ADOPTED = ("adopted", "signed", "in_force")  # a document's statuses that say the meeting adopted it


def _outcome_mark(status: str | None) -> str:
    """'' for a document its record calls adopted, signed or in force; else how it stands: ' (agreed)',
    ' (noted)', or ' (adoption not on record)' for a record with no status."""
    if status in ADOPTED:
        return ""
    return f" ({_label(status)})" if status else " (adoption not on record)"


def _outcomes(row: dict | None, adopted: bool) -> str:
    """A meeting row's outcomes that its records call adopted (`adopted`), or the others, each marked."""
    return "; ".join((o["title"] or o["id"]) + _outcome_mark(o["status"]) for o in (row or {}).get("outcomes", ())
                     if (o["status"] in ADOPTED) == adopted)


def _merge_sources(*groups) -> list[str]:
    refs: list[str] = []
    for group in groups:
        refs += [r for r in group or () if r not in refs]
    return refs


def _src_column(found: list[dict]) -> Column:
    return src_column(sources_of(found))


def _span(start, end) -> str:
    """A term: the compact interval, 'until END' without a start."""
    start, end = start or "", end or ""
    if end and not start:
        return f"until {end}"
    return _compact_span(start, end)


def _compact_span(start: str, end: str | None) -> str:
    """The one date-range form: an ISO 8601 interval with the end's repeated leading parts left
    out: 2024-08-28/29, 2024-08-28/09-02, 2023-08/09, 2023/2024, 2018/2018-11-02."""
    if not end or end == start:
        return start
    if len(start) == len(end) == 10 and start[:8] == end[:8]:
        return f"{start}/{end[8:]}"
    if len(start) == len(end) in (7, 10) and start[:5] == end[:5]:
        return f"{start}/{end[5:]}"
    return f"{start}/{end}"


def _who(country_name, person_name) -> str:
    return " — ".join(p for p in (country_name, person_name) if p)


def _place(row: dict) -> str:
    """'Vientiane, Lao PDR'; a city that is its country is named once ('Singapore'); a meeting held
    online says so: 'Cambodia (online)', its host, or 'Hanoi, Viet Nam (online)' when it was chaired
    from a city."""
    if row.get("format") == "virtual":
        where = rows.place(row)
        return f"{where} (online)" if where else "online"
    return rows.place(row)


DERIVED = "*"
DERIVED_NOTE = ("*: a date worked out from what the sources print (a weekday and the report's date, a term's "
                "length), not printed as such; the record's note says how.")


def _derived(row: dict, *fields: str) -> str:
    """DERIVED when the row gives one of `fields` and names it as derived (a record's `derived`)."""
    return DERIVED if any(row.get(f) and f in (row.get("derived") or ()) for f in fields) else ""


def _dated(field: str):
    """A column's text: the row's date `field`, marked when derived."""
    return lambda row: (row.get(field) or "") + _derived(row, field)


def _derived_note(found: list[dict], *fields: str) -> list[str]:
    """The note under a table whose rows show a derived date among `fields`."""
    return [DERIVED_NOTE] if any(_derived(row, *fields) for row in found) else []


def _meeting_dates(row: dict) -> str:
    """The meeting's dates ('undated' when no source gives them), a derived one marked."""
    if not row.get("start"):
        return "undated"
    return _compact_span(row["start"], row.get("end")) + _derived(row, "start", "end")


INFERRED_MEANING = "(inferred): no source names this chair; it follows from the body's sourced chair rule"


def _inferred_note(found: list[dict]) -> list[str]:
    """The note an '(inferred)' mark needs, when a row carries one."""
    return [INFERRED_MEANING + "."] if any(row.get("chair_basis") == "rule" for row in found) else []


def _meeting_chair(row: dict) -> str:
    if row.get("chair_country_name"):
        who = _who(row["chair_country_name"], row.get("chair_person_name"))
    else:
        seats = row.get("co_chairs", ())
        who = " & ".join(_who(s["country_name"], s.get("person_name")) for s in seats)
        if len(seats) == 1:  # a source names one of the co-chairs only
            who += " (co-chair; the other not on record)"
    return who + " (inferred)" if who and row.get("chair_basis") == "rule" else who


def _meeting_line(row: dict | None) -> str:
    """'AMMTC 18, 2024-08-28/2024-08-29, Vientiane, Lao PDR; chair Lao PDR — Vilay Lakhamphong'"""
    if not row:
        return ""
    parts = [rows.meeting_label(row), _meeting_dates(row), _place(row)]
    text = ", ".join(p for p in parts if p)
    chair = _meeting_chair(row)
    if chair:
        text += f"; {'co-chairs' if not row.get('chair_country_name') else 'chair'} {chair}"
    return text


def _chair_dict(dataset: Dataset, answer) -> dict | None:
    return rows.chair_row(dataset, answer) if answer else None


# A chair's status as people read it; JSON and CSV carry the value itself.
_STATUS_WORDS = {"later": "recorded later: known from pages written after this date",
                 # a chair year's 'held' is the post, not a meeting: 'held' next to 'AMMTC 20, not reported held yet' misread
                 "held": "in the chair (its year has begun)"}


def _status(status: str | None, past: bool = False) -> str | None:
    """A chair status in words; a chair year gone by (`past`) 'held', not 'in the chair'."""
    if past and status == "held":
        return "held (that year is over)"
    return _STATUS_WORDS.get(status, status) if status else status


def _chair_line(row: dict | None) -> str:
    if not row or not row.get("country"):
        return "not on record"
    who = _who(row.get("country_name"), row.get("person_name"))
    basis = row.get("basis")
    if row.get("status") == "inferred" and basis:  # 'inferred' once: '(inferred; to chair ASEANAPOL 44 …)'
        basis = basis.replace(" (inferred from the body's rule)", "")
    detail = "; ".join(p for p in (_status(row.get("status")), _label(basis)) if p)
    return f"{who} ({detail})" if detail else who


def _lead_dict(dataset: Dataset, role) -> dict:
    """A lead-shepherd, chair or coordinator role as the briefings list it."""
    body = dataset.mechanisms.get(role.mechanism) if role.mechanism else None
    return {"country": role.country, "country_name": dataset.country_name(role.country), "role": role.role,
            "subject": role.subject, "mechanism": role.mechanism, "mechanism_name": body.acronym if body else None,
            "start": str(role.start) if role.start else None, "end": str(role.end) if role.end else None}


def _acronym(dataset: Dataset, mechanism: str) -> str:
    body = dataset.mechanisms.get(mechanism)
    return body.acronym if body else mechanism
