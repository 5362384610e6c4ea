"""Briefings and profiles: brief, country, person, timeline, search, mechanisms, crimes, documents,
answered from the shipped data."""

import csv
import io
import json

import pytest

COMMANDS = [
    ("brief", "AMMTC"),
    ("country", "Viet Nam"),
    ("person", "Luong Tam Quang"),
    ("timeline", "--mechanism", "AMMTC", "--since", "2023"),
    ("search", "scam"),
    ("mechanisms",),
    ("crimes",),
    ("documents", "--mechanism", "AMMTC"),
]


# --- brief ---------------------------------------------------------------------------------

def test_ammtc_brief_at_the_end_of_2024_names_the_18th_meeting_and_its_host(run_json, run):
    brief = run_json("brief", "AMMTC", as_of="2024-12-31")
    last = brief["last_meeting"]
    assert (last["id"], last["ordinal"], last["city"], last["host_name"]) == ("ammtc-18", "18", "Vientiane", "Lao PDR")
    assert last["chair_person_name"] == "Vilay Lakhamphong"
    assert "Vientiane Declaration on Enhancing Law Enforcement Cooperation against Online Job Scams" in [
        o["title"] for o in last["outcomes"]]
    assert (brief["current_chair"]["country"], brief["current_chair"]["status"]) == ("la", "held")
    assert (brief["next_chair"]["country"], brief["next_chair"]["status"]) == ("my", "later")  # 2025 pages
    assert brief["next_meeting"]["id"] == "ammtc-19"
    text = run("brief", "AMMTC", "--format", "plain", as_of="2024-12-31").stdout
    assert "Last meeting:" in text and "AMMTC 18, 2024-08-28/29, Vientiane, Lao PDR" in text


def test_ammtc_brief_today_has_the_19th_as_last_and_the_scheduled_20th_as_next(run_json):
    brief = run_json("brief", "ammtc")
    assert brief["last_meeting"]["id"] == "ammtc-19"
    assert brief["last_meeting"]["chair_person_name"] == "Saifuddin Nasution Ismail"
    assert (brief["next_meeting"]["id"], brief["next_meeting"]["status"]) == ("ammtc-20", "scheduled")
    assert brief["current_chair"]["country_name"] == "Philippines"
    assert brief["next_chair"]["country_name"] == "Singapore"


def test_brief_structure_founding_parent_subsidiaries_partners_priorities(run_json):
    brief = run_json("brief", "AMMTC")
    assert (brief["founded"], brief["founding_document"]) == ("1997", "asean-declaration-on-transnational-crime-1997")
    assert brief["parent"] == "apsc" and brief["chair_rule"] == "follows_asean_chair"
    assert [s["id"] for s in brief["subsidiaries"]] == ["somtc"]
    formats = {p["acronym"]: p["partner_names"] for p in brief["partner_formats"]}
    assert formats["AMMTC+3"] == ["China", "Japan", "Republic of Korea"]
    areas = {a["id"]: [lead["country"] for lead in a["leads"]] for a in brief["priority_areas"]}
    assert len(areas) == 10 and areas["cybercrime"] == ["sg", "sg"] and areas["sea-piracy"] == ["my"]
    assert brief["sources"] and all(isinstance(s, str) for s in brief["sources"])


def test_brief_expects_the_next_consultation_from_the_chair_rule(run_json):
    """AMMTC+3 follows the AMMTC by a pattern no source states: applied to a year to come (2026, seen
    from the end of 2025), not to the year under way."""
    brief = run_json("brief", "AMMTC+3", as_of="2025-12-31")
    assert brief["next_meeting"] is None
    expected = brief["expected_meeting"]
    assert (expected["ordinal"], expected["year"], expected["chair_country"]) == ("16", 2026, "ph")
    assert run_json("brief", "AMMTC+3", as_of="2026-11-23")["expected_meeting"] is None


def test_brief_of_a_host_rotation_body_gives_the_next_host_marked_inferred(run_json):
    """ASEANAPOL's host holds the chairmanship from its conference until the next (a sourced rule): with
    the 44th not reported held, Thailand (the 43rd) is the chair now, and the 2026 host is the year's
    chair, marked inferred, saying which meeting it rests on."""
    brief = run_json("brief", "ASEANAPOL", as_of="2026-12-07")
    assert (brief["current_chair"]["country"], brief["current_chair"]["status"]) == ("th", "inferred")
    assert (brief["next_chair"]["country"], brief["next_chair"]["status"]) == ("ph", "inferred")
    assert "inferred from the body's rule" in brief["next_chair"]["basis"]
    assert brief["last_meeting"]["id"] == "aseanapol-43"
    assert (brief["next_meeting"]["id"], brief["next_meeting"]["host"]) == ("aseanapol-44", "ph")
    dgicm = run_json("brief", "DGICM", as_of="2019-12-31")  # a sourced host rule: the host, marked inferred
    assert (dgicm["current_chair"]["country"], dgicm["current_chair"]["status"]) == ("mm", "inferred")


