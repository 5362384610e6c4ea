"""A date worked out from what the sources print (`derived`) is marked wherever it is shown: `*`
and a note for people, `derived` in JSON; `validate` refuses a name the record does not give."""

from pathlib import Path

DERIVED_NOTE = "*: a date worked out from what the sources print"


def _mark(data: Path) -> None:
    meetings = data / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("  end: '2023-08-23'\n", "  end: '2023-08-23'\n  derived: [end]\n", 1),
                        encoding="utf-8")
    people = data / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("  start: '2021'\n", "  start: '2021'\n  derived: [start]\n", 1), encoding="utf-8")


def test_derived_dates_are_marked_for_people_and_named_in_json(run, run_json, data):
    _mark(data)
    assert run("validate", str(data)).exit_code == 0
    d = ["--data-dir", str(data)]
    [seventeenth] = [m for m in run_json(*d, "meetings", "-m", "ammtc") if m["id"] == "ammtc-17"]
    assert seventeenth["derived"] == ["end"] and seventeenth["end"] == "2023-08-23"
    table = run(*d, "meetings", "-m", "ammtc", "--format", "plain").stdout
    assert "2023-08-21/23*" in table and DERIVED_NOTE in table
    assert "2023-08-21/23*" in run(*d, "meeting", "AMMTC 17", "--format", "plain").stdout
    assert run_json(*d, "meeting", "AMMTC 18")["derived"] == []
    assert "*" not in run(*d, "meeting", "AMMTC 18", "--format", "plain").stdout.split("Sources:")[0]

    profile = run_json(*d, "person", "Vilay Lakhamphong")
    assert profile["offices"][0]["derived"] == ["start"]
    assert profile["person"]["in_office"][0]["derived"] == ["start"]
    text = run(*d, "person", "Vilay Lakhamphong", "--format", "plain").stdout
    assert "2021*" in text and DERIVED_NOTE in text
    dossier = run(*d, "country", "la", "--format", "plain").stdout
    assert "2021*" in dossier and DERIVED_NOTE in dossier
    timeline = run_json(*d, "timeline")
    assert [r["derived"] for r in timeline if r["kind"] == "office_start"] == [["date"]]


def test_a_date_named_as_derived_must_be_given(run, data):
    meetings = data / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("  start: 2024-08\n", "  start: 2024-08\n  derived: [end]\n", 1),
                        encoding="utf-8")
    result = run("validate", str(data))
    assert result.exit_code == 3
    assert "derived names 'end', which the record does not give" in result.output
    assert "meetings.yaml:" in result.output
