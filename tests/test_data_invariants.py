"""What must stay true of the shipped data whatever is added to it."""

import pytest

RECORD_SECTIONS = ("countries", "mechanisms", "asean_chair", "meetings", "people", "offices", "documents", "roles",
                   "crimes")


@pytest.fixture
def document(run_json):
    return run_json("export")


def test_ammtc_ordinals_run_from_1_without_a_gap(run_json):
    numbers = sorted(int(m["ordinal"]) for m in run_json("meetings", "-m", "ammtc") if m["ordinal"].isdigit())
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 20


@pytest.mark.parametrize("year", range(1995, 2031))
def test_every_year_from_1995_to_2030_has_an_asean_chair(run_json, year):
    answer = run_json("chair", str(year))
    assert answer and answer["country"], year
    assert answer["status"] in ("held", "confirmed", "projected"), answer


def test_every_record_cites_a_source_that_exists(document):
    known = {s["id"] for s in document["sources"]}
    for section in RECORD_SECTIONS:
        assert document[section], section
        for record in document[section]:
            label = f"{section}: {record.get('id') or record.get('year') or record}"
            assert record.get("sources"), label
            assert set(record["sources"]) <= known, (label, set(record["sources"]) - known)


def test_every_source_has_a_url_or_a_document(document):
    assert document["sources"]
    assert [s["id"] for s in document["sources"] if not (s.get("url") or s.get("document"))] == []


def test_the_seed_articles_are_sources(document):
    from asean_sec.questions.coverage import SEED_SOURCES

    assert SEED_SOURCES <= {s["id"] for s in document["sources"]}


def test_what_can_still_change_says_when_it_was_last_checked(document):
    """Chairs not yet held, meetings not yet held, offices without an end, posts still running."""
    from asean_sec.loading.validate import changeable

    as_of = document["dataset"]["as_of"]
    unverified = []
    for section in ("asean_chair", "meetings", "offices", "roles"):
        for record in document[section]:
            if changeable(section, record, int(as_of[:4])):
                if not record.get("last_verified") or record["last_verified"] > as_of:
                    unverified.append((section, record.get("id") or record.get("year") or record.get("person")))
    assert unverified == []
    scheduled = [m for m in document["meetings"] if m.get("status") == "scheduled"]
    assert {m["id"] for m in scheduled} >= {"ammtc-20", "aseanapol-44"}


def test_a_missing_or_future_check_date_is_caught(run, tmp_path):
    import shutil

    from asean_sec.loading.load import shipped_data_dir

    data = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), data)
    meetings = data / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    start = text.index("- id: ammtc-20\n")
    end = text.index("\n- id:", start + 1)
    record = text[start:end]
    assert "last_verified: '2026-11-23'" in record
    meetings.write_text(text[:start] + record.replace("  last_verified: '2026-11-23'\n", "") + text[end:],
                        encoding="utf-8")
    lenient, strict = run("validate", str(data)), run("validate", str(data), "--strict")
    assert lenient.exit_code == 0 and strict.exit_code == 3
    assert "meeting ammtc-20 can still change but has no last_verified date" in strict.stderr
    meetings.write_text(text[:start] + record.replace("last_verified: '2026-11-23'", "last_verified: '2027-01-01'")
                        + text[end:], encoding="utf-8")
    future = run("validate", str(data))
    assert future.exit_code == 3 and "last_verified 2027-01-01 is after the dataset's as_of" in future.stderr
