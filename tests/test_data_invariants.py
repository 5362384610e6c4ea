"""What must stay true of the shipped data whatever is added to it."""

import re

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
    checked = re.search(r"  last_verified: '[0-9-]+'\n", record)
    assert checked
    meetings.write_text(text[:start] + record.replace(checked.group(0), "") + text[end:], encoding="utf-8")
    lenient, strict = run("validate", str(data)), run("validate", str(data), "--strict")
    assert lenient.exit_code == 0 and strict.exit_code == 3
    assert "meeting ammtc-20 can still change but has no last_verified date" in strict.stderr
    meetings.write_text(text[:start] + record.replace(checked.group(0), "  last_verified: '2027-01-01'\n")
                        + text[end:], encoding="utf-8")
    future = run("validate", str(data))
    assert future.exit_code == 3 and "last_verified 2027-01-01 is after the dataset's as_of" in future.stderr


# --- breadth: what the political-security architecture work added must stay --------------

MINIMUM_RECORDS = {"countries": 24, "mechanisms": 81, "meetings": 759, "people": 754, "offices": 675,
                   "documents": 399, "roles": 114, "sources": 3453, "asean_chair": 57}

SECRETARIES_GENERAL = ("hartono-dharsono", "umarjadi-njotowijono", "ali-abdullah", "narciso-reyes", "chan-kai-yau",
                       "phan-wannamethee", "roderick-yong", "rusli-noor", "ajit-singh", "rodolfo-severino",
                       "ong-keng-yong", "surin-pitsuwan", "le-luong-minh", "lim-jock-hoi", "kao-kim-hourn")


def test_each_kind_keeps_its_minimum_number_of_records(document):
    short = {kind: len(document[kind]) for kind, least in MINIMUM_RECORDS.items() if len(document[kind]) < least}
    assert short == {}


def test_every_secretary_general_is_there_in_order_with_one_in_office(document, run_json):
    terms = sorted((o for o in document["offices"] if o["title"] == "Secretary-General of ASEAN"),
                   key=lambda o: o["start"])
    assert tuple(o["person"] for o in terms) == SECRETARIES_GENERAL
    assert [o["person"] for o in terms if "end" not in o] == ["kao-kim-hourn"]
    for before, after in zip(terms, terms[1:]):
        assert before["end"] <= after["start"], (before["person"], after["person"])
    # an office of ASEAN, not of a member state: the holder's nationality is on the person
    assert [o["person"] for o in terms if "country" in o] == []
    people = {p["id"]: p for p in document["people"]}
    assert all(people[o["person"]].get("country") for o in terms)


def test_international_posts_carry_no_country(document):
    posts = ("Secretary-General of ASEAN", "Executive Director of the ASEANAPOL Secretariat")
    assert [o["person"] for o in document["offices"] if o["title"] in posts and "country" in o] == []


def test_inferred_chairs_rest_on_a_sourced_rule(document, run_json):
    sourced = {m["id"]: m for m in document["mechanisms"] if m.get("chair_rule_sources")}
    rows = run_json("meetings")
    inferred = [r for r in rows if r["chair_basis"] == "rule"]
    assert inferred, "some chairs are inferred"
    for row in inferred:
        body = sourced.get(row["mechanism"])
        assert body, row["id"]
        assert (row["chair_country"] or row["co_chairs"]) and row["chair_rule_sources"], row["id"]
        if body["chair_rule"] == "host_rotation":
            assert row["chair_country"] == row["host"], row["id"]
        if body.get("chair_rule_role"):  # the co-chairs of a term on record: a pair, no single chair
            assert row["chair_country"] is None and len(row["co_chairs"]) == 2, row["id"]
    for row in rows:
        chaired = row["chair_country"] or row["co_chairs"]
        assert (row["chair_basis"] is None) == (not chaired), row["id"]
        assert row["chair_basis"] in (None, "stated", "rule"), row["id"]
    # the body's rule must be written down: AMMTC's pattern is observed, not a written rule
    # (ASEANAPOL's is: the pages say the host holds the presidency, or chairmanship, for its year)
    assert "ammtc" not in sourced and "aseanapol" in sourced


def test_stated_only_leaves_out_every_inferred_chair(run_json):
    everything = run_json("meetings", "--chaired-by", "Singapore")
    stated = run_json("meetings", "--chaired-by", "Singapore", "--stated-only")
    assert {r["chair_basis"] for r in stated} == {"stated"}
    assert {r["id"] for r in stated} < {r["id"] for r in everything}
    assert {r["id"] for r in everything if r["chair_basis"] == "rule"} >= {"asod-36", "asod-46"}


