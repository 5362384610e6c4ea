"""The core commands: chair, meetings, validate, export.

Each is thin: parse -> state.dataset -> a question -> a view -> emit. Registered in `COMMANDS`
(cli/app.py).
"""

from __future__ import annotations

import sys

import click

from asean_sec.cli import completion
from asean_sec.cli.support import (
    EXIT_DATA,
    MAX_YEAR,
    MIN_YEAR,
    DateType,
    NothingMatched,
    PathText,
    check_span,
    command,
    emit,
    list_options,
    output_options,
    output_options_with,
    pass_state,
)


@command()
@click.argument("when", default="current", metavar="[YEAR|current|next|previous]")
@click.option("--mechanism", "-m", default="asean", show_default=True, shell_complete=completion.mechanisms,
              help="Body whose chair to give (an id, acronym or name, e.g. AMMTC, ASEANAPOL).")
@output_options
@pass_state
def chair(state, when, mechanism, fmt, color, cite):
    """Who chairs ASEAN (or a body) in a year, with status, basis and sources.

    'current' is the year whose chair holds the post on --as-of (for 2008, before Thailand took
    over on 24 July, Singapore's 2007); for a body whose chair holds the post from one meeting to
    the next (ASEANAPOL), 'current' names the last meeting's chair until the next is held, and a year
    with no meeting keeps the last one's chair (both inferred from that rule). Status is
    'held' (the year has begun), 'confirmed'
    (announced by a source),
    'projected' (from the Charter's alphabetical rotation, no source yet), 'inferred'
    (a body's chair from its chair rule, not a record of that body), 'later' (seen from
    an earlier --as-of: known only from pages written after that day) or 'unknown'.

    \b
    Examples:
      asean-sec chair next
      asean-sec chair 2006
      asean-sec chair current --mechanism AMMTC --format json
    """
    from asean_sec.output.views import meetings as views
    from asean_sec.questions import query

    dataset = state.dataset
    body = query.mechanism_id(dataset, mechanism)
    # the year whose chair holds the post on --as-of: for ASEAN and the bodies that follow its chair, 2007's
    # until Thailand took over on 24 July 2008
    current = query.chair_year_on(dataset, state.as_of) if query.follows_asean(dataset, body) else None
    try:
        year = query.resolve_year(when, state.as_of, current)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="YEAR") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise click.BadParameter(f"{year} is out of range: years run from {MIN_YEAR} to {MAX_YEAR}",
                                 param_hint="YEAR")
    answer = query.chair_as_of(dataset, year, body, state.as_of)
    if when.strip().lower() in ("current", "this", "now"):  # a chair held from one meeting to the next
        answer = query.chair_between_meetings(dataset, body, state.as_of) or answer
    # the chair holding the post on --as-of is in the chair, whatever year it began in (2007's, in early 2008)
    this_year = year if year == current or when.strip().lower() in ("current", "this", "now") else state.as_of.year
    emit(views.chair_report(dataset, answer, year, body, this_year), fmt, color, cite)
    if answer is not None and answer.country is None:  # shown (its rule and note), but no chair on record: exit 1
        raise NothingMatched(f"No record of the {dataset.mechanisms[body].acronym} chair for {year}.")


@command()
@click.option("--mechanism", "-m", multiple=True, shell_complete=completion.mechanisms,
              help="Only this body's meetings (id, acronym or name); repeat for several.")
@click.option("--chaired-by", metavar="COUNTRY", multiple=True, shell_complete=completion.countries,
              help="Meetings this country chaired; repeat for any of several.")
@click.option("--hosted-by", metavar="COUNTRY", multiple=True, shell_complete=completion.countries,
              help="Meetings held in this country (its host, or, with no host on record, where it met); "
                   "repeat for any of several.")
@click.option("--attended-by", metavar="COUNTRY", multiple=True, shell_complete=completion.countries,
              help="Meetings this country attended (a seat, a delegation, or host); repeat for any of several.")
@click.option("--led-by", metavar="COUNTRY", multiple=True, shell_complete=completion.countries,
              help="Meetings this country chaired OR co-chaired; repeat for any of several.")
@click.option("--year", type=click.IntRange(1, 9999), help="Meetings held in this year.")
@click.option("--since", type=DateType(partial=True), help="On or after this date (YYYY[-MM[-DD]] or 'today').")
@click.option("--until", type=DateType(partial=True, end=True), help="On or before this date.")
@click.option("--stated-only", is_flag=True,
              help="Only chairs a source names: leave out chairs inferred from a body's sourced chair rule.")
