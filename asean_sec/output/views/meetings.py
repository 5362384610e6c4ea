"""Answers shaped for output: which rows, which columns people see, what titles say."""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.output import rows
from asean_sec.output.document import Column, Report, keep, numbers
from asean_sec.output.views.common import (
    INFERRED_MEANING,
    RULE_LABELS,
    _derived_note,
    _label,
    _meeting_chair,
    _meeting_dates,
    _merge_sources,
    _outcomes,
    _place,
    _src_column,
    _status,
)
from asean_sec.questions.query import ChairAnswer, meeting_order


def _country_and_person(country_field: str, person_field: str):
    def text(row):
        country, person = row.get(country_field), row.get(person_field)
        return " — ".join(p for p in (country, person) if p)
    return text


def _chair_text(row) -> str:
    """'Viet Nam — Luong Tam Quang', or every co-chair of a co-chaired meeting: 'India; Malaysia (co-chairs)'."""
    if len(row.get("co_chairs") or ()) > 1:
        seats = [_country_and_person("country_name", "person_name")(seat) for seat in row["co_chairs"]]
        return "; ".join(seats) + " (co-chairs)"
    return _country_and_person("country_name", "person_name")(row) or "not on record"


def chair_report(dataset: Dataset, answer: ChairAnswer | None, year: int, mechanism: str,
                 this_year: int | None = None) -> Report:
    """The chair of `mechanism` in `year`; a year before `this_year` (the --as-of day's) is gone by."""
    found = [rows.chair_row(dataset, answer)] if answer else []
    body = dataset.mechanisms[mechanism]
    label = body.acronym
    past = this_year is not None and year < this_year
    # a body that follows another's chair by a pattern no source states: a year gone by is left unknown
    unsourced = "" if body.chair_rule_sources else (
        " — a pattern of its past chairs that no source states as a rule: applied only to years to come")

    def basis(r):
        words = RULE_LABELS.get(r["basis"]) or _label(r["basis"])
        if r["status"] == "unknown" and r["basis"] in ("follows_parent", "follows_asean_chair"):
            words += unsourced
        return words
    columns = [
        Column("Year", "year"),
        Column("Body", "mechanism_name"),
        Column("Chair", _chair_text),
        Column("Status", lambda r: _status(r["status"], past)),
        # 'stepped in', not the field's value 'stepped_in'; a rule in words when no record gives the chair
        Column("Basis", basis),
        Column("Note", "note"),
        Column("Verified", "last_verified"),
    ]
    notes = []
    took_over = sorted((y, r.country, r.since) for y, r in dataset.asean_chair.items() if r.since)
    if mechanism == "asean" and took_over and year < took_over[0][0] and found:
        first_year, country, day = took_over[0]
        notes.append(f"Hand-over days are on record from {first_year} ({dataset.country_name(country)}, "
                     f"{day}); for earlier years the calendar year is given, and the year's note says "
                     "whether the chair changed mid-year.")
    return Report(title=f"{label} chair, {year}", rows=found, columns=columns, single=True,
                  empty_message=f"No record of the {label} chair for {year}.", notes=notes)


def asked(dataset: Dataset, chosen: dict, year=None, since=None, until=None) -> str:
    """What a meetings question asked, in words: 'of AMMTC, led by Viet Nam, since 2023-01-01'."""
    def names(ids, name):
        return " or ".join(name(i) or i for i in ids)

    def body(i):
        return dataset.mechanisms[i].acronym if i in dataset.mechanisms else i

    parts = [f"of {names(chosen['mechanism'], body)}"] if chosen.get("mechanism") else []
    for key, verb in (("chaired_by", "chaired by"), ("hosted_by", "hosted by"), ("attended_by", "attended by"),
                      ("led_by", "led by")):
        if chosen.get(key):
            parts.append(f"{verb} {names(chosen[key], dataset.country_name)}")
    parts += [f"in {year}"] if year else []
    parts += [f"since {since}"] if since else []
    parts += [f"until {until}"] if until else []
    return ", ".join(parts)


INFERRED = " (inferred)"
INFERRED_NOTE = INFERRED_MEANING + " (--stated-only leaves these out)."


ATTENDANCE_NOTE = ("Attended: a meeting is listed where a source names the country's seat (host, chair, a "
                   "delegation or a person) or says all members attended; a meeting not listed may still "
                   "have had it present.")