def _copy_with_record_changed(tmp_path, file: str, record_id: str, old: str, new: str):
    """A copy of the shipped data with `old` replaced by `new` inside one record of `file`."""
    import shutil

    from asean_sec.loading.load import shipped_data_dir

    data = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {record_id}\n")
    end = text.index("\n- id:", start + 1)
    record = text[start:end].replace(old, new, 1)
    assert record != text[start:end], (record_id, old)
    path.write_text(text[:start] + record + text[end:], encoding="utf-8")
    return data


def test_validate_refuses_an_inferred_chair_on_a_body_without_a_sourced_rule(run, tmp_path):
    data = _copy_with_record_changed(tmp_path, "meetings.yaml", "ammtc-1", "\n  sources:",
                                     "\n  chair:\n    country: my\n  chair_basis: rule\n  sources:")
    result = run("validate", str(data))
    assert result.exit_code == 3
    assert "no sourced chair rule" in result.output


def test_coverage_counts_stated_and_inferred_chairs(run_json):
    totals = run_json("coverage", "--totals")
    assert totals["chairs_stated"] + totals["chairs_inferred"] + totals["without_chair"] == totals["records_meetings"]
    assert totals["chairs_inferred"] >= 154
    # not yet under 10 % (AMMTC consultations and ASEANAPOL chairs are unsourced, and the AMM has no
    # sourced chair rule: its chair only where a communiqué names it): the share must not grow (a meeting
    # found without its chair may be added; each must be matched by chairs found). Raised once, from 27.5 %
    # to 28 %, when the checks of December 2026 added 44 meetings (AMMs, board and working-group meetings,
    # early senior officials' meetings), most found without a chair: 154 of 554. Raised again, to 30 %,
    # when two tracks were added whole (the ASEAN-China senior officials' meetings and working group on the
    # South China Sea declaration, 17 meetings, and DGICM's consultations with Australia, 4), 18 of their
    # 21 meetings without a chair any page names: 174 of 588 (178 of 606 after the next checks; 189 of
    # 633, 29.9 %, once the checks after those had added 27 meetings and found 16 chairs). Raised to
    # 31.5 % when three bodies were added whole (the ASEAN Chiefs of Military Medicine Conference, the
    # ASEAN-Japan Cybercrime Dialogue and Singapore's senior officials' roundtable on cybercrime: 13
    # meetings, 10 without a chair), with ADSOM-Plus and ARF officials' meetings no page names a chair
    # for, while the same checks found 21 chairs: 203 of 652 (210 of 682 once the ASEAN Plus Three Summits
    # were added, 22 of their 29 with a chair stated or inferred from the Charter's rule). Lowered to
    # 30.1 % when the next search, meeting by meeting, found 11 chairs and added 3 meetings: 206 of 686;
    # to 29.7 % when the foreign ministers' meetings on the eve of the Summits and the Coordinating and
    # APSC Councils were added (27 meetings, most with a chair stated or inferred): 213 of 718; to 29.4 %
    # with the ARF senior officials', ADSOM, ASOD and Council meetings found next: 216 of 735; to 28.9 %
    # with the foreign ministers' retreats of 2008-2013 and the chairs of four older Summits: 215 of 744 (with the 1994 AMM, found without its chair);
    # to 21.9 % when the AMM's and ASEANAPOL's host rules were sourced (the chairmanship passed to the next
    # host 'in accordance with ASEAN tradition'; the host's police chief holds the ASEANAPOL presidency for
    # the year): 163 of 744; to 21.1 % when the ARF's and ARF SOM's rule before the Charter (the ARF
    # chair hosted and chaired them) was recorded: 157 of 744; to 19.5 % when co-chairs were inferred from
    # the terms on record (the ADMM-Plus working groups' three-year pairs; the SOM-DOC's and its working
    # group's co-chairmanships stated for two terms) and three co-chairs and a chair were found: 145 of 744
    # (and of 745 with the Manila round of the DOC working group, found with its co-chairs named); to
    # 19.3 % when five foreign ministers' retreats were added from checks from outside (three with the chair
    # named, two with the ASEAN Chair's rule since the Charter): 145 of 750; to 19.1 % with eight ARF
    # meetings found with their co-chairs named (support group, inter-sessional meetings): 145 of 758, and of
    # 759 with the Vientiane retreat of 2016 (its chair named).
    assert totals["without_chair"] / totals["records_meetings"] <= 0.192
    assert totals["chairs_stated"] >= 460
    bodies = {b["mechanism"]: b for b in run_json("coverage")}
    assert bodies["asod"]["chairs_inferred"] >= 9 and bodies["asod"]["latest_meeting"] == "asod-46"
    assert bodies["aseanapol"]["chairs_inferred"] >= 19 and bodies["amm"]["chairs_inferred"] >= 30


