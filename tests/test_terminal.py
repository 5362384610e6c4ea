"""On a terminal: the pager, a closed pipe, forced colour; and the issue's commands in a real
terminal (tmux panes of 80 and 100 columns; skipped where tmux is missing, .ci/run installs it)."""

import os
import re
import shutil
import subprocess
import sys
import time
import uuid

import pytest
from rich.cells import cell_len

from asean_sec.output import pager, render

AS_OF = "2026-11-23"
MUST_SHOW = [
    ["meetings", "--led-by", "Viet Nam"], ["meetings", "--mechanism", "AMMTC"], ["chair", "next"],
    ["chair", "2026", "--mechanism", "AMMTC"], ["brief", "AMMTC"], ["country", "Viet Nam"],
    ["person", "Luong Tam Quang"], ["timeline", "--mechanism", "AMMTC", "--since", "2023"], ["crimes"],
    ["mechanisms"], ["documents", "--mechanism", "AMMTC"], ["search", "scam"], ["coverage"],
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def terminal(monkeypatch, tmp_path):
    """stdout taken for a terminal of 80 x 50; the pager writes what it gets to a file."""
    paged = tmp_path / "paged.txt"
    monkeypatch.setattr(render, "isatty", lambda stream: True)
    monkeypatch.setenv("ASEAN_SEC_PAGER", f"cat > '{paged}'")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "50")
    return paged


def test_a_long_answer_goes_through_the_pager(run, terminal):
    result = run("meetings", "--mechanism", "AMMTC", "--format", "table")
    assert result.exit_code == 0 and result.stdout == ""
    assert "AMMTC 17" in terminal.read_text()


def test_a_one_screen_answer_does_not(run, terminal):
    result = run("chair", "next", "--format", "table")
    assert "Singapore" in result.stdout and not terminal.exists()


def test_no_pager_and_pipes_are_never_paged(run, terminal, monkeypatch):
    assert "AMMTC 17" in run("meetings", "-m", "AMMTC", "--format", "table", "--no-pager").stdout
    assert not terminal.exists()
    monkeypatch.setattr(render, "isatty", lambda stream: False)
    assert "AMMTC 17" in run("meetings", "-m", "AMMTC", "--format", "table").stdout
    assert not terminal.exists()


def test_the_pager_is_chosen_as_git_does(monkeypatch):
    for name in ("ASEAN_SEC_PAGER", "PAGER"):
        monkeypatch.delenv(name, raising=False)
    assert pager.pager_command() == "less -FRX"
    monkeypatch.setenv("PAGER", "more")
    assert pager.pager_command() == "more"
    monkeypatch.setenv("ASEAN_SEC_PAGER", "most")
    assert pager.pager_command() == "most"


def test_forced_colour_honours_columns(run):
    result = run("meetings", "-m", "AMMTC", "--format", "table", "--color", "always", env={"COLUMNS": "60"})
    assert "\x1b[" in result.stdout
    lines = [ANSI.sub("", line) for line in result.stdout.splitlines()]
    assert max(cell_len(line) for line in lines if not line.strip().startswith("http")) <= 60


