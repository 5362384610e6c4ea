"""Every mistake in the data files becomes one clear message with file and line, never a traceback.

tests/fixtures/minimal/ is a small valid data set. Each tests/fixtures/broken/<case>/ holds the
files that replace minimal's to break one thing (the second line of each says what); each
tests/fixtures/accepted/<case>/ holds a change that must pass. Byte-level cases (encodings,
line endings, size) are written by the tests themselves.
"""

import os
import shutil
from pathlib import Path

import pytest

from asean_sec.loading import load, text, yamlio
from asean_sec.problems import DataError

FIXTURES = Path(__file__).parent / "fixtures"
DATA_ERROR = 3

# case, file, line, fragment of the message
BROKEN = [
    ("yaml-syntax", "meetings.yaml", 28, "YAML syntax: while scanning a simple key (noticed at line 29): "
                                         "could not find expected ':'"),
    ("unclosed-quote", "meetings.yaml", 9, "while scanning a quoted scalar (noticed at line 35): "
                                           "found unexpected end of stream (fix: close the quote"),
    ("colon-in-value", "sources.yaml", 16, "mapping values are not allowed"),
    ("two-documents", "documents.yaml", 11, "but found another document (fix: remove the `---` line"),
    ("tab-indent", "meetings.yaml", 28, "tab character used for indentation (fix: indent with spaces only)"),
    ("empty-file", "people.yaml", 1, "file is empty"),
    ("comments-only", "people.yaml", 1, "file holds no data (only comments or blank lines)"),
    ("top-level-list", "countries.yaml", 1, "top level is a list, not a mapping"),
    ("top-level-text", "dataset.yaml", 1, "top level is a string ('asean-sec test fixture'), not a mapping"),
    ("duplicate-key", "meetings.yaml", 29, "duplicate key 'city' (first at line 28)"),
    ("duplicate-id", "meetings.yaml", 24, "duplicate id 'ammtc-17' (first at line 4)"),
    ("duplicate-year", "mechanisms.yaml", 39, "two records for the year 2025 (first at line 33)"),
    ("norway-boolean", "meetings.yaml", 15, "meetings[0].all_members_attended should be true or false, "
                                            "not a string ('NO') (fix: write true or false"),
    ("norway-id", "meetings.yaml", 31, "meetings[1].chair.country is 'NO', which is not well formed "
                                       "(fix: lower-case kebab-case id: write 'no')"),
    ("quoted-year", "mechanisms.yaml", 33, "asean_chair[2].year should be an integer, not a string ('2025')"),
    ("fractional-year", "mechanisms.yaml", 33, "asean_chair[2].year should be an integer, "
                                               "not a number (2024.5)"),
    ("unquoted-partial-date", "meetings.yaml", 27, "meetings[1].start should be a string, "
                                                   "not an integer (2024) (fix: quote it: start: '2024')"),
    ("fractional-ordinal", "meetings.yaml", 26, "ordinal should be a string or an integer, "
                                                "not a number (17.5)"),
    ("wrong-type-list", "meetings.yaml", 20, "meetings[0].outcomes should be a list, not a string"),
    ("empty-section", "meetings.yaml", 3, "meetings should be a list, not empty (null)"),
    ("unknown-field", "meetings.yaml", 30, "unknown field 'chiar' in meetings[1] "
                                           "(fix: did you mean 'chair'?)"),
    ("missing-field", "meetings.yaml", 24, "meetings[1] lacks required field 'mechanism'"),
    ("superscript-ordinal", "meetings.yaml", 26, "ordinal '¹⁸' is not written with the digits 0-9"),
    ("enum-case", "meetings.yaml", 14, "meetings[0].format is 'In_Person', not one of the allowed values "
                                       "(fix: did you mean 'in_person'?)"),
    ("no-sources", "documents.yaml", 11, "documents[0].sources is empty"),
    ("invalid-date", "meetings.yaml", 27, "start: '2023-02-30' is not a day of the calendar"),
    ("invalid-month", "meetings.yaml", 27, "start: '2024-13-01' has no month 13"),
    ("year-zero", "people.yaml", 18, "start: '0000' is out of range"),
    ("invalid-as-of", "dataset.yaml", 4, "as_of: '2026-02-30' is not a day of the calendar"),
    ("end-before-start", "meetings.yaml", 8, "end 2023-08-20 is before start 2023-08-21"),
    ("unknown-country", "meetings.yaml", 29, "host refers to unknown country 'lao' (fix: did you mean la?)"),
    ("unknown-mechanism", "documents.yaml", 9, "mechanism refers to unknown mechanism 'amtc'"),
    ("unknown-person", "meetings.yaml", 32, "chair.person refers to unknown person 'vilay'"),
    ("unknown-source", "countries.yaml", 19, "sources[0] refers to unknown source 'charterr'"),
    ("ambiguous-name", "countries.yaml", 32, "'Laos' names both 'la' and 'ph'"),
    ("parent-cycle", "mechanisms.yaml", 16, "mechanism 'ammtc' is its own ancestor "
                                            "(ammtc -> asean -> ammtc)"),
    ("python-tag", "meetings.yaml", 28, "tag '!!python/object/apply:os.system' is not allowed"),
    ("local-tag", "sources.yaml", 6, "tag '!include' is not allowed"),
    ("bad-tagged-value", "meetings.yaml", 15, "cannot read value: 'maybe' is not true or false"),
    ("alias-bomb", "sources.yaml", 5, "aliases (*name) are not allowed"),
    ("deep-nesting", "roles.yaml", 11, "values nested more than 32 levels deep"),
    ("many-problems", "meetings.yaml", 14, "unknown field 'formt' in meetings[0]"),
    ("many-problems", "people.yaml", 9, "people[1] lacks required field 'name'"),
    ("many-problems", "roles.yaml", 9, "country refers to unknown country 'lao'"),
]


