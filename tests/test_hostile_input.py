"""Nothing injected, never a hang: the cache, the data directory, arguments and control characters."""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asean_sec.loading import cache, entry
from asean_sec.output.document import Column, Report, sections
from asean_sec.output.safe import Stream, escape, markdown_link

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX FIFOs, owners and modes")
RAW_CONTROLS = ("\x1b", "\x07", "\r", "\x9b", "\u202e")


def answer(run, data: Path) -> str:
    result = run("--data-dir", str(data), "chair", "2027", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["country"]


# --- the cache --------------------------------------------------------------------------------

@POSIX
def test_cache_entries_that_are_fifos_or_devices_are_never_read(run, data, fresh_cache):
    assert answer(run, data) == "sg"
    [path] = fresh_cache.glob("asean-sec-*.entry")
    path.unlink()
    os.mkfifo(path)  # an open for reading would wait for a writer for ever
    assert answer(run, data) == "sg"
    path.unlink()
    path.symlink_to("/dev/zero")  # would be read whole, for ever
    assert answer(run, data) == "sg"
    memo = fresh_cache / "inputs.memo"
    memo.unlink()
    os.mkfifo(memo)
    assert answer(run, data) == "sg"


def test_a_header_length_beyond_the_file_is_never_asked_for(tmp_path):
    path = tmp_path / "entry"
    blob = bytearray(entry.encode({"a": 1}, {}))
    blob[len(entry.MAGIC):len(entry.MAGIC) + 4] = (0xFFFFFFFF).to_bytes(4, "big")
    path.write_bytes(bytes(blob))
    with pytest.raises(entry.Corrupt, match="longer than the file"):
        entry.Reader(path)
    good = tmp_path / "good"
    good.write_bytes(entry.encode({"a": 1}, {}))
    reader = entry.Reader(good)
    with pytest.raises(entry.Corrupt, match="beyond the end"):
        reader.part((0, 1 << 32, b""))


@POSIX
def test_a_cache_directory_others_can_write_is_ignored_with_one_warning(data, fresh_cache, tmp_path):
    fresh_cache.mkdir(mode=0o700)
    os.chmod(fresh_cache, 0o777)
    command = [sys.executable, "-m", "asean_sec", "--data-dir", str(data), "chair", "2027", "--format", "json"]
    result = subprocess.run(command, capture_output=True, timeout=60)
    assert result.returncode == 0 and json.loads(result.stdout)["country"] == "sg"
    assert result.stderr.count(b"warning: the cache directory") == 1 and b"writable by others" in result.stderr
    assert os.listdir(fresh_cache) == []  # nothing written there either


@POSIX
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a directory away")
def test_a_cache_directory_of_another_user_is_not_trusted(run, data, fresh_cache):
    """Another user (nobody) could plant forged answers there: the cache is ignored."""
    assert answer(run, data) == "sg"
    os.chown(fresh_cache, 65534, 65534)
    assert cache.directory() is None
    os.chown(fresh_cache, 0, 0)
    assert cache.directory() == fresh_cache
    [path] = fresh_cache.glob("asean-sec-*.entry")
    os.chown(path, 65534, 65534)  # an entry of someone else's, in a directory of ours
    assert cache.read(path.name[len("asean-sec-"):-len(".entry")], None, dict) is None


def test_pruning_deletes_only_our_entries(fresh_cache):
    fresh_cache.mkdir(mode=0o700)
    strangers = ["other-program.marshal", "asean-sec-not-ours.entry", "notes.txt"]
    (fresh_cache / strangers[0]).write_bytes(b"\x00")
    (fresh_cache / strangers[1]).write_bytes(b"someone else's file with our name")
    (fresh_cache / strangers[2]).write_text("mine")
    for n in range(12):
        assert cache.write(f"{n:040x}", {"n": n}, {})
    names = os.listdir(fresh_cache)
    assert all(name in names for name in strangers)
    assert len([n for n in names if n.startswith("asean-sec-") and n not in strangers]) == 8


# --- the data directory -----------------------------------------------------------------------

@POSIX
def test_a_data_file_that_is_a_fifo_is_refused_never_waited_on(data, tmp_path):
    (data / "roles.yaml").unlink()
    os.mkfifo(data / "roles.yaml")
    env = {**os.environ, "ASEAN_SEC_DATA": str(data)}
    for args in (["validate"], ["chair", "next"]):
        result = subprocess.run([sys.executable, "-m", "asean_sec", *args], capture_output=True, timeout=30, env=env)
        assert result.returncode == 3
        assert b"roles.yaml: is a FIFO (named pipe), not a data file" in result.stderr
    completion = {**env, "_ASEAN_SEC_COMPLETE": "bash_complete", "COMP_WORDS": "asean-sec meetings --led-by vi",
                  "COMP_CWORD": "3"}
    result = subprocess.run([sys.executable, "-m", "asean_sec"], capture_output=True, timeout=30, env=completion)
    assert result.returncode == 0 and b"Traceback" not in result.stderr


def test_a_data_file_that_is_a_directory_is_refused(run, data):
    (data / "people.yaml").unlink()
    (data / "people.yaml").mkdir()
    result = run("--data-dir", str(data), "chair")
    assert result.exit_code == 3 and "people.yaml: is a directory, not a data file" in result.output


# --- arguments --------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["--as-of", "9999-12-31", "country", "vn"], ["--as-of", "3000-01-01", "chair", "next"],
    ["meetings", "--since", "9999"], ["meetings", "--year", "9999"], ["chair", "9999"],
    ["mechanisms", "--year", "3000"], ["timeline", "--until", "9950-01"], ["--as-of", "0000-12-31", "chair"],
])
def test_dates_beyond_what_answers_can_hold_are_usage_errors(run, args):
    result = run(*args, as_of=None)
    assert result.exit_code == 2 and ("out of range" in result.output or "2999" in result.output), result.output


