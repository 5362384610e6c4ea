"""`asean-sec coverage`: how complete the data is, answered from the shipped data."""

import csv
import io
import shutil

import pytest

from asean_sec.loading.load import shipped_data_dir

MECHANISM_FIELDS = ["mechanism", "mechanism_name", "name", "meetings", "held", "first_start", "last_start",
                    "ordinal_first", "ordinal_last", "ordinals_scheduled", "ordinals_are_years", "ordinal_gaps",
                    "gaps_explained", "other_ordinals", "without_chair", "without_chair_meetings",
                    "without_start_day", "without_start_day_meetings", "seed_sources_only",
                    "seed_sources_only_meetings", "chairs_stated", "chairs_inferred", "latest_meeting",
                    "latest_ordinal", "latest_start"]
SECTIONS = ["countries", "mechanisms", "asean_chair", "meetings", "people", "offices", "documents", "roles",
            "crimes", "sources"]


def by_body(rows):
    return {r["mechanism"]: r for r in rows}


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of the shipped data, to edit."""
    copy = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), copy)
    return copy


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_ammtc_runs_1_to_19_with_the_20th_scheduled_and_no_gap(run_json):
    [ammtc] = run_json("coverage", "--mechanism", "AMMTC")
    assert (ammtc["ordinal_first"], ammtc["ordinal_last"], ammtc["ordinals_scheduled"]) == (1, 19, [20])
    assert ammtc["ordinal_gaps"] == [] and ammtc["gaps_explained"] is None
    assert ammtc["other_ordinals"] == ["Special on Terrorism", "Emergency", "Special", "2nd Special"]
    assert ammtc["meetings"] == len(run_json("meetings", "-m", "ammtc")) == 24
    assert (ammtc["held"], ammtc["first_start"], ammtc["last_start"]) == (23, "1997-12-18", "2026")


def test_every_body_with_gaps_has_them_explained(run_json):
    rows = run_json("coverage")
    gapped = {r["mechanism"]: r["ordinal_gaps"] for r in rows if r["ordinal_gaps"]}
    assert gapped["somtc"] == [1, 2, 4, 5, 7, 8, 9, 12]
    assert gapped["ammd"] == [1, 2] and "ammtc-plus-3" not in gapped and "admm" not in gapped
    assert all(r["gaps_explained"] is True for r in rows if r["ordinal_gaps"])
    assert all(r["gaps_explained"] is None for r in rows if not r["ordinal_gaps"])
    totals = run_json("coverage", "--totals")
    assert totals["gaps_unexplained"] == [] and sorted(totals["gaps_explained"]) == sorted(gapped)


def test_a_series_numbered_by_year_is_not_checked_for_gaps(run_json):
    [review] = run_json("coverage", "-m", "kh-vn-security-cooperation")
    assert review["ordinals_are_years"] is True
    assert (review["ordinal_first"], review["ordinal_gaps"], review["gaps_explained"]) == (2024, [], None)


def test_every_body_is_listed_once_parents_before_children(run_json):
    rows = run_json("coverage")
    mechanisms = run_json("export")["mechanisms"]
    assert sorted(r["mechanism"] for r in rows) == sorted(m["id"] for m in mechanisms)
    order = [r["mechanism"] for r in rows]
    assert order[0] == "asean"
    assert all(order.index(m["parent"]) < order.index(m["id"]) for m in mechanisms if m.get("parent"))
    assert by_body(rows)["somtc-wg-cybercrime"]["meetings"] == 0


def test_meeting_counts_agree_with_the_meetings_command(run_json):
    meetings = run_json("meetings")
    rows = run_json("coverage")
    assert sum(r["meetings"] for r in rows) == len(meetings) >= 205
    for row in rows:
        mine = [m for m in meetings if m["mechanism"] == row["mechanism"]]
        assert row["meetings"] == len(mine), row["mechanism"]
        assert row["held"] == sum(m["status"] == "held" for m in mine)
        assert set(row["without_chair_meetings"]) == {
            m["id"] for m in mine if not m["chair_country"] and not m["co_chairs"]}
        assert set(row["without_start_day_meetings"]) == {m["id"] for m in mine if len(m["start"] or "") != 10}
        assert row["without_chair"] == len(row["without_chair_meetings"])
        assert row["without_start_day"] == len(row["without_start_day_meetings"])
        assert row["seed_sources_only"] == len(row["seed_sources_only_meetings"])


def test_chairless_and_dayless_meetings_named(run_json):
    rows = by_body(run_json("coverage"))
    assert "ammtc-1" in rows["ammtc"]["without_chair_meetings"]
    assert "ammtc-18" not in rows["ammtc"]["without_chair_meetings"]
    assert rows["ammtc"]["without_start_day_meetings"] == ["ammtc-6", "ammtc-12", "ammtc-20"]
    assert rows["admm-plus"]["without_chair"] == 0  # every ADMM-Plus has its chair on record


def test_totals_match_the_data(run_json):
    document = run_json("export")
    totals = run_json("coverage", "--totals")
    assert totals["as_of"] == document["dataset"]["as_of"] == "2026-12-08"
    assert {s: totals[f"records_{s}"] for s in SECTIONS} == {s: len(document[s]) for s in SECTIONS}
    rows = run_json("coverage")
    for field in ("held", "without_chair", "without_start_day", "seed_sources_only"):
        assert totals[field] == sum(r[field] for r in rows), field
    assert totals["mechanisms_without_meetings"] == [r["mechanism"] for r in rows if not r["meetings"]]


def test_asean_chair_years_first_last_and_missing(run_json):
    years = {c["year"] for c in run_json("export")["asean_chair"]}
    totals = run_json("coverage", "--totals")
    assert (totals["asean_chair_first"], totals["asean_chair_last"]) == (min(years), max(years)) == (1967, 2029)
    assert totals["asean_chair_missing"] == sorted(set(range(1967, 2030)) - years)
    assert totals["asean_chair_missing"][:5] == [1970, 1980, 1982, 1983, 1990]  # 1970: no record (see the 1969 and 1971 notes)
    assert totals["asean_chair_projected"] == [2028]  # after the last year held, the rotation answers


def test_seed_sources_only_counts_a_meeting_no_second_source_backs(run_json, data_copy):
    assert run_json("coverage", "--totals")["seed_sources_only"] == 0
    edit(data_copy / "meetings.yaml", "  - phnompenhpost-2024-01-kh-vn-security-pact\n"
                                      "  - vns-2024-01-mps-delegation-cambodia\n",
         "  - phnompenhpost-2024-01-kh-vn-security-pact\n")
    [review] = run_json("--data-dir", str(data_copy), "coverage", "-m", "kh-vn-security-cooperation")
    assert review["seed_sources_only_meetings"] == ["kh-vn-security-review-2024"]


def test_a_gap_without_a_note_is_unexplained_here_and_a_warning_in_validate(run, run_json, data_copy):
    edit(data_copy / "mechanisms.yaml", "    Ordinal gaps: the 1st and 2nd AMMD", "    The 1st and 2nd AMMD")
    [ammd] = run_json("--data-dir", str(data_copy), "coverage", "-m", "AMMD")
    assert (ammd["ordinal_gaps"], ammd["gaps_explained"]) == ([1, 2], False)
    assert run_json("--data-dir", str(data_copy), "coverage", "--totals")["gaps_unexplained"] == ["ammd"]
    validated = run("validate", str(data_copy))
    assert "ammd: no record for meeting number 1-2" in validated.stderr


def test_field_names_are_pinned_in_json_and_csv(run, run_json):
    assert all(list(row) == MECHANISM_FIELDS for row in run_json("coverage"))
    rows = list(csv.DictReader(io.StringIO(run("coverage", "--format", "csv").stdout)))
    assert list(rows[0]) == MECHANISM_FIELDS
    somtc = next(r for r in rows if r["mechanism"] == "somtc")
    assert (somtc["ordinal_first"], somtc["ordinal_gaps"], somtc["gaps_explained"]) == ("3", "; ".join(
        str(n) for n in [1, 2, 4, 5, 7, 8, 9, 12]), "yes")
    assert somtc["other_ordinals"] == "2002-05; Preparatory-2005; Preparatory-2009; Preparatory-2020; Preparatory-2022; Preparatory-2024; Preparatory-2025"


def test_markdown_is_a_table_with_the_totals_under_it(run):
    text = run("coverage", "--format", "markdown").stdout
    assert text.startswith("### Coverage of 81 bodies\n")
    assert ("| AMMTC | 24 | 1-19, 20 scheduled |  | Special on Terrorism; Emergency; Special; 2nd Special | 19 | 0 | 5 | 19 (2025-09-09) | 3 |\n"
            in text)
    assert "| SOMTC | 24 | 3-25 | 1-2, 4-5, 7-9, 12 (explained) | 2002-05; Preparatory-2005; Preparatory-2009; Preparatory-2020; Preparatory-2022; Preparatory-2024; Preparatory-2025 |" in text
    assert "Seed only" not in text  # 0 for every body: no column
    assert "Data as of 2026-12-08." in text
    import re

    counts = re.search(r"Records: 24 countries, 81 mechanisms, (\d+) ASEAN chair years, (\d+) meetings", text)
    assert counts and int(counts.group(1)) >= 49 and int(counts.group(2)) >= 205
    assert "not recorded: 1970, 1980, 1982-1983, 1990, 2028 (2028 projected by rotation)" in text
    assert "Unexplained ordinal gaps: none." in text
    assert "Sources" not in text  # coverage describes the data; it cites nothing


def test_plain_totals_record(run):
    text = run("coverage", "--totals", "--format", "plain").stdout
    assert "As of:" in text and "2026-12-08" in text
    assert "Chair years missing:" in text and "1980, 1982-1983, 1990, 2028" in text


def test_mechanism_filter(run, run_json):
    rows = run_json("coverage", "-m", "ammtc+3", "-m", "SOMTC", "-m", "somtc")
    assert [r["mechanism"] for r in rows] == ["somtc", "ammtc-plus-3"]  # tree order, once each
    plain = run("coverage", "-m", "AMMTC", "--format", "plain").stdout
    assert "Data as of 2026-12-08." in plain and "Records:" not in plain
    unknown = run("coverage", "-m", "Atlantis")
    assert unknown.exit_code == 2 and "unknown mechanism" in unknown.stderr
    assert run("coverage", "--totals", "-m", "AMMTC").exit_code == 2


def test_table_and_colour(run):
    table = run("coverage", "--format", "table").stdout
    assert "Coverage of 81 bodies" in table and "AMMTC+China" in table and "\x1b[" not in table
    assert "\x1b[" in run("coverage", "--format", "table", "--color", "always").stdout
