"""One registry per kind of thing: every command is in COMMANDS, every command answers --help
with an example."""

from __future__ import annotations

import importlib
import pkgutil

import click
import pytest
from click.testing import CliRunner

import asean_sec.cli
from asean_sec.cli.app import COMMANDS, cli


def _command_functions():
    found = {}
    for info in pkgutil.iter_modules(asean_sec.cli.__path__):
        module = importlib.import_module(f"asean_sec.cli.{info.name}")
        for value in vars(module).values():
            if isinstance(value, click.Command) and value is not cli and value.callback.__module__ == module.__name__:
                found[value.name] = module.__name__
    return found


def test_every_command_function_is_registered_under_its_module():
    assert _command_functions() == COMMANDS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.output and f"asean-sec {name}" in result.output