def test_brief_markdown_is_a_memo_block_with_sources(run):
    result = run("brief", "AMMTC", "--format", "markdown", as_of="2024-12-31")
    assert result.exit_code == 0
    assert result.stdout.startswith("### AMMTC — brief as of 2024-12-31\n")
    assert "- **Last meeting:** AMMTC 18" in result.stdout
    assert "\n**Sources**\n\n1. " in result.stdout and ". <http" in result.stdout


def test_unknown_body_suggests_close_names(run):
    result = run("brief", "AMMTX")
    assert result.exit_code == 2
    assert "unknown mechanism 'AMMTX'" in result.stderr and "did you mean" in result.stderr
    assert "Traceback" not in result.output


# --- country -------------------------------------------------------------------------------

@pytest.mark.parametrize("country,since", [("Australia", "1974"), ("New Zealand", "1975"), ("United States", "1977"),
                                           ("Japan", "1977"), ("ROK", "1991-07"), ("India", "1995-12"),
                                           ("China", "1996-07"), ("Russia", "1996-07"), ("UK", "2021-08-02")])
def test_dialogue_partners_since(run, run_json, country, since):
    head = run_json("country", country)["country"]
    assert head["dialogue_partner_since"] == since and head["member"] is False
    assert f"dialogue partner since {since}" in run("country", country, "--format", "plain").stdout


def test_a_member_is_not_a_dialogue_partner(run_json):
    assert run_json("country", "vn")["country"]["dialogue_partner_since"] is None

def test_viet_nam_dossier(run_json):
    dossier = run_json("country", "việt nam")
    head = dossier["country"]
    assert head["member_since"] == "1995-07-28"
    assert [y["year"] for y in head["asean_chair_years"]] == [1998, 2010, 2020]
    assert head["next_asean_chair"] == [{"year": 2030, "status": "projected", "basis": "rotation"}]
    led = {m["id"]: m["roles"] for m in dossier["meetings"]}
    assert led["ammtc-14"] == ["host", "chair"] and led["kh-vn-security-review-2024"] == ["co-chair"]
    assert [(o["person_name"], o["title"], o["status"]) for o in dossier["in_office"]] == [
        ("Phan Van Giang", "Minister of National Defence", "in office"),
        ("Nguyen Tan Cuong", "Chief of the General Staff and Deputy Minister of National Defence", "in office"),
        ("Luong Tam Quang", "Minister of Public Security", "in office"),
        ("Le Hoai Trung", "Minister of Foreign Affairs", "in office"),
        # no start on record, but seen in the post within the last 18 months (Oct 2025; DGICM 28, Aug 2025)
        ("Ngo Thanh Binh", "Director, Drug-related Crime Investigation Police Department (C04)", "attested"),
        ("Pham Dang Khoa", "Director, Immigration Department", "attested")]
    led_by = {(d["meeting"], d["person_name"], d["role"]) for d in dossier["delegations"]}
    assert {("admm-19", "Phan Van Giang", "head_of_delegation"),
            ("ammtc-19", "Luong Tam Quang", "head_of_delegation")} <= led_by
    posts = {p["subject"]: p["state"] for p in dossier["posts"]}
    assert posts["ASEAN-New Zealand dialogue relations"] == "current"
    assert posts["ASEAN-Republic of Korea dialogue relations"] == "ended"


def test_country_office_holders_follow_as_of(run_json):
    early = run_json("country", "VN", as_of="2020-01-01")
    assert [(o["person_name"], o["status"]) for o in early["in_office"]] == [
        ("Pham Binh Minh", "in office"), ("Ngo Xuan Lich", "in office"), ("To Lam", "in office"),
        ("Phan Van Giang", "attested"), ("Pham Van Cac", "attested")]
    assert all(o["latest_source"] <= "2020-01-01" for o in early["in_office"] if o["latest_source"])
    assert all(m["start"] <= "2020" for m in early["delegations"])


def test_an_undated_office_is_held_only_while_its_holder_is_seen_in_it(run_json):
    """Timor-Leste's defence minister has no start on record; seen at the ADMM in Nov 2025, he is
    listed as holding the post a year on, and not two years on."""
    now = run_json("country", "Timor-Leste", as_of="2026-12-07")
    assert ("donaciano-gomes", "attested") in {(o["person"], o["status"]) for o in now["in_office"]}
    later = run_json("country", "Timor-Leste", as_of="2027-12-31")
    assert "donaciano-gomes" not in {o["person"] for o in later["in_office"]}


