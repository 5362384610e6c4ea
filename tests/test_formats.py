"""The output contract: formats, field names, exit codes, colour, completion."""

import csv
import io
import json

from click.shell_completion import ShellComplete

from asean_sec.cli.app import cli

CHAIR_FIELDS = ["year", "mechanism", "mechanism_name", "country", "country_name", "person", "person_name",
                "status", "basis", "note", "sources", "last_verified", "co_chairs"]
MEETING_FIELDS = ["id", "mechanism", "mechanism_name", "ordinal", "status", "start", "end", "city", "host",
                  "host_name", "chair_country", "chair_country_name", "chair_person", "chair_person_name",
                  "co_chairs", "format", "parent", "theme", "all_members_attended", "participants", "outcomes",
                  "note", "sources", "last_verified", "chair_basis", "chair_rule_sources", "derived", "venue",
                  "held_in", "held_in_name"]


def test_json_field_names_are_pinned(run_json):
    assert list(run_json("chair", "2024")) == CHAIR_FIELDS
    meetings = run_json("meetings", "-m", "ammtc")
    assert all(list(m) == MEETING_FIELDS for m in meetings)
    eighteenth = next(m for m in meetings if m["id"] == "ammtc-18")
    assert list(eighteenth["participants"][0]) == ["country", "country_name", "person", "person_name",
                                                   "title", "role"]
    assert list(eighteenth["outcomes"][0]) == ["id", "title", "status"]


def test_jsonl_is_one_record_a_line(run):
    lines = run("meetings", "-m", "ammtc", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["ordinal"] for r in records][:3] == ["1", "2", "3"]


def test_csv_and_tsv_share_the_json_field_names(run):
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = run("meetings", "-m", "ammtc", "--format", fmt).stdout
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        assert list(rows[0]) == MEETING_FIELDS
        eighteenth = next(r for r in rows if r["ordinal"] == "18")
        assert eighteenth["start"] == "2024-08-28" and "Vientiane Declaration" in eighteenth["outcomes"]


def test_markdown_is_a_memo_block_with_sources(run):
    text = run("chair", "2024", "--format", "markdown").stdout
    assert text.startswith("### ASEAN chair, 2024")
    assert "- **Chair:** Lao PDR" in text and "**Sources**" in text


def test_no_cite_drops_the_sources_list(run):
    assert "Sources:" not in run("chair", "2024", "--format", "plain", "--no-cite").stdout


def test_colour_only_when_asked_and_an_explicit_always_beats_no_color(run, monkeypatch):
    coloured = run("chair", "2024", "--format", "table", "--color", "always").stdout
    assert "\x1b[" in coloured
    assert "\x1b[" not in run("chair", "2024", "--format", "table").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("chair", "2024", "--format", "table", "--color", "auto").stdout
    assert "\x1b[" in run("chair", "2024", "--format", "table", "--color", "always").stdout  # no-color.org


def test_piped_table_is_not_wrapped_at_80_columns(run):
    lines = run("meetings", "-m", "ammtc", "--year", "2024", "--format", "table").stdout.splitlines()
    assert max(len(line) for line in lines) > 80


def test_exit_codes(run, tmp_path):
    assert run("meetings", "--hosted-by", "Viet Nam").exit_code == 0
    assert run("meetings", "--hosted-by", "Timor-Leste", "--until", "2020-12-31").exit_code == 1
    assert run("meetings", "--hosted-by", "Atlantis").exit_code == 2
    assert run("meetings", "--format", "yaml").exit_code == 2
    assert run("--data-dir", str(tmp_path), "chair").exit_code == 3
    (tmp_path / "taken.db").write_text("x")
    assert run("export", "--format", "sqlite", str(tmp_path / "taken.db")).exit_code == 4


def test_ics_parses_as_a_calendar(run):
    from icalendar import Calendar

    text = run("meetings", "-m", "ammtc", "--since", "2023", "--format", "ics").stdout
    calendar = Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    eighteenth = events["ammtc-18@asean-sec"]
    assert str(eighteenth["SUMMARY"]) == "AMMTC 18"
    assert eighteenth.decoded("DTSTART").isoformat() == "2024-08-28"
    assert "Vientiane" in str(eighteenth["LOCATION"])
    # DTSTAMP says when the information was last checked (the data's as-of day), not the event's day
    as_of = json.loads(run("coverage", "--totals", "--format", "json").stdout)["as_of"]
    assert eighteenth.decoded("DTSTAMP").date().isoformat() == as_of


def _completions(args, incomplete):
    completer = ShellComplete(cli, {}, "asean-sec", "_ASEAN_SEC_COMPLETE")
    return [item.value for item in completer.get_completions(args, incomplete)]


def test_completion_suggests_countries_mechanisms_by_any_name():
    assert "Viet Nam" in _completions(["meetings", "--led-by"], "Vi")
    assert "Lao PDR" in _completions(["meetings", "--hosted-by"], "lao")
    assert {"AMMTC", "ammtc"} <= set(_completions(["meetings", "--mechanism"], "amm"))


def test_version_names_the_data_as_of_date(run):
    result = run("--version", as_of=None)
    assert result.stdout.startswith("asean-sec ") and "data as of 20" in result.stdout


def test_csv_and_tsv_keep_nested_values_whole(run, run_json):
    import csv
    import io
    import json

    full = {r["id"]: r for r in run_json("meetings", "--mechanism", "AMMTC")}
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = run("meetings", "--mechanism", "AMMTC", "--format", fmt).stdout
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        assert list(rows[0]) == list(next(iter(full.values())))  # field names unchanged
        for row in rows:
            whole = full[row["id"]]
            for field in ("participants", "co_chairs", "outcomes"):
                assert (json.loads(row[field]) if row[field] else []) == whole[field], (fmt, row["id"], field)
            assert row["sources"] == "; ".join(whole["sources"])


def test_completion_suggests_meeting_ids():
    found = _completions(["meeting"], "ammtc-1")
    assert "ammtc-17" in found and all(m.startswith("ammtc-1") for m in found)


def test_src_numbers_follow_the_rows_shown_after_reverse_and_limit(run):
    text = run("meetings", "-m", "AMMTC", "--reverse", "--limit", "2", "--format", "plain").stdout
    first = text.splitlines()[1]
    assert first.split()[-1].startswith("1")  # the first row shown cites source [1] of the list under it
    assert "\n  [1] " in text


def test_no_cite_plain_has_no_src_column(run):
    text = run("meetings", "-m", "AMMTC", "--format", "plain", "--no-cite").stdout
    assert "Src" not in text.splitlines()[0]


def test_tsv_is_unquoted_so_cut_reads_it(run):
    text = run("meetings", "-m", "ammtc", "--format", "tsv").stdout
    lines = text.splitlines()
    assert all(line.count("\t") == lines[0].count("\t") for line in lines)
    assert '""' not in text and '[{"country": "vn"' in text


def test_a_calendar_says_what_it_leaves_out(run):
    result = run("meetings", "--since", "2026-11-23", "--format", "ics")
    assert result.exit_code == 0 and "BEGIN:VCALENDAR" in result.stdout
    assert "are not in the calendar: their day is not known" in result.stderr
