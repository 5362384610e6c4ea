"""The command line: parse, load, ask, render. No business logic lives here.

Exit codes are documented in cli_support and the README.
"""

from __future__ import annotations

import os
import sys

import click

from asean_sec import DATA_LICENSE, DATA_LICENSE_URL, __version__
from asean_sec.cli.support import (EXIT_OK, DateType, Group, PathText, State)


def print_version(ctx, param, value):
    """--version: the program, the as-of date of the data it would read, and the licences."""
    if not value or ctx.resilient_parsing:
        return
    import re

    from asean_sec.loading.load import find_data_dir

    directory = find_data_dir(ctx.params.get("data_dir"))
    try:
        found = re.search(r"^as_of:\s*[\"']?([0-9-]+)", (directory / "dataset.yaml").read_text("utf-8-sig"), re.M)
    except OSError:
        found = None
    click.echo(f"asean-sec {__version__} (data as of {found.group(1) if found else 'unknown'}, {directory})\n"
               f"code: MIT licence; curated data: {DATA_LICENSE} ({DATA_LICENSE_URL}); "
               "each cited source keeps its own terms")
    ctx.exit()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--data-dir", type=PathText("dir"), envvar="ASEAN_SEC_DATA",
              help="Data directory to read instead of the shipped copy (or set ASEAN_SEC_DATA).")
@click.option("--as-of", type=DateType(), default="today", show_default=True,
              help="Answer 'current', 'next' and 'upcoming' as on this day (YYYY-MM-DD).")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=print_version,
              help="Show the program version and the dataset's as-of date, then exit.")
@click.pass_context
def cli(ctx, data_dir, as_of):
    """Sourced answers about ASEAN security cooperation: chairs, meetings, people, documents.

    \b
    Examples:
      asean-sec chair next
      asean-sec meetings --led-by "Viet Nam"
      asean-sec --as-of 2024-12-31 chair current --format json
    """
    ctx.obj = State(data_dir, as_of)


# Every command, by name, and the module that defines it (a function of that name). The one list:
# a command defined anywhere else is not reachable, and tests/test_registry.py fails when a command
# function in asean_sec/cli is missing here. Modules are imported only when their command runs.
COMMANDS: dict[str, str] = {
    "chair": "asean_sec.cli.core",
    "meetings": "asean_sec.cli.core",
    "validate": "asean_sec.cli.core",
    "export": "asean_sec.cli.core",
    "brief": "asean_sec.cli.briefing",
    "country": "asean_sec.cli.briefing",
    "person": "asean_sec.cli.briefing",
    "timeline": "asean_sec.cli.briefing",
    "search": "asean_sec.cli.briefing",
    "mechanisms": "asean_sec.cli.briefing",
    "crimes": "asean_sec.cli.briefing",
    "documents": "asean_sec.cli.briefing",
    "coverage": "asean_sec.cli.coverage",
    "rotation": "asean_sec.cli.plan",
    "upcoming": "asean_sec.cli.plan",
}
cli.lazy_commands = COMMANDS


def main() -> None:
    """Console entry point: a closed pipe ends quietly."""
    if os.environ.get("_ASEAN_SEC_COMPLETE"):
        from asean_sec.cli.completion import install_shell_classes

        install_shell_classes()
    try:
        cli.main(prog_name="asean-sec")
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)
