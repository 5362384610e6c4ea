"""Records as flat, stable dictionaries: the field names of every output format.

These names are a public contract (see the README's "Output fields"); add fields, never
rename or remove them.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.model.kinds import Meeting, Seat
from asean_sec.questions.query import ChairAnswer, ordinal_words


def source_refs(dataset: Dataset, source_ids) -> list[str]:
    """URL (or document name) of each source, in order, without repeats."""
    refs: list[str] = []
    for source_id in source_ids:
        ref = dataset.source_ref(source_id)
        if ref not in refs:
            refs.append(ref)
    return refs


def _seat(dataset: Dataset, seat: Seat) -> dict:
    return {"country": seat.country, "country_name": dataset.country_name(seat.country),
            "person": seat.person, "person_name": dataset.person_name(seat.person)}


def chair_row(dataset: Dataset, answer: ChairAnswer) -> dict:
    mechanism = dataset.mechanisms.get(answer.mechanism)
    return {
        "year": answer.year,
        "mechanism": answer.mechanism,
        "mechanism_name": mechanism.acronym if mechanism else answer.mechanism,
        "country": answer.country,
        "country_name": dataset.country_name(answer.country),
        "person": answer.person,
        "person_name": dataset.person_name(answer.person),
        "status": answer.status,
        "basis": answer.basis,
        "note": answer.note,
        "sources": source_refs(dataset, answer.sources),
        "last_verified": answer.last_verified,
        "co_chairs": [_seat(dataset, s) for s in answer.co_chairs],  # all of them when co-chaired
    }


def meeting_row(dataset: Dataset, meeting: Meeting) -> dict:
    mechanism = dataset.mechanisms.get(meeting.mechanism)
    chair = meeting.chair
    return {
        "id": meeting.id,
        "mechanism": meeting.mechanism,
        "mechanism_name": mechanism.acronym if mechanism else meeting.mechanism,
        "ordinal": meeting.ordinal,
        "status": meeting.status,
        "start": str(meeting.start) if meeting.start else None,
        "end": str(meeting.end) if meeting.end else None,
        "city": meeting.city,
        "host": meeting.host,
        "host_name": dataset.country_name(meeting.host),
        "chair_country": chair.country if chair else None,
        "chair_country_name": dataset.country_name(chair.country) if chair else None,
        "chair_person": chair.person if chair else None,
        "chair_person_name": dataset.person_name(chair.person) if chair else None,
        "co_chairs": [_seat(dataset, s) for s in meeting.co_chairs],
        "format": meeting.format,
        "parent": meeting.parent,
        "theme": meeting.theme,
        "all_members_attended": meeting.all_members_attended,
        "participants": [
            {**_seat(dataset, Seat(p.country, p.person)), "title": p.title, "role": p.role}  # type: ignore[arg-type]
            for p in meeting.participants
        ],
        "outcomes": [
            {"id": doc_id, "title": document.title if (document := dataset.document(doc_id)) else None,
             "status": document.status if document else None}  # adopted, signed, in_force, agreed …
            for doc_id in meeting.outcomes
        ],
        "note": meeting.note,
        "sources": source_refs(dataset, meeting.sources),
        "last_verified": meeting.last_verified,
        # "stated" | "rule" (inferred: the chair, or the co-chairs) | None (neither on record)
        "chair_basis": meeting.chair_basis if chair or meeting.co_chairs else None,
        # the sources of the rule (and, for co-chairs from a term, of the term) an inferred chair rests on
        "chair_rule_sources": source_refs(dataset, dataset.rule_sources(meeting)) if meeting.chair_inferred else [],
        "derived": list(meeting.derived),  # "start", "end": worked out from the sources, not printed in them
        "venue": meeting.venue,  # the building or hotel, where a source names it
        # where a meeting with no host on record met (a source places it there; no host is named)
        "held_in": meeting.held_in,
        "held_in_name": dataset.country_name(meeting.held_in),
    }


def place(row: dict) -> str:
    """'Vientiane, Lao PDR' from a meeting row's city and host; a city that is its country is named
    once ('Singapore'); '' when neither is on record."""
    city, country = row.get("city"), row.get("host_name") or row.get("held_in_name")
    return ", ".join(p for p in (city, country if country != city else None) if p)


def meeting_label(row: dict) -> str:
    """'AMMTC 18', 'AMMTC+3 Special', 'AMMTC 20 (scheduled)', 'ASEAN Summit 48' …"""
    name = "ASEAN Summit" if row.get("mechanism") == "asean" else row["mechanism_name"]  # the Chairmanship meets as the Summit
    label = f"{name} {ordinal_words(str(row['ordinal']))}"
    return label if row.get("status", "held") == "held" else f"{label} ({row['status']})"


def label_of(dataset: Dataset, meeting: Meeting) -> str:
    """A meeting's label (meeting_label) without building its whole row."""
    body = dataset.mechanisms.get(meeting.mechanism)
    return meeting_label({"mechanism": meeting.mechanism, "mechanism_name": body.acronym if body else meeting.mechanism,
                          "ordinal": meeting.ordinal, "status": meeting.status})


def dataset_document(dataset: Dataset) -> dict:
    """The whole dataset as one JSON-ready document, with the raw field names of the YAML; a
    meeting's chair inferred from its body's sourced rule is written as the YAML would hold it
    (`chair` with `chair_basis: rule`)."""
    raw = dataset.raw
    document: dict = {"dataset": dict(raw["dataset"])}
    for section in ("sources", "countries", "mechanisms", "asean_chair", "meetings", "people", "offices",
                    "documents", "crimes", "roles"):
        document[section] = exported_meetings(dataset) if section == "meetings" else raw[section]
    return document


def exported_meetings(dataset: Dataset) -> list[dict]:
    """The raw meetings, each chaired or co-chaired one with its `chair_basis` (stated unless the record
    says otherwise), and the chairs (or co-chairs, from a term on record) inferred from a body's sourced
    rule filled in as `chair_basis: rule`."""
    inferred = dataset.inferred_chairs
    out = []
    for position, record in enumerate(dataset.raw["meetings"]):
        if position in inferred:
            found = inferred[position]
            seats = ({"chair": {"country": found}} if isinstance(found, str)
                     else {"co_chairs": [{"country": country} for country in found]})
            record = {**record, **seats, "chair_basis": "rule"}
        elif (record.get("chair") or record.get("co_chairs")) and "chair_basis" not in record:
            record = {**record, "chair_basis": "stated"}
        out.append(record)
    return out
