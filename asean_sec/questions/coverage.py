"""How complete the data is: per body and for the whole dataset. Pure: no click, no printing.

Per body (`mechanism_rows`): meetings recorded; the numbered series (its range, the numbers
missing from 1 up, and whether the body's note explains them the way `validate` expects, by
mentioning "ordinal gaps"); meetings without a chair, without a full start day, or cited only
by the first seed articles. For the dataset (`totals`): its as-of date, records per kind, and
the ASEAN chair years covered.

Row fields are a public contract like rows.py's: add fields, never rename or remove them.
output/views/coverage.py shapes them for people.
"""

from __future__ import annotations

import re

from asean_sec.model.dataset import Dataset
from asean_sec.model.kinds import Meeting
from asean_sec.questions import query

# The articles the dataset was first built from. A meeting cited by these alone has not yet
# been checked against a second, independent source.
SEED_SOURCES = frozenset({
    "phnompenhpost-2023-08-ammtc17-plus3",
    "vna-2024-08-quang-meets-sg",
    "cand-2024-08-ammtc18",
    "vietnamtimes-2024-08-ammtc18",
    "phnompenhpost-2024-01-kh-vn-security-pact",
})
# validate.py's rules for numbered series, kept identical (tests compare the two):
GAP_NOTE = "ordinal gaps"  # a body's note containing this explains the numbers missing
YEAR_ORDINALS = 500  # a series whose numbers go above this counts years, not meetings

# The record kinds counted (totals field `records_<kind>`), in the order `asean-sec validate` lists them.
SECTIONS = ("countries", "mechanisms", "asean_chair", "meetings", "people", "offices", "documents", "roles",
            "crimes", "sources")
KIND_LABELS = {"asean_chair": "ASEAN chair years"}

MECHANISM_FIELDS = ("mechanism", "mechanism_name", "name", "meetings", "held", "first_start", "last_start",
                    "ordinal_first", "ordinal_last", "ordinals_scheduled", "ordinals_are_years", "ordinal_gaps",
                    "gaps_explained", "other_ordinals", "without_chair", "without_chair_meetings",
                    "without_start_day", "without_start_day_meetings", "seed_sources_only",
                    "seed_sources_only_meetings", "chairs_stated", "chairs_inferred", "latest_meeting",
                    "latest_ordinal", "latest_start")

_NUMBER = re.compile(r"[0-9]+")


def tree_order(dataset: Dataset) -> list[str]:
    """Body ids with each body followed by those under it, as `asean-sec mechanisms` shows them:
    the ASEAN chair first, then bodies that have others below them, then the rest, siblings in
    the data's order."""
    below: dict[str | None, list[str]] = {}
    for body in dataset.mechanisms.values():
        parent = body.parent if body.parent in dataset.mechanisms else None
        below.setdefault(parent, []).append(body.id)
    tops = sorted(below.get(None, []), key=lambda b: (b != query.ASEAN, not below.get(b)))
    found: list[str] = []

    def walk(body: str) -> None:
        found.append(body)
        for child in below.get(body, ()):
            walk(child)

    for top in tops:
        walk(top)
    return found + [b for b in dataset.mechanisms if b not in found]  # none, unless parents loop


def _start_key(meeting: Meeting):
    return (meeting.start.sort_key() if meeting.start else (9999, 0, 0), meeting.id)


def _numbered(meetings: list[Meeting]) -> dict:
    """The numbered series: range of meetings held, numbers scheduled, numbers missing."""
    numbered = [(int(m.ordinal), m.status) for m in meetings if _NUMBER.fullmatch(m.ordinal)]
    numbers = {n for n, _ in numbered}
    held = sorted({n for n, status in numbered if status == "held"})
    years = bool(numbers) and max(numbers) > YEAR_ORDINALS
    gaps = [] if years or not numbers else sorted(set(range(1, max(numbers) + 1)) - numbers)
    return {
        "ordinal_first": held[0] if held else None,
        "ordinal_last": held[-1] if held else None,
        "ordinals_scheduled": sorted({n for n, status in numbered if status == "scheduled"}),
        "ordinals_are_years": years,
        "ordinal_gaps": gaps,
    }