def test_the_last_allowed_day_answers(run):
    result = run("--as-of", "2999-12-31", "country", "vn", "--format", "json", as_of=None)
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("args", [
    ["timeline", "--country", ""], ["documents", "--type", ""], ["mechanisms", ""], ["meetings", "--led-by", ""],
    ["meetings", "--mechanism", " "], ["search", ""], ["country", ""], ["person", ""], ["brief", ""],
    ["chair", "--mechanism", ""], ["coverage", "--mechanism", ""], ["documents", "--mechanism", ""],
])
def test_an_empty_filter_is_a_usage_error_everywhere(run, args):
    result = run(*args)
    assert result.exit_code == 2 and "is empty" in result.output, (args, result.output)


def test_a_huge_search_is_refused_at_once_and_echoed_short(run):
    for args in (["x" * 1_000_000], ["scam"] * 5000):
        result = run("search", *args)
        assert result.exit_code == 2 and len(result.output) < 600, result.output[:600]


def test_a_long_search_is_echoed_back_shortened(run):
    result = run("search", *(["zzzzzzzzzz"] * 15))
    assert result.exit_code == 1 and len(result.output) < 200 and "…" in result.output


def test_version_describes_the_data_directory_given(run, data):
    (data / "dataset.yaml").write_text((data / "dataset.yaml").read_text().replace("2026-11-23", "2031-02-03"))
    for args in (["--data-dir", str(data), "--version"], ["--version", "--data-dir", str(data)]):
        result = run(*args, as_of=None)
        assert result.exit_code == 0 and "data as of 2031-02-03" in result.output and str(data) in result.output


# --- control characters -----------------------------------------------------------------------

@pytest.mark.parametrize("value", ['"x\\e]0;pwned\\a"', '"x\\rfake row"', '"x\\x9b31m"', '"x\\u202egnp.exe"',
                                   '"a\\tb"', '"line one\\nline two"'])
