"""The command line: parse, load, ask, render. No business logic lives here.

Exit codes are documented in cli/support.py and the README.

The console script (and `python -m asean_sec`) imports this module, then calls main(); until
main() runs, the package's own start-up guard (asean_sec/__init__.py) handles Ctrl-C.
"""

from __future__ import annotations

import os
import sys

import click

from asean_sec import DATA_LICENSE, DATA_LICENSE_URL, __version__
from asean_sec import signals as signal
from asean_sec.cli.support import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT, DateType, Group, PathText, State
from asean_sec.problems import Interrupted

_running = False  # True while main() runs the command: signals then unwind (exports remove their temporaries)


def _on_signal(signum, frame):
    """Ctrl-C: unwinds (Interrupted) while main() runs the command, else ends the run at once."""
    if _running:
        raise Interrupted(signum)
    os._exit(128 + signum)  # starting or finishing: nothing to clean up, nothing to say

_VERSION_WANTED = "asean_sec.version_wanted"


def print_version(ctx, param, value):
    """--version: the program, the licences, and the as-of date of the data it would read (--data-dir's, wherever
    it stands on the command line: if it comes later, its own callback prints the version)."""
    if not value or ctx.resilient_parsing:
        return
    if "data_dir" in ctx.params:
        _show_version(ctx, ctx.params["data_dir"])
    ctx.meta[_VERSION_WANTED] = True


def _data_dir_chosen(ctx, param, value):
    if ctx.meta.get(_VERSION_WANTED) and not ctx.resilient_parsing:
        _show_version(ctx, value)
    return value


def _show_version(ctx, data_dir) -> None:
    import re

    from asean_sec.loading import files
    from asean_sec.loading.load import find_data_dir
    from asean_sec.output.safe import one_line
    from asean_sec.problems import DataError

    try:
        directory = find_data_dir(data_dir)
    except DataError as err:
        raise click.BadParameter(err.problems[0].message, ctx, param_hint="'--data-dir'") from None
    try:
        text = files.read_regular(directory / "dataset.yaml", 1 << 20)[0].decode("utf-8-sig", "replace")
        found = re.search(r"^as_of:\s*[\"']?([0-9]{4}-[0-9]{2}-[0-9]{2})", text, re.M)
    except (OSError, ValueError):
        found = None
    click.echo(f"asean-sec {__version__} (data as of {found.group(1) if found else 'unknown'}, "
               f"{one_line(str(directory))})\n"
               f"code: MIT licence; curated data: {DATA_LICENSE} ({DATA_LICENSE_URL}); "
               "each cited source keeps its own terms")
    ctx.exit()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--data-dir", type=PathText("dir"), envvar="ASEAN_SEC_DATA", is_eager=True, callback=_data_dir_chosen,
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
    "meeting": "asean_sec.cli.core",
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
    "document": "asean_sec.cli.briefing",
    "coverage": "asean_sec.cli.coverage",
    "rotation": "asean_sec.cli.plan",
    "upcoming": "asean_sec.cli.plan",
}
cli.lazy_commands = COMMANDS


def main() -> None:
    """Console entry point: run, flush, leave.

    Standard output and error escape control characters (output/safe.py) and replace what their
    encoding cannot show; a failed write to standard output (a full disk, a closed descriptor) is
    one line on standard error and exit 4; a closed pipe ends quietly (exit 0); Ctrl-C exits 130
    quietly; SIGTERM and SIGHUP end the process by that signal, after an export removes its
    temporary. It leaves with os._exit once both streams are flushed: the interpreter's teardown
    (freeing every object, a last collection) costs a fifth of a short answer and does nothing a
    finished run needs.
    """
    global _running
    import gc

    if os.environ.get("_ASEAN_SEC_COMPLETE"):  # completing: escaped words for bash (cli/completion.py)
        from asean_sec.cli.completion import install_shell_classes

        install_shell_classes()

    gc.disable()
    for name, handler in (("SIGINT", _on_signal), ("SIGXFSZ", signal.SIG_IGN)):
        try:  # SIGXFSZ ignored: a file-size limit (ulimit -f) is a write error (EFBIG), reported
            signal.signal(getattr(signal, name), handler)
        except (AttributeError, ValueError):  # pragma: no cover - not POSIX, or not the main thread
            pass
    _guard_streams()
    _running = True  # from here to the end of _run() a signal unwinds; before and after, it ends the run at once
    code = _run()
    _running = False
    try:
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - nowhere left to report it
        pass
    if code < 0:  # ended by SIGTERM or SIGHUP: end the same way, so that the caller sees the signal
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
        code = 128 - code
    os._exit(code)


def _guard_streams() -> None:
    """No file the program opens may take descriptor 0, 1 or 2 (a closed one is given /dev/null),
    and writes to standard output or error go through safe.Stream."""
    from asean_sec.output.safe import Closed, Stream

    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = Closed()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process's life
    for raw in (sys.stdout, sys.stderr):
        try:
            raw.reconfigure(errors="replace")  # type: ignore[union-attr]  # an unencodable character becomes "?"
        except (AttributeError, ValueError, OSError):
            pass
    _sane_terminal_size()
    sys.stdout = Stream.wrap(sys.stdout)
    sys.stderr = Stream(sys.stderr, "standard error")


def _sane_terminal_size() -> None:
    """COLUMNS or LINES that are not a positive number (COLUMNS=0) are ignored: tables would be empty."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.isdigit() and 0 < int(value) <= 100_000):
            del os.environ[name]


def _run() -> int:
    """The exit code of one run (a negative one: ended by that signal); what goes wrong is one line."""
    from asean_sec.output.safe import StreamFailed, one_line

    try:
        try:
            result = cli.main(prog_name="asean-sec", standalone_mode=False)
            code = result if isinstance(result, int) and not isinstance(result, bool) else EXIT_OK
        except click.ClickException as err:
            err.show()
            code = err.exit_code
        except click.Abort:
            click.echo("Aborted!", err=True)
            code = 1
        sys.stdout.flush()
        return code
    except Interrupted as err:
        return EXIT_INTERRUPTED if err.signum == signal.SIGINT else -err.signum
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except StreamFailed as err:
        import errno

        if err.error.errno == errno.EPIPE or err.name != "standard output":
            return EXIT_OK if err.error.errno == errno.EPIPE else EXIT_OUTPUT  # the reader left: quietly
        _say(f"asean-sec: error: {err}")
        return EXIT_OUTPUT
    except Exception as err:  # noqa: BLE001 - a bug: one line, never a traceback
        if os.environ.get("ASEAN_SEC_DEBUG"):
            import traceback

            traceback.print_exc()
        _say(f"asean-sec: internal error: {type(err).__name__}: {one_line(str(err))[:300]} "
             "(set ASEAN_SEC_DEBUG=1 to see where; please report it)")
        return EXIT_BUG


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - standard error is gone too
        pass
