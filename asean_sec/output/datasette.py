"""Datasette metadata for the SQLite export: title, licence, a description of every table and
column, label columns (so a foreign key shows a name) and facets. Written as OUT.metadata.json
beside OUT.db; `datasette OUT.db -m OUT.metadata.json` uses it."""

from __future__ import annotations

from asean_sec import DATA_LICENSE, DATA_LICENSE_URL
from asean_sec.output import tables

SOURCE = "asean-sec: hand-curated YAML, every record with its own cited sources"

TABLES = {
    "sources": ("Every source cited: a web page or a document, with what it says (quote).", "title",
                ["publisher"]),
    "countries": ("ASEAN members, observers and dialogue partners.", "name", []),
    "country_aliases": ("Other names a country goes by.", None, []),
    "mechanisms": ("Bodies: ministerial meetings, senior officials, working groups, dialogues.", "acronym",
                   ["kind", "chair_rule", "parent"]),
    "mechanism_partners": ("The partner countries of a body (Plus Three, Plus One …).", None, ["mechanism"]),
    "mechanism_aliases": ("Other names a body goes by.", None, []),
    "mechanism_rule_sources": ("The sources of each body's chair rule.", None, ["mechanism"]),
    "asean_chair": ("The ASEAN Chairmanship year by year, with its status.", "country", ["status", "country"]),
    "asean_chair_confirmed_by": ("Of a chair year's sources, those that name its chair.", None, []),
    "meetings": ("Meetings of every body: when, where, who chaired, what was adopted.", "id",
                 ["mechanism", "status", "host", "chair_country"]),
    "meeting_seats": ("Who sat where: chairs, co-chairs and participants of each meeting.", None,
                      ["seat", "country", "role"]),
    "meeting_outcomes": ("The documents each meeting adopted.", None, ["meeting"]),
    "people": ("Ministers, officials and others on record.", "name", ["country"]),
    "person_aliases": ("Other spellings of a person's name.", None, []),
    "offices": ("Posts people held, with dates.", "title", ["country", "organization"]),
    "documents": ("Declarations, agreements, plans and statements.", "title", ["type", "status", "mechanism"]),
    "document_parties": ("The countries party to a document.", None, ["country"]),
    "document_aliases": ("Other names a document goes by ('Bali Concord I').", None, []),
    "crimes": ("Kinds of transnational crime the bodies work on.", "name", []),
    "roles": ("Countries' posts: coordinators, lead shepherds, co-chairs, with their terms.", "subject",
              ["role", "country", "mechanism"]),
    "record_sources": ("Which sources each record cites; the column named for its kind links the record.",
                       None, ["kind", "source"]),
}

