"""Who chairs what, year by year: the chair question asked of many bodies and years at once.

Pure: no I/O, no formatting. Each answer is `query.chair_as_of`, with one refinement: an answer
that rests on a rule rather than on a record of that body (it follows the ASEAN chair or its
parent body, or it rotates alphabetically) is `inferred`, unless what it follows is itself only
`projected`.
"""

from __future__ import annotations

import datetime as dt

from asean_sec.model.dataset import Dataset
from asean_sec.model.kinds import ChairRule
from asean_sec.model.record import replace
from asean_sec.questions import query
from asean_sec.questions.query import ChairAnswer

# The bodies shown when none is asked for, in this order, after ASEAN itself: those whose chair
# is on record year by year or follows a rule. Ids missing from the data are skipped.
DEFAULT_BODIES = ("asean", "ammtc", "somtc", "ammd", "asod", "admm", "admm-plus", "aseanapol", "dgicm")

INFERRED = "inferred"
UNKNOWN = "unknown"
YEARS_BACK, YEARS_AHEAD = 3, 4


def default_years(as_of: dt.date) -> tuple[int, int]:
    return as_of.year - YEARS_BACK, as_of.year + YEARS_AHEAD


def default_bodies(dataset: Dataset) -> list[str]:
    return [b for b in DEFAULT_BODIES if b == query.ASEAN or b in dataset.mechanisms]


def rotation(dataset: Dataset, years: range, bodies: list[str], as_of: dt.date) -> list[ChairAnswer]:
    """One answer per year and body, years first; a body with no answer for a year is `unknown`."""
    found = []
    for year in years:
        for body in bodies:
            found.append(chair_cell(dataset, year, body, as_of))
    return found


def chair_cell(dataset: Dataset, year: int, body: str, as_of: dt.date) -> ChairAnswer:
    answer = query.chair_as_of(dataset, year, body, as_of)
    if answer is None or answer.country is None:
        answer = _alphabetical(dataset, year, body, as_of) or answer
    if answer is None:
        return ChairAnswer(year, body, None, UNKNOWN, "no record", None, ())
    if answer.country and answer.basis.startswith("follows") and answer.status not in ("projected", "later"):
        return replace(answer, status=INFERRED)
    return answer


def _alphabetical(dataset: Dataset, year: int, body: str, as_of: dt.date) -> ChairAnswer | None:
    """A body (other than ASEAN) whose chair rotates in the alphabetical order of member states:
    the chair after the nearest earlier year on record."""
    mechanism = dataset.mechanisms.get(body)
    if body == query.ASEAN or mechanism is None or mechanism.chair_rule is not ChairRule.ALPHABETICAL_ROTATION:
        return None
    for earlier in range(year - 1, year - 11, -1):
        known = query.chair_as_of(dataset, earlier, body, as_of)
        if known is not None and known.country and known.status in ("held", "confirmed"):
            country = known.country
            for step in range(earlier + 1, year + 1):
                order = query.members_in(dataset, step)
                if not order:
                    return None
                country = query._next_in(order, country, dataset)
            note = f"Inferred by alphabetical rotation from the {earlier} chair ({known.basis})."
            return ChairAnswer(year, body, country, INFERRED, "alphabetical rotation", note,
                               mechanism.sources + known.sources)
    return None
