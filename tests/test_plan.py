"""rotation (who chairs what, year by year) and upcoming (what comes next)."""

from __future__ import annotations

import csv
import io
import json

from rich.cells import cell_len

AS_OF = "2026-11-22"
CHAIR_FIELDS = {"year", "mechanism", "mechanism_name", "country", "country_name", "person", "person_name",
                "status", "basis", "note", "sources", "last_verified", "co_chairs"}


def test_rotation_json_has_one_row_per_year_and_body(run):
    result = run("rotation", "--format", "json", as_of=AS_OF)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    years = sorted({r["year"] for r in found})
    assert years == list(range(2023, 2031))
    bodies = list(dict.fromkeys(r["mechanism"] for r in found))
    assert bodies[0] == "asean" and len(bodies) >= 7
    assert len(found) == len(years) * len(bodies)
    assert all(set(r) == CHAIR_FIELDS for r in found)
    cell = {(r["year"], r["mechanism"]): r for r in found}
    assert cell[2027, "asean"]["country"] == "sg" and cell[2027, "asean"]["status"] == "confirmed"
    assert cell[2027, "ammtc"]["status"] == "inferred"  # follows the ASEAN chair, no AMMTC record
    assert cell[2028, "asean"]["status"] == "projected"
    assert cell[2026, "asean"]["status"] == "held" and cell[2026, "asean"]["sources"]
    assert {r["status"] for r in found} <= {"held", "confirmed", "projected", "inferred", "attested", "unknown"}


def test_rotation_grid_fits_80_columns_with_a_legend(run):
    result = run("rotation", "--format", "table", as_of=AS_OF, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    grid = [line for line in lines if not line.strip().startswith("http")]  # source URLs stay whole
    assert max(cell_len(line) for line in grid) <= 80, "\n".join(grid)
    text = result.stdout
    for year in range(2023, 2031):
        assert str(year) in text
    assert "SG c" in text and "TH p" in text and "h held" in text and "inferred" in text


def test_rotation_plain_and_csv(run):
    plain = run("rotation", "--format", "plain", as_of=AS_OF).stdout
    assert plain.splitlines()[0].split()[:3] == ["Year", "ASEAN", "AMMTC"]
    assert all(cell_len(line) <= 80 for line in plain.splitlines() if not line.startswith(("  [", "      ")))
    rows = list(csv.DictReader(io.StringIO(run("rotation", "--format", "csv", as_of=AS_OF).stdout)))
    assert set(rows[0]) == CHAIR_FIELDS and rows[0]["mechanism"] == "asean"


def test_rotation_options(run, run_json):
    found = run_json("rotation", "--from", "2015", "--to", "2017", "-m", "AMMTC", "-m", "ASEAN", as_of=AS_OF)
    assert [(r["year"], r["mechanism"]) for r in found] == [(y, m) for y in (2015, 2016, 2017)
                                                             for m in ("ammtc", "asean")]
    assert run("rotation", "--from", "2030", "--to", "2020").exit_code == 2
    assert run("rotation", "-m", "no-such-body").exit_code == 2


def test_upcoming_lists_the_2027_handover_and_scheduled_meetings(run, run_json):
    found = run_json("upcoming", as_of=AS_OF)
    handovers = [e for e in found if e["kind"] == "chair_handover" and e["mechanism"] == "asean"]
    assert [(e["date"], e["country"], e["status"]) for e in handovers] == [("2027-01-01", "sg", "confirmed")]
    assert handovers[0]["sources"]
    scheduled = {m["id"] for m in run_json("meetings", "--since", AS_OF, "--until", "2027-11-22", as_of=AS_OF)}
    assert scheduled and scheduled <= {e["record"] for e in found if e["kind"] == "meeting"}
    assert all(e["status"] for e in found)
    assert {"date", "end", "kind", "title", "record", "mechanism", "country", "status", "basis",
            "sources"} <= set(found[0])


def test_upcoming_is_in_date_order_and_bounded(run_json):
    found = run_json("upcoming", "--days", "1200", as_of=AS_OF)
    kinds = {e["kind"] for e in found}
    assert {"meeting", "chair_handover", "term_end"} <= kinds
    assert all(e["date"][:4] <= "2030" for e in found)
    short = run_json("upcoming", "--until", "2026-12-31", as_of=AS_OF)
    # no year begins before 2027; ASEANAPOL's chair passes at its 44th conference, due in 2026
    assert [e["mechanism"] for e in short if e["kind"] == "chair_handover"] == ["aseanapol"]


def test_upcoming_ics_parses(run):
    icalendar = __import__("pytest").importorskip("icalendar")
    result = run("upcoming", "--days", "1200", "--format", "ics", as_of=AS_OF)
    assert result.exit_code == 0
    calendar = icalendar.Calendar.from_ical(result.stdout)
    events = calendar.walk("VEVENT")
    assert any("ASEAN chair for 2027" in str(e["SUMMARY"]) for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_upcoming_usage_errors(run):
    assert run("upcoming", "--days", "5", "--until", "2027").exit_code == 2
    assert run("upcoming", "--until", "2020", as_of=AS_OF).exit_code == 2


def test_upcoming_from_a_past_day_marks_hindsight_and_skips_terms_not_begun(run_json):
    """Seen from 2017-01-01, the 30th Summit (April 2017) was held and Yasay's term ended (2017-03-08)
    only as later pages record; Tej Bunnag's term, begun 2008-07-26, is not 'ending' on 2008-03-01."""
    events = run_json("upcoming", as_of="2017-01-01")
    by_title = {e["title"]: e for e in events}
    summit = next(e for t, e in by_title.items() if t.startswith("ASEAN Summit 30"))
    assert summit["status"] == "later"
    actip = next(e for e in events if e["kind"] == "entry_into_force")
    assert actip["status"] == "later" and actip["date"] == "2017-03-08"
    earlier = run_json("upcoming", "--days", "250", as_of="2008-03-01")
    assert not any("Tej Bunnag" in e["title"] for e in earlier)


def test_upcoming_lists_a_term_end_known_to_the_year_when_its_year_overlaps_the_window(run_json):
    events = run_json("upcoming", as_of="2026-12-08")
    ends = [e for e in events if e["kind"] == "term_end" and e["date"] == "2027"]
    assert any("Maritime Security" in e["title"] and e["country"] == "jp" for e in ends)
    assert all(e["status"] == "scheduled" for e in ends)