def test_a_superseded_minister_is_not_in_office(run_json):
    dossier = run_json("country", "Myanmar")
    assert "soe-htut" not in [o["person"] for o in dossier["in_office"]]


def test_country_json_is_one_document_and_markdown_has_sections_and_sources(run):
    result = run("country", "Laos", "--format", "json")
    document = json.loads(result.stdout)
    assert list(document) == ["country", "posts", "meetings", "in_office", "delegations", "sources"]
    markdown = run("country", "Laos", "--format", "markdown").stdout
    assert markdown.startswith("### Lao PDR — country dossier as of 2026-11-23")
    assert "\n#### Meetings chaired, co-chaired or hosted" in markdown and "\n**Sources**\n" in markdown


def test_country_csv_and_jsonl_carry_the_section(run):
    rows = list(csv.DictReader(io.StringIO(run("country", "Viet Nam", "--format", "csv").stdout)))
    assert rows[0]["section"] == "country" and rows[0]["name"] == "Viet Nam"
    assert {r["section"] for r in rows} == {"country", "posts", "meetings", "in_office", "delegations"}
    lines = [json.loads(line) for line in run("country", "Viet Nam", "--format", "jsonl").stdout.splitlines()]
    assert len(lines) == len(rows) and lines[0]["section"] == "country"


# --- person --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Luong Tam Quang", "Lương Tam Quang", "luong tam quang", "luong-tam-quang"])
def test_person_matches_with_or_without_diacritics(run_json, name):
    profile = run_json("person", name)
    assert profile["person"]["native_name"] == "Lương Tam Quang"
    assert [m["id"] for m in profile["meetings"]] == ["ammtc-plus-china-8", "ammtc-plus-korea-2", "ammtc-15",
                                                      "ammtc-18", "ammtc-19"]
    assert profile["meetings"][0]["title_then"] == "Deputy Minister of Public Security"
    [office] = profile["person"]["in_office"]
    assert {k: office[k] for k in ("title", "start", "derived", "undated")} == {
        "title": "Minister of Public Security", "start": "2024-06-06", "derived": [], "undated": False}


def test_a_person_in_office_on_old_or_unverified_evidence_says_so_as_country_does(run, run_json):
    """Maung Maung Aye: latest source 2025-07-31, over a year before; Luong Tam Quang: Viet Nam's holders are
    not followed past March 2026."""
    [defence] = run_json("person", "Maung Maung Aye", as_of="2026-12-08")["person"]["in_office"]
    assert defence["old"] and defence["latest_source"] == "2025-07-31"
    text = run("person", "Maung Maung Aye", "--format", "plain", "--no-cite", as_of="2026-12-08").stdout
    assert "latest source 2025-07-31 (old)" in text
    [mps] = run_json("person", "Luong Tam Quang", as_of="2026-12-08")["person"]["in_office"]
    assert mps["unverified"] and not mps["old"]


def test_person_offices_have_dates_and_status(run_json):
    offices = {(o["title"], o["status"]) for o in run_json("person", "To Lam")["offices"]}
    assert ("Minister of Public Security", "ended") in offices
    before = run_json("person", "To Lam", as_of="2020-01-01")
    assert ("Minister of Public Security", "in office") in {(o["title"], o["status"]) for o in before["offices"]}
    attended = [m["id"] for m in before["meetings"]]
    assert "ammtc-13" in attended and "ammtc-14" not in attended  # 2019 seen, 2020 not yet


def test_a_later_holder_supersedes_an_open_ended_office(run_json):
    offices = run_json("person", "Than Hlaing")["offices"]
    office = next(o for o in offices if o["title"].endswith("Chief of Myanmar Police Force"))
    assert office["end"] is None  # no page gives his last day: a later holder's seat ends the term
    assert (office["status"], office["superseded_by"]) == ("superseded", "Zin Min Htet")


def test_person_by_one_unique_word_and_ambiguous_words_suggest(run_json, run):
    assert run_json("person", "shanmugam")["person"]["id"] == "k-shanmugam"
    result = run("person", "Luong")
    assert result.exit_code == 2
    assert "Luong Tam Quang" in result.stderr and "Le Luong Minh" in result.stderr


# --- timeline ------------------------------------------------------------------------------

def test_timeline_of_a_body_is_chronological_and_grouped_by_year(run_json, run):
    events = run_json("timeline", "--mechanism", "AMMTC", "--since", "2023", "--until", "2024")
    assert [e["id"] for e in events if e["kind"] == "meeting"] == ["ammtc-17", "ammtc-18"]
    assert [e["year"] for e in events] == sorted(e["year"] for e in events)
    assert "labuan-bajo-declaration-2023" in [e["id"] for e in events if e["kind"] == "document"]
    lines = run("timeline", "-m", "AMMTC", "--since", "2023", "--until", "2024", "--format", "plain").stdout.splitlines()
    assert lines[0] == "2023" and "2024" in lines
    assert lines[1].startswith("  2023-08-21/22  meeting   AMMTC 17, Labuan Bajo, Indonesia")


