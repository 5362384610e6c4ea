"""Whole-dataset exports: SQLite for Datasette and sqlite-utils, CSV tables, JSON."""

import csv
import json
import sqlite3


def test_sqlite_has_keys_foreign_keys_and_full_text(run, tmp_path):
    target = tmp_path / "asean.db"
    assert run("export", "--format", "sqlite", str(target)).exit_code == 0
    db = sqlite3.connect(target)
    tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
    assert {"countries", "mechanisms", "asean_chair", "meetings", "meeting_seats", "people", "offices",
            "documents", "roles", "crimes", "sources", "record_sources", "meetings_fts"} <= tables
    keys = {r[1]: r[5] for r in db.execute("pragma table_info(meetings)")}
    assert keys["id"] == 1
    references = {(r[3], r[2]) for r in db.execute("pragma foreign_key_list(meetings)")}
    assert ("host", "countries") in references and ("mechanism", "mechanisms") in references
    host = db.execute("select c.name from meetings m join countries c on c.id = m.host "
                      "where m.id = 'ammtc-17'").fetchone()[0]
    assert host == "Indonesia"
    hits = [r[0] for r in db.execute("select m.id from meetings_fts f join meetings m on m.rowid = f.rowid "
                                     "where meetings_fts match 'Labuan'")]
    assert "ammtc-17" in hits
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_csv_export_writes_one_table_a_file(run, tmp_path):
    target = tmp_path / "tables"
    assert run("export", "--format", "csv", str(target)).exit_code == 0
    with open(target / "asean_chair.csv", newline="", encoding="utf-8") as handle:
        rows = {int(r["year"]): r["country"] for r in csv.DictReader(handle)}
    assert rows[2024] == "la" and rows[2027] == "sg"


def test_json_export_to_a_file(run, tmp_path):
    target = tmp_path / "all.json"
    assert run("export", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["dataset"]["name"]


def test_files_export_needs_an_output_path(run):
    assert run("export", "--format", "sqlite").exit_code == 2


def test_sqlite_export_writes_datasette_metadata_and_links_sources(run, tmp_path):
    target = tmp_path / "asean.db"
    assert run("export", "--format", "sqlite", str(target)).exit_code == 0
    metadata = json.loads((tmp_path / "asean.metadata.json").read_text(encoding="utf-8"))
    assert metadata["license"] == "CC BY 4.0" and metadata["license_url"] and metadata["source"]
    db = sqlite3.connect(target)
    tables = metadata["databases"]["asean"]["tables"]
    for table, entry in tables.items():
        columns = [r[1] for r in db.execute(f'pragma table_info("{table}")')]
        assert entry["description"] and set(entry["columns"]) == set(columns), table
        assert all(entry["columns"].values()), table
    references = {r[3]: r[2] for r in db.execute("pragma foreign_key_list(record_sources)")}
    assert references["meeting"] == "meetings" and references["source"] == "sources"
    assert references["office"] == "offices" and references["role"] == "roles"
    linked = db.execute("select count(*) from record_sources where meeting = 'ammtc-17'").fetchone()[0]
    assert linked and db.execute("pragma foreign_key_check").fetchall() == []
    hits = [r[0] for r in db.execute("select m.id from meetings_fts f join meetings m on m.rowid = f.rowid "
                                     "where meetings_fts match 'scam'")]
    assert "ammtc-18" in hits  # found through what it adopted


def test_sqlite_export_keeps_an_existing_metadata_file(run, tmp_path):
    (tmp_path / "asean.metadata.json").write_text("{}", encoding="utf-8")
    assert run("export", "--format", "sqlite", str(tmp_path / "asean.db")).exit_code == 4
    assert not (tmp_path / "asean.db").exists()
    assert run("export", "--format", "sqlite", str(tmp_path / "asean.db"), "--force").exit_code == 0


def test_every_export_carries_inferred_chairs_marked_as_such(run, run_json, tmp_path):
    """A chair inferred from the body's sourced rule is in the JSON, CSV and SQLite exports as in
    `meetings --format json`: the country, with chair_basis "rule"; a chair a source names is "stated"."""
    answered = {m["id"]: (m["chair_country"], m["chair_basis"]) for m in run_json("meetings") if m["chair_country"]}
    inferred = {k for k, (_, basis) in answered.items() if basis == "rule"}
    assert len(inferred) >= 15
    exported = {m["id"]: m for m in run_json("export")["meetings"]}
    for meeting_id, (country, basis) in answered.items():
        assert exported[meeting_id]["chair"]["country"] == country
        assert exported[meeting_id]["chair_basis"] == basis
    assert all(exported[m]["chair"] == {"country": answered[m][0]} for m in inferred)
    assert not any(m.get("chair") for m in exported.values() if m["id"] not in answered)
    target = tmp_path / "tables"
    assert run("export", "--format", "csv", str(target)).exit_code == 0
    with open(target / "meetings.csv", newline="", encoding="utf-8") as handle:
        table = {r["id"]: (r["chair_country"], r["chair_basis"]) for r in csv.DictReader(handle) if r["chair_country"]}
    assert table == answered
    database = tmp_path / "asean.db"
    assert run("export", "--format", "sqlite", str(database)).exit_code == 0
    rows = sqlite3.connect(database).execute("select id, chair_country, chair_basis from meetings "
                                             "where chair_country is not null").fetchall()
    assert {r[0]: (r[1], r[2]) for r in rows} == answered


def test_a_second_sqlite_export_names_the_database_it_will_not_overwrite(run, tmp_path):
    target = tmp_path / "asean.db"
    assert run("export", "--format", "sqlite", str(target)).exit_code == 0
    again = run("export", "--format", "sqlite", str(target))
    assert again.exit_code == 4 and "asean.db" in again.output and "metadata" not in again.output


# a YAML field kept as rows of its own table, not as a column
_LINKED = {("countries", "aliases"): "country_aliases", ("mechanisms", "aliases"): "mechanism_aliases",
           ("mechanisms", "partners"): "mechanism_partners", ("mechanisms", "chair_rule_sources"): "mechanism_rule_sources",
           ("asean_chair", "confirmed_by"): "asean_chair_confirmed_by", ("people", "aliases"): "person_aliases",
           ("documents", "aliases"): "document_aliases", ("documents", "parties"): "document_parties",
           ("documents", "party_dates"): "document_parties", ("meetings", "outcomes"): "meeting_outcomes",
           ("meetings", "chair"): "meeting_seats", ("meetings", "co_chairs"): "meeting_seats",
           ("meetings", "participants"): "meeting_seats"}


def test_the_tables_keep_every_field_of_the_yaml(run, tmp_path):
    """'The whole dataset': each field a record may carry is a column of its table or a table of its own."""
    from asean_sec.loading import load
    from asean_sec.output import tables

    raw = load.load(use_cache=False).raw
    missing = []
    for section, records in raw.items():
        if section not in tables.SCHEMA:
            continue
        columns = set(tables.columns(section))
        for key in sorted({k for r in records for k in r} - {"sources"}):
            if key not in columns and (section, key) not in _LINKED:
                missing.append(f"{section}.{key}")
    assert not missing
    result = run("export", "--format", "csv", str(tmp_path / "csv"))
    assert result.exit_code == 0
    with open(tmp_path / "csv" / "document_parties.csv", encoding="utf-8") as f:
        parties = {(r["document"], r["country"]): r["date"] for r in csv.DictReader(f)}
    assert parties[("actip-2015", "th")] == "2016-07-24"
