"""Questions typed as analysts type them: meetings named in prose, ids in capitals, ordinals written
out, a short name in a title; what a country is a party to; meetings whose days passed unreported."""

import pytest


@pytest.mark.parametrize("asked, meeting", [
    ("AMMTC-19", "ammtc-19"),  # an id as prose writes it
    ("ARF-32", "arf-32"),
    ("Third ASEAN Summit", "asean-summit-3"),  # ordinals written out
    ("Fifty-Eighth AMM", "amm-58"),
    ("nineteenth ADMM", "admm-19"),
    ("ASEANAPOL conference 43", "aseanapol-43"),  # 'conference', like 'meeting', is not part of the ordinal
    ("30th APSC", "apsc-council-30"),  # a body that does not meet as such: its Council
    ("ADMM+ 9", "admm-plus-9"),  # the short forms the press uses
    ("AMMTC Plus Three 15", "ammtc-plus-3-15"),
    ("ADMM+11", "admm-plus-11"),
    ("ADMM 2016", "admm-10"),  # a year names the one meeting of a numbered series held in it
    ("ASEAN Leaders Meeting 2021", "asean-leaders-meeting-2021-04"),  # the ordinal's apostrophe left out
    ("DGICM Australia 18", "dgicm-plus-australia-18"),  # a '+' consultation as the press spells it
    ("DGICM Plus Three 1", "dgicm-plus-3-1"),
    ("AMMTC + Japan 1", "ammtc-plus-japan-1"),  # a '+' between spaces
    ("AMMTC+Korea 1", "ammtc-plus-korea-1"),  # the partner by another of its names (the body is AMMTC+ROK)
    ("SOMTC+United States 2003", "somtc-plus-us-2003"),
    ("AMM Retreat 2024", "amm-retreat-2024-01"),  # a kind and a year name a meeting numbered by its date
    ("AMM pre summit 2011", "amm-pre-summit-2011-11"),
    ("AMM Retreat 2013-08", "amm-retreat-2013-08"),
    ("Bali Summit 2003", "asean-summit-9"),  # a place and a year name the meeting held there that year
    ("AMMTC Melaka 2025", "ammtc-19"),
])
def test_a_meeting_named_in_prose_is_found(run_json, asked, meeting):
    assert run_json("meeting", asked)["id"] == meeting


@pytest.mark.parametrize("asked, person", [
    ("Dr. Kao Kim Hourn", "kao-kim-hourn"),  # honorifics before a name
    ("Dato Lim Jock Hoi", "lim-jock-hoi"),
    ("Pol Gen Kittirat Phanphet", "kittirat-phanphet"),
    ("Wang Xiao Hong", "wang-xiaohong"),  # a name spaced otherwise
    ("Tolam", "to-lam"),
    ("Kittharath Punpetch", "kittirat-phanphet"),  # another spelling a source uses
])
def test_a_person_named_with_honorifics_or_another_spelling_is_found(run_json, asked, person):
    assert run_json("person", asked)["person"]["id"] == person


def test_a_number_not_on_record_suggests_the_numbers_either_side(run):
    result = run("meeting", "AMM 16")
    assert result.exit_code == 2
    assert "'AMM 15', 'AMM 17'" in result.stderr


def test_a_year_of_several_meetings_suggests_each(run):
    result = run("meeting", "ASEAN Summit 2019")
    assert result.exit_code == 2
    assert "'ASEAN Summit 34', 'ASEAN Summit 35'" in result.stderr


def test_search_puts_the_meeting_a_query_names_first(run_json):
    assert run_json("search", "19th", "AMMTC")[0]["id"] == "ammtc-19"


def test_search_finds_an_instrument_by_the_short_name_its_title_gives(run_json):
    assert run_json("search", "TAC")[0]["id"] == "tac-1976"
    assert run_json("search", "DOC")[0]["id"] == "doc-south-china-sea-2002"


def test_documents_party_lists_what_a_country_has_acceded_to(run_json):
    found = {d["id"] for d in run_json("documents", "--party", "Timor-Leste")}
    assert {"asean-charter-2007", "seanwfz-treaty-1995"} <= found
    assert all("tl" in d["parties"] for d in run_json("documents", "--party", "tl"))


def test_the_country_dossier_lists_the_instruments_that_bind_it(run_json):
    bound = run_json("country", "tl")["country"]["party_to"]
    assert "asean-charter-2007" in {d["id"] for d in bound}
    members = run_json("country", "vn")["country"]["party_to"]
    assert {d["type"] for d in members} <= {"treaty", "convention", "agreement", "charter", "other"}
    assert "doc-south-china-sea-2002" not in {d["id"] for d in members}  # a declaration binds no party
    seanwfz = {d["id"]: d for d in bound}["seanwfz-treaty-1995"]  # joined 28 years after it entered into force
    assert (seanwfz["party_date"], seanwfz["in_force"]) == ("2025-10-25", "1997-03-27")


def test_a_party_date_must_be_that_of_a_party(tmp_path):
    import shutil
    from pathlib import Path

    from asean_sec.loading.load import DataError, load

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    text = (data / "documents.yaml").read_text()
    text = text.replace("  party_dates:\n  - country: la\n", "  party_dates:\n  - country: cn\n", 1)
    (data / "documents.yaml").write_text(text)
    with pytest.raises(DataError, match="not among the document's parties"):
        load(data, use_cache=False)


