"""Views of countries and people: the country dossier and the person profile.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.model.dates import PartialDate
from asean_sec.output import rows
from asean_sec.output.document import Column, Document, Report, keep, sections
from asean_sec.output.views.common import (
    DERIVED_NOTE,
    _dated,
    _derived,
    _derived_note,
    _inferred_note,
    _label,
    _lead_dict,
    _meeting_chair,
    _meeting_dates,
    _merge_sources,
    _place,
    _span,
    _src_column,
    _status,
)
from asean_sec.questions import common, documents, people

# --- country -------------------------------------------------------------------------------


def country_report(dataset: Dataset, answer: people.Dossier) -> Document:
    c, as_of = answer.country, answer.as_of
    chaired = [rows.chair_row(dataset, a) for a in answer.chair_years]
    ahead = [rows.chair_row(dataset, a) for a in answer.future_chairs]
    bound = documents.bound_as_of(dataset.treaties_of(c.id), as_of)
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
        "dialogue_partner_since": str(c.dialogue_partner_since) if c.dialogue_partner_since else None,
        "asean_chair_years": [{"year": r["year"], "status": r["status"], "basis": r["basis"]} for r in chaired],
        "next_asean_chair": [{"year": r["year"], "status": r["status"], "basis": r["basis"]} for r in ahead],
        # what binds it on as_of: {id, title, type, status, date, in_force, party_date}
        "party_to": bound,
        "note": answer.note,
        "as_of": as_of.isoformat(),
        "sources": _merge_sources(rows.source_refs(dataset, c.sources), *[r["sources"] for r in chaired + ahead]),
    }

    def membership(r):
        if r["member"]:
            return f"member since {r['member_since']}"
        day = as_of.isoformat()
        # seen from a day before the data's own, what came after it is known from later pages
        later = " (recorded later)" if dataset.before_its_date(as_of) else ""
        now, ahead = [], []
        if r["observer_since"] and r["observer_since"] <= day:
            now.append(f"observer since {r['observer_since']}")
        elif r["observer_since"]:
            ahead.append(f"observer from {r['observer_since']}")
        if r["member_since"]:
            ahead.append(f"member from {r['member_since']}")
        if not now:
            now.append("not a member")
            if r.get("dialogue_partner_since") and r["dialogue_partner_since"] <= day:
                now.append(f"dialogue partner since {r['dialogue_partner_since']}")
        return "; ".join(now + ahead) + (later if ahead else "")

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
            Column("Next ASEAN chair", lambda r: ", ".join(f"{y['year']} ({_status(y['status'])})"
                                                           for y in r["next_asean_chair"])),
            Column("Party to", lambda r: "; ".join(_bound_by(d) for d in r["party_to"])),
            Column("Note", "note"),
        ], notes=[DERIVED_NOTE] if any(_shown_date(d) in d.get("derived", ()) for d in bound) else [])

    posts = []
    for role, state in answer.posts:
        row = _lead_dict(dataset, role)
        crime = dataset.crimes.get(role.crime) if role.crime else None
        row.update({"partner": role.partner, "partner_name": dataset.country_name(role.partner),
                    "crime": role.crime, "crime_name": crime.name if crime else None, "state": state,
                    "note": role.note, "sources": rows.source_refs(dataset, role.sources)})
        posts.append(row)
    post_report = Report(title="Posts held (coordinator, lead shepherd, chair, host)", rows=posts, columns=[
        Column("Post", _post, ratio=3),
        keep(Column("Term", lambda r: _span(r["start"], r["end"]) or "undated")),
        keep(Column("State", "state")),
        _src_column(posts),
    ], empty_message="No posts on record.")

    led = []
    for item in answer.meetings:
        row = rows.meeting_row(dataset, item.meeting)
        row["roles"] = list(item.roles)
        row["upcoming"] = common.upcoming(item.meeting, as_of)
        led.append(row)
    led_report = Report(title=f"Meetings chaired, co-chaired or hosted ({len(led)})", rows=led, columns=[
        keep(Column("Date", _meeting_dates)),
        # a label whole where the width allows it ('AMM pre-summit-2024-10'); a longer one wraps between words
        Column("Meeting", rows.meeting_label, min_width=max(12, min(22, max(
            (len(rows.meeting_label(r)) for r in led), default=0)))),
        Column("Place", _place, stack=True),
        Column("Role", lambda r: _led_role(r, later=dataset.before_its_date(as_of))),
        Column("Chair / co-chairs", _meeting_chair, ratio=2, drop=1),
        _src_column(led),
    ], empty_message="No meetings chaired or hosted on record.",
        notes=_inferred_note(led) + _derived_note(led, "start", "end"))

    holders = [_office_row(dataset, s, as_of) for s in answer.in_office]
    old = lambda row: _old(row["latest_source"], as_of)  # noqa: E731 - evidence over a year before the day asked
    unverified, unverified_note = _unverified_check(dataset, c.id, as_of)
    for row in holders:
        row["unverified"] = unverified(row["latest_source"])
    office_report = Report(title=f"In office on {as_of.isoformat()}", rows=holders, columns=[
        keep(Column("Person", "person_name")),
        Column("Office", "title", max_width=50),
        keep(Column("Since", _dated("start"))),
        keep(Column("Latest source", lambda r: (r["latest_source"] or "") + _evidence_mark(old(r), r["unverified"]))),
        _src_column(holders),
    ], empty_message="No office holder is dated as in office on that day.",
        notes=([IN_OFFICE_NOTE] if holders else []) + _derived_note(holders, "start")
        + ([OLD_EVIDENCE_NOTE] if any(old(r) for r in holders) else [])
        + ([unverified_note] if any(r["unverified"] for r in holders) else []))

    delegations = []
    for d in answer.delegations:
        delegations.append({
            "meeting": d.meeting.id, "meeting_label": rows.label_of(dataset, d.meeting),
            "start": str(d.meeting.start) if d.meeting.start else None,
            "derived": list(d.meeting.derived),
            "person": d.person, "person_name": dataset.person_name(d.person), "title": d.title, "role": d.role,
            "sources": rows.source_refs(dataset, d.meeting.sources),
        })
    delegation_report = Report(title="Heads of its delegations at recent meetings", rows=delegations, columns=[
        keep(Column("Date", _dated("start"))),
        keep(Column("Meeting", "meeting_label")),
        keep(Column("Person", "person_name")),
        Column("Title", "title", stack=True, ratio=3),
        keep(Column("Role", lambda r: _label(r["role"]))),  # a chair is not read as a head of delegation
        _src_column(delegations),
    ], empty_message="No delegation heads on record.", notes=_derived_note(delegations, "start"))

    return sections([("country", head), ("posts", post_report), ("meetings", led_report),
                     ("in_office", office_report), ("delegations", delegation_report)])


def _shown_date(document: dict) -> str:
    """Which date of an instrument the dossier shows: its entry into force, else its own date."""
    return "in_force" if document["in_force"] else "date"


def _bound_by(document: dict) -> str:
    """An instrument the country is a party to, as the dossier lists it: with its entry into force, or its date
    (marked '*' when worked out, not printed in the sources)."""
    key = _shown_date(document)
    star = "*" if key in document.get("derived", ()) else ""
    when = document[key] and f"{'entered into force ' if key == 'in_force' else ''}{document[key]}{star}"
    if document.get("party_date"):  # the country's own date first: it may have joined long after
        when = f"ratified or acceded {document['party_date']}" + (f"; {when}" if when else "")
    return f"{document['title']} ({when})" if when else document["title"]


def _post(row: dict) -> str:
    """'lead shepherd: money laundering (SOMTC)', 'coordinator: ASEAN-China dialogue relations'."""
    what = row["crime_name"] or row["mechanism_name"] or row["subject"]
    body = f" ({row['mechanism_name']})" if row["crime_name"] and row["mechanism_name"] else ""
    return f"{_label(row['role'])}: {what}{body}"


IN_OFFICE_NOTE = ("An office counts as held from its start until a source records its end or a successor; "
                  "one with no start on record (no 'Since') is listed when a source shows its holder in it in "
                  "the last 18 months. 'Latest source' is the newest dated source for it, or the last meeting the "
                  "holder was seen at with that title: how recent the evidence is, not a check that it still holds.")


OLD_EVIDENCE_NOTE = ("(old): the latest source is more than a year before the day asked; the office may have "
                     "changed hands since without a source on record saying so.")


def _unverified_check(dataset: Dataset, country: str | None, as_of):
    """(whether a holder last seen on a day is 'unverified', the note that says why), for `country`: one
    whose holders are not followed past a change of government (`holders_unverified_from`) has, from that
    day, a holder seen only before it unverified (seen on that day, or within that month or year when it is
    one, is not seen after it)."""
    record = (common.raw_record(dataset, "countries", country) or {}) if country else {}
    since = str(record.get("holders_unverified_from") or "")
    unsure = bool(since) and as_of.isoformat() >= since
    note = f"(unverified): not seen in the post since {since}. {record.get('holders_note', '')}".strip()
    return (lambda latest: unsure and (latest or "")[:len(since)] <= since), note


def _evidence_mark(old: bool, unverified: bool) -> str:
    """' (old)' or ' (unverified)' after a holder's latest source, as `country` and `person` show it."""
    return " (old)" if old else " (unverified)" if unverified else ""


