"""The coverage command: how complete the data is. Thin: parse -> coverage.<report>() -> emit.

Registered in `COMMANDS` (cli/app.py).
"""

from __future__ import annotations

import click

from asean_sec.cli import completion
from asean_sec.cli.support import command, emit, output_options, pass_state


@command()
@click.option("--mechanism", "-m", multiple=True, shell_complete=completion.mechanisms,
              help="Only this body (an id, acronym or name); repeat for several.")
@click.option("--totals", is_flag=True,
              help="Only the dataset's totals (as-of date, records per kind, ASEAN chair years), as one record.")
@output_options
@pass_state
def coverage(state, mechanism, totals, fmt, color, cite):
    """How complete the data is, body by body, with the dataset's totals.

    For each body: meetings recorded; the numbered series (range held, numbers scheduled, and
    the numbers missing from 1 up, with whether the body's note explains them, i.e. mentions
    "ordinal gaps", as `validate` asks); meetings with no chair or co-chair; meetings with no
    full start day (none, or a year or month only); meetings cited only by the first seed
    articles. Under the table: the dataset's as-of date, records per kind, the ASEAN chair
    years covered and those missing. Unnumbered meetings (Special, Emergency …) are listed
    apart. JSON is an array of bodies; --totals gives the totals as one object.

    Coverage describes the data itself, so it cites no sources.

    \b
    Examples:
      asean-sec coverage
      asean-sec coverage --mechanism AMMTC --mechanism SOMTC --format json
      asean-sec coverage --totals --format json
      asean-sec coverage --format markdown > coverage.md
    """
    from asean_sec.output.views import coverage as compute
    from asean_sec.questions import query

    dataset = state.dataset
    if totals:
        if mechanism:
            raise click.UsageError("--totals covers the whole dataset: drop --mechanism")
        emit(compute.totals_report(dataset), fmt, color, cite)
        return
    bodies = list(dict.fromkeys(query.mechanism_id(dataset, m) for m in mechanism)) if mechanism else None
    emit(compute.coverage_report(dataset, bodies), fmt, color, cite)