def test_upcoming_lists_a_scheduled_meeting_whose_days_passed_unreported(run_json):
    events = run_json("upcoming", as_of="2026-12-07")
    overdue = [e for e in events if e["basis"] == "date passed, not reported held yet"]
    assert [e["record"] for e in overdue] == ["asean-summit-49", "asean-china-jwg-doc-51"]
    assert events[0]["record"] == "asean-summit-49" and events[0]["status"] == "scheduled"


def test_search_ranks_offices_that_match_alike_latest_first(run_json):
    # the short name an organisation gives in brackets counts as a name; the holder now comes first
    hits = run_json("search", "ONCB", as_of="2026-12-07")
    assert hits[0]["kind"] == "office" and "Office of the Narcotics Control Board" in hits[0]["label"]
    assert run_json("search", "Secretary-General", "of", "ASEAN")[0]["id"] == "kao-kim-hourn"



@pytest.mark.parametrize("asked, body", [
    ("AMMTC+Korea", "ammtc-plus-korea"), ("SOMTC+Korea", "somtc-plus-korea"),
    ("SOMTC+United States", "somtc-plus-us"), ("AMMTC Plus Republic of Korea", "ammtc-plus-korea"),
    ("AMMTC + Japan", "ammtc-plus-japan"),
])
def test_a_partner_body_by_any_name_of_its_partner(run_json, asked, body):
    assert {m["mechanism"] for m in run_json("meetings", "--mechanism", asked)} == {body}
    assert run_json("search", asked)[0]["id"] == body  # search: the body the query names first


def test_search_reads_the_notes_on_who_sat_at_a_meeting(run_json):
    assert "ammtc-plus-3-8" in [hit["id"] for hit in run_json("search", "小此木")]


def test_a_kind_and_year_of_several_meetings_suggests_each(run):
    result = run("meeting", "AMM Retreat 2013")
    assert result.exit_code != 0
    assert "'AMM Retreat 2013-04', 'AMM Retreat 2013-08'" in result.output


def test_an_office_asked_as_a_person_says_so_and_names_its_holders(run):
    result = run("person", "Secretary-General of ASEAN")
    assert result.exit_code != 0
    assert "is an office, not a person" in result.output and "'Kao Kim Hourn'" in result.output


@pytest.mark.parametrize("asked, document", [
    ("ACTIP", "actip-2015"), ("TAC", "tac-1976"), ("Bangkok Treaty", "seanwfz-treaty-1995"),
    ("ASEAN Charter", "asean-charter-2007"), ("SEANWFZ-TREATY-1995", "seanwfz-treaty-1995"),
    ("Treaty of Bangkok", "seanwfz-treaty-1995"),
])
def test_one_document_by_id_title_or_short_name(run_json, asked, document):
    found = run_json("document", asked)
    assert found["id"] == document
    assert [p["country"] for p in found["party_dates"]] == found["parties"]


def test_a_document_shows_each_partys_own_date(run):
    shown = run("document", "Bangkok Treaty", "--format", "plain", env={"COLUMNS": "200"}).stdout
    assert "Timor-Leste (2025-10-25)" in shown and "1997-03-27" in shown


def test_person_and_country_agree_on_an_undated_office_seen_lately(run, run_json):
    """Win Zaw Moe's post as police chief has no start on record, but he was seen in it lately: the
    country dossier lists him as in office, and so does his own profile, saying why."""
    dossier = run_json("country", "mm", as_of="2026-12-07")
    assert "win-zaw-moe" in {o["person"] for o in dossier["in_office"]}
    profile = run_json("person", "Win Zaw Moe", as_of="2026-12-07")
    assert [o["undated"] for o in profile["person"]["in_office"]] == [True]
    text = run("person", "Win Zaw Moe", "--format", "plain", as_of="2026-12-07").stdout
    assert "no start on record; seen in it in the last 18 months" in text


def test_a_document_by_the_words_its_title_begins_with(run_json):
    """'Treaty of Amity and Cooperation' is in every accession's title too: the treaty whose own title
    begins with those words is meant; so is the DOC by its full title."""
    assert run_json("document", "Treaty of Amity and Cooperation")["id"] == "tac-1976"
    assert run_json("document", "Declaration on the Conduct of Parties in the South China Sea")["id"] == \
        "doc-south-china-sea-2002"


def test_an_attendance_list_says_what_it_can_show(run):
    text = run("meetings", "--attended-by", "Thailand", "--mechanism", "AMMTC", "--format", "plain").stdout
    assert "a meeting not listed may still have had it present" in text


def test_an_undated_office_seen_only_later_is_marked_so(run_json):
    """To Lam is attested as deputy minister of public security only in July 2015."""
    offices = run_json("person", "To Lam", as_of="2015-01-01")["offices"]
    deputy = next(o for o in offices if o["title"] == "Deputy Minister of Public Security")
    assert deputy["status"] == "attested later"
    offices = run_json("person", "To Lam", as_of="2026-11-23")["offices"]
    assert next(o for o in offices if o["title"] == "Deputy Minister of Public Security")["status"] == "attested"


def test_a_document_seen_from_a_past_day_says_what_its_record_cannot_date(run):
    """The visa exemption agreement is in force, the day not on record; ACTIP's undated parties."""
    visa = run("document", "visa exemption", "--format", "plain", as_of="2006-08-01").stdout
    assert "it may not yet have been in force on 2006-08-01" in visa
    actip = run("document", "ACTIP", "--format", "plain", as_of="2015-12-01").stdout  # before its entry into force
    assert "not yet in force; the 6 parties whose day of ratification or accession is not on record are not listed" in actip
    actip = run("document", "ACTIP", "--format", "plain", as_of="2018-06-01").stdout  # in force
    assert "have no day of ratification or accession on record" in actip
