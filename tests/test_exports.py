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