@list_options
@output_options_with("ics")
@pass_state
def meetings(state, mechanism, chaired_by, hosted_by, attended_by, led_by, year, since, until, stated_only, fmt,
             color, cite):
    """Meetings of every body, filtered; countries by any name, alias or code.

    A body or country filter given twice takes either value (-m AMMTC -m SOMTC: the meetings
    of both); --year, --since and --until take one value each; different filters must all hold.

    A chair that no source names is shown only when the body's chair rule, which a source states,
    gives it (the host chairs, or the body follows the ASEAN Chair); it is marked "(inferred)", and
    in JSON chair_basis is "rule" (else "stated"). --stated-only leaves such chairs out.

    \b
    Examples:
      asean-sec meetings --mechanism AMMTC
      asean-sec meetings --led-by "Viet Nam" --format json
      asean-sec meetings --chaired-by Singapore --stated-only
      asean-sec meetings --hosted-by laos --since 2020 --reverse --limit 5
      asean-sec meetings --since today --format ics > asean-meetings.ics
    """
    import itertools

    from asean_sec.output import render
    from asean_sec.output.views import meetings as views
    from asean_sec.questions import query

    check_span(since, until)
    dataset = state.dataset

    def ids(values, resolve):
        return list(dict.fromkeys(resolve(dataset, v) for v in values))

    chosen = {"mechanism": ids(mechanism, query.mechanism_id), "chaired_by": ids(chaired_by, query.country_id),
              "hosted_by": ids(hosted_by, query.country_id), "attended_by": ids(attended_by, query.country_id),
              "led_by": ids(led_by, query.country_id)}
    found: dict = {}
    for combination in itertools.product(*(values or [None] for values in chosen.values())):
        for meeting in query.meetings(dataset, **dict(zip(chosen, combination)), year=year, since=since,
                                      until=until, stated_only=stated_only):
            found.setdefault(meeting.id, meeting)
    ordered = sorted(found.values(), key=query.meeting_order) if len(found) > 1 else list(found.values())
    unchaired = {}  # for people only: what a list of the meetings a country chaired or led cannot hold
    if render.for_people(fmt):
        unchaired = {dataset.country_name(country) or country: len(query.hosted_without_chair(
                         dataset, country, mechanisms=chosen["mechanism"], year=year, since=since, until=until,
                         stated_only=stated_only))
                     for country in dict.fromkeys(chosen["chaired_by"] + chosen["led_by"])}
    emit(views.meetings_report(dataset, ordered, asked=views.asked(dataset, chosen, year, since, until),
                               unchaired=unchaired, stated_only=stated_only,
                               attendance=bool(chosen["attended_by"])), fmt, color, cite)


@command()
@click.argument("words", nargs=-1, required=True, metavar="MEETING", shell_complete=completion.meeting_ids)
@output_options
@pass_state
def meeting(state, words, fmt, color, cite):
    """One meeting: dates, place, chair, participants, what it adopted, its week, with sources.

    MEETING is a meeting id or a body and an ordinal, in either order, quoted or not
    (AMMTC 17, "17th AMMTC", ammtc-17, ASEANAPOL 43, "AMMTC+3" 13, ADMM Retreat 2025,
    1st ASEAN Informal Summit, AMMTC 2nd Special).

    \b
    Examples:
      asean-sec meeting AMMTC 17
      asean-sec meeting 19th AMMTC --format json
      asean-sec meeting ammtc-plus-china-12
    """
    from asean_sec.output.views import meetings as views
    from asean_sec.questions import query

    dataset = state.dataset
    found = dataset.meetings_by_id[query.meeting_id(dataset, " ".join(words))]
    emit(views.meeting_report(dataset, found, state.as_of), fmt, color, cite)


@command()
@click.argument("directory", required=False, type=PathText("dir"))
@click.option("--strict", is_flag=True, help="Treat warnings (ordinal gaps, chair doubts) as errors.")
@click.pass_context
def validate(ctx, directory, strict):
    """Check every data file: syntax, fields, dates, references, sources.

    Lists every problem with file and line, then exits 3 if any is an error.

    \b
    Examples:
      asean-sec validate
      asean-sec validate ./my-data --strict
    """
    from asean_sec.loading import load
    from asean_sec.output.safe import escape, one_line

    chosen = load.find_data_dir(directory if directory is not None else ctx.obj.data_dir)
    contents = load.read_files(chosen)
    dataset, problems = load.parse(chosen, contents)
    errors = [p for p in problems if not p.warning or strict]
    for problem in problems:
        click.echo(escape(str(problem)), err=True)
    if errors or dataset is None:
        click.echo(f"{one_line(str(chosen))}: invalid ({len(errors)} error{'s' if len(errors) != 1 else ''})", err=True)
        ctx.exit(EXIT_DATA)
        return
    counts = ", ".join(f"{len(dataset.raw[s])} {s.replace('_', ' ')}" for s in
                       ("countries", "mechanisms", "asean_chair", "meetings", "people", "offices",
                        "documents", "roles", "sources"))
    warned = sum(p.warning for p in problems)
    click.echo(f"{one_line(str(chosen))}: valid ({counts}); {warned} warning{'s' if warned != 1 else ''}")


@command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "sqlite"]), default="json", show_default=True,
              help="json: one document; csv: a directory of tables; sqlite: a database for Datasette.")
@click.argument("output", required=False, default="-", type=PathText("file"))
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@pass_state
def export(state, fmt, output, force):
    """The whole dataset as JSON (the YAML's field names), CSV tables or SQLite.

    JSON goes to standard output unless OUTPUT is given; csv and sqlite need OUTPUT.
    The SQLite file has one table per record kind, keys, foreign keys and full-text
    indexes. An existing OUTPUT is kept unless --force; a failed export leaves nothing.

    \b
    Examples:
      asean-sec export > asean-sec.json
      asean-sec export --format sqlite asean-sec.db && datasette asean-sec.db
      asean-sec export --format csv tables/ --force
    """
    from pathlib import Path

    from asean_sec.output import exports
    from asean_sec.output.safe import Stream, one_line
    from asean_sec.problems import OutputRefused

    if output == "-" and fmt != "json":
        raise click.UsageError(f"--format {fmt} writes files: give an OUTPUT path")
    if not output:
        raise OutputRefused("OUTPUT is an empty string: give a path to a new file, or - for standard output")
    dataset = state.dataset
    if output == "-":
        Stream.wrap(sys.stdout, "json").write(exports.json_text(dataset))
        return
    writer = {"json": exports.write_json, "csv": exports.write_csv, "sqlite": exports.write_sqlite}[fmt]
    writer(dataset, Path(output), force)
    click.echo(f"wrote {one_line(output)}", err=True)
