"""The command line as a whole: help, data directory, validate, export, exit codes."""

import json
import shutil
from pathlib import Path

from asean_sec.cli.app import cli
from asean_sec.loading.load import shipped_data_dir

DATA = shipped_data_dir()


def test_every_command_has_help_with_an_example(run):
    import click

    context = click.Context(cli)
    names = cli.list_commands(context)
    assert {"chair", "meetings", "validate", "export", "brief", "country", "coverage"} <= set(names)
    for name in names:
        command = cli.get_command(context, name)
        assert command.help, name
        assert "Example" in command.help and f"asean-sec {name}" in command.help, name
        assert run(name, "--help").exit_code == 0


def test_version(run):
    result = run("--version", as_of=None)
    assert result.exit_code == 0 and result.stdout.startswith("asean-sec ")


def test_validate_passes_on_the_shipped_data(run):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "valid (" in result.stdout


def test_data_dir_option_and_environment_variable(run, tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    text = (copy / "mechanisms.yaml").read_text(encoding="utf-8")
    (copy / "mechanisms.yaml").write_text(text.replace("year: 2027\n  country: sg", "year: 2027\n  country: th"),
                                          encoding="utf-8")
    assert json.loads(run("--data-dir", str(copy), "chair", "2027", "--format", "json").stdout)["country"] == "th"
    monkeypatch.setenv("ASEAN_SEC_DATA", str(copy))
    assert json.loads(run("chair", "2027", "--format", "json").stdout)["country"] == "th"


def test_missing_data_dir_is_a_data_error(run, tmp_path):
    result = run("--data-dir", str(tmp_path / "nowhere"), "chair")
    assert result.exit_code == 3
    assert "data directory not found" in result.stderr
    assert "Traceback" not in result.output


def test_export_json_holds_every_section_with_yaml_field_names(run):
    result = run("export", "--format", "json")
    document = json.loads(result.stdout)
    assert set(document) >= {"dataset", "countries", "mechanisms", "asean_chair", "meetings", "people",
                             "offices", "documents", "roles", "crimes", "sources"}
    assert any(m["id"] == "ammtc-18" for m in document["meetings"])


def test_export_never_overwrites_without_force(run, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("precious")
    result = run("export", str(target))
    assert result.exit_code == 4 and target.read_text() == "precious"
    assert run("export", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text())["dataset"]["as_of"]
    assert [p.name for p in Path(tmp_path).iterdir()] == ["out.json"]


def test_bad_as_of_is_a_usage_error(run):
    result = run("chair", as_of="2024-13-01")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_version_states_the_licences(run):
    result = run("--version", as_of=None)
    assert "MIT" in result.stdout and "CC BY 4.0" in result.stdout


def test_a_span_that_ends_before_it_begins_is_a_usage_error(run):
    for command in (["meetings"], ["timeline"]):
        result = run(*command, "--since", "2026", "--until", "2025")
        assert result.exit_code == 2 and "is after --until" in result.output, (command, result.output)


def test_document_types_match_in_the_plural_and_an_unknown_type_lists_them_all(run, run_json):
    assert {d["type"] for d in run_json("documents", "--type", "treaties")} == {"treaty"}
    assert {d["type"] for d in run_json("documents", "--type", "plans of action")} == {"plan_of_action"}
    result = run("documents", "--type", "foo")
    assert result.exit_code == 2 and "'treaty'" in result.output


def test_a_day_well_after_the_datas_own_date_gets_a_note_on_stderr(run):
    later = run("country", "ph", "--format", "plain", as_of="2030-01-01")
    assert later.exit_code == 0 and "the data is as of" in later.stderr and "2030-01-01" in later.stderr
    assert "the data is as of" not in run("country", "ph", "--format", "plain", as_of="2026-11-23").stderr


def test_color_always_draws_the_coloured_table_into_a_pipe(run):
    text = run("meetings", "-m", "AMMTC", "--color", "always", "--limit", "2").stdout
    assert "\x1b[" in text and "Meetings of AMMTC" in text
    assert "\x1b[" not in run("meetings", "-m", "AMMTC", "--limit", "2").stdout


def test_today_is_the_as_of_day_and_as_of_is_given_once(run):
    since = run("meetings", "-m", "AMMTC", "--since", "today", "--format", "json", as_of="2020-01-01")
    import json as _json

    assert [m["ordinal"] for m in _json.loads(since.stdout)][:1] == ["14"]
    override = run("chair", "current", "--as-of", "2019-06-01", "--format", "json", as_of="2013-01-01")
    assert override.exit_code == 0 and _json.loads(override.stdout)["year"] == 2019  # the one after the command wins
