"""Completion in real shells: a name with spaces completes as one word that runs as intended.
bash always (the completion function driven through COMP_WORDS/COMP_CWORD, then the completed
line run); fish where installed; zsh, where installed with tmux, as a person uses it: Tab, then
Enter, in an interactive shell in a tmux pane."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asean_sec.cli.completion import shell_escape

BIN = Path(sys.executable).parent


def _environment():
    if not (BIN / "asean-sec").exists():
        pytest.skip("asean-sec is not installed beside this Python")
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def _bash(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
                          env=_environment(), stdin=subprocess.DEVNULL, timeout=120)


def test_shell_escape():
    assert shell_escape("Republic of Korea") == "Republic\\ of\\ Korea"
    assert shell_escape("Lao PDR (Laos)") == "Lao\\ PDR\\ \\(Laos\\)"
    assert shell_escape("viet-nam") == "viet-nam"


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_a_name_with_spaces_as_one_word_that_runs():
    script = r'''
eval "$(_ASEAN_SEC_COMPLETE=bash_source asean-sec)"
COMP_WORDS=(asean-sec meetings --led-by Republ); COMP_CWORD=3; COMPREPLY=()
_asean_sec_completion asean-sec
printf '%s\n' "${COMPREPLY[@]}" > first.txt
COMP_WORDS=(asean-sec meetings --led-by 'Republic\ of\ K'); COMP_CWORD=3; COMPREPLY=()
_asean_sec_completion asean-sec
[ "${#COMPREPLY[@]}" = 1 ] || { echo "not one completion: ${COMPREPLY[*]}" >&2; exit 9; }
echo "${COMPREPLY[0]}"
eval "asean-sec --as-of 2026-11-23 meetings --led-by ${COMPREPLY[0]} --format json"
'''
    result = _bash("cd \"$(mktemp -d)\" && " + script)
    assert result.returncode == 0, result.stderr
    word, _, answer = result.stdout.partition("\n")
    assert word == "Republic\\ of\\ Korea"
    rows = json.loads(answer)
    assert rows and all("kr" in {r["chair_country"]} | {s["country"] for s in r["co_chairs"]} for r in rows)


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_first_completions_are_escaped_words():
    result = _bash(r'''
eval "$(_ASEAN_SEC_COMPLETE=bash_source asean-sec)"
COMP_WORDS=(asean-sec meetings --led-by Republ); COMP_CWORD=3; COMPREPLY=()
_asean_sec_completion asean-sec
printf '%s\n' "${COMPREPLY[@]}"
''')
    assert result.returncode == 0, result.stderr
    words = result.stdout.splitlines()
    assert "Republic\\ of\\ Korea" in words and all(" " not in w.replace("\\ ", "") for w in words)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_offers_each_name_whole():
    result = subprocess.run(
        ["fish", "--no-config", "-c", 'eval (env _ASEAN_SEC_COMPLETE=fish_source asean-sec | string collect); '
         'complete -C "asean-sec meetings --led-by Republic\\ of\\ K"'],
        capture_output=True, text=True, env=_environment(), stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["Republic of Korea"]


@pytest.mark.skipif(shutil.which("zsh") is None or shutil.which("tmux") is None, reason="zsh or tmux missing")
def test_zsh_completes_a_name_with_spaces_as_one_word_that_runs(tmp_path):
    """A real interactive zsh in a tmux pane: Tab completes the name escaped, Enter runs it."""
    environment = _environment()
    rc = tmp_path / ".zshrc"
    rc.write_text('autoload -Uz compinit && compinit -u\n'
                  'eval "$(_ASEAN_SEC_COMPLETE=zsh_source asean-sec)"\n'
                  "PROMPT='READY> '\n")
    session = f"asean-sec-zsh-{os.getpid()}"
    socket = ["tmux", "-L", session]
    environment["ZDOTDIR"] = str(tmp_path)
    subprocess.run([*socket, "new-session", "-d", "-s", session, "-x", "160", "-y", "40", "zsh", "-i"],
                   env=environment, check=True, timeout=30)
    try:
        pane = f"{session}:0"
        tmux = [*socket]

        def screen(wanted):
            return _wait_for_on(tmux, pane, wanted)

        screen(lambda s: "READY>" in s)
        subprocess.run([*tmux, "send-keys", "-t", pane,
                        "asean-sec meetings --format jsonl --led-by Republic\\ of\\ K", "Tab"], check=True, timeout=10)
        completed = screen(lambda s: "Republic\\ of\\ Korea" in s)
        assert "--led-by Republic\\ of\\ Korea" in completed, completed
        subprocess.run([*tmux, "send-keys", "-t", pane, "Enter"], check=True, timeout=10)
        ran = screen(lambda s: s.count("READY>") >= 2)
        assert "unexpected extra argument" not in ran and "Error" not in ran, ran
        assert '"led_by"' in ran or '"id": "' in ran, ran  # it answered, with meetings
    finally:
        subprocess.run([*socket, "kill-server"], capture_output=True, timeout=10)


def _wait_for_on(tmux: list, pane: str, wanted, seconds: float = 60.0) -> str:
    import time

    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        text = subprocess.run([*tmux, "capture-pane", "-t", pane, "-p", "-J"], capture_output=True, text=True,
                              timeout=10).stdout
        if wanted(text):
            return text
        time.sleep(0.2)
    return text