def test_the_host_rules_of_the_amm_and_aseanapol_mark_what_they_infer(run_json):
    """The host chairs the AMM and the ASEANAPOL conference (sourced rules): a meeting with no chair
    named gets its host, marked as inferred; the AMM's special and informal meetings before the Charter
    are kept out of the rule (`chair_by_rule: false`), and a stated chair is never replaced."""
    rows = {r["id"]: r for r in run_json("meetings", "--mechanism", "amm")}
    assert (rows["amm-56"]["chair_country"], rows["amm-56"]["chair_basis"]) == ("id", "rule")
    assert (rows["amm-34"]["chair_country"], rows["amm-34"]["chair_basis"]) == ("vn", "stated")
    assert rows["amm-special-1979"]["chair_country"] is None
    assert rows["amm-informal-consultation-2024-12"]["chair_country"] == "la"  # stated, not its host
    ahead = run_json("chair", "2027", "--mechanism", "AMM")  # since the Charter: the year's ASEAN Chair
    assert (ahead["country"], ahead["status"]) == ("sg", "inferred")
    police = {r["ordinal"]: r for r in run_json("meetings", "--mechanism", "aseanapol")}
    assert (police["35"]["chair_country"], police["35"]["chair_basis"]) == ("id", "rule")
    assert (police["43"]["chair_country"], police["43"]["chair_basis"]) == ("th", "stated")


def test_a_rule_before_the_charter_gives_the_host_of_an_earlier_meeting(run_json):
    """The ARF SOM follows the ASEAN Chair from the Charter; before it the ARF chair hosted and chaired
    (`chair_rule_before: host_rotation`): the 1994 meeting in Bangkok gets Thailand, marked inferred."""
    rows = {r["ordinal"]: r for r in run_json("meetings", "--mechanism", "arf-som")}
    assert (rows["1994"]["chair_country"], rows["1994"]["chair_basis"]) == ("th", "rule")
    assert (rows["1996"]["chair_country"], rows["1996"]["chair_basis"]) == ("id", "stated")
    assert rows["2011"]["chair_country"] == "id"  # the ASEAN Chair of 2011, by the rule since the Charter


def test_a_term_on_record_gives_the_co_chairs_of_a_meeting_surely_inside_it(run, run_json):
    """The ADMM-Plus working groups are co-chaired by a pair for a three-year cycle (a source states it);
    a meeting no source names co-chairs for, held surely inside a pair's term, gets that pair, marked
    inferred and citing the term's sources; one in a term's first or last year gets none."""
    rows = {r["id"]: r for r in run_json("meetings", "--mechanism", "admm-plus-ewg-ms")}
    seoul = rows["admm-plus-ewg-ms-13"]  # 2018, inside Singapore and the ROK's 2017-2020 term
    assert [s["country"] for s in seoul["co_chairs"]] == ["sg", "kr"]
    assert (seoul["chair_country"], seoul["chair_basis"]) == (None, "rule")
    assert any("mnd.go.kr" in ref for ref in seoul["chair_rule_sources"])  # the term's own source
    assert rows["admm-plus-ewg-ms-18"]["chair_basis"] == "stated"  # named: kept as the source says
    cyber = {r["id"]: r for r in run_json("meetings", "--mechanism", "admm-plus-ewg-cs")}
    assert cyber["admm-plus-ewg-cs-1"]["co_chairs"] == []  # July 2017: the first year of a 2017-2019 term, or 2014-2017's last
    pko = {r["id"]: r for r in run_json("meetings", "--mechanism", "admm-plus-ewg-pko")}
    # the term from April 2014 (a month given): September 2014 falls surely inside it
    assert [s["country"] for s in pko["admm-plus-ewg-pko-2014-09"]["co_chairs"]] == ["kh", "kr"]
    led = {r["id"] for r in run_json("meetings", "--led-by", "kr", "--mechanism", "admm-plus-ewg-ms")}
    assert "admm-plus-ewg-ms-13" in led
    stated = {r["id"] for r in run_json("meetings", "--led-by", "kr", "--mechanism", "admm-plus-ewg-ms",
                                          "--stated-only")}
    assert "admm-plus-ewg-ms-13" not in stated
    text = run("meeting", "admm-plus-ewg-ms-13").output
    assert "Singapore & Republic of Korea (inferred)" in text and "no source names the co-chairs" in text
    export = {m["id"]: m for m in run_json("export")["meetings"]}
    assert export["admm-plus-ewg-ms-13"]["co_chairs"] == [{"country": "sg"}, {"country": "kr"}]
    assert export["admm-plus-ewg-ms-13"]["chair_basis"] == "rule"
    doc = {r["id"]: r for r in run_json("meetings", "--mechanism", "SOM-DOC", "--year", "2019")}
    assert {tuple(s["country"] for s in r["co_chairs"]) for r in doc.values()} == {("ph", "cn")}
    # a term that ends within the year asked for says so: Malaysia's co-chairmanship runs to July 2027
    assert "until 2027-07" in run_json("chair", "2027", "--mechanism", "SOM-DOC")["basis"]
    # the term's own sources back an inferred pair, not another term's (Malaysia's, for 2019)
    assert not any("sinarharian" in ref for ref in doc["asean-china-som-doc-17"]["chair_rule_sources"])
    # a year a stated term covers is held, whether or not its meetings' co-chairs are only inferred
    for year in ("2019", "2020"):
        answer = run_json("chair", year, "--mechanism", "SOM-DOC")
        assert (answer["country"], answer["status"]) == ("ph", "held"), year
    assert run_json("chair", "2020", "--mechanism", "JWG-DOC")["country"] == "ph"  # the rule names its roles
    # two terms in one year: the answer says so; a term with no start reaches back no further than its end
    assert "also held it in 2017" in run_json("chair", "2017", "--mechanism", "admm-plus-ewg-ms")["basis"]
    assert run_json("chair", "2010", "--mechanism", "admm-plus-ewg-ms")["country"] is None