# Column descriptions by name; TABLE.COLUMN overrides a name's general meaning.
COLUMNS = {
    "id": "Identifier (kebab-case; numbered for offices and roles).",
    "name": "Name in English.", "note": "The curator's note: caveats, what sources disagree on.",
    "url": "Address of the source.", "document": "The document concerned.", "title": "Title.",
    "publisher": "Who published it.", "published": "When it was published (YYYY[-MM[-DD]]).",
    "accessed": "When the curator read it.", "quote": "What the source says, in its words.",
    "official_name": "Official name.", "iso2": "ISO 3166-1 alpha-2 code.", "iso3": "ISO 3166-1 alpha-3 code.",
    "asean_member_since": "Date of joining ASEAN.", "asean_observer_since": "Date of becoming an observer.",
    "asean_dialogue_partner_since": "Date ASEAN accorded it full Dialogue Partner status.",
    "country": "Country (id).", "alias": "Another name.", "acronym": "Short name.",
    "kind": "What kind of thing it is.", "parent": "The body (or meeting) it belongs to.",
    "founded": "When it was founded.", "founding_document": "The document that founded it.",
    "chair_rule": "How its chair is chosen (alphabetical_rotation, follows_asean_chair, host_rotation …).",
    "chair_note": "What the sources say about its chair.", "description": "What it does.",
    "mechanism": "Body (id).", "year": "Calendar year.", "status": "Status (held, confirmed, projected …).",
    "basis": "What the status rests on.", "last_verified": "The day its sources were last checked.",
    "ordinal": "Its number in the body's series (or a label such as 'Special').",
    "start": "First day (YYYY[-MM[-DD]]).", "end": "Last day (YYYY[-MM[-DD]]).", "city": "City.",
    "venue": "Venue.", "host": "Host country (id).", "chair_country": "Country that chaired (id).",
    "chair_person": "Person who chaired (id).", "format": "In person, virtual or hybrid.",
    "theme": "Theme of the meeting.", "all_members_attended": "1 when every member state attended.",
    "adopted": "Titles of the documents the meeting adopted (searchable).",
    "chair_basis": "stated (a source names the chair) or rule (inferred from the body's sourced chair rule).",
    "meeting": "Meeting (id).", "seat": "chair, co_chair or participant.", "person": "Person (id).",
    "role": "Role at the meeting or the post held.", "native_name": "Name in the person's own language.",
    "organization": "Organisation the office belongs to.", "type": "Kind of document.",
    "date": "Date of the document.", "place": "Where it was adopted or signed.",
    "in_force": "When it entered into force.", "subject": "What the post covers.",
    "partner": "The partner country (id), for a coordinator of dialogue relations.", "crime": "Crime (id).",
    "record": "The record's id (a number for offices and roles, a year for asean_chair).",
    "source": "Source (id).",
    "meeting_seats.title": "The title the person sat under.",
    "meeting_seats.role": "Role at the meeting (chair, co_chair, participant, observer …).",
    "roles.role": "The post: coordinator, lead_shepherd, co_chair …",
    "offices.title": "Title of the office.",
    "record_sources.kind": "Kind of record: country, mechanism, asean_chair, meeting, person, office, "
                           "document, crime or role.",
    "record_sources.asean_chair": "ASEAN chair year, when the record is one.",
    "record_sources.office": "Office (id), when the record is one.",
    "record_sources.role": "Role (id), when the record is one.",
    "asean_chair.status": "held (the year has begun), confirmed (announced) or projected.",
    "chair_rule_from": "The first meeting day the body's chair rule covers.",
    "chair_rule_before": "The rule covers meetings before this day only.",
    "chair_rule_role": "The role (and body) whose holders co-chair it under its rule.",
    "chair_until_next_meeting": "1 when a chair holds the post from one meeting until the next.",
    "since": "The day the chair took over, when that fell during the year.",
    "derived": "The fields worked out from what the sources print, not printed in them (comma-separated).",
    "chair_by_rule": "0 when the record says the body's chair rule may not cover this meeting.",
    "held_in": "Where a meeting with no host on record met (country id).",
    "holders_unverified_from": "From this day the country's office holders are not followed in the pages read.",
    "holders_note": "Why its office holders are not verified from that day.",
    "document_parties.date": "The day the country ratified or acceded, where a source gives it.",
}


def metadata(raw: dict, database: str) -> dict:
    """The metadata document for a database named `database` (the file name without .db)."""
    info = raw["dataset"]
    described = {}
    for table, (description, label, facets) in TABLES.items():
        entry = {"description": description,
                 "columns": {c: COLUMNS.get(f"{table}.{c}", COLUMNS.get(c, "")) for c in tables.columns(table)}}
        if label:
            entry["label_column"] = label
        if facets:
            entry["facets"] = facets
        described[table] = entry
    return {
        "title": info.get("name", "asean-sec"),
        "description": f"{info.get('description', '').strip()} Data as of {info.get('as_of')}.".strip(),
        "license": DATA_LICENSE,
        "license_url": DATA_LICENSE_URL,
        "source": SOURCE,
        "databases": {database: {"tables": described}},
    }
