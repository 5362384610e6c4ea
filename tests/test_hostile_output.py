"""Nothing lost, never a hang, never a traceback: exports, standard streams and signals under attack.

Subprocess tests run the real console entry point (`python -m asean_sec`, main()), which is what
guards the streams and the signals; the rest run in-process.
"""

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from asean_sec.output import exports
from asean_sec.problems import Interrupted

OUTPUT_ERROR, INTERRUPTED = 4, 130
AS_OF = "2026-11-23"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX descriptors, signals and FIFOs")


def program(*args, **kwargs) -> subprocess.CompletedProcess:
    """The program as a user starts it, with the test's environment (its private cache)."""
    kwargs.setdefault("capture_output", True)
    return subprocess.run([sys.executable, "-m", "asean_sec", "--as-of", AS_OF, *args], timeout=60, **kwargs)


def one_clean_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and text.count("\n") == 1, text
    return text


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- exports: --force replaces only what the program wrote -----------------------------------

def test_force_never_replaces_a_directory_that_is_not_an_export(run, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me")
    for fmt in ("json", "csv", "sqlite"):
        result = run("export", "--format", fmt, "--force", str(folder))
        assert result.exit_code == OUTPUT_ERROR, result.output
        assert "Traceback" not in result.output
    assert (folder / "precious.txt").read_text() == "keep me"
    assert leftovers(tmp_path) == []


def test_force_replaces_its_own_csv_export_but_not_one_someone_added_files_to(run, tmp_path):
    target = tmp_path / "tables"
    assert run("export", "--format", "csv", str(target)).exit_code == 0
    assert (target / exports.MARKER).is_file()
    assert run("export", "--format", "csv", str(target)).exit_code == OUTPUT_ERROR  # no --force
    assert run("export", "--format", "csv", "--force", str(target)).exit_code == 0
    (target / "my-notes.txt").write_text("mine")
    result = run("export", "--format", "csv", "--force", str(target))
    assert result.exit_code == OUTPUT_ERROR and "my-notes.txt" in result.output
    assert (target / "my-notes.txt").read_text() == "mine"
    assert leftovers(tmp_path) == []


@POSIX
def test_force_never_replaces_a_fifo_a_device_or_a_link(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    for target in (fifo, link, Path(os.devnull)):
        result = run("export", "--force", str(target))
        assert result.exit_code == OUTPUT_ERROR, (target, result.output)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_dot_and_empty_outputs_are_clear_refusals(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for output in (".", "..", ""):
        result = run("export", "--force", output)
        assert result.exit_code == OUTPUT_ERROR, (output, result.output)
        assert "Traceback" not in result.output and "error:" in result.output


def test_a_file_that_appears_while_exporting_is_not_overwritten(run, tmp_path, monkeypatch):
    target = tmp_path / "all.json"
    real = exports._give_default_permissions

    def someone_writes_the_target(path):
        target.write_text("theirs")
        real(path)

    monkeypatch.setattr(exports, "_give_default_permissions", someone_writes_the_target)
    for fmt in ("json", "sqlite"):
        target.unlink(missing_ok=True)
        result = run("export", "--format", fmt, str(target))
        assert result.exit_code == OUTPUT_ERROR and "appeared" in result.output
        assert target.read_text() == "theirs"
    assert leftovers(tmp_path) == []


def test_a_sqlite_error_is_one_line_and_exit_4(run, tmp_path, monkeypatch):
    def full(path, built):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(exports, "_fill_sqlite", full)
    result = run("export", "--format", "sqlite", str(tmp_path / "x.db"))
    assert result.exit_code == OUTPUT_ERROR and "database or disk is full" in result.output
    assert os.listdir(tmp_path) == []


@POSIX
def test_a_file_size_limit_mid_export_is_exit_4_and_leaves_nothing(tmp_path):
    """RLIMIT_FSIZE stands in for a full disk: the write fails part-way (EFBIG, not SIGXFSZ)."""
    import resource

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))

    for fmt in ("sqlite", "csv"):
        result = program("export", "--format", fmt, str(tmp_path / "out"), preexec_fn=limited)
        assert result.returncode == OUTPUT_ERROR, (fmt, result.stderr)
        assert "cannot write" in one_clean_line(result.stderr)
        assert os.listdir(tmp_path) == []


@POSIX
@pytest.mark.parametrize("fmt, signum", [("sqlite", signal.SIGTERM), ("csv", signal.SIGHUP)])
def test_a_signal_mid_export_of_a_large_dataset_removes_the_temporary(run, tmp_path, monkeypatch, fmt, signum):
    """A generated table of 200,000 rows; the signal arrives while they are being written."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers are set in the main thread only")
    from asean_sec.output import tables

    real_build = tables.build

    def large(raw):
        built = real_build(raw)

        def rows():
            for i in range(200_000):
                if i == 100_000:
                    os.kill(os.getpid(), signum)
                row = dict.fromkeys(tables.columns("record_sources"))
                row.update(kind="meeting", record=f"m{i}", source="charter")
                yield tuple(row.values())
        built["record_sources"] = rows()
        return built

    monkeypatch.setattr(tables, "build", large)
    with pytest.raises(Interrupted) as raised:
        run("export", "--format", fmt, str(tmp_path / "out"))
    assert raised.value.signum == signum
    assert os.listdir(tmp_path) == []
    assert signal.getsignal(signum) is signal.SIG_DFL  # handlers restored


@POSIX
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_program_mid_export_leaves_nothing_behind(tmp_path, signum):
    target = tmp_path / "asean.db"
    process = subprocess.Popen([sys.executable, "-m", "asean_sec", "export", "--format", "sqlite", str(target)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        if any(name.endswith(".part") for name in os.listdir(tmp_path)):
            process.send_signal(signum)
            break
        time.sleep(0.0005)
    _, stderr = process.communicate(timeout=60)
    assert b"Traceback" not in stderr
    assert leftovers(tmp_path) == []
    if process.returncode == 0:  # it finished first: then the export is whole
        assert sqlite3.connect(target).execute("select count(*) from meetings").fetchone()[0] > 0
    else:
        assert process.returncode == (INTERRUPTED if signum == signal.SIGINT else -signum)
        assert not target.exists() and stderr == b""


# --- standard streams -------------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_standard_output_on_a_full_disk_is_one_line_and_exit_4():
    with open("/dev/full", "w") as full:
        result = program("meetings", "--format", "json", stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert result.returncode == OUTPUT_ERROR
    assert "cannot write to standard output: No space left on device" in one_clean_line(result.stderr)


@POSIX
def test_standard_output_closed_is_one_line_and_exit_4(tmp_path):
    result = program("chair", "next", stderr=subprocess.PIPE, capture_output=False,
                     preexec_fn=lambda: os.close(1))
    assert result.returncode == OUTPUT_ERROR
    assert "standard output" in one_clean_line(result.stderr)
    # an export needs no standard output, and nothing it opens takes descriptor 1
    target = tmp_path / "all.json"
    result = program("export", str(target), stderr=subprocess.PIPE, capture_output=False,
                     preexec_fn=lambda: os.close(1))
    assert result.returncode == 0 and target.stat().st_size > 1000


def test_a_closed_pipe_ends_quietly():
    process = subprocess.Popen([sys.executable, "-m", "asean_sec", "export"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.read(10)
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_an_encoding_that_cannot_show_a_name_replaces_it():
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    result = program("person", "Luong Tam Quang", "--format", "plain", env=env)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and b"Native name:" in result.stdout
    assert b"?" in result.stdout.split(b"Native name:")[1].split(b"\n")[0]  # Lương: ư is not Latin-1


@POSIX
def test_a_data_directory_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    odd = os.fsencode(str(tmp_path)) + b"/data-\xff\x1b]0;x\x07"
    result = subprocess.run([sys.executable, "-m", "asean_sec", "--data-dir", odd, "chair"],
                            capture_output=True, timeout=60)
    assert result.returncode == 3
    assert b"Traceback" not in result.stderr and b"\x1b" not in result.stderr
    assert b"data-\\xff\\x1b]0;x\\x07" in result.stderr


@POSIX
@pytest.mark.parametrize("after", ["asean_sec", "asean_sec.cli.app", "asean_sec.questions.people"])
def test_ctrl_c_at_any_moment_exits_130_quietly(after):
    """SIGINT the moment an import completes (-X importtime tells when): from the package's first
    line on, start-up imports included, the run ends with 130 and says nothing."""
    process = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "asean_sec", "country", "vn"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for line in process.stderr:
        if line.split(b"|")[-1].strip() == after.encode():
            process.send_signal(signal.SIGINT)
            break
    rest = process.stderr.read()
    process.wait(timeout=60)
    assert process.returncode in (0, INTERRUPTED), rest  # 0: it had already answered
    assert b"Traceback" not in rest and b"KeyboardInterrupt" not in rest and b"Aborted" not in rest


@POSIX
def test_a_terminal_gets_a_table_with_columns_zero_and_no_raw_control_characters(tmp_path):
    """On a pseudo-terminal: COLUMNS=0 still draws the table; what people type comes back escaped."""
    import pty

    def on_terminal(*args) -> bytes:
        env = {**os.environ, "COLUMNS": "0", "TERM": "xterm", "ASEAN_SEC_PAGER": "cat"}  # no pager to quit
        env.pop("NO_COLOR", None)
        main, child = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "asean_sec", "--as-of", AS_OF, *args], stdin=child,
                                   stdout=child, stderr=child, env=env, close_fds=True)
        os.close(child)
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the program has ended
                break
            if not chunk:
                break
            out += chunk
        os.close(main)
        assert process.wait(timeout=60) in (0, 1, 2, 3), out
        return out

    table = on_terminal("meetings", "--led-by", "vn")
    assert b"AMMTC" in table and b"Traceback" not in table
    for typed in (["search", "\x1b]0;pwned\x07"], ["--data-dir", "/tmp/\x1b]8;;http://x\x07y", "chair"],
                  ["meetings", "--led-by", "\x9b31m"]):
        shown = on_terminal(*typed)
        assert b"\x1b]" not in shown and "\x9b".encode() not in shown and b"\x07" not in shown, shown
        assert b"Traceback" not in shown