def test_validate_refuses_a_chair_rule_role_that_names_no_role(run, tmp_path):
    data = _copy_with_record_changed(tmp_path, "mechanisms.yaml", "admm-plus-ewg-ms",
                                     "mechanism: admm-plus-ewg-ms", "mechanism: admm-plus-ewg-none")
    result = run("validate", str(data))
    assert result.exit_code == 3
    assert "chair_rule_role names no role on record" in result.output


def test_validate_refuses_a_rule_before_without_the_day_it_ended(run, tmp_path):
    data = _copy_with_record_changed(tmp_path, "mechanisms.yaml", "arf-som", "\n  chair_rule_from: '2008-12-15'", "")
    result = run("validate", str(data))
    assert result.exit_code == 3
    assert "chair_rule_before names the rule before chair_rule_from" in result.output


def test_validate_refuses_a_rule_opt_out_on_a_meeting_with_a_chair(run, tmp_path):
    data = _copy_with_record_changed(tmp_path, "meetings.yaml", "amm-34", "\n  sources:",
                                     "\n  chair_by_rule: false\n  sources:")
    result = run("validate", str(data))
    assert result.exit_code == 3
    assert "chair_by_rule is false" in result.output


def test_every_body_without_a_meeting_is_explained_in_the_gaps_document(run_json):
    from pathlib import Path

    gaps = (Path(__file__).resolve().parent.parent / "docs" / "gaps.md").read_text(encoding="utf-8")
    bodies = {b["mechanism"]: b for b in run_json("coverage")}
    unexplained = [b["mechanism_name"] for b in bodies.values() if not b["meetings"]
                   and b["mechanism_name"] not in gaps and b["mechanism"] != "asean" and b["mechanism"] != "apsc"]
    assert unexplained == []


def test_no_page_is_cited_under_two_ids(document):
    from collections import Counter

    urls = Counter(s["url"] for s in document["sources"] if s.get("url"))
    known = {"https://www.sunstar.com.ph/article/120686/editorial-asean50-and-what-it-means-to-us",
             "https://aseanyouth.net/asean-chairmanship-2021-brunei-darussalam"}
    assert {u for u, n in urls.items() if n > 1} <= known


def test_a_treaty_enters_into_force_after_it_is_signed(document):
    late = [(d["id"], d["date"], d["in_force"]) for d in document["documents"]
            if d.get("in_force") and d.get("date") and str(d["in_force"]) < str(d["date"])]
    assert late == []
    in_force = {d["id"] for d in document["documents"] if d.get("in_force")}
    assert {"seanwfz-treaty-1995", "protocol-asean-charter-dsm-2010"} <= in_force