def _old(latest: str | None, as_of) -> bool:
    """Whether evidence dated `latest` ('2025-07-31', '2025-07', '2025': its last day counts) is over a
    year before `as_of`."""
    if not latest:
        return False
    last = PartialDate.parse(latest).last_day
    return (last.year + 1, last.month, last.day) < (as_of.year, as_of.month, as_of.day)


def _office_row(dataset: Dataset, state: people.OfficeState, as_of) -> dict:
    o = state.office
    text = lambda d: str(d) if d else None  # noqa: E731
    return {"person": o.person, "person_name": dataset.person_name(o.person), "title": o.title,
            "latest_source": text(people.latest_evidence(dataset, state, as_of)),
            "organization": o.organization, "country": o.country, "country_name": dataset.country_name(o.country),
            "start": text(o.start), "end": text(o.end), "status": state.status,
            "superseded_by": state.superseded_by, "superseded_on": text(state.superseded_on),
            "attested_first": text(state.attested_first), "attested_last": text(state.attested_last),
            "note": o.note, "sources": rows.source_refs(dataset, o.sources),
            "derived": list(o.derived)}  # "start", "end": worked out from the sources, not printed in them


def _led_role(r: dict, later: bool = False) -> str:
    """'host & chair', marked '(inferred)' when the chair is inferred from the body's rule (the column
    that names the chair is the first a narrow terminal drops), '(upcoming)' for a meeting to come."""
    roles = " & ".join(r["roles"])
    if r.get("chair_basis") == "rule" and ("chair" in r["roles"] or "co-chair" in r["roles"]):
        roles += " (inferred)"
    # after a day before the data's own: recorded later, not foreseen then
    return roles + ((" (recorded later)" if later else " (upcoming)") if r["upcoming"] else "")