def test_the_loader_refuses_control_characters_in_values(run, data, value):
    path = data / "countries.yaml"
    path.write_text(path.read_text().replace("name: Malaysia", f"name: {value}"))
    result = run("validate", str(data))
    assert result.exit_code == 3
    assert f"{path}:20: name holds" in result.output and "(fix:" in result.output, result.output


def test_a_note_may_hold_several_lines(run, data):
    path = data / "countries.yaml"
    path.write_text(path.read_text().replace("name: Malaysia", 'name: Malaysia\n  note: "one\\ntwo"'))
    assert run("validate", str(data)).exit_code == 0


def test_a_source_url_must_be_a_well_formed_http_url(run, data):
    path = data / "sources.yaml"
    for url in ("https://example.org/x> [x](javascript:alert(1)) <", "javascript:alert(1)", "https://exa mple.org"):
        path.write_text(path.read_text().replace("https://example.org/ammtc-17\n", f"'{url}'\n"))
        result = run("validate", str(data))
        assert result.exit_code == 3 and "url" in result.output, (url, result.output)
        shutil.copyfile(MINIMAL / "sources.yaml", path)


def hostile_report() -> Report:
    nasty = "a\x1b]0;pwned\x07b\rfake\tc\x9b31m\u202eZ\n2nd"
    rows = [{"id": "x", "name": nasty, "start": "2024-01-01", "mechanism_name": nasty, "ordinal": "1",
             "city": nasty, "sources": [f"https://e.org/> [x](javascript:a) <{nasty}", nasty]}]
    return Report(title=nasty, rows=rows, columns=[Column("Name", "name"), Column(nasty, "id")], notes=[nasty])


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "csv", "tsv", "json", "jsonl", "ics"])
@pytest.mark.parametrize("color", ["never", "always"])
def test_every_renderer_escapes_what_gets_past_the_loader(fmt, color, monkeypatch):
    from asean_sec.cli import support

    for doc in (hostile_report(), sections([("one", hostile_report())])) if fmt != "ics" else (hostile_report(),):
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        try:
            support.emit(doc, fmt, color)
        except support.NothingMatched:
            pass
        text = out.getvalue()
        if fmt == "ics":
            text = text.replace("\r\n", "\n")
        if fmt == "table" and color == "always":
            import re

            text = re.sub("\x1b\\[[0-9;]*m", "", text)
        assert not [c for c in RAW_CONTROLS if c in text], (fmt, repr(text[:400]))
        if fmt == "markdown":
            assert "](javascript" not in text.replace("\\]", "").replace("%20", " ") or "<https://" in text


def test_markdown_links_cannot_be_broken_out_of():
    assert markdown_link("https://e.org/a> [x](javascript:b) <") == "<https://e.org/a%3E%20[x](javascript:b)%20%3C>"
    assert markdown_link("javascript:alert(1)") == "javascript:alert(1)"
    assert markdown_link("[x](javascript:a)") == "\\[x\\](javascript:a)"


def test_escape_shows_controls_and_undecodable_bytes_visibly():
    assert escape("a\x1b[2Jb\rc\x9bd\u202ee\udcff\tf\n") == "a\\x1b[2Jb\\rc\\x9bd\\u202ee\\xff\tf\n"
    out = io.StringIO()
    Stream(out, mode="json").write('"\x9b"')
    assert out.getvalue() == '"\\u009b"' and json.loads(out.getvalue()) == "\x9b"


@POSIX
def test_error_messages_show_arguments_escaped():
    for args in (["--data-dir", "/nowhere/\x1b]0;pwned\x07", "chair"], ["meetings", "--led-by", "v\x1b[2Jn"],
                 ["export", "--force", "/nowhere/\x1b[2J.json"]):
        result = subprocess.run([sys.executable, "-m", "asean_sec", *args], capture_output=True, timeout=60)
        assert result.returncode in (2, 3, 4) and b"Traceback" not in result.stderr
        assert b"\x1b" not in result.stderr and b"\x07" not in result.stderr, result.stderr
