"""The dataset as flat relational tables: the shape of the SQLite and CSV exports.

Each table is (columns, rows); nested lists become link tables; every record's sources are
rows of `record_sources`. Foreign keys name the table they point at.
"""

from __future__ import annotations

# table -> list of (column, SQL type, reference "table(column)" or None); the first column of a
# table without a reference marked "pk" is its primary key.
SCHEMA: dict[str, list[tuple[str, str, str | None]]] = {
    "sources": [("id", "TEXT pk", None), ("url", "TEXT", None), ("document", "TEXT", None),
                ("title", "TEXT", None), ("publisher", "TEXT", None), ("published", "TEXT", None),
                ("accessed", "TEXT", None), ("quote", "TEXT", None), ("note", "TEXT", None)],
    "countries": [("id", "TEXT pk", None), ("name", "TEXT", None), ("official_name", "TEXT", None),
                  ("iso2", "TEXT", None), ("iso3", "TEXT", None), ("asean_member_since", "TEXT", None),
                  ("asean_observer_since", "TEXT", None), ("note", "TEXT", None),
                  ("asean_dialogue_partner_since", "TEXT", None), ("holders_unverified_from", "TEXT", None),
                  ("holders_note", "TEXT", None)],
    "country_aliases": [("country", "TEXT", "countries(id)"), ("alias", "TEXT", None)],
    "mechanisms": [("id", "TEXT pk", None), ("acronym", "TEXT", None), ("name", "TEXT", None),
                   ("kind", "TEXT", None), ("parent", "TEXT", "mechanisms(id)"), ("founded", "TEXT", None),
                   ("founding_document", "TEXT", "documents(id)"), ("chair_rule", "TEXT", None),
                   ("chair_note", "TEXT", None), ("description", "TEXT", None), ("note", "TEXT", None),
                   ("chair_rule_from", "TEXT", None), ("chair_rule_before", "TEXT", None),
                   ("chair_rule_role", "TEXT", None), ("chair_until_next_meeting", "INTEGER", None)],
    "mechanism_partners": [("mechanism", "TEXT", "mechanisms(id)"), ("country", "TEXT", "countries(id)")],
    "mechanism_aliases": [("mechanism", "TEXT", "mechanisms(id)"), ("alias", "TEXT", None)],
    "mechanism_rule_sources": [("mechanism", "TEXT", "mechanisms(id)"), ("source", "TEXT", "sources(id)")],
    "asean_chair": [("year", "INTEGER pk", None), ("country", "TEXT", "countries(id)"), ("status", "TEXT", None),
                    ("basis", "TEXT", None), ("note", "TEXT", None), ("last_verified", "TEXT", None),
                    ("since", "TEXT", None)],
    "asean_chair_confirmed_by": [("year", "INTEGER", "asean_chair(year)"), ("source", "TEXT", "sources(id)")],
    "meetings": [("id", "TEXT pk", None), ("mechanism", "TEXT", "mechanisms(id)"), ("ordinal", "TEXT", None),
                 ("status", "TEXT", None), ("start", "TEXT", None), ("end", "TEXT", None), ("city", "TEXT", None),
                 ("venue", "TEXT", None), ("host", "TEXT", "countries(id)"),
                 ("chair_country", "TEXT", "countries(id)"), ("chair_person", "TEXT", "people(id)"),
                 ("format", "TEXT", None), ("parent", "TEXT", "meetings(id)"), ("theme", "TEXT", None),
                 ("all_members_attended", "INTEGER", None), ("note", "TEXT", None), ("adopted", "TEXT", None),
                 ("chair_basis", "TEXT", None), ("last_verified", "TEXT", None), ("derived", "TEXT", None),
                 ("chair_by_rule", "INTEGER", None), ("held_in", "TEXT", "countries(id)")],
    "meeting_seats": [("meeting", "TEXT", "meetings(id)"), ("seat", "TEXT", None),
                      ("country", "TEXT", "countries(id)"), ("person", "TEXT", "people(id)"),
                      ("title", "TEXT", None), ("role", "TEXT", None)],
    "meeting_outcomes": [("meeting", "TEXT", "meetings(id)"), ("document", "TEXT", "documents(id)")],
    "people": [("id", "TEXT pk", None), ("name", "TEXT", None), ("native_name", "TEXT", None),
               ("country", "TEXT", "countries(id)"), ("note", "TEXT", None)],
    "person_aliases": [("person", "TEXT", "people(id)"), ("alias", "TEXT", None)],
    "offices": [("person", "TEXT", "people(id)"), ("title", "TEXT", None), ("organization", "TEXT", None),
                ("country", "TEXT", "countries(id)"), ("start", "TEXT", None), ("end", "TEXT", None),
                ("note", "TEXT", None), ("last_verified", "TEXT", None), ("id", "INTEGER pk", None),
                ("derived", "TEXT", None)],
    "documents": [("id", "TEXT pk", None), ("title", "TEXT", None), ("type", "TEXT", None), ("date", "TEXT", None),
                  ("place", "TEXT", None), ("meeting", "TEXT", "meetings(id)"),
                  ("mechanism", "TEXT", "mechanisms(id)"), ("status", "TEXT", None), ("in_force", "TEXT", None),
                  ("note", "TEXT", None), ("derived", "TEXT", None)],
    "document_parties": [("document", "TEXT", "documents(id)"), ("country", "TEXT", "countries(id)"),
                         ("date", "TEXT", None)],
    "document_aliases": [("document", "TEXT", "documents(id)"), ("alias", "TEXT", None)],
    "crimes": [("id", "TEXT pk", None), ("name", "TEXT", None), ("note", "TEXT", None)],
    "roles": [("country", "TEXT", "countries(id)"), ("role", "TEXT", None), ("subject", "TEXT", None),
              ("partner", "TEXT", "countries(id)"), ("crime", "TEXT", "crimes(id)"),
              ("mechanism", "TEXT", "mechanisms(id)"), ("start", "TEXT", None), ("end", "TEXT", None),
              ("note", "TEXT", None), ("id", "INTEGER pk", None), ("last_verified", "TEXT", None)],
    # `kind` and `record` name any record; the column named for its kind links it (one per row)
    "record_sources": [("kind", "TEXT", None), ("record", "TEXT", None), ("source", "TEXT", "sources(id)"),
                       ("country", "TEXT", "countries(id)"), ("mechanism", "TEXT", "mechanisms(id)"),
                       ("asean_chair", "INTEGER", "asean_chair(year)"), ("meeting", "TEXT", "meetings(id)"),
                       ("person", "TEXT", "people(id)"), ("office", "INTEGER", "offices(id)"),
                       ("document", "TEXT", "documents(id)"), ("crime", "TEXT", "crimes(id)"),
                       ("role", "INTEGER", "roles(id)")],
}

