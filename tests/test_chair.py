"""Who chairs ASEAN (and the bodies that follow it), answered from the shipped data."""

import json
from pathlib import Path


def test_next_year_is_confirmed_singapore_with_sources(run):
    result = run("chair", "next", "--format", "json")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert (answer["year"], answer["country"], answer["country_name"]) == (2027, "sg", "Singapore")
    assert answer["status"] == "confirmed"
    assert answer["sources"] and all(s.startswith("http") for s in answer["sources"])


def test_current_and_previous_follow_as_of(run_json):
    assert run_json("chair", "current")["country_name"] == "Philippines"
    assert run_json("chair", "previous")["country_name"] == "Malaysia"
    assert run_json("chair", "current", as_of="2024-12-31")["country_name"] == "Lao PDR"


def test_who_chaired_in_2024(run_json):
    answer = run_json("chair", "2024")
    assert (answer["country"], answer["status"], answer["basis"]) == ("la", "held", "rotation")


def test_exceptions_are_recorded_with_their_basis(run_json):
    assert (run_json("chair", "2006")["country"], run_json("chair", "2006")["basis"]) == ("ph", "stepped_in")
    assert (run_json("chair", "2011")["country"], run_json("chair", "2011")["basis"]) == ("id", "swap")
    assert (run_json("chair", "2013")["country"], run_json("chair", "2013")["basis"]) == ("bn", "swap")
    assert (run_json("chair", "2014")["country"], run_json("chair", "2016")["country"]) == ("mm", "la")
    year_2026 = run_json("chair", "2026")
    assert year_2026["country"] == "ph" and "Myanmar" in year_2026["note"]


def test_unconfirmed_future_years_are_projected_by_the_charter_rule(run_json):
    assert run_json("chair", "2028")["country_name"] == "Thailand"
    assert run_json("chair", "2028")["status"] == "projected"
    projected = run_json("chair", "2028")
    # the sources of the rule (Charter Art. 31) and of the year it counts from; none names 2028's chair
    assert any("asencharter" in ref or "mfaic" in ref for ref in projected["sources"])
    assert "no source confirms it" in projected["note"]
    assert (run_json("chair", "2029")["country"], run_json("chair", "2029")["status"]) == ("tl", "confirmed")
    assert run_json("chair", "2030")["country_name"] == "Viet Nam"


def test_every_year_2000_to_2030_has_a_chair(run_json):
    for year in range(2000, 2031):
        answer = run_json("chair", str(year))
        assert answer and answer["country"], year
        assert answer["status"] == ("held" if year <= 2026 else answer["status"])