def _office_status(r: dict) -> str:
    if r["status"] == "superseded":
        # a later holder of the same post, on record from that day: not necessarily the direct successor
        return f"superseded (a later holder: {r['superseded_by']}, on record from {r['superseded_on']})"
    if r["status"] == "attested" and not r["attested_first"]:
        return "attested, dates not sourced"
    if r["status"] == "attested later":  # seen from a past day: every sign of it is dated after that day
        return "attested only after this day, dates not sourced"
    first, last = r["attested_first"], r["attested_last"]
    seen = ("" if not first else f"; seen at a meeting {first}" if first == last
            else f"; seen at meetings {first} to {last}")
    return r["status"] + seen


# --- person --------------------------------------------------------------------------------

def person_report(dataset: Dataset, answer: people.Profile) -> Document:
    p, as_of = answer.person, answer.as_of
    offices = [_office_row(dataset, s, as_of) for s in answer.offices]
    current = [o for o in offices if o["status"] == "in office"]
    seen = {id(s.office) for s in answer.recently_seen}  # undated, but seen in it lately: held, as `country` says
    lately = [row for row, state in zip(offices, answer.offices) if id(state.office) in seen]
    unverified, unverified_note = _unverified_check(dataset, p.country, as_of)
    in_office = [{"title": o["title"], "start": o["start"], "derived": o["derived"], "undated": o in lately,
                  # how recent the evidence is, as `country` marks it: over a year before the day asked ('old'),
                  # or not seen since the country's change of government ('unverified')
                  "latest_source": o["latest_source"], "old": _old(o["latest_source"], as_of),
                  "unverified": unverified(o["latest_source"])}
                 for o in current + lately]
    summary = {
        "id": p.id, "name": p.name, "native_name": p.native_name, "aliases": list(p.aliases),
        "country": p.country, "country_name": dataset.country_name(p.country),
        "in_office": in_office,
        "note": answer.note, "as_of": as_of.isoformat(),
        "sources": rows.source_refs(dataset, p.sources),
    }
    head = Report(title=f"{p.name} — profile as of {as_of.isoformat()}", rows=[summary], single=True, columns=[
        Column("Name", "name"),
        Column("Native name", "native_name"),
        Column("Also written", "aliases"),
        Column("Country", "country_name"),
        Column(f"In office on {as_of.isoformat()}", lambda r: "; ".join(
            o["title"] + (f" (since {o['start']}{_derived(o, 'start')})" if o["start"] else
                          " (no start on record; seen in it in the last 18 months)" if o.get("undated") else "")
            + (f", latest source {o['latest_source']}{_evidence_mark(o['old'], o['unverified'])}"
               if o["old"] or o["unverified"] else "")
            for o in r["in_office"]) or
            "none dated as in office"),
        Column("Note", "note"),
    ], notes=([OLD_EVIDENCE_NOTE] if any(o["old"] for o in in_office) else [])
        + ([unverified_note] if any(o["unverified"] and not o["old"] for o in in_office) else []))
    # a derived start is marked here; the offices table below carries the note
    office_report = Report(title="Offices", rows=offices, columns=[
        Column("Office", "title", ratio=2),
        keep(Column("From", _dated("start"))),
        keep(Column("To", _dated("end"))),
        Column("Status", _office_status, ratio=2),
        Column("Note", "note", ratio=3, drop=1),  # how the dates are known, and where sources differ
        _src_column(offices),
    ], empty_message="No offices on record.", notes=_derived_note(offices, "start", "end"))
    attended = []
    for item in answer.meetings:
        row = rows.meeting_row(dataset, item.meeting)
        row["roles"] = list(item.roles)
        row["title_then"] = item.title
        attended.append(row)
    named_only = any(row["roles"] == ["named in note"] for row in attended)
    title = "Meetings attended, chaired or spoken at" + (", or named in a note" if named_only else "")
    meeting_report = Report(title=f"{title} ({len(attended)})", rows=attended,
                            columns=[
                                keep(Column("Date", _meeting_dates)),
                                keep(Column("Meeting", rows.meeting_label)),
                                Column("Place", _place, stack=True),
                                Column("Role", lambda r: ", ".join(_label(x) for x in r["roles"])),
                                Column("Title then", "title_then", ratio=2, drop=1),
                                _src_column(attended),
                            ], empty_message="No meetings on record.",
                            notes=_derived_note(attended, "start", "end") + (
                                ["'named in note': the meeting's note names the person (a page may say they took "
                                 "part, or only mention them); not a record that they attended."] if named_only else []))
    return sections([("person", head), ("offices", office_report), ("meetings", meeting_report)])