# table -> text columns indexed for full-text search
FULL_TEXT = {
    "meetings": ("id", "city", "theme", "note", "adopted"),
    "documents": ("title", "place", "note"),
    "people": ("name", "native_name", "note"),
    "sources": ("title", "publisher", "quote"),
}


def _pick(record: dict, table: str) -> tuple:
    return tuple(_plain(record.get(column)) for column, _, _ in SCHEMA[table])


def _plain(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):  # `derived`: the names of the fields worked out, comma-separated
        return ", ".join(map(str, value)) or None
    if isinstance(value, dict):  # `chair_rule_role`: 'role of mechanism'
        return " of ".join(str(v) for v in value.values())
    return value


def build(raw) -> dict[str, list[tuple]]:
    """Rows for every table in SCHEMA, from the dataset's raw sections."""
    out: dict[str, list[tuple]] = {table: [] for table in SCHEMA}
    cite = out["record_sources"]

    links = [column for column, _, reference in SCHEMA["record_sources"][3:]]

    def cited(kind, record_id, record):
        link = tuple(record_id if column == kind else None for column in links)
        cite.extend((kind, str(record_id), s) + link for s in record.get("sources", ()))

    raw_documents = {r["id"]: r for r in raw["documents"]}
    out["sources"] = [_pick(r, "sources") for r in raw["sources"]]
    for r in raw["countries"]:
        out["countries"].append(_pick(r, "countries"))
        out["country_aliases"] += [(r["id"], a) for a in r.get("aliases", ())]
        cited("country", r["id"], r)
    for r in raw["mechanisms"]:
        out["mechanisms"].append(_pick(r, "mechanisms"))
        out["mechanism_partners"] += [(r["id"], c) for c in r.get("partners", ())]
        out["mechanism_aliases"] += [(r["id"], a) for a in r.get("aliases", ())]
        out["mechanism_rule_sources"] += [(r["id"], s) for s in r.get("chair_rule_sources", ())]
        cited("mechanism", r["id"], r)
    for r in raw["asean_chair"]:
        out["asean_chair"].append(_pick(r, "asean_chair"))
        out["asean_chair_confirmed_by"] += [(r["year"], s) for s in r.get("confirmed_by", ())]
        cited("asean_chair", r["year"], r)
    for r in raw["meetings"]:
        chair = r.get("chair") or {}
        adopted = [raw_documents[d].get("title", d) if d in raw_documents else d for d in r.get("outcomes", ())]
        flat = {**r, "ordinal": str(r["ordinal"]), "chair_country": chair.get("country"),
                "chair_person": chair.get("person"), "status": r.get("status", "held"),
                "adopted": "; ".join(adopted) or None}
        out["meetings"].append(_pick(flat, "meetings"))
        seats = ([("chair", chair)] if chair else []) + [("co_chair", s) for s in r.get("co_chairs", ())]
        seats += [("participant", p) for p in r.get("participants", ())]
        for seat, s in seats:
            out["meeting_seats"].append((r["id"], seat, s.get("country"), s.get("person"), s.get("title"),
                                         s.get("role", seat)))
        out["meeting_outcomes"] += [(r["id"], d) for d in r.get("outcomes", ())]
        cited("meeting", r["id"], r)
    for r in raw["people"]:
        out["people"].append(_pick(r, "people"))
        out["person_aliases"] += [(r["id"], a) for a in r.get("aliases", ())]
        cited("person", r["id"], r)
    for i, r in enumerate(raw["offices"]):
        out["offices"].append(_pick({**r, "id": i + 1}, "offices"))
        cited("office", i + 1, r)
    for r in raw["documents"]:
        out["documents"].append(_pick(r, "documents"))
        joined = {d["country"]: str(d["date"]) for d in r.get("party_dates", ())}
        out["document_parties"] += [(r["id"], c, joined.get(c)) for c in r.get("parties", ())]
        out["document_aliases"] += [(r["id"], a) for a in r.get("aliases", ())]
        cited("document", r["id"], r)
    for r in raw["crimes"]:
        out["crimes"].append(_pick(r, "crimes"))
        cited("crime", r["id"], r)
    for i, r in enumerate(raw["roles"]):
        out["roles"].append(_pick({**r, "id": i + 1}, "roles"))
        cited("role", i + 1, r)
    return out


def columns(table: str) -> list[str]:
    return [column for column, _, _ in SCHEMA[table]]