def meetings_report(dataset: Dataset, meetings, asked: str = "", unchaired: dict | None = None,
                    stated_only: bool = False, attendance: bool = False) -> Report:
    """`unchaired`: country name -> how many meetings it hosted, within the question's other filters,
    with no chair on record (with `stated_only`, none a source names): a list of what a country chaired
    or led cannot hold them. `attendance`: the question filtered on who attended (say what that
    can show)."""
    found = [rows.meeting_row(dataset, m) for m in meetings]
    columns = [
        keep(Column("Date", _meeting_dates)),
        keep(Column("Meeting", rows.meeting_label)),
        Column("Place", _place, ratio=2, stack=True),
        Column("Chair / co-chairs", _meeting_chair, ratio=3),
        keep(Column("Docs", lambda r: len(r["outcomes"]) or "")),
        _src_column(found),
    ]
    title = f"Meetings {asked} — {len(found)}" if asked else f"Meetings — {len(found)}"
    no_chair = "no chair a source names" if stated_only else "no chair on record"
    notes = [f"Not listed: {count} meeting{'s' if count > 1 else ''} {name} hosted with {no_chair} "
             f"(--hosted-by lists {'them' if count > 1 else 'it'})." for name, count in (unchaired or {}).items() if count]
    notes += [ATTENDANCE_NOTE] if attendance else []
    return Report(title=title, rows=found, columns=columns, empty_message="No meeting matches those filters.",
                  notes=notes, row_notes=_marker_notes)


def _marker_notes(found: list[dict]) -> list[str]:
    """The notes the rows' markers need: an inferred chair, a derived date."""
    inferred = [INFERRED_NOTE] if any(row.get("chair_basis") == "rule" for row in found) else []
    return inferred + _derived_note(found, "start", "end")


_ROLE_ORDER = {role: n for n, role in enumerate(("chair", "incoming_chair", "secretary_general", "head_of_delegation",
                                                  "speaker", "delegate", "observer", "guest"))}


def meeting_report(dataset: Dataset, meeting, as_of=None) -> Report:
    """One meeting on one screen: when, where, who chaired, who led the delegations, what it
    adopted, the meeting week it belongs to, with sources. JSON: the `meetings` fields, plus
    `mechanism_full_name`, `parent_label` and `related` (the other meetings of its week)."""
    row = rows.meeting_row(dataset, meeting)
    body = dataset.mechanisms.get(meeting.mechanism)
    week = meeting.parent or meeting.id
    related = sorted((m for m in dataset.meetings if m.id != meeting.id and week in (m.id, m.parent)),
                     key=meeting_order)
    parent = dataset.meetings_by_id.get(meeting.parent) if meeting.parent else None
    row.update({
        "mechanism_full_name": body.name if body else None,
        "parent_label": rows.label_of(dataset, parent) if parent else None,
        "related": [{"id": m.id, "label": rows.label_of(dataset, m)} for m in related],
    })
    row["sources"] = _merge_sources(row["sources"], row["chair_rule_sources"])

    def chair(r):
        if r["chair_basis"] == "rule":
            rule = numbers([n for n, ref in enumerate(r["sources"], 1) if ref in r["chair_rule_sources"]])
            which = ("the chair; it follows" if r["chair_country_name"]
                     else "the co-chairs; they follow")  # co-chairs: the holders of a term on record
            return (_meeting_chair(r) + f" — no source names {which} from the body's sourced rule"
                    + (f" (sources {rule})" if rule else ""))
        return _meeting_chair(r) or "not on record"

    def participants(r):  # the chair first, then heads of delegation, then the others; by country
        seats = sorted(r["participants"], key=lambda s: (_ROLE_ORDER.get(s.get("role"), len(_ROLE_ORDER)),
                                                         s["country_name"] or ""))
        listed = "; ".join(" — ".join(p for p in (s["country_name"], s["person_name"], s["title"]) if p)
                           + (f" ({s['role'].replace('_', ' ')})" if s.get("role") not in (None, "secretary_general")
                              else "") for s in seats)
        every = "every member state attended" if r["all_members_attended"] else ""
        return "; ".join(p for p in (every, listed) if p)

    columns = [
        Column("Meeting", rows.meeting_label),
        Column("Body", lambda r: f"{r['mechanism_name']} — {r['mechanism_full_name']}"
               if r["mechanism_full_name"] else r["mechanism_name"]),
        Column("Dates", _meeting_dates),
        Column("Place", _place),
        Column("Venue", "venue"),
        Column("Chair", chair),
        Column("Format", lambda r: (r["format"] or "").replace("_", " ")),
        Column("Theme", "theme"),
        Column("Participants", participants),
        Column("Adopted", lambda r: _outcomes(r, adopted=True)),
        Column("Other outcomes", lambda r: _outcomes(r, adopted=False)),  # agreed, noted, or no status on record
        Column("Part of", "parent_label"),
        Column("Same week", lambda r: "; ".join(m["label"] for m in r["related"])),
        Column("Note", "note"),
        Column("Verified", "last_verified"),
    ]
    notes = _derived_note([row], "start", "end")
    if as_of is not None and meeting.start and meeting.start.first_day > as_of and meeting.status == "held":
        notes.append(f"Seen from {as_of}: this meeting was held later; what it shows (chair, delegations, "
                     "outcomes) is recorded later, known from pages written since.")
    return Report(title=f"{rows.meeting_label(row)} — {_place(row) or 'place not on record'}", rows=[row],
                  columns=columns, single=True, notes=notes)
