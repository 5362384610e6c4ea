"""Meetings by body, country role and date, answered from the shipped data."""

import json


def ids(run_json, *args):
    return [m["id"] for m in run_json("meetings", *args)]


def test_the_17th_ammtc(run_json):
    [meeting] = run_json("meetings", "--mechanism", "AMMTC", "--year", "2023")
    assert meeting["ordinal"] == "17"
    assert (meeting["city"], meeting["host"], meeting["start"]) == ("Labuan Bajo", "id", "2023-08-21")
    assert meeting["chair_person_name"] == "Listyo Sigit Prabowo"
    titles = [o["title"] for o in meeting["outcomes"]]
    assert "ASEAN Declaration on Combating Arms Smuggling" in titles
    cambodia = [p for p in meeting["participants"] if p["country"] == "kh"]
    assert cambodia[0]["person_name"] == "Sok Phal"


def test_the_18th_ammtc_chair_and_vietnamese_delegation(run_json):
    [meeting] = run_json("meetings", "-m", "ammtc", "--hosted-by", "Laos", "--year", "2024")
    assert meeting["id"] == "ammtc-18"
    assert meeting["chair_person_name"] == "Vilay Lakhamphong"
    heads = {p["country"]: p["person_name"] for p in meeting["participants"] if p["role"] == "head_of_delegation"}
    assert heads["vn"] == "Luong Tam Quang"


def test_viet_nam_vietnam_and_vn_give_the_same_answer(run_json):
    answers = [ids(run_json, "--led-by", name) for name in ("Viet Nam", "vietnam", "VN", "VNM", "việt nam")]
    assert answers[0] and all(a == answers[0] for a in answers)
    assert "ammtc-14" in answers[0]


def test_led_by_includes_co_chairs_but_chaired_by_does_not(run_json):
    led = ids(run_json, "--led-by", "vn")
    chaired = ids(run_json, "--chaired-by", "vn")
    assert "kh-vn-security-review-2024" in led and "kh-vn-security-review-2024" not in chaired
    assert set(chaired) < set(led)


def test_meetings_lao_pdr_chaired(run_json):
    chaired = ids(run_json, "--chaired-by", "Lao PDR", "--mechanism", "AMMTC")
    assert chaired == ["ammtc-9", "ammtc-18"]


def test_attended_by_counts_delegations_and_all_member_meetings(run_json):
    attended = ids(run_json, "--attended-by", "Cambodia", "--year", "2023")
    assert "ammtc-17" in attended and "ammtc-plus-3-13" in attended


def test_date_filters(run_json):
    found = run_json("meetings", "-m", "ammtc", "--since", "2020", "--until", "2021-12-31")
    assert [m["ordinal"] for m in found] == ["14", "15"]


def test_ammtc_ordinals_run_without_a_gap(run_json):
    numbered = sorted(int(m["ordinal"]) for m in run_json("meetings", "-m", "ammtc") if m["ordinal"].isdigit())
    assert numbered == list(range(1, numbered[-1] + 1)) and numbered[-1] >= 19


def test_nothing_matched_exits_1_with_valid_json(run):
    result = run("meetings", "--hosted-by", "Timor-Leste", "--year", "2000", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_unknown_country_suggests_close_names(run):
    result = run("meetings", "--led-by", "Vietnem")
    assert result.exit_code == 2
    assert "unknown country 'Vietnem'" in result.stderr
    assert "Vietnam" in result.stderr or "Viet Nam" in result.stderr
    assert "Traceback" not in result.output


def test_plain_output_has_no_escape_codes(run):
    result = run("meetings", "--led-by", "Viet Nam", "--format", "plain", "--color", "always")
    assert "\x1b[" not in result.stdout
    assert result.stdout.splitlines()[0].startswith("Date")


def test_csv_has_a_header_and_joined_lists(run):
    result = run("meetings", "-m", "ammtc", "--year", "2024", "--format", "csv")
    header, row = result.stdout.splitlines()[:2]
    assert header.startswith("id,mechanism,mechanism_name,ordinal,status,start,end,city")
    assert "ammtc-18" in row and "; " in row


def test_two_terms_of_one_post_are_each_seen_at_the_meetings_within_them(run_json):
    """Nakatani Gen was Japan's defence minister twice: the ADMM-Plus of 2015 attests the first
    term, that of 2024 the second, not both of them each."""
    terms = [o for o in run_json("person", "Nakatani Gen")["offices"] if o["title"] == "Minister of Defense"]
    assert [(o["start"], o["attested_first"], o["attested_last"]) for o in terms] == [
        ("2014-12-24", "2015-11-04", "2015-11-04"), ("2024-10-01", "2024-11-21", "2024-11-21")]


def test_a_meeting_whose_chair_is_inferred_points_to_the_rules_sources(run):
    """The rule's sources are listed with the meeting's own: the chair line says which they are."""
    text = run("meeting", "AMM 56", "--format", "plain").stdout
    line = next(line for line in text.splitlines() if line.startswith("Chair:"))
    assert "Indonesia (inferred)" in line and "follows from the body's sourced rule (sources 3-6)" in line
    assert "[3] 34th ASEAN Ministerial Meeting closes" in text


def test_hosted_by_finds_a_meeting_with_no_host_where_it_met(run_json, run):
    """The ARF DOD of 2023 met in Dili, co-chaired by Timor-Leste and Indonesia; no host is on record."""
    found = {m["id"]: m for m in run_json("meetings", "--hosted-by", "Timor-Leste")}
    assert {"arf-dod-2023", "arf-isg-2023-05"} <= set(found)
    assert found["arf-dod-2023"]["host"] is None and found["arf-dod-2023"]["held_in"] == "tl"
    assert "asean-leaders-meeting-2021-04" in {m["id"] for m in run_json("meetings", "--hosted-by", "id", "--year", "2021")}
    assert "Dili, Timor-Leste" in run("meeting", "arf-dod-2023", "--format", "plain").stdout


def test_the_dossier_counts_a_meeting_that_met_in_the_country_with_no_host(run_json):
    found = {m["id"]: m for m in run_json("country", "tl")["meetings"]}
    assert found["arf-dod-2023"]["roles"] == ["held there", "co-chair"]


def test_a_meeting_with_one_co_chair_on_record_says_so(run, run_json):
    """The 13th ARF ISM on CTTC: Thailand co-chaired it (CRI's Thai service); the other co-chair is not named."""
    [meeting] = [m for m in run_json("meetings", "-m", "arf-ism-cttc") if m["id"] == "arf-ism-cttc-13"]
    assert meeting["chair_country"] is None and [s["country"] for s in meeting["co_chairs"]] == ["th"]
    text = run("meeting", "arf-ism-cttc-13", "--format", "plain", "--no-cite").stdout
    assert "Thailand (co-chair; the other not on record)" in text


def test_a_meeting_numbered_by_its_kind_and_date_reads_as_written(run):
    """'AMM Retreat 2020-01', not 'AMM retreat-2020-01'; the JSON ordinal stays as recorded."""
    text = run("meetings", "-m", "AMM", "--year", "2020", "--format", "plain", "--no-cite").stdout
    assert "AMM Retreat 2020-01" in text and "retreat-2020-01" not in text
    assert run("meeting", "AMM Pre-summit 2024-10", "--format", "plain").exit_code == 0
