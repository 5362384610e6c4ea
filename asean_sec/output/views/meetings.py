"""Answers shaped for output: which rows, which columns people see, what titles say."""

from __future__ import annotations

from asean_sec.output import rows
from asean_sec.model.dataset import Dataset
from asean_sec.questions.query import ChairAnswer
from asean_sec.output.render import Column, Report


def _country_and_person(country_field: str, person_field: str):
    def text(row):
        country, person = row.get(country_field), row.get(person_field)
        return " — ".join(p for p in (country, person) if p)
    return text


def chair_report(dataset: Dataset, answer: ChairAnswer | None, year: int, mechanism: str) -> Report:
    found = [rows.chair_row(dataset, answer)] if answer else []
    label = dataset.mechanisms[mechanism].acronym
    columns = [
        Column("Year", "year"),
        Column("Body", "mechanism_name"),
        Column("Chair", _country_and_person("country_name", "person_name")),
        Column("Status", "status"),
        Column("Basis", "basis"),
        Column("Note", "note"),
        Column("Verified", "last_verified"),
    ]
    return Report(title=f"{label} chair, {year}", rows=found, columns=columns, single=True,
                  empty_message=f"No record of the {label} chair for {year}.")


def _place(row):
    return ", ".join(p for p in (row.get("city"), row.get("host_name")) if p)


def _dates(row):
    start, end = row.get("start") or "", row.get("end")
    return f"{start}/{end}" if end and end != start else start


INFERRED = " (inferred)"
INFERRED_NOTE = ("(inferred): no source names this chair; it follows from the body's sourced chair rule "
                 "(--stated-only leaves these out).")


def _chair(row):
    if row.get("chair_country_name"):
        text = _country_and_person("chair_country_name", "chair_person_name")(row)
        return text + INFERRED if row.get("chair_basis") == "rule" else text
    return " & ".join(s["country_name"] for s in row.get("co_chairs", ()))


def meetings_report(dataset: Dataset, meetings) -> Report:
    found = [rows.meeting_row(dataset, m) for m in meetings]
    refs: list[str] = []
    for row in found:
        refs += [r for r in row["sources"] if r not in refs]

    def cited(row):
        return ",".join(str(refs.index(r) + 1) for r in row["sources"])

    columns = [
        Column("Date", _dates),
        Column("Meeting", rows.meeting_label),
        Column("Place", _place, max_width=28),
        Column("Chair / co-chairs", _chair, max_width=34),
        Column("Adopted", lambda r: "; ".join(o["title"] or o["id"] for o in r["outcomes"]), max_width=40),
        Column("Src", cited),
    ]
    notes = [INFERRED_NOTE] if any(row.get("chair_basis") == "rule" for row in found) else []
    return Report(title=f"{len(found)} meeting{'s' if len(found) != 1 else ''}", rows=found, columns=columns,
                  empty_message="No meeting matches those filters.", notes=notes)
