"""The coverage view: how complete the data is, body by body, with the dataset's totals."""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.output.document import Column, Report
from asean_sec.questions.coverage import KIND_LABELS, SECTIONS, mechanism_rows, totals


def spans(numbers) -> str:
    """[1, 2, 3, 5, 7, 8] -> '1-3, 5, 7-8'"""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _series_text(row: dict) -> str:
    first, last = row["ordinal_first"], row["ordinal_last"]
    text = "" if first is None else str(first) if first == last else f"{first}-{last}"
    if row["ordinals_scheduled"]:
        text = ", ".join(t for t in (text, f"{spans(row['ordinals_scheduled'])} scheduled") if t)
    return f"{text} (years)" if row["ordinals_are_years"] and text else text


def _gaps_text(row: dict) -> str:
    if row["ordinals_are_years"]:
        return "n/a"
    return spans(row["ordinal_gaps"])


def _latest_text(row: dict) -> str:
    """'28 (2025-08-12)': the latest meeting held (the body is in the row's first column)."""
    if not row["latest_meeting"]:
        return ""
    return f"{row['latest_ordinal']} ({row['latest_start']})"


def _explained_note(row: dict) -> str:
    return {True: "(explained)", False: "(unexplained)", None: ""}[row["gaps_explained"]]


def _chair_span(row: dict) -> str:
    first, last = row["asean_chair_first"], row["asean_chair_last"]
    return "none recorded" if first is None else f"{first}-{last}"


def _summary_notes(found: dict) -> list[str]:
    counts = ", ".join(f"{found['records_' + s]} {KIND_LABELS.get(s, s)}" for s in SECTIONS)
    missing = spans(found["asean_chair_missing"]) or "none"
    projected = found["asean_chair_projected"]
    if projected:
        missing += f" ({spans(projected)} projected by rotation)"
    unexplained = ", ".join(found["gaps_unexplained"]) or "none"
    return [
        f"Records: {counts}.",
        f"ASEAN chair years: {_chair_span(found)}; not recorded: {missing}.",
        f"Meetings: {found['records_meetings']} recorded, {found['held']} held; "
        f"{found['chairs_stated']} with a chair a source names, {found['chairs_inferred']} with a chair inferred "
        f"from the body's sourced rule, {found['without_chair']} without a chair, "
        f"{found['without_start_day']} without a full start day, "
        f"{found['seed_sources_only']} cited only by the seed articles. Unexplained ordinal gaps: {unexplained}.",
    ]


def coverage_report(dataset: Dataset, mechanisms=None) -> Report:
    """One row per body; under the table, the as-of date and (for every body) the dataset totals."""
    found = mechanism_rows(dataset, mechanisms)
    columns = [
        Column("Body", "mechanism_name", ratio=3),
        Column("Meetings", "meetings"),
        Column("Numbered", _series_text, ratio=2, drop=1),
        Column("Gaps", lambda r: " ".join(t for t in (_gaps_text(r), _explained_note(r)) if t), ratio=2, drop=3),
        Column("Unnumbered", "other_ordinals", ratio=2, drop=4),
        Column("Chair stated", "chairs_stated", hide_zero=True),
        Column("Inferred", "chairs_inferred", hide_zero=True),
        Column("No chair", "without_chair"),
        Column("Latest", _latest_text, ratio=2),  # the must-show of coverage: kept before the series' numbers
        Column("No day", "without_start_day", drop=2),
        Column("Seed only", "seed_sources_only", hide_zero=True),
    ]
    notes = [f"Data as of {dataset.info.as_of}."]
    if mechanisms is None:
        notes += _summary_notes(totals(dataset))
    return Report(title=f"Coverage of {len(found)} bod{'ies' if len(found) != 1 else 'y'}", rows=found,
                  columns=columns, notes=notes, empty_message="No body matches.")


def totals_report(dataset: Dataset) -> Report:
    """The dataset totals as one record."""
    found = totals(dataset)
    columns = [Column("As of", "as_of")]
    columns += [Column(KIND_LABELS.get(s, s).capitalize().replace("Asean", "ASEAN"), f"records_{s}")
                for s in SECTIONS]
    columns += [
        Column("ASEAN chair span", _chair_span),
        Column("Chair years missing", lambda r: spans(r["asean_chair_missing"])),
        Column("Of those, projected", lambda r: spans(r["asean_chair_projected"])),
        Column("Meetings held", "held"),
        Column("Chairs stated", "chairs_stated"),
        Column("Chairs inferred", "chairs_inferred"),
        Column("Without a chair", "without_chair"),
        Column("Without a start day", "without_start_day"),
        Column("Seed sources only", "seed_sources_only"),
        Column("Bodies without meetings", "mechanisms_without_meetings"),
        Column("Gaps explained", "gaps_explained"),
        Column("Gaps unexplained", "gaps_unexplained"),
    ]
    return Report(title=f"Dataset totals as of {found['as_of']}", rows=[found], columns=columns, single=True)
