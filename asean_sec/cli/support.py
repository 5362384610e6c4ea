"""What every command shares: state, parameter types, output options, errors and exit codes.

Exit codes: 0 answered; 1 nothing matched; 2 usage error (bad option, unknown name);
3 the data is invalid; 4 output not written (an export refused or failed, standard output full
or closed); 130 interrupted (Ctrl-C); 70 an internal error (a bug: one line, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from asean_sec.problems import DataError, LookupFailed, OutputRefused

if TYPE_CHECKING:
    from asean_sec.model.dataset import Dataset

EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE, EXIT_DATA, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED, EXIT_BUG = 130, 70

# Dates and years people may ask about. Answers look years ahead of --as-of (next chairs, the
# rotation of the coming members, projected year by year), and Python's dates end in 9999: the
# range keeps every answer representable, and cheap, with centuries to spare for real questions.
MIN_YEAR, MAX_YEAR = 1, 2999
MAX_TEXT = 200  # characters in a name or search argument
MAX_TERMS = 16  # words in a search


def _escaped(text: str) -> str:
    from asean_sec.output.safe import escape

    return escape(text)


class DataProblem(click.ClickException):
    exit_code = EXIT_DATA

    def __init__(self, error: DataError):
        self.error = error
        super().__init__(str(error))

    def show(self, file=None):
        problems = self.error.problems
        if len(problems) == 1 and problems[0].line is None:  # the directory itself, or one whole file
            click.echo(_escaped(f"error: {problems[0]}"), err=True)
            return
        lines = [f"error: the data is invalid ({len(self.error.problems)} problem"
                 f"{'s' if len(self.error.problems) != 1 else ''}):"]
        lines += [f"  {p}" for p in self.error.problems[:50]]
        if len(self.error.problems) > 50:
            lines.append(f"  … and {len(self.error.problems) - 50} more (asean-sec validate lists them all)")
        click.echo(_escaped("\n".join(lines)), err=True)


class UnknownName(click.UsageError):
    def show(self, file=None):
        click.echo(_escaped(f"error: {self.message}"), err=True)


class NothingMatched(click.ClickException):
    exit_code = EXIT_NO_MATCH

    def show(self, file=None):
        click.echo(_escaped(self.message), err=True)


class OutputFailed(click.ClickException):
    exit_code = EXIT_OUTPUT

    def show(self, file=None):
        click.echo(_escaped(f"error: {self.message}"), err=True)


def _show_help(ctx, param, value):
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class _PlainHelp:
    """-h/--help without click's translation lookup: click translates its own help text on every
    run, which imports `locale` and searches for message catalogues it never finds; asean-sec's
    text is English only."""

    get_help_option_names: Any  # from the click.Command it is mixed into
    add_help_option: bool

    def get_help_option(self, ctx):
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self.__dict__.get("_plain_help") is None:
            self._plain_help = click.Option(names, is_flag=True, is_eager=True, expose_value=False,
                                            callback=_show_help, help="Show this message and exit.")
        return self._plain_help


class Command(_PlainHelp, click.Command):
    """A command with the plain help option, that refuses an option given twice when it takes
    one value (click would silently keep the last); options marked `multiple` combine."""

    def parse_args(self, ctx, args):
        single = {}
        for param in self.params:
            if isinstance(param, click.Option) and not param.multiple and not param.is_flag and param.nargs == 1:
                for name in param.opts:
                    single[name] = param
        seen: dict = {}
        taking = False
        for arg in args:
            if taking:
                taking = False
                continue
            if arg == "--":
                break
            name = arg.split("=", 1)[0] if arg.startswith("--") else arg[:2] if arg.startswith("-") else arg
            param = single.get(name)
            if param is None:
                continue
            taking = name == arg
            if param.name in seen:
                raise click.UsageError(f"{max(param.opts, key=len)} given twice: give it once (it takes one value)",
                                       ctx)
            seen[param.name] = name
        return super().parse_args(ctx, args)


def command(**settings):
    """Define a command for the `COMMANDS` registry (cli/app.py): a click command with the plain
    help option, not yet attached to the group. Its text parameters are `Text` (never empty, no
    control characters, bounded), its years bounded to MIN_YEAR-MAX_YEAR, wherever it is defined;
    and the group's --as-of and --data-dir are accepted after the command's name too
    (`asean-sec country th --as-of 2013-01-01`), where people put them."""
    def decorate(function):
        made = click.command(cls=Command, **settings)(function)
        for param in made.params:
            if param.type is click.STRING:
                param.type = TEXT
                if param.nargs == -1:
                    param.callback = _bounded_words
            elif isinstance(param.type, click.IntRange) and param.type.max == 9999:
                param.type = click.IntRange(max(param.type.min or MIN_YEAR, MIN_YEAR), MAX_YEAR)
        made.params += [
            # eager: read before the command's own dates, so that their 'today' is this day
            click.Option(["--as-of"], type=DateType(), expose_value=False, callback=_late_choice, is_eager=True,
                         help="As the option before the command: answer as on this day (YYYY-MM-DD)."),
            click.Option(["--data-dir"], type=PathText("dir"), expose_value=False, callback=_late_choice,
                         help="As the option before the command: the data directory to read."),
        ]
        return made
    return decorate


def _late_choice(ctx, param, value):
    """--as-of or --data-dir given after the command: it replaces the group's choice (as the README says:
    a wrapper or alias may set one before the command, and a question override it after)."""
    state = ctx.find_object(State)
    if value is not None and state is not None and not ctx.resilient_parsing:
        setattr(state, param.name, value)
    return value


class Text(click.ParamType):
    """A name or a search word: never empty (an empty filter would silently answer everything),
    at most MAX_TEXT characters, no control characters (shown escaped when refused)."""

    name = "text"

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            value = os.fsdecode(value) if isinstance(value, bytes) else str(value)
        from asean_sec.output.safe import one_line, shorten

        if not value.strip():
            hint = "give a value" if isinstance(param, click.Argument) else "give a value, or leave the option out"
            self.fail(f"is empty: {hint}", param, ctx)
        if len(value) > MAX_TEXT:
            self.fail(f"{one_line(shorten(value, 40))!r} is {len(value):,} characters long: at most {MAX_TEXT}",
                      param, ctx)
        if one_line(value) != value:
            self.fail(f"{one_line(value)!r} holds a control character (shown escaped)", param, ctx)
        return value


TEXT = Text()


def _bounded_words(ctx, param, value):
    """Several words (search): at most MAX_TERMS of them and MAX_TEXT characters in all."""
    words = [w for part in value or () for w in part.split()]
    if len(words) > MAX_TERMS:
        raise click.BadParameter(f"{len(words)} words: a search takes at most {MAX_TERMS}", ctx, param)
    if sum(len(w) + 1 for w in words) - 1 > MAX_TEXT:
        raise click.BadParameter(f"the words are over {MAX_TEXT} characters in all", ctx, param)
    return value


class PathText(click.ParamType):
    """A file or directory path, taken as typed (asean-sec reports a missing one itself); the
    shell completes it as a path. click.Path does the same, translating its labels on every run."""

    name = "path"

    def __init__(self, kind: str = "file"):
        self.kind = kind

    def convert(self, value, param, ctx):
        return value if isinstance(value, str) else os.fsdecode(value)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type=self.kind)]


class Group(_PlainHelp, click.Group):
    """Turns domain errors into click errors so every entry point gets the same exit codes.

    Commands named in `lazy_commands` (name -> module) are imported only when used or listed,
    so a question to one command does not pay for defining all the others.
    """

    command_class = Command

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = {}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy_commands))

    def get_command(self, ctx, name):
        if name not in self.commands and name in self.lazy_commands:
            import importlib

            found = getattr(importlib.import_module(self.lazy_commands[name]), name.replace("-", "_"))
            self.add_command(found, name)
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DataError as err:
            raise DataProblem(err) from None
        except LookupFailed as err:
            raise UnknownName(str(err), ctx) from None
        except OutputRefused as err:
            raise OutputFailed(str(err)) from None
        except BrokenPipeError:
            quiet_closed_pipe()
            raise click.exceptions.Exit(EXIT_OK) from None


def quiet_closed_pipe() -> None:
    """The reader closed the pipe (`| head -1`): end quietly with 0, as the README says; what
    is still buffered goes nowhere instead of raising again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class State:
    """What the global options chose; the dataset is loaded on first use."""

    def __init__(self, data_dir, as_of: dt.date):
        self.data_dir, self.as_of = data_dir, as_of
        self._dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            from asean_sec.loading.load import load

            self._dataset = load(self.data_dir)
            self._dataset.refs_alone = _cites_refs_alone()
            _beyond_the_data(self._dataset, self.as_of)
        return self._dataset


