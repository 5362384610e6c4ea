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
    from asean_sec.coverage import SEED_SOURCES

    assert SEED_SOURCES <= {s["id"] for s in document["sources"]}