def test_validate_holds_a_meetings_outcomes_and_its_documents_to_each_other(run, run_json, tmp_path):
    """What a meeting adopted is answered from both sides (`meetings` outcomes, `documents`): a
    document adopted at a meeting must be among its outcomes, and an outcome may not name another."""
    import shutil

    from asean_sec.loading.load import shipped_data_dir

    adopted = {d["id"]: d["meeting"] for d in run_json("export")["documents"] if d.get("meeting")}
    listed = {o: m["id"] for m in run_json("export")["meetings"] for o in m.get("outcomes", ())}
    assert all(listed.get(document) == meeting for document, meeting in adopted.items())
    data = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), data)
    meetings = data / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    assert "  - asean-multisectoral-work-plan-tip-2023-2028\n" in text
    meetings.write_text(text.replace("  - asean-multisectoral-work-plan-tip-2023-2028\n", "", 1), encoding="utf-8")
    result = run("validate", str(data))
    assert result.exit_code == 3
    assert "adopted at ammtc-17, but ammtc-17 does not list it in its outcomes" in result.output


def test_the_summit_series_and_its_rule(run_json):
    """Every numbered ASEAN Summit held, from the 1st to the 48th (the 49th only as scheduled); a summit since
    the Charter with no chair named takes the year's ASEAN Chair by the Charter's Art. 31, none before it does."""
    summits = run_json("meetings", "-m", "ASEAN")
    numbered = sorted(int(m["ordinal"]) for m in summits if m["ordinal"].isdigit() and m["status"] == "held")
    assert numbered == list(range(1, 49))
    assert [m["status"] for m in summits if m["ordinal"] == "49"] == ["scheduled"]
    inferred = {m["ordinal"]: m["chair_country"] for m in summits if m["chair_basis"] == "rule"}
    assert inferred and all(m["start"] >= "2008-12-15" for m in summits if m["chair_basis"] == "rule")
    assert inferred.get("20") == "kh"  # Cambodia chaired ASEAN in 2012


def test_tac_accessions_are_dated_documents(run_json):
    accessions = [d for d in run_json("export")["documents"] if d["id"].startswith("tac-accession-")]
    assert len(accessions) >= 29 and all(d.get("date") and d["sources"] for d in accessions)
    us = next(d for d in accessions if d["id"].startswith("tac-accession-united-states"))
    assert us["date"] == "2009-07-22"


def test_a_host_is_a_member_by_the_meetings_last_day(run, tmp_path):
    """The 1st AMM met from 5 August 1967 and founded ASEAN on its last day, the 8th: no warning. A
    meeting that ended before its host joined is still one."""
    import shutil

    from asean_sec.loading.load import shipped_data_dir

    data = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), data)
    assert "was not an ASEAN member" not in run("validate", str(data)).output
    meetings = data / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("  start: '1967-08-05'\n  end: '1967-08-08'\n", "  start: '1967-08-05'\n  end: '1967-08-07'\n", 1),
                        encoding="utf-8")
    assert "amm-1: host 'th' was not an ASEAN member on 1967-08-07" in run("validate", str(data)).output


def test_north_korea_is_a_country_of_its_own_and_plain_korea_asks_which(run, run_json):
    """An ARF participant: 'North Korea' must never be answered as the Republic of Korea."""
    assert [m["id"] for m in run_json("meetings", "--attended-by", "North Korea")] == ["arf-7"]
    assert run_json("country", "DPRK")["country"]["id"] == "kp"
    result = run("meetings", "--attended-by", "Korea")
    assert result.exit_code == 2 and "ambiguous country 'Korea'" in result.stderr


def test_validate_warns_of_two_holders_of_one_post_at_once_unless_a_note_says_why(run, tmp_path):
    """Han Min-koo's term ends on 14 July 2017, his successor's starts on the 13th: the note explains it
    (appointed the evening before the hand-over). Without the note, validate warns."""
    import shutil
    from pathlib import Path

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent.parent / "data", data)
    assert run("--data-dir", str(data), "validate", "--strict").exit_code == 0
    text = (data / "people.yaml").read_text(encoding="utf-8")
    for person in ("han-min-koo", "song-young-moo"):  # neither record's note says why
        start = text.index(f"- person: {person}\n  title: Minister of National Defense")
        note = text.index("  note: >-\n", start)
        end = text.index("  last_verified:", note)
        text = text[:note] + text[end:]
    (data / "people.yaml").write_text(text, encoding="utf-8")
    result = run("--data-dir", str(data), "validate", "--strict")
    assert result.exit_code != 0 and "song-young-moo's term as Minister of National Defense starts 2017-07-13, before " \
        "han-min-koo's ends (2017-07-14)" in result.output