def _cites_refs_alone() -> bool:
    """Whether the command asked for an answer that cites its sources by reference only (a machine
    format, or --no-cite): then a source's record need not be read, only its reference."""
    from asean_sec.output.render import MACHINE_FORMATS

    ctx = click.get_current_context(silent=True)
    params = ctx.params if ctx else {}
    return params.get("fmt") in MACHINE_FORMATS or params.get("cite") is False


BEYOND = dt.timedelta(days=31)  # the default day (today) a month past the data's own date: no note yet


def _beyond_the_data(dataset: Dataset, as_of: dt.date) -> None:
    """A note on stderr when the day asked is well after the data's as-of date: 'in office' and
    'current' then mean 'on record on the data's date', and may have changed since."""
    try:
        recorded = dt.date.fromisoformat(str(dataset.info.as_of))
    except ValueError:  # a data set of one's own whose as_of is not a day: nothing to compare
        return
    if as_of > recorded + BEYOND:
        sys.stderr.write(f"asean-sec: note: the data is as of {recorded}; for {as_of} it shows what was on record "
                         "then (a holder 'in office' or a chair may have changed since)\n")


class DateType(click.ParamType):
    """YYYY-MM-DD, or with `partial` also YYYY and YYYY-MM; 'today' is accepted."""

    name = "date"

    def __init__(self, partial: bool = False, end: bool = False):
        self.partial, self.end = partial, end

    def convert(self, value, param, ctx):
        from asean_sec.model.dates import BadDate, PartialDate, parse_day

        if isinstance(value, dt.date):
            return value
        if str(value).strip().lower() == "today" and param is not None and param.name != "as_of":
            state = ctx.find_object(State) if ctx is not None else None
            if state is not None:  # 'today' in a question is the day it is asked as of (--as-of)
                return state.as_of
        try:
            if self.partial and str(value).strip().lower() != "today":
                parsed = PartialDate.parse(value)
                day = parsed.last_day if self.end else parsed.first_day
            else:
                day = parse_day(value)
        except BadDate as err:
            self.fail(str(err), param, ctx)
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.fail(f"{value!r} is out of range: dates run from {MIN_YEAR:04d}-01-01 to {MAX_YEAR}-12-31",
                      param, ctx)
        return day