@pytest.mark.parametrize("fmt", ["jsonl", "plain", "table"])
def test_a_closed_pipe_ends_quietly_with_0(cache_dir, fmt):
    env = {**os.environ, "ASEAN_SEC_CACHE_DIR": str(cache_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "asean_sec", "meetings", "--format", fmt, "--color", "always"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    assert proc.wait() == 0
    assert proc.stderr.read() == b""


def test_repeated_filters_combine_or_are_refused(run_json, run):
    both = run_json("meetings", "-m", "AMMTC", "-m", "SOMTC")
    assert {m["mechanism"] for m in both} == {"ammtc", "somtc"}
    result = run("meetings", "--year", "2023", "--year", "2024")
    assert result.exit_code == 2 and "--year given twice" in result.output


def test_limit_and_reverse(run_json):
    newest = run_json("meetings", "-m", "AMMTC", "--reverse", "--limit", "2")
    every = run_json("meetings", "-m", "AMMTC")
    assert newest == every[::-1][:2]


# --- a real terminal -------------------------------------------------------------------------

def _in_tmux(width: int, commands: list[list[str]], cache_dir, env: str = "") -> list[list[str]]:
    """Run each command in a tmux pane `width` columns wide and 50 high; its output as the
    terminal shows it, wrapped lines joined (so a line wider than the pane shows as one)."""
    import shlex

    name = "t" + uuid.uuid4().hex[:8]
    script = cache_dir / f"{name}.sh"
    lines = [f"export ASEAN_SEC_CACHE_DIR={shlex.quote(str(cache_dir))} TERM=xterm-256color {env}"]
    for i, args in enumerate(commands):
        quoted = " ".join(shlex.quote(a) for a in args)
        lines += [f"echo __S{i}", f"{shlex.quote(sys.executable)} -m asean_sec --as-of {AS_OF} {quoted}",
                  f"echo __E{i}"]
    lines.append("echo __DONE")
    script.write_text("\n".join(lines) + "\n")
    config = cache_dir / f"{name}.conf"
    config.write_text("set -g history-limit 50000\n")
    tmux = ["tmux", "-L", name, "-f", str(config)]
    subprocess.run(tmux + ["new-session", "-d", "-s", name, "-x", str(width), "-y", "50",
                           f"bash --norc --noprofile {script}; sleep 30"], check=True)
    try:
        raw = ""
        for _ in range(600):
            raw = subprocess.run(tmux + ["capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", name],
                                 capture_output=True, text=True, check=False).stdout
            if "__DONE" in raw:
                break
            time.sleep(0.1)
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True, check=False)
    found = raw.splitlines()
    out = []
    for i in range(len(commands)):
        start, end = found.index(f"__S{i}"), found.index(f"__E{i}")
        out.append(found[start + 1:end])
    return out


needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


_PLAIN_WORDS: dict[tuple, set] = {}


def _plain_words(args: tuple, cache_dir: str) -> set:
    """The words of the same answer as plain text and markdown (the same at every width)."""
    from test_layout import _words

    if args not in _PLAIN_WORDS:
        env = {**os.environ, "ASEAN_SEC_CACHE_DIR": cache_dir}
        texts = [subprocess.run([sys.executable, "-m", "asean_sec", "--as-of", AS_OF, *args, "--format", fmt],
                                capture_output=True, text=True, env=env, check=False).stdout
                 for fmt in ("plain", "markdown")]
        _PLAIN_WORDS[args] = _words("".join(texts))
    return _PLAIN_WORDS[args]


@needs_tmux
@pytest.mark.parametrize("width", [80, 100])
def test_must_show_commands_in_a_real_terminal(width, cache_dir):
    from test_layout import _words

    outputs = _in_tmux(width, [args + ["--no-pager"] for args in MUST_SHOW], cache_dir)
    for args, shown in zip(MUST_SHOW, outputs):
        assert shown, args
        wide = [line for line in shown if cell_len(line) > width and not line.strip().startswith("http")]
        assert not wide, (args, wide)
        assert _words("\n".join(shown)) - _plain_words(tuple(args), str(cache_dir)) == set(), args


@needs_tmux
def test_the_pager_in_a_real_terminal(cache_dir):
    long, short = _in_tmux(80, [["meetings", "--mechanism", "AMMTC"], ["chair", "next"]], cache_dir,
                           env="ASEAN_SEC_PAGER='sed s/^/P:/'")
    assert long and all(line.startswith("P:") for line in long)
    assert short and not any(line.startswith("P:") for line in short)


@pytest.mark.parametrize("columns", ["50", "60", "80"])
def test_a_wrapped_tree_row_keeps_its_branch(run, columns):
    """A body's name too long for the column continues under the name, behind the branch's line."""
    result = run("mechanisms", "--format", "table", "--color", "never", env={"COLUMNS": columns})
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("┃"))
    end = header.index("┃", 1)  # where the Body column ends (the tree draws │ too, so cells go by position)
    bodies = [line[1:end].strip() for line in lines if line.startswith("│")]
    import json

    roots = [n["acronym"] for n in json.loads(run("mechanisms", "--format", "json").stdout) if n["depth"] == 0]
    assert [body for body in bodies if body and body[:1] not in "├└│ "] == roots  # no line lost its branch
    assert max(cell_len(line) for line in lines if not line.strip().startswith("http")) <= int(columns)
