"""The command line: the click group, its commands, and the console entry point."""

from asean_sec.cli.app import cli, main

__all__ = ["cli", "main"]