def output_options_with(*extra_formats: str):
    """--format (with any command-specific formats), --color, --cite and --pager."""
    from asean_sec.output.render import CHOICES, COLORS

    def decorate(command):
        command = click.option("--pager/--no-pager", default=True, show_default=True, expose_value=False,
                               callback=_remember,
                               help="On a terminal, page an answer longer than the screen through "
                                    "$ASEAN_SEC_PAGER, else $PAGER, else 'less -FRX'.")(command)
        command = click.option("--cite/--no-cite", default=True, show_default=True,
                               help="List the sources of what is shown.")(command)
        command = click.option("--color", type=click.Choice(COLORS), default="auto", show_default=True,
                               help="Colour in tables; NO_COLOR and TERM=dumb turn it off in auto, "
                                    "'always' wins over both.")(command)
        return click.option("--format", "fmt", type=click.Choice(CHOICES + extra_formats), default="auto",
                            show_default=True, help="auto: a table on a terminal, plain text when piped.")(command)
    return decorate


output_options = output_options_with()


def _remember(ctx, param, value):
    """Keep an output option for emit() rather than pass it to the command."""
    ctx.meta[f"asean_sec.{param.name}"] = value
    return value


def list_options_with(limit: int = 0):
    """--limit and --reverse, for the commands that answer with a list; emit() applies them."""
    def decorate(command):
        command = click.option("--reverse", "-r", is_flag=True, expose_value=False, callback=_remember,
                               help="Last first (newest first in a list by date).")(command)
        return click.option("--limit", "-n", type=click.IntRange(0), default=limit, show_default=True,
                            expose_value=False, callback=_remember,
                            help="Show at most this many records (0: all).")(command)
    return decorate


list_options = list_options_with()


