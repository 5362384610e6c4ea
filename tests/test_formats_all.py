"""Every command in every format it offers answers (exit 0 or 1) without a traceback.

One registry of formats (output/render.py FORMATS) serves every command: single records,
lists, grouped listings and multi-section documents alike. A format added to the registry, or
a command added to COMMANDS, is tried here without anyone listing it.
"""

import importlib

import click
import pytest

from asean_sec.cli.app import COMMANDS
from asean_sec.output import render

# how to ask each command something that has an answer, and something that has none
ASKS = {
    "chair": [["next"], ["1900"]],
    "meetings": [["--led-by", "Viet Nam"], ["--year", "1800"]],
    "meeting": [["AMMTC", "17"], ["ASEANAPOL", "43", "--no-cite"]],
    "brief": [["AMMTC"]],
    "country": [["Viet Nam"], ["laos", "--no-cite"]],
    "person": [["Luong Tam Quang"]],
    "timeline": [["--mechanism", "AMMTC", "--since", "2023"], ["--since", "2099"]],
    "search": [["scam"], ["zzzzqqq"]],
    "mechanisms": [[], ["AMMTC", "--no-cite"]],
    "crimes": [[]],
    "documents": [["--mechanism", "AMMTC"], ["--year", "1800"]],
    "document": [["ACTIP"], ["Bangkok", "Treaty", "--no-cite"]],
    "coverage": [[], ["--totals"]],
    "rotation": [[], ["--from", "2000", "--to", "2001", "-m", "AMMTC"]],
    "upcoming": [[], ["--days", "0"]],
}
NO_REPORT = {"validate", "export"}  # they write files or problems, not a report


def _command(name: str) -> click.Command:
    return getattr(importlib.import_module(COMMANDS[name]), name.replace("-", "_"))


def _formats(name: str) -> list[str]:
    option = next((p for p in _command(name).params if p.name == "fmt"), None)
    return [f for f in option.type.choices if f != "auto"] if option else []


CASES = [(name, args, fmt) for name in ASKS for args in ASKS[name] for fmt in _formats(name)]


def test_every_command_with_a_report_is_asked():
    reporting = {name for name in COMMANDS if name not in NO_REPORT}
    assert reporting == set(ASKS), "add the new command to ASKS (or NO_REPORT)"
    assert all(_formats(name) for name in ASKS)


def test_every_registered_format_is_offered_and_has_a_writer():
    offered = {fmt for name in ASKS for fmt in _formats(name)}
    assert offered == set(render.FORMATS)
    for fmt in render.FORMATS:
        assert callable(render.writer(fmt))
    for name in ASKS:
        assert set(render.CHOICES) - {"auto"} <= set(_formats(name)), name


@pytest.mark.parametrize("name,args,fmt", CASES, ids=[f"{n}-{'_'.join(a) or 'all'}-{f}" for n, a, f in CASES])
def test_every_command_answers_in_every_format(run, name, args, fmt):
    result = run(name, *args, "--format", fmt)
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code == 0 and fmt != "csv" and fmt != "tsv":
        assert result.stdout.strip()