def test_a_past_year_without_a_source_stays_unknown(run):
    result = run("chair", "1980", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout.strip() == "null"


def test_ammtc_follows_the_asean_chair_and_names_its_chair_person(run_json):
    answer = run_json("chair", "2024", "--mechanism", "AMMTC")
    assert (answer["country"], answer["person_name"]) == ("la", "Vilay Lakhamphong")
    future = run_json("chair", "2027", "--mechanism", "ammtc")
    assert (future["country"], future["status"]) == ("sg", "inferred")
    assert future["basis"].startswith("follows the ASEAN chair (a pattern")  # no source states the rule


def test_a_chair_is_never_inferred_from_an_unsourced_rule_for_a_past_year(run_json):
    """The AMMTC met in Yangon in 1999 and in Siem Reap in 2009: following the ASEAN chair (the
    Philippines, Thailand) would contradict the record. ASEANAPOL's host rule is sourced: its 2010 host
    (Cambodia, the 30th conference) is given, marked inferred."""
    for year, body in ((1997, "AMMTC"), (1999, "AMMTC"), (2009, "AMMTC+3")):
        answer = run_json("chair", str(year), "--mechanism", body)
        assert (answer["country"], answer["status"]) == (None, "unknown"), (year, body, answer)
    police = run_json("chair", "2010", "--mechanism", "ASEANAPOL")
    assert (police["country"], police["status"]) == ("kh", "inferred")
    siem_reap = run_json("chair", "2009", "--mechanism", "AMMTC")  # its chair on record, not Thailand's year
    assert (siem_reap["country"], siem_reap["status"]) == ("kh", "held")


def test_a_chair_from_a_rule_is_inferred_and_a_recorded_one_wins(run_json):
    admm = run_json("chair", "2027", "--mechanism", "ADMM")  # sourced rule, no 2027 record
    assert (admm["country"], admm["status"], admm["basis"]) == ("sg", "inferred", "follows the ASEAN chair")
    plus = run_json("chair", "2025", "--mechanism", "ADMM-Plus")  # its own meeting names the chair
    assert (plus["country"], plus["status"], plus["person"]) == ("my", "held", "mohamed-khaled-nordin")
    asod = run_json("chair", "2019", "--mechanism", "ASOD")  # the meeting's chair is itself inferred
    assert (asod["country"], asod["status"]) == ("kh", "inferred")


def test_plain_output_names_status_and_sources(run):
    result = run("chair", "2027", "--format", "plain")
    assert "Chair:    Singapore" in result.stdout and "Verified: 2026-12-07" in result.stdout
    assert "Status:   confirmed" in result.stdout
    assert "Sources:\n  [1] " in result.stdout and "\n      https://" in result.stdout  # title, then URL


def test_bad_year_is_a_usage_error(run):
    for bad in ("soon", "2024.5", "-1", "99999"):
        result = run("chair", bad)
        assert result.exit_code == 2, bad
        assert "Traceback" not in result.output


def test_status_is_relative_to_as_of(run_json):
    assert run_json("chair", "2025", as_of="2024-12-31")["status"] == "confirmed"
    assert run_json("chair", "2025", as_of="2025-01-01")["status"] == "held"
    # the AMMTC's 2025 chair is known from the 19th AMMTC's pages, all written in 2025: seen from 2024 it
    # is not 'confirmed' (no page of that time is on record) but 'later'
    assert run_json("chair", "2025", "-m", "ammtc", as_of="2024-12-31")["status"] == "later"
    assert run_json("chair", "2025", "-m", "ammtc", as_of="2026-12-07")["status"] == "held"


def test_a_chair_that_took_over_during_the_year_is_current_only_from_that_day(run_json):
    # Thailand took over from Singapore on 24 July 2008 (`since`), for a year and a half
    before = run_json("chair", "current", as_of="2008-03-01")
    assert (before["year"], before["country"]) == (2007, "sg")
    after = run_json("chair", "current", as_of="2008-07-24")
    assert (after["year"], after["country"], after["status"]) == (2008, "th", "held")
    assert run_json("chair", "current", as_of="2026-12-07")["year"] == 2026  # calendar years since the Charter


def test_a_years_chair_comes_from_its_numbered_meeting_with_a_stated_chair(run_json):
    """A year with several meetings of a body answers from one whose chair a source names, the
    numbered one first: the 57th AMM (Saleumxay Kommasith), not the informal consultation of
    December 2024 (no person named) nor a later meeting whose chair is only inferred."""
    answer = run_json("chair", "2024", "--mechanism", "AMM", as_of="2026-12-07")
    assert (answer["country"], answer["person_name"], answer["basis"]) == ("la", "Saleumxay Kommasith", "chair of AMM 57")
    for year, basis in (("2022", "chair of AMM 55"), ("2021", "chair of AMM 54")):
        answer = run_json("chair", year, "--mechanism", "AMM", as_of="2026-12-07")
        assert (answer["status"], answer["basis"]) == ("held", basis)
    assert run_json("chair", "2025", "--mechanism", "SOMTC", as_of="2026-12-07")["basis"] == "chair of SOMTC 25"


def test_a_past_years_chair_is_held_not_in_the_chair(run):
    past = run("chair", "previous", "--format", "plain", as_of="2026-12-07").stdout
    assert "Status:   held (that year is over)" in past
    current = run("chair", "current", "--format", "plain", as_of="2026-12-07").stdout
    assert "Status:   in the chair (its year has begun)" in current


def test_a_year_whose_chair_is_unknown_is_shown_and_exits_1(run):
    result = run("chair", "2016", "--mechanism", "AMMTC", "--format", "plain", as_of="2026-12-07")
    assert result.exit_code == 1
    assert "Chair:    not on record" in result.stdout and "Status:   unknown" in result.stdout
    assert "No record of the AMMTC chair for 2016." in result.stderr


def test_a_chair_held_from_one_conference_to_the_next_is_current_until_the_next_is_held(run_json):
    """ASEANAPOL's chief of police holds the chairmanship until the next conference: in December 2026,
    with the 44th not reported held, Thailand (chair of the 43rd) is in the chair; the year 2026 is the
    Philippines' (host of the 44th, inferred)."""
    current = run_json("chair", "current", "-m", "ASEANAPOL", as_of="2026-12-07")
    # the chairmanship stays with Thailand's police chief; Kittirat Phanphet, who chaired the 43rd, left office
    assert (current["country"], current["person"]) == ("th", None)
    assert "until ASEANAPOL 44 is held" in current["basis"] and "who chaired it, left office 2026-09" in current["basis"]
    assert current["last_verified"] is not None  # it waits on a meeting not reported held yet
    assert run_json("chair", "current", "-m", "ASEANAPOL", as_of="2026-06-01")["person"] == "kittirat-phanphet"
    assert run_json("chair", "2026", "-m", "ASEANAPOL", as_of="2026-12-07")["country"] == "ph"
    seen_then = run_json("chair", "current", "-m", "ASEANAPOL", as_of="2018-01-15")
    assert seen_then["country"] == "sg" and "until ASEANAPOL 38" in seen_then["basis"]
    # a body without the rule, and a year whose conference is held: the year's chair
    assert run_json("chair", "current", "-m", "ASEANAPOL", as_of="2025-12-01")["basis"] == "chair of ASEANAPOL 43"
    assert "until" not in run_json("chair", "current", "-m", "AMMTC", as_of="2026-12-07")["basis"]


def test_a_year_is_confirmed_only_from_the_day_a_source_naming_its_chair_was_published(run_json):
    """2027's record cites 2023 pages on the Philippines' swap (one names Myanmar for 2027) beside
    Singapore's announcement of 24 Sept 2025: only that announcement confirms Singapore."""
    assert run_json("chair", "2027", as_of="2024-06-01")["status"] == "later"
    assert run_json("chair", "2027", as_of="2025-09-23")["status"] == "later"
    assert run_json("chair", "2027", as_of="2025-09-24")["status"] == "confirmed"


def test_validate_refuses_a_confirming_source_not_among_the_sources(run, tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent.parent / "data", data)
    text = (data / "mechanisms.yaml").read_text(encoding="utf-8")
    text = text.replace("  confirmed_by:\n  - einpresswire-2025-09-sg-mfa-asean-day\n",
                        "  confirmed_by:\n  - no-such-source\n", 1)
    (data / "mechanisms.yaml").write_text(text, encoding="utf-8")
    result = run("--data-dir", str(data), "validate")
    assert result.exit_code != 0 and "confirmed_by names 'no-such-source'" in result.stderr + result.stdout


def test_a_year_without_a_conference_keeps_the_last_conferences_chair(run_json):
    """ASEANAPOL 39 (Viet Nam, 2019) and 40 (Cambodia, March 2022) are consecutive: no conference met in
    2020 or 2021, so Viet Nam kept the chair, inferred from the body's rule; the hand-over is dated at
    the conference, and the current chair between conferences is inferred too."""
    for year in ("2020", "2021"):
        answer = run_json("chair", year, "-m", "ASEANAPOL")
        assert (answer["country"], answer["status"]) == ("vn", "inferred"), year
        assert "until ASEANAPOL 40 (2022-03-01)" in answer["basis"]
    assert run_json("chair", "current", "-m", "ASEANAPOL", as_of="2026-12-07")["status"] == "inferred"
    handovers = [e for e in run_json("upcoming", "--days", "400", as_of="2021-06-01")
                 if e["kind"] == "chair_handover" and e["mechanism"] == "aseanapol"]
    assert [(e["date"], e["country"]) for e in handovers] == [("2022-03-01", "kh")]


def test_the_2008_hand_over_is_one_story_across_commands(run_json, run):
    """Thailand took the chair from Singapore on 24 July 2008: on 1 March 2008 Singapore is in the chair
    (not 'that year is over'), the brief says 2007's chair, the dossier does not count 2008 as chaired,
    the timeline dates the take-over, upcoming lists it and no 'hand-over' from Thailand to Thailand."""
    text = run("chair", "current", "--format", "plain", as_of="2008-03-01").stdout
    assert "Singapore" in text and "that year is over" not in text and "Hand-over days are on record" in text
    brief = run("brief", "ASEAN", "--format", "plain", as_of="2008-03-01").stdout
    assert "Chair 2007:" in brief and "Chair 2008:" in brief
    years = [r["year"] for r in run_json("country", "th", as_of="2008-03-01")["country"]["asean_chair_years"]]
    assert 2008 not in years
    timeline = run_json("timeline", "--since", "2008-07-01", "--until", "2008-08-31", as_of="2008-03-01")
    assert any(e["kind"] == "chair" and e["date"] == "2008-07-24" for e in timeline)
    handovers = [e for e in run_json("upcoming", "--days", "700", as_of="2008-03-01") if e["kind"] == "chair_handover"
                 and e["mechanism"] == "asean"]
    assert [(e["date"], e["country"]) for e in handovers] == [("2008-07-24", "th"), ("2010-01-01", "vn")]


def test_a_chair_taken_at_the_years_conference_is_to_come_before_it(run_json):
    """ASEANAPOL's 43rd conference (Thailand) met in November 2025: on 1 June 2025 Myanmar, chair of the
    42nd, is in the chair, and 2025's chair is not yet 'held'."""
    assert run_json("chair", "2025", "-m", "ASEANAPOL", as_of="2025-06-01")["status"] in ("confirmed", "later")
    brief = run_json("brief", "ASEANAPOL", as_of="2025-06-01")
    assert (brief["current_chair"]["country"], brief["next_chair"]["country"]) == ("mm", "th")


def test_a_years_chair_known_only_from_a_later_meeting_is_recorded_later(run_json, run):
    """Seen from 1 January 2017, the AMMTC's 2017 chair (Catalino Cuy, 11th AMMTC, September) and the
    brief's next meeting are hindsight; ADMM's chair on 1 March 2008 follows 2007's ASEAN chair."""
    assert run_json("chair", "current", "-m", "AMMTC", as_of="2017-01-01")["status"] == "later"
    brief = run_json("brief", "AMMTC", as_of="2017-01-01")
    assert brief["next_meeting_recorded_later"] is True
    assert "recorded later" in run("brief", "AMMTC", "--format", "plain", as_of="2017-01-01").stdout
    assert "held later" in run("meeting", "AMMTC", "11", "--format", "plain", as_of="2017-01-01").stdout
    admm = run_json("chair", "current", "-m", "ADMM", as_of="2008-03-01")
    assert (admm["year"], admm["country"]) == (2007, "sg")
    assert run_json("chair", "2008", "-m", "ADMM", as_of="2008-03-01")["status"] == "later"


def test_a_gap_in_the_series_gives_no_chair_held_over(run_json):
    """ASEANAPOL's 28th conference (2008) is not on record: on 1 October 2008 no chair is carried over
    from the 27th 'until the 29th'; seen from 2021, the 40th's day is marked as recorded later."""
    gap = run_json("chair", "current", "-m", "ASEANAPOL", as_of="2008-10-01")
    assert gap["country"] is None
    covid = run_json("chair", "current", "-m", "ASEANAPOL", as_of="2021-06-01")
    assert covid["country"] == "vn" and "recorded later" in covid["basis"] and covid["year"] == 2019