def emit(answer, fmt: str, color: str, cite: bool = True) -> None:
    """Render `answer` (a Report or a Document) through the format registry, paged on a terminal
    when longer than the screen; exit 1, like grep, when it has no rows. --limit and --reverse
    (list_options) apply to a list answer."""
    from asean_sec.output.document import document
    from asean_sec.output.render import MACHINE_FORMATS, isatty, render, resolve_format
    from asean_sec.output.safe import Stream

    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx else {}
    pager = meta.get("asean_sec.pager", True)
    limit, reverse = meta.get("asean_sec.limit", 0), meta.get("asean_sec.reverse", False)
    doc = document(answer)
    doc.cite = doc.cite and cite
    if not doc.compound:
        _cut(doc.report, limit, reverse)
    # --color always asks for colour: a pipe then gets the table it colours (auto would write plain text)
    chosen = "table" if fmt == "auto" and color == "always" else resolve_format(fmt, sys.stdout)
    human = chosen in ("table", "plain", "markdown")
    if doc.rows or chosen in MACHINE_FORMATS + ("ics",):
        if human and doc.cite:
            doc.citations = _citations(ctx)
        if chosen == "ics":
            doc.stamp = _data_as_of(ctx)
        if human and pager and isatty(sys.stdout):
            from asean_sec.output.pager import paged  # only a terminal is paged

            paged(doc, chosen, color, _stream_mode(chosen, color))
        else:
            render(doc, chosen, color, Stream.wrap(sys.stdout, _stream_mode(chosen, color)))
    if not doc.rows:
        raise NothingMatched(doc.empty_message)


def _cut(report, limit: int, reverse: bool) -> None:
    """--reverse and --limit on a list; its Src column is numbered afresh for the rows left, in
    their new order, so that it matches the list of sources under them."""
    if not (reverse or limit and len(report.rows) > limit):
        return
    found = _newest_first(report.rows) if reverse else report.rows
    left = len(found) - limit if limit else 0
    report.keep_rows(found[:limit] if left > 0 else found)
    if left > 0:
        report.notes = report.notes + [f"… {left} more (use --limit 0 to see all)"]


def _newest_first(rows: list[dict]) -> list[dict]:
    """A list in date order, reversed; the rows with no date, which close it, still close it (the
    newest meeting first, not one whose date is unknown)."""
    key = next((k for k in ("start", "date") if rows and k in rows[0]), None)
    if key is None:
        return rows[::-1]
    return [r for r in rows if r.get(key)][::-1] + [r for r in rows if not r.get(key)]


def _data_as_of(ctx) -> str | None:
    """The loaded dataset's as-of date (YYYY-MM-DD), if a dataset was loaded."""
    state = ctx.find_object(State) if ctx else None
    if state is None or state._dataset is None:
        return None
    return str(state._dataset.info.as_of)


def _citations(ctx) -> Mapping:
    """Source reference (URL or document) -> its Source record, for the list under an answer."""
    state = ctx.find_object(State) if ctx else None
    if state is None or state._dataset is None:
        return {}
    return _Citations(state._dataset)


class _Citations(Mapping):
    """Source reference -> Source. An answer's references were made from the sources it built
    (output/rows.py source_refs), so those answer first; every source is built only for a
    reference none of them has, or to list them all."""

    def __init__(self, dataset):
        self._dataset = dataset
        self._seen: dict = {}
        self._all: dict | None = None

    def __getitem__(self, ref):
        if self._all is not None:
            return self._all[ref]
        if ref not in self._seen:
            self._seen = {s.ref: s for s in self._dataset.sources_built()}
        if ref in self._seen:
            return self._seen[ref]
        return self._everything()[ref]

    def _everything(self) -> dict:
        if self._all is None:
            self._all = {s.ref: s for s in self._dataset.sources.values()}
        return self._all

    def __iter__(self):
        return iter(self._everything())

    def __len__(self):
        return len(self._everything())

    def __bool__(self):
        return True


def _stream_mode(chosen: str, color: str) -> str:
    """How standard output escapes what a format writes (see output/safe.py): JSON escapes, CRLF kept
    for iCalendar, the table's own colour codes kept when it is coloured; otherwise visible escapes."""
    if chosen in ("json", "jsonl"):
        return "json"
    if chosen == "ics":
        return "crlf"
    if chosen == "table":
        from asean_sec.output.render import color_enabled

        return "sgr" if color_enabled(color, sys.stdout) else "text"
    return "text"


def pass_state(command):
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        return command(click.get_current_context().find_object(State), *args, **kwargs)
    return wrapper


def check_span(since, until) -> None:
    """--since after --until is a usage error (exit 2), as `rotation --from` after `--to` is."""
    if since is not None and until is not None and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