def mechanism_row(dataset: Dataset, mechanism: str, meetings: list[Meeting], note: str | None = None) -> dict:
    """Coverage of one body, from its meetings (any order) and its note (the `note` field of its
    record in mechanisms.yaml, which the model does not keep)."""
    body = dataset.mechanisms[mechanism]
    meetings = sorted(meetings, key=_start_key)
    dated = [m for m in meetings if m.start]
    no_chair = [m.id for m in meetings if m.chair is None and not m.co_chairs]
    inferred = sum(m.chair_inferred for m in meetings)
    held = [m for m in dated if m.status == "held"]
    no_day = [m.id for m in meetings if m.start is None or m.start.day is None]
    seed_only = [m.id for m in meetings if set(m.sources) <= SEED_SOURCES]
    series = _numbered(meetings)
    row = {
        "mechanism": body.id,
        "mechanism_name": body.acronym,
        "name": body.name,
        "meetings": len(meetings),
        "held": sum(m.status == "held" for m in meetings),
        "first_start": str(dated[0].start) if dated else None,
        "last_start": str(dated[-1].start) if dated else None,
        **series,
        "gaps_explained": GAP_NOTE in str(note or "").lower() if series["ordinal_gaps"] else None,
        "other_ordinals": [m.ordinal for m in meetings if not _NUMBER.fullmatch(m.ordinal)],
        "without_chair": len(no_chair),
        "without_chair_meetings": no_chair,
        "without_start_day": len(no_day),
        "without_start_day_meetings": no_day,
        "seed_sources_only": len(seed_only),
        "seed_sources_only_meetings": seed_only,
        "chairs_stated": len(meetings) - len(no_chair) - inferred,  # a chair or co-chairs a source names
        "chairs_inferred": inferred,  # from the body's sourced chair rule
        "latest_meeting": held[-1].id if held else None,  # the latest held, by start date
        "latest_ordinal": held[-1].ordinal if held else None,
        "latest_start": str(held[-1].start) if held else None,
    }
    return {name: row[name] for name in MECHANISM_FIELDS}


def mechanism_rows(dataset: Dataset, mechanisms=None) -> list[dict]:
    """One row per body (every body, or those ids given), in tree order; bodies with no meeting
    recorded are included, with zero meetings."""
    wanted = set(mechanisms) if mechanisms is not None else None
    by_body: dict[str, list[Meeting]] = {}
    for meeting in dataset.meetings:
        by_body.setdefault(meeting.mechanism, []).append(meeting)
    notes = {r["id"]: r.get("note") for r in dataset.raw["mechanisms"]}
    return [mechanism_row(dataset, body, by_body.get(body, []), notes.get(body)) for body in tree_order(dataset)
            if wanted is None or body in wanted]


def totals(dataset: Dataset) -> dict:
    """The dataset as a whole: as-of date, records per kind, ASEAN chair years, meeting totals."""
    years = sorted(dataset.asean_chair)
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
    projected = [y for y in missing if (answer := query.asean_chair(dataset, y)) and answer.status == "projected"]
    bodies = mechanism_rows(dataset)
    return {
        "as_of": str(dataset.info.as_of),
        **{f"records_{section}": len(dataset.raw[section]) for section in SECTIONS},
        "asean_chair_first": years[0] if years else None,
        "asean_chair_last": years[-1] if years else None,
        "asean_chair_missing": missing,
        "asean_chair_projected": projected,
        "held": sum(b["held"] for b in bodies),
        "without_chair": sum(b["without_chair"] for b in bodies),
        "chairs_stated": sum(b["chairs_stated"] for b in bodies),
        "chairs_inferred": sum(b["chairs_inferred"] for b in bodies),
        "without_start_day": sum(b["without_start_day"] for b in bodies),
        "seed_sources_only": sum(b["seed_sources_only"] for b in bodies),
        "mechanisms_without_meetings": [b["mechanism"] for b in bodies if not b["meetings"]],
        "gaps_explained": [b["mechanism"] for b in bodies if b["gaps_explained"] is True],
        "gaps_unexplained": [b["mechanism"] for b in bodies if b["gaps_explained"] is False],
    }