def make_data(tmp_path: Path, case: str | None = None, kind: str = "broken") -> Path:
    """A copy of the minimal data set with the files of `case` put in place."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    if case:
        for file in (FIXTURES / kind / case).iterdir():
            shutil.copyfile(file, target / file.name)
    return target


def assert_data_error(result, path: Path, line: int | None, fragment: str) -> None:
    """Exit 3, no traceback, and a `file:line:` problem that says `fragment`."""
    assert result.exit_code == DATA_ERROR, result.output
    assert "Traceback" not in result.output
    prefix = f"{path}:{line}:" if line else f"{path}: "
    lines = [text.strip().removeprefix("error: ") for text in result.stderr.splitlines()]  # one problem: one line
    problems = [text for text in lines if text.startswith(prefix)]
    assert any(fragment in problem for problem in problems), f"{prefix} {fragment!r} not in:\n{result.stderr}"


@pytest.mark.parametrize("case, file, line, fragment", BROKEN)
def test_validate_names_the_file_the_line_and_the_problem(run, tmp_path, case, file, line, fragment):
    data = make_data(tmp_path, case)
    result = run("validate", str(data))
    assert_data_error(result, data / file, line, fragment)
    assert result.stdout == ""


@pytest.mark.parametrize("case, file, line, fragment", BROKEN)
def test_a_query_on_broken_data_stops_with_the_same_problem(run, tmp_path, case, file, line, fragment):
    data = make_data(tmp_path, case)
    result = run("--data-dir", str(data), "chair", "2024")
    assert_data_error(result, data / file, line, fragment)
    assert result.stdout == ""


def test_every_broken_fixture_has_a_case():
    assert {case for case, *_ in BROKEN} == {p.name for p in (FIXTURES / "broken").iterdir()}


def test_the_minimal_data_set_is_valid_and_answers(run_json, run):
    data = str(FIXTURES / "minimal")
    result = run("validate", data, "--strict")
    assert result.exit_code == 0, result.output
    assert run_json("--data-dir", data, "chair", "2024")["country"] == "la"
    assert [m["id"] for m in run_json("--data-dir", data, "meetings")] == ["ammtc-17", "ammtc-18"]


def test_many_problems_are_all_listed_in_one_run(run, tmp_path):
    result = run("validate", str(make_data(tmp_path, "many-problems")))
    assert "invalid (3 errors)" in result.stderr


def test_a_python_tag_is_refused_never_executed(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("validate", str(make_data(tmp_path, "python-tag")))
    assert not (tmp_path / "asean-sec-pwned").exists()


# --- bytes: encodings, line endings, size --------------------------------------------------

def test_a_file_that_is_not_utf8_names_its_line_and_column(run, tmp_path):
    data = make_data(tmp_path)
    text = (data / "people.yaml").read_text(encoding="utf-8")
    (data / "people.yaml").write_bytes(text.replace("Vilay Lakhamphong", "Vilay Lakhamphong (Caf\u00e9)")
                                       .encode("latin-1"))
    result = run("validate", str(data))
    assert_data_error(result, data / "people.yaml", 9, "not UTF-8 text (byte 0xe9)")
    assert f"{data / 'people.yaml'}:9:31:" in result.stderr


def test_a_utf16_file_is_not_utf8(run, tmp_path):
    data = make_data(tmp_path)
    path = data / "countries.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert_data_error(run("validate", str(data)), data / "countries.yaml", 1, "not UTF-8 text (byte 0xff)")


def test_a_control_character_is_named_with_its_line(run, tmp_path):
    data = make_data(tmp_path)
    text = (data / "sources.yaml").read_text(encoding="utf-8")
    (data / "sources.yaml").write_text(text.replace("title: ASEAN Charter", "title: ASEAN\x1bCharter"),
                                       encoding="utf-8")
    result = run("validate", str(data))
    assert_data_error(result, data / "sources.yaml", 5, "control character U+001B is not allowed")


def test_a_very_large_file_is_refused_before_it_is_read_whole(run, tmp_path):
    data = make_data(tmp_path)
    with open(data / "sources.yaml", "ab") as handle:
        handle.truncate(load.MAX_FILE_BYTES + 1)
    result = run("validate", str(data))
    assert_data_error(result, data / "sources.yaml", None, f"file is over the {load.MAX_FILE_BYTES:,}-byte limit")


BOM = b"\xef\xbb\xbf"
def test_a_file_with_too_many_values_is_refused_early(run, tmp_path, monkeypatch):
    monkeypatch.setattr(text, "MAX_VALUES", 50)
    data = make_data(tmp_path)
    (data / "roles.yaml").write_text("crimes:\n" + "- terrorism\n" * 60 + "roles: []\n", encoding="utf-8")
    result = run("validate", str(data))
    assert_data_error(result, data / "roles.yaml", 49, "more than 50 values in one file")


def test_a_flood_of_problems_is_cut_short_per_file(run, tmp_path):
    data = make_data(tmp_path)
    keys = "".join(f"  name: Terrorism {n}\n" for n in range(300))
    (data / "roles.yaml").write_text(f"crimes:\n- id: terrorism\n{keys}  sources: [charter]\nroles: []\n",
                                     encoding="utf-8")
    result = run("validate", str(data))
    assert_data_error(result, data / "roles.yaml", 4, "duplicate key 'name' (first at line 3)")
    assert f"{data / 'roles.yaml'}: … and 99 more problems in this file" in result.stderr
    assert result.stderr.count("duplicate key") == 200


@pytest.mark.skipif(not hasattr(yamlio, "_LibyamlLoader"), reason="PyYAML was built without libyaml")
@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_yaml_parsers_read_the_same_values_and_lines(path, monkeypatch):
    """libyaml's events when PyYAML has them, PyYAML's own otherwise: the same values, lines and columns."""
    found = []
    for loader in (yamlio._LibyamlLoader, yamlio._PureLoader):
        monkeypatch.setattr(yamlio, "_Loader", loader)
        document, problems = yamlio.read_yaml(path.name, path.read_bytes())
        value = (document.value, document.lines) if document else None
        found.append((value, [(p.line, p.column, p.message.split(":")[0]) for p in problems]))
    assert found[0] == found[1]


LINE_ENDINGS = {
    "bom": lambda b: BOM + b,
    "crlf": lambda b: b.replace(b"\n", b"\r\n"),
    "cr": lambda b: b.replace(b"\n", b"\r"),
    "bom+crlf": lambda b: BOM + b.replace(b"\n", b"\r\n"),
}


@pytest.mark.parametrize("variant", LINE_ENDINGS)
def test_byte_order_mark_and_crlf_line_endings_are_accepted(run_json, run, tmp_path, variant):
    data = make_data(tmp_path)
    for path in data.iterdir():
        path.write_bytes(LINE_ENDINGS[variant](path.read_bytes()))
    assert run("validate", str(data)).exit_code == 0
    assert run_json("--data-dir", str(data), "chair", "2024")["country_name"] == "Lao PDR"


@pytest.mark.parametrize("variant", LINE_ENDINGS)
def test_lines_are_counted_right_whatever_the_line_endings(run, tmp_path, variant):
    data = make_data(tmp_path, "duplicate-key")
    path = data / "meetings.yaml"
    path.write_bytes(LINE_ENDINGS[variant](path.read_bytes()))
    assert_data_error(run("validate", str(data)), path, 29, "duplicate key 'city' (first at line 28)")


# --- values YAML 1.1 would have misread --------------------------------------------------------

def test_yaml_1_1_surprises_stay_what_they_look_like():
    document, problems = yamlio.read_yaml("x.yaml", b"a: NO\nb: on\nc: yes\nd: 1:30\ne: 010\nf: 2024-08-28\n"
                                                    b"g: 0x1F\nh: .inf\ni: 1_000\nj: ~\nk: true\n")
    assert problems == []
    assert document.value == {"a": "NO", "b": "on", "c": "yes", "d": "1:30", "e": 10, "f": "2024-08-28",
                              "g": "0x1F", "h": ".inf", "i": "1_000", "j": None, "k": True}


def test_norway_is_a_country_not_false(run_json, run, tmp_path):
    data = str(make_data(tmp_path, "norway", kind="accepted"))
    assert run("validate", data).exit_code == 0
    [meeting] = run_json("--data-dir", data, "meetings", "--attended-by", "NO")
    assert meeting["id"] == "ammtc-17" and meeting["participants"][-1]["country_name"] == "Norway"
    norway = [c for c in run_json("--data-dir", data, "export")["countries"] if c["id"] == "no"]
    assert norway[0]["iso2"] == "NO"


def test_a_meeting_and_a_document_may_share_an_id(run, run_json, tmp_path):
    data = str(make_data(tmp_path, "same-id-meeting-and-document", kind="accepted"))
    assert run("validate", data).exit_code == 0
    [meeting] = run_json("--data-dir", data, "meetings", "--year", "2023")
    assert [(o["id"], o["title"]) for o in meeting["outcomes"]] == [("ammtc-17", "Labuan Bajo Declaration")]


# --- the data directory -------------------------------------------------------------------

def test_a_missing_data_directory(run, tmp_path):
    missing = tmp_path / "nowhere"
    for args in (["--data-dir", str(missing), "chair"], ["validate", str(missing)]):
        assert_data_error(run(*args), missing, None, "data directory not found")


def test_a_missing_data_directory_from_the_environment(run, tmp_path, monkeypatch):
    monkeypatch.setenv("ASEAN_SEC_DATA", str(tmp_path / "nowhere"))
    assert_data_error(run("meetings"), tmp_path / "nowhere", None, "data directory not found")


def test_an_empty_data_dir_option_is_refused_not_replaced_by_the_shipped_data(run):
    result = run("--data-dir", "", "chair")
    assert result.exit_code == DATA_ERROR and "the data directory is an empty string" in result.stderr


def test_a_file_given_as_the_data_directory(run, tmp_path):
    afile = tmp_path / "data.yaml"
    afile.write_text("name: x\n")
    result = run("--data-dir", str(afile), "chair")
    assert result.exit_code in (2, DATA_ERROR) and "Traceback" not in result.output
    assert "is a file" in result.stderr or "not a directory" in result.stderr
    with pytest.raises(DataError, match="is not a directory"):
        load.read_files(afile)


def test_a_missing_data_file(run, tmp_path):
    data = make_data(tmp_path)
    (data / "roles.yaml").unlink()
    assert_data_error(run("validate", str(data)), data / "roles.yaml", None, "data file missing")


def test_a_misnamed_data_file_is_pointed_out(run, tmp_path):
    data = make_data(tmp_path)
    (data / "meetings.yaml").rename(data / "meetings.yml")
    result = run("--data-dir", str(data), "meetings")
    fragment = "data file missing (fix: rename 'meetings.yml' to 'meetings.yaml')"
    assert_data_error(result, data / "meetings.yaml", None, fragment)


def test_a_directory_where_a_data_file_belongs(run, tmp_path):
    data = make_data(tmp_path)
    (data / "people.yaml").unlink()
    (data / "people.yaml").mkdir()
    result = run("validate", str(data))
    assert_data_error(result, data / "people.yaml", None, "is a directory, not a data file")


needs_permissions = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                                       reason="permissions do not stop root (or this system) from reading")


@needs_permissions
def test_an_unreadable_data_file(run, tmp_path):
    data = make_data(tmp_path)
    (data / "sources.yaml").chmod(0)
    try:
        result = run("validate", str(data))
    finally:
        (data / "sources.yaml").chmod(0o644)
    assert_data_error(result, data / "sources.yaml", None, "cannot read file: Permission denied")


@needs_permissions
def test_an_unreadable_data_directory(run, tmp_path):
    data = make_data(tmp_path)
    data.chmod(0)
    try:
        result = run("--data-dir", str(data), "chair")
    finally:
        data.chmod(0o755)
    assert_data_error(result, data, None, "cannot read the data directory: Permission denied")


def test_a_file_the_system_refuses_to_read(run, tmp_path, monkeypatch):
    """The same as the chmod test above, by simulation, so that it runs as root too."""
    from asean_sec.loading import files

    data = make_data(tmp_path)
    real_open = files.open_regular

    def refusing_open(path, *args, **kwargs):
        if Path(path).name == "sources.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files, "open_regular", refusing_open)
    result = run("validate", str(data))
    assert_data_error(result, data / "sources.yaml", None, "cannot read file: Permission denied")


def test_a_directory_that_can_be_entered_but_not_listed_still_answers(run, tmp_path, monkeypatch):
    """Mode 111: every file opens by name; the listing was only for suggesting a misspelt name."""
    data = make_data(tmp_path)

    def refusing_listdir(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(load.os, "listdir", refusing_listdir)
    result = run("--data-dir", str(data), "chair")
    assert result.exit_code == 0, result.output


def test_a_directory_the_system_refuses_to_enter(run, tmp_path, monkeypatch):
    data = make_data(tmp_path)

    def refusing_listdir(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(load.os, "listdir", refusing_listdir)
    monkeypatch.setattr(load.os, "access", lambda path, mode: False)
    result = run("--data-dir", str(data), "chair")
    assert_data_error(result, data, None, "cannot read the data directory: Permission denied")


def test_export_of_broken_data_writes_nothing(run, tmp_path):
    data = make_data(tmp_path, "duplicate-id")
    target = tmp_path / "out.json"
    result = run("--data-dir", str(data), "export", str(target))
    assert_data_error(result, data / "meetings.yaml", 24, "duplicate id")
    assert not target.exists()
