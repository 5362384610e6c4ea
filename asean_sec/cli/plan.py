"""Looking across and ahead: rotation (who chairs what, year by year) and upcoming.

Registered in `COMMANDS` (cli/app.py).
"""

from __future__ import annotations

import datetime as dt

import click

from asean_sec.cli import completion
from asean_sec.cli.support import DateType, command, emit, list_options, output_options, output_options_with, pass_state


@command()
@click.option("--from", "first", type=click.IntRange(1, 9999), help="First year (default: three years back).")
@click.option("--to", "last", type=click.IntRange(1, 9999), help="Last year (default: four years ahead).")
@click.option("--mechanism", "-m", "bodies", multiple=True, shell_complete=completion.mechanisms,
              help="A body to show (repeat for several; default: ASEAN and the bodies with a known chair).")
@output_options
@pass_state
def rotation(state, first, last, bodies, fmt, color, cite):
    """Who chairs what, year by year: a grid of years and bodies.

    Each cell is a country code and a status letter: h held, c confirmed, p projected by the
    Charter's rotation, i inferred from a rule (the body follows another chair), l recorded
    later (seen from an earlier --as-of), — not known.
    JSON and CSV give one row per year and body with the `chair` fields.

    \b
    Examples:
      asean-sec rotation
      asean-sec rotation --from 2015 --to 2027 -m ASEAN -m AMMTC -m ADMM
      asean-sec --as-of 2026-11-22 rotation --format json
    """
    from asean_sec.output.views import plan as views
    from asean_sec.questions import query
    from asean_sec.questions import rotation as questions

    dataset = state.dataset
    start, stop = questions.default_years(state.as_of)
    start, stop = first or start, last or stop
    if last is not None and first is None and start > stop:
        start = stop
    if first is not None and last is None and stop < start:
        stop = start
    if start > stop:
        raise click.BadParameter(f"--from {start} is after --to {stop}", param_hint="--from")
    if stop - start > 200:
        raise click.BadParameter("at most 200 years at once", param_hint="--to")
    chosen = list(dict.fromkeys(query.mechanism_id(dataset, b) for b in bodies)) or questions.default_bodies(dataset)
    years = range(start, stop + 1)
    answers = questions.rotation(dataset, years, chosen, state.as_of)
    emit(views.rotation_report(dataset, answers, chosen, years, cite), fmt, color, cite)


@command()
@click.option("--until", type=DateType(partial=True, end=True), help="Up to this day (YYYY[-MM[-DD]]).")
@click.option("--days", type=click.IntRange(0, 36600), help="Up to this many days ahead (default 365).")
@list_options
@output_options_with("ics")
@pass_state
def upcoming(state, until, days, fmt, color, cite):
    """What comes next, in date order: meetings, chair handovers, terms that end, instruments
    entering into force; each with its status and sources.

    Counted from --as-of (today by default), for a year unless --until or --days says otherwise.

    \b
    Examples:
      asean-sec upcoming
      asean-sec upcoming --days 90
      asean-sec --as-of 2026-11-22 upcoming --format json
      asean-sec upcoming --format ics > asean-sec-upcoming.ics
    """
    from asean_sec.output.views import plan as views
    from asean_sec.questions import upcoming as questions

    if until is not None and days is not None:
        raise click.UsageError("give --until or --days, not both")
    if until is None:
        until = state.as_of + dt.timedelta(days=365 if days is None else days)
    if until < state.as_of:
        raise click.BadParameter(f"{until} is before {state.as_of}", param_hint="--until")
    dataset = state.dataset
    events = questions.upcoming(dataset, state.as_of, until)
    emit(views.upcoming_report(dataset, events, until), fmt, color, cite)