def test_timeline_marks_upcoming_events_and_filters_by_country(run_json):
    ammtc = run_json("timeline", "-m", "ammtc", "--since", "2026")
    assert [(e["id"], e["upcoming"]) for e in ammtc if e["kind"] == "meeting"] == [("ammtc-20", True)]
    viet_nam = run_json("timeline", "--country", "Viet Nam", "--since", "2024", "--until", "2024")
    texts = [e["text"] for e in viet_nam]
    assert "Luong Tam Quang takes office as Minister of Public Security (Viet Nam)" in texts
    assert "To Lam leaves office as Minister of Public Security (Viet Nam)" in texts


def test_empty_timeline_exits_1(run):
    result = run("timeline", "--since", "2090", "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []


# --- search --------------------------------------------------------------------------------

def test_search_scam_finds_the_online_scam_declarations_first(run_json):
    hits = run_json("search", "scam")
    assert [h["id"] for h in hits[:2]] == ["asean-declaration-cybercrime-online-scams-2025",
                                           "vientiane-declaration-online-job-scams-2024"]
    assert all(h["kind"] == "document" and h["field"] == "title" for h in hits[:2])


def test_search_ignores_case_and_diacritics(run_json):
    plain = run_json("search", "Luong")
    assert [h["id"] for h in plain[:2]] == ["luong-tam-quang", "le-luong-minh"]
    assert [h["id"] for h in run_json("search", "LƯƠNG")] == [h["id"] for h in plain]


def test_search_ranks_names_above_notes_and_needs_every_word(run_json, run):
    hits = run_json("search", "labuan", "bajo", "declaration")
    assert hits[0]["id"] == "labuan-bajo-declaration-2023"
    assert run("search", "labuan", "xyzzy").exit_code == 1


def test_search_ranks_a_phrase_found_whole_above_its_words_found_apart(run_json):
    # 'e-ADS' (the ASEANAPOL database) is written so only in conference notes, while 'ads' begins
    # ADSOM's name: the notes holding the phrase come first all the same
    hits = run_json("search", "e-ADS")
    assert hits[0]["id"].startswith("aseanapol-") and hits[0]["field"] == "note"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_a_city_that_is_its_country_is_named_once(run):
    plain = run("meetings", "--hosted-by", "sg", "--format", "plain").stdout
    assert "Singapore, Singapore" not in plain and "  Singapore  " in plain
    assert "\nLOCATION:Singapore\n" in run("meetings", "--hosted-by", "sg", "--format", "ics").stdout  # CRLF read as text


def test_a_led_by_list_says_how_many_hosted_meetings_it_cannot_hold(run, run_json):
    # the 7th ACDFM (Hanoi, 2010) has no chair on record: a list of what Viet Nam led says so, JSON does not
    plain = run("meetings", "--led-by", "vn", "--year", "2010", "--format", "plain").stdout
    assert "Not listed: 1 meeting Viet Nam hosted with no chair on record (--hosted-by lists it)." in plain
    assert "Not listed: 1 meeting" in run("meetings", "--led-by", "vn", "--year", "2010").stdout  # auto: plain
    hosted = run_json("meetings", "--hosted-by", "vn", "--year", "2010")
    assert "acdfm-7" in {m["id"] for m in hosted} and not any(m["chair_country"] for m in hosted if m["id"] == "acdfm-7")
    # the 43rd AMM's chair is inferred from the host rule: listed, unless only stated chairs are asked for
    stated = run("meetings", "--led-by", "vn", "--year", "2010", "--stated-only", "--format", "plain").stdout
    assert "Not listed: 3 meetings Viet Nam hosted with no chair a source names" in stated


def test_search_limit(run_json, run):
    assert len(run_json("search", "ammtc", "--limit", "3")) == 3
    assert "more (use --limit 0" in run("search", "ammtc", "--limit", "3", "--format", "plain").stdout


# --- mechanisms, crimes, documents ---------------------------------------------------------

def test_mechanism_tree_with_chairs(run_json, run):
    nodes = {n["id"]: n for n in run_json("mechanisms")}
    assert (nodes["ammtc"]["parent"], nodes["ammtc"]["depth"]) == ("apsc", 1)
    assert (nodes["somtc-wg-ct"]["parent"], nodes["somtc-wg-ct"]["depth"]) == ("somtc", 3)
    assert nodes["admm-plus"]["parent"] == "admm"
    assert nodes["ammtc"]["chair_country"] == "ph"
    assert {n["id"]: n for n in run_json("mechanisms", as_of="2024-12-31")}["ammtc"]["chair_country"] == "la"
    text = run("mechanisms", "--format", "plain").stdout
    assert "├─ AMMTC " in text and "│  ├─ ADMM-Plus" in text and "│  ├─ ADSOM " in text and "│  ├─ ACDFM " in text and "│  └─ ACICE " in text


def test_mechanism_subtree(run_json):
    ids = [n["id"] for n in run_json("mechanisms", "ADMM")]
    assert ids[:2] == ["admm", "admm-plus"]
    assert set(ids[2:]) == {f"admm-plus-ewg-{g}" for g in ("ms", "ct", "hadr", "pko", "mm", "hma", "cs")} | {
        "adsom-plus", "adsom-plus-wg", "admm-retreat", "adsom", "acdfm", "acmm", "acmmc", "acice"}


def test_a_co_chaired_working_group_names_both_co_chairs(run_json):
    answer = run_json("chair", "2026", "--mechanism", "admm-plus-ewg-ms")
    assert (answer["country"], answer["status"]) == ("ph", "held")
    assert answer["basis"].startswith("co-chair with Japan") and answer["last_verified"] == "2026-11-23"
    assert [seat["country"] for seat in answer["co_chairs"]] == ["ph", "jp"]


def test_a_year_whose_meeting_names_one_co_chair_names_the_terms_pair(run_json, run):
    """The 17th EWG on HADR (2021) names India's chair; the term on record pairs India with Indonesia."""
    answer = run_json("chair", "2021", "--mechanism", "admm-plus-ewg-hadr")
    assert (answer["country"], answer["person"], answer["status"]) == ("in", "kulvir-singh", "held")
    assert [seat["country"] for seat in answer["co_chairs"]] == ["in", "id"]
    assert "the term on record: Indonesia, co-chair with India" in answer["basis"]
    assert len(answer["sources"]) == len(set(answer["sources"]))
    text = run("chair", "2021", "--mechanism", "admm-plus-ewg-hadr", "--format", "plain").stdout
    assert "India — Kulvir Singh; Indonesia (co-chairs)" in text


def test_the_ten_crimes_and_their_lead_shepherds(run_json):
    crimes = {c["id"]: {lead["country"] for lead in c["leads"]} for c in run_json("crimes")}
    assert len(crimes) == 10
    assert crimes["arms-smuggling"] == {"kh"} and crimes["cybercrime"] == {"sg"}
    assert crimes["trafficking-in-persons"] == {"ph"} and crimes["terrorism"] == {"id"}


def test_documents_by_body_type_and_year(run_json, run):
    found = run_json("documents", "--mechanism", "AMMTC", "--year", "2023")
    assert len(found) == 6 and {d["type"] for d in found} == {"declaration", "work_plan", "joint_statement"}
    statements = {d["id"]: d for d in run_json("documents", "--type", "joint statement", "--year", "2024")}
    assert statements["joint-statement-ammtc-18"]["meeting_label"] == "AMMTC 18"
    assert all(d["type"] == "joint_statement" and d["date"].startswith("2024") for d in statements.values())
    years = {d["date"][:4] for d in run_json("documents", "-m", "ammtc", as_of="2024-12-31") if d["date"]}
    assert "2025" not in years and "2024" in years
    result = run("documents", "--type", "decl")
    assert result.exit_code == 2 and "did you mean 'declaration'" in result.stderr


# --- every command -------------------------------------------------------------------------

@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_piped_output_has_no_escape_codes(run, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout and "\x1b[" not in result.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_tables_fit_100_columns(run, args):
    result = run(*args, "--format", "table")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if not line.strip().startswith("http")]  # URLs stay whole
    from rich.cells import cell_len  # terminal cells: Thai combining marks take none

    assert lines and max(cell_len(line) for line in lines) <= 100


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_json_is_one_document(run, args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0
    assert isinstance(json.loads(result.stdout), (dict, list))


def test_no_cite_drops_the_sources(run):
    assert "Sources:" in run("country", "Laos", "--format", "plain").stdout
    assert "Sources:" not in run("country", "Laos", "--format", "plain", "--no-cite").stdout


def test_the_timeline_dates_a_treaty_signing_and_its_entry_into_force_apart(run_json):
    """A document's own date is the day it was signed or adopted; entering into force is its own event."""
    events = run_json("timeline", "--since", "1995", "--until", "1997-12")
    seanwfz = [e for e in events if e["id"] == "seanwfz-treaty-1995"]
    assert [(e["date"], e["kind"]) for e in seanwfz] == [("1995-12-15", "document"), ("1997-03-27", "in_force")]
    assert seanwfz[0]["text"].startswith("Signed: ") and seanwfz[1]["text"].startswith("In force: ")


# --- one meeting -----------------------------------------------------------------------------

@pytest.mark.parametrize("words", [["AMMTC", "17"], ["17th", "AMMTC"], ["ammtc-17"], ["17th AMMTC"]])
def test_meeting_by_body_and_ordinal_or_id(run_json, words):
    found = run_json("meeting", *words)
    assert found["id"] == "ammtc-17" and found["start"] == "2023-08-21" and found["city"] == "Labuan Bajo"
    assert found["chair_country"] == "id" and found["chair_basis"] == "stated"
    assert "labuan-bajo-declaration-2023" in [o["id"] for o in found["outcomes"]]
    assert "ammtc-plus-3-13" in [m["id"] for m in found["related"]]


@pytest.mark.parametrize("words, meeting_id", [
    (["1st", "ASEAN", "Informal", "Summit"], "asean-summit-informal-1"),
    (["ASEAN", "Summit", "Informal", "3"], "asean-summit-informal-3"),
    (["48th", "ASEAN", "Summit"], "asean-summit-48"),
    (["AMMTC", "2nd", "Special"], "ammtc-special-rrve-2"),
    (["13th", "AMMTC+3", "meeting"], "ammtc-plus-3-13"),
])
def test_a_meeting_named_with_more_words(run_json, words, meeting_id):
    """The body may stand anywhere among the words; the rest, in any order and without the body's own
    names ('ASEAN', 'Summit') or 'meeting', is the ordinal."""
    assert run_json("meeting", *words)["id"] == meeting_id


def test_meeting_fields_extend_the_meetings_fields(run_json):
    listed = run_json("meetings", "-m", "AMMTC", "--year", "2023")[0]
    found = run_json("meeting", "AMMTC", "17")
    assert list(found)[:len(listed)] == list(listed)
    assert {"mechanism_full_name", "parent_label", "related"} <= set(found)


def test_meeting_shows_what_was_adopted_and_the_week(run):
    text = run("meeting", "AMMTC", "17", "--format", "plain", "--no-cite").stdout
    assert "Adopted:" in text and "Labuan Bajo Declaration" in text and "AMMTC+3 13" in text


def test_an_unknown_meeting_is_a_usage_error_naming_the_closest(run):
    result = run("meeting", "AMMTC", "99")
    assert result.exit_code == 2 and "AMMTC 19" in result.output
    assert run("meeting", "nothing-like-it").exit_code == 2


def test_a_year_names_a_meeting_numbered_by_its_month(run_json, run):
    assert run_json("meeting", "ADMM", "Retreat", "2018")["id"] == "admm-retreat-2018-02"
    assert run_json("meeting", "ADMM", "Retreat", "2025")["id"] == "admm-retreat-2025"
    assert run("meeting", "ADMM", "Retreat", "2030").exit_code == 2


def test_the_global_options_are_accepted_after_the_command_too(run):
    before = run("--as-of", "2013-01-01", "country", "th", "--format", "plain")
    after = run("country", "th", "--as-of", "2013-01-01", "--format", "plain")
    assert before.exit_code == after.exit_code == 0 and before.stdout == after.stdout
    assert "dossier as of 2013-01-01" in after.stdout
    missing = run("meetings", "--data-dir", "/nonexistent-data-dir")
    assert missing.exit_code != 0 and "data directory not found" in missing.output


def test_a_dossier_is_seen_from_its_as_of_day(run_json, run):
    """Seen from 2013, Thailand's 2019 chairmanship is to come (not held) and known only from pages
    written later (not 'confirmed' then), and a post whose start is not recorded is not called current."""
    dossier = run_json("--as-of", "2013-01-01", "country", "th")
    assert {"year": 2019, "status": "later", "basis": "rotation"} in dossier["country"]["next_asean_chair"]
    assert "2019 (recorded later" in run("--as-of", "2013-01-01", "country", "th", "--format", "plain").stdout
    today = run_json("country", "sg")["country"]["next_asean_chair"]
    assert {"year": 2027, "status": "confirmed", "basis": "rotation"} in today  # announced in 2025
    undated_start = [p for p in dossier["posts"] if p["start"] is None and p["end"]]
    assert undated_start and all(p["state"] == "start unknown" for p in undated_start)


def test_a_meeting_held_online_is_not_placed_in_its_host_country(run):
    text = run("meetings", "--mechanism", "SOMTC+China", "--format", "plain").stdout
    assert "Cambodia (online)" in text


def test_a_dated_term_is_seen_only_at_meetings_within_it(run_json):
    """Hor Namhong chaired the 10th ARF (2003) and the 45th AMM (2012) as 'Minister of Foreign Affairs':
    those sightings fall in his second term, not in the first (1990-1993) that bears that exact title."""
    terms = {o["start"]: o for o in run_json("person", "Hor Namhong")["offices"]}
    assert terms["1990"]["attested_first"] is None and terms["1990"]["attested_last"] is None


def test_the_next_numbered_meeting_follows_the_last_numbered_one(run_json):
    """The 58th AMM met in 2025; meetings of 2026 outside the numbered series (a retreat, the eve of
    the Summit) do not push the 59th to 2027."""
    brief = run_json("brief", "AMM", as_of="2026-12-07")
    expected = brief["expected_meeting"]
    assert (expected["ordinal"], expected["year"]) == ("59", 2026)


def test_a_country_marks_the_chairs_it_holds_by_rule_in_its_role_column(run):
    """The column naming the chair is the first a narrow terminal drops: the role says '(inferred)' too."""
    text = run("country", "mm", "--format", "plain", as_of="2026-12-07").stdout
    assert "host & chair (inferred)" in text
    assert "(inferred): no source names this chair; it follows from the body's sourced chair rule." in text


def test_the_tree_of_bodies_says_what_its_chair_statuses_mean(run):
    text = run("mechanisms", "--format", "plain", as_of="2026-12-07").stdout
    assert "(inferred): no source names the chair; it follows from the body's sourced chair rule" in text


def test_a_country_dossier_can_leave_out_chairs_inferred_from_a_rule(run_json):
    """--stated-only: a meeting the country hosted whose chair is only inferred stays, as hosted, not chaired."""
    every = {m["id"]: m for m in run_json("country", "mm", as_of="2026-12-07")["meetings"]}
    stated = {m["id"]: m for m in run_json("country", "mm", "--stated-only", as_of="2026-12-07")["meetings"]}
    assert every["aseanapol-20"]["roles"] == ["host", "chair"] and every["aseanapol-20"]["chair_basis"] == "rule"
    assert stated["aseanapol-20"]["roles"] == ["host"] and stated["aseanapol-20"]["chair_country"] is None
    assert "rule" not in {m["chair_basis"] for m in stated.values()}


def test_a_document_not_on_record_as_adopted_is_not_listed_as_adopted(run):
    """A meeting lists what its records call adopted apart from the rest, each marked with how it stands."""
    text = run("meeting", "ammtc-18", "--format", "plain", "--no-cite").stdout
    adopted = next(line for line in text.splitlines() if line.startswith("Adopted:"))
    assert "Drug and Its Precursor" not in adopted
    assert "Other outcomes:" in text and "(adoption not on record)" in text
    shown = run("document", "asean-leaders-joint-statement-drug-precursor-trafficking-2024", "--format", "plain",
                "--no-cite").stdout
    assert "Adopted at" not in shown and "At meeting: AMMTC 18 (adoption not on record)" in shown


def test_search_marks_an_inferred_chair(run_json):
    hits = run_json("search", "Cambodia", "-n", "0")
    chairs = [h for h in hits if h["field"] == "chair" and h["kind"] == "meeting"]
    inferred = {h["id"] for h in chairs if h["match"].endswith("(inferred)")}
    assert "aseanapol-30" in inferred and "admm-16" not in inferred


def test_an_office_of_asean_itself_names_no_country_in_the_timeline(run):
    text = run("timeline", "--since", "2025", "--format", "plain", "--no-cite").stdout
    assert "(None)" not in text
    takes = text.index("Othman Hashim takes office")
    assert text.index("Othman Hashim leaves office") > takes  # an end dated to the year sorts at its end


def test_a_brief_names_a_scheduled_meeting_whose_days_are_over(run):
    text = run("brief", "ASEAN", "--format", "plain", "--no-cite", as_of="2026-12-07").stdout
    line = next(line for line in text.splitlines() if line.startswith("Next meeting:"))
    assert "ASEAN Summit 49" in line and "date passed, not reported held yet" in line


def test_an_undated_holder_seen_before_a_dated_one_took_the_post_is_not_listed(run_json):
    """Thailand, March 2013: Adul Saengsingkaew had been Commissioner-General since October 2012;
    Priewpan and Patcharawat, seen only in 2011, are not listed beside him."""
    dossier = run_json("country", "th", as_of="2013-03-01")
    police = [o["person_name"] for o in dossier["in_office"] if "Commissioner-General" in o["title"]]
    assert police == ["Adul Saengsingkaew"]


def test_a_later_holder_is_not_called_the_successor(run):
    text = run("person", "Sar Moline", "--format", "plain", "--no-cite").stdout
    assert "a later holder: Kenechanh Phommachack" in text


def test_as_of_shows_instruments_as_they_stood(run_json, run):
    """ACTIP was signed in 2015 and entered into force on 2017-03-08; Viet Nam ratified on 2017-01-05."""
    assert "actip-2015" not in {d["id"] for d in run_json("documents", "--party", "vn", as_of="2016-12-31")}
    actip = run_json("document", "ACTIP", as_of="2016-12-31")
    assert (actip["status"], actip["in_force"]) == ("signed", None) and "vn" not in actip["parties"]
    assert "th" in actip["parties"]  # deposited 2016-07-24
    bound = {d["id"]: d for d in run_json("country", "my", as_of="2015-06-01")["country"]["party_to"]}
    assert "actip-2015" not in bound and bound["acct-2007"]["in_force"] == "2011-05-27"
    assert all(d["in_force"] is None for d in bound.values() if "dispute" in d["title"].casefold())
    # not yet in force, and Malaysia's own ratification has no day on record: not listed as bound then
    assert not [d for d in bound.values() if "dispute" in d["title"].casefold() and not d.get("party_date")]
    text = run("country", "tl", "--format", "plain", as_of="2020-01-01").stdout
    assert "2025-10-25" not in text
    undated = {d["id"] for d in run_json("documents", as_of="2000-01-01")}
    assert "asean-leaders-joint-statement-drug-precursor-trafficking-2024" not in undated  # its meeting's day


def test_a_term_ending_in_a_year_under_way_ends_when_a_successor_is_seen(run_json):
    """Yar Pyae's term as Myanmar's Home Affairs minister ends in 2025 (the year only); Tun Tun Naung is
    attested in the post on 31 July 2025: on 1 September 2025 one minister is in office, not two."""
    dossier = run_json("country", "mm", as_of="2025-09-01")
    home = [o for o in dossier["in_office"] if o["title"] == "Union Minister for Home Affairs"]
    assert [o["person"] for o in home] == ["tun-tun-naung"]
    offices = run_json("person", "Yar Pyae", as_of="2025-09-01")["offices"]
    minister = next(o for o in offices if o["title"] == "Union Minister for Home Affairs")
    assert (minister["status"], minister["superseded_by"]) == ("superseded", "Tun Tun Naung")
    police = [o["person"] for o in run_json("country", "mm", as_of="2014-03-01")["in_office"]
              if "Police" in (o["organization"] or "")]
    assert police == ["zaw-win"]


def test_a_past_day_marks_what_came_after_it_as_recorded_later(run):
    """Timor-Leste on 1 June 2015: not a member, its observer status and membership recorded later; the
    timeline of 2008 seen from 1 March 2008 does not call Thailand's take-over both held and upcoming."""
    text = run("country", "tl", "--format", "plain", as_of="2015-06-01").stdout
    assert "not a member; observer from 2022-11-11; member from 2025-10-26 (recorded later)" in text
    line = next(x for x in run("timeline", "--since", "2008-07-24", "--until", "2008-07-24", "--format", "plain",
                               as_of="2008-03-01").stdout.splitlines() if "ASEAN chair" in x)
    assert "held" not in line and "recorded later" in line


def test_an_undated_role_is_not_carried_back_before_its_first_source(run_json):
    """Brunei and China co-chair the PKO group after the handover of December 2023 (Japan's defence
    ministry); the role has no dates. It is not the group's chair in 2010; today the pair is named;
    SOMTC's undated lead shepherds seen from 2010 are 'recorded later'."""
    assert run_json("chair", "current", "-m", "admm-plus-ewg-pko", as_of="2010-06-01")["country"] is None
    now = run_json("chair", "current", "-m", "admm-plus-ewg-pko", as_of="2026-11-23")
    assert [s["country"] for s in now["co_chairs"]] == ["bn", "cn"] and "attested from 2023" in now["basis"]
    terrorism = next(c for c in run_json("crimes", as_of="2010-01-01") if c["id"] == "terrorism")
    assert terrorism["leads"] == [] and {lead["country"] for lead in terrorism["later_leads"]} == {"id"}


def test_holders_not_followed_past_a_change_of_government_are_marked_unverified(run_json, run):
    """Viet Nam's ministers approved by the 16th National Assembly were not found: its holders seen only to
    March 2026 are 'unverified' in December 2026, and not in 2025."""
    rows = {o["person"]: o for o in run_json("country", "vn", as_of="2026-12-07")["in_office"]}
    assert rows["luong-tam-quang"]["unverified"] is True
    assert "16th National Assembly" in run("country", "vn", "--format", "plain", as_of="2026-12-07").stdout
    earlier = {o["person"]: o for o in run_json("country", "vn", as_of="2025-06-01")["in_office"]}
    assert not any(o["unverified"] for o in earlier.values())
