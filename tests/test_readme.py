"""The README's examples are real output: scripts/readme_examples.py regenerates them, and this
test fails when one has drifted (run the script to update them)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "readme_examples.py"


def test_readme_examples_match_real_output():
    spec = importlib.util.spec_from_file_location("readme_examples", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.README.read_text(encoding="utf-8")
    assert module.regenerate(text) == text, "run: python scripts/readme_examples.py"
