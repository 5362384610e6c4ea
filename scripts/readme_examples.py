"""Regenerate the README's examples from real output, or check that they match it.

    python scripts/readme_examples.py           # rewrite README.md in place
    python scripts/readme_examples.py --check   # exit 1, with a diff, if an example drifted

An example is a ```console block whose every command line starts with `$ asean-sec` (or
`$ COLUMNS=N asean-sec`): each command runs in bash, as `python -m asean_sec` of this
interpreter, and its standard output replaces the lines under it. Blocks that pipe into other
programs (jq), write files (export, `> FILE`) or time things (bench) are left as they are.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
COMMAND = re.compile(r"^\$ (COLUMNS=\d+ )?asean-sec ")
SKIP = ("jq ", " export ", "sqlite3", "bench/", "datasette", " > ")


def _run(command: str) -> str:
    shell = f'asean-sec() {{ "{sys.executable}" -m asean_sec "$@"; }}\n{command}'
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "ASEAN_SEC_DATA")}
    env["TERM"] = "dumb"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=env, check=False,
                          cwd=README.parent)
    return done.stdout


def _example(block: str) -> str:
    lines = block.splitlines()
    commands = [line for line in lines if line.startswith("$ ")]
    if not commands or not all(COMMAND.match(c) for c in commands) or any(s in block for s in SKIP):
        return block
    out = []
    for command in commands:
        out.append(command)
        out.extend(_run(command[2:]).rstrip("\n").splitlines())
    return "\n".join(out) + "\n"


def regenerate(text: str) -> str:
    return BLOCK.sub(lambda m: "```console\n" + _example(m.group(1)) + "```", text)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if "--check" in sys.argv[1:]:
        if fresh != text:
            sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), fresh.splitlines(True),
                                                       "README.md", "README.md (real output)"))
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
